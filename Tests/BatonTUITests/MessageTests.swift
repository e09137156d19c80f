import BatonCore
import Foundation
import Testing

@testable import BatonTUI

@Suite("Results from the runtime: saves, failures, other sessions, undo")
struct MessageTests {
    /// Runs the store's part: applies `action` as Ana to the board as the file has it (without a
    /// change shown before saving) and feeds back `.saved`.
    static func store(_ action: Action, _ s: inout AppState, at time: Date = TUI.now, seq: Int = 100) -> [Event] {
        var board = s.board
        if let before = s.unsavedBefore {
            for (number, item) in before.items { board.items[number] = item }
            board.stats = before.stats
        }
        let events = TUI.events(action, &board, at: time, seq: seq)
        _ = App.update(
            &s,
            .saved(
                slice: board, items: action.item.map { [$0] } ?? board.items.keys.sorted(), events: events, warnings: []
            ))
        return events
    }

    @Test func aDatabaseThatStopsAnsweringIsShownOfflineUntilItAnswersAgain() {
        var s = TUI.state(TUI.squad())
        _ = App.update(&s, .reachabilityChanged(false))
        #expect(s.unreachable && s.message?.isError == true)
        #expect(s.message?.text.contains("changes cannot be saved until it does") == true)
        #expect(View.render(s).lines[0].contains("OFFLINE: not saving"), "\(View.render(s).lines[0])")
        _ = App.update(&s, .reachabilityChanged(false))
        #expect(s.unreachable, "told once")
        _ = App.update(&s, .reachabilityChanged(true))
        #expect(!s.unreachable && s.message?.isError == false)
        #expect(s.message?.text.contains("answers again") == true)
        #expect(!View.render(s).lines[0].contains("OFFLINE"))
    }

    @Test func savedUpdatesTheBoardAndFollowsTheItem() {
        var s = TUI.state(TUI.squad())
        let effects = press(&s, named: "L")
        guard case .apply(let actions) = effects.first else {
            Issue.record("no apply")
            return
        }
        _ = Self.store(actions[0], &s)
        #expect(s.board.items[1]?.stage == TUI.ready)
        #expect(s.stageIndex == 1, "the selection follows the moved item")
        #expect(s.currentItem?.number == 1)
        #expect(s.message?.text == "Moved #1 from Backlog to Ready.")
        #expect(s.lastOwnChange.count == 1)
    }

    @Test func aSaveAnsweredLateLeavesTheSelectionWhereTheUserHasMovedItSince() {
        var s = TUI.state(TUI.squad())
        let effects = press(&s, named: "L")
        guard case .apply(let actions) = effects.first else {
            Issue.record("no apply")
            return
        }
        _ = press(&s, named: "h")  // back to Backlog while the save is on its way
        let selected = s.currentItem?.number
        #expect(selected != 1 && s.stageIndex == 0)
        _ = Self.store(actions[0], &s)
        #expect(s.board.items[1]?.stage == TUI.ready, "the move is stored")
        #expect(s.stageIndex == 0 && s.currentItem?.number == selected, "the selection stays where the user put it")
    }

    @Test func aNewItemIsSelectedOnceSaved() {
        var s = TUI.state(TUI.squad())
        let events = Self.store(.addItem(NewItem(title: "Fresh idea")), &s)
        let number = events.first?.change.item
        #expect(number != nil && s.currentItem?.number == number)
    }

    @Test func savedWarningsAreShownAsErrors() {
        var s = TUI.state(TUI.squad())
        var board = s.board
        let events = TUI.events(.moveItem(1, to: TUI.doing), &board)
        _ = App.update(
            &s,
            .saved(
                slice: board, items: [1], events: events,
                warnings: ["Doing now holds 5 items, over its WIP limit of 4."]))
        #expect(s.message == Message("Doing now holds 5 items, over its WIP limit of 4.", isError: true))
    }

