import Foundation

/// Identifier of a stand-up, stable for the life of the board.
public typealias StandupID = Int

/// One participant's turn in a stand-up: who speaks, since when, and for how long.
public struct StandupTurn: Codable, Equatable, Sendable {
    public var speaker: MemberID
    /// When the speaker first got the baton; `nil` while they have not spoken yet.
    public var startedAt: Date?
    /// Time spoken with the baton, pauses left out; the stretch still running is not included
    /// (`Standup.spoken(_:at:)` includes it).
    public var duration: TimeInterval
    /// How far `duration` went past the stand-up's turn length.
    public var overtime: TimeInterval

    public init(speaker: MemberID, startedAt: Date? = nil, duration: TimeInterval = 0, overtime: TimeInterval = 0) {
        self.speaker = speaker
        self.startedAt = startedAt
        self.duration = duration
        self.overtime = overtime
    }
}

/// How a running turn stands against its length, for drawing the timer bar.
public enum TurnPhase: String, Codable, Sendable {
    /// Plenty of time left.
    case onTime
    /// The last few seconds (`Standup.warningLead(for:)`).
    case nearEnd
    /// Past the turn length; overtime is counting.
    case overtime
}

/// A stand-up: who facilitates, the speakers in order, each turn's time, and who holds the baton.
///
/// A pure value: every rule takes the time from its caller (`at:`), so it can be driven by an
/// injected clock. One participant holds the baton at a time (`current`); passing it closes the
/// running stretch of the speaker before and opens one for the next. Going back to someone who
/// already spoke adds to their turn. Pausing stops the clock of the current turn.
public struct Standup: Codable, Equatable, Sendable {
    /// The default length of a turn: 90 seconds.
    public static let defaultTurnLength: TimeInterval = 90

    public var id: StandupID
    public var startedAt: Date
    /// When it ended; `nil` while it runs.
    public var endedAt: Date?
    /// The member who runs it (who started it, unless someone took over).
    public var facilitator: MemberID
    /// How long each turn should take.
    public var turnLength: TimeInterval
    /// One turn per participant, in speaking order.
    public var turns: [StandupTurn]
    /// The index in `turns` of who holds the baton; `nil` once the last speaker has passed it on.
    public var current: Int?
    /// True while the facilitator has stopped the clock.
    public var isPaused: Bool
    /// When the current speaker's running stretch began; `nil` while paused or when nobody speaks.
    public var runningSince: Date?
    /// Free text the facilitator adds, usually at the end.
    public var notes: String

    public init(
        id: StandupID, startedAt: Date, endedAt: Date? = nil, facilitator: MemberID,
        turnLength: TimeInterval = Standup.defaultTurnLength, turns: [StandupTurn], current: Int?,
        isPaused: Bool = false, runningSince: Date?, notes: String = ""
    ) {
        self.id = id
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.facilitator = facilitator
        self.turnLength = turnLength
        self.turns = turns
        self.current = current
        self.isPaused = isPaused
        self.runningSince = runningSince
        self.notes = notes
    }

    /// Starts a stand-up at `now` with the baton at the first of `participants`.
    ///
    /// Throws when there are no participants, someone is listed twice, or the turn length is not
    /// between 5 seconds and an hour.
    public static func start(
        id: StandupID, facilitator: MemberID, participants: [MemberID],
        turnLength: TimeInterval = defaultTurnLength, at now: Date
    ) throws -> Standup {
        guard !participants.isEmpty else {
            throw BatonError.data("A stand-up needs at least one participant; choose who takes part.")
        }
        guard Set(participants).count == participants.count else {
            throw BatonError.data("Someone is listed twice among the stand-up's participants; list each member once.")
        }
        guard turnLength >= 5, turnLength <= 3600 else {
            throw BatonError.data("A turn must last between 5 seconds and an hour, not \(Int(turnLength)) seconds.")
        }
        var turns = participants.map { StandupTurn(speaker: $0) }
        turns[0].startedAt = now
        return Standup(
            id: id, startedAt: now, facilitator: facilitator, turnLength: turnLength, turns: turns,
            current: 0, runningSince: now)
    }

    // MARK: Reading the clock

    /// True until the stand-up has ended.
    public var isRunning: Bool { endedAt == nil }
    /// The participants in speaking order.
    public var participants: [MemberID] { turns.map(\.speaker) }
    /// The member holding the baton, if anyone.
    public var speaker: MemberID? { current.map { turns[$0].speaker } }
    /// True once the last speaker has passed the baton on: everyone has had their turn.
    public var isRoundOver: Bool { isRunning && current == nil }

