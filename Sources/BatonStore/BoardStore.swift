import BatonCore
import Foundation

/// The result of applying one action: what changed and the events as recorded.
public struct Applied: Sendable {
    public var change: Change
    public var events: [Event]
    /// The board slice after the change (complete for catalog data, partial for items).
    public var board: Board
    public var comment: Comment?
}

/// A board, in a file or in a database: the only way the rest of baton reads or changes one.
///
/// Every change is one transaction that applies the action and appends its events, with the
/// board locked against other writers first (`StoreEngine`); no engine's details leave this module.
public final class BoardStore: @unchecked Sendable {
    let engine: any StoreEngine
    /// The board's file, or its database address (with the board, without a password).
    public let path: String

    init(engine: any StoreEngine) {
        self.engine = engine
        path = engine.location
    }

    /// False since a call failed because the database did not answer, until one succeeds again
    /// (a file: always true).
    public var isReachable: Bool { engine.isReachable }

    /// Whether the board is in a database (a network away, perhaps) rather than in a file.
    public var isInDatabase: Bool { engine is PostgresEngine }

    /// Whether this session may only read (the file's mode, or the database role's rights).
    public var isReadOnly: Bool { engine.isReadOnly }

    /// Whether each write also empties a board file's WAL: for sessions that stay open.
    public var emptiesWAL: Bool {
        get { (engine as? SQLiteEngine)?.emptiesWAL ?? false }
        set { (engine as? SQLiteEngine)?.emptiesWAL = newValue }
    }

    /// False once the board can no longer be reached where it was opened (a file deleted or
    /// replaced since): from then on nothing is written through this session.
    public var isFileStillThere: Bool { engine.isStillThere }

    // MARK: Reading

    /// The whole board: catalog, stats and every item with its people.
    public func loadBoard() throws -> Board {
        try read(loadBoard)
    }

    func loadBoard(_ db: any SQLDatabase) throws -> Board {
        try db.prefetched { db in try self.catalog(db, items: try RowReader.items(db, where: "TRUE"), stats: nil) }
    }

    /// The board without its items: name, stages, members, outcomes and complete stage statistics.
    public func loadCatalog() throws -> Board {
        try read { db in
            try db.prefetched { db in try self.catalog(db, items: [:], stats: try RowReader.stats(db)) }
        }
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

    /// A number that changes whenever another session commits to the board.
    public func changeCounter() throws -> Int {
        try engine.changeCounter()
    }

    // MARK: Writing

    /// Applies `action` as `actor` at `now` in one transaction, recording its events: its reads
    /// asked for together, then its writes sent with the commit (two round trips on a network).
    @discardableResult
    public func apply(_ action: Action, by actor: Actor, at now: Date = Date()) throws -> Applied {
        try refuseIfReadOnly()
        return try write { db in
            var (board, last) = try db.prefetched { db in (try self.slice(for: action, db), try LastNumbers(db)) }
            let change = try board.apply(action, by: actor, at: now)
            let comment = try RowWriter.write(change, of: board, by: actor, at: now, commentID: last.comment + 1, db)
            let events = try self.append(change.events, after: last.seq, by: actor, at: now, db)
            return Applied(change: change, events: events, board: board, comment: comment)
        }
    }

    /// Records `drafts` as the events after number `seq`.
    func append(_ drafts: [EventDraft], after seq: Int, by actor: Actor, at now: Date, _ db: any SQLDatabase) throws
        -> [Event]
    {
        var seq = seq
        return try drafts.map { draft in
            seq += 1
            let event = Event(
                seq: seq, at: now, account: actor.account, member: actor.member, change: draft, role: engine.role)
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
        return try RowReader.items(db, where: sqlIn("number", numbers))
    }

    /// The part of the board `action` needs: the catalog, the stats of the stages involved, its
    /// item and, for a reorder, that item's neighbours. Its statements do not depend on each
    /// other's answers, so that they can be asked for at once.
    func slice(for action: Action, _ db: any SQLDatabase) throws -> Board {
        let condition = action.item.map { number in
            guard case .reorderItem = action else { return "number = \(number)" }
            return "number IN (SELECT \(number) UNION ALL \(Self.neighbours(of: number)))"
        }
        let items = try condition.map { try RowReader.items(db, where: $0) } ?? [:]
        return try catalog(
            db, items: items, stats: try RowReader.stats(db, where: stagesInvolved(in: action, condition)))
    }

    /// The stages whose statistics `action` reads or changes, as a condition on `stage_id` (one
    /// `IN` over a union, which both engines answer from the index): the stages of the items
    /// matching `items`, and those it puts an item in; nil (all) for changes to stages.
    private func stagesInvolved(in action: Action, _ items: String?) -> String? {
        var stages = items.map { ["SELECT stage_id FROM item WHERE \($0)"] } ?? []
        switch action {
        case .moveItem(_, let stage, _, _): stages.append("SELECT \(stage)")
        case .addItem(let new):
            stages.append(
                new.stage.map { "SELECT \($0)" }
                    ?? "SELECT * FROM (SELECT id FROM stage ORDER BY position LIMIT 1) AS first")
        case .addStage, .removeStage, .moveStage, .renameStage, .setWIPLimit, .setStageRole: return nil
        default: break
        }
        return stages.isEmpty ? "FALSE" : "stage_id IN (\(stages.joined(separator: " UNION ALL ")))"
    }

    /// The numbers of the cards just above and below item `number` in its lane (its stage,
    /// expedited or not, not archived), as a union of two selects. The item's own values are
    /// scalar subqueries, which both engines work out first and then search the index with.
    private static func neighbours(of number: ItemNumber) -> String {
        let own = { (column: String) in "(SELECT \(column) FROM item WHERE number = \(number))" }
        let lane = """
            SELECT number FROM item WHERE stage_id = \(own("stage_id")) AND archived = 0
            AND expedite = \(own("expedite")) AND position
            """
        return "SELECT * FROM (\(lane) < \(own("position")) ORDER BY position DESC LIMIT 1) AS above "
            + "UNION ALL SELECT * FROM (\(lane) > \(own("position")) ORDER BY position LIMIT 1) AS below"
    }

    func read<T>(_ body: (any SQLDatabase) throws -> T) throws -> T {
        try engine.read(body)
    }

    func write<T>(_ body: (any SQLDatabase) throws -> T) throws -> T {
        try engine.write(body)
    }

    func refuseIfReadOnly() throws {
        if isReadOnly {
            throw BatonError(
                .permission, "The board \(path) is open read-only (you may not write it); nothing was changed.")
        }
    }
}

/// The newest history entry's number and the newest comment's id, read before a change writes.
struct LastNumbers {
    var seq: Int
    var comment: Int

    init(_ db: any SQLDatabase) throws {
        (seq, comment) =
            try db.map("SELECT (SELECT MAX(seq) FROM event), (SELECT MAX(id) FROM comment)") {
                ($0.optionalInt(0) ?? 0, $0.optionalInt(1) ?? 0)
            }.first ?? (0, 0)
    }
}
