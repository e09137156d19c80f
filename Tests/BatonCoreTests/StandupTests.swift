import Foundation
import Testing

@testable import BatonCore

/// A clock the tests move by hand.
private struct TestClock {
    var now = Fixture.t0
    mutating func advance(_ seconds: TimeInterval) { now = now.addingTimeInterval(seconds) }
}

/// A board and its history, built by applying actions at chosen times.
private struct StandupHistory {
    var board: Board
    var events: [Event] = []

    init() throws { board = try Fixture.board() }

    /// Applies `action` at `t0 + seconds`, recording its events. Returns the new item's number, if any.
    @discardableResult
    mutating func apply(_ action: Action, by actor: Actor = Fixture.asAna, at seconds: TimeInterval) throws
        -> ItemNumber?
    {
        let at = Fixture.t0.addingTimeInterval(seconds)
        let change = try board.apply(action, by: actor, at: at)
        for draft in change.events {
            events.append(
                Event(seq: events.count + 1, at: at, account: actor.account, member: actor.member, change: draft))
        }
        return change.createdItem
    }
}

/// Stand-up rules, driven by an injected clock and hand-built histories.
@Suite("Stand-ups")
enum StandupTests {}

private func member(_ id: MemberID, _ discipline: Discipline) -> Member {
    Member(id: id, name: "M\(id)", handle: "m\(id)", discipline: discipline)
}

extension StandupTests {
    @Suite("Stand-up order")
    struct Order {
        @Test func alternatesStartingWithTheLargerGroup() {
            let members = [member(1, .business), member(2, .it), member(3, .it), member(4, .business), member(5, .it)]
            #expect(StandupOrder.alternating(members) == [2, 1, 3, 4, 5])
            let even = [member(1, .it), member(2, .it), member(3, .business), member(4, .business)]
            #expect(
                StandupOrder.alternating(even) == [3, 1, 4, 2],
                "business starts on a tie; order within a discipline kept")
        }

        @Test func oneDisciplineOrNobody() {
            #expect(StandupOrder.alternating([member(3, .it), member(1, .it)]) == [3, 1])
            #expect(StandupOrder.alternating([]) == [])
            #expect(
                StandupOrder.alternating([member(1, .business), member(1, .business)]) == [1], "a member counts once")
        }

        @Test func unevenGroupsPutTheRestAtTheEnd() {
            let members = [member(1, .business), member(2, .it), member(3, .it), member(4, .it), member(5, .it)]
            #expect(StandupOrder.alternating(members) == [2, 1, 3, 4, 5])
        }

        @Test func shuffleIsDeterministicAndStillAlternates() {
            let members = (1...8).map { member($0, $0 % 2 == 0 ? .it : .business) }
            let first = StandupOrder.shuffled(members, seed: 42)
            #expect(first == StandupOrder.shuffled(members, seed: 42), "the same seed gives the same order")
            #expect(first.sorted() == Array(1...8), "every member exactly once")
            let orders = Set((0..<20).map { StandupOrder.shuffled(members, seed: UInt64($0)) })
            #expect(orders.count > 10, "different seeds give different orders")
            for order in orders {
                let disciplines = order.map { $0 % 2 == 0 }
                #expect(zip(disciplines, disciplines.dropFirst()).allSatisfy { $0 != $1 }, "not alternating: \(order)")
            }
            #expect(Set(orders.map { $0.first! % 2 }).count == 2, "on a tie the seed picks who starts")
        }

        @Test func seededGeneratorIsStable() {
            var generator = SeededGenerator(seed: 0)
            #expect(generator.next() == 0xE220_A839_7B1D_CDAF, "SplitMix64's first value for seed 0")
        }
    }
}

extension StandupTests {
    @Suite("Stand-up turns")
    struct Turns {
        private func started(_ clock: TestClock, participants: [MemberID] = [1, 2, 3], length: TimeInterval = 90) throws
            -> Standup
        {
            try Standup.start(id: 1, facilitator: 1, participants: participants, turnLength: length, at: clock.now)
        }

