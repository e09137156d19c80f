#!/usr/bin/env bash
# Installs the Debian packages baton needs to build and test, only when they are missing, and
# generates the Latin-1 locale the odd-terminal tests run under, only when it is missing.
# PostgreSQL's server is for the tests of the database engine: they start a cluster of their
# own in a temporary folder and never use the system's.
set -euo pipefail
needed=(libsqlite3-dev libncurses-dev libpq-dev postgresql tmux sqlite3 locales)
missing=()
for package in "${needed[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing missing packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
# A non-UTF-8 locale for the tests (Tests/Faults/TerminalLocaleTests.swift).
if ! locale -a 2>/dev/null | grep -qix 'en_US.iso88591'; then
    echo "Generating the locale en_US.ISO-8859-1"
    $sudo localedef -i en_US -f ISO-8859-1 en_US.ISO-8859-1
fi
