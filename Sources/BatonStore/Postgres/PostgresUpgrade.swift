import BatonCore
import Foundation

extension PostgresEngine {
    /// Brings the tables of the board at `address` from the version the catalog records up to
    /// this build's, with the steps of `PostgresSchema`, as one transaction under the database's
    /// baton lock: sessions that open an old board at the same moment upgrade it once. A role
    /// that may not change the board's schema is told who can.
    static func upgrade(_ connection: PostgresConnection, _ address: PostgresAddress) throws {
        let schema = PostgresSchema.schemaName(of: address.board)
        do {
            try translating(address) {
                let db = PostgresDatabase(connection: connection)
                try committing(db, begin: ["BEGIN"]) { _ in
                    try db.execute("SELECT pg_advisory_xact_lock(hashtext('baton'))")
                    let sql = "SELECT version FROM baton.board WHERE name = ?"
                    let found = try db.int(sql, [address.board]) ?? PostgresSchema.version
                    guard found < PostgresSchema.version else { return }
                    try db.script(PostgresSchema.upgrade(schema, from: found))
                    try db.execute(
                        "UPDATE baton.board SET version = ? WHERE name = ?", [PostgresSchema.version, address.board])
                }
            }
        } catch let error as BatonError where error.category == .permission {
            throw BatonError(
                .permission,
                "The board \(address) was made by an older baton and must be upgraded before this one can open it, which your database role may not do; ask the role that owns the schema \(schema) to open it once with this baton."
            )
        }
    }
}
