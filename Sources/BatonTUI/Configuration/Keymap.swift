/// The screens and dialogs keys are bound in. A key a screen's own mode does not bind falls
/// back to `generic`; a dialog's mode has no fallback (a dialog answers only its own keys).
public enum KeyMode: String, CaseIterable, Sendable {
    case generic, board, detail, outcomes, help, flow, balance, archive, standup
    /// The stand-up's setup: who is here, the order, the turn length.
    case setup
    /// Someone else changed the text being edited.
    case conflict
    /// A yes-or-no question, such as ending the stand-up.
    case confirm
    /// A one-line prompt: keys it does not bind are typed.
    case prompt
    /// The notes editor (several lines); falls back to `prompt`.
    case notes
    /// A list to choose from, searched by typing; falls back to `prompt` for the search.
    case picker

    /// The mode whose bindings apply where this one has none: `generic` for screens, `prompt`
    /// for the other text modes, none for dialogs and the setup (they answer only their keys).
    public var fallback: KeyMode? {
        switch self {
        case .board, .detail, .outcomes, .help, .flow, .balance, .archive, .standup: return .generic
        case .notes, .picker: return .prompt
        case .generic, .setup, .conflict, .confirm, .prompt: return nil
        }
    }

    /// Whether keys the mode does not bind are typed as text.
    public var takesText: Bool { self == .prompt || self == .notes || self == .picker }
}

/// Which key runs which command in which mode; defaults plus the user's `keys` file.
public struct Keymap: Equatable, Sendable {
    public private(set) var bindings: [KeyMode: [Key: Command]] {
        didSet { keysByCommand = Self.keysByCommand(bindings) }
    }
    /// For each mode, the keys that run each command there (its fallback's included), sorted:
    /// the footer and help read it on every frame.
    private var keysByCommand: [KeyMode: [Command: [Key]]]

    /// The default bindings.
    public static let standard: Keymap = {
        var bindings: [KeyMode: [Key: Command]] = [:]
        for (mode, list) in screenDefaults + textDefaults {
            for (name, command) in list { bindings[mode, default: [:]][Key(name: name)!] = command }
        }
        return Keymap(bindings: bindings)
    }()

    /// The default keys of the screens and dialogs, mode by mode.
    static var screenDefaults: [(KeyMode, [(String, Command)])] {
        let everywhere: [(String, Command)] = [
            ("?", .help), ("q", .quit), ("esc", .back), ("O", .openOutcomes), ("/", .filter), ("@", .actAs),
            ("F", .openFlow), ("B", .openBalance), ("A", .openArchive),
        ]
        let scrolling: [(String, Command)] = [
            ("up", .selectUp), ("k", .selectUp), ("down", .selectDown), ("j", .selectDown),
            ("pageup", .pageUp), ("pagedown", .pageDown), ("g", .selectFirst), ("G", .selectLast),
        ]
        let item: [(String, Command)] = [
            ("e", .editTitle), ("E", .editNotes), ("T", .setKind), ("o", .linkOutcome), ("D", .setDue),
            ("c", .addComment), ("a", .assignOwner), ("i", .assignInvolved), ("b", .toggleBlocked),
            ("x", .toggleExpedite), ("u", .undo), ("H", .moveItemLeft), ("L", .moveItemRight),
            ("shift-left", .moveItemLeft), ("shift-right", .moveItemRight), ("V", .editNotesOutside),
        ]
        let board: [(String, Command)] = [
            ("left", .selectLeft), ("h", .selectLeft), ("right", .selectRight), ("l", .selectRight),
            ("home", .selectFirst), ("end", .selectLast), ("J", .reorderDown), ("K", .reorderUp),
            ("shift-down", .reorderDown), ("shift-up", .reorderUp), ("n", .newItem), ("enter", .openDetail),
            ("d", .archiveItem), ("v", .toggleLanes), ("S", .startStandup), ("C", .toggleChanged),
            ("f", .toggleFollow),
        ]
        let standup: [(String, Command)] = [
            ("space", .passBaton), ("tab", .passBaton), ("n", .passBaton), ("p", .previousSpeaker), ("z", .pauseTimer),
            ("E", .endStandup), ("a", .actionItem), ("f", .toggleFollow), ("b", .toggleBlocked), ("c", .addComment),
            ("H", .moveItemLeft), ("L", .moveItemRight), ("enter", .openDetail), ("S", .startStandup),
        ]
        return [
            (.generic, everywhere + scrolling), (.board, board + item), (.detail, item),
            (.outcomes, [("v", .recordValue), ("enter", .recordValue), ("l", .showUnlinked)]),
            (.standup, standup), (.balance, [("enter", .openDetail), ("l", .showUnlinked), ("a", .assignOwner)]),
            (.archive, [("r", .restoreItem), ("enter", .restoreItem), ("u", .undo)]),
            (
                .conflict,
                [("m", .keepMine), ("t", .keepTheirs), ("b", .keepBoth), ("e", .editAgain), ("esc", .editAgain)]
            ),
            (.confirm, [("y", .confirm)]),
        ]
    }

