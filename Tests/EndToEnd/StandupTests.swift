import BatonTestSupport
import Foundation
import Testing

/// A keyboard-driven stand-up (issue 5) in real terminals: ana facilitates in one tmux session,
/// bo follows in another, and the CLI checks what was stored.
@Suite("end to end: stand-ups")
struct StandupTests {
    /// Ticks a setup line's box for the members in `wanted` and clears it for the others, one
    /// line at a time from the top (the cursor starts on the first line).
    static func choose(_ wanted: Set<String>, on tmux: TmuxSession) throws -> String {
        let screen = try tmux.waitFor("Stand-up: who is here?")
        let lines = screen.split(separator: "\n").map(String.init).filter { $0.contains("[x]") || $0.contains("[ ]") }
        #expect(lines.count >= 5, "the sample board's five members (and the account that made it):\n\(screen)")
        var keys: [String] = []
        for line in lines {
            let handle =
                line.split(separator: "]", maxSplits: 1).last!.split(separator: " ").first { !$0.hasSuffix(".") }.map(
                    String.init) ?? ""
            let ticked = line.contains("[x]")
            if ticked != wanted.contains(handle) { keys.append("Space") }
            keys.append("j")
        }
        try tmux.send(keys)
        return try tmux.waitUntil("exactly \(wanted.sorted()) ticked") { screen in
            let ticked = screen.split(separator: "\n").filter { $0.contains("[x]") }
            return ticked.count == wanted.count
                && wanted.allSatisfy { handle in ticked.contains { $0.contains(" \(handle)  ") } }
        }
    }

    /// The line of the speaker's item list that carries the selection (▸).
    static func selectedItem(in screen: String) -> Int? {
        guard let line = row(containing: "▸ #", in: screen), let range = line.range(of: "▸ #") else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }

    @Test(.timeLimit(.minutes(1)))
    func aThreeMemberStandupWithAFollowerAnActionItemAndABlock() throws {
        let box = try Sandbox.withBoard(sample: true, prefix: "baton-e2e")
        let ana = try TmuxSession.board(as: "ana", in: box)
        defer { ana.kill() }
        let bo = try TmuxSession.board(as: "bo", in: box)
        defer { bo.kill() }
        try ana.waitForPresence(["bo"])
        try bo.waitForPresence(["ana"])

        // Setup: bo is online, so ana and bo are ticked; cw is added, nobody else.
        try ana.send("S")
        var screen = try ana.waitFor("Stand-up: who is here?")
        #expect(row(containing: " ana  ", in: screen)?.contains("[x]") == true, "ana is pre-selected:\n\(screen)")
        #expect(row(containing: " bo  ", in: screen)?.contains("[x]") == true, "online bo is pre-selected:\n\(screen)")
        #expect(row(containing: " cw  ", in: screen)?.contains("[ ]") == true, "offline cw is not:\n\(screen)")
        screen = try Self.choose(["ana", "bo", "cw"], on: ana)
        // IT and business alternate (bo, ana, cw …), so bo, ana, cw speak in that order.
        let order = screen.split(separator: "\n").filter { $0.contains("[x]") }.map { line in
            ["ana", "bo", "cw"].first { line.contains(" \($0)  ") } ?? "?"
        }
        #expect(order == ["bo", "ana", "cw"], "\(screen)")
        try ana.send("Enter")
        screen = try ana.waitFor("Speaking: Ben Okafor")
        #expect(screen.contains("turn 1 of 3"), "\(screen)")

        // bo follows without a key press.
        screen = try bo.waitFor("Speaking: Ben Okafor", timeout: 5)
        #expect(screen.contains("facilitator ana"), "\(screen)")
        #expect(
            screen.split(separator: "\n").first?.contains("stand-up: ana facilitates, bo speaks") == true, "\(screen)")

        // ana passes the baton: bo's screen shows the new speaker.
        try ana.send("Space")
        try ana.waitFor("Speaking: Ana Lima")
        screen = try bo.waitFor("Speaking: Ana Lima", timeout: 3)
        #expect(screen.contains("turn 2 of 3") && screen.contains("ana speaks"), "\(screen)")

        // bo cannot steer ana's stand-up.
        try bo.send("Space")
        screen = try bo.waitFor("Only ana, who facilitates, passes the baton.")
        #expect(screen.contains("Speaking: Ana Lima"))

