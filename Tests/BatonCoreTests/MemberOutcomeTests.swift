import Foundation
import Testing

@testable import BatonCore

@Suite("Members, outcomes, board name")
struct MemberOutcomeTests {
    @Test func addMember() throws {
        var board = try Fixture.board()
        let change = try apply(
            .addMember(name: "  Dee Evans ", handle: " DE ", discipline: .business, login: "dee"), to: &board)
        let member = try #require(board.member(4))
        #expect(member == Member(id: 4, name: "Dee Evans", handle: "DE", discipline: .business, login: "dee"))
        #expect(change.events == [EventDraft(.memberAdded, entity: .member, entityID: 4, after: "Dee Evans")])
        #expect(change.touched == [.member(4)])
        try apply(.addMember(name: "李雷", handle: "李雷", discipline: .it, login: nil), to: &board)
        try apply(.addMember(name: "R2", handle: "r2", discipline: .it, login: nil), to: &board)
        try apply(.addMember(name: "Zoë", handle: "zoë", discipline: .it, login: nil), to: &board)
        #expect(board.members.map(\.id) == [1, 2, 3, 4, 5, 6, 7])
    }

    @Test(arguments: ["a", "abcd", "a b", "a-b", "ab!", "", "  ", "😀😀", "a\u{1B}"])
    func handleMustBeTwoOrThreeLettersOrDigits(handle: String) throws {
        var board = try Fixture.board()
        expectFailure(
            .addMember(name: "Dee", handle: handle, discipline: .it, login: nil), on: &board,
            mentions: ["handle", "2 or 3 letters or digits"])
        expectFailure(.editMember(2, MemberPatch(handle: handle)), on: &board, mentions: ["handle"])
    }

