import BatonCore
import Foundation
import Testing

@testable import BatonTUI

/// Prompts, the notes editor, pickers and the stand-up's setup take their keys from the keymap
/// too: each can be rebound, and what the user binds shows in their hints and on the help screen.
@Suite("Keys of prompts, pickers and the setup")
struct TextModeKeyTests {
    let squad = TUI.squad()

    func state(_ keys: String) -> AppState {
        let (map, problems) = KeyFile.apply(keys, file: "keys")
        #expect(problems.isEmpty, "\(problems)")
        return TUI.state(squad, keymap: map)
    }

    @Test func aPromptSavesAndCancelsWithTheBoundKeys() {
        var s = state(
            "bind prompt ctrl-s submit\nbind prompt ctrl-g cancel\nbind prompt ctrl-a word-left\nbind prompt enter line-end\n"
        )
        press(&s, named: "n")
        type(&s, "Plan the pilot")
        #expect(press(&s, named: "enter").isEmpty, "enter moves to the end now: nothing is saved")
        #expect(s.prompt?.editor.text == "Plan the pilot")
        #expect(s.prompt?.purpose.hint(s.keymap).hasPrefix("‹ctrl-s› save  ‹ctrl-g› cancel") == true)
        press(&s, named: "ctrl-a")
        type(&s, "X")
        #expect(s.prompt?.editor.text == "Plan the Xpilot", "ctrl-a moves a word left now")
        press(&s, named: "ctrl-g")
        #expect(s.overlay == nil)
        press(&s, named: "n")
        type(&s, "Plan")
        guard case .apply(let actions) = press(&s, named: "ctrl-s").first, case .addItem(let item) = actions.first
        else {
            Issue.record("ctrl-s did not save")
            return
        }
        #expect(item.title == "Plan")
    }

    @Test func theNotesEditorFallsBackToThePromptsKeys() {
        var s = state("bind prompt ctrl-g cancel\nbind notes ctrl-s submit\n")
        press(&s, named: "E")
        #expect(s.prompt?.editor.multiline == true)
        press(&s, named: "enter")
        type(&s, "more")
        #expect(s.prompt?.editor.text.hasSuffix("\nmore") == true, "enter starts a new line in notes")
        #expect(s.prompt?.purpose.hint(s.keymap) == "‹ctrl-d› save  ‹ctrl-g› cancel")
        #expect(press(&s, named: "ctrl-s").count == 1, "ctrl-s saves the notes")
        press(&s, named: "E")
        press(&s, named: "ctrl-g")
        #expect(s.overlay == nil, "the prompt's cancel works in notes")
    }

    @Test func aPickerMovesAndChoosesWithTheBoundKeys() {
        var s = state("bind picker ctrl-p select-up\nbind picker ctrl-n select-down\nbind picker tab submit\n")
        press(&s, named: "a")
        let first = s.picker?.selected
        press(&s, named: "ctrl-n")
        #expect(s.picker?.selected == (first ?? 0) + 1)
        press(&s, named: "ctrl-p")
        #expect(s.picker?.selected == first)
        type(&s, "bo")
        #expect(s.picker?.query.text == "bo", "typing still searches")
        #expect(press(&s, named: "tab").count == 1, "tab chooses")
        #expect(s.overlay == nil)
    }

    @Test func theSetupAnswersItsOwnKeys() {
        var s = state("bind setup t toggle-here\nbind setup ctrl-s begin-standup\n")
        press(&s, named: "S")
        #expect(s.screen == .standupSetup)
        let here = s.standup.setup?.present.count ?? 0
        press(&s, named: "t")
        #expect(s.standup.setup?.present.count == here - 1, "t chooses who is here")
        #expect(press(&s, named: "?").isEmpty && s.screen == .standupSetup, "the setup has no generic fallback")
        #expect(s.message?.text.contains("t: who is here") == true, "the keys named are the bound ones")
        let effects = press(&s, named: "ctrl-s")
        #expect(effects.contains { if case .startStandup = $0 { return true } else { return false } })
    }

    @Test func plainCharactersCannotBeBoundWhereTextIsTyped() {
        let (map, problems) = KeyFile.apply(
            "bind prompt q cancel\nbind picker space submit\nbind setup q cancel\n", file: "keys")
        #expect(
            problems == [
                "keys:1: q is typed in prompt; bind a ctrl-, alt- or named key there instead.",
                "keys:2: space is typed in picker; bind a ctrl-, alt- or named key there instead.",
            ])
        #expect(map.command(for: .character("q"), in: .prompt) == nil)
        #expect(map.command(for: .character("q"), in: .setup) == .cancel)
    }

    @Test func theHelpScreenListsTheTypingKeysFromTheKeymap() {
        var s = state("bind prompt ctrl-s submit\n")
        press(&s, named: "?")
        let text = HelpView.lines(s).map { $0.map(\.0).joined() }
        let at = text.firstIndex { $0.contains("Save the text, or take the chosen entry") } ?? 1
        // Keys too long for their column stand on the line above.
        #expect(text[at - 1].trimmingCharacters(in: .whitespaces) == "ctrl-s enter · notes: ctrl-d", "\(text[at - 1])")
        #expect(text.contains { $0.contains("Delete the word before the cursor") && $0.contains("ctrl-w") })
        #expect(text.contains { $0.hasPrefix("Typing") })
    }
}

extension TextModeKeyTests {
    /// A mode added later must be placed in the help screen's order, or its keys would not show.
    @Test func theHelpScreenLooksInEveryMode() {
        #expect(Set(HelpView.helpOrder) == Set(KeyMode.allCases))
        #expect(HelpView.helpOrder.count == KeyMode.allCases.count)
    }
}
