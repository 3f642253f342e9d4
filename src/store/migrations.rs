//! Numbered schema migrations; the version lives in `PRAGMA user_version`.

use super::{Result, StoreError};
use rusqlite::Connection;
use std::io::Read;
use std::path::Path;

/// Migration `n` (1-based) is `MIGRATIONS[n - 1]`. Never edit a released entry: add one.
pub const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    r#"
CREATE TABLE residents (
    id INTEGER PRIMARY KEY,
    first_names TEXT NOT NULL,
    surname TEXT NOT NULL,
    birth_date TEXT,              -- ISO 8601
    birth_dmy TEXT,               -- dd-mm-jjjj, for date search by prefix
    bsn TEXT,
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'outflow')),
    outflow_reason TEXT,
    outflow_date TEXT,
    created TEXT NOT NULL,
    sort_key TEXT NOT NULL,       -- surname without tussenvoegsel, first names, folded
    -- Denormalised from contacts, measurements and contracts so that search, worklist
    -- and report read one row per resident; rewritten by every save that touches them.
    last_contact TEXT,
    last_staff TEXT,
    m_date TEXT,                  -- latest measurement
    m_rung INTEGER,               -- its chosen rung: the current rung
    m_prev_rung INTEGER,          -- chosen rung of the measurement before it
    c_status TEXT,                -- latest contract version
    c_eval TEXT                   -- its next evaluation date
);
CREATE INDEX residents_sort ON residents (sort_key, id);
CREATE INDEX residents_bsn ON residents (bsn) WHERE bsn IS NOT NULL;
CREATE INDEX residents_dmy ON residents (birth_dmy, sort_key) WHERE birth_dmy IS NOT NULL;
-- In worklist order: never seen first, then the oldest contact, then by name.
CREATE INDEX residents_last_contact ON residents (last_contact, sort_key, id);
CREATE INDEX residents_eval ON residents (c_eval) WHERE c_eval IS NOT NULL;
-- Covers every column the report and the worklist count read, so they scan this
-- narrow index instead of the whole table.
CREATE INDEX residents_figures ON residents (status, outflow_date, last_contact, c_eval,
    c_status, m_date, m_rung, m_prev_rung);
CREATE INDEX residents_outflow ON residents (outflow_date) WHERE outflow_date IS NOT NULL;

-- Every prefix-searchable form of a name, with the list order beside it so a search
-- sorts the matches without touching the residents table.
CREATE TABLE resident_keys (
    key TEXT NOT NULL,
    resident INTEGER NOT NULL REFERENCES residents (id) ON DELETE CASCADE,
    sort_key TEXT NOT NULL,
    PRIMARY KEY (key, resident)
) WITHOUT ROWID;
CREATE INDEX resident_keys_resident ON resident_keys (resident);

CREATE TABLE form_snapshots (
    id INTEGER PRIMARY KEY,
    form_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL
);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    client INTEGER NOT NULL REFERENCES residents (id),
    date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('intake', 'checkin')),
    staff TEXT NOT NULL,
    form INTEGER NOT NULL REFERENCES form_snapshots (id),
    answers TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE INDEX contacts_client_date ON contacts (client, date, id);

CREATE TABLE measurements (
    id INTEGER PRIMARY KEY,
    client INTEGER NOT NULL REFERENCES residents (id),
    contact INTEGER REFERENCES contacts (id),
    date TEXT NOT NULL,
    computed INTEGER NOT NULL CHECK (computed BETWEEN 1 AND 6),
    explanation TEXT NOT NULL,
    chosen INTEGER NOT NULL CHECK (chosen BETWEEN 1 AND 6),
    override_reason TEXT,
    expected INTEGER CHECK (expected BETWEEN 1 AND 6),
    horizon_months INTEGER
);
CREATE INDEX measurements_client_date ON measurements (client, date, id);
CREATE INDEX measurements_contact ON measurements (contact);

