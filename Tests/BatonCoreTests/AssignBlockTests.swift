import Foundation
import Testing

@testable import BatonCore

@Suite("Items: owners, involved members, blocking")
struct AssignBlockTests {
    @Test func assignOwnerAndInvolved() throws {
        var board = try Fixture.board(items: ["a"])
        let owner = try apply(.assign(1, 2, .owner), to: &board)
        #expect(
            owner.events == [
                EventDraft(
                    .itemAssigned, item: 1, entity: .member, entityID: 2, field: "owner",
                    before: nil, after: "owner")
            ])
        #expect(owner.touched == [.item(1)])
        #expect(board.items[1]?.owners == [2] && board.items[1]?.involved == [])
        #expect(board.items[1]?.revision == 2)

        try apply(.assign(1, 3, .involved), to: &board)
        #expect(board.items[1]?.owners == [2] && board.items[1]?.involved == [3])
        try apply(.assign(1, 1, .owner), to: &board)
        #expect(board.items[1]?.owners == [2, 1], "owners are kept in the order they joined")
        #expect(board.items[1]?.revision == 4)
    }

    @Test func switchingInvolvementMovesTheMember() throws {
        var board = try Fixture.board(items: ["a"])
        try apply(.assign(1, 2, .owner), to: &board)
        let change = try apply(.assign(1, 2, .involved), to: &board)
        #expect(
            change.events == [
                EventDraft(
                    .itemAssigned, item: 1, entity: .member, entityID: 2, field: "involved",
                    before: "owner", after: "involved")
            ])
        #expect(board.items[1]?.owners == [] && board.items[1]?.involved == [2])
        try apply(.assign(1, 2, .owner), to: &board)
        #expect(board.items[1]?.owners == [2] && board.items[1]?.involved == [])
    }

    @Test func assigningTheSameWayTwiceIsANoOp() throws {
        var board = try Fixture.board(items: ["a"])
        try apply(.assign(1, 2, .owner), to: &board)
        let before = board
        #expect(try apply(.assign(1, 2, .owner), to: &board) == Change())
        #expect(board == before)
    }

    @Test func assignRefusesUnknownItemsAndMembers() throws {
        var board = try Fixture.board(items: ["a"])
        expectFailure(.assign(1, 12, .owner), on: &board, mentions: ["member", "12"])
        expectFailure(.assign(4, 2, .owner), on: &board, mentions: ["#4"])
        expectFailure(.unassign(1, 12), on: &board, mentions: ["member", "12"])
        expectFailure(.unassign(4, 2), on: &board, mentions: ["#4"])
    }

    @Test func unassign() throws {
        var board = try Fixture.board(items: ["a"])
        try apply(.assign(1, 2, .owner), to: &board)
        try apply(.assign(1, 3, .involved), to: &board)
        let owner = try apply(.unassign(1, 2), to: &board, by: Fixture.asBo)
        #expect(
            owner.events == [
                EventDraft(.itemUnassigned, item: 1, entity: .member, entityID: 2, field: "owner", before: "owner")
            ])
        #expect(owner.touched == [.item(1)])
        #expect(board.items[1]?.owners == [])
        #expect(board.items[1]?.updatedBy == 2)
        let involved = try apply(.unassign(1, 3), to: &board)
        #expect(involved.events.first?.field == "involved")
        #expect(board.items[1]?.involved == [])
        #expect(board.items[1]?.revision == 5)
        expectFailure(.unassign(1, 3), on: &board, mentions: ["Cy Dube", "CD", "#1"])
    }

    @Test func blockAndUnblock() throws {
        var board = try Fixture.board(items: ["a"])
        let block = try apply(.block(1, reason: "  waiting for legal  "), to: &board, by: Fixture.asBo, at: Fixture.t0)
        #expect(
            block.events == [
                EventDraft(.itemBlocked, item: 1, field: "blocked", before: nil, after: "waiting for legal")
            ])
        #expect(block.touched == [.item(1)])
        #expect(board.items[1]?.blocked == Blocker(reason: "waiting for legal", since: Fixture.t0, by: 2))
        #expect(board.items[1]?.revision == 2)

        #expect(
            try apply(.block(1, reason: "waiting for legal"), to: &board) == Change(), "same reason: nothing to record")

        let reason = try apply(.block(1, reason: "waiting for the DPO"), to: &board, by: Fixture.asAna, at: Fixture.t1)
        #expect(
            reason.events.first?.before == "waiting for legal" && reason.events.first?.after == "waiting for the DPO")
        #expect(board.items[1]?.blocked?.since == Fixture.t0, "a new reason keeps the original blocking time")
        #expect(board.items[1]?.blocked?.by == 1)

        let unblock = try apply(.unblock(1), to: &board)
        #expect(
            unblock.events == [EventDraft(.itemUnblocked, item: 1, field: "blocked", before: "waiting for the DPO")])
        #expect(board.items[1]?.blocked == nil)
        #expect(board.items[1]?.revision == 4)
        let before = board
        #expect(try apply(.unblock(1), to: &board) == Change(), "unblocking an item that is not blocked does nothing")
        #expect(board == before)
    }

    @Test func blockNeedsAOneLineReason() throws {
        var board = try Fixture.board(items: ["a"])
        expectFailure(.block(1, reason: ""), on: &board, mentions: ["blocking reason", "empty"])
        expectFailure(.block(1, reason: "one\ntwo"), on: &board, mentions: ["blocking reason", "line break"])
        expectFailure(.block(1, reason: "a\u{1B}[31m"), on: &board, mentions: ["escape"])
        expectFailure(.block(1, reason: String(repeating: "r", count: 301)), on: &board, mentions: ["300"])
        expectFailure(.block(2, reason: "x"), on: &board, mentions: ["#2"])
        expectFailure(.unblock(2), on: &board, mentions: ["#2"])
    }

    @Test func memberLookupByLogin() throws {
        let board = try Fixture.board()
        #expect(board.member(login: "bo")?.id == 2)
        #expect(board.member(login: "ana")?.id == 1)
        #expect(board.member(login: "cy") == nil)
    }
}
