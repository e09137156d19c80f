import BatonCore
import Foundation
import Testing

@testable import BatonTUI

@Suite("Prompts and pickers")
struct PromptPickerTests {
    let board = TUI.squad()

    @Test func newItemGoesToTheCurrentStage() {
        var s = TUI.state(board)
        press(&s, named: "l")
        #expect(press(&s, named: "n").isEmpty)
        #expect(s.prompt?.purpose == .newItem(stage: TUI.ready))
        #expect(s.prompt?.editor.text == "")
        #expect(type(&s, "Call the bank").isEmpty)
        #expect(s.prompt?.editor.text == "Call the bank")
        let effects = press(&s, named: "enter")
        #expect(effects == [.apply([.addItem(NewItem(title: "Call the bank", stage: TUI.ready))])])
        #expect(s.overlay == nil)
        #expect(s.pendingPrompt?.editor.text == "Call the bank")
    }

    @Test func escCancelsAPrompt() {
        var s = TUI.state(board)
        press(&s, named: "n")
        type(&s, "Never mind")
        #expect(press(&s, named: "esc").isEmpty)
        #expect(s.overlay == nil && s.pendingPrompt == nil)
        #expect(press(&s, named: "n", "enter").isEmpty, "an empty new item is simply dropped")
        #expect(s.overlay == nil)
    }

    @Test func invalidTitleKeepsThePromptWithAnError() {
        var s = TUI.state(board)
        press(&s, named: "n")
        _ = App.update(&s, .key(.paste(String(repeating: "y", count: 301))))
        #expect(press(&s, named: "enter").isEmpty)
        #expect(s.prompt?.editor.text.count == 301)
        #expect(s.message?.isError == true)
        #expect(s.message?.text.contains("300") == true)
        #expect(View.render(s).find("at most 300") != nil, "the error must be visible while the prompt stays open")

        press(&s, named: "esc", "e", "ctrl-u")
        #expect(s.prompt?.purpose == .editTitle(1, original: s.board.items[1]!.title))
        type(&s, "   ")
        #expect(press(&s, named: "enter").isEmpty)
        #expect(s.prompt != nil, "an empty title is refused, not dropped")
        #expect(s.message?.text.contains("empty") == true)
    }

