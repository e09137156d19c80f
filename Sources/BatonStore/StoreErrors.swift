import BatonCore
import Foundation
import GRDB

/// Turns system and SQLite failures into one-sentence `BatonError`s; no raw SQLite text reaches a user.
enum StoreErrors {
    static func system(_ code: Int32, reading path: String) -> BatonError {
        switch code {
        case EACCES, EPERM:
            return BatonError(
                .permission,
                "You may not read \(path) (permission denied); ask the board's owner to give your group access.")
        case ENOENT:
            return BatonError(.noBoard, "There is no board at \(path); create one with `baton init \(path)`.")
        default:
            return BatonError(.io, "Could not read \(path): \(String(cString: strerror(code))).")
        }
    }

    /// The message for a database failure while working on the board at `path`.
    static func translate(_ error: Error, path: String) -> Error {
        if error is BatonError { return error }
        guard let db = error as? DatabaseError else {
            return BatonError(.io, "Could not use the board \(path): \(error.localizedDescription).")
        }
        let nothing = "nothing was changed"
        if let problem = sidecarsCannotBeMade(path) { return problem }
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return BatonError(
                .conflict, "The board \(path) stayed busy with other writers; \(nothing). Try again in a moment.")
        case .SQLITE_READONLY:
            return BatonError(
                .permission, "The board \(path) is read-only for you; \(nothing). Ask its owner for write access.")
        case .SQLITE_PERM, .SQLITE_AUTH:
            return BatonError(.permission, "You may not write the board \(path); \(nothing).")
        case .SQLITE_FULL:
            return BatonError(.io, "The disk holding \(path) is full; \(nothing). Free some space and try again.")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return BatonError.data(
                "The board \(path) is damaged; \(nothing). Run `baton check` and restore it from a backup.")
        case .SQLITE_CANTOPEN:
            return BatonError(
                .permission,
                "Could not open the board \(path) or the files SQLite keeps beside it; check the folder's permissions (`baton check`)."
            )
        case .SQLITE_IOERR where diskIsFull(holding: path):
            // Making the -shm SQLite needs even to read fails with an I/O error, not SQLITE_FULL.
            return BatonError(.io, "The disk holding \(path) is full; \(nothing). Free some space and try again.")
        case .SQLITE_IOERR where hasFileSizeLimit:
            // A write past `ulimit -f` fails with EFBIG (SIGXFSZ is ignored), which SQLite reports as an I/O error.
            return BatonError(
                .io,
                "Writing \(path) failed, probably at the file-size limit (`ulimit -f`); \(nothing). Raise the limit and try again."
            )
        case .SQLITE_IOERR:
            return BatonError(.io, "Reading or writing \(path) failed with an I/O error; \(nothing). Check the disk.")
        case .SQLITE_CONSTRAINT:
            return BatonError.data("That change would break the board's consistency; \(nothing).")
        default:
            return BatonError(
                .io, "The board \(path) could not be used (SQLite code \(db.resultCode.rawValue)); \(nothing).")
        }
    }

    /// The refusal when SQLite cannot make the -shm (and -wal) it needs beside the board even to
    /// read it, because nobody has the board open and the folder may not be written; else nil.
    static func sidecarsCannotBeMade(_ path: String) -> BatonError? {
        let folder =
            (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        guard access(path + "-shm", F_OK) != 0, access(folder, W_OK | X_OK) != 0 else { return nil }
        let why = errno == EROFS ? "is on a read-only filesystem" : "may not be written by you"
        return BatonError(
            .permission,
            "The folder \(folder) \(why), so SQLite cannot make the -wal and -shm files it needs beside the board even to read it; nothing was changed. Ask the folder's owner for write access."
        )
    }

    /// Whether the filesystem holding `path` has less room left than SQLite needs beside a board
    /// (its -shm alone takes 32 KB).
    static func diskIsFull(holding path: String) -> Bool {
        var info = statvfs()
        let folder = (path as NSString).deletingLastPathComponent
        guard statvfs(folder.isEmpty ? "." : folder, &info) == 0 else { return false }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize) < 64 * 1024
    }

    /// Whether this process may not write files past some size (`ulimit -f`).
    static var hasFileSizeLimit: Bool {
        var limit = rlimit()
        return getrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &limit) == 0 && limit.rlim_cur != rlim_t.max
    }

    static func isBusy(_ error: Error) -> Bool {
        guard let db = error as? DatabaseError else { return false }
        return db.resultCode == .SQLITE_BUSY || db.resultCode == .SQLITE_LOCKED
    }
}
