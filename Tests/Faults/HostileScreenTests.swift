import BatonTestSupport
import Foundation
import Testing

/// Hostile board text on the full-screen board, in tmux: every card, every item's detail (notes,
/// comments, history), the member picker, the outcomes screen and every stage header are drawn
/// with the column borders in place, and no byte that reaches the terminal came from the text as
/// a control sequence.
@Suite("hostile text: the full-screen board")
struct HostileScreenTests {
    static let width = 160, height = 50

    @Test(.timeLimit(.minutes(1)), arguments: Backend.allCases)
    func hostileTextIsDrawnAsTextOnEveryScreen(_ backend: Backend) throws {
        let board = try HostileBoard.make(on: backend)
        let raw = board.box.path("raw-tui")
        let tmux = try TmuxSession.baton(
            ["--board", board.address ?? board.box.boardPath], in: board.box,
            width: Self.width, height: Self.height, gated: true)
        defer { tmux.kill() }
        try tmux.pipePane(to: raw)
        try tmux.release()
        let screen = try tmux.waitUntil("the board") { $0.contains("┼") && $0.contains("#1 ") }
        #expect(misalignedBorders(in: screen).isEmpty, "\(misalignedBorders(in: screen))\n\(screen)")

        let opened = try openEveryItem(tmux, stages: 4, perStage: (board.corpus.count + 3) / 4)
        #expect(opened == Set(1...board.corpus.count), "opened \(opened.sorted())")
        try expectReadable(tmux, after: "a", until: "Owner of #")
        try expectReadable(tmux, after: "O", until: "from 10 to 3")
        try walkStageHeaders(tmux, stages: 4 + board.corpus.count)

        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
        try expectNothingLeaked(raw, tmux)
    }

    /// Opens each card of the first `stages` stages in turn (Enter, Esc, down); returns the numbers
    /// whose detail was shown, every screen checked for rows wider than the terminal.
    private func openEveryItem(_ tmux: TmuxSession, stages: Int, perStage: Int) throws -> Set<Int> {
        var opened: Set<Int> = []
        for stage in 0..<stages {
            if stage > 0 { try tmux.send("l", "g") }
            for _ in 0..<perStage {
                try tmux.send("Enter")
                let detail = try tmux.waitUntil("an item's detail") {
                    $0.contains("History") && $0.contains("Revision")
                }
                #expect(overlongRows(in: detail, width: Self.width).isEmpty, "\(detail)")
                if let number = Self.itemNumber(in: detail) { opened.insert(number) }
                try tmux.escape()
                try tmux.waitUntil("the board again") { $0.contains("┼") && !$0.contains("Revision") }
                try tmux.send("j")
            }
        }
        return opened
    }

    /// Presses `key`, waits for `title`, checks the screen's width, and goes back with Esc.
    private func expectReadable(_ tmux: TmuxSession, after key: String, until title: String) throws {
        try tmux.send(key)
        let screen = try tmux.waitFor(title)
        #expect(overlongRows(in: screen, width: Self.width).isEmpty, "\(screen)")
        try tmux.escape()
        try tmux.waitForAbsence(title)
    }

    /// Moves the selection right through every stage; the borders stay aligned on each screen.
    private func walkStageHeaders(_ tmux: TmuxSession, stages: Int) throws {
        try tmux.send("h", "h", "h", "h")
        for step in 1..<stages {
            try tmux.send("l")
            guard step.isMultiple(of: 3) || step == stages - 1 else { continue }
            pause(0.1)
            let screen = try tmux.waitUntil("the board") { $0.contains("┼") }
            #expect(
                misalignedBorders(in: screen).isEmpty,
                "after \(step) steps right: \(misalignedBorders(in: screen))\n\(screen)")
        }
    }

    /// The number of the item whose detail is on `screen` (its title row, `#N …`, below the header).
    static func itemNumber(in screen: String) -> Int? {
        for row in screen.split(separator: "\n").dropFirst() {
            let text = row.drop { $0 == " " }
            guard text.first == "#" else { continue }
            if let number = Int(text.dropFirst().prefix { $0.isASCII && $0.isNumber }) { return number }
        }
        return nil
    }
}
