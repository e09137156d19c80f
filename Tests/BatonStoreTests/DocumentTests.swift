import BatonCore
import Foundation
import Testing

@testable import BatonStore

@Suite("Export and import")
struct DocumentTests {
    /// A store that went through the whole scenario.
    private func richStore(_ board: TestBoard) throws -> BoardStore {
        var mirror = try Fixed.newBoard()
        let store = try board.create(mirror)
        _ = try Scenario.run(on: store, mirror: &mirror)
        return store
    }

    private func encoded(_ document: BoardDocument) throws -> Data {
        try BoardDocument.encoder().encode(document)
    }

    @Test("export, import into a fresh board and export again gives the same bytes", arguments: TestEngine.allCases)
    func exportImportExport(_ engine: TestEngine) throws {
        let rich = try TestBoard(engine)
        let first = try richStore(rich).exportDocument()
        #expect(first.items.count == 4 && first.comments.count == 2 && first.events.count > 40)
        let json = try encoded(first)

        // Through the JSON text, as `baton export` and `baton import` would do it.
        let decoded = try BoardDocument.decoder().decode(BoardDocument.self, from: json)
        #expect(decoded == first)
        let fresh = try rich.another("fresh").create(Fixed.newBoard("Placeholder"))
        try fresh.importDocument(decoded)
        let second = try fresh.exportDocument()
        #expect(second == first)
        #expect(try encoded(second) == json)

        // And the imported board is a working board: sound, and numbering goes on after the last item.
        #expect(try fresh.check() == [])
        let added = try fresh.apply(.addItem(NewItem(title: "After import")), by: Fixed.asAna, at: Fixed.at(100))
        #expect(added.change.createdItem == 5)
        #expect(added.events.first?.seq == first.events.count + 1)
        #expect(try fresh.comments(on: 2) == first.comments.filter { $0.item == 2 })
    }

    @Test("a reopened imported board exports the same document", arguments: TestEngine.allCases)
    func importSurvivesReopen(_ engine: TestEngine) throws {
        let rich = try TestBoard(engine)
        let document = try richStore(rich).exportDocument()
        let copy = rich.another("copy")
        try copy.create().importDocument(document)
        let reopened = try copy.open(.readOnly)
        #expect(try encoded(reopened.exportDocument()) == encoded(document))
        expectSameContent(try reopened.loadBoard(), document.board)
    }

    @Test("import is refused on a board that has items, and changes nothing", arguments: TestEngine.allCases)
    func importRefusedWhenItems(_ engine: TestEngine) throws {
        let rich = try TestBoard(engine)
        let document = try richStore(rich).exportDocument()
        let target = try rich.another("busy").create()
        try target.apply(.addItem(NewItem(title: "Already here")), by: Fixed.asAna, at: Fixed.at(1))
        try target.apply(.archive(1), by: Fixed.asAna, at: Fixed.at(2))
        let before = try encoded(target.exportDocument())
        let error = refusal(.data) { try target.importDocument(document) }
        #expect(error?.message.contains("1 items") == true, "\(error?.message ?? "")")
        #expect(try encoded(target.exportDocument()) == before)
    }

    @Test("a document with a broken reference is refused with a message naming it", arguments: TestEngine.allCases)
    func brokenReferences(_ engine: TestEngine) throws {
        let rich = try TestBoard(engine)
        let good = try richStore(rich).exportDocument()
        let target = try rich.another("target").create()
        let before = try encoded(target.exportDocument())

        var badStage = good
        badStage.items[0].stage = 99
        var error = refusal(.data) { try target.importDocument(badStage) }
        #expect(
            error?.message.contains("#1") == true && error?.message.contains("stage 99") == true,
            "\(error?.message ?? "")")

        var badMember = good
        badMember.items[1].owners.append(42)
        error = refusal(.data) { try target.importDocument(badMember) }
        #expect(error?.message.contains("member 42") == true, "\(error?.message ?? "")")

        var badOutcome = good
        badOutcome.items[0].outcome = 7
        error = refusal(.data) { try target.importDocument(badOutcome) }
        #expect(error?.message.contains("outcome 7") == true, "\(error?.message ?? "")")

        var badComment = good
        badComment.comments[0].item = 77
        error = refusal(.data) { try target.importDocument(badComment) }
        #expect(error?.message.contains("#77") == true, "\(error?.message ?? "")")

        var twoProblems = good
        twoProblems.items[0].stage = 99
        twoProblems.comments[1].item = 78
        error = refusal(.data) { try target.importDocument(twoProblems) }
        #expect(error?.message.contains("1 more") == true, "\(error?.message ?? "")")

        var badFormat = good
        badFormat.format = "trello"
        refusal(.data) { try target.importDocument(badFormat) }

        #expect(try encoded(target.exportDocument()) == before)
        #expect(try target.check() == [])
    }

    @Test("an export is one consistent snapshot of board, comments and history", arguments: TestEngine.allCases)
    func exportContents(_ engine: TestEngine) throws {
        let rich = try TestBoard(engine)
        let store = try richStore(rich)
        let document = try store.exportDocument()
        #expect(document.format == BoardDocument.formatName && document.version == BoardDocument.currentVersion)
        #expect(document.items.map(\.number) == [1, 2, 3, 4])
        #expect(document.events == (try store.events()))
        #expect(document.comments == (try store.allComments()))
        #expect(document.problems() == [])
        expectSameContent(document.board, try store.loadBoard())
    }
}
