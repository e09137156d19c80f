import BatonCore
import Foundation

/// Times are stored as whole milliseconds since 1970.
func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
func date(millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }

/// Reads model values from rows.
enum RowReader {
    static let itemColumnList = [
        "number", "title", "notes", "kind", "outcome_id", "due", "expedite", "blocked_reason", "blocked_since",
        "blocked_by", "stage_id", "position", "revision", "archived", "created_by", "created_at", "updated_by",
        "updated_at", "stage_since",
    ]
    static let itemColumns = itemColumnList.joined(separator: ", ")

    /// An item from a row of `itemColumns`, read by position (much faster than by name).
    static func item(_ row: any SQLRow) -> Item {
        var blocker: Blocker?
        if let reason = row.optionalText(7) {
            blocker = Blocker(reason: reason, since: date(millis: row.int64(8)), by: row.optionalInt(9))
        }
        var item = Item(
            number: row.int(0), title: row.text(1), notes: row.text(2), kind: ItemKind(rawValue: row.text(3)) ?? .work,
            outcome: row.optionalInt(4), due: row.optionalText(5).flatMap(Day.init), expedite: row.bool(6),
            blocked: blocker, stage: row.int(10), position: row.int(11), revision: row.int(12),
            archived: row.bool(13), createdBy: row.optionalInt(14), createdAt: date(millis: row.int64(15)),
            updatedAt: date(millis: row.int64(17)), stageSince: date(millis: row.int64(18)))
        // `Item.init` reads a nil `updatedBy` as "the creator"; a change by no member must stay nil.
        item.updatedBy = row.optionalInt(16)
        return item
    }

    /// Items matching `condition` (SQL after `WHERE`) by number, with their people.
    static func items(_ db: any SQLDatabase, where condition: String) throws -> [ItemNumber: Item] {
        var items: [ItemNumber: Item] = [:]
        try db.forEach("SELECT \(itemColumns) FROM item WHERE \(condition)", []) { row in
            let item = RowReader.item(row)
            items[item.number] = item
        }
        try attachMembers(&items, db, of: condition)
        return items
    }

    /// Fills in owners and involved members of `items`, the items matching `condition`, from
    /// the item_member table (asked by the condition, so that both can be asked at once).
    static func attachMembers(_ items: inout [ItemNumber: Item], _ db: any SQLDatabase, of condition: String) throws {
        let filter = condition == "TRUE" ? "" : "WHERE item_number IN (SELECT number FROM item WHERE \(condition))"
        // Ordered by item only, which is the table's own order (no sort), one item's rows at a
        // time; each item's few members are put in their order here.
        var number: ItemNumber?
        var people: [(ord: Int, member: MemberID, owner: Bool)] = []
        func attach() {
            guard let number, let index = items.index(forKey: number) else { return }
            if people.count > 1 { people.sort { $0.ord < $1.ord } }
            items.values[index].owners = people.filter(\.owner).map(\.member)
            items.values[index].involved = people.filter { !$0.owner }.map(\.member)
        }
        let sql = "SELECT item_number, member_id, role = 'owner', ord FROM item_member \(filter) ORDER BY item_number"
        try db.forEach(sql, []) { row in
            let next = row.int(0)
            if next != number {
                attach()
                number = next
                people.removeAll(keepingCapacity: true)
            }
            people.append((row.int(3), row.int(1), row.bool(2)))
        }
        attach()
    }

    static func stages(_ db: any SQLDatabase) throws -> [Stage] {
        try db.map("SELECT id, name, role, wip_limit, position FROM stage ORDER BY position") {
            Stage(
                id: $0.int(0), name: $0.text(1), role: StageRole(rawValue: $0.text(2)) ?? .queue,
                wipLimit: $0.optionalInt(3), position: $0.int(4))
        }
    }

    static func members(_ db: any SQLDatabase) throws -> [Member] {
        try db.map("SELECT id, name, handle, discipline, login FROM member ORDER BY id") {
            Member(
                id: $0.int(0), name: $0.text(1), handle: $0.text(2),
                discipline: Discipline(rawValue: $0.text(3)) ?? .business,
                login: $0.optionalText(4))
        }
    }

    static func outcomes(_ db: any SQLDatabase) throws -> [Outcome] {
        var outcomes = try db.map(
            "SELECT id, title, metric, unit, baseline, target, current, target_date FROM outcome ORDER BY id"
        ) {
            Outcome(
                id: $0.int(0), title: $0.text(1), metric: $0.text(2), unit: $0.text(3), baseline: $0.double(4),
                target: $0.double(5), current: $0.double(6), targetDate: $0.optionalText(7).flatMap(Day.init))
        }
        let index = Dictionary(uniqueKeysWithValues: outcomes.enumerated().map { ($1.id, $0) })
        try db.forEach("SELECT outcome_id, at, value, member_id FROM outcome_value ORDER BY outcome_id, seq", []) {
            row in
            if let i = index[row.int(0)] {
                outcomes[i].history.append(
                    OutcomeValue(at: date(millis: row.int64(1)), value: row.double(2), by: row.optionalInt(3)))
            }
        }
        return outcomes
    }

