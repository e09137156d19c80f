/// The fields of a new item.
public struct NewItem: Equatable, Sendable {
    public var title: String
    public var notes: String
    public var kind: ItemKind
    /// The stage to create it in; `nil` means the first stage.
    public var stage: StageID?
    public var owners: [MemberID]
    public var involved: [MemberID]
    public var outcome: OutcomeID?
    public var due: Day?
    public var expedite: Bool
    /// Put it at the top of its stage instead of the bottom.
    public var top: Bool

    public init(
        title: String, notes: String = "", kind: ItemKind = .work, stage: StageID? = nil,
        owners: [MemberID] = [], involved: [MemberID] = [], outcome: OutcomeID? = nil,
        due: Day? = nil, expedite: Bool = false, top: Bool = false
    ) {
        self.title = title
        self.notes = notes
        self.kind = kind
        self.stage = stage
        self.owners = owners
        self.involved = involved
        self.outcome = outcome
        self.due = due
        self.expedite = expedite
        self.top = top
    }
}

/// Changes to an item's own fields; `nil` leaves a field as it is, `.some(nil)` clears it.
public struct ItemPatch: Equatable, Sendable {
    public var title: String?
    public var notes: String?
    public var kind: ItemKind?
    public var outcome: OutcomeID??
    public var due: Day??

    public init(
        title: String? = nil, notes: String? = nil, kind: ItemKind? = nil,
        outcome: OutcomeID?? = nil, due: Day?? = nil
    ) {
        self.title = title
        self.notes = notes
        self.kind = kind
        self.outcome = outcome
        self.due = due
    }

    /// True when the patch changes nothing.
    public var isEmpty: Bool { title == nil && notes == nil && kind == nil && outcome == nil && due == nil }
}

/// Changes to a member; `nil` leaves a field as it is.
public struct MemberPatch: Equatable, Sendable {
    public var name: String?
    public var handle: String?
    public var discipline: Discipline?
    public var login: String??

    public init(name: String? = nil, handle: String? = nil, discipline: Discipline? = nil, login: String?? = nil) {
        self.name = name
        self.handle = handle
        self.discipline = discipline
        self.login = login
    }
}

/// The fields of a new outcome.
public struct NewOutcome: Equatable, Sendable {
    public var title: String
    public var metric: String
    public var unit: String
    public var baseline: Double
    public var target: Double
    /// The current value; `nil` means the baseline.
    public var current: Double?
    public var targetDate: Day?

    public init(
        title: String, metric: String, unit: String = "", baseline: Double, target: Double,
        current: Double? = nil, targetDate: Day? = nil
    ) {
        self.title = title
        self.metric = metric
        self.unit = unit
        self.baseline = baseline
        self.target = target
        self.current = current
        self.targetDate = targetDate
    }
}

/// Changes to an outcome's definition; `nil` leaves a field as it is, `.some(nil)` clears it.
public struct OutcomePatch: Equatable, Sendable {
    public var title: String?
    public var metric: String?
    public var unit: String?
    public var baseline: Double?
    public var target: Double?
    public var targetDate: Day??

    public init(
        title: String? = nil, metric: String? = nil, unit: String? = nil, baseline: Double? = nil,
        target: Double? = nil, targetDate: Day?? = nil
    ) {
        self.title = title
        self.metric = metric
        self.unit = unit
        self.baseline = baseline
        self.target = target
        self.targetDate = targetDate
    }
}

/// One step of reordering an item within its stage.
public enum ReorderStep: String, Sendable, CaseIterable {
    case up, down, top, bottom
}

/// Every change a person or script can make to a board. Each is applied as one transaction
/// and recorded as one or more events.
public enum Action: Equatable, Sendable {
    case addItem(NewItem)
    /// Edit an item's fields; `basedOn` is the revision the edit was made from, if known.
    case editItem(ItemNumber, ItemPatch, basedOn: Int? = nil)
    /// Edit fields that the editor saw with the values in `original`: someone else's change to a
    /// different field merges; a change to the same field in the meantime is a conflict.
    case editFields(ItemNumber, ItemPatch, original: ItemPatch)
    case moveItem(ItemNumber, to: StageID, top: Bool = false, basedOn: Int? = nil)
    case reorderItem(ItemNumber, ReorderStep)
    case assign(ItemNumber, MemberID, Involvement)
    case unassign(ItemNumber, MemberID)
    case block(ItemNumber, reason: String)
    case unblock(ItemNumber)
    case setExpedite(ItemNumber, Bool)
    case archive(ItemNumber)
    case restore(ItemNumber)
    case comment(ItemNumber, text: String)
    case addStage(name: String, role: StageRole, wipLimit: Int?, at: Int?)
    case renameStage(StageID, to: String)
    case moveStage(StageID, to: Int)
    case removeStage(StageID)
    case setWIPLimit(StageID, Int?)
    case setStageRole(StageID, StageRole)
    case addMember(name: String, handle: String, discipline: Discipline, login: String?)
    case editMember(MemberID, MemberPatch)
    case addOutcome(NewOutcome)
    case editOutcome(OutcomeID, OutcomePatch)
    case recordOutcome(OutcomeID, value: Double)
    case renameBoard(String)

    /// The item this action is about, if any; the store loads it before applying.
    public var item: ItemNumber? {
        switch self {
        case .editItem(let n, _, _), .editFields(let n, _, _), .moveItem(let n, _, _, _), .reorderItem(let n, _),
            .assign(let n, _, _),
            .unassign(let n, _), .block(let n, _), .unblock(let n), .setExpedite(let n, _), .archive(let n),
            .restore(let n), .comment(let n, _):
            return n
        default:
            return nil
        }
    }
}
