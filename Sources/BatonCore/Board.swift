import Foundation

/// Counts and position bounds of one stage's items, kept complete even when the board holds
/// only some of its items.
public struct StageStats: Codable, Equatable, Sendable {
    /// Items in the stage that are not archived.
    public var open: Int = 0
    /// All items in the stage, archived ones included.
    public var total: Int = 0
    public var minPosition: Int?
    public var maxPosition: Int?

    public init(open: Int = 0, total: Int = 0, minPosition: Int? = nil, maxPosition: Int? = nil) {
        self.open = open
        self.total = total
        self.minPosition = minPosition
        self.maxPosition = maxPosition
    }
}

/// A board: its stages, members, outcomes and items.
///
/// `items` holds every item, or (inside a store transaction) a slice that contains at least
/// the items an action names and their neighbours in their stage; `stats` is complete, or in
/// such a slice holds at least the stages the action reads or changes.
public struct Board: Equatable, Sendable {
    public var name: String
    /// Stages from left to right.
    public var stages: [Stage]
    public var members: [Member]
    public var outcomes: [Outcome]
    public var items: [ItemNumber: Item]
    public var nextItemNumber: ItemNumber
    public var stats: [StageID: StageStats]

    public init(
        name: String, stages: [Stage], members: [Member], outcomes: [Outcome],
        items: [ItemNumber: Item], nextItemNumber: ItemNumber, stats: [StageID: StageStats]? = nil
    ) {
        self.name = name
        self.stages = stages.sorted { $0.position < $1.position }
        self.members = members
        self.outcomes = outcomes
        self.items = items
        self.nextItemNumber = nextItemNumber
        self.stats = stats ?? Board.computeStats(stages: stages, items: items.values)
    }

    /// A new board with the default stages and its creator as the only member.
    public static func new(name: String, creator: Member) throws -> Board {
        let stages = [
            Stage(id: 1, name: "Backlog", role: .queue, position: 0),
            Stage(id: 2, name: "Ready", role: .queue, position: 1),
            Stage(id: 3, name: "Doing", role: .active, wipLimit: 5, position: 2),
            Stage(id: 4, name: "Done", role: .done, position: 3),
        ]
        let boardName = try TextRules.line(name, "board name", limit: TextRules.maxName)
        var member = creator
        member.id = 1
        try MemberRules.validate(member, among: [])
        return Board(name: boardName, stages: stages, members: [member], outcomes: [], items: [:], nextItemNumber: 1)
    }

    /// Stats computed from a complete set of items.
    public static func computeStats<S: Sequence>(stages: [Stage], items: S) -> [StageID: StageStats]
    where S.Element == Item {
        var stats = Dictionary(uniqueKeysWithValues: stages.map { ($0.id, StageStats()) })
        for item in items {
            var s = stats[item.stage] ?? StageStats()
            s.total += 1
            if !item.archived { s.open += 1 }
            s.minPosition = min(s.minPosition ?? item.position, item.position)
            s.maxPosition = max(s.maxPosition ?? item.position, item.position)
            stats[item.stage] = s
        }
        return stats
    }

    // MARK: Lookups

    public func stage(_ id: StageID) -> Stage? { stages.first { $0.id == id } }
    public func member(_ id: MemberID) -> Member? { members.first { $0.id == id } }
    public func outcome(_ id: OutcomeID) -> Outcome? { outcomes.first { $0.id == id } }

    /// The member whose Unix login is `login`.
    public func member(login: String) -> Member? { members.first { $0.login == login } }

    /// The open (not archived) items of a stage in display order: expedite first, then by position.
    public func openItems(in stage: StageID) -> [Item] {
        items.values.filter { $0.stage == stage && !$0.archived }.sorted(by: Board.displayOrder)
    }

    /// Display order within a stage: expedite items first, then by position.
    public static func displayOrder(_ a: Item, _ b: Item) -> Bool {
        if a.expedite != b.expedite { return a.expedite }
        return a.position < b.position
    }

    func existingItem(_ number: ItemNumber) throws -> Item {
        guard let item = items[number] else {
            throw BatonError.data("There is no item #\(number); `baton item list` shows the items.")
        }
        return item
    }

    func existingStage(_ id: StageID) throws -> Stage {
        guard let stage = stage(id) else { throw BatonError.data("There is no stage with id \(id).") }
        return stage
    }

    func existingMember(_ id: MemberID) throws -> Member {
        guard let member = member(id) else { throw BatonError.data("There is no member with id \(id).") }
        return member
    }

    func existingOutcome(_ id: OutcomeID) throws -> Outcome {
        guard let outcome = outcome(id) else {
            throw BatonError.data("There is no outcome with id \(id); `baton outcome list` shows the outcomes.")
        }
        return outcome
    }
}

extension Board {
    /// This board with only the items `action` names and, for a reorder, the open neighbours
    /// just above and below in its stage: the slice a store transaction works on, made from a
    /// board in memory so that applying an action costs the same on 10 items as on 10,000.
    public func slice(for action: Action) -> Board {
        var numbers: [ItemNumber] = action.item.map { [$0] } ?? []
        if case .reorderItem(let number, _) = action, let item = items[number] {
            let peers = items.values.filter { $0.stage == item.stage && !$0.archived && $0.expedite == item.expedite }
            numbers += [
                peers.filter { $0.position < item.position }.max { $0.position < $1.position },
                peers.filter { $0.position > item.position }.min { $0.position < $1.position },
            ].compactMap { $0?.number }
        }
        var slice = self
        slice.items = Dictionary(
            uniqueKeysWithValues: numbers.compactMap { number in items[number].map { (number, $0) } })
        return slice
    }
}
