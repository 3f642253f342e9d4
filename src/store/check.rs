//! Finding damage without adding to it: SQLite's integrity check on a read-only
//! connection, BSNs held by more than one dossier, and the state of the access log.

use super::migrations::{self, MIGRATIONS};
use super::{ClientId, Result, Store, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::cell::Cell;
use std::path::Path;

/// How far one access-log line may lie before the line above it and still count as in
/// order: the clock going back an hour at the end of summer time, and workstations whose
/// clocks differ by some minutes, are normal.
const LOG_CLOCK_SLACK_HOURS: f64 = 2.0;

/// Roughly how many SQLite virtual-machine steps `integrity_check` takes per database
/// page (104 on the 100,000-resident demo database); only used to turn the steps into a
/// percentage for the progress line.
const STEPS_PER_PAGE: u64 = 100;

/// Up to this file size (some 6,000 residents) a write command checks the whole file
/// afterwards, in under a second: `quick_check` read a 2.1 GB file in 12 s on the test
/// machine. Above it only the
/// tables the command wrote are checked, which on a 100,000-resident database costs
/// 0.7 s for the access log and about 6 s for the tables of an intake.
pub const FULL_CHECK_UP_TO: u64 = 128 * 1024 * 1024;

/// The tables an intake or check-in writes.
pub const INTAKE_TABLES: &[&str] = &[
    "residents",
    "resident_keys",
    "form_snapshots",
    "contacts",
    "measurements",
    "signals",
    "access_log",
];

/// The progress handler is called every this many steps.
const PROGRESS_EVERY: i32 = 10_000;

thread_local! {
    /// Set when SQLite reported a damaged file on this thread since the last look. The
    /// interface runs every store call on one thread and shows dozens of different
    /// store errors; this is the one place that sees them all.
    static DAMAGE_SEEN: Cell<bool> = const { Cell::new(false) };
}

/// Note that SQLite found the file damaged (called where its errors are converted).
pub(crate) fn note_damage() {
    DAMAGE_SEEN.with(|c| c.set(true));
}

/// Whether a store call on this thread met a damaged file since the last call.
pub fn take_damage_seen() -> bool {
    DAMAGE_SEEN.with(|c| c.replace(false))
}

/// The file beside the database that says on which day (`JJJJ-MM-DD`) the interface's
/// daily check last found it sound; kept outside the schema so that a check never
/// writes into the file it checks.
pub fn daily_stamp_path(db: &Path) -> std::path::PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".controle");
    db.with_file_name(name)
}

/// Something wrong with the access log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogProblem {
    /// The trigger that keeps the log append-only is gone.
    TriggerMissing(&'static str),
    /// The trigger is there but no longer the one meedoen made.
    TriggerAltered(&'static str),
    /// This many lines are missing from the numbering: removed after writing.
    Removed(i64),
    /// This many lines are dated well before the line written before them.
    OutOfOrder(i64),
    /// This many lines name a resident that does not exist.
    UnknownResident(i64),
}

/// What `meedoen db check` found; everything empty means all is well.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// SQLite's own findings (`PRAGMA integrity_check`), without the final "ok".
    pub integrity: Vec<String>,
    /// Groups of client ids that share one BSN, lowest id first.
    pub duplicate_bsns: Vec<Vec<ClientId>>,
    pub log: Vec<LogProblem>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity.is_empty() && self.duplicate_bsns.is_empty() && self.log.is_empty()
    }
}

/// A read-only look at a database file, also one that the migration would refuse.
pub struct Checker {
    conn: Connection,
    /// The database's folder, to tell a full disk from other I/O failures.
    folder: std::path::PathBuf,
}

impl Checker {
    /// Open `path` read-only. Closing it never checkpoints the WAL, so the file is left
    /// exactly as it was found.
    pub fn open(path: &Path) -> Result<Checker> {
        let shown = path.display().to_string();
        let meta = std::fs::metadata(path)
            .map_err(|_| StoreError::Other(format!("{shown} bestaat niet")))?;
        if meta.is_dir() {
            return Err(StoreError::Other(format!(
                "{shown} is een map, geen databasebestand"
            )));
        }
        if meta.len() == 0 {
            return Err(StoreError::Corrupt(shown));
        }
        // A newer schema is no reason not to look: nothing is written.
        match migrations::check_header(path, meta.len()) {
            Ok(()) | Err(StoreError::NewerVersion { .. }) => {}
            Err(StoreError::Corrupt(_)) => return Err(StoreError::Corrupt(shown)),
            Err(e) => return Err(e),
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(StoreError::from)?;
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )?;
        conn.busy_timeout(super::BUSY_TIMEOUT)?;
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        Ok(Checker { conn, folder })
    }

