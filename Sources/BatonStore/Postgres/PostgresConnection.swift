import BatonCore
import CLibpq
import Foundation

/// libpq's functions, loaded the first time a board in a database is opened.
enum Libpq {
    private static let loaded: baton_libpq? = baton_libpq_load()?.pointee

    /// The functions, or a one-sentence error when libpq5 is not installed.
    static func functions() throws -> baton_libpq {
        guard let loaded else {
            throw BatonError(
                .io,
                "Boards in PostgreSQL need libpq5, PostgreSQL's client library, which is not installed here; install it (apt-get install libpq5) and try again."
            )
        }
        return loaded
    }
}

/// What a PostgreSQL server or libpq reported: the SQLSTATE code when there is one, and the
/// first line of the message (never shown to users as it is; the store words its own).
struct PostgresError: Error, Equatable {
    /// The five-character SQLSTATE, or nil when libpq failed before the server answered.
    var state: String?
    var message: String

    /// The server went away, refused the connection, or is shutting down.
    var isConnectionProblem: Bool {
        guard let state else { return true }
        return state.hasPrefix("08") || state.hasPrefix("57P")
    }

}

/// A statement and its parameters, as sent to the server.
struct PostgresStatement: Hashable {
    var sql: String
    var parameters: [SQLValue]
}

/// One connection to a PostgreSQL server through libpq, used from one thread at a time.
///
/// Parameters travel in binary with their lengths, so that no text is cut at a NUL on the way;
/// results come back as text. libpq's notices are dropped: none may reach a curses screen.
final class PostgresConnection {
    private let pq: baton_libpq
    private let handle: OpaquePointer
    private let notices = NoticeCounter()

    /// Connects with a libpq connection string or URI (`PGHOST`, `PGSERVICE` and `~/.pgpass`
    /// apply as for `psql`), asking for UTF-8 in the same handshake (it overrides the string's).
    init(_ conninfo: String) throws {
        guard !conninfo.utf8.contains(0) else {
            throw PostgresError(state: nil, message: "the connection string contains a NUL character")
        }
        let pq = try Libpq.functions()
        guard let handle = Self.connect(conninfo, pq) else {
            throw PostgresError(state: nil, message: "out of memory")
        }
        guard pq.PQstatus(handle) == CONNECTION_OK else {
            let message = Self.firstLine(pq.PQerrorMessage(handle))
            pq.PQfinish(handle)
            throw PostgresError(state: Self.refusalState(message), message: message)
        }
        self.pq = pq
        self.handle = handle
        _ = pq.PQsetNoticeProcessor(handle, NoticeCounter.processor, Unmanaged.passUnretained(notices).toOpaque())
    }

    /// What baton asks of every connection unless `conninfo` says otherwise: give up a login
    /// after 10 seconds, and notice a dropped network within about half a minute (TCP keepalives;
    /// a listening session sends nothing for hours).
    private static let defaults: KeyValuePairs = [
        "connect_timeout": "10", "keepalives_idle": "15", "keepalives_interval": "5", "keepalives_count": "3",
    ]

    /// `conninfo` expanded as the database name (libpq's `expand_dbname`) over baton's defaults,
    /// then the encoding, which overrides the string's.
    private static func connect(_ conninfo: String, _ pq: baton_libpq) -> OpaquePointer? {
        let pairs = Array(defaults) + [("dbname", conninfo), ("client_encoding", "UTF8")]
        let keywords = pairs.map { strdup($0.0) }, values = pairs.map { strdup($0.1) }
        defer { (keywords + values).forEach { free($0) } }
        let constant = { (strings: [UnsafeMutablePointer<CChar>?]) in
            strings.map { $0.map { UnsafePointer($0) } } + [nil]
        }
        return pq.PQconnectdbParams(constant(keywords), constant(values), 1)
    }

    deinit { pq.PQfinish(handle) }

    /// How many notices and warnings the server sent, which were dropped.
    var droppedNotices: Int { notices.count }

    /// The socket to wait on for notifications (`notifications()` reads them).
    var socket: Int32 { pq.PQsocket(handle) }

    /// Whether the connection is still usable (false after the server went away, or once a
    /// pipeline could not be ended, when what the server answers no longer lines up).
    var isOpen: Bool { !wedged && pq.PQstatus(handle) == CONNECTION_OK }

    /// A pipeline was left unfinished: the connection must be replaced.
    private var wedged = false

    /// How many times this connection waited for the server: what a change costs on a network.
    private(set) var roundTrips = 0
    /// Whether a statement was sent without waiting for its answer (`post`), which is then read
    /// before anything else is sent.
    private var posted = false

    /// Whether the server is still there as far as can be told without asking it: a server that
    /// restarted closed the socket, which then reads as ready (false also once libpq saw a failure).
    var isAlive: Bool {
        settle()
        // A server that shuts down sends its farewell, then closes: read until neither is left.
        for _ in 0..<4 {
            guard isOpen else { return false }
            var socket = pollfd(fd: self.socket, events: Int16(POLLIN), revents: 0)
            guard poll(&socket, 1, 0) > 0 else { return true }
            guard pq.PQconsumeInput(handle) == 1 else { return false }
        }
        return isOpen
    }

    /// Runs one statement with `$1`, `$2` … bound to `parameters`; returns its rows.
    @discardableResult
    func query(_ sql: String, _ parameters: [SQLValue] = []) throws -> PostgresRows {
        settle()
        let encoded = EncodedParameters(parameters)
        let result = encoded.withPointers { types, values, lengths, formats in
            pq.PQexecParams(handle, sql, Int32(parameters.count), types, values, lengths, formats, 0)
        }
        roundTrips += 1
        return try check(result)
    }

