import BatonCore
import Foundation
import Testing

@testable import BatonTUI

/// Golden frames of the flow, balance and outcomes screens and of the board with swimlanes,
/// each at 120×40 and 80×24.
@Suite("insight golden frames")
struct InsightGoldenTests {
    static let sizes = [Size(120, 40), Size(80, 24)]
    static let recorded = TUI.history()

    /// `key` pressed on the recorded board, with its history loaded.
    static func opened(_ key: String, _ size: Size) -> AppState {
        var s = TUI.state(recorded, width: size.width, height: size.height)
        press(&s, named: key)
        _ = App.update(&s, .flowStepsLoaded(FlowStep.steps(from: recorded.events)))
        return s
    }

    @Test(arguments: sizes)
    func flow(size: Size) {
        let s = Self.opened("F", size)
        #expect(Set(s.insights.flow!.cumulativeFlow.counts.last!.filter { $0 > 0 }).count >= 3, "several bands")
        let frame = View.render(s)
        #expect(frame.find("Cumulative flow") != nil)
        #expect(frame.wideProblems.isEmpty)
        assertGolden(frame, named: "flow-\(size)")
    }

    /// The flow screen scrolled to its end, where throughput, cycle time and ages are.
    @Test(arguments: sizes)
    func flowScrolledToTheEnd(size: Size) {
        var s = Self.opened("F", size)
        press(&s, named: "G")
        let frame = View.render(s)
        #expect(frame.find("Age in stage") != nil)
        assertGolden(frame, named: "flow-end-\(size)")
    }

    @Test(arguments: sizes)
    func balance(size: Size) {
        var s = TUI.state(TUI.squad(), width: size.width, height: size.height)
        press(&s, named: "B")
        _ = App.update(&s, .flowStepsLoaded(FlowStep.steps(from: [])))
        press(&s, named: "j")
        let frame = View.render(s)
        #expect(frame.find("▸ #12") != nil)
        #expect(frame.wideProblems.isEmpty)
        assertGolden(frame, named: "balance-\(size)")
    }

    /// The balance of the recorded board: more gaps, an overloaded member, unlinked work.
    @Test(arguments: sizes)
    func balanceWithManyGaps(size: Size) {
        let s = Self.opened("B", size)
        assertGolden(View.render(s), named: "balance-history-\(size)")
    }

    @Test(arguments: sizes)
    func outcomesWithHistory(size: Size) {
        var s = Self.opened("O", size)
        press(&s, named: "j")
        let frame = View.render(s)
        #expect(frame.find("finished") != nil)
        #expect(frame.wideProblems.isEmpty)
        assertGolden(frame, named: "outcomes-history-\(size)")
    }

    @Test(arguments: sizes)
    func lanesByOutcome(size: Size) {
        var s = TUI.state(TUI.squad(), width: size.width, height: size.height)
        press(&s, named: "l", "l", "v")
        let frame = View.render(s)
        #expect(frame.find("─ ⚡ Expedite") != nil)
        #expect(frame.wideProblems.isEmpty)
        assertGolden(frame, named: "lanes-outcome-\(size)")
    }

    @Test(arguments: sizes)
    func lanesByKind(size: Size) {
        var s = TUI.state(TUI.squad(), width: size.width, height: size.height)
        press(&s, named: "l", "l", "v", "v")
        let frame = View.render(s)
        #expect(frame.find("─ Concern") != nil)
        #expect(frame.wideProblems.isEmpty)
        assertGolden(frame, named: "lanes-kind-\(size)")
    }

    /// Lanes on the recorded board, where more items share a column.
    @Test(arguments: sizes)
    func lanesByOutcomeOnABusierBoard(size: Size) {
        var s = TUI.state(Self.recorded, width: size.width, height: size.height)
        press(&s, named: "v")
        assertGolden(View.render(s), named: "lanes-outcome-history-\(size)")
    }
}
