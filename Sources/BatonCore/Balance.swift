import Foundation

/// Co-creation balance: whether business and IT own the work together, who carries how much
/// active work, and which active work serves no outcome. Open (not archived) items only.
public struct Balance: Equatable, Sendable {
    /// How the open items of one stage are owned.
    public struct Pairing: Equatable, Sendable {
        public var stage: StageID
        /// Owned by business members only.
        public var businessOnly: Int
        /// Owned by IT members only.
        public var itOnly: Int
        /// Owned by at least one business and one IT member.
        public var both: Int
        /// Without any owner.
        public var neither: Int

        public var total: Int { businessOnly + itOnly + both + neither }
    }

    /// An open item in an active stage that lacks a business or an IT owner.
    public struct Gap: Equatable, Sendable {
        public var number: ItemNumber
        public var stage: StageID
        public var lacksBusiness: Bool
        public var lacksIT: Bool
    }

    /// One member's open items in active stages (owned or involved) against the limit.
    public struct Load: Equatable, Sendable {
        public var member: MemberID
        /// Items the member owns, by number.
        public var owned: [ItemNumber]
        /// Items the member is involved in without owning them, by number.
        public var involved: [ItemNumber]
        public var limit: Int

        /// Distinct items the member takes part in.
        public var count: Int { owned.count + involved.count }
        /// More items than the limit.
        public var overloaded: Bool { count > limit }
    }

    /// Per stage, board order.
    public var pairing: [Pairing]
    /// Pairing gaps in active stages, in board order (stage order, then display order).
    public var gaps: [Gap]
    /// Per member, board order.
    public var load: [Load]
    /// Open items in active stages linked to no outcome, per active stage in board order
    /// (stages without any are left out); numbers in display order.
    public var unlinked: [StageItems]

    /// Some items of one stage.
    public struct StageItems: Equatable, Sendable {
        public var stage: StageID
        public var items: [ItemNumber]
    }

    /// All open items in active stages that serve no outcome.
    public var unlinkedCount: Int { unlinked.reduce(0) { $0 + $1.items.count } }

    /// The balance of `board` (which must hold all its items), with `limit` items per member.
    /// One pass over the items plus a sort per stage.
    public static func compute(board: Board, limit: Int = 3) -> Balance {
        let discipline = Dictionary(board.members.map { ($0.id, $0.discipline) }, uniquingKeysWith: { a, _ in a })
        let stageIndex = Dictionary(
            board.stages.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var pairing = board.stages.map { Pairing(stage: $0.id, businessOnly: 0, itOnly: 0, both: 0, neither: 0) }
        var activeItems: [[Item]] = Array(repeating: [], count: board.stages.count)
        for item in board.items.values where !item.archived {
            guard let index = stageIndex[item.stage] else { continue }
            let owners = OwnerDisciplines(item) { discipline[$0] }
            switch (owners.business, owners.it) {
            case (true, true): pairing[index].both += 1
            case (true, false): pairing[index].businessOnly += 1
            case (false, true): pairing[index].itOnly += 1
            case (false, false): pairing[index].neither += 1
            }
            if board.stages[index].role == .active { activeItems[index].append(item) }
        }
        var gaps: [Gap] = []
        var unlinked: [StageItems] = []
        var owned: [MemberID: [ItemNumber]] = [:], involved: [MemberID: [ItemNumber]] = [:]
        for (index, items) in activeItems.enumerated() where !items.isEmpty {
            // Sorted by small keys rather than by moving whole items around.
            let order = items.indices.sorted { Board.displayOrder(items[$0], items[$1]) }
            var free: [ItemNumber] = []
            for item in order.lazy.map({ items[$0] }) {
                let owners = OwnerDisciplines(item) { discipline[$0] }
                if !owners.paired {
                    gaps.append(
                        Gap(
                            number: item.number, stage: board.stages[index].id,
                            lacksBusiness: !owners.business, lacksIT: !owners.it))
                }
                if item.outcome == nil { free.append(item.number) }
                for member in Set(item.owners) { owned[member, default: []].append(item.number) }
                for member in Set(item.involved) where !item.owners.contains(member) {
                    involved[member, default: []].append(item.number)
                }
            }
            if !free.isEmpty { unlinked.append(StageItems(stage: board.stages[index].id, items: free)) }
        }
        let load = board.members.map {
            Load(
                member: $0.id, owned: (owned[$0.id] ?? []).sorted(), involved: (involved[$0.id] ?? []).sorted(),
                limit: limit)
        }
        return Balance(pairing: pairing, gaps: gaps, load: load, unlinked: unlinked)
    }
}

extension Board {
    /// The pairing rule: an open item in an active stage should be owned by at least one
    /// business member and one IT member; true when `item` lacks either.
    public func hasPairingGap(_ item: Item) -> Bool {
        guard !item.archived, stage(item.stage)?.role == .active else { return false }
        return !OwnerDisciplines(item) { member($0)?.discipline }.paired
    }
}

/// Whether an item's owners include a business member and an IT member.
private struct OwnerDisciplines {
    var business = false
    var it = false
    /// Owned by business and IT together.
    var paired: Bool { business && it }

    init(_ item: Item, discipline: (MemberID) -> Discipline?) {
        for owner in item.owners {
            switch discipline(owner) {
            case .business: business = true
            case .it: it = true
            case nil: break
            }
        }
    }
}
