import BatonCore
import Foundation
import Testing

@testable import BatonTUI

/// The screens every golden and every size sweep covers, built from fixtures and keys.
enum Screens {
    static let squad = TUI.squad()

    static func board(_ board: Board, _ size: Size) -> AppState {
        TUI.state(board, width: size.width, height: size.height)
    }

    static func help(_ size: Size) -> AppState {
        var s = board(squad, size)
        press(&s, named: "?")
        return s
    }

    /// The archive with three items archived on different days, the second selected.
    static func archive(_ size: Size) -> AppState {
        var b = squad
        _ = TUI.events(.archive(3), &b, at: TUI.t0.addingTimeInterval(2 * TUI.day))
        _ = TUI.events(.archive(7), &b, by: TUI.asBo, at: TUI.t0.addingTimeInterval(10 * TUI.day))
        _ = TUI.events(.archive(12), &b, at: TUI.now.addingTimeInterval(-3 * 3600))
        var s = board(b, size)
        press(&s, named: "A", "j")
        return s
    }

    static func outcomes(_ size: Size) -> AppState {
        var s = board(squad, size)
        press(&s, named: "O", "j")
        return s
    }

    /// The detail of #12 (blocked, in Doing) with two comments and its history loaded.
    static func detail(_ size: Size, of source: Board = squad, item: ItemNumber = 12) -> AppState {
        var b = source
        var events: [Event] = []
        events += TUI.events(
            .assign(item, TUI.ana, .involved), &b, at: TUI.t0.addingTimeInterval(10 * TUI.day), seq: 10)
        events += TUI.events(
            .editItem(
                item, ItemPatch(notes: "Compare ages 18-25 with the rest.\nAsk the data team for last year's extract.")),
            &b, by: TUI.asBo, at: TUI.t0.addingTimeInterval(11 * TUI.day), seq: 11)
        var s = TUI.state(b, width: size.width, height: size.height)
        s.selectedItem[b.items[item]!.stage] = item
        s.stageIndex = b.stages.firstIndex { $0.id == b.items[item]!.stage }!
        _ = press(&s, named: "enter")
        let comments = [
            Comment(
                id: 1, item: item, author: TUI.bo, account: "bo", at: TUI.t0.addingTimeInterval(9.5 * TUI.day),
                text: "The extract is promised for Friday."),
            Comment(
                id: 2, item: item, author: nil, account: "root", at: TUI.now.addingTimeInterval(-3600),
                text: "Escalated to the data lead.\nShe will call back "
                    + (source == squad ? "today." : TUI.hostileTexts[0])),
        ]
        _ = App.update(&s, .detailLoaded(item, ItemDetail(comments: comments, events: events)))
        return s
    }

    /// The new-item prompt with text typed and the cursor moved back three words, before "about".
    static func prompt(_ size: Size) -> AppState {
        var s = board(squad, size)
        press(&s, named: "l", "n")
        type(&s, "Call the bank about the API")
        press(&s, named: "alt-b", "alt-b", "alt-b")
        return s
    }

    /// The owner picker of #5, filtered to the IT members.
    static func picker(_ size: Size) -> AppState {
        var s = board(squad, size)
        press(&s, named: "l", "a")
        type(&s, "(it")
        press(&s, named: "down")
        return s
    }

    static func notes(_ size: Size) -> AppState {
        var s = board(squad, size)
        press(&s, named: "l", "l", "j", "E")
        return s
    }

    /// Every screen for one size, named.
    static func all(_ size: Size) -> [(String, AppState)] {
        [
            ("board-sample", board(squad, size)), ("board-empty", board(TUI.empty(), size)),
            ("board-long", board(TUI.longTitles(), size)), ("board-cjk", board(TUI.cjk(), size)),
            ("board-hostile", board(TUI.hostile(), size)), ("help", help(size)), ("detail", detail(size)),
            ("outcomes", outcomes(size)), ("prompt", prompt(size)), ("picker", picker(size)), ("notes", notes(size)),
            ("detail-hostile", detail(size, of: TUI.hostile(), item: 1)), ("archive", archive(size)),
        ]
    }
}

@Suite("Golden frames")
struct GoldenFrameTests {
    @Test(arguments: Size.golden)
    func sampleBoard(_ size: Size) {
        assertGolden(View.render(Screens.board(Screens.squad, size)), named: "board-sample-\(size)")
    }

    @Test(arguments: Size.golden)
    func emptyBoard(_ size: Size) {
        assertGolden(View.render(Screens.board(TUI.empty(), size)), named: "board-empty-\(size)")
    }

    @Test(arguments: Size.golden)
    func longTitles(_ size: Size) {
        assertGolden(View.render(Screens.board(TUI.longTitles(), size)), named: "board-long-\(size)")
    }

    @Test(arguments: Size.golden)
    func cjkTitles(_ size: Size) {
        assertGolden(View.render(Screens.board(TUI.cjk(), size)), named: "board-cjk-\(size)")
    }

    @Test(arguments: Size.golden)
    func hostileTitles(_ size: Size) {
        let frame = View.render(Screens.board(TUI.hostile(), size))
        assertGolden(frame, named: "board-hostile-\(size)")
        #expect(frame.unsafeCells.isEmpty, "\(frame.unsafeCells)")
    }

    @Test(arguments: Size.golden)
    func help(_ size: Size) { assertGolden(View.render(Screens.help(size)), named: "help-\(size)") }

    @Test(arguments: Size.golden)
    func detail(_ size: Size) { assertGolden(View.render(Screens.detail(size)), named: "detail-\(size)") }

    @Test(arguments: Size.golden)
    func archive(_ size: Size) { assertGolden(View.render(Screens.archive(size)), named: "archive-\(size)") }

    @Test(arguments: Size.golden)
    func outcomes(_ size: Size) { assertGolden(View.render(Screens.outcomes(size)), named: "outcomes-\(size)") }

    @Test(arguments: Size.golden)
    func prompt(_ size: Size) {
        let frame = View.render(Screens.prompt(size))
        assertGolden(frame, named: "prompt-\(size)")
        // " New item in Ready: " is 20 columns; the cursor stands before "about", 14 columns into the text.
        if size.width >= 40 {
            #expect(frame.cursor?.x == 20 + 14, "cursor at \(String(describing: frame.cursor))")
            #expect(frame.cursor?.y == size.height - 2)
            if let cursor = frame.cursor { #expect(frame[cursor.x, cursor.y].text == "a") }
        }
    }

    @Test(arguments: Size.golden)
    func picker(_ size: Size) { assertGolden(View.render(Screens.picker(size)), named: "picker-\(size)") }

    @Test(arguments: Size.golden)
    func notesEditor(_ size: Size) { assertGolden(View.render(Screens.notes(size)), named: "notes-\(size)") }

    @Test(arguments: [Size(10, 3), Size(1, 1), Size(19, 7), Size(30, 6)])
    func tooSmall(_ size: Size) {
        let frame = View.render(Screens.board(Screens.squad, size))
        assertGolden(frame, named: "too-small-\(size)")
        #expect(frame.lines.count == size.height)
        if size.width >= 10 { #expect(frame.allText.contains("small"), "\(frame.lines)") }
    }
}
