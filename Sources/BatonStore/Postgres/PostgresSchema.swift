import Foundation

/// A database's boards: a catalog in the schema `baton` (one row per board, the row every change
/// locks first by counting itself in `changes`), and each board's tables in a schema of its own, named after the board. The
/// tables are those of a board file, in PostgreSQL's types; flags stay 0 and 1 so that the store's
/// statements read the same on both engines.
enum PostgresSchema {
    /// The newest version of a board's schema this build knows (the same numbering as a file's).
    static var version: Int { steps.count }

    /// The board's schema step by step: step N makes version N of the one before, in the
    /// board's schema (first on the search path). Frozen once released: a change is a new step.
    static let steps = [version1, version2, version3]

    /// Creates the catalog if the database has none yet.
    static let catalog = """
        CREATE SCHEMA IF NOT EXISTS baton;
        CREATE TABLE IF NOT EXISTS baton.board (
            name TEXT PRIMARY KEY, schema_name TEXT NOT NULL UNIQUE, version INTEGER NOT NULL,
            created_at BIGINT NOT NULL, created_by TEXT NOT NULL, changes BIGINT NOT NULL DEFAULT 0);
        """

    /// The schema that holds the tables of the board called `board`.
    static func schemaName(of board: String) -> String { "board_\(board)" }

    /// Makes the schema `schema` with the board's tables at `version` (the newest by default).
    static func tables(in schema: String, version: Int = version) -> String {
        "CREATE SCHEMA \(schema);\n" + upgrade(schema, from: 0, to: version)
    }

    /// The steps that take the board's tables in `schema` from version `old` to `new`.
    static func upgrade(_ schema: String, from old: Int, to new: Int = version) -> String {
        "SET LOCAL search_path TO \(schema);\n" + steps[old..<new].joined(separator: "\n")
    }

    /// Version 1: the board, its items and people, comments and the history (which records
    /// each change's database role).
    private static let version1 = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE stage (
            id BIGINT PRIMARY KEY, name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('queue', 'active', 'done')),
            wip_limit BIGINT CHECK (wip_limit IS NULL OR wip_limit >= 1), position BIGINT NOT NULL);
        CREATE TABLE member (
            id BIGINT PRIMARY KEY, name TEXT NOT NULL, handle TEXT NOT NULL,
            discipline TEXT NOT NULL CHECK (discipline IN ('business', 'it')), login TEXT);
        CREATE UNIQUE INDEX member_handle ON member (lower(handle));
        CREATE UNIQUE INDEX member_login ON member (login) WHERE login IS NOT NULL;
        CREATE TABLE outcome (
            id BIGINT PRIMARY KEY, title TEXT NOT NULL, metric TEXT NOT NULL, unit TEXT NOT NULL,
            baseline DOUBLE PRECISION NOT NULL, target DOUBLE PRECISION NOT NULL,
            current DOUBLE PRECISION NOT NULL, target_date TEXT);
        CREATE TABLE outcome_value (
            outcome_id BIGINT NOT NULL REFERENCES outcome (id), seq BIGINT NOT NULL,
            at BIGINT NOT NULL, value DOUBLE PRECISION NOT NULL, member_id BIGINT,
            PRIMARY KEY (outcome_id, seq));
        CREATE TABLE item (
            number BIGINT PRIMARY KEY, title TEXT NOT NULL, notes TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('work', 'opportunity', 'concern', 'limitation')),
            outcome_id BIGINT REFERENCES outcome (id), due TEXT, expedite BIGINT NOT NULL,
            blocked_reason TEXT, blocked_since BIGINT, blocked_by BIGINT,
            stage_id BIGINT NOT NULL REFERENCES stage (id), position BIGINT NOT NULL,
            revision BIGINT NOT NULL, archived BIGINT NOT NULL,
            created_by BIGINT, created_at BIGINT NOT NULL, updated_by BIGINT,
            updated_at BIGINT NOT NULL, stage_since BIGINT NOT NULL);
        CREATE INDEX item_stage ON item (stage_id, archived, expedite, position);
        CREATE TABLE item_member (
            item_number BIGINT NOT NULL REFERENCES item (number),
            member_id BIGINT NOT NULL REFERENCES member (id),
            role TEXT NOT NULL CHECK (role IN ('owner', 'involved')), ord BIGINT NOT NULL,
            PRIMARY KEY (item_number, member_id));
        CREATE TABLE comment (
            id BIGINT PRIMARY KEY, item_number BIGINT NOT NULL REFERENCES item (number),
            member_id BIGINT, account TEXT NOT NULL, at BIGINT NOT NULL, text TEXT NOT NULL);
        CREATE INDEX comment_item ON comment (item_number, id);
        CREATE TABLE event (
            seq BIGINT PRIMARY KEY, at BIGINT NOT NULL, account TEXT NOT NULL, member_id BIGINT,
            kind TEXT NOT NULL, item_number BIGINT, entity TEXT, entity_id BIGINT,
            field TEXT, before TEXT, after TEXT, db_role TEXT DEFAULT current_user);
        CREATE INDEX event_item ON event (item_number, seq);
        """

    /// Version 2: who has the board open (rows that are never part of the history).
    private static let version2 = """
        CREATE TABLE presence (
            session TEXT PRIMARY KEY, account TEXT NOT NULL, member_id BIGINT, host TEXT NOT NULL,
            pid BIGINT NOT NULL, terminal TEXT, focus_item BIGINT, editing_item BIGINT,
            heartbeat_at BIGINT NOT NULL);
        """

    /// Version 3: stand-ups and their turns; at most one runs at a time.
    private static let version3 = """
        CREATE TABLE standup (
            id BIGINT PRIMARY KEY, started_at BIGINT NOT NULL, ended_at BIGINT,
            facilitator_id BIGINT NOT NULL, account TEXT NOT NULL,
            turn_length BIGINT NOT NULL CHECK (turn_length > 0),
            current_turn BIGINT, paused BIGINT NOT NULL DEFAULT 0, running_since BIGINT,
            notes TEXT NOT NULL DEFAULT '', summary TEXT);
        CREATE UNIQUE INDEX standup_running ON standup ((ended_at IS NULL)) WHERE ended_at IS NULL;
        CREATE TABLE standup_turn (
            standup_id BIGINT NOT NULL REFERENCES standup (id), ord BIGINT NOT NULL,
            member_id BIGINT NOT NULL, started_at BIGINT, duration BIGINT NOT NULL,
            overtime BIGINT NOT NULL, PRIMARY KEY (standup_id, ord));
        """
}
