import BatonCore
import Foundation
import Testing

@testable import BatonTUI

/// `baton show` prints the board with the board screen's own views, every card whole.
@Suite("Printing the board")
struct BoardPrintTests {
    /// Widths are measured in the test's UTF-8 locale, whichever test runs first.
    init() { _ = TUI.prepared }

    /// The printed rows of `board` at `width`, and the same gathered into one frame for goldens.
    static func printed(_ board: Board, width: Int) -> (lines: [String], frame: Frame) {
        let s = TUI.state(board, width: width, height: 24)
        var rows: [(Frame, Int)] = []
        BoardPrint.rows(s) { frame, row in rows.append((frame, row)) }
        var all = Frame(width: width, height: rows.count)
        for (y, (frame, row)) in rows.enumerated() {
            for x in 0..<width { all[x, y] = frame[x, row] }
        }
        return (rows.map { FrameText.line($0.0, row: $0.1) }, all)
    }

    @Test(arguments: [120, 50])
    func theSquadBoardPrintsAsTheBoardScreenDrawsIt(width: Int) {
        assertGolden(Self.printed(TUI.squad(), width: width).frame, named: "print-squad-\(width)")
    }

    @Test func everyCardIsPrintedOnceAndWholeAcrossBands() {
        let board = TUI.tall(300)
        let (lines, _) = Self.printed(board, width: 80)
        for number in 1...300 {
            let rows = lines.indices.filter { lines[$0].contains("#\(number) ") }
            #expect(rows.count == 1, "#\(number) is printed \(rows.count) times")
            guard let row = rows.first else { continue }
            #expect(lines.indices.contains(row + 1) && lines[row + 1].contains("12d │"), "#\(number)'s age follows it")
        }
        // The header, the titles and the rule, the cards less the last blank row; then Done (80
        // columns hold three stages): a blank row, its title, the rule and "(empty)".
        let cards = board.items.values.map {
            CardLayout(item: $0, width: BoardLayout(width: 80, height: 1, stageCount: 4).width(ofColumn: 0) - 1).height
        }
        #expect(lines.count == 3 + cards.reduce(0, +) - 1 + 4)
        #expect(
            lines.suffix(4).map { $0.trimmingCharacters(in: .whitespaces) } == [
                "", "Done 0", String(repeating: "─", count: 26), "(empty)",
            ], "the columns keep their width")
        #expect(!lines.contains { $0.contains("↓") || $0.contains("▌") }, "no scroll marks, no selection")
    }

    @Test func stagesThatDoNotFitSideBySideComeInGroups() {
        let (lines, _) = Self.printed(TUI.squad(), width: 50)
        let titles = lines.filter { $0.hasPrefix(" Backlog") || $0.hasPrefix(" Doing") }
        #expect(titles.count == 2, "Backlog with Ready, then Doing with Done:\n\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.hasPrefix(" Backlog") && $0.contains("│ Ready") })
    }

    @Test func anEmptyStageSaysSo() {
        let (lines, _) = Self.printed(TUI.empty(), width: 120)
        #expect(lines.count == 4)
        #expect(lines[3].hasPrefix(" (empty)") && lines[3].contains("│ (empty)"))
    }

    @Test func aFrameRowAsPlainTextDropsTrailingBlanksAndKeepsWideCharacters() {
        var frame = Frame(width: 12, height: 1)
        frame.put("申请 ok", x: 1, y: 0, role: .card)
        #expect(FrameText.line(frame, row: 0) == " 申请 ok")
    }

    @Test func aFrameRowForATerminalWrapsEachRoleInItsColours() {
        var frame = Frame(width: 10, height: 1)
        frame.put("ab", x: 0, y: 0, role: .blocked)
        frame.put("c", x: 2, y: 0, role: .normal)
        frame.fill(x: 5, y: 0, width: 2, height: 1, role: .header)
        let theme = Theme(
            name: "t",
            styles: [
                .blocked: ThemeStyle(foreground: .index(1), bold: true),
                .header: ThemeStyle(foreground: .index(255), background: .index(236)),
            ])
        let line = FrameText.line(frame, row: 0, theme: theme)
        #expect(line == "\u{1B}[0;1;31mab\u{1B}[0mc  \u{1B}[0;38;5;255;48;5;236m  \u{1B}[0m")
        #expect(FrameText.line(frame, row: 0) == "abc", "without a theme, no sequences and no trailing blanks")
    }
}
