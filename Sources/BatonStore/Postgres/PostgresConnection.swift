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

    /// Whether the connection is still usable (false after the server went away).
    var isOpen: Bool { pq.PQstatus(handle) == CONNECTION_OK }

    /// Runs one statement with `$1`, `$2` … bound to `parameters`; returns its rows.
    @discardableResult
    func query(_ sql: String, _ parameters: [SQLValue] = []) throws -> PostgresRows {
        let encoded = EncodedParameters(parameters)
        let result = encoded.withPointers { types, values, lengths, formats in
            pq.PQexecParams(handle, sql, Int32(parameters.count), types, values, lengths, formats, 0)
        }
        return try check(result)
    }

    /// Runs several statements without parameters, such as a migration, as one round trip.
    func execute(_ sql: String) throws {
        _ = try check(pq.PQexec(handle, sql))
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
        guard let result else {
            throw PostgresError(state: isOpen ? nil : "08006", message: Self.firstLine(pq.PQerrorMessage(handle)))
        }
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

/// The rows of one result, read by row and column as text; freed with the value.
final class PostgresRows {
    private let result: OpaquePointer
    private let pq: baton_libpq

    fileprivate init(_ result: OpaquePointer, _ pq: baton_libpq) {
        self.result = result
        self.pq = pq
    }

    deinit { pq.PQclear(result) }

    var count: Int { Int(pq.PQntuples(result)) }

    func isNull(_ row: Int, _ column: Int32) -> Bool { pq.PQgetisnull(result, Int32(row), column) == 1 }

    func optionalText(_ row: Int, _ column: Int32) -> String? {
        guard !isNull(row, column), let bytes = pq.PQgetvalue(result, Int32(row), column) else { return nil }
        let count = Int(pq.PQgetlength(result, Int32(row), column))
        return bytes.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
    }

    func text(_ row: Int, _ column: Int32) -> String { optionalText(row, column) ?? "" }

    /// What a column holds, from its type: whole numbers (flags too), reals, or text.
    enum Kind { case integer, real, text }

    func kind(of column: Int32) -> Kind {
        switch pq.PQftype(result, column) {
        case 16, 20, 21, 23: return .integer  // boolean, bigint, smallint, integer
        case 700, 701, 1700: return .real  // real, double precision, numeric
        default: return .text
        }
    }

    /// An integer column (also a boolean: `t` is 1), or nil for NULL.
    func optionalInt(_ row: Int, _ column: Int32) -> Int64? {
        guard !isNull(row, column), let bytes = pq.PQgetvalue(result, Int32(row), column) else { return nil }
        switch bytes.pointee {
        case CChar(UInt8(ascii: "t")): return 1
        case CChar(UInt8(ascii: "f")): return 0
        default: return strtoll(bytes, nil, 10)
        }
    }

    func optionalDouble(_ row: Int, _ column: Int32) -> Double? {
        guard !isNull(row, column), let bytes = pq.PQgetvalue(result, Int32(row), column) else { return nil }
        return strtod(bytes, nil)
    }
}

/// Parameters in libpq's binary format: each value's bytes, its type and its length.
private struct EncodedParameters {
    private static let int8 = Oid(20), float8 = Oid(701), text = Oid(25)
    private var bytes: [UInt8] = []
    private var offsets: [Int] = []
    private var lengths: [Int32] = []
    private var types: [Oid] = []
    private var nulls: [Bool] = []

    init(_ parameters: [SQLValue]) {
        for parameter in parameters {
            offsets.append(bytes.count)
            nulls.append(parameter == .null)
            switch parameter {
            case .null: types.append(0)  // the server infers the type of a NULL
            case .int(let value): append(value.bigEndian, type: Self.int8)
            case .double(let value): append(value.bitPattern.bigEndian, type: Self.float8)
            case .text(let value):
                bytes += value.utf8
                types.append(Self.text)
            }
            lengths.append(Int32(bytes.count - offsets.last!))
        }
        bytes.append(0)  // never an empty buffer
    }

    private mutating func append<T: FixedWidthInteger>(_ value: T, type: Oid) {
        withUnsafeBytes(of: value) { bytes += $0 }
        types.append(type)
    }

    /// Calls `body` with the arrays `PQexecParams` takes (a nil value for NULL, every value binary).
    func withPointers<R>(
        _ body: (
            UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?
        ) -> R
    ) -> R {
        let formats = [Int32](repeating: 1, count: types.count)
        return bytes.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            let values: [UnsafePointer<CChar>?] = offsets.indices.map { nulls[$0] ? nil : base + offsets[$0] }
            return body(types, values, lengths, formats)
        }
    }
}
