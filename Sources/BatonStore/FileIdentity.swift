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
        self.init(path: path, info)
    }

    private init(path: String, _ info: stat) {
        self.path = path
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    /// The file this process holds open under `path`, found in /proc/self/fd: what SQLite
    /// actually uses, which may differ from what `path` names now. Nil when none is open, or
    /// when the one open was deleted.
    static func open(_ path: String) -> FileIdentity?? {
        guard let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return nil }
        for name in descriptors {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + name),
                  target == path || target == path + " (deleted)", let descriptor = Int32(name) else { continue }
            var info = stat()
            guard target == path, fstat(descriptor, &info) == 0 else { return .some(nil) }
            return FileIdentity(path: path, info)
        }
        return nil
    }

    /// Whether the file at `path` is still this one.
    var isStillThere: Bool {
        guard let now = FileIdentity(of: path) else { return false }
        return now.device == device && now.inode == inode
    }

    /// The board at `path` first, then the -wal and -shm that SQLite keeps beside it (beside the
    /// file a symbolic link leads to) as this process has them open, else as they are named now;
    /// those that exist (one this process holds although it was deleted counts as missing).
    static func board(at path: String) -> [FileIdentity] {
        let real = realpath(path, nil).map { resolved in
            defer { free(resolved) }
            return String(cString: resolved)
        } ?? path
        let sidecars = ["-wal", "-shm"].map { real + $0 }.map { name in open(name) ?? FileIdentity(of: name) }
        return ([FileIdentity(of: path)] + sidecars).compactMap { $0 }
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

    /// Checkpoints after a commit; throws when the board's files were replaced in between, as
    /// the change may then be lost with them and must not be reported as saved.
    func settleCommit() throws {
        guard checkpoint() else {
            throw BatonError(.io, "The files beside the board \(path) were deleted or replaced while saving, so the change may be lost; check the board and make it again if it is missing.")
        }
    }

    /// Copies what the WAL holds into the board file, waiting briefly for sessions in the way, so
    /// that an acknowledged change is in the board file itself and deleting the -wal beside it
    /// loses nothing. With `emptiesWAL` (a long-lived session), the WAL is emptied too, so that a
    /// board moved in over this one finds no frames of it to inherit. Returns false when the
    /// board's files were deleted or replaced first, so that the change went to files nobody uses.
    @discardableResult
    func checkpoint() -> Bool {
        // Frames in a -wal that was deleted or replaced are older than what others have written
        // since: copying them into the board would undo their changes.
        guard isFileStillThere else { return false }
        let deadline = Date().addingTimeInterval(0.5)
        var goal: Int?
        while Date() < deadline {
            // -1 frames: another session was checkpointing; look again.
            if let (log, copied) = checkpointOnce(), log >= 0 {
                goal = goal ?? log
                // Done when every frame there was at first is copied, or the WAL started over
                // (which it does only once all are).
                if copied >= goal! || log < goal! { break }
            }
            usleep(2_000)
        }
        return true
    }

    /// One checkpoint that never waits: the frames in the WAL and how many are in the board file.
    private func checkpointOnce() -> (log: Int, copied: Int)? {
        try? queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(BoardStore.connectionBusyTimeout * 1000))") }
            let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(\(emptiesWAL ? "TRUNCATE" : "PASSIVE"))")
            return (row?[1] ?? -1, row?[2] ?? -1)
        }
    }
}
