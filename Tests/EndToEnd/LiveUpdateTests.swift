import BatonTestSupport
import Foundation
import Testing

/// Another process changes the board while the TUI is open.
@Suite("end to end: live update")
struct LiveUpdateTests {
    @Test(.timeLimit(.minutes(1)))
    func anItemAddedFromTheShellAppearsWithoutAKeyPress() throws {
        let box = try boardSandbox()
        let tmux = try TmuxSession.baton(["--board", box.boardPath], in: box)
        defer { tmux.kill() }
        try tmux.waitFor("Backlog 0")

        let added = try box.ok("item", "add", "From the shell")
        #expect(added.itemNumber == 1)
        let took = try seconds { try tmux.waitFor("#1 From the shell", timeout: 2) }
        let screen = try tmux.capture()
        #expect(screen.contains("Backlog 1"), "the count did not follow:\n\(screen)")
        #expect(column(of: "#1 From the shell", in: screen) == 0)
        print("EndToEndTests: another process's item drawn after \(String(format: "%.0f", took * 1000)) ms")

        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }
}
