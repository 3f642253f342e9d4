//! The store on SQLite or PostgreSQL: the only place with SQL. Migrations, residents,
//! contacts, drafts, measurements, signals, contracts, edit locks and the append-only
//! access log.

use crate::domain::contract::Contract;
use crate::domain::signals::{FiredSignal, Severity};
use crate::domain::Answers;
use chrono::{NaiveDate, NaiveDateTime};
use std::path::Path;

pub mod backup;
pub mod check;
mod contacts;
mod contracts;
pub mod db;
mod diskfull;
mod drafts;
mod locks;
mod log;
mod migrations;
pub mod netpath;
mod pg;
pub mod private;
mod reports;
mod residents;
pub mod search;
mod signals;
pub mod spool;

pub use db::Backend;
pub use log::AccessEntry;
pub use migrations::duplicate_bsn_groups;
pub use reports::{
    Movement, Report, WorklistCounts, WorklistCursor, WorklistPage, WorklistReason, WorklistRow,
};

pub use crate::domain::resident::{ClientId, ContactKind, Resident, ResidentStatus};
pub type ContactId = i64;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database was written by a newer meedoen; it is left untouched.
    #[error("Deze database is gemaakt met een nieuwere versie van meedoen (schema {found}, dit programma kent {known}). Werk meedoen bij; de database is niet aangeraakt.")]
    NewerVersion { found: i64, known: i64 },
    #[error("De map van de database bestaat niet: {0}")]
    MissingFolder(String),
    #[error("De database is alleen-lezen: {0}. Kies een plek waar u mag schrijven (--db).")]
    ReadOnly(String),
    #[error("De database staat op een netwerkschijf ({0}). SQLite is daar niet veilig te delen; zet de database op een lokale schijf van deze werkplek of de server.")]
    NetworkPath(String),
    #[error("De schijf is vol. Er is niets verloren: maak ruimte vrij en sla opnieuw op.")]
    DiskFull,
    #[error("De database is bezet door een andere werkplek. Probeer het zo opnieuw.")]
    Busy,
    #[error("Inwoner {0} bestaat niet.")]
    UnknownClient(ClientId),
    /// One BSN belongs to one resident: this one is already that of resident `.0`.
    #[error("Er is al een inwoner met dit BSN (nummer {0}); één BSN hoort bij één dossier, er is niets opgeslagen.")]
    BsnInUse(ClientId),
    /// Schema 3 makes the BSN unique; these groups of residents share one and must be
    /// merged first. Only client numbers: a BSN is never shown in a message.
    #[error("{}", duplicate_bsn_sentence(.0))]
    DuplicateBsn(Vec<Vec<ClientId>>),
    /// A colleague has this dossier open on screen (a fresh edit lock).
    #[error("Inwoner {client} is geopend door {staff} sinds {}; er is niets opgeslagen, probeer het opnieuw als het dossier gesloten is.", .since.format("%d-%m-%Y %H:%M"))]
    Locked {
        client: ClientId,
        staff: String,
        since: NaiveDateTime,
    },
    #[error("Dit is geen meedoen-database of het bestand is beschadigd: {0}")]
    Corrupt(String),
    /// A request the store refuses on purpose (a vastgesteld contract changed, an empty
    /// note); the text is a complete Dutch sentence.
    #[error("{0}")]
    Invalid(String),
    #[error("Databasefout: {0}")]
    Other(String),
    /// SQLite found the file damaged, during use or in a check: nothing more goes into
    /// it, and the way back is the latest backup.
    #[error("De database is beschadigd; werk er niet mee verder en zet de laatste reservekopie terug met `meedoen db restore` (meer in `meedoen db check`).")]
    Damaged,
    /// PostgreSQL: the connection was lost; the next call connects again.
    #[error("De verbinding met de databaseserver is verbroken; wat u invoerde is niet opgeslagen, probeer het zo opnieuw.")]
    Disconnected,
    /// PostgreSQL: no server answers at this address (host and port only).
    #[error("De databaseserver {0} is niet bereikbaar; controleer het adres en de netwerkverbinding, of vraag de beheerder.")]
    Unreachable(String),
    /// PostgreSQL: the server's certificate fails the check `sslmode` asks for.
    #[error("Het certificaat van de databaseserver {0} is niet te vertrouwen; vraag de beheerder om het juiste CA-certificaat (sslrootcert) of het juiste serveradres.")]
    Untrusted(String),
    /// PostgreSQL: wrong password or an unknown role.
    #[error("De databaseserver weigert de aanmelding; controleer gebruikersnaam en wachtwoord, of vraag de beheerder om een databaserol.")]
    LoginRefused,
    /// PostgreSQL: backups are the server's (`pg_dump`), not meedoen's.
    #[error("Een PostgreSQL-database krijgt zijn reservekopie met pg_dump en wordt teruggezet met pg_restore (door de beheerder); meedoen db backup en db restore werken alleen met een SQLite-bestand.")]
    ServerBackup,
    /// PostgreSQL: the role lacks a grant.
    #[error("Uw databaserol mag dit niet; vraag de beheerder om u lid te maken van de groep meedoen_medewerker.")]
    NotAllowed,
}