CREATE TABLE signals (
    id INTEGER PRIMARY KEY,
    client INTEGER NOT NULL REFERENCES residents (id),
    contact INTEGER REFERENCES contacts (id),
    kind TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('urgent', 'high', 'normal')),
    raised TEXT NOT NULL,
    deadline TEXT NOT NULL,
    handled_at TEXT,
    handled_by TEXT,
    handled_note TEXT
);
CREATE INDEX signals_client ON signals (client, kind);
CREATE INDEX signals_open ON signals (deadline) WHERE handled_at IS NULL;
-- The report's open and overdue signals per kind, read from the index alone.
CREATE INDEX signals_open_kind ON signals (kind, raised, deadline, handled_at)
    WHERE handled_at IS NULL;

CREATE TABLE drafts (
    id INTEGER PRIMARY KEY,
    client INTEGER REFERENCES residents (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('intake', 'checkin', 'contract')),
    staff TEXT NOT NULL,
    updated TEXT NOT NULL,
    label TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX drafts_client ON drafts (client, kind);

CREATE TABLE locks (
    client INTEGER PRIMARY KEY REFERENCES residents (id) ON DELETE CASCADE,
    staff TEXT NOT NULL,
    workstation TEXT NOT NULL,
    since TEXT NOT NULL,
    heartbeat INTEGER NOT NULL    -- unix seconds, so staleness ignores time zones
);

CREATE TABLE contracts (
    id INTEGER PRIMARY KEY,
    client INTEGER NOT NULL REFERENCES residents (id),
    version INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('concept', 'vastgesteld')),
    contract TEXT NOT NULL,
    agreed_on TEXT,
    next_evaluation TEXT,
    document BLOB,
    document_hash TEXT,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    UNIQUE (client, version)
);
CREATE TRIGGER contracts_vastgesteld_read_only
BEFORE UPDATE ON contracts WHEN OLD.status = 'vastgesteld'
BEGIN
    SELECT RAISE(ABORT, 'een vastgestelde overeenkomst kan niet worden gewijzigd');
END;
CREATE TRIGGER contracts_vastgesteld_kept
BEFORE DELETE ON contracts WHEN OLD.status = 'vastgesteld'
BEGIN
    SELECT RAISE(ABORT, 'een vastgestelde overeenkomst kan niet worden verwijderd');
END;

CREATE TABLE access_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    staff TEXT NOT NULL,
    workstation TEXT NOT NULL,
    action TEXT NOT NULL,
    client INTEGER
);
CREATE INDEX access_log_client ON access_log (client);
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'het toegangslogboek kan niet worden gewijzigd');
END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'het toegangslogboek kan niet worden gewijzigd');
END;
"#,
    // 2: which check-in a contact was, and the worklist read a page at a time.
    // The conversation is a new column rather than a new `kind` value: the CHECK on
    // `kind` could only change by copying the whole contacts table, and a row without one
    // (saved before) reads as a jaargesprek. It has no CHECK of its own either: adding a
    // column with one makes SQLite read every contact (half a minute on a large, cold
    // database); the store writes only 'jaargesprek' and 'voortgang'.
    r#"
ALTER TABLE contacts ADD COLUMN conversation TEXT;
-- The worklist screen reads a page and its counts by walking this index alone: worklist
-- order first, then every column its filters look at. It replaces the narrower index
-- with the same leading columns.
DROP INDEX residents_last_contact;
CREATE INDEX residents_worklist ON residents (last_contact, sort_key, id, c_eval, status,
    outflow_date, last_staff);
"#,
    // 3: one resident, one BSN. `migrate` refuses (and changes nothing) while residents
    // share one: which dossier is the real one is for a person to decide.
    r#"
DROP INDEX residents_bsn;
CREATE UNIQUE INDEX residents_bsn ON residents (bsn) WHERE bsn IS NOT NULL;
"#,
    // 4: the PIP's end date on the worklist, and the contract in force on a past date.
    // `contracts.date` is the version's own date (drafted or started); `residents.pip_end`
    // is the latest contact's `taal.pip_einddatum` while it says the resident must
    // integrate; `residents.c_since` is the date from which `c_status` and `c_eval` hold
    // (the latest version's date, or the day it was vastgesteld), so a figure for an
    // earlier date knows to look further back; `signals_handled` finds the signals handled
    // after a past date. Existing rows are filled from the stored
    // JSON; the read-only trigger is lifted for that one update and put back unchanged.
    r#"
