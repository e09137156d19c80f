import GRDB

/// The board file's schema: numbered migrations, frozen once released.
enum Schema {
    /// `PRAGMA application_id` of every baton board ("Batn").
    static let applicationID: Int32 = 0x4261_746E
    /// The newest schema version this build knows; stored in `PRAGMA user_version`.
    static let version: Int32 = 3

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createVersion1)
        migrator.registerMigration("v2", migrate: addPresence)
        migrator.registerMigration("v3", migrate: addStandups)
        return migrator
    }

    /// Version 1, released with the first baton. Never edit: add a new migration instead.
    private static func createVersion1(_ db: Database) throws {
        try db.execute(
            sql: """
                PRAGMA application_id = \(applicationID);
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE stage (
                    id INTEGER PRIMARY KEY, name TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('queue', 'active', 'done')),
                    wip_limit INTEGER CHECK (wip_limit IS NULL OR wip_limit >= 1), position INTEGER NOT NULL);
                CREATE TABLE member (
                    id INTEGER PRIMARY KEY, name TEXT NOT NULL, handle TEXT NOT NULL,
                    discipline TEXT NOT NULL CHECK (discipline IN ('business', 'it')), login TEXT);
                CREATE UNIQUE INDEX member_handle ON member (handle COLLATE NOCASE);
                CREATE UNIQUE INDEX member_login ON member (login) WHERE login IS NOT NULL;
                CREATE TABLE outcome (
                    id INTEGER PRIMARY KEY, title TEXT NOT NULL, metric TEXT NOT NULL, unit TEXT NOT NULL,
                    baseline REAL NOT NULL, target REAL NOT NULL, current REAL NOT NULL, target_date TEXT);
                CREATE TABLE outcome_value (
                    outcome_id INTEGER NOT NULL REFERENCES outcome (id), seq INTEGER NOT NULL,
                    at INTEGER NOT NULL, value REAL NOT NULL, member_id INTEGER,
                    PRIMARY KEY (outcome_id, seq)) WITHOUT ROWID;
                CREATE TABLE item (
                    number INTEGER PRIMARY KEY, title TEXT NOT NULL, notes TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('work', 'opportunity', 'concern', 'limitation')),
                    outcome_id INTEGER REFERENCES outcome (id), due TEXT, expedite INTEGER NOT NULL,
                    blocked_reason TEXT, blocked_since INTEGER, blocked_by INTEGER,
                    stage_id INTEGER NOT NULL REFERENCES stage (id), position INTEGER NOT NULL,
                    revision INTEGER NOT NULL, archived INTEGER NOT NULL,
                    created_by INTEGER, created_at INTEGER NOT NULL, updated_by INTEGER,
                    updated_at INTEGER NOT NULL, stage_since INTEGER NOT NULL);
                CREATE INDEX item_stage ON item (stage_id, archived, expedite, position);
                CREATE TABLE item_member (
                    item_number INTEGER NOT NULL REFERENCES item (number),
                    member_id INTEGER NOT NULL REFERENCES member (id),
                    role TEXT NOT NULL CHECK (role IN ('owner', 'involved')), ord INTEGER NOT NULL,
                    PRIMARY KEY (item_number, member_id)) WITHOUT ROWID;
                CREATE TABLE comment (
                    id INTEGER PRIMARY KEY, item_number INTEGER NOT NULL REFERENCES item (number),
                    member_id INTEGER, account TEXT NOT NULL, at INTEGER NOT NULL, text TEXT NOT NULL);
                CREATE INDEX comment_item ON comment (item_number, id);
                CREATE TABLE event (
                    seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, account TEXT NOT NULL, member_id INTEGER,
                    kind TEXT NOT NULL, item_number INTEGER, entity TEXT, entity_id INTEGER,
                    field TEXT, before TEXT, after TEXT);
                CREATE INDEX event_item ON event (item_number, seq);
                PRAGMA user_version = 1;
                """)
    }

    /// Version 2: who has the board open. Rows are ephemeral and never part of the history.
    private static func addPresence(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE presence (
                    session TEXT PRIMARY KEY, account TEXT NOT NULL, member_id INTEGER, host TEXT NOT NULL,
                    pid INTEGER NOT NULL, terminal TEXT, focus_item INTEGER, editing_item INTEGER,
                    heartbeat_at INTEGER NOT NULL) WITHOUT ROWID;
                PRAGMA user_version = 2;
                """)
    }

    /// Version 3: stand-ups and their turns. At most one stand-up runs at a time (`ended_at` NULL);
    /// while it runs its row also holds who has the baton (`current_turn`, an index into its turns)
    /// and the clock (`paused`, `running_since`), so that other sessions can follow it. Times are
    /// milliseconds, as everywhere; `summary` is the JSON of the figures stored when it ended.
    /// Members are referred to by id without a foreign key, as in the history.
    private static func addStandups(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE standup (
                    id INTEGER PRIMARY KEY, started_at INTEGER NOT NULL, ended_at INTEGER,
                    facilitator_id INTEGER NOT NULL, account TEXT NOT NULL,
                    turn_length INTEGER NOT NULL CHECK (turn_length > 0),
                    current_turn INTEGER, paused INTEGER NOT NULL DEFAULT 0, running_since INTEGER,
                    notes TEXT NOT NULL DEFAULT '', summary TEXT);
                CREATE UNIQUE INDEX standup_running ON standup ((ended_at IS NULL)) WHERE ended_at IS NULL;
                CREATE TABLE standup_turn (
                    standup_id INTEGER NOT NULL REFERENCES standup (id), ord INTEGER NOT NULL,
                    member_id INTEGER NOT NULL, started_at INTEGER, duration INTEGER NOT NULL,
                    overtime INTEGER NOT NULL, PRIMARY KEY (standup_id, ord)) WITHOUT ROWID;
                PRAGMA user_version = 3;
                """)
    }
}
