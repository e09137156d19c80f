import BatonCore
import Foundation
import Testing

@testable import BatonTUI

@Suite("Commands on the board")
struct CommandTests {
    let board = TUI.squad()

    @Test func moveRightAndLeftApplyToTheItemAsItIsNow() {
        var s = TUI.state(board)
        #expect(press(&s, named: "L") == [.apply([.moveItem(1, to: TUI.ready)])])
        #expect(
            s.board.items[1]?.stage == TUI.ready && s.currentItem?.number == 1, "shown at once; the selection follows")
        #expect(press(&s, named: "shift-right") == [.apply([.moveItem(1, to: TUI.doing)])])
        #expect(press(&s, named: "H") == [.apply([.moveItem(1, to: TUI.ready)])])
        #expect(press(&s, named: "shift-left") == [.apply([.moveItem(1, to: TUI.backlog)])])
        #expect(press(&s, named: "H").isEmpty, "nothing is left of Backlog")
        press(&s, named: "l")
        let selected = s.currentItem?.number ?? 0
        #expect(s.currentItem?.stage == TUI.ready)
        #expect(press(&s, named: "H") == [.apply([.moveItem(selected, to: TUI.backlog)])])
        press(&s, named: "l", "l", "l")
        #expect(press(&s, named: "L").isEmpty, "nothing is right of Done")
    }

    @Test func reorderExpediteArchive() {
        var s = TUI.state(board)
        press(&s, named: "j")
        #expect(press(&s, named: "J") == [.apply([.reorderItem(2, .down)])])
        #expect(press(&s, named: "K") == [.apply([.reorderItem(2, .up)])])
        #expect(press(&s, named: "shift-down") == [.apply([.reorderItem(2, .down)])])
        #expect(press(&s, named: "x") == [.apply([.setExpedite(2, true)])])
        #expect(press(&s, named: "d") == [.apply([.archive(2)])])
        press(&s, named: "l", "l")
        #expect(s.currentItem?.number == 10)
        #expect(press(&s, named: "x") == [.apply([.setExpedite(10, false)])])
    }

    @Test func quit() {
        var s = TUI.state(board)
        #expect(press(&s, named: "q") == [.quit])
        #expect(s.quitting)
    }

    @Test func unknownKeysSayHowToFindHelp() {
        var s = TUI.state(board)
        #expect(press(&s, named: "z").isEmpty)
        #expect(s.message?.text.contains("?") == true)
        #expect(s.message?.isError == false)
        press(&s, named: "j")
        #expect(s.message == nil, "the next key clears the message")
    }

    @Test func helpAndOutcomesScreensAndBack() {
        var s = TUI.state(board)
        #expect(press(&s, named: "?").isEmpty)
        #expect(s.screen == .help)
        press(&s, named: "esc")
        #expect(s.screen == .board)
        press(&s, named: "O")
        #expect(s.screen == .outcomes)
        press(&s, named: "?")
        #expect(s.screen == .help)
        press(&s, named: "esc")
        #expect(s.screen == .board)
        #expect(press(&s, named: "esc").isEmpty, "Esc on the board without a filter does nothing")
        #expect(s.screen == .board)
    }

    @Test func enterOpensTheDetailAndLoadsIt() {
        var s = TUI.state(board)
        press(&s, named: "l", "l", "j")
        #expect(s.currentItem?.number == 9)
        #expect(press(&s, named: "enter") == [.loadDetail(9)])
        #expect(s.screen == .detail(9))
        #expect(s.detail == nil)
        let detail = ItemDetail(comments: [], events: [])
        _ = App.update(&s, .detailLoaded(8, detail))
        #expect(s.detail == nil, "a late answer for another item is ignored")
        _ = App.update(&s, .detailLoaded(9, detail))
        #expect(s.detail == detail)
        #expect(
            press(&s, named: "L") == [.apply([.moveItem(9, to: TUI.done)])],
            "item keys act on the detail's item")
        press(&s, named: "e")
        #expect(s.prompt?.purpose == .editTitle(9, original: s.board.items[9]!.title))
        press(&s, named: "esc", "esc")
        #expect(s.screen == .board && s.detail == nil)
        #expect(s.currentItem?.number == 9)
    }

    @Test func outcomesRecordAValue() {
        var s = TUI.state(board)
        press(&s, named: "O", "j", "v")
        #expect(s.prompt?.purpose == .outcomeValue(2))
        type(&s, "twenty")
        #expect(press(&s, named: "enter").isEmpty)
        #expect(s.message?.isError == true)
        #expect(s.prompt != nil, "a bad number keeps the prompt")
        press(&s, named: "ctrl-u")
        type(&s, " 25.5 ")
        #expect(press(&s, named: "enter") == [.apply([.recordOutcome(2, value: 25.5)])])
        #expect(s.overlay == nil)

        var empty = TUI.state(TUI.empty())
        press(&empty, named: "O", "v")
        #expect(empty.overlay == nil)
        #expect(empty.message?.text.contains("no outcomes") == true)
    }

    /// The command table says which commands change the board; a read-only board refuses exactly those.
    @Test func everyCommandHasAnEntryAndReadOnlyRefusesExactlyTheEditingOnes() {
        let changing = Set(Command.allCases.filter(\.edits).map(\.rawValue))
        #expect(
            changing == [
                "move-item-left", "move-item-right", "reorder-up", "reorder-down", "new-item", "edit-title",
                "edit-notes", "set-kind", "link-outcome", "set-due", "add-comment", "assign-owner",
                "assign-involved", "toggle-blocked", "toggle-expedite", "archive-item", "undo", "record-value",
                "start-standup", "pass-baton", "previous-speaker", "pause-timer", "end-standup", "action-item",
                "begin-standup", "restore-item", "edit-notes-outside",
            ])
        for command in Command.allCases {
            #expect(!command.help.isEmpty && !command.hint.isEmpty, "\(command.rawValue) lacks help or a hint")
            var s = TUI.state(board, readOnly: true)
            _ = App.run(command, &s)
            let refused = s.message?.text.contains("read-only") == true
            #expect(refused == command.edits, "\(command.rawValue) on a read-only board")
        }
    }

    @Test func readOnlyRefusesEditingButAllowsLooking() {
        var s = TUI.state(board, readOnly: true)
        for key in ["L", "H", "J", "K", "n", "e", "E", "T", "o", "D", "c", "a", "i", "b", "x", "d", "u"] {
            #expect(press(&s, named: key).isEmpty, "\(key) on a read-only board")
            #expect(s.overlay == nil, "\(key) opened an overlay on a read-only board")
            #expect(
                s.message?.isError == true && s.message?.text.contains("read-only") == true,
                "\(key): \(String(describing: s.message))")
        }
        press(&s, named: "j")
        #expect(s.currentItem?.number == 2)
        #expect(press(&s, named: "enter") == [.loadDetail(2)])
        press(&s, named: "e")
        #expect(s.overlay == nil && s.message?.text.contains("read-only") == true)
        press(&s, named: "esc", "/")
        #expect(s.prompt?.purpose == .filter, "filtering is allowed on a read-only board")
        press(&s, named: "esc", "O", "v")
        #expect(s.overlay == nil && s.message?.text.contains("read-only") == true)
        let frame = View.render(s)
        #expect(frame.find("READ-ONLY") != nil)
    }

    @Test func filterNarrowsLiveAndEscRestores() {
        var s = TUI.state(board)
        press(&s, named: "/")
        #expect(s.prompt?.purpose == .filter)
        type(&s, "kind:con")
        #expect(s.filter.query == "kind:con", "the filter applies while typing")
        #expect(s.columns.values.flatMap { $0 }.sorted() == [3, 7, 12, 15])
        #expect(s.currentItem?.number == 3)
        #expect(press(&s, named: "enter").isEmpty)
        #expect(s.overlay == nil)
        #expect(s.message?.text.contains("4 items shown") == true)
        #expect(View.render(s).find("filter: kind:con") != nil)

        press(&s, named: "/", "ctrl-u")
        type(&s, "@bo")
        #expect(s.columns.values.flatMap { $0 }.sorted() == [2, 5, 6, 9, 12, 14, 15, 16])
        press(&s, named: "esc")
        #expect(s.filter.query == "kind:con", "Esc restores the filter from before the prompt")
        #expect(s.columns.values.flatMap { $0 }.sorted() == [3, 7, 12, 15])

        press(&s, named: "esc")
        #expect(s.filter.isEmpty)
        #expect(s.message?.text == "Filter cleared.")
        #expect(s.columns.values.flatMap { $0 }.count == 16)
    }

    @Test func filterThatMatchesNothingShowsNoneMatch() {
        var s = TUI.state(board)
        press(&s, named: "/")
        type(&s, "zzzz")
        press(&s, named: "enter")
        #expect(s.currentItem == nil)
        #expect(s.message?.text.contains("0 items shown") == true)
        #expect(View.render(s).find("(none match)") != nil)
        #expect(press(&s, named: "L").isEmpty)
    }

    @Test func filterKeepsTheSelectedItemWhenItStillMatches() {
        var s = TUI.state(board)
        press(&s, named: "l", "l", "G")
        #expect(s.currentItem?.number == 12)
        press(&s, named: "/")
        type(&s, "blocked")
        press(&s, named: "enter")
        #expect(s.currentItem?.number == 12)
        #expect(s.stageIndex == 2)
    }
}
