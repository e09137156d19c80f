import Foundation
import Testing

@testable import BatonCore

@Suite("Items: move, reorder, expedite, archive")
struct MoveReorderTests {
    @Test func moveGoesToBottomOfTargetAndUpdatesStats() throws {
        var board = try Fixture.board(items: ["a", "b", "c"])
        try apply(.addItem(NewItem(title: "r", stage: Fixture.ready)), to: &board)  // #4
        let change = try apply(.moveItem(2, to: Fixture.ready), to: &board, by: Fixture.asBo)
        #expect(change.events == [EventDraft(.itemMoved, item: 2, field: "stage", before: "1", after: "2")])
        #expect(change.touched == [.item(2)])
        #expect(change.warnings.isEmpty)
        let item = try #require(board.items[2])
        #expect(item.stage == Fixture.ready)
        #expect(item.stageSince == Fixture.t1)
        #expect(item.revision == 2 && item.updatedBy == 2 && item.updatedAt == Fixture.t1)
        #expect(board.order(Fixture.ready) == [4, 2])
        #expect(board.order(Fixture.backlog) == [1, 3])
        #expect(board.stats[Fixture.backlog]?.open == 2 && board.stats[Fixture.backlog]?.total == 2)
        #expect(board.stats[Fixture.ready]?.open == 2 && board.stats[Fixture.ready]?.total == 2)
        #expect(board.stats[Fixture.ready]?.maxPosition == item.position)
    }

    @Test func moveToTopOfTarget() throws {
        var board = try Fixture.board(items: ["a", "b"])
        try apply(.moveItem(1, to: Fixture.ready), to: &board)
        try apply(.moveItem(2, to: Fixture.ready, top: true), to: &board)
        #expect(board.order(Fixture.ready) == [2, 1])
        #expect(board.stats[Fixture.ready]?.minPosition == board.items[2]?.position)
        try apply(.addItem(NewItem(title: "c")), to: &board)
        try apply(.moveItem(3, to: Fixture.ready), to: &board)
        #expect(board.order(Fixture.ready) == [2, 1, 3])
    }

    @Test func moveIntoTheSameStageIsANoOp() throws {
        var board = try Fixture.board(items: ["a", "b"])
        let before = board
        #expect(try apply(.moveItem(2, to: Fixture.backlog), to: &board) == Change())
        #expect(board == before)
    }

    @Test func moveToTheTopOfTheSameStageReordersIt() throws {
        var board = try Fixture.board(items: ["a", "b"])
        let change = try apply(.moveItem(2, to: Fixture.backlog, top: true), to: &board)
        #expect(board.order(Fixture.backlog) == [2, 1])
        #expect(change.events.map(\.kind) == [.itemReordered])
    }

    @Test func moveRefusals() throws {
        var board = try Fixture.board(items: ["a"])
        expectFailure(.moveItem(3, to: Fixture.ready), on: &board, mentions: ["#3"])
        expectFailure(.moveItem(1, to: 99), on: &board, mentions: ["stage", "99"])
        try apply(.archive(1), to: &board)
        expectFailure(.moveItem(1, to: Fixture.ready), on: &board, mentions: ["#1", "archived", "restore"])
    }

    @Test func movingIntoAStageAtItsLimitSucceedsWithAWarning() throws {
        var board = try Fixture.board(items: ["a", "b", "c"])
        try apply(.setWIPLimit(Fixture.doing, 2), to: &board)
        #expect(try apply(.moveItem(1, to: Fixture.doing), to: &board).warnings.isEmpty)
        #expect(try apply(.moveItem(2, to: Fixture.doing), to: &board).warnings.isEmpty, "reaching the limit is fine")
        let change = try apply(.moveItem(3, to: Fixture.doing), to: &board)
        #expect(board.items[3]?.stage == Fixture.doing, "the move happens anyway")
        #expect(change.warnings.count == 1)
        let warning = try #require(change.warnings.first)
        #expect(warning.contains("Doing") && warning.contains("3") && warning.contains("2"))
        // Moving out brings it back under; no warning for the stage left.
        #expect(try apply(.moveItem(3, to: Fixture.done), to: &board).warnings.isEmpty)
    }