ALTER TABLE contracts ADD COLUMN date TEXT;
DROP TRIGGER contracts_vastgesteld_read_only;
UPDATE contracts SET date = json_extract(contract, '$.date');
CREATE TRIGGER contracts_vastgesteld_read_only
BEFORE UPDATE ON contracts WHEN OLD.status = 'vastgesteld'
BEGIN
    SELECT RAISE(ABORT, 'een vastgestelde overeenkomst kan niet worden gewijzigd');
END;

ALTER TABLE residents ADD COLUMN pip_end TEXT;
ALTER TABLE residents ADD COLUMN c_since TEXT;
UPDATE residents SET pip_end = (
    SELECT CASE WHEN json_extract(c.answers, '$."taal.inburgeringsplichtig".bool') = 1
           THEN json_extract(c.answers, '$."taal.pip_einddatum".date') END
    FROM contacts c WHERE c.client = residents.id ORDER BY c.date DESC, c.id DESC LIMIT 1)
WHERE last_contact IS NOT NULL;
UPDATE residents SET c_since = (
    SELECT max(k.date, coalesce(k.agreed_on, k.date)) FROM contracts k
    WHERE k.client = residents.id ORDER BY k.version DESC LIMIT 1)
WHERE c_status IS NOT NULL;
-- The worklist's covering indexes gain the new columns, so the PIP reason and the
-- past-date check are still answered from the index alone.
DROP INDEX residents_worklist;
CREATE INDEX residents_worklist ON residents (last_contact, sort_key, id, c_eval, status,
    outflow_date, last_staff, pip_end);
DROP INDEX residents_figures;
CREATE INDEX residents_figures ON residents (status, outflow_date, last_contact, c_eval,
    c_status, m_date, m_rung, m_prev_rung, pip_end, c_since);
CREATE INDEX residents_c_since ON residents (c_since) WHERE c_since IS NOT NULL;
-- The report of a past date counts the signals handled after it as open then: read from
-- this index, not from every signal ever raised.
CREATE INDEX signals_handled ON signals (handled_at, kind, raised, deadline)
    WHERE handled_at IS NOT NULL;
"#,
];

/// The migration that makes the BSN unique: before it runs, duplicates are looked for.
const UNIQUE_BSN: usize = 3;

/// The schema version this program writes.
pub fn known_version() -> i64 {
    MIGRATIONS.len() as i64
}

const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Look at the raw file header before SQLite opens it: a file that is not SQLite, or a
/// schema newer than ours, is refused without a single byte written.
pub fn check_header(path: &Path, len: u64) -> Result<()> {
    if len == 0 {
        return Ok(());
    }
    let mut head = [0u8; 100];
    let mut file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::PermissionDenied => StoreError::ReadOnly(path.display().to_string()),
        _ => StoreError::Other(format!("kan {} niet lezen", path.display())),
    })?;
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(_) => {
                return Err(StoreError::Other(format!(
                    "kan {} niet lezen",
                    path.display()
                )))
            }
        }
    }
    if read < head.len() || &head[..16] != MAGIC {
        return Err(StoreError::Corrupt(path.display().to_string()));
    }
    let found = i64::from(i32::from_be_bytes([head[60], head[61], head[62], head[63]]));
    if found > known_version() {
        return Err(StoreError::NewerVersion {
            found,
            known: known_version(),
        });
    }
    Ok(())
}

/// The same check through SQLite (the WAL may hold a newer version than the header).
pub fn check_version(conn: &Connection) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > known_version() {
        return Err(StoreError::NewerVersion {
            found,
            known: known_version(),
        });
    }
    if found == 0 {
        // Version 0 with tables in it is some other program's database: leave it alone.
        let tables: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        if tables > 0 {
            return Err(StoreError::Corrupt(
                "het bestand is een database van een ander programma".to_string(),
            ));
        }
    }
    Ok(())
}

