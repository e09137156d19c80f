import BatonCore
import Foundation

/// Where a board lives in a PostgreSQL database: a libpq connection string or URI, and the
/// board's name, given as `board=NAME` in either (`postgres://HOST/DB?board=claims`, or
/// `host=HOST dbname=DB board=claims`). Without one the board is called `main`.
public struct PostgresAddress: Equatable, Sendable, CustomStringConvertible {
    /// The connection string for libpq, without the board.
    public var conninfo: String
    /// The board's name: lowercase letters, digits and `_`, starting with a letter.
    public var board: String

    public static let defaultBoard = "main"
    static let longestBoard = 40

    /// The libpq keywords that make a `key=value` text a connection string rather than a path.
    private static let keywords: Set<String> = [
        "host", "hostaddr", "port", "dbname", "user", "password", "passfile", "service", "sslmode",
        "connect_timeout", "application_name", "options", "target_session_attrs", "board",
    ]

    /// Whether `text` names a database rather than a board file.
    public static func isAddress(_ text: String) -> Bool {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") { return true }
        guard let first = text.split(separator: " ").first, let equals = first.firstIndex(of: "=") else { return false }
        return keywords.contains(String(first[..<equals]))
    }

    /// Reads an address; throws a one-sentence error for a bad board name or an empty address.
    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let (conninfo, board) =
            trimmed.contains("://") ? try Self.splitURI(trimmed) : try Self.splitKeywords(trimmed)
        self.conninfo = conninfo
        self.board = try Self.checkedName(board ?? Self.defaultBoard)
    }

    /// The address as a user would write it, with the board and without a password.
    public var description: String {
        if conninfo.contains("://") {
            let hidden = conninfo.replacingOccurrences(
                of: "://([^:@/]*):[^@/]*@", with: "://$1@", options: .regularExpression)
            return hidden + (hidden.contains("?") ? "&" : "?") + "board=\(board)"
        }
        let hidden = conninfo.replacingOccurrences(
            of: "password\\s*=\\s*('([^'\\\\]|\\\\.)*'|\\S+)", with: "password=…", options: .regularExpression)
        return (hidden.isEmpty ? "" : hidden + " ") + "board=\(board)"
    }

    private static func checkedName(_ name: String) throws -> String {
        let allowed = name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
        guard allowed, let first = name.utf8.first, first >= 0x61, first <= 0x7A, name.count <= longestBoard else {
            throw BatonError.usage(
                "The board name '\(name)' is not allowed; use 1 to \(longestBoard) lowercase letters, digits and _, starting with a letter."
            )
        }
        return name
    }

    /// A URI without its `board` query parameter, and that parameter.
    private static func splitURI(_ uri: String) throws -> (String, String?) {
        guard let question = uri.firstIndex(of: "?") else { return (uri, nil) }
        var board: String?
        var kept: [Substring] = []
        for parameter in uri[uri.index(after: question)...].split(separator: "&") {
            if parameter.hasPrefix("board=") {
                board = String(parameter.dropFirst(6)).removingPercentEncoding ?? String(parameter.dropFirst(6))
            } else {
                kept.append(parameter)
            }
        }
        let base = String(uri[..<question])
        return (kept.isEmpty ? base : base + "?" + kept.joined(separator: "&"), board)
    }

    /// A `key=value` connection string without its `board` pair, and that pair's value.
    private static func splitKeywords(_ text: String) throws -> (String, String?) {
        var board: String?
        var kept: [String] = []
        for (key, value, original) in try pairs(text) {
            if key == "board" { board = value } else { kept.append(original) }
        }
        return (kept.joined(separator: " "), board)
    }

    /// The `key=value` pairs of a connection string, with each pair as written; values may be
    /// quoted with `'`, with `\` escaping a quote or a backslash (as libpq reads them).
    private static func pairs(_ text: String) throws -> [(String, String, String)] {
        var pairs: [(String, String, String)] = []
        var rest = Substring(text)
        while let start = rest.firstIndex(where: { $0 != " " }) {
            rest = rest[start...]
            guard let equals = rest.firstIndex(of: "=") else {
                throw BatonError.usage(
                    "The connection string has '\(rest)' without a value; write it as key=value (see `man baton`).")
            }
            let key = rest[..<equals].trimmingCharacters(in: .whitespaces)
            var index = rest.index(after: equals)
            while index < rest.endIndex, rest[index] == " " { index = rest.index(after: index) }
            var value = ""
            if index < rest.endIndex, rest[index] == "'" {
                index = rest.index(after: index)
                while index < rest.endIndex, rest[index] != "'" {
                    if rest[index] == "\\", rest.index(after: index) < rest.endIndex {
                        index = rest.index(after: index)
                    }
                    value.append(rest[index])
                    index = rest.index(after: index)
                }
                if index < rest.endIndex { index = rest.index(after: index) }
            } else {
                while index < rest.endIndex, rest[index] != " " {
                    value.append(rest[index])
                    index = rest.index(after: index)
                }
            }
            pairs.append((key, value, String(rest[..<index])))
            rest = rest[index...]
        }
        return pairs
    }
}
