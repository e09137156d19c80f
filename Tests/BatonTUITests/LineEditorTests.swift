import BatonCore
import Foundation
import Testing

@testable import BatonTUI

@Suite("Line editor")
struct LineEditorTests {
    func editor(_ text: String = "", multiline: Bool = false, _ keys: Key...) -> LineEditor {
        var e = LineEditor(text, multiline: multiline)
        for key in keys { _ = e.handle(key) }
        return e
    }

    func handles(_ e: inout LineEditor, _ key: Key) -> Bool { e.handle(key) }

    @Test func insertsWideAndCombiningCharactersAsOne() {
        var e = LineEditor()
        for c: Character in ["修", "复", "👩‍💻", "e\u{301}", "🇩🇪", "👍🏽"] {
            let handled = e.handle(.character(c))
            #expect(handled)
        }
        #expect(e.characters.count == 6)
        #expect(e.cursor == 6)
        #expect(e.text == "修复👩‍💻e\u{301}🇩🇪👍🏽")
        _ = e.handle(.backspace)
        #expect(e.text == "修复👩‍💻e\u{301}🇩🇪", "backspace removes the whole skin-toned emoji")
        _ = e.handle(.left)
        _ = e.handle(.backspace)
        #expect(e.text == "修复👩‍💻🇩🇪", "and the whole e with its accent")
        _ = e.handle(.delete)
        #expect(e.text == "修复👩‍💻")
        #expect(e.cursor == 3)
    }

    @Test func cursorMovesByCharacterAndClamps() {
        var e = LineEditor("a👩‍💻b")
        #expect(e.cursor == 3)
        _ = e.handle(.left)
        #expect(e.cursor == 2)
        _ = e.handle(.left)
        #expect(e.cursor == 1)
        _ = e.handle(.ctrl("b"))
        _ = e.handle(.left)
        _ = e.handle(.left)
        #expect(e.cursor == 0)
        _ = e.handle(.backspace)
        #expect(e.text == "a👩‍💻b")
        _ = e.handle(.right)
        _ = e.handle(.ctrl("f"))
        _ = e.handle(.right)
        _ = e.handle(.right)
        #expect(e.cursor == 3)
        _ = e.handle(.delete)
        #expect(e.text == "a👩‍💻b")
        _ = e.handle(.left)
        _ = e.handle(.character("X"))
        #expect(e.text == "a👩‍💻Xb")
    }

    @Test func homeEndAndCtrlAE() {
        var e = LineEditor("hello world")
        _ = e.handle(.home)
        #expect(e.cursor == 0)
        _ = e.handle(.end)
        #expect(e.cursor == 11)
        _ = e.handle(.ctrl("a"))
        #expect(e.cursor == 0)
        _ = e.handle(.ctrl("e"))
        #expect(e.cursor == 11)
    }

    @Test func killKeys() {
        #expect(editor("hello big world", .alt("b"), .ctrl("k")).text == "hello big ")
        #expect(editor("hello big world", .alt("b"), .ctrl("u")).text == "world")
        #expect(editor("hello big world", .alt("b"), .ctrl("u")).cursor == 0)
        #expect(editor("hello big world  ", .ctrl("w")).text == "hello big ")
        #expect(editor("hello big world", .ctrl("w"), .ctrl("w")).text == "hello ")
        #expect(editor("", .ctrl("w"), .ctrl("u"), .ctrl("k"), .backspace, .delete).text == "")
        #expect(editor("顧客 の 確認", .ctrl("w")).text == "顧客 の ")
    }

    @Test func wordMoves() {
        var e = LineEditor("one two  three")
        _ = e.handle(.alt("b"))
        #expect(e.cursor == 9)
        _ = e.handle(.alt("b"))
        #expect(e.cursor == 4)
        _ = e.handle(.ctrlLeft)
        #expect(e.cursor == 0)
        _ = e.handle(.alt("b"))
        #expect(e.cursor == 0)
        _ = e.handle(.alt("f"))
        #expect(e.cursor == 3)
        _ = e.handle(.ctrlRight)
        #expect(e.cursor == 7)
        _ = e.handle(.alt("f"))
        #expect(e.cursor == 14)
        _ = e.handle(.alt("f"))
        #expect(e.cursor == 14)
    }

