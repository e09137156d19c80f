import BatonTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The terminal is left as it was found, however the program ends, and unsaved text survives.
@Suite("end to end: terminal restored, signals, suspend")
struct TerminalHygieneTests {
    @Test(.timeLimit(.minutes(1)))
    func quitRestoresTheTerminal() throws {
        let box = try boardSandbox()
        let tmux = try TmuxSession.baton(
            ["--board", box.boardPath], in: box,
            before: Stty.saveBefore, after: Stty.saveAfter)
        defer { tmux.kill() }
        try tmux.waitFor("Backlog 0")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
        let stty = try Stty.settings(box)
        #expect(!stty.before.isEmpty)
        #expect(stty.before == stty.after, "stty settings changed: before \(stty.before) after \(stty.after)")
        // The alternate screen was left: the board is no longer on the terminal.
        let screen = try tmux.waitForAbsence("Backlog")
        #expect(!screen.contains("q quit"))
    }

    /// Killed while a prompt holds text: exits within 2 s, terminal restored, and the next start
    /// opens the prompt again with that text.
    @Test(.timeLimit(.minutes(1)), arguments: [SIGHUP, SIGTERM, SIGINT])
    func aSignalRestoresTheTerminalAndKeepsTheDraft(signal: Int32) throws {
        let box = try boardSandbox()
        let arguments = ["--board", box.boardPath]
        let draft = "Half-typed idée 草稿 \(signal)"
        let first = try TmuxSession.baton(
            arguments, in: box, name: "first",
            before: Stty.saveBefore, after: Stty.saveAfter)
        defer { first.kill() }
        try first.waitFor("Backlog 0")
        try first.send("n")
        try first.waitFor("New item")
        try first.type(draft)
        try first.waitFor(draft)

        let pid = try first.batonPID(arguments)
        let took = try seconds {
            #expect(kill(pid, signal) == 0)
            let status = try first.waitForExit(timeout: 2)
            // Exit status after a signal: baton saves and exits; 0 today (128 + n would be usual).
            #expect(status == 128 + signal, "exit status \(status): 128 + the signal, as shells expect")
        }
        #expect(took < 2)
        #expect(!processExists(pid))
        let stty = try Stty.settings(box)
        #expect(stty.before == stty.after, "stty settings changed: before \(stty.before) after \(stty.after)")

        // The draft is kept, and comes back in the prompt.
        let second = try TmuxSession.baton(arguments, in: box, name: "second")
        defer { second.kill() }
        let screen = try second.waitUntil("the draft in the prompt") {
            row(containing: "New item", in: $0)?.contains(draft) == true
        }
        expectDraftMessage(screen)
        try second.send("Enter")
        try second.waitFor("Created #1")
        try second.send("q")
        #expect(try second.waitForExit() == 0)
        #expect(try box.item(1)["title"] as? String == draft)
    }

    /// Ctrl-Z in a shell with job control, then `fg`: the board is drawn again, whole.
    @Test(.timeLimit(.minutes(1)))
    func suspendAndResumeRedrawsTheBoard() throws {
        let box = try boardSandbox()
        try box.ok("item", "add", "Survives a suspend")
        let bash = try #require(Paths.tool("bash"), "bash is needed for job control")
        let shell =
            "cd \(shellQuote(box.root.path)) && exec \(TmuxSession.envPrefix(box, ["PS1": "$ "])) "
            + "\(shellQuote(bash)) --norc --noprofile -i"
        let tmux = try TmuxSession(sandbox: box, script: shell)
        defer { tmux.kill() }
        try tmux.waitFor("$")
        try tmux.type("\(shellQuote(try Paths.requireBinary())) --board \(shellQuote(box.boardPath))")
        try tmux.send("Enter")
        let board = try tmux.waitFor("#1 Survives a suspend")

        try tmux.send("C-z")
        let stopped = try tmux.waitFor("Stopped")
        #expect(!stopped.contains("q quit"), "the board is still on the screen after Ctrl-Z:\n\(stopped)")
        try tmux.type("fg")
        try tmux.send("Enter")
        let resumed = try tmux.waitUntil("the board after fg") {
            showsBoardHeaders($0) && $0.contains("#1 Survives a suspend")
        }
        #expect(
            rowsWithoutMessage(resumed) == rowsWithoutMessage(board),
            "the board after fg differs:\n--- before\n\(board)\n--- after\n\(resumed)")
        // Still alive and taking keys.
        try tmux.send("n")
        try tmux.waitFor("New item")
        try tmux.escape()
        try tmux.waitForAbsence("New item")
        try tmux.send("q")
        try tmux.waitForAbsence("q quit")
        try tmux.type("echo rc=$?")
        try tmux.send("Enter")
        try tmux.waitFor("rc=0")
    }

    /// The terminal goes away (the pane's pty is closed, as when SSH drops): the program ends
    /// within 2 s instead of spinning on a dead terminal, and keeps the draft.
    @Test(.timeLimit(.minutes(1)))
    func closingTheTerminalEndsTheProgramAndKeepsTheDraft() throws {
        let box = try boardSandbox()
        let arguments = ["--board", box.boardPath]
        let first = try TmuxSession.baton(arguments, in: box, name: "first")
        try first.waitFor("Backlog 0")
        try first.send("n")
        try first.waitFor("New item")
        try first.type("Written as the line dropped")
        try first.waitFor("Written as the line dropped")
        let pid = try first.batonPID(arguments)
        first.kill()
        let deadline = Date().addingTimeInterval(2)
        while processExists(pid) && Date() < deadline { pause(0.02) }
        #expect(!processExists(pid), "baton still runs 2 s after its terminal closed")
        if processExists(pid) { kill(pid, SIGKILL) }

        let second = try TmuxSession.baton(arguments, in: box, name: "second")
        defer { second.kill() }
        let screen = try second.waitUntil("the draft in the prompt") {
            row(containing: "New item", in: $0)?.contains("Written as the line dropped") == true
        }
        expectDraftMessage(screen)
        try second.escape()
        try second.send("q")
        #expect(try second.waitForExit() == 0)
    }
}

