import BatonCore
import Foundation

extension BoardStore {
    /// Everything new after sequence number `seq`, read in one transaction (its statements
    /// asked for together: the items are those the new events name).
    public func changes(after seq: Int) throws -> ChangeSet {
        try read { db in
            try db.prefetched { db in
                let events = try RowReader.events(db, where: "seq > ?", [seq])
                let items = try RowReader.items(
                    db, where: "number IN (SELECT item_number FROM event WHERE seq > \(seq))")
                let numbers = Array(Set(events.compactMap(\.change.item))).sorted()
                let slice = try self.catalog(db, items: items, stats: try RowReader.stats(db))
                return ChangeSet(events: events, slice: slice, items: numbers)
            }
        }
    }
}

/// Tells the loop when other sessions have committed to the board, and what they changed.
///
/// The loop waits on `descriptor` (an inotify watch of a board file, its `-wal` and their
/// folder, or a connection listening to a database) for at most `timeout(_:)` milliseconds,
/// then calls `check(descriptorReady:)` after every wake-up. No busy polling: the only extra
/// wake-ups are a few quick looks right after a file changed, because inotify sees the `-wal`
/// written a moment before the commit shows, and attempts to reach a database that went away.
public final class ChangeFeed {
    private let store: BoardStore
    private let signal: any ChangeSignal
    private var counter: Int
    /// The newest history entry this session has seen.
    public private(set) var lastSeq: Int
    /// This session's own events past `lastSeq`, saved while other sessions' were not yet read.
    private var ownAhead: Set<Int> = []
    /// Quick looks left after the file changed without a visible commit yet.
    private var rechecks = 0
    /// Milliseconds between the quick looks.
    static let recheckMilliseconds: Int32 = 25

    /// A feed of `store`'s changes after the newest event there now.
    public init(store: BoardStore) throws {
        self.store = store
        signal = store.engine.changeSignal()
        lastSeq = try store.events(limit: 1).last?.seq ?? 0
        counter = try store.changeCounter()
    }

    /// False while the connection that listens to a database is down (a file's watch: always true).
    public var isConnected: Bool { signal.isConnected }

    /// The descriptor to wait on (-1 while there is none).
    public var descriptor: Int32 { signal.descriptor }

    /// How long the loop may sleep, given what else it waits for (`longest`).
    public func timeout(_ longest: Int32) -> Int32 {
        rechecks > 0 ? min(Self.recheckMilliseconds, longest) : signal.timeout(longest)
    }

    /// Notes this session's own saved events, so that they never come back as someone else's.
    public func saw(_ events: [Event]) {
        for event in events where event.seq > lastSeq {
            if event.seq == lastSeq + 1 { lastSeq = event.seq } else { ownAhead.insert(event.seq) }
        }
        while ownAhead.remove(lastSeq + 1) != nil { lastSeq += 1 }
    }

    /// Looks for other sessions' commits; `descriptorReady` when `descriptor` woke the loop.
    /// Returns nil when nobody else committed, else what they changed (possibly no events:
    /// presence and stand-ups are not history).
    public func check(descriptorReady: Bool) throws -> ChangeSet? {
        let signalled = signal.drain(ready: descriptorReady)
        if signal.firesOnlyAfterCommits && !signalled { return nil }
        let now = try store.changeCounter()
        guard now != counter else {
            rechecks = signalled && !signal.firesOnlyAfterCommits ? 4 : max(0, rechecks - 1)
            return nil
        }
        counter = now
        rechecks = 0
        var changes = try store.changes(after: lastSeq)
        lastSeq = max(lastSeq, changes.events.last?.seq ?? lastSeq, ownAhead.max() ?? lastSeq)
        changes.events.removeAll { ownAhead.contains($0.seq) }
        ownAhead = []
        return changes
    }
}
