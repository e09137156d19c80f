import Foundation
import Testing

@testable import BatonCore

/// Hand-built boards and histories for the flow, outcome and balance tests: Backlog (1, queue),
/// Ready (2, queue), Doing (3, active), Done (4, done); day 0 is Monday 2026-01-05 00:00 UTC.
enum FlowFixture {
    static let t0 = Date(timeIntervalSince1970: 1_767_571_200)
    static let utc = TimeZone(identifier: "UTC")!
    static let backlog: StageID = 1, ready: StageID = 2, doing: StageID = 3, done: StageID = 4
    static let stages = [
        Stage(id: 1, name: "Backlog", role: .queue, position: 0),
        Stage(id: 2, name: "Ready", role: .queue, position: 1),
        Stage(id: 3, name: "Doing", role: .active, wipLimit: 5, position: 2),
        Stage(id: 4, name: "Done", role: .done, position: 3),
    ]
    static let members = [
        Member(id: 1, name: "Ana", handle: "ana", discipline: .business),
        Member(id: 2, name: "Bo", handle: "bo", discipline: .it),
        Member(id: 3, name: "Cy", handle: "cy", discipline: .it),
    ]

    static func at(_ day: Double) -> Date { t0.addingTimeInterval(day * 86_400) }

    static func board(_ items: [Item], outcomes: [Outcome] = []) -> Board {
        Board(
            name: "Squad", stages: stages, members: members, outcomes: outcomes,
            items: Dictionary(uniqueKeysWithValues: items.map { ($0.number, $0) }),
            nextItemNumber: (items.map(\.number).max() ?? 0) + 1)
    }

    static func item(
        _ number: ItemNumber, _ stage: StageID, since day: Double, created: Double = 0, archived: Bool = false,
        outcome: OutcomeID? = nil, owners: [MemberID] = [], involved: [MemberID] = [], blocked: Bool = false
    ) -> Item {
        Item(
            number: number, title: "Item \(number)", owners: owners, involved: involved, outcome: outcome,
            blocked: blocked ? Blocker(reason: "waiting", since: at(day), by: 1) : nil, stage: stage,
            position: number, archived: archived, createdBy: 1, createdAt: at(created), stageSince: at(day))
    }
}

/// An event stream written in the order things happened.
struct EventScript {
    private var entries: [(day: Double, draft: EventDraft)] = []

    init() {}

    /// The events in time order (stable for the same time), numbered from 1, as the store keeps them.
    var events: [Event] {
        entries.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.enumerated().map {
            Event(
                seq: $0.offset + 1, at: FlowFixture.at($0.element.element.day), account: "ana", member: 1,
                change: $0.element.element.draft)
        }
    }

    mutating func add(_ day: Double, _ draft: EventDraft) {
        entries.append((day, draft))
    }
    mutating func created(_ n: ItemNumber, in stage: StageID, day: Double) {
        add(day, EventDraft(.itemCreated, item: n, entity: .stage, entityID: stage, after: "Item \(n)"))
    }
    mutating func moved(_ n: ItemNumber, _ from: StageID, _ to: StageID, day: Double) {
        add(day, EventDraft(.itemMoved, item: n, field: "stage", before: String(from), after: String(to)))
    }
    mutating func archived(_ n: ItemNumber, in stage: StageID, day: Double) {
        add(day, EventDraft(.itemArchived, item: n, entity: .stage, entityID: stage))
    }
    mutating func restored(_ n: ItemNumber, in stage: StageID, day: Double) {
        add(day, EventDraft(.itemRestored, item: n, entity: .stage, entityID: stage))
    }
    mutating func blocked(_ n: ItemNumber, day: Double) {
        add(day, EventDraft(.itemBlocked, item: n, field: "blocked", after: "waiting"))
    }
    mutating func unblocked(_ n: ItemNumber, day: Double) {
        add(day, EventDraft(.itemUnblocked, item: n, field: "blocked", before: "waiting"))
    }
}