    /// The default keys of the stand-up's setup and of the text modes.
    static var textDefaults: [(KeyMode, [(String, Command)])] {
        let setup: [(String, Command)] = [
            ("up", .selectUp), ("k", .selectUp), ("down", .selectDown), ("j", .selectDown), ("space", .toggleHere),
            ("x", .toggleHere), ("s", .shuffleOrder), ("+", .longerTurns), ("-", .shorterTurns),
            ("enter", .beginStandup), ("esc", .cancel), ("q", .cancel),
        ]
        let prompt: [(String, Command)] = [
            ("enter", .submit), ("esc", .cancel), ("left", .cursorLeft), ("ctrl-b", .cursorLeft),
            ("right", .cursorRight), ("ctrl-f", .cursorRight), ("home", .lineStart), ("ctrl-a", .lineStart),
            ("end", .lineEnd), ("ctrl-e", .lineEnd), ("alt-b", .wordLeft), ("ctrl-left", .wordLeft),
            ("alt-f", .wordRight), ("ctrl-right", .wordRight), ("backspace", .deleteBack), ("ctrl-h", .deleteBack),
            ("delete", .deleteForward), ("ctrl-k", .deleteToEnd), ("ctrl-u", .deleteToStart), ("ctrl-w", .deleteWord),
            ("ctrl-x", .openEditor),
        ]
        return [
            (.setup, setup), (.prompt, prompt),
            (.notes, [("ctrl-d", .submit), ("enter", .newLine), ("up", .lineUp), ("down", .lineDown)]),
            (.picker, [("up", .selectUp), ("down", .selectDown)]),
        ]
    }

    public init(bindings: [KeyMode: [Key: Command]]) {
        self.bindings = bindings
        keysByCommand = Self.keysByCommand(bindings)
    }

    public mutating func bind(_ mode: KeyMode, _ key: Key, _ command: Command) {
        bindings[mode, default: [:]][key] = command
    }

    /// The command `key` runs in `mode`, if any: the mode's own binding, else the generic one
    /// (for modes that fall back).
    public func command(for key: Key, in mode: KeyMode) -> Command? {
        bindings[mode]?[key] ?? mode.fallback.flatMap { command(for: key, in: $0) }
    }

    /// The keys that run `command` in `mode`, its own and its fallback's that it does not override,
    /// in a stable order for help and hints.
    public func keys(for command: Command, in mode: KeyMode) -> [Key] {
        keysByCommand[mode]?[command] ?? []
    }

    private static func keysByCommand(_ bindings: [KeyMode: [Key: Command]]) -> [KeyMode: [Command: [Key]]] {
        var index: [KeyMode: [Command: [Key]]] = [:]
        for mode in KeyMode.allCases {
            let applying = effective(bindings, in: mode)
            index[mode] = Dictionary(grouping: applying.keys) { applying[$0]! }.mapValues(sorted)
        }
        return index
    }

    /// Every binding that applies in `mode`: its own over those of its fallback.
    private static func effective(_ bindings: [KeyMode: [Key: Command]], in mode: KeyMode) -> [Key: Command] {
        var applying = mode.fallback.map { effective(bindings, in: $0) } ?? [:]
        applying.merge(bindings[mode] ?? [:]) { _, own in own }
        return applying
    }

    /// The keys bound to `command` by `mode` itself, without the generic fallback: each binding
    /// once, for listings.
    public func ownKeys(for command: Command, in mode: KeyMode) -> [Key] {
        Self.sorted((bindings[mode] ?? [:]).filter { $0.value == command }.map(\.key))
    }

    /// `KEY what` for each command bound in `mode` (its first key), such as `m keep mine`, for
    /// messages and dialogs that name their keys.
    public func labelled(
        _ choices: [(Command, String)], in mode: KeyMode, naming name: (Key) -> String = \.name
    ) -> [String] {
        choices.compactMap { command, what in keys(for: command, in: mode).first.map { "\(name($0)) \(what)" } }
    }

    /// `‹KEY› what` for each command bound in `mode` (its first key), two spaces apart, as
    /// footers show them, such as `‹enter› save  ‹esc› cancel`.
    public func footerHints(_ choices: [(Command, String)], in mode: KeyMode) -> String {
        labelled(choices, in: mode, naming: \.label).joined(separator: "  ")
    }

    private static func sorted(_ keys: [Key]) -> [Key] {
        keys.sorted { $0.name.sortKey < $1.name.sortKey }
    }
}

extension String {
    /// Single letters first (lowercase before uppercase), then named keys.
    var sortKey: String { (count == 1 ? "0" : "1") + self }
}