    @Test func editTitleStartsWithTheTitle() {
        var s = TUI.state(board)
        press(&s, named: "e")
        #expect(s.prompt?.editor.text == "Map the onboarding journey end to end")
        #expect(s.prompt?.editor.cursor == 37)
        press(&s, named: "ctrl-w", "ctrl-w", "ctrl-w")
        type(&s, "fast")
        #expect(
            press(&s, named: "enter") == [
                .apply([
                    .editFields(
                        1, ItemPatch(title: "Map the onboarding journey fast"),
                        original: ItemPatch(title: "Map the onboarding journey end to end"))
                ])
            ])
    }

    @Test func blockAsksForAReasonAndUnblockDoesNot() {
        var s = TUI.state(board)
        press(&s, named: "b")
        #expect(s.prompt?.purpose == .blockReason(1))
        #expect(press(&s, named: "enter").isEmpty)
        #expect(s.prompt != nil && s.message?.isError == true, "a reason is required")
        type(&s, "Waiting for Legal")
        #expect(press(&s, named: "enter") == [.apply([.block(1, reason: "Waiting for Legal")])])
        press(&s, named: "l", "l", "G")
        #expect(s.currentItem?.number == 12)
        #expect(press(&s, named: "b") == [.apply([.unblock(12)])])
        #expect(s.overlay == nil)
    }

    @Test func dueDateIsValidated() {
        var s = TUI.state(board)
        press(&s, named: "l")
        press(&s, named: "D")
        #expect(s.prompt?.purpose == .dueDate(5))
        #expect(s.prompt?.editor.text == "2026-06-20")
        press(&s, named: "ctrl-u")
        type(&s, "2026-02-30")
        #expect(press(&s, named: "enter").isEmpty)
        #expect(s.message?.isError == true && s.message?.text.contains("YYYY-MM-DD") == true)
        #expect(s.prompt?.editor.text == "2026-02-30")
        type(&s, "x")
        #expect(press(&s, named: "enter").isEmpty)
        press(&s, named: "ctrl-u")
        type(&s, "2026-07-15")
        #expect(press(&s, named: "enter") == [.apply([.editItem(5, ItemPatch(due: .some(Day("2026-07-15")!)))])])
        press(&s, named: "D", "ctrl-u")
        #expect(
            press(&s, named: "enter") == [.apply([.editItem(5, ItemPatch(due: .some(nil)))])], "empty clears the date")
    }

    @Test func commentPrompt() {
        var s = TUI.state(board)
        press(&s, named: "c")
        #expect(s.prompt?.purpose == .comment(1))
        type(&s, "Talked to 客户 👍")
        #expect(press(&s, named: "enter") == [.apply([.comment(1, text: "Talked to 客户 👍")])])
        press(&s, named: "c")
        type(&s, "  ")
        #expect(press(&s, named: "enter").isEmpty)
        #expect(s.overlay == nil, "an empty comment is dropped")
    }

    @Test func notesEditorIsMultiLineAndSavesWithCtrlD() {
        var s = TUI.state(board)
        press(&s, named: "l", "l", "j")
        #expect(s.currentItem?.number == 9)
        let original = s.currentItem!.notes
        press(&s, named: "E")
        #expect(s.prompt?.purpose == .editNotes(9, original: original))
        #expect(s.prompt?.editor.multiline == true)
        #expect(s.prompt?.editor.text == "Use the existing mail service.\nCheck the wording with Legal.")
        press(&s, named: "enter")
        type(&s, "Ask Bo.")
        #expect(s.prompt != nil, "Enter adds a line in the notes editor")
        let effects = press(&s, named: "ctrl-d")
        #expect(
            effects == [
                .apply([
                    .editFields(
                        9, ItemPatch(notes: "Use the existing mail service.\nCheck the wording with Legal.\nAsk Bo."),
                        original: ItemPatch(notes: original))
                ])
            ])
        #expect(s.overlay == nil)
    }

    @Test func ownerPickerFiltersByTypingAndToggles() {
        var s = TUI.state(board)
        press(&s, named: "a")
        guard let picker = s.picker else {
            Issue.record("no picker")
            return
        }
        #expect(picker.purpose == .owner(1))
        #expect(picker.visible.count == 4)
        #expect(picker.visible[0].label.contains("✓ owner"), "Ana already owns #1")
        type(&s, "bo")
        #expect(s.picker?.visible.map(\.value) == [.member(TUI.bo)])
        #expect(press(&s, named: "enter") == [.apply([.assign(1, TUI.bo, .owner)])])
        #expect(s.overlay == nil)

        press(&s, named: "a")
        type(&s, "ANA")
        #expect(
            press(&s, named: "enter") == [.apply([.unassign(1, TUI.ana)])], "choosing an owner again takes them off")

        press(&s, named: "a")
        type(&s, "it)")
        #expect(
            s.picker?.visible.map(\.value) == [.member(TUI.bo), .member(TUI.cy)], "the discipline can be typed too")
        press(&s, named: "down", "down", "down")
        #expect(s.picker?.selected == 1, "down stops at the last match")
        press(&s, named: "backspace")
        #expect(s.picker?.selected == 0, "typing starts again at the top")
        type(&s, "nobody")
        #expect(s.picker?.visible.isEmpty == true)
        #expect(View.render(s).find("nothing matches") != nil)
        #expect(press(&s, named: "enter").isEmpty)
        #expect(s.overlay == nil)
    }

    @Test func involvedPicker() {
        var s = TUI.state(board)
        press(&s, named: "j", "i")
        #expect(s.picker?.purpose == .involved(2))
        type(&s, "dee")
        #expect(
            press(&s, named: "enter") == [.apply([.assign(2, TUI.dee, .involved)])], "an owner can be made involved")
        press(&s, named: "i")
        type(&s, "Bo ")
        #expect(press(&s, named: "enter") == [.apply([.unassign(2, TUI.bo)])])
        press(&s, named: "i", "esc")
        #expect(s.overlay == nil)
    }

    @Test func kindPickerStartsOnTheCurrentKind() {
        var s = TUI.state(board)
        press(&s, named: "j", "T")
        #expect(s.picker?.purpose == .kind(2))
        #expect(s.picker?.selected == 1, "#2 is an opportunity")
        press(&s, named: "down")
        #expect(press(&s, named: "enter") == [.apply([.editItem(2, ItemPatch(kind: .concern))])])
        press(&s, named: "T")
        type(&s, "lim")
        #expect(press(&s, named: "enter") == [.apply([.editItem(2, ItemPatch(kind: .limitation))])])
    }

    @Test func outcomePickerIncludesNone() {
        var s = TUI.state(board)
        press(&s, named: "o")
        #expect(s.picker?.purpose == .outcome(1))
        #expect(s.picker?.visible.map(\.value) == [.outcome(nil), .outcome(1), .outcome(2)])
        #expect(s.picker?.visible[1].label.contains("✓") == true)
        #expect(press(&s, named: "enter") == [.apply([.editItem(1, ItemPatch(outcome: .some(nil)))])])
        press(&s, named: "o")
        type(&s, "loans")
        #expect(press(&s, named: "enter") == [.apply([.editItem(1, ItemPatch(outcome: .some(2)))])])
        press(&s, named: "j", "j", "o")
        #expect(s.picker?.visible[0].label.contains("✓") == true, "#3 has no outcome")
    }

    @Test func pickerScrollsToTheSelectedChoice() {
        var b = TUI.squad()
        for i in 0..<20 {
            TUI.apply(
                .addMember(
                    name: "Extra person \(i)", handle: "x\(i)", discipline: i % 2 == 0 ? .it : .business, login: nil),
                &b)
        }
        var s = TUI.state(b, width: 40, height: 12)
        press(&s, named: "a")
        for _ in 0..<23 { press(&s, named: "down") }
        #expect(s.picker?.selected == 23)
        #expect(View.render(s).find("Extra person 19") != nil)
    }
}
