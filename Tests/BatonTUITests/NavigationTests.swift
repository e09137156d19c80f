import BatonCore
import Foundation
import Testing

@testable import BatonTUI

@Suite("Navigation")
struct NavigationTests {
    @Test func startsOnTheFirstItemOfTheFirstStage() {
        let s = TUI.state(TUI.squad())
        #expect(s.stageIndex == 0)
        #expect(s.currentItem?.number == 1)
        #expect(s.screen == .board && s.overlay == nil)
    }

    @Test func leftAndRightMoveBetweenStagesAndClamp() {
        var s = TUI.state(TUI.squad())
        #expect(press(&s, named: "l").isEmpty)
        #expect(s.stageIndex == 1 && s.currentItem?.number == 5)
        press(&s, named: "right", "l", "l", "l")
        #expect(s.stageIndex == 3)
        #expect(s.currentItem?.number == 13)
        press(&s, named: "h")
        #expect(s.stageIndex == 2)
        #expect(s.currentItem?.number == 10, "the expedite item is drawn first in Doing")
        press(&s, named: "left", "h", "h", "h", "h")
        #expect(s.stageIndex == 0)
        #expect(s.message == nil, "clamping is silent")
    }

    @Test func upAndDownMoveWithinTheStageAndClamp() {
        var s = TUI.state(TUI.squad())
        press(&s, named: "j")
        #expect(s.currentItem?.number == 2)
        press(&s, named: "down", "j", "j", "j", "j")
        #expect(s.currentItem?.number == 4)
        press(&s, named: "k")
        #expect(s.currentItem?.number == 3)
        press(&s, named: "up", "k", "k", "k")
        #expect(s.currentItem?.number == 1)
    }

    @Test func firstAndLast() {
        var s = TUI.state(TUI.squad())
        press(&s, named: "G")
        #expect(s.currentItem?.number == 4)
        press(&s, named: "g")
        #expect(s.currentItem?.number == 1)
        press(&s, named: "end")
        #expect(s.currentItem?.number == 4)
        press(&s, named: "home")
        #expect(s.currentItem?.number == 1)
    }

    @Test func pageDownAndUpMoveByAScreenOfCards() {
        var s = TUI.state(TUI.tall())
        let page = App.pageSize(s)
        #expect(page == 4, "(24 - 5) rows / 4")
        press(&s, named: "pagedown")
        #expect(s.currentItem?.number == 1 + page)
        press(&s, named: "pagedown", "pagedown")
        #expect(s.currentItem?.number == 1 + 3 * page)
        press(&s, named: "pageup")
        #expect(s.currentItem?.number == 1 + 2 * page)
        for _ in 0..<20 { press(&s, named: "pagedown") }
        #expect(s.currentItem?.number == 30)
        for _ in 0..<20 { press(&s, named: "pageup") }
        #expect(s.currentItem?.number == 1)
    }

    @Test func emptyStagesAndBoardsDoNotCrash() {
        var s = TUI.state(TUI.empty())
        #expect(press(&s, named: "j", "k", "g", "G", "pagedown", "pageup", "l", "h").isEmpty)
        #expect(s.currentItem == nil)
        press(&s, named: "l", "l", "l", "l", "l")
        #expect(s.stageIndex == 3)
        let effects = press(&s, named: "L")
        #expect(effects.isEmpty)
        #expect(s.message?.text.contains("No item is selected") == true)
    }

    @Test func selectionIsRememberedPerStage() {
        var s = TUI.state(TUI.squad())
        press(&s, named: "j", "j")
        #expect(s.currentItem?.number == 3)
        press(&s, named: "l", "G")
        #expect(s.currentItem?.number == 8)
        press(&s, named: "l")
        #expect(s.currentItem?.number == 10)
        press(&s, named: "h")
        #expect(s.currentItem?.number == 8)
        press(&s, named: "h")
        #expect(s.currentItem?.number == 3)
    }

    @Test func stagesScrollSidewaysWhenTheyDoNotFit() {
        var wide = TUI.state(TUI.squad(), width: 120, height: 40)
        press(&wide, named: "l", "l", "l")
        #expect(wide.firstStage == 0, "all four stages fit in 120 columns")

        var s = TUI.state(TUI.squad())
        #expect(BoardLayout(width: 80, height: 24, stageCount: 4).visibleStages == 3)
        press(&s, named: "l", "l")
        #expect(s.firstStage == 0)
        press(&s, named: "l")
        #expect(s.firstStage == 1)
        var frame = View.render(s)
        #expect(frame.find("Done") != nil)
        #expect(frame.find("Backlog") == nil)
        #expect(frame[0, 1].text == "◀")
        press(&s, named: "h", "h")
        #expect(s.firstStage == 1, "Ready is still visible")
        press(&s, named: "h")
        #expect(s.firstStage == 0)
        frame = View.render(s)
        #expect(frame[79, 1].text == "▶")

        var narrow = TUI.state(TUI.squad(), width: 40, height: 12)
        press(&narrow, named: "l", "l")
        #expect(narrow.firstStage == 2)
        #expect(View.render(narrow).find("Doing") != nil)
    }

