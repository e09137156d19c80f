import BatonTUI

/// Turns raw terminal input into events: characters (grapheme clusters, also wide ones),
/// control keys, curses key codes, escape sequences curses did not decode, bracketed paste.
///
/// `decode` is pure; `read(from:inputReady:)` feeds it from curses. A paste split over several
/// reads is kept until its end marker arrives.
public struct InputDecoder: Sendable {
    /// The key codes to recognise (use `KeyCodes.current()` once the screen started).
    public var keyCodes: KeyCodes
    /// Text of a bracketed paste whose end marker has not arrived yet.
    private var pendingPaste: [Unicode.Scalar]?

    /// A decoder for `keyCodes`.
    public init(keyCodes: KeyCodes = .standard) {
        self.keyCodes = keyCodes
    }

    /// Decodes one batch of raw input (everything read in one go).
    ///
    /// ESC alone is `.escape`; ESC followed by a character is `.alt(character)`, so it never
    /// triggers the key's own command; CSI/SS3 sequences map to keys or are dropped.
    public mutating func decode(_ raw: [RawInput]) -> [InputEvent] {
        var parser = InputParser(raw: raw, keyCodes: keyCodes, paste: pendingPaste)
        parser.run()
        pendingPaste = parser.paste
        return parser.events
    }
}

/// The state of decoding one batch.
struct InputParser {
    let raw: [RawInput]
    let keyCodes: KeyCodes
    var paste: [Unicode.Scalar]?
    var index = 0
    var events: [InputEvent] = []
    private var text = String.UnicodeScalarView()

    /// A paste is delivered in parts beyond this many scalars.
    static let pasteLimit = 1 << 20

    init(raw: [RawInput], keyCodes: KeyCodes, paste: [Unicode.Scalar]?) {
        self.raw = raw
        self.keyCodes = keyCodes
        self.paste = paste
    }

    mutating func run() {
        while index < raw.count {
            let item = raw[index]
            index += 1
            if paste != nil {
                pasteStep(item)
            } else if item.isKeyCode {
                flushText()
                keyCode(item.code)
            } else {
                character(item.code)
            }
        }
        flushText()
    }

    private mutating func character(_ code: UInt32) {
        guard let scalar = Unicode.Scalar(code), !Self.isControl(code) else {
            flushText()
            if code == 27 { escape() } else { control(code) }
            return
        }
        text.append(scalar)
    }

    /// C0, DEL and C1 codes.
    static func isControl(_ code: UInt32) -> Bool {
        code < 0x20 || (0x7F..<0xA0).contains(code)
    }

    private mutating func flushText() {
        guard !text.isEmpty else { return }
        for character in String(text) { events.append(.key(.character(character))) }
        text = String.UnicodeScalarView()
    }

    private mutating func keyCode(_ code: UInt32) {
        if code == keyCodes.resize {
            events.append(.resize)
        } else if let key = keyCodes.keys[code] {
            events.append(.key(key))
        }
    }

    private mutating func control(_ code: UInt32) {
        switch code {
        case 13, 10: events.append(.key(.enter))
        case 9: events.append(.key(.tab))
        case 8, 127: events.append(.key(.backspace))
        case 0: events.append(.key(.ctrl("@")))
        case 1...26: events.append(.key(.ctrl(Character(Unicode.Scalar(UInt8(96 + code))))))
        case 28...31: events.append(.key(.ctrl(Character(Unicode.Scalar(UInt8(64 + code))))))
        default: break
        }
    }

    /// The character code at `offset` past the current position, nil for a key code or the end.
    func peek(_ offset: Int = 0) -> UInt32? {
        let position = index + offset
        guard position < raw.count, !raw[position].isKeyCode else { return nil }
        return raw[position].code
    }

    /// After ESC: a lone escape, a CSI or SS3 sequence, or an Alt chord.
    private mutating func escape() {
        guard let next = peek(), next != 27 else {
            events.append(.key(.escape))
            return
        }
        index += 1
        switch next {
        case 0x5B: csi()
        case 0x4F: ss3()
        default:
            if let scalar = Unicode.Scalar(next), scalar.value >= 0x20, scalar.value != 0x7F {
                events.append(.key(.alt(Character(scalar))))
            }
        }
    }

    /// After ESC O: application-mode arrows, home/end, F1-F4.
    private mutating func ss3() {
        guard let final = peek() else { return }
        let keys: [UInt32: Key] = [
            0x41: .up, 0x42: .down, 0x43: .right, 0x44: .left, 0x48: .home, 0x46: .end,
            0x50: .function(1), 0x51: .function(2), 0x52: .function(3), 0x53: .function(4),
        ]
        guard let key = keys[final] else { return }  // Alt+O, then the next key as itself
        index += 1
        events.append(.key(key))
    }
}