/// Apply the missing migrations in one transaction. Two workstations starting at once:
/// the second waits for the first (`BEGIN IMMEDIATE`) and then finds nothing to do.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current == known_version() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > known_version() {
        return Err(StoreError::NewerVersion {
            found: current,
            known: known_version(),
        });
    }
    let from = usize::try_from(current).unwrap_or(0);
    for (n, sql) in MIGRATIONS.iter().enumerate().skip(from) {
        if n + 1 == UNIQUE_BSN {
            let groups = duplicate_bsn_groups(&tx)?;
            if !groups.is_empty() {
                // Dropping `tx` rolls back: the file stays at the version it had.
                return Err(StoreError::DuplicateBsn(groups));
            }
        }
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", known_version())?;
    tx.commit()?;
    Ok(())
}

/// Text as SQLite compares it (bytewise), so ORDER BY and `LIKE 'prefix%'` behave alike and
/// a btree index serves the prefix search.
macro_rules! pg_text {
    () => {
        r#"TEXT COLLATE "C""#
    };
}

/// The PostgreSQL schema, migration `n` at `PG_MIGRATIONS[n - 1]` as on SQLite: each step
/// leaves the same tables, columns and indexes as the SQLite migration of that number.
/// Every integer is BIGINT (so an i64 binds everywhere), dates stay ISO text.
pub const PG_MIGRATIONS: &[&str] = &[
    concat!(
        r#"
CREATE TABLE residents (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    first_names "#,
        pg_text!(),
        r#" NOT NULL,
    surname "#,
        pg_text!(),
        r#" NOT NULL,
    birth_date "#,
        pg_text!(),
        r#",
    birth_dmy "#,
        pg_text!(),
        r#",
    bsn "#,
        pg_text!(),
        r#",
    phone "#,
        pg_text!(),
        r#" NOT NULL DEFAULT '',
    email "#,
        pg_text!(),
        r#" NOT NULL DEFAULT '',
    status "#,
        pg_text!(),
        r#" NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'outflow')),
    outflow_reason "#,
        pg_text!(),
        r#",
    outflow_date "#,
        pg_text!(),
        r#",
    created "#,
        pg_text!(),
        r#" NOT NULL,
    sort_key "#,
        pg_text!(),
        r#" NOT NULL,
    last_contact "#,
        pg_text!(),
        r#",
    last_staff "#,
        pg_text!(),
        r#",
    m_date "#,
        pg_text!(),
        r#",
    m_rung BIGINT,
    m_prev_rung BIGINT,
    c_status "#,
        pg_text!(),
        r#",
    c_eval "#,
        pg_text!(),
        r#"
);
CREATE INDEX residents_sort ON residents (sort_key, id);
CREATE INDEX residents_bsn ON residents (bsn) WHERE bsn IS NOT NULL;
CREATE INDEX residents_dmy ON residents (birth_dmy, sort_key) WHERE birth_dmy IS NOT NULL;
CREATE INDEX residents_last_contact ON residents (last_contact, sort_key, id);
CREATE INDEX residents_eval ON residents (c_eval) WHERE c_eval IS NOT NULL;
CREATE INDEX residents_figures ON residents (status, outflow_date, last_contact, c_eval,
    c_status, m_date, m_rung, m_prev_rung);
CREATE INDEX residents_outflow ON residents (outflow_date) WHERE outflow_date IS NOT NULL;

CREATE TABLE resident_keys (
    key "#,
        pg_text!(),
        r#" NOT NULL,
    resident BIGINT NOT NULL REFERENCES residents (id) ON DELETE CASCADE,
    sort_key "#,
        pg_text!(),
        r#" NOT NULL,
    PRIMARY KEY (key, resident)
);
CREATE INDEX resident_keys_resident ON resident_keys (resident);

CREATE TABLE form_snapshots (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    form_id "#,
        pg_text!(),
        r#" NOT NULL,
    version BIGINT NOT NULL,
    hash "#,
        pg_text!(),
        r#" NOT NULL UNIQUE,
    source "#,
        pg_text!(),
        r#" NOT NULL
);

CREATE TABLE contacts (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    client BIGINT NOT NULL REFERENCES residents (id),
    date "#,
        pg_text!(),
        r#" NOT NULL,
    kind "#,
        pg_text!(),
        r#" NOT NULL CHECK (kind IN ('intake', 'checkin')),
    staff "#,
        pg_text!(),
        r#" NOT NULL,
    form BIGINT NOT NULL REFERENCES form_snapshots (id),
    answers "#,
        pg_text!(),
        r#" NOT NULL,
    created "#,
        pg_text!(),
        r#" NOT NULL
);
CREATE INDEX contacts_client_date ON contacts (client, date, id);

CREATE TABLE measurements (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    client BIGINT NOT NULL REFERENCES residents (id),
    contact BIGINT REFERENCES contacts (id),
    date "#,
        pg_text!(),
        r#" NOT NULL,
    computed BIGINT NOT NULL CHECK (computed BETWEEN 1 AND 6),
    explanation "#,
        pg_text!(),
        r#" NOT NULL,
    chosen BIGINT NOT NULL CHECK (chosen BETWEEN 1 AND 6),
    override_reason "#,
        pg_text!(),
        r#",
    expected BIGINT CHECK (expected BETWEEN 1 AND 6),
    horizon_months BIGINT
);
CREATE INDEX measurements_client_date ON measurements (client, date, id);
CREATE INDEX measurements_contact ON measurements (contact);

CREATE TABLE signals (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    client BIGINT NOT NULL REFERENCES residents (id),
    contact BIGINT REFERENCES contacts (id),
    kind "#,
        pg_text!(),
        r#" NOT NULL,
    severity "#,
        pg_text!(),
        r#" NOT NULL CHECK (severity IN ('urgent', 'high', 'normal')),
    raised "#,
        pg_text!(),
        r#" NOT NULL,
    deadline "#,
        pg_text!(),
        r#" NOT NULL,
    handled_at "#,
        pg_text!(),
        r#",
    handled_by "#,
        pg_text!(),
        r#",
    handled_note "#,
        pg_text!(),
        r#"
);
CREATE INDEX signals_client ON signals (client, kind);
CREATE INDEX signals_open ON signals (deadline) WHERE handled_at IS NULL;
CREATE INDEX signals_open_kind ON signals (kind, raised, deadline, handled_at)
    WHERE handled_at IS NULL;

CREATE TABLE drafts (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    client BIGINT REFERENCES residents (id) ON DELETE CASCADE,
    kind "#,
        pg_text!(),
        r#" NOT NULL CHECK (kind IN ('intake', 'checkin', 'contract')),
    staff "#,
        pg_text!(),
        r#" NOT NULL,
    updated "#,
        pg_text!(),
        r#" NOT NULL,
    label "#,
        pg_text!(),
        r#" NOT NULL,
    payload "#,
        pg_text!(),
        r#" NOT NULL
);
CREATE INDEX drafts_client ON drafts (client, kind);

CREATE TABLE locks (
    client BIGINT PRIMARY KEY REFERENCES residents (id) ON DELETE CASCADE,
    staff "#,
        pg_text!(),
        r#" NOT NULL,
    workstation "#,
        pg_text!(),
        r#" NOT NULL,
    since "#,
        pg_text!(),
        r#" NOT NULL,
    heartbeat BIGINT NOT NULL
);

CREATE TABLE contracts (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    client BIGINT NOT NULL REFERENCES residents (id),
    version BIGINT NOT NULL,
    status "#,
        pg_text!(),
        r#" NOT NULL CHECK (status IN ('concept', 'vastgesteld')),
    contract "#,
        pg_text!(),
        r#" NOT NULL,
    agreed_on "#,
        pg_text!(),
        r#",
    next_evaluation "#,
        pg_text!(),
        r#",
    document BYTEA,
    document_hash "#,
        pg_text!(),
        r#",
    created "#,
        pg_text!(),
        r#" NOT NULL,
    updated "#,
        pg_text!(),
        r#" NOT NULL,
    UNIQUE (client, version)
);
CREATE FUNCTION meedoen_contract_read_only() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'een vastgestelde overeenkomst kan niet worden verwijderd';
    END IF;
    RAISE EXCEPTION 'een vastgestelde overeenkomst kan niet worden gewijzigd';
END $f$;
CREATE TRIGGER contracts_vastgesteld_read_only BEFORE UPDATE ON contracts
    FOR EACH ROW WHEN (OLD.status = 'vastgesteld') EXECUTE FUNCTION meedoen_contract_read_only();
CREATE TRIGGER contracts_vastgesteld_kept BEFORE DELETE ON contracts
    FOR EACH ROW WHEN (OLD.status = 'vastgesteld') EXECUTE FUNCTION meedoen_contract_read_only();

CREATE TABLE access_log (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at "#,
        pg_text!(),
        r#" NOT NULL,
    staff "#,
        pg_text!(),
        r#" NOT NULL,
    workstation "#,
        pg_text!(),
        r#" NOT NULL,
    action "#,
        pg_text!(),
        r#" NOT NULL,
    client BIGINT
);
CREATE INDEX access_log_client ON access_log (client);
-- Append-only even for a role with UPDATE or DELETE (the table's owner): the grants keep
-- the staff's role out, this keeps everyone out.
CREATE FUNCTION meedoen_access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    RAISE EXCEPTION 'het toegangslogboek kan niet worden gewijzigd';
END $f$;
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
    FOR EACH ROW EXECUTE FUNCTION meedoen_access_log_append_only();
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION meedoen_access_log_append_only();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION meedoen_access_log_append_only();
"#
    ),
    concat!(
        r#"
ALTER TABLE contacts ADD COLUMN conversation "#,
        pg_text!(),
        r#";
DROP INDEX residents_last_contact;
CREATE INDEX residents_worklist ON residents (last_contact, sort_key, id, c_eval, status,
    outflow_date, last_staff);
"#
    ),
    r#"
DROP INDEX residents_bsn;
CREATE UNIQUE INDEX residents_bsn ON residents (bsn) WHERE bsn IS NOT NULL;
"#,
    concat!(
        r#"
ALTER TABLE contracts ADD COLUMN date "#,
        pg_text!(),
        r#";
ALTER TABLE contracts DISABLE TRIGGER contracts_vastgesteld_read_only;
UPDATE contracts SET date = contract::jsonb ->> 'date';
ALTER TABLE contracts ENABLE TRIGGER contracts_vastgesteld_read_only;
ALTER TABLE residents ADD COLUMN pip_end "#,
        pg_text!(),
        r#";
ALTER TABLE residents ADD COLUMN c_since "#,
        pg_text!(),
        r#";
UPDATE residents SET pip_end = (
    SELECT CASE WHEN (c.answers::jsonb -> 'taal.inburgeringsplichtig' ->> 'bool') = 'true'
           THEN c.answers::jsonb -> 'taal.pip_einddatum' ->> 'date' END
    FROM contacts c WHERE c.client = residents.id ORDER BY c.date DESC, c.id DESC LIMIT 1)
WHERE last_contact IS NOT NULL;
UPDATE residents SET c_since = (
    SELECT GREATEST(k.date, coalesce(k.agreed_on, k.date)) FROM contracts k
    WHERE k.client = residents.id ORDER BY k.version DESC LIMIT 1)
WHERE c_status IS NOT NULL;
DROP INDEX residents_worklist;
CREATE INDEX residents_worklist ON residents (last_contact, sort_key, id, c_eval, status,
    outflow_date, last_staff, pip_end);
DROP INDEX residents_figures;
CREATE INDEX residents_figures ON residents (status, outflow_date, last_contact, c_eval,
    c_status, m_date, m_rung, m_prev_rung, pip_end, c_since);
CREATE INDEX residents_c_since ON residents (c_since) WHERE c_since IS NOT NULL;
CREATE INDEX signals_handled ON signals (handled_at, kind, raised, deadline)
    WHERE handled_at IS NOT NULL;
"#
    ),
];

/// The staff's group role gets what the program needs and no more: the access log only
/// grows. Run after every migration, so new tables are covered; nothing when the DBA
/// made no such role.
const PG_GRANTS: &str = r#"
DO $g$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'meedoen_medewerker') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON residents, resident_keys, form_snapshots,
            contacts, measurements, signals, drafts, locks, contracts TO meedoen_medewerker;
        GRANT SELECT ON meedoen_schema TO meedoen_medewerker;
        REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM meedoen_medewerker;
        GRANT SELECT, INSERT ON access_log TO meedoen_medewerker;
        GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO meedoen_medewerker;
    END IF;
