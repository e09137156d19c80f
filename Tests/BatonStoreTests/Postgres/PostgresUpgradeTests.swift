import BatonCore
import BatonTestSupport
import Foundation
import Synchronization
import Testing

@testable import BatonStore

/// A board that an older baton made in a database is brought up to this build's schema when it
/// is first opened: the numbered steps in one transaction, under the database's baton lock.
@Suite("Upgrading boards in PostgreSQL")
struct PostgresUpgradeTests {
    let server: PostgresServer
    let database: String

    init() throws { (server, database) = try PostgresServer.newDatabase() }

    private func address(user: String = "postgres") -> String {
        server.connectionString(database, user: user) + " board=squad"
    }

    /// What baton left at `version`: the catalog, the board's tables made by the steps up to
    /// it, and a few rows (two stages, a member, an item and its history entry).
    private func oldBoard(version: Int) throws {
        let rows = """
            INSERT INTO meta VALUES ('name', 'Old squad'), ('next_item', '2');
            INSERT INTO stage VALUES (1, 'Backlog', 'queue', NULL, 0), (2, 'Done', 'done', NULL, 1);
            INSERT INTO member VALUES (1, 'Ana Lima', 'ana', 'business', 'ana');
            INSERT INTO item VALUES (1, 'Kept through the upgrade', '', 'work', NULL, NULL, 0, NULL, NULL, NULL,
                                     1, 1, 1, 0, 1, 0, 1, 0, 0);
            INSERT INTO event (seq, at, account, member_id, kind, item_number) VALUES (1, 0, 'ana', 1, 'item.created', 1);
            """
        let catalogRow = """
            INSERT INTO baton.board (name, schema_name, version, created_at, created_by)
            VALUES ('squad', 'board_squad', \(version), 0, current_user);
            """
        _ = try server.psql(
            PostgresSchema.catalog + catalogRow + PostgresSchema.tables(in: "board_squad", version: version) + rows,
            database: database)
    }

    private func storedVersion() throws -> String {
        try server.psql("SELECT version FROM baton.board WHERE name = 'squad'", database: database)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("a board of an older version is upgraded when opened, and keeps every row", arguments: [1, 2])
    func upgradedOnOpening(_ version: Int) throws {
        try oldBoard(version: version)
        let store = try BoardStore.open(address())
        #expect(try storedVersion() == "\(PostgresSchema.version)")
        #expect(try store.loadBoard().items[1]?.title == "Kept through the upgrade")
        #expect(try store.presence().isEmpty, "version 2's presence is there")
        let standup = try store.startStandup(
            facilitator: 1, participants: [1], turnLength: 60, by: Fixed.asAna, at: Fixed.t0)
        #expect(try store.runningStandup()?.id == standup.id, "version 3's stand-ups are there")
        try store.apply(.moveItem(1, to: 2), by: Fixed.asAna, at: Fixed.at(1))
        #expect(try store.check().isEmpty)
    }

    @Test("sessions opening an old board at the same moment upgrade it once")
    func upgradedOnce() throws {
        try oldBoard(version: 1)
        let address = address()
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            do { _ = try BoardStore.open(address).loadBoard() } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        #expect(try storedVersion() == "\(PostgresSchema.version)")
    }

    @Test("a role that may not change the schema is told who can upgrade it, and nothing changes")
    func viewerCannotUpgrade() throws {
        try oldBoard(version: 2)
        let viewer = "viewer_\(database)"
        _ = try server.psql(
            """
            CREATE ROLE \(viewer) LOGIN;
            GRANT USAGE ON SCHEMA baton, board_squad TO \(viewer);
            GRANT SELECT ON ALL TABLES IN SCHEMA baton, board_squad TO \(viewer);
            """, database: database)
        let refused = #expect(throws: BatonError.self) { try BoardStore.open(address(user: viewer)) }
        #expect(refused?.category == .permission)
        #expect(refused?.message.contains("must be upgraded") == true, "\(refused?.message ?? "")")
        #expect(try storedVersion() == "2")
        #expect(try BoardStore.open(address()).loadBoard().name == "Old squad", "its owner upgrades it")
    }
}
