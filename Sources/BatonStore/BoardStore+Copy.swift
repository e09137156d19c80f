import BatonCore
import Foundation

/// The tables that make a board, parents before children, with the columns both engines have.
/// Presence is left out: it belongs to the sessions open on a board, not to the board.
enum BoardTables {
    static let all: [(name: String, columns: String)] = [
        ("meta", "key, value"),
        ("stage", "id, name, role, wip_limit, position"),
        ("member", "id, name, handle, discipline, login"),
        ("outcome", "id, title, metric, unit, baseline, target, current, target_date"),
        ("outcome_value", "outcome_id, seq, at, value, member_id"),
        ("item", RowReader.itemColumns),
        ("item_member", "item_number, member_id, role, ord"),
        ("comment", RowReader.commentColumns),
        ("event", RowReader.eventColumns),
        (
            "standup",
            "id, started_at, ended_at, facilitator_id, account, turn_length, current_turn, paused, running_since, notes, summary"
        ),
        ("standup_turn", "standup_id, ord, member_id, started_at, duration, overtime"),
    ]

    /// Values bound per statement when rows are copied: well within SQLite's limit (32,766) and
    /// PostgreSQL's (65,535), and few enough round trips to a distant server.
    static let valuesPerStatement = 4_000

    /// The columns to read from `source` and to write in `target`: the table's own, and for the
    /// history the database role too when `target` records roles (none, from a file).
    static func columns(
        of table: (name: String, columns: String), from source: any SQLDatabase, to target: any SQLDatabase
    ) -> (read: String, write: String) {
        guard table.name == "event", target.dialect.recordsRoles else { return (table.columns, table.columns) }
        return (source.dialect.eventSelection, table.columns + ", db_role")
    }

    /// Copies every row of `table` from `source` to `target` as it is stored, many rows per
    /// statement; `copied` hears how many rows each statement wrote. A NUL character in a text
    /// that `target` cannot store (another tool wrote it in a file) becomes U+FFFD, and `replaced`
    /// hears of each such value.
    static func copy(
        _ table: (name: String, columns: String), from source: any SQLDatabase, to target: any SQLDatabase,
        copied: (Int) -> Void, replaced: () -> Void
    ) throws {
        let (read, write) = columns(of: table, from: source, to: target)
        let width = write.split(separator: ",").count
        let rowsPerStatement = max(1, valuesPerStatement / width)
        var batch: [SQLValue] = []
        func flush() throws {
            guard !batch.isEmpty else { return }
            let rows = batch.count / width
            let values = Array(repeating: "(\(placeholders(width)))", count: rows).joined(separator: ", ")
            try target.execute("INSERT INTO \(table.name) (\(write)) VALUES \(values)", batch)
            batch.removeAll(keepingCapacity: true)
            copied(rows)
        }
        let storesNUL = target.dialect.storesNUL
        try source.forEach("SELECT \(read) FROM \(table.name)", []) { row in
            for column in 0..<width {
                let value = row.value(Int32(column))
                guard !storesNUL, case .text(let text) = value, text.utf8.contains(0) else {
                    batch.append(value)
                    continue
                }
                batch.append(.text(text.replacingOccurrences(of: "\0", with: "\u{FFFD}")))
                replaced()
            }
            if batch.count >= rowsPerStatement * width { try flush() }
        }
        try flush()
    }
}

/// A board copied by `BoardStore.copy(to:progress:)`.
public struct CopiedBoard {
    /// The new board.
    public var board: BoardStore
    /// How many rows each table held (`item`, `comment`, `event`, `standup` …).
    public var rows: [String: Int]
    /// How many texts held a NUL character, which a database cannot store: each was copied with
    /// U+FFFD in its place.
    public var nulTexts: Int
}

extension BoardStore {
    /// Copies the whole board, with its history, comments and stand-ups, to a new board at
    /// `destination` (a file or a database address; never one that exists). One snapshot is
    /// read, and the copy appears complete or not at all. `progress` hears the rows copied so
    /// far and the rows in all; it is called at the start and after each batch.
    public func copy(to destination: String, progress: Progress = { _, _ in }) throws -> CopiedBoard {
        try read { source in
            let tables = try BoardTables.all.filter { try source.tableExists($0.name) }
            var rows: [String: Int] = [:]
            for table in tables { rows[table.name] = try source.int("SELECT COUNT(*) FROM \(table.name)") ?? 0 }
            let total = rows.values.reduce(0, +)
            var done = 0, nulTexts = 0
            progress(0, total)
            let copy = try Self.make(destination) { target in
                for table in tables {
                    try BoardTables.copy(table, from: source, to: target) { rows in
                        done += rows
                        progress(done, total)
                    } replaced: {
                        nulTexts += 1
                    }
                }
            }
            return CopiedBoard(board: copy, rows: rows, nulTexts: nulTexts)
        }
    }
}
