import Foundation

/// How long an open item may stay in a stage before it deserves attention, by stage role,
/// with optional per-stage overrides. `nil` means no limit.
public struct AgeLimits: Equatable, Sendable {
    public var queue: TimeInterval?
    public var active: TimeInterval?
    public var done: TimeInterval?
    /// Limits for particular stages, which win over the role's limit.
    public var perStage: [StageID: TimeInterval]

    /// Defaults: 14 days in a queue stage, 5 days in an active stage, no limit in a done stage.
    public init(
        queue: TimeInterval? = 14 * 86_400, active: TimeInterval? = 5 * 86_400, done: TimeInterval? = nil,
        perStage: [StageID: TimeInterval] = [:]
    ) {
        self.queue = queue
        self.active = active
        self.done = done
        self.perStage = perStage
    }

    /// The limit that applies to `stage`, or `nil` when items may stay there as long as they like.
    public func limit(for stage: Stage) -> TimeInterval? {
        if let own = perStage[stage.id] { return own }
        switch stage.role {
        case .queue: return queue
        case .active: return active
        case .done: return done
        }
    }
}

/// How long one open item has been in its current stage.
public struct ItemAge: Equatable, Sendable {
    public var number: ItemNumber
    public var stage: StageID
    /// When it entered the stage (`Item.stageSince`).
    public var since: Date
    /// Seconds since it entered the stage (never negative).
    public var age: TimeInterval
    public var blocked: Bool
}

/// The open items of one stage that are older than the stage's limit, oldest first.
public struct StageAges: Equatable, Sendable {
    public var stage: Stage
    public var limit: TimeInterval?
    /// Open (not archived) items in the stage.
    public var open: Int
    /// Open items past the limit, oldest first (ties by number); empty when there is no limit.
    public var over: [ItemAge]
    /// The oldest open item in the stage, if any.
    public var oldest: ItemAge?
}

/// A finished item: it last entered a done stage at `finished` and is still in a done stage.
public struct Completion: Equatable, Sendable {
    public var number: ItemNumber
    /// Its first entry into an active stage; `nil` when it never was in one.
    public var started: Date?
    /// Its last entry into a done stage.
    public var finished: Date
    /// `finished - started`, or `nil` without a start.
    public var cycleTime: TimeInterval? { started.map { finished.timeIntervalSince($0) } }
}

/// Median and 85th percentile of cycle times (nearest-rank for the percentile).
public struct CycleTimeSummary: Equatable, Sendable {
    /// Finished items with a cycle time.
    public var count: Int
    public var median: TimeInterval?
    public var percentile85: TimeInterval?
    public var longest: TimeInterval?

    /// Summarises `durations` (any order).
    public init(_ durations: [TimeInterval]) {
        let sorted = durations.sorted()
        count = sorted.count
        guard !sorted.isEmpty else {
            median = nil
            percentile85 = nil
            longest = nil
            return
        }
        let mid = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        let rank = Int((0.85 * Double(sorted.count)).rounded(.up))
        percentile85 = sorted[max(0, min(sorted.count - 1, rank - 1))]
        longest = sorted.last
    }
}

/// How many items were finished in one ISO week.
public struct WeekThroughput: Equatable, Sendable {
    /// ISO 8601 week, such as `2026-W07`.
    public var week: String
    /// Its Monday.
    public var monday: Day
    public var count: Int
}

/// Every flow figure of a board for one window, from one pass over the history.
public struct FlowReport: Equatable, Sendable {
    public var window: FlowWindow
    /// Per stage, left to right.
    public var ages: [StageAges]
    /// Every finished item over the whole history, by finishing time.
    public var completions: [Completion]
    /// Cycle times of the items finished within the window.
    public var cycleTime: CycleTimeSummary
    /// One entry per week of `window.weeks`, oldest first.
    public var throughput: [WeekThroughput]
    public var cumulativeFlow: CumulativeFlow
}

/// Flow metrics: pure functions over a board, its history and a moment passed in.
///
/// Stage roles are those of the board now; moves into stages that were removed since count as
/// neither active nor done. Every function reads the events once and is linear in their number.
public enum Flow {
    /// Seconds the item has been in its current stage at `now` (never negative).
    public static func age(of item: Item, now: Date) -> TimeInterval {
        max(0, now.timeIntervalSince(item.stageSince))
    }

