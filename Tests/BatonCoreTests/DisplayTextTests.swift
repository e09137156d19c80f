import Glibc
import Testing

@testable import BatonCore

@Suite("DisplayText")
struct DisplayTextTests {
    /// glibc's wcwidth only knows wide characters under a UTF-8 locale; set it once for the process.
    static let utf8Locale: Bool = setlocale(LC_ALL, "C.UTF-8") != nil

    init() throws {
        try #require(Self.utf8Locale, "the C.UTF-8 locale is needed to measure widths")
    }

    // MARK: sanitize

    @Test func plainTextIsUntouched() {
        for text in ["", "hello", "naïve café", "日本語", "👩‍👩‍👧 family", "e\u{301}", "Tab-free text: 100%"] {
            #expect(DisplayText.sanitize(text) == text)
        }
    }

    @Test func c0ControlsBecomeControlPictures() {
        for v in UInt32(0)..<0x20 {
            let input = "a" + String(Character(Unicode.Scalar(v)!)) + "b"
            let expected = "a" + String(Character(Unicode.Scalar(0x2400 + v)!)) + "b"
            #expect(DisplayText.sanitize(input) == expected, "U+\(String(v, radix: 16))")
        }
        #expect(DisplayText.sanitize("\u{1B}[2J\u{1B}]0;title\u{7}") == "\u{241B}[2J\u{241B}]0;title\u{2407}")
        #expect(DisplayText.sanitize("tab\there") == "tab\u{2409}here")
        #expect(DisplayText.sanitize("cr\r\nlf") == "cr\u{240D}\u{240A}lf")
    }

    @Test func newlinesCanBeKept() {
        #expect(DisplayText.sanitize("one\ntwo") == "one\u{240A}two")
        #expect(DisplayText.sanitize("one\ntwo", keepNewlines: true) == "one\ntwo")
        #expect(DisplayText.sanitize("one\r\ntwo\t\u{1B}", keepNewlines: true) == "one\u{240D}\ntwo\u{2409}\u{241B}")
    }

    @Test func delBecomesItsPicture() {
        #expect(DisplayText.sanitize("x\u{7F}y") == "x\u{2421}y")
    }

    @Test func c1ControlsBecomeReplacementCharacters() {
        for v in UInt32(0x80)...0x9F {
            let input = "a" + String(Character(Unicode.Scalar(v)!)) + "b"
            #expect(DisplayText.sanitize(input) == "a\u{FFFD}b", "U+\(String(v, radix: 16))")
        }
        #expect(DisplayText.sanitize("\u{9B}31mred") == "\u{FFFD}31mred", "an 8-bit CSI must not reach the terminal")
    }

    @Test(
        arguments: [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C]
            as [UInt32])
    func bidiControlsBecomeReplacementCharacters(value: UInt32) {
        let input = "abc" + String(Character(Unicode.Scalar(value)!)) + "def"
        #expect(DisplayText.sanitize(input) == "abc\u{FFFD}def")
    }

    @Test(
        arguments: [
            0x200B, 0x2060, 0xFEFF, 0x00AD, 0x180E, 0x2061, 0x2064, 0x206F, 0xFFF9, 0xFFFB, 0xE0001, 0xE0041,
            0x2028, 0x2029,
        ] as [UInt32])
    func invisibleCharactersBecomeReplacementCharacters(value: UInt32) {
        let input = "x" + String(Character(Unicode.Scalar(value)!)) + "y"
        #expect(DisplayText.sanitize(input) == "x\u{FFFD}y")
    }

    @Test func trojanSourceIsDefused() {
        let text = "access = \u{202E}nimda\u{2066}"
        let safe = DisplayText.sanitize(text)
        #expect(safe == "access = \u{FFFD}nimda\u{FFFD}")
        #expect(!safe.unicodeScalars.contains { DisplayText.needsReplacement($0, keepNewlines: false) })
    }

    @Test func emojiJoinersAndSelectorsAreKept() {
        // ZWJ sequences and variation selectors are visible emoji, not hidden text.
        #expect(DisplayText.sanitize("👩\u{200D}💻") == "👩\u{200D}💻")
        #expect(DisplayText.sanitize("❤\u{FE0F}") == "❤\u{FE0F}")
    }

    // MARK: width

    @Test func asciiWidth() {
        #expect(DisplayText.width(of: "") == 0)
        #expect(DisplayText.width(of: "hello world") == 11)
        #expect(DisplayText.width(of: Character("a")) == 1)
    }