    /// Counts and positions per stage: of every stage, or only of those matching `condition`
    /// on `stage_id` (each scanned stage costs a pass over its items, so writes ask only for the
    /// stages they touch).
    static func stats(_ db: any SQLDatabase, where condition: String? = nil) throws -> [StageID: StageStats] {
        var stats: [StageID: StageStats] = [:]
        let only = condition.map { "WHERE \($0)" } ?? ""
        let sql = """
            SELECT stage_id, SUM(CASE WHEN archived = 0 THEN 1 ELSE 0 END), COUNT(*), MIN(position), MAX(position)
            FROM item \(only) GROUP BY stage_id
            """
        try db.forEach(sql, []) { row in
            stats[row.int(0)] = StageStats(
                open: row.int(1), total: row.int(2), minPosition: row.optionalInt(3), maxPosition: row.optionalInt(4))
        }
        return stats
    }

    static func meta(_ db: any SQLDatabase, _ key: String) throws -> String? {
        try db.text("SELECT value FROM meta WHERE key = ?", [key])
    }

    static let eventColumns = "seq, at, account, member_id, kind, item_number, entity, entity_id, field, before, after"

    /// An event from a row of `SQLDialect.eventSelection`, read by position.
    static func event(_ row: any SQLRow) -> Event {
        let draft = EventDraft(
            EventKind(rawValue: row.text(4)) ?? .itemEdited, item: row.optionalInt(5),
            entity: row.optionalText(6).flatMap(EntityKind.init), entityID: row.optionalInt(7),
            field: row.optionalText(8), before: row.optionalText(9), after: row.optionalText(10))
        return Event(
            seq: row.int(0), at: date(millis: row.int64(1)), account: row.text(2), member: row.optionalInt(3),
            change: draft, role: row.optionalText(11))
    }

    /// The flow steps' columns, as numbers only (a year of history is read without making a
    /// string per event): seq, time, item, kind (0 created, 1 moved, 2 archived, 3 restored),
    /// the stage created in or moved to, the stage moved from.
    static func flowStepQuery(_ dialect: SQLDialect) -> String {
        """
        SELECT seq, at, item_number,
               CASE kind WHEN 'item.created' THEN 0 WHEN 'item.moved' THEN 1 WHEN 'item.archived' THEN 2 ELSE 3 END,
               CASE kind WHEN 'item.created' THEN entity_id WHEN 'item.moved' THEN \(dialect.wholeNumber("after")) END,
               CASE kind WHEN 'item.moved' THEN \(dialect.wholeNumber("before")) END
        FROM event
        WHERE kind IN ('item.created', 'item.moved', 'item.archived', 'item.restored') AND item_number IS NOT NULL
        ORDER BY seq
        """
    }

    /// A flow step from a row of `flowStepQuery`; `nil` for a move that does not say where to.
    static func flowStep(_ row: any SQLRow) -> FlowStep? {
        let kinds: [FlowStep.Kind] = [.created, .moved, .archived, .restored]
        let kind = kinds[min(3, max(0, row.int(3)))]
        if kind == .moved && row.isNull(4) { return nil }
        return FlowStep(
            at: date(millis: row.int64(1)), seq: row.int(0), item: row.int(2), kind: kind,
            stage: row.optionalInt(4), from: row.optionalInt(5))
    }

    static let commentColumns = "id, item_number, member_id, account, at, text"

    /// A comment from a row of `commentColumns`, read by position.
    static func comment(_ row: any SQLRow) -> Comment {
        Comment(
            id: row.int(0), item: row.int(1), author: row.optionalInt(2), account: row.text(3),
            at: date(millis: row.int64(4)),
            text: row.text(5))
    }

    /// Events matching `condition` (SQL after `WHERE`), oldest first, decoded one row at a time
    /// so that a long history never sits in memory twice.
    static func events(_ db: any SQLDatabase, where condition: String, _ arguments: [any SQLArgument] = []) throws
        -> [Event]
    {
        try db.map("SELECT \(db.dialect.eventSelection) FROM event WHERE \(condition) ORDER BY seq", arguments, event)
    }

    /// Comments matching `condition` (SQL after `WHERE`), oldest first, decoded one row at a time.
    static func comments(_ db: any SQLDatabase, where condition: String, _ arguments: [any SQLArgument] = []) throws
        -> [Comment]
    {
        try db.map("SELECT \(commentColumns) FROM comment WHERE \(condition) ORDER BY id", arguments, comment)
    }
}