    /// Whether the item is older than its stage's limit at `now`.
    public static func isOverAge(_ item: Item, in stage: Stage, now: Date, limits: AgeLimits = AgeLimits()) -> Bool {
        guard let limit = limits.limit(for: stage) else { return false }
        return age(of: item, now: now) > limit
    }

    /// The ages of the open items per stage, left to right, with those past the limit. Blocked
    /// items keep ageing; archived items are left out.
    public static func ages(board: Board, now: Date, limits: AgeLimits = AgeLimits()) -> [StageAges] {
        var perStage: [StageID: [ItemAge]] = [:]
        for item in board.items.values where !item.archived {
            perStage[item.stage, default: []].append(
                ItemAge(
                    number: item.number, stage: item.stage, since: item.stageSince,
                    age: age(of: item, now: now), blocked: item.blocked != nil))
        }
        return board.stages.map { stage in
            let all = (perStage[stage.id] ?? []).sorted { ($0.age, $1.number) > ($1.age, $0.number) }
            let limit = limits.limit(for: stage)
            let over = limit.map { l in all.filter { $0.age > l } } ?? []
            return StageAges(stage: stage, limit: limit, open: all.count, over: over, oldest: all.first)
        }
    }

    /// Every finished item: in a done stage now, finished at its last entry into a done stage,
    /// started at its first entry into an active stage. Archived items count when they are in a
    /// done stage; items moved back out of done do not count until they enter one again.
    public static func completions(board: Board, events: [Event]) -> [Completion] {
        completions(board: board, steps: FlowStep.steps(from: events))
    }

    /// `completions(board:events:)` from flow steps in time order.
    public static func completions(board: Board, steps: [FlowStep]) -> [Completion] {
        var replay = FlowReplay(board: board, window: nil)
        replay.run(steps)
        return replay.completions()
    }

    /// Items finished per ISO week for the weeks of `window`, oldest week first.
    public static func throughput(_ completions: [Completion], window: FlowWindow) -> [WeekThroughput] {
        var counts = Array(repeating: 0, count: window.weekStarts.count)
        for completion in completions {
            if let index = window.weekIndex(of: completion.finished) { counts[index] += 1 }
        }
        return counts.indices.map {
            WeekThroughput(week: window.weekLabels[$0], monday: window.weekMondays[$0], count: counts[$0])
        }
    }

    /// Cycle times of the items finished from `since` up to `until`.
    public static func cycleTimes(_ completions: [Completion], since: Date, until: Date) -> CycleTimeSummary {
        CycleTimeSummary(completions.compactMap { $0.finished >= since && $0.finished <= until ? $0.cycleTime : nil })
    }

    /// Items per stage at the end of each day of the window (today: at `now`).
    public static func cumulativeFlow(board: Board, events: [Event], window: FlowWindow) -> CumulativeFlow {
        var replay = FlowReplay(board: board, window: window)
        replay.run(FlowStep.steps(from: events))
        return replay.cumulativeFlow()
    }

    /// Ages, completions, cycle time, throughput and cumulative flow in one pass over `events`.
    public static func report(board: Board, events: [Event], window: FlowWindow, limits: AgeLimits = AgeLimits())
        -> FlowReport
    {
        report(board: board, steps: FlowStep.steps(from: events), window: window, limits: limits)
    }

    /// `report(board:events:window:limits:)` from flow steps in time order.
    public static func report(board: Board, steps: [FlowStep], window: FlowWindow, limits: AgeLimits = AgeLimits())
        -> FlowReport
    {
        var replay = FlowReplay(board: board, window: window)
        replay.run(steps)
        let completions = replay.completions()
        return FlowReport(
            window: window, ages: ages(board: board, now: window.now, limits: limits),
            completions: completions,
            cycleTime: cycleTimes(completions, since: window.start, until: window.now),
            throughput: throughput(completions, window: window),
            cumulativeFlow: replay.cumulativeFlow())
    }
}
