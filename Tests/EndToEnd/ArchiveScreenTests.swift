import BatonTestSupport
import Foundation
import Testing

/// The archive screen in a real terminal: archive two cards, find them there, bring one back.
@Suite("end to end: the archive")
struct ArchiveScreenTests {
    @Test(.timeLimit(.minutes(1)))
    func archivedCardsAreListedAndOneIsRestoredToItsStage() throws {
        let box = try Sandbox.withBoard(sample: true)
        let tmux = try TmuxSession.baton(["--board", box.boardPath], in: box)
        defer { tmux.kill() }
        try tmux.waitFor("Backlog 3")
        try tmux.send("d")
        try tmux.waitFor("Archived #1")
        try tmux.send("d")
        try tmux.waitFor("Archived #2")
        try tmux.send("A")
        var screen = try tmux.waitFor("Archive · 2 archived items")
        #expect(row(containing: "▸ #2 ", in: screen)?.contains("Backlog") == true, "last archived first:\n\(screen)")
        #expect(screen.contains("#1 Let customers upload ID documents"))
        try tmux.send("j", "r")
        screen = try tmux.waitFor("Restored #1.")
        #expect(screen.contains("Archive · 1 archived item,"), "\(screen)")
        try tmux.send("Escape")
        screen = try tmux.waitFor("Backlog 2")
        #expect(column(of: "#1 Let customers", in: screen) == 0, "#1 is back in Backlog:\n\(screen)")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
        let items = try box.jsonArray("item", "list", "--json")
        #expect(items.contains { $0["number"] as? Int == 1 } && !items.contains { $0["number"] as? Int == 2 })
    }
}