        // An action item for the speaker, without leaving the stand-up.
        try ana.send("a")
        try ana.waitFor("Action item for ana")
        try ana.type("Book the retro room")
        try ana.waitFor("Book the retro room")
        try ana.send("Enter")
        screen = try ana.waitUntil("the action item in ana's list") {
            $0.contains("Book the retro room") && !$0.contains("Action item for")
        }
        #expect(screen.contains("Speaking: Ana Lima"), "the stand-up stays on screen:\n\(screen)")

        // Select ana's #4 (not blocked) with j and block it.
        for _ in 0..<6 {
            let before = Self.selectedItem(in: try ana.capture())
            if before == 4 { break }
            try ana.send("j")
            try ana.waitUntil("the selection to move from #\(before ?? 0)", timeout: 2) {
                Self.selectedItem(in: $0) != before
            }
        }
        screen = try ana.capture()
        #expect(Self.selectedItem(in: screen) == 4, "\(screen)")
        try ana.send("b")
        try ana.waitFor("#4 is blocked because")
        try ana.type("Waiting for the policy team")
        try ana.waitFor("Waiting for the policy team")
        try ana.send("Enter")
        screen = try ana.waitUntil("#4 shown as blocked") {
            row(containing: "#4 Pre-fill", in: $0)?.contains("⛔ Waiting for the policy team") == true
        }

        // End: E asks, y ends and shows the summary; bo goes back to the board.
        try ana.send("E")
        try ana.waitFor("End the stand-up?")
        try ana.send("y")
        screen = try ana.waitFor("Stand-up summary")
        #expect(row(containing: "Blockers raised", in: screen)?.contains("1") == true, "\(screen)")
        #expect(screen.contains("#4 Pre-fill the claim form from the policy: Waiting for the policy team"), "\(screen)")
        #expect(screen.contains("Book the retro room (ana)"), "\(screen)")
        for handle in ["ana", "bo", "cw"] {
            #expect(row(containing: "  \(handle) ", in: screen) != nil, "\(handle) in the time per speaker:\n\(screen)")
        }
        #expect(row(containing: "  cw ", in: screen)?.contains("did not speak") == true, "\(screen)")
        screen = try bo.waitFor("The stand-up has ended", timeout: 3)
        #expect(showsBoardHeaders(screen), "bo is back on the board:\n\(screen)")

        // The CLI agrees: the action item, owned by the speaker, and the block are stored.
        let list = try box.ok("item", "list").stdout
        let actionLine = try #require(
            list.split(separator: "\n").first { $0.contains("Book the retro room") }, "\(list)")
        let actionNumber = try #require(Int(actionLine.dropFirst().prefix { $0.isNumber }))
        let action = try box.item(actionNumber)
        #expect(action["owners"] as? [String] == ["ana"])
        #expect(action["stage"] as? String == "Backlog")
        #expect(try box.item(4)["blocked"] as? String == "Waiting for the policy team")

        let markdown = try box.ok("standup", "show", "last", "--format", "markdown").stdout
        for speaker in ["Ben Okafor (@bo)", "Ana Lima (@ana)", "Chen Wei (@cw)"] {
            #expect(markdown.contains("| \(speaker) |"), "\(speaker) missing:\n\(markdown)")
        }
        #expect(markdown.contains("**Facilitator:** Ana Lima (@ana)"), "\(markdown)")
        let blockers = try #require(
            markdown.components(separatedBy: "### Blockers raised").dropFirst().first, "\(markdown)")
        let raised = blockers.components(separatedBy: "###")[0]
        #expect(
            raised.contains("**#4** Pre-fill the claim form from the policy: Waiting for the policy team"),
            "\(markdown)")
        let actions = try #require(
            markdown.components(separatedBy: "### Action items").dropFirst().first, "\(markdown)")
        #expect(actions.contains("**#\(actionNumber)** Book the retro room (@ana)"), "\(markdown)")
        #expect(markdown.contains("- **Blockers raised:** 1"), "\(markdown)")
        #expect(markdown.contains("- **Action items:** 1"), "\(markdown)")
        // Ben's and Ana's turns are in the speaking order.
        let bens = try #require(markdown.range(of: "Ben Okafor (@bo)")),
            anas = try #require(markdown.range(of: "| Ana Lima (@ana)"))
        #expect(bens.lowerBound < anas.lowerBound)
    }
}
