import BatonCore
import Foundation

/// Keeps this session's presence row up to date: a heartbeat every few seconds, and the
/// selected or edited item soon after it changes (at most a few writes a second).
final class PresenceKeeper {
    let session: String
    private let store: BoardService
    private let account: String
    private let host: String
    private let terminal: String?
    private var written: (focus: ItemNumber?, editing: ItemNumber?, member: MemberID?)?
    private var writtenAt = Date.distantPast
    private var wanted: (focus: ItemNumber?, editing: ItemNumber?, member: MemberID?) = (nil, nil, nil)
    /// The board file is gone: presence is never written again.
    private var gaveUp = false
    /// The last write failed: try again at the next heartbeat, not at once.
    private var failed = false
    /// The shortest gap between two writes caused by moving the selection.
    static let minimumGap: TimeInterval = 0.2

    init(store: BoardService, account: String) {
        self.store = store
        self.account = account
        host = ProcessInfo.processInfo.hostName
        terminal = ttyname(STDIN_FILENO).map { String(cString: $0) }
        session = "\(host):\(getpid()):\(Int(Date().timeIntervalSince1970 * 1000))"
    }

    /// Notes what the session now looks at; written by `flush` when due.
    func want(focus: ItemNumber?, editing: ItemNumber?, member: MemberID?) {
        wanted = (focus, editing, member)
    }

    /// Milliseconds until `flush` has something to do (a changed focus or the next heartbeat);
    /// a session that cannot write presence only wakes for the slow timer.
    func millisecondsUntilDue(_ now: Date) -> Int32 {
        guard !store.isReadOnly, !gaveUp else { return 1000 }
        let changed = written.map { $0 != wanted } ?? true
        let gap = changed && !failed ? PresenceKeeper.minimumGap : Presence.heartbeatInterval
        let due = writtenAt.addingTimeInterval(gap)
        return Int32(max(0, min(1000, due.timeIntervalSince(now) * 1000)))
    }

    /// Writes the presence row if it changed and the last write is long enough ago, or a heartbeat is due.
    /// Returns true when it wrote. A read-only board has no presence of its own.
    @discardableResult
    func flush(_ now: Date) -> Bool {
        guard !store.isReadOnly, millisecondsUntilDue(now) == 0 else { return false }
        guard store.isStillThere else {
            gaveUp = true
            return false
        }
        let row = Presence(
            session: session, account: account, member: wanted.member, host: host, pid: getpid(),
            terminal: terminal, focus: wanted.focus, editing: wanted.editing, heartbeat: now)
        // A failed write (a full disk, say) is tried again at the next heartbeat, not at once.
        writtenAt = now
        failed = (try? store.updatePresence(row)) == nil
        guard !failed else { return false }
        written = wanted
        return true
    }

    /// The sessions that have the board open now, this one included.
    func live(_ now: Date) -> [Presence] {
        let all = (try? store.presence()) ?? []
        return Presence.live(all, now: now, host: host) { pid in kill(pid, 0) == 0 || errno == EPERM }
    }

    /// Removes this session from the presence list as it ends.
    func leave() {
        guard store.isStillThere else { return }
        try? store.removePresence(session: session)
    }
}
