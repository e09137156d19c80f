import BatonCore
import Foundation

/// `report flow --format json`: durations in days (two decimals), days as `YYYY-MM-DD`.
struct FlowJSON: Encodable {
    struct ItemAgeJSON: Encodable {
        var item: Int
        var title: String
        var since: Date
        var ageDays: Double?
        var blocked: Bool
    }
    struct StageAgesJSON: Encodable {
        var stage: String
        var role: StageRole
        var open: Int
        var limitDays: Double?
        var overLimit: [ItemAgeJSON]
    }
    struct CycleJSON: Encodable {
        var finished: Int
        var medianDays: Double?
        var percentile85Days: Double?
        var longestDays: Double?
    }
    struct WeekJSON: Encodable {
        var week: String
        var monday: Day
        var finished: Int
    }
    struct DayJSON: Encodable {
        var day: Day
        /// Aligned with `stages`.
        var counts: [Int]
    }
    struct FlowDataJSON: Encodable {
        var stages: [String]
        var days: [DayJSON]
    }

    var board: String
    var at: Date
    var weeks: Int
    var from: Day
    var to: Day
    var ages: [StageAgesJSON]
    var cycleTime: CycleJSON
    var throughput: [WeekJSON]
    var cumulativeFlow: FlowDataJSON

    init(_ report: FlowReport, board: Board) {
        let window = report.window
        self.board = board.name
        at = window.now
        weeks = window.weeks
        from = window.days.first!
        to = window.days.last!
        ages = report.ages.map { ages in
            StageAgesJSON(
                stage: ages.stage.name, role: ages.stage.role, open: ages.open,
                limitDays: ReportText.jsonDays(ages.limit),
                overLimit: ages.over.map {
                    ItemAgeJSON(
                        item: $0.number, title: board.items[$0.number]?.title ?? "", since: $0.since,
                        ageDays: ReportText.jsonDays($0.age), blocked: $0.blocked)
                })
        }
        let cycle = report.cycleTime
        cycleTime = CycleJSON(
            finished: cycle.count, medianDays: ReportText.jsonDays(cycle.median),
            percentile85Days: ReportText.jsonDays(cycle.percentile85),
            longestDays: ReportText.jsonDays(cycle.longest))
        throughput = report.throughput.map { WeekJSON(week: $0.week, monday: $0.monday, finished: $0.count) }
        let cfd = report.cumulativeFlow
        cumulativeFlow = FlowDataJSON(
            stages: cfd.stages.map(\.name),
            days: zip(cfd.days, cfd.counts).map { DayJSON(day: $0, counts: $1) })
    }
}

/// `report outcomes --format json`.
struct OutcomesJSON: Encodable {
    struct StageOpenJSON: Encodable {
        var stage: String
        var open: Int
    }
    struct OutcomeJSON: Encodable {
        var id: Int
        var title: String
        var metric: String
        var unit: String
        var baseline: Double
        var target: Double
        var current: Double
        var progress: Double
        var trend: [Double]
        var targetDate: Day?
        /// Negative when overdue.
        var daysLeft: Int?
        var items: [StageOpenJSON]
        var finishedLast7Days: Int
        var finishedLast30Days: Int
    }
    struct UnlinkedJSON: Encodable {
        var stage: String
        var items: [Int]
    }

    var board: String
    var outcomes: [OutcomeJSON]
    var unlinkedActiveWork: [UnlinkedJSON]

    init(_ stats: [OutcomeStats], balance: Balance, board: Board) {
        self.board = board.name
        outcomes = stats.map { s in
            let goal = s.outcome
            return OutcomeJSON(
                id: goal.id, title: goal.title, metric: goal.metric, unit: goal.unit, baseline: goal.baseline,
                target: goal.target, current: goal.current, progress: (s.progress * 10_000).rounded() / 10_000,
                trend: s.trend, targetDate: goal.targetDate, daysLeft: s.daysLeft,
                items: s.openPerStage.map { StageOpenJSON(stage: board.stage($0.stage)?.name ?? "", open: $0.count) },
                finishedLast7Days: s.finishedLast7Days, finishedLast30Days: s.finishedLast30Days)
        }
        unlinkedActiveWork = balance.unlinked.map {
            UnlinkedJSON(stage: board.stage($0.stage)?.name ?? "", items: $0.items)
        }
    }
}