    /// Runs several statements without parameters, such as a migration, as one round trip.
    func execute(_ sql: String) throws {
        settle()
        roundTrips += 1
        _ = try check(pq.PQexec(handle, sql))
    }

    /// Sends `statements` together and waits once for all their results, in order (libpq's
    /// pipeline mode). The first that fails is thrown once every answer is in; the server skips
    /// those after it, and an open transaction is left failed, to be rolled back.
    func pipeline(_ statements: [PostgresStatement]) throws -> [PostgresRows] {
        if statements.count == 1 { return [try query(statements[0].sql, statements[0].parameters)] }
        try send(statements)
        defer { endPipeline() }
        roundTrips += 1
        return try collect(statements.count)
    }

    /// Enters pipeline mode and sends `statements` with the pipeline's end; leaves the mode again
    /// when that fails.
    private func send(_ statements: [PostgresStatement]) throws {
        settle()
        guard pq.PQenterPipelineMode(handle) == 1 else { throw failure() }
        for statement in statements {
            let sent = EncodedParameters(statement.parameters).withPointers { types, values, lengths, formats in
                pq.PQsendQueryParams(
                    handle, statement.sql, Int32(statement.parameters.count), types, values, lengths, formats, 0)
            }
            guard sent == 1 else { return try abandon() }
        }
        guard pq.PQpipelineSync(handle) == 1 else { return try abandon() }
    }

    /// Leaves a pipeline that could not be sent whole, and throws what went wrong.
    private func abandon() throws {
        let error = failure()
        endPipeline()
        throw error
    }

    /// Sends `sql`, a statement without parameters that cannot fail on a sound connection (the
    /// COMMIT of a transaction that only read), without waiting for the server's answer.
    func post(_ sql: String) throws {
        try send([PostgresStatement(sql: sql, parameters: [])])
        posted = true
    }

    /// Reads the answer to what was posted, if anything was (a broken connection shows at the
    /// next statement).
    private func settle() {
        guard posted else { return }
        posted = false
        _ = try? collect(1)
        endPipeline()
    }

    /// Leaves pipeline mode; when that fails (answers are still due, because sending or
    /// reading stopped half way), the connection is of no further use.
    private func endPipeline() {
        if pq.PQexitPipelineMode(handle) != 1 { wedged = true }
    }

    /// The results of `count` pipelined statements, then the pipeline's end.
    private func collect(_ count: Int) throws -> [PostgresRows] {
        var results: [PostgresRows] = []
        var firstError: PostgresError?
        for _ in 0..<count {
            guard let result = pq.PQgetResult(handle) else { throw failure() }
            while let extra = pq.PQgetResult(handle) { pq.PQclear(extra) }  // up to the statement's end
            if pq.PQresultStatus(result) == PGRES_PIPELINE_ABORTED {
                pq.PQclear(result)
                continue
            }
            do { results.append(try check(result)) } catch let error as PostgresError {
                firstError = firstError ?? error
                guard isOpen else { throw error }
            }
        }
        if let end = pq.PQgetResult(handle) { pq.PQclear(end) }
        if let firstError { throw firstError }
        return results
    }

    /// What libpq says went wrong with the connection itself.
    private func failure() -> PostgresError {
        PostgresError(state: isOpen ? nil : "08006", message: Self.firstLine(pq.PQerrorMessage(handle)))
    }

    /// The server process that serves this connection (it signs the notifications it sends).
    var serverProcess: Int32 { pq.PQbackendPID(handle) }

    /// The notifications that arrived since the last call, oldest first: the server process
    /// that sent each, and its payload.
    func notifications() throws -> [(process: Int32, payload: String)] {
        guard pq.PQconsumeInput(handle) == 1 else {
            throw PostgresError(state: "08006", message: Self.firstLine(pq.PQerrorMessage(handle)))
        }
        var received: [(process: Int32, payload: String)] = []
        while let notice = pq.PQnotifies(handle) {
            received.append((notice.pointee.be_pid, notice.pointee.extra.map { String(cString: $0) } ?? ""))
            pq.PQfreemem(notice)
        }
        return received
    }

    private func check(_ result: OpaquePointer?) throws -> PostgresRows {
        guard let result else { throw failure() }
        switch pq.PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PostgresRows(result, pq)
        default:
            let state = pq.PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            let message = Self.firstLine(pq.PQresultErrorMessage(result))
            pq.PQclear(result)
            throw PostgresError(state: state ?? (isOpen ? nil : "08006"), message: message)
        }
    }

    /// The SQLSTATE of a refused login, which libpq reports only in words: a missing database
    /// (3D000), a missing role (28000) or a wrong password (28P01); nil for anything else.
    private static func refusalState(_ message: String) -> String? {
        if message.contains("database \"") && message.hasSuffix("does not exist") { return "3D000" }
        if message.contains("role \"") && message.hasSuffix("does not exist") { return "28000" }
        if message.contains("authentication failed") { return "28P01" }
        return nil
    }

    private static func firstLine(_ text: UnsafePointer<CChar>?) -> String {
        let whole = text.map { String(cString: $0) } ?? ""
        return whole.split(separator: "\n").first.map(String.init) ?? "no message"
    }
}

/// Counts the notices libpq would otherwise print on standard error.
private final class NoticeCounter {
    var count = 0

    static let processor: PQnoticeProcessor = { context, _ in
        guard let context else { return }
        Unmanaged<NoticeCounter>.fromOpaque(context).takeUnretainedValue().count += 1
    }
}
