import BatonCore
import Foundation
import Glibc
import Testing

@testable import BatonStore

/// The store's change feed: what other sessions committed, read in one transaction, and never
/// this session's own changes.
@Suite("The change feed")
struct ChangeFeedTests {
    @Test("another session's change comes with its events, its items and the catalog's statistics")
    func anotherWritersChange() throws {
        let folder = try TempFolder()
        let mine = try folder.newBoard()
        try mine.apply(.addItem(NewItem(title: "Already there")), by: Fixed.asAna, at: Fixed.at(1))
        let feed = try ChangeFeed(store: mine)
        #expect(try feed.check(descriptorReady: false) == nil, "nothing new yet")

        let other = try BoardStore.open(folder.file("board.baton"), access: .readWrite)
        try other.apply(
            .addItem(NewItem(title: "From elsewhere", stage: Fixed.doing)), by: Fixed.asScript, at: Fixed.at(2))
        let changes = try #require(try feed.check(descriptorReady: true))
        #expect(changes.events.map(\.change.kind) == [.itemCreated])
        #expect(changes.items == [2])
        #expect(changes.slice.items.keys.sorted() == [2], "only the changed item, never the whole board")
        #expect(changes.slice.items[2]?.title == "From elsewhere")
        #expect(
            changes.slice.stats[Fixed.doing]?.open == 1 && changes.slice.stats[Fixed.backlog]?.open == 1,
            "statistics of every stage")
        #expect(try feed.check(descriptorReady: false) == nil, "read once")
    }

    @Test("this session's own saves never come back, and another's saved in between is not missed")
    func ownSavesAreNotOthers() throws {
        let folder = try TempFolder()
        let mine = try folder.newBoard()
        let feed = try ChangeFeed(store: mine)
        let other = try BoardStore.open(folder.file("board.baton"), access: .readWrite)

        feed.saw(try mine.apply(.addItem(NewItem(title: "Mine")), by: Fixed.asAna, at: Fixed.at(1)).events)
        #expect(try feed.check(descriptorReady: false) == nil, "one's own commits do not move the counter")

        try other.apply(.addItem(NewItem(title: "Theirs")), by: Fixed.asScript, at: Fixed.at(2))
        feed.saw(try mine.apply(.comment(1, text: "Mine again"), by: Fixed.asAna, at: Fixed.at(3)).events)
        let changes = try #require(try feed.check(descriptorReady: false))
        #expect(changes.events.map(\.account) == ["cron"], "theirs, saved before my second change")
        #expect(changes.slice.items[2]?.title == "Theirs")
        #expect(feed.lastSeq == (try mine.events(limit: 1).last?.seq))
    }

    @Test("a commit without history (presence) is reported with no events")
    func presenceIsNotHistory() throws {
        let folder = try TempFolder()
        let mine = try folder.newBoard()
        let feed = try ChangeFeed(store: mine)
        let other = try BoardStore.open(folder.file("board.baton"), access: .readWrite)
        try other.updatePresence(
            Presence(
                session: "s", account: "bo", member: 2, host: "h", pid: 1, terminal: nil,
                focus: nil, editing: nil, heartbeat: Fixed.at(1)))
        let changes = try #require(try feed.check(descriptorReady: false))
        #expect(changes.events.isEmpty && changes.items.isEmpty)
    }

    @Test("the loop looks again shortly after the file changed without a visible commit, then sleeps")
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
