import BatonCore
import Foundation

/// Writes model values to rows.
enum RowWriter {
    static func setMeta(_ db: any SQLDatabase, _ key: String, _ value: String) throws {
        try db.upsert("meta", ["key", "value"], key: ["key"], [key, value])
    }

    static func save(_ item: Item, _ db: any SQLDatabase) throws {
        try db.upsert(
            "item", RowReader.itemColumnList, key: ["number"],
            [
                item.number, item.title, item.notes, item.kind.rawValue, item.outcome, item.due?.description,
                item.expedite, item.blocked?.reason, item.blocked.map { millis($0.since) }, item.blocked?.by,
                item.stage, item.position, item.revision, item.archived, item.createdBy, millis(item.createdAt),
                item.updatedBy, millis(item.updatedAt), millis(item.stageSince),
            ])
        try db.execute("DELETE FROM item_member WHERE item_number = ?", [item.number])
        let people = item.owners.map { ($0, Involvement.owner) } + item.involved.map { ($0, Involvement.involved) }
        for (ord, (member, role)) in people.enumerated() {
            try db.execute(
                "INSERT INTO item_member (item_number, member_id, role, ord) VALUES (?, ?, ?, ?)",
                [item.number, member, role.rawValue, ord])
        }
    }

    static func save(_ stage: Stage, _ db: any SQLDatabase) throws {
        try db.upsert(
            "stage", ["id", "name", "role", "wip_limit", "position"], key: ["id"],
            [stage.id, stage.name, stage.role.rawValue, stage.wipLimit, stage.position])
    }

    static func save(_ member: Member, _ db: any SQLDatabase) throws {
        try db.upsert(
            "member", ["id", "name", "handle", "discipline", "login"], key: ["id"],
            [member.id, member.name, member.handle, member.discipline.rawValue, member.login])
    }

    static func save(_ outcome: Outcome, _ db: any SQLDatabase) throws {
        try db.upsert(
            "outcome", ["id", "title", "metric", "unit", "baseline", "target", "current", "target_date"], key: ["id"],
            [
                outcome.id, outcome.title, outcome.metric, outcome.unit, outcome.baseline,
                outcome.target, outcome.current, outcome.targetDate?.description,
            ])
    }

    static func append(_ value: OutcomeValue, to outcome: OutcomeID, seq: Int, _ db: any SQLDatabase) throws {
        try db.execute(
            "INSERT INTO outcome_value (outcome_id, seq, at, value, member_id) VALUES (?, ?, ?, ?, ?)",
            [outcome, seq, millis(value.at), value.value, value.by])
    }

    static func insert(_ comment: Comment, _ db: any SQLDatabase) throws {
        try db.execute(
            "INSERT INTO comment (\(RowReader.commentColumns)) VALUES (?, ?, ?, ?, ?, ?)",
            [comment.id, comment.item, comment.author, comment.account, millis(comment.at), comment.text])
    }

    /// Stores `event`, with its database role where roles are recorded.
    static func insert(_ event: Event, _ db: any SQLDatabase) throws {
        let keepsRole = db.dialect.recordsRoles
        var values: [any SQLArgument] = [
            event.seq, millis(event.at), event.account, event.member, event.change.kind.rawValue, event.change.item,
            event.change.entity?.rawValue, event.change.entityID, event.change.field, event.change.before,
            event.change.after,
        ]
        if keepsRole { values.append(event.role) }
        try db.execute(
            "INSERT INTO event (\(RowReader.eventColumns)\(keepsRole ? ", db_role" : "")) VALUES (\(placeholders(values.count)))",
            values)
    }

    /// Writes a whole board into empty tables: name, stages, members, outcomes with their
    /// history, and items (calling `afterItem` after each).
    static func saveContents(of board: Board, _ db: any SQLDatabase, afterItem: () -> Void = {}) throws {
        try setMeta(db, "name", board.name)
        try setMeta(db, "next_item", String(board.nextItemNumber))
        for stage in board.stages { try save(stage, db) }
        for member in board.members { try save(member, db) }
        for outcome in board.outcomes {
            try save(outcome, db)
            for (index, value) in outcome.history.enumerated() { try append(value, to: outcome.id, seq: index + 1, db) }
        }
        for item in board.items.values.sorted(by: { $0.number < $1.number }) {
            try save(item, db)
            afterItem()
        }
    }

    /// Writes every part of `board` that `change` touched, then the comment, if any, as `commentID`.
    static func write(
        _ change: Change, of board: Board, by actor: Actor, at now: Date, commentID: Int, _ db: any SQLDatabase
    ) throws -> Comment? {
        for part in change.touched {
            switch part {
            case .item(let n): if let item = board.items[n] { try save(item, db) }
            case .stage(let id): if let stage = board.stage(id) { try save(stage, db) }
            case .stageRemoved(let id):
                try db.execute("DELETE FROM stage WHERE id = ?", [id])
            case .member(let id): if let member = board.member(id) { try save(member, db) }
            case .outcome(let id): if let outcome = board.outcome(id) { try save(outcome, db) }
            case .outcomeValue(let id):
                if let outcome = board.outcome(id), let last = outcome.history.last {
                    try save(outcome, db)
                    try append(last, to: id, seq: outcome.history.count, db)
                }
            case .boardName: try setMeta(db, "name", board.name)
            }
        }
        if change.createdItem != nil { try setMeta(db, "next_item", String(board.nextItemNumber)) }
        guard let (number, text) = change.comment else { return nil }
        let comment = Comment(
            id: commentID, item: number, author: actor.member, account: actor.account, at: now, text: text)
        try insert(comment, db)
        return comment
    }
}
