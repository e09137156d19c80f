import Foundation

/// The changes to one item that a speaker may want to mention: what happened to it since the last
/// stand-up, and how the speaker takes part in it.
public struct ItemChanges: Equatable, Sendable {
    public var item: ItemNumber
    /// Whether the speaker owns the item or is involved in it.
    public var involvement: Involvement
    /// The relevant events (moves, comments, blocks, creation), oldest first.
    public var events: [Event]

    public init(item: ItemNumber, involvement: Involvement, events: [Event]) {
        self.item = item
        self.involvement = involvement
        self.events = events
    }

    /// When the item last changed.
    public var lastChange: Date? { events.last?.at }
}

/// "What changed since the last stand-up", worked out from the history.
///
/// `after` is normally the end of the previous stand-up (`nil` when there was none: then the
/// whole history counts). An event counts when it happened strictly after that time.
public enum StandupChanges {
    /// The kinds of change a speaker's side panel lists: moves, new comments, blocks and new items.
    public static let relevantKinds: Set<EventKind> = [
        .itemCreated, .itemMoved, .itemBlocked, .itemUnblocked, .commentAdded,
    ]

    /// Whether `event` happened after `time` (always, when `time` is `nil`).
    public static func isAfter(_ event: Event, _ time: Date?) -> Bool {
        time.map { event.at > $0 } ?? true
    }

    /// Every item with any event after `time`: what the board marks when asked for the items
    /// changed since the last stand-up.
    public static func changedItems<S: Sequence>(after time: Date?, in events: S) -> Set<ItemNumber>
    where S.Element == Event {
        var numbers = Set<ItemNumber>()
        for event in events where isAfter(event, time) {
            if let number = event.change.item { numbers.insert(number) }
        }
        return numbers
    }

    /// The relevant changes since `time` on the items `member` owns or is involved in, per item:
    /// owned items first, then those they are involved in; within each group the most recently
    /// changed first (ties by item number). Items without a relevant change are left out, and so
    /// are items not on `board` (which must hold the items, as `loadBoard` gives them).
    public static func forSpeaker<S: Sequence>(
        _ member: MemberID, on board: Board, events: S,
        after time: Date?
    ) -> [ItemChanges] where S.Element == Event {
        var byItem: [ItemNumber: [Event]] = [:]
        for event in events where relevantKinds.contains(event.change.kind) && isAfter(event, time) {
            guard let number = event.change.item, let item = board.items[number] else { continue }
            guard item.owners.contains(member) || item.involved.contains(member) else { continue }
            byItem[number, default: []].append(event)
        }
        let changes = byItem.map { number, events in
            ItemChanges(
                item: number, involvement: board.items[number]!.owners.contains(member) ? .owner : .involved,
                events: events.sorted { $0.seq < $1.seq })
        }
        return changes.sorted { a, b in
            if a.involvement != b.involvement { return a.involvement == .owner }
            if a.lastChange != b.lastChange { return (a.lastChange ?? .distantPast) > (b.lastChange ?? .distantPast) }
            return a.item < b.item
        }
    }
}

/// One of the speaker's items as the board highlights it during their turn.
public struct SpeakerItem: Equatable, Sendable {
    public var item: Item
    public var involvement: Involvement
    /// True when the item has been in its stage (not a done stage) for longer than the age threshold.
    public var isAged: Bool

    public init(item: Item, involvement: Involvement, isAged: Bool) {
        self.item = item
        self.involvement = involvement
        self.isAged = isAged
    }
}

extension StandupChanges {
    /// How long an item may stay in one stage before a stand-up marks it as aged: 5 days.
    public static let defaultAgeThreshold: TimeInterval = 5 * 86_400

    /// The open items `member` owns, then those they are involved in; in each group blocked items
    /// first, then in board order (stage from left to right, then display order within the stage).
    /// An item counts as aged when it has been in a stage that is not a done stage for longer than
    /// `ageThreshold` at `now`.
    public static func speakerItems(
        _ member: MemberID, on board: Board, at now: Date,
        ageThreshold: TimeInterval = defaultAgeThreshold
    ) -> [SpeakerItem] {
        let stagePosition = Dictionary(uniqueKeysWithValues: board.stages.map { ($0.id, $0.position) })
        let doneStages = Set(board.stages.filter { $0.role == .done }.map(\.id))
        let mine = board.items.values.compactMap { item -> SpeakerItem? in
            guard !item.archived else { return nil }
            let involvement: Involvement
            if item.owners.contains(member) {
                involvement = .owner
            } else if item.involved.contains(member) {
                involvement = .involved
            } else {
                return nil
            }
            let aged = !doneStages.contains(item.stage) && now.timeIntervalSince(item.stageSince) > ageThreshold
            return SpeakerItem(item: item, involvement: involvement, isAged: aged)
        }
        return mine.sorted { a, b in
            if a.involvement != b.involvement { return a.involvement == .owner }
            if (a.item.blocked != nil) != (b.item.blocked != nil) { return a.item.blocked != nil }
            let (sa, sb) = (stagePosition[a.item.stage] ?? 0, stagePosition[b.item.stage] ?? 0)
            if sa != sb { return sa < sb }
            if a.item.expedite != b.item.expedite || a.item.position != b.item.position {
                return Board.displayOrder(a.item, b.item)
            }
            return a.item.number < b.item.number
        }
    }
}
