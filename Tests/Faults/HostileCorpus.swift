import BatonTestSupport
import Foundation
import Testing

/// One piece of hostile text, written into the board file past every check of baton's.
struct HostileText: CustomStringConvertible {
    /// How SQLite stores it: TEXT (what baton writes) or a BLOB (what another tool might).
    enum Storage { case text, blob }

    let name: String
    let bytes: [UInt8]
    let storage: Storage
    /// Bytes that must never reach a terminal: an escape sequence with the text after it, for
    /// sequences that a curses program also sends by itself (so only this text's copy is wrong).
    let signature: [UInt8]?

    init(_ name: String, _ text: String, storage: Storage = .text, signature: String? = nil) {
        self.name = name
        bytes = Array(text.utf8)
        self.storage = storage
        self.signature = signature.map { Array($0.utf8) }
    }

    init(_ name: String, bytes: [UInt8], storage: Storage) {
        self.name = name
        self.bytes = bytes
        self.storage = storage
        signature = nil
    }

    var description: String { name }

    /// An SQL expression with exactly these bytes, stored as `storage`.
    var sql: String {
        let hex = bytes.map { String(format: "%02X", $0) }.joined()
        return storage == .text ? "CAST(X'\(hex)' AS TEXT)" : "X'\(hex)'"
    }

    /// What baton reads back, and so what JSON must hold exactly: bytes that are not UTF-8 become
    /// U+FFFD; TEXT ends at a NUL (SQLite hands TEXT out as a C string).
    var readBack: String {
        let kept = storage == .text ? Array(bytes.prefix { $0 != 0 }) : bytes
        return String(decoding: kept, as: UTF8.self)
    }
}

/// Text that attacks terminals, bidi and width rules, and decoders.
enum HostileCorpus {
    static let esc = "\u{1B}"

    static let all: [HostileText] = escapes + controls + unicode + broken

    /// Escape sequences: each would do something to the terminal if it got there.
    static let escapes: [HostileText] = [
        HostileText("clear screen", "Clear\(esc)[2JK1 screen", signature: "\(esc)[2JK1"),
        HostileText("OSC 0 window title", "Title\(esc)]0;pwned-0\u{07} set"),
        HostileText("OSC 2 window title", "\(esc)]2;pwned-2\(esc)\\ title"),
        HostileText("title report CSI 21t", "Report \(esc)[21t title"),
        HostileText("OSC 52 clipboard write", "Copy \(esc)]52;c;cm0gLXJmIH4=\u{07} this"),
        HostileText("OSC 8 hyperlink", "\(esc)]8;;https://evil.example/\(esc)\\click\(esc)]8;;\(esc)\\ here"),
        HostileText("mouse mode on", "Mouse \(esc)[?1000hM1 on", signature: "\(esc)[?1000hM1"),
        HostileText("bracketed paste off", "Paste \(esc)[?2004lP1 off", signature: "\(esc)[?2004lP1"),
        HostileText("cursor position report", "Where \(esc)[6n am I"),
        HostileText("device attributes", "Who \(esc)[c are you"),
    ]

    /// C0, C1 and bidi controls and invisible characters.
    static let controls: [HostileText] = [
        HostileText(
            "C1 CSI as a raw byte (BLOB)", bytes: Array("Raw ".utf8) + [0x9B] + Array("31mC1 red".utf8), storage: .blob),
        HostileText(
            "C1 CSI as a raw byte (TEXT)", bytes: Array("Raw ".utf8) + [0x9B] + Array("32mC1 green".utf8),
            storage: .text),
        HostileText("C1 controls as UTF-8", "Enc \u{9B}31mC1 \u{9D}0;osc\u{9C} end"),
        HostileText("bidi override", "Invoice \u{202E}fdp.exe\u{202C} done"),
        HostileText("bidi isolates", "\u{2066}left\u{2069} \u{2067}right\u{2069} \u{2068}first\u{2069} x"),
        HostileText("zero-width characters", "Zero\u{200B}width\u{FEFF}no\u{2060}break"),
        HostileText("C0 controls and DEL", "Bell\u{07} back\u{08}\u{08}XX cr\u{0D}over del\u{7F} tab\tend"),
        HostileText("line breaks in one line", "Line one\nLine two\r\nLine three"),
    ]

    /// Text that is fine but hard to measure: combining marks, emoji sequences, wide and
    /// right-to-left scripts, a 300-character line.
    static let unicode: [HostileText] = [
        HostileText("500 combining marks", "Z" + String(repeating: "\u{0301}", count: 500) + "algo"),
        HostileText("emoji sequences and flags", "Family 👩‍👩‍👧‍👦 flag 🏳️‍🌈 🇯🇵🇺🇸 thumbs 👍🏽 ok"),
        HostileText("CJK", "看板任务：修复登录页面的错误信息显示问题"),
        HostileText("Arabic and Hebrew", "مرحبا بالعالم שלום עולם mixed 123"),
        HostileText("Thai", "สวัสดีครับ ภาษาไทยที่มีสระบนและล่าง"),
        HostileText("300 wide characters", String(repeating: "界", count: 300)),
    ]

    /// Bytes that are not text: NUL and invalid UTF-8, as TEXT and as BLOB.
    static let broken: [HostileText] = [
        HostileText("NUL in TEXT", bytes: Array("Before".utf8) + [0] + Array("after".utf8), storage: .text),
        HostileText("NUL in a BLOB", bytes: Array("Before".utf8) + [0] + Array("after".utf8), storage: .blob),
        HostileText(
            "invalid UTF-8 BLOB", bytes: [0x41, 0xFF, 0xFE, 0x42, 0xC3, 0x28, 0xED, 0xA0, 0x80, 0x43], storage: .blob),
        HostileText(
            "invalid UTF-8 TEXT", bytes: [0x44, 0xC0, 0xAF, 0x45, 0xF8, 0x88, 0x80, 0x80, 0x80, 0x46], storage: .text),
    ]

    /// Every signature of the corpus.
    static var signatures: [[UInt8]] { all.compactMap(\.signature) }
}

/// Checks what a session recorded with `pipePane` once it has ended: the corpus's text reached
/// the terminal, none of its escape or control sequences did, and the pane's title is untouched.
func expectNothingLeaked(_ raw: String, _ tmux: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) throws {
    pause(0.2)  // let the pipe's cat write the last bytes
    let output = RawOutput(file: raw)
    #expect(
        output.contains(Array("pwned-0".utf8)), "the raw output does not hold the text; was it recorded?",
        sourceLocation: sourceLocation)
    let leaks = output.terminalLeaks(signatures: HostileCorpus.signatures)
    #expect(leaks.isEmpty, "sent to the terminal: \(leaks.prefix(10))", sourceLocation: sourceLocation)
    let paneTitle = try tmux.tmuxCommand(["display-message", "-p", "-t", tmux.target, "#{pane_title}"]).stdout
    #expect(
        !paneTitle.contains("pwned"), "a title sequence reached the terminal: \(paneTitle)",
        sourceLocation: sourceLocation)
}
