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

    init() throws {
        server = try PostgresServer.shared.get()
        database = try server.database()
    }

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
