import Foundation
import Testing

/// The command line on boards in PostgreSQL: init, boards, copy and check, against the test
/// process's own server.
@Suite("boards in a database, from the command line")
struct DatabaseBoardTests {
    let server: PostgresServer
    let database: String

    init() throws { (server, database) = try PostgresServer.newDatabase() }

    /// The database as a URI, as users write it, with `board` when given.
    private func address(_ board: String? = nil, user: String = "postgres") -> String {
        "postgresql:///\(database)?host=\(server.folder)&port=\(server.port)&user=\(user)"
            + (board.map { "&board=\($0)" } ?? "")
    }

    @Test func initListAndUseABoardInADatabase() throws {
        let box = try Sandbox(prefix: "baton-db")
        let made = try box.ok("init", address("claims"), "--sample")
        #expect(made.stdout.contains("board=claims") && made.stdout.contains("sample squad"), "\(made.stdout)")
        try box.ok("init", address("payments_team"))
        let again = try box.baton("init", address("claims"))
        #expect(again.status == 65 && again.stderr.contains("already a board 'claims'"), "\(again.transcript)")

        let listed = try box.ok("boards", address())
        #expect(listed.stdout.contains("claims") && listed.stdout.contains("12 open items"), "\(listed.stdout)")
        #expect(listed.stdout.contains("Payments Team"), "named after board=NAME: \(listed.stdout)")
        let json = try box.jsonArray("boards", address(), "--json")
        #expect(json.map { $0["name"] as? String } == ["claims", "payments_team"])
        #expect(json.allSatisfy { $0["mayWrite"] as? Bool == true })

        let env = ["BATON_BOARD": address("claims")]
        let added = try box.baton(["item", "add", "From a script", "--json"], env: env)
        #expect(added.status == 0, "\(added.transcript)")
        let items = try box.baton(["item", "list", "--json"], env: env)
        #expect(items.stdout.contains("From a script"))
        #expect(try box.jsonArray("item", "list", "--json", "--board", address("payments_team")).isEmpty)
        let log = try box.baton(["log", "--limit", "1"], env: env)
        #expect(log.stdout.contains("(database role postgres)"), "\(log.stdout)")
        let entries = try box.jsonArray("log", "--json", "--board", address("claims"))
        #expect(entries.allSatisfy { $0["role"] as? String == "postgres" })
    }

    @Test func copyAFileToADatabaseAndBack() throws {
        let box = try Sandbox.withBoard(sample: true)
        try box.ok("comment", "3", "Copied along")
        let original = try box.ok("export", "--format", "json").stdoutData
        let there = try box.ok("copy", "board.baton", address("copied"))
        #expect(there.stdout.contains("12 items") && there.stdout.contains("history entries"), "\(there.stdout)")
        #expect(there.stderr.isEmpty, "no progress bar in a pipe: \(there.stderr)")
        try box.ok("copy", address("copied"), "back.baton")
        #expect(try box.ok("export", "--format", "json", "--board", address("copied")).stdoutData == original)
        #expect(try box.ok("export", "--format", "json", "--board", "back.baton").stdoutData == original)
        let refused = try box.baton("copy", "back.baton", address("copied"))
        #expect(refused.status == 65 && refused.stderr.contains("already a board"), "\(refused.transcript)")
        let missing = try box.baton("copy", "nowhere.baton", address("other"))
        #expect(missing.status == 66, "\(missing.transcript)")
    }

    @Test func checkReportsARoleThatMayOnlyRead() throws {
        let box = try Sandbox(prefix: "baton-db")
        try box.ok("init", address("squad"), "--sample")
        let fine = try box.ok("check", "--board", address("squad"))
        #expect(fine.stdout.contains("OK (12 items"), "\(fine.stdout)")
        let viewer = "viewer_\(database)"
        try server.psql(
            """
            CREATE ROLE \(viewer) LOGIN; GRANT USAGE ON SCHEMA baton, board_squad TO \(viewer);
            GRANT SELECT ON ALL TABLES IN SCHEMA baton, board_squad TO \(viewer);
            """, database: database)
        let view = address("squad", user: viewer)
        let checked = try box.ok("check", "--board", view)
        #expect(checked.stdout.contains("may only read this board"), "\(checked.stdout)")
        #expect(try box.jsonObject("check", "--board", view, "--json")["mayWrite"] as? Bool == false)
        let refused = try box.baton("item", "add", "Not allowed", "--board", view)
        #expect(refused.status == 77 && refused.stderr.contains("read"), "\(refused.transcript)")
        #expect(try box.jsonArray("boards", view, "--json").first?["mayWrite"] as? Bool == false)
    }

    @Test func theReadmesSetUpForASquadWorks() throws {
        let box = try Sandbox(prefix: "baton-db")
        let (admin, writers, viewers, ana, eve) = (
            "squad_admin_\(database)", "claims_writers_\(database)", "claims_viewers_\(database)", "ana_\(database)",
            "eve_\(database)"
        )
        // The README's statements, with the names made unique to this test's database.
        try server.psql(
            """
            CREATE ROLE \(admin) LOGIN; ALTER DATABASE \(database) OWNER TO \(admin);
            CREATE ROLE \(writers) NOLOGIN; CREATE ROLE \(viewers) NOLOGIN;
            CREATE ROLE \(ana) LOGIN IN ROLE \(writers); CREATE ROLE \(eve) LOGIN IN ROLE \(viewers);
            """)
        try box.ok("init", address("claims", user: admin), "--name", "Claims squad")
        try server.psql(
            """
            SET ROLE \(admin);
            GRANT USAGE ON SCHEMA baton, board_claims TO \(writers), \(viewers);
            GRANT SELECT, UPDATE ON baton.board TO \(writers);
            GRANT SELECT ON baton.board TO \(viewers);
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA board_claims TO \(writers);
            GRANT SELECT ON ALL TABLES IN SCHEMA board_claims TO \(viewers);
            ALTER DEFAULT PRIVILEGES IN SCHEMA board_claims GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO \(writers);
            ALTER DEFAULT PRIVILEGES IN SCHEMA board_claims GRANT SELECT ON TABLES TO \(viewers);
            """, database: database)
        // A table a later baton's upgrade adds, made as the admin: members may use it as they use the others.
        try server.psql(
            """
            SET ROLE \(admin); CREATE TABLE board_claims.added_later (x BIGINT);
            SET ROLE \(ana); INSERT INTO board_claims.added_later VALUES (1);
            SET ROLE \(eve); SELECT * FROM board_claims.added_later;
            """, database: database)
        let added = try box.baton("item", "add", "Written by a member", "--board", address("claims", user: ana))
        #expect(added.status == 0, "\(added.transcript)")
        let shown = try box.baton("item", "list", "--board", address("claims", user: eve))
        #expect(shown.stdout.contains("Written by a member"), "\(shown.transcript)")
        let refused = try box.baton("item", "add", "Not allowed", "--board", address("claims", user: eve))
        #expect(refused.status == 77, "\(refused.transcript)")
        #expect(
            try box.jsonArray("log", "--json", "--board", address("claims", user: eve)).last?["role"] as? String == ana)
    }
}
