import BatonCore
import Foundation
import Testing

@testable import BatonTUI

/// What the runtime draws before the disk answers, and when it draws at all.
@Suite struct PreviewTests {
    @Test func aMoveIsShownBeforeItIsSavedExactlyAsItWillBeOnceSaved() {
        var s = TUI.state(TUI.squad())
        let original = s
        guard case .apply(let actions) = press(&s, named: "L").first else {
            Issue.record("no apply")
            return
        }
        #expect(s.board.items[1]?.stage == TUI.ready, "shown at once, before the store answers")
        #expect(s.currentItem?.number == 1 && s.stageIndex == 1, "the selection follows, as after saving")
        #expect(s.unsavedBefore?.items[1]?.stage == TUI.backlog, "how it was is kept in case the store refuses")
        var saved = original
        _ = MessageTests.store(actions[0], &saved)
        #expect(View.render(s).lines == View.render(saved).lines, "the same screen as after saving")
        _ = MessageTests.store(actions[0], &s)
        #expect(s.unsavedBefore == nil)
        #expect(View.render(s).lines == View.render(saved).lines)
        #expect(s.lastOwnChange == saved.lastOwnChange, "undo takes back the stored change, not the early one")
    }

    @Test func aRefusedChangeGoesBackWithTheSelection() {
        var s = TUI.state(TUI.squad())
        let before = View.render(s).lines
        _ = press(&s, named: "L")
        _ = App.update(&s, .saveFailed(BatonError(.io, "The disk holding the board is full; nothing was changed.")))
        #expect(s.board.items[1]?.stage == TUI.backlog)
        #expect(s.currentItem?.number == 1 && s.stageIndex == 0)
        #expect(s.unsavedBefore == nil)
        #expect(View.render(s).lines.dropLast(2) == before.dropLast(2), "the board as it was; the status line says why")
        #expect(s.message?.isError == true)
    }

    @Test func newItemsAndPromptsWaitForTheStore() {
        var s = TUI.state(TUI.squad())
        _ = press(&s, named: "n")
        for character in "Call the bank" { _ = App.update(&s, .key(Key(name: String(character))!)) }
        _ = press(&s, named: "enter")
        #expect(s.unsavedBefore == nil, "a new item's number comes from the store")
        #expect(!s.board.items.values.contains { $0.title == "Call the bank" })
        var detail = TUI.state(TUI.squad())
        detail.screen = .detail(1)
        #expect(App.update(&detail, .key(Key(name: "L")!)).count == 1, "the detail screen moves items too")
        #expect(
            detail.unsavedBefore == nil && detail.board.items[1]?.stage == TUI.backlog,
            "only the board shows changes early")
    }

    @Test func wiPCountsOfOtherStagesSurviveASliceWithoutThem() {
        var s = TUI.state(TUI.squad())
        let before = s.board.stats
        var slice = s.board
        let events = TUI.events(.moveItem(1, to: TUI.ready), &slice, seq: 100)
        slice.stats = slice.stats.filter { [TUI.backlog, TUI.ready].contains($0.key) }
        _ = App.update(&s, .saved(slice: slice, items: [1], events: events, warnings: []))
        #expect(s.board.stats[TUI.doing] == before[TUI.doing], "a store slice holds only the stages it touched")
        #expect(s.board.stats[TUI.ready]?.open == (before[TUI.ready]?.open ?? 0) + 1)
    }

    @Test func anIdleTickRedrawsOnlyWhenTheMinuteChangesOrAStandupRuns() {
        var s = TUI.state(TUI.squad())
        s.now = Date(timeIntervalSince1970: 1_800_000_000)  // on a whole minute
        #expect(!Msg.tick(s.now.addingTimeInterval(59)).mayChangeView(s))
        #expect(Msg.tick(s.now.addingTimeInterval(60)).mayChangeView(s))
        #expect(Msg.key(Key(name: "j")!).mayChangeView(s))
        #expect(Msg.presenceChanged([]).mayChangeView(s))
        s.standup.running = StandupScreenTests.standup()
        #expect(Msg.tick(s.now.addingTimeInterval(1)).mayChangeView(s), "the stand-up timer moves every second")
    }
}