    @Test func newItemIsSelectedAfterItIsSaved() {
        var s = TUI.state(TUI.squad())
        press(&s, named: "l", "n")
        type(&s, "Call the bank")
        guard case .apply(let actions) = press(&s, named: "enter").first else {
            Issue.record("no apply")
            return
        }
        var board = s.board
        let events = TUI.events(actions[0], &board)
        _ = App.update(&s, .saved(slice: board, items: [17], events: events, warnings: []))
        #expect(s.currentItem?.number == 17)
        #expect(s.pendingPrompt == nil)
        #expect(View.render(s).find("#17 Call the bank") != nil)
    }

    @Test func undoReversesOneOwnChange() {
        var s = TUI.state(TUI.squad())
        press(&s, named: "u")
        #expect(s.message?.isError == true && s.message?.text.contains("nothing of yours") == true)

        let moved = Self.store(.moveItem(1, to: TUI.ready, basedOn: s.board.items[1]!.revision), &s)
        #expect(s.lastOwnChange == moved)
        let effects = press(&s, named: "u")
        #expect(effects == [.apply([.moveItem(1, to: TUI.backlog)])])
        #expect(s.pendingUndo)

        _ = Self.store(.moveItem(1, to: TUI.backlog), &s, at: TUI.now.addingTimeInterval(5), seq: 101)
        #expect(s.message?.text == "Undone.")
        #expect(s.pendingUndo == false)
        #expect(s.lastOwnChange.isEmpty, "an undo is not itself undone by u")
        press(&s, named: "u")
        #expect(s.message?.text.contains("nothing of yours") == true)
    }

    @Test func undoOfAnArchive() {
        var s = TUI.state(TUI.squad())
        press(&s, named: "j")
        #expect(press(&s, named: "d") == [.apply([.archive(2)])])
        _ = Self.store(.archive(2), &s)
        #expect(s.message?.text == "Archived #2 · u undoes.")
        #expect(s.currentItem?.number != 2)
        #expect(View.render(s).find("#2 Offer") == nil)
        #expect(press(&s, named: "u") == [.apply([.restore(2)])])
    }

