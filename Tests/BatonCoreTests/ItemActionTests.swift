import Foundation
import Testing

@testable import BatonCore

@Suite("Items: add, edit, comment")
struct ItemActionTests {
    @Test func newBoardHasDefaultStagesAndCreator() throws {
        let board = try Fixture.bare()
        #expect(board.name == "Squad")
        #expect(board.stages.map(\.name) == ["Backlog", "Ready", "Doing", "Done"])
        #expect(board.stages.map(\.role) == [.queue, .queue, .active, .done])
        #expect(board.stage(Fixture.doing)?.wipLimit == 5)
        #expect(board.members.count == 1)
        #expect(board.members[0].id == 1, "the creator always becomes member 1")
        #expect(board.members[0].handle == "ana")
        #expect(board.items.isEmpty)
        #expect(board.nextItemNumber == 1)
        #expect(board.stats.count == 4)
        #expect(board.stats.values.allSatisfy { $0 == StageStats() })
        checkInvariants(board)
    }

    @Test func newBoardValidatesNameAndCreator() {
        expectBatonError(mentions: ["board name", "empty"]) { _ = try Board.new(name: "  ", creator: Fixture.ana) }
        var bad = Fixture.ana
        bad.handle = "x"
        expectBatonError(mentions: ["handle", "'x'"]) { _ = try Board.new(name: "Squad", creator: bad) }
        #expect((try? Board.new(name: "  Squad  ", creator: Fixture.ana))?.name == "Squad")
    }

