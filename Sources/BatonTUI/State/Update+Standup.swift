import BatonCore
import Foundation

extension App {
    /// `S`: back to the running stand-up, or the setup of a new one.
    static func startStandup(_ s: inout AppState) -> [Effect] {
        if s.standup.running != nil {
            s.screen = .standup
            return historyIfMissing(&s)
        }
        guard s.actor.member != nil else {
            s.message = Message("Act as a member first (@) to facilitate a stand-up.", isError: true)
            return []
        }
        let online = Set(s.presence.compactMap(\.member) + [s.actor.member].compactMap { $0 })
        let everyone = Set(s.board.members.map(\.id))
        let present = online.count > 1 ? online.intersection(everyone) : everyone
        s.standup.setup = StandupSetup(order: StandupOrder.alternating(s.board.members), present: present)
        s.screen = .standupSetup
        return []
    }

    /// Reading the history since the last stand-up, unless it was read already (later changes
    /// arrive as events).
    static func historyIfMissing(_ s: inout AppState) -> [Effect] {
        guard s.history == nil, s.pendingReads.insert(.history).inserted else { return [] }
        return [.loadHistory(since: s.standup.lastEnded)]
    }

    /// Keys of the setup screen: move, toggle who is here, shuffle, start, cancel.
    static func setupKey(_ key: Key, _ s: inout AppState) -> [Effect] {
        guard var setup = s.standup.setup else { return [] }
        switch s.keymap.command(for: key, in: .setup) {
        case .selectUp: setup.cursor = max(0, setup.cursor - 1)
        case .selectDown: setup.cursor = min(setup.order.count - 1, setup.cursor + 1)
        case .toggleHere:
            let member = setup.order[setup.cursor]
            if setup.present.contains(member) { setup.present.remove(member) } else { setup.present.insert(member) }
        case .shuffleOrder:
            let members = setup.order.compactMap(s.board.member)
            setup.order = StandupOrder.shuffled(members, seed: UInt64(max(0, s.now.timeIntervalSince1970 * 1000)))
        case .longerTurns: setup.turnLength = min(600, setup.turnLength + 15)
        case .shorterTurns: setup.turnLength = max(15, setup.turnLength - 15)
        case .beginStandup:
            guard !setup.participants.isEmpty else {
                let key = s.keymap.keys(for: .toggleHere, in: .setup).first?.name ?? "space"
                s.message = Message("Choose at least one speaker (\(key)).", isError: true)
                return []
            }
            guard let facilitator = s.actor.member else { return [] }
            s.standup.setup = nil
            s.screen = .standup
            let start = Effect.startStandup(
                facilitator: facilitator, participants: setup.participants, turnLength: setup.turnLength, by: s.actor,
                lastEnded: s.standup.lastEnded)
            return [start] + historyIfMissing(&s)
        case .cancel:
            s.standup.setup = nil
            s.screen = .board
            return []
        default:
            s.message = Message(StandupView.setupKeys(s.keymap) + ".")
        }
        s.standup.setup = setup
        return []
    }

    /// Commands that steer the running stand-up; only its facilitator may.
    static func steer(_ command: Command, _ s: inout AppState) -> [Effect] {
        guard var running = s.standup.running else {
            s.message = Message("No stand-up is running; S starts one.")
            return []
        }
        guard s.isFacilitating else {
            let name = s.board.member(running.facilitator)?.handle ?? "the facilitator"
            s.message = Message("Only \(name), who facilitates, passes the baton.", isError: true)
            return []
        }
        switch command {
        case .passBaton: running.next(at: s.now)
        case .previousSpeaker: running.previous(at: s.now)
        case .pauseTimer: running.togglePause(at: s.now)
        case .endStandup:
            s.standup.confirmingEnd = true
            let yes = s.keymap.keys(for: .confirm, in: .confirm).first?.name ?? "y"
            s.message = Message(
                "End the stand-up? \(yes) ends it and shows the summary; any other key goes on.", isError: true)
            return []
        default: return []
        }
        if running.isRoundOver { s.message = Message("Everyone has spoken; E ends the stand-up, p goes back.") }
        s.standup.running = running
        s.standup.itemIndex = 0
        return [.updateStandup(running)]
    }

