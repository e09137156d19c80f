import BatonHarness
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The delaying proxy passes PostgreSQL's traffic on intact, in order and late, and holds it
/// back while told to.
@Suite("A delaying proxy in front of PostgreSQL", .timeLimit(.minutes(1)))
struct DelayProxyTests {
    let box: Sandbox
    let proxy: DelayProxy

    init() throws {
        box = try Sandbox(prefix: "baton-proxy")
        proxy = try DelayProxy(to: try PostgresServer.shared.get())
    }

    /// psql running `sql` (given on its standard input) through the proxy, not yet waited for.
    func psql(_ sql: String) throws -> Spawned {
        try box.spawn(
            "/usr/bin/psql",
            ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", proxy.connectionString("postgres")],
            stdin: sql)
    }

    @Test func aLongQueryAndItsLongAnswerArriveIntactAndInOrder() throws {
        defer { proxy.stop() }
        let numbers = (0..<60_000).map(String.init).joined(separator: ",")
        let result = try psql(
            "SELECT '\(numbers)' || ';' || string_agg(i::text, ',' ORDER BY i) FROM generate_series(0, 59999) i;"
        ).wait()
        #expect(result.status == 0, "\(result.transcript.prefix(2_000))")
        #expect(result.stdout == numbers + ";" + numbers + "\n", "the 350 KB each way came back as they were sent")
    }

    @Test func everyAnswerIsAtLeastTheDelayBothWaysLate() throws {
        defer { proxy.stop() }
        var result: CLIResult?
        let took = try ContinuousClock().measure { result = try psql("SELECT 1;").wait() }
        #expect(result?.stdout == "1\n", "\(result?.transcript ?? "")")
        #expect(took >= .milliseconds(80), "at least one round trip, 40 ms each way")
    }

    @Test func heldTrafficGoesOnlyOnceReleased() throws {
        defer { proxy.stop() }
        proxy.hold()
        let query = try psql("SELECT 'through';")
        usleep(500_000)
        var status: Int32 = 0
        let ended = waitpid(query.pid, &status, WNOHANG)
        #expect(ended == 0, "psql got an answer while the proxy held its traffic")
        guard ended == 0 else { return }
        proxy.release()
        let result = try query.wait(timeout: 20)
        #expect(result.status == 0 && result.stdout == "through\n", "\(result.transcript)")
    }
}
