/// Named intents that keys are bound to; the help screen and key hints are generated from them.
public enum Command: String, CaseIterable, Sendable {
    case selectLeft = "select-left", selectRight = "select-right", selectUp = "select-up", selectDown = "select-down"
    case selectFirst = "select-first", selectLast = "select-last", pageUp = "page-up", pageDown = "page-down"
    case moveItemLeft = "move-item-left", moveItemRight = "move-item-right"
    case reorderUp = "reorder-up", reorderDown = "reorder-down"
    case newItem = "new-item", editTitle = "edit-title", editNotes = "edit-notes", setKind = "set-kind"
    case linkOutcome = "link-outcome", setDue = "set-due", addComment = "add-comment"
    case assignOwner = "assign-owner", assignInvolved = "assign-involved"
    case toggleBlocked = "toggle-blocked", toggleExpedite = "toggle-expedite", archiveItem = "archive-item", undo
    case openDetail = "open-detail", openOutcomes = "open-outcomes", help, filter, back, quit
    case recordValue = "record-value"
    case actAs = "act-as"
    case toggleLanes = "toggle-lanes"
    case openFlow = "open-flow", openBalance = "open-balance", showUnlinked = "show-unlinked"
    case openArchive = "open-archive", restoreItem = "restore-item"
    case openEditor = "open-editor", editNotesOutside = "edit-notes-outside"
    case startStandup = "start-standup", passBaton = "pass-baton", previousSpeaker = "previous-speaker"
    case pauseTimer = "pause-timer", endStandup = "end-standup", actionItem = "action-item"
    case toggleFollow = "toggle-follow", toggleChanged = "toggle-changed"
    case keepMine = "keep-mine", keepTheirs = "keep-theirs", keepBoth = "keep-both", editAgain = "edit-again"
    case confirm
    case toggleHere = "toggle-here", shuffleOrder = "shuffle-order", longerTurns = "longer-turns"
    case shorterTurns = "shorter-turns", beginStandup = "begin-standup"
    case submit, cancel, newLine = "new-line", cursorLeft = "cursor-left", cursorRight = "cursor-right"
    case lineStart = "line-start", lineEnd = "line-end", wordLeft = "word-left", wordRight = "word-right"
    case lineUp = "line-up", lineDown = "line-down", deleteBack = "delete-back", deleteForward = "delete-forward"
    case deleteToEnd = "delete-to-end", deleteToStart = "delete-to-start", deleteWord = "delete-word"

    /// Groups, in the order the help screen shows them.
    public enum Group: String, CaseIterable, Sendable {
        case navigate = "Navigate", move = "Move items", edit = "Edit items", people = "People", standup = "Stand-up"
        case screens = "Screens and more"
        case dialogs = "Dialogs"
        case typing = "Typing (prompts, notes, and the search in pickers)"
    }

    /// Everything known about a command, in one entry: its help group, one line for the help
    /// screen, a short label for the footer's key hints, and whether it changes the board (then
    /// a read-only board refuses it).
    public struct Entry: Sendable {
        public let group: Group
        public let help: String
        public let hint: String?
        public let edits: Bool

        init(_ group: Group, _ help: String, hint: String? = nil, edits: Bool = false) {
            self.group = group
            self.help = help
            self.hint = hint
            self.edits = edits
        }
    }

