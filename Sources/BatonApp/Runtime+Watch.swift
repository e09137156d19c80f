import BatonCore
import BatonTUI
import Foundation

/// What the loop looks at between keys: presence, other writers, the stand-up, the file itself.
extension Runtime {
    /// Writes this session's presence when due and queues the others' when it changed.
    func keepPresence() {
        let now = Date()
        presence.want(focus: state.focus, editing: state.editing, member: state.actor.member)
        let wrote = presence.flush(now)
        guard wrote || lastPresence.isEmpty else { return }
        let live = presence.live(now)
        if live != lastPresence {
            lastPresence = live
            send(.presenceChanged(live))
        }
    }

    /// Queues the flow steps read in the background, unless a figure screen has read them already.
    func takeHistory(_ ready: [Int32]) {
        guard let steps = service.finishedHistory(ready: ready), state.flowSteps == nil else { return }
        send(.flowStepsLoaded(steps))
    }

    /// Notices the board being deleted, moved or replaced, at most a second after it happens,
    /// and a database that stops answering or answers again.
    func checkTheFile() {
        if !state.vanished && !service.isStillThere { send(.boardVanished) }
        let reachable = service.isReachable
        if reachable == state.unreachable { send(.reachabilityChanged(reachable)) }
    }

    /// Queues the running stand-up and the end of the last one when they differ from what shows.
    func loadStandup() {
        let running = (try? service.runningStandup()) ?? nil
        let last = (try? service.lastStandupEnd()) ?? nil
        if running != state.standup.running || last != state.standup.lastEnded {
            send(.standupChanged(running: running, lastEnded: last))
        }
    }

    /// Queues other sessions' changes. Once the board was replaced, what this session still
    /// reads is nobody's board: it is left alone, and so is the message that says so.
    func noticeOtherWriters(_ ready: [Int32]) {
        guard !state.vanished else { return }
        do {
            guard let changes = try service.changes(ready: ready, saving: calls.isBusy) else { return }
            lastPresence = []
            loadStandup()
            guard !changes.events.isEmpty else { return }
            send(.changedElsewhere(slice: changes.slice, events: changes.events, items: changes.items))
        } catch {
            send(.readFailed(error as? BatonError ?? BatonError(.io, "The board could not be read.")))
        }
    }
}
