import Foundation
import Synchronization

/// Wakes a session when another one commits to a board in a database: a connection of its own
/// LISTENs on the board's channel, and its socket goes into the loop's `poll`. When the server
/// goes away it connects again by itself, waiting longer after each failed attempt, and then
/// says that changes may have been missed meanwhile.
final class PostgresListener: ChangeSignal {
    private let address: PostgresAddress
    private let channel: String
    /// The server process of the session's own connection, whose notifications are not news.
    private let ownProcess: () -> Int32
    private var connection: PostgresConnection? {
        didSet { connected.store(connection != nil, ordering: .relaxed) }
    }
    /// Whether `connection` is up, for a thread other than the one that drains (`isConnected`).
    private let connected = Atomic(false)
    private var retry = Backoff()

    init(address: PostgresAddress, channel: String, ownProcess: @escaping () -> Int32) {
        self.address = address
        self.channel = channel
        self.ownProcess = ownProcess
        connection = try? listening()
        connected.store(connection != nil, ordering: .relaxed)
        if connection == nil { retry.failed(at: Date()) }
    }

    var descriptor: Int32 { connection?.socket ?? -1 }
    var firesOnlyAfterCommits: Bool { true }

    /// Whether the listening connection is up (false while the server cannot be reached); may
    /// be asked from any thread.
    var isConnected: Bool { connected.load(ordering: .relaxed) }

    func drain(ready: Bool) -> Bool {
        guard let connection else { return reconnectIfDue() }
        guard ready else { return false }
        do {
            let own = ownProcess()
            return try connection.notifications().contains { $0.process != own }
        } catch {
            // The server went away: the store is asked at once (and says so), then the
            // connection is tried again after a pause.
            self.connection = nil
            retry.failed(at: Date())
            return true
        }
    }

    func timeout(_ longest: Int32) -> Int32 {
        connection == nil ? min(longest, retry.milliseconds(from: Date())) : longest
    }

    /// Tries to listen again when the pause is over; true when it worked (changes may have
    /// been missed while nobody listened).
    private func reconnectIfDue() -> Bool {
        let now = Date()
        guard retry.isDue(now) else { return false }
        do {
            connection = try listening()
            retry.succeeded()
            return true
        } catch {
            retry.failed(at: now)
            return false
        }
    }

    private func listening() throws -> PostgresConnection {
        let fresh = try PostgresEngine.connect(address)
        try fresh.execute("LISTEN \(channel)")
        return fresh
    }
}

/// The pause between attempts to reach a server that went away: a quarter of a second at
/// first, doubling after each failure up to eight seconds.
struct Backoff {
    static let first: TimeInterval = 0.25
    static let longest: TimeInterval = 8
    private var delay = Backoff.first
    /// When the next attempt is due; nil while nothing failed.
    private(set) var nextAttempt: Date?

    mutating func failed(at now: Date) {
        nextAttempt = now.addingTimeInterval(delay)
        delay = min(delay * 2, Self.longest)
    }

    mutating func succeeded() {
        delay = Self.first
        nextAttempt = nil
    }

    func isDue(_ now: Date) -> Bool { nextAttempt.map { now >= $0 } ?? true }

    /// Milliseconds from `now` until the next attempt is due (0 when it is).
    func milliseconds(from now: Date) -> Int32 {
        guard let nextAttempt else { return 0 }
        return Int32(max(0, min(nextAttempt.timeIntervalSince(now) * 1000, Self.longest * 1000)).rounded(.up))
    }
}
