import BatonCore
import BatonTestSupport
import Foundation
import GRDB
import Testing

@testable import BatonStore

/// `BoardStore.copy`: a whole board, with its history and stand-ups, to a new board on either engine.
@Suite("Copying a board")
struct CopyTests {
    /// A board that went through the whole scenario and held one stand-up.
    private func richBoard(_ place: TestBoard) throws -> BoardStore {
        var mirror = try Fixed.newBoard()
        let store = try place.create(mirror)
        _ = try Scenario.run(on: store, mirror: &mirror)
        let standup = try store.startStandup(facilitator: 1, participants: [1], by: Fixed.asAna, at: Fixed.at(500))
        _ = try store.endStandup(standup, at: Fixed.at(560), notes: "Short one")
        return store
    }

    @Test(
        "a board copied to the other engine and back holds the same items, history and stand-ups",
        arguments: TestEngine.allCases)
    func copyThereAndBack(_ engine: TestEngine) throws {
        let original = try richBoard(try TestBoard(engine))
        let other = try TestBoard(engine == .sqlite ? .postgres : .sqlite)
        var reports: [(Int, Int)] = []
        let copied = try original.copy(to: other.location) { reports.append(($0, $1)) }
        let (there, rows) = (copied.board, copied.rows)
        #expect(rows["item"] == 4 && rows["standup"] == 1 && rows["standup_turn"] == 1 && rows["presence"] == nil)
        let back = try there.copy(to: other.another("back").location).board
        for copy in [there, back] {
            #expect(try withoutRoles(copy.exportDocument()) == withoutRoles(original.exportDocument()))
            #expect(try copy.standups() == original.standups())
            #expect(try copy.check() == [])
        }
        let total = try #require(reports.last?.1)
        #expect(reports.first.map { $0 == (0, total) } == true && reports.last?.0 == total, "from none to all")
        let history = try original.events().count
        #expect(total > history, "rows of every table are counted")
        let added = try back.apply(.addItem(NewItem(title: "After the copy")), by: Fixed.asAna, at: Fixed.at(900))
        #expect(added.change.createdItem == 5 && added.events.first?.seq == history + 1)
    }

    /// The document without database roles, which a board file does not keep.
    private func withoutRoles(_ document: BoardDocument) -> BoardDocument {
        var document = document
        for index in document.events.indices { document.events[index].role = nil }
        return document
    }

    @Test("the history records each change's database role, which a copy between databases keeps")
    func rolesAreRecordedAndCopied() throws {
        let place = try TestBoard(.postgres)
        let store = try place.create()
        let server = try PostgresServer.shared.get()
        let database = try #require(place.databaseName)
        let writer = "writer_\(database)"
        try server.psql(
            """
            CREATE ROLE \(writer) LOGIN; GRANT USAGE ON SCHEMA baton, board_squad TO \(writer);
            GRANT SELECT, UPDATE ON baton.board TO \(writer);
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA board_squad TO \(writer);
            """, database: database)
        let asWriter = try BoardStore.open(
            place.location.replacingOccurrences(of: "user=postgres", with: "user=\(writer)"))
        let added = try asWriter.apply(.addItem(NewItem(title: "By the writer role")), by: Fixed.asBo, at: Fixed.at(1))
        #expect(added.events.map(\.role) == [writer])
        let history = try store.events()
        #expect(history.first?.role == "postgres", "the creation is the creator's role's")
        #expect(history.last?.role == writer && history.last?.account == "bo")
        let copy = try store.copy(to: place.another("copy").location).board
        #expect(try copy.events() == history, "roles kept between databases")
        let file = try TestBoard(.sqlite)
        #expect(try store.copy(to: file.location).board.events().allSatisfy { $0.role == nil }, "a file has no roles")
    }

    @Test("a copy never overwrites a board", arguments: TestEngine.allCases)
    func neverOverwrites(_ engine: TestEngine) throws {
        let place = try TestBoard(engine)
        let original = try richBoard(place)
        let existing = place.another("existing")
        _ = try existing.create(Fixed.newBoard("Existing"))
        #expect(throws: BatonError.self) { try original.copy(to: existing.location) }
        #expect(try existing.open().loadBoard().name == "Existing")
        let history = try original.events().count
        #expect(try existing.open().events().count < history)
    }

    @Test("a NUL another tool wrote in a file (as a BLOB) reaches a database as U+FFFD, and is counted")
    func nulIntoADatabase() throws {
        let source = try TestBoard(.sqlite)
        let original = try richBoard(source)
        try original.sqliteQueue.writeWithoutTransaction { db in
            try db.execute(sql: "UPDATE item SET notes = X'6F6E650074776F' WHERE number = 4")
        }
        let copied = try original.copy(to: try TestBoard(.postgres).location)
        #expect(copied.nulTexts == 1)
        #expect(try copied.board.item(4)?.notes == "one\u{FFFD}two")
        let back = try copied.board.copy(to: source.another("back").location)
        #expect(back.nulTexts == 0, "a file stores what the database holds as it is")
    }

    @Test("a copy that fails half way leaves no board behind", arguments: TestEngine.allCases)
    func failedCopyLeavesNothing(_ engine: TestEngine) throws {
        let source = try TestBoard(.sqlite)
        let original = try richBoard(source)
        // A row another tool wrote past the file's checks, which the copy's target refuses.
        try original.sqliteQueue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON; UPDATE item SET kind = 'bogus' WHERE number = 4")
        }
        let target = try TestBoard(engine).another("copy")
        let error = #expect(throws: BatonError.self) { try original.copy(to: target.location) }
        #expect(error?.message.contains("\n") == false)
        #expect(throws: BatonError.self) { try target.open() }
        #expect(try target.folder.names().filter { !$0.hasPrefix("board.baton") } == [], "no file, no temporary file")
    }
}
