import Foundation
import Testing

@testable import BatonCore

@Suite("Outcome figures")
struct OutcomeStatsTests {
    typealias F = FlowFixture

    static let outcomes = [
        Outcome(
            id: 1, title: "Onboarding in 3 days", metric: "onboarding time", unit: "days", baseline: 10, target: 3,
            current: 7, targetDate: Day("2026-01-20"),
            history: [10, 9, 8, 7].enumerated().map {
                OutcomeValue(at: F.at(Double($0.offset)), value: $0.element, by: 1)
            }),
        Outcome(
            id: 2, title: "Checkout", metric: "conversion", unit: "%", baseline: 2, target: 3, current: 2,
            targetDate: Day("2026-01-25")),
        Outcome(
            id: 3, title: "Calls", metric: "calls", unit: "calls", baseline: 400, target: 100, current: 100,
            targetDate: Day("2026-01-01")),
        Outcome(
            id: 4, title: "Late", metric: "m", unit: "", baseline: 0, target: 10, current: 4,
            targetDate: Day("2026-01-01")),
    ]

    /// #1 finished 1.5 days ago, #2 10.5 days ago, #3 done then back in Doing, #4 finished and
    /// archived, #5 blocked in Backlog, #6 archived in Backlog, #7 finished but serves no outcome.
    static func scenario() -> (Board, [Event]) {
        var h = EventScript()
        for n in [1, 2, 3, 4] { h.created(n, in: F.doing, day: 0) }
        h.created(5, in: F.backlog, day: 0)
        h.created(6, in: F.backlog, day: 0)
        h.created(7, in: F.doing, day: 0)
        h.moved(1, F.doing, F.done, day: 14)
        h.moved(2, F.doing, F.done, day: 5)
        h.moved(3, F.doing, F.done, day: 12)
        h.moved(3, F.done, F.doing, day: 13)
        h.moved(4, F.doing, F.done, day: 14)
        h.archived(4, in: F.done, day: 15)
        h.blocked(5, day: 3)
        h.archived(6, in: F.backlog, day: 2)
        h.moved(7, F.doing, F.done, day: 14)
        let board = F.board(
            [
                F.item(1, F.done, since: 14, outcome: 1), F.item(2, F.done, since: 5, outcome: 1),
                F.item(3, F.doing, since: 13, outcome: 1), F.item(4, F.done, since: 14, archived: true, outcome: 2),
                F.item(5, F.backlog, since: 0, outcome: 1, blocked: true),
                F.item(6, F.backlog, since: 0, archived: true, outcome: 1),
                F.item(7, F.done, since: 14),
            ], outcomes: outcomes)
        return (board, h.events)
    }

    @Test func linkedAndFinishedItemsPerOutcome() {
        let (board, events) = Self.scenario()
        let now = F.at(15.5)
        let stats = OutcomeStats.compute(
            board: board, completions: Flow.completions(board: board, events: events), now: now, timeZone: F.utc)
        #expect(stats.map(\.outcome.id) == [1, 2, 3, 4])
        #expect(
            stats[0].openPerStage == [
                StageCount(stage: 1, count: 1), StageCount(stage: 2, count: 0),
                StageCount(stage: 3, count: 1), StageCount(stage: 4, count: 2),
            ],
            "blocked #5 counts, archived #6 does not, #3 is back in Doing")
        #expect(stats[0].openItems == 4)
        #expect(stats[0].finishedLast7Days == 1 && stats[0].finishedLast30Days == 2, "#3 went back: not finished")
        #expect(stats[1].openPerStage.allSatisfy { $0.count == 0 }, "archived #4 is not open")
        #expect(
            stats[1].finishedLast7Days == 1 && stats[1].finishedLast30Days == 1, "archived after finishing still counts"
        )
        #expect(stats[2].finishedLast30Days == 0 && stats[2].openItems == 0)
        let later = OutcomeStats.compute(
            board: board, completions: Flow.completions(board: board, events: events), now: F.at(40), timeZone: F.utc)
        #expect(later[0].finishedLast7Days == 0 && later[0].finishedLast30Days == 1)
    }

    @Test func progressTrendAndTimeLeft() {
        let (board, events) = Self.scenario()
        let stats = OutcomeStats.compute(
            board: board, completions: Flow.completions(board: board, events: events),
            now: F.at(15.5), timeZone: F.utc)
        #expect(abs(stats[0].progress - 3.0 / 7.0) < 1e-9)
        #expect(stats[0].trend == [10, 9, 8, 7] && stats[1].trend.isEmpty)
        #expect(stats.map(\.daysLeft) == [0, 5, -19, -19])
        #expect(stats.map(\.timeLeftText) == ["due today", "5 days left", "overdue by 19 days", "overdue by 19 days"])
        #expect(stats.map(\.isOverdue) == [false, false, false, true], "a reached target is not overdue")
        var noDate = board
        noDate.outcomes[0].targetDate = nil
        let none = OutcomeStats.compute(board: noDate, completions: [], now: F.at(15.5), timeZone: F.utc)
        #expect(none[0].daysLeft == nil && none[0].timeLeftText == nil)
    }

    @Test func daysLeftUseTheLocalDay() throws {
        let (board, _) = Self.scenario()
        let auckland = try #require(TimeZone(identifier: "Pacific/Auckland"))
        let lateUTC = F.at(15.98)  // 2026-01-20 23:31 UTC is already 2026-01-21 in Auckland
        #expect(OutcomeStats.compute(board: board, completions: [], now: lateUTC, timeZone: F.utc)[0].daysLeft == 0)
        let local = OutcomeStats.compute(board: board, completions: [], now: lateUTC, timeZone: auckland)[0]
        #expect(local.daysLeft == -1 && local.timeLeftText == "overdue by 1 day")
    }

    @Test func sparkline() {
        #expect(OutcomeStats.sparkline([10, 9, 8, 7]) == "█▆▃▁")
        #expect(OutcomeStats.sparkline([5, 5, 5]) == "▄▄▄")
        #expect(OutcomeStats.sparkline([1]) == "" && OutcomeStats.sparkline([]) == "")
        #expect(OutcomeStats.sparkline(Array(0..<30).map(Double.init), width: 8) == "▁▂▃▄▅▆▇█")
    }
}
