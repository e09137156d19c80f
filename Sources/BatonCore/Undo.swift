/// Works out how to undo a change from the events it recorded.
public enum Undo {
    /// The actions that reverse `events` (one change of one person), checked against the board
    /// as it is now: refused with a clear reason when someone else changed the item since.
    public static func plan(_ events: [Event], on board: Board) throws -> [Action] {
        guard let last = events.last else {
            throw BatonError.data("There is nothing of yours to undo in this session.")
        }
        if let number = last.change.item, let item = board.items[number],
            item.updatedBy != last.member || item.updatedAt > last.at
        {
            throw BatonError.conflict(
                "#\(number) was changed by someone else since your change; undo only reverses your own last change.")
        }
        return try events.reversed().map(inverse)
    }

    static func inverse(_ event: Event) throws -> Action {
        let e = event.change
        guard let n = e.item else { throw BatonError.data("Only changes to items can be undone here.") }
        switch e.kind {
        case .itemCreated: return .archive(n)
        case .itemArchived: return .restore(n)
        case .itemRestored: return .archive(n)
        case .itemMoved:
            guard let stage = e.before.flatMap(Int.init) else { break }
            return .moveItem(n, to: stage)
        case .itemReordered:
            guard let before = e.before.flatMap(Int.init), let after = e.after.flatMap(Int.init) else { break }
            return .reorderItem(n, after < before ? .down : .up)
        case .itemExpedited: return .setExpedite(n, e.before == "true")
        case .itemBlocked: return e.before.map { .block(n, reason: $0) } ?? .unblock(n)
        case .itemUnblocked: return .block(n, reason: e.before ?? "blocked")
        case .itemAssigned:
            guard let member = e.entityID else { break }
            return e.before.flatMap(Involvement.init).map { .assign(n, member, $0) } ?? .unassign(n, member)
        case .itemUnassigned:
            guard let member = e.entityID, let role = e.field.flatMap(Involvement.init) else { break }
            return .assign(n, member, role)
        case .itemEdited:
            if let patch = patch(restoring: e) { return .editItem(n, patch) }
        case .commentAdded:
            throw BatonError.data("A comment cannot be undone; add another comment to correct it.")
        default: break
        }
        throw BatonError.data("That change cannot be undone.")
    }

    static func patch(restoring e: EventDraft) -> ItemPatch? {
        switch e.field {
        case "title": return e.before.map { ItemPatch(title: $0) }
        case "notes": return ItemPatch(notes: e.before ?? "")
        case "kind": return e.before.flatMap(ItemKind.init).map { ItemPatch(kind: $0) }
        case "outcome": return ItemPatch(outcome: .some(e.before.flatMap(Int.init)))
        case "due": return ItemPatch(due: .some(e.before.flatMap(Day.init)))
        default: return nil
        }
    }
}
