import Foundation
import Testing

@testable import BatonCore

@Suite("Stages")
struct StageActionTests {
    @Test func addStageAtTheEnd() throws {
        var board = try Fixture.board()
        let change = try apply(.addStage(name: " Review ", role: .active, wipLimit: 3, at: nil), to: &board)
        let stage = try #require(board.stages.last)
        #expect(stage == Stage(id: 5, name: "Review", role: .active, wipLimit: 3, position: 4))
        #expect(board.stats[5] == StageStats())
        #expect(change.events == [EventDraft(.stageAdded, entity: .stage, entityID: 5, after: "Review")])
        #expect(change.touched == [.stage(5)])
    }

    @Test func addStageInTheMiddleRenumbersTheRest() throws {
        var board = try Fixture.board()
        let change = try apply(.addStage(name: "Review", role: .active, wipLimit: nil, at: 3), to: &board)
        #expect(board.stages.map(\.name) == ["Backlog", "Ready", "Doing", "Review", "Done"])
        #expect(Set(change.touched) == [.stage(5), .stage(Fixture.done)], "only the stages whose position changed")
        try apply(.addStage(name: "Ideas", role: .queue, wipLimit: nil, at: 0), to: &board)
        #expect(board.stages.first?.name == "Ideas")
        try apply(.addStage(name: "Gone", role: .done, wipLimit: nil, at: 6), to: &board)
        #expect(board.stages.last?.name == "Gone", "the position just past the end appends")
        #expect(board.stages.map(\.id) == [6, 1, 2, 3, 5, 4, 7])
        expectFailure(.addStage(name: "Far", role: .done, wipLimit: nil, at: 8), on: &board, mentions: ["9", "1 to 8"])
        expectFailure(.addStage(name: "Near", role: .done, wipLimit: nil, at: -1), on: &board, mentions: ["0"])
    }

    @Test func stageNamesAreUniqueIgnoringCase() throws {
        var board = try Fixture.board()
        expectFailure(
            .addStage(name: "doing", role: .active, wipLimit: nil, at: nil), on: &board, mentions: ["'Doing'"])
        expectFailure(
            .addStage(name: " BACKLOG ", role: .queue, wipLimit: nil, at: nil), on: &board, mentions: ["'Backlog'"])
        expectFailure(.renameStage(Fixture.ready, to: "DONE"), on: &board, mentions: ["'Done'"])
        expectFailure(
            .addStage(name: "", role: .queue, wipLimit: nil, at: nil), on: &board, mentions: ["stage name", "empty"])
        expectFailure(
            .addStage(name: String(repeating: "s", count: 81), role: .queue, wipLimit: nil, at: nil), on: &board,
            mentions: ["stage name", "81", "80"])
        expectFailure(
            .addStage(name: "x\u{7F}", role: .queue, wipLimit: nil, at: nil), on: &board, mentions: ["U+007F"])
        expectFailure(
            .addStage(name: "Review", role: .queue, wipLimit: 0, at: nil), on: &board,
            mentions: ["WIP limit", "at least 1"])
    }

