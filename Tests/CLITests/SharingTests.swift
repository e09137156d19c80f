import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

private let skipReason: Comment = "needs root to create Unix users and a group (CI runs the tests as root); skipped"

@Suite("Sharing a board between Unix accounts (init --shared, check)", .serialized)
struct SharingTests {
    /// Runs baton as `account` (real and effective ids, with its groups), or as root for nil.
    private func baton(_ box: Sandbox, _ binary: String, as account: TestAccount?, _ arguments: String...) throws
        -> CLIResult
    {
        try box.run(binary, as: account, arguments)
    }

    private func info(_ path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }

    private func groupID(_ name: String) throws -> gid_t {
        try #require(getgrnam(name), "no group \(name)").pointee.gr_gid
    }

    @Test(
        "two members of a group write one board made with init --shared; a reader outside the group gets it read-only",
        .enabled(if: canManageAccounts, skipReason))
    func membersShareABoard() throws {
        let box = try Sandbox(prefix: "baton-sharing")
        #expect(chmod(box.root.path, 0o755) == 0)
        let accounts = try TestAccounts(box)
        defer { accounts.remove() }
        let binary = try box.reachableBinary()
        let gid = try groupID(accounts.group)
        let folder = box.path("team")
        let board = folder + "/board.baton"

        // Set up by root, as an admin would.
        let made = try baton(box, binary, as: nil, "init", "--shared", accounts.group, board, "--name", "Team")
        #expect(made.status == 0, "\(made.transcript)")
        #expect(made.stdout.contains(accounts.group))
        let folderInfo = try #require(info(folder))
        #expect(folderInfo.st_mode & 0o7777 == 0o2770, "folder mode \(String(folderInfo.st_mode & 0o7777, radix: 8))")
        #expect(folderInfo.st_gid == gid)
        let boardInfo = try #require(info(board))
        #expect(boardInfo.st_mode & 0o7777 == 0o660, "board mode \(String(boardInfo.st_mode & 0o7777, radix: 8))")
        #expect(boardInfo.st_gid == gid)

        // Both members write, in turns and then at once.
        for (account, title) in [
            (accounts.ana!, "Ana's card"), (accounts.bo!, "Bo's card"), (accounts.ana!, "Ana again"),
        ] {
            let added = try baton(box, binary, as: account, "item", "add", title, "--board", board)
            #expect(added.status == 0, "\(account.name): \(added.transcript)")
        }
        let setpriv = try #require(Paths.tool("setpriv"))
        let together = try [accounts.ana!, accounts.bo!].flatMap { account in
            try (1...5).map { index in
                try box.spawn(
                    setpriv,
                    [
                        "--reuid=\(account.uid)", "--regid=\(account.gid)", "--init-groups", binary,
                        "item", "add", "\(account.name) \(index)", "--board", board,
                    ])
            }
        }
        for process in together {
            let result = try process.wait()
            #expect(result.status == 0, "\(result.transcript)")
        }
        let listed = try baton(box, binary, as: accounts.bo, "item", "list", "--json", "--board", board)
        #expect(listed.status == 0, "\(listed.transcript)")
        let items = try JSONSerialization.jsonObject(with: listed.stdoutData) as? [[String: Any]] ?? []
        #expect(items.count == 13)

        // The files SQLite keeps beside the board stay after the writers close (a viewer who may
        // not create them could not open the board otherwise), in the group and writable by it.
        for suffix in ["-wal", "-shm"] {
            #expect(FileManager.default.fileExists(atPath: board + suffix), "the writers removed board\(suffix)")
        }
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: board + suffix) {
            let file = try #require(info(board + suffix))
            #expect(file.st_gid == gid, "board\(suffix) is in group \(file.st_gid)")
            #expect(file.st_mode & 0o060 == 0o060, "board\(suffix) has mode \(String(file.st_mode & 0o7777, radix: 8))")
        }
        for account in [accounts.ana!, accounts.bo!] {
            let check = try baton(box, binary, as: account, "check", "--board", board)
            #expect(check.status == 0, "\(account.name): \(check.transcript)")
        }

