import BatonCore

extension App {
    /// Shows a change to an existing item on the board at once, before the store has saved it:
    /// saving waits for the disk, drawing need not (the runtime draws before it writes). The
    /// items as they were are kept in `unsavedBefore`, and put back if the store refuses.
    ///
    /// Only one action on an item already on the board is shown early: new items get their
    /// number from the store, and a refused prompt must come back with its text.
    static func showBeforeSaving(_ effects: [Effect], _ s: inout AppState) -> [Effect] {
        guard s.screen == .board || s.screen == .archive, s.pendingPrompt == nil, effects.count == 1,
            case .apply(let actions) = effects[0],
            actions.count == 1, let number = actions[0].item, s.board.items[number] != nil
        else { return effects }
        switch actions[0] {
        case .addItem, .comment: return effects
        default: break
        }
        var slice = s.board.slice(for: actions[0])
        let before = slice
        guard let change = try? slice.apply(actions[0], by: s.actor, at: s.now) else { return effects }
        let events = change.events.map {
            Event(seq: 0, at: s.now, account: s.actor.account, member: s.actor.member, change: $0)
        }
        let undo = (s.lastOwnChange, s.pendingUndo)
        saved(&s, slice: slice, items: change.touchedItems, events: events, warnings: change.warnings)
        (s.lastOwnChange, s.pendingUndo) = undo
        s.unsavedBefore = before
        return effects
    }

    /// The store refused the change shown early: the items go back to how they were.
    static func revertUnsaved(_ s: inout AppState) {
        guard let before = s.unsavedBefore else { return }
        s.unsavedBefore = nil
        let followed = s.currentItem?.number
        s.merge(before, changed: before.items.keys)
        if let followed { select(followed, &s) }
        keepSelectionVisible(&s)
        refreshInsights(&s)
    }
}
