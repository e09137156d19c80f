import BatonApp
import BatonCore
import BatonStore
import BatonTUI
import BatonTerminal
import Foundation

/// The board file as the full-screen loop sees it: the store, its change feed, and the
/// history read in the background.
final class StoreService: BoardService {
    private let store: BoardStore
    private let feed: ChangeFeed
    private let historyReader = HistoryReader(pipe: EventLoop.wakePipe())

    /// A service over `store`, which from now on empties its WAL after each write (it stays open).
    init(store: BoardStore) throws {
        self.store = store
        store.emptiesWAL = true
        feed = try ChangeFeed(store: store)
    }

    var path: String { store.path }
    var isReadOnly: Bool { store.isReadOnly }
    var isStillThere: Bool { store.isFileStillThere }
    var isReachable: Bool { feed.isConnected && store.isReachable }

    func apply(_ action: Action, by actor: Actor) throws -> SavedChange {
        let applied = try store.apply(action, by: actor)
        return SavedChange(
            slice: applied.board, items: applied.change.touchedItems, events: applied.events,
            warnings: applied.change.warnings)
    }

    func detail(of item: ItemNumber) throws -> ItemDetail {
        ItemDetail(comments: try store.comments(on: item), events: try store.events(item: item))
    }

    func history(since: Date?) throws -> [Event] { try store.events(since: since) }
    func flowSteps() throws -> [FlowStep] { try store.flowSteps() }

    func current(_ item: ItemNumber) throws -> Board? {
        guard let found = try store.item(item) else { return nil }
        var slice = try store.loadCatalog()
        slice.items = [item: found]
        return slice
    }

    var descriptors: [Int32] { [feed.descriptor, historyReader.descriptor].filter { $0 >= 0 } }
    func timeout(_ longest: Int32) -> Int32 { feed.timeout(longest) }
    func sawOwn(_ events: [Event]) { feed.saw(events) }
    func changes(ready: [Int32]) throws -> ChangeSet? {
        try feed.check(descriptorReady: ready.contains(feed.descriptor))
    }
    func startReadingHistory() { historyReader.start(store) }

    func finishedHistory(ready: [Int32]) -> [FlowStep]? {
        guard ready.contains(historyReader.descriptor), let snapshot = historyReader.take(),
            let missed = try? store.events(after: snapshot.lastSeq)
        else { return nil }
        return FlowStep.ordered(snapshot.steps + missed.compactMap(FlowStep.init))
    }

    func updatePresence(_ row: Presence) throws { try store.updatePresence(row) }
    func presence() throws -> [Presence] { try store.presence() }
    func removePresence(session: String) throws { try store.removePresence(session: session) }

    func startStandup(
        facilitator: MemberID, participants: [MemberID], turnLength: TimeInterval, by actor: Actor,
        at now: Date
    ) throws -> Standup {
        try store.startStandup(
            facilitator: facilitator, participants: participants, turnLength: turnLength, by: actor, at: now)
    }

    func updateStandup(_ standup: Standup) throws { try store.updateStandup(standup) }
    func endStandup(_ standup: Standup, at now: Date) throws -> StandupRecord {
        try store.endStandup(standup, at: now, notes: "")
    }
    func runningStandup() throws -> Standup? { try store.runningStandup() }
    func lastStandupEnd() throws -> Date? { try store.lastStandup()?.standup.endedAt }
}
