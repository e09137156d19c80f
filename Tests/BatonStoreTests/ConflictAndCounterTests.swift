import BatonCore
import Foundation
import Testing

@testable import BatonStore

@Suite("Conflicts and the change counter")
struct ConflictAndCounterTests {
    /// The board file and its WAL (the shared-memory index changes on mere reads and is left
    /// out); nothing for a board in a database, whose export says all.
    private func contents(_ board: TestBoard) throws -> [String: Data] {
        try board.folder.snapshot().filter { !$0.key.hasSuffix("-shm") }
    }

    @Test("an edit based on a stale revision is a conflict and changes nothing", arguments: TestEngine.allCases)
    func staleEditIsConflict(_ engine: TestEngine) throws {
        let board = try TestBoard(engine)
        let store = try board.create()
        try store.apply(.addItem(NewItem(title: "Shared card")), by: Fixed.asAna, at: Fixed.at(1))
        // Bo edits it from his own session, based on revision 1.
        let other = try board.open()
        let bo = try other.apply(
            .editItem(1, ItemPatch(title: "Bo's title"), basedOn: 1), by: Fixed.asBo, at: Fixed.at(2))
        #expect(bo.board.items[1]?.revision == 2)

        let before = try contents(board)
        let document = try store.exportDocument()
        let error = refusal(.conflict) {
            try store.apply(.editItem(1, ItemPatch(title: "Ana's title"), basedOn: 1), by: Fixed.asAna, at: Fixed.at(3))
        }
        #expect(error?.message.contains("#1") == true)
        refusal(.conflict) {
            try store.apply(.moveItem(1, to: Fixed.doing, basedOn: 1), by: Fixed.asAna, at: Fixed.at(3))
        }
        #expect(try contents(board) == before)
        #expect(try store.exportDocument() == document)
        #expect(try store.item(1)?.title == "Bo's title")
        #expect(try store.item(1)?.revision == 2)

        // Based on the current revision, the same edit goes through.
        try store.apply(.editItem(1, ItemPatch(title: "Ana's title"), basedOn: 2), by: Fixed.asAna, at: Fixed.at(4))
        #expect(try other.item(1)?.title == "Ana's title")
        #expect(try other.item(1)?.revision == 3)
    }

    @Test("an edit without a base revision is not checked", arguments: TestEngine.allCases)
    func unbasedEditApplies(_ engine: TestEngine) throws {
        let board = try TestBoard(engine)
        let store = try board.create()
        try store.apply(.addItem(NewItem(title: "Card")), by: Fixed.asAna, at: Fixed.at(1))
        try store.apply(.editItem(1, ItemPatch(notes: "one")), by: Fixed.asAna, at: Fixed.at(2))
        try store.apply(.editItem(1, ItemPatch(notes: "two")), by: Fixed.asAna, at: Fixed.at(3))
        #expect(try store.item(1)?.notes == "two")
        #expect(try store.item(1)?.revision == 3)
    }

    @Test(
        "the change counter moves when another store commits, and not when nothing happened",
        arguments: TestEngine.allCases)
    func changeCounterSeesOtherWriters(_ engine: TestEngine) throws {
        let folder = try TestBoard(engine)
        let watcher = try folder.create()
        let writer = try folder.open()

        let start = try watcher.changeCounter()
        _ = try watcher.loadBoard()
        _ = try writer.loadBoard()
        #expect(try watcher.changeCounter() == start, "reads change nothing")

        try writer.apply(.addItem(NewItem(title: "From elsewhere")), by: Fixed.asBo, at: Fixed.at(1))
        let afterFirst = try watcher.changeCounter()
        #expect(afterFirst != start)
        #expect(try watcher.changeCounter() == afterFirst, "stable until the next commit")

        // A refused action commits nothing, so the counter stays.
        refusal(.data) { try writer.apply(.archive(99), by: Fixed.asBo, at: Fixed.at(2)) }
        #expect(try watcher.changeCounter() == afterFirst)

        try writer.apply(.archive(1), by: Fixed.asBo, at: Fixed.at(3))
        #expect(try watcher.changeCounter() != afterFirst)
        #expect(try watcher.item(1)?.archived == true)
    }

    @Test("a read-only store also sees other writers through the counter", arguments: TestEngine.allCases)
    func readOnlyCounter(_ engine: TestEngine) throws {
        let folder = try TestBoard(engine)
        let writer = try folder.create()
        let reader = try folder.open(.readOnly)
        let start = try reader.changeCounter()
        #expect(try reader.changeCounter() == start)
        try writer.apply(.renameBoard("Renamed"), by: Fixed.asAna, at: Fixed.at(1))
        #expect(try reader.changeCounter() != start)
        #expect(try reader.loadBoard().name == "Renamed")
    }
}
