import Foundation

extension Board {
    /// Applies one action as `actor` at time `now`: checks every invariant first, then changes
    /// the board and returns the events to record. Throws `BatonError` and leaves the board
    /// unchanged when the action is not allowed.
    public mutating func apply(_ action: Action, by actor: Actor, at now: Date) throws -> Change {
        var copy = self
        var change = Change()
        var context = ApplyContext(actor: actor, now: now, change: change)
        try copy.dispatch(action, &context)
        change = context.change
        self = copy
        return change
    }

    private mutating func dispatch(_ action: Action, _ c: inout ApplyContext) throws {
        switch action {
        case .addItem(let new): try addItem(new, &c)
        case .editItem(let n, let patch, let basedOn): try editItem(n, patch, basedOn: basedOn, &c)
        case .editFields(let n, let patch, let original): try editFields(n, patch, original: original, &c)
        case .moveItem(let n, let stage, let top, let basedOn):
            try moveItem(n, to: stage, top: top, basedOn: basedOn, &c)
        case .reorderItem(let n, let step): try reorderItem(n, step, &c)
        case .assign(let n, let member, let role): try assign(n, member, role, &c)
        case .unassign(let n, let member): try unassign(n, member, &c)
        case .block(let n, let reason): try block(n, reason: reason, &c)
        case .unblock(let n): try unblock(n, &c)
        case .setExpedite(let n, let on): try setExpedite(n, on, &c)
        case .archive(let n): try setArchived(n, true, &c)
        case .restore(let n): try setArchived(n, false, &c)
        case .comment(let n, let text): try comment(n, text, &c)
        case .addStage(let name, let role, let wip, let index): try addStage(name, role, wip, at: index, &c)
        case .renameStage(let id, let name): try renameStage(id, to: name, &c)
        case .moveStage(let id, let index): try moveStage(id, to: index, &c)
        case .removeStage(let id): try removeStage(id, &c)
        case .setWIPLimit(let id, let limit): try setWIPLimit(id, limit, &c)
        case .setStageRole(let id, let role): try setStageRole(id, role, &c)
        case .addMember(let name, let handle, let discipline, let login):
            try addMember(name: name, handle: handle, discipline: discipline, login: login, &c)
        case .editMember(let id, let patch): try editMember(id, patch, &c)
        case .addOutcome(let new): try addOutcome(new, &c)
        case .editOutcome(let id, let patch): try editOutcome(id, patch, &c)
        case .recordOutcome(let id, let value): try recordOutcome(id, value, &c)
        case .renameBoard(let name): try renameBoard(name, &c)
        }
    }
}

/// The state threaded through one `apply`: who, when, and what has changed so far.
struct ApplyContext {
    let actor: Actor
    let now: Date
    var change: Change
}

/// Formats a number for people and for the history: no trailing `.0`, no exponent for everyday values.
public func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    var text = String(format: "%.6f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
}
