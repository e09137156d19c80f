import Foundation

/// The days and ISO weeks that flow figures cover: the last `weeks` weeks up to `now`, in a
/// time zone passed in. Built once (a few hundred calendar steps); lookups are binary searches.
public struct FlowWindow: Equatable, Sendable {
    public let now: Date
    public let weeks: Int
    public let timeZone: TimeZone
    /// The `7 * weeks` local days ending today, oldest first.
    public let days: [Day]
    /// The end of each day (the start of the next); for today, `now`.
    public let dayEnds: [Date]
    /// The start of the first day.
    public let start: Date
    /// The Monday 00:00 of each of the last `weeks` ISO weeks (the current week last).
    public let weekStarts: [Date]
    public let weekMondays: [Day]
    /// `2026-W07` for each week.
    public let weekLabels: [String]

    /// The window of the last `weeks` weeks (at least 1) ending at `now`, days as in `timeZone`.
    public init(now: Date, weeks: Int, timeZone: TimeZone) {
        let weeks = max(1, weeks)
        self.now = now
        self.weeks = weeks
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        let today = calendar.startOfDay(for: now)
        let count = weeks * 7
        let starts = (0..<count).map { calendar.date(byAdding: .day, value: $0 - count + 1, to: today) ?? today }
        days = starts.map { FlowWindow.day($0, calendar) }
        dayEnds = Array(starts.dropFirst()) + [now]
        start = starts[0]
        let monday = calendar.dateInterval(of: .weekOfYear, for: now)?.start ?? today
        weekStarts = (0..<weeks).map {
            calendar.date(byAdding: .weekOfYear, value: $0 - weeks + 1, to: monday) ?? monday
        }
        weekMondays = weekStarts.map { FlowWindow.day($0, calendar) }
        weekLabels = weekStarts.map { date in
            let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
            let week = parts.weekOfYear ?? 0
            return "\(parts.yearForWeekOfYear ?? 0)-W\(week < 10 ? "0" : "")\(week)"
        }
    }

    /// The local day `date` falls on, in the window's time zone.
    public func day(of date: Date) -> Day {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        return FlowWindow.day(date, calendar)
    }

    /// The index of the window's week that holds `date`, or `nil` outside the window.
    func weekIndex(of date: Date) -> Int? {
        guard let first = weekStarts.first, date >= first, date <= now else { return nil }
        var low = 0, high = weekStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if weekStarts[mid] <= date { low = mid } else { high = mid - 1 }
        }
        return low
    }

    static func day(_ date: Date, _ calendar: Calendar) -> Day {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? Day(
            year: 1970, month: 1, day: 1)!
    }
}

/// Items per stage at the end of each day: the data of a cumulative flow diagram.
public struct CumulativeFlow: Equatable, Sendable {
    /// One band per stage, in board order (left to right).
    public var stages: [Stage]
    /// The days, oldest first.
    public var days: [Day]
    /// `counts[day][stage]`: open items in `stages[stage]` at the end of `days[day]`.
    public var counts: [[Int]]

    public init(stages: [Stage], days: [Day], counts: [[Int]]) {
        self.stages = stages
        self.days = days
        self.counts = counts
    }

    /// The largest number of open items on any day.
    public var maxTotal: Int { counts.map { $0.reduce(0, +) }.max() ?? 0 }
}

/// Replays item events once: where each item is, its first entry into an active stage, its last
/// entry into a done stage, and (with a window) the items per stage at each day's end.
struct FlowReplay {
    struct Place {
        var stage: StageID
        var archived: Bool
    }

    let board: Board
    let roles: [StageID: StageRole]
    let band: [StageID: Int]
    let window: FlowWindow?
    var places: [ItemNumber: Place] = [:]
    var firstActive: [ItemNumber: Date] = [:]
    var lastDone: [ItemNumber: Date] = [:]
    var counts: [Int]
    var snapshots: [[Int]] = []

    init(board: Board, window: FlowWindow?) {
        self.board = board
        self.window = window
        roles = Dictionary(board.stages.map { ($0.id, $0.role) }, uniquingKeysWith: { a, _ in a })
        band = Dictionary(board.stages.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        counts = Array(repeating: 0, count: board.stages.count)
        snapshots.reserveCapacity(window?.days.count ?? 0)
    }

    /// Replays `steps`, which are in time order (as `FlowStep.steps(from:)` gives them).
    mutating func run(_ steps: [FlowStep]) {
        seed(steps)
        for step in steps {
            let number = step.item
            snapshot(upTo: step.at)
            switch step.kind {
            case .created:
                guard places[number] == nil, let stage = step.stage ?? board.items[number]?.stage else { continue }
                places[number] = Place(stage: stage, archived: false)
                add(stage, 1)
                entered(number, stage, at: step.at)
            case .moved:
                guard let to = step.stage, var place = places[number] else { continue }
                if !place.archived {
                    add(place.stage, -1)
                    add(to, 1)
                }
                place.stage = to
                places[number] = place
                entered(number, to, at: step.at)
            case .archived, .restored:
                let archived = step.kind == .archived
                guard var place = places[number], place.archived != archived else { continue }
                add(place.stage, archived ? -1 : 1)
                place.archived = archived
                places[number] = place
            }
        }
        snapshot(upTo: .distantFuture)
    }

    /// Items the history does not show being created start where their first move says they
    /// were, or where the board has them now (archived ones stay out of the counts).
    private mutating func seed(_ steps: [FlowStep]) {
        var created = Set<ItemNumber>()
        var firstMove: [ItemNumber: StageID] = [:]
        var mentioned = Set<ItemNumber>()
        for step in steps {
            mentioned.insert(step.item)
            if step.kind == .created {
                created.insert(step.item)
            } else if step.kind == .moved, !created.contains(step.item), firstMove[step.item] == nil,
                let from = step.from
            {
                firstMove[step.item] = from
            }
        }
        for (number, stage) in firstMove {
            places[number] = Place(stage: stage, archived: false)
            add(stage, 1)
        }
        for item in board.items.values where !created.contains(item.number) && firstMove[item.number] == nil {
            let archived = item.archived && !mentioned.contains(item.number)
            places[item.number] = Place(stage: item.stage, archived: archived)
            if !archived { add(item.stage, 1) }
        }
    }

    private mutating func add(_ stage: StageID, _ delta: Int) {
        if let index = band[stage] { counts[index] += delta }
    }

    private mutating func entered(_ number: ItemNumber, _ stage: StageID, at time: Date) {
        switch roles[stage] {
        case .active?: if firstActive[number] == nil { firstActive[number] = time }
        case .done?: lastDone[number] = time
        default: break
        }
    }

    /// Records the counts of every day that ended before `time`.
    private mutating func snapshot(upTo time: Date) {
        guard let window else { return }
        while snapshots.count < window.dayEnds.count, time >= window.dayEnds[snapshots.count] {
            snapshots.append(counts)
        }
    }

    /// Finished items: those in a done stage on the board now.
    func completions() -> [Completion] {
        var result: [Completion] = []
        for item in board.items.values where roles[item.stage] == .done {
            let finished = lastDone[item.number] ?? item.stageSince
            let started = firstActive[item.number].flatMap { $0 <= finished ? $0 : nil }
            result.append(Completion(number: item.number, started: started, finished: finished))
        }
        return result.sorted { ($0.finished, $0.number) < ($1.finished, $1.number) }
    }

    func cumulativeFlow() -> CumulativeFlow {
        CumulativeFlow(stages: board.stages, days: window?.days ?? [], counts: snapshots)
    }
}
