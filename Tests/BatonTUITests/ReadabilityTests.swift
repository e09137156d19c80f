import BatonCore
import Foundation
import Testing

@testable import BatonTUI

/// What a person must be able to read at common sizes: alerts, errors, what they type.
@Suite("Readability")
struct ReadabilityTests {
    @Test func readOnlyIsVisibleEvenInANarrowTerminal() {
        for size in Size.golden {
            let frame = View.render(TUI.state(TUI.squad(), width: size.width, height: size.height, readOnly: true))
            #expect(frame.lines[0].contains("READ-ONLY"), "\(size): \(frame.lines[0])")
        }
    }

    @Test func wipAlertIsNotPushedOffByALongBoardName() {
        let frame = View.render(TUI.state(TUI.longTitles(), width: 80, height: 24))
        #expect(frame.lines[0].contains("over WIP"), "header: \(frame.lines[0])")
    }

    @Test func headerNeverShowsACutNumber() {
        for size in Size.golden {
            let header = View.render(TUI.state(TUI.squad(), width: size.width, height: size.height)).lines[0]
            if header.contains("· 1") { #expect(header.contains("16 item"), "\(size): '\(header)' reads as 1 item") }
        }
    }

    @Test func stageTitleKeepsItsCountWhenTheNameIsLong() {
        let frame = View.render(TUI.state(TUI.longTitles(), width: 80, height: 24))
        guard let at = frame.find("Ready for") else {
            Issue.record("Ready stage not drawn")
            return
        }
        let title = frame.lines[1]
        #expect(
            title.range(of: "Ready for[^│]* 1", options: .regularExpression) != nil,
            "stage title row: \(title); column starts at \(at.x)")
    }

    @Test func overdueDateIsNotDroppedFromACard() {
        let s = TUI.state(TUI.squad(), width: 80, height: 24)
        let frame = View.render(s)
        guard let at = frame.find("#11 ") else {
            Issue.record("#11 not drawn")
            return
        }
        let rows = (at.y..<(at.y + 4)).map { frame.lines[$0] }
        #expect(
            rows.contains { $0.contains("06-01") }, "#11 is overdue since 2026-06-01 but its card says nothing: \(rows)"
        )
    }

    @Test func moreIndicatorDoesNotOverwriteACard() {
        let frame = View.render(TUI.state(TUI.squad(), width: 40, height: 12))
        #expect(
            !frame.allText.contains("12↓"),
            "the ↓N marker is drawn over the age of the last card:\n\(frame.lines.joined(separator: "\n"))")
    }

    @Test func outcomeRangeIsReadableAt80Columns() {
        var s = TUI.state(TUI.squad())
        press(&s, named: "O")
        let frame = View.render(s)
        #expect(frame.find("from 10 to 3") != nil, "\(frame.lines[2...4])")
    }

    @Test func promptTextIsVisibleWhenTheLabelIsLong() {
        var s = TUI.state(TUI.squad(), width: 40, height: 12)
        press(&s, named: "D")
        type(&s, "2026")
        var frame = View.render(s)
        #expect(frame.find("2026") != nil, "the due-date prompt at 40 columns: '\(frame.lines[10])'")
        press(&s, named: "esc", "/")
        type(&s, "bank")
        frame = View.render(s)
        #expect(frame.find("bank") != nil, "the filter prompt at 40 columns: '\(frame.lines[10])'")
    }

    @Test func helpIsReadableAt40Columns() {
        var s = TUI.state(TUI.squad(), width: 40, height: 12)
        press(&s, named: "?")
        let frame = View.render(s)
        #expect(frame.find("Select the stage to the left") != nil, "\(frame.lines.joined(separator: "\n"))")
    }

    @Test func helpKeyIsHintedAt80Columns() {
        let footer = View.render(TUI.state(TUI.squad())).lines[23]
        #expect(footer.contains("? help"), "footer: \(footer)")
    }

    @Test func detailWrapsLongNotes() {
        var b = TUI.squad()
        let words =
            "The onboarding letter must explain the three steps, the documents needed and whom to call when stuck"
        TUI.apply(.editItem(1, ItemPatch(notes: words)), &b)
        var s = TUI.state(b, width: 60, height: 30)
        press(&s, named: "enter")
        let frame = View.render(s)
        #expect(
            frame.find("whom to call when stuck") != nil,
            "long notes are cut at the right edge:\n\(frame.lines.joined(separator: "\n"))")
    }
}