END $g$;
"#;

/// Serialises migrations of two programs starting at once ("meedoen-m" in ASCII).
const PG_MIGRATE_KEY: i64 = 0x6d65_6564_6f65_6e2d;

/// The schema version of a PostgreSQL database (0: no meedoen tables yet).
pub fn pg_version(db: &super::db::Db) -> Result<i64> {
    use super::db::params;
    let present: bool = db.query_row(
        // pg_tables, not to_regclass: a name looked up in the catalog caches may still
        // be missing there after another program's migration committed.
        "SELECT EXISTS (SELECT 1 FROM pg_tables
                        WHERE schemaname = current_schema() AND tablename = 'meedoen_schema')",
        params![],
        |r| r.get(0),
    )?;
    if !present {
        return Ok(0);
    }
    Ok(db
        .query_opt("SELECT version FROM meedoen_schema", params![], |r| {
            r.get(0)
        })?
        .unwrap_or(0))
}

/// Apply the missing PostgreSQL migrations in one transaction, under an advisory lock:
/// the second of two programs starting at once waits and then finds nothing to do.
pub fn migrate_pg(db: &super::db::Db) -> Result<()> {
    let current = pg_version(db)?;
    refuse_newer(current)?;
    if current == known_version() {
        return Ok(());
    }
    db.begin_write()?;
    let result = migrate_pg_locked(db);
    match result {
        Ok(()) => db.commit(),
        Err(e) => {
            db.rollback();
            Err(e)
        }
    }
}

