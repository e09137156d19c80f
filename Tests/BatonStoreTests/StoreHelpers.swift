import BatonCore
import Foundation
import GRDB
import Testing

@testable import BatonStore

/// Fixed clock, people and stage ids shared by the store tests.
enum Fixed {
    /// The moment boards are made; whole seconds, so times survive the millisecond storage exactly.
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    /// `t0` plus `minutes`.
    static func at(_ minutes: Int) -> Date { t0.addingTimeInterval(Double(minutes) * 60) }

    static let ana = Member(id: 1, name: "Ana Lima", handle: "ana", discipline: .business, login: "ana")
    /// Ana (member 1) at her own account.
    static let asAna = Actor(account: "ana", member: 1)
    /// Bo (member 2, once added) at his own account.
    static let asBo = Actor(account: "bo", member: 2)
    /// A script with no member.
    static let asScript = Actor(account: "cron", member: nil)

    // Default stages of `Board.new`.
    static let backlog: StageID = 1
    static let ready: StageID = 2
    static let doing: StageID = 3
    static let done: StageID = 4

    /// The board `Board.new` makes for Ana.
    static func newBoard(_ name: String = "Squad") throws -> Board {
        try Board.new(name: name, creator: ana)
    }
}

/// A fresh temporary folder, removed when the value goes away.
final class TempFolder {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/baton-store-test-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw BatonError(.io, "mkdtemp failed") }
        path = String(cString: made)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// A path inside the folder.
    func file(_ name: String) -> String { path + "/" + name }

    /// Creates a new board file `name` in the folder, holding `Fixed.newBoard()`.
    func newBoard(_ name: String = "board.baton", board: Board? = nil) throws -> BoardStore {
        try BoardStore.create(file(name), board: board ?? Fixed.newBoard(), by: Fixed.asAna, at: Fixed.t0)
    }

    /// The names of the files in the folder, sorted.
    func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    /// Every file in the folder with its bytes.
    func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try names() {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: file(name), isDirectory: &isFolder), isFolder.boolValue {
                files[name + "/"] = Data()
            } else {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: file(name)))
            }
        }
        return files
    }

    /// Records an issue naming each file that differs from `before` (appeared, vanished or changed).
    /// With `sidecars`, SQLite's shared-memory index and an empty WAL may appear (a read-only
    /// connection cannot remove them); they hold nothing that could ever reach the board.
    func expectUnchanged(
        since before: [String: Data], sidecars: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let after = try snapshot()
        for name in Set(before.keys).union(after.keys).sorted() where before[name] != after[name] {
            if sidecars, before[name] == nil,
                name.hasSuffix("-shm") || (name.hasSuffix("-wal") && after[name]?.isEmpty == true)
            {
                continue
            }
            let what = before[name] == nil ? "appeared" : after[name] == nil ? "vanished" : "changed"
            Issue.record(
                "\(name) \(what) (\(before[name]?.count ?? 0) -> \(after[name]?.count ?? 0) bytes)",
                sourceLocation: sourceLocation)
        }
    }
}

/// The bytes of the file at `path`.
func bytes(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
}

/// Merges the board's WAL into the main file and removes it, so that the board is one file.
/// Call only when no `BoardStore` on the file is alive.
func settle(_ path: String) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    try queue.close()
    #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "the WAL of \(path) is still there")
}

/// Runs raw SQL on a board behind the store's back (to break it on purpose).
func rawSQL(_ path: String, foreignKeys: Bool = true, _ sql: String) throws {
    var config = Configuration()
    config.foreignKeysEnabled = foreignKeys
    let queue = try DatabaseQueue(path: path, configuration: config)
    try queue.write { db in try db.execute(sql: sql) }
    try queue.close()
}

/// Runs `body`, expecting it to throw a `BatonError` (of `category`, when given) whose message
/// does not leak SQLite wording; records an issue for success or for any other error.
@discardableResult
func refusal<T>(
    _ category: ErrorCategory? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> T
) -> BatonError? {
    do {
        _ = try body()
        Issue.record("expected a BatonError, but it succeeded", sourceLocation: sourceLocation)
        return nil
    } catch let error as BatonError {
        if let category {
            #expect(error.category == category, "wrong category for: \(error.message)", sourceLocation: sourceLocation)
        }
        expectClean(error.message, sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected a BatonError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Messages a person reads never show SQLite's own wording.
func expectClean(_ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!message.contains("SQLite error"), "\(message)", sourceLocation: sourceLocation)
    #expect(!message.contains("SQLITE_"), "\(message)", sourceLocation: sourceLocation)
    #expect(!message.isEmpty, sourceLocation: sourceLocation)
}

/// The parts of two boards that must agree after a round trip through the file.
func expectSameContent(_ loaded: Board, _ expected: Board, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(loaded.name == expected.name, sourceLocation: sourceLocation)
    #expect(loaded.nextItemNumber == expected.nextItemNumber, sourceLocation: sourceLocation)
    #expect(loaded.stages == expected.stages, sourceLocation: sourceLocation)
    #expect(loaded.members == expected.members, sourceLocation: sourceLocation)
    #expect(loaded.outcomes == expected.outcomes, sourceLocation: sourceLocation)
    #expect(loaded.items.keys.sorted() == expected.items.keys.sorted(), sourceLocation: sourceLocation)
    for (number, item) in expected.items {
        #expect(loaded.items[number] == item, "item #\(number)", sourceLocation: sourceLocation)
    }
}

/// Collects failures from several threads.
final class Collector: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String] = []

    func add(_ value: String) {
        lock.lock()
        values.append(value)
        lock.unlock()
    }
    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}

extension BoardStore {
    /// The SQLite connection of a board file, for tests that look at the file itself.
    var sqliteQueue: DatabaseQueue { (engine as! SQLiteEngine).queue }
}
