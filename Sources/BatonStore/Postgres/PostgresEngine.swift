import BatonCore
import Foundation
import Synchronization

/// A board in a PostgreSQL database: every change one transaction that first locks the board's
/// row in the catalog (as `BEGIN IMMEDIATE` locks a file), so that history entries are numbered
/// densely in commit order; each change notifies `baton_<board>` with its last sequence number.
final class PostgresEngine: StoreEngine {
    let address: PostgresAddress
    let isReadOnly: Bool
    let role: String?
    /// One connection, used by one transaction at a time (the background history reader shares
    /// it); replaced by a new one when the server went away.
    private var connection: PostgresConnection
    private let lock = NSLock()
    /// The server process serving `connection`: notifications it signed are this session's own.
    private let ownProcess: Atomic<Int32>
    /// Whether the server answered the last call (read without the lock, from the loop).
    private let answered = Atomic(true)
    /// How many changes this session committed, which `changeCounter` leaves out.
    private var ownChanges = 0

    private init(address: PostgresAddress, connection: PostgresConnection, readOnly: Bool, role: String) {
        self.address = address
        self.role = role
        self.connection = connection
        self.isReadOnly = readOnly
        ownProcess = Atomic(connection.serverProcess)
    }

    var location: String { address.description }

    /// A board in a database cannot be swapped under an open session the way a file can.
    var isStillThere: Bool { true }

    /// The channel that carries the board's new sequence numbers.
    var channel: String { "baton_\(address.board)" }

    /// Opens the board at `address`; throws a one-sentence error when there is none or it was
    /// made by a newer baton. A role that may not write gets a read-only board.
    static func open(_ address: PostgresAddress, readOnly: Bool = false) throws -> PostgresEngine {
        try attach(try connect(address), to: address, readOnly: readOnly)
    }

    /// Makes the board `address` names in its database, holding `fill`'s rows, in one transaction.
    static func create(_ address: PostgresAddress, fill: (any SQLDatabase) throws -> Void) throws -> PostgresEngine {
        let connection = try connect(address)
        let schema = PostgresSchema.schemaName(of: address.board)
        try translating(address) {
            let db = PostgresDatabase(connection: connection)
            try Self.committing(db, begin: ["BEGIN"]) { _ in
                try db.execute("SELECT pg_advisory_xact_lock(hashtext('baton'))")
                try db.script(PostgresSchema.catalog)
                if try db.int("SELECT count(*) FROM baton.board WHERE name = ?", [address.board]) != 0 {
                    throw BatonError.data(
                        "There is already a board '\(address.board)' in that database; baton never overwrites a board. Choose another name with board=NAME."
                    )
                }
                try db.execute(
                    "INSERT INTO baton.board (name, schema_name, version, created_at, created_by) VALUES (?, ?, ?, ?, current_user)",
                    [address.board, schema, PostgresSchema.version, millis(Date())])
                try db.script(PostgresSchema.tables(in: schema))
                try fill(db)
            }
        }
        return try attach(connection, to: address, readOnly: false)
    }

    /// Checks the board in the catalog, with the role's rights on it, in one statement, and
    /// points `connection` at the board's schema.
    private static func attach(
        _ connection: PostgresConnection, to address: PostgresAddress, readOnly: Bool
    ) throws -> PostgresEngine {
        let schema = PostgresSchema.schemaName(of: address.board)
        let found = try translating(address) { try catalogEntry(of: address, connection) }
        guard let (version, mayRead, mayWrite, role) = found else { throw noBoard(address) }
        guard mayRead else {
            throw BatonError(
                .permission,
                "The database role may not read the board \(address); ask the database's owner to grant your role USAGE on the schema \(schema) and SELECT on its tables."
            )
        }
        if version > PostgresSchema.version {
            throw BatonError.data("The board \(address) was made by a newer baton; upgrade baton to open it.")
        }
        if version < PostgresSchema.version { try upgrade(connection, address) }
        try translating(address) { try point(connection, at: address) }
        return PostgresEngine(address: address, connection: connection, readOnly: readOnly || !mayWrite, role: role)
    }

    /// The board's schema version and whether the role may read and write it; nil when the
    /// database has no catalog or no board of that name.
    private static func catalogEntry(
        of address: PostgresAddress, _ connection: PostgresConnection
    ) throws -> (version: Int, mayRead: Bool, mayWrite: Bool, role: String)? {
        let sql = """
            SELECT version, has_schema_privilege(schema_name, 'USAGE'),
                   has_schema_privilege(schema_name, 'USAGE') AND has_table_privilege(schema_name || '.item', 'INSERT'),
                   current_user
            FROM baton.board WHERE name = ?
            """
        do {
            return try PostgresDatabase(connection: connection).map(sql, [address.board]) {
                ($0.int(0), $0.bool(1), $0.bool(2), $0.text(3))
            }.first
        } catch let error as PostgresError where error.state == "42P01" || error.state == "3F000" {
            return nil  // no catalog: no board has been made in this database
        }
    }

    /// Makes the board's tables the ones `connection`'s statements name.
    private static func point(_ connection: PostgresConnection, at address: PostgresAddress) throws {
        try connection.execute("SET search_path TO \(PostgresSchema.schemaName(of: address.board))")
    }