    @Test func addingAndRestoringIntoAFullStageWarn() throws {
        var board = try Fixture.board()
        try apply(.setWIPLimit(Fixture.doing, 1), to: &board)
        #expect(try apply(.addItem(NewItem(title: "a", stage: Fixture.doing)), to: &board).warnings.isEmpty)
        let add = try apply(.addItem(NewItem(title: "b", stage: Fixture.doing)), to: &board)
        #expect(add.warnings.count == 1 && add.warnings[0].contains("Doing"))
        #expect(try apply(.archive(2), to: &board).warnings.isEmpty)
        let restore = try apply(.restore(2), to: &board)
        #expect(restore.warnings.count == 1 && restore.warnings[0].contains("WIP limit of 1"))
        // A stage without a limit never warns.
        for n in 0..<8 { #expect(try apply(.addItem(NewItem(title: "q\(n)")), to: &board).warnings.isEmpty) }
    }

    @Test func archiveAndRestore() throws {
        var board = try Fixture.board(items: ["a", "b"])
        let position = try #require(board.items[1]?.position)
        let archive = try apply(.archive(1), to: &board, by: Fixture.asBo)
        #expect(archive.events == [EventDraft(.itemArchived, item: 1, entity: .stage, entityID: Fixture.backlog)])
        #expect(archive.touched == [.item(1)])
        #expect(board.items[1]?.archived == true)
        #expect(board.items[1]?.revision == 2 && board.items[1]?.updatedBy == 2)
        #expect(board.order(Fixture.backlog) == [2], "archived items are not shown")
        #expect(board.stats[Fixture.backlog]?.open == 1 && board.stats[Fixture.backlog]?.total == 2)

        #expect(try apply(.archive(1), to: &board) == Change(), "archiving twice does nothing")
        #expect(board.items[1]?.revision == 2)

        let restore = try apply(.restore(1), to: &board)
        #expect(restore.events == [EventDraft(.itemRestored, item: 1, entity: .stage, entityID: Fixture.backlog)])
        #expect(board.items[1]?.archived == false && board.items[1]?.position == position)
        #expect(board.order(Fixture.backlog) == [1, 2])
        #expect(board.stats[Fixture.backlog]?.open == 2 && board.stats[Fixture.backlog]?.total == 2)
        #expect(try apply(.restore(1), to: &board) == Change())
        expectFailure(.archive(5), on: &board, mentions: ["#5"])
        expectFailure(.restore(5), on: &board, mentions: ["#5"])
    }

    @Test func newItemsKeepClearOfArchivedPositions() throws {
        var board = try Fixture.board(items: ["a", "b"])
        try apply(.archive(2), to: &board)
        try apply(.addItem(NewItem(title: "c")), to: &board)
        try apply(.restore(2), to: &board)
        #expect(board.order(Fixture.backlog) == [1, 2, 3])
        #expect(Set(board.items.values.map(\.position)).count == 3)
    }

    @Test func reorderUpAndDownSwapWithTheNeighbour() throws {
        var board = try Fixture.board(items: ["a", "b", "c"])
        let (p2, p3) = (board.items[2]!.position, board.items[3]!.position)
        let stats = board.stats[Fixture.backlog]
        let change = try apply(.reorderItem(3, .up), to: &board)
        #expect(board.order(Fixture.backlog) == [1, 3, 2])
        #expect(
            change.events == [
                EventDraft(.itemReordered, item: 3, field: "position", before: String(p3), after: String(p2))
            ])
        #expect(Set(change.touched) == [.item(2), .item(3)], "the neighbour moved too")
        #expect(board.items[3]?.revision == 2)
        #expect(board.stats[Fixture.backlog] == stats, "a swap keeps counts and bounds")

        try apply(.reorderItem(1, .down), to: &board)
        #expect(board.order(Fixture.backlog) == [3, 1, 2])
    }

    @Test func reorderTopAndBottom() throws {
        var board = try Fixture.board(items: ["a", "b", "c", "d"])
        let change = try apply(.reorderItem(3, .top), to: &board)
        #expect(board.order(Fixture.backlog) == [3, 1, 2, 4])
        #expect(change.events.count == 1 && change.events[0].kind == .itemReordered)
        #expect(change.touched == [.item(3)])
        #expect(board.stats[Fixture.backlog]?.minPosition == board.items[3]?.position)
        #expect(board.stats[Fixture.backlog]?.open == 4 && board.stats[Fixture.backlog]?.total == 4)
        try apply(.reorderItem(1, .bottom), to: &board)
        #expect(board.order(Fixture.backlog) == [3, 2, 4, 1])
        #expect(board.stats[Fixture.backlog]?.maxPosition == board.items[1]?.position)
        #expect(board.stats[Fixture.backlog]?.total == 4)
    }

    @Test(arguments: [(ReorderStep.up, 1), (.top, 1), (.down, 3), (.bottom, 3)])
    func reorderAtTheEdgeIsANoOp(step: ReorderStep, item: ItemNumber) throws {
        var board = try Fixture.board(items: ["a", "b", "c"])
        let before = board
        #expect(try apply(.reorderItem(item, step), to: &board) == Change())
        #expect(board == before)
    }

