import Foundation

/// What a stand-up achieved, as stored when it ends: duration, time per speaker, blockers raised
/// and cleared, items moved and action items created.
///
/// Titles and stage names are copied in as they were at the end, so the record reads the same
/// later even when items are renamed or stages removed; members are kept by id (never removed).
public struct StandupSummary: Codable, Equatable, Sendable {
    /// How long one participant spoke.
    public struct SpeakerTime: Codable, Equatable, Sendable {
        public var member: MemberID
        public var spoken: TimeInterval
        public var overtime: TimeInterval
        /// False when the stand-up ended before they got the baton.
        public var spoke: Bool

        public init(member: MemberID, spoken: TimeInterval, overtime: TimeInterval, spoke: Bool) {
            self.member = member
            self.spoken = spoken
            self.overtime = overtime
            self.spoke = spoke
        }
    }

    /// An item blocked or unblocked during the stand-up.
    public struct BlockerNote: Codable, Equatable, Sendable {
        public var item: ItemNumber
        public var title: String
        public var reason: String
        /// Who blocked or unblocked it.
        public var by: MemberID?
        public var at: Date

        public init(item: ItemNumber, title: String, reason: String, by: MemberID?, at: Date) {
            self.item = item
            self.title = title
            self.reason = reason
            self.by = by
            self.at = at
        }
    }

    /// An item that ended the stand-up in another stage than it started in.
    public struct ItemMove: Codable, Equatable, Sendable {
        public var item: ItemNumber
        public var title: String
        public var from: String
        public var to: String
        /// Who made the last move.
        public var by: MemberID?

        public init(item: ItemNumber, title: String, from: String, to: String, by: MemberID?) {
            self.item = item
            self.title = title
            self.from = from
            self.to = to
            self.by = by
        }
    }

    /// A new item created during the stand-up and owned by one of its participants.
    public struct ActionItem: Codable, Equatable, Sendable {
        public var item: ItemNumber
        public var title: String
        /// The first of its owners who took part in the stand-up.
        public var owner: MemberID

        public init(item: ItemNumber, title: String, owner: MemberID) {
            self.item = item
            self.title = title
            self.owner = owner
        }
    }

    public var duration: TimeInterval
    public var turnLength: TimeInterval
    /// Every participant in speaking order.
    public var speakers: [SpeakerTime]
    public var blockersRaised: [BlockerNote]
    public var blockersCleared: [BlockerNote]
    public var itemsMoved: [ItemMove]
    public var actionItems: [ActionItem]

    public init(
        duration: TimeInterval, turnLength: TimeInterval, speakers: [SpeakerTime], blockersRaised: [BlockerNote] = [],
        blockersCleared: [BlockerNote] = [], itemsMoved: [ItemMove] = [], actionItems: [ActionItem] = []
    ) {
        self.duration = duration
        self.turnLength = turnLength
        self.speakers = speakers
        self.blockersRaised = blockersRaised
        self.blockersCleared = blockersCleared
        self.itemsMoved = itemsMoved
        self.actionItems = actionItems
    }

    /// The time all speakers spoke together.
    public var totalSpoken: TimeInterval { speakers.map(\.spoken).reduce(0, +) }

    /// The figures of `standup` from the events of its time span (from its start to its end, or
    /// to `now` while it runs; both ends included).
    ///
    /// `board` needs the catalog and the items the events name (for titles and owners); an item it
    /// lacks is named by the title in its creation event, else left untitled. A block counts as
    /// raised when the item was not blocked before (a changed reason is not a new blocker). Moves
    /// are netted per item: one that went back to where it started is not counted.
    public static func make<S: Sequence>(
        for standup: Standup, events: S, board: Board,
        removedStages: [StageID: String] = [:], at now: Date
    ) -> StandupSummary where S.Element == Event {
        let end = standup.endedAt ?? now
        let during = events.filter { $0.at >= standup.startedAt && $0.at <= end }.sorted { $0.seq < $1.seq }
        var createdTitles: [ItemNumber: String] = [:]
        for event in during where event.change.kind == .itemCreated {
            if let number = event.change.item { createdTitles[number] = event.change.after ?? "" }
        }
        func title(_ number: ItemNumber) -> String { board.items[number]?.title ?? createdTitles[number] ?? "" }
        func stageName(_ text: String?) -> String {
            guard let id = text.flatMap(Int.init) else { return "?" }
            return board.stage(id)?.name ?? removedStages[id] ?? "stage \(id)"
        }

        var summary = StandupSummary(duration: standup.duration(at: now), turnLength: standup.turnLength, speakers: [])
        summary.speakers = standup.turns.indices.map { index in
            let spoken = standup.spoken(index, at: now)
            return SpeakerTime(
                member: standup.turns[index].speaker, spoken: spoken,
                overtime: max(0, spoken - standup.turnLength), spoke: standup.turns[index].startedAt != nil)
        }
        var moves: [ItemNumber: (from: String?, to: String?, by: MemberID?)] = [:]
        var moveOrder: [ItemNumber] = []
        for event in during {
            guard let number = event.change.item else { continue }
            switch event.change.kind {
            case .itemBlocked where event.change.before == nil:
                summary.blockersRaised.append(
                    BlockerNote(
                        item: number, title: title(number), reason: event.change.after ?? "",
                        by: event.member, at: event.at))
            case .itemUnblocked:
                summary.blockersCleared.append(
                    BlockerNote(
                        item: number, title: title(number), reason: event.change.before ?? "",
                        by: event.member, at: event.at))
            case .itemMoved:
                if let move = moves[number] {
                    moves[number] = (move.from, event.change.after, event.member)
                } else {
                    moves[number] = (event.change.before, event.change.after, event.member)
                    moveOrder.append(number)
                }
            case .itemCreated:
                let owners = board.items[number]?.owners ?? []
                if let owner = owners.first(where: standup.participants.contains) {
                    summary.actionItems.append(ActionItem(item: number, title: title(number), owner: owner))
                }
            default:
                break
            }
        }
        summary.itemsMoved = moveOrder.compactMap { number in
            guard let move = moves[number], move.from != move.to else { return nil }
            return ItemMove(
                item: number, title: title(number), from: stageName(move.from), to: stageName(move.to), by: move.by)
        }
        return summary
    }
}

/// A stand-up as stored: the stand-up itself and, once it has ended, its summary.
public struct StandupRecord: Codable, Equatable, Sendable {
    public var standup: Standup
    /// `nil` while the stand-up runs.
    public var summary: StandupSummary?

    public init(standup: Standup, summary: StandupSummary?) {
        self.standup = standup
        self.summary = summary
    }
}
