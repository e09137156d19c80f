import BatonTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The board as `baton export --format json` writes it, reduced to what fault tests count.
struct ExportedBoard: Equatable {
    /// One history entry: its kind and its `after` value.
    struct Entry: Equatable {
        let kind: String
        let after: String?
    }

    let titles: [String]
    let comments: [String]
    let events: [Entry]
    let itemNumbers: [Int]

    /// Exports the sandbox's board (or `board`) and reads it; requires the export to succeed.
    init(_ box: Sandbox, board: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try box.baton(["export", "--format", "json"] + (board.map { ["--board", $0] } ?? []))
        try #require(result.status == 0, "export failed: \(result.transcript)", sourceLocation: sourceLocation)
        let document = try #require(
            try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any],
            sourceLocation: sourceLocation)
        let items = document["items"] as? [[String: Any]] ?? []
        titles = items.compactMap { $0["title"] as? String }
        itemNumbers = items.compactMap { $0["number"] as? Int }
        comments = (document["comments"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        events = (document["events"] as? [[String: Any]] ?? []).map { event in
            let change = event["change"] as? [String: Any] ?? event
            return Entry(kind: change["kind"] as? String ?? "", after: change["after"] as? String)
        }
    }

    /// How many times `text` is an item title, a comment or an event's `after` value.
    func count(title text: String) -> Int { titles.filter { $0 == text }.count }
    func count(comment text: String) -> Int { comments.filter { $0 == text }.count }
    func count(event kind: String, after text: String) -> Int {
        events.filter { $0.kind == kind && $0.after == text }.count
    }
}

/// Requires `baton check` to find the board sound.
func expectSound(_ box: Sandbox, board: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let check = try box.baton(["check"] + (board.map { ["--board", $0] } ?? []))
    #expect(check.status == 0, "baton check: \(check.transcript)", sourceLocation: sourceLocation)
}

/// Expects `message` (an error baton printed) to be one clear sentence with no raw SQLite text.
func expectClearMessage(_ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(!text.isEmpty, "no message at all", sourceLocation: sourceLocation)
    #expect(!text.contains("\n"), "more than one line: \(text)", sourceLocation: sourceLocation)
    #expect(text.hasSuffix(".") || text.hasSuffix(")"), "not a sentence: \(text)", sourceLocation: sourceLocation)
    for raw in [
        "SQLite error", "SQLITE_", "sqlite3", "disk I/O error", "database or disk is full", "file is not a database",
        "attempt to write a readonly database", "unable to open database", "Fatal error",
    ] {
        #expect(!text.contains(raw), "raw text “\(raw)” in: \(text)", sourceLocation: sourceLocation)
    }
}

/// The board file and the files SQLite keeps beside it.
func sidecars(of board: String) -> [String] { ["-wal", "-shm", "-journal"].map { board + $0 } }

/// The files in `folder`, by name.
func names(in folder: String) -> Set<String> {
    Set((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
}
