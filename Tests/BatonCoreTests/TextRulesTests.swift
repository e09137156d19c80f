import Testing

@testable import BatonCore

@Suite("TextRules")
struct TextRulesTests {
    @Test func lineIsTrimmed() throws {
        #expect(try TextRules.line("  hello world \n", "title", limit: 300) == "hello world")
        #expect(try TextRules.title("\t Fix the form\t") == "Fix the form")
        #expect(try TextRules.title("日本語のタイトル 🎉") == "日本語のタイトル 🎉")
    }

    @Test func lineMustNotBeEmpty() {
        for text in ["", " ", "\t\n", "\u{3000}"] {
            expectBatonError(mentions: ["The title is empty"]) { _ = try TextRules.title(text) }
        }
    }

    @Test func lineIsOneLineWithoutControls() {
        expectBatonError(mentions: ["title", "a line break", "one line"]) { _ = try TextRules.title("one\ntwo") }
        expectBatonError(mentions: ["U+000D"]) { _ = try TextRules.title("one\r\ntwo") }
        expectBatonError(mentions: ["a tab"]) { _ = try TextRules.title("one\ttwo") }
        expectBatonError(mentions: ["an escape character (U+001B)"]) { _ = try TextRules.title("red \u{1B}[31m") }
        expectBatonError(mentions: ["U+0000"]) { _ = try TextRules.title("nul\u{0}") }
        expectBatonError(mentions: ["U+000D"]) { _ = try TextRules.title("cr\rhere") }
        expectBatonError(mentions: ["U+007F"]) { _ = try TextRules.title("del\u{7F}") }
        expectBatonError(mentions: ["U+009B"]) { _ = try TextRules.title("csi\u{9B}2J") }
        expectBatonError(mentions: ["U+2028"]) { _ = try TextRules.title("line\u{2028}separator") }
        expectBatonError(mentions: ["U+2029"]) { _ = try TextRules.title("para\u{2029}separator") }
    }

    @Test func titleLengthCountsCharacters() throws {
        #expect(try TextRules.title(String(repeating: "a", count: 300)).count == 300)
        #expect(try TextRules.title(String(repeating: "👍🏽", count: 300)).count == 300, "a grapheme counts once")
        #expect(try TextRules.title(String(repeating: "e\u{301}", count: 300)).count == 300)
        expectBatonError(mentions: ["301 characters", "at most 300"]) {
            _ = try TextRules.title(String(repeating: "a", count: 301))
        }
        expectBatonError(mentions: ["301"]) { _ = try TextRules.title(String(repeating: "字", count: 301)) }
        // Surrounding spaces do not count.
        #expect(try TextRules.title("  " + String(repeating: "a", count: 300) + "  ").count == 300)
        #expect(TextRules.maxTitle == 300 && TextRules.maxName == 80)
    }

    @Test func blockAllowsNewlinesAndTabs() throws {
        let text = "  first line\n\tindented\n\nlast  "
        #expect(
            try TextRules.block(text, "notes", limitBytes: 100, allowEmpty: true) == text, "blocks are kept as written")
        #expect(try TextRules.block("", "notes", limitBytes: 100, allowEmpty: true) == "")
        expectBatonError(mentions: ["The comment is empty"]) {
            _ = try TextRules.block(" \n\t ", "comment", limitBytes: 100, allowEmpty: false)
        }
    }

    @Test func blockRefusesOtherControls() {
        expectBatonError(mentions: ["notes", "an escape character", "newlines and tabs"]) {
            _ = try TextRules.block("a\n\u{1B}[2J", "notes", limitBytes: 100, allowEmpty: true)
        }
        expectBatonError(mentions: ["U+000D"]) {
            _ = try TextRules.block("windows\r\nline", "notes", limitBytes: 100, allowEmpty: true)
        }
        expectBatonError(mentions: ["U+0008"]) {
            _ = try TextRules.block("back\u{8}space", "notes", limitBytes: 100, allowEmpty: true)
        }
        expectBatonError(mentions: ["U+0085"]) {
            _ = try TextRules.block("nel\u{85}", "notes", limitBytes: 100, allowEmpty: true)
        }
        expectBatonError(mentions: ["U+2028"]) {
            _ = try TextRules.block("ls\u{2028}", "notes", limitBytes: 100, allowEmpty: true)
        }
    }

    @Test func blockLimitIsInBytes() throws {
        #expect(TextRules.maxNotes == 65_536 && TextRules.maxComment == 16_384)
        let notes = String(repeating: "n", count: TextRules.maxNotes)
        #expect(try TextRules.block(notes, "notes", limitBytes: TextRules.maxNotes, allowEmpty: true) == notes)
        expectBatonError(mentions: ["65537 bytes", "at most 65536 bytes"]) {
            _ = try TextRules.block(notes + "n", "notes", limitBytes: TextRules.maxNotes, allowEmpty: true)
        }
        // "é" takes two bytes: 8,193 of them are 16,386 bytes.
        expectBatonError(mentions: ["16386"]) {
            _ = try TextRules.block(
                String(repeating: "é", count: 8_193), "comment", limitBytes: TextRules.maxComment, allowEmpty: false)
        }
        _ = try TextRules.block(
            String(repeating: "é", count: 8_192), "comment", limitBytes: TextRules.maxComment, allowEmpty: false)
    }

    @Test func isControlCoversC0C1DELAndSeparators() {
        for v: UInt32 in [0x00, 0x09, 0x0A, 0x1B, 0x1F, 0x7F, 0x80, 0x9B, 0x9F, 0x2028, 0x2029] {
            #expect(TextRules.isControl(Unicode.Scalar(v)!), "U+\(String(v, radix: 16))")
        }
        for v: UInt32 in [0x20, 0x41, 0x7E, 0xA0, 0xE9, 0x200B, 0x4E00] {
            #expect(!TextRules.isControl(Unicode.Scalar(v)!), "U+\(String(v, radix: 16))")
        }
    }

    @Test func trimmingWhitespace() {
        #expect(" \t a b \n".trimmingWhitespace() == "a b")
        #expect("   ".trimmingWhitespace() == "")
        #expect("".trimmingWhitespace() == "")
        #expect("\u{3000}全角\u{3000}".trimmingWhitespace() == "全角")
        #expect("x".trimmingWhitespace() == "x")
    }
}
