#!/usr/bin/env bash
# Measures the figures issue 4 (live collaboration) closes with. Not a test: nothing here passes or
# fails on timing, and `make test` does not run it.
#
#   scripts/measure-collaboration.sh [--changes N] [--idle SECONDS] [--no-build] [--no-stress]
#
#   (a) Propagation latency, CLI -> open TUI: a release-build TUI runs in a detached tmux session
#       (120x40, its own socket) on a fresh board. N times (default 50) the script adds an item with
#       a unique title through the CLI (`item add --top`), timestamps the moment the CLI process has
#       exited, then polls `tmux capture-pane -p` every ~5 ms until the title shows in the pane. The
#       latency is that moment minus the CLI's exit, so the CLI's own run time is not counted (it is
#       reported separately). Each item is archived afterwards, and the script waits until it has
#       gone from the pane, so the Backlog never scrolls. Median, 90th percentile and worst are
#       printed. The resolution is the polling interval plus one capture-pane run (a few ms).
#   (b) Idle CPU: utime+stime of the TUI process from /proc/PID/stat, read before and after SECONDS
#       (default 60) in which nobody types and nothing changes; first with that one TUI open, then
#       with a second TUI open on the same board (presence heartbeats write every 2 s), measuring
#       both over the same window.
#   (c) Throughput: runs the store stress test (Tests/CLITests/MixedConcurrencyTests.swift, debug
#       build, 8 processes x 500 mixed operations) and prints the operations per second it reports.
#       Skip it with --no-stress.
#
# Needs tmux, python3 and swift (to build). Everything lives in a temporary folder (board, HOME and
# XDG folders, tmux sockets), and on exit, however it ends, the tmux servers are killed and the
# folder is removed. The figures depend on the machine and its load; say both when quoting them.
set -euo pipefail

changes=50
idle=60
build=1
stress=1
while [ $# -gt 0 ]; do
  case "$1" in
    --changes) changes="$2"; shift 2 ;;
    --idle) idle="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --no-stress) stress=0; shift ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 64 ;;
  esac
done

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
for tool in tmux python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 69; }
done
if [ "$build" = 1 ]; then
  echo "building the release binary ..."
  swift build -c release >/dev/null
fi
baton="$root/.build/release/baton"
[ -x "$baton" ] || { echo "no release binary at $baton; run swift build -c release" >&2; exit 66; }

