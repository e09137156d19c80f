import BatonCore
import Foundation
import Testing

@testable import BatonStore

#if canImport(Glibc)
    import Glibc
#endif

/// Changing a file's group to one the test creates needs root; the tests that do so are skipped
/// otherwise (CI runs as root). Everything else uses the current user's primary group.
private let isRoot = getuid() == 0

@Suite("Sharing a board with a Unix group: folder setup, file modes and diagnosis")
struct SharingTests {
    /// A folder `name` inside `base` with `mode`, holding a board file with `boardMode`.
    private func layout(
        _ base: TempFolder, folderMode: mode_t, boardMode: mode_t,
        name: String = "shared"
    ) throws -> (folder: String, board: String) {
        let folder = (base.file(name) as NSString).standardizingPath
        #expect(mkdir(folder, 0o700) == 0)
        let board = folder + "/board.baton"
        try Data("SQLite format 3\0".utf8).write(to: URL(fileURLWithPath: board))
        #expect(chmod(board, boardMode) == 0)
        #expect(chmod(folder, folderMode) == 0)
        return (folder, board)
    }

    private func mode(_ path: String) -> mode_t {
        var info = stat()
        _ = stat(path, &info)
        return info.st_mode & 0o7777
    }

    private func groupID(_ path: String) -> gid_t {
        var info = stat()
        _ = stat(path, &info)
        return info.st_gid
    }

    private var primaryGroup: Sharing.Group {
        Sharing.Group.lookup(id: getegid()) ?? Sharing.Group(name: String(getegid()), id: getegid())
    }

    /// The current umask, read without changing it (Linux 4.7+).
    private func currentUmask() throws -> mode_t {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Umask:") })
        return try #require(mode_t(line.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8))
    }

    // MARK: diagnose

    @Test("a personal board (0755 folder, 0644 file) and a correctly shared one have no problems")
    func cleanLayouts() throws {
        let base = try TempFolder()
        let personal = try layout(base, folderMode: 0o755, boardMode: 0o644, name: "personal")
        #expect(Sharing.diagnose(board: personal.board).isEmpty)
        #expect(!Sharing.isShared(board: personal.board))
        let shared = try layout(base, folderMode: 0o2770, boardMode: 0o660)
        #expect(Sharing.diagnose(board: shared.board).isEmpty)
        #expect(Sharing.isShared(board: shared.board))
        let viewers = try layout(base, folderMode: 0o2775, boardMode: 0o664, name: "viewers")
        #expect(Sharing.diagnose(board: viewers.board).isEmpty)
    }

    @Test("a board that is 0600 in a shared folder is reported with chmod g+rw")
    func boardNotGroupWritable() throws {
        let base = try TempFolder()
        let (_, board) = try layout(base, folderMode: 0o2770, boardMode: 0o600)
        let problems = Sharing.diagnose(board: board)
        #expect(problems.map(\.kind) == [.boardNotGroupWritable])
        let problem = try #require(problems.first)
        #expect(problem.path == board)
        #expect(problem.severity == .error)
        #expect(problem.message.contains(board) && problem.message.contains("0600"))
        #expect(problem.fix.hasSuffix("chmod g+rw \(board)"))
        // Following the advice clears it.
        #expect(chmod(board, 0o600 | 0o060) == 0)
        #expect(Sharing.diagnose(board: board).isEmpty)
    }

    @Test("a group-writable folder without setgid is reported with chmod g+s")
    func folderMissingSetgid() throws {
        let base = try TempFolder()
        let (folder, board) = try layout(base, folderMode: 0o770, boardMode: 0o660)
        let problems = Sharing.diagnose(board: board)
        #expect(problems.map(\.kind) == [.folderMissingSetgid])
        #expect(problems.first?.path == folder)
        #expect(problems.first?.fix.hasSuffix("chmod g+s \(folder)") == true)
        #expect(chmod(folder, 0o2770) == 0)
        #expect(Sharing.diagnose(board: board).isEmpty)
    }

