import Foundation
import GRDB
import GRDBSQLite

/// Rows read straight from SQLite's statement, for the queries that read a whole board or its
/// history: GRDB's `Row` decodes every value through a generic path that costs several times
/// the read itself, which a 10,000-item board feels at every start.
struct RawRows {
    private let statement: Statement
    private let db: Database

    init(_ db: Database, sql: String, arguments: StatementArguments = []) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
    }

    /// Calls `body` with each row, in order.
    func forEach(_ body: (RawRow) throws -> Void) throws {
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
            try body(RawRow(handle: handle))
        }
    }

    /// Every row read with `read`, in order.
    func map<T>(_ read: (RawRow) -> T) throws -> [T] {
        var values: [T] = []
        try forEach { values.append(read($0)) }
        return values
    }
}

/// The current row of a `RawRows`, read by column index.
struct RawRow {
    let handle: OpaquePointer

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : int(column) }

    func bool(_ column: Int32) -> Bool { sqlite3_column_int64(handle, column) != 0 }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    /// The text in the column, whatever SQLite holds there ("" for NULL), read as every other
    /// column is (`Row.text`): bytes that are not UTF-8 become U+FFFD, TEXT ends at a NUL, a
    /// number is its digits.
    func text(_ column: Int32) -> String { optionalText(column) ?? "" }

    /// The text in the column (as `text(_:)`), or nil for NULL.
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