/// Where the record is: a SQLite file, or a PostgreSQL database by URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    File(std::path::PathBuf),
    Postgres(String),
}

impl Location {
    /// `postgresql://…` or `postgres://…` is a server; anything else is a file.
    pub fn parse(s: &str) -> Location {
        let lower = s.trim_start().to_ascii_lowercase();
        if lower.starts_with("postgresql://") || lower.starts_with("postgres://") {
            Location::Postgres(s.trim().to_string())
        } else {
            Location::File(std::path::PathBuf::from(s))
        }
    }
}

/// A PostgreSQL URL as it may be shown or used as a name: without its password.
pub fn pg_display(url: &str) -> String {
    let Some(start) = url.find("://").map(|i| i + 3) else {
        return url.to_string();
    };
    let rest = &url[start..];
    let host_end = rest.find(['/', '?']).unwrap_or(rest.len());
    match rest[..host_end].rfind('@') {
        Some(at) => {
            let user = rest[..at].split(':').next().unwrap_or("");
            format!("{}{user}{}", &url[..start], &rest[at..])
        }
        None => url.to_string(),
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

fn duplicate_bsn_sentence(groups: &[Vec<ClientId>]) -> String {
    let groups: Vec<String> = groups
        .iter()
        .map(|g| {
            let ids: Vec<String> = g.iter().map(ClientId::to_string).collect();
            match ids.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} en {last}", rest.join(", ")),
                _ => ids.join(""),
            }
        })
        .collect();
    format!(
        "Deze database is niet bijgewerkt en niet gewijzigd: dossiers met hetzelfde BSN (inwoners {}) moeten eerst worden samengevoegd of verbeterd, met de vorige versie van meedoen.",
        groups.join("; ")
    )
}

/// Search result / list row.
#[derive(Debug, Clone, PartialEq)]
pub struct ResidentRow {
    pub id: ClientId,
    pub first_names: String,
    pub surname: String,
    pub birth_date: Option<NaiveDate>,
    pub bsn: Option<String>,
    pub last_contact: Option<NaiveDate>,
    pub current_rung: Option<u8>,
}

/// The identity part of a resident, taken from the `persoon.*` answers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewResident {
    pub first_names: String,
    pub surname: String,
    pub birth_date: Option<NaiveDate>,
    pub bsn: Option<String>,
    pub phone: String,
    pub email: String,
}

/// A ladder measurement stored with a contact.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    pub date: NaiveDate,
    pub computed: u8,
    pub explanation: String,
    pub chosen: u8,
    /// Required when `chosen != computed`.
    pub override_reason: Option<String>,
    pub expected: Option<u8>,
    pub horizon_months: Option<u32>,
}

