import Foundation
import Testing

/// Where a test's board lives, for the suites that run on both backends.
public enum Backend: String, CaseIterable, Sendable, CustomStringConvertible {
    /// The sandbox's board file.
    case file
    /// A board in a new database of the tests' PostgreSQL server.
    case postgres

    public var description: String { rawValue }

    /// The address of a board (not made yet) in a new database, or nil for the sandbox's file.
    public func address() throws -> String? {
        guard self == .postgres else { return nil }
        let server = try PostgresServer.shared.get()
        return server.connectionString(try server.database()) + " board=squad"
    }

    /// Makes the board a test's writers share in `box` and returns its address, or nil for the
    /// sandbox's own file (made by `Sandbox.withBoard`).
    public func board(in box: Sandbox, name: String = "Squad") throws -> String? {
        guard let address = try address() else { return nil }
        let made = try box.baton(["init", address, "--name", name])
        try #require(made.status == 0, "baton init \(address) failed: \(made.transcript)")
        return address
    }
}
