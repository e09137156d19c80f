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
    case startStandup = "start-standup", passBaton = "pass-baton", previousSpeaker = "previous-speaker"
    case pauseTimer = "pause-timer", endStandup = "end-standup", actionItem = "action-item"
    case toggleFollow = "toggle-follow", toggleChanged = "toggle-changed"

    /// Groups, in the order the help screen shows them.
    public enum Group: String, CaseIterable, Sendable {
        case navigate = "Navigate", move = "Move items", edit = "Edit items", people = "People", standup = "Stand-up"
        case screens = "Screens and more"
    }

    public var group: Group {
        switch self {
        case .selectLeft, .selectRight, .selectUp, .selectDown, .selectFirst, .selectLast, .pageUp, .pageDown: return .navigate
        case .moveItemLeft, .moveItemRight, .reorderUp, .reorderDown, .archiveItem, .undo: return .move
        case .newItem, .editTitle, .editNotes, .setKind, .linkOutcome, .setDue, .addComment, .toggleBlocked, .toggleExpedite: return .edit
        case .assignOwner, .assignInvolved, .actAs: return .people
        case .startStandup, .passBaton, .previousSpeaker, .pauseTimer, .endStandup, .actionItem, .toggleFollow, .toggleChanged:
            return .standup
        case .openDetail, .openOutcomes, .help, .filter, .back, .quit, .recordValue, .toggleLanes, .openFlow, .openBalance,
             .showUnlinked: return .screens
        }
    }

    /// One line for the help screen.
    public var help: String {
        switch self {
        case .selectLeft: return "Select the stage to the left"
        case .selectRight: return "Select the stage to the right"
        case .selectUp: return "Select the item above (scroll up elsewhere)"
        case .selectDown: return "Select the item below (scroll down elsewhere)"
        case .selectFirst: return "Select the first item of the stage"
        case .selectLast: return "Select the last item of the stage"
        case .pageUp: return "Up one screen"
        case .pageDown: return "Down one screen"
        case .moveItemLeft: return "Move the item to the previous stage"
        case .moveItemRight: return "Move the item to the next stage"
        case .reorderUp: return "Move the item up within its stage"
        case .reorderDown: return "Move the item down within its stage"
        case .newItem: return "New item in the current stage"
        case .editTitle: return "Edit the title"
        case .editNotes: return "Edit the notes (Ctrl-D saves)"
        case .setKind: return "Set the kind: work, opportunity, concern, limitation"
        case .linkOutcome: return "Link the item to the outcome it serves"
        case .setDue: return "Set or clear the due date"
        case .addComment: return "Add a comment"
        case .assignOwner: return "Add or remove an owner (committed)"
        case .assignInvolved: return "Add or remove an involved member"
        case .toggleBlocked: return "Block (asks the reason) or unblock"
        case .toggleExpedite: return "Toggle expedite: drawn first in its stage"
        case .archiveItem: return "Archive the item (undo brings it back)"
        case .undo: return "Undo your own last change"
        case .openDetail: return "Open the item: fields, notes, comments, history"
        case .openOutcomes: return "Outcomes: progress towards the goals"
        case .help: return "This help"
        case .filter: return "Filter: text, @handle, kind:K, outcome:N, blocked"
        case .back: return "Back out of a screen or prompt"
        case .quit: return "Quit"
        case .recordValue: return "Record a new current value of the outcome"
        case .actAs: return "Choose whom this terminal acts as (shared terminals)"
        case .toggleLanes: return "Lanes: none, by outcome, by kind (expedite always on top)"
        case .openFlow: return "Flow: cumulative flow diagram, throughput, cycle time, ages"
        case .openBalance: return "Balance: business and IT owners per stage, pairing gaps, load per person"
        case .showUnlinked: return "Show the active items that serve no outcome, to link them"
        case .startStandup: return "Start a stand-up, or go back to the running one"
        case .passBaton: return "Pass the baton to the next speaker"
        case .previousSpeaker: return "Back to the previous speaker"
        case .pauseTimer: return "Pause or resume the speaker's timer"
        case .endStandup: return "End the stand-up (asks first) and show its summary"
        case .actionItem: return "Add an action item owned by the speaker"
        case .toggleFollow: return "Follow the facilitator's stand-up, or stop following"
        case .toggleChanged: return "Mark the items changed since the last stand-up"
        }
    }

    /// A short label for the footer's key hints.
    public var hint: String {
        switch self {
        case .newItem: return "new"
        case .openDetail: return "open"
        case .moveItemLeft: return "move ←"
        case .moveItemRight: return "move →"
        case .toggleBlocked: return "block"
        case .assignOwner: return "owner"
        case .filter: return "filter"
        case .openOutcomes: return "outcomes"
        case .help: return "help"
        case .quit: return "quit"
        case .back: return "back"
        case .undo: return "undo"
        case .recordValue: return "record"
        case .toggleLanes: return "lanes"
        case .openFlow: return "flow"
        case .openBalance: return "balance"
        case .showUnlinked: return "unlinked"
        case .startStandup: return "stand-up"
        case .passBaton: return "next"
        case .previousSpeaker: return "back"
        case .pauseTimer: return "pause"
        case .endStandup: return "end"
        case .actionItem: return "action"
        case .toggleFollow: return "follow"
        case .toggleChanged: return "changed"
        case .addComment: return "comment"
        case .editTitle: return "edit"
        default: return rawValue
        }
    }
}
