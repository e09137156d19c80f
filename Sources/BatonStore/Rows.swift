import BatonCore
import Foundation
import GRDB

/// Times are stored as whole milliseconds since 1970.
func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
func date(millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }

/// Reads model values from rows.
enum RowReader {
    static let itemColumns = """
        number, title, notes, kind, outcome_id, due, expedite, blocked_reason, blocked_since, blocked_by,
        stage_id, position, revision, archived, created_by, created_at, updated_by, updated_at, stage_since
        """

    /// An item from a row of `itemColumns`, read by position (much faster than by name).
    static func item(_ row: Row) -> Item {
        var blocker: Blocker?
        if let reason: String = row[7] {
            blocker = Blocker(reason: reason, since: date(millis: row[8] ?? 0), by: row[9])
        }
        var item = Item(number: row[0], title: row[1], notes: row[2], kind: ItemKind(rawValue: row[3]) ?? .work,
                        outcome: row[4], due: (row[5] as String?).flatMap(Day.init), expedite: row[6], blocked: blocker,
                        stage: row[10], position: row[11], revision: row[12], archived: row[13], createdBy: row[14],
                        createdAt: date(millis: row[15]), updatedAt: date(millis: row[17]), stageSince: date(millis: row[18]))
        // `Item.init` reads a nil `updatedBy` as "the creator"; a change by no member must stay nil.
        item.updatedBy = row[16]
        return item
    }

    /// Fills in owners and involved members of `items` from the item_member table.
    static func attachMembers(_ items: inout [ItemNumber: Item], _ db: Database, only numbers: [ItemNumber]? = nil) throws {
        let filter = numbers.map { "WHERE item_number IN (\($0.map(String.init).joined(separator: ",")))" } ?? ""
        var people: [ItemNumber: (owners: [MemberID], involved: [MemberID])] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT item_number, member_id, role = 'owner' FROM item_member \(filter) ORDER BY item_number, ord")
        while let row = try rows.next() {
            let number: ItemNumber = row[0]
            let member: MemberID = row[1]
            if row[2] as Bool { people[number, default: ([], [])].owners.append(member) } else { people[number, default: ([], [])].involved.append(member) }
        }
        for (number, lists) in people where items[number] != nil {
            items[number]!.owners = lists.owners
            items[number]!.involved = lists.involved
        }
    }

    static func stages(_ db: Database) throws -> [Stage] {
        try Row.fetchAll(db, sql: "SELECT id, name, role, wip_limit, position FROM stage ORDER BY position").map {
            Stage(id: $0[0], name: $0[1], role: StageRole(rawValue: $0[2]) ?? .queue, wipLimit: $0[3], position: $0[4])
        }
    }

    static func members(_ db: Database) throws -> [Member] {
        try Row.fetchAll(db, sql: "SELECT id, name, handle, discipline, login FROM member ORDER BY id").map {
            Member(id: $0[0], name: $0[1], handle: $0[2], discipline: Discipline(rawValue: $0[3]) ?? .business, login: $0[4])
        }
    }

    static func outcomes(_ db: Database) throws -> [Outcome] {
        var outcomes = try Row.fetchAll(db, sql: """
            SELECT id, title, metric, unit, baseline, target, current, target_date FROM outcome ORDER BY id
            """).map {
            Outcome(id: $0[0], title: $0[1], metric: $0[2], unit: $0[3], baseline: $0[4], target: $0[5],
                    current: $0[6], targetDate: ($0[7] as String?).flatMap(Day.init))
        }
        let index = Dictionary(uniqueKeysWithValues: outcomes.enumerated().map { ($1.id, $0) })
        for row in try Row.fetchAll(db, sql: "SELECT outcome_id, at, value, member_id FROM outcome_value ORDER BY outcome_id, seq") {
            if let i = index[row[0]] {
                outcomes[i].history.append(OutcomeValue(at: date(millis: row[1]), value: row[2], by: row[3]))
            }
        }
        return outcomes
    }

    static func stats(_ db: Database) throws -> [StageID: StageStats] {
        var stats: [StageID: StageStats] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT stage_id, SUM(archived = 0), COUNT(*), MIN(position), MAX(position) FROM item GROUP BY stage_id
            """) {
            stats[row[0]] = StageStats(open: row[1], total: row[2], minPosition: row[3], maxPosition: row[4])
        }
        return stats
    }

    static func meta(_ db: Database, _ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
    }

    static func event(_ row: Row) -> Event {
        let draft = EventDraft(EventKind(rawValue: row["kind"]) ?? .itemEdited, item: row["item_number"],
                               entity: (row["entity"] as String?).flatMap(EntityKind.init), entityID: row["entity_id"],
                               field: row["field"], before: row["before"], after: row["after"])
        return Event(seq: row["seq"], at: date(millis: row["at"]), account: row["account"], member: row["member_id"], change: draft)
    }

    static func comment(_ row: Row) -> Comment {
        Comment(id: row["id"], item: row["item_number"], author: row["member_id"], account: row["account"],
                at: date(millis: row["at"]), text: row["text"])
    }
}
