import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP proxy on 127.0.0.1 in front of a PostgreSQL server's Unix socket that passes every
/// chunk it reads on `delay` seconds later, each way and in order, as a server far away would
/// answer. `hold()` keeps all traffic back (connections stay open, nothing is passed on) until
/// `release()`, as a network that is slow to answer would. Each connection is carried by four
/// threads, a reader and a writer for each direction, which sleep on one condition and never
/// spin. `stop()` ends it; it runs until then.
public final class DelayProxy: @unchecked Sendable {
    /// The port it listens on, on 127.0.0.1.
    public let port: Int
    /// Seconds each chunk is held back, each way.
    public let delay: Double
    private let upstream: String
    private let listener: Int32
    /// Guards everything below, the queues and the connections, and wakes the writers.
    private let state = NSCondition()
    private var held = false
    private var stopped = false
    private var open: Set<Int32> = []
    private var threads = 0

    /// A proxy to `server` (through its Unix socket) that delays each chunk by `delay` seconds
    /// each way (40 ms unless told); it listens at once.
    public init(to server: PostgresServer, delay: Double = 0.04) throws {
        upstream = server.socketPath
        self.delay = delay
        let listener = try Sockets.listenOnLoopback()
        do { port = try Sockets.port(of: listener) } catch {
            close(listener)
            throw error
        }
        self.listener = listener
        start { [self] in acceptConnections() }
    }

    /// A libpq connection string for `database` on the server behind the proxy, through it.
    public func connectionString(_ database: String, user: String = "postgres") -> String {
        "host=127.0.0.1 port=\(port) dbname=\(database) user=\(user)"
    }

    /// Keeps all traffic back from now on, both ways, until `release()`.
    public func hold() { state.withLock { held = true } }

    /// Passes on what was held back, in order, and lets traffic flow again (with its delay).
    public func release() {
        state.withLock {
            held = false
            state.broadcast()
        }
    }

    /// Closes the listener and every connection, dropping what is still on its way, and waits
    /// for the threads to end.
    public func stop() {
        state.lock()
        defer { state.unlock() }
        guard !stopped else { return }
        stopped = true
        shutdown(listener, Int32(SHUT_RDWR))
        for socket in open { shutdown(socket, Int32(SHUT_RDWR)) }
        state.broadcast()
        while threads > 0 { state.wait() }
        close(listener)
    }

    private func acceptConnections() {
        while true {
            let client = Sockets.accept(listener)
            if client < 0 && errno == EINTR { continue }
            guard client >= 0 else { return }  // stopped
            guard let server = try? Sockets.connect(unixSocket: upstream) else {
                close(client)
                continue
            }
            let connection = Connection(client: client, server: server)
            let accepted = state.withLock {
                if !stopped { open.formUnion([client, server]) }
                return !stopped
            }
            guard accepted else {
                connection.close()
                return
            }
            carry(from: client, to: server, of: connection)
            carry(from: server, to: client, of: connection)
        }
    }

    /// Starts the reader and the writer of one direction of `connection`.
    private func carry(from source: Int32, to destination: Int32, of connection: Connection) {
        let queue = ChunkQueue()
        start { [self] in
            read(from: source, into: queue)
            finish(connection)
        }
        start { [self] in
            write(queue, to: destination)
            shutdown(destination, Int32(SHUT_WR))  // passes the end of the stream on
            shutdown(source, Int32(SHUT_RD))  // and stops the reader when the destination has gone
            finish(connection)
        }
    }

    /// Reads chunks until the end of the stream (queued as a nil chunk), each due `delay` later.
    private func read(from source: Int32, into queue: ChunkQueue) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(source, &buffer, buffer.count, 0)
            if count < 0 && errno == EINTR { continue }
            let bytes = count > 0 ? Array(buffer[..<count]) : nil
            state.withLock {
                queue.chunks.append((due: Self.now() + delay, bytes: bytes))
                state.broadcast()
            }
            if bytes == nil { return }
        }
    }

    /// Sends each chunk once it is due, until the end of the stream, a send fails or the proxy stops.
    private func write(_ queue: ChunkQueue, to destination: Int32) {
        while let bytes = next(from: queue) {
            guard Sockets.send(bytes, to: destination) else { return }
        }
    }

    /// The next chunk once it is due and traffic is not held; nil at the end of the stream or
    /// when the proxy stops.
    private func next(from queue: ChunkQueue) -> [UInt8]? {
        state.lock()
        defer { state.unlock() }
        while !stopped {
            if !held, let first = queue.chunks.first {
                let wait = first.due - Self.now()
                if wait <= 0 {
                    queue.chunks.removeFirst()
                    return first.bytes
                }
                _ = state.wait(until: Date(timeIntervalSinceNow: wait))
            } else {
                state.wait()
            }
        }
        return nil
    }

    /// Notes that one of a connection's four threads ended; the last one closes its sockets.
    private func finish(_ connection: Connection) {
        state.withLock {
            connection.ended += 1
            guard connection.ended == 4 else { return }
            open.subtract([connection.client, connection.server])
            connection.close()
        }
    }

    /// Runs `body` on a thread of its own, counted until it ends.
    private func start(_ body: @escaping @Sendable () -> Void) {
        state.withLock { threads += 1 }
        Thread { [self] in
            body()
            state.withLock {
                threads -= 1
                state.broadcast()
            }
        }.start()
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// The chunks read from one direction of a connection and not yet sent, in order; nil bytes
/// mark the end of the stream. Guarded by the proxy's condition.
private final class ChunkQueue: @unchecked Sendable {
    var chunks: [(due: Double, bytes: [UInt8]?)] = []
}

/// A client's connection and the one to the server made for it; guarded by the proxy's condition.
private final class Connection: @unchecked Sendable {
    let client: Int32
    let server: Int32
    /// How many of its four threads have ended.
    var ended = 0

    init(client: Int32, server: Int32) {
        self.client = client
        self.server = server
    }

    func close() {
        Glibc.close(client)
        Glibc.close(server)
    }
}
