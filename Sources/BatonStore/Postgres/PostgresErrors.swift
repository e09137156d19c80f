import BatonCore
import Foundation

/// What PostgreSQL and libpq report, said in one sentence that names the board and what to do;
/// never the server's own words, which may be in another language or name internals.
enum PostgresErrors {
    static func translate(_ error: PostgresError, address: PostgresAddress) -> BatonError {
        let board = address.description
        switch error.state {
        case "28P01", "28000":
            return BatonError(
                .permission,
                "The database refused the login for \(board); check the user and password (~/.pgpass or PGPASSWORD) and that pg_hba.conf lets you in."
            )
        case "3D000":
            return BatonError(
                .noBoard,
                "The database named in \(board) does not exist; create it first (createdb), then `baton init` the board there."
            )
        case "42501":
            return BatonError(
                .permission,
                "The database role may not change the board \(board); nothing was changed. Ask the database's owner to grant your role write access."
            )
        case "40001", "40P01", "55P03":
            return BatonError(
                .conflict, "The board \(board) was busy with another change; nothing was changed. Try again.")
        case "53100":
            return BatonError(.io, "The database server of \(board) has run out of disk space; nothing was saved.")
        default:
            if error.isConnectionProblem {
                return BatonError(
                    .io,
                    "The database server cannot be reached (\(reason(error))), so nothing was saved; check that it is running and reachable from here: \(board)."
                )
            }
            return BatonError(
                .io,
                "The database refused a statement on the board \(board) (SQLSTATE \(error.state ?? "none")); nothing was changed. Run `baton check` on the board."
            )
        }
    }

    /// A short, plain reason for a failed connection, from libpq's message.
    private static func reason(_ error: PostgresError) -> String {
        let message = error.message.lowercased()
        if message.contains("refused") { return "connection refused" }
        if message.contains("no such file") { return "no server listens there" }
        if message.contains("timeout") || message.contains("timed out") { return "no answer in time" }
        if message.contains("could not translate host name") { return "unknown host name" }
        if message.contains("terminat") || message.contains("shut") { return "the server closed the connection" }
        return "the connection failed"
    }
}