    /// `PRAGMA integrity_check`: the problems SQLite finds (at most 100), none when the
    /// file is sound. `progress` gets an estimated percentage now and then. `Err` when
    /// the check could not run (busy, a full disk), which says nothing about the file.
    pub fn integrity(
        &mut self,
        progress: Option<Box<dyn FnMut(u8) + Send>>,
    ) -> Result<Vec<String>> {
        if let Some(mut report) = progress {
            let pages: i64 = self
                .conn
                .query_row("PRAGMA page_count", [], |r| r.get(0))
                .unwrap_or(1);
            let total = u64::try_from(pages).unwrap_or(1).max(1) * STEPS_PER_PAGE;
            let mut steps = 0u64;
            // Without a handler the check simply runs without a progress line.
            let _ = self.conn.progress_handler(
                PROGRESS_EVERY,
                Some(move || {
                    steps += PROGRESS_EVERY as u64;
                    let pct = (steps.saturating_mul(100) / total).min(99);
                    report(u8::try_from(pct).unwrap_or(99));
                    false
                }),
            );
        }
        let found = integrity_rows(&self.conn, "PRAGMA integrity_check(100)");
        let _ = self.conn.progress_handler(0, None::<fn() -> bool>);
        found.map_err(|e| super::diskfull::explain(e, &self.folder))
    }

    /// The quicker check the interface runs once a day in the background: every page
    /// and row is read, without comparing indexes to their tables.
    /// `Err` when the check could not run (busy), which says nothing about the file.
    pub fn quick(&self) -> Result<Vec<String>> {
        integrity_rows(&self.conn, "PRAGMA quick_check(100)")
            .map_err(|e| super::diskfull::explain(e, &self.folder))
    }

    /// Groups of residents that share a BSN (client ids, lowest first). Never the BSN.
    pub fn duplicate_bsns(&self) -> Result<Vec<Vec<ClientId>>> {
        super::duplicate_bsn_groups(&self.conn)
    }

    /// What is wrong with the access log, if anything.
    pub fn log_problems(&self) -> Result<Vec<LogProblem>> {
        let mut out = Vec::new();
        for name in ["access_log_no_update", "access_log_no_delete"] {
            let found: Option<String> = self
                .conn
                .query_row(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                    [name],
                    |r| r.get(0),
                )
                .map(Some)
                .or_else(|e| match e {
                    rusqlite::Error::QueryReturnedNoRows => Ok(None),
                    e => Err(e),
                })?;
            match found {
                None => out.push(LogProblem::TriggerMissing(name)),
                Some(sql) if Some(words(&sql)) != expected_trigger(name).map(|t| words(&t)) => {
                    out.push(LogProblem::TriggerAltered(name))
                }
                Some(_) => {}
            }
        }
        // The log is only ever appended to, so its numbers run 1, 2, 3, … without a gap.
        let (count, max): (i64, i64) = self.conn.query_row(
            "SELECT count(*), coalesce(max(id), 0) FROM access_log",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if max > count {
            out.push(LogProblem::Removed(max - count));
        }
        let back: i64 = self.conn.query_row(
            "SELECT count(*) FROM (
                 SELECT julianday(at) AS t, lag(julianday(at)) OVER (ORDER BY id) AS prev
                 FROM access_log)
             WHERE prev IS NOT NULL AND t < prev - ?1 / 24.0",
            [LOG_CLOCK_SLACK_HOURS],
            |r| r.get(0),
        )?;
        if back > 0 {
            out.push(LogProblem::OutOfOrder(back));
        }
        let unknown: i64 = self.conn.query_row(
            "SELECT count(*) FROM access_log l WHERE l.client IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM residents r WHERE r.id = l.client)",
            [],
            |r| r.get(0),
        )?;
        if unknown > 0 {
            out.push(LogProblem::UnknownResident(unknown));
        }
        Ok(out)
    }

