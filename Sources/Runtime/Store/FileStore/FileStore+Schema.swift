import GRDB

/// The file store's schema, as frozen, ordered migrations.
///
/// Invariants:
/// - A migration, once shipped, is never edited: a change is a new migration
///   appended to `all`. Migrations are plain SQL and never refer to record types.
/// - Dates are `REAL` seconds since the Foundation reference date
///   (2001-01-01 UTC), the exact `Double` inside a `Date`, so they round-trip
///   without loss.
/// - A worker's transcript is keyed by `(worker_id, sequence)`; pages are
///   read by that key with a `LIMIT`, never whole.
enum FileStoreSchema {
    /// The migrations this code knows, oldest first.
    static let all: [(identifier: String, sql: String)] = [
        ("v1", v1),
        ("v2", v2),
        ("v3", v3),
        ("v4", v4),
        ("v5", v5),
    ]

    /// The identifier of the newest migration this code knows.
    static var currentVersion: String { all.last!.identifier }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in all {
            let sql = migration.sql
            migrator.registerMigration(migration.identifier) { db in
                try db.execute(sql: sql)
            }
        }
        return migrator
    }

    /// Tables the store reads at `load()`; checked with `quick_check` at open.
    /// The transcript and the event log are not: they can be arbitrarily large
    /// (see `FileStore.inspect` for the whole-file check).
    static let catalogTables = ["runtime_state", "workers", "approvals", "bundles", "diagnostics", "pending_removals"]

    /// Managing a fleet (issue 16): archived workers, a fork's parent, and
    /// deleted workers whose directory is still to be removed.
    private static let v4 = """
        ALTER TABLE workers ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1));
        ALTER TABLE workers ADD COLUMN parent_worker_id TEXT;
        ALTER TABLE workers ADD COLUMN parent_entry INTEGER;
        CREATE TABLE pending_removals (
            worker_id TEXT PRIMARY KEY NOT NULL,
            runtime_id TEXT NOT NULL,
            profile TEXT NOT NULL,
            requested_at REAL NOT NULL
        ) STRICT;
        """

    /// Search across workers (issue 16): an FTS5 index over transcript
    /// content, filled from the rows already there.
    ///
    /// External content (`content='transcript'`): the text is stored once,
    /// in `transcript`, and the index holds only tokens keyed by the
    /// transcript's rowid (stable: nothing here runs VACUUM, and rows are
    /// never re-inserted). Triggers, not writes in `FileStoreApply`, keep it
    /// in step: they run inside whatever transaction touches `transcript`, so
    /// every path — appending an entry, a worker's delete, a fork's seeding,
    /// code written after this — keeps the index exact without remembering
    /// to. The delete trigger hands FTS5 the old content, as an
    /// external-content table requires.
    ///
    /// `unicode61 remove_diacritics 2`: case- and accent-insensitive words,
    /// the split `SearchQuery` makes.
    private static let v5 = """
        CREATE VIRTUAL TABLE transcript_fts USING fts5(
            content, content='transcript', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        );
        INSERT INTO transcript_fts(transcript_fts) VALUES ('rebuild');
        CREATE TRIGGER transcript_fts_insert AFTER INSERT ON transcript BEGIN
            INSERT INTO transcript_fts(rowid, content) VALUES (new.rowid, new.content);
        END;
        CREATE TRIGGER transcript_fts_delete AFTER DELETE ON transcript BEGIN
            INSERT INTO transcript_fts(transcript_fts, rowid, content) VALUES ('delete', old.rowid, old.content);
        END;
        CREATE TRIGGER transcript_fts_update AFTER UPDATE OF content ON transcript BEGIN
            INSERT INTO transcript_fts(transcript_fts, rowid, content) VALUES ('delete', old.rowid, old.content);
            INSERT INTO transcript_fts(rowid, content) VALUES (new.rowid, new.content);
        END;
        """

    /// Tools (tools.md): what a worker always allows, the call whose result
    /// is not committed yet, and pending approvals as rows of their own.
    private static let v3 = """
        ALTER TABLE workers ADD COLUMN always_allowed TEXT NOT NULL DEFAULT '';
        ALTER TABLE workers ADD COLUMN open_tool_call TEXT;
        CREATE TABLE approvals (
            worker_id TEXT PRIMARY KEY NOT NULL REFERENCES workers(id),
            call_id TEXT NOT NULL,
            tool TEXT NOT NULL,
            arguments TEXT NOT NULL,
            requested_at REAL NOT NULL,
            event_id INTEGER NOT NULL,
            preview_json TEXT
        ) STRICT;
        """

    /// A reply cut short keeps what streamed, flagged (runtime.md, interrupt).
    private static let v2 = """
        ALTER TABLE transcript ADD COLUMN interrupted INTEGER NOT NULL DEFAULT 0 CHECK (interrupted IN (0, 1));
        """

    private static let v1 = """
        CREATE TABLE runtime_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            runtime_id TEXT NOT NULL,
            status TEXT NOT NULL,
            next_worker_sequence INTEGER NOT NULL,
            next_event_id INTEGER NOT NULL,
            next_diagnostic_id INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE bundles (
            id TEXT PRIMARY KEY NOT NULL,
            digest TEXT NOT NULL,
            revision INTEGER NOT NULL,
            workspace_id TEXT NOT NULL,
            created_at REAL NOT NULL,
            provenance TEXT NOT NULL,
            profiles_json TEXT NOT NULL,
            declarations_json TEXT NOT NULL
        ) STRICT;

        CREATE TABLE workers (
            id TEXT PRIMARY KEY NOT NULL,
            runtime_id TEXT NOT NULL,
            label TEXT,
            status TEXT NOT NULL,
            backend TEXT NOT NULL,
            run_state TEXT NOT NULL,
            binding TEXT,
            last_operation TEXT,
            last_outcome TEXT,
            last_message TEXT,
            profile TEXT NOT NULL,
            model TEXT,
            bundle_id TEXT NOT NULL,
            bundle_digest TEXT NOT NULL,
            transcript_length INTEGER NOT NULL,
            last_event_id INTEGER NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            last_activity_at REAL,
            usage_input INTEGER NOT NULL,
            usage_output INTEGER NOT NULL,
            usage_cached INTEGER NOT NULL,
            active_turn INTEGER
        ) STRICT;

        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            runtime_id TEXT,
            worker_id TEXT,
            kind TEXT NOT NULL,
            message TEXT NOT NULL,
            created_at REAL NOT NULL
        ) STRICT;

        CREATE TABLE transcript (
            worker_id TEXT NOT NULL REFERENCES workers(id),
            sequence INTEGER NOT NULL CHECK (sequence >= 1),
            role TEXT NOT NULL,
            kind TEXT NOT NULL,
            content TEXT NOT NULL,
            event_id INTEGER NOT NULL,
            created_at REAL NOT NULL,
            usage_input INTEGER,
            usage_output INTEGER,
            usage_cached INTEGER,
            PRIMARY KEY (worker_id, sequence)
        ) STRICT;

        CREATE TABLE diagnostics (
            position INTEGER PRIMARY KEY,
            id INTEGER NOT NULL,
            severity TEXT NOT NULL,
            code TEXT NOT NULL,
            message TEXT NOT NULL,
            runtime_id TEXT,
            worker_id TEXT
        ) STRICT;
        CREATE INDEX diagnostics_by_code ON diagnostics(code, worker_id);
        """
}