        @Test func startRefusesBadSetups() {
            expectBatonError(mentions: ["participant"]) {
                _ = try Standup.start(id: 1, facilitator: 1, participants: [], at: Fixture.t0)
            }
            expectBatonError(mentions: ["twice"]) {
                _ = try Standup.start(id: 1, facilitator: 1, participants: [1, 2, 1], at: Fixture.t0)
            }
            expectBatonError(mentions: ["5 seconds"]) {
                _ = try Standup.start(id: 1, facilitator: 1, participants: [1], turnLength: 2, at: Fixture.t0)
            }
        }

        @Test func theFirstSpeakerHasTheBatonAtTheStart() throws {
            let clock = TestClock()
            let standup = try started(clock)
            #expect(standup.speaker == 1 && standup.current == 0 && standup.isRunning && !standup.isPaused)
            #expect(standup.turnLength == Standup.defaultTurnLength)
            #expect(standup.turns.map(\.startedAt) == [clock.now, nil, nil])
            #expect(standup.elapsed(at: clock.now) == 0)
        }

        @Test func passingForwardAndBack() throws {
            var clock = TestClock()
            var standup = try started(clock)
            clock.advance(40)
            let ok1 = standup.next(at: clock.now)
            #expect(ok1)
            #expect(standup.speaker == 2 && standup.turns[0].duration == 40 && standup.turns[1].startedAt == clock.now)
            clock.advance(30)
            let ok2 = standup.previous(at: clock.now)
            #expect(ok2, "back to the first speaker")
            #expect(standup.speaker == 1 && standup.turns[1].duration == 30)
            clock.advance(10)
            #expect(standup.elapsed(at: clock.now) == 50, "going back adds to the earlier turn")
            #expect(standup.turns[0].startedAt == Fixture.t0, "a turn keeps its first start")
            let ok3 = standup.previous(at: clock.now)
            #expect(!ok3, "nobody before the first")
            let ok4 = standup.pass(to: 2, at: clock.now)
            #expect(ok4 && standup.speaker == 3)
            clock.advance(20)
            let ok5 = standup.next(at: clock.now)
            #expect(ok5 && standup.isRoundOver && standup.speaker == nil)
            #expect(standup.elapsed(at: clock.now) == 0)
            let ok6 = standup.next(at: clock.now)
            #expect(!ok6, "nothing after the round is over")
            clock.advance(100)
            #expect(standup.turns.map(\.duration) == [50, 30, 20], "nobody's clock runs once the round is over")
            let ok7 = standup.previous(at: clock.now)
            #expect(ok7 && standup.speaker == 3, "back from the end reaches the last speaker")
            let ok8 = standup.pass(to: 7, at: clock.now)
            let ok9 = standup.pass(to: 2, at: clock.now)
            #expect(!ok8 && !ok9, "out of range or already speaking")
        }

        @Test func pauseStopsTheClock() throws {
            var clock = TestClock()
            var standup = try started(clock)
            clock.advance(20)
            let ok10 = standup.pause(at: clock.now)
            #expect(ok10 && standup.isPaused)
            let ok11 = standup.pause(at: clock.now)
            #expect(!ok11, "already paused")
            clock.advance(300)
            #expect(standup.elapsed(at: clock.now) == 20)
            let ok12 = standup.resume(at: clock.now)
            #expect(ok12 && !standup.isPaused)
            clock.advance(5)
            #expect(standup.elapsed(at: clock.now) == 25)
            let ok13 = standup.togglePause(at: clock.now)
            #expect(ok13 && standup.isPaused)
            clock.advance(60)
            let ok14 = standup.next(at: clock.now)
            #expect(ok14 && !standup.isPaused, "passing the baton resumes the clock")
            clock.advance(7)
            #expect(standup.elapsed(at: clock.now) == 7 && standup.turns[0].duration == 25)
            #expect(standup.duration(at: clock.now) == 392, "pauses count for the meeting, not for the speaker")
        }

