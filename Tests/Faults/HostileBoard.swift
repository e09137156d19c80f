import BatonTestSupport
import Foundation
import Testing

/// A board on which every piece of text people can write comes from the hostile corpus, written
/// with the sqlite3 tool past baton's checks: for entry i, item #i+1 (title, notes, a blocked
/// reason on every fifth, a comment, its history), member i+2 (name; every other one also its
/// handle), outcome i+1 (title, metric, unit) and one more stage; the first four stages, the
/// board's name and a finished stand-up carry corpus text too.
///
/// On PostgreSQL the file is then copied into a database (whose text holds no NUL: the copy
/// writes U+FFFD instead), and every command runs on that board.
struct HostileBoard {
    let box: Sandbox
    let corpus: [HostileText]
    /// The board in a database the file was copied to; nil: the file itself.
    let address: String?

    /// The plain handle of member i+2 for an even i (the odd ones have hostile handles).
    static func plainHandle(_ index: Int) -> String { "h\(index + 1)" }

    static func make(_ corpus: [HostileText] = HostileCorpus.all, on backend: Backend = .file) throws -> HostileBoard {
        let box = try Sandbox.withBoard(prefix: "baton-hostile")
        let sqlite = try #require(Paths.tool("sqlite3"), "the sqlite3 tool is needed to write hostile text")
        let written = try box.run(sqlite, [box.boardPath], stdin: script(corpus))
        try #require(written.status == 0, "sqlite3 failed: \(written.transcript)")
        try HostileBoard(box: box, corpus: corpus, address: nil).holdStandup()
        let address = try backend.address()
        if let address { try box.ok("copy", box.boardPath, address) }
        return HostileBoard(box: box, corpus: corpus, address: address)
    }

    /// `arguments` with the board's address, where it is in a database.
    func on(_ arguments: [String]) -> [String] { arguments + (address.map { ["--board", $0] } ?? []) }

    /// Runs baton with `arguments` on the board.
    func baton(_ arguments: [String]) throws -> CLIResult { try box.baton(on(arguments)) }

    /// What baton reads back of `text` on this board: a database holds U+FFFD for a NUL.
    func readBack(_ text: HostileText) -> String {
        address == nil ? text.readBack : text.readBack.replacingOccurrences(of: "\0", with: "\u{FFFD}")
    }

    /// A stand-up of two members with hostile names, in which a hostile item is blocked and expedited.
    private func holdStandup() throws {
        try box.ok("standup", "start", "--speaker", Self.plainHandle(0), "--speaker", Self.plainHandle(2))
        try box.ok("item", "block", "5", "waiting for the vendor")
        try box.ok("item", "expedite", "2")
        try box.ok("standup", "next")
        try box.ok("standup", "end")
    }

    static func script(_ corpus: [HostileText]) -> String {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        var sql = ["BEGIN;"]
        for (index, text) in corpus.enumerated() {
            sql += rows(for: text, index: index, now: now)
        }
        for (index, text) in corpus.prefix(4).enumerated() {
            sql.append("UPDATE stage SET name = \(text.sql) WHERE id = \(index + 1);")
        }
        sql.append("UPDATE meta SET value = \(corpus[min(1, corpus.count - 1)].sql) WHERE key = 'name';")
        sql.append("UPDATE meta SET value = '\(corpus.count + 1)' WHERE key = 'next_item';")
        sql.append("COMMIT;")
        return sql.joined(separator: "\n")
    }

    /// The rows of corpus entry `index`: a member, an outcome, an item in one of the first four
    /// stages (in the active one for 30 days), its owner, comment and history, and a stage.
    private static func rows(for text: HostileText, index: Int, now: Int64) -> [String] {
        let number = index + 1, member = index + 2, stage = index % 4 + 1
        let handle = index.isMultiple(of: 2) ? "'\(plainHandle(index))'" : text.sql
        let blocked = number.isMultiple(of: 5) ? "\(text.sql), \(now), 1" : "NULL, NULL, NULL"
        let since = stage == 3 ? now - 30 * 86_400_000 : now
        return [
            "INSERT INTO member (id, name, handle, discipline) VALUES (\(member), \(text.sql), \(handle), '\(index.isMultiple(of: 2) ? "business" : "it")');",
            "INSERT INTO outcome (id, title, metric, unit, baseline, target, current) VALUES (\(number), \(text.sql), \(text.sql), \(text.sql), 10, 3, 7);",
            """
            INSERT INTO item (number, title, notes, kind, outcome_id, expedite, blocked_reason, blocked_since, blocked_by, stage_id,
                position, revision, archived, created_by, created_at, updated_by, updated_at, stage_since)
            VALUES (\(number), \(text.sql), \(text.sql), 'work', \(number), 0, \(blocked), \(stage), \(index), 1, 0, 1, \(now), 1, \(now), \(since));
            """,
            "INSERT INTO item_member (item_number, member_id, role, ord) VALUES (\(number), \(member), 'owner', 0);",
            "INSERT INTO comment (item_number, member_id, account, at, text) VALUES (\(number), \(member), \(text.sql), \(now), \(text.sql));",
            "INSERT INTO event (at, account, member_id, kind, item_number, entity, entity_id, after) VALUES (\(now), \(text.sql), \(member), 'item.created', \(number), 'stage', \(stage), \(text.sql));",
            "INSERT INTO event (at, account, member_id, kind, item_number, after) VALUES (\(now), \(text.sql), \(member), 'comment.added', \(number), \(text.sql));",
            "INSERT INTO stage (id, name, role, position) VALUES (\(number + 4), \(text.sql), 'queue', \(number + 3));",
        ]
    }
}
