import Foundation
import Testing

@testable import BatonCore

/// Field-level merging of concurrent edits: a change to another field merges, the same field conflicts.
@Suite("edit fields")
struct EditFieldsTests {
    @Test func anEditBasedOnTheCurrentValueApplies() throws {
        var board = try Fixture.board(items: ["Old"])
        let change = try apply(.editFields(1, ItemPatch(title: "New"), original: ItemPatch(title: "Old")), to: &board)
        #expect(board.items[1]?.title == "New")
        #expect(change.events.map(\.field) == ["title"])
    }

    @Test func someoneElsesChangeToAnotherFieldMerges() throws {
        var board = try Fixture.board(items: ["Old"])
        try apply(.editItem(1, ItemPatch(notes: "Bo's notes")), to: &board, by: Fixture.asBo)
        try apply(.editFields(1, ItemPatch(title: "New"), original: ItemPatch(title: "Old")), to: &board)
        #expect(board.items[1]?.title == "New")
        #expect(board.items[1]?.notes == "Bo's notes")
    }

    @Test func someoneElsesChangeToTheSameFieldIsAConflict() throws {
        var board = try Fixture.board(items: ["Old"])
        try apply(.editItem(1, ItemPatch(title: "Bo's title")), to: &board, by: Fixture.asBo)
        let error = expectFailure(
            .editFields(1, ItemPatch(title: "New"), original: ItemPatch(title: "Old")), on: &board,
            category: .conflict, mentions: ["title", "#1"])
        #expect(error != nil)
        #expect(board.items[1]?.title == "Bo's title")
    }

    @Test func theSameChangeMadeTwiceIsNoConflict() throws {
        var board = try Fixture.board(items: ["Old"])
        try apply(.editItem(1, ItemPatch(title: "New")), to: &board, by: Fixture.asBo)
        let change = try apply(.editFields(1, ItemPatch(title: "New"), original: ItemPatch(title: "Old")), to: &board)
        #expect(change.events.isEmpty)
    }

    @Test func notesConflictToo() throws {
        var board = try Fixture.board(items: ["Old"])
        try apply(.editItem(1, ItemPatch(notes: "theirs")), to: &board, by: Fixture.asBo)
        _ = expectFailure(
            .editFields(1, ItemPatch(notes: "mine"), original: ItemPatch(notes: "")), on: &board,
            category: .conflict, mentions: ["notes"])
    }
}
