/// A key press, decoded by the terminal backend.
public enum Key: Hashable, Sendable {
    case character(Character)
    case ctrl(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case shiftUp, shiftDown, shiftLeft, shiftRight, ctrlLeft, ctrlRight
    /// Alt (or Esc) followed by a character.
    case alt(Character)
    case function(Int)
    /// Text pasted in one go (bracketed paste).
    case paste(String)
    /// A left mouse click at a cell.
    case click(x: Int, y: Int)

    /// The key's name in key files and help: `a`, `A`, `ctrl-k`, `enter`, `shift-left`, `f1`, `space`.
    public var name: String {
        switch self {
        case .character(" "): return "space"
        case .character(let c): return String(c)
        case .ctrl(let c): return "ctrl-\(c)"
        case .alt(let c): return "alt-\(c)"
        case .function(let n): return "f\(n)"
        case .paste: return "paste"
        case .click: return "click"
        default: return Key.displayNames[self] ?? "?"
        }
    }

    /// The name as footers show it: a single character as it is, any other in ‹›.
    public var label: String { name.count == 1 ? name : "‹\(name)›" }

    /// Parses a key name as written in key files; `nil` for an unknown name.
    public init?(name: String) {
        if let key = Key.names[name.lowercased()] {
            self = key
            return
        }
        if name == "space" {
            self = .character(" ")
            return
        }
        if name.lowercased().hasPrefix("ctrl-"), name.count == 6, let c = name.last?.lowercased().first {
            self = .ctrl(c)
            return
        }
        if name.lowercased().hasPrefix("alt-"), name.count == 5, let c = name.last {
            self = .alt(c)
            return
        }
        if name.lowercased().hasPrefix("f"), let n = Int(name.dropFirst()), (1...12).contains(n) {
            self = .function(n)
            return
        }
        guard name.count == 1, let c = name.first else { return nil }
        self = .character(c)
    }

    /// One name per named key, for help and hints.
    static let displayNames: [Key: String] = {
        var names: [Key: String] = [:]
        for (name, key) in Key.names where names[key] == nil || name.count < names[key]!.count { names[key] = name }
        return names
    }()

    static let names: [String: Key] = [
        "enter": .enter, "esc": .escape, "escape": .escape, "tab": .tab, "backtab": .backTab,
        "backspace": .backspace, "delete": .delete, "up": .up, "down": .down, "left": .left, "right": .right,
        "home": .home, "end": .end, "pageup": .pageUp, "pagedown": .pageDown, "shift-up": .shiftUp,
        "shift-down": .shiftDown, "shift-left": .shiftLeft, "shift-right": .shiftRight,
        "ctrl-left": .ctrlLeft, "ctrl-right": .ctrlRight,
    ]
}