fn refuse_newer(found: i64) -> Result<()> {
    if found > known_version() {
        return Err(StoreError::NewerVersion {
            found,
            known: known_version(),
        });
    }
    Ok(())
}

fn migrate_pg_locked(db: &super::db::Db) -> Result<()> {
    use super::db::params;
    db.execute_batch(&format!("SELECT pg_advisory_xact_lock({PG_MIGRATE_KEY})"))?;
    let current = pg_version(db)?;
    refuse_newer(current)?;
    if current == known_version() {
        return Ok(());
    }
    if current == 0 {
        // Version 0 with tables in it is some other program's database: leave it alone.
        let tables: i64 = db.query_row(
            "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()",
            params![],
            |r| r.get(0),
        )?;
        if tables > 0 {
            return Err(StoreError::Corrupt(
                "de database is een database van een ander programma".to_string(),
            ));
        }
        db.execute_batch(
            "CREATE TABLE meedoen_schema (version BIGINT NOT NULL);
             INSERT INTO meedoen_schema (version) VALUES (0);",
        )?;
    }
    let from = usize::try_from(current).unwrap_or(0);
    for (n, sql) in PG_MIGRATIONS.iter().enumerate().skip(from) {
        if n + 1 == UNIQUE_BSN {
            let groups = super::residents::duplicate_bsn_groups_db(db)?;
            if !groups.is_empty() {
                return Err(StoreError::DuplicateBsn(groups));
            }
        }
        db.execute_batch(sql)?;
    }
    db.execute(
        "UPDATE meedoen_schema SET version = ?1",
        params![known_version()],
    )?;
    db.execute_batch(PG_GRANTS)?;
    Ok(())
}

// One PostgreSQL migration per SQLite one, so both report the same version.
const _: () = assert!(PG_MIGRATIONS.len() == MIGRATIONS.len());

/// The residents that share a BSN, each group in client order, the groups by their first
/// client. On a bare connection, so a check can list them in a database the store refuses
/// to open (schema 3 cannot be reached while there are any).
pub fn duplicate_bsn_groups(
    conn: &rusqlite::Connection,
) -> super::Result<Vec<Vec<super::ClientId>>> {
    let rows: Vec<(String, super::ClientId)> = conn
        .prepare(super::residents::DUPLICATE_BSNS)?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(super::residents::bsn_groups(&rows))
}
