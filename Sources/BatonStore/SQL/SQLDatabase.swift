import Foundation

/// A value bound to a statement's parameter, whichever engine runs it.
enum SQLValue: Hashable, Sendable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
}

/// A Swift value that can be bound to a statement's parameter.
protocol SQLArgument {
    var sqlValue: SQLValue { get }
}

extension SQLValue: SQLArgument {
    var sqlValue: SQLValue { self }

    /// About how many bytes the value takes on the way to a server.
    var byteCount: Int {
        if case .text(let text) = self { return text.utf8.count }
        return 8
    }
}

extension Int: SQLArgument {
    var sqlValue: SQLValue { .int(Int64(self)) }
}

extension Int32: SQLArgument {
    var sqlValue: SQLValue { .int(Int64(self)) }
}

extension Int64: SQLArgument {
    var sqlValue: SQLValue { .int(self) }
}

extension Bool: SQLArgument {
    /// Flags are stored as 0 and 1 in both engines.
    var sqlValue: SQLValue { .int(self ? 1 : 0) }
}

extension Double: SQLArgument {
    var sqlValue: SQLValue { .double(self) }
}

extension String: SQLArgument {
    var sqlValue: SQLValue { .text(self) }
}

extension Optional: SQLArgument where Wrapped: SQLArgument {
    var sqlValue: SQLValue { map(\.sqlValue) ?? .null }
}

/// One row of a result, read by column position (much faster than by name).
protocol SQLRow {
    /// The integer in the column (0 for NULL; a flag is 0 or 1).
    func int64(_ column: Int32) -> Int64
    func double(_ column: Int32) -> Double
    func isNull(_ column: Int32) -> Bool
    /// The text in the column, nil for NULL: invalid UTF-8 is read with U+FFFD, a number as its
    /// digits, so that no value another tool wrote stops the program.
    func optionalText(_ column: Int32) -> String?
    /// The column's value as it is stored, whatever its type (for copying rows as they are).
    func value(_ column: Int32) -> SQLValue
}

extension SQLRow {
    func int(_ column: Int32) -> Int { Int(int64(column)) }
    func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : int(column) }
    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }
    func bool(_ column: Int32) -> Bool { int64(column) != 0 }
    /// The text in the column ("" for NULL).
    func text(_ column: Int32) -> String { optionalText(column) ?? "" }
}

/// A connection inside a read or a write transaction, whichever engine: the store's domain code
/// speaks only this. Statements use `?` for parameters and SQL that both engines understand;
/// what differs is asked of `dialect`.
protocol SQLDatabase {
    /// Runs a statement that returns no rows.
    func execute(_ sql: String, _ arguments: [any SQLArgument]) throws
    /// Calls `body` with each row of the statement's result, in order.
    func forEach(_ sql: String, _ arguments: [any SQLArgument], _ body: (any SQLRow) throws -> Void) throws
    /// Whether the board has the table (boards made by an older baton lack the newer ones).
    func tableExists(_ name: String) throws -> Bool
    var dialect: SQLDialect { get }
    /// Runs `reads`, which only reads, with its statements' answers asked for together where
    /// the board is a network away (`reads` may then run twice; it must have no other effects).
    func prefetched<T>(_ reads: (any SQLDatabase) throws -> T) throws -> T
}

extension SQLDatabase {
    /// A file answers each statement at once: nothing to gather.
    func prefetched<T>(_ reads: (any SQLDatabase) throws -> T) throws -> T { try reads(self) }

    func execute(_ sql: String) throws { try execute(sql, []) }

    /// Every row of the result, read with `read`.
    func map<T>(_ sql: String, _ arguments: [any SQLArgument] = [], _ read: (any SQLRow) throws -> T) throws -> [T] {
        var values: [T] = []
        try forEach(sql, arguments) { values.append(try read($0)) }
        return values
    }

    /// The first column of the first row, as an integer; nil when there is no row or it is NULL.
    func int(_ sql: String, _ arguments: [any SQLArgument] = []) throws -> Int? {
        var value: Int?
        try forEach(sql, arguments) { row in value = value ?? row.optionalInt(0) }
        return value
    }

    /// The first column of the first row, as text; nil when there is no row or it is NULL.
    func text(_ sql: String, _ arguments: [any SQLArgument] = []) throws -> String? {
        var value: String?
        try forEach(sql, arguments) { row in value = value ?? row.optionalText(0) }
        return value
    }

    /// Inserts a row, or replaces the one with the same `key` columns.
    func upsert(_ table: String, _ columns: [String], key: [String], _ arguments: [any SQLArgument]) throws {
        let updates = columns.filter { !key.contains($0) }.map { "\($0) = excluded.\($0)" }
        try execute(
            """
            INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders(columns.count)))
            ON CONFLICT (\(key.joined(separator: ", "))) DO UPDATE SET \(updates.joined(separator: ", "))
            """, arguments)
    }
}

/// `column IN (1, 2, 3)` for `numbers`, or `FALSE` for none (an empty `IN ()` is not SQL in
/// every engine).
func sqlIn(_ column: String, _ numbers: some Collection<Int>) -> String {
    numbers.isEmpty ? "FALSE" : "\(column) IN (\(numbers.map(String.init).joined(separator: ",")))"
}

/// `?, ?, ?` for `count` parameters.
func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

/// The SQL that differs between the engines.
struct SQLDialect: Sendable {
    /// An expression for the whole number a text column holds, NULL when it holds anything else.
    var wholeNumber: @Sendable (_ column: String) -> String
    /// Whether history entries record the database role that made them (`event.db_role`,
    /// which defaults to the role of the session that writes it); a board file has no roles.
    var recordsRoles: Bool
    /// Whether a text may hold a NUL character (PostgreSQL refuses one).
    var storesNUL: Bool

    static let sqlite = SQLDialect(
        wholeNumber: { column in
            "CASE WHEN \(column) <> '' AND \(column) NOT GLOB '*[^0-9]*' THEN CAST(\(column) AS INTEGER) END"
        }, recordsRoles: false, storesNUL: true)

    static let postgres = SQLDialect(
        wholeNumber: { column in "CASE WHEN \(column) ~ '^[0-9]{1,18}$' THEN CAST(\(column) AS BIGINT) END" },
        recordsRoles: true, storesNUL: false)

    /// The event columns as read: `RowReader.eventColumns`, then the role (NULL in a file).
    var eventSelection: String { RowReader.eventColumns + (recordsRoles ? ", db_role" : ", NULL") }
}
