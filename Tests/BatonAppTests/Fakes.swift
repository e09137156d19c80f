import BatonApp
import BatonCore
import BatonTUI
import Foundation

/// A board kept in memory, applying actions with Core's own rules, and recording what the loop
/// asked of it. Another writer's change is staged with `otherWriter(_:)` and delivered by the
/// first look at the board made when the loop woke for `feedDescriptor`.
final class FakeBoardService: BoardService {
    var board: Board
    let path = "/fake/board.baton"
    var isReadOnly = false
    var isStillThere = true
    var isReachable = true
    /// What the loop asked for, in order (`apply #3`, `history`, `startStandup` ...).
    private(set) var calls: [String] = []
    /// The next apply fails with this error instead.
    var refuseNextSave: BatonError?
    /// Called as an apply starts, before anything is stored (to look at the screen then).
    var onApply: (() -> Void)?
    var rows: [Presence] = []
    var standup: Standup?
    private var seq = 100
    /// Another writer's change, read (as the store reads it) when the loop looks.
    private var pending: (events: [Event], change: Change)?
    /// The events the loop noted as this session's own.
    private(set) var ownEvents: [Event] = []
    /// The descriptor the fake feed says changed; never polled for real.
    let feedDescriptor: Int32 = 1_000

    init(board: Board) { self.board = board }

    /// Applies `action` as another member would, for the loop to find at its next wake-up.
    func otherWriter(_ action: Action, by actor: Actor) throws {
        let change = try board.apply(action, by: actor, at: Date())
        pending = (stored(change, by: actor), change)
    }

    func apply(_ action: Action, by actor: Actor) throws -> SavedChange {
        calls.append("apply")
        onApply?()
        if let refusal = refuseNextSave {
            refuseNextSave = nil
            throw refusal
        }
        let change = try board.apply(action, by: actor, at: Date())
        return SavedChange(
            slice: slice(change), items: change.touchedItems, events: stored(change, by: actor),
            warnings: change.warnings)
    }

    /// The board holding only the items `change` touched, as the store returns it.
    private func slice(_ change: Change) -> Board {
        var slice = board
        slice.items = board.items.filter { change.touchedItems.contains($0.key) }
        return slice
    }

    private func stored(_ change: Change, by actor: Actor) -> [Event] {
        change.events.map { draft in
            seq += 1
            return Event(seq: seq, at: Date(), account: actor.account, member: actor.member, change: draft)
        }
    }

    func detail(of item: ItemNumber) throws -> ItemDetail {
        calls.append("detail #\(item)")
        return ItemDetail(comments: [], events: [])
    }

    func history(since: Date?) throws -> [Event] {
        calls.append("history")
        return []
    }

    func flowSteps() throws -> [FlowStep] {
        calls.append("flowSteps")
        return []
    }

    func current(_ item: ItemNumber) throws -> Board? { board }

    var descriptors: [Int32] { [feedDescriptor] }
    func timeout(_ longest: Int32) -> Int32 { longest }

    func sawOwn(_ events: [Event]) { ownEvents += events }
    func changes(ready: [Int32]) throws -> ChangeSet? {
        guard ready.contains(feedDescriptor), let (events, change) = pending else { return nil }
        pending = nil
        return ChangeSet(events: events, slice: slice(change), items: change.touchedItems)
    }

    func startReadingHistory() {}
    func finishedHistory(ready: [Int32]) -> [FlowStep]? { nil }

    /// Called as a presence row is written (to look at the screen then).
    var onPresence: (() -> Void)?

    func updatePresence(_ row: Presence) throws {
        onPresence?()
        calls.append("presence")
        rows.removeAll { $0.session == row.session }
        rows.append(row)
    }

    func presence() throws -> [Presence] { rows }
    func removePresence(session: String) throws { rows.removeAll { $0.session == session } }

    func startStandup(
        facilitator: MemberID, participants: [MemberID], turnLength: TimeInterval, by actor: Actor,
        at now: Date
    ) throws -> Standup {
        calls.append("startStandup")
        let started = try Standup.start(
            id: 1, facilitator: facilitator, participants: participants, turnLength: turnLength, at: now)
        standup = started
        return started
    }

    func updateStandup(_ standup: Standup) throws { self.standup = standup }

    func endStandup(_ standup: Standup, at now: Date) throws -> StandupRecord {
        throw BatonError(.io, "Ending is not part of these tests.")
    }

    func runningStandup() throws -> Standup? { standup }
    func lastStandupEnd() throws -> Date? { nil }
}

/// A terminal that plays back a script of events, one batch per wait, and keeps every frame
/// drawn as text. When the script runs out the input ends.
final class RecordingTerminal: TerminalBackend {
    var script: [[TerminalEvent]]
    private(set) var frames: [[String]] = []
    let size: (width: Int, height: Int)
    let colours = 0
    private(set) var started = false, stopped = false
    /// Called before each batch is handed over (to stage another writer's change, say).
    var beforeBatch: [Int: () throws -> Void] = [:]
    private var batch = 0

    init(width: Int = 120, height: Int = 30, script: [[TerminalEvent]]) {
        size = (width, height)
        self.script = script
    }

    var screen: String { frames.last?.joined(separator: "\n") ?? "" }

    func start(mouse: Bool) throws { started = true }
    func stop() { stopped = true }
    func draw(_ frame: Frame, theme: Theme) { frames.append(frame.lines) }

    /// How many times the loop handed the terminal to another program.
    private(set) var handedOver = 0

    func runOutside<T>(_ body: () -> T) -> T {
        handedOver += 1
        return body()
    }

    /// The descriptors the loop waited on, one list per wait.
    private(set) var waitedFor: [[Int32]] = []

    func wait(for descriptors: [Int32], timeoutMilliseconds: Int32) -> [TerminalEvent] {
        waitedFor.append(descriptors)
        defer { batch += 1 }
        try? beforeBatch[batch]?()
        return script.isEmpty ? [.endOfInput] : script.removeFirst()
    }
}

/// Keys as terminal events: each character of `text`, then `extra`.
func keys(_ text: String, then extra: [Key] = []) -> [TerminalEvent] {
    text.map { TerminalEvent.key(.character($0)) } + extra.map(TerminalEvent.key)
}

/// Calls on the board held until the test releases them, as a worker a network away would.
final class HeldCalls: StoreCalls {
    private var held: [() -> [Msg]] = []
    private var done: [Msg] = []
    /// The descriptor that says calls finished; never polled for real.
    let descriptor: Int32 = 1_001

    func submit(_ call: @escaping () -> [Msg]) { held.append(call) }

    /// How many calls wait to be released.
    var waiting: Int { held.count }

    /// Runs every held call, as the worker would, for the loop to take at its next wake-up.
    func release() {
        for call in held { done += call() }
        held = []
    }

    func finished() -> [Msg] {
        defer { done = [] }
        return done
    }

    func waitUntilIdle() { release() }
}
