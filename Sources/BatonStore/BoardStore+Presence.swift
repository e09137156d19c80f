import BatonCore
import Foundation
import GRDB

extension BoardStore {
    /// Records or renews a session's presence. Presence is not history: no event, and it is
    /// written without waiting for the disk (losing it in a crash is harmless).
    public func updatePresence(_ presence: Presence) throws {
        try refuseIfReadOnly()
        try quickWrite { db in
            try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO presence (session, account, member_id, host, pid, terminal, focus_item, editing_item, heartbeat_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                presence.session, presence.account, presence.member, presence.host, presence.pid,
                presence.terminal, presence.focus, presence.editing, millis(presence.heartbeat),
            ])
        }
    }

    /// Removes a session's presence, as it ends.
    public func removePresence(session: String) throws {
        guard !isReadOnly else { return }
        try quickWrite { db in try db.execute(sql: "DELETE FROM presence WHERE session = ?", arguments: [session]) }
    }

    /// Every recorded session, live or not; `Presence.live` tells which still count.
    public func presence() throws -> [Presence] {
        try read { db in
            guard try db.tableExists("presence") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT * FROM presence ORDER BY session").map { row in
                Presence(
                    session: row.text("session"), account: row.text("account"), member: row["member_id"],
                    host: row.text("host"),
                    pid: row["pid"], terminal: row.optionalText("terminal"), focus: row["focus_item"],
                    editing: row["editing_item"],
                    heartbeat: date(millis: row["heartbeat_at"]))
            }
        }
    }

    /// A write with `synchronous = NORMAL`: committed, but not flushed to the disk at once.
    private func quickWrite(_ body: (Database) throws -> Void) throws {
        do {
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
                try db.inTransaction(.immediate) {
                    try body(db)
                    try refuseIfGone()
                    return .commit
                }
            }
            try settleCommit()
        } catch {
            throw StoreErrors.translate(error, path: path)
        }
    }
}