work="$(mktemp -d "${TMPDIR:-/tmp}/baton-measure.XXXXXX")"
sockets=()
cleanup() {
  for sock in "${sockets[@]}"; do tmux -S "$sock" kill-server 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# baton runs with HOME and XDG folders in $work; swift keeps the caller's (saved here).
caller_env=(env "HOME=$HOME" "XDG_CACHE_HOME=${XDG_CACHE_HOME:-$HOME/.cache}" "XDG_CONFIG_HOME=${XDG_CONFIG_HOME:-$HOME/.config}"
            "XDG_DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}" "XDG_STATE_HOME=${XDG_STATE_HOME:-$HOME/.local/state}")
export HOME="$work/home" XDG_DATA_HOME="$work/xdg" XDG_CONFIG_HOME="$work/xdg-config" \
       XDG_STATE_HOME="$work/xdg-state" XDG_CACHE_HOME="$work/xdg-cache"
unset BATON_BOARD TMUX TMUX_PANE NO_COLOR LC_ALL
mkdir -p "$HOME"
board="$work/board.baton"
"$baton" init --name Measure "$board" >/dev/null
conf="$work/tmux.conf"
printf 'set -g status off\nset -g escape-time 0\nset -g history-limit 100\n' > "$conf"

# start_tui NAME: a detached 120x40 tmux session (own socket) running the TUI on the board.
start_tui() {
  local sock="$work/tmux-$1.sock"
  sockets+=("$sock")
  tmux -f "$conf" -S "$sock" new-session -d -x 120 -y 40 \
    "exec env TERM=xterm-256color LANG=C.UTF-8 '$baton' --board '$board'"
  # Wait for the board to be drawn.
  for _ in $(seq 1 200); do
    tmux -S "$sock" capture-pane -p 2>/dev/null | grep -q Backlog && break
    sleep 0.05
  done
  tmux -S "$sock" capture-pane -p | grep -q Backlog || { echo "the TUI $1 did not start" >&2; exit 70; }
}
# pane_pid NAME: the TUI's pid (the pane runs it with exec, so it is the pane's process).
pane_pid() {
  local pid
  pid=$(tmux -S "$work/tmux-$1.sock" display-message -p '#{pane_pid}')
  [ "$(cat "/proc/$pid/comm")" = baton ] || { echo "pane $1 does not run baton" >&2; exit 70; }
  echo "$pid"
}

start_tui one
echo
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(tmux -V); baton $("$baton" --version)"

# (a) Propagation latency.
echo
echo "(a) propagation latency, CLI -> open TUI, $changes changes"
python3 - "$baton" "$board" "$work/tmux-one.sock" "$changes" <<'PY'
import statistics, subprocess, sys, time
baton, board, sock, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

def screen():
    return subprocess.run(["tmux", "-S", sock, "capture-pane", "-p"], capture_output=True, text=True).stdout

def wait_for(pred, limit=10.0):
    """When pred first held for the pane's text (None after `limit` s), and how many captures it took."""
    deadline, polls = time.monotonic() + limit, 0
    while time.monotonic() < deadline:
        polls += 1
        if pred(screen()):
            return time.monotonic(), polls
        time.sleep(0.005)
    return None, polls

# What one poll costs: the resolution of every figure below.
costs = []
for _ in range(20):
    t = time.monotonic(); screen(); costs.append((time.monotonic() - t) * 1000)
first_poll = 0
latencies, cli_times, archive_latencies = [], [], []
for i in range(1, n + 1):
    title = f"lat{i:02d}-{time.time_ns() % 100000:05d}"
    start = time.monotonic()
    out = subprocess.run([baton, "--board", board, "item", "add", "--top", title], capture_output=True, text=True)
    exited = time.monotonic()
    if out.returncode != 0:
        sys.exit(f"item add failed: {out.stderr}")
    number = out.stdout.strip().lstrip("#")
    seen, polls = wait_for(lambda s: title in s)
    first_poll += polls == 1
    if seen is None:
        sys.exit(f"'{title}' did not show within 10 s; the screen was:\n{screen()}")
    latencies.append((seen - exited) * 1000)
    cli_times.append((exited - start) * 1000)
    # Archive it and wait until the card and the message naming it are gone, so the Backlog
    # stays short (the archive's message line does not repeat the title).
    subprocess.run([baton, "--board", board, "item", "archive", number], capture_output=True, check=True)
    exited = time.monotonic()
    gone, _ = wait_for(lambda s: title not in s)
    if gone is None:
        sys.exit(f"'{title}' did not go within 10 s")
    archive_latencies.append((gone - exited) * 1000)
    time.sleep(0.05)

def summary(values):
    values = sorted(values)
    p90 = values[min(len(values) - 1, int(round(0.9 * (len(values) - 1))))]
    return f"median {statistics.median(values):6.1f} ms   p90 {p90:6.1f} ms   worst {values[-1]:6.1f} ms   best {values[0]:6.1f} ms"

print(f"  add shows in the TUI after the CLI exited:  {summary(latencies)}")
print(f"  archive leaves the TUI after the CLI exited: {summary(archive_latencies)}")
print(f"  (the CLI's own run, not counted above:      {summary(cli_times)})")
print(f"  one capture-pane takes {statistics.median(costs):.1f} ms (median of 20), the resolution of these figures;")
print(f"  {first_poll} of {n} titles were already on screen at the first capture after the CLI exited.")
PY

# (b) Idle CPU.
ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
report_cpu() { # NAME PID BEFORE AFTER SECONDS
  python3 -c 'import sys
name, pid, before, after, secs, hz = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
used = (after - before) / hz
print(f"  TUI {name} (pid {pid}): {after - before} ticks = {used:.2f} s CPU in {secs:.0f} s = {100 * used / secs:.2f} % of one core")' "$@" "$ticks"
}
echo
echo "(b) idle CPU over $idle s (utime+stime from /proc/PID/stat, $ticks ticks per second)"
pid_one=$(pane_pid one)
sleep 2
before=$(cpu_ticks "$pid_one")
sleep "$idle"
after=$(cpu_ticks "$pid_one")
echo " one TUI open:"
report_cpu one "$pid_one" "$before" "$after" "$idle"

start_tui two
pid_two=$(pane_pid two)
sleep 3
before_one=$(cpu_ticks "$pid_one"); before_two=$(cpu_ticks "$pid_two")
sleep "$idle"
after_one=$(cpu_ticks "$pid_one"); after_two=$(cpu_ticks "$pid_two")
echo " two TUIs open on the same board:"
report_cpu one "$pid_one" "$before_one" "$after_one" "$idle"
report_cpu two "$pid_two" "$before_two" "$after_two" "$idle"

# (c) Throughput of the stress test.
if [ "$stress" = 1 ]; then
  echo
  echo "(c) throughput of the store stress test (debug build; takes a minute or two)"
  "${caller_env[@]}" swift build --build-tests >/dev/null
  out="$work/stress.txt"
  if "${caller_env[@]}" swift test --skip-build --filter MixedConcurrencyTests > "$out" 2>&1; then
    grep -E '^CLITests:' "$out" | sed 's/^/  /'
  else
    echo "  the stress test failed:"; tail -40 "$out"
    exit 1
  fi
fi
