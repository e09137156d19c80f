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
    /// actually uses, which may differ from what `path` names now. Nil when none is open;
    /// `.some(nil)` when the only ones open were deleted.
    static func open(_ path: String) -> FileIdentity?? {
        guard let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else {
            return nil
        }
        var sawDeleted = false
        for name in descriptors {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + name),
                let descriptor = Int32(name)
            else { continue }
            sawDeleted = sawDeleted || target == path + " (deleted)"
            var info = stat()
            if target == path, fstat(descriptor, &info) == 0 { return FileIdentity(path: path, info) }
        }
        return sawDeleted ? .some(nil) : nil
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
        let real =
            realpath(path, nil).map { resolved in
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