    @Test func refusedHandleIsShownSafely() throws {
        var board = try Fixture.board()
        let error = expectFailure(.addMember(name: "Dee", handle: "\u{1B}[2J", discipline: .it, login: nil), on: &board)
        #expect(
            error?.message.contains("\u{1B}") == false, "a refused handle must not carry an escape into the message")
        #expect(error?.message.contains("\u{241B}[2J") == true)
    }

    @Test func handlesAreUniqueIgnoringCase() throws {
        var board = try Fixture.board()
        expectFailure(
            .addMember(name: "Another Ana", handle: "ANA", discipline: .it, login: nil), on: &board,
            mentions: ["'ANA'", "Ana Lima"])
        expectFailure(
            .addMember(name: "Cid", handle: "cd", discipline: .it, login: nil), on: &board, mentions: ["Cy Dube"])
        expectFailure(.editMember(2, MemberPatch(handle: "Ana")), on: &board, mentions: ["Ana Lima"])
        // Changing the case of one's own handle is fine.
        try apply(.editMember(2, MemberPatch(handle: "BO")), to: &board)
        #expect(board.member(2)?.handle == "BO")
    }

    @Test func loginsMustBeAccountNamesAndBelongToOneMember() throws {
        var board = try Fixture.board()
        expectFailure(
            .addMember(name: "Dee", handle: "de", discipline: .it, login: "bo"), on: &board,
            mentions: ["'bo'", "Bo Chen"])
        expectFailure(.editMember(3, MemberPatch(login: .some("ana"))), on: &board, mentions: ["'ana'", "Ana Lima"])
        for bad in ["", "has space", "tab\there", "jörg", String(repeating: "l", count: 33), "x\u{1B}"] {
            expectFailure(
                .addMember(name: "Dee", handle: "de", discipline: .it, login: bad), on: &board,
                mentions: ["login", "Unix account"])
        }
        try apply(
            .addMember(name: "Dee", handle: "de", discipline: .it, login: String(repeating: "l", count: 32)), to: &board
        )
    }

    @Test func memberNameRules() throws {
        var board = try Fixture.board()
        expectFailure(
            .addMember(name: " ", handle: "de", discipline: .it, login: nil), on: &board,
            mentions: ["member name", "empty"])
        expectFailure(
            .addMember(name: "a\nb", handle: "de", discipline: .it, login: nil), on: &board, mentions: ["member name"])
        expectFailure(
            .addMember(name: String(repeating: "n", count: 81), handle: "de", discipline: .it, login: nil),
            on: &board, mentions: ["member name", "80"])
        expectFailure(.editMember(2, MemberPatch(name: "")), on: &board, mentions: ["member name"])
        expectFailure(.editMember(9, MemberPatch(name: "x")), on: &board, mentions: ["member", "9"])
    }

    @Test func editMemberRecordsChangedFields() throws {
        var board = try Fixture.board()
        let change = try apply(
            .editMember(
                2,
                MemberPatch(
                    name: "Bo Chen-Li", handle: "bcl", discipline: .business,
                    login: .some(nil))), to: &board)
        #expect(board.member(2) == Member(id: 2, name: "Bo Chen-Li", handle: "bcl", discipline: .business, login: nil))
        #expect(
            change.events == [
                EventDraft(
                    .memberEdited, entity: .member, entityID: 2, field: "name", before: "Bo Chen", after: "Bo Chen-Li"),
                EventDraft(.memberEdited, entity: .member, entityID: 2, field: "handle", before: "bo", after: "bcl"),
                EventDraft(
                    .memberEdited, entity: .member, entityID: 2, field: "discipline", before: "it", after: "business"),
                EventDraft(.memberEdited, entity: .member, entityID: 2, field: "login", before: "bo", after: nil),
            ])
        #expect(change.touched == [.member(2)])
        #expect(board.member(login: "bo") == nil)
        let before = board
        #expect(
            try apply(.editMember(2, MemberPatch(name: " Bo Chen-Li ", discipline: .business)), to: &board) == Change())
        #expect(board == before)
    }

    @Test func addOutcome() throws {
        var board = try Fixture.board()
        let outcome = try #require(board.outcome(1))
        #expect(
            outcome.title == "Onboarding takes 3 days" && outcome.metric == "onboarding time" && outcome.unit == "days")
        #expect(outcome.current == 10, "the current value starts at the baseline")
        #expect(outcome.history == [OutcomeValue(at: Fixture.t0, value: 10, by: 1)])
        #expect(outcome.progress == 0)

        let change = try apply(
            .addOutcome(
                NewOutcome(
                    title: "NPS up", metric: "NPS", unit: "  ", baseline: 20, target: 40,
                    current: 25, targetDate: Day("2026-06-30"))), to: &board, by: Fixture.asBo)
        let nps = try #require(board.outcome(2))
        #expect(nps.unit == "", "a blank unit is no unit")
        #expect(nps.current == 25 && nps.targetDate == Day("2026-06-30"))
        #expect(nps.history == [OutcomeValue(at: Fixture.t1, value: 25, by: 2)])
        #expect(nps.progress == 0.25)
        #expect(change.events == [EventDraft(.outcomeAdded, entity: .outcome, entityID: 2, after: "NPS up")])
        #expect(change.touched == [.outcome(2), .outcomeValue(2)])
    }

    @Test func outcomeRefusals() throws {
        var board = try Fixture.board()
        func new(
            _ baseline: Double = 1, _ target: Double = 2, current: Double? = nil, title: String = "t",
            metric: String = "m", unit: String = ""
        ) -> Action {
            .addOutcome(
                NewOutcome(
                    title: title, metric: metric, unit: unit, baseline: baseline, target: target, current: current))
        }
        expectFailure(new(5, 5), on: &board, mentions: ["target equals the baseline", "5"])
        expectFailure(new(.nan, 2), on: &board, mentions: ["baseline", "finite"])
        expectFailure(new(1, .infinity), on: &board, mentions: ["target", "finite"])
        expectFailure(new(current: -.infinity), on: &board, mentions: ["current value", "finite"])
        expectFailure(new(title: ""), on: &board, mentions: ["title", "empty"])
        expectFailure(new(metric: " "), on: &board, mentions: ["metric name", "empty"])
        expectFailure(new(unit: String(repeating: "u", count: 21)), on: &board, mentions: ["unit", "20"])
        expectFailure(
            .editOutcome(1, OutcomePatch(target: 10)), on: &board, mentions: ["target equals the baseline", "10"])
        expectFailure(.editOutcome(1, OutcomePatch(baseline: 3)), on: &board, mentions: ["target equals the baseline"])
        expectFailure(.editOutcome(1, OutcomePatch(title: "a\u{85}b")), on: &board, mentions: ["U+0085"])
        expectFailure(.editOutcome(6, OutcomePatch(title: "x")), on: &board, mentions: ["outcome", "6"])
        expectFailure(.recordOutcome(6, value: 1), on: &board, mentions: ["outcome", "6"])
        expectFailure(.recordOutcome(1, value: .nan), on: &board, mentions: ["value", "finite"])
    }

    @Test func editOutcome() throws {
        var board = try Fixture.board()
        let change = try apply(
            .editOutcome(
                1,
                OutcomePatch(
                    title: "Onboarding in 2 days", metric: "days to onboard",
                    unit: "d", baseline: 12, target: 2.5,
                    targetDate: .some(Day("2026-09-01")))), to: &board)
        #expect(
            change.events == [
                EventDraft(
                    .outcomeEdited, entity: .outcome, entityID: 1, field: "title", before: "Onboarding takes 3 days",
                    after: "Onboarding in 2 days"),
                EventDraft(
                    .outcomeEdited, entity: .outcome, entityID: 1, field: "metric", before: "onboarding time",
                    after: "days to onboard"),
                EventDraft(.outcomeEdited, entity: .outcome, entityID: 1, field: "unit", before: "days", after: "d"),
                EventDraft(.outcomeEdited, entity: .outcome, entityID: 1, field: "baseline", before: "10", after: "12"),
                EventDraft(.outcomeEdited, entity: .outcome, entityID: 1, field: "target", before: "3", after: "2.5"),
                EventDraft(
                    .outcomeEdited, entity: .outcome, entityID: 1, field: "target_date", before: nil,
                    after: "2026-09-01"),
            ])
        #expect(change.touched == [.outcome(1)])
        let outcome = try #require(board.outcome(1))
        #expect(outcome.baseline == 12 && outcome.target == 2.5 && outcome.current == 10)
        #expect(outcome.history.count == 1, "editing the definition records no value")
        let before = board
        #expect(
            try apply(.editOutcome(1, OutcomePatch(title: "Onboarding in 2 days", target: 2.5)), to: &board) == Change()
        )
        #expect(board == before)
        let clear = try apply(.editOutcome(1, OutcomePatch(targetDate: .some(nil))), to: &board)
        #expect(clear.events.map(\.field) == ["target_date"] && clear.events[0].after == nil)
    }

    @Test func recordOutcomeAppendsHistory() throws {
        var board = try Fixture.board()
        let change = try apply(.recordOutcome(1, value: 7.5), to: &board, by: Fixture.asBo, at: Fixture.t1)
        #expect(
            change.events == [
                EventDraft(
                    .outcomeRecorded, entity: .outcome, entityID: 1, field: "current",
                    before: "10", after: "7.5")
            ])
        #expect(change.touched == [.outcomeValue(1), .outcome(1)])
        let later = Fixture.t1.addingTimeInterval(86_400)
        try apply(.recordOutcome(1, value: 7.5), to: &board, at: later)
        let outcome = try #require(board.outcome(1))
        #expect(outcome.current == 7.5)
        #expect(
            outcome.history == [
                OutcomeValue(at: Fixture.t0, value: 10, by: 1), OutcomeValue(at: Fixture.t1, value: 7.5, by: 2),
                OutcomeValue(at: later, value: 7.5, by: 1),
            ], "the same value again is still a data point")
        #expect(abs(outcome.progress - 2.5 / 7) < 1e-12)
    }

    @Test(arguments: [
        (10.0, 3.0, 10.0, 0.0), (10, 3, 3, 1), (10, 3, 6.5, 0.5), (10, 3, 12, 0), (10, 3, 1, 1),
        (0, 100, 25, 0.25), (0, 100, -5, 0), (0, 100, 250, 1), (-4, 4, 0, 0.5),
    ])
    func progressIsClamped(baseline: Double, target: Double, current: Double, expected: Double) {
        let outcome = Outcome(
            id: 1, title: "t", metric: "m", unit: "", baseline: baseline, target: target, current: current)
        #expect(outcome.progress == expected)
    }

    @Test func progressWithoutSpan() {
        #expect(Outcome(id: 1, title: "t", metric: "m", unit: "", baseline: 5, target: 5, current: 5).progress == 1)
        #expect(Outcome(id: 1, title: "t", metric: "m", unit: "", baseline: 5, target: 5, current: 4).progress == 0)
    }

    @Test func renameBoard() throws {
        var board = try Fixture.board()
        let change = try apply(.renameBoard("  Onboarding squad "), to: &board)
        #expect(board.name == "Onboarding squad")
        #expect(
            change.events == [
                EventDraft(.boardRenamed, entity: .board, field: "name", before: "Squad", after: "Onboarding squad")
            ])
        #expect(change.touched == [.boardName])
        #expect(try apply(.renameBoard("Onboarding squad"), to: &board) == Change())
        expectFailure(.renameBoard(""), on: &board, mentions: ["board name", "empty"])
        expectFailure(.renameBoard("a\u{1B}]0;pwned\u{7}"), on: &board, mentions: ["board name", "escape"])
        expectFailure(.renameBoard(String(repeating: "b", count: 81)), on: &board, mentions: ["81", "80"])
    }

    @Test func errorCategoriesMapToExitCodes() {
        #expect(
            ErrorCategory.usage.rawValue == 64 && ErrorCategory.data.rawValue == 65
                && ErrorCategory.noBoard.rawValue == 66)
        #expect(
            ErrorCategory.io.rawValue == 74 && ErrorCategory.conflict.rawValue == 75
                && ErrorCategory.permission.rawValue == 77)
        #expect(BatonError.data("x.") == BatonError(.data, "x."))
        #expect(BatonError.conflict("y.").category == .conflict)
        #expect(BatonError(.io, "Disk full.").description == "Disk full.")
    }
}