pub struct NewContact<'a> {
    pub client: ClientId,
    pub date: NaiveDate,
    pub kind: ContactKind,
    pub form_id: &'a str,
    pub form_version: u32,
    pub form_hash: &'a str,
    /// The form definition text, kept so an old intake stays readable.
    pub form_source: &'a str,
    /// Only visible answers (data minimisation).
    pub answers: &'a Answers,
    pub measurement: Option<Measurement>,
    pub signals: &'a [FiredSignal],
}

#[derive(Debug, Clone, PartialEq)]
pub struct ContactSummary {
    pub id: ContactId,
    pub date: NaiveDate,
    pub kind: ContactKind,
    pub staff: String,
    pub rung: Option<u8>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredContact {
    pub summary: ContactSummary,
    pub form_id: String,
    pub form_version: u32,
    pub form_hash: String,
    pub answers: Answers,
}

/// A stored signal (open or handled).
#[derive(Debug, Clone, PartialEq)]
pub struct SignalRow {
    pub id: i64,
    pub client: ClientId,
    /// Resident's display name; only filled by the all-residents list.
    pub client_name: String,
    pub kind: String,
    pub severity: Severity,
    pub raised: NaiveDate,
    pub deadline: NaiveDate,
    pub handled: Option<(NaiveDateTime, String, String)>,
}

/// What a draft is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftKind {
    Intake,
    Checkin,
    Contract,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub id: i64,
    pub client: Option<ClientId>,
    pub kind: DraftKind,
    pub staff: String,
    pub updated: NaiveDateTime,
    /// JSON written by the interface; the store does not look inside.
    pub payload: String,
    /// Short label for lists ("Jansen, P."), chosen by the interface.
    pub label: String,
}

