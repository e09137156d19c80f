import BatonCore
import BatonTUI
import Foundation

extension Runtime {
    /// Carries out one effect with the inputs it carries; results are queued.
    func execute(_ effect: Effect) {
        switch effect {
        case .apply(let actions):
            save(actions)
        case .loadDetail(let number):
            read("The item could not be read.") { .detailLoaded(number, try service.detail(of: number)) }
        case .loadHistory(let since):
            read("The history could not be read.") { .historyLoaded(try service.history(since: since)) }
        case .loadFlowSteps:
            read("The history could not be read.") { .flowStepsLoaded(try service.flowSteps()) }
        case .startStandup(let facilitator, let participants, let turnLength, let actor, let lastEnded):
            perform {
                let running = try service.startStandup(
                    facilitator: facilitator, participants: participants,
                    turnLength: turnLength, by: actor, at: Date())
                send(.standupChanged(running: running, lastEnded: lastEnded))
            }
        case .updateStandup(let standup):
            perform { try service.updateStandup(standup) }
        case .endStandup(let standup):
            perform { send(.standupEnded(try service.endStandup(standup, at: Date()))) }
        case .quit:
            break
        }
    }

    /// Stores `actions` one by one, queueing what was saved, or why not (then it stops).
    private func save(_ actions: [Action]) {
        for action in actions {
            guard service.isStillThere else {
                send(.boardVanished)
                send(.saveFailed(BatonError(.io, "The board file was deleted or replaced; nothing was saved.")))
                return
            }
            do {
                let saved = try service.apply(action, by: state.actor)
                send(.saved(slice: saved.slice, items: saved.items, events: saved.events, warnings: saved.warnings))
            } catch {
                let failure = error as? BatonError ?? BatonError(.io, "The change could not be saved.")
                if failure.category == .conflict { refresh(action.item) }
                send(.saveFailed(failure))
                return
            }
        }
    }

    /// Reads from the board and queues the result, or `problem` when the read fails.
    private func read(_ problem: String, _ body: () throws -> Msg) {
        do { send(try body()) } catch {
            send(.readFailed(error as? BatonError ?? BatonError(.io, problem)))
        }
    }

    /// Runs a stand-up call, turning a failure into a message and re-reading the stand-up.
    private func perform(_ body: () throws -> Void) {
        do { try body() } catch {
            send(.saveFailed(error as? BatonError ?? BatonError(.io, "The stand-up could not be saved.")))
            loadStandup()
        }
    }

    /// Queues one item as it is stored now, so that a conflict shows the current version.
    private func refresh(_ number: ItemNumber?) {
        guard let number, let slice = try? service.current(number) else { return }
        send(.changedElsewhere(slice: slice, events: [], items: [number]))
    }
}