    @Test func wideCharactersTakeTwoColumns() {
        #expect(DisplayText.width(of: Character("字")) == 2)
        #expect(DisplayText.width(of: "日本語") == 6)
        #expect(DisplayText.width(of: "한국어") == 6)
        #expect(DisplayText.width(of: "ＡＢ") == 4, "fullwidth forms")
        #expect(DisplayText.width(of: "ab字c") == 5)
    }

    @Test func emojiTakeTwoColumns() {
        #expect(DisplayText.width(of: Character("😀")) == 2)
        #expect(DisplayText.width(of: Character("👍🏽")) == 2, "skin tone modifiers add nothing")
        #expect(
            DisplayText.width(of: Character("👩‍👩‍👧")) == 6,
            "a ZWJ family counts as its three people: terminals disagree on joined glyphs")
        #expect(DisplayText.width(of: Character("🏳️‍🌈")) == 3, "a white flag (one column) and a rainbow (two)")
        #expect(DisplayText.width(of: Character("🇫🇷")) == 2, "two regional indicators, one column each")
        #expect(DisplayText.width(of: "ok 👍") == 5)
    }

    @Test func combiningMarksTakeNoColumns() {
        #expect(DisplayText.width(of: Character("e\u{301}")) == 1)
        #expect(DisplayText.width(of: "cafe\u{301}") == 4)
        #expect(DisplayText.width(of: "e\u{301}\u{302}\u{303}") == 1)
        #expect(DisplayText.width(of: "\u{301}") == 0)
        #expect(DisplayText.width(of: "\u{300}\u{301}") == 0)
    }

    @Test func sanitizedTextIsMeasurable() {
        #expect(DisplayText.width(of: DisplayText.sanitize("a\u{1B}b")) == 3)
        #expect(DisplayText.width(of: DisplayText.sanitize("\u{202E}x")) == 2)
        #expect(DisplayText.width(of: "naïve") == 5)
    }

    // MARK: truncate and fit

    @Test func truncateLeavesShortTextAlone() {
        #expect(DisplayText.truncate("hello", to: 5) == "hello")
        #expect(DisplayText.truncate("hello", to: 80) == "hello")
        #expect(DisplayText.truncate("日本", to: 4) == "日本")
        #expect(DisplayText.truncate("", to: 3) == "")
    }

    @Test func truncateEndsWithAnEllipsis() {
        #expect(DisplayText.truncate("hello world", to: 8) == "hello w…")
        #expect(DisplayText.truncate("hello", to: 4) == "hel…")
        #expect(DisplayText.truncate("hello", to: 1) == "…")
        #expect(DisplayText.truncate("hello", to: 0) == "")
        #expect(DisplayText.truncate("hello", to: -3) == "")
        #expect(DisplayText.width(of: "…") == 1)
    }

    @Test func truncateNeverSplitsAWideCharacter() {
        #expect(DisplayText.truncate("日本語です", to: 5) == "日本…")
        #expect(DisplayText.truncate("日本語です", to: 4) == "日…")
        #expect(DisplayText.truncate("日本語です", to: 2) == "…")
        #expect(DisplayText.truncate("a😀b😀", to: 4) == "a😀…")
        #expect(DisplayText.truncate("a😀b😀", to: 3) == "a…")
        #expect(
            DisplayText.truncate("e\u{301}e\u{301}e\u{301}", to: 2) == "e\u{301}…",
            "combining marks stay with their letter")
        #expect(DisplayText.truncate("👩‍👩‍👧👩‍👩‍👧", to: 7) == "👩‍👩‍👧…")
        #expect(DisplayText.truncate("👩‍👩‍👧👩‍👩‍👧", to: 3) == "…", "a sequence is never split")
    }

    /// What the terminal is sent for one character: each part that takes columns, with its
    /// combining marks, never a joiner, variation selector or skin-tone modifier.
    @Test func cellsAreThePartsThatTakeColumns() {
        let cells = { (c: Character) in DisplayText.cells(of: c).map { "\($0.text):\($0.width)" } }
        #expect(cells("a") == ["a:1"])
        #expect(cells("e\u{301}") == ["e\u{301}:1"])
        #expect(cells("字") == ["字:2"])
        #expect(cells("👩‍👩‍👧") == ["👩:2", "👩:2", "👧:2"])
        #expect(cells("🏳️‍🌈") == ["🏳:1", "🌈:2"])
        #expect(cells("👍🏽") == ["👍:2"])
        #expect(cells("🇫🇷") == ["🇫:1", "🇷:1"])
        for character in ["👩‍👩‍👧", "🏳️‍🌈", "👍🏽", "🇫🇷", "ทำ"].map(Character.init) {
            #expect(DisplayText.cells(of: character).map(\.width).reduce(0, +) == DisplayText.width(of: character))
        }
    }

    @Test func truncatedTextNeverExceedsTheColumns() {
        let samples = ["日本語のテキスト", "mixed 漢字 and emoji 😀😀", "e\u{301}" + String(repeating: "字a", count: 9), "🇫🇷🇩🇪🇮🇹"]
        for text in samples {
            for columns in 0...20 {
                let cut = DisplayText.truncate(text, to: columns)
                #expect(DisplayText.width(of: cut) <= columns, "\(text) at \(columns): \(cut)")
                if DisplayText.width(of: text) > columns && columns > 0 {
                    #expect(cut.hasSuffix("…"))
                    #expect(DisplayText.width(of: cut) >= columns - 1, "at most one column is left free: \(cut)")
                    #expect(text.hasPrefix(String(cut.dropLast())), "the cut is on a character boundary")
                }
            }
        }
    }

    @Test func fitPadsOrTruncatesToExactWidth() {
        #expect(DisplayText.fit("ab", to: 5) == "ab   ")
        #expect(DisplayText.fit("hello world", to: 5) == "hell…")
        #expect(DisplayText.fit("日本語", to: 5) == "日本…")
        #expect(DisplayText.fit("日本語", to: 4) == "日… ", "a wide glyph that does not fit leaves a space")
        #expect(DisplayText.fit("", to: 3) == "   ")
        #expect(DisplayText.fit("x", to: 0) == "")
        for columns in 0...12 {
            #expect(DisplayText.width(of: DisplayText.fit("字a字b字c", to: columns)) == columns)
        }
    }

    // MARK: wrap

    @Test func wrapBreaksAtSpaces() {
        #expect(DisplayText.wrap("the quick brown fox", to: 10) == ["the quick", "brown fox"])
        #expect(DisplayText.wrap("the quick brown fox", to: 9) == ["the quick", "brown fox"])
        #expect(DisplayText.wrap("the quick brown fox", to: 8) == ["the", "quick", "brown", "fox"])
        #expect(DisplayText.wrap("the quick brown fox", to: 80) == ["the quick brown fox"])
        #expect(DisplayText.wrap("  spaced   out  ", to: 80) == ["spaced out"], "runs of spaces collapse")
    }

    @Test func wrapEdgeCases() {
        #expect(DisplayText.wrap("", to: 10) == [""])
        #expect(DisplayText.wrap("   ", to: 10) == [""])
        #expect(DisplayText.wrap("anything", to: 0) == [])
    }

    @Test func wrapSplitsLongWords() {
        #expect(DisplayText.wrap("abcdefghij", to: 4) == ["abcd", "efgh", "ij"])
        #expect(
            DisplayText.wrap("ab cdefgh ij", to: 4) == ["ab c", "defg", "h ij"],
            "a word longer than a line starts on the current one")
        #expect(DisplayText.wrap("x supercalifragilistic", to: 8) == ["x superc", "alifragi", "listic"])
        #expect(
            DisplayText.wrap("abc defgh", to: 4) == ["abc", "defg", "h"],
            "no room for even one more character: next line")
    }

    @Test func wrapCountsWideCharacters() {
        #expect(DisplayText.wrap("日本語 テキスト", to: 6) == ["日本語", "テキス", "ト"])
        #expect(DisplayText.wrap("日本語です", to: 5) == ["日本", "語で", "す"], "a wide glyph never straddles a line")
        #expect(DisplayText.wrap("😀 😀 😀", to: 5) == ["😀 😀", "😀"])
    }

    @Test func wrapOfAWideGlyphInOneColumnMakesNoEmptyLines() {
        // A wide glyph cannot fit one column; it gets a line of its own, and no empty line comes first.
        #expect(DisplayText.wrap("字", to: 1) == ["字"])
        #expect(DisplayText.wrap("字字", to: 1) == ["字", "字"])
    }

    @Test func wrappedLinesFitAndKeepEveryCharacter() {
        let text = "Onboarding 新しい顧客 takes 3 days 😀, not 10 — ask café-owner Zoë about it"
        for columns in 2...30 {
            let lines = DisplayText.wrap(text, to: columns)
            for line in lines {
                #expect(DisplayText.width(of: line) <= columns, "\(columns): \(line)")
                #expect(!line.isEmpty, "\(columns): empty line in \(lines)")
            }
            #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " })
        }
    }
}