    @Test func addItemGoesToBottomOfFirstStageByDefault() throws {
        var board = try Fixture.board()
        let change = try apply(.addItem(NewItem(title: "  Write onboarding guide  ")), to: &board)
        #expect(change.createdItem == 1)
        let item = try #require(board.items[1])
        #expect(item.title == "Write onboarding guide", "titles are trimmed")
        #expect(item.stage == Fixture.backlog)
        #expect(item.revision == 1)
        #expect(item.createdBy == 1 && item.updatedBy == 1)
        #expect(item.createdAt == Fixture.t1 && item.updatedAt == Fixture.t1 && item.stageSince == Fixture.t1)
        #expect(!item.archived && !item.expedite && item.blocked == nil)
        #expect(board.nextItemNumber == 2)
        #expect(
            change.events == [
                EventDraft(
                    .itemCreated, item: 1, entity: .stage, entityID: Fixture.backlog,
                    after: "Write onboarding guide")
            ])
        #expect(change.touched == [.item(1)])
        #expect(change.warnings.isEmpty)
        #expect(
            board.stats[Fixture.backlog]
                == StageStats(open: 1, total: 1, minPosition: item.position, maxPosition: item.position))

        try apply(.addItem(NewItem(title: "Second")), to: &board)
        try apply(.addItem(NewItem(title: "Third")), to: &board)
        #expect(board.order(Fixture.backlog) == [1, 2, 3])
        #expect(board.stats[Fixture.backlog]?.open == 3)
    }

    @Test func addItemOnTopAndInAChosenStage() throws {
        var board = try Fixture.board(items: ["a", "b"])
        let change = try apply(.addItem(NewItem(title: "urgent-ish", stage: Fixture.backlog, top: true)), to: &board)
        #expect(change.createdItem == 3)
        #expect(board.order(Fixture.backlog) == [3, 1, 2])
        #expect(board.stats[Fixture.backlog]?.minPosition == board.items[3]?.position)

        try apply(.addItem(NewItem(title: "ready one", stage: Fixture.ready)), to: &board)
        #expect(board.items[4]?.stage == Fixture.ready)
        #expect(board.stats[Fixture.ready]?.open == 1)
        #expect(board.stats[Fixture.backlog]?.open == 3)
    }

    @Test func addItemKeepsAllFields() throws {
        var board = try Fixture.board()
        let due = try #require(Day("2026-12-31"))
        try apply(
            .addItem(
                NewItem(
                    title: "Pair on signup", notes: "line 1\n\tline 2", kind: .concern, stage: Fixture.ready,
                    owners: [1, 2, 1], involved: [3, 2, 3], outcome: 1, due: due, expedite: true)),
            to: &board, by: Fixture.asBo)
        let item = try #require(board.items[1])
        #expect(item.notes == "line 1\n\tline 2")
        #expect(item.kind == .concern)
        #expect(item.owners == [1, 2], "owners keep their order and lose repeats")
        #expect(item.involved == [3], "an owner is not also involved")
        #expect(item.outcome == 1)
        #expect(item.due == due)
        #expect(item.expedite)
        #expect(item.createdBy == 2, "the acting member, not the account, is recorded")
    }

    @Test func itemNumbersAreNeverReused() throws {
        var board = try Fixture.board(items: ["a", "b"])
        try apply(.archive(2), to: &board)
        let change = try apply(.addItem(NewItem(title: "c")), to: &board)
        #expect(change.createdItem == 3)
        #expect(board.nextItemNumber == 4)
    }

    @Test func addItemRefusesBadInput() throws {
        var board = try Fixture.board()
        expectFailure(.addItem(NewItem(title: "")), on: &board, mentions: ["title", "empty"])
        expectFailure(.addItem(NewItem(title: " \t ")), on: &board, mentions: ["title", "empty"])
        expectFailure(.addItem(NewItem(title: "two\nlines")), on: &board, mentions: ["title", "line break"])
        expectFailure(.addItem(NewItem(title: "bell\u{7}")), on: &board, mentions: ["title", "U+0007"])
        expectFailure(
            .addItem(NewItem(title: String(repeating: "x", count: 301))), on: &board, mentions: ["301", "300"])
        expectFailure(
            .addItem(NewItem(title: "ok", notes: "esc \u{1B}[2J")), on: &board, mentions: ["notes", "escape"])
        expectFailure(.addItem(NewItem(title: "ok", stage: 42)), on: &board, mentions: ["stage", "42"])
        expectFailure(.addItem(NewItem(title: "ok", owners: [7])), on: &board, mentions: ["member", "7"])
        expectFailure(.addItem(NewItem(title: "ok", involved: [8])), on: &board, mentions: ["member", "8"])
        expectFailure(.addItem(NewItem(title: "ok", outcome: 5)), on: &board, mentions: ["outcome", "5"])
        #expect(board.nextItemNumber == 1, "a refused item uses up no number")
        try apply(.addItem(NewItem(title: String(repeating: "x", count: 300))), to: &board)
    }

    @Test func editItemRecordsOneEventPerChangedField() throws {
        var board = try Fixture.board(items: ["Old title"])
        let due = try #require(Day("2026-03-01"))
        let change = try apply(
            .editItem(
                1,
                ItemPatch(
                    title: "New title", notes: "some notes", kind: .opportunity,
                    outcome: .some(1), due: .some(due))), to: &board, by: Fixture.asBo)
        #expect(
            change.events == [
                EventDraft(.itemEdited, item: 1, field: "title", before: "Old title", after: "New title"),
                EventDraft(.itemEdited, item: 1, field: "notes", before: "", after: "some notes"),
                EventDraft(.itemEdited, item: 1, field: "kind", before: "work", after: "opportunity"),
                EventDraft(.itemEdited, item: 1, field: "outcome", before: nil, after: "1"),
                EventDraft(.itemEdited, item: 1, field: "due", before: nil, after: "2026-03-01"),
            ])
        #expect(change.touched == [.item(1)])
        let item = try #require(board.items[1])
        #expect(item.title == "New title" && item.notes == "some notes" && item.kind == .opportunity)
        #expect(item.outcome == 1 && item.due == due)
        #expect(item.revision == 2, "one edit is one revision, however many fields")
        #expect(item.updatedBy == 2 && item.updatedAt == Fixture.t1)
        #expect(item.createdBy == 1 && item.createdAt == Fixture.t0)

        let clear = try apply(.editItem(1, ItemPatch(outcome: .some(nil), due: .some(nil))), to: &board)
        #expect(
            clear.events == [
                EventDraft(.itemEdited, item: 1, field: "outcome", before: "1", after: nil),
                EventDraft(.itemEdited, item: 1, field: "due", before: "2026-03-01", after: nil),
            ])
        #expect(board.items[1]?.outcome == nil && board.items[1]?.due == nil)
        #expect(board.items[1]?.revision == 3)
    }

    @Test func editItemWithoutRealChangesIsANoOp() throws {
        var board = try Fixture.board(items: ["Same"])
        let before = board
        let change = try apply(.editItem(1, ItemPatch(title: "  Same ", kind: .work, outcome: .some(nil))), to: &board)
        #expect(change == Change())
        #expect(board == before, "no revision bump, no updatedAt")
        #expect(ItemPatch().isEmpty && !ItemPatch(due: .some(nil)).isEmpty)
        #expect(try apply(.editItem(1, ItemPatch()), to: &board) == Change())
    }

    @Test func editItemChecksItsInput() throws {
        var board = try Fixture.board(items: ["a"])
        expectFailure(.editItem(9, ItemPatch(title: "x")), on: &board, mentions: ["#9"])
        expectFailure(.editItem(1, ItemPatch(title: "")), on: &board, mentions: ["title", "empty"])
        expectFailure(
            .editItem(1, ItemPatch(title: "ok", outcome: .some(77))), on: &board, mentions: ["outcome", "77"])
        expectFailure(
            .editItem(1, ItemPatch(notes: String(repeating: "n", count: TextRules.maxNotes + 1))), on: &board,
            mentions: ["notes", "\(TextRules.maxNotes + 1)", "\(TextRules.maxNotes)"])
        try apply(.editItem(1, ItemPatch(notes: String(repeating: "n", count: TextRules.maxNotes))), to: &board)
        #expect(board.items[1]?.notes.utf8.count == 65_536)
    }

    @Test func staleRevisionIsAConflict() throws {
        var board = try Fixture.board(items: ["a"])
        try apply(.editItem(1, ItemPatch(title: "b"), basedOn: 1), to: &board)
        #expect(board.items[1]?.revision == 2)
        let error = expectFailure(
            .editItem(1, ItemPatch(title: "c"), basedOn: 1), on: &board, category: .conflict,
            mentions: ["#1", "revision 1", "2"])
        #expect(error?.category.rawValue == 75)
        expectFailure(.moveItem(1, to: Fixture.ready, basedOn: 1), on: &board, category: .conflict, mentions: ["#1"])
        expectFailure(.moveItem(1, to: Fixture.ready, basedOn: 3), on: &board, category: .conflict, mentions: ["#1"])
        try apply(.moveItem(1, to: Fixture.ready, basedOn: 2), to: &board)
        try apply(.editItem(1, ItemPatch(title: "c"), basedOn: 3), to: &board)
        #expect(board.items[1]?.title == "c")
    }

    @Test func editingAnArchivedItemIsAllowed() throws {
        var board = try Fixture.board(items: ["a"])
        try apply(.archive(1), to: &board)
        try apply(.editItem(1, ItemPatch(title: "fixed typo")), to: &board)
        #expect(board.items[1]?.title == "fixed typo")
        #expect(board.items[1]?.archived == true)
    }

    @Test func commentIsRecordedButDoesNotChangeTheItem() throws {
        var board = try Fixture.board(items: ["a"])
        let before = board
        let change = try apply(.comment(1, text: "Looks good\n\tto me"), to: &board)
        #expect(change.comment?.item == 1)
        #expect(change.comment?.text == "Looks good\n\tto me")
        #expect(change.events == [EventDraft(.commentAdded, item: 1, after: "Looks good\n\tto me")])
        #expect(board == before)
    }

    @Test func commentLimits() throws {
        var board = try Fixture.board(items: ["a"])
        expectFailure(.comment(1, text: "  \n "), on: &board, mentions: ["comment", "empty"])
        expectFailure(.comment(2, text: "hi"), on: &board, mentions: ["#2"])
        expectFailure(.comment(1, text: "hi \u{9B}31m"), on: &board, mentions: ["comment", "U+009B"])
        expectFailure(
            .comment(1, text: String(repeating: "c", count: TextRules.maxComment + 1)), on: &board,
            mentions: ["comment", "16384"])
        let longest = String(repeating: "c", count: TextRules.maxComment)
        #expect(try apply(.comment(1, text: longest), to: &board).comment?.text == longest)
        // Four bytes per emoji: the limit is in bytes, not characters.
        expectFailure(.comment(1, text: String(repeating: "😀", count: 4097)), on: &board, mentions: ["16388"])
    }

    @Test func actionNamesItsItem() {
        #expect(Action.editItem(4, ItemPatch()).item == 4)
        #expect(Action.moveItem(5, to: 1).item == 5)
        #expect(Action.comment(6, text: "x").item == 6)
        #expect(Action.restore(7).item == 7)
        #expect(Action.addItem(NewItem(title: "x")).item == nil)
        #expect(Action.removeStage(1).item == nil)
    }
}
