import BatonCore
import Foundation
import Testing

@testable import BatonStore

/// Who has the board open: stored apart from the history, renewed, removed, and timed out.
@Suite("presence")
struct PresenceTests {
    func row(
        _ session: String, member: MemberID? = 1, pid: Int32 = 1, focus: ItemNumber? = nil, at time: Date = Fixed.t0
    ) -> Presence {
        Presence(
            session: session, account: "ana", member: member, host: "server", pid: pid, terminal: "/dev/pts/3",
            focus: focus, editing: nil, heartbeat: time)
    }

    @Test(arguments: TestEngine.allCases)
    func presenceIsStoredRenewedAndRemovedWithoutHistory(_ engine: TestEngine) throws {
        let board = try TestBoard(engine)
        let store = try board.create()
        let eventsBefore = try store.events().count
        try store.updatePresence(row("a"))
        try store.updatePresence(row("b", member: 2, focus: 3))
        try store.updatePresence(row("a", focus: 7, at: Fixed.at(1)))
        let all = try store.presence()
        #expect(all.map(\.session) == ["a", "b"])
        #expect(all[0].focus == 7 && all[0].heartbeat == Fixed.at(1))
        #expect(all[1] == row("b", member: 2, focus: 3))
        try store.removePresence(session: "a")
        #expect(try store.presence().map(\.session) == ["b"])
        #expect(try store.events().count == eventsBefore, "presence is not history")
    }

    @Test(arguments: TestEngine.allCases)
    func anotherSessionSeesPresenceThroughTheChangeCounter(_ engine: TestEngine) throws {
        let board = try TestBoard(engine)
        let mine = try board.create()
        let theirs = try board.open()
        let counter = try mine.changeCounter()
        try theirs.updatePresence(row("theirs"))
        #expect(try mine.changeCounter() != counter)
        #expect(try mine.presence().map(\.session) == ["theirs"])
    }

    @Test(arguments: TestEngine.allCases)
    func readOnlySessionsLeaveNoPresence(_ engine: TestEngine) throws {
        let board = try TestBoard(engine)
        _ = try board.create()
        let viewer = try board.open(.readOnly)
        #expect(throws: BatonError.self) { try viewer.updatePresence(row("viewer")) }
        try viewer.removePresence(session: "viewer")
    }

    @Test func liveDropsStaleHeartbeatsAndDeadProcessesOnThisHost() {
        let now = Fixed.at(10)
        let fresh = row("fresh", pid: 10, at: now.addingTimeInterval(-2))
        let stale = row("stale", pid: 11, at: now.addingTimeInterval(-(Presence.timeout + 1)))
        let dead = row("dead", pid: 12, at: now)
        var elsewhere = row("elsewhere", pid: 12, at: now)
        elsewhere.host = "laptop"
        let live = Presence.live([fresh, stale, dead, elsewhere], now: now, host: "server") { $0 != 12 }
        #expect(live.map(\.session) == ["fresh", "elsewhere"], "a pid is only checked on its own host")
    }

    @Test func aVersion1BoardGainsThePresenceTableWhenOpenedForWriting() throws {
        let folder = try TempFolder()
        let store = try folder.newBoard()
        try rawSQL(
            store.path,
            "DROP TABLE presence; DELETE FROM grdb_migrations WHERE identifier = 'v2'; PRAGMA user_version = 1;")
        let viewer = try BoardStore.open(store.path, access: .readOnly)
        #expect(try viewer.presence() == [], "a reader copes without the table")
        let writer = try BoardStore.open(store.path, access: .readWrite)
        try writer.updatePresence(row("a"))
        #expect(try writer.presence().count == 1)
    }

    @Test func theFileBeingReplacedIsNoticed() throws {
        let folder = try TempFolder()
        let store = try folder.newBoard()
        #expect(store.isFileStillThere)
        let other = try folder.newBoard("other.baton")
        #expect(rename(other.path, store.path) == 0)
        #expect(!store.isFileStillThere)
    }

    @Test func theFileBeingDeletedIsNoticed() throws {
        let folder = try TempFolder()
        let store = try folder.newBoard()
        #expect(unlink(store.path) == 0)
        #expect(!store.isFileStillThere)
    }
}
