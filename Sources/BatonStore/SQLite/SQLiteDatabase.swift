import Foundation
import GRDB
import GRDBSQLite

/// The SQLite engine's `SQLDatabase`: GRDB's connection, with rows read straight from SQLite's
/// statement (GRDB's `Row` decodes every value through a generic path that costs several times
/// the read itself, which a 10,000-item board feels at every start).
struct SQLiteDatabase: SQLDatabase {
    let db: Database

    var dialect: SQLDialect { .sqlite }

    /// Writes run a few fixed statements many times: they are prepared once per connection.
    func execute(_ sql: String, _ arguments: [any SQLArgument]) throws {
        try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
    }

    /// Reads name their items and stages in the SQL, so each is prepared anew and not kept.
    func forEach(_ sql: String, _ arguments: [any SQLArgument], _ body: (any SQLRow) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(Self.arguments(arguments))
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code),
                    message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            try body(SQLiteRow(handle: handle))
        }
    }

    func tableExists(_ name: String) throws -> Bool { try db.tableExists(name) }

    private static func arguments(_ values: [any SQLArgument]) -> StatementArguments {
        StatementArguments(
            values.map { value -> DatabaseValue in
                switch value.sqlValue {
                case .null: return .null
                case .int(let number): return number.databaseValue
                case .double(let number): return number.databaseValue
                case .text(let text): return text.databaseValue
                }
            })
    }
}

/// The current row of a statement, read by column index.
struct SQLiteRow: SQLRow {
    let handle: OpaquePointer

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func value(_ column: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .int(int64(column))
        case SQLITE_FLOAT: return .double(double(column))
        default: return .text(optionalText(column) ?? "")
        }
    }

    /// TEXT ends at a NUL; a BLOB is read as UTF-8; a number is its digits.
    func optionalText(_ column: Int32) -> String? {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL: return nil
        case SQLITE_INTEGER: return String(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return String(sqlite3_column_double(handle, column))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count > 0, let bytes = sqlite3_column_blob(handle, column) else { return "" }
            return String(decoding: UnsafeRawBufferPointer(start: bytes, count: count), as: UTF8.self)
        default:
            guard let bytes = sqlite3_column_text(handle, column) else { return "" }
            let all = UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column)))
            return String(decoding: all.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
