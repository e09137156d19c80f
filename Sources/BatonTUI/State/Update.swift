import BatonCore
import Foundation

/// The only place state changes: `update(&state, msg)` returns the effects to run.
public enum App {
    public static func update(_ s: inout AppState, _ msg: Msg) -> [Effect] {
        switch msg {
        case .key(let key):
            return showBeforeSaving(handle(key, &s), &s)
        case .resize(let width, let height):
            s.width = width
            s.height = height
            keepSelectionVisible(&s)
        case .tick(let now):
            s.now = now
        case .saved(let slice, let items, let events, let warnings):
            keepingStandupSelection(&s) { saved(&$0, slice: slice, items: items, events: events, warnings: warnings) }
        case .saveFailed(let error):
            saveFailed(error, &s)
        case .editedOutside(let text): return editedOutside(text, &s)
        case .editorFailed(let error): s.message = Message(error.message, isError: true)
        case .readFailed(let error):
            // What was being read may be asked for again.
            s.pendingReads = []
            s.message = Message(error.message, isError: true)
        case .changedElsewhere(let slice, let events, let items):
            keepingStandupSelection(&s) { changedElsewhere(&$0, slice: slice, events: events, items: items) }
        case .detailLoaded(let number, let detail):
            if s.screen == .detail(number) { s.detail = detail }
        case .historyLoaded(let events):
            historyLoaded(events, &s)
        case .flowStepsLoaded(let steps):
            s.flowSteps = steps
            s.pendingReads.remove(.flowSteps)
            refreshInsights(&s)
        case .standupChanged(let running, let lastEnded):
            return standupChanged(running, lastEnded: lastEnded, &s)
        case .standupEnded(let record):
            standupEnded(record, &s)
        case .presenceChanged(let sessions):
            s.presence = sessions
        case .reachabilityChanged(let reachable):
            reachabilityChanged(reachable, &s)
        case .boardVanished:
            s.vanished = true
            s.message = Message(
                "The board file was deleted or replaced, so nothing more can be saved here; quit (q) and open the board again.",
                isError: true)
        case .opened(let session, let problems):
            s.session = session
            guard let first = problems.first else { break }
            let more = problems.count > 1 ? " (and \(problems.count - 1) more, all printed when you quit)" : ""
            s.message = Message(first + more, isError: true)
        case .scrollLimit(let limit):
            s.scrollLimit = limit
            if let limit { s.scroll = min(s.scroll, limit) }
        case .restoreDraft(let purpose, let text):
            s.overlay = .prompt(Prompt(purpose: purpose, editor: LineEditor(text, multiline: purpose.isMultiline)))
            let keys = s.keymap.labelled([(.submit, "saves it"), (.cancel, "discards it")], in: purpose.keyMode)
            s.message = Message("Your unsaved text from last time is back; \(keys.joined(separator: ", ")).")
        }
        return []
    }

    /// A key: overlays and stand-up dialogs first, then the command the keymap names.
    static func handle(_ key: Key, _ s: inout AppState) -> [Effect] {
        if s.overlay != nil { return overlayKey(&s, key) }
        if s.standup.confirmingEnd { return confirmEnd(key, &s) }
        if s.screen == .standupSetup { return setupKey(key, &s) }
        s.message = nil
        if case .click(let x, let y) = key { return click(x: x, y: y, &s) }
        guard let command = s.keymap.command(for: key, in: s.keyMode) else {
            s.message = Message("\(key.name) does nothing here; ? shows the keys.")
            return []
        }
        return run(command, &s)
    }

    /// This session's change, as stored: a new item is selected; otherwise the selection stays
    /// where the user has it now (on a slow link they may have moved on since the key).
    static func saved(_ s: inout AppState, slice: Board, items: [ItemNumber], events: [Event], warnings: [String]) {
        let followed = s.currentItem?.number
        s.unsavedBefore = nil
        s.merge(slice, changed: items)
        s.pendingPrompt = nil
        s.lastOwnChange = s.pendingUndo ? [] : (events.isEmpty ? s.lastOwnChange : events)
        let undone = s.pendingUndo
        s.pendingUndo = false
        let created = events.first { $0.change.kind == .itemCreated }?.change.item
        if let number = created ?? followed, s.board.items[number]?.archived == false { select(number, &s) }
        keepSelectionVisible(&s)
        record(events, &s)
        refreshInsights(&s)
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

    /// Someone else's change: the selection stays on the same item, wherever it went.
    static func changedElsewhere(_ s: inout AppState, slice: Board, events: [Event], items: [ItemNumber]) {
        let followed = s.currentItem?.number
        s.merge(slice, changed: events.compactMap(\.change.item) + items)
        if let followed { select(followed, &s) }
        if let last = events.last { s.message = Message(EventNarrator(board: s.board).sentence(last) + ".") }
        record(events, &s)
        keepSelectionVisible(&s)
        refreshInsights(&s)
    }

    /// A refused change: the text typed is never lost. A conflict on edited text opens the
    /// dialog with both versions; any other refusal reopens the prompt with the text.
    static func saveFailed(_ error: BatonError, _ s: inout AppState) {
        revertUnsaved(&s)
        s.message = Message(error.message, isError: true)
        s.pendingUndo = false
        guard let prompt = s.pendingPrompt else { return }
        s.pendingPrompt = nil
        s.overlay = .prompt(prompt)
        guard error.category == .conflict, let theirs = currentText(for: prompt.purpose, s.board) else { return }
        let item = s.board.items[prompt.purpose.item ?? 0]
        let by = item?.updatedBy.flatMap(s.board.member)?.handle ?? "someone"
        s.overlay = .conflict(Conflict(purpose: prompt.purpose, mine: prompt.editor.text, theirs: theirs, by: by))
        s.message = Message(
            "\(by) changed this while you were editing: \(conflictChoices(s.keymap, by: by)).", isError: true)
    }

    /// Marks the board offline in the header, or says it is back once the database answers again.
    static func reachabilityChanged(_ reachable: Bool, _ s: inout AppState) {
        guard s.unreachable == reachable else { return }
        s.unreachable = !reachable
        s.message =
            reachable
            ? Message("The database answers again; changes are saved, and others' changes show again.")
            : Message(
                "The database does not answer; changes cannot be saved until it does (typed text is kept). baton keeps trying by itself.",
                isError: true)
    }

    /// The text on the board now for an edit prompt's field.
    static func currentText(for purpose: PromptPurpose, _ board: Board) -> String? {
        switch purpose {
        case .editTitle(let n, _): return board.items[n]?.title
        case .editNotes(let n, _): return board.items[n]?.notes
        default: return nil
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
