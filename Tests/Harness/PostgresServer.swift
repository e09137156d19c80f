import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL server for the tests and the benchmark: a new cluster in a temporary
/// folder, listening on a Unix socket there (and on 127.0.0.1 when asked), run as the `postgres`
/// account when this process runs as root (the server refuses root). One server serves a whole
/// test process (`shared`); each test takes a database of its own (`database()`). The shared
/// server is stopped by its pid, and its folder removed, when the process exits.
public final class PostgresServer: @unchecked Sendable {
    /// The server of this test process, started on first use.
    public static let shared: Result<PostgresServer, Error> = Result { try PostgresServer() }

    /// A server of the caller's own, which the caller stops: for a test that stops and restarts
    /// it (which would cut every other test's connections to the shared one), or for the
    /// benchmark. With `loopback` it also listens on 127.0.0.1, and its connection strings go
    /// there (a free port is chosen).
    public static func dedicated(loopback: Bool = false) throws -> PostgresServer {
        try PostgresServer(stopAtExit: false, loopback: loopback)
    }

    /// The cluster's folder, which also holds its Unix socket.
    public let folder: String
    /// The port, also in the name of the Unix socket.
    public let port: Int
    /// Whether the server also listens on 127.0.0.1 (and connection strings go there).
    public let listensOnLoopback: Bool
    /// The server's process id while it runs, else 0.
    public private(set) var pid: pid_t = 0
    private let box: Sandbox
    private let lock = NSLock()
    private var counter = 0

    private init(stopAtExit: Bool = true, loopback: Bool = false) throws {
        box = try Sandbox(prefix: "baton-pg")
        folder = box.path("cluster")
        listensOnLoopback = loopback
        port = loopback ? try Sockets.freeLoopbackPort() : Int.random(in: 20_000..<60_000)
        let bin = try Self.binaries()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if getuid() == 0, let owner = getpwnam("postgres") { chown(folder, owner.pointee.pw_uid, owner.pointee.pw_gid) }
        try runAsOwner(
            ["\(bin)/initdb", "-D", "\(folder)/data", "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"])
        try start(bin)
        if stopAtExit { atexit { if case .success(let server) = PostgresServer.shared { server.discard() } } }
    }

    /// Stops the server and removes its cluster, as the process that shared it ends (the
    /// shared server is never deinitialised, so its sandbox would stay behind).
    private func discard() {
        stop()
        try? FileManager.default.removeItem(at: box.root)
    }

    /// A libpq connection string for `database` as `user` (the superuser by default), over
    /// 127.0.0.1 when the server listens there, else over the Unix socket.
    public func connectionString(_ database: String = "postgres", user: String = "postgres") -> String {
        "host=\(listensOnLoopback ? "127.0.0.1" : folder) port=\(port) user=\(user) dbname=\(database)"
    }

    /// The path of the server's Unix socket (which `DelayProxy` forwards to).
    public var socketPath: String { "\(folder)/.s.PGSQL.\(port)" }

    /// A new, empty database for one test; returns its name.
    public func database() throws -> String {
        let name = lock.withLock {
            counter += 1
            return "t\(getpid())_\(counter)"
        }
        try psql("CREATE DATABASE \(name)")
        return name
    }

    /// The shared server and a new database on it, for a test suite's stored properties.
    public static func newDatabase() throws -> (server: PostgresServer, database: String) {
        let server = try shared.get()
        return (server, try server.database())
    }

    /// Runs SQL through psql as the superuser, requiring success; returns what it printed.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        let result = try box.run(
            "/usr/bin/psql",
            ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", connectionString(database), "-c", sql])
        guard result.status == 0 else { throw CLIError.unavailable("psql: \(sql): \(result.stderr)") }
        return result.stdout
    }

    /// Stops the server at once (it may be started again with `restart()`).
    public func stop() {
        guard pid > 0 else { return }
        kill(pid, SIGINT)  // fast shutdown: ends every session, then the server
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        pid = 0
    }

    /// Stops the server and starts it again on the same port, as after a restart by its operators.
    public func restart() throws {
        stop()
        try start(try Self.binaries())
    }

    private func start(_ bin: String) throws {
        let options = [
            "-D", "\(folder)/data", "-k", folder, "-p", String(port),
            "-c", "listen_addresses=\(listensOnLoopback ? "127.0.0.1" : "")", "-c", "fsync=off",
            "-c", "max_connections=200",
        ]
        let (executable, arguments) = ownerCommand(["\(bin)/postgres"] + options)
        pid = try Spawning.spawn(
            executable, arguments, environment: ProcessInfo.processInfo.environment, cwd: folder,
            stdin: "/dev/null", stdout: "\(folder)/server.log", stderr: "\(folder)/server.log")
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if try box.run("\(bin)/pg_isready", ["-q", "-h", folder, "-p", String(port)]).status == 0 { return }
            usleep(50_000)
        }
        let log = (try? String(contentsOfFile: "\(folder)/server.log", encoding: .utf8)) ?? ""
        throw CLIError.unavailable("PostgreSQL did not start: \(log)")
    }

    private func runAsOwner(_ command: [String]) throws {
        let (executable, arguments) = ownerCommand(command)
        let result = try box.run(executable, arguments)
        guard result.status == 0 else {
            throw CLIError.unavailable("\(command.joined(separator: " ")): \(result.stderr)")
        }
    }

    /// `command` as the postgres account when this process is root, else as it is.
    private func ownerCommand(_ command: [String]) -> (String, [String]) {
        guard getuid() == 0, let setpriv = Paths.tool("setpriv") else {
            return (command[0], Array(command.dropFirst()))
        }
        return (setpriv, ["--reuid=postgres", "--regid=postgres", "--init-groups", "--"] + command)
    }

    /// The folder of the newest installed server's programs (Debian keeps them out of PATH).
    private static func binaries() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        guard let newest = versions.compactMap(Int.init).max() else {
            throw CLIError.unavailable("PostgreSQL's server (scripts/install-deps.sh installs it)")
        }
        return "\(root)/\(newest)/bin"
    }
}