/// The restored draft is announced ("Your unsaved text from last time is back ..."). Known issue:
/// the prompt takes the message line, so the message is set but never drawn.
func expectDraftMessage(_ screen: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(
        screen.contains("unsaved text"), "no word about the restored draft:\n\(screen)", sourceLocation: sourceLocation)
}

/// Standard input that is not a terminal, or ends.
@Suite("end to end: not a terminal")
struct NotATerminalTests {
    @Test(.timeLimit(.minutes(1)))
    func withoutATerminalTheBoardIsPrintedAsText() throws {
        let box = try boardSandbox()
        try box.ok("item", "add", "Plain text please")
        let result = try box.baton([])  // stdin /dev/null, stdout a file
        #expect(result.status == 0, "\(result.transcript)")
        #expect(result.stdout.contains("Plain text please"))
        #expect(result.stdout.contains("Backlog"))
        #expect(!result.stdoutData.contains(0x1B), "escape sequences in the text board")
    }

    /// Output to a terminal but input from /dev/null (at its end at once): the text board, exit 0.
    @Test(.timeLimit(.minutes(1)))
    func inputAtItsEndOnATerminalPrintsTheTextBoard() throws {
        let box = try boardSandbox()
        try box.ok("item", "add", "Plain text please")
        let tmux = try TmuxSession.baton(["--board", box.boardPath], in: box, before: "exec < /dev/null")
        defer { tmux.kill() }
        #expect(try tmux.waitForExit() == 0)
        let screen = try tmux.waitFor("Plain text please")
        #expect(!screen.contains("q quit"), "the full-screen board opened:\n\(screen)")
    }
}

/// Terminals too small to draw the board.
@Suite("end to end: small terminals")
struct SmallTerminalTests {
    @Test(.timeLimit(.minutes(1)))
    func tooSmallThenGrown() throws {
        let box = try boardSandbox()
        try box.ok("item", "add", "Still here")
        let tmux = try TmuxSession.baton(["--board", box.boardPath], in: box, width: 15, height: 5)
        defer { tmux.kill() }
        var screen = try tmux.waitFor("too small")
        #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 15 })
        try tmux.resize(120, 40)
        screen = try tmux.waitUntil("the board after growing") { showsBoardHeaders($0) && $0.contains("#1 Still here") }
        #expect(!screen.contains("too small"))

        // Also inside a prompt: the typed text survives being squeezed.
        try tmux.send("n")
        try tmux.waitFor("New item")
        try tmux.type("squeezed")
        try tmux.waitFor("squeezed")
        try tmux.resize(15, 5)
        try tmux.waitFor("too small")
        try tmux.resize(120, 40)
        screen = try tmux.waitUntil("the prompt after growing") { showsBoardHeaders($0) && $0.contains("New item") }
        #expect(row(containing: "New item", in: screen)?.contains("squeezed") == true, "\(screen)")
        try tmux.send("Enter")
        try tmux.waitFor("#2 squeezed")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }
}
