import BatonCore
import Foundation
import Testing

@testable import BatonTUI

/// Writing a prompt's text in the user's own editor: the key hands the text over, and what the
/// editor saved goes through the prompt's own checks, merge and conflict dialog.
@Suite("Your own editor")
struct ExternalEditorTests {
    static let notes = "Compare ages 18-25 with the rest."

    /// The notes prompt of #1, with `notes` in it.
    static func notesPrompt() -> AppState {
        var s = TUI.state(TUI.squad())
        press(&s, named: "E", "ctrl-u")
        type(&s, notes)
        return s
    }

    @Test func ctrlXInAPromptHandsItsTextToTheEditorAndKeepsThePromptOpen() {
        var s = Self.notesPrompt()
        let effects = press(&s, named: "ctrl-x")
        #expect(effects == [.editOutside(.editNotes(1, original: ""), text: Self.notes)])
        #expect(s.prompt?.editor.text == Self.notes)
    }

    @Test func vOnTheBoardOrTheDetailOpensTheNotesInTheEditor() {
        var s = TUI.state(TUI.squad())
        #expect(press(&s, named: "V") == [.editOutside(.editNotes(1, original: ""), text: "")])
        press(&s, named: "esc", "enter")
        #expect(press(&s, named: "V") == [.editOutside(.editNotes(1, original: ""), text: "")])
    }

    @Test func whatTheEditorSavedIsSavedLikeTypedTextWithoutTheFinalNewline() {
        var s = Self.notesPrompt()
        let effects = App.update(&s, .editedOutside(Self.notes + "\nAsk the data team.\n\n"))
        #expect(
            effects == [
                .apply([
                    .editFields(
                        1, ItemPatch(notes: Self.notes + "\nAsk the data team."), original: ItemPatch(notes: ""))
                ])
            ])
        #expect(s.overlay == nil)
    }

    @Test func notesRefusedAfterTheEditorComeBackInTheNotesEditor() {
        var s = Self.notesPrompt()
        _ = App.update(&s, .editedOutside("Line one\nLine two\n"))
        _ = App.update(&s, .saveFailed(BatonError(.io, "The database server cannot be reached; nothing was saved.")))
        #expect(s.prompt?.editor.text == "Line one\nLine two")
        #expect(s.prompt?.editor.multiline == true, "Enter still makes a new line")
    }

    @Test func textLeftAsItWasOrAFailedEditorChangesNothing() {
        var s = Self.notesPrompt()
        #expect(App.update(&s, .editedOutside(Self.notes + "\n")).isEmpty)
        #expect(s.message?.text == "The editor left the text as it was; nothing was saved.")
        #expect(s.prompt?.editor.text == Self.notes, "the prompt stays open with the text")
        #expect(App.update(&s, .editorFailed(BatonError(.io, "The editor (vim) ended with status 1."))).isEmpty)
        #expect(s.message?.isError == true && s.prompt != nil)
    }

    @Test func aTitleFromTheEditorIsCheckedAsATypedOneIs() {
        var s = TUI.state(TUI.squad())
        press(&s, named: "e")
        let effects = App.update(&s, .editedOutside("Two\nlines"))
        #expect(effects.isEmpty && s.message?.isError == true, "\(String(describing: s.message))")
        #expect(s.prompt?.editor.text == "Two\nlines", "kept for another try")
    }
}