    /// Everything `meedoen db check` looks at. A file too damaged for the other checks
    /// reports only SQLite's findings; a check that could not run at all is `Err`.
    pub fn run(&mut self, progress: Option<Box<dyn FnMut(u8) + Send>>) -> Result<CheckReport> {
        let mut integrity = self.integrity(progress)?;
        let duplicate_bsns = self.duplicate_bsns();
        let log = self.log_problems();
        Ok(match (duplicate_bsns, log) {
            (Ok(duplicate_bsns), Ok(log)) => CheckReport {
                integrity,
                duplicate_bsns,
                log,
            },
            (d, l) => {
                for e in [d.err(), l.err()].into_iter().flatten() {
                    match e {
                        StoreError::Damaged | StoreError::Corrupt(_) => integrity.push(
                            "SQLite brak de controle af: het bestand is beschadigd".to_string(),
                        ),
                        e => return Err(super::diskfull::explain(e, &self.folder)),
                    }
                }
                CheckReport {
                    integrity,
                    ..CheckReport::default()
                }
            }
        })
    }
}

/// The rows of an integrity or quick check, without the single "ok" of a sound file. A
/// check that SQLite breaks off because the file is damaged is a finding too; one that
/// could not run (busy, no memory) is an error.
fn integrity_rows(conn: &Connection, sql: &str) -> Result<Vec<String>> {
    let rows = conn.prepare(sql).and_then(|mut st| {
        st.query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<String>>>()
    });
    match rows.map_err(StoreError::from) {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => Ok(Vec::new()),
        Ok(rows) => Ok(rows),
        Err(StoreError::Damaged | StoreError::Corrupt(_)) => Ok(vec![
            "SQLite brak de controle af: het bestand is beschadigd".to_string(),
        ]),
        Err(e) => Err(e),
    }
}

/// The text of a trigger as the first migration made it.
fn expected_trigger(name: &str) -> Option<String> {
    let schema = MIGRATIONS.first()?;
    let start = schema.find(&format!("CREATE TRIGGER {name} "))?;
    let len = schema[start..].find("END;")?;
    Some(schema[start..start + len + "END".len()].to_string())
}