        @Test func overtimeAndPhases() throws {
            var clock = TestClock()
            var standup = try started(clock)
            clock.advance(70)
            #expect(standup.phase(at: clock.now) == .onTime && standup.elapsed(at: clock.now) == 70)
            clock.advance(6)
            #expect(standup.phase(at: clock.now) == .nearEnd, "15 seconds before the end")
            clock.advance(14)
            #expect(
                standup.phase(at: clock.now) == .nearEnd && standup.overtime(at: clock.now) == 0
                    && standup.progress(at: clock.now) == 1)
            clock.advance(25)
            #expect(
                standup.phase(at: clock.now) == .overtime && standup.overtime(at: clock.now) == 25)
            standup.next(at: clock.now)
            #expect(standup.turns[0].duration == 115 && standup.turns[0].overtime == 25)
            #expect(Standup.warningLead(for: 20) == 5, "a short turn warns in its last quarter")
        }

        @Test func endingClosesTheRunningTurn() throws {
            var clock = TestClock()
            var standup = try started(clock, participants: [1, 2])
            clock.advance(30)
            standup.next(at: clock.now)
            clock.advance(100)
            standup.end(at: clock.now, notes: "Short one.")
            #expect(!standup.isRunning && standup.endedAt == clock.now && standup.notes == "Short one.")
            #expect(
                standup.turns.map(\.duration) == [30, 100] && standup.turns[1].overtime == 10 && standup.current == nil)
            clock.advance(60)
            #expect(standup.duration(at: clock.now) == 130, "an ended stand-up's duration stays")
            let ok15 = standup.next(at: clock.now)
            let ok16 = standup.pause(at: clock.now)
            #expect(!ok15 && !ok16)
            standup.end(at: clock.now, notes: "again")
            #expect(standup.notes == "Short one.", "ending twice changes nothing")
        }

    }
}

