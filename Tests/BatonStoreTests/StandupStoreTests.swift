import BatonCore
import Foundation
import GRDB
import Testing

@testable import BatonStore

@Suite("Stand-ups in the store")
struct StandupStoreTests {
    /// `t0` plus `seconds`.
    private func at(_ seconds: Double) -> Date { Fixed.t0.addingTimeInterval(seconds) }

    /// A board with Ana (1, business), Bo (2, it) and Cy (3, it), and item 1 owned by Bo.
    private func squad(_ folder: TestBoard) throws -> BoardStore {
        let store = try folder.create()
        try store.apply(
            .addMember(name: "Bo Chen", handle: "bo", discipline: .it, login: "bo"), by: Fixed.asAna, at: at(1))
        try store.apply(
            .addMember(name: "Cy Dube", handle: "cy", discipline: .it, login: nil), by: Fixed.asAna, at: at(2))
        try store.apply(.addItem(NewItem(title: "Welcome pack", owners: [2])), by: Fixed.asAna, at: at(3))
        return store
    }

    @Test(arguments: TestEngine.allCases)
    func aStandupFromStartToSummary(_ engine: TestEngine) throws {
        let folder = try TestBoard(engine)
        let store = try squad(folder)
        #expect(try store.runningStandup() == nil && store.lastStandup() == nil && store.standups().isEmpty)
        var standup = try store.startStandup(
            facilitator: 1, participants: [2, 1, 3], turnLength: 60, by: Fixed.asAna, at: at(100))
        #expect(standup.id == 1 && standup.speaker == 2 && standup.turnLength == 60)
        #expect(try store.runningStandup() == standup)

        try store.apply(.block(1, reason: "waiting for legal"), by: Fixed.asBo, at: at(110))
        try store.apply(.moveItem(1, to: Fixed.doing), by: Fixed.asBo, at: at(120))
        try store.apply(.addItem(NewItem(title: "Ask HR", owners: [2])), by: Fixed.asAna, at: at(130))
        standup.next(at: at(170))
        try store.updateStandup(standup)
        standup.pause(at: at(180))
        try store.updateStandup(standup)
        #expect(try store.runningStandup() == standup, "the running state reads back exactly")
        standup.resume(at: at(200))
        try store.apply(.unblock(1), by: Fixed.asAna, at: at(205))
        standup.next(at: at(230))

        let record = try store.endStandup(standup, at: at(250), notes: "Bo follows up with legal.")
        #expect(record.standup.endedAt == at(250) && record.standup.notes == "Bo follows up with legal.")
        #expect(record.standup.turns.map(\.duration) == [70, 40, 20] && record.standup.turns[0].overtime == 10)
        let summary = try #require(record.summary)
        #expect(summary.duration == 150)
        #expect(summary.speakers.map(\.spoken) == [70, 40, 20])
        #expect(summary.blockersRaised.map(\.item) == [1] && summary.blockersRaised[0].reason == "waiting for legal")
        #expect(summary.blockersCleared.map(\.item) == [1])
        #expect(summary.itemsMoved == [.init(item: 1, title: "Welcome pack", from: "Backlog", to: "Doing", by: 2)])
        #expect(summary.actionItems == [.init(item: 2, title: "Ask HR", owner: 2)])

        #expect(try store.runningStandup() == nil)
        #expect(try store.lastStandup() == record)
        #expect(try store.standup(1) == record)
        #expect(try store.standup(2) == nil)
        #expect(try store.standups() == [record])
        try store.apply(.editItem(2, ItemPatch(title: "Ask HR about the pack")), by: Fixed.asAna, at: at(300))
        #expect(
            try store.lastStandup()?.summary?.actionItems.first?.title == "Ask HR", "the record keeps the titles it had"
        )
        #expect(try store.check() == [])
    }

    @Test(arguments: TestEngine.allCases)
    func onlyOneStandupRunsAtATime(_ engine: TestEngine) throws {
        let folder = try TestBoard(engine)
        let store = try squad(folder)
        try store.startStandup(facilitator: 1, participants: [1, 2], by: Fixed.asAna, at: at(100))
        let error = refusal(.conflict) {
            try store.startStandup(facilitator: 2, participants: [2], by: Fixed.asBo, at: at(110))
        }
        #expect(error?.message.contains("Ana Lima") == true, "\(error?.message ?? "")")
        #expect(try store.standups().count == 1)
        #expect(throws: (any Error).self, "the schema refuses a second running stand-up too") {
            try rawSQL(
                store.path,
                "INSERT INTO standup (started_at, facilitator_id, account, turn_length) VALUES (1, 1, 'x', 90000)")
        }
        let ended = try #require(try store.endRunningStandup(at: at(200)))
        #expect(
            ended.standup.turns.map(\.duration) == [100, 0] && ended.summary?.speakers.map(\.spoke) == [true, false])
        #expect(try store.endRunningStandup(at: at(210)) == nil, "nothing runs any more")
        let second = try store.startStandup(facilitator: 2, participants: [2], by: Fixed.asBo, at: at(300))
        #expect(second.id == 2)
        #expect(try store.standups().map(\.standup.id) == [2, 1], "the most recent first")
        #expect(try store.lastStandup()?.standup.id == 1, "the last one that ended")
    }

    @Test(arguments: TestEngine.allCases)
    func badStartsAndStaleUpdatesAreRefused(_ engine: TestEngine) throws {
        let folder = try TestBoard(engine)
        let store = try squad(folder)
        refusal(.data) { try store.startStandup(facilitator: 1, participants: [1, 9], by: Fixed.asAna, at: at(10)) }
        refusal(.data) { try store.startStandup(facilitator: 9, participants: [1], by: Fixed.asAna, at: at(10)) }
        refusal(.data) { try store.startStandup(facilitator: 1, participants: [], by: Fixed.asAna, at: at(10)) }
        #expect(try store.standups().isEmpty, "nothing was stored")

        var standup = try store.startStandup(facilitator: 1, participants: [1, 2], by: Fixed.asAna, at: at(100))
        try store.endRunningStandup(at: at(120))
        standup.next(at: at(130))
        let stale = refusal(.conflict) { try store.updateStandup(standup) }
        #expect(stale?.message.contains("already ended") == true)
        refusal(.conflict) { try store.endStandup(standup, at: at(140)) }
        #expect(try store.lastStandup()?.standup.endedAt == at(120), "the first end stands")
    }

    @Test(arguments: TestEngine.allCases)
    func anotherSessionSeesWhoHasTheBaton(_ engine: TestEngine) throws {
        let folder = try TestBoard(engine)
        let store = try squad(folder)
        let other = try BoardStore.open(store.path, access: .readWrite)
        let viewer = try BoardStore.open(store.path, access: .readOnly)
        let before = try other.changeCounter()
        var standup = try store.startStandup(facilitator: 1, participants: [1, 2, 3], by: Fixed.asAna, at: at(100))
        let afterStart = try other.changeCounter()
        #expect(afterStart != before, "starting is noticed through the change counter")
        standup.next(at: at(150))
        standup.pause(at: at(160))
        try store.updateStandup(standup)
        #expect(try other.changeCounter() != afterStart, "passing the baton is noticed too")
        let seen = try #require(try viewer.runningStandup())
        #expect(seen.facilitator == 1 && seen.speaker == 2 && seen.isPaused && seen.elapsed(at: at(999)) == 10)
        #expect(seen.turns[0].duration == 50)
        refusal(.permission) { try viewer.startStandup(facilitator: 2, participants: [2], by: Fixed.asBo, at: at(200)) }
        refusal(.permission) { try viewer.updateStandup(seen) }
    }

    @Test(arguments: TestEngine.allCases)
    func aLiveSummaryStoresNothing(_ engine: TestEngine) throws {
        let folder = try TestBoard(engine)
        let store = try squad(folder)
        let standup = try store.startStandup(facilitator: 1, participants: [1], by: Fixed.asAna, at: at(100))
        try store.apply(.block(1, reason: "legal"), by: Fixed.asAna, at: at(110))
        let summary = try store.standupSummary(of: standup, at: at(130))
        #expect(summary.duration == 30 && summary.blockersRaised.map(\.item) == [1])
        #expect(try store.runningStandup()?.isRunning == true && store.standup(1)?.summary == nil)
    }

    @Test func aVersion2BoardGainsTheStandupTablesWhenOpenedForWriting() throws {
        let place = try TestBoard(.sqlite)
        let folder = place.folder
        let path = try squad(place).path
        try rawSQL(
            path,
            """
            DROP TABLE standup_turn; DROP TABLE standup; DELETE FROM grdb_migrations WHERE identifier = 'v3';
            PRAGMA user_version = 2;
            """)
        try settle(path)
        #expect(try bytes(path)[60..<64] == Data([0, 0, 0, 2]), "now a version 2 board")
        let before = try folder.snapshot()
        let viewer = try BoardStore.open(path, access: .readOnly)
        #expect(
            try viewer.runningStandup() == nil && viewer.standups().isEmpty && viewer.lastStandup() == nil
                && viewer.standup(1) == nil,
            "a reader copes without the tables")
        try folder.expectUnchanged(since: before, sidecars: true)

        let writer = try BoardStore.open(path, access: .readWrite)
        let version = try writer.sqliteQueue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
        #expect(version == 3 && Schema.version == 3)
        let standup = try writer.startStandup(facilitator: 1, participants: [1, 2], by: Fixed.asAna, at: at(100))
        #expect(try writer.endStandup(standup, at: at(160)).summary?.duration == 60)
        #expect(try writer.loadBoard().items[1]?.title == "Welcome pack", "the board itself is untouched")
        #expect(try writer.check() == [])
    }

    @Test func theCheckedInVersion1BoardTakesStandups() throws {
        let folder = try TempFolder()
        let fixture = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            .appendingPathComponent("board-v1.baton")
        let path = folder.file("old.baton")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        let store = try BoardStore.open(path, access: .readWrite)
        var standup = try store.startStandup(facilitator: 1, participants: [1, 2], by: Fixed.asAna, at: Fixed.at(60))
        try store.apply(.unblock(3), by: Fixed.asBo, at: Fixed.at(61))
        standup.next(at: Fixed.at(62))
        let record = try store.endStandup(standup, at: Fixed.at(63))
        #expect(record.summary?.blockersCleared.map(\.title) == ["Old CRM export"])
        #expect(record.summary?.blockersCleared.first?.reason == "Waiting for the vendor")
        #expect(try store.check() == [])
    }
}
