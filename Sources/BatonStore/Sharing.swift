import BatonCore
import Foundation
import GRDBSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One thing about a board's files that stops the members of its group from sharing it, with the
/// shell command that puts it right.
public struct SharingProblem: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// The folder's group may not create files in it (SQLite's -wal and -shm).
        case folderNotGroupWritable
        /// The folder lacks setgid, so new files get each user's own group.
        case folderMissingSetgid
        /// The board is not readable and writable by its group.
        case boardNotGroupWritable
        /// The board's group differs from the folder's.
        case boardGroupDiffers
        /// The board is on a network filesystem, whose locks SQLite cannot trust.
        case networkFilesystem
        /// A -wal, -shm or -journal file beside the board that other members cannot write.
        case leftoverFile
    }

    public enum Severity: String, Sendable, Codable {
        /// Sharing is broken: `baton check` fails.
        case error
        /// Sharing may break: reported, but `baton check` still passes.
        case warning
    }

    public var kind: Kind
    public var severity: Severity
    /// The file or folder the problem is about.
    public var path: String
    /// One sentence: what is wrong and what it breaks.
    public var message: String
    /// The shell command that fixes it.
    public var fix: String

    public init(_ kind: Kind, _ severity: Severity = .error, path: String, message: String, fix: String) {
        self.kind = kind
        self.severity = severity
        self.path = path
        self.message = message
        self.fix = fix
    }
}

/// Sharing a board with a Unix group on one server (DESIGN §4): the folder group-owned and setgid,
/// the board `0660`, so that the files SQLite keeps beside the board (`-wal`, `-shm`, which it
/// creates with the board's mode) belong to the group and stay writable for every member.
public enum Sharing {
    /// A Unix group, resolved from its name (or number).
    public struct Group: Sendable, Equatable {
        public let name: String
        public let id: gid_t

        public init(name: String, id: gid_t) {
            self.name = name
            self.id = id
        }

        /// The group called `name` (a number is taken as a group id); unknown groups are a data error.
        public static func named(_ name: String) throws -> Group {
            if let found = lookup(name: name) { return found }
            if let number = gid_t(name), let found = lookup(id: number) { return found }
            throw BatonError.data(
                "There is no Unix group named '\(name)'; list the groups with `getent group`, or ask an admin to create it (`sudo groupadd \(name)`)."
            )
        }

        static func lookup(name: String) -> Group? {
            var entry = group()
            var result: UnsafeMutablePointer<group>?
            var buffer = [CChar](repeating: 0, count: 16_384)
            guard getgrnam_r(name, &entry, &buffer, buffer.count, &result) == 0, let result else { return nil }
            return Group(name: String(cString: result.pointee.gr_name), id: result.pointee.gr_gid)
        }

        static func lookup(id: gid_t) -> Group? {
            var entry = group()
            var result: UnsafeMutablePointer<group>?
            var buffer = [CChar](repeating: 0, count: 16_384)
            guard getgrgid_r(id, &entry, &buffer, buffer.count, &result) == 0, let result else { return nil }
            return Group(name: String(cString: result.pointee.gr_name), id: result.pointee.gr_gid)
        }
    }

    /// The folder and board modes of a shared board.
    public static let folderMode: mode_t = 0o2770
    public static let boardMode: mode_t = 0o660

    /// Whether this process may hand files to `group`: it is root, or the group is one of its groups
    /// (the kernel lets an owner `chgrp` only to such a group). Not a member → permission error.
    public static func requireMembership(_ group: Group) throws {
        if geteuid() == 0 || getegid() == group.id { return }
        let count = getgroups(0, nil)
        var groups = [gid_t](repeating: 0, count: Int(max(count, 0)))
        if count > 0, getgroups(count, &groups) >= 0, groups.contains(group.id) { return }
        let me = accountName(uid: geteuid())
        throw BatonError(
            .permission,
            "You are not a member of the group \(group.name), so you cannot share a board with it; ask an admin to add you (`sudo usermod -aG \(group.name) \(me)`) and log in again."
        )
    }

