import BatonCore

extension App {
    /// Keys of the conflict dialog; none of them is a navigation key, and Esc goes back to editing.
    static func conflictKey(_ conflict: Conflict, _ key: Key, _ s: inout AppState) -> [Effect] {
        let mine = conflict.mine, theirs = conflict.theirs
        switch key {
        case .character("m"): return save(conflict, text: mine, &s)
        case .character("t"):
            s.overlay = nil
            s.message = Message("Kept \(conflict.by)'s version; yours was dropped.")
        case .character("b"):
            let both = isMultiline(conflict.purpose) ? theirs + "\n\n" + mine : theirs + " / " + mine
            if case .editTitle = conflict.purpose, (try? TextRules.title(both)) == nil {
                reopen(conflict, text: both, &s)
                s.message = Message("Both titles together are too long; shorten them and press Enter.", isError: true)
                return []
            }
            return save(conflict, text: both, &s)
        case .character("e"), .escape:
            reopen(conflict, text: mine, &s)
        default:
            s.message = Message("Choose: m keeps yours, t keeps \(conflict.by)'s, b keeps both, e edits again.", isError: true)
        }
        return []
    }

    /// Saves `text` over the version now on the board.
    static func save(_ conflict: Conflict, text: String, _ s: inout AppState) -> [Effect] {
        let purpose = rebased(conflict.purpose, on: conflict.theirs)
        s.overlay = nil
        s.message = nil
        return submitPrompt(Prompt(purpose: purpose, editor: LineEditor(text, multiline: isMultiline(purpose))), &s)
    }

    /// Back to the editor with `text`, now based on their version.
    static func reopen(_ conflict: Conflict, text: String, _ s: inout AppState) {
        let purpose = rebased(conflict.purpose, on: conflict.theirs)
        s.overlay = .prompt(Prompt(purpose: purpose, editor: LineEditor(text, multiline: isMultiline(purpose))))
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
