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

    /// Creates a new board file at `path` holding `board`, atomically: the file appears complete or not at all.
    ///
    /// With `sharedWith`, the folder is made (or set up) group-owned and setgid and the board gets
    /// mode 0660 and that group (`Sharing`); without it, the file gets the usual `0666 & ~umask`.
    public static func create(
        _ path: String, board: Board, by actor: Actor, at now: Date = Date(),
        sharedWith group: Sharing.Group? = nil
    ) throws -> BoardStore {
        if let problem = Invariants.check(board).first {
            throw BatonError.data("The new board is not sound: \(problem)")
        }
        if PostgresAddress.isAddress(path) {
            let engine = try PostgresEngine.create(try PostgresAddress(path)) { db in
                try fill(db, with: board, by: actor, at: now)
            }
            return BoardStore(engine: engine)
        }
        if FileManager.default.fileExists(atPath: path) {
            throw BatonError.data(
                "There is already a file at \(path); baton never overwrites a file. Choose another path.")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if let group {
            try Sharing.prepare(folder: folder.isEmpty ? "." : folder, group: group)
        } else if !folder.isEmpty {
            try makeFolder(folder)
        }
        try Sharing.refuseNetworkFilesystem(board: path)
        let temporary =
            (folder.isEmpty ? "" : folder + "/") + ".\((path as NSString).lastPathComponent).creating-\(getpid())"
        defer { for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temporary + suffix) } }
        // The temporary file is made here rather than by SQLite, and given its group and mode
        // before SQLite writes a byte, so the board is linked into place already 0660 in the group:
        // there is never a moment when the real board exists with the wrong mode (a chmod after
        // link() would leave one, and a failure between the two would leave a board the group
        // cannot write). SQLite keeps an existing file's mode and gives its -wal and -shm the same
        // one. Made with open(0666), the unshared board gets the usual umask-based mode (SQLite
        // itself would use 0644 whatever the umask).
        // Left by a crash under the same pid.
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temporary + suffix) }
        let descriptor = Foundation.open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            let code = errno
            throw BatonError(
                code == EACCES || code == EPERM ? .permission : .io,
                "Could not create \(path): \(String(cString: strerror(code))); check that you may write its folder.")
        }
        close(descriptor)
        if let group { try Sharing.share(board: temporary, group: group) }
        do {
            let queue = try DatabaseQueue(path: temporary, configuration: configuration(readOnly: false))
            try useWAL(queue)
            try Schema.migrator.migrate(queue)
            try queue.write { db in try fill(SQLiteDatabase(db: db), with: board, by: actor, at: now) }
            try queue.close()
        } catch {
            throw StoreErrors.translate(error, path: path)
        }
        guard link(temporary, path) == 0 else {
            if errno == EEXIST {
                throw BatonError.data(
                    "There is already a file at \(path); baton never overwrites a file. Choose another path.")
            }
            throw BatonError(.io, "Could not create \(path): \(String(cString: strerror(errno))).")
        }
        unlink(temporary)  // before opening: a board with a second name is refused
        return try open(path, access: .readWrite)
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
    private static func useWAL(_ queue: DatabaseQueue) throws {
        try queue.writeWithoutTransaction { db in
            if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                    throw BatonError(.io, "Could not switch the board to WAL mode; baton needs a local filesystem.")
                }
            }
        }
    }

    private static func makeFolder(_ folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw BatonError(.io, "Could not create the folder \(folder); check that you may write there.")
        }
    }

    /// Writes a whole board (catalog and items) and its creation events into an empty schema.
    static func fill(_ db: any SQLDatabase, with board: Board, by actor: Actor, at now: Date) throws {
        try RowWriter.saveContents(of: board, db)
        var events = [EventDraft(.boardCreated, entity: .board, after: board.name)]
        events += board.stages.map { EventDraft(.stageAdded, entity: .stage, entityID: $0.id, after: $0.name) }
        events += board.members.map { EventDraft(.memberAdded, entity: .member, entityID: $0.id, after: $0.name) }
        for (seq, draft) in events.enumerated() {
            try RowWriter.insert(
                Event(seq: seq + 1, at: now, account: actor.account, member: actor.member, change: draft), db)
        }
    }
}
