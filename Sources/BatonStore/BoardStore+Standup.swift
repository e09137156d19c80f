import BatonCore
import Foundation

/// Stand-ups: starting one, passing the baton, ending it with its summary, and reading the record.
///
/// At most one stand-up runs at a time. Its row holds who facilitates, who has the baton and the
/// clock, so every session on the board can follow it: each change is an ordinary write, which
/// other sessions notice through `changeCounter()` (no history event is recorded, so a session that
/// follows a stand-up re-reads `runningStandup()` whenever the counter moves).
extension BoardStore {
    /// Starts a stand-up at `now` with the baton at the first of `participants` (in that order).
    ///
    /// Refuses, with a conflict error naming the facilitator, while another stand-up runs; refuses
    /// members that are not on the board and the cases `Standup.start` refuses.
    @discardableResult
    public func startStandup(
        facilitator: MemberID, participants: [MemberID],
        turnLength: TimeInterval = Standup.defaultTurnLength,
        by actor: Actor, at now: Date = Date()
    ) throws -> Standup {
        try refuseIfReadOnly()
        let now = wholeMillis(now)
        return try write { db in
            if let running = try self.runningStandup(db) {
                let name =
                    try RowReader.members(db).first { $0.id == running.facilitator }?.name
                    ?? "member \(running.facilitator)"
                throw BatonError.conflict(
                    "A stand-up is already running, facilitated by \(name); join it, or end it first (`baton standup end`)."
                )
            }
            try self.requireMembers([facilitator] + participants, db)
            let id = (try db.int("SELECT MAX(id) FROM standup") ?? 0) + 1
            let standup = try Standup.start(
                id: id, facilitator: facilitator, participants: participants,
                turnLength: turnLength, at: now)
            try db.execute(
                """
                INSERT INTO standup (id, started_at, facilitator_id, account, turn_length, current_turn, paused, running_since, notes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    id, millis(now), facilitator, actor.account, millis(seconds: turnLength), standup.current,
                    standup.isPaused, standup.runningSince.map(millis), standup.notes,
                ])
            try self.writeTurns(of: standup, db)
            return standup
        }
    }

    /// Stores the running state of `standup` (who has the baton, the clock, each turn's time,
    /// the facilitator and the notes), as the facilitator passes the baton or pauses.
    ///
    /// Refuses with a conflict error when that stand-up is no longer running (someone ended it).
    public func updateStandup(_ standup: Standup) throws {
        try refuseIfReadOnly()
        guard standup.isRunning else {
            throw BatonError.usage("Stand-up \(standup.id) is ended in this session; store it with endStandup instead.")
        }
        try write { db in
            try self.requireRunning(standup.id, db)
            try self.requireMembers([standup.facilitator] + standup.participants, db)
            try db.execute(
                """
                UPDATE standup SET facilitator_id = ?, turn_length = ?, current_turn = ?, paused = ?, running_since = ?, notes = ?
                WHERE id = ?
                """,
                [
                    standup.facilitator, millis(seconds: standup.turnLength), standup.current, standup.isPaused,
                    standup.runningSince.map(millis), standup.notes, standup.id,
                ])
            try self.writeTurns(of: standup, db)
        }
    }

    /// Ends `standup` (the facilitator's own copy, whose turns are the most recent) at `now`,
    /// works out its summary from the history of its time span, and stores both.
    ///
    /// `notes` replace the stand-up's notes when given. Refuses with a conflict error when that
    /// stand-up is no longer running.
    @discardableResult
    public func endStandup(_ standup: Standup, at now: Date = Date(), notes: String? = nil) throws -> StandupRecord {
        try refuseIfReadOnly()
        let notes = try notes.map { try TextRules.block($0, "notes", limitBytes: TextRules.maxNotes, allowEmpty: true) }
        return try write { db in
            try self.requireRunning(standup.id, db)
            return try self.finish(standup, at: now, notes: notes, db)
        }
    }

    /// Ends whichever stand-up runs, as stored, at `now` (for scripts, or when the facilitator's
    /// session is gone); `nil` when none runs.
    @discardableResult
    public func endRunningStandup(at now: Date = Date(), notes: String? = nil) throws -> StandupRecord? {
        try refuseIfReadOnly()
        let notes = try notes.map { try TextRules.block($0, "notes", limitBytes: TextRules.maxNotes, allowEmpty: true) }
        return try write { db in
            guard let running = try self.runningStandup(db) else { return nil }
            return try self.finish(running, at: now, notes: notes, db)
        }
    }

    /// Works out what the running `standup` would sum up to at `now`, without storing anything
    /// (for a summary shown before the facilitator confirms the end).
    public func standupSummary(of standup: Standup, at now: Date = Date()) throws -> StandupSummary {
        try read { db in try self.summary(of: standup, at: now, db) }
    }

    // MARK: Reading

    /// The stand-up running now, if any; `nil` too on a board of an older schema opened read-only.
    public func runningStandup() throws -> Standup? {
        try read { db in try self.runningStandup(db) }
    }

    /// Every stand-up, the most recent first, with the summaries of those that ended.
    public func standups() throws -> [StandupRecord] {
        try read { db in
            guard try db.tableExists("standup") else { return [] }
            return try self.records(where: "TRUE", arguments: [], db)
        }
    }

    /// The stand-up with this id, if there is one.
    public func standup(_ id: StandupID) throws -> StandupRecord? {
        try read { db in
            guard try db.tableExists("standup") else { return nil }
            return try self.records(where: "id = ?", arguments: [id], db).first
        }
    }

    /// The stand-up that ended last, if any: its end is where "since the last stand-up" starts.
    public func lastStandup() throws -> StandupRecord? {
        try read { db in
            guard try db.tableExists("standup") else { return nil }
            let id = try db.int(
                "SELECT id FROM standup WHERE ended_at IS NOT NULL ORDER BY ended_at DESC, id DESC LIMIT 1")
            guard let id else { return nil }
            return try self.records(where: "id = ?", arguments: [id], db).first
        }
    }

    // MARK: Plumbing

    func runningStandup(_ db: any SQLDatabase) throws -> Standup? {
        guard try db.tableExists("standup") else { return nil }
        return try records(where: "ended_at IS NULL", arguments: [], db).first?.standup
    }

    private func requireRunning(_ id: StandupID, _ db: any SQLDatabase) throws {
        let ended = try db.map("SELECT ended_at FROM standup WHERE id = ?", [id]) { !$0.isNull(0) }
        guard let ended = ended.first else {
            throw BatonError.data("There is no stand-up \(id); `baton standup list` shows the stand-ups.")
        }
        if ended {
            throw BatonError.conflict("Stand-up \(id) has already ended (someone else ended it); nothing was changed.")
        }
    }

    private func requireMembers(_ ids: [MemberID], _ db: any SQLDatabase) throws {
        let known = Set(try RowReader.members(db).map(\.id))
        for id in ids where !known.contains(id) {
            throw BatonError.data("There is no member with id \(id); `baton member list` shows the members.")
        }
    }

    private func finish(_ standup: Standup, at now: Date, notes: String?, _ db: any SQLDatabase) throws -> StandupRecord
    {
        var ended = standup
        let now = wholeMillis(now)
        ended.end(at: now, notes: notes)
        let summary = try summary(of: ended, at: now, db)
        let json = String(decoding: try BoardStore.summaryEncoder.encode(summary), as: UTF8.self)
        try db.execute(
            """
            UPDATE standup SET ended_at = ?, facilitator_id = ?, current_turn = NULL, paused = 0, running_since = NULL,
                notes = ?, summary = ? WHERE id = ?
            """, [millis(ended.endedAt!), ended.facilitator, ended.notes, json, ended.id])
        try writeTurns(of: ended, db)
        return StandupRecord(standup: ended, summary: summary)
    }

    private func summary(of standup: Standup, at now: Date, _ db: any SQLDatabase) throws -> StandupSummary {
        let end = standup.endedAt ?? now
        let events = try RowReader.events(db, where: "at >= ? AND at <= ?", [millis(standup.startedAt), millis(end)])
        var numbers: [ItemNumber] = []
        for number in events.compactMap(\.change.item) where !numbers.contains(number) { numbers.append(number) }
        let board = try catalog(db, items: try items(numbers, db), stats: [:])
        return StandupSummary.make(
            for: standup, events: events, board: board, removedStages: try removedStageNames(db), at: now)
    }

    private func writeTurns(of standup: Standup, _ db: any SQLDatabase) throws {
        try db.execute("DELETE FROM standup_turn WHERE standup_id = ?", [standup.id])
        for (ord, turn) in standup.turns.enumerated() {
            try db.execute(
                "INSERT INTO standup_turn (standup_id, ord, member_id, started_at, duration, overtime) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    standup.id, ord, turn.speaker, turn.startedAt.map(millis),
                    millis(seconds: turn.duration), millis(seconds: turn.overtime),
                ])
        }
    }

    private func records(where condition: String, arguments: [any SQLArgument], _ db: any SQLDatabase) throws
        -> [StandupRecord]
    {
        let columns = """
            id, started_at, ended_at, facilitator_id, turn_length, current_turn, paused, running_since, notes, summary
            """
        let sql = "SELECT \(columns) FROM standup WHERE \(condition) ORDER BY started_at DESC, id DESC"
        let rows = try db.map(sql, arguments) { row in
            (
                id: row.int(0), startedAt: date(millis: row.int64(1)), endedAt: row.optionalInt64(2).map(date(millis:)),
                facilitator: row.int(3), turnLength: seconds(row.int64(4)), current: row.optionalInt(5),
                paused: row.bool(6), runningSince: row.optionalInt64(7).map(date(millis:)), notes: row.text(8),
                summary: row.optionalText(9)
            )
        }
        return try rows.map { row in
            let turns = try self.turns(of: row.id, db)
            let standup = Standup(
                id: row.id, startedAt: row.startedAt, endedAt: row.endedAt, facilitator: row.facilitator,
                turnLength: row.turnLength, turns: turns,
                current: row.current.flatMap { turns.indices.contains($0) ? $0 : nil }, isPaused: row.paused,
                runningSince: row.runningSince, notes: row.notes)
            let summary = try row.summary.map {
                try BoardStore.summaryDecoder.decode(StandupSummary.self, from: Data($0.utf8))
            }
            return StandupRecord(standup: standup, summary: summary)
        }
    }

    private func turns(of standup: StandupID, _ db: any SQLDatabase) throws -> [StandupTurn] {
        try db.map(
            "SELECT member_id, started_at, duration, overtime FROM standup_turn WHERE standup_id = ? ORDER BY ord",
            [standup]
        ) { turn in
            StandupTurn(
                speaker: turn.int(0), startedAt: turn.optionalInt64(1).map(date(millis:)),
                duration: seconds(turn.int64(2)), overtime: seconds(turn.int64(3)))
        }
    }

    private static var summaryEncoder: JSONEncoder {
        let encoder = BoardDocument.encoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    private static var summaryDecoder: JSONDecoder { BoardDocument.decoder() }
}

/// `date` rounded to what the board stores, so that what a call returns equals what is read back.
private func wholeMillis(_ date: Date) -> Date { BatonStore.date(millis: millis(date)) }

/// A length of time as whole milliseconds, and back.
private func millis(seconds: TimeInterval) -> Int64 { Int64((seconds * 1000).rounded()) }
private func seconds(_ millis: Int64) -> TimeInterval { Double(millis) / 1000 }
