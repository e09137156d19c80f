import BatonCore
import Foundation
import GRDB

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
            let id = (try Int.fetchOne(db, sql: "SELECT MAX(id) FROM standup") ?? 0) + 1
            let standup = try Standup.start(
                id: id, facilitator: facilitator, participants: participants,
                turnLength: turnLength, at: now)
            try db.execute(
                sql: """
                    INSERT INTO standup (id, started_at, facilitator_id, account, turn_length, current_turn, paused, running_since, notes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
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
                sql: """
                    UPDATE standup SET facilitator_id = ?, turn_length = ?, current_turn = ?, paused = ?, running_since = ?, notes = ?
                    WHERE id = ?
                    """,
                arguments: [
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
            return try self.records(where: "1", arguments: [], db)
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
            let id = try Int.fetchOne(
                db, sql: "SELECT id FROM standup WHERE ended_at IS NOT NULL ORDER BY ended_at DESC, id DESC LIMIT 1")
            guard let id else { return nil }
            return try self.records(where: "id = ?", arguments: [id], db).first
        }
    }

    // MARK: Plumbing

    func runningStandup(_ db: Database) throws -> Standup? {
        guard try db.tableExists("standup") else { return nil }
        return try records(where: "ended_at IS NULL", arguments: [], db).first?.standup
    }

    private func requireRunning(_ id: StandupID, _ db: Database) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT ended_at FROM standup WHERE id = ?", arguments: [id]) else {
            throw BatonError.data("There is no stand-up \(id); `baton standup list` shows the stand-ups.")
        }
        if (row["ended_at"] as Int64?) != nil {
            throw BatonError.conflict("Stand-up \(id) has already ended (someone else ended it); nothing was changed.")
        }
    }

    private func requireMembers(_ ids: [MemberID], _ db: Database) throws {
        let known = Set(try RowReader.members(db).map(\.id))
        for id in ids where !known.contains(id) {
            throw BatonError.data("There is no member with id \(id); `baton member list` shows the members.")
        }
    }

    private func finish(_ standup: Standup, at now: Date, notes: String?, _ db: Database) throws -> StandupRecord {
        var ended = standup
        let now = wholeMillis(now)
        ended.end(at: now, notes: notes)
        let summary = try summary(of: ended, at: now, db)
        let json = String(decoding: try BoardStore.summaryEncoder.encode(summary), as: UTF8.self)
        try db.execute(
            sql: """
                UPDATE standup SET ended_at = ?, facilitator_id = ?, current_turn = NULL, paused = 0, running_since = NULL,
                    notes = ?, summary = ? WHERE id = ?
                """, arguments: [millis(ended.endedAt!), ended.facilitator, ended.notes, json, ended.id])
        try writeTurns(of: ended, db)
        return StandupRecord(standup: ended, summary: summary)
    }

    private func summary(of standup: Standup, at now: Date, _ db: Database) throws -> StandupSummary {
        let end = standup.endedAt ?? now
        let events = try RowReader.events(db, where: "at >= ? AND at <= ?", [millis(standup.startedAt), millis(end)])
        var numbers: [ItemNumber] = []
        for number in events.compactMap(\.change.item) where !numbers.contains(number) { numbers.append(number) }
        let board = try catalog(db, items: try items(numbers, db), stats: [:])
        var removed: [StageID: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT entity_id, before FROM event WHERE kind = 'stage.removed'") {
            if let id: Int = row[0], let name = row.optionalText(1) { removed[id] = name }
        }
        return StandupSummary.make(for: standup, events: events, board: board, removedStages: removed, at: now)
    }

    private func writeTurns(of standup: Standup, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM standup_turn WHERE standup_id = ?", arguments: [standup.id])
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO standup_turn (standup_id, ord, member_id, started_at, duration, overtime) VALUES (?, ?, ?, ?, ?, ?)
                """)
        for (ord, turn) in standup.turns.enumerated() {
            try insert.execute(arguments: [
                standup.id, ord, turn.speaker, turn.startedAt.map(millis),
                millis(seconds: turn.duration), millis(seconds: turn.overtime),
            ])
        }
    }

    private func records(where condition: String, arguments: StatementArguments, _ db: Database) throws
        -> [StandupRecord]
    {
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM standup WHERE \(condition) ORDER BY started_at DESC, id DESC",
            arguments: arguments)
        return try rows.map { row in
            let id: Int = row["id"]
            let turns = try Row.fetchAll(
                db, sql: "SELECT * FROM standup_turn WHERE standup_id = ? ORDER BY ord", arguments: [id]
            ).map { turn in
                StandupTurn(
                    speaker: turn["member_id"], startedAt: (turn["started_at"] as Int64?).map { date(millis: $0) },
                    duration: seconds(turn["duration"]), overtime: seconds(turn["overtime"]))
            }
            let standup = Standup(
                id: id, startedAt: date(millis: row["started_at"]),
                endedAt: (row["ended_at"] as Int64?).map { date(millis: $0) }, facilitator: row["facilitator_id"],
                turnLength: seconds(row["turn_length"]), turns: turns,
                current: (row["current_turn"] as Int?).flatMap { turns.indices.contains($0) ? $0 : nil },
                isPaused: row["paused"], runningSince: (row["running_since"] as Int64?).map { date(millis: $0) },
                notes: row.text("notes"))
            let summary = try (row["summary"] as String?).map {
                try BoardStore.summaryDecoder.decode(StandupSummary.self, from: Data($0.utf8))
            }
            return StandupRecord(standup: standup, summary: summary)
        }
    }

    /// Summaries are stored as compact JSON with times as in board documents.
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