@Suite("Flow: ages, cycle time, throughput, cumulative flow")
struct FlowTests {
    typealias F = FlowFixture
    let day: TimeInterval = 86_400

    /// #1 straight through; #2 back out of Done and in again; #3 done then archived; #4 back out of
    /// Done and still in Doing; #5 from Backlog straight to Done; #6 blocked on the way; #7 waiting.
    static func scenario() -> (Board, [Event]) {
        let board = F.board([
            F.item(1, F.done, since: 4), F.item(2, F.done, since: 8), F.item(3, F.done, since: 1, archived: true),
            F.item(4, F.doing, since: 4), F.item(5, F.done, since: 2), F.item(6, F.done, since: 5),
            F.item(7, F.backlog, since: 0),
        ])
        return (board, scenarioHistory().events)
    }

    static func scenarioHistory() -> EventScript {
        var h = EventScript()
        for n in 1...7 { h.created(n, in: n == 3 || n == 6 ? F.doing : F.backlog, day: 0) }
        h.moved(1, F.backlog, F.doing, day: 1)
        h.moved(1, F.doing, F.done, day: 4)
        h.moved(2, F.backlog, F.doing, day: 2)
        h.moved(2, F.doing, F.done, day: 3)
        h.moved(2, F.done, F.doing, day: 5)
        h.moved(2, F.doing, F.done, day: 8)
        h.moved(3, F.doing, F.done, day: 1)
        h.archived(3, in: F.done, day: 3)
        h.moved(4, F.backlog, F.doing, day: 1)
        h.moved(4, F.doing, F.done, day: 3)
        h.moved(4, F.done, F.doing, day: 4)
        h.moved(5, F.backlog, F.done, day: 2)
        h.blocked(6, day: 1)
        h.unblocked(6, day: 2)
        h.moved(6, F.doing, F.done, day: 5)
        return h
    }

    @Test func agesPerStageFlagOldItemsAndSkipArchivedOnes() {
        let board = F.board([
            F.item(1, F.backlog, since: 0), F.item(2, F.backlog, since: 10),
            F.item(3, F.doing, since: 2, blocked: true),
            F.item(4, F.doing, since: 9), F.item(5, F.doing, since: 0, archived: true), F.item(6, F.done, since: 0),
        ])
        let now = F.at(20)
        let ages = Flow.ages(board: board, now: now)
        #expect(ages.map(\.stage.id) == [1, 2, 3, 4])
        #expect(ages.map(\.open) == [2, 0, 2, 1])
        #expect(ages[0].limit == 14 * day && ages[0].over.map(\.number) == [1])
        #expect(ages[2].over.map(\.number) == [3, 4], "oldest first; blocking does not stop the clock")
        #expect(ages[2].over.first?.blocked == true && ages[2].over.first?.age == 18 * day)
        #expect(ages[3].limit == nil && ages[3].over.isEmpty && ages[3].oldest?.number == 6)
        #expect(ages[1].oldest == nil)
        let strict = Flow.ages(
            board: board, now: now, limits: AgeLimits(queue: nil, active: 15 * day, perStage: [1: 5 * day]))
        #expect(strict[0].over.map(\.number) == [1, 2])
        #expect(strict[2].over.map(\.number) == [3])
        #expect(Flow.age(of: board.items[4]!, now: now) == 11 * day)
        #expect(Flow.age(of: board.items[4]!, now: F.at(1)) == 0, "never negative")
        #expect(Flow.isOverAge(board.items[4]!, in: F.stages[2], now: now))
        #expect(!Flow.isOverAge(board.items[6]!, in: F.stages[3], now: now))
    }

