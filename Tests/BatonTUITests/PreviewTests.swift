import BatonCore
import Foundation
import Testing
@testable import BatonTUI

/// What the runtime draws before the disk answers, and when it draws at all.
@Suite struct PreviewTests {
    @Test func aMoveIsShownBeforeItIsSavedExactlyAsItWillBeOnceSaved() {
        var s = TUI.state(TUI.squad())
        guard case .apply(let actions) = press(&s, named: "L").first else { Issue.record("no apply"); return }
        guard let preview = App.preview(s, applying: actions) else { Issue.record("no preview"); return }
        #expect(preview.board.items[1]?.stage == TUI.ready)
        #expect(preview.currentItem?.number == 1 && preview.stageIndex == 1, "the selection follows, as after saving")
        #expect(s.board.items[1]?.stage == TUI.backlog, "the state itself waits for the store")
        var saved = s
        _ = MessageTests.store(actions[0], &saved)
        #expect(View.render(preview).lines == View.render(saved).lines, "the same screen as after saving")
    }

    @Test func aRefusedActionHasNoPreview() {
        let s = TUI.state(TUI.squad())
        #expect(App.preview(s, applying: [.moveItem(999, to: TUI.ready)]) == nil)
        #expect(App.preview(s, applying: []) == nil)
    }

    @Test func previewsAreForTheBoardOnly() {
        var s = TUI.state(TUI.squad())
        s.screen = .detail(1)
        #expect(App.preview(s, applying: [.moveItem(1, to: TUI.ready)]) == nil)
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
        s.now = Date(timeIntervalSince1970: 1_800_000_000)   // on a whole minute
        #expect(!Msg.tick(s.now.addingTimeInterval(59)).mayChangeView(s))
        #expect(Msg.tick(s.now.addingTimeInterval(60)).mayChangeView(s))
        #expect(Msg.key(Key(name: "j")!).mayChangeView(s))
        #expect(Msg.presenceChanged([]).mayChangeView(s))
        s.standup.running = StandupScreenTests.standup()
        #expect(Msg.tick(s.now.addingTimeInterval(1)).mayChangeView(s), "the stand-up timer moves every second")
    }
}
