import Foundation

/// Identifier of a stage, stable for the life of the board.
public typealias StageID = Int
/// Identifier of a member, stable for the life of the board.
public typealias MemberID = Int
/// Identifier of an outcome, stable for the life of the board.
public typealias OutcomeID = Int
/// The short, never reused number of an item (`#42`).
public typealias ItemNumber = Int

/// Which half of the squad a member comes from.
public enum Discipline: String, Codable, CaseIterable, Sendable {
    case business, it
}

/// What a stage means for flow: waiting, being worked on, or finished.
public enum StageRole: String, Codable, CaseIterable, Sendable {
    case queue, active, done
}

/// What kind of card an item is.
public enum ItemKind: String, Codable, CaseIterable, Sendable {
    case work, opportunity, concern, limitation
}

/// How a member takes part in an item: committed (owner) or involved.
public enum Involvement: String, Codable, CaseIterable, Sendable {
    case owner, involved
}

/// A column of the board.
public struct Stage: Codable, Equatable, Sendable {
    public var id: StageID
    public var name: String
    public var role: StageRole
    /// The most items the stage should hold; `nil` means no limit.
    public var wipLimit: Int?
    /// Order of the stage from left to right, starting at 0.
    public var position: Int

    public init(id: StageID, name: String, role: StageRole, wipLimit: Int? = nil, position: Int) {
        self.id = id
        self.name = name
        self.role = role
        self.wipLimit = wipLimit
        self.position = position
    }
}

/// A person in the squad.
public struct Member: Codable, Equatable, Sendable {
    public var id: MemberID
    public var name: String
    /// Two or three letters shown on cards.
    public var handle: String
    public var discipline: Discipline
    /// The Unix account that acts as this member by default.
    public var login: String?

    public init(id: MemberID, name: String, handle: String, discipline: Discipline, login: String? = nil) {
        self.id = id
        self.name = name
        self.handle = handle
        self.discipline = discipline
        self.login = login
    }
}

/// Why and since when an item is blocked.
public struct Blocker: Codable, Equatable, Sendable {
    public var reason: String
    public var since: Date
    public var by: MemberID?

    public init(reason: String, since: Date, by: MemberID?) {
        self.reason = reason
        self.since = since
        self.by = by
    }
}

/// A card on the board.
public struct Item: Codable, Equatable, Sendable {
    public var number: ItemNumber
    public var title: String
    public var notes: String
    public var kind: ItemKind
    public var owners: [MemberID]
    public var involved: [MemberID]
    public var outcome: OutcomeID?
    public var due: Day?
    public var expedite: Bool
    public var blocked: Blocker?
    public var stage: StageID
    /// Sort key within the stage (smaller is higher); unique within a stage.
    public var position: Int
    /// Grows by one on every change; edits based on an older revision are conflicts.
    public var revision: Int
    public var archived: Bool
    public var createdBy: MemberID?
    public var createdAt: Date
    public var updatedBy: MemberID?
    public var updatedAt: Date
    /// When the item last entered its current stage.
    public var stageSince: Date

    public init(
        number: ItemNumber, title: String, notes: String = "", kind: ItemKind = .work,
        owners: [MemberID] = [], involved: [MemberID] = [], outcome: OutcomeID? = nil,
        due: Day? = nil, expedite: Bool = false, blocked: Blocker? = nil, stage: StageID,
        position: Int, revision: Int = 1, archived: Bool = false, createdBy: MemberID?,
        createdAt: Date, updatedBy: MemberID? = nil, updatedAt: Date? = nil, stageSince: Date? = nil
    ) {
        self.number = number
        self.title = title
        self.notes = notes
        self.kind = kind
        self.owners = owners
        self.involved = involved
        self.outcome = outcome
        self.due = due
        self.expedite = expedite
        self.blocked = blocked
        self.stage = stage
        self.position = position
        self.revision = revision
        self.archived = archived
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedBy = updatedBy ?? createdBy
        self.updatedAt = updatedAt ?? createdAt
        self.stageSince = stageSince ?? createdAt
    }
}

/// A remark on an item.
public struct Comment: Codable, Equatable, Sendable {
    public var id: Int
    public var item: ItemNumber
    public var author: MemberID?
    /// The Unix account that wrote it.
    public var account: String
    public var at: Date
    public var text: String

    public init(id: Int, item: ItemNumber, author: MemberID?, account: String, at: Date, text: String) {
        self.id = id
        self.item = item
        self.author = author
        self.account = account
        self.at = at
        self.text = text
    }
}

/// One recorded value of an outcome's metric.
public struct OutcomeValue: Codable, Equatable, Sendable {
    public var at: Date
    public var value: Double
    public var by: MemberID?

    public init(at: Date, value: Double, by: MemberID?) {
        self.at = at
        self.value = value
        self.by = by
    }
}

/// A desired outcome the squad steers by.
public struct Outcome: Codable, Equatable, Sendable {
    public var id: OutcomeID
    public var title: String
    public var metric: String
    public var unit: String
    public var baseline: Double
    public var target: Double
    public var current: Double
    public var targetDate: Day?
    /// Every recorded current value, oldest first.
    public var history: [OutcomeValue]

    public init(
        id: OutcomeID, title: String, metric: String, unit: String, baseline: Double,
        target: Double, current: Double, targetDate: Day? = nil, history: [OutcomeValue] = []
    ) {
        self.id = id
        self.title = title
        self.metric = metric
        self.unit = unit
        self.baseline = baseline
        self.target = target
        self.current = current
        self.targetDate = targetDate
        self.history = history
    }

    /// How far the current value has come from baseline to target, clamped to 0...1.
    public var progress: Double {
        let span = target - baseline
        guard span != 0 else { return current == target ? 1 : 0 }
        return min(1, max(0, (current - baseline) / span))
    }
}