    @Test func theSelectionStaysVisibleWhenScrollingDown() {
        var s = TUI.state(TUI.tall())
        for step in 1..<30 {
            press(&s, named: "j")
            let n = s.currentItem!.number
            #expect(n == step + 1)
            let frame = View.render(s)
            guard let at = frame.find("#\(n) ") else {
                Issue.record("#\(n) is not drawn after \(step) steps down")
                return
            }
            #expect(at.y >= 3 && at.y < 24 - 2, "#\(n) drawn at row \(at.y), outside the body")
            #expect(frame[at.x, at.y].role == .cardSelected && frame[0, at.y].text == "▌")
        }
        #expect((s.firstRow[TUI.backlog] ?? 0) > 20)
        press(&s, named: "g")
        #expect(s.firstRow[TUI.backlog] == 0)
        #expect(View.render(s).find("#1 ") != nil)
    }

    @Test func jumpingToTheLastItemScrollsIt() {
        var s = TUI.state(TUI.tall(), width: 40, height: 12)
        press(&s, named: "G")
        let frame = View.render(s)
        #expect(frame.find("#30 ") != nil)
        #expect(frame.find("↑") != nil, "an arrow says items are above")
    }

    @Test func resizeKeepsTheSelectionVisible() {
        var s = TUI.state(TUI.squad(), width: 120, height: 40)
        press(&s, named: "l", "l", "l")
        #expect(s.firstStage == 0)
        _ = App.update(&s, .resize(width: 40, height: 12))
        #expect(s.width == 40 && s.height == 12)
        #expect(s.firstStage == 3)
        #expect(View.render(s).find("Done") != nil)
        _ = App.update(&s, .resize(width: 200, height: 60))
        #expect(s.firstStage == 0, "no empty space is left on the right")

        var tall = TUI.state(TUI.tall(), width: 120, height: 60)
        press(&tall, named: "G")
        _ = App.update(&tall, .resize(width: 120, height: 10))
        #expect(View.render(tall).find("#30 ") != nil)
    }

    @Test func resizeInsideAPromptKeepsThePrompt() {
        var s = TUI.state(TUI.squad())
        press(&s, named: "n")
        type(&s, "Draft")
        _ = App.update(&s, .resize(width: 30, height: 8))
        #expect(s.prompt?.editor.text == "Draft")
        _ = App.update(&s, .resize(width: 5, height: 2))
        _ = View.render(s)
        _ = App.update(&s, .resize(width: 80, height: 24))
        #expect(s.prompt?.editor.text == "Draft")
    }

    @Test func textScreensScrollBackUpAfterGoingToTheEnd() {
        var s = TUI.state(TUI.squad())
        pressDrawn(&s, named: "?", "G")
        let atEnd = View.render(s).lines
        #expect(s.scroll == s.scrollLimit, "the offset is clamped to what the view drew")
        pressDrawn(&s, named: "k")
        #expect(View.render(s).lines != atEnd, "k after G on the help screen should scroll up one line at once")
        for _ in 0..<200 { pressDrawn(&s, named: "j") }
        let bottom = View.render(s).lines
        pressDrawn(&s, named: "k")
        #expect(View.render(s).lines != bottom, "k after scrolling past the end should scroll up at once")
        // A taller terminal shows more at once: the limit shrinks and the offset with it.
        let before = s.scrollLimit ?? 0
        _ = App.update(&s, .resize(width: 80, height: 40))
        pressDrawn(&s, named: "G")
        #expect((s.scrollLimit ?? 0) == before - 16 && s.scroll == s.scrollLimit)
    }

    @Test func outcomesSelectionClamps() {
        var s = TUI.state(TUI.squad())
        press(&s, named: "O")
        #expect(s.screen == .outcomes && s.outcomeIndex == 0)
        press(&s, named: "j", "j", "j")
        #expect(s.outcomeIndex == 1)
        press(&s, named: "k", "k")
        #expect(s.outcomeIndex == 0)
    }
}
