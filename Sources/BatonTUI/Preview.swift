import BatonCore

extension App {
    /// The board as it will look once `actions` are saved, for the runtime to draw before it
    /// writes them: saving waits for the disk, drawing need not. `nil` when the actions would be
    /// refused (the runtime then just waits for the store's answer) or when the screen is not
    /// the board.
    public static func preview(_ s: AppState, applying actions: [Action]) -> AppState? {
        guard s.screen == .board, !actions.isEmpty else { return nil }
        // One action works on a slice, like the store; several (rare) on a copy of the board.
        var board = actions.count == 1 ? s.board.slice(for: actions[0]) : s.board
        var touched: [ItemNumber] = []
        var events: [Event] = []
        var warnings: [String] = []
        for action in actions {
            guard let change = try? board.apply(action, by: s.actor, at: s.now) else { return nil }
            touched += change.touched.compactMap { part in
                if case .item(let number) = part { return number } else { return nil }
            }
            warnings += change.warnings
            events += change.events.map { Event(seq: 0, at: s.now, account: s.actor.account, member: s.actor.member, change: $0) }
        }
        var preview = s
        saved(&preview, slice: board, items: touched, events: events, warnings: warnings)
        return preview
    }
}
