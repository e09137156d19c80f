import BatonCore
import BatonTUI
import Foundation

extension Runtime {
    /// Hands one effect's calls on the board to `calls`, with the inputs it carries; what they
    /// answer comes back as messages. The calls capture only the service and values, never the
    /// state, so that they may run on another thread.
    func execute(_ effect: Effect) {
        let service = self.service
        switch effect {
        case .apply(let actions):
            let actor = state.actor
            calls.submit { Self.save(actions, by: actor, service) }
        case .loadDetail(let number):
            calls.submit {
                Self.read("The item could not be read.") { .detailLoaded(number, try service.detail(of: number)) }
            }
        case .loadHistory(let since):
            calls.submit {
                Self.read("The history could not be read.") { .historyLoaded(try service.history(since: since)) }
            }
        case .loadFlowSteps:
            calls.submit { Self.read("The history could not be read.") { .flowStepsLoaded(try service.flowSteps()) } }
        case .startStandup(let facilitator, let participants, let turnLength, let actor, let lastEnded):
            standupCall { service in
                let running = try service.startStandup(
                    facilitator: facilitator, participants: participants, turnLength: turnLength, by: actor, at: Date())
                return [.standupChanged(running: running, lastEnded: lastEnded)]
            }
        case .updateStandup(let standup):
            standupCall { service in
                try service.updateStandup(standup)
                return []
            }
        case .endStandup(let standup):
            standupCall { service in [.standupEnded(try service.endStandup(standup, at: Date()))] }
        case .editOutside(let purpose, let text):
            editOutside(purpose, text)
        case .quit:
            break
        }
    }

    /// Runs the user's editor on `text` with the terminal handed over, the text kept as a draft
    /// meanwhile (should the session die), and queues what it saved or why it could not.
    private func editOutside(_ purpose: PromptPurpose, _ text: String) {
        drafts.keep(Draft(board: service.path, purpose: purpose, text: text))
        let name = ExternalEditor.fileName(for: purpose)
        let result = terminal.runOutside { editor.edit(text, name: name) }
        _ = drafts.take(board: service.path)
        switch result {
        case .success(let written): send(.editedOutside(written))
        case .failure(let error): send(.editorFailed(error))
        }
        sendSize()
    }

    /// Stores `actions` one by one, answering what was saved, or why not (then it stops).
    private static func save(_ actions: [Action], by actor: Actor, _ service: BoardService) -> [Msg] {
        var answers: [Msg] = []
        for action in actions {
            guard service.isStillThere else {
                return answers + [
                    .boardVanished,
                    .saveFailed(BatonError(.io, "The board file was deleted or replaced; nothing was saved.")),
                ]
            }
            do {
                let saved = try service.apply(action, by: actor)
                // Before any later look at the board, so that the feed never reports them as another's.
                service.sawOwn(saved.events)
                answers.append(
                    .saved(slice: saved.slice, items: saved.items, events: saved.events, warnings: saved.warnings))
            } catch {
                let failure = error as? BatonError ?? BatonError(.io, "The change could not be saved.")
                if failure.category == .conflict, let current = current(action.item, service) {
                    answers.append(current)
                }
                return answers + [.saveFailed(failure)]
            }
        }
        return answers
    }

    /// Reads from the board, answering the result, or `problem` when the read fails.
    private static func read(_ problem: String, _ body: () throws -> Msg) -> [Msg] {
        do { return [try body()] } catch {
            return [.readFailed(error as? BatonError ?? BatonError(.io, problem))]
        }
    }

    /// Runs a stand-up call; a failure is answered with its message and, when the stand-up
    /// stored differs from the one shown, the stored one.
    private func standupCall(_ body: @escaping (BoardService) throws -> [Msg]) {
        let service = self.service
        let shown = (state.standup.running, state.standup.lastEnded)
        calls.submit {
            do { return try body(service) } catch {
                let failure = Msg.saveFailed(
                    error as? BatonError ?? BatonError(.io, "The stand-up could not be saved."))
                let running = (try? service.runningStandup()) ?? nil
                let last = (try? service.lastStandupEnd()) ?? nil
                guard running != shown.0 || last != shown.1 else { return [failure] }
                return [failure, .standupChanged(running: running, lastEnded: last)]
            }
        }
    }

    /// One item as it is stored now, so that a conflict shows the current version.
    private static func current(_ number: ItemNumber?, _ service: BoardService) -> Msg? {
        guard let number, let slice = try? service.current(number) else { return nil }
        return .changedElsewhere(slice: slice, events: [], items: [number])
    }
}
