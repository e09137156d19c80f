import BatonCore
import Foundation
import GRDB

/// The result of applying one action: what changed and the events as recorded.
public struct Applied: Sendable {
    public var change: Change
    public var events: [Event]
    /// The board slice after the change (complete for catalog data, partial for items).
    public var board: Board
    public var comment: Comment?
}

/// A board file on disk: the only way the rest of baton reads or changes a board.
///
/// Every change is one immediate transaction that applies the action and appends its events,
/// retried while other writers hold the lock; SQLite details never leave this module.
public final class BoardStore: @unchecked Sendable {
    public let path: String
    public let isReadOnly: Bool
    let queue: DatabaseQueue
    /// Whether each write also empties the WAL (`checkpoint()`): for sessions that stay open.
    public var emptiesWAL = false
    /// How long a write keeps retrying while other writers hold the board.
    static let busyBudget: TimeInterval = 15

    /// The board file and the -wal and -shm beside it as opened (those that existed), to notice
    /// any of them being deleted or replaced (`isFileStillThere`).
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
        if !isFileStillThere { FileIdentity.abandon(queue) }
    }

    /// False once the board file, or the -wal or -shm that SQLite keeps beside it, has been
    /// deleted, moved away or replaced since it was opened: from then on nothing written here
    /// would reach the board people see, or it would reach it through files nobody else uses.
    public var isFileStillThere: Bool {
        files.first?.path == path && files.allSatisfy(\.isStillThere)
    }

    // MARK: Reading

    /// The whole board: catalog, stats and every item with its people.
    public func loadBoard() throws -> Board {
        try read(loadBoard)
    }

    func loadBoard(_ db: any SQLDatabase) throws -> Board {
        try catalog(db, items: try RowReader.items(db, where: "TRUE"), stats: nil)
    }

    /// The board without its items: name, stages, members, outcomes and complete stage statistics.
    public func loadCatalog() throws -> Board {
        try read { db in try self.catalog(db, items: [:], stats: try RowReader.stats(db)) }
    }

    /// One item, or `nil` when there is no item with that number.
    public func item(_ number: ItemNumber) throws -> Item? {
        try read { db in try self.items([number], db)[number] }
    }

    /// The comments on an item, oldest first.
    public func comments(on item: ItemNumber) throws -> [Comment] {
        try read { db in
            try RowReader.comments(db, where: "item_number = ?", [item])
        }
    }

    /// Every comment on the board, oldest first.
    public func allComments() throws -> [Comment] {
        try read(allComments)
    }

    func allComments(_ db: any SQLDatabase) throws -> [Comment] {
        try RowReader.comments(db, where: "TRUE")
    }

    /// Events after sequence number `seq`, optionally only those of one item or from a time on, oldest first.
    public func events(after seq: Int = 0, item: ItemNumber? = nil, since: Date? = nil, limit: Int? = nil) throws
        -> [Event]
    {
        try read { db in
            var condition = "seq > ?"
            var arguments: [any SQLArgument] = [seq]
            if let item {
                condition += " AND item_number = ?"
                arguments += [item]
            }
            if let since {
                condition += " AND at >= ?"
                arguments += [millis(since)]
            }
            if let limit {
                condition += " AND seq IN (SELECT seq FROM event WHERE \(condition) ORDER BY seq DESC LIMIT \(limit))"
                arguments += arguments
            }
            return try RowReader.events(db, where: condition, arguments)
        }
    }

    /// The flow steps of the whole history in time order: what the figure screens need, read
    /// without ever holding the whole history as events.
    public func flowSteps() throws -> [FlowStep] {
        try flowSnapshot().steps
    }

    /// The flow steps, and the newest history entry they take into account (read together).
    public func flowSnapshot() throws -> (steps: [FlowStep], lastSeq: Int) {
        try read { db in
            var steps: [FlowStep] = []
            try db.forEach(RowReader.flowStepQuery(db.dialect), []) { row in
                if let step = RowReader.flowStep(row) { steps.append(step) }
            }
            return (FlowStep.ordered(steps), try db.int("SELECT MAX(seq) FROM event") ?? 0)
        }
    }

    /// The names of removed stages by id, from the history, so that old events can name them.
    public func removedStageNames() throws -> [StageID: String] {
        try read(removedStageNames)
    }

    func removedStageNames(_ db: any SQLDatabase) throws -> [StageID: String] {
        var names: [StageID: String] = [:]
        try db.forEach("SELECT entity_id, before FROM event WHERE kind = 'stage.removed'", []) { row in
            if let id = row.optionalInt(0), let name = row.optionalText(1) { names[id] = name }
        }
        return names
    }

    /// A number that changes whenever another connection commits to the board.
    public func changeCounter() throws -> Int {
        try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }

    // MARK: Writing

    /// Applies `action` as `actor` at `now` in one transaction, recording its events.
    @discardableResult
    public func apply(_ action: Action, by actor: Actor, at now: Date = Date()) throws -> Applied {
        try refuseIfReadOnly()
        return try write { db in
            var board = try self.slice(for: action, db)
            let change = try board.apply(action, by: actor, at: now)
            let comment = try RowWriter.write(change, of: board, by: actor, at: now, db)
            let events = try self.append(change.events, by: actor, at: now, db)
            return Applied(change: change, events: events, board: board, comment: comment)
        }
    }

    func append(_ drafts: [EventDraft], by actor: Actor, at now: Date, _ db: any SQLDatabase) throws -> [Event] {
        var seq = (try db.int("SELECT MAX(seq) FROM event") ?? 0)
        return try drafts.map { draft in
            seq += 1
            let event = Event(seq: seq, at: now, account: actor.account, member: actor.member, change: draft)
            try RowWriter.insert(event, db)
            return event
        }
    }

    // MARK: Plumbing

    /// Catalog, stats and the given items, as a `Board`.
    func catalog(_ db: any SQLDatabase, items: [ItemNumber: Item], stats: [StageID: StageStats]?) throws -> Board {
        let stages = try RowReader.stages(db)
        return Board(
            name: try RowReader.meta(db, "name") ?? "", stages: stages, members: try RowReader.members(db),
            outcomes: try RowReader.outcomes(db), items: items,
            nextItemNumber: Int(try RowReader.meta(db, "next_item") ?? "1") ?? 1,
            stats: stats ?? Board.computeStats(stages: stages, items: items.values))
    }

    func items(_ numbers: [ItemNumber], _ db: any SQLDatabase) throws -> [ItemNumber: Item] {
        guard !numbers.isEmpty else { return [:] }
        return try RowReader.items(
            db, where: "number IN (\(numbers.map(String.init).joined(separator: ",")))", only: numbers)
    }

    /// The part of the board `action` needs: the catalog, complete stats, its item and that item's neighbours.
    func slice(for action: Action, _ db: any SQLDatabase) throws -> Board {
        var numbers: [ItemNumber] = []
        if let number = action.item {
            numbers.append(number)
            if case .reorderItem = action, let item = try items([number], db)[number] {
                numbers += try neighbours(of: item, db)
            }
        }
        let items = try items(numbers, db)
        return try catalog(
            db, items: items, stats: try RowReader.stats(db, stages: try stagesInvolved(in: action, items, db)))
    }

    /// The stages whose statistics `action` reads or changes; `nil` (all) for changes to stages.
    private func stagesInvolved(in action: Action, _ items: [ItemNumber: Item], _ db: any SQLDatabase) throws
        -> Set<StageID>?
    {
        var stages = Set(items.values.map(\.stage))
        switch action {
        case .moveItem(_, let stage, _, _): stages.insert(stage)
        case .addItem(let new):
            guard let stage = try new.stage ?? db.int("SELECT id FROM stage ORDER BY position LIMIT 1")
            else { return nil }
            stages.insert(stage)
        case .addStage, .removeStage, .moveStage, .renameStage, .setWIPLimit, .setStageRole: return nil
        default: break
        }
        return stages
    }

    private func neighbours(of item: Item, _ db: any SQLDatabase) throws -> [ItemNumber] {
        let base = "SELECT number FROM item WHERE stage_id = ? AND archived = 0 AND expedite = ? AND position"
        let arguments: [any SQLArgument] = [item.stage, item.expedite, item.position]
        let above = try db.int("\(base) < ? ORDER BY position DESC LIMIT 1", arguments)
        let below = try db.int("\(base) > ? ORDER BY position LIMIT 1", arguments)
        return [above, below].compactMap { $0 }
    }

    func read<T>(_ body: (any SQLDatabase) throws -> T) throws -> T {
        do { return try queue.read { db in try body(SQLiteDatabase(db: db)) } } catch {
            throw StoreErrors.translate(error, path: path)
        }
    }

    /// Runs `body` in an immediate transaction, retrying while the board is busy, within a time budget.
    func write<T>(_ body: (any SQLDatabase) throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(BoardStore.busyBudget)
        var pause: useconds_t = 2_000
        while true {
            do {
                var result: T?
                try queue.inTransaction(.immediate) { db in
                    result = try body(SQLiteDatabase(db: db))
                    try refuseIfGone()  // last thing before the commit, so it never goes to files nobody else uses
                    return .commit
                }
                try settleCommit()
                return result!
            } catch  where StoreErrors.isBusy(error) && Date() < deadline {
                usleep(pause + useconds_t.random(in: 0...pause))
                pause = min(pause * 2, 100_000)
            } catch {
                throw StoreErrors.translate(error, path: path)
            }
        }
    }

    func refuseIfReadOnly() throws {
        if isReadOnly {
            throw BatonError(
                .permission, "The board \(path) is open read-only (you may not write it); nothing was changed.")
        }
    }
}