    @Test func completionsCountTheLastEntryIntoDoneAndTheFirstIntoActive() {
        let (board, events) = Self.scenario()
        let completions = Flow.completions(board: board, events: events)
        #expect(completions.map(\.number) == [3, 5, 1, 6, 2], "by finishing time; #4 went back to Doing")
        let byNumber = Dictionary(uniqueKeysWithValues: completions.map { ($0.number, $0) })
        #expect(byNumber[1]?.cycleTime == 3 * day)
        #expect(
            byNumber[2]?.finished == F.at(8) && byNumber[2]?.cycleTime == 6 * day, "moved backwards: last entry counts")
        #expect(byNumber[3]?.cycleTime == 1 * day, "archived, but its finished cycle counts")
        #expect(byNumber[5]?.started == nil && byNumber[5]?.cycleTime == nil, "never active: no cycle time")
        #expect(byNumber[6]?.cycleTime == 5 * day, "blocked time is part of the cycle")
        let summary = Flow.cycleTimes(completions, since: F.at(0), until: F.at(30))
        #expect(summary.count == 4)
        #expect(summary.median == 4 * day)
        #expect(summary.percentile85 == 6 * day)
        #expect(summary.longest == 6 * day)
        #expect(Flow.cycleTimes(completions, since: F.at(4.5), until: F.at(30)).count == 2)
    }

    @Test func cycleTimeSummaryUsesNearestRank() {
        let s = CycleTimeSummary([5, 1, 3, 2, 4, 6, 7, 8, 9, 10, 11])
        #expect(s.count == 11 && s.median == 6 && s.percentile85 == 10)
        #expect(CycleTimeSummary([]).median == nil && CycleTimeSummary([]).percentile85 == nil)
        #expect(CycleTimeSummary([7]).median == 7 && CycleTimeSummary([7]).percentile85 == 7)
    }

    @Test func throughputPerISOWeek() {
        let (board, events) = Self.scenario()
        let window = FlowWindow(now: F.at(15.5), weeks: 3, timeZone: F.utc)
        #expect(window.weekLabels == ["2026-W02", "2026-W03", "2026-W04"])
        #expect(window.weekMondays.map(\.description) == ["2026-01-05", "2026-01-12", "2026-01-19"])
        let weeks = Flow.throughput(Flow.completions(board: board, events: events), window: window)
        #expect(weeks.map(\.count) == [4, 1, 0], "#3 #5 #1 #6 in the week of day 0, #2 on day 8")
        #expect(weeks.map(\.week) == window.weekLabels)
    }

    @Test func cumulativeFlowReplaysCreatedMovedArchivedAndRestored() {
        var (board, _) = Self.scenario()
        var h = Self.scenarioHistory()
        h.restored(3, in: F.done, day: 8.2)
        let events = h.events
        board.items[3]?.archived = false
        let window = FlowWindow(now: F.at(8.5), weeks: 2, timeZone: F.utc)
        #expect(
            window.days.count == 14 && window.days.first?.description == "2025-12-31"
                && window.days.last?.description == "2026-01-13")
        let cfd = Flow.cumulativeFlow(board: board, events: events, window: window)
        #expect(cfd.stages.map(\.name) == ["Backlog", "Ready", "Doing", "Done"])
        #expect(cfd.days == window.days)
        let byDay = Dictionary(uniqueKeysWithValues: zip(cfd.days.map(\.description), cfd.counts))
        #expect(byDay["2026-01-04"] == [0, 0, 0, 0], "before anything was created")
        #expect(byDay["2026-01-05"] == [5, 0, 2, 0])  // day 0
        #expect(byDay["2026-01-06"] == [3, 0, 3, 1])  // day 1: #1 #4 into Doing, #3 done, #6 blocked
        #expect(byDay["2026-01-07"] == [1, 0, 4, 2])  // day 2: #2 into Doing, #5 done, #6 unblocked
        #expect(byDay["2026-01-08"] == [1, 0, 2, 3])  // day 3: #2 #4 done, #3 archived
        #expect(byDay["2026-01-09"] == [1, 0, 2, 3])  // day 4: #1 done, #4 back to Doing
        #expect(byDay["2026-01-10"] == [1, 0, 2, 3])  // day 5: #2 back to Doing, #6 done
        #expect(byDay["2026-01-13"] == [1, 0, 1, 5])  // day 8: #2 done again, #3 restored
        #expect(cfd.maxTotal == 7)
    }

    @Test func itemsWithoutACreationEventStartWhereTheHistorySaysTheyWere() {
        var h = EventScript()
        h.moved(1, F.ready, F.doing, day: 3)
        let board = F.board([
            F.item(1, F.doing, since: 3), F.item(2, F.backlog, since: 0), F.item(3, F.done, since: 0, archived: true),
        ])
        let window = FlowWindow(now: F.at(4.5), weeks: 1, timeZone: F.utc)
        let cfd = Flow.cumulativeFlow(board: board, events: h.events, window: window)
        #expect(cfd.counts[4] == [1, 1, 0, 0], "day 2: #1 in Ready, #2 in Backlog, archived #3 left out")
        #expect(cfd.counts[6] == [1, 0, 1, 0])
        #expect(Flow.completions(board: board, events: h.events).map(\.number) == [3])
    }

    @Test func removedStagesCountNowhere() {
        var h = EventScript()
        h.created(1, in: 9, day: 0)
        h.moved(1, 9, F.doing, day: 2)
        let board = F.board([F.item(1, F.doing, since: 2)])
        let cfd = Flow.cumulativeFlow(
            board: board, events: h.events, window: FlowWindow(now: F.at(3.5), weeks: 1, timeZone: F.utc))
        #expect(cfd.counts[4] == [0, 0, 0, 0] && cfd.counts[5] == [0, 0, 1, 0])
    }

    @Test func reportBundlesEverythingFromOnePass() {
        let (board, events) = Self.scenario()
        let window = FlowWindow(now: F.at(15.5), weeks: 3, timeZone: F.utc)
        let report = Flow.report(board: board, events: events, window: window)
        #expect(report.completions == Flow.completions(board: board, events: events))
        #expect(report.cumulativeFlow == Flow.cumulativeFlow(board: board, events: events, window: window))
        #expect(report.cycleTime.count == 4)
        #expect(report.throughput.map(\.count) == [4, 1, 0])
        #expect(report.ages[0].over.map(\.number) == [7])
    }

    @Test func backDatedEventsAreSortedIntoPlace() {
        let (board, events) = Self.scenario()
        // The same changes recorded in reverse order, as back-dated changes would be.
        let shuffled = events.reversed().enumerated().map {
            Event(seq: $0.offset + 1, at: $0.element.at, account: "ana", member: 1, change: $0.element.change)
        }
        let window = FlowWindow(now: F.at(8.5), weeks: 2, timeZone: F.utc)
        #expect(
            Flow.cumulativeFlow(board: board, events: shuffled, window: window)
                == Flow.cumulativeFlow(board: board, events: events, window: window))
        #expect(Flow.completions(board: board, events: shuffled) == Flow.completions(board: board, events: events))
    }

    @Test func windowFollowsLocalDaysAcrossDaylightSaving() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        // 2026-03-30 12:00 in Berlin (summer time since 2026-03-29).
        let now = Date(timeIntervalSince1970: 1_774_864_800)
        let window = FlowWindow(now: now, weeks: 1, timeZone: berlin)
        #expect(
            window.days.map(\.description) == [
                "2026-03-24", "2026-03-25", "2026-03-26", "2026-03-27",
                "2026-03-28", "2026-03-29", "2026-03-30",
            ])
        #expect(window.dayEnds[4].timeIntervalSince(window.dayEnds[3]) == 86_400)
        #expect(window.dayEnds[5].timeIntervalSince(window.dayEnds[4]) == 23 * 3600, "the short day")
        #expect(window.weekLabels == ["2026-W14"])
    }
}

