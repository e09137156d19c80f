import BatonCore
import Foundation
import GRDB

extension BoardStore {
    /// How to open a board.
    public enum Access: Sendable {
        /// Read and write; fails with a permission error when writing is not allowed.
        case readWrite
        /// Never write, not even a migration.
        case readOnly
        /// Read and write when the account may write the file, else read-only.
        case automatic
    }

    /// Opens the board at `path`, refusing (and leaving untouched) a file that is not a complete
    /// baton board of a schema this build knows.
    public static func open(_ path: String, access: Access = .automatic) throws -> BoardStore {
        if PostgresAddress.isAddress(path) {
            return BoardStore(engine: try PostgresEngine.open(try PostgresAddress(path), readOnly: access == .readOnly))
        }
        try FileHeader.check(path)
        let mayWrite = Foundation.access(path, W_OK) == 0
        let readOnly = access == .readOnly || (access == .automatic && !mayWrite)
        if !readOnly {
            // SQLite's WAL needs locks and shared memory that network filesystems do not give
            // between machines (DESIGN §4); reading is allowed, so `baton check` can say so.
            try Sharing.refuseNetworkFilesystem(board: path)
        }
        let queue: DatabaseQueue
        do {
            // A reader that may write an unshared board with no -wal or -shm beside it yet still
            // connects read-write, with writing switched off: SQLite then removes the -wal and -shm
            // it makes when its last connection closes, where a read-only connection would leave
            // them beside the board (also beside one it refused). Beside a shared board they stay.
            let shared = Sharing.isShared(board: path)
            let sidecarsExist = ["-wal", "-shm"].contains { Foundation.access(path + $0, F_OK) == 0 }
            let queryOnly = readOnly && mayWrite && !shared && !sidecarsExist
            let connection = configuration(readOnly: readOnly && !queryOnly, queryOnly: queryOnly, keepSidecars: shared)
            queue = try DatabaseQueue(path: path, configuration: connection)
            try prepareSchema(queue, path: path, readOnly: readOnly)
        } catch {
            throw StoreErrors.translate(error, path: path)
        }
        return BoardStore(engine: SQLiteEngine(path: path, queue: queue, readOnly: readOnly))
    }

    /// SQLite's page cache per connection, in KiB (its default is 2,000).
    static let pageCacheKiB = 512

    /// How long one SQLite call waits for a lock before `write` retries it.
    static let connectionBusyTimeout: TimeInterval = 5

    /// With `keepSidecars` (a board shared with a group), writers keep the -wal and -shm files when
    /// they close (SQLITE_FCNTL_PERSIST_WAL): SQLite can open a WAL board read-only only when those
    /// files exist, and a viewer who may not write the folder cannot create them, so without this a
    /// read-only member could not even look at the board while nobody else had it open.
    ///
    /// With `queryOnly`, the connection is read-write for SQLite but refuses every change.
    static func configuration(readOnly: Bool, queryOnly: Bool = false, keepSidecars: Bool = false) -> Configuration {
        var config = Configuration()
        config.readonly = readOnly
        // Not `config.journalMode = .wal`: GRDB then writes to the file on every open (to make a
        // WAL file exist) before the board is validated, and resets `synchronous` to NORMAL.
        // WAL mode is persistent: `create` sets it once, `prepareSchema` repairs it if needed.
        config.busyMode = .timeout(connectionBusyTimeout)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            // Whole-board reads scan tables once; a small page cache costs them nothing and keeps
            // a session that stays open for hours small.
            try db.execute(sql: "PRAGMA cache_size = -\(pageCacheKiB)")
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA synchronous = FULL") }
            if queryOnly { try db.execute(sql: "PRAGMA query_only = ON") }
            if keepSidecars && !db.configuration.readonly { Sharing.keepSidecars(db.sqliteConnection) }
        }
        return config
    }

    private static func prepareSchema(_ queue: DatabaseQueue, path: String, readOnly: Bool) throws {
        let migrator = Schema.migrator
        let (superseded, complete) = try queue.read { db in
            (try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db))
        }
        if superseded {
            throw BatonError.data("\(path) was written by a newer baton; upgrade baton to open it.")
        }
        guard !complete else {
            if !readOnly { try useWAL(queue) }
            return
        }
        // Later versions only add tables that a reader can do without (presence), so an older
        // board is read as it is when it may not be written; a writer upgrades it.
        if readOnly { return }
        try useWAL(queue)
        try migrator.migrate(queue)
    }

    /// Puts the file in WAL mode unless it already is (the mode is stored in the file).
    static func useWAL(_ queue: DatabaseQueue) throws {
        try queue.writeWithoutTransaction { db in
            if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                    throw BatonError(.io, "Could not switch the board to WAL mode; baton needs a local filesystem.")
                }
            }
        }
    }
}
