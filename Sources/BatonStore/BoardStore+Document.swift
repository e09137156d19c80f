import BatonCore
import Foundation

extension BoardStore {
    /// The whole board, its comments and its history, read in one consistent snapshot.
    /// `progress` hears the rows read so far (items, comments, history entries) and in all.
    public func exportDocument(progress: Progress = { _, _ in }) throws -> BoardDocument {
        try read { db in
            let counts = try db.prefetched { db in
                try ["item", "comment", "event"].map { try db.int("SELECT COUNT(*) FROM \($0)") ?? 0 }
            }
            let total = counts.reduce(0, +)
            progress(0, total)
            let board = try loadBoard(db)
            progress(counts[0], total)
            let comments = try allComments(db)
            progress(counts[0] + counts[1], total)
            let events = try RowReader.events(db, where: "TRUE")
            progress(total, total)
            return BoardDocument(board: board, comments: comments, events: events)
        }
    }

    /// Hears how far long work is: units done so far, and in all.
    public typealias Progress = (_ done: Int, _ total: Int) -> Void

    /// Replaces an empty board (one without items, such as a fresh `init`) with the document's
    /// stages, members, outcomes, items, comments and history, in one transaction. `progress`
    /// hears the rows written so far (items, comments, history entries) and in all.
    public func importDocument(_ document: BoardDocument, progress: Progress = { _, _ in }) throws {
        try refuseIfReadOnly()
        let problems = document.problems()
        guard problems.isEmpty else {
            throw BatonError.data(
                "The document cannot be imported: \(problems.first!)"
                    + (problems.count > 1 ? " (and \(problems.count - 1) more problems)" : ""))
        }
        try write { db in
            let count = try db.int("SELECT COUNT(*) FROM item") ?? 0
            guard count == 0 else {
                throw BatonError.data(
                    "The board \(self.path) already has \(count) items; import only into a board without items, such as a new one from `baton init`."
                )
            }
            for table in [
                "event", "comment", "item_member", "item", "outcome_value", "outcome", "member", "stage", "meta",
            ] {
                try db.execute("DELETE FROM \(table)")
            }
            let total = document.board.items.count + document.comments.count + document.events.count
            var done = 0
            func counted() {
                done += 1
                progress(done, total)
            }
            progress(0, total)
            try RowWriter.saveContents(of: document.board, db, afterItem: counted)
            for comment in document.comments {
                try RowWriter.insert(comment, db)
                counted()
            }
            for event in document.events {
                try RowWriter.insert(event, db)
                counted()
            }
        }
    }

    /// Every problem with the board: SQLite integrity, references, and the board's invariants.
    public func check() throws -> [String] {
        try read { db in
            // Damaged storage may not be readable; report the damage rather than fail on it.
            let damage = try engine.damage(db)
            if !damage.unreadable.isEmpty { return damage.unreadable }
            var problems = damage.problems
            let board = try self.loadBoard(db)
            problems += Invariants.check(board)
            var counts: [ItemNumber: Int] = [:]
            try db.forEach(
                "SELECT item_number, COUNT(*) FROM event WHERE kind = 'item.created' GROUP BY item_number", []
            ) { row in counts[row.int(0)] = row.int(1) }
            for number in board.items.keys.sorted() where counts[number] != 1 {
                problems.append(
                    "Item #\(number) has \(counts[number] ?? 0) creation events in the history instead of 1.")
            }
            return problems
        }
    }
}
