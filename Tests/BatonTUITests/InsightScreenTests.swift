import BatonCore
import Foundation
import Testing

@testable import BatonTUI

/// The outcomes, flow and balance screens in `update`: loading the history, computing the
/// figures, keeping them current, and the keys of each screen; lanes and the new filters.
@Suite("insight screens")
struct InsightScreenTests {
    let squad = TUI.squad()

    // MARK: Opening and the history

    @Test(arguments: [("F", AppScreen.flow), ("B", .balance), ("O", .outcomes)])
    func eachScreenOpensAndAsksForTheHistoryWhileItIsMissing(key: String, screen: AppScreen) {
        var s = TUI.state(squad)
        #expect(press(&s, named: key) == [.loadFlowSteps])
        #expect(s.screen == screen)
        #expect(
            s.insights.balance != nil && s.insights.flow != nil,
            "the figures are computed on opening, before the history comes")
        // Not answered yet: opening again does not ask twice; after a failed read it asks again.
        press(&s, named: "esc")
        #expect(press(&s, named: key) == [])
        _ = App.update(&s, .readFailed(BatonError(.io, "The history could not be read.")))
        press(&s, named: "esc")
        #expect(press(&s, named: key) == [.loadFlowSteps])
        _ = App.update(&s, .flowStepsLoaded(FlowStep.steps(from: [])))
        #expect(s.flowSteps == [])
        press(&s, named: "esc")
        #expect(press(&s, named: key) == [], "the history is loaded once; later changes arrive as events")
        #expect(s.screen == screen)
    }

    @Test func switchingBetweenTheScreensKeepsTheLoadedHistory() {
        var s = TUI.state(squad)
        press(&s, named: "F")
        _ = App.update(&s, .flowStepsLoaded(FlowStep.steps(from: [])))
        #expect(press(&s, named: "B") == [])
        #expect(press(&s, named: "O") == [])
        #expect(s.screen == .outcomes && s.flowSteps == [])
    }

    @Test func theLoadedHistoryFillsTheFlowFigures() {
        let recorded = TUI.history()
        var s = TUI.state(recorded)
        press(&s, named: "F")
        let before = s.insights.flow!
        #expect(before.cycleTime.count == 0, "without the history no item has a known start")
        #expect(FlowView.lines(s).first?.first?.text == "Reading the history…")

        _ = App.update(&s, .flowStepsLoaded(FlowStep.steps(from: recorded.events)))
        #expect(s.flowSteps == FlowStep.steps(from: recorded.events))
        let flow = s.insights.flow!
        let finished = TUI.finished(recorded.events, on: recorded.board)
        #expect(finished.count >= 8, "the fixture finishes items over several weeks")
        #expect(flow.throughput.count == Insights.weeks)
        #expect(flow.throughput.map(\.count).reduce(0, +) == finished.count)
        #expect(flow.throughput.filter { $0.count > 0 }.count >= 4, "finishes spread over several weeks")
        #expect(flow.cycleTime.count == finished.count)
        #expect(Set(flow.completions.map(\.number)) == finished)
        // The diagram grows: fewer items at the start of the window than now.
        let totals = flow.cumulativeFlow.counts.map { $0.reduce(0, +) }
        #expect(totals.count == Insights.weeks * 7)
        #expect(totals.first! < totals.last!)
        #expect(totals.last == recorded.board.items.values.filter { !$0.archived }.count)
        #expect(FlowView.lines(s).first?.first?.text == "Cumulative flow, last 8 weeks")
    }

    @Test func theOutcomeFiguresCountFinishedLinkedItems() {
        let recorded = TUI.history()
        var s = TUI.state(recorded)
        press(&s, named: "O")
        _ = App.update(&s, .flowStepsLoaded(FlowStep.steps(from: recorded.events)))
        let finished = TUI.finished(recorded.events, on: recorded.board)
        let finishedAt = Dictionary(uniqueKeysWithValues: s.insights.flow!.completions.map { ($0.number, $0.finished) })
        for stats in s.insights.outcomes {
            let mine = finished.filter { recorded.board.items[$0]?.outcome == stats.outcome.id }
            let in30 = mine.filter { finishedAt[$0]! > TUI.now.addingTimeInterval(-30 * TUI.day) }
            #expect(stats.finishedLast30Days == in30.count, "outcome \(stats.outcome.id)")
            #expect(stats.finishedLast7Days <= stats.finishedLast30Days)
        }
        #expect(
            s.insights.outcomes.map(\.finishedLast30Days).reduce(0, +) > 0,
            "the fixture finishes linked items within 30 days")
    }

    @Test func savedEventsAreAppendedOnceAndTheFlowIsRecomputed() {
        let recorded = TUI.history()
        var s = TUI.state(recorded)
        press(&s, named: "F")
        _ = App.update(&s, .flowStepsLoaded(FlowStep.steps(from: recorded.events)))
        let throughput = s.insights.flow!.throughput.map(\.count).reduce(0, +)
        let doing = recorded.board.items.values.filter { $0.stage == TUI.doing && !$0.archived }.map(\.number).min()!

        var next = recorded
        next.apply(.moveItem(doing, to: TUI.done), at: TUI.now.addingTimeInterval(-3600))
        let new = next.events(from: recorded.events.count + 1)
        #expect(new.count == 1)
        _ = App.update(&s, .saved(slice: next.board, items: [doing], events: new, warnings: []))
        let known = FlowStep.steps(from: recorded.events).count
        #expect(s.flowSteps?.count == known + 1)
        #expect(s.flowSteps?.last == FlowStep(new.last!))
        #expect(s.insights.flow!.throughput.map(\.count).reduce(0, +) == throughput + 1)
        #expect(s.insights.flow!.throughput.last!.count >= 1)

        // The same events again (a second notification of the same change) add nothing.
        _ = App.update(&s, .changedElsewhere(slice: next.board, events: new, items: [doing]))
        #expect(s.flowSteps?.count == known + 1)
        #expect(Set(s.flowSteps!.map(\.seq)).count == s.flowSteps!.count, "no sequence number twice")
        #expect(s.insights.flow!.throughput.map(\.count).reduce(0, +) == throughput + 1)
    }

    @Test func someoneElsesChangeWhileTheBalanceIsOpenUpdatesIt() {
        var s = TUI.state(squad)
        press(&s, named: "B")
        _ = App.update(&s, .flowStepsLoaded(FlowStep.steps(from: [])))
        #expect(s.insights.balance!.gaps.map(\.number) == [10, 12])
        var b = squad
        let events = TUI.events(.assign(12, TUI.dee, .owner), &b, by: TUI.asBo, seq: 500)
        _ = App.update(&s, .changedElsewhere(slice: b, events: events, items: [12]))
        #expect(s.insights.balance!.gaps.map(\.number) == [10], "#12 now has a business and an IT owner")
        #expect(s.flowSteps == [], "an assignment is not a flow step")
    }

    @Test func eventsBeforeTheHistoryIsLoadedAreNotKeptTwice() {
        var s = TUI.state(squad)
        press(&s, named: "F")
        var b = squad
        let events = TUI.events(.moveItem(9, to: TUI.done), &b, seq: 300)
        _ = App.update(&s, .saved(slice: b, items: [9], events: events, warnings: []))
        #expect(s.flowSteps == nil, "the loaded history will hold it")
        _ = App.update(&s, .flowStepsLoaded(FlowStep.steps(from: events)))
        #expect(s.flowSteps == FlowStep.steps(from: events))
    }

    @Test func figuresAreComputedAgainOnlyAfterAChangeOrAMinute() {
        var s = TUI.state(squad)
        press(&s, named: "B")
        _ = App.update(&s, .flowStepsLoaded([]))
        #expect(s.insights.balance != nil)
        press(&s, named: "esc")
        s.insights.balance = nil
        press(&s, named: "B")
        #expect(s.insights.balance == nil, "nothing changed: the figures of last time are shown")
        press(&s, named: "esc")
        var b = squad
        let events = TUI.events(.assign(12, TUI.dee, .owner), &b, by: TUI.asBo, seq: 500)
        _ = App.update(&s, .changedElsewhere(slice: b, events: events, items: [12]))
        #expect(s.insightsStale)
        press(&s, named: "B")
        #expect(s.insights.balance?.gaps.map(\.number) == [10], "the board changed: computed again")
        press(&s, named: "esc")
        s.insights.balance = nil
        _ = App.update(&s, .tick(s.now.addingTimeInterval(Insights.freshFor + 1)))
        press(&s, named: "B")
        #expect(s.insights.balance != nil, "a minute later ages have moved on: computed again")
    }

    // MARK: Balance keys

    @Test func jAndKMoveWithinThePairingGaps() {
        var s = TUI.state(squad)
        press(&s, named: "B")
        // Doing holds the only gaps: #10 (expedite, IT only) then #12 (IT only).
        #expect(s.insights.balance!.gaps.map(\.number) == [10, 12])
        #expect(s.gapIndex == 0)
        press(&s, named: "j")
        #expect(s.gapIndex == 1)
        press(&s, named: "j", "j", "G")
        #expect(s.gapIndex == 1, "stops at the last gap")
        press(&s, named: "k")
        #expect(s.gapIndex == 0)
        press(&s, named: "k", "up")
        #expect(s.gapIndex == 0, "stops at the first gap")
        let frame = View.render(s)
        #expect(frame.find("▸ #10") != nil)
    }

    @Test func enterOpensTheSelectedGapsItem() {
        var s = TUI.state(squad)
        press(&s, named: "B", "j")
        #expect(press(&s, named: "enter") == [.loadDetail(12)])
        #expect(s.screen == .detail(12))
    }

    @Test func aOpensTheOwnerPickerForTheSelectedGap() {
        var s = TUI.state(squad)
        press(&s, named: "B", "j")
        #expect(press(&s, named: "a") == [])
        #expect(
            s.picker?.purpose == .owner(12),
            "the balance screen's hint says a adds an owner; message: \(s.message?.text ?? "none")")
    }

    @Test func enterWithoutGapsDoesNothing() {
        var b = squad
        TUI.apply(.assign(10, TUI.ana, .owner), &b)
        TUI.apply(.assign(12, TUI.dee, .owner), &b)
        var s = TUI.state(b)
        press(&s, named: "B")
        #expect(s.insights.balance!.gaps.isEmpty)
        #expect(press(&s, named: "enter") == [])
        #expect(s.screen == .balance)
        #expect(View.render(s).find("none: every active item") != nil)
    }

    // MARK: Unlinked work

    @Test(arguments: ["O", "B"])
    func lShowsTheUnlinkedItemsOnTheBoard(screen: String) {
        var s = TUI.state(squad)
        press(&s, named: screen, "l")
        #expect(s.screen == .board)
        #expect(s.filter.query == "outcome:none active")
        #expect(s.columns[TUI.doing] == [10, 12])
        #expect(s.columns.values.joined().count == 2, "only the active items, as the screens count them")
        #expect(s.columns.values.joined().allSatisfy { squad.items[$0]!.outcome == nil })
        #expect(s.message?.text.contains("2 active items serve no outcome") == true)
        #expect(s.message?.text.contains("o to link") == true)
        press(&s, named: "esc")
        #expect(s.filter.isEmpty)
    }

    // MARK: Lanes

    @Test func lanesCycleAndKeepTheSelectionOnTheSameItem() {
        var s = TUI.state(squad)
        press(&s, named: "l", "l")
        while s.currentItem?.number != 11 { press(&s, named: "j") }
        #expect(s.columns[TUI.doing] == [10, 9, 11, 12])
        press(&s, named: "v")
        #expect(s.lanes == .outcome)
        #expect(s.currentItem?.number == 11)
        #expect(s.message?.text.contains("Lanes by outcome") == true)
        press(&s, named: "v")
        #expect(s.lanes == .kind)
        #expect(s.columns[TUI.doing] == [10, 9, 11, 12], "expedite, then work, opportunity, concern")
        #expect(s.currentItem?.number == 11)
        press(&s, named: "v")
        #expect(s.lanes == .none)
        #expect(s.currentItem?.number == 11)
        #expect(s.message?.text == "Lanes off.")
    }

    @Test func aLaneModeChangeFollowsAnItemThatMovesWithinItsColumn() {
        var s = TUI.state(squad)
        press(&s, named: "l", "l", "G")
        #expect(s.currentItem?.number == 12)
        press(&s, named: "v")
        // By outcome #12 (no outcome) stays last; by kind it is the concern lane, also last.
        #expect(s.currentItem?.number == 12)
        press(&s, named: "v")
        #expect(s.currentItem?.number == 12)
        #expect(View.render(s).find("#12") != nil)
    }

    // MARK: Filters

    static let filters: [(String, [StageID: [ItemNumber]])] = [
        ("outcome:none", [1: [2, 3, 4], 2: [6, 7, 8], 3: [10, 12], 4: [14, 15, 16]]),
        ("it", [1: [4], 2: [5, 6], 3: [10, 9, 11, 12], 4: [13, 14, 15]]),
        ("business", [1: [1, 2], 2: [5, 7], 3: [9, 11], 4: [13, 14]]),
        ("business it", [2: [5], 3: [9, 11], 4: [13, 14]]),
        ("it outcome:none", [1: [4], 2: [6], 3: [10, 12], 4: [14, 15]]),
        ("IT blocked", [3: [12]]),
    ]

    @Test(arguments: filters)
    func theFilterSelectsTheRightItems(query: String, expected: [StageID: [ItemNumber]]) {
        var s = TUI.state(squad)
        press(&s, named: "/")
        type(&s, query)
        press(&s, named: "enter")
        #expect(s.filter.query == query)
        #expect(s.columns.filter { !$0.value.isEmpty } == expected)
    }
}