    /// Makes `folder` ready to hold a board shared with `group`: creates it (and any missing parents,
    /// with normal modes) as group `group`, mode 2770; an existing folder the caller owns gets the
    /// group and setgid plus group read/write/search, keeping the other bits its owner chose (so a
    /// deliberate `o+rx` for read-only viewers survives). A folder someone else owns and that is not
    /// set up already is left alone, with the command its owner should run.
    public static func prepare(folder: String, group: Group) throws {
        try requireMembership(group)
        var info = stat()
        if stat(folder, &info) != 0 {
            guard errno == ENOENT else { throw failure(errno, "look at the folder", folder) }
            let parent = (folder as NSString).deletingLastPathComponent
            if !parent.isEmpty && !FileManager.default.fileExists(atPath: parent) {
                do {
                    try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
                } catch {
                    throw BatonError(.io, "Could not create the folder \(parent); check that you may write there.")
                }
            }
            // Made private first, then given to the group, then opened to it: no moment in which
            // the folder is reachable with the wrong group or without setgid.
            guard mkdir(folder, 0o700) == 0 || errno == EEXIST else {
                throw failure(errno, "create the folder", folder)
            }
            guard stat(folder, &info) == 0 else { throw failure(errno, "look at the folder", folder) }
            try apply(folder, group: group, mode: folderMode)
            return
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw BatonError.data("\(folder) is not a folder; choose a board path inside a folder.")
        }
        let mode = info.st_mode & 0o7777
        if info.st_gid == group.id && mode & 0o2070 == 0o2070 { return }
        guard geteuid() == 0 || info.st_uid == geteuid() else {
            let fix = command(
                "chgrp \(group.name) \(quoted(folder)) && chmod g+rwxs \(quoted(folder))", owner: info.st_uid)
            throw BatonError(
                .permission,
                "The folder \(folder) belongs to \(accountName(uid: info.st_uid)) and is not set up for the group \(group.name); ask its owner or an admin to run `\(fix)`, then run this again."
            )
        }
        try apply(folder, group: group, mode: mode | 0o2070)
    }

    /// Gives the board file at `board` to `group` with mode 0660. `BoardStore.create` calls this on
    /// its temporary file, before SQLite writes it and before it is linked into place.
    public static func share(board: String, group: Group) throws {
        try apply(board, group: group, mode: boardMode)
    }

    /// chown to the group first, then chmod: a chown by a non-root owner may clear setgid.
    private static func apply(_ path: String, group: Group, mode: mode_t) throws {
        guard chown(path, uid_t.max, group.id) == 0 else { throw failure(errno, "give \(group.name) the file", path) }
        guard chmod(path, mode) == 0 else { throw failure(errno, "set the mode of", path) }
    }

    private static func failure(_ code: Int32, _ what: String, _ path: String) -> BatonError {
        let reason = String(cString: strerror(code))
        let category: ErrorCategory = (code == EPERM || code == EACCES) ? .permission : .io
        return BatonError(
            category, "Could not \(what) \(path): \(reason); check that you own it and may write its folder.")
    }

    // MARK: Network filesystems

    /// A filesystem SQLite's WAL cannot rely on: its locks and shared memory only work on one machine.
    public struct NetworkFilesystem: Sendable, Equatable {
        public let name: String
        /// Refused (true) or only warned about (FUSE, which is often local).
        public let refused: Bool
    }

    /// The network filesystem with this `statfs` f_type magic number, if it is one.
    public static func networkFilesystem(type: UInt32) -> NetworkFilesystem? {
        switch type {
        case 0x6969: return NetworkFilesystem(name: "NFS", refused: true)
        case 0x517B: return NetworkFilesystem(name: "SMB", refused: true)
        case 0xFF53_4D42: return NetworkFilesystem(name: "CIFS", refused: true)
        case 0xFE53_4D42: return NetworkFilesystem(name: "SMB2", refused: true)
        case 0x0102_1997: return NetworkFilesystem(name: "9P", refused: true)
        case 0x5346_414F: return NetworkFilesystem(name: "AFS", refused: true)
        case 0x00C3_6400: return NetworkFilesystem(name: "Ceph", refused: true)
        case 0x0BD0_0BD0: return NetworkFilesystem(name: "Lustre", refused: true)
        case 0x0116_1970: return NetworkFilesystem(name: "GFS2", refused: true)
        case 0x7461_636F: return NetworkFilesystem(name: "OCFS2", refused: true)
        case 0x7375_7245: return NetworkFilesystem(name: "Coda", refused: true)
        case 0x6573_5546: return NetworkFilesystem(name: "FUSE", refused: false)
        default: return nil
        }
    }

