import BatonCore
import Foundation
import GRDB

/// One file as it was when a board was opened: its path, device and inode.
struct FileIdentity {
    let path: String
    let device: UInt64
    let inode: UInt64

    init?(of path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.path = path
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    /// Whether the file at `path` is still this one.
    var isStillThere: Bool {
        guard let now = FileIdentity(of: path) else { return false }
        return now.device == device && now.inode == inode
    }

    /// The board at `path` first, then the -wal and -shm that SQLite keeps beside it (beside the
    /// file a symbolic link leads to), those that exist.
    static func board(at path: String) -> [FileIdentity] {
        let real = realpath(path, nil).map { resolved in
            defer { free(resolved) }
            return String(cString: resolved)
        } ?? path
        return ([path] + ["-wal", "-shm"].map { real + $0 }).compactMap(FileIdentity.init)
    }

    /// Keeps `queue` open until the process ends, so that SQLite never closes it: its close would
    /// checkpoint and delete the -wal and -shm that now belong to whatever file took the board's place.
    static func abandon(_ queue: DatabaseQueue) {
        _ = Unmanaged.passRetained(queue)
    }
}

extension BoardStore {
    /// Refuses to write once the board or the files beside it were deleted or replaced.
    func refuseIfGone() throws {
        guard isFileStillThere else {
            throw BatonError(.io, "The board file \(path) or the files beside it were deleted or replaced while it was open; nothing was saved. Open the board again.")
        }
    }

    /// Copies what the WAL holds into the board file, unless other sessions are in the way (it
    /// never waits for them), so that an acknowledged change is in the board file itself and
    /// deleting the -wal beside it loses nothing. With `emptiesWAL` (a long-lived session), the
    /// WAL is emptied too, so that a board moved in over this one finds no frames of it to inherit.
    func checkpoint() {
        try? queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(BoardStore.connectionBusyTimeout * 1000))") }
            _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(\(emptiesWAL ? "TRUNCATE" : "PASSIVE"))")
        }
    }
}