    /// How long the turn at `index` has lasted by `now`, including the stretch still running.
    public func spoken(_ index: Int, at now: Date) -> TimeInterval {
        guard turns.indices.contains(index) else { return 0 }
        var total = turns[index].duration
        if index == current, let since = runningSince { total += max(0, now.timeIntervalSince(since)) }
        return total
    }

    /// How long the current turn has lasted by `now`; 0 when nobody holds the baton.
    public func elapsed(at now: Date) -> TimeInterval { current.map { spoken($0, at: now) } ?? 0 }
    /// How far the current turn has run past its length at `now`.
    public func overtime(at now: Date) -> TimeInterval { max(0, elapsed(at: now) - turnLength) }
    /// The share of the turn length used at `now`, from 0 to 1, for the timer bar.
    public func progress(at now: Date) -> Double { min(1, max(0, elapsed(at: now) / turnLength)) }

    /// How many seconds before the end a turn counts as near its end: 15, or a quarter of a short turn.
    public static func warningLead(for turnLength: TimeInterval) -> TimeInterval { min(15, turnLength / 4) }

    /// Where the current turn stands at `now`.
    public func phase(at now: Date) -> TurnPhase {
        let elapsed = elapsed(at: now)
        if elapsed > turnLength { return .overtime }
        return turnLength - elapsed <= Standup.warningLead(for: turnLength) ? .nearEnd : .onTime
    }

    /// How long the stand-up has lasted by `now` (or lasted, once ended).
    public func duration(at now: Date) -> TimeInterval {
        max(0, (endedAt ?? now).timeIntervalSince(startedAt))
    }

    // MARK: Passing the baton

    /// Gives the baton to the turn at `index` (`nil`: to nobody, the round is over) at `now`.
    ///
    /// The speaker before keeps what they spoke; the new speaker's clock runs from `now`, even when
    /// the stand-up was paused (passing the baton resumes it). Returns false, changing nothing, when
    /// the stand-up has ended, `index` is out of range, or already holds the baton.
    @discardableResult
    public mutating func pass(to index: Int?, at now: Date) -> Bool {
        guard isRunning, index != current, index.map(turns.indices.contains) ?? true else { return false }
        closeStretch(at: now)
        current = index
        isPaused = false
        if let index {
            if turns[index].startedAt == nil { turns[index].startedAt = now }
            runningSince = now
        }
        return true
    }

    /// Passes the baton to the next speaker; after the last one, to nobody (the round is over).
    @discardableResult
    public mutating func next(at now: Date) -> Bool {
        guard let current else { return false }
        return pass(to: current + 1 < turns.count ? current + 1 : nil, at: now)
    }

    /// Gives the baton back to the speaker before; once the round is over, to the last speaker.
    @discardableResult
    public mutating func previous(at now: Date) -> Bool {
        guard let current else { return pass(to: turns.count - 1, at: now) }
        return current > 0 ? pass(to: current - 1, at: now) : false
    }

    /// Stops the current turn's clock at `now`.
    @discardableResult
    public mutating func pause(at now: Date) -> Bool {
        guard isRunning, !isPaused else { return false }
        closeStretch(at: now)
        isPaused = true
        return true
    }

    /// Starts the current turn's clock again at `now`.
    @discardableResult
    public mutating func resume(at now: Date) -> Bool {
        guard isRunning, isPaused else { return false }
        isPaused = false
        if current != nil { runningSince = now }
        return true
    }

    /// Pauses a running clock or resumes a paused one.
    @discardableResult
    public mutating func togglePause(at now: Date) -> Bool {
        isPaused ? resume(at: now) : pause(at: now)
    }

    /// Ends the stand-up at `now`, closing the running turn; `notes` replace the notes when given.
    public mutating func end(at now: Date, notes: String? = nil) {
        guard isRunning else { return }
        closeStretch(at: now)
        current = nil
        isPaused = false
        endedAt = max(now, startedAt)
        if let notes { self.notes = notes }
    }

    /// Adds the running stretch to the current turn and stops it.
    private mutating func closeStretch(at now: Date) {
        if let current, let since = runningSince {
            turns[current].duration += max(0, now.timeIntervalSince(since))
            turns[current].overtime = max(0, turns[current].duration - turnLength)
        }
        runningSince = nil
    }
}