    @Test("a setgid folder the group may not write is reported with chmod g+rwx")
    func folderNotGroupWritable() throws {
        let base = try TempFolder()
        let (folder, board) = try layout(base, folderMode: 0o2750, boardMode: 0o660)
        let problems = Sharing.diagnose(board: board)
        #expect(problems.map(\.kind) == [.folderNotGroupWritable])
        #expect(problems.first?.message.contains("2750") == true)
        #expect(problems.first?.fix.hasSuffix("chmod g+rwx \(folder)") == true)
    }

    @Test("a -wal left 0644 beside a shared board is reported; an empty personal setup's sidecars are not")
    func leftoverSidecar() throws {
        let base = try TempFolder()
        let (_, board) = try layout(base, folderMode: 0o2770, boardMode: 0o660)
        try Data().write(to: URL(fileURLWithPath: board + "-wal"))
        #expect(chmod(board + "-wal", 0o644) == 0)
        try Data().write(to: URL(fileURLWithPath: board + "-shm"))
        #expect(chmod(board + "-shm", 0o660) == 0)
        let problems = Sharing.diagnose(board: board)
        #expect(problems.map(\.kind) == [.leftoverFile])
        #expect(problems.first?.path == board + "-wal")
        #expect(problems.first?.message.contains("0644") == true)
        #expect(problems.first?.fix.hasSuffix("chmod 0664 \(board)-wal") == true)

        let personal = try layout(base, folderMode: 0o755, boardMode: 0o644, name: "personal")
        try Data().write(to: URL(fileURLWithPath: personal.board + "-wal"))
        #expect(
            Sharing.diagnose(board: personal.board).isEmpty, "the owner's own 0644 -wal is fine on a personal board")
    }

    @Test("a -shm less readable than a board that viewers may read is reported with the board's mode")
    func sidecarHidesFromViewers() throws {
        let base = try TempFolder()
        let (_, board) = try layout(base, folderMode: 0o2775, boardMode: 0o664)
        try Data().write(to: URL(fileURLWithPath: board + "-shm"))
        #expect(chmod(board + "-shm", 0o660) == 0)
        let problems = Sharing.diagnose(board: board)
        #expect(problems.map(\.kind) == [.leftoverFile])
        #expect(problems.first?.message.contains("everyone who may read the board") == true)
        #expect(problems.first?.fix.hasSuffix("chmod 0664 \(board)-shm") == true)
        #expect(chmod(board + "-shm", 0o664) == 0)
        #expect(Sharing.diagnose(board: board).isEmpty)
    }

    @Test("a path with spaces and quotes gets a fix command a shell reads as one word")
    func quotedFix() throws {
        let base = try TempFolder()
        let (_, board) = try layout(base, folderMode: 0o2770, boardMode: 0o600, name: "Squad's board")
        let fix = try #require(Sharing.diagnose(board: board).first?.fix)
        #expect(board.hasSuffix("/Squad's board/board.baton"))
        #expect(fix == "chmod g+rw '" + board.replacingOccurrences(of: "'", with: "'\\''") + "'")
        #expect(Sharing.quoted("/srv/baton/board.baton") == "/srv/baton/board.baton")
    }

    @Test("network filesystems are classified by statfs type; FUSE only warns")
    func networkFilesystems() throws {
        let refused: [UInt32: String] = [
            0x6969: "NFS", 0x517B: "SMB", 0xFF53_4D42: "CIFS", 0xFE53_4D42: "SMB2",
            0x0102_1997: "9P", 0x5346_414F: "AFS", 0x00C3_6400: "Ceph",
            0x0BD0_0BD0: "Lustre", 0x0116_1970: "GFS2", 0x7461_636F: "OCFS2",
            0x7375_7245: "Coda",
        ]
        for (type, name) in refused {
            #expect(Sharing.networkFilesystem(type: type) == .init(name: name, refused: true))
        }
        #expect(Sharing.networkFilesystem(type: 0x6573_5546) == .init(name: "FUSE", refused: false))
        for local: UInt32 in [0xEF53, 0x0102_1994, 0x5846_5342, 0x9123_683E] {  // ext4, tmpfs, XFS, Btrfs
            #expect(Sharing.networkFilesystem(type: local) == nil)
        }
        let here = try #require(Sharing.filesystemType(of: NSTemporaryDirectory()), "statfs failed")
        #expect(
            Sharing.networkFilesystem(type: here) == nil,
            "the test's temp folder is on filesystem type \(String(here, radix: 16))")

        let base = try TempFolder()
        let (_, board) = try layout(base, folderMode: 0o755, boardMode: 0o644)
        let nfs = Sharing.diagnose(board: board, filesystemType: 0x6969)
        #expect(nfs.map(\.kind) == [.networkFilesystem])
        #expect(nfs.first?.severity == .error && nfs.first?.message.contains("NFS") == true)
        #expect(nfs.first?.fix.hasPrefix("mv \(board) ") == true)
        #expect(Sharing.diagnose(board: board, filesystemType: 0x6573_5546).map(\.severity) == [.warning])
        #expect(Sharing.diagnose(board: board, filesystemType: 0xEF53).isEmpty)
    }

    @Test("writing a board on a network filesystem is refused unless BATON_ALLOW_NETWORK_FS=1")
    func networkRefusal() throws {
        let error = refusal(.io) {
            try Sharing.refuseNetworkFilesystem(board: "/mnt/nfs/board.baton", type: 0x6969, environment: [:])
        }
        #expect(error?.message.contains("/mnt/nfs/board.baton") == true)
        #expect(error?.message.contains("NFS") == true)
        #expect(error?.message.contains("BATON_ALLOW_NETWORK_FS=1") == true)
        try Sharing.refuseNetworkFilesystem(
            board: "/mnt/nfs/board.baton", type: 0x6969, environment: ["BATON_ALLOW_NETWORK_FS": "1"])
        _ = refusal(.io) {
            try Sharing.refuseNetworkFilesystem(
                board: "b", type: 0x6969, environment: ["BATON_ALLOW_NETWORK_FS": "yes"])
        }
        try Sharing.refuseNetworkFilesystem(board: "b", type: 0x6573_5546, environment: [:])  // FUSE: allowed
        try Sharing.refuseNetworkFilesystem(board: "b", type: 0xEF53, environment: [:])
        try Sharing.refuseNetworkFilesystem(board: "b", type: nil, environment: [:])
    }

    // MARK: prepare, share, create

    @Test("an unknown group is a data error naming the group and `getent group`")
    func unknownGroup() throws {
        let name = "baton-no-such-group-\(UInt32.random(in: 0...UInt32.max))"
        let error = refusal(.data) { try Sharing.Group.named(name) }
        #expect(error?.message.contains("'\(name)'") == true)
        #expect(error?.message.contains("getent group") == true)
        #expect(try Sharing.Group.named(String(getegid())) == primaryGroup, "a number is a group id")
    }

    @Test("prepare makes a missing folder 2770 in the group, and adds group access and setgid to an owned one")
    func prepareFolders() throws {
        let base = try TempFolder()
        let group = primaryGroup
        let fresh = base.file("a/b/team")
        try Sharing.prepare(folder: fresh, group: group)
        #expect(mode(fresh) == 0o2770)
        #expect(groupID(fresh) == group.id)

        let existing = base.file("existing")
        #expect(mkdir(existing, 0o755) == 0)
        #expect(chmod(existing, 0o755) == 0)
        try Sharing.prepare(folder: existing, group: group)
        #expect(mode(existing) == 0o2775, "group rwx and setgid added, the owner's o+rx kept")

        let file = base.file("plain")
        try Data().write(to: URL(fileURLWithPath: file))
        _ = refusal(.data) { try Sharing.prepare(folder: file, group: group) }
    }

    @Test("create with sharedWith gives the board 0660 and the group, and the files beside it the same")
    func createShared() throws {
        let base = try TempFolder()
        let group = primaryGroup
        let path = base.file("team/board.baton")
        do {
            let store = try BoardStore.create(
                path, board: Fixed.newBoard(), by: Fixed.asAna, at: Fixed.t0, sharedWith: group)
            #expect(!store.isReadOnly)
            _ = try store.apply(.addItem(NewItem(title: "Shared")), by: Fixed.asAna, at: Fixed.at(1))
        }
        #expect(mode(base.file("team")) == 0o2770)
        #expect(mode(path) == 0o660)
        #expect(groupID(path) == group.id)
        // Writers keep -wal and -shm on close, so a read-only viewer can open the board later.
        for suffix in ["-wal", "-shm"] {
            #expect(FileManager.default.fileExists(atPath: path + suffix), "\(suffix) was removed")
            #expect(mode(path + suffix) == 0o660, "\(suffix) has mode \(String(mode(path + suffix), radix: 8))")
            #expect(groupID(path + suffix) == group.id)
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: base.file("team")).sorted()
                == ["board.baton", "board.baton-shm", "board.baton-wal"], "no temporary file left")
        #expect(Sharing.diagnose(board: path).isEmpty)
        let reader = try BoardStore.open(path, access: .readOnly)
        #expect(try reader.loadBoard().items.count == 1)
    }

    @Test("create without sharing gives the board the usual umask-based mode and removes its -wal on close")
    func createPersonal() throws {
        let base = try TempFolder()
        let path = base.file("board.baton")
        do { _ = try BoardStore.create(path, board: Fixed.newBoard(), by: Fixed.asAna, at: Fixed.t0) }
        #expect(mode(path) == 0o666 & ~(try currentUmask()))
        #expect(groupID(path) == getegid())
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "a personal board is one file when closed")
        #expect(Sharing.diagnose(board: path).isEmpty)
    }

    // MARK: Needs root: a second group

    @Test(
        "a board whose group differs from the folder's, and a -wal in the wrong group, are reported with chgrp",
        .enabled(if: isRoot, "changing a file's group to a group of the test's own needs root (CI runs as root)"))
    func wrongGroup() throws {
        let name = "bt\(UInt32.random(in: 100_000...999_999))"
        #expect(try run("/usr/sbin/groupadd", [name]) == 0)
        defer { _ = try? run("/usr/sbin/groupdel", [name]) }
        let other = try Sharing.Group.named(name)

        let base = try TempFolder()
        let (folder, board) = try layout(base, folderMode: 0o2770, boardMode: 0o660)
        #expect(chown(folder, uid_t.max, other.id) == 0)
        #expect(chmod(folder, 0o2770) == 0)
        let folderGroup = other.name
        // The board stays in root's group: not the folder's.
        let problems = Sharing.diagnose(board: board)
        #expect(problems.map(\.kind) == [.boardGroupDiffers])
        #expect(problems.first?.fix == "chgrp \(folderGroup) \(board)")
        #expect(problems.first?.message.contains(folderGroup) == true)

        #expect(chown(board, uid_t.max, other.id) == 0)
        try Data().write(to: URL(fileURLWithPath: board + "-shm"))
        // Created in the setgid folder, it got the folder's group: give it this process's instead.
        #expect(chown(board + "-shm", uid_t.max, getegid()) == 0)
        #expect(chmod(board + "-shm", 0o660) == 0)
        let leftovers = Sharing.diagnose(board: board)
        #expect(leftovers.map(\.kind) == [.leftoverFile])
        #expect(leftovers.first?.fix == "chgrp \(folderGroup) \(board)-shm && chmod 0660 \(board)-shm")

        // prepare moves an existing folder into the group; share moves a file.
        let moved = base.file("moved")
        #expect(mkdir(moved, 0o700) == 0)
        try Sharing.prepare(folder: moved, group: other)
        #expect(groupID(moved) == other.id && mode(moved) == 0o2770)
        let file = moved + "/f"
        try Data().write(to: URL(fileURLWithPath: file))
        try Sharing.share(board: file, group: other)
        #expect(groupID(file) == other.id && mode(file) == 0o660)
    }

    private func run(_ tool: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