    @Test func pasteInsertsAtTheCursorAndFlattensLinesInOneLinePrompts() {
        var e = LineEditor("ab")
        _ = e.handle(.left)
        _ = e.handle(.paste("1\n2\r\n3"))
        #expect(!e.text.contains("\n") && !e.text.contains("\r"))
        #expect(e.text == "a1 2 3b")
        #expect(e.cursor == 6)
    }

    @Test func pasteKeepsLinesInTheNotesEditor() {
        var e = LineEditor("", multiline: true)
        _ = e.handle(.paste("one\ntwo"))
        #expect(e.text == "one\ntwo")
        #expect(e.cursor == 7)
    }

    @Test func pastedWindowsLineEndsBecomePlainNewlines() {
        var e = LineEditor("", multiline: true)
        _ = e.handle(.paste("one\r\ntwo"))
        #expect(e.text == "one\ntwo", "a CRLF pasted into notes should be stored as a newline; TextRules refuses a CR")
        _ = e.handle(.home)
        #expect(e.cursor == 4, "Home goes to the start of the second line")
    }

    @Test func enterAndTabOnlyEditInMultiLine() {
        var one = LineEditor("x")
        #expect(!handles(&one, .enter))
        #expect(!handles(&one, .tab))
        #expect(!handles(&one, .up))
        #expect(one.text == "x")
        var many = LineEditor("x", multiline: true)
        #expect(handles(&many, .enter))
        #expect(handles(&many, .tab))
        #expect(many.text == "x\n\t")
    }

    @Test func upAndDownKeepTheColumnInMultiLine() {
        var e = LineEditor("first line\nab\nthird line", multiline: true)
        #expect(e.cursor == 24)
        _ = e.handle(.up)
        #expect(e.cursor == 13, "clamped to the end of the short line")
        _ = e.handle(.up)
        #expect(e.cursor == 2, "column 2 of the first line")
        _ = e.handle(.up)
        #expect(e.cursor == 2, "up on the first line stays")
        _ = e.handle(.end)
        #expect(e.cursor == 10)
        _ = e.handle(.home)
        #expect(e.cursor == 0)
        _ = e.handle(.down)
        _ = e.handle(.down)
        #expect(e.cursor == 14)
        _ = e.handle(.down)
        #expect(e.cursor == 14)
        _ = e.handle(.ctrl("e"))
        _ = e.handle(.ctrl("u"))
        #expect(e.text == "first line\nab\n")
        _ = e.handle(.up)
        _ = e.handle(.ctrl("k"))
        #expect(e.text == "first line\n\n", "ctrl-k stops at the end of the line")
    }

    @Test func functionAndAltKeysAreNotEdits() {
        var e = LineEditor("x")
        #expect(!handles(&e, .function(1)))
        #expect(!handles(&e, .alt("z")))
        #expect(!handles(&e, .escape))
        #expect(e.text == "x")
    }

    @Test func promptCursorSitsAfterWideCharacters() {
        var s = TUI.state(TUI.squad())
        press(&s, named: "n")
        type(&s, "修复")
        var frame = View.render(s)
        let line = frame.lines[22]
        let label = line.distance(from: line.startIndex, to: line.range(of: ": ")!.upperBound)
        #expect(frame.cursor?.x == label + 4)
        #expect(frame.cursor?.y == 22)
        press(&s, named: "left")
        frame = View.render(s)
        #expect(frame.cursor?.x == label + 2)
    }

    @Test func longPromptTextScrollsAndTheCursorStaysRightAfterTheText() {
        var s = TUI.state(TUI.squad(), width: 30, height: 10)
        press(&s, named: "n")
        type(&s, "顧客の本人確認を自動化する")
        let frame = View.render(s)
        guard let cursor = frame.cursor else {
            Issue.record("no cursor")
            return
        }
        #expect(cursor.x < 30)
        #expect(frame[cursor.x, cursor.y].text == " ", "the cursor is on the free cell after the text")
        #expect(
            frame[cursor.x - 1, cursor.y].text == "" && frame[cursor.x - 2, cursor.y].text == "る",
            "the last character typed is right before the cursor, not a blank column")
    }
}
