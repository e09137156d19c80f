import BatonCore
import Foundation

extension App {
    static func overlayKey(_ s: inout AppState, _ key: Key) -> [Effect] {
        if case .click = key { return [] }
        switch s.overlay {
        case .prompt(var prompt):
            s.message = nil
            switch s.keymap.command(for: key, in: prompt.purpose.keyMode) {
            case .cancel:
                s.overlay = nil
                if prompt.purpose == .filter { setFilter(s.filterBeforeEdit, &s, keepQuery: true) }
                return []
            case .submit: return submitPrompt(prompt, &s)
            case .openEditor: return [.editOutside(prompt.purpose, text: prompt.editor.text)]
            default: _ = prompt.editor.handle(key, keymap: s.keymap)
            }
            s.overlay = .prompt(prompt)
            if prompt.purpose == .filter { setFilter(prompt.editor.text, &s, keepQuery: true) }
        case .picker(var picker):
            return pickerKey(&picker, key, &s)
        case .conflict(let conflict):
            return conflictKey(conflict, key, &s)
        case nil:
            break
        }
        return []
    }

    static func pickerKey(_ picker: inout Picker, _ key: Key, _ s: inout AppState) -> [Effect] {
        switch s.keymap.command(for: key, in: .picker) {
        case .cancel:
            s.overlay = nil
            return []
        case .selectUp: picker.selected = max(0, picker.selected - 1)
        case .selectDown: picker.selected = min(max(0, picker.visible.count - 1), picker.selected + 1)
        case .submit:
            s.overlay = nil
            let visible = picker.visible
            guard visible.indices.contains(picker.selected) else { return [] }
            let value = visible[picker.selected].value
            if picker.purpose == .actAs, case .member(let member) = value {
                actAs(member, &s)
                return []
            }
            guard let action = Pickers.action(for: picker.purpose, value: value, board: s.board) else { return [] }
            return [.apply([action])]
        default:
            if picker.query.handle(key, keymap: s.keymap) { picker.selected = 0 }
        }
        s.overlay = .picker(picker)
        return []
    }

    /// What the user's own editor saved for the open prompt: saved as if typed there (through
    /// the same checks, merge and conflict dialog); text left as it was changes nothing.
    static func editedOutside(_ text: String, _ s: inout AppState) -> [Effect] {
        guard case .prompt(var prompt) = s.overlay else { return [] }
        let trimmed = { (text: String) in String(text.reversed().drop { $0.isNewline }.reversed()) }
        let written = trimmed(text)
        guard written != trimmed(prompt.editor.text) else {
            s.message = Message("The editor left the text as it was; nothing was saved.")
            return []
        }
        prompt.editor = LineEditor(written, multiline: prompt.purpose.isMultiline)
        s.overlay = .prompt(prompt)
        return submitPrompt(prompt, &s)
    }

    static func submitPrompt(_ prompt: Prompt, _ s: inout AppState) -> [Effect] {
        let text = prompt.editor.text
        do {
            guard let action = try action(for: prompt.purpose, text: text, &s) else {
                s.overlay = nil
                return []
            }
            s.overlay = nil
            s.pendingPrompt = prompt
            return [.apply([action])]
        } catch {
            s.message = Message((error as? BatonError)?.message ?? "That text cannot be used.", isError: true)
            return []
        }
    }

    /// The action a prompt's text asks for; `nil` when there is nothing to do. Throws when the text is not acceptable.
    static func action(for purpose: PromptPurpose, text: String, _ s: inout AppState) throws -> Action? {
        switch purpose {
        case .newItem(let stage):
            if text.trimmingWhitespace().isEmpty { return nil }
            return .addItem(NewItem(title: try TextRules.title(text), stage: stage))
        case .editTitle(let n, let original):
            return .editFields(n, ItemPatch(title: try TextRules.title(text)), original: ItemPatch(title: original))
        case .editNotes(let n, let original):
            return .editFields(n, ItemPatch(notes: text), original: ItemPatch(notes: original))
        case .comment(let n):
            if text.trimmingWhitespace().isEmpty { return nil }
            return .comment(n, text: text)
        case .blockReason(let n):
            return .block(n, reason: try TextRules.line(text, "blocking reason", limit: TextRules.maxTitle))
        case .dueDate(let n):
            let trimmed = text.trimmingWhitespace()
            if trimmed.isEmpty { return .editItem(n, ItemPatch(due: .some(nil))) }
            guard let day = Day(trimmed) else {
                throw BatonError.data("'\(trimmed)' is not a date; write it as YYYY-MM-DD, such as 2027-01-15.")
            }
            return .editItem(n, ItemPatch(due: .some(day)))
        case .filter:
            setFilter(text, &s)
            return nil
        case .actionItem(let speaker):
            if text.trimmingWhitespace().isEmpty { return nil }
            return .addItem(
                NewItem(title: try TextRules.title(text), stage: s.board.stages.first?.id, owners: [speaker]))
        case .outcomeValue(let id):
            guard let value = Double(text.trimmingWhitespace()), value.isFinite else {
                throw BatonError.data("'\(text)' is not a number; write it like 7 or 2.5.")
            }
            return .recordOutcome(id, value: value)
        }
    }

    static func setFilter(_ query: String, _ s: inout AppState, keepQuery: Bool = false) {
        s.filter = ItemFilter(query)
        s.rebuildColumns()
        keepSelectionVisible(&s)
        if !keepQuery && !s.filter.isEmpty {
            let shown = s.columns.values.reduce(0) { $0 + $1.count }
            s.message = Message("Filter '\(s.filter.query)': \(counted(shown, "item")) shown · Esc clears it.")
        }
    }
}