/// Result of trying to take the edit lock of a resident.
#[derive(Debug, Clone, PartialEq)]
pub enum Lock {
    Acquired,
    /// Someone else is editing: who, on which workstation, since when.
    HeldBy {
        staff: String,
        workstation: String,
        since: NaiveDateTime,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredContract {
    pub id: i64,
    pub client: ClientId,
    pub contract: Contract,
    /// SHA-256 of the rendered document, once vastgesteld.
    pub document_hash: Option<String>,
}

/// The newest contract version of a resident in brief (for the dossier), read from its
/// columns without the contract itself.
#[derive(Debug, Clone, PartialEq)]
pub struct ContractSummary {
    pub id: i64,
    pub version: u32,
    pub status: crate::domain::contract::ContractStatus,
    pub agreed_on: Option<NaiveDate>,
    pub next_evaluation: Option<NaiveDate>,
}

/// Locks whose heartbeat is older than this are free to take (a crashed workstation).
pub const LOCK_STALE_SECS: i64 = 120;
/// Page cache during `bulk`, in KiB (negative: SQLite's unit for "KiB, not pages").
const BULK_CACHE_KIB: i64 = -65536;
/// How long a write waits for another workstation before giving up with `Busy`.
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// A database file this new (or empty) may still be being created by another
/// workstation: for this long, what reads as a damaged file is tried again.
const BEING_MADE: std::time::Duration = std::time::Duration::from_secs(1);

pub struct Store {
    conn: db::Db,
    staff: String,
    workstation: String,
    /// Inside `bulk_load`: one transaction that is thrown away whole on any error, so the
    /// single writes take no savepoints of their own.
    loading: bool,
    /// The file was found damaged: changes to the record are refused (see
    /// `refuse_changes`).
    damaged: bool,
}

impl Store {
    /// Open a file or a server, as `location` says. On PostgreSQL the staff member is
    /// the database role (`current_user`) and `staff` is not used.
    pub fn open_location(location: &Location, staff: &str) -> Result<Store> {
        match location {
            Location::File(path) => Store::open(path, staff),
            Location::Postgres(url) => Store::open_url(url),
        }
    }

    /// Connect to PostgreSQL and migrate (under an advisory lock, so two workstations
    /// starting at once do not both migrate).
    pub fn open_url(url: &str) -> Result<Store> {
        let conn = db::Db::postgres(url)?;
        migrations::migrate_pg(&conn)?;
        let staff: String =
            conn.query_row("SELECT current_user::text", db::params![], |r| r.get(0))?;
        Ok(Store {
            conn,
            staff,
            workstation: workstation_id(),
            loading: false,
            damaged: false,
        })
    }

    pub fn backend(&self) -> Backend {
        self.conn.backend()
    }

    /// Statements sent to the database so far (the benchmark's round trips).
    pub fn round_trips(&self) -> u64 {
        self.conn.round_trips()
    }

    /// Open (creating if needed) and migrate. Refuses a newer schema, a network path, a
    /// missing folder; sets WAL, synchronous=FULL, foreign keys and a busy timeout.
    ///
    /// The folder must exist: the caller creates the default data directory, but a path
    /// the user typed in a folder that does not exist is more likely a typo than a wish.
    pub fn open(path: &Path, staff: &str) -> Result<Store> {
        let shown = path.display().to_string();
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        if netpath::is_unc_path(&path.to_string_lossy()) {
            return Err(StoreError::NetworkPath(shown));
        }
        if !folder.is_dir() {
            return Err(StoreError::MissingFolder(folder.display().to_string()));
        }
        if let Some(fs) = netpath::network_fs_of(&folder) {
            return Err(StoreError::NetworkPath(format!("{shown}, {fs}")));
        }
        let existing = match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                return Err(StoreError::Other(format!(
                    "{shown} is een map, geen databasebestand"
                )))
            }
            Ok(m) => Some(m),
            Err(_) => None,
        };
        // Another workstation may be creating this file right now: its header and tables
        // are not all there yet, which reads as a foreign or damaged file for a moment.
        let being_made = existing.as_ref().is_none_or(|m| {
            m.len() == 0
                || m.modified()
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age < BEING_MADE)
        });
        if let Some(meta) = &existing {
            if !being_made {
                // Read the header ourselves first: a newer or foreign file is refused
                // before SQLite has had any chance to write to it.
                migrations::check_header(path, meta.len())?;
            }
            if meta.permissions().readonly() {
                return Err(StoreError::ReadOnly(shown));
            }
        }
        if folder_is_readonly(&folder) {
            // WAL needs to create its side files next to the database.
            return Err(StoreError::ReadOnly(folder.display().to_string()));
        }
        // Two workstations starting at the same moment on a new file: turning it to WAL
        // and creating the tables need it alone for an instant, and SQLite answers some
        // of those collisions with "busy" at once instead of waiting. Try again then.
        let started = std::time::Instant::now();
        loop {
            let opened = Store::open_connection(path, staff, &shown, being_made)
                .map_err(|e| diskfull::explain(e, &folder));
            match opened {
                Err(StoreError::Corrupt(_) | StoreError::Damaged)
                    if being_made && started.elapsed() < BEING_MADE =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(StoreError::Busy) if started.elapsed() < BUSY_TIMEOUT => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                result => {
                    // A half-made file seen on a try before is no damage of this one.
                    if result.is_ok() {
                        check::take_damage_seen();
                    }
                    return result;
                }
            }
        }
    }

    /// `open` once the path is known to be usable: SQLite, WAL, version check, migration.
    /// A file that was being made when `open` looked has its header checked here, on
    /// each try.
    fn open_connection(path: &Path, staff: &str, shown: &str, header: bool) -> Result<Store> {
        if let Some(meta) = std::fs::metadata(path).ok().filter(|_| header) {
            migrations::check_header(path, meta.len())?;
        }
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE
            | rusqlite::OpenFlags::SQLITE_OPEN_CREATE
            | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            rusqlite::Connection::open_with_flags(path, flags).map_err(|e| open_error(e, shown))?;
        // Until the schema version is known to be ours, closing must not checkpoint: a
        // newer program's change that sits only in the WAL would be copied into the file
        // that is being refused.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .map_err(|e| open_error(e, shown))?;
        if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
            return Err(StoreError::ReadOnly(shown.to_string()));
        }
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| open_error(e, shown))?;
        // Still read-only: the WAL may hold a newer schema than the header says.
        migrations::check_version(&conn).map_err(|e| reword_open(e, shown))?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(|e| open_error(e, shown))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Other(format!(
                "kan de database {shown} niet in WAL-modus zetten"
            )));
        }
        let mut store = Store::with_conn(conn, staff)?;
        migrations::migrate(sqlite_mut(&mut store.conn)?).map_err(|e| reword_open(e, shown))?;
        sqlite(&store.conn)?
            .set_db_config(
                rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
                false,
            )
            .map_err(|e| open_error(e, shown))?;
        Ok(store)
    }

    pub fn open_in_memory(staff: &str) -> Result<Store> {
        let conn = rusqlite::Connection::open_in_memory()?;
        let mut store = Store::with_conn(conn, staff)?;
        migrations::migrate(sqlite_mut(&mut store.conn)?)?;
        Ok(store)
    }

    fn with_conn(conn: rusqlite::Connection, staff: &str) -> Result<Store> {
        // temp_store=MEMORY: savepoint journals of a bulk load stay off the disk.
        conn.execute_batch(
            "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;",
        )?;
        // The bundled SQLite has STAT4, which re-plans (re-parses) a cached statement each
        // time its bound values change; a stable query plan keeps the cache useful.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        conn.set_prepared_statement_cache_capacity(64);
        Ok(Store {
            conn: db::Db::sqlite(conn),
            staff: staff.to_string(),
            workstation: workstation_id(),
            loading: false,
            damaged: false,
        })
    }

    pub fn staff(&self) -> &str {
        &self.staff
    }

    /// `hostname:pid`: two instances on one machine are two workstations.
    pub fn workstation(&self) -> &str {
        &self.workstation
    }

    pub fn schema_version(&self) -> Result<i64> {
        match self.conn.as_sqlite() {
            Some(c) => Ok(c.query_row("PRAGMA user_version", [], |r| r.get(0))?),
            None => migrations::pg_version(&self.conn),
        }
    }

    /// Run many saves in one transaction (the demo's 100,000 residents). Every method
    /// works inside it; a failure rolls the whole batch back.
    pub fn bulk<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f(self);
        }
        let Some(conn) = self.conn.as_sqlite() else {
            return self.bulk_inner(f);
        };
        // A big page cache keeps a long batch from spilling half-written index pages to
        // the WAL and reading them back; the normal small cache returns afterwards.
        let cache: i64 = conn
            .query_row("PRAGMA cache_size", [], |r| r.get(0))
            .unwrap_or(-2000);
        conn.pragma_update(None, "cache_size", BULK_CACHE_KIB)?;
        let result = self.bulk_inner(f);
        if let Some(conn) = self.conn.as_sqlite() {
            let _ = conn.pragma_update(None, "cache_size", cache);
        }
        result
    }

    /// `bulk` for filling a database nobody else has open (the demo): while it runs,
    /// pages are written once to the file instead of to the WAL and again at the
    /// checkpoint, and not flushed to disk until the end. A crash halfway leaves a
    /// database to throw away, so use it only on a new file. Refused (`Busy`) while
    /// another connection is open; WAL and `synchronous=FULL` return afterwards.
    ///
    /// All of `f` is one transaction, and an error from `f` rolls all of it back. The
    /// writes inside therefore skip their own savepoints (copying every page they touch
    /// to a statement journal cost about a tenth of the demo's time), so a write that
    /// fails must end `f` with its error.
    pub fn bulk_load<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f(self);
        }
        let Some(conn) = self.conn.as_sqlite() else {
            // PostgreSQL: one transaction, whose single writes skip their savepoints.
            self.loading = true;
            let result = self.bulk_inner(f);
            self.loading = false;
            return result;
        };
        let mode: String = conn.query_row("PRAGMA journal_mode=DELETE", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("delete") && !mode.eq_ignore_ascii_case("memory") {
            return Err(StoreError::Busy);
        }
        conn.pragma_update(None, "synchronous", "OFF")?;
        self.loading = true;
        let result = self.bulk(f);
        self.loading = false;
        let restored = sqlite(&self.conn)?
            .pragma_update(None, "synchronous", "FULL")
            .and_then(|()| {
                sqlite(&self.conn)
                    .map_err(|_| rusqlite::Error::InvalidQuery)?
                    .query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0))
            });
        let value = result?;
        restored?;
        Ok(value)
    }

    /// Several writes of one use case as one transaction (`BEGIN IMMEDIATE`, or a
    /// savepoint inside another), so what they check still holds when they write: no
    /// other workstation can write in between. Any error rolls all of it back.
    pub fn transaction<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        if self.loading {
            return f(self);
        }
        let outer = self.conn.is_autocommit();
        if outer {
            self.conn.begin_write()?;
        } else {
            self.conn.savepoint("usecase")?;
        }
        match f(self) {
            Ok(v) => {
                let end = if outer {
                    self.conn.commit()
                } else {
                    self.conn.release("usecase")
                };
                match end {
                    Ok(()) => Ok(v),
                    Err(e) => {
                        self.rollback();
                        Err(e.into())
                    }
                }
            }
            Err(e) => {
                if outer {
                    self.rollback();
                } else {
                    self.conn.rollback_to("usecase");
                }
                Err(e)
            }
        }
    }

    fn bulk_inner<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.conn.begin_write()?;
        match f(self) {
            Ok(v) => match self.conn.commit() {
                Ok(()) => Ok(v),
                Err(e) => {
                    self.rollback();
                    Err(e)
                }
            },
            Err(e) => {
                self.rollback();
                Err(e)
            }
        }
    }

    fn rollback(&self) {
        self.conn.rollback();
    }

    /// One write: its own `BEGIN IMMEDIATE` transaction, or a savepoint inside `bulk`, so
    /// a failed save never leaves half its rows behind.
    fn write<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        self.write_inner(f).map_err(|e| self.explain_io(e))
    }

    /// An I/O failure while the database's disk is full is said as a full disk.
    fn explain_io(&self, e: StoreError) -> StoreError {
        let folder = self
            .path()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| std::path::PathBuf::from("."));
        diskfull::explain(e, &folder)
    }

    fn write_inner<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        if self.loading {
            f(self)
        } else if self.conn.is_autocommit() {
            self.conn.begin_write()?;
            match f(self) {
                Ok(v) => match self.conn.commit() {
                    Ok(()) => Ok(v),
                    Err(e) => {
                        self.rollback();
                        Err(e)
                    }
                },
                Err(e) => {
                    self.rollback();
                    Err(e)
                }
            }
        } else {
            self.conn.savepoint("write")?;
            match f(self) {
                Ok(v) => {
                    self.conn.release("write")?;
                    Ok(v)
                }
                Err(e) => {
                    self.conn.rollback_to("write");
                    Err(e)
                }
            }
        }
    }
}

