import BatonCore
import Foundation

/// One board in a database's catalog, as `baton boards` lists it.
public struct DatabaseBoard: Codable, Equatable, Sendable {
    /// The name in `board=NAME`.
    public var name: String
    /// The board's own name (what its header shows); nil when the role may not read it.
    public var title: String?
    /// Items not archived; nil when the role may not read the board.
    public var items: Int?
    public var createdAt: Date
    /// The database role that created it.
    public var createdBy: String
    public var mayRead: Bool
    public var mayWrite: Bool
}

extension BoardStore {
    /// The boards in the database `address` names (its board, if any, is left aside), sorted by
    /// name; none when no board was ever made there.
    public static func boards(in address: String) throws -> [DatabaseBoard] {
        guard PostgresAddress.isAddress(address) else {
            throw BatonError.usage(
                "\(address) is not a database address; give one such as postgres://HOST/DB (a board file holds one board)."
            )
        }
        return try PostgresEngine.boards(in: try PostgresAddress(address))
    }
}

extension PostgresEngine {
    /// Every board in the catalog of `address`'s database, with what the role may do with it.
    static func boards(in address: PostgresAddress) throws -> [DatabaseBoard] {
        let connection = try connect(address)
        return try translating(address) {
            let db = PostgresDatabase(connection: connection)
            guard try db.int("SELECT count(*) FROM pg_namespace WHERE nspname = 'baton'") == 1 else { return [] }
            let sql = """
                SELECT name, schema_name, created_at, created_by, may_read, may_read AND has_table_privilege(schema_name || '.item', 'INSERT')
                FROM (SELECT *, has_schema_privilege(schema_name, 'USAGE') AND has_table_privilege(schema_name || '.item', 'SELECT')
                                AND has_table_privilege(schema_name || '.meta', 'SELECT') AS may_read
                      FROM baton.board) AS boards
                ORDER BY name
                """
            var boards = try db.map(sql) { row in
                (
                    schema: row.text(1),
                    board: DatabaseBoard(
                        name: row.text(0), title: nil, items: nil, createdAt: date(millis: row.int64(2)),
                        createdBy: row.text(3), mayRead: row.bool(4), mayWrite: row.bool(5))
                )
            }
            for index in boards.indices where boards[index].board.mayRead {
                let schema = boards[index].schema
                boards[index].board.title = try db.text("SELECT value FROM \(schema).meta WHERE key = 'name'")
                boards[index].board.items = try db.int("SELECT count(*) FROM \(schema).item WHERE archived = 0")
            }
            return boards.map(\.board)
        }
    }
}
