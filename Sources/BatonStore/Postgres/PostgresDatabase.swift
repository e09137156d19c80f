import Foundation

/// The PostgreSQL engine's `SQLDatabase`: a connection inside a transaction, with the store's
/// `?` parameters numbered as PostgreSQL wants them (`$1`, `$2` …).
struct PostgresDatabase: SQLDatabase {
    let connection: PostgresConnection

    var dialect: SQLDialect { .postgres }

    func execute(_ sql: String, _ arguments: [any SQLArgument]) throws {
        try connection.query(Self.numbered(sql), arguments.map(\.sqlValue))
    }

    func forEach(_ sql: String, _ arguments: [any SQLArgument], _ body: (any SQLRow) throws -> Void) throws {
        let rows = try connection.query(Self.numbered(sql), arguments.map(\.sqlValue))
        for index in 0..<rows.count { try body(PostgresRow(rows: rows, index: index)) }
    }

    /// Tables live in the board's schema, which is first on the connection's search path.
    func tableExists(_ name: String) throws -> Bool {
        try int("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?", [name]) == 1
    }

    /// `sql` with each `?` outside quotes replaced by `$1`, `$2` … in order.
    static func numbered(_ sql: String) -> String {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                result.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                result.append(character)
            } else if character == "?" {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// One row of a PostgreSQL result.
struct PostgresRow: SQLRow {
    let rows: PostgresRows
    let index: Int

    func int64(_ column: Int32) -> Int64 { rows.optionalInt(index, column) ?? 0 }

    func double(_ column: Int32) -> Double { rows.optionalDouble(index, column) ?? 0 }

    func isNull(_ column: Int32) -> Bool { rows.isNull(index, column) }

    func optionalText(_ column: Int32) -> String? { rows.optionalText(index, column) }

    func value(_ column: Int32) -> SQLValue {
        if isNull(column) { return .null }
        switch rows.kind(of: column) {
        case .integer: return .int(int64(column))
        case .real: return .double(double(column))
        case .text: return .text(optionalText(column) ?? "")
        }
    }
}
