import BatonCore
import Foundation

extension BoardStore {
    /// Records or renews a session's presence. Presence is not history: no event, and it is
    /// written without waiting for the disk (losing it in a crash is harmless).
    public func updatePresence(_ presence: Presence) throws {
        try refuseIfReadOnly()
        try engine.quickWrite { db in
            try db.upsert(
                "presence", Self.presenceColumns, key: ["session"],
                [
                    presence.session, presence.account, presence.member, presence.host, presence.pid,
                    presence.terminal, presence.focus, presence.editing, millis(presence.heartbeat),
                ])
        }
    }

    /// Removes a session's presence, as it ends.
    public func removePresence(session: String) throws {
        guard !isReadOnly else { return }
        try engine.quickWrite { db in try db.execute("DELETE FROM presence WHERE session = ?", [session]) }
    }

    /// Every recorded session, live or not; `Presence.live` tells which still count.
    public func presence() throws -> [Presence] {
        try read { db in
            guard try db.tableExists("presence") else { return [] }
            let columns = Self.presenceColumns.joined(separator: ", ")
            return try db.map("SELECT \(columns) FROM presence ORDER BY session") { row in
                Presence(
                    session: row.text(0), account: row.text(1), member: row.optionalInt(2), host: row.text(3),
                    pid: Int32(truncatingIfNeeded: row.int64(4)), terminal: row.optionalText(5),
                    focus: row.optionalInt(6), editing: row.optionalInt(7), heartbeat: date(millis: row.int64(8)))
            }
        }
    }

    private static let presenceColumns = [
        "session", "account", "member_id", "host", "pid", "terminal", "focus_item", "editing_item", "heartbeat_at",
    ]
}
