import BatonCore
import Foundation
import GRDB
import Testing

@testable import BatonStore

@Suite("Creating boards, connection settings and read-only access")
struct CreateAndAccessTests {
    @Test("create refuses a path that exists and leaves the file as it was")
    func createRefusesExisting() throws {
        let folder = try TempFolder()
        try Data("my shopping list\n".utf8).write(to: URL(fileURLWithPath: folder.file("list.txt")))
        _ = try folder.newBoard("board.baton")
        try settle(folder.file("board.baton"))
        let before = try folder.snapshot()
        for name in ["list.txt", "board.baton"] {
            let error = refusal(.data) {
                try BoardStore.create(
                    folder.file(name), board: Fixed.newBoard("Other"), by: Fixed.asAna, at: Fixed.at(1))
            }
            #expect(error?.message.contains(name) == true)
        }
        try folder.expectUnchanged(since: before)
        #expect(try BoardStore.open(folder.file("board.baton")).loadBoard().name == "Squad")
    }

    @Test("create leaves exactly one file, also in a folder it has to make")
    func createIsAtomic() throws {
        let folder = try TempFolder()
        let path = folder.file("team/boards/squad.baton")
        do {
            let store = try BoardStore.create(path, board: Fixed.newBoard(), by: Fixed.asAna, at: Fixed.t0)
            #expect(store.path == path && !store.isReadOnly)
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.file("team/boards"))
            #expect(!names.contains { $0.contains("creating") }, "\(names)")
            #expect(names.allSatisfy { $0.hasPrefix("squad.baton") }, "\(names)")
        }
        try settle(path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("team/boards")) == ["squad.baton"])
        #expect(try BoardStore.open(path).check() == [])
    }

    @Test("a create that fails half-way leaves no board and no temporary file")
    func failedCreateLeavesNothing() throws {
        let folder = try TempFolder()
        // Each of these passes the domain but breaks a rule of the schema, so the write fails inside create.
        let badLimit = Board(
            name: "Squad", stages: [Stage(id: 1, name: "Only", role: .queue, wipLimit: 0, position: 0)],
            members: [Fixed.ana], outcomes: [], items: [:], nextItemNumber: 1)
        let badSecond = Board(
            name: "Squad",
            stages: [
                Stage(id: 1, name: "Fine", role: .queue, position: 0),
                Stage(id: 2, name: "Broken", role: .done, wipLimit: -3, position: 1),
            ],
            members: [Fixed.ana], outcomes: [], items: [:], nextItemNumber: 1)
        for board in [badLimit, badSecond] {
            refusal(.data) {
                try BoardStore.create(folder.file("board.baton"), board: board, by: Fixed.asAna, at: Fixed.t0)
            }
            #expect(try folder.names() == [])
        }
    }

    @Test("a board is written with WAL, full sync and foreign keys, and merely opening it writes nothing")
    func connectionSettings() throws {
        let folder = try TempFolder()
        let path = folder.file("board.baton")
        _ = try folder.newBoard()
        try settle(path)
        let before = try bytes(path)
        for access in [BoardStore.Access.readWrite, .automatic] {
            let store = try BoardStore.open(path, access: access)
            #expect(!store.isReadOnly)
            let (journal, sync, keys) = try store.sqliteQueue.read { db in
                (
                    try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                    try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                    try Int.fetchOne(db, sql: "PRAGMA foreign_keys")
                )
            }
            #expect(journal == "wal")
            #expect(sync == 2, "synchronous must be FULL (2)")
            #expect(keys == 1)
            _ = try store.loadBoard()
            _ = try store.check()
            #expect(try bytes(path) == before, "opening and reading changed the board (\(access))")
            #expect(try folder.snapshot()["board.baton-wal"]?.isEmpty ?? true, "opening and reading wrote to the WAL")
        }
    }

    @Test("read-only access loads the board but refuses every change and leaves the file alone")
    func readOnlyAccess() throws {
        let folder = try TempFolder()
        let path = folder.file("board.baton")
        do {
            let store = try folder.newBoard()
            try store.apply(.addItem(NewItem(title: "Visible")), by: Fixed.asAna, at: Fixed.at(1))
        }
        try settle(path)
        let before = try bytes(path)
        let reader = try BoardStore.open(path, access: .readOnly)
        #expect(reader.isReadOnly)
        let board = try reader.loadBoard()
        #expect(board.items[1]?.title == "Visible")
        #expect(try reader.events().count == 7)
        #expect(try reader.check() == [])
        let document = try reader.exportDocument()

        let error = refusal(.permission) {
            try reader.apply(.addItem(NewItem(title: "Sneaky")), by: Fixed.asAna, at: Fixed.at(2))
        }
        #expect(error?.message.contains("read-only") == true)
        refusal(.permission) { try reader.apply(.renameBoard("Hijacked"), by: Fixed.asAna, at: Fixed.at(2)) }
        refusal(.permission) { try reader.apply(.comment(1, text: "hi"), by: Fixed.asAna, at: Fixed.at(2)) }
        refusal(.permission) { try reader.importDocument(document) }
        #expect(try bytes(path) == before)
        #expect(try reader.loadBoard() == board)
        #expect(try folder.snapshot()["board.baton-wal"]?.isEmpty ?? true)
    }

    @Test("the system account is the real login, not $USER")
    func systemAccount() throws {
        let account = SystemAccount.current()
        #expect(!account.isEmpty)
        guard let record = getpwuid(getuid()) else { return }
        #expect(account == String(cString: record.pointee.pw_name))
        #expect(!SystemAccount.fullName().isEmpty)
    }
}
