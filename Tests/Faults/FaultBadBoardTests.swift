import BatonTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Files that are not a healthy board of a schema this build knows, opened by every kind of
/// command and by the TUI: refused with exit 65 and one clear sentence, and left byte for byte
/// as they were, with no -wal, -shm or -journal made beside them.
@Suite("corrupt, truncated, empty, foreign and newer boards", .serialized)
struct FaultBadBoardTests {
    /// Ways a board file can be bad, each made from a healthy board by `make`.
    enum Damage: String, CaseIterable, CustomTestStringConvertible {
        case corruptPages, corruptSchema, truncated, empty, otherApplication, newerSchemaVersion, newerMigration
        var testDescription: String { rawValue }
    }

    /// Commands that open the board, with what they need to be valid otherwise.
    static let commands: [[String]] = [
        ["show"], ["show", "--json"], ["item", "add", "Never saved"], ["item", "move", "1", "Done"],
        ["comment", "1", "Never"],
        ["export", "--format", "json"], ["check"], ["log"],
    ]

    @Test("every command refuses the bad board with exit 65 and leaves it untouched", arguments: Damage.allCases)
    func commandsRefuse(damage: Damage) throws {
        let box = try Sandbox.withBoard(prefix: "baton-fault-bad")
        try make(damage, box)
        let before = FileSnapshot(box.boardPath)
        let folder = names(in: box.root.path)
        for command in Self.commands {
            let result = try box.baton(command)
            #expect(result.status == 65, "\(command) on a \(damage) board: \(result.transcript)")
            expectClearMessage(result.stderr)
            #expect(result.stderr.contains(box.boardPath), "the message does not name the file: \(result.stderr)")
            #expect(FileSnapshot(box.boardPath) == before, "\(command) changed the \(damage) board")
            #expect(
                names(in: box.root.path) == folder, "\(command) left \(names(in: box.root.path).subtracting(folder))")
        }
    }

    @Test("the TUI refuses the bad board before the screen starts, and leaves it untouched", arguments: Damage.allCases)
    func tuiRefuses(damage: Damage) throws {
        let box = try Sandbox.withBoard(prefix: "baton-fault-bad")
        try make(damage, box)
        let before = FileSnapshot(box.boardPath)
        let folder = names(in: box.root.path)
        // tmux clears a pane as it dies: the shell keeps it alive (writing baton's status first)
        // until the message has been read from the screen.
        let status = box.path("tui-status")
        let tui = try TmuxSession.baton(
            ["--board", box.boardPath], in: box, width: 250,
            after: "echo $rc > \(shellQuote(status)); sleep 10")
        defer { tui.kill() }
        try tui.waitFor("baton: ")
        let code = try String(contentsOfFile: status, encoding: .utf8)
        #expect(code.trimmingCharacters(in: .whitespacesAndNewlines) == "65")
        #expect(FileSnapshot(box.boardPath) == before, "the TUI changed the \(damage) board")
        let made = names(in: box.root.path).subtracting(folder).filter { $0.hasPrefix("board.baton") }
        #expect(made.isEmpty, "the TUI left \(made)")
    }

    // MARK: - Making bad boards

    /// Turns the sandbox's healthy board into a bad one of the kind `damage`.
    private func make(_ damage: Damage, _ box: Sandbox) throws {
        let path = box.boardPath
        try fill(box)
        var data = try #require(box.bytes(path))
        switch damage {
        case .corruptPages:
            // The root pages of the items and of the history get a page type no b-tree page has
            // (damage in pages a command does not read is found by `baton check`).
            let roots = try sql(box, path, "SELECT rootpage FROM sqlite_schema WHERE name IN ('item', 'event')")
            for root in roots.split(separator: "\n") {
                let offset = (try #require(Int(root)) - 1) * 4096
                data.replaceSubrange(offset..<offset + 8, with: [0x42, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
            }
        case .corruptSchema:
            data.replaceSubrange(100..<4096, with: Data(repeating: 0xA5, count: 3996))
        case .truncated:
            data = data.prefix(data.count / 2 + 1000)
        case .empty:
            data = Data()
        case .otherApplication:
            try FileManager.default.removeItem(atPath: path)
            _ = try sql(
                box, path,
                "CREATE TABLE item (number INTEGER PRIMARY KEY); PRAGMA journal_mode = WAL; INSERT INTO item VALUES (1)"
            )
            return
        case .newerSchemaVersion:
            data.replaceSubrange(60..<64, with: [0, 0, 0, 99])
        case .newerMigration:
            _ = try sql(box, path, "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
            return
        }
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// Items with long notes, so the board has many pages; the board is one settled file after.
    private func fill(_ box: Sandbox) throws {
        for number in 1...12 {
            let notes = String(repeating: "Notes of item \(number). ", count: 60)
            try box.ok("item", "add", "Item \(number)", "--notes", notes)
        }
        try #require(
            sidecars(of: box.boardPath).allSatisfy { !FileManager.default.fileExists(atPath: $0) },
            "the board is not one settled file")
    }

    /// Runs SQL with the sqlite3 tool (installed by scripts/install-deps.sh) and returns its output.
    private func sql(_ box: Sandbox, _ path: String, _ statements: String) throws -> String {
        let tool = try #require(Paths.tool("sqlite3"), "the sqlite3 tool is missing; run scripts/install-deps.sh")
        let result = try box.run(tool, [path, statements])
        try #require(result.status == 0, "sqlite3: \(result.transcript)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
