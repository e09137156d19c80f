/// A part of the board that an applied action changed, so that the store writes just that.
public enum Touched: Hashable, Sendable {
    case item(ItemNumber)
    case stage(StageID)
    case stageRemoved(StageID)
    case member(MemberID)
    case outcome(OutcomeID)
    /// A new value was appended to the outcome's history.
    case outcomeValue(OutcomeID)
    case boardName
}

/// What applying an action did: the events to record, the parts to write, and any warnings.
public struct Change: Equatable, Sendable {
    public var events: [EventDraft] = []
    public var touched: [Touched] = []
    /// Things that succeeded but deserve attention, such as a stage over its WIP limit.
    public var warnings: [String] = []
    /// The number given to a new item.
    public var createdItem: ItemNumber?
    /// A comment to store: the item and its text.
    public var comment: (item: ItemNumber, text: String)?

    public init() {}

    public static func == (lhs: Change, rhs: Change) -> Bool {
        lhs.events == rhs.events && lhs.touched == rhs.touched && lhs.warnings == rhs.warnings
            && lhs.createdItem == rhs.createdItem && lhs.comment?.item == rhs.comment?.item
            && lhs.comment?.text == rhs.comment?.text
    }

    /// The items the change touched.
    public var touchedItems: [ItemNumber] {
        touched.compactMap { part in
            if case .item(let number) = part { return number } else { return nil }
        }
    }

    mutating func record(_ event: EventDraft, touching part: Touched) {
        events.append(event)
        if !touched.contains(part) { touched.append(part) }
    }
}
