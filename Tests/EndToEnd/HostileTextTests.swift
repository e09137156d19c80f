import BatonTestSupport
import Foundation
import Testing

/// Text on the board is other people's data: it must never reach the terminal as a control sequence.
@Suite("end to end: hostile titles")
struct HostileTextTests {
    @Test(.timeLimit(.minutes(1)))
    func controlSequencesInTitlesNeverReachTheTerminal() throws {
        let sqlite = try #require(Paths.tool("sqlite3"), "the sqlite3 tool is needed to write raw titles")
        let box = try boardSandbox()
        for n in 1...4 { try box.ok("item", "add", "title \(n)") }
        // Straight into the file, past every check of the app: OSC set-title, clear screen, the C1
        // CSI (U+009B) and a right-to-left override (U+202E).
        let sql = """
            UPDATE item SET title = 'x' || char(27) || ']0;pwned' || char(7) || 'y' WHERE number = 1;
            UPDATE item SET title = 'Clear' || char(27) || '[2Jscreen' WHERE number = 2;
            UPDATE item SET title = 'C1' || char(155) || '31mred' WHERE number = 3;
            UPDATE item SET title = 'Bidi' || char(8238) || 'txet' WHERE number = 4;
            """
        let updated = try box.run(sqlite, [box.boardPath, sql])
        try #require(updated.status == 0, "sqlite3 failed: \(updated.transcript)")

        // Gated: the program starts only once the pipe records the pane's output.
        let raw = box.path("raw-output")
        let tmux = try TmuxSession.baton(["--board", box.boardPath], in: box, gated: true)
        defer { tmux.kill() }
        try tmux.pipePane(to: raw)
        try tmux.release()

        let screen = try tmux.waitFor("Bidi")
        #expect(screen.contains("x␛]0;pwned␇y"), "no placeholders for ESC and BEL:\n\(screen)")
        #expect(screen.contains("Clear␛[2Jscreen"), "no placeholder for ESC:\n\(screen)")
        #expect(screen.contains("C1�31mred"), "no placeholder for U+009B:\n\(screen)")
        #expect(screen.contains("Bidi�txet"), "no placeholder for U+202E:\n\(screen)")
        let paneTitle = try tmux.tmuxCommand(["display-message", "-p", "-t", tmux.target, "#{pane_title}"]).stdout
        #expect(!paneTitle.contains("pwned"), "the title sequence reached the terminal: pane title \(paneTitle)")

        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
        pause(0.2)  // let the pipe's cat write the last bytes

        let output = RawOutput(try Data(contentsOf: URL(fileURLWithPath: raw)))
        let esc: UInt8 = 0x1B
        // The recording is real: the titles' text went through, with visible placeholders.
        #expect(output.contains(Array("pwned".utf8)), "the raw output does not hold the titles; was it recorded?")
        #expect(output.contains(Array("␛".utf8)))
        // No OSC from the title, no BEL after it.
        #expect(!output.contains([esc] + Array("]0;pwned".utf8)))
        #expect(!output.contains([esc, UInt8(ascii: "]")]), "an OSC sequence was sent")
        #expect(!output.contains(Array("pwned".utf8) + [0x07]))
        // Clear screen: ncurses clears once when it starts, before drawing anything; the title's must not appear.
        let clear: [UInt8] = [esc] + Array("[2J".utf8)
        #expect(!output.contains(clear + Array("screen".utf8)))
        let firstText = try #require(output.offsets(of: Array("Backlog".utf8)).first)
        #expect(
            output.offsets(of: clear).allSatisfy { $0 < firstText },
            "ESC[2J sent after the board was drawn, at \(output.offsets(of: clear)); board text from \(firstText)")
        // C1 controls and bidi overrides, as characters (C2 9B, E2 80 AE) or as stray bytes.
        #expect(!output.contains([0xC2, 0x9B]))
        #expect(!output.contains([0xE2, 0x80, 0xAE]))
        let c1 = output.scalars.filter { (0x80...0x9F).contains($0.value) }
        #expect(c1.isEmpty, "C1 controls sent: \(c1.map { String($0.value, radix: 16) })")
        let bidi = output.scalars.filter {
            (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value)
        }
        #expect(bidi.isEmpty, "bidi controls sent: \(bidi.map { String($0.value, radix: 16) })")
        #expect(
            output.strayBytes.isEmpty,
            "bytes outside UTF-8 sent: \(output.strayBytes.prefix(10).map { "\($0.byte) at \($0.offset)" })")
    }
}
