import BatonCore
import Foundation

/// The screens of the app.
public enum AppScreen: Equatable, Sendable {
    case board, detail(ItemNumber), outcomes, help, flow, balance, archive
    case standupSetup, standup, standupSummary
}

/// What a prompt's text is for; also recorded with a draft so it can be offered back.
public enum PromptPurpose: Codable, Equatable, Sendable {
    case newItem(stage: StageID)
    /// Editing a title or notes that read `original` when the editor opened.
    case editTitle(ItemNumber, original: String)
    case editNotes(ItemNumber, original: String)
    case comment(ItemNumber)
    case blockReason(ItemNumber)
    case dueDate(ItemNumber)
    case filter
    case outcomeValue(OutcomeID)
    /// A new item owned by the stand-up's speaker.
    case actionItem(MemberID)

    /// The label shown before the text.
    public func label(on board: Board) -> String {
        switch self {
        case .newItem(let stage): return "New item in \(board.stage(stage)?.name ?? "the stage")"
        case .actionItem(let speaker): return "Action item for \(board.member(speaker)?.handle ?? "the speaker")"
        case .editTitle(let n, _): return "Title of #\(n)"
        case .editNotes(let n, _): return "Notes of #\(n)"
        case .comment(let n): return "Comment on #\(n)"
        case .blockReason(let n): return "#\(n) is blocked because"
        case .dueDate(let n): return "Due date of #\(n)"
        case .filter: return "Filter"
        case .outcomeValue(let id):
            let unit = board.outcome(id).map { $0.unit.isEmpty ? $0.metric : "\($0.metric), \($0.unit)" } ?? "value"
            return "New value (\(unit))"
        }
    }

    /// The item the prompt is about, if any.
    public var item: ItemNumber? {
        switch self {
        case .editTitle(let n, _), .editNotes(let n, _), .comment(let n), .blockReason(let n), .dueDate(let n): return n
        default: return nil
        }
    }

    /// Whether the text has several lines (the notes).
    public var isMultiline: Bool {
        if case .editNotes = self { return true }
        return false
    }

    /// The key mode of the prompt's editor.
    public var keyMode: KeyMode { isMultiline ? .notes : .prompt }

    /// What to type, shown under the prompt, with the keys `keymap` binds.
    public func hint(_ keymap: Keymap) -> String {
        let mode = keyMode
        let keys = keymap.footerHints([(.submit, "save"), (.cancel, "cancel")], in: mode)
        switch self {
        case .editNotes: return keys
        case .dueDate: return "YYYY-MM-DD, empty clears it · " + keys
        case .filter:
            return "words, @handle, kind:concern, outcome:2, blocked · "
                + keymap.footerHints([(.submit, "keep"), (.cancel, "undo")], in: mode)
        default:
            let editing = [Command.lineStart, .lineEnd, .deleteToEnd, .deleteToStart, .deleteWord]
                .compactMap { keymap.keys(for: $0, in: mode).first?.name }
            let ctrl = editing.count == 5 && editing.allSatisfy { $0.hasPrefix("ctrl-") && $0.count == 6 }
            return keys + (ctrl ? " · ctrl-" + editing.map { String($0.last!) }.joined(separator: "/") + " edit" : "")
        }
    }
}

/// A prompt with its line editor.
public struct Prompt: Equatable, Sendable {
    public var purpose: PromptPurpose
    public var editor: LineEditor
}

/// What a picker chooses.
public enum PickerPurpose: Equatable, Sendable {
    case owner(ItemNumber), involved(ItemNumber), kind(ItemNumber), outcome(ItemNumber)
    /// Whom this terminal acts as.
    case actAs
}

/// Someone else changed the text being edited: both versions, for the user to choose.
public struct Conflict: Equatable, Sendable {
    public var purpose: PromptPurpose
    public var mine: String
    public var theirs: String
    /// Who changed it, for the message.
    public var by: String
}

