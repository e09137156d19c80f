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
        chmod(editor, 0o755)
        let tmux = try TmuxSession.baton(["--board", box.boardPath], in: box, env: ["VISUAL": editor])
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
}