    /// The command's entry: every command has one (the compiler checks it).
    public var entry: Entry {
        switch self {
        case .selectLeft: return Entry(.navigate, "Select the stage to the left")
        case .selectRight: return Entry(.navigate, "Select the stage to the right")
        case .selectUp: return Entry(.navigate, "Select the item above (scroll up elsewhere)")
        case .selectDown: return Entry(.navigate, "Select the item below (scroll down elsewhere)")
        case .selectFirst: return Entry(.navigate, "Select the first item of the stage")
        case .selectLast: return Entry(.navigate, "Select the last item of the stage")
        case .pageUp: return Entry(.navigate, "Up one screen")
        case .pageDown: return Entry(.navigate, "Down one screen")
        case .moveItemLeft: return Entry(.move, "Move the item to the previous stage", hint: "move ←", edits: true)
        case .moveItemRight: return Entry(.move, "Move the item to the next stage", hint: "move →", edits: true)
        case .reorderUp: return Entry(.move, "Move the item up within its stage", edits: true)
        case .reorderDown: return Entry(.move, "Move the item down within its stage", edits: true)
        case .newItem: return Entry(.edit, "New item in the current stage", hint: "new", edits: true)
        case .editTitle: return Entry(.edit, "Edit the title", hint: "edit", edits: true)
        case .editNotes: return Entry(.edit, "Edit the notes (Ctrl-D saves)", edits: true)
        case .setKind: return Entry(.edit, "Set the kind: work, opportunity, concern, limitation", edits: true)
        case .linkOutcome: return Entry(.edit, "Link the item to the outcome it serves", edits: true)
        case .setDue: return Entry(.edit, "Set or clear the due date", edits: true)
        case .addComment: return Entry(.edit, "Add a comment", hint: "comment", edits: true)
        case .assignOwner: return Entry(.people, "Add or remove an owner (committed)", hint: "owner", edits: true)
        case .assignInvolved: return Entry(.people, "Add or remove an involved member", edits: true)
        case .toggleBlocked: return Entry(.edit, "Block (asks the reason) or unblock", hint: "block", edits: true)
        case .toggleExpedite: return Entry(.edit, "Toggle expedite: drawn first in its stage", edits: true)
        case .archiveItem: return Entry(.move, "Archive the item (undo brings it back)", edits: true)
        case .undo: return Entry(.move, "Undo your own last change", hint: "undo", edits: true)
        case .openDetail: return Entry(.screens, "Open the item: fields, notes, comments, history", hint: "open")
        case .openOutcomes: return Entry(.screens, "Outcomes: progress towards the goals", hint: "outcomes")
        case .help: return Entry(.screens, "This help", hint: "help")
        case .filter: return Entry(.screens, "Filter: text, @handle, kind:K, outcome:N, blocked", hint: "filter")
        case .back: return Entry(.screens, "Back out of a screen or prompt", hint: "back")
        case .quit: return Entry(.screens, "Quit", hint: "quit")
        case .recordValue:
            return Entry(.screens, "Record a new current value of the outcome", hint: "record", edits: true)
        case .actAs: return Entry(.people, "Choose whom this terminal acts as (shared terminals)")
        case .toggleLanes:
            return Entry(.screens, "Lanes: none, by outcome, by kind (expedite always on top)", hint: "lanes")
        case .openFlow:
            return Entry(.screens, "Flow: cumulative flow diagram, throughput, cycle time, ages", hint: "flow")
        case .openBalance:
            return Entry(
                .screens, "Balance: business and IT owners per stage, pairing gaps, load per person", hint: "balance")
        case .openArchive:
            return Entry(.screens, "Archive: the archived items, last archived first, to restore", hint: "archive")
        case .restoreItem:
            return Entry(.move, "Archive: bring the selected item back to its stage", hint: "restore", edits: true)
        case .openEditor:
            return Entry(.typing, "Write the text in your own editor ($VISUAL, else $EDITOR)", hint: "editor")
        case .editNotesOutside:
            return Entry(
                .edit, "Edit the notes in your own editor ($VISUAL, else $EDITOR)", hint: "editor", edits: true)
        case .showUnlinked:
            return Entry(.screens, "Show the active items that serve no outcome, to link them", hint: "unlinked")
        case .startStandup:
            return Entry(.standup, "Start a stand-up, or go back to the running one", hint: "stand-up", edits: true)
        case .passBaton: return Entry(.standup, "Pass the baton to the next speaker", hint: "next", edits: true)
        case .previousSpeaker: return Entry(.standup, "Back to the previous speaker", hint: "back", edits: true)
        case .pauseTimer: return Entry(.standup, "Pause or resume the speaker's timer", hint: "pause", edits: true)
        case .endStandup:
            return Entry(.standup, "End the stand-up (asks first) and show its summary", hint: "end", edits: true)
        case .actionItem: return Entry(.standup, "Add an action item owned by the speaker", hint: "action", edits: true)
        case .toggleFollow:
            return Entry(.standup, "Follow the facilitator's stand-up, or stop following", hint: "follow")
        case .toggleChanged: return Entry(.standup, "Mark the items changed since the last stand-up", hint: "changed")
        case .keepMine: return Entry(.dialogs, "Someone changed what you edited: save yours over theirs", hint: "mine")
        case .keepTheirs:
            return Entry(.dialogs, "Someone changed what you edited: keep theirs, drop yours", hint: "theirs")
        case .keepBoth: return Entry(.dialogs, "Someone changed what you edited: keep both, theirs first", hint: "both")
        case .editAgain: return Entry(.dialogs, "Someone changed what you edited: edit yours again", hint: "edit")
        case .confirm:
            return Entry(.dialogs, "Yes to a question such as ending the stand-up (any other key says no)", hint: "yes")
        case .toggleHere: return Entry(.standup, "Setting up: who is here speaks, or not", hint: "here")
        case .shuffleOrder: return Entry(.standup, "Setting up: shuffle the speaking order", hint: "shuffle")
        case .longerTurns: return Entry(.standup, "Setting up: 15 seconds more per turn", hint: "longer")
        case .shorterTurns: return Entry(.standup, "Setting up: 15 seconds less per turn", hint: "shorter")
        case .beginStandup: return Entry(.standup, "Setting up: start the stand-up", hint: "start", edits: true)
        case .submit: return Entry(.typing, "Save the text, or take the chosen entry", hint: "save")
        case .cancel: return Entry(.typing, "Cancel: close without saving anything", hint: "cancel")
        case .newLine: return Entry(.typing, "Notes: a new line")
        case .cursorLeft: return Entry(.typing, "Cursor one character left")
        case .cursorRight: return Entry(.typing, "Cursor one character right")
        case .lineStart: return Entry(.typing, "Cursor to the start of the line")
        case .lineEnd: return Entry(.typing, "Cursor to the end of the line")
        case .wordLeft: return Entry(.typing, "Cursor one word left")
        case .wordRight: return Entry(.typing, "Cursor one word right")
        case .lineUp: return Entry(.typing, "Notes: cursor one line up")
        case .lineDown: return Entry(.typing, "Notes: cursor one line down")
        case .deleteBack: return Entry(.typing, "Delete the character before the cursor")
        case .deleteForward: return Entry(.typing, "Delete the character under the cursor")
        case .deleteToEnd: return Entry(.typing, "Delete to the end of the line")
        case .deleteToStart: return Entry(.typing, "Delete to the start of the line")
        case .deleteWord: return Entry(.typing, "Delete the word before the cursor")
        }
    }

    public var group: Group { entry.group }

    /// Where a command that only a dialog, the stand-up's setup or a prompt answers does
    /// something; nil for the commands of screens.
    public var onlyIn: String? {
        switch (self, group) {
        case (_, .dialogs): return "dialogs"
        case (_, .typing): return "prompts and pickers"
        case (.toggleHere, _), (.shuffleOrder, _), (.longerTurns, _), (.shorterTurns, _), (.beginStandup, _):
            return "the stand-up's setup"
        default: return nil
        }
    }

    /// One line for the help screen.
    public var help: String { entry.help }

    /// A short label for the footer's key hints (the command's name unless it has a shorter one).
    public var hint: String { entry.hint ?? rawValue }

    /// Whether the command changes the board.
    public var edits: Bool { entry.edits }
}
