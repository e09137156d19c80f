import BatonTestSupport
import Foundation
import Testing

/// Terminal sizes from 1×1 to 300×100, and a storm of resizes: always a screen that fits (the
/// board, or the "too small" notice), never a crash, and after the storm the board drawn for
/// the final size.
@Suite("odd terminals: sizes and resize storms")
struct TerminalSizeTests {
    static let sizes = [
        (1, 1), (2, 2), (5, 3), (19, 6), (20, 7), (33, 9), (80, 24), (300, 100), (1, 100), (300, 1), (120, 40),
    ]

    @Test(.timeLimit(.minutes(1)))
    func everySizeFromOneByOneUp() throws {
        let box = try oddTerminalBoard()
        let tmux = try TmuxSession.baton(
            ["--board", box.boardPath], in: box, width: 1, height: 1,
            before: Stty.saveBefore, after: Stty.saveAfter)
        defer { tmux.kill() }
        try tmux.waitUntil("the notice's first letter") { $0.hasPrefix("T") }
        for (width, height) in Self.sizes {
            try tmux.resize(width, height)
            let screen = try Self.waitForScreen(tmux, width, height)
            #expect(overlongRows(in: screen, width: width).isEmpty, "\(width)×\(height):\n\(screen)")
        }
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
        Stty.expectUnchanged(box)
    }

    @Test(.timeLimit(.minutes(1)))
    func aStormOfResizesEndsInTheRightScreen() throws {
        let box = try oddTerminalBoard()
        let tmux = try TmuxSession.baton(
            ["--board", box.boardPath], in: box, before: Stty.saveBefore, after: Stty.saveAfter)
        defer { tmux.kill() }
        try tmux.waitFor("#1 Café naïve 看板")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<40 {
            try tmux.resize(Int.random(in: 1...300, using: &generator), Int.random(in: 1...100, using: &generator))
        }
        try tmux.resize(137, 43)
        expectDrawn(for: 137, 43, try Self.waitForScreen(tmux, 137, 43))
        try tmux.send("n")
        try tmux.waitFor("New item")
        try tmux.escape()
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
        Stty.expectUnchanged(box)
    }

    /// Waits for the screen baton draws at `width`×`height`: the notice below 20×7, else the board
    /// whose border row spans the width and whose key hints are at the bottom.
    static func waitForScreen(_ tmux: TmuxSession, _ width: Int, _ height: Int) throws -> String {
        if width < 20 || height < 7 {
            let start = String("Terminal too small".prefix(width))
            return try tmux.waitUntil("the notice at \(width)×\(height)") { screen in
                screen.contains(width >= 12 && height >= 3 ? "too small" : start.prefix(1))
            }
        }
        return try tmux.waitUntil("the board at \(width)×\(height)") { screen in
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let border = rows.first { $0.contains("─") && $0.allSatisfy { $0 == "─" || $0 == "┼" } }
            let hints = rows.lastIndex { $0.contains("q quit") } ?? -1
            return border.map(visualWidth) == width && hints >= height - 3
        }
    }
}
