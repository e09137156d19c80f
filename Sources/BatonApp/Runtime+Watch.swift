import BatonCore
import BatonTUI
import Foundation
import Synchronization

/// Whether a look at the board (`Runtime.watch`) is on its way; set by the loop, cleared by the
/// call when it is done. Meanwhile the loop leaves the change feed and the presence keeper alone.
final class WatchInFlight: Sendable {
    private let flag = Atomic(false)

    var isSet: Bool { flag.load(ordering: .acquiring) }
    func set() { flag.store(true, ordering: .relaxed) }
    func clear() { flag.store(false, ordering: .releasing) }
}

/// What the loop looks at between keys: presence, other writers, the stand-up, the history read
/// in the background, the file itself. The looks that read or write the board run as calls, so
/// that a board a network away never holds up the loop; one is on its way at a time.
extension Runtime {
    /// Hands a look at the board to `calls` unless one is on its way: the flow steps read in the
    /// background once ready, other sessions' changes (with the stand-up when they came, or
    /// `withStandup`), this session's presence when due and the others' when it may have changed.
    func watch(_ ready: [Int32], withStandup: Bool = false) {
        guard !watching.isSet else { return }
        presence.want(focus: state.focus, editing: state.editing, member: state.actor.member)
        let service = self.service, presence = self.presence, flag = self.watching
        let readPresence = lastPresence.isEmpty, vanished = state.vanished
        flag.set()
        calls.submit {
            defer { flag.clear() }
            var answers = service.finishedHistory(ready: ready).map { [Msg.flowStepsLoaded($0)] } ?? []
            // Once the board was replaced, what this session still reads is nobody's board.
            let changed = vanished ? false : Self.otherWriters(ready, service, into: &answers)
            if changed || withStandup { answers += Self.standup(service) }
            let now = Date()
            if presence.flush(now) || changed || readPresence { answers.append(.presenceChanged(presence.live(now))) }
            return answers
        }
    }

    /// Adds other sessions' changes to `answers`; true when someone else committed.
    private static func otherWriters(_ ready: [Int32], _ service: BoardService, into answers: inout [Msg]) -> Bool {
        do {
            guard let changes = try service.changes(ready: ready) else { return false }
            if !changes.events.isEmpty {
                answers.append(.changedElsewhere(slice: changes.slice, events: changes.events, items: changes.items))
            }
            return true
        } catch {
            answers.append(.readFailed(error as? BatonError ?? BatonError(.io, "The board could not be read.")))
            return false
        }
    }

    /// The running stand-up and the end of the last one, as stored.
    private static func standup(_ service: BoardService) -> [Msg] {
        let running = (try? service.runningStandup()) ?? nil
        let last = (try? service.lastStandupEnd()) ?? nil
        return [.standupChanged(running: running, lastEnded: last)]
    }

    /// Whether `msg`, which a look answered, tells `update` nothing it does not show already.
    func isOld(_ msg: Msg) -> Bool {
        switch msg {
        case .presenceChanged(let live):
            guard live != lastPresence else { return true }
            lastPresence = live
            return false
        case .standupChanged(let running, let last):
            return running == state.standup.running && last == state.standup.lastEnded
        case .flowStepsLoaded: return state.flowSteps != nil
        default: return false
        }
    }

    /// Notices the board being deleted, moved or replaced, at most a second after it happens,
    /// and a database that stops answering or answers again.
    func checkTheFile() {
        if !state.vanished && !service.isStillThere { send(.boardVanished) }
        let reachable = service.isReachable
        if reachable == state.unreachable { send(.reachabilityChanged(reachable)) }
    }
}