    @Test func renameStage() throws {
        var board = try Fixture.board()
        let change = try apply(.renameStage(Fixture.ready, to: "Up next"), to: &board)
        #expect(board.stage(Fixture.ready)?.name == "Up next")
        #expect(
            change.events == [
                EventDraft(.stageRenamed, entity: .stage, entityID: 2, field: "name", before: "Ready", after: "Up next")
            ])
        #expect(change.touched == [.stage(2)])
        // A stage may change the case of its own name.
        try apply(.renameStage(Fixture.ready, to: "UP NEXT"), to: &board)
        #expect(board.stage(Fixture.ready)?.name == "UP NEXT")
        #expect(try apply(.renameStage(Fixture.ready, to: "UP NEXT"), to: &board) == Change())
        expectFailure(.renameStage(99, to: "x"), on: &board, mentions: ["stage", "99"])
        expectFailure(.renameStage(Fixture.ready, to: "\t"), on: &board, mentions: ["empty"])
    }

    @Test func moveStage() throws {
        var board = try Fixture.board()
        let change = try apply(.moveStage(Fixture.done, to: 0), to: &board)
        #expect(board.stages.map(\.id) == [4, 1, 2, 3])
        #expect(
            change.events == [
                EventDraft(.stageMoved, entity: .stage, entityID: 4, field: "position", before: "4", after: "1")
            ])
        #expect(Set(change.touched) == [.stage(1), .stage(2), .stage(3), .stage(4)])
        #expect(change.touched.count == 4, "each stage is touched once")
        try apply(.moveStage(Fixture.backlog, to: 3), to: &board)
        #expect(board.stages.map(\.id) == [4, 2, 3, 1])
        let before = board
        #expect(try apply(.moveStage(Fixture.ready, to: 1), to: &board) == Change())
        #expect(board == before)
        expectFailure(.moveStage(Fixture.ready, to: 4), on: &board, mentions: ["position 5", "1 to 4"])
        expectFailure(.moveStage(Fixture.ready, to: -1), on: &board, mentions: ["position 0"])
        expectFailure(.moveStage(77, to: 0), on: &board, mentions: ["77"])
    }

    @Test func removeEmptyStage() throws {
        var board = try Fixture.board()
        let change = try apply(.removeStage(Fixture.ready), to: &board)
        #expect(board.stages.map(\.id) == [1, 3, 4])
        #expect(board.stats[Fixture.ready] == nil)
        #expect(change.events == [EventDraft(.stageRemoved, entity: .stage, entityID: 2, before: "Ready")])
        #expect(Set(change.touched) == [.stageRemoved(2), .stage(3), .stage(4)])
        expectFailure(.removeStage(Fixture.ready), on: &board, mentions: ["stage", "2"])
        // Its id is not handed out again while a higher one exists.
        try apply(.addStage(name: "Ready", role: .queue, wipLimit: nil, at: 1), to: &board)
        #expect(board.stages.map(\.id) == [1, 5, 3, 4])
    }

    @Test func removingAStageThatHoldsItemsIsRefused() throws {
        var board = try Fixture.board(items: ["a", "b"], in: Fixture.ready)
        expectFailure(.removeStage(Fixture.ready), on: &board, mentions: ["'Ready'", "2 items", "move them"])
        try apply(.archive(1), to: &board)
        expectFailure(.removeStage(Fixture.ready), on: &board, mentions: ["1 item and 1 archived item"])
        try apply(.archive(2), to: &board)
        expectFailure(.removeStage(Fixture.ready), on: &board, mentions: ["0 items and 2 archived"])
        try apply(.restore(1), to: &board)
        try apply(.restore(2), to: &board)
        try apply(.moveItem(1, to: Fixture.done), to: &board)
        try apply(.moveItem(2, to: Fixture.done), to: &board)
        try apply(.removeStage(Fixture.ready), to: &board)
        #expect(board.stage(Fixture.ready) == nil)
    }

    @Test func theLastStageCannotBeRemoved() throws {
        var board = try Fixture.board()
        try apply(.removeStage(1), to: &board)
        try apply(.removeStage(2), to: &board)
        try apply(.removeStage(3), to: &board)
        #expect(board.stages.map(\.id) == [4] && board.stages[0].position == 0)
        expectFailure(.removeStage(4), on: &board, mentions: ["'Done'", "only stage"])
        // New items then go to the remaining first stage.
        try apply(.addItem(NewItem(title: "x")), to: &board)
        #expect(board.items[1]?.stage == 4)
    }

    @Test func wipLimit() throws {
        var board = try Fixture.board(items: ["a", "b", "c"], in: Fixture.doing)
        let change = try apply(.setWIPLimit(Fixture.doing, 4), to: &board)
        #expect(
            change.events == [
                EventDraft(.stageLimited, entity: .stage, entityID: 3, field: "wip", before: "5", after: "4")
            ])
        #expect(change.touched == [.stage(3)])
        #expect(change.warnings.isEmpty)
        #expect(board.stage(Fixture.doing)?.wipLimit == 4)
        #expect(try apply(.setWIPLimit(Fixture.doing, 3), to: &board).warnings.isEmpty, "at the limit is not over it")
        let lowered = try apply(.setWIPLimit(Fixture.doing, 2), to: &board)
        #expect(
            lowered.warnings.count == 1 && lowered.warnings[0].contains("3 items") && lowered.warnings[0].contains("2"))
        let removed = try apply(.setWIPLimit(Fixture.doing, nil), to: &board)
        #expect(removed.events.first?.before == "2" && removed.events.first?.after == nil)
        #expect(board.stage(Fixture.doing)?.wipLimit == nil)
        #expect(try apply(.setWIPLimit(Fixture.doing, nil), to: &board) == Change())
        expectFailure(.setWIPLimit(Fixture.doing, 0), on: &board, mentions: ["at least 1"])
        expectFailure(.setWIPLimit(Fixture.doing, -3), on: &board, mentions: ["at least 1"])
        expectFailure(.setWIPLimit(50, 3), on: &board, mentions: ["50"])
    }

    @Test func archivedItemsDoNotCountTowardsTheLimit() throws {
        var board = try Fixture.board(items: ["a", "b"], in: Fixture.doing)
        try apply(.archive(1), to: &board)
        #expect(try apply(.setWIPLimit(Fixture.doing, 1), to: &board).warnings.isEmpty)
    }

    @Test func stageRole() throws {
        var board = try Fixture.board()
        let change = try apply(.setStageRole(Fixture.ready, .active), to: &board)
        #expect(board.stage(Fixture.ready)?.role == .active)
        #expect(change.events.count == 1)
        #expect(
            change.events[0].kind == .stageRoleChanged && change.events[0].entity == .stage
                && change.events[0].entityID == 2)
        #expect(
            change.events[0].field == "role" && change.events[0].before == "queue" && change.events[0].after == "active"
        )
        #expect(change.touched == [.stage(2)])
        #expect(try apply(.setStageRole(Fixture.ready, .active), to: &board) == Change())
        expectFailure(.setStageRole(9, .done), on: &board, mentions: ["9"])
    }

    @Test func boardInitSortsStagesAndComputesStats() {
        let stages = [
            Stage(id: 1, name: "B", role: .active, position: 1), Stage(id: 2, name: "A", role: .queue, position: 0),
        ]
        let items: [ItemNumber: Item] = [
            3: Item(number: 3, title: "x", stage: 1, position: 7, createdBy: nil, createdAt: Fixture.t0),
            4: Item(
                number: 4, title: "y", stage: 1, position: -2, archived: true, createdBy: nil, createdAt: Fixture.t0),
        ]
        let board = Board(name: "b", stages: stages, members: [], outcomes: [], items: items, nextItemNumber: 5)
        #expect(board.stages.map(\.id) == [2, 1])
        #expect(board.stats[1] == StageStats(open: 1, total: 2, minPosition: -2, maxPosition: 7))
        #expect(board.stats[2] == StageStats())
        checkInvariants(board)
    }
}
