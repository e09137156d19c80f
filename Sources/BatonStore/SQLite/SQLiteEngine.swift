import BatonCore
import Foundation
import GRDB

/// A board in one SQLite file: every change one immediate transaction, retried while other
/// writers hold the lock; the file and the -wal and -shm beside it watched for being replaced.
final class SQLiteEngine: StoreEngine {
    let path: String
    let isReadOnly: Bool
    let queue: DatabaseQueue
    /// Whether each write also empties the WAL (`checkpoint()`): for sessions that stay open.
    var emptiesWAL = false
    /// How long a write keeps retrying while other writers hold the board.
    static let busyBudget: TimeInterval = 15

    /// The board file and the -wal and -shm beside it as opened (those that existed), to notice
    /// any of them being deleted or replaced (`isStillThere`).
    private let files: [FileIdentity]

    init(path: String, queue: DatabaseQueue, readOnly: Bool) {
        self.path = path
        self.queue = queue
        self.isReadOnly = readOnly
        // A writer's SQLite has made the -wal and -shm by now: one missing was deleted meanwhile.
        let found = FileIdentity.board(at: path)
        files = readOnly || found.count == 3 ? found : []
    }

    deinit {
        // Closing makes SQLite checkpoint into, and delete, whatever -wal and -shm now bear the
        // board's name, and those belong to the file that took its place: never close then.
        if !isStillThere { FileIdentity.abandon(queue) }
    }

    var location: String { path }

    /// False once the board file, or the -wal or -shm that SQLite keeps beside it, has been
    /// deleted, moved away or replaced since it was opened: from then on nothing written here
    /// would reach the board people see, or it would reach it through files nobody else uses.
    var isStillThere: Bool {
        files.first?.path == path && files.allSatisfy(\.isStillThere)
    }

    func read<T>(_ body: (any SQLDatabase) throws -> T) throws -> T {
        do { return try queue.read { db in try body(SQLiteDatabase(db: db)) } } catch {
            throw StoreErrors.translate(error, path: path)
        }
    }

    func write<T>(_ body: (any SQLDatabase) throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(Self.busyBudget)
        var pause: useconds_t = 2_000
        while true {
            do {
                let result = try queue.writeWithoutTransaction { db in try immediately(db, body) }
                try settleCommit()
                return result
            } catch  where StoreErrors.isBusy(error) && Date() < deadline {
                usleep(pause + useconds_t.random(in: 0...pause))
                pause = min(pause * 2, 100_000)
            } catch {
                throw StoreErrors.translate(error, path: path)
            }
        }
    }

    /// Presence is rewritten every few seconds and is not part of the board: it is written
    /// without waiting for the disk (`synchronous = NORMAL`), still in one immediate transaction.
    func quickWrite(_ body: (any SQLDatabase) throws -> Void) throws {
        do {
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
                try immediately(db, body)
            }
            try settleCommit()
        } catch {
            throw StoreErrors.translate(error, path: path)
        }
    }

    /// `body` in one immediate transaction, committed only while the board's files are still the
    /// ones opened (checked last, so that nothing goes to files nobody else uses).
    private func immediately<T>(_ db: Database, _ body: (any SQLDatabase) throws -> T) throws -> T {
        var result: T?
        try db.inTransaction(.immediate) {
            result = try body(SQLiteDatabase(db: db))
            try refuseIfGone()
            return .commit
        }
        return result!
    }

    /// SQLite's `data_version`: changes whenever another connection commits.
    func changeCounter() throws -> Int {
        try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }

    /// A file has no roles: its history records the Unix account alone.
    var role: String? { nil }

    /// A file always answers (a replaced one is `isStillThere`'s business).
    var isReachable: Bool { true }

    /// An inotify watch of the board file, its `-wal` and their folder.
    func changeSignal() -> any ChangeSignal { FileWatcher(path: location) }

    func damage(_ db: any SQLDatabase) throws -> (unreadable: [String], problems: [String]) {
        let integrity = try db.map("PRAGMA integrity_check") { $0.text(0) }
        if integrity != ["ok"] { return (integrity.prefix(5).map { "The file is damaged: \($0)." }, []) }
        let dangling = try db.map("PRAGMA foreign_key_check") { _ in true }
        return ([], dangling.isEmpty ? [] : ["\(dangling.count) rows refer to rows that do not exist."])
    }
}
