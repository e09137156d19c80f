import BatonCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Checks a board file's first bytes before SQLite touches it, so that a file that is not a
/// baton board is refused without ever being opened for writing.
struct FileHeader {
    static let length = 100
    let bytes: [UInt8]
    let fileSize: Int

    /// Throws unless `path` holds a complete baton board of a schema this build knows.
    ///
    /// Another process's checkpoint can grow the file between reading its size and its header,
    /// so a size that looks too small is looked at again a few times before it counts as truncated.
    static func check(_ path: String) throws {
        var attempt = 0
        while true {
            let header = try read(path)
            try header.validateIdentity(path)
            do {
                return try header.validateSize(path)
            } catch  where attempt < 10 {
                attempt += 1
                usleep(20_000)
            }
        }
    }

    /// Reads the header of the file at `path`, throwing a clear error when it cannot be read.
    static func read(_ path: String) throws -> FileHeader {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT {
                throw BatonError(.noBoard, "There is no board at \(path); create one with `baton init \(path)`.")
            }
            throw StoreErrors.system(errno, reading: path)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw BatonError(.noBoard, "\(path) is not a regular file; give the path of a board file.")
        }
        guard info.st_nlink <= 1 else {
            // SQLite keeps a -wal beside each name: writers using two names would damage the board.
            throw BatonError.data(
                "\(path) has \(info.st_nlink) hard links (other names for the same file), and sessions using different names would damage it; baton left it unchanged. Remove the other links (`find / -samefile \(path)`) and try again."
            )
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreErrors.system(errno, reading: path) }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: length)
        let count = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, length) }
        guard count >= 0 else { throw StoreErrors.system(errno, reading: path) }
        return FileHeader(bytes: Array(bytes.prefix(count)), fileSize: Int(info.st_size))
    }

    /// Throws unless this is the header of a baton board of a schema this build knows.
    func validateIdentity(_ path: String) throws {
        let unchanged = "baton left it unchanged"
        guard fileSize > 0 else {
            throw BatonError.data("\(path) is empty, not a baton board; \(unchanged). Remove it or give another path.")
        }
        guard bytes.count == FileHeader.length, bytes.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw BatonError.data("\(path) is not a baton board (it is not an SQLite file); \(unchanged).")
        }
        guard int32(at: 68) == Schema.applicationID else {
            throw BatonError.data(
                "\(path) is an SQLite database of another application, not a baton board; \(unchanged).")
        }
        let version = int32(at: 60)
        guard version <= Schema.version else {
            throw BatonError.data(
                "\(path) was written by a newer baton (schema \(version); this one knows up to \(Schema.version)); upgrade baton to open it."
            )
        }
    }

    /// Throws when the file is shorter than its header says: truncated or damaged.
    func validateSize(_ path: String) throws {
        let unchanged = "baton left it unchanged"
        let rawPageSize = Int(bytes[16]) << 8 | Int(bytes[17])
        let pageSize = rawPageSize == 1 ? 65536 : rawPageSize
        let pageCount = Int(UInt32(bitPattern: int32(at: 28)))
        guard pageSize >= 512, fileSize >= pageSize * pageCount, fileSize % pageSize == 0 else {
            throw BatonError.data(
                "\(path) is truncated or damaged (\(fileSize) bytes, expected \(pageSize * pageCount)); \(unchanged). Restore it from a backup."
            )
        }
    }

    private func int32(at offset: Int) -> Int32 {
        Int32(bitPattern: bytes[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
    }
}