fn words(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Store {
    /// The check a command runs after writing (`PRAGMA quick_check`): the whole file up
    /// to `FULL_CHECK_UP_TO`, above that the tables in `written` with their indexes.
    /// `Err(Damaged)` when SQLite finds anything wrong.
    pub fn verify(&self, written: &[&str]) -> Result<()> {
        self.verify_up_to(written, FULL_CHECK_UP_TO)
    }

    /// `verify` with another limit for the whole-file check (tests use 0).
    pub fn verify_up_to(&self, written: &[&str], whole_up_to: u64) -> Result<()> {
        let Some(conn) = self.conn.as_sqlite() else {
            // PostgreSQL keeps its own pages whole (checksums, WAL); nothing to check here.
            return Ok(());
        };
        let size: i64 = conn.query_row(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            [],
            |r| r.get(0),
        )?;
        let mut found = Vec::new();
        if u64::try_from(size).unwrap_or(u64::MAX) <= whole_up_to {
            found = integrity_rows(conn, "PRAGMA quick_check(1)")?;
        } else {
            for table in written {
                // A table name cannot be a parameter; these are the store's own names.
                if !table.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                    return Err(StoreError::Other(format!("onbekende tabel {table}")));
                }
                found.extend(integrity_rows(
                    conn,
                    &format!("PRAGMA quick_check({table})"),
                )?);
            }
        }
        if found.is_empty() {
            Ok(())
        } else {
            Err(StoreError::Damaged)
        }
    }

    /// From now on refuse every change to the record with `Damaged`: the file is
    /// damaged and each write could spread the damage. Drafts, locks and the access log
    /// are still tried, so what is typed can be kept where that part still works.
    pub fn refuse_changes(&mut self) {
        self.damaged = true;
    }

    pub fn refuses_changes(&self) -> bool {
        self.damaged
    }

    pub(crate) fn refuse_if_damaged(&self) -> Result<()> {
        if self.damaged {
            Err(StoreError::Damaged)
        } else {
            Ok(())
        }
    }

    /// What `meedoen db check` looks at, on the open store: on a file the same as
    /// [`Checker::run`] (of the file this store has open); on PostgreSQL the schema
    /// version, the append-only triggers, the access log's numbering and dates, the
    /// residents it names, and residents sharing a BSN. The server keeps its pages whole
    /// itself, so there is no integrity check of its own.
    pub fn check(&self) -> Result<CheckReport> {
        if self.conn.as_sqlite().is_some() {
            let Some(path) = self.path() else {
                return Ok(CheckReport::default());
            };
            return Checker::open(&path)?.run(None);
        }
        let mut integrity = Vec::new();
        let version = self.schema_version()?;
        if version != super::migrations::known_version() {
            integrity.push(format!(
                "schemaversie {version}, dit programma kent {}",
                super::migrations::known_version()
            ));
        }
        let mut log = Vec::new();
        for name in [
            "access_log_no_update",
            "access_log_no_delete",
            "access_log_no_truncate",
        ] {
            let enabled: Option<bool> = self.conn.query_opt(
                "SELECT t.tgenabled <> 'D' FROM pg_trigger t
                 JOIN pg_class c ON c.oid = t.tgrelid
                 WHERE c.relname = 'access_log' AND c.relnamespace = current_schema()::regnamespace
                   AND t.tgname = ?1",
                super::db::params![name],
                |r| r.get(0),
            )?;
            match enabled {
                None => log.push(LogProblem::TriggerMissing(name)),
                Some(false) => log.push(LogProblem::TriggerAltered(name)),
                Some(true) => {}
            }
        }
        let (count, max): (i64, i64) = self.conn.query_row(
            "SELECT count(*), coalesce(max(id), 0) FROM access_log",
            super::db::params![],
            |r| r.try_into(),
        )?;
        if max > count {
            log.push(LogProblem::Removed(max - count));
        }
        let back: i64 = self.conn.query_row(
            "SELECT count(*) FROM (
                 SELECT CAST(at AS timestamp) AS t,
                        lag(CAST(at AS timestamp)) OVER (ORDER BY id) AS prev
                 FROM access_log) AS l
             WHERE prev IS NOT NULL AND t < prev - make_interval(hours => CAST(?1 AS INTEGER))",
            super::db::params![LOG_CLOCK_SLACK_HOURS as i64],
            |r| r.get(0),
        )?;
        if back > 0 {
            log.push(LogProblem::OutOfOrder(back));
        }
        let unknown: i64 = self.conn.query_row(
            "SELECT count(*) FROM access_log l WHERE l.client IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM residents r WHERE r.id = l.client)",
            super::db::params![],
            |r| r.get(0),
        )?;
        if unknown > 0 {
            log.push(LogProblem::UnknownResident(unknown));
        }
        Ok(CheckReport {
            integrity,
            duplicate_bsns: self.duplicate_bsn_groups()?,
            log,
        })
    }

    /// The database file this store has open (none in memory).
    pub fn path(&self) -> Option<std::path::PathBuf> {
        self.conn
            .as_sqlite()?
            .path()
            .filter(|p| !p.is_empty())
            .map(std::path::PathBuf::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_triggers_are_found_in_the_first_migration() {
        for name in ["access_log_no_update", "access_log_no_delete"] {
            let t = expected_trigger(name).unwrap_or_default();
            assert!(t.starts_with("CREATE TRIGGER") && t.ends_with("END"), "{t}");
        }
    }

    #[test]
    fn above_the_whole_file_limit_only_the_written_tables_are_checked() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("m.db");
        let (page, size) = {
            let mut store = Store::open(&path, "t").unwrap_or_else(|e| panic!("{e}"));
            store.log("proef", None).unwrap_or_else(|e| panic!("{e}"));
            let c = store
                .conn
                .as_sqlite()
                .unwrap_or_else(|| panic!("geen SQLite"));
            c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
                .unwrap_or_else(|e| panic!("{e}"));
            let page: i64 = c
                .query_row(
                    "SELECT rootpage FROM sqlite_master WHERE name = 'contacts'",
                    [],
                    |r| r.get(0),
                )
                .unwrap_or_else(|e| panic!("{e}"));
            let size: i64 = c
                .query_row("PRAGMA page_size", [], |r| r.get(0))
                .unwrap_or_else(|e| panic!("{e}"));
            (page, size)
        };
        let mut bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
        let at = usize::try_from((page - 1) * size).unwrap_or(0);
        bytes[at..at + 16].fill(0xA5);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
        let store = Store::open(&path, "t").unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(store.verify(&[]), Err(StoreError::Damaged)));
        assert!(store.verify_up_to(&["access_log"], 0).is_ok());
        assert!(matches!(
            store.verify_up_to(&["access_log", "contacts"], 0),
            Err(StoreError::Damaged)
        ));
    }

    #[test]
    fn a_fresh_database_has_no_log_problems_and_a_dropped_trigger_is_found() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("m.db");
        drop(Store::open(&path, "t").unwrap_or_else(|e| panic!("{e}")));
        let c = Checker::open(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.log_problems().ok(), Some(vec![]));
        let rw = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        rw.execute_batch("DROP TRIGGER access_log_no_delete")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            c.log_problems().ok(),
            Some(vec![LogProblem::TriggerMissing("access_log_no_delete")])
        );
    }
}