extension PickerPurpose {
    /// What the picker chooses, for its title.
    public var title: String {
        switch self {
        case .owner(let n): return "Owner of #\(n)"
        case .involved(let n): return "Involved in #\(n)"
        case .kind(let n): return "Kind of #\(n)"
        case .outcome(let n): return "Outcome #\(n) serves"
        case .actAs: return "Act as"
        }
    }
}

/// What choosing an entry of a picker stands for.
public enum PickerValue: Equatable, Sendable {
    case member(MemberID)
    case kind(ItemKind)
    /// An outcome to serve, or none.
    case outcome(OutcomeID?)
}

/// One entry of a picker: what it shows and what it stands for.
public struct PickerChoice: Equatable, Sendable {
    public var label: String
    public var value: PickerValue

    public init(_ label: String, _ value: PickerValue) {
        self.label = label
        self.value = value
    }
}

/// A list to choose from, filtered by typing.
public struct Picker: Equatable, Sendable {
    public var purpose: PickerPurpose
    public var choices: [PickerChoice]
    public var query = LineEditor()
    public var selected = 0

    /// The choices whose label contains the typed text, ignoring case.
    public var visible: [PickerChoice] {
        let q = query.text.lowercased()
        return q.isEmpty ? choices : choices.filter { $0.label.lowercased().contains(q) }
    }
}

/// Something drawn over the current screen that takes the keys.
public enum Overlay: Equatable, Sendable {
    case prompt(Prompt)
    case picker(Picker)
    case conflict(Conflict)
}

/// The one-line message under the board.
public struct Message: Equatable, Sendable {
    public var text: String
    public var isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

/// A read of the whole history that the state is waiting for.
public enum PendingRead: Hashable, Sendable {
    /// Since the last stand-up (`Effect.loadHistory`).
    case history
    /// Every flow step (`Effect.loadFlowSteps`).
    case flowSteps
}

/// An item's comments and history, loaded when its detail opens.
public struct ItemDetail: Equatable, Sendable {
    public var comments: [Comment]
    public var events: [Event]