extension StandupTests {
    @Suite("Since the last stand-up")
    struct Changes {
        @Test func itemsChangedAfterATime() throws {
            var history = try StandupHistory()
            try history.apply(.addItem(NewItem(title: "Quiet")), at: 10)
            try history.apply(.addItem(NewItem(title: "Edited")), at: 20)
            try history.apply(.addItem(NewItem(title: "Reordered")), at: 30)
            try history.apply(.editItem(2, ItemPatch(title: "Edited again")), at: 200)
            try history.apply(.reorderItem(3, .top), at: 300)
            try history.apply(.addItem(NewItem(title: "New")), at: 400)
            try history.apply(.renameBoard("Squad 2"), at: 500)
            let lastEnd = Fixture.t0.addingTimeInterval(100)
            #expect(StandupChanges.changedItems(after: lastEnd, in: history.events) == [2, 3, 4])
            #expect(
                StandupChanges.changedItems(after: nil, in: history.events) == [1, 2, 3, 4],
                "no stand-up yet: everything")
            #expect(
                StandupChanges.changedItems(after: Fixture.t0.addingTimeInterval(400), in: history.events) == [],
                "strictly after")
        }

        @Test func aSpeakersChangesOwnedFirstThenInvolved() throws {
            var history = try StandupHistory()
            let bo: MemberID = 2
            try history.apply(.addItem(NewItem(title: "Bo owns, old news", owners: [bo])), at: 10)  // 1
            try history.apply(.addItem(NewItem(title: "Bo involved", involved: [bo])), at: 20)  // 2
            try history.apply(.addItem(NewItem(title: "Bo owns A", owners: [bo])), at: 30)  // 3
            try history.apply(.addItem(NewItem(title: "Not Bo's", owners: [3])), at: 40)  // 4
            let lastEnd = Fixture.t0.addingTimeInterval(100)
            try history.apply(.moveItem(3, to: Fixture.doing), at: 110)
            try history.apply(.comment(2, text: "Any news?"), by: Fixture.asBo, at: 120)
            try history.apply(.block(4, reason: "vendor"), at: 130)
            try history.apply(.addItem(NewItem(title: "Bo owns, new", owners: [bo])), at: 140)  // 5
            try history.apply(.editItem(1, ItemPatch(title: "Renamed only")), at: 150)
            try history.apply(.block(3, reason: "legal"), at: 160)
            try history.apply(.unblock(3), at: 170)
            try history.apply(.addItem(NewItem(title: "Unowned")), at: 180)  // 6

            let changes = StandupChanges.forSpeaker(bo, on: history.board, events: history.events, after: lastEnd)
            #expect(
                changes.map(\.item) == [3, 5, 2],
                "owned first, most recently changed first; an edit alone does not count")
            #expect(changes.map(\.involvement) == [.owner, .owner, .involved])
            #expect(changes[0].events.map(\.change.kind) == [.itemMoved, .itemBlocked, .itemUnblocked])
            #expect(changes[1].events.map(\.change.kind) == [.itemCreated])
            #expect(changes[2].events.map(\.change.kind) == [.commentAdded])
            #expect(changes[0].lastChange == Fixture.t0.addingTimeInterval(170))

            let all = StandupChanges.forSpeaker(bo, on: history.board, events: history.events, after: nil)
            #expect(all.map(\.item) == [3, 5, 1, 2], "with no previous stand-up the whole history counts")
            #expect(StandupChanges.forSpeaker(9, on: history.board, events: history.events, after: nil).isEmpty)
        }

        @Test func theSpeakersItemsForTheBoard() throws {
            var history = try StandupHistory()
            let bo: MemberID = 2
            try history.apply(.addItem(NewItem(title: "Involved", stage: Fixture.backlog, involved: [bo])), at: 0)  // 1
            try history.apply(.addItem(NewItem(title: "Doing", stage: Fixture.doing, owners: [bo])), at: 0)  // 2
            try history.apply(.addItem(NewItem(title: "Ready", stage: Fixture.ready, owners: [bo])), at: 0)  // 3
            try history.apply(.addItem(NewItem(title: "Blocked", stage: Fixture.doing, owners: [bo])), at: 0)  // 4
            try history.apply(.addItem(NewItem(title: "Done", stage: Fixture.done, owners: [bo])), at: 0)  // 5
            try history.apply(.addItem(NewItem(title: "Archived", owners: [bo])), at: 0)  // 6
            try history.apply(.addItem(NewItem(title: "Others'", owners: [3])), at: 0)  // 7
            try history.apply(.block(4, reason: "legal"), at: 10)
            try history.apply(.archive(6), at: 10)
            try history.apply(.moveItem(3, to: Fixture.doing), at: 6 * 86_400)
            let now = Fixture.t0.addingTimeInterval(6 * 86_400 + 60)
            let items = StandupChanges.speakerItems(bo, on: history.board, at: now)
            #expect(
                items.map(\.item.number) == [4, 2, 3, 5, 1], "owned, blocked first, then board order; then involved")
            #expect(items.filter(\.isAged).map(\.item.number) == [4, 2, 1], "a done stage never ages; #3 just moved")
            #expect(
                StandupChanges.speakerItems(bo, on: history.board, at: now, ageThreshold: 30 * 86_400).filter(\.isAged)
                    .isEmpty)
        }
    }
}