    @Test func reorderOfALoneItemIsANoOp() throws {
        var board = try Fixture.board(items: ["only"])
        let before = board
        for step in ReorderStep.allCases { #expect(try apply(.reorderItem(1, step), to: &board) == Change()) }
        #expect(board == before)
    }

    @Test func reorderSkipsArchivedItemsAndRefusesThem() throws {
        var board = try Fixture.board(items: ["a", "b", "c"])
        try apply(.archive(2), to: &board)
        try apply(.reorderItem(3, .up), to: &board)
        #expect(board.order(Fixture.backlog) == [3, 1])
        expectFailure(.reorderItem(2, .up), on: &board, mentions: ["#2", "archived"])
        expectFailure(.reorderItem(8, .up), on: &board, mentions: ["#8"])
        try apply(.restore(2), to: &board)
    }

    @Test func expeditedItemsComeFirst() throws {
        var board = try Fixture.board(items: ["a", "b", "c", "d"])
        let change = try apply(.setExpedite(3, true), to: &board)
        #expect(
            change.events == [EventDraft(.itemExpedited, item: 3, field: "expedite", before: "false", after: "true")])
        #expect(change.touched == [.item(3)])
        #expect(board.items[3]?.revision == 2)
        #expect(board.order(Fixture.backlog) == [3, 1, 2, 4])
        try apply(.setExpedite(4, true), to: &board)
        #expect(board.order(Fixture.backlog) == [3, 4, 1, 2], "expedited items keep their own order")
        try apply(.addItem(NewItem(title: "e", expedite: true)), to: &board)
        try apply(.addItem(NewItem(title: "f", top: true)), to: &board)
        #expect(board.order(Fixture.backlog) == [3, 4, 5, 6, 1, 2], "even a plain item put on top stays below them")
        #expect(try apply(.setExpedite(3, true), to: &board) == Change())
        let off = try apply(.setExpedite(3, false), to: &board)
        #expect(off.events.first?.before == "true" && off.events.first?.after == "false")
        #expect(board.order(Fixture.backlog) == [4, 5, 6, 1, 2, 3])
        expectFailure(.setExpedite(9, true), on: &board, mentions: ["#9"])
    }

    @Test func displayOrderComparator() {
        func item(_ n: Int, _ position: Int, expedite: Bool = false) -> Item {
            Item(
                number: n, title: "x", expedite: expedite, stage: 1, position: position, createdBy: nil,
                createdAt: Fixture.t0)
        }
        #expect(Board.displayOrder(item(1, 5, expedite: true), item(2, 0)))
        #expect(!Board.displayOrder(item(2, 0), item(1, 5, expedite: true)))
        #expect(Board.displayOrder(item(1, 0), item(2, 1)))
        #expect(!Board.displayOrder(item(2, 1), item(1, 0)))
    }

    @Test func reorderStaysAmongItemsOfTheSameUrgency() throws {
        var board = try Fixture.board(items: ["a", "b", "c"])
        try apply(.setExpedite(3, true), to: &board)
        let before = board
        #expect(try apply(.reorderItem(3, .up), to: &board) == Change(), "already first among expedited items")
        #expect(try apply(.reorderItem(1, .up), to: &board) == Change(), "cannot climb above an expedited item")
        #expect(try apply(.reorderItem(3, .down), to: &board) == Change(), "cannot sink below the plain items")
        #expect(board == before)
        try apply(.reorderItem(2, .top), to: &board)
        #expect(board.order(Fixture.backlog) == [3, 2, 1])
        try apply(.reorderItem(2, .bottom), to: &board)
        #expect(board.order(Fixture.backlog) == [3, 1, 2])
    }

    @Test func computedStatsMatchIncrementalCountsOnAFullBoard() throws {
        var board = try Fixture.board(items: ["a", "b", "c", "d", "e"])
        try apply(.moveItem(1, to: Fixture.doing), to: &board)
        try apply(.moveItem(2, to: Fixture.doing, top: true), to: &board)
        try apply(.archive(3), to: &board)
        try apply(.reorderItem(5, .top), to: &board)
        try apply(.restore(3), to: &board)
        try apply(.archive(4), to: &board)
        let fresh = Board.computeStats(stages: board.stages, items: board.items.values)
        for stage in board.stages {
            #expect(fresh[stage.id]?.open == board.stats[stage.id]?.open)
            #expect(fresh[stage.id]?.total == board.stats[stage.id]?.total)
        }
        #expect(
            fresh[Fixture.doing]
                == StageStats(
                    open: 2, total: 2, minPosition: board.items[2]?.position,
                    maxPosition: board.items[1]?.position))
        #expect(fresh[Fixture.done] == StageStats())
    }
}

/// A slice made in memory behaves like the store's: an action applied to it changes the same items.
@Suite struct BoardSliceTests {
    @Test func aSliceHoldsTheNamedItemAndForAReorderItsOpenNeighbours() throws {
        let board = try Fixture.board(items: ["one", "two", "three", "four", "five"])
        let slice = board.slice(for: .moveItem(3, to: Fixture.ready))
        #expect(slice.items.keys.sorted() == [3])
        #expect(slice.stats == board.stats, "statistics stay complete")
        let reorder = board.slice(for: .reorderItem(3, .up))
        #expect(reorder.items.keys.sorted() == [2, 3, 4])
        var whole = board, part = reorder
        let onWhole = try whole.apply(.reorderItem(3, .up), by: Fixture.asAna, at: Fixture.t1)
        let onPart = try part.apply(.reorderItem(3, .up), by: Fixture.asAna, at: Fixture.t1)
        #expect(onWhole == onPart)
        for number in [2, 3, 4] { #expect(whole.items[number] == part.items[number]) }
        #expect(whole.stats == part.stats)
    }
}
