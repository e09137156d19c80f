import BatonTUI
import Testing

@testable import BatonTerminal

/// ncurses key codes (fixed by its ABI).
private enum Code {
    static let down: UInt32 = 258, up: UInt32 = 259, left: UInt32 = 260, right: UInt32 = 261
    static let home: UInt32 = 262, backspace: UInt32 = 263, f1: UInt32 = 265, f12: UInt32 = 276
    static let delete: UInt32 = 330, pageDown: UInt32 = 338, pageUp: UInt32 = 339, enter: UInt32 = 343
    static let backTab: UInt32 = 353, end: UInt32 = 360, shiftLeft: UInt32 = 393, shiftRight: UInt32 = 402
    static let shiftDown: UInt32 = 336, shiftUp: UInt32 = 337, resize: UInt32 = 410
}

private func chars(_ text: String) -> [RawInput] {
    text.unicodeScalars.map { RawInput(isKeyCode: false, code: $0.value) }
}

private func code(_ value: UInt32) -> RawInput {
    RawInput(isKeyCode: true, code: value)
}

private func decode(_ raw: [RawInput]) -> [InputEvent] {
    var decoder = InputDecoder()
    return decoder.decode(raw)
}

@Suite struct InputDecoderTests {
    @Test func printableCharactersIncludingWideAndCombined() {
        #expect(
            decode(chars("aZ 漢😀")) == [
                .key(.character("a")), .key(.character("Z")), .key(.character(" ")),
                .key(.character("漢")), .key(.character("😀")),
            ])
        #expect(decode(chars("e\u{301}x")) == [.key(.character("e\u{301}")), .key(.character("x"))])
    }

    @Test func controlBytes() {
        let raw = chars("\u{1}\u{B}\u{1A}\r\n\t\u{7F}\u{8}\u{0}\u{1F}")
        #expect(
            decode(raw) == [
                .key(.ctrl("a")), .key(.ctrl("k")), .key(.ctrl("z")), .key(.enter), .key(.enter),
                .key(.tab), .key(.backspace), .key(.backspace), .key(.ctrl("@")), .key(.ctrl("_")),
            ])
    }

    @Test func c1ControlsAreDropped() {
        #expect(decode(chars("a\u{85}\u{9B}b")) == [.key(.character("a")), .key(.character("b"))])
    }

    @Test func escapeAloneAndTwice() {
        #expect(decode(chars("\u{1B}")) == [.key(.escape)])
        #expect(decode(chars("\u{1B}\u{1B}")) == [.key(.escape), .key(.escape)])
        #expect(decode([RawInput(isKeyCode: false, code: 27), code(Code.up)]) == [.key(.escape), .key(.up)])
    }

    @Test func altChordIsOneAltKey() {
        #expect(decode(chars("\u{1B}qx")) == [.key(.alt("q")), .key(.character("x"))])
        #expect(decode(chars("\u{1B}b")) == [.key(.alt("b"))])
    }

    @Test func cursesKeyCodes() {
        let codes = [
            Code.up, Code.down, Code.left, Code.right, Code.home, Code.end, Code.pageUp, Code.pageDown,
            Code.delete, Code.backspace, Code.backTab, Code.enter, Code.f1, Code.f12,
            Code.shiftLeft, Code.shiftRight, Code.shiftUp, Code.shiftDown,
        ]
        let keys: [Key] = [
            .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .delete, .backspace, .backTab,
            .enter, .function(1), .function(12), .shiftLeft, .shiftRight, .shiftUp, .shiftDown,
        ]
        #expect(decode(codes.map(code)) == keys.map { .key($0) })
    }

    @Test func resizeAndUnknownCodes() {
        #expect(decode([code(Code.resize), code(999)]) == [.resize])
    }

    @Test func extraKeyCodesFromTheTerminal() {
        var decoder = InputDecoder(keyCodes: KeyCodes(keys: [555: .shiftUp], resize: Code.resize))
        #expect(decoder.decode([code(555), code(Code.up)]) == [.key(.shiftUp)])
    }

    @Test func escapeSequencesCursesLeftUndecoded() {
        #expect(
            decode(chars("\u{1B}[A\u{1B}[1;2C\u{1B}OH\u{1B}[5~\u{1B}[Z\u{1B}OP\u{1B}[24~"))
                == [
                    .key(.up), .key(.shiftRight), .key(.home), .key(.pageUp), .key(.backTab), .key(.function(1)),
                    .key(.function(12)),
                ])
        #expect(decode(chars("\u{1B}[1;5Cx\u{1B}[?1049h")) == [.key(.character("x"))])
    }

    @Test func bracketedPasteIsOneEvent() {
        let raw = chars("a\u{1B}[200~hello\r\nworld\t漢\u{1B}[201~b")
        #expect(decode(raw) == [.key(.character("a")), .key(.paste("hello\nworld\t漢")), .key(.character("b"))])
    }

    @Test func pasteSplitOverReads() {
        var decoder = InputDecoder()
        #expect(decoder.decode(chars("\u{1B}[200~one\r")) == [])
        #expect(decoder.decode(chars("two\u{1B}[201~q")) == [.key(.paste("one\ntwo")), .key(.character("q"))])
    }

    @Test func pasteKeepsEnterCodeAsNewlineAndEmptyPasteIsNothing() {
        #expect(decode(chars("\u{1B}[200~a") + [code(Code.enter)] + chars("b\u{1B}[201~")) == [.key(.paste("a\nb"))])
        #expect(decode(chars("\u{1B}[200~\u{1B}[201~")) == [])
    }
}