extension StandupTests {
    @Suite("Stand-up summary")
    struct Summary {
        @Test func figuresFromTheStandupsTimeSpan() throws {
            var history = try StandupHistory()
            let (ana, bo, cy): (MemberID, MemberID, MemberID) = (1, 2, 3)
            try history.apply(.addItem(NewItem(title: "Welcome pack", owners: [bo])), at: 0)  // 1
            // 2
            try history.apply(.addItem(NewItem(title: "Login timeout", stage: Fixture.doing, owners: [ana])), at: 0)
            try history.apply(.block(2, reason: "old block"), at: 0)
            try history.apply(.moveItem(1, to: Fixture.ready), at: 500)
            var standup = try Standup.start(
                id: 7, facilitator: ana, participants: [bo, ana, cy], turnLength: 60,
                at: Fixture.t0.addingTimeInterval(1000))
            let bos = Actor(account: "bo", member: bo)
            try history.apply(.block(1, reason: "waiting for legal"), by: bos, at: 1010)
            try history.apply(.block(1, reason: "waiting for legal and HR"), by: bos, at: 1015)
            try history.apply(.moveItem(1, to: Fixture.doing), by: bos, at: 1020)
            // 3, action item
            try history.apply(.addItem(NewItem(title: "Ask HR", owners: [bo])), by: Fixture.asAna, at: 1030)
            standup.next(at: Fixture.t0.addingTimeInterval(1080))
            try history.apply(.unblock(2), at: 1090)
            try history.apply(.moveItem(2, to: Fixture.done), at: 1100)
            try history.apply(.moveItem(2, to: Fixture.doing), at: 1105)
            try history.apply(.addItem(NewItem(title: "Nobody's")), at: 1110)  // 4, no owner
            try history.apply(.addItem(NewItem(title: "Follow up", owners: [ana])), at: 1115)  // 5
            try history.apply(.editItem(5, ItemPatch(title: "Ana follows up")), at: 1116)
            standup.end(at: Fixture.t0.addingTimeInterval(1130))
            try history.apply(.moveItem(3, to: Fixture.doing), at: 1200)

            let summary = StandupSummary.make(
                for: standup, events: history.events, board: history.board, at: Fixture.t0.addingTimeInterval(5000))
            #expect(summary.duration == 130 && summary.turnLength == 60)
            #expect(
                summary.speakers == [
                    .init(member: bo, spoken: 80, overtime: 20, spoke: true),
                    .init(member: ana, spoken: 50, overtime: 0, spoke: true),
                    .init(member: cy, spoken: 0, overtime: 0, spoke: false),
                ])
            #expect(summary.totalSpoken == 130)
            #expect(
                summary.blockersRaised == [
                    .init(
                        item: 1, title: "Welcome pack", reason: "waiting for legal", by: bo,
                        at: Fixture.t0.addingTimeInterval(1010))
                ], "a changed reason is no new blocker")
            #expect(
                summary.blockersCleared == [
                    .init(
                        item: 2, title: "Login timeout", reason: "old block", by: 1,
                        at: Fixture.t0.addingTimeInterval(1090))
                ])
            #expect(
                summary.itemsMoved == [.init(item: 1, title: "Welcome pack", from: "Ready", to: "Doing", by: bo)],
                "moves before and after are left out, and so is a move and back")
            #expect(
                summary.actionItems == [
                    .init(item: 3, title: "Ask HR", owner: bo), .init(item: 5, title: "Ana follows up", owner: ana),
                ])
        }

        @Test func aRunningStandupIsSummedUpToNow() throws {
            var history = try StandupHistory()
            let standup = try Standup.start(id: 1, facilitator: 1, participants: [1, 2], at: Fixture.t0)
            try history.apply(.addItem(NewItem(title: "Later", owners: [2])), at: 50)
            let early = StandupSummary.make(
                for: standup, events: history.events, board: history.board, at: Fixture.t0.addingTimeInterval(40))
            #expect(early.duration == 40 && early.speakers.map(\.spoken) == [40, 0] && early.actionItems.isEmpty)
            let later = StandupSummary.make(
                for: standup, events: history.events, board: history.board, at: Fixture.t0.addingTimeInterval(60))
            #expect(later.actionItems.map(\.item) == [1])
        }

        @Test func removedStagesAndMissingItemsAreStillNamed() throws {
            var history = try StandupHistory()
            let standup = try Standup.start(id: 1, facilitator: 1, participants: [1], at: Fixture.t0)
            try history.apply(.addItem(NewItem(title: "Mover")), at: 10)
            try history.apply(.moveItem(1, to: Fixture.ready), at: 20)
            var catalog = history.board
            catalog.items = [:]
            catalog.stages.removeAll { $0.id == Fixture.ready }
            let summary = StandupSummary.make(
                for: standup, events: history.events, board: catalog,
                removedStages: [Fixture.ready: "Ready (old)"], at: Fixture.t0.addingTimeInterval(30))
            #expect(summary.itemsMoved == [.init(item: 1, title: "Mover", from: "Backlog", to: "Ready (old)", by: 1)])
        }
    }
}
