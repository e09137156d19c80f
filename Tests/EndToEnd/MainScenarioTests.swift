import BatonTestSupport
import Foundation
import Testing

/// The whole board driven by keys in a real terminal (tmux), then checked through the CLI.
@Suite("end to end: the main scenario")
struct MainScenarioTests {
    @Test(.timeLimit(.minutes(1)))
    func createMoveBlockAssignArchiveUndoHelpDetailResizeQuit() throws {
        let box = try boardSandbox()
        let title = "修复登录页面 🚀"
        let tmux = try TmuxSession.baton(["--board", box.boardPath], in: box)
        defer { tmux.kill() }

        var screen = try tmux.waitFor("Backlog 0")
        #expect(showsBoardHeaders(screen))
        #expect(screen.contains("(empty)"))

        // Navigate: right twice, back left twice (to Backlog), and down/up on an empty stage.
        for key in ["l", "Right", "h", "Left", "j", "k"] { try tmux.send(key) }

        // A new item with a CJK and emoji title, typed into the prompt.
        try tmux.send("n")
        try tmux.waitFor("New item")
        try tmux.type(title)
        try tmux.waitUntil("the title in the prompt") { row(containing: "New item", in: $0)?.hasSuffix(title) == true }
        try tmux.send("Enter")
        screen = try tmux.waitFor("Created #1")
        #expect(screen.contains("Created #1 '\(title)' in Backlog."))
        #expect(column(of: "#1 \(title)", in: screen) == 0, "the new card is not in Backlog:\n\(screen)")

        // Across the stages with L (shift-right).
        try tmux.send("L")
        screen = try tmux.waitFor("Moved #1 from Backlog to Ready.")
        #expect(column(of: "#1 \(title)", in: screen) == 1, "#1 is not in Ready:\n\(screen)")
        try tmux.send("L")
        screen = try tmux.waitFor("Moved #1 from Ready to Doing.")
        #expect(column(of: "#1 \(title)", in: screen) == 2, "#1 is not in Doing:\n\(screen)")
        #expect(screen.contains("Doing 1/5"))

        // Blocked, with a reason.
        try tmux.send("b")
        try tmux.waitFor("#1 is blocked because:")
        try tmux.type("Waiting for design")
        try tmux.send("Enter")
        screen = try tmux.waitFor("Blocked #1: Waiting for design.")
        #expect(screen.contains("⛔ Waiting for design"))

        // An owner, through the picker, filtered by typing.
        try tmux.send("a")
        screen = try tmux.waitFor("(type to filter)")
        #expect(screen.contains("Ana Lima") && screen.contains("Bo Chen"))
        try tmux.type("bo")
        screen = try tmux.waitForAbsence("Ana Lima")
        #expect(screen.contains("Bo Chen"), "the filter hid Bo too:\n\(screen)")
        let header = row(containing: "(type to filter)", in: screen) ?? ""
        #expect(header.contains("filter): bo"), "the typed filter is not visible:\n\(screen)")
        try tmux.send("Enter")
        screen = try tmux.waitFor("Made bo an owner in #1.")
        #expect(
            row(containing: "bo ◐pair", in: screen) != nil || screen.contains("│▌bo "),
            "no owner on the card:\n\(screen)")

        // Archived with d, back with u.
        try tmux.send("d")
        screen = try tmux.waitFor("Archived #1")
        #expect(!screen.contains(title), "the archived card is still shown:\n\(screen)")
        try tmux.send("u")
        screen = try tmux.waitFor("Undone.")
        #expect(column(of: "#1 \(title)", in: screen) == 2, "undo did not bring #1 back to Doing:\n\(screen)")

        // Help, then back.
        try tmux.send("?")
        screen = try tmux.waitFor("Move the item to the next stage")
        #expect(screen.contains("Keys"))
        try tmux.escape()
        try tmux.waitUntil("the board after help") {
            showsBoardHeaders($0) && !$0.contains("Move the item to the next stage")
        }

        // Detail, then back.
        try tmux.send("Enter")
        screen = try tmux.waitFor("Waiting for design (by")
        #expect(screen.contains("#1 \(title)"))
        #expect(screen.contains("Bo Chen"))
        #expect(screen.contains("Doing"))
        try tmux.escape()
        let board = try tmux.waitUntil("the board after detail") { showsBoardHeaders($0) && !$0.contains("History") }

        // Small, then big again: the same board, nothing left over.
        try tmux.resize(30, 8)
        screen = try tmux.waitUntil("the board at 30×8") { $0.contains("#1 修复") && !$0.contains("Backlog 0") }
        let smallRows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(smallRows.filter { !$0.isEmpty }.count <= 8)
        try tmux.resize(120, 40)
        screen = try tmux.waitUntil("the board at 120×40") { showsBoardHeaders($0) && $0.contains("Backlog 0") }
        #expect(
            rowsWithoutMessage(screen) == rowsWithoutMessage(board),
            "after resizing back the screen differs:\n--- before\n\(board)\n--- after\n\(screen)")

        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)

        // The board file, through the CLI.
        let item = try box.item(1)
        #expect(item["title"] as? String == title)
        #expect(item["stage"] as? String == "Doing")
        #expect(item["blocked"] as? String == "Waiting for design")
        #expect(item["owners"] as? [String] == ["bo"])
        #expect(item["archived"] as? Bool == false)

        let events = try box.jsonArray("log", "--json")
        let kinds = events.compactMap { ($0["change"] as? [String: Any])?["kind"] as? String }
        for kind in ["item.created", "item.blocked", "item.assigned", "item.archived", "item.restored"] {
            #expect(kinds.contains(kind), "log has no \(kind): \(kinds)")
        }
        #expect(kinds.filter { $0 == "item.moved" }.count == 2, "log: \(kinds)")
        let created = events.first { ($0["change"] as? [String: Any])?["kind"] as? String == "item.created" }
        #expect((created?["change"] as? [String: Any])?["after"] as? String == title)
    }
}
