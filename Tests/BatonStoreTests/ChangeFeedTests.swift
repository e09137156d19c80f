import BatonCore
import BatonTestSupport
import Foundation
import Glibc
import Testing

@testable import BatonStore

/// The store's change feed: what other sessions committed, read in one transaction, and never
/// this session's own changes.
@Suite("The change feed")
struct ChangeFeedTests {
    /// Waits as the loop does, up to `milliseconds` for the feed's descriptor, then checks.
    private func check(_ feed: ChangeFeed, waiting milliseconds: Int32 = 3000) throws -> ChangeSet? {
        var polled = pollfd(fd: feed.descriptor, events: Int16(POLLIN), revents: 0)
        let ready = feed.descriptor >= 0 && poll(&polled, 1, milliseconds) == 1
        return try feed.check(descriptorReady: ready)
    }

    @Test(
        "another session's change comes with its events, its items and the catalog's statistics",
        arguments: TestEngine.allCases)
    func anotherWritersChange(_ engine: TestEngine) throws {
        let board = try TestBoard(engine)
        let mine = try board.create()
        try mine.apply(.addItem(NewItem(title: "Already there")), by: Fixed.asAna, at: Fixed.at(1))
        let feed = try ChangeFeed(store: mine)
        #expect(try check(feed, waiting: 200) == nil, "nothing new yet")

        let other = try board.open()
        try other.apply(
            .addItem(NewItem(title: "From elsewhere", stage: Fixed.doing)), by: Fixed.asScript, at: Fixed.at(2))
        let changes = try #require(try check(feed))
        #expect(changes.events.map(\.change.kind) == [.itemCreated])
        #expect(changes.items == [2])
        #expect(changes.slice.items.keys.sorted() == [2], "only the changed item, never the whole board")
        #expect(changes.slice.items[2]?.title == "From elsewhere")
        #expect(
            changes.slice.stats[Fixed.doing]?.open == 1 && changes.slice.stats[Fixed.backlog]?.open == 1,
            "statistics of every stage")
        #expect(try check(feed, waiting: 200) == nil, "read once")
    }

    @Test(
        "this session's own saves never come back, and another's saved in between is not missed",
        arguments: TestEngine.allCases)
    func ownSavesAreNotOthers(_ engine: TestEngine) throws {
        let board = try TestBoard(engine)
        let mine = try board.create()
        let feed = try ChangeFeed(store: mine)
        let other = try board.open()

        feed.saw(try mine.apply(.addItem(NewItem(title: "Mine")), by: Fixed.asAna, at: Fixed.at(1)).events)
        #expect(try check(feed, waiting: 200) == nil, "one's own commits are not news")

        try other.apply(.addItem(NewItem(title: "Theirs")), by: Fixed.asScript, at: Fixed.at(2))
        feed.saw(try mine.apply(.comment(1, text: "Mine again"), by: Fixed.asAna, at: Fixed.at(3)).events)
        let changes = try #require(try check(feed))
        #expect(changes.events.map(\.account) == ["cron"], "theirs, saved before my second change")
        #expect(changes.slice.items[2]?.title == "Theirs")
        #expect(feed.lastSeq == (try mine.events(limit: 1).last?.seq))
    }

    @Test("a commit without history (presence) is reported with no events", arguments: TestEngine.allCases)
    func presenceIsNotHistory(_ engine: TestEngine) throws {
        let board = try TestBoard(engine)
        let mine = try board.create()
        let feed = try ChangeFeed(store: mine)
        let other = try board.open()
        try other.updatePresence(
            Presence(
                session: "s", account: "bo", member: 2, host: "h", pid: 1, terminal: nil,
                focus: nil, editing: nil, heartbeat: Fixed.at(1)))
        let changes = try #require(try check(feed))
        #expect(changes.events.isEmpty && changes.items.isEmpty)
    }

    @Test("a feed on a database listens again after its connection was cut, and reads what it missed")
    func listensAgainAfterACut() throws {
        let board = try TestBoard(.postgres)
        let mine = try board.create()
        let feed = try ChangeFeed(store: mine)
        let server = try PostgresServer.shared.get()
        let database = try #require(board.databaseName)
        try server.psql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()"
        )
        let other = try board.open()
        try other.apply(.addItem(NewItem(title: "Said while nobody listened")), by: Fixed.asScript, at: Fixed.at(1))
        // The cut connection wakes the loop; the store is asked (its own connection comes back),
        // then the listener connects again after a short pause and the change is read.
        var found: ChangeSet?
        let deadline = Date().addingTimeInterval(10)
        while found?.events.isEmpty != false || feed.descriptor < 0, Date() < deadline {
            if feed.descriptor < 0 { usleep(UInt32(feed.timeout(1000)) * 1000) }
            found = try check(feed, waiting: feed.timeout(1000)) ?? found
        }
        #expect(found?.slice.items[1]?.title == "Said while nobody listened")
        #expect(feed.descriptor >= 0, "listening again")
        try other.apply(.comment(1, text: "And after"), by: Fixed.asScript, at: Fixed.at(2))
        #expect(try check(feed)?.events.map(\.change.kind) == [.commentAdded])
    }

    @Test("the loop looks again shortly after a board file changed without a visible commit, then sleeps")
    func quickLooksAfterAFileChange() throws {
        let folder = try TempFolder()
        let mine = try folder.newBoard()
        let feed = try ChangeFeed(store: mine)
        #expect(feed.timeout(1000) == 1000)
        // The file changes (as inotify sees the -wal written a moment before a commit shows) with
        // no commit to read: new times are enough for the watch.
        #expect(utimes(folder.file("board.baton"), nil) == 0)
        var polled = pollfd(fd: feed.descriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&polled, 1, 1000) == 1, "the watch wakes the loop")
        #expect(try feed.check(descriptorReady: true) == nil)
        #expect(feed.timeout(1000) == ChangeFeed.recheckMilliseconds)
        for _ in 0..<4 { _ = try feed.check(descriptorReady: false) }
        #expect(feed.timeout(1000) == 1000, "four quick looks, then back to sleep")
    }
}