    /// The `statfs` f_type of the filesystem holding `path`, or nil when it cannot be read.
    public static func filesystemType(of path: String) -> UInt32? {
        #if os(Linux)
            // The Glibc module does not export <sys/statfs.h> (only statvfs, which has no type), so
            // statfs is found with dlsym. On Linux f_type is the first field of struct statfs, a
            // word on 64-bit targets; the buffer is larger than the struct on every architecture.
            guard let statfs = statfsFunction else { return nil }
            var buffer = [UInt64](repeating: 0, count: 64)
            let result = buffer.withUnsafeMutableBytes { statfs(path, $0.baseAddress!) }
            guard result == 0 else { return nil }
            return UInt32(truncatingIfNeeded: buffer[0])
        #else
            return nil
        #endif
    }

    #if os(Linux)
        private typealias StatfsFunction = @convention(c) (UnsafePointer<CChar>, UnsafeMutableRawPointer) -> Int32
        private static let statfsFunction: StatfsFunction? = {
            guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "statfs") else { return nil }
            return unsafeBitCast(symbol, to: StatfsFunction.self)
        }()
    #endif

    /// The variable that lets a board on a network filesystem be written anyway.
    public static let allowNetworkVariable = "BATON_ALLOW_NETWORK_FS"

    /// Refuses to write the board at `path` when its folder is that is on a refused network filesystem, unless
    /// `BATON_ALLOW_NETWORK_FS=1`. Category `.io`: the board's contents are fine (so not `.data`,
    /// which scripts read as "bad input or damaged board"); the storage under it cannot give the
    /// locks SQLite needs, like any other I/O environment failure.
    public static func refuseNetworkFilesystem(board path: String) throws {
        try refuseNetworkFilesystem(board: path, type: filesystemType(of: folder(of: path)))
    }

    static func refuseNetworkFilesystem(
        board path: String, type: UInt32?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        guard let type, let network = networkFilesystem(type: type), network.refused else { return }
        if environment[allowNetworkVariable] == "1" { return }
        throw BatonError(
            .io,
            "The board \(path) is on a network filesystem (\(network.name)), where SQLite's locks are unreliable and changes can be lost; move it to a local disk of the server, or set \(allowNetworkVariable)=1 if only one machine ever uses it."
        )
    }

    // MARK: Keeping -wal and -shm

    /// Whether the board looks meant for a group: its folder is setgid or group-writable, or the
    /// board is group-writable (not the 0755/0644 a usual umask gives a personal board).
    public static func isShared(board: String) -> Bool {
        var dir = stat(), file = stat()
        guard stat(folder(of: board), &dir) == 0, stat(board, &file) == 0 else { return false }
        return dir.st_mode & S_ISGID != 0 || dir.st_mode & 0o020 != 0 || file.st_mode & 0o020 != 0
    }

    /// Makes this connection leave the -wal and -shm files in place when it closes.
    static func keepSidecars(_ connection: OpaquePointer?) {
        var on: Int32 = 1
        _ = sqlite3_file_control(connection, "main", SQLITE_FCNTL_PERSIST_WAL, &on)
    }

    // MARK: Helpers

    /// `text` prefixed with `sudo` when this account is neither root nor `owner` (only they may chmod).
    static func command(_ text: String, owner: uid_t, sudoEach: Bool = false) -> String {
        if geteuid() == 0 || geteuid() == owner { return text }
        return sudoEach
            ? text.components(separatedBy: " && ").map { "sudo " + $0 }.joined(separator: " && ") : "sudo " + text
    }

    /// `path` quoted for a POSIX shell when it needs it.
    public static func quoted(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "/._-+,:@%".unicodeScalars.contains($0)
        }
        return plain && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    static func accountName(uid: uid_t) -> String {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, let result else { return String(uid) }
        return String(cString: result.pointee.pw_name)
    }
}