        // A viewer outside the group: the admin opens the folder and board to others for reading,
        // and `check` says what else to open (the files beside the board).
        #expect(chmod(folder, 0o2775) == 0 && chmod(board, 0o664) == 0)
        let advice = try baton(box, binary, as: nil, "check", "--board", board)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: board + suffix) {
            #expect(advice.stdout.contains("fix: chmod 0664 \(board)\(suffix)"), "\(advice.transcript)")
            #expect(chmod(board + suffix, 0o664) == 0)
        }
        let clean = try baton(box, binary, as: nil, "check", "--board", board)
        #expect(clean.status == 0, "\(clean.transcript)")

        let shown = try baton(box, binary, as: accounts.cy, "show", "--board", board)
        #expect(shown.status == 0, "\(shown.transcript)")
        #expect(shown.stdout.contains("Bo's card"))
        let refused = try baton(box, binary, as: accounts.cy, "item", "add", "Not allowed", "--board", board)
        #expect(refused.status == 77, "\(refused.transcript)")
        #expect(refused.stderr.contains("read-only"), "\(refused.stderr)")
        #expect(refused.stderr.contains(board))
        let notShared = try baton(
            box, binary, as: accounts.cy, "init", "--shared", accounts.group, box.path("cy/board.baton"))
        #expect(notShared.status == 77, "\(notShared.transcript)")
        #expect(notShared.stderr.contains(accounts.group))
        #expect(!FileManager.default.fileExists(atPath: box.path("cy/board.baton")))

        // The viewer left nothing that locks the writers out.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names.allSatisfy { $0.hasPrefix("board.baton") }, "\(names)")
        for name in names {
            let file = try #require(info(folder + "/" + name))
            #expect(file.st_uid != accounts.cy.uid, "\(name) belongs to the viewer")
            #expect(
                file.st_gid == gid && file.st_mode & 0o060 == 0o060,
                "\(name): group \(file.st_gid), mode \(String(file.st_mode & 0o7777, radix: 8))")
        }
        for account in [accounts.bo!, accounts.ana!] {
            let added = try baton(box, binary, as: account, "item", "add", "After the viewer", "--board", board)
            #expect(added.status == 0, "\(account.name): \(added.transcript)")
        }
        let last = try baton(box, binary, as: accounts.ana, "check", "--board", board)
        #expect(last.status == 0, "\(last.transcript)")
        #expect(last.stdout.contains("15 items"), "\(last.stdout)")
    }

    @Test(
        "check reports a board chmodded 0600 in a shared folder with the command that fixes it",
        .enabled(if: canManageAccounts, skipReason))
    func checkReportsABrokenSetup() throws {
        let box = try Sandbox(prefix: "baton-sharing")
        #expect(chmod(box.root.path, 0o755) == 0)
        let accounts = try TestAccounts(box)
        defer { accounts.remove() }
        let binary = try box.reachableBinary()
        let board = box.path("team/board.baton")
        let made = try baton(box, binary, as: nil, "init", "--shared", accounts.group, board)
        #expect(made.status == 0, "\(made.transcript)")
        #expect(try baton(box, binary, as: accounts.ana, "item", "add", "Before", "--board", board).status == 0)

        #expect(chmod(board, 0o600) == 0)
        // A member cannot even open it; check still says why and what the owner (root) must run.
        let blocked = try baton(box, binary, as: accounts.bo, "item", "add", "Blocked", "--board", board)
        #expect(blocked.status == 77, "\(blocked.transcript)")
        let memberCheck = try baton(box, binary, as: accounts.bo, "check", "--board", board)
        #expect(memberCheck.status == 77, "\(memberCheck.transcript)")
        #expect(
            memberCheck.stdout.contains("not readable and writable by its group (mode 0600)"), "\(memberCheck.stdout)")
        #expect(memberCheck.stdout.contains("fix: sudo chmod g+rw \(board)"), "\(memberCheck.stdout)")

        // The owner's check: exit 65, the problem and its fix, also in JSON.
        let ownerCheck = try baton(box, binary, as: nil, "check", "--board", board)
        #expect(ownerCheck.status == 65, "\(ownerCheck.transcript)")
        #expect(ownerCheck.stdout.contains("fix: chmod g+rw \(board)"), "\(ownerCheck.stdout)")
        let json = try baton(box, binary, as: nil, "check", "--json", "--board", board)
        #expect(json.status == 65)
        let report = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        #expect(report["ok"] as? Bool == false)
        #expect(report["problems"] as? [String] == [])
        let sharing = try #require(report["sharing"] as? [[String: Any]])
        #expect(sharing.count == 1)
        #expect(sharing.first?["kind"] as? String == "boardNotGroupWritable")
        #expect(sharing.first?["path"] as? String == board)
        #expect(sharing.first?["fix"] as? String == "chmod g+rw \(board)")
        #expect(sharing.first?["severity"] as? String == "error")

        // Missing setgid too, then both fixed by running the printed commands.
        #expect(chmod(box.path("team"), 0o770) == 0)
        let two = try baton(box, binary, as: nil, "check", "--board", board)
        let fixes = two.lines.filter { $0.hasPrefix("  fix: ") }.map { String($0.dropFirst(7)) }
        #expect(fixes.count == 2, "\(two.stdout)")
        for fix in fixes {
            let ran = try box.run("/bin/sh", ["-c", fix])
            #expect(ran.status == 0, "\(fix): \(ran.transcript)")
        }
        let fixed = try baton(box, binary, as: nil, "check", "--board", board)
        #expect(fixed.status == 0, "\(fixed.transcript)")
        let after = try baton(box, binary, as: accounts.bo, "item", "add", "After the fix", "--board", board)
        #expect(after.status == 0, "\(after.transcript)")
    }

    @Test("init --shared with an unknown group exits 65 naming the group and how to list groups")
    func unknownGroup() throws {
        let box = try Sandbox(prefix: "baton-sharing")
        let name = "baton-no-such-group-\(UInt32.random(in: 0..<UInt32.max))"
        let result = try box.baton(["init", "--shared", name, "team/board.baton"])
        #expect(result.status == 65, "\(result.transcript)")
        #expect(result.stderr.contains("'\(name)'"))
        #expect(result.stderr.contains("getent group"))
        #expect(!FileManager.default.fileExists(atPath: box.path("team")), "nothing was made for an unknown group")
    }

    @Test("init --shared with the caller's own group works without root; a plain init keeps umask modes")
    func sharedWithOwnGroup() throws {
        let box = try Sandbox(prefix: "baton-sharing")
        let own = try #require(getgrgid(getegid()), "no name for group \(getegid())")
        let group = String(cString: own.pointee.gr_name)
        let shared = try box.baton(["init", "--shared", group, "team/board.baton"])
        #expect(shared.status == 0, "\(shared.transcript)")
        #expect((info(box.path("team"))?.st_mode ?? 0) & 0o7777 == 0o2770)
        #expect((info(box.path("team/board.baton"))?.st_mode ?? 0) & 0o7777 == 0o660)
        let added = try box.baton(["item", "add", "Shared", "--board", "team/board.baton"])
        #expect(added.status == 0, "\(added.transcript)")
        let check = try box.baton(["check", "--json", "--board", "team/board.baton"])
        #expect(check.status == 0, "\(check.transcript)")
        let report = try JSONSerialization.jsonObject(with: check.stdoutData) as? [String: Any]
        #expect((report?["sharing"] as? [Any])?.isEmpty == true)

        let plain = try box.baton(["init", "plain.baton"])
        #expect(plain.status == 0, "\(plain.transcript)")
        // The umask baton inherited, read without changing it (Linux 4.7+).
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Umask:") })
        let mask = try #require(mode_t(line.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8))
        #expect((info(box.path("plain.baton"))?.st_mode ?? 0) & 0o7777 == 0o666 & ~mask)
    }
}