    func read<T>(_ body: (any SQLDatabase) throws -> T) throws -> T {
        try transaction(["BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"], confirmed: false, body)
    }

    func write<T>(_ body: (any SQLDatabase) throws -> T) throws -> T {
        try change(["BEGIN"], body)
    }

    /// Presence: committed without waiting for the server's disk.
    func quickWrite(_ body: (any SQLDatabase) throws -> Void) throws {
        try change(["BEGIN", "SET LOCAL synchronous_commit = off"], body)
    }

    /// `body` as one change: the board's row locked first (and the change counted for other
    /// sessions), the listeners told the newest sequence number in the same transaction.
    private func change<T>(_ begin: [String], _ body: (any SQLDatabase) throws -> T) throws -> T {
        let result = try transaction(begin) { db in
            try db.execute("UPDATE baton.board SET changes = changes + 1 WHERE name = ?", [address.board])
            let result = try body(db)
            try db.execute("SELECT pg_notify(?, (SELECT COALESCE(MAX(seq), 0) FROM event)::text)", [channel])
            return result
        }
        lock.withLock { ownChanges += 1 }
        return result
    }

    /// The board's count of changes (stand-ups and presence included, which leave no history
    /// entry) less this session's own: one statement, which sees one consistent state by itself.
    func changeCounter() throws -> Int {
        try serially {
            let changes = try onLiveConnection { db in
                try db.int("SELECT changes FROM baton.board WHERE name = ?", [address.board]) ?? 0
            }
            return changes - ownChanges
        }
    }

    /// How many times this session waited for the server (what the tests count a change's cost in).
    var roundTrips: Int { lock.withLock { connection.roundTrips } }

    /// A connection of its own that listens on the board's channel; this session's own
    /// changes do not wake it.
    func changeSignal() -> any ChangeSignal {
        PostgresListener(address: address, channel: channel) { [weak self] in
            self?.ownProcess.load(ordering: .relaxed) ?? 0
        }
    }

    /// The server keeps its own storage sound and enforces every foreign key on each change.
    func damage(_ db: any SQLDatabase) throws -> (unreadable: [String], problems: [String]) { ([], []) }

    /// `body` in a transaction opened by `begin`; its COMMIT `confirmed` by the server before
    /// this returns, or (a transaction that only read) read with the next statement.
    private func transaction<T>(
        _ begin: [String], confirmed: Bool = true, _ body: (any SQLDatabase) throws -> T
    ) throws -> T {
        try serially {
            try onLiveConnection { db in try Self.committing(db, begin: begin, confirmed: confirmed, body) }
        }
    }

    /// Runs `work` on the connection, connecting again first when the server closed it (it
    /// restarted since it was last used). When the connection breaks before the server answered
    /// anything, and with no COMMIT on its way, nothing happened: `work` runs once more on a new
    /// connection. Call it with the lock held.
    private func onLiveConnection<T>(_ work: (PostgresDatabase) throws -> T) throws -> T {
        if !connection.isAlive { try reconnect() }
        let db = PostgresDatabase(connection: connection)
        do { return try work(db) } catch let error as PostgresError where error.isConnectionProblem {
            guard db.mayRetry, !connection.isOpen else { throw error }
            try reconnect()
            return try work(PostgresDatabase(connection: connection))
        }
    }

    private func reconnect() throws {
        let fresh = try Self.connect(address)
        try Self.point(fresh, at: address)
        connection = fresh
        ownProcess.store(fresh.serverProcess, ordering: .relaxed)
    }

    /// `body` alone on the connection, with what went wrong said in one sentence.
    /// Notes whether the server answered, for `isReachable`.
    private func serially<T>(_ body: () throws -> T) throws -> T {
        try lock.withLock {
            try Self.translating(address) {
                do {
                    let result = try body()
                    answered.store(true, ordering: .relaxed)
                    return result
                } catch let error as PostgresError where error.isConnectionProblem {
                    answered.store(false, ordering: .relaxed)
                    throw error
                }
            }
        }
    }

    var isReachable: Bool { answered.load(ordering: .relaxed) }

    /// `body` between `begin` and COMMIT in `db`, rolled back when it throws.
    static func committing<T>(
        _ db: PostgresDatabase, begin: [String], confirmed: Bool = true, _ body: (any SQLDatabase) throws -> T
    ) throws -> T {
        do {
            for statement in begin { try db.execute(statement) }
            let result = try body(db)
            try db.commit(waiting: confirmed)
            return result
        } catch {
            if db.hasSent, db.connection.isOpen { try? db.connection.execute("ROLLBACK") }
            throw error
        }
    }

    static func connect(_ address: PostgresAddress) throws -> PostgresConnection {
        try translating(address) { try PostgresConnection(address.conninfo) }
    }

    private static func noBoard(_ address: PostgresAddress) -> BatonError {
        BatonError(
            .noBoard,
            "There is no board '\(address.board)' in the database \(address.conninfo); create it with `baton init`, or list the boards there with `baton boards`."
        )
    }

    /// Runs `body`, turning what PostgreSQL or libpq reported into one sentence for users.
    static func translating<T>(_ address: PostgresAddress, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as PostgresError {
            throw PostgresErrors.translate(error, address: address)
        }
    }
}
