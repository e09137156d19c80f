import BatonCore
import Foundation

/// What stops a group from sharing a board, found by looking at its files.
extension Sharing {

    /// What stops the group from sharing the board at `board`, each with its fix.
    ///
    /// A network filesystem is always reported. The permission checks apply when the board looks
    /// meant to be shared: its folder is setgid or group-writable, or the board is group-writable
    /// (a plain 0755 folder and 0644 board, from the usual umask, are a personal board, not a
    /// broken shared one). Leftover -wal/-shm/-journal files are checked either way.
    public static func diagnose(board: String) -> [SharingProblem] {
        // A board in a database is shared through the database's roles, not through files.
        if PostgresAddress.isAddress(board) { return [] }
        return diagnose(board: board, filesystemType: filesystemType(of: folder(of: board)))
    }

    static func folder(of board: String) -> String {
        let folder = (board as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    static func diagnose(board: String, filesystemType: UInt32?) -> [SharingProblem] {
        let folder = folder(of: board)
        var problems: [SharingProblem] = []
        if let type = filesystemType, let network = networkFilesystem(type: type) {
            let fix = "mv \(quoted(board)) /srv/baton/  # or any folder on a local disk"
            problems.append(
                network.refused
                    ? SharingProblem(
                        .networkFilesystem, path: board,
                        message:
                            "The board \(board) is on a network filesystem (\(network.name)), where SQLite's locks are unreliable and baton refuses to write; move it to a local disk of the server.",
                        fix: fix)
                    : SharingProblem(
                        .networkFilesystem, .warning, path: board,
                        message:
                            "The board \(board) is on a FUSE filesystem, whose locks may not work between processes; if it is a network mount, move the board to a local disk.",
                        fix: fix))
        }
        var dir = stat(), file = stat()
        guard stat(folder, &dir) == 0, stat(board, &file) == 0 else { return problems }
        let dirMode = dir.st_mode & 0o7777, fileMode = file.st_mode & 0o7777
        let setgid = dirMode & S_ISGID != 0
        let shared = isShared(board: board)
        let siblings = ["-wal", "-shm", "-journal"].compactMap { suffix -> (String, stat)? in
            var info = stat()
            return lstat(board + suffix, &info) == 0 ? (board + suffix, info) : nil
        }

        guard shared else {
            // A personal board: only a leftover file its owner cannot write is a problem.
            for (path, info) in siblings
            where info.st_uid != file.st_uid
                && !(info.st_gid == file.st_gid && info.st_mode & 0o020 != 0)
            {
                let owner = accountName(uid: file.st_uid)
                problems.append(
                    SharingProblem(
                        .leftoverFile, path: path,
                        message:
                            "\(path) belongs to \(accountName(uid: info.st_uid)), not to the board's owner \(owner), who can no longer write the board while it is there.",
                        fix: command("chown \(owner) \(quoted(path))", owner: uid_t.max)))
            }
            return problems
        }

        let groupName = Group.lookup(id: dir.st_gid)?.name ?? String(dir.st_gid)
        if dirMode & 0o070 != 0o070 {
            problems.append(
                SharingProblem(
                    .folderNotGroupWritable, path: folder,
                    message:
                        "The folder \(folder) is shared but its group \(groupName) may not create files in it (mode \(octal(dirMode))), so members cannot make the -wal and -shm files SQLite needs beside the board.",
                    fix: command("chmod g+rwx \(quoted(folder))", owner: dir.st_uid)))
        }
        if !setgid {
            problems.append(
                SharingProblem(
                    .folderMissingSetgid, path: folder,
                    message:
                        "The folder \(folder) lacks the setgid bit, so the -wal and -shm files SQLite creates beside the board get each user's own group and lock the other members out.",
                    fix: command("chmod g+s \(quoted(folder))", owner: dir.st_uid)))
        }
        if file.st_gid != dir.st_gid {
            let fileGroup = Group.lookup(id: file.st_gid)?.name ?? String(file.st_gid)
            problems.append(
                SharingProblem(
                    .boardGroupDiffers, path: board,
                    message:
                        "The board \(board) belongs to the group \(fileGroup), not to its folder's group \(groupName), so members of \(groupName) cannot write it.",
                    fix: command("chgrp \(groupName) \(quoted(board))", owner: file.st_uid)))
        }
        if fileMode & 0o060 != 0o060 {
            problems.append(
                SharingProblem(
                    .boardNotGroupWritable, path: board,
                    message:
                        "The board \(board) is not readable and writable by its group (mode \(octal(fileMode))), so the other members get it read-only or cannot open it.",
                    fix: command("chmod g+rw \(quoted(board))", owner: file.st_uid)))
        }
        for (path, info) in siblings {
            // Each file beside the board must be usable by everyone who may use the board: the
            // group, and read-only viewers too when the board is readable by others.
            let wrongGroup = info.st_gid != dir.st_gid
            let sideMode = info.st_mode & 0o7777
            let needed = (fileMode & 0o666) | 0o660
            guard wrongGroup || sideMode & needed != needed else { continue }
            let fix =
                (wrongGroup ? "chgrp \(groupName) \(quoted(path)) && " : "")
                + "chmod \(octal(sideMode | needed)) \(quoted(path))"
            let who =
                sideMode & 0o060 != 0o060 || wrongGroup ? "the group \(groupName)" : "everyone who may read the board"
            problems.append(
                SharingProblem(
                    .leftoverFile, path: path,
                    message:
                        "\(path), left by \(accountName(uid: info.st_uid)), is not usable by \(who) (mode \(octal(sideMode))), which locks them out of the board.",
                    fix: command(fix, owner: info.st_uid, sudoEach: true)))
        }
        return problems
    }
}
