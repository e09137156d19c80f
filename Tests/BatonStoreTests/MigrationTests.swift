import BatonCore
import Foundation
import Testing

@testable import BatonStore

/// `Fixtures/board-v1.baton` was written by the first released schema (version 1) and is frozen:
/// never regenerate it. It was made from `Board.new(name: "Fixture Squad", creator: Ana)` at `t0`,
/// then, one minute apart (Ana on even steps, Bo on odd ones): add member Bo; add outcome 1; add
/// items 1 (Backlog), 2 (Doing, expedite), 3 (Ready); block #3; comment on #1; record 8.5 on
/// outcome 1; move #1 to Ready. Then it was checkpointed into one file.
@Suite("Upgrading checked-in boards")
struct MigrationTests {
    private func fixture(_ name: String) throws -> URL {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return folder.appendingPathComponent(name)
    }

    /// A copy of the fixture in a fresh folder.
    private func copy(_ name: String, into folder: TempFolder) throws -> String {
        let path = folder.file(name)
        try FileManager.default.copyItem(atPath: try fixture(name).path, toPath: path)
        return path
    }

    private var expected: Board {
        let bo = Member(id: 2, name: "Bo Chen", handle: "bo", discipline: .it, login: "bo")
        let outcome = Outcome(
            id: 1, title: "Onboarding takes 3 days", metric: "onboarding time", unit: "days",
            baseline: 10, target: 3, current: 8.5, targetDate: Day("2027-03-31"),
            history: [
                OutcomeValue(at: Fixed.at(2), value: 10, by: 2),
                OutcomeValue(at: Fixed.at(8), value: 8.5, by: 2),
            ])
        let items = [
            Item(
                number: 1, title: "Welcome pack", notes: "Draft with HR", kind: .opportunity, owners: [1],
                involved: [2],
                outcome: 1, stage: Fixed.ready, position: 1, revision: 2, createdBy: 1, createdAt: Fixed.at(3),
                updatedBy: 1, updatedAt: Fixed.at(9), stageSince: Fixed.at(9)),
            Item(
                number: 2, title: "Login times out", kind: .concern, owners: [2], expedite: true, stage: Fixed.doing,
                position: 0, createdBy: 2, createdAt: Fixed.at(4)),
            Item(
                number: 3, title: "Old CRM export", kind: .limitation, due: Day("2027-01-15"),
                blocked: Blocker(reason: "Waiting for the vendor", since: Fixed.at(6), by: 2), stage: Fixed.ready,
                position: 0, revision: 2, createdBy: 1, createdAt: Fixed.at(5), updatedBy: 2, updatedAt: Fixed.at(6)),
        ]
        var board = try! Fixed.newBoard("Fixture Squad")
        board.members.append(bo)
        board.outcomes = [outcome]
        board.items = Dictionary(uniqueKeysWithValues: items.map { ($0.number, $0) })
        board.nextItemNumber = 4
        return board
    }

    @Test("the fixture is one complete file of schema version 1")
    func fixtureIsSettled() throws {
        let url = try fixture("board-v1.baton")
        let data = try Data(contentsOf: url)
        #expect(data.prefix(16) == Data("SQLite format 3\0".utf8))
        #expect(data[60..<64] == Data([0, 0, 0, 1]), "user_version 1")
        #expect(data[68..<72] == Data("Batn".utf8), "application_id")
        #expect(data[18] == 2 && data[19] == 2, "WAL mode")
        #expect(!FileManager.default.fileExists(atPath: url.path + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: url.path + "-shm"))
    }

    @Test("a version 1 board opens read-write and loads exactly")
    func version1Loads() throws {
        let original = try Data(contentsOf: try fixture("board-v1.baton"))
        let folder = try TempFolder()
        let path = try copy("board-v1.baton", into: folder)
        let store = try BoardStore.open(path, access: .readWrite)
        #expect(!store.isReadOnly)
        let board = try store.loadBoard()
        expectSameContent(board, expected)
        #expect(board.name == "Fixture Squad")
        #expect(board.members.map(\.handle) == ["ana", "bo"])
        #expect(board.stages.map(\.name) == ["Backlog", "Ready", "Doing", "Done"])
        #expect(board.openItems(in: Fixed.ready).map(\.number) == [3, 1])

        let events = try store.events()
        #expect(events.count == 15)
        #expect(events.map(\.seq) == Array(1...15))
        #expect(events.filter { $0.change.kind == .itemCreated }.compactMap(\.change.item) == [1, 2, 3])
        #expect(events.last?.change.kind == .itemMoved && events.last?.account == "ana")
        #expect(
            try store.allComments() == [
                Comment(id: 1, item: 1, author: 1, account: "ana", at: Fixed.at(7), text: "HR sent the first draft.")
            ])
        #expect(try store.check() == [])
        #expect(
            try Data(contentsOf: try fixture("board-v1.baton")) == original, "the checked-in fixture must not change")
    }

    @Test("an upgraded version 1 board takes new changes and keeps numbering")
    func version1TakesChanges() throws {
        let folder = try TempFolder()
        let path = try copy("board-v1.baton", into: folder)
        do {
            let store = try BoardStore.open(path, access: .readWrite)
            let applied = try store.apply(
                .addItem(NewItem(title: "After the upgrade")), by: Fixed.asBo, at: Fixed.at(60))
            #expect(applied.change.createdItem == 4)
            #expect(applied.events.map(\.seq) == [16])
            try store.apply(.comment(4, text: "Works."), by: Fixed.asBo, at: Fixed.at(61))
            try store.apply(.recordOutcome(1, value: 7), by: Fixed.asAna, at: Fixed.at(62))
        }
        let reopened = try BoardStore.open(path, access: .readOnly)
        let board = try reopened.loadBoard()
        #expect(board.items.count == 4 && board.nextItemNumber == 5)
        #expect(board.outcome(1)?.history.map(\.value) == [10, 8.5, 7])
        #expect(try reopened.allComments().map(\.id) == [1, 2])
        #expect(try reopened.check() == [])
    }

    @Test("a version 1 board opens read-only without being changed")
    func version1ReadOnly() throws {
        let folder = try TempFolder()
        let path = try copy("board-v1.baton", into: folder)
        let before = try bytes(path)
        let store = try BoardStore.open(path, access: .readOnly)
        expectSameContent(try store.loadBoard(), expected)
        #expect(try bytes(path) == before)
    }
}
