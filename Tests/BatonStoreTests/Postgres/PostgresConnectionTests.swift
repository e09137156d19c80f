import BatonTestSupport
import Foundation
import Glibc
import Testing

@testable import BatonStore

/// libpq underneath the PostgreSQL engine, against a real server started for the tests.
@Suite("A PostgreSQL connection")
struct PostgresConnectionTests {
    let server: PostgresServer
    let connection: PostgresConnection

    init() throws {
        server = try PostgresServer.shared.get()
        connection = try PostgresConnection(server.connectionString(try server.database()))
    }

    @Test("values go in binary with their lengths and come back as they were")
    func valuesRoundTrip() throws {
        try connection.execute("CREATE TABLE t (i BIGINT, d DOUBLE PRECISION, s TEXT)")
        let texts = ["", "plain", "ünïcødé 🧑‍💻 مرحبا", String(repeating: "x", count: 70_000), "a'b\"c\\d;--"]
        for (index, text) in texts.enumerated() {
            try connection.query(
                "INSERT INTO t VALUES ($1, $2, $3)", [.int(Int64(index) - 2), .double(Double(index) / 3), .text(text)])
        }
        try connection.query("INSERT INTO t VALUES ($1, $2, $3)", [.int(Int64.max), .null, .null])
        let rows = try connection.query("SELECT i, d, s FROM t ORDER BY i")
        #expect(rows.count == texts.count + 1)
        #expect((0..<texts.count).map { rows.text($0, 2) } == texts)
        #expect((0..<texts.count).map { rows.optionalInt($0, 0) } == [-2, -1, 0, 1, 2])
        #expect(rows.optionalDouble(4, 1) == 4.0 / 3)
        #expect(rows.optionalInt(5, 0) == Int64.max)
        #expect(rows.isNull(5, 1) && rows.optionalText(5, 2) == nil && rows.optionalDouble(5, 1) == nil)
    }

    @Test("text with a NUL is refused by the server, never cut short on the way")
    func nulIsNeverCut() throws {
        try connection.execute("CREATE TABLE t (s TEXT)")
        #expect(throws: PostgresError.self) {
            try connection.query("INSERT INTO t VALUES ($1)", [.text("before\0after")])
        }
        #expect(try connection.query("SELECT count(*) FROM t").optionalInt(0, 0) == 0, "nothing stored, not 'before'")
    }

    @Test("a failed statement reports its SQLSTATE and one line; notices stay out of the terminal")
    func errorsAndNotices() throws {
        #expect(throws: PostgresError(state: "42P01", message: "ERROR:  relation \"missing\" does not exist")) {
            try connection.query("SELECT * FROM missing")
        }
        // libpq's default processor would print these on standard error; the connection's takes them.
        try connection.execute("DO $$ BEGIN RAISE NOTICE 'chatty server'; RAISE WARNING 'louder'; END $$")
        #expect(connection.droppedNotices == 2)
        #expect(try connection.query("SELECT 1").optionalInt(0, 0) == 1, "the connection is still usable")
    }

    @Test("a notification arrives on the socket with its payload and its sender")
    func notifications() throws {
        let database = try server.database()
        let listener = try PostgresConnection(server.connectionString(database))
        let writer = try PostgresConnection(server.connectionString(database))
        try listener.execute("LISTEN board")
        #expect(try listener.notifications().isEmpty)
        try writer.execute("BEGIN; SELECT pg_notify('board', '41'); SELECT pg_notify('board', '42'); COMMIT")
        var poller = pollfd(fd: listener.socket, events: Int16(POLLIN), revents: 0)
        #expect(poll(&poller, 1, 5_000) == 1, "the socket became readable")
        let received = try listener.notifications()
        #expect(received.map(\.payload) == ["41", "42"])
        #expect(received.allSatisfy { $0.process == writer.serverProcess }, "signed by the writer's server process")
        #expect(writer.serverProcess != listener.serverProcess)
    }

    @Test("an unreachable server, a bad database and a NUL in the address are errors, not crashes")
    func connectionProblems() throws {
        let nowhere = #expect(throws: PostgresError.self) {
            try PostgresConnection("host=\(server.folder) port=1 user=postgres dbname=postgres connect_timeout=2")
        }
        #expect(nowhere?.isConnectionProblem == true)
        let missing = #expect(throws: PostgresError.self) {
            try PostgresConnection(server.connectionString("no_such_database"))
        }
        #expect(missing?.message.contains("no_such_database") == true)
        #expect(throws: PostgresError.self) { try PostgresConnection("dbname=x\0host=elsewhere") }
    }

    @Test("a server going away mid-session is a connection problem")
    func serverGoesAway() throws {
        let pid = try #require(connection.query("SELECT pg_backend_pid()").optionalInt(0, 0))
        try server.psql("SELECT pg_terminate_backend(\(pid))")
        let lost = #expect(throws: PostgresError.self) { try connection.query("SELECT 1") }
        #expect(lost?.isConnectionProblem == true)
        #expect(!connection.isOpen)
    }

    @Test("a server that closed the connection is noticed before anything is sent")
    func closedConnectionIsNoticed() throws {
        #expect(connection.isAlive)
        let pid = try #require(connection.query("SELECT pg_backend_pid()").optionalInt(0, 0))
        try server.psql("SELECT pg_terminate_backend(\(pid))")
        usleep(200_000)  // the farewell and the close reach this side
        #expect(!connection.isAlive, "its farewell and the end of the stream are read")
    }

    @Test("statements sent together answer in order; one that cannot be sent leaves the connection for a new one")
    func pipelines() throws {
        let answers = try connection.pipeline([
            PostgresStatement(sql: "SELECT 1", parameters: []),
            PostgresStatement(sql: "SELECT $1::bigint + 1", parameters: [.int(41)]),
        ])
        #expect(answers.map { $0.optionalInt(0, 0) } == [1, 42])
        let tooMany = PostgresStatement(sql: "SELECT 1", parameters: Array(repeating: .int(1), count: 70_000))
        #expect(throws: PostgresError.self) {
            try connection.pipeline([PostgresStatement(sql: "SELECT 1", parameters: []), tooMany])
        }
        #expect(!connection.isOpen, "half a pipeline was queued: its answers would no longer line up")
    }
}
