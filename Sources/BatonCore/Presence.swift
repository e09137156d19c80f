import Foundation

/// One open session on the board: who, where, and what they are looking at or editing.
public struct Presence: Codable, Equatable, Sendable {
    /// Unique per running session (`host:pid:start`).
    public var session: String
    public var account: String
    public var member: MemberID?
    public var host: String
    public var pid: Int32
    public var terminal: String?
    /// The item the session has selected or open.
    public var focus: ItemNumber?
    /// The item whose text the session is editing.
    public var editing: ItemNumber?
    public var heartbeat: Date

    public init(
        session: String, account: String, member: MemberID?, host: String, pid: Int32, terminal: String?,
        focus: ItemNumber? = nil, editing: ItemNumber? = nil, heartbeat: Date
    ) {
        self.session = session
        self.account = account
        self.member = member
        self.host = host
        self.pid = pid
        self.terminal = terminal
        self.focus = focus
        self.editing = editing
        self.heartbeat = heartbeat
    }

    /// How often a session renews its presence.
    public static let heartbeatInterval: TimeInterval = 2
    /// A session whose heartbeat is older than this is gone (crashed, or its SSH connection dropped).
    public static let timeout: TimeInterval = 8

    /// The sessions still alive at `now`: a recent heartbeat, and on this host a running process.
    public static func live(_ sessions: [Presence], now: Date, host: String, isRunning: (Int32) -> Bool) -> [Presence] {
        sessions.filter { p in
            now.timeIntervalSince(p.heartbeat) <= timeout && (p.host != host || isRunning(p.pid))
        }
    }
}
