import BatonTestSupport
import Foundation
import Testing

/// The user's own editor in a real terminal: curses steps aside, the editor gets the terminal
/// in its usual (cooked) mode, and the board comes back with the text saved.
@Suite("end to end: your own editor")
struct ExternalEditorScreenTests {
    @Test(.timeLimit(.minutes(1)))
    func notesWrittenInTheEditorAreSavedAndTheBoardComesBack() throws {
        let box = try Sandbox.withBoard(sample: true)
        // The "editor" notes whether the terminal was handed back in cooked mode, as editors expect.
        let editor = box.path("editor.sh")
        try """
        #!/bin/sh
        if stty -a < /dev/tty | grep -q -- ' icanon'; then mode=cooked; else mode=raw; fi
        printf 'Written in the editor on a %s terminal\\n' "$mode" >> "$1"
        """.write(toFile: editor, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession.baton(["--board", box.boardPath], in: box, env: ["VISUAL": "/bin/sh " + editor])
        defer { tmux.kill() }
        try tmux.waitFor("Backlog 3")
        try tmux.send("V")
        var screen = try tmux.waitFor("Changed the notes of #1.")
        #expect(showsBoardHeaders(screen), "the board is drawn again:\n\(screen)")
        try tmux.send("Enter")
        screen = try tmux.waitFor("Written in the editor on a cooked terminal")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
        let notes = try box.item(1)["notes"] as? String
        #expect(notes?.hasSuffix("Written in the editor on a cooked terminal") == true, "\(notes ?? "")")
    }

    /// Ctrl-C while the editor runs is the editor's: it reaches the whole process group, ends
    /// the editor (which gets the signal's usual meaning), and baton goes on.
    @Test(.timeLimit(.minutes(1)))
    func anInterruptMeantForTheEditorLeavesTheBoardRunning() throws {
        let box = try Sandbox.withBoard(sample: true)
        let editor = box.path("editor.sh")
        // As Ctrl-C would, the signal goes to the editor and to baton (its ancestor), not to the pane's shell.
        try """
        #!/bin/sh
        echo half-written >> "$1"
        p=$PPID
        while [ "$(cat /proc/$p/comm)" != baton ]; do p=$(cut -d' ' -f4 /proc/$p/stat); done
        kill -INT $p $$
        sleep 5
        """.write(toFile: editor, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession.baton(["--board", box.boardPath], in: box, env: ["VISUAL": "/bin/sh " + editor])
        defer { tmux.kill() }
        try tmux.waitFor("Backlog 3")
        try tmux.send("V")
        let screen = try tmux.waitFor("ended with status 130; nothing was changed.")
        #expect(screen.contains("Notes of #1"), "the notes prompt is still open:\n\(screen)")
        try tmux.escape()
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0, "baton was not interrupted")
        #expect(try box.item(1)["notes"] as? String == "", "nothing was saved")
    }
}
