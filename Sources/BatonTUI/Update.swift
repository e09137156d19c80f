import BatonCore
import Foundation

/// The only place state changes: `update(&state, msg)` returns the effects to run.
public enum App {
    public static func update(_ s: inout AppState, _ msg: Msg) -> [Effect] {
        switch msg {
        case .key(let key):
            if s.overlay != nil { return overlayKey(&s, key) }
            s.message = nil
            if case .click(let x, let y) = key { return click(x: x, y: y, &s) }
            guard let command = s.keymap.command(for: key, in: s.keyMode) else {
                s.message = Message("\(key.name) does nothing here; ? shows the keys.")
                return []
            }
            return run(command, &s)
        case .resize(let width, let height):
            s.width = width; s.height = height
            keepSelectionVisible(&s)
        case .tick(let now):
            s.now = now
        case .saved(let slice, let items, let events, let warnings):
            saved(&s, slice: slice, items: items, events: events, warnings: warnings)
        case .saveFailed(let error):
            s.message = Message(error.message, isError: true)
            if let prompt = s.pendingPrompt { s.overlay = .prompt(prompt) }
            s.pendingPrompt = nil
            s.pendingUndo = false
        case .changedElsewhere(let board, let events):
            let followed = s.currentItem?.number
            s.replaceBoard(board, changed: events.compactMap(\.change.item))
            if let followed { select(followed, &s) }
            if let last = events.last { s.message = Message(EventNarrator(board: board).sentence(last) + ".") }
            keepSelectionVisible(&s)
        case .detailLoaded(let number, let detail):
            if s.screen == .detail(number) { s.detail = detail }
        case .restoreDraft(let purpose, let text):
            s.overlay = .prompt(Prompt(purpose: purpose, editor: LineEditor(text, multiline: isMultiline(purpose))))
            s.message = Message("Your unsaved text from last time is back; Enter saves it, Esc discards it.")
        }
        return []
    }

    static func saved(_ s: inout AppState, slice: Board, items: [ItemNumber], events: [Event], warnings: [String]) {
        var board = slice
        board.items = s.board.items
        for number in items { board.items[number] = slice.items[number] ?? s.board.items[number] }
        s.replaceBoard(board, changed: items)
        s.pendingPrompt = nil
        s.lastOwnChange = s.pendingUndo ? [] : (events.isEmpty ? s.lastOwnChange : events)
        let undone = s.pendingUndo
        s.pendingUndo = false
        if let number = events.first?.change.item, s.board.items[number]?.archived == false { select(number, &s) }
        keepSelectionVisible(&s)
        if let warning = warnings.first {
            s.message = Message(warning, isError: true)
        } else if undone {
            s.message = Message("Undone.")
        } else if let event = events.last, event.change.kind == .itemArchived {
            s.message = Message("Archived #\(event.change.item ?? 0) · u undoes.")
        } else if let event = events.last {
            s.message = Message(EventNarrator(board: s.board).what(event.change).capitalizedFirst + ".")
        }
    }

    static func isMultiline(_ purpose: PromptPurpose) -> Bool {
        if case .editNotes = purpose { return true }
        return false
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
