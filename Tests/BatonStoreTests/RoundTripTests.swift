import BatonCore
import Foundation
import Testing

@testable import BatonStore

/// Events `BoardStore.create` records for a board from `Board.new`: board, 4 stages, 1 member.
private let creationEvents = 6

@Suite("Round trips through the store, on both engines")
struct RoundTripTests {
    @Test("a new board reads back as it was made, with its creation history", arguments: TestEngine.allCases)
    func newBoardRoundTrip(_ engine: TestEngine) throws {
        let place = try TestBoard(engine)
        let board = try Fixed.newBoard("Squad")
        _ = try place.create(board)
        let reopened = try place.open()
        expectSameContent(try reopened.loadBoard(), board)
        let events = try reopened.events()
        #expect(events.map(\.seq) == Array(1...creationEvents))
        #expect(
            events.map(\.change.kind) == [
                .boardCreated, .stageAdded, .stageAdded, .stageAdded, .stageAdded, .memberAdded,
            ])
        #expect(events.allSatisfy { $0.account == "ana" && $0.member == 1 && $0.at == Fixed.t0 })
        #expect(events[0].change.after == "Squad")
        #expect(events[1...4].map(\.change.entityID) == [1, 2, 3, 4])
        #expect(try reopened.check() == [])
    }

    @Test(
        "every kind of action, applied through the store, reads back like the same actions in memory",
        arguments: TestEngine.allCases)
    func everyActionRoundTrip(_ engine: TestEngine) throws {
        let place = try TestBoard(engine)
        var mirror = try Fixed.newBoard()
        let store = try place.create(mirror)
        for step in Scenario.steps {
            try store.apply(step.action, by: step.actor, at: step.at)
            _ = try mirror.apply(step.action, by: step.actor, at: step.at)
            // The same store instance sees its own change at once.
            expectSameContent(try store.loadBoard(), mirror)
        }
        let reopened = try place.open()
        let loaded = try reopened.loadBoard()
        expectSameContent(loaded, mirror)
        #expect(loaded.stats == Board.computeStats(stages: mirror.stages, items: mirror.items.values))

        // Spot checks, so that a bug shared by memory and store still shows.
        #expect(loaded.name == "Squad Seven")
        #expect(loaded.stages.map(\.name) == ["Backlog", "Check", "Ready", "Doing", "Done"])
        #expect(loaded.stages.map(\.position) == [0, 1, 2, 3, 4])
        #expect(loaded.stage(5)?.wipLimit == 2 && loaded.stage(Fixed.doing)?.wipLimit == nil)
        #expect(loaded.stage(Fixed.ready)?.role == .active)
        #expect(
            loaded.member(3) == Member(id: 3, name: "Cy Dube-Ndlovu", handle: "CDN", discipline: .business, login: "cy")
        )
        let outcome = try #require(loaded.outcome(1))
        #expect(outcome.title == "Onboarding takes 2 days" && outcome.unit == "d" && outcome.target == 2)
        #expect(outcome.targetDate == nil && outcome.current == 6)
        #expect(outcome.history.map(\.value) == [10, 7.5, 6])
        #expect(outcome.history.map(\.by) == [1, 2, 1])
        let one = try #require(loaded.items[1])
        #expect(one.title == "Write the new welcome pack" && one.notes == "" && one.kind == .work)
        #expect(one.outcome == 1 && one.due == Day("2027-01-15") && one.expedite && one.stage == 5)
        #expect(one.owners == [1] && one.involved == [2])
        #expect(one.revision == 7 && one.createdAt == Fixed.at(4) && one.stageSince == Fixed.at(40))
        let two = try #require(loaded.items[2])
        #expect(two.owners == [2] && two.involved == [] && two.blocked == nil && two.stage == Fixed.done)
        #expect(two.createdBy == 2 && two.updatedBy == 1)
        #expect(loaded.items[3]?.archived == true)
        #expect(loaded.items[4]?.blocked == Blocker(reason: "Needs sign-off", since: Fixed.at(19), by: 2))
        #expect(loaded.items[4]?.expedite == false && loaded.items[4]?.updatedBy == nil)
        #expect(try reopened.check() == [])
    }

    @Test(
        "events are recorded in order with increasing seq, the account and the member", arguments: TestEngine.allCases)
    func eventsRecorded(_ engine: TestEngine) throws {
        let place = try TestBoard(engine)
        var mirror = try Fixed.newBoard()
        let store = try place.create(mirror)
        let applied = try Scenario.run(on: store, mirror: &mirror)
        let events = try place.open(.readOnly).events()

        let recorded = applied.flatMap { (result: Applied) in result.events }
        #expect(events.count == creationEvents + recorded.count)
        #expect(events.map(\.seq) == Array(1...events.count))
        #expect(Array(events.dropFirst(creationEvents)) == recorded)
        // Each step's events carry that step's actor and time.
        for (step, result) in zip(Scenario.steps, applied) {
            for event in result.events {
                #expect(event.account == step.actor.account)
                #expect(event.member == step.actor.member)
                #expect(event.at == step.at)
            }
            let drafts: [EventDraft] = result.events.map { $0.change }
            #expect(drafts == result.change.events)
        }
        #expect(events.contains { $0.account == "cron" && $0.member == nil && $0.change.kind == .itemExpedited })
        // Every kind of event the scenario causes is stored.
        let kinds = Set(events.map { (event: Event) in event.change.kind })
        #expect(kinds == Set(EventKind.allCases))
    }

    @Test(
        "events can be read after a seq, for one item, since a time and limited to the last few",
        arguments: TestEngine.allCases)
    func eventQueries(_ engine: TestEngine) throws {
        let place = try TestBoard(engine)
        var mirror = try Fixed.newBoard()
        let store = try place.create(mirror)
        _ = try Scenario.run(on: store, mirror: &mirror)
        let all = try store.events()
        #expect(try store.events(after: 10) == all.filter { $0.seq > 10 })
        #expect(try store.events(after: all.count) == [])
        let ofTwo = try store.events(item: 2)
        #expect(!ofTwo.isEmpty && ofTwo == all.filter { $0.change.item == 2 })
        #expect(try store.events(since: Fixed.at(30)) == all.filter { $0.at >= Fixed.at(30) })
        #expect(try store.events(limit: 3) == Array(all.suffix(3)))
        #expect(
            try store.events(after: 5, item: 1, limit: 2)
                == Array(all.filter { $0.seq > 5 && $0.change.item == 1 }.suffix(2)))
    }

    @Test("the flow steps read for the figure screens are those of the whole history", arguments: TestEngine.allCases)
    func flowStepsMatchTheHistory(_ engine: TestEngine) throws {
        let place = try TestBoard(engine)
        var mirror = try Fixed.newBoard()
        let store = try place.create(mirror)
        _ = try Scenario.run(on: store, mirror: &mirror)
        let steps = try store.flowSteps()
        #expect(steps == FlowStep.steps(from: try store.events()))
        #expect(Set(steps.map(\.kind)).isSuperset(of: [.created, .moved]), "the scenario creates and moves items")
    }

    @Test("comments are stored with their item, author, account, time and text", arguments: TestEngine.allCases)
    func commentsStored(_ engine: TestEngine) throws {
        let place = try TestBoard(engine)
        var mirror = try Fixed.newBoard()
        let store = try place.create(mirror)
        let applied = try Scenario.run(on: store, mirror: &mirror)
        #expect(applied.compactMap { (result: Applied) in result.comment }.count == 2)
        let reopened = try place.open(.readOnly)
        let all = try reopened.allComments()
        #expect(
            all == [
                Comment(id: 1, item: 1, author: 1, account: "ana", at: Fixed.at(25), text: "First thought"),
                Comment(id: 2, item: 2, author: 2, account: "bo", at: Fixed.at(26), text: "Second\nthought"),
            ])
        #expect(all == applied.compactMap { (result: Applied) in result.comment })
        #expect(try reopened.comments(on: 2) == [all[1]])
        #expect(try reopened.comments(on: 4) == [])
        #expect(try reopened.item(1) == mirror.items[1])
        #expect(try reopened.item(99) == nil)
    }

    @Test("a refused action changes nothing in the file", arguments: TestEngine.allCases)
    func refusedActionChangesNothing(_ engine: TestEngine) throws {
        let place = try TestBoard(engine)
        let store = try place.create()
        try store.apply(.addItem(NewItem(title: "Only one")), by: Fixed.asAna, at: Fixed.at(1))
        let before = try store.exportDocument()
        refusal(.data) {
            try store.apply(.addItem(NewItem(title: "Bad stage", stage: 42)), by: Fixed.asAna, at: Fixed.at(2))
        }
        refusal(.data) { try store.apply(.removeStage(Fixed.backlog), by: Fixed.asAna, at: Fixed.at(2)) }
        refusal(.data) { try store.apply(.comment(7, text: "nobody"), by: Fixed.asAna, at: Fixed.at(2)) }
        refusal(.data) {
            try store.apply(.addMember(name: "Ana Again", handle: "ANA", discipline: .it, login: nil), by: Fixed.asAna)
        }
        #expect(try store.exportDocument() == before)
    }

    @Test(
        "hostile text (quotes, placeholders, SQL, bidi overrides, emoji, 64 KiB notes) is stored as it was typed",
        arguments: TestEngine.allCases)
    func hostileTextRoundTrip(_ engine: TestEngine) throws {
        let place = try TestBoard(engine)
        let store = try place.create()
        let title = "It's \"?\" $1 ?2 :name \\' ; DROP TABLE item; -- \u{202E}evil\u{202C} 👩🏽‍💻 e\u{301}"
        let notes = String(repeating: "Ωmega ' ? $1 \\ \n\t", count: 64 * 1024 / 20)
        try store.apply(.addItem(NewItem(title: title, notes: notes)), by: Fixed.asAna, at: Fixed.at(1))
        try store.apply(.comment(1, text: "\u{FEFF}?$2 ''\u{200D}"), by: Fixed.asAna, at: Fixed.at(2))
        let reopened = try place.open(.readOnly)
        let item = try #require(try reopened.item(1))
        #expect(item.title == title && item.notes == notes)
        #expect(try reopened.comments(on: 1).map(\.text) == ["\u{FEFF}?$2 ''\u{200D}"])
        #expect(try reopened.events(item: 1).first?.change.after == title)
        #expect(try reopened.check() == [])
    }
}
