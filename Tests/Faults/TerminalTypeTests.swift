import BatonTestSupport
import Foundation
import Testing

/// A sandbox board with one item whose title needs UTF-8 and wide characters.
/// Opens a board under `env`, adds an item titled `title` through the new-item prompt, quits,
/// and checks the terminal's settings are as before and the title is stored exactly.
func expectUsableBoard(env: [String: String], adding title: String, sourceLocation: SourceLocation = #_sourceLocation)
    throws
{
    let box = try oddTerminalBoard()
    let tmux = try TmuxSession.baton(
        ["--board", box.boardPath], in: box, env: env,
        before: Stty.saveBefore, after: Stty.saveAfter)
    defer { tmux.kill() }
    expectDrawn(for: 120, 40, try tmux.waitFor("#1 Café naïve 看板"), sourceLocation: sourceLocation)
    try tmux.send("n")
    try tmux.waitFor("New item")
    try tmux.type(title)
    try tmux.send("Enter")
    try tmux.waitFor("#2 \(title)")
    try tmux.send("Right")
    try tmux.send("q")
    #expect(try tmux.waitForExit() == 0, sourceLocation: sourceLocation)
    Stty.expectUnchanged(box, sourceLocation: sourceLocation)
    #expect(try box.item(2)["title"] as? String == title, sourceLocation: sourceLocation)
}

func oddTerminalBoard() throws -> Sandbox {
    let box = try Sandbox.withBoard(prefix: "baton-term")
    try box.ok("item", "add", "Café naïve 看板")
    return box
}

/// The full-screen board under many values of TERM, and with NO_COLOR: a usable board, or one
/// sentence on stderr and exit code 69; the terminal's settings unchanged either way.
@Suite("odd terminals: TERM and NO_COLOR")
struct TerminalTypeTests {
    @Test(.timeLimit(.minutes(1)), arguments: ["vt100", "xterm", "xterm-256color", "screen", "tmux-256color"])
    func aKnownTerminalGivesAUsableBoard(term: String) throws {
        try expectUsableBoard(env: ["TERM": term], adding: "made on \(term)")
    }

    /// `dumb` cannot move the cursor; an unknown or empty TERM names no terminal.
    @Test(.timeLimit(.minutes(1)), arguments: ["dumb", "no-such-term", ""])
    func aTerminalThatCannotShowTheBoardGetsOneSentence(term: String) throws {
        let box = try oddTerminalBoard()
        let tmux = try TmuxSession.baton(
            ["--board", box.boardPath], in: box, env: ["TERM": term],
            before: "\(Stty.saveBefore); exec 2> stderr", after: Stty.saveAfter)
        defer { tmux.kill() }
        #expect(try tmux.waitForExit() == 69)
        let message = try String(contentsOfFile: box.path("stderr"), encoding: .utf8)
        let lines = message.split(separator: "\n")
        #expect(lines.count == 1, "not one line: \(message)")
        #expect(
            message.hasPrefix("baton: ") && message.contains(term.isEmpty ? "TERM is not set" : "TERM=\(term)")
                && message.hasSuffix("`baton show`.\n"), "\(message)")
        #expect(!(try tmux.capture()).contains("Backlog"), "the board was drawn anyway")
        Stty.expectUnchanged(box)
    }

    /// With NO_COLOR set not one colour sequence is sent; without it the same board has colours
    /// (so the check can see them).
    @Test(.timeLimit(.minutes(1)), arguments: [true, false])
    func noColorSendsNoColour(noColor: Bool) throws {
        let box = try oddTerminalBoard()
        let raw = box.path("raw")
        let tmux = try TmuxSession.baton(
            ["--board", box.boardPath], in: box, env: noColor ? ["NO_COLOR": "1"] : [:], gated: true)
        defer { tmux.kill() }
        try tmux.pipePane(to: raw)
        try tmux.release()
        try tmux.waitFor("#1 Café naïve 看板")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
        pause(0.2)  // let the pipe's cat write the last bytes
        let output = RawOutput(file: raw)
        #expect(output.contains(Array("Café".utf8)), "the raw output does not hold the board; was it recorded?")
        let colours = output.colourSequences()
        #expect(
            colours.isEmpty == noColor, "NO_COLOR \(noColor ? "set" : "unset"): colour sequences \(colours.prefix(5))")
    }
}
