import BatonTestSupport
import Foundation
import Testing

/// A full disk and a file-size limit: every write is refused with one clear sentence and exit 74,
/// the board stays as it was and sound, and writing works again once there is room.
@Suite("full disk and file-size limit", .serialized)
struct FaultDiskFullTests {
    /// Notes just under the 64 KB limit, so that a write needs more room than the WAL has.
    static let longText = String(repeating: "Notes that need room on the disk. ", count: 1_800)

    /// A comment just under its 16 KB limit.
    static let longComment = String(repeating: "A comment that needs room. ", count: 600)

    /// Writes that each need room: arguments, and the text they read from standard input.
    static func writes(_ board: String, tag: String) -> [(arguments: [String], stdin: String)] {
        [
            (["item", "add", "Added \(tag)", "--notes", "-"], longText), (["comment", "1", "-"], longComment),
            (["item", "edit", "2", "--notes", "-"], longText),
        ]
        .map { ($0.0 + ["--board", board], $0.1) }
    }

    /// A board with three items in a 1 MB tmpfs, unmounted by the caller.
    private func boardOnSmallDisk(_ box: Sandbox) throws -> (Mount, String) {
        let disk = try Mount(tmpfsAt: box.path("disk"), size: "1m", in: box)
        let board = disk.path + "/board.baton"
        try box.ok("init", board, "--name", "Small disk")
        for n in 1...3 { try box.ok("item", "add", "Item \(n)", "--board", board) }
        return (disk, board)
    }

    /// Runs each write, expecting it refused with exit 74 and a message containing `expected`.
    private func expectRefused(_ box: Sandbox, _ board: String, _ expected: String, limit: Int? = nil) throws {
        for (write, stdin) in Self.writes(board, tag: "while refused") {
            let result =
                try limit.map { blocks in
                    try box.run(
                        "/bin/sh", ["-c", "ulimit -f \(blocks); exec \"$BATON\" \"$@\"", "sh"] + write, stdin: stdin,
                        env: ["BATON": try Paths.requireBinary()])
                } ?? box.baton(write, stdin: stdin)
            #expect(result.status == 74, "\(write): \(result.transcript)")
            #expect(
                result.stderr.contains(expected) && result.stderr.contains("nothing was changed"),
                "\(write): \(result.stderr)")
            expectClearMessage(result.stderr)
        }
    }

    /// Runs each write, expecting it saved, and then finds its text on the board.
    private func expectWritesWork(_ box: Sandbox, _ board: String) throws {
        for (write, stdin) in Self.writes(board, tag: "after") {
            let result = try box.baton(write, stdin: stdin)
            #expect(result.status == 0, "\(write) once there is room: \(result.transcript)")
        }
        let after = try ExportedBoard(box, board: board)
        #expect(after.count(title: "Added after") == 1)
        #expect(after.count(comment: Self.longComment) == 1)
        try expectSound(box, board: board)
    }

    @Test("a full disk refuses every write with exit 74 and changes nothing; once space is freed, writing works")
    func fullDisk() throws {
        let box = try Sandbox(prefix: "baton-fault-full")
        let (disk, board) = try boardOnSmallDisk(box)
        defer { disk.unmount() }
        let before = try ExportedBoard(box, board: board)
        let filler = try Filler(filling: disk.path)
        try expectRefused(box, board, "full")
        // Even reading needs room for the -shm that SQLite keeps beside a board nobody has open.
        let shown = try box.baton(["show", "--board", board])
        #expect(
            shown.status == 74 && shown.stderr.contains("is full"),
            "reading a board on a full disk: \(shown.transcript)")
        expectClearMessage(shown.stderr)
        filler.remove()
        #expect(try ExportedBoard(box, board: board) == before, "the board changed while the disk was full")
        try expectSound(box, board: board)
        try expectWritesWork(box, board)
    }

    @Test("a file-size limit (ulimit -f) refuses the write with exit 74 instead of killing baton, and changes nothing")
    func fileSizeLimit() throws {
        let box = try Sandbox.withBoard(prefix: "baton-fault-fsize")
        for n in 1...3 { try box.ok("item", "add", "Item \(n)") }
        let before = try ExportedBoard(box)
        // A limit of 64 blocks of 512 bytes: below the board's own size, so any write past it fails.
        try expectRefused(box, box.boardPath, "file-size limit", limit: 64)
        #expect(try ExportedBoard(box) == before, "the board changed past the file-size limit")
        try expectSound(box)
        try expectWritesWork(box, box.boardPath)
    }

    @Test(
        "the TUI on a full disk says the new item was not saved and keeps the typed title; Enter saves it once there is room",
        .timeLimit(.minutes(1)))
    func fullDiskInTheTUI() throws {
        let box = try Sandbox(prefix: "baton-fault-full-tui")
        let (disk, board) = try boardOnSmallDisk(box)
        defer { disk.unmount() }
        // Wide enough for the whole message, which names the board by its long sandbox path.
        let tui = try TmuxSession.baton(["--board", board], in: box, width: 250)
        defer { tui.kill() }
        try tui.waitFor("#3 Item 3")
        let before = try ExportedBoard(box, board: board)
        let filler = try Filler(filling: disk.path)
        defer { filler.remove() }

        let title = "Typed on a full disk"
        try tui.send("n")
        try tui.waitFor("New item")
        try tui.type(title)
        try tui.send("Enter")
        let screen = try tui.waitFor("is full")
        let lines = screen.split(separator: "\n").map(String.init)
        let message = try #require(lines.first { $0.contains("is full") })
        #expect(message.contains("nothing was changed"), "\(message)")
        expectClearMessage(message.trimmingCharacters(in: .whitespaces))
        #expect(lines.contains { $0.contains("New item") && $0.contains(title) }, "the typed title is gone:\n\(screen)")
        #expect(try ExportedBoard(box, board: board) == before, "the board changed while the disk was full")

        filler.remove()
        try tui.send("Enter")
        try tui.waitFor("Created #4")
        #expect(try ExportedBoard(box, board: board).count(title: title) == 1)
        try expectSound(box, board: board)
    }
}
