import BatonCore
import Foundation
import GRDB
import Testing

@testable import BatonStore

/// Files that are not a healthy baton board of a known schema are refused with a clear message
/// and left exactly as they were, whatever the access asked for.
@Suite("Refusing files that are not healthy boards")
struct RefusalTests {
    private static let accesses: [BoardStore.Access] = [.readWrite, .automatic, .readOnly]

    /// Opens `path` in every access mode, expecting each to be refused with `category`, and the
    /// folder (every file in it, and no new ones) to stay byte-for-byte the same.
    @discardableResult
    private func expectRefused(
        _ folder: TempFolder, _ name: String, _ category: ErrorCategory, sidecars: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [BatonError] {
        let before = try folder.snapshot()
        var errors: [BatonError] = []
        for access in Self.accesses {
            if let error = refusal(
                category, sourceLocation: sourceLocation, { try BoardStore.open(folder.file(name), access: access) })
            {
                errors.append(error)
            }
        }
        try folder.expectUnchanged(since: before, sidecars: sidecars, sourceLocation: sourceLocation)
        return errors
    }

    /// A board with `count` items with long notes, settled into one file.
    private func bigBoard(_ folder: TempFolder, items count: Int = 300) throws -> String {
        let path = folder.file("board.baton")
        do {
            let store = try folder.newBoard()
            for number in 1...count {
                let notes = String(repeating: "Notes of item \(number). ", count: 8)
                try store.apply(
                    .addItem(NewItem(title: "Item \(number)", notes: notes)), by: Fixed.asAna, at: Fixed.at(number))
            }
        }
        try settle(path)
        #expect(try folder.names() == ["board.baton"])
        return path
    }

    @Test("a path where there is nothing is 'no board', and nothing is created")
    func missingFile() throws {
        let folder = try TempFolder()
        let errors = try expectRefused(folder, "nothing.baton", .noBoard)
        #expect(errors.first?.message.contains("nothing.baton") == true)
        #expect(try folder.names() == [])
        refusal(.noBoard) { try BoardStore.open(folder.file("no/such/folder/board.baton")) }
        #expect(try folder.names() == [])
    }

    @Test("a folder is not a board")
    func folderRefused() throws {
        let folder = try TempFolder()
        try FileManager.default.createDirectory(atPath: folder.file("boards"), withIntermediateDirectories: false)
        try expectRefused(folder, "boards", .noBoard)
    }

    @Test("an empty file is refused and stays empty")
    func emptyFile() throws {
        let folder = try TempFolder()
        #expect(FileManager.default.createFile(atPath: folder.file("empty.baton"), contents: Data()))
        let errors = try expectRefused(folder, "empty.baton", .data)
        #expect(errors.first?.message.contains("empty") == true)
        #expect(try bytes(folder.file("empty.baton")).isEmpty)
    }

    @Test("text files, short and long, are refused")
    func textFiles() throws {
        let folder = try TempFolder()
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: folder.file("short.txt")))
        try Data(String(repeating: "To do: buy milk, call Bo, fix the login page.\n", count: 200).utf8)
            .write(to: URL(fileURLWithPath: folder.file("long.txt")))
        // Starts like SQLite but is not.
        try Data(("SQLite format 3\0" + String(repeating: "x", count: 300)).utf8).write(
            to: URL(fileURLWithPath: folder.file("fake.db")))
        for name in ["short.txt", "long.txt", "fake.db"] {
            let errors = try expectRefused(folder, name, .data)
            #expect(errors.first?.message.contains("not a baton board") == true, "\(name)")
        }
    }

    @Test("an SQLite database of another application is refused")
    func foreignDatabase() throws {
        let folder = try TempFolder()
        // One made with GRDB, in WAL mode like a board, and one by the sqlite3 tool if it is here.
        var config = Configuration()
        config.journalMode = .wal
        let queue = try DatabaseQueue(path: folder.file("notes.db"), configuration: config)
        try queue.write { db in
            try db.execute(
                sql: "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO note (text) VALUES ('hi')")
            try db.execute(sql: "CREATE TABLE item (number INTEGER PRIMARY KEY)")
        }
        try queue.close()
        var names = ["notes.db"]
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") {
            let tool = Process()
            tool.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            tool.arguments = [
                folder.file("cli.db"), "CREATE TABLE t (x); INSERT INTO t VALUES (1); PRAGMA user_version = 1;",
            ]
            try tool.run()
            tool.waitUntilExit()
            #expect(tool.terminationStatus == 0)
            names.append("cli.db")
        }
        for name in names {
            let errors = try expectRefused(folder, name, .data)
            #expect(errors.first?.message.contains("another application") == true, "\(name)")
        }
    }

    @Test("a truncated board is refused")
    func truncatedBoard() throws {
        let folder = try TempFolder()
        let path = try bigBoard(folder)
        let whole = try bytes(path)
        #expect(whole.count >= 8 * 4096)
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))
        let errors = try expectRefused(folder, "board.baton", .data)
        #expect(errors.first?.message.contains("truncated") == true)
        // Cut off in the middle of a page, too.
        try whole.prefix(whole.count / 2 + 1000).write(to: URL(fileURLWithPath: path))
        try expectRefused(folder, "board.baton", .data)
    }

    @Test("a board with a newer schema version is refused")
    func newerSchemaVersion() throws {
        let folder = try TempFolder()
        let path = folder.file("board.baton")
        _ = try folder.newBoard()
        try rawSQL(path, "PRAGMA user_version = 99")
        try settle(path)
        let errors = try expectRefused(folder, "board.baton", .data)
        #expect(errors.first?.message.contains("newer baton") == true)
    }

    @Test("a board with a migration this build does not know is refused")
    func unknownMigration() throws {
        let folder = try TempFolder()
        let path = folder.file("board.baton")
        _ = try folder.newBoard()
        try rawSQL(path, "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
        try settle(path)
        // The header looks fine, so SQLite itself opens the file before the refusal.
        let errors = try expectRefused(folder, "board.baton", .data)
        #expect(errors.first?.message.contains("newer baton") == true)
    }

    @Test("a corrupt board is refused or reported, never loaded as if healthy, and left unchanged")
    func corruptBoard() throws {
        let folder = try TempFolder()
        let path = try bigBoard(folder)
        var data = try bytes(path)
        let pageSize = 4096
        let pages = data.count / pageSize
        // Garbage over the middle half of a few pages in the middle of the file.
        var seed: UInt32 = 12345
        for page in [pages / 2, pages / 2 + 1, pages - 2] {
            for offset in (page * pageSize + pageSize / 4)..<(page * pageSize + 3 * pageSize / 4) {
                seed = seed &* 1_103_515_245 &+ 12345
                data[offset] = UInt8(truncatingIfNeeded: seed >> 16)
            }
        }
        try data.write(to: URL(fileURLWithPath: path))
        let before = try folder.snapshot()

        for access in Self.accesses {
            var refused = false
            var opened: BoardStore?
            do {
                opened = try BoardStore.open(path, access: access)
            } catch let error as BatonError {
                refused = true
                #expect(error.category == .data, "\(error.message)")
                expectClean(error.message)
            }
            if let store = opened {
                // Once open, check() reports the damage instead of failing on it.
                do {
                    let problems = try store.check()
                    #expect(!problems.isEmpty, "check() found nothing wrong (\(access))")
                    #expect(problems.allSatisfy { $0.hasPrefix("The file is damaged") }, "\(problems)")
                    problems.forEach { expectClean($0) }
                } catch {
                    Issue.record("check() failed instead of reporting the damage: \(error)")
                }
                opened = nil
            }
            do {
                let store = try BoardStore.open(path, access: access)
                _ = try store.loadBoard()
                Issue.record("a corrupt board loaded as if healthy (\(access), refused before: \(refused))")
            } catch let error as BatonError {
                #expect(error.category == .data, "\(error.message)")
                #expect(error.message.contains("damaged"), "\(error.message)")
                expectClean(error.message)
            }
        }
        try folder.expectUnchanged(since: before)
    }
}
