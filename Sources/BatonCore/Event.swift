import Foundation

/// The kinds of change the history records.
public enum EventKind: String, Codable, CaseIterable, Sendable {
    case boardCreated = "board.created", boardRenamed = "board.renamed"
    case itemCreated = "item.created", itemEdited = "item.edited", itemMoved = "item.moved"
    case itemReordered = "item.reordered", itemAssigned = "item.assigned"
    case itemUnassigned = "item.unassigned", itemBlocked = "item.blocked"
    case itemUnblocked = "item.unblocked", itemExpedited = "item.expedited"
    case itemArchived = "item.archived", itemRestored = "item.restored"
    case commentAdded = "comment.added"
    case stageAdded = "stage.added", stageRenamed = "stage.renamed", stageMoved = "stage.moved"
    case stageRemoved = "stage.removed", stageLimited = "stage.wip", stageRoleChanged = "stage.role"
    case memberAdded = "member.added", memberEdited = "member.edited"
    case outcomeAdded = "outcome.added", outcomeEdited = "outcome.edited"
    case outcomeRecorded = "outcome.recorded"
}

/// What a board-level event is about, when it is not an item.
public enum EntityKind: String, Codable, Sendable {
    case board, stage, member, outcome
}

/// One change as it is about to be recorded; the store gives it a sequence number.
public struct EventDraft: Codable, Equatable, Sendable {
    public var kind: EventKind
    public var item: ItemNumber?
    public var entity: EntityKind?
    public var entityID: Int?
    /// The field that changed, for edits and assignments (`title`, `owner` ...).
    public var field: String?
    public var before: String?
    public var after: String?

    public init(
        _ kind: EventKind, item: ItemNumber? = nil, entity: EntityKind? = nil, entityID: Int? = nil,
        field: String? = nil, before: String? = nil, after: String? = nil
    ) {
        self.kind = kind
        self.item = item
        self.entity = entity
        self.entityID = entityID
        self.field = field
        self.before = before
        self.after = after
    }
}

/// One recorded change: who (account and member), when, what, and the values before and after.
public struct Event: Codable, Equatable, Sendable {
    public var seq: Int
    public var at: Date
    public var account: String
    public var member: MemberID?
    public var change: EventDraft
    /// The database role that made the change, on a board in PostgreSQL (nil in a board file,
    /// which has no roles, and for changes copied or imported from one).
    public var role: String?

    public init(seq: Int, at: Date, account: String, member: MemberID?, change: EventDraft, role: String? = nil) {
        self.seq = seq
        self.at = at
        self.role = role
        self.account = account
        self.member = member
        self.change = change
    }
}

/// Who makes a change: the real Unix account and the member it acts as.
public struct Actor: Equatable, Sendable {
    public var account: String
    public var member: MemberID?

    public init(account: String, member: MemberID?) {
        self.account = account
        self.member = member
    }
}
