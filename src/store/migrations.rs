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
            let groups = super::residents::duplicate_bsn_groups(&tx)?;
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
