import BatonCore
import Foundation
import GRDB

extension BoardStore {
    /// Creates a new board at `path` (a file, or a board in a database) holding `board`,
    /// atomically: the board appears complete or not at all.
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
        return try make(path, sharedWith: group) { db in try fill(db, with: board, by: actor, at: now) }
    }

    /// A new, empty board at `path` filled by `fill` in the transaction that makes it.
    static func make(
        _ path: String, sharedWith group: Sharing.Group? = nil, fill: (any SQLDatabase) throws -> Void
    ) throws -> BoardStore {
        if PostgresAddress.isAddress(path) {
            if group != nil {
                throw BatonError.usage(
                    "--shared is for board files; a board in a database is shared through the database's roles.")
            }
            return BoardStore(engine: try PostgresEngine.create(try PostgresAddress(path), fill: fill))
        }
        try makeFile(path, sharedWith: group, fill: fill)
        return try open(path, access: .readWrite)
    }

    /// Makes the board file at `path`: written under a temporary name beside it, then linked
    /// into place, so that it never exists half made and an existing file is never overwritten.
    private static func makeFile(
        _ path: String, sharedWith group: Sharing.Group?, fill: (any SQLDatabase) throws -> Void
    ) throws {
        if FileManager.default.fileExists(atPath: path) { throw fileExists(path) }
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
        try makeTemporary(temporary, for: path, sharedWith: group)
        do {
            let queue = try DatabaseQueue(path: temporary, configuration: configuration(readOnly: false))
            try useWAL(queue)
            try Schema.migrator.migrate(queue)
            try queue.write { db in try fill(SQLiteDatabase(db: db)) }
            try queue.close()
        } catch {
            throw StoreErrors.translate(error, path: path)
        }
        guard link(temporary, path) == 0 else {
            if errno == EEXIST { throw fileExists(path) }
            throw BatonError(.io, "Could not create \(path): \(String(cString: strerror(errno))).")
        }
        unlink(temporary)  // before opening: a board with a second name is refused
    }

    /// The temporary file is made here rather than by SQLite, and given its group and mode
    /// before SQLite writes a byte, so the board is linked into place already 0660 in the group:
    /// there is never a moment when the real board exists with the wrong mode (a chmod after
    /// link() would leave one, and a failure between the two would leave a board the group
    /// cannot write). SQLite keeps an existing file's mode and gives its -wal and -shm the same
    /// one. Made with open(0666), the unshared board gets the usual umask-based mode (SQLite
    /// itself would use 0644 whatever the umask).
    private static func makeTemporary(_ temporary: String, for path: String, sharedWith group: Sharing.Group?) throws {
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
    }

    private static func fileExists(_ path: String) -> BatonError {
        BatonError.data("There is already a file at \(path); baton never overwrites a file. Choose another path.")
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
        let role = db.dialect.recordsRoles ? try db.text("SELECT current_user") : nil
        for (seq, draft) in events.enumerated() {
            try RowWriter.insert(
                Event(seq: seq + 1, at: now, account: actor.account, member: actor.member, change: draft, role: role),
                db)
        }
    }
}
