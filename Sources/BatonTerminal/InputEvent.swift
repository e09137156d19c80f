import BatonTUI
import CNcursesw

/// What the terminal's input said.
public enum InputEvent: Equatable, Sendable {
    /// A key press (or a bracketed paste, as `.paste`).
    case key(Key)
    /// The terminal changed size.
    case resize
    /// Standard input ended (EOF, or EIO after a hang-up): the app should save and exit.
    case endOfInput
}

/// One value from `wget_wch`: a curses key code (`KEY_CODE_YES`) or a character code.
public struct RawInput: Equatable, Sendable {
    /// True for a curses key code (`KEY_UP` ...), false for a character.
    public var isKeyCode: Bool
    /// The key code or the Unicode scalar value.
    public var code: UInt32

    /// A raw value as `wget_wch` reported it.
    public init(isKeyCode: Bool, code: UInt32) {
        self.isKeyCode = isKeyCode
        self.code = code
    }
}

/// The curses key codes the decoder knows, and what they mean.
public struct KeyCodes: Sendable {
    /// Curses key codes and their keys.
    public var keys: [UInt32: Key]
    /// The code curses reports after a resize (`KEY_RESIZE`).
    public var resize: UInt32

    /// The codes of ncurses' fixed key constants, plus the usual shifted up/down codes
    /// (`KEY_SR` 337, `KEY_SF` 336).
    public static let standard: KeyCodes = {
        var keys: [UInt32: Key] = [:]
        let fixed: [(Int32, Key)] = [
            (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
            (KEY_HOME, .home), (KEY_END, .end), (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown),
            (KEY_DC, .delete), (KEY_BACKSPACE, .backspace), (KEY_BTAB, .backTab), (KEY_ENTER, .enter),
            (KEY_SLEFT, .shiftLeft), (KEY_SRIGHT, .shiftRight), (KEY_SR, .shiftUp), (KEY_SF, .shiftDown),
            (KEY_A1, .home), (KEY_C1, .end), (KEY_A3, .pageUp), (KEY_C3, .pageDown),
        ]
        for (code, key) in fixed { keys[UInt32(code)] = key }
        for n in 1...12 { keys[UInt32(KEY_F0) + UInt32(n)] = .function(n) }
        return KeyCodes(keys: keys, resize: UInt32(KEY_RESIZE))
    }()

    /// `standard`, plus the codes the current terminal's description gives to shifted arrows
    /// (`kUP`, `kDN`, `kLFT`, `kRIT`). Call after `Screen.start()`.
    public static func current() -> KeyCodes {
        var codes = standard
        let extended: [(String, Key)] = [
            ("kUP", .shiftUp), ("kDN", .shiftDown), ("kLFT", .shiftLeft), ("kRIT", .shiftRight),
        ]
        for (name, key) in extended {
            let code = key_defined(name)
            if code > 0 { codes.keys[UInt32(code)] = key }
        }
        return codes
    }
}