    public init(comments: [Comment], events: [Event]) {
        self.comments = comments
        self.events = events
    }
}

/// Everything the UI knows; changed only by `update`.
public struct AppState: Sendable {
    /// The board; assigning it rebuilds every column, `merge(_:changed:)` only the changed items.
    public var board: Board {
        get { storedBoard }
        set {
            storedBoard = newValue
            rebuildColumns()
        }
    }
    var storedBoard: Board
    public var actor: Actor
    public var readOnly: Bool
    /// The database that holds the board does not answer: changes are refused until it does.
    public var unreachable = false
    public var keymap: Keymap
    public var screen: AppScreen = .board
    public var overlay: Overlay?
    public var message: Message?
    public var width: Int
    public var height: Int
    public var now: Date
    /// Index of the selected stage in `board.stages`.
    public var stageIndex = 0
    /// The selected item of each stage, by stage id.
    public var selectedItem: [StageID: ItemNumber] = [:]
    /// The first stage drawn (horizontal scroll) and the first row of each stage (vertical scroll).
    public var firstStage = 0
    public var firstRow: [StageID: Int] = [:]
    /// Scroll position of the detail, outcomes and help screens.
    public var scroll = 0
    /// The largest useful `scroll` of the screen as last drawn (`Msg.scrollLimit`).
    public internal(set) var scrollLimit: Int?
    public var outcomeIndex = 0
    public var filter = ItemFilter()
    /// The filter as it was when the filter prompt opened, restored by Esc.
    public var filterBeforeEdit = ""
    public var detail: ItemDetail?
    /// The events of this session's own last change, for undo.
    public var lastOwnChange: [Event] = []
    public var quitting = false
    /// A submitted prompt kept until its change is stored, so a refused change gives the text back.
    public var pendingPrompt: Prompt?
    /// The items as they were before a change that is shown but not yet saved.
    public var unsavedBefore: Board?
    /// True while an undo is being stored.
    public var pendingUndo = false
    /// This session's id in the presence list.
    public var session = ""
    /// The sessions that have the board open, this one included.
    public var presence: [Presence] = []
    /// The board file was deleted or replaced: nothing can be saved any more.
    public var vanished = false
    /// The board's history since the last stand-up, loaded when a stand-up feature needs it;
    /// kept up to date after.
    public var history: [Event]?
    /// Reads asked for and not answered yet, so that none is asked for twice.
    public internal(set) var pendingReads: Set<PendingRead> = []
    /// The flow steps of the whole history, loaded when a figure screen first opens; kept up to date after.
    public var flowSteps: [FlowStep]?
    /// Figures for the outcomes, flow and balance screens, recomputed when they change.
    public var insights = Insights()
    /// The board or its history changed since `insights` were computed.
    public var insightsStale = true
    /// The selected pairing gap on the balance screen.
    public var gapIndex = 0
    /// The stand-up: the running one, its setup, following, and the last summary.
    public var standup = StandupSession()
    /// How long an item may stay in a stage before its card shows its age as a warning.
    public var ageLimits = AgeLimits()
    /// Open items in active stages one person can carry before the balance screen flags it.
    public var personalLimit = 3
    /// The time zone days and weeks are counted in.
    public var timeZone = TimeZone.current
    /// The open items of each stage in display order, filtered: rebuilt when the board or filter changes.
    public internal(set) var columns: [StageID: [ItemNumber]] = [:]
    /// The archived items that match the filter, most recently archived first: rebuilt and
    /// kept up to date with `columns`.
    public internal(set) var archive: [ItemNumber] = []
    /// The selected row of the archive screen.
    public var archiveIndex = 0
    /// How the cards are grouped into lanes.
    public var lanes: LaneMode = .none
    /// With lanes on: rows of the lanes scrolled off the top.
    public var laneScroll = 0
    /// With lanes on: the bands, kept until the board, the filter, the size or the visible stages
    /// change, so that moving the selection costs no layout work.
    public internal(set) var laneLayout: LaneLayout?

    public init(
        board: Board, actor: Actor, readOnly: Bool = false, keymap: Keymap = .standard,
        width: Int, height: Int, now: Date, ageLimits: AgeLimits = AgeLimits(), personalLimit: Int = 3
    ) {
        storedBoard = board
        self.actor = actor
        self.readOnly = readOnly
        self.keymap = keymap
        self.width = width
        self.height = height
        self.now = now
        self.ageLimits = ageLimits
        self.personalLimit = personalLimit
        rebuildColumns()
    }

    public var currentStage: Stage? { board.stages.indices.contains(stageIndex) ? board.stages[stageIndex] : nil }

    /// The selected item, if the current stage shows any.
    public var currentItem: Item? {
        guard let stage = currentStage, let items = columns[stage.id], !items.isEmpty else { return nil }
        let number = selectedItem[stage.id].flatMap { items.contains($0) ? $0 : nil } ?? items[0]
        return board.items[number]
    }

    /// The item this session has selected or open, for the others' presence markers.
    public var focus: ItemNumber? {
        switch screen {
        case .board: return currentItem?.number
        case .detail(let number): return number
        default: return nil
        }
    }

    /// The item whose text this session is editing.
    public var editing: ItemNumber? {
        switch overlay {
        case .prompt(let prompt): return prompt.purpose.item
        case .conflict(let conflict): return conflict.purpose.item
        default: return nil
        }
    }

    /// The key mode of the current screen.
    public var keyMode: KeyMode {
        switch screen {
        case .board: return .board
        case .detail: return .detail
        case .outcomes: return .outcomes
        case .help: return .help
        case .flow: return .flow
        case .balance: return .balance
        case .archive: return .archive
        case .standupSetup: return .setup
        case .standup, .standupSummary: return .standup
        }
    }
}
