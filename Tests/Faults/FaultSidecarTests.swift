import BatonTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The files around a board changed under open sessions: its -wal and -shm deleted, the board
/// reached through a symbolic link, or given a second name by a hard link. The board stays sound
/// and keeps every acknowledged change.
@Suite("deleted -wal and -shm, symbolic and hard links", .serialized)
struct FaultSidecarTests {
    /// A shell loop adding `count` items titled `w$W-$i`, printing each title once `baton` acknowledged it.
    static func writerLoop(count: Int) -> String {
        """
        i=1
        while [ $i -le \(count) ]; do
          "$BATON" item add "w$W-$i" --board "$BOARD" >/dev/null && echo "w$W-$i"
          i=$((i + 1))
        done
        """
    }

    /// Starts `writers` loops on `board` (one per entry, each its own W), runs `meanwhile`, and
    /// returns the acknowledged titles.
    private func write(_ box: Sandbox, boards: [String], count: Int, meanwhile: () throws -> Void) throws -> [String] {
        let binary = try Paths.requireBinary()
        let writers = try boards.enumerated().map { index, board in
            try box.spawn(
                "/bin/sh", ["-c", Self.writerLoop(count: count)],
                env: ["BATON": binary, "W": "\(index + 1)", "BOARD": board])
        }
        try meanwhile()
        return try writers.flatMap { try $0.wait(timeout: 120).lines }
    }

    /// Requires a sound board holding each acknowledged title exactly once and no title twice.
    private func expectKept(_ box: Sandbox, _ acknowledged: [String], sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        try expectSound(box, sourceLocation: sourceLocation)
        let board = try ExportedBoard(box, sourceLocation: sourceLocation)
        let lost = acknowledged.filter { board.count(title: $0) != 1 }
        #expect(lost.isEmpty, "acknowledged but not there exactly once: \(lost)", sourceLocation: sourceLocation)
        #expect(Set(board.titles).count == board.titles.count, "a title is there twice", sourceLocation: sourceLocation)
    }

    @Test(
        "deleting the -wal and -shm under a TUI session and CLI writers: noticed, nothing acknowledged lost, board sound",
        .timeLimit(.minutes(2)))
    func sidecarsDeletedWhileOpen() throws {
        let box = try Sandbox.withBoard(prefix: "baton-fault-sidecars")
        let tui = try TmuxSession.baton(["--board", box.boardPath], in: box, width: 200)
        defer { tui.kill() }
        try tui.waitFor("Backlog")
        let acknowledged = try write(box, boards: Array(repeating: box.boardPath, count: 3), count: 25) {
            for _ in 1...3 {
                usleep(200_000)
                for file in sidecars(of: box.boardPath) { unlink(file) }
            }
        }
        #expect(acknowledged.count >= 25, "too few writes succeeded to mean anything: \(acknowledged.count)")
        try tui.waitFor("deleted or replaced")
        try tui.send("n")
        try tui.waitFor("nothing more can be saved")
        try tui.send("q")
        #expect(try tui.waitForExit() == 0)
        try expectSound(box)
        // The race that remains (README, "A vanished board"): a change acknowledged in the instant
        // its -wal is deleted, before a checkpoint copied it into the board file, goes with it.
        // Seen once in four CI runs of this suite; the board must still be sound every time.
        withKnownIssue("a change saved in the instant its -wal is deleted can be lost with it", isIntermittent: true) {
            try expectKept(box, acknowledged)
        }
    }

    @Test(
        "writers through a symbolic link and through the real path share one -wal; nothing lost",
        .timeLimit(.minutes(2)))
    func symbolicLink() throws {
        let box = try Sandbox.withBoard(prefix: "baton-fault-symlink")
        let link = box.path("link.baton")
        #expect(symlink(box.boardPath, link) == 0)
        let tui = try TmuxSession.baton(["--board", link], in: box, width: 200)
        defer { tui.kill() }
        try tui.waitFor("Backlog")
        let acknowledged = try write(box, boards: [link, box.boardPath, link], count: 20) {}
        #expect(acknowledged.count == 60, "some writes failed: \(acknowledged.count) of 60")
        try tui.waitFor("#60 ", timeout: 10)
        try tui.send("q")
        #expect(try tui.waitForExit() == 0)
        #expect(sidecars(of: link).allSatisfy { access($0, F_OK) != 0 }, "SQLite made files beside the link")
        try expectKept(box, acknowledged)
    }

    @Test("a board with a second name (hard link) is refused through either name, untouched")
    func hardLink() throws {
        let box = try Sandbox.withBoard(prefix: "baton-fault-hardlink")
        let other = box.path("other.baton")
        #expect(link(box.boardPath, other) == 0)
        let before = FileSnapshot(box.boardPath)
        let files = names(in: box.root.path)
        for board in [box.boardPath, other] {
            for command in [["show"], ["item", "add", "Never saved"], ["check"]] {
                let result = try box.baton(command + ["--board", board])
                #expect(result.status == 65, "\(command) via \(board): \(result.transcript)")
                #expect(result.stderr.contains("hard links"), "\(result.stderr)")
                expectClearMessage(result.stderr)
            }
        }
        #expect(FileSnapshot(box.boardPath) == before)
        #expect(names(in: box.root.path) == files)
        unlink(other)
        #expect(try box.baton(["item", "add", "Saved once it has one name"]).status == 0)
    }
}