@Suite("Flow diagram")
struct FlowDiagramTests {
    typealias F = FlowFixture

    static func cfd() -> CumulativeFlow {
        var h = FlowTests.scenarioHistory()
        h.restored(3, in: F.done, day: 8.2)
        var (board, _) = FlowTests.scenario()
        board.items[3]?.archived = false
        return Flow.cumulativeFlow(
            board: board, events: h.events, window: FlowWindow(now: F.at(8.5), weeks: 2, timeZone: F.utc))
    }

    /// Six days with every band showing.
    static func handMade() -> CumulativeFlow {
        CumulativeFlow(
            stages: F.stages, days: (5...10).map { Day(year: 2026, month: 1, day: $0)! },
            counts: [[4, 0, 0, 0], [3, 1, 0, 0], [2, 1, 1, 0], [2, 1, 1, 1], [3, 0, 2, 2], [1, 2, 1, 4]])
    }

    @Test func wideDiagram() {
        let lines = FlowDiagram.render(Self.handMade(), width: 40, height: 12)
        #expect(
            lines == [
                "8┤                                ██████",
                " │                          ██████▓▓▓▓▓▓",
                " │                          ██████▓▓▓▓▓▓",
                " │                   █████████████▒▒▒▒▒▒",
                "4┤                   █████████████▒▒▒▒▒▒",
                " │██████████████████████████▒▒▒▒▒▒░░░░░░",
                " │███████████████████▓▓▓▓▓▓▓▒▒▒▒▒▒░░░░░░",
                " │█████████████▓▓▓▓▓▓▒▒▒▒▒▒▒░░░░░░░░░░░░",
                " │███████▓▓▓▓▓▓▒▒▒▒▒▒░░░░░░░░░░░░░░░░░░░",
                "0└──────────────────────────────────────",
                "  01-05           01-07            01-10",
                "█ Backlog  ▓ Ready  ▒ Doing  ░ Done",
            ])
    }

    @Test func narrowDiagramSqueezesDays() {
        let lines = FlowDiagram.render(Self.cfd(), width: 14, height: 8)
        #expect(
            lines == [
                "7┤     ██    █",
                " │     █▒████▒",
                " │     █▒▒▒▒▒░",
                "4┤     ▒▒░░░░░",
                " │     ▒░░░░░░",
                " │     ░░░░░░░",
                "0└────────────",
                "  12-31  01-13",
            ], "the legend does not fit beside a useful plot, so it is left out")
    }

    @Test func cellsCarryTheirBandForColouring() {
        let grid = FlowDiagram.grid(Self.handMade(), width: 40, height: 12)
        #expect(grid.rows.count == 12 && grid.rows.allSatisfy { $0.count == 40 })
        #expect(grid.plotRows == 0..<9 && grid.plotColumns == 2..<40)
        let bottomRight = grid.rows[8][39]
        #expect(bottomRight.character == "░" && bottomRight.band == 3, "Done is the bottom band")
        #expect(grid.rows[0][39].band == 0, "Backlog is the top band")
        #expect(grid.rows[0][2].band == nil && grid.rows[0][1].band == nil, "blank and axis cells have no band")
        let legend = grid.rows[11]
        #expect(legend[0].band == 0 && legend[11].band == 1 && legend[2].band == nil)
        for row in grid.rows[grid.plotRows] {
            for cell in row[grid.plotColumns] {
                if let band = cell.band { #expect(cell.character == FlowDiagram.bandCharacters[band]) }
            }
        }
    }

    @Test func awkwardSizesAndEmptyData() {
        #expect(FlowDiagram.render(Self.handMade(), width: 2, height: 12).isEmpty)
        #expect(FlowDiagram.render(Self.handMade(), width: 40, height: 2).isEmpty)
        let empty = CumulativeFlow(stages: F.stages, days: [], counts: [])
        let lines = FlowDiagram.render(empty, width: 12, height: 4)
        #expect(lines == ["0┤", " │", "0└──────────", ""], "\(lines)")
        let hostile = CumulativeFlow(
            stages: [Stage(id: 1, name: "Do\u{1B}[31ming", role: .active, position: 0)],
            days: [Day(year: 2026, month: 1, day: 5)!], counts: [[2]])
        let text = FlowDiagram.render(hostile, width: 20, height: 6).joined()
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B }, "stage names are sanitised")
    }
}
