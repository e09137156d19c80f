import Foundation

/// A number per stage, in board order.
public struct StageCount: Equatable, Sendable {
    public var stage: StageID
    public var count: Int

    public init(stage: StageID, count: Int) {
        self.stage = stage
        self.count = count
    }
}

/// The figures of one outcome: progress, trend, time left, linked work and finished work.
public struct OutcomeStats: Equatable, Sendable {
    public var outcome: Outcome
    /// `Outcome.progress`: 0...1 from baseline to target.
    public var progress: Double
    /// The recorded values, oldest first (for a sparkline).
    public var trend: [Double]
    /// Calendar days from today to the target date: 0 on the day, negative when overdue; `nil`
    /// without a target date.
    public var daysLeft: Int?
    /// Open linked items per stage, every stage of the board in order (zeros included).
    public var openPerStage: [StageCount]
    /// Linked items that entered a done stage in the last 7 and 30 days (and are still done).
    public var finishedLast7Days: Int
    public var finishedLast30Days: Int

    /// All open linked items.
    public var openItems: Int { openPerStage.reduce(0) { $0 + $1.count } }

    /// Whether the target date has passed without the target being reached.
    public var isOverdue: Bool { (daysLeft ?? 0) < 0 && progress < 1 }

    /// The figures of every outcome of the board, in board order, at `now` (days as in `timeZone`).
    /// `completions` come from `Flow.completions` or `FlowReport.completions`. Linear in items
    /// and completions.
    public static func compute(board: Board, completions: [Completion], now: Date, timeZone: TimeZone) -> [OutcomeStats]
    {
        let stageIndex = Dictionary(
            board.stages.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var perStage: [OutcomeID: [Int]] = [:]
        for item in board.items.values where !item.archived {
            guard let outcome = item.outcome, let index = stageIndex[item.stage] else { continue }
            perStage[outcome, default: Array(repeating: 0, count: board.stages.count)][index] += 1
        }
        var last7: [OutcomeID: Int] = [:], last30: [OutcomeID: Int] = [:]
        let week = now.addingTimeInterval(-7 * 86_400), month = now.addingTimeInterval(-30 * 86_400)
        for completion in completions where completion.finished > month && completion.finished <= now {
            guard let outcome = board.items[completion.number]?.outcome else { continue }
            last30[outcome, default: 0] += 1
            if completion.finished > week { last7[outcome, default: 0] += 1 }
        }
        let today = CivilDays.day(of: now, in: timeZone)
        return board.outcomes.map { outcome in
            let counts = perStage[outcome.id] ?? Array(repeating: 0, count: board.stages.count)
            return OutcomeStats(
                outcome: outcome, progress: outcome.progress, trend: outcome.history.map(\.value),
                daysLeft: outcome.targetDate.map { CivilDays.number($0) - today },
                openPerStage: zip(board.stages, counts).map { StageCount(stage: $0.id, count: $1) },
                finishedLast7Days: last7[outcome.id] ?? 0, finishedLast30Days: last30[outcome.id] ?? 0)
        }
    }

    /// The last `width` values as a sparkline of `▁▂▃▄▅▆▇█`, scaled from their lowest to their
    /// highest; a flat series is drawn at mid height; fewer than two values give an empty string.
    public static func sparkline(_ values: [Double], width: Int = 16) -> String {
        let recent = values.suffix(max(0, width))
        guard recent.count > 1, let low = recent.min(), let high = recent.max(), low.isFinite, high.isFinite else {
            return ""
        }
        let bars = Array("▁▂▃▄▅▆▇█")
        return String(recent.map { high == low ? bars[3] : bars[Int((($0 - low) / (high - low) * 7).rounded())] })
    }

    /// "12 days left", "due today", "overdue by 3 days", or `nil` without a target date.
    public var timeLeftText: String? {
        guard let days = daysLeft else { return nil }
        if days == 0 { return "due today" }
        let unit = abs(days) == 1 ? "day" : "days"
        return days > 0 ? "\(days) \(unit) left" : "overdue by \(-days) \(unit)"
    }
}

/// Days counted from 1970-01-01, without a calendar object.
enum CivilDays {
    /// The day number of a date (days since 1970-01-01).
    static func number(_ day: Day) -> Int {
        let y = day.month <= 2 ? day.year - 1 : day.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (day.month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The local day number of `date` in `timeZone`.
    static func day(of date: Date, in timeZone: TimeZone) -> Int {
        let local = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        return Int((local / 86_400).rounded(.down))
    }
}