/// The SQLite connection of a store that was just opened as a file.
fn sqlite(conn: &db::Db) -> Result<&rusqlite::Connection> {
    conn.as_sqlite()
        .ok_or_else(|| StoreError::Other("dit kan alleen met een SQLite-bestand".to_string()))
}

fn sqlite_mut(conn: &mut db::Db) -> Result<&mut rusqlite::Connection> {
    conn.as_sqlite_mut()
        .ok_or_else(|| StoreError::Other("dit kan alleen met een SQLite-bestand".to_string()))
}

fn folder_is_readonly(folder: &Path) -> bool {
    // On Windows the read-only attribute of a folder means nothing to file creation.
    cfg!(unix)
        && std::fs::metadata(folder)
            .map(|m| m.permissions().readonly())
            .unwrap_or(false)
}

/// `hostname:pid`; a second `Store` in the same process gets `hostname:pid/2`, so its
/// locks are its own.
fn workstation_id() -> String {
    static INSTANCES: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = INSTANCES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let base = host_and_pid();
    if n == 0 {
        base
    } else {
        format!("{base}/{}", n + 1)
    }
}

fn host_and_pid() -> String {
    let host = std::env::var("COMPUTERNAME")
        .ok()
        .or_else(|| {
            std::fs::read_to_string("/proc/sys/kernel/hostname")
                .ok()
                .map(|s| s.trim().to_string())
        })
        .or_else(|| std::env::var("HOSTNAME").ok())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "onbekend".to_string());
    format!("{host}:{}", std::process::id())
}

