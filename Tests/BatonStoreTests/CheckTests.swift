import BatonCore
import Foundation
import Testing

@testable import BatonStore

@Suite("check()")
struct CheckTests {
    /// A board with items 1-3 in Backlog and 4 in Doing, closed so raw SQL can reach it.
    private func board(_ folder: TempFolder) throws -> String {
        let path = folder.file("board.baton")
        let store = try folder.newBoard()
        try store.apply(
            .addMember(name: "Bo Chen", handle: "bo", discipline: .it, login: "bo"), by: Fixed.asAna, at: Fixed.at(1))
        for (index, title) in ["One", "Two", "Three"].enumerated() {
            try store.apply(
                .addItem(NewItem(title: title, owners: [1], involved: [2])), by: Fixed.asAna, at: Fixed.at(2 + index))
        }
        try store.apply(.addItem(NewItem(title: "Four", stage: Fixed.doing)), by: Fixed.asAna, at: Fixed.at(9))
        try store.apply(.comment(1, text: "A remark"), by: Fixed.asAna, at: Fixed.at(10))
        #expect(try store.check() == [], "the healthy board must check clean")
        return path
    }

    private func problems(_ path: String) throws -> [String] {
        let problems = try BoardStore.open(path, access: .readOnly).check()
        problems.forEach { expectClean($0) }
        return problems
    }

    @Test("a healthy board checks clean, also after every kind of action")
    func healthy() throws {
        let folder = try TempFolder()
        #expect(try problems(board(folder)) == [])
        var mirror = try Fixed.newBoard()
        let store = try folder.newBoard("scenario.baton", board: mirror)
        _ = try Scenario.run(on: store, mirror: &mirror)
        #expect(try store.check() == [])
    }

    @Test("two items sharing a position are reported")
    func duplicatePositions() throws {
        let folder = try TempFolder()
        let path = try board(folder)
        try rawSQL(path, "UPDATE item SET position = 0 WHERE number IN (1, 2)")
        let found = try problems(path)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.contains("#2 shares position 0") == true, "\(found)")
    }

    @Test("an item without its creation event, or with two, is reported")
    func creationEvents() throws {
        let folder = try TempFolder()
        let path = try board(folder)
        try rawSQL(path, "DELETE FROM event WHERE kind = 'item.created' AND item_number = 2")
        try rawSQL(path, "INSERT INTO event (at, account, kind, item_number) VALUES (0, 'x', 'item.created', 3)")
        let found = try problems(path)
        #expect(found.contains("Item #2 has 0 creation events in the history instead of 1."), "\(found)")
        #expect(found.contains("Item #3 has 2 creation events in the history instead of 1."), "\(found)")
        #expect(found.count == 2, "\(found)")
    }

    @Test("rows pointing at things that do not exist are reported")
    func danglingReferences() throws {
        let folder = try TempFolder()
        let path = try board(folder)
        try rawSQL(
            path, foreignKeys: false,
            """
            INSERT INTO item_member (item_number, member_id, role, ord) VALUES (4, 42, 'owner', 0);
            UPDATE item SET stage_id = 17 WHERE number = 3;
            """)
        let found = try problems(path)
        #expect(found.contains("2 rows refer to rows that do not exist."), "\(found)")
        #expect(found.contains { $0.contains("#4 names member 42") }, "\(found)")
        #expect(found.contains { $0.contains("#3 is in stage 17") }, "\(found)")
    }

    @Test("other broken invariants are reported: numbers, members, titles, revisions")
    func otherInvariants() throws {
        let folder = try TempFolder()
        let path = try board(folder)
        try rawSQL(
            path,
            """
            UPDATE meta SET value = '3' WHERE key = 'next_item';
            UPDATE member SET handle = 'x' WHERE id = 2;
            UPDATE item SET title = '', revision = 0 WHERE number = 1;
            """)
        let found = try problems(path)
        #expect(found.contains { $0.contains("#3 has a number outside") }, "\(found)")
        #expect(found.contains { $0.contains("#4 has a number outside") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("Member 2:") }, "\(found)")
        #expect(found.contains { $0.contains("#1 has a title") }, "\(found)")
        #expect(found.contains { $0.contains("#1 has revision 0") }, "\(found)")
    }
}
