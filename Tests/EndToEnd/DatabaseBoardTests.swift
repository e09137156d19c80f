import BatonTestSupport
import Foundation
import Testing

/// The full-screen board on a board in PostgreSQL: members on one board see each other, a viewer
/// role gets the read-only board, and a server restart mid-session loses nothing.
@Suite("end to end: a board in a database")
struct DatabaseBoardTests {
    /// A sample board in a new database of `server`; returns its address for `user`.
    static func sampleBoard(on server: PostgresServer, in box: Sandbox) throws -> (database: String, address: String) {
        let database = try server.database()
        let address = "host=\(server.folder) port=\(server.port) dbname=\(database) user=postgres board=squad"
        let made = try box.baton(["init", address, "--sample", "--name", "Squad"])
        try #require(made.status == 0, "\(made.transcript)")
        return (database, address)
    }

    /// The full-screen board at `address` as the member `handle`.
    static func session(_ address: String, as handle: String, in box: Sandbox) throws -> TmuxSession {
        try TmuxSession.baton(["--board", address, "--as", handle], in: box, name: handle)
    }

    /// Item #1's stage, through the command line.
    static func stageOfFirst(_ box: Sandbox, _ address: String) throws -> String? {
        try box.jsonObject("item", "show", "1", "--json", "--board", address)["stage"] as? String
    }

    @Test(.timeLimit(.minutes(1)))
    func twoMembersSeeEachOthersChangesAndPresence() throws {
        let box = try Sandbox(prefix: "baton-e2e")
        let (_, address) = try Self.sampleBoard(on: try PostgresServer.shared.get(), in: box)
        let ana = try Self.session(address, as: "ana", in: box), bo = try Self.session(address, as: "bo", in: box)
        defer { [ana, bo].forEach { $0.kill() } }
        try ana.waitForPresence(["bo"])
        try bo.waitForPresence(["ana"])
        try ana.select(item: 1)
        try ana.send("L")
        try bo.waitFor("ana moved #1 from Backlog to Ready")
        #expect(try Self.stageOfFirst(box, address) == "Ready")
        try box.ok("comment", "1", "From a script", "--board", address)
        try ana.waitFor("commented on #1")
    }

    @Test(.timeLimit(.minutes(1)))
    func aRoleThatMayOnlyReadGetsTheReadOnlyBoard() throws {
        let box = try Sandbox(prefix: "baton-e2e")
        let server = try PostgresServer.shared.get()
        let (database, address) = try Self.sampleBoard(on: server, in: box)
        let viewer = "viewer_\(database)"
        try server.psql(
            """
            CREATE ROLE \(viewer) LOGIN; GRANT USAGE ON SCHEMA baton, board_squad TO \(viewer);
            GRANT SELECT ON ALL TABLES IN SCHEMA baton, board_squad TO \(viewer);
            """, database: database)
        let view = try Self.session(
            address.replacingOccurrences(of: "user=postgres", with: "user=\(viewer)"), as: "dr", in: box)
        defer { view.kill() }
        try view.waitFor("READ-ONLY")
        try view.select(item: 1)
        try view.send("L")
        try view.waitFor("read-only")
        #expect(try Self.stageOfFirst(box, address) == "Backlog")
    }

    @Test(.timeLimit(.minutes(2)))
    func aServerRestartMidSessionLosesNothingAndTheBoardRecoversByItself() throws {
        let box = try Sandbox(prefix: "baton-e2e")
        let server = try PostgresServer.dedicated()
        defer { server.stop() }
        let (_, address) = try Self.sampleBoard(on: server, in: box)
        let ana = try Self.session(address, as: "ana", in: box)
        defer { ana.kill() }
        try ana.select(item: 1)
        try ana.send("L")
        try ana.waitFor("Moved #1 from Backlog to Ready")
        server.stop()
        try ana.waitFor("OFFLINE: not saving", timeout: 10)
        try ana.send("L")
        try ana.waitFor("cannot be reached")
        let failed = try box.baton("item", "list", "--board", address)
        #expect(failed.status == 74 && failed.stderr.contains("cannot be reached"), "\(failed.transcript)")
        try server.restart()
        try ana.waitFor("The database answers again", timeout: 15)
        #expect(!(try ana.capture().contains("OFFLINE")))
        #expect(try Self.stageOfFirst(box, address) == "Ready", "the move saved before the restart is there")
        try box.ok("comment", "1", "Said after the restart", "--board", address)
        try ana.waitFor("commented on #1")
        try ana.send("L")
        try ana.waitFor("Moved #1 from Ready to Doing")
        #expect(try Self.stageOfFirst(box, address) == "Doing")
        #expect(
            !(try ana.capture().contains("NOTICE") || ana.capture().contains("FATAL")),
            "libpq's words stay off the screen")
    }
}