pub(crate) fn now_local() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

pub(crate) fn fmt_datetime(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

pub(crate) fn parse_datetime(s: &str) -> Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .map_err(|_| StoreError::Corrupt(format!("onleesbaar tijdstip in de database: {s}")))
}

pub(crate) fn fmt_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn parse_date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("onleesbare datum in de database: {s}")))
}

pub(crate) fn parse_opt_date(s: Option<String>) -> Result<Option<NaiveDate>> {
    s.map(|s| parse_date(&s)).transpose()
}

/// Errors while opening name the file, so the message tells the user which one.
fn open_error(e: rusqlite::Error, shown: &str) -> StoreError {
    reword_open(e.into(), shown)
}

fn reword_open(e: StoreError, shown: &str) -> StoreError {
    match e {
        StoreError::ReadOnly(_) => StoreError::ReadOnly(shown.to_string()),
        StoreError::Corrupt(_) => StoreError::Corrupt(shown.to_string()),
        StoreError::Other(msg) => StoreError::Other(format!("{shown}: {msg}")),
        other => other,
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match &e {
            rusqlite::Error::SqliteFailure(f, msg) => match f.code {
                C::DiskFull => StoreError::DiskFull,
                C::DatabaseBusy | C::DatabaseLocked => StoreError::Busy,
                C::ReadOnly => StoreError::ReadOnly("schrijven is geweigerd".to_string()),
                C::NotADatabase => {
                    // In use, this is the file overwritten under the program's feet.
                    check::note_damage();
                    StoreError::Corrupt("geen SQLite-bestand".to_string())
                }
                C::DatabaseCorrupt => {
                    check::note_damage();
                    StoreError::Damaged
                }
                C::CannotOpen | C::SystemIoFailure if diskfull::last_error_is_full() => {
                    StoreError::DiskFull
                }
                C::CannotOpen => StoreError::Other(diskfull::CANNOT_OPEN.to_string()),
                C::PermissionDenied => {
                    StoreError::ReadOnly("geen toestemming om te schrijven".to_string())
                }
                C::SystemIoFailure => StoreError::Other(diskfull::IO_FAILED.to_string()),
                _ => StoreError::Other(
                    msg.clone()
                        .unwrap_or_else(|| format!("SQLite-fout {}", f.extended_code)),
                ),
            },
            rusqlite::Error::QueryReturnedNoRows => {
                StoreError::Other("het gevraagde gegeven bestaat niet".to_string())
            }
            rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::IntegralValueOutOfRange(..) => {
                StoreError::Corrupt(format!("onverwachte waarde in de database ({e})"))
            }
            _ => StoreError::Other(e.to_string()),
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(format!("opgeslagen gegevens zijn onleesbaar ({e})"))
    }
}
