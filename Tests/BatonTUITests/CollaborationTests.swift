import BatonCore
import Foundation
import Testing

@testable import BatonTUI

/// Several people on one board: conflicts, acting as someone, presence, a vanished file.
@Suite("collaboration in the TUI")
struct CollaborationTests {
    let board = TUI.squad()

    /// Opens the title editor on #1, types a new title, submits, and has the save refused as a conflict
    /// after Bo changed the title to `theirs`.
    func conflictOnTitle(_ s: inout AppState, theirs: String = "Bo's title") {
        press(&s, named: "e", "ctrl-u")
        type(&s, "My title")
        _ = press(&s, named: "enter")
        var changed = s.board
        changed.items[1]!.title = theirs
        changed.items[1]!.updatedBy = TUI.asBo.member
        _ = App.update(&s, .changedElsewhere(slice: changed, events: [], items: [1]))
        _ = App.update(
            &s,
            .saveFailed(
                BatonError.conflict(
                    "Someone else changed the title of #1 while you were editing it; nothing was saved.")))
    }

    /// The dialog's keys come from the keymap's `conflict` mode, and its texts name them.
    @Test func theConflictDialogCanBeRebound() {
        let (map, problems) = KeyFile.apply("bind conflict y keep-mine\nbind conflict esc keep-theirs\n", file: "keys")
        #expect(problems.isEmpty, "\(problems)")
        var s = TUI.state(board, keymap: map)
        conflictOnTitle(&s)
        #expect(s.message?.text.contains("m keeps yours") == true && View.render(s).find("m keep mine") != nil)
        #expect(press(&s, named: "q").isEmpty && s.overlay != nil, "q does not quit from the dialog")
        #expect(
            press(&s, named: "y") == [
                .apply([.editFields(1, ItemPatch(title: "My title"), original: ItemPatch(title: "Bo's title"))])
            ])
        var t = TUI.state(board, keymap: map)
        conflictOnTitle(&t)
        press(&t, named: "esc")
        #expect(t.overlay == nil && t.message?.text.contains("yours was dropped") == true, "esc now keeps theirs")
    }

    @Test func aConflictShowsBothVersionsAndNeverLosesTheText() throws {
        var s = TUI.state(board)
        conflictOnTitle(&s)
        guard case .conflict(let conflict) = s.overlay else {
            Issue.record("no conflict dialog: \(String(describing: s.overlay))")
            return
        }
        #expect(conflict.mine == "My title" && conflict.theirs == "Bo's title" && conflict.by == "bo")
        let frame = View.render(s)
        #expect(frame.find("Bo's title") != nil && frame.find("My title") != nil && frame.find("m keep mine") != nil)
        #expect(press(&s, named: "j").isEmpty, "navigation keys do not choose")
        guard case .conflict = s.overlay else {
            Issue.record("j closed the dialog")
            return
        }
    }

    @Test func keepMineSavesOverTheirVersion() {
        var s = TUI.state(board)
        conflictOnTitle(&s)
        #expect(
            press(&s, named: "m") == [
                .apply([.editFields(1, ItemPatch(title: "My title"), original: ItemPatch(title: "Bo's title"))])
            ])
        #expect(s.overlay == nil)
    }

    @Test func keepTheirsDropsMine() {
        var s = TUI.state(board)
        conflictOnTitle(&s)
        #expect(press(&s, named: "t").isEmpty)
        #expect(s.overlay == nil)
        #expect(s.message?.text.contains("bo") == true)
    }

    @Test func keepBothJoinsTheTitles() {
        var s = TUI.state(board)
        conflictOnTitle(&s)
        #expect(
            press(&s, named: "b") == [
                .apply([
                    .editFields(1, ItemPatch(title: "Bo's title / My title"), original: ItemPatch(title: "Bo's title"))
                ])
            ])
    }

    @Test func keepBothOfTooLongTitlesGoesBackToEditingWithBoth() {
        var s = TUI.state(board)
        conflictOnTitle(&s, theirs: String(repeating: "x", count: 295))
        #expect(press(&s, named: "b").isEmpty)
        #expect(s.prompt?.editor.text == String(repeating: "x", count: 295) + " / My title")
        #expect(s.message?.isError == true)
    }

    @Test func escapeOrEGoBackToEditingMine() {
        for key in ["esc", "e"] {
            var s = TUI.state(board)
            conflictOnTitle(&s)
            press(&s, named: key)
            #expect(s.prompt?.editor.text == "My title")
            #expect(
                s.prompt?.purpose == .editTitle(1, original: "Bo's title"), "the next save is based on their version")
        }
    }

    @Test func aRefusalThatIsNotAConflictReopensThePrompt() {
        var s = TUI.state(board)
        press(&s, named: "c")
        type(&s, "Hello")
        _ = press(&s, named: "enter")
        _ = App.update(&s, .saveFailed(BatonError(.io, "The disk is full; nothing was saved.")))
        #expect(s.prompt?.editor.text == "Hello")
    }

    @Test func actAsPickerChangesTheMemberAndKeepsTheAccount() {
        var s = TUI.state(board)
        press(&s, named: "@")
        #expect(s.picker?.purpose == .actAs)
        type(&s, "bo")
        _ = press(&s, named: "enter")
        #expect(s.actor.member == TUI.asBo.member)
        #expect(s.actor.account == "ana")
        #expect(View.render(s).lines[0].contains("you: bo"))
    }

    @Test func othersSelectionsAndEditsShowOnCardsAndInTheHeader() {
        var s = TUI.state(board, width: 120, height: 40)
        s.session = "me"
        let others = [
            Presence(
                session: "me", account: "ana", member: 1, host: "h", pid: 1, terminal: nil, focus: 1, heartbeat: TUI.now
            ),
            Presence(
                session: "x", account: "bo", member: 2, host: "h", pid: 2, terminal: nil, focus: 1, heartbeat: TUI.now),
            Presence(
                session: "y", account: "cy", member: 3, host: "h", pid: 3, terminal: nil, focus: 5, editing: 5,
                heartbeat: TUI.now),
        ]
        _ = App.update(&s, .presenceChanged(others))
        let frame = View.render(s)
        #expect(frame.lines[0].contains("here: bo CD"), "\(frame.lines[0])")
        #expect(!frame.lines[0].contains("here: ana"), "you are not listed among the others")
        #expect(frame.find("◉bo") != nil)
        #expect(frame.find("✎CD") != nil)
    }

    @Test func focusAndEditingFollowTheState() {
        var s = TUI.state(board)
        #expect(s.focus == 1 && s.editing == nil)
        press(&s, named: "e")
        #expect(s.editing == 1)
        press(&s, named: "esc", "enter")
        #expect(s.focus == 1)
        press(&s, named: "esc", "O")
        #expect(s.focus == nil)
    }

    @Test func aVanishedBoardRefusesEveryChange() {
        var s = TUI.state(board)
        _ = App.update(&s, .boardVanished)
        #expect(s.vanished)
        for key in ["n", "L", "e", "b", "x", "d", "u"] {
            #expect(press(&s, named: key).isEmpty, "\(key) must not save on a vanished board")
            #expect(s.overlay == nil)
            #expect(s.message?.text.contains("deleted or replaced") == true)
        }
        #expect(press(&s, named: "j").isEmpty && s.currentItem != nil, "looking around still works")
    }
}