    @Test func undoOfABlockAndOfAnEdit() {
        var s = TUI.state(TUI.squad())
        _ = Self.store(.block(3, reason: "No budget"), &s)
        #expect(press(&s, named: "u") == [.apply([.unblock(3)])])
        _ = Self.store(.unblock(3), &s, at: TUI.now.addingTimeInterval(1))
        _ = Self.store(.editItem(3, ItemPatch(title: "New title", kind: .work)), &s, at: TUI.now.addingTimeInterval(2))
        #expect(s.lastOwnChange.count == 2)
        #expect(
            press(&s, named: "u") == [
                .apply([
                    .editItem(3, ItemPatch(kind: .concern)),
                    .editItem(3, ItemPatch(title: "Customers abandon the ID upload step")),
                ])
            ])
    }

    @Test func undoIsRefusedAfterSomeoneElseChangedTheItem() {
        var s = TUI.state(TUI.squad())
        _ = Self.store(.moveItem(1, to: TUI.ready), &s)
        var theirs = s.board
        let events = TUI.events(
            .editItem(1, ItemPatch(title: "Bo's title")), &theirs, by: TUI.asBo, at: TUI.now.addingTimeInterval(30),
            seq: 200)
        _ = App.update(&s, .changedElsewhere(slice: theirs, events: events))
        #expect(
            s.message?.text.hasPrefix(
                "bo changed the title of #1 from 'Map the onboarding journey end to end' to 'Bo's title'") == true)
        #expect(press(&s, named: "u").isEmpty)
        #expect(s.message?.isError == true)
        #expect(s.message?.text.contains("someone else") == true)
        #expect(s.pendingUndo == false)
    }

    @Test func saveFailedReopensTheSubmittedPrompt() {
        var s = TUI.state(TUI.squad())
        press(&s, named: "c")
        type(&s, "A long comment I do not want to lose")
        #expect(press(&s, named: "enter") == [.apply([.comment(1, text: "A long comment I do not want to lose")])])
        #expect(s.overlay == nil)
        _ = App.update(&s, .saveFailed(BatonError(.io, "The disk is full; free some space and press Enter again.")))
        #expect(s.prompt?.purpose == .comment(1))
        #expect(s.prompt?.editor.text == "A long comment I do not want to lose")
        #expect(s.message == Message("The disk is full; free some space and press Enter again.", isError: true))
        #expect(s.pendingPrompt == nil)
        #expect(
            View.render(s).find("The disk is full") != nil, "the error stays visible while the prompt is open again")
    }

    /// A failed read says so and leaves a save in flight alone: its prompt stays pending and the
    /// change it shows is not put back.
    @Test func readFailedIsNotASaveFailure() {
        var s = TUI.state(TUI.squad())
        press(&s, named: "L")
        let moved = s.board.items[1]?.stage
        press(&s, named: "c")
        type(&s, "Still being saved")
        press(&s, named: "enter")
        _ = App.update(&s, .readFailed(BatonError(.io, "The history could not be read.")))
        #expect(s.message == Message("The history could not be read.", isError: true))
        #expect(s.pendingPrompt?.editor.text == "Still being saved" && s.overlay == nil)
        #expect(moved == TUI.ready && s.board.items[1]?.stage == TUI.ready, "the unsaved move stays shown")
    }

    @Test func saveFailedWithoutAPromptJustSaysSo() {
        var s = TUI.state(TUI.squad())
        press(&s, named: "L")
        _ = App.update(
            &s,
            .saveFailed(
                .conflict(
                    "Item #1 was changed by someone else since revision 1 (it is now at 2); look at it again and retry."
                )))
        #expect(s.overlay == nil)
        #expect(s.message?.isError == true)
    }

    @Test func changedElsewhereKeepsTheSameItemSelectedAcrossStages() {
        var s = TUI.state(TUI.squad())
        press(&s, named: "l", "j")
        #expect(s.currentItem?.number == 6)
        var theirs = s.board
        let events = TUI.events(.moveItem(6, to: TUI.done), &theirs, by: TUI.asBo, seq: 300)
        _ = App.update(&s, .changedElsewhere(slice: theirs, events: events))
        #expect(s.currentItem?.number == 6)
        #expect(s.stageIndex == 3)
        #expect(s.message?.text.hasPrefix("bo moved #6 from Ready to Done") == true)
        let frame = View.render(s)
        guard let at = frame.find("#6 ") else {
            Issue.record("#6 not drawn")
            return
        }
        #expect(frame[at.x, at.y].role == .cardSelected)
    }

    @Test func changedElsewhereWhenTheSelectedItemIsArchived() {
        var s = TUI.state(TUI.squad())
        press(&s, named: "j")
        var theirs = s.board
        let events = TUI.events(.archive(2), &theirs, by: TUI.asBo, seq: 300)
        _ = App.update(&s, .changedElsewhere(slice: theirs, events: events))
        #expect(s.stageIndex == 0)
        #expect(s.currentItem != nil && s.currentItem?.number != 2)
    }

    @Test func changedElsewhereKeepsAnOpenPrompt() {
        var s = TUI.state(TUI.squad())
        press(&s, named: "n")
        type(&s, "Half typed")
        var theirs = s.board
        let events = TUI.events(.moveItem(1, to: TUI.done), &theirs, by: TUI.asBo, seq: 300)
        _ = App.update(&s, .changedElsewhere(slice: theirs, events: events))
        #expect(s.prompt?.editor.text == "Half typed")
    }

    @Test func restoreDraftOffersTheTextBack() {
        var s = TUI.state(TUI.squad())
        _ = App.update(&s, .restoreDraft(.editNotes(9, original: "line one"), "line one\nline two"))
        #expect(s.prompt?.editor.multiline == true)
        #expect(s.prompt?.editor.text == "line one\nline two")
        #expect(s.message?.text.contains("unsaved") == true)
    }

    @Test func tickMovesTheClock() {
        var s = TUI.state(TUI.squad())
        let later = TUI.now.addingTimeInterval(3 * TUI.day)
        #expect(App.update(&s, .tick(later)).isEmpty)
        #expect(s.now == later)
    }
}
