/// The screens keys are bound in.
public enum KeyMode: String, CaseIterable, Sendable {
    case board, detail, outcomes, help, flow, balance, standup
}

/// Which key runs which command in which mode; defaults plus the user's `keys` file.
public struct Keymap: Equatable, Sendable {
    public private(set) var bindings: [KeyMode: [Key: Command]]

    /// The default bindings.
    public static let standard: Keymap = {
        var map = Keymap(bindings: [:])
        let everywhere: [(String, Command)] = [("?", .help), ("q", .quit), ("esc", .back), ("O", .openOutcomes), ("/", .filter), ("@", .actAs),
                                               ("F", .openFlow), ("B", .openBalance)]
        let item: [(String, Command)] = [
            ("e", .editTitle), ("E", .editNotes), ("T", .setKind), ("o", .linkOutcome), ("D", .setDue), ("c", .addComment),
            ("a", .assignOwner), ("i", .assignInvolved), ("b", .toggleBlocked), ("x", .toggleExpedite), ("u", .undo),
            ("H", .moveItemLeft), ("L", .moveItemRight), ("shift-left", .moveItemLeft), ("shift-right", .moveItemRight),
        ]
        let board: [(String, Command)] = [
            ("left", .selectLeft), ("h", .selectLeft), ("right", .selectRight), ("l", .selectRight),
            ("up", .selectUp), ("k", .selectUp), ("down", .selectDown), ("j", .selectDown),
            ("g", .selectFirst), ("home", .selectFirst), ("G", .selectLast), ("end", .selectLast),
            ("pageup", .pageUp), ("pagedown", .pageDown), ("J", .reorderDown), ("K", .reorderUp),
            ("shift-down", .reorderDown), ("shift-up", .reorderUp), ("n", .newItem), ("enter", .openDetail), ("d", .archiveItem),
            ("v", .toggleLanes), ("S", .startStandup), ("C", .toggleChanged), ("f", .toggleFollow),
        ]
        let scrolling: [(String, Command)] = [
            ("up", .selectUp), ("k", .selectUp), ("down", .selectDown), ("j", .selectDown),
            ("pageup", .pageUp), ("pagedown", .pageDown), ("g", .selectFirst), ("G", .selectLast),
        ]
        for (name, command) in everywhere + board + item { map.bind(.board, Key(name: name)!, command) }
        for (name, command) in everywhere + scrolling + item { map.bind(.detail, Key(name: name)!, command) }
        for (name, command) in everywhere + scrolling + [("v", .recordValue), ("enter", .recordValue), ("l", .showUnlinked)] {
            map.bind(.outcomes, Key(name: name)!, command)
        }
        for (name, command) in everywhere + scrolling { map.bind(.flow, Key(name: name)!, command) }
        let standup: [(String, Command)] = [
            ("space", .passBaton), ("tab", .passBaton), ("n", .passBaton), ("p", .previousSpeaker), ("z", .pauseTimer),
            ("E", .endStandup), ("a", .actionItem), ("f", .toggleFollow), ("b", .toggleBlocked), ("c", .addComment),
            ("H", .moveItemLeft), ("L", .moveItemRight), ("enter", .openDetail), ("S", .startStandup),
        ]
        for (name, command) in everywhere + scrolling + standup { map.bind(.standup, Key(name: name)!, command) }
        for (name, command) in everywhere + scrolling + [("enter", .openDetail), ("l", .showUnlinked), ("a", .assignOwner)] {
            map.bind(.balance, Key(name: name)!, command)
        }
        for (name, command) in everywhere + scrolling { map.bind(.help, Key(name: name)!, command) }
        return map
    }()

    public init(bindings: [KeyMode: [Key: Command]]) {
        self.bindings = bindings
    }

    public mutating func bind(_ mode: KeyMode, _ key: Key, _ command: Command) {
        bindings[mode, default: [:]][key] = command
    }

    /// The command `key` runs in `mode`, if any.
    public func command(for key: Key, in mode: KeyMode) -> Command? {
        bindings[mode]?[key]
    }

    /// The keys bound to `command` in `mode`, in a stable order for help and hints.
    public func keys(for command: Command, in mode: KeyMode) -> [Key] {
        (bindings[mode] ?? [:]).filter { $0.value == command }.map(\.key).sorted { $0.name.sortKey < $1.name.sortKey }
    }
}

extension String {
    /// Single letters first (lowercase before uppercase), then named keys.
    var sortKey: String { (count == 1 ? "0" : "1") + self }
}