    /// The answer to "End the stand-up?".
    static func confirmEnd(_ key: Key, _ s: inout AppState) -> [Effect] {
        s.standup.confirmingEnd = false
        s.message = nil
        guard s.keymap.command(for: key, in: .confirm) == .confirm, let running = s.standup.running else { return [] }
        return [.endStandup(running)]
    }

    /// The stand-up as the board file now says: follow it, or leave it when it ended.
    static func standupChanged(_ running: Standup?, lastEnded: Date?, _ s: inout AppState) -> [Effect] {
        let wasRunning = s.standup.running != nil
        if running?.speaker != s.standup.running?.speaker { s.standup.itemIndex = 0 }
        s.standup.running = running
        s.standup.lastEnded = lastEnded
        if running == nil && wasRunning && s.screen == .standup {
            s.screen = .board
            s.message = Message("The stand-up has ended; `baton standup show last` prints its summary.")
        } else if running != nil && !wasRunning && s.standup.following && s.screen == .board && s.overlay == nil
            && !s.isFacilitating
        {
            s.screen = .standup
            let name = running.flatMap { s.board.member($0.facilitator)?.handle } ?? "someone"
            s.message = Message(
                "\(name) started a stand-up; you follow it (f stops following, Esc goes back to the board).")
        }
        refreshChanged(&s)
        return s.screen == .standup ? historyIfMissing(&s) : []
    }

    /// Runs `body` and keeps the same item selected in the speaker's list, which may re-sort.
    static func keepingStandupSelection(_ s: inout AppState, _ body: (inout AppState) -> Void) {
        let selected = s.screen == .standup ? targetItem(s)?.number : nil
        body(&s)
        if let selected { reselect(selected, &s) }
    }

    static func reselect(_ number: ItemNumber, _ s: inout AppState) {
        if let index = s.speakerItems.firstIndex(where: { $0.item.number == number }) { s.standup.itemIndex = index }
    }

    /// Toggles following the facilitator.
    static func toggleFollow(_ s: inout AppState) {
        s.standup.following.toggle()
        s.message = Message(s.standup.following ? "Following the stand-up." : "Not following the stand-up; S shows it.")
        if !s.standup.following && s.screen == .standup && !s.isFacilitating { s.screen = .board }
        if s.standup.following && s.standup.running != nil && s.screen == .board { s.screen = .standup }
    }

    /// Marks the items changed since the last stand-up on the board (`C`).
    static func toggleChanged(_ s: inout AppState) -> [Effect] {
        s.standup.markChanged.toggle()
        refreshChanged(&s)
        let count = s.standup.changedItems.count
        if !s.standup.markChanged {
            s.message = Message("Changes are no longer marked.")
        } else if s.history == nil {
            s.message = Message("Reading the history to mark the items changed since the last stand-up…")
        } else {
            s.message = Message("Δ marks \(counted(count, "item")) changed since the last stand-up.")
        }
        return s.standup.markChanged ? historyIfMissing(&s) : []
    }

    static func refreshChanged(_ s: inout AppState) {
        guard s.standup.markChanged, let history = s.history else { return }
        s.standup.changedItems = StandupChanges.changedItems(after: s.standup.lastEnded, in: history)
    }

    /// The history since the last stand-up has been read: the changed items can be marked.
    static func historyLoaded(_ events: [Event], _ s: inout AppState) {
        s.history = events
        s.pendingReads.remove(.history)
        refreshChanged(&s)
        if s.standup.markChanged {
            s.message = Message(
                "Δ marks \(counted(s.standup.changedItems.count, "item")) changed since the last stand-up.")
        }
    }

    /// The stand-up this session ran has ended: its summary shows.
    static func standupEnded(_ record: StandupRecord, _ s: inout AppState) {
        s.standup.running = nil
        s.standup.summary = record
        s.standup.lastEnded = record.standup.endedAt
        refreshChanged(&s)
        s.screen = .standupSummary
        s.scroll = 0
    }
}
