import BatonTestSupport
import Foundation
import Testing

/// Ctrl-Z in a shell with job control, the terminal resized while baton is stopped, then `fg`:
/// the screen is drawn for the new size with the half-typed text intact, and after quitting the
/// terminal's settings are exactly those from before.
@Suite("signals: suspend and resume")
struct SignalSuspendTests {
    @Test(.timeLimit(.minutes(1)), arguments: [(100, 30), (150, 45)])
    func resizeWhileSuspended(width: Int, height: Int) throws {
        let box = try Sandbox.withBoard(prefix: "baton-suspend")
        try box.ok("item", "add", "Survives a suspend")
        let tmux = try Self.interactiveShell(box)
        defer { tmux.kill() }
        try tmux.waitFor("$")
        try Self.run(
            "stty -g > stty-before; \(shellQuote(try Paths.requireBinary())) --board \(shellQuote(box.boardPath))",
            in: tmux)
        try tmux.waitFor("#1 Survives a suspend")
        try tmux.send("n")
        try tmux.waitFor("New item")
        try tmux.type("typed before Ctrl-Z")
        try tmux.waitFor("typed before Ctrl-Z")

        try tmux.send("C-z")
        try tmux.waitFor("Stopped")
        try tmux.resize(width, height)
        try Self.run("fg", in: tmux)
        let screen = try tmux.waitUntil("the board redrawn for \(width)×\(height)") {
            $0.contains("#1 Survives a suspend") && $0.contains("typed before Ctrl-Z")
        }
        expectDrawn(for: width, height, screen)
        #expect(row(containing: "New item", in: screen)?.contains("typed before Ctrl-Z") == true, "\(screen)")

        try tmux.escape()
        try tmux.waitForAbsence("New item")
        try tmux.send("q")
        try tmux.waitForAbsence("Survives a suspend")
        try Self.run("stty -g > stty-after; echo rc=$?", in: tmux)
        try tmux.waitFor("rc=0")
        Stty.expectUnchanged(box)
    }

    /// bash with job control in the sandbox, prompt `$ `.
    static func interactiveShell(_ box: Sandbox) throws -> TmuxSession {
        let bash = try #require(Paths.tool("bash"), "bash is needed for job control")
        let shell =
            "cd \(shellQuote(box.root.path)) && exec \(TmuxSession.envPrefix(box, ["PS1": "$ "])) "
            + "\(shellQuote(bash)) --norc --noprofile -i"
        return try TmuxSession(sandbox: box, script: shell)
    }

    /// Types a command line into the shell and presses Enter.
    static func run(_ line: String, in tmux: TmuxSession) throws {
        try tmux.type(line)
        try tmux.send("Enter")
    }
}

/// The board fills exactly `width`×`height`: the border row spans the width, nothing is wider, and
/// the key hints sit on one of the last rows.
func expectDrawn(for width: Int, _ height: Int, _ screen: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let borderRow = rows.first { $0.contains("─") && $0.allSatisfy { $0 == "─" || $0 == "┼" } }
    let border = borderRow.map(visualWidth) ?? 0
    #expect(
        border == width, "the border row is \(border) columns wide, not \(width):\n\(screen)",
        sourceLocation: sourceLocation)
    #expect(
        overlongRows(in: screen, width: width).isEmpty, "rows wider than \(width):\n\(screen)",
        sourceLocation: sourceLocation)
    let hints = rows.lastIndex { $0.contains("q quit") || $0.contains("‹esc›") } ?? -1
    #expect(
        hints >= height - 3 && hints < height, "the key hints are on row \(hints) of \(height):\n\(screen)",
        sourceLocation: sourceLocation)
    if borderRow?.contains("┼") == true {
        #expect(
            misalignedBorders(in: screen).isEmpty, "\(misalignedBorders(in: screen))", sourceLocation: sourceLocation)
    }
}

/// The row of `screen` that contains `text`, if any.
func row(containing text: String, in screen: String) -> String? {
    screen.split(separator: "\n").map(String.init).first { $0.contains(text) }
}
