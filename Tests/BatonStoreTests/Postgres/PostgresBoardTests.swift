import BatonCore
import BatonTestSupport
import Foundation
import Testing

@testable import BatonStore

/// What only a board in a database has: roles, a catalog of boards, and addresses.
@Suite("Boards in PostgreSQL")
struct PostgresBoardTests {
    let server: PostgresServer
    let database: String

    init() throws { (server, database) = try PostgresServer.newDatabase() }

    private func address(_ board: String = "squad", user: String = "postgres") -> String {
        server.connectionString(database, user: user) + " board=\(board)"
    }

    @Test("a role that may only read gets a read-only board; one that may not read is told so")
    func roles() throws {
        _ = try BoardStore.create(address(), board: Fixed.newBoard(), by: Fixed.asAna, at: Fixed.t0)
        let viewer = "viewer_\(database)", stranger = "stranger_\(database)"
        try server.psql(
            """
            CREATE ROLE \(viewer) LOGIN; CREATE ROLE \(stranger) LOGIN;
            GRANT USAGE ON SCHEMA baton, board_squad TO \(viewer);
            GRANT SELECT ON ALL TABLES IN SCHEMA baton, board_squad TO \(viewer);
            GRANT USAGE ON SCHEMA baton TO \(stranger); GRANT SELECT ON baton.board TO \(stranger);
            """, database: database)
        let view = try BoardStore.open(address(user: viewer))
        #expect(view.isReadOnly)
        #expect(try view.loadBoard().name == "Squad")
        refusal(.permission) { try view.apply(.renameBoard("Mine"), by: Fixed.asAna, at: Fixed.at(1)) }
        let refused = #expect(throws: BatonError.self) { try BoardStore.open(address(user: stranger)) }
        #expect(refused?.category == .permission)
        #expect(refused?.message.contains("may not read the board") == true)
    }

    @Test("a missing board, a missing database and a board made twice are refused in one sentence")
    func refusals() throws {
        let missing = #expect(throws: BatonError.self) { try BoardStore.open(address("nothing_here")) }
        #expect(missing?.category == .noBoard && missing?.message.contains("'nothing_here'") == true)
        _ = try BoardStore.create(address(), board: Fixed.newBoard(), by: Fixed.asAna, at: Fixed.t0)
        let again = #expect(throws: BatonError.self) {
            try BoardStore.create(address(), board: Fixed.newBoard("Other"), by: Fixed.asAna, at: Fixed.t0)
        }
        #expect(again?.category == .data && again?.message.contains("already a board 'squad'") == true)
        #expect(try BoardStore.open(address()).loadBoard().name == "Squad", "the first board is untouched")
        let noDatabase = #expect(throws: BatonError.self) {
            try BoardStore.open(server.connectionString("no_such_db") + " board=squad")
        }
        #expect(noDatabase?.category == .noBoard)
    }

    @Test("one database holds many boards, each with its own items and history")
    func manyBoards() throws {
        let claims = try BoardStore.create(address("claims"), board: Fixed.newBoard("Claims"), by: Fixed.asAna)
        let payments = try BoardStore.create(address("payments"), board: Fixed.newBoard("Payments"), by: Fixed.asAna)
        try claims.apply(.addItem(NewItem(title: "Only on claims")), by: Fixed.asAna, at: Fixed.at(1))
        #expect(try payments.loadBoard().items.isEmpty)
        #expect(try claims.loadBoard().items.values.map(\.title) == ["Only on claims"])
        #expect(try payments.events().count == claims.events().count - 1)
    }
}

/// What a change costs a network away: a laptop is 20-50 ms from the server.
@Suite("Round trips to PostgreSQL")
struct PostgresRoundTripTests {
    @Test("a change costs two round trips (its reads, then its writes with the commit); a load costs one")
    func changesCostTwo() throws {
        let board = try TestBoard(.postgres)
        let store = try board.create()
        let engine = try #require(store.engine as? PostgresEngine)
        let stages = try store.loadBoard().stages.map(\.id)
        func cost(_ action: Action) throws -> Int {
            let before = engine.roundTrips
            try store.apply(action, by: Fixed.asAna, at: Fixed.at(1))
            return engine.roundTrips - before
        }
        for title in ["First", "Second", "Third"] { #expect(try cost(.addItem(NewItem(title: title))) == 2) }
        #expect(try cost(.moveItem(1, to: stages[1])) == 2)
        #expect(try cost(.reorderItem(3, .up)) == 2)
        #expect(try cost(.comment(2, text: "Looks good")) == 2)
        #expect(try cost(.editItem(2, ItemPatch(title: "Second, renamed"))) == 2)
        #expect(try cost(.assign(2, 1, .owner)) == 2)
        let before = engine.roundTrips
        let loaded = try store.loadBoard()
        #expect(engine.roundTrips - before == 1)
        #expect(loaded.items[1]?.stage == stages[1])
        let firstStage = loaded.items.values.filter { $0.stage == stages[0] }
        #expect(firstStage.sorted { $0.position < $1.position }.map(\.number) == [3, 2])
        #expect(loaded.items[2]?.title == "Second, renamed" && loaded.items[2]?.owners == [1])
        #expect(try store.comments(on: 2).map(\.text) == ["Looks good"])
    }
}

extension PostgresRoundTripTests {
    @Test("another session's changes are read in one round trip, whatever they touched")
    func changesElsewhereCostOne() throws {
        let board = try TestBoard(.postgres)
        let mine = try board.create(), theirs = try board.open()
        let engine = try #require(mine.engine as? PostgresEngine)
        let seen = try mine.events(limit: 1).last?.seq ?? 0
        try theirs.apply(.addItem(NewItem(title: "Theirs")), by: Fixed.asBo, at: Fixed.at(1))
        try theirs.apply(.comment(1, text: "On it"), by: Fixed.asBo, at: Fixed.at(2))
        let before = engine.roundTrips
        let changes = try mine.changes(after: seen)
        #expect(engine.roundTrips - before == 1)
        #expect(changes.items == [1] && changes.slice.items[1]?.title == "Theirs")
        #expect(changes.events.map(\.change.kind) == [.itemCreated, .commentAdded])
    }
}
