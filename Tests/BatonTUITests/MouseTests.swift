import BatonCore
import Testing

@testable import BatonTUI

@Suite("mouse clicks")
struct MouseTests {
    @Test func clickOnACardSelectsItsStageAndTheCard() {
        var s = TUI.state(TUI.squad())
        let layout = BoardLayout(width: s.width, height: s.height, stageCount: s.board.stages.count)
        let x = layout.columnX(1) + 3
        let effects = press(&s, .click(x: x, y: layout.bodyTop))
        #expect(effects.isEmpty)
        #expect(s.stageIndex == 1)
        #expect(s.currentItem?.number == s.columns[s.board.stages[1].id]?.first)
    }

    @Test func clickOnTheSecondCardSelectsIt() {
        var s = TUI.state(TUI.squad())
        let first = s.columns[s.board.stages[0].id]![0]
        let height = CardLayout.height(
            of: s.board.items[first]!, width: BoardLayout(width: 80, height: 24, stageCount: 4).width(ofColumn: 0) - 1)
        _ = press(&s, .click(x: 2, y: 3 + height))
        #expect(s.currentItem?.number == s.columns[s.board.stages[0].id]![1])
    }

    @Test func clickOnTheSelectedCardOpensIt() {
        var s = TUI.state(TUI.squad())
        let number = s.currentItem!.number
        let effects = press(&s, .click(x: 2, y: 3))
        #expect(effects == [.loadDetail(number)])
        #expect(s.screen == .detail(number))
    }

    @Test func clickOnAStageTitleSelectsTheStageOnly() {
        var s = TUI.state(TUI.squad())
        let layout = BoardLayout(width: s.width, height: s.height, stageCount: s.board.stages.count)
        _ = press(&s, .click(x: layout.columnX(2) + 1, y: 1))
        #expect(s.stageIndex == 2)
        #expect(s.screen == .board)
    }

    @Test func clicksBelowTheCardsOrOnTheFooterDoNothing() {
        var s = TUI.state(TUI.squad())
        let before = s.currentItem?.number
        _ = press(&s, .click(x: 2, y: 23))
        _ = press(&s, .click(x: 2, y: 0))
        #expect(s.currentItem?.number == before)
        #expect(s.stageIndex == 0)
    }

    @Test func clickOnTheOutcomesScreenSelectsAnOutcome() {
        var s = TUI.state(TUI.squad())
        _ = press(&s, named: "O")
        _ = press(&s, .click(x: 3, y: 1 + OutcomesView.linesPerOutcome))
        #expect(s.outcomeIndex == 1)
    }

    @Test func clicksAreIgnoredWhileAPromptIsOpen() {
        var s = TUI.state(TUI.squad())
        _ = press(&s, named: "n")
        _ = press(&s, .click(x: 40, y: 5))
        guard case .prompt(let prompt) = s.overlay else {
            Issue.record("the prompt closed")
            return
        }
        #expect(prompt.editor.text.isEmpty)
        #expect(s.stageIndex == 0)
    }
}
