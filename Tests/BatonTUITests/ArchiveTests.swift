import BatonCore
import Foundation
import Testing

@testable import BatonTUI

/// The archive screen: archived items, last archived first, and bringing one back.
@Suite("The archive")
struct ArchiveTests {
    /// The sample squad with #3, #7 and #12 archived in that order, the archive open.
    static func archive(readOnly: Bool = false) -> AppState {
        var b = TUI.squad()
        for (offset, number) in [3, 7, 12].enumerated() {
            _ = TUI.events(.archive(number), &b, at: TUI.t0.addingTimeInterval(Double(offset + 1) * TUI.day))
        }
        var s = TUI.state(b, readOnly: readOnly)
        press(&s, named: "A")
        return s
    }

    @Test func theArchiveListsArchivedItemsLastArchivedFirstAndTheFilterApplies() {
        var s = Self.archive()
        #expect(s.screen == .archive && s.archive == [12, 7, 3])
        #expect(View.render(s).lines[1].contains("3 archived items"))
        press(&s, named: "/")
        type(&s, "kind:concern")
        press(&s, named: "enter")
        #expect(s.archive == [12, 7, 3], "all three are concerns")
        press(&s, named: "/", "ctrl-u")
        type(&s, "scoring")
        press(&s, named: "enter")
        #expect(s.archive == [12, 7], "the filter's words match the titles")
        #expect(View.render(s).lines[1].contains("2 archived items matching the filter"))
        press(&s, named: "esc")
        #expect(s.screen == .board)
    }

    @Test func restoringTheSelectedItemShowsItBackOnTheBoardBeforeItIsSaved() {
        var s = Self.archive()
        press(&s, named: "j")
        let effects = press(&s, named: "r")
        #expect(effects == [.apply([.restore(7)])])
        #expect(s.archive == [12, 3], "gone from the archive at once")
        #expect(s.archiveIndex == 1)
        #expect(s.columns[TUI.ready]?.contains(7) == true, "and back in its stage")
        _ = MessageTests.store(.restore(7), &s)
        #expect(s.archive == [12, 3] && s.board.items[7]?.archived == false)
        press(&s, named: "G", "enter")
        #expect(s.archive == [12] && s.archiveIndex == 0, "the selection stays on the list")
    }

    @Test func anItemArchivedElsewhereJoinsTheListInItsPlace() {
        var s = Self.archive()
        var b = s.board
        let events = TUI.events(.archive(1), &b, by: TUI.asBo, at: TUI.now)
        _ = App.update(&s, .changedElsewhere(slice: b, events: events, items: [1]))
        #expect(s.archive == [1, 12, 7, 3])
        #expect(View.render(s).lines[3].contains("#1 ") && View.render(s).lines[3].contains("by bo"))
    }

    @Test func aReadOnlyBoardShowsTheArchiveButRestoresNothing() {
        var s = Self.archive(readOnly: true)
        #expect(press(&s, named: "r").isEmpty)
        #expect(s.message?.isError == true && s.archive == [12, 7, 3])
    }

    @Test func anEmptyArchiveSaysHowItemsGetThere() {
        var s = TUI.state(TUI.squad())
        press(&s, named: "A")
        #expect(press(&s, named: "r").isEmpty)
        #expect(View.render(s).lines.contains { $0.contains("Nothing here: d on the board archives an item.") })
    }
}
