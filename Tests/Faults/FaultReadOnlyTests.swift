import BatonTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Boards that may not be written: a read-only file, a read-only folder, a folder that may not be
/// written around a file that may, and a read-only filesystem. Reading works where SQLite can
/// read at all, and otherwise, like every write, is refused with one precise sentence and exit 77;
/// the board never changes and nothing is left beside it.
@Suite("read-only boards and folders", .serialized)
struct FaultReadOnlyTests {
    enum Case: String, CaseIterable, CustomTestStringConvertible {
        case readOnlyFile, readOnlyFolder, folderNotWritableFileWritable, readOnlyFilesystem
        var testDescription: String { rawValue }
        /// Whether the board can still be read: only when SQLite may make its -shm beside it.
        var readable: Bool { self == .readOnlyFile }
    }

    /// A board set up for `kind`, the account that uses it (nil: root, on a read-only mount), and
    /// the mount to undo.
    struct Setup {
        let board: String
        let account: TestAccount?
        let mount: Mount?
        var folder: String { (board as NSString).deletingLastPathComponent }
    }

    private func setUp(_ kind: Case, _ box: Sandbox, _ accounts: TestAccounts) throws -> Setup {
        #expect(chmod(box.root.path, 0o755) == 0)
        let folder = box.path("team")
        let board = folder + "/board.baton"
        try box.ok("init", board, "--name", "Team")
        try box.ok("item", "add", "Written before", "--board", board)
        let user = accounts.cy!
        #expect(chown(folder, user.uid, user.gid) == 0 && chown(board, user.uid, user.gid) == 0)
        switch kind {
        case .readOnlyFile: #expect(chmod(board, 0o444) == 0)
        case .readOnlyFolder: #expect(chmod(board, 0o444) == 0 && chmod(folder, 0o555) == 0)
        case .folderNotWritableFileWritable: #expect(chmod(board, 0o666) == 0 && chmod(folder, 0o555) == 0)
        case .readOnlyFilesystem:
            let mount = try Mount(readOnlyBindOf: folder, at: box.path("mounted"), in: box)
            return Setup(board: mount.path + "/board.baton", account: nil, mount: mount)
        }
        return Setup(board: board, account: user, mount: nil)
    }

    @Test(
        "commands read where SQLite can, refuse every write precisely, and change and leave nothing",
        arguments: Case.allCases)
    func commands(kind: Case) throws {
        let box = try Sandbox(prefix: "baton-fault-ro")
        let accounts = try TestAccounts(box)
        defer { accounts.remove() }
        let setup = try setUp(kind, box, accounts)
        defer { setup.mount?.unmount() }
        let binary = try box.reachableBinary()
        let before = FileSnapshot(setup.board)
        let files = names(in: setup.folder)

        for reading in [["show"], ["export", "--format", "json"], ["item", "show", "1"]] {
            let result = try box.run(binary, as: setup.account, reading + ["--board", setup.board])
            if kind.readable {
                #expect(result.status == 0, "\(reading): \(result.transcript)")
                #expect(result.stdout.contains("Written before"), "\(reading): \(result.transcript)")
            } else {
                expectRefusal(result, reading, mentions: setup.folder + " ")
            }
        }
        for writing in [["item", "add", "Never saved"], ["comment", "1", "Never"], ["item", "move", "1", "Done"]] {
            let result = try box.run(binary, as: setup.account, writing + ["--board", setup.board])
            expectRefusal(result, writing, mentions: kind.readable ? setup.board : setup.folder + " ")
        }
        #expect(FileSnapshot(setup.board) == before, "the board changed")
        expectNothingLeft(kind, setup, since: files)
    }

    /// Exit 77 and one clear sentence that names `path` (a folder followed by a space, so that
    /// the board's path inside it does not count).
    private func expectRefusal(
        _ result: CLIResult, _ command: [String], mentions path: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.status == 77, "\(command): \(result.transcript)", sourceLocation: sourceLocation)
        #expect(
            result.stderr.contains(path), "\(command) does not name \(path): \(result.stderr)",
            sourceLocation: sourceLocation)
        expectClearMessage(result.stderr, sourceLocation: sourceLocation)
    }

    /// No new files beside the board, except the -wal and -shm without which SQLite cannot read a
    /// board in WAL mode at all (where it may make them), the -wal empty.
    private func expectNothingLeft(
        _ kind: Case, _ setup: Setup, since files: Set<String>,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var made = names(in: setup.folder).subtracting(files)
        if kind.readable {
            made.subtract(["board.baton-shm"])
            if FileSnapshot(setup.board + "-wal").bytes?.isEmpty == true { made.remove("board.baton-wal") }
        }
        #expect(made.isEmpty, "left beside the board: \(made.sorted())", sourceLocation: sourceLocation)
    }

    @Test(
        "the TUI shows a readable board with the READ-ONLY banner, and refuses an unreadable one with the reason",
        .timeLimit(.minutes(1)), arguments: Case.allCases)
    func tui(kind: Case) throws {
        let box = try Sandbox(prefix: "baton-fault-ro-tui")
        let accounts = try TestAccounts(box)
        defer { accounts.remove() }
        let setup = try setUp(kind, box, accounts)
        defer { setup.mount?.unmount() }
        let before = FileSnapshot(setup.board)
        let files = names(in: setup.folder)
        let tui = try TmuxSession(sandbox: box, width: 250, script: try script(box, setup))
        defer { tui.kill() }
        if kind.readable {
            let screen = try tui.waitFor("#1 Written before")
            #expect(screen.contains("READ-ONLY"), "no read-only banner:\n\(screen)")
            try tui.send("n")
            try tui.waitFor("read-only")
            try tui.send("q")
        } else {
            try tui.waitFor(setup.folder + " ")
        }
        try tui.waitUntil("the shell to report baton's exit") { _ in
            FileManager.default.fileExists(atPath: box.path("status"))
        }
        let status = try String(contentsOfFile: box.path("status"), encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
        #expect(status == (kind.readable ? "0" : "77"))
        #expect(FileSnapshot(setup.board) == before, "the board changed")
        expectNothingLeft(kind, setup, since: files)
    }

    /// The pane's script: baton on the board as the setup's account; the shell writes the exit
    /// status and stays, as tmux clears a pane that dies.
    private func script(_ box: Sandbox, _ setup: Setup) throws -> String {
        let binary = try box.reachableBinary()
        let user = setup.account.map { ["setpriv", "--reuid=\($0.uid)", "--regid=\($0.gid)", "--init-groups"] } ?? []
        let command = ([TmuxSession.envPrefix(box)] + (user + [binary, "--board", setup.board]).map(shellQuote)).joined(
            separator: " ")
        return "cd / && \(command); echo $? > \(shellQuote(box.path("status"))); sleep 30"
    }
}
