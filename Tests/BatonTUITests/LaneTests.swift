import BatonCore
import Testing

@testable import BatonTUI

/// Swimlanes: each stage's cards grouped by outcome or kind, expedite always on top.
@Suite("lanes")
struct LaneTests {
    let board = TUI.squad()

    @Test func vCyclesThroughTheLaneModes() {
        var s = TUI.state(board)
        #expect(s.lanes == .none)
        press(&s, named: "v")
        #expect(s.lanes == .outcome)
        press(&s, named: "v")
        #expect(s.lanes == .kind)
        press(&s, named: "v")
        #expect(s.lanes == .none)
    }

    @Test func byOutcomeTheExpediteLaneComesFirstThenOutcomesThenNone() {
        var s = TUI.state(board)
        press(&s, named: "v")
        // Doing: #9 (outcome 1), #10 (expedite), #11 (outcome 2), #12 (no outcome).
        #expect(s.columns[TUI.doing] == [10, 9, 11, 12])
        #expect(s.lane(of: board.items[10]!)?.title == "⚡ Expedite")
        #expect(s.lane(of: board.items[12]!)?.title == "No outcome")
    }

    @Test func byKindFollowsTheKindOrder() {
        var s = TUI.state(board)
        press(&s, named: "v", "v")
        // Ready: #5 work, #6 opportunity, #7 concern, #8 limitation.
        #expect(s.columns[TUI.ready] == [5, 6, 7, 8])
        #expect(s.lane(of: board.items[7]!)?.title == "Concern")
    }

    @Test func laneHeadersAreDrawnAboveTheirFirstCard() {
        var s = TUI.state(board, width: 120, height: 40)
        press(&s, named: "v")
        let frame = View.render(s)
        #expect(frame.find("─ ⚡ Expedite") != nil)
        #expect(frame.find("─ →1 Onboarding") != nil)
        #expect(frame.find("─ No outcome") != nil)
    }

    @Test func theSelectionStaysVisibleWithLaneHeaders() {
        var s = TUI.state(board, width: 80, height: 12)
        press(&s, named: "v", "l", "l", "G")
        let frame = View.render(s)
        let selected = s.currentItem!.number
        #expect(frame.find("#\(selected)") != nil, "\(frame.lines.joined(separator: "\n"))")
    }

    @Test func aChangedItemIsReinsertedInItsLane() {
        var s = TUI.state(board)
        press(&s, named: "v")
        var changed = s.board
        changed.items[12]!.outcome = 1
        _ = App.update(&s, .changedElsewhere(slice: changed, events: [], items: [12]))
        #expect(s.columns[TUI.doing] == [10, 9, 12, 11], "#12 now serves outcome 1 and sits in its lane")
    }
}

/// Lanes are rows across the stages: one header for the whole board, cards of a lane side by side.
@Suite("aligned lanes")
struct AlignedLaneTests {
    let board = TUI.squad()

    @Test func aLaneIsOneBandAcrossAllStages() {
        var s = TUI.state(board, width: 120, height: 40)
        press(&s, named: "v")
        let frame = View.render(s)
        let header = frame.lines.firstIndex { $0.hasPrefix("── →1 Onboarding") }
        #expect(header != nil, "\(frame.lines.joined(separator: "\n"))")
        guard let header else { return }
        #expect(!frame.lines[header].contains("│"), "the lane header spans the columns")
        // #1 (Backlog), #5 (Ready) and #9 (Doing) all serve outcome 1: their cards start on the row after the header.
        for number in [1, 5, 9] {
            #expect(frame.find("#\(number) ")?.y == header + 1, "#\(number) is not at the top of its lane")
        }
    }

    @Test func scrollingDownReachesTheLastLaneAndKeepsTheSelectionVisible() {
        var s = TUI.state(board, width: 80, height: 16)
        press(&s, named: "v", "G")
        let frame = View.render(s)
        let selected = s.currentItem!.number
        #expect(frame.find("#\(selected) ") != nil, "\(frame.lines.joined(separator: "\n"))")
        #expect(s.laneScroll > 0)
        press(&s, named: "g")
        #expect(View.render(s).find("#\(s.currentItem!.number) ") != nil)
    }

    @Test func aClickSelectsTheCardUnderItInItsLane() {
        var s = TUI.state(board, width: 120, height: 40)
        press(&s, named: "v")
        let frame = View.render(s)
        guard let at = frame.find("#9 ") else {
            Issue.record("#9 not drawn")
            return
        }
        _ = press(&s, .click(x: at.x + 2, y: at.y + 1))
        #expect(s.currentItem?.number == 9)
    }
}
