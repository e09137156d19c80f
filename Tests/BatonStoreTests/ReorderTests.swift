import BatonCore
import Foundation
import GRDB
import Testing

@testable import BatonStore

@Suite("Reordering through the store, on both engines")
struct ReorderTests {
    /// A board with items 1-5 in Backlog (in that order) and items 6-7 in Ready; the same in memory.
    private func fiveInBacklog(_ folder: TestBoard) throws -> (BoardStore, Board) {
        var mirror = try Fixed.newBoard()
        let store = try folder.create(mirror)
        let news =
            ["One", "Two", "Three", "Four", "Five"].map { NewItem(title: $0) }
            + [NewItem(title: "Six", stage: Fixed.ready), NewItem(title: "Seven", stage: Fixed.ready)]
        for (index, new) in news.enumerated() {
            try store.apply(.addItem(new), by: Fixed.asAna, at: Fixed.at(index))
            _ = try mirror.apply(.addItem(new), by: Fixed.asAna, at: Fixed.at(index))
        }
        return (store, mirror)
    }

    /// The open items of Backlog, in display order, as a fresh store reads them.
    private func backlogOrder(_ folder: TestBoard) throws -> [ItemNumber] {
        try folder.open(.readOnly).loadBoard()
            .openItems(in: Fixed.backlog).map(\.number)
    }

    @Test("up, down, top and bottom give the expected order when read back", arguments: TestEngine.allCases)
    func stepsReadBack(_ engine: TestEngine) throws {
        let folder = try TestBoard(engine)
        var (store, mirror) = try fiveInBacklog(folder)
        #expect(try backlogOrder(folder) == [1, 2, 3, 4, 5])
        let script: [(ItemNumber, ReorderStep, [ItemNumber])] = [
            (3, .up, [1, 3, 2, 4, 5]),
            (3, .top, [3, 1, 2, 4, 5]),
            (1, .bottom, [3, 2, 4, 5, 1]),
            (4, .down, [3, 2, 5, 4, 1]),
            (2, .up, [2, 3, 5, 4, 1]),
            (5, .bottom, [2, 3, 4, 1, 5]),
            (1, .top, [1, 2, 3, 4, 5]),
        ]
        for (minute, (number, step, expected)) in script.enumerated() {
            let applied = try store.apply(.reorderItem(number, step), by: Fixed.asAna, at: Fixed.at(10 + minute))
            _ = try mirror.apply(.reorderItem(number, step), by: Fixed.asAna, at: Fixed.at(10 + minute))
            #expect(applied.events.map(\.change.kind) == [.itemReordered], "\(number) \(step)")
            #expect(try backlogOrder(folder) == expected, "after #\(number) \(step)")
        }
        let loaded = try store.loadBoard()
        expectSameContent(loaded, mirror)
        #expect(loaded.openItems(in: Fixed.ready).map(\.number) == [6, 7], "other stages are untouched")
        #expect(try store.check() == [])
    }

    @Test("a step past either end changes nothing and records nothing", arguments: TestEngine.allCases)
    func stepsAtTheEdges(_ engine: TestEngine) throws {
        let folder = try TestBoard(engine)
        let (store, _) = try fiveInBacklog(folder)
        let before = try store.exportDocument()
        for (number, step) in [(1, ReorderStep.up), (1, .top), (5, .down), (5, .bottom)] {
            let applied = try store.apply(.reorderItem(number, step), by: Fixed.asAna, at: Fixed.at(20))
            #expect(applied.events.isEmpty, "#\(number) \(step)")
        }
        #expect(try store.exportDocument() == before)
        #expect(try backlogOrder(folder) == [1, 2, 3, 4, 5])
    }

    @Test(
        "the store loads only the item and its neighbours, skipping archived and expedited items",
        arguments: TestEngine.allCases)
    func onlyNeighboursLoaded(_ engine: TestEngine) throws {
        let folder = try TestBoard(engine)
        var (store, mirror) = try fiveInBacklog(folder)
        let slice = try store.read { db in try store.slice(for: .reorderItem(3, .up), db) }
        #expect(slice.items.keys.sorted() == [2, 3, 4])
        #expect(slice.stats[Fixed.backlog]?.total == 5, "stats stay complete in a slice")

        // Archive 2 and expedite 4: 3's neighbours among its peers are now 1 and 5.
        for action in [Action.archive(2), .setExpedite(4, true)] {
            try store.apply(action, by: Fixed.asAna, at: Fixed.at(30))
            _ = try mirror.apply(action, by: Fixed.asAna, at: Fixed.at(30))
        }
        let narrowed = try store.read { db in try store.slice(for: .reorderItem(3, .up), db) }
        #expect(narrowed.items.keys.sorted() == [1, 3, 5])
        #expect(try backlogOrder(folder) == [4, 1, 3, 5])

        for (number, step) in [(3, ReorderStep.up), (5, .up), (4, .down), (3, .bottom)] {
            try store.apply(.reorderItem(number, step), by: Fixed.asAna, at: Fixed.at(31))
            _ = try mirror.apply(.reorderItem(number, step), by: Fixed.asAna, at: Fixed.at(31))
        }
        // 3 up: [4, 3, 1, 5]; 5 up: [4, 3, 5, 1]; 4 down: no expedited peer, unchanged; 3 bottom: [4, 5, 1, 3].
        #expect(try backlogOrder(folder) == [4, 5, 1, 3])
        expectSameContent(try store.loadBoard(), mirror)

        // Restored, 2 keeps its old place among the others.
        try store.apply(.restore(2), by: Fixed.asAna, at: Fixed.at(32))
        let order = try backlogOrder(folder)
        #expect(order.first == 4 && Set(order) == [1, 2, 3, 4, 5])
        #expect(try store.check() == [])
    }

    @Test("an archived item cannot be reordered", arguments: TestEngine.allCases)
    func archivedRefused(_ engine: TestEngine) throws {
        let folder = try TestBoard(engine)
        let (store, _) = try fiveInBacklog(folder)
        try store.apply(.archive(3), by: Fixed.asAna, at: Fixed.at(20))
        refusal(.data) { try store.apply(.reorderItem(3, .top), by: Fixed.asAna, at: Fixed.at(21)) }
        refusal(.data) { try store.apply(.reorderItem(42, .top), by: Fixed.asAna, at: Fixed.at(21)) }
    }
}
