import BatonCore
import Foundation
import Testing

@testable import BatonTUI

/// Facts about frames that golden files alone would not explain.
@Suite("Frame structure")
struct FrameStructureTests {
    /// Widths are measured in the test's UTF-8 locale, whichever test runs first.
    init() { _ = TUI.prepared }

    static let sweepWidths = [
        1, 2, 3, 5, 9, 10, 19, 20, 21, 24, 25, 26, 39, 40, 41, 48, 49, 50, 51, 52, 74, 75, 76, 79, 80, 81,
        99, 100, 101, 119, 120, 121, 160, 200,
    ]
    static let sweepHeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 24, 40, 60]

    /// Each role has a letter of its own in the golden role grids.
    @Test func roleLettersAreDistinct() {
        let codes = StyleRole.allCases.map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(StyleRole.normal.code == "·" && StyleRole.selection.code == "x")
    }

    /// Every screen, resized through `update` to every size, renders a well-formed frame with no unsafe text.
    @Test(arguments: sweepWidths)
    func everyScreenAtEverySize(_ width: Int) {
        for (name, start) in Screens.all(Size(80, 24)) {
            for height in Self.sweepHeights {
                var s = start
                _ = App.update(&s, .resize(width: width, height: height))
                let frame = View.render(s)
                let label = "\(name) at \(width)x\(height)"
                #expect(frame.width == width && frame.height == height, "\(label)")
                #expect(frame.lines.count == height && frame.roleLines.allSatisfy { $0.count == width }, "\(label)")
                let wide = frame.wideProblems
                #expect(wide.isEmpty, "\(label): \(wide.prefix(3))")
                let unsafe = frame.unsafeCells
                #expect(unsafe.isEmpty, "\(label): \(unsafe.prefix(3))")
                if let cursor = frame.cursor {
                    #expect(
                        cursor.x >= 0 && cursor.x < width && cursor.y >= 0 && cursor.y < height,
                        "\(label): cursor \(cursor)")
                }
                if s.overlay == nil && s.screen == .board
                    && !BoardLayout(width: width, height: height, stageCount: 4).isTooSmall
                {
                    #expect(bordersAlign(frame, s).isEmpty, "\(label): \(bordersAlign(frame, s).prefix(3))")
                }
            }
        }
    }

    /// Rows where a column border is missing or a card spills over it.
    func bordersAlign(_ frame: Frame, _ s: AppState) -> [String] {
        let layout = BoardLayout(width: s.width, height: s.height, stageCount: s.board.stages.count)
        var problems: [String] = []
        let visible = min(layout.visibleStages, s.board.stages.count - s.firstStage)
        for n in 1..<max(1, visible) {
            let x = layout.columnX(n) - 1
            for y in 1..<(layout.bodyTop + layout.bodyHeight)
            where frame[x, y].text != (y == 2 ? "┼" : "│") || frame[x, y].role != .border {
                problems.append("(\(x),\(y)) is '\(frame[x, y].text)' \(frame[x, y].role.rawValue), not the border")
            }
        }
        return problems
    }

    @Test(arguments: Size.golden + [Size(200, 60), Size(51, 20), Size(75, 20)])
    func columnBordersAlignOnEveryRow(_ size: Size) {
        for board in [TUI.squad(), TUI.longTitles(), TUI.cjk(), TUI.hostile(), TUI.tall()] {
            var s = TUI.state(board, width: size.width, height: size.height)
            for step in 0..<6 {
                let frame = View.render(s)
                let problems = bordersAlign(frame, s)
                #expect(problems.isEmpty, "\(board.name) at \(size), step \(step): \(problems.prefix(3))")
                press(&s, named: step % 2 == 0 ? "l" : "G")
            }
        }
    }

    @Test(arguments: Size.golden)
    func wideCharactersNeverSplitAtAColumnEdge(_ size: Size) {
        let s = TUI.state(TUI.cjk(), width: size.width, height: size.height)
        let frame = View.render(s)
        #expect(frame.wideProblems.isEmpty, "\(frame.wideProblems.prefix(3))")
        let layout = BoardLayout(width: size.width, height: size.height, stageCount: 4)
        for n in 0..<layout.visibleStages {
            let last = layout.columnX(n) + layout.columnWidth - 1
            guard last < size.width else { continue }
            for y in 0..<size.height where DisplayText.width(of: frame[last, y].text) == 2 {
                Issue.record("a wide character starts in the last column (\(last)) of stage column \(n), row \(y)")
            }
        }
        #expect(frame.find("修复登录页面") != nil || size.width < 30)
    }

    /// The selected card: its number in `card.selected` and the `▌` bar; other cards never use `card.selected`.
    @Test func selectedCardIsMarked() {
        var s = TUI.state(TUI.squad())
        var frame = View.render(s)
        guard let one = frame.find("#1 Map"), let two = frame.find("#2 Offer"), let ten = frame.find("⚡#10 Fix") else {
            Issue.record("cards not drawn:\n\(frame.lines.joined(separator: "\n"))")
            return
        }
        #expect(
            frame.roles(x: one.x, y: one.y, count: 2) == [.cardSelected, .cardSelected], "\(frame.roleLines[one.y])")
        #expect(frame[0, one.y].text == "▌" && frame[0, one.y].role == .cardSelected)
        #expect(frame[0, one.y + 2].text == "▌", "the bar runs down the whole card")
        #expect(!frame.roles(x: two.x, y: two.y, count: 20).contains(.cardSelected), "\(frame.roleLines[two.y])")
        #expect(frame[0, two.y].text != "▌")
        #expect(
            frame.roles(x: ten.x + 5, y: ten.y, count: 3).allSatisfy { $0 == .cardExpedite },
            "\(frame.roleLines[ten.y])")
        #expect(frame.roles(x: 27, y: 1, count: 5).allSatisfy { $0 == .stageTitle })
        #expect(frame.roles(x: 0, y: 1, count: 5).allSatisfy { $0 == .stageTitleSelected })
        let selectedCells = frame.roleLines.joined().filter { $0 == StyleRole.cardSelected.code }.count
        #expect(selectedCells >= 2)

        press(&s, named: "j")
        frame = View.render(s)
        #expect(frame.roles(x: two.x, y: two.y, count: 2) == [.cardSelected, .cardSelected])
        #expect(!frame.roles(x: one.x, y: one.y, count: 20).contains(.cardSelected))
        #expect(frame[0, one.y].text != "▌" && frame[0, two.y].text == "▌")
    }

    /// The meta row of `item`'s card: the row after its title lines, within its column.
    func metaRow(_ frame: Frame, _ s: AppState, _ item: ItemNumber) -> (y: Int, xs: Range<Int>)? {
        let layout = BoardLayout(width: s.width, height: s.height, stageCount: s.board.stages.count)
        let prefix = (s.board.items[item]!.expedite ? "⚡" : "") + "#\(item) "
        guard let at = frame.find(prefix) else { return nil }
        let n = (at.x - 1) / (layout.columnWidth + 1)
        let lines = CardLayout(item: s.board.items[item]!, width: layout.columnWidth).title.count
        return (at.y + lines, layout.columnX(n)..<(layout.columnX(n) + layout.columnWidth))
    }

    func roles(of text: String, in frame: Frame, row: (y: Int, xs: Range<Int>)) -> [StyleRole]? {
        guard let at = frame.find(text, from: (row.xs.lowerBound, row.y)), at.y == row.y, row.xs.contains(at.x) else {
            return nil
        }
        return frame.roles(x: at.x, y: at.y, count: DisplayText.width(of: text))
    }

    @Test func ownersAndInvolvedUseTheirDisciplineRoles() {
        let s = TUI.state(TUI.squad(), width: 120, height: 40)
        let frame = View.render(s)
        guard let five = metaRow(frame, s, 5) else {
            Issue.record("#5 not drawn")
            return
        }
        #expect(roles(of: "ana", in: frame, row: five) == Array(repeating: .ownerBusiness, count: 3))
        #expect(roles(of: "bo", in: frame, row: five) == [.ownerIT, .ownerIT])
        #expect(roles(of: "→1", in: frame, row: five) == [.outcome, .outcome])
        guard let two = metaRow(frame, s, 2) else {
            Issue.record("#2 not drawn")
            return
        }
        #expect(roles(of: "opp", in: frame, row: two) == Array(repeating: .badge, count: 3))
        #expect(roles(of: "DK", in: frame, row: two) == [.ownerBusiness, .ownerBusiness])
        #expect(roles(of: "(bo)", in: frame, row: two) == Array(repeating: .involvedIT, count: 4))
        guard let seven = metaRow(frame, s, 7) else {
            Issue.record("#7 not drawn")
            return
        }
        #expect(roles(of: "(CD)", in: frame, row: seven) == Array(repeating: .involvedIT, count: 4))
        guard let three = metaRow(frame, s, 3) else {
            Issue.record("#3 not drawn")
            return
        }
        #expect(roles(of: "(ana)", in: frame, row: three) == Array(repeating: .involvedBusiness, count: 5))
    }

    /// "Overdue" is counted in the session's time zone, not the process's.
    @Test func overdueFollowsTheTimeZone() throws {
        var s = TUI.state(TUI.squad(), width: 120, height: 40)
        s.now = Date(timeIntervalSince1970: 1_796_686_200)  // 2026-12-07 23:30 UTC, already the 8th in Tokyo
        var board = s.board
        board.items[5]?.due = Day(year: 2026, month: 12, day: 7)
        s.board = board
        s.timeZone = try #require(TimeZone(identifier: "UTC"))
        var frame = View.render(s)
        guard let five = metaRow(frame, s, 5) else {
            Issue.record("#5 not drawn")
            return
        }
        #expect(roles(of: "due 12-07", in: frame, row: five)?.allSatisfy { $0 == .badge } == true, "due today")
        s.timeZone = try #require(TimeZone(identifier: "Asia/Tokyo"))
        frame = View.render(s)
        #expect(roles(of: "due 12-07", in: frame, row: five)?.allSatisfy { $0 == .blocked } == true, "overdue in Tokyo")
    }

    @Test func pairingGapBlockedOverdueAndAge() {
        let s = TUI.state(TUI.squad(), width: 120, height: 40)
        let frame = View.render(s)
        guard let twelve = metaRow(frame, s, 12), let nine = metaRow(frame, s, 9), let eleven = metaRow(frame, s, 11)
        else {
            Issue.record("Doing cards not drawn")
            return
        }
        #expect(
            roles(of: "◐pair", in: frame, row: twelve)?.allSatisfy { $0 == .pairingGap } == true,
            "#12 is owned by IT only")
        #expect(roles(of: "◐pair", in: frame, row: nine) == nil, "#9 is owned by a business-IT pair")
        #expect(roles(of: "due 06-01", in: frame, row: eleven)?.allSatisfy { $0 == .blocked } == true, "overdue")
        #expect(roles(of: "9d", in: frame, row: nine) == [.ageOld, .ageOld], "nine days in an active stage")
        let blocked = (y: twelve.y + 1, xs: twelve.xs)
        #expect(roles(of: "⛔ Waiting", in: frame, row: blocked)?.allSatisfy { $0 == .blocked } == true)
        guard let five = metaRow(frame, s, 5) else { return }
        #expect(roles(of: "due 06-20", in: frame, row: five)?.allSatisfy { $0 == .badge } == true)
        #expect(roles(of: "◐pair", in: frame, row: five) == nil, "pairing is only asked for in active stages")
    }

    @Test func headerShowsWIPAlertsAndTheFilter() {
        var s = TUI.state(TUI.longTitles(), width: 200, height: 30)
        var frame = View.render(s)
        #expect(frame.roleLines[0].allSatisfy { $0 == StyleRole.header.code || $0 == StyleRole.headerAlert.code })
        guard let alert = frame.find("Doing over WIP 3/2") else {
            Issue.record("no WIP alert in \(frame.lines[0])")
            return
        }
        #expect(frame[alert.x, 0].role == .headerAlert)
        #expect(frame.find("Doing 3/2 !") != nil)
        press(&s, named: "/")
        type(&s, "export")
        frame = View.render(s)
        #expect(frame.find("filter: export") != nil)
        #expect(frame.find("Doing 3/2 !") != nil, "stage counts: \(frame.lines[1])")
        press(&s, named: "esc")
        #expect(s.filter.isEmpty)
    }

    @Test func hostileTextIsShownAsPlaceholders() {
        for (name, s) in Screens.all(Size(120, 40)) + Screens.all(Size(40, 12)) {
            let frame = View.render(s)
            #expect(frame.unsafeCells.isEmpty, "\(name): \(frame.unsafeCells.prefix(3))")
        }
        let frame = View.render(TUI.state(TUI.hostile(), width: 120, height: 40))
        #expect(frame.find("␛]0;pwned␇") != nil)
        #expect(frame.find("�evil") != nil)
        #expect(frame.find("␛[2JBoard") != nil, "the board name in the header: \(frame.lines[0])")
    }

    /// An emoji sequence or a flag is drawn as its parts, so the terminal is never sent a joiner or
    /// a variation selector that it might count as wider or narrower than the frame does.
    @Test func emojiSequencesAreDrawnAsTheirParts() {
        var frame = Frame(width: 20, height: 1)
        #expect(frame.put("👩‍👩‍👧🏳️‍🌈🇫🇷|", x: 0, y: 0, role: .normal) == 12)
        #expect(frame.lines[0].hasPrefix("👩👩👧🏳🌈🇫🇷|"), "\(frame.lines[0])")
        let sent = frame.cells.flatMap { $0.text.unicodeScalars }
        #expect(
            !sent.contains {
                $0 == "\u{200D}" || (0xFE00...0xFE0F).contains($0.value) || (0x1F3FB...0x1F3FF).contains($0.value)
            })
    }

    @Test func footerHintsFitAndComeFromTheKeymap() {
        for size in Size.golden {
            let frame = View.render(TUI.state(TUI.squad(), width: size.width, height: size.height))
            let footer = frame.lines[size.height - 1]
            #expect(footer.hasPrefix(" n new"), "\(size): \(footer)")
        }
    }
}
