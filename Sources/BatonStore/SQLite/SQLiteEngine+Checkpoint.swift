import BatonCore
import Foundation
import GRDB

extension SQLiteEngine {
    /// Refuses to write once the board or the files beside it were deleted or replaced.
    func refuseIfGone() throws {
        guard isStillThere else {
            throw BatonError(
                .io,
                "The board file \(path) or the files beside it were deleted or replaced while it was open; nothing was saved. Open the board again."
            )
        }
    }

    /// Checkpoints after a commit; throws when the board's files were replaced in between, as
    /// the change may then be lost with them and must not be reported as saved.
    func settleCommit() throws {
        guard checkpoint() else {
            throw BatonError(
                .io,
                "The files beside the board \(path) were deleted or replaced while saving, so the change may be lost; check the board and make it again if it is missing."
            )
        }
    }

    /// Copies what the WAL holds into the board file, waiting briefly for sessions in the way, so
    /// that an acknowledged change is in the board file itself and deleting the -wal beside it
    /// loses nothing. With `emptiesWAL` (a long-lived session), the WAL is emptied too, so that a
    /// board moved in over this one finds no frames of it to inherit. Returns false when the
    /// board's files were deleted or replaced first, so that the change went to files nobody uses.
    @discardableResult
    func checkpoint() -> Bool {
        // Frames in a -wal that was deleted or replaced are older than what others have written
        // since: copying them into the board would undo their changes.
        guard isStillThere else { return false }
        let deadline = Date().addingTimeInterval(0.5)
        var goal: Int?
        while Date() < deadline {
            // -1 frames: another session was checkpointing; look again.
            if let (log, copied) = checkpointOnce(), log >= 0 {
                goal = goal ?? log
                // Done when every frame there was at first is copied, or the WAL started over
                // (which it does only once all are).
                if copied >= goal! || log < goal! { break }
            }
            usleep(2_000)
        }
        return true
    }

    /// One checkpoint that never waits: the frames in the WAL and how many are in the board file.
    private func checkpointOnce() -> (log: Int, copied: Int)? {
        try? queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(BoardStore.connectionBusyTimeout * 1000))") }
            let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(\(emptiesWAL ? "TRUNCATE" : "PASSIVE"))")
            return (row?[1] ?? -1, row?[2] ?? -1)
        }
    }
}
