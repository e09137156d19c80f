import BatonCore

extension App {
    /// Keys of the conflict dialog, through the keymap's `conflict` mode: none of them is a
    /// navigation key, and a key it does not bind only repeats the choices.
    static func conflictKey(_ conflict: Conflict, _ key: Key, _ s: inout AppState) -> [Effect] {
        let mine = conflict.mine, theirs = conflict.theirs
        switch s.keymap.command(for: key, in: .conflict) {
        case .keepMine: return save(conflict, text: mine, &s)
        case .keepTheirs:
            s.overlay = nil
            s.message = Message("Kept \(conflict.by)'s version; yours was dropped.")
        case .keepBoth:
            let both = conflict.purpose.isMultiline ? theirs + "\n\n" + mine : theirs + " / " + mine
            if case .editTitle = conflict.purpose, (try? TextRules.title(both)) == nil {
                reopen(conflict, text: both, &s)
                let save = s.keymap.keys(for: .submit, in: .prompt).first?.name ?? "enter"
                s.message = Message("Both titles together are too long; shorten them and press \(save).", isError: true)
                return []
            }
            return save(conflict, text: both, &s)
        case .editAgain:
            reopen(conflict, text: mine, &s)
        default:
            s.message = Message("Choose: \(conflictChoices(s.keymap, by: conflict.by)).", isError: true)
        }
        return []
    }

    /// The dialog's choices with their keys, such as `m keeps yours, t keeps bo's, ...`.
    static func conflictChoices(_ keymap: Keymap, by: String) -> String {
        let choices: [(Command, String)] = [
            (.keepMine, "keeps yours"), (.keepTheirs, "keeps \(by)'s"), (.keepBoth, "keeps both"),
            (.editAgain, "edits again"),
        ]
        return keymap.labelled(choices, in: .conflict).joined(separator: ", ")
    }

    /// Saves `text` over the version now on the board.
    static func save(_ conflict: Conflict, text: String, _ s: inout AppState) -> [Effect] {
        let purpose = rebased(conflict.purpose, on: conflict.theirs)
        s.overlay = nil
        s.message = nil
        return submitPrompt(Prompt(purpose: purpose, editor: LineEditor(text, multiline: purpose.isMultiline)), &s)
    }

    /// Back to the editor with `text`, now based on their version.
    static func reopen(_ conflict: Conflict, text: String, _ s: inout AppState) {
        let purpose = rebased(conflict.purpose, on: conflict.theirs)
        s.overlay = .prompt(Prompt(purpose: purpose, editor: LineEditor(text, multiline: purpose.isMultiline)))
        s.message = nil
    }

    static func rebased(_ purpose: PromptPurpose, on theirs: String) -> PromptPurpose {
        switch purpose {
        case .editTitle(let n, _): return .editTitle(n, original: theirs)
        case .editNotes(let n, _): return .editNotes(n, original: theirs)
        default: return purpose
        }
    }

    /// From now on this terminal acts as `member` (the account is still recorded with every change).
    static func actAs(_ member: MemberID, _ s: inout AppState) {
        s.actor.member = member
        s.lastOwnChange = []
        let name = s.board.member(member).map { "\($0.name) (\($0.handle))" } ?? "member \(member)"
        s.message = Message("You now act as \(name); changes record both \(s.actor.account) and \(name).")
    }
}
