//! Backups and restores of a database file with SQLite's online backup API, and the daily
//! backup kept in a `backups` folder.

use super::{migrations, Result, StoreError};
use chrono::NaiveDate;
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `db backup` and `db restore` are for a SQLite file; on a server they refuse with
/// `ServerBackup`, which points to `pg_dump` and `pg_restore`.
pub fn refuse_on_server(location: &super::Location) -> Result<()> {
    match location {
        super::Location::File(_) => Ok(()),
        super::Location::Postgres(_) => Err(StoreError::ServerBackup),
    }
}

/// Pages copied per step: 4 MiB at SQLite's default page size, so progress moves on a big
/// file.
const PAGES_PER_STEP: i32 = 1024;
/// Days of daily backups kept when nothing else is configured.
pub const DEFAULT_KEEP: usize = 14;
/// A temporary file of today's backup written to this recently means another program is
/// making it; no need for a second copy.
const BEING_MADE: Duration = Duration::from_secs(30);
/// A temporary file of a backup older than this was left by a killed program.
const STALE_TEMP: Duration = Duration::from_secs(3600);
/// The tables every meedoen database has from its first schema on.
const MEEDOEN_TABLES: &[&str] = &["residents", "contacts", "access_log"];

/// How far a backup or restore is: pages copied out of all pages.
pub type ProgressFn<'a> = &'a mut dyn FnMut(u64, u64);

/// Write a consistent copy of the database at `db` to `out`, which must not exist yet.
/// Colleagues keep writing meanwhile: the copy is of one moment (a read transaction held
/// over all steps), and in WAL mode a reader never blocks a writer. The copy is made under
/// a temporary name beside `out`, checked (`integrity_check`, schema version), and only
/// then given its name; it is readable by the owner only where the platform allows.
pub fn backup(db: &Path, out: &Path, progress: ProgressFn<'_>) -> Result<()> {
    refuse_existing(out)?;
    let src = open_source(db)?;
    // Held over all steps: every step copies the same snapshot, so a colleague's save in
    // between neither restarts the copy nor makes it a mix of two moments.
    src.execute_batch("BEGIN")?;
    src.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    let result = write_checked(&src, out, progress);
    let _ = src.execute_batch("ROLLBACK");
    result
}

/// Make a new database at `to` (which must not exist, nor its `-wal`, `-shm` or
/// `-journal`) from the backup `file`, after checking that it is a whole meedoen database
/// this program can open.
pub fn restore(file: &Path, to: &Path, progress: ProgressFn<'_>) -> Result<()> {
    for side in with_side_files(to) {
        refuse_existing(&side)?;
    }
    let src = open_source(file)?;
    src.execute_batch("BEGIN")?;
    let _ = src.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    let result = write_checked(&src, to, progress);
    let _ = src.execute_batch("ROLLBACK");
    result
}

/// The daily backup's settings: where backups go and how many are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyBackup {
    pub db: PathBuf,
    pub dir: PathBuf,
    /// 0: no daily backups.
    pub keep: usize,
    pub today: NaiveDate,
}

/// What the daily backup did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Daily {
    /// Switched off (`keep` is 0) or there is no database yet.
    Off,
    /// Today's backup was already there (or a colleague is just making it).
    Already,
    Made(PathBuf),
}

impl DailyBackup {
    /// The backup file of a day: `<database name>-JJJJ-MM-DD.db`, so a listing sorts by date.
    pub fn file_of(&self, day: NaiveDate) -> PathBuf {
        self.dir
            .join(format!("{}-{}.db", self.stem(), day.format("%Y-%m-%d")))
    }

    fn stem(&self) -> String {
        self.db
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "meedoen".to_string())
    }

    /// Make today's backup unless it is there, then remove the oldest beyond `keep`.
    pub fn run(&self) -> Result<Daily> {
        if self.keep == 0 || !self.db.is_file() {
            return Ok(Daily::Off);
        }
        let target = self.file_of(self.today);
        if target.exists() || self.being_made(&target) {
            return Ok(Daily::Already);
        }
        create_private_dir(&self.dir)?;
        let made = match backup(&self.db, &target, &mut |_, _| {}) {
            Ok(()) => Daily::Made(target),
            // Another workstation finished today's backup first.
            Err(_) if target.exists() => Daily::Already,
            Err(e) => return Err(e),
        };
        self.prune()?;
        Ok(made)
    }

    /// A colleague's program is making today's backup right now: its temporary file was
    /// written to a moment ago (one left by a killed program soon stops counting).
    fn being_made(&self, target: &Path) -> bool {
        let Some(prefix) = target
            .file_name()
            .map(|n| format!("{}.", n.to_string_lossy()))
        else {
            return false;
        };
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return false;
        };
        entries.flatten().any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(&prefix)
                && name.ends_with(".tmp")
                && e.metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age < BEING_MADE)
        })
    }

    /// Remove this database's daily backups beyond the newest `keep`, and temporary files
    /// that killed programs left behind. Other files in the folder are never touched.
    fn prune(&self) -> Result<()> {
        let prefix = format!("{}-", self.stem());
        let mut days: Vec<(String, PathBuf)> = Vec::new();
        let entries = std::fs::read_dir(&self.dir).map_err(|e| io_error(&self.dir, &e))?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if let Some(day) = name
                .strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(".db"))
                .filter(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
            {
                days.push((day.to_string(), path));
            } else if name.starts_with(&prefix) && is_stale_temp(&name, &path) {
                let _ = std::fs::remove_file(&path);
            }
        }
        days.sort();
        let excess = days.len().saturating_sub(self.keep);
        for (_, path) in days.into_iter().take(excess) {
            std::fs::remove_file(&path).map_err(|e| io_error(&path, &e))?;
        }
        Ok(())
    }
}

fn is_stale_temp(name: &str, path: &Path) -> bool {
    name.contains(".db.")
        && name.ends_with(".tmp")
        && std::fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMP)
}

/// Open a database file to copy from: read-only, so neither the copy nor its check writes
/// to it, and only after its header says it is SQLite with a schema this program knows.
fn open_source(path: &Path) -> Result<Connection> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, &e))?;
    if !meta.is_file() {
        return Err(StoreError::Invalid(format!(
            "{} is geen databasebestand.",
            path.display()
        )));
    }
    migrations::check_header(path, meta.len()).map_err(|e| match e {
        StoreError::Corrupt(_) => not_meedoen(path),
        StoreError::NewerVersion { found, known } => StoreError::Invalid(format!(
            "{} is gemaakt met een nieuwere versie van meedoen (schema {found}, dit programma kent {known}); werk meedoen eerst bij.",
            path.display()
        )),
        other => other,
    })?;
    if meta.len() == 0 {
        return Err(not_meedoen(path));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    Ok(conn)
}

fn not_meedoen(path: &Path) -> StoreError {
    StoreError::Invalid(format!(
        "{} is geen meedoen-database of is beschadigd.",
        path.display()
    ))
}

/// Copy `src` into a temporary file beside `out`, check the copy, and give it its name.
/// On any failure the temporary file is removed and `out` does not exist.
fn write_checked(src: &Connection, out: &Path, progress: ProgressFn<'_>) -> Result<()> {
    let temp = temp_beside(out)?;
    let result = copy_into(src, &temp, out, progress).and_then(|()| publish(&temp, out));
    for side in with_side_files(&temp) {
        let _ = std::fs::remove_file(side);
    }
    result
}

fn copy_into(src: &Connection, temp: &Path, out: &Path, progress: ProgressFn<'_>) -> Result<()> {
    let mut dst = Connection::open_with_flags(
        temp,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    {
        let copy = Backup::new(src, &mut dst)?;
        loop {
            let step = copy.step(PAGES_PER_STEP)?;
            let p = copy.progress();
            let total = u64::try_from(p.pagecount).unwrap_or(0);
            let left = u64::try_from(p.remaining).unwrap_or(0);
            progress(total.saturating_sub(left), total);
            match step {
                StepResult::Done => break,
                StepResult::More => {}
                // The source is read under a transaction of its own, so this only
                // happens while the destination is briefly locked.
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }
    // A copy of a WAL database says "WAL" in its header; a backup is one file on its own.
    dst.query_row("PRAGMA journal_mode=DELETE", [], |r| r.get::<_, String>(0))?;
    check_copy(&dst, out)?;
    drop(dst);
    // Opened for writing: Windows flushes only a handle with write access.
    std::fs::OpenOptions::new()
        .write(true)
        .open(temp)
        .and_then(|f| f.sync_all())
        .map_err(|e| io_error(temp, &e))
}

/// The copy is a whole, undamaged meedoen database of a schema this program knows.
fn check_copy(conn: &Connection, shown: &Path) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<std::result::Result<_, _>>()?;
    if problems != ["ok"] {
        return Err(StoreError::Invalid(format!(
            "De kopie voor {} is beschadigd (integrity_check); er is niets geschreven.",
            shown.display()
        )));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (?1, ?2, ?3)",
        [MEEDOEN_TABLES[0], MEEDOEN_TABLES[1], MEEDOEN_TABLES[2]],
        |r| r.get(0),
    )?;
    if version < 1 || tables != MEEDOEN_TABLES.len() as i64 {
        return Err(StoreError::Invalid(
            "Het bestand is geen meedoen-database; er is niets geschreven.".to_string(),
        ));
    }
    if version > migrations::known_version() {
        return Err(StoreError::Invalid(format!(
            "De database is van een nieuwere versie van meedoen (schema {version}, dit programma kent {}); werk meedoen eerst bij.",
            migrations::known_version()
        )));
    }
    Ok(())
}

/// Give the finished temporary file the name `out` without ever replacing a file that got
/// that name meanwhile: a hard link fails when the name exists, where a rename would not.
fn publish(temp: &Path, out: &Path) -> Result<()> {
    match std::fs::hard_link(temp, out) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(exists_error(out));
        }
        // A file system without hard links (FAT on a USB stick): look, then rename.
        Err(_) => {
            refuse_existing(out)?;
            std::fs::rename(temp, out).map_err(|e| io_error(out, &e))?;
        }
    }
    let _ = std::fs::remove_file(temp);
    sync_dir(out);
    Ok(())
}

#[cfg(unix)]
fn sync_dir(file: &Path) {
    // The new name itself must survive a power cut, not only the file's bytes.
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
}

#[cfg(not(unix))]
fn sync_dir(_file: &Path) {}

/// A new, empty temporary file beside `out`, readable by the owner only.
fn temp_beside(out: &Path) -> Result<PathBuf> {
    let name = out
        .file_name()
        .ok_or_else(|| StoreError::Invalid(format!("{} is geen bestandsnaam.", out.display())))?;
    let folder = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(StoreError::Invalid(format!(
            "De map {} bestaat niet.",
            folder.display()
        )));
    }
    let mut temp_name = name.to_os_string();
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp = out.with_file_name(temp_name);
    for side in with_side_files(&temp) {
        let _ = std::fs::remove_file(side);
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(&temp).map_err(|e| io_error(&temp, &e))?;
    Ok(temp)
}

fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|e| io_error(dir, &e))
}

fn with_side_files(path: &Path) -> [PathBuf; 4] {
    let side = |suffix: &str| {
        let mut name = path.as_os_str().to_os_string();
        name.push(suffix);
        PathBuf::from(name)
    };
    [
        path.to_path_buf(),
        side("-wal"),
        side("-shm"),
        side("-journal"),
    ]
}

fn refuse_existing(path: &Path) -> Result<()> {
    if std::fs::symlink_metadata(path).is_ok() {
        Err(exists_error(path))
    } else {
        Ok(())
    }
}

fn exists_error(path: &Path) -> StoreError {
    StoreError::Invalid(format!(
        "{} bestaat al; meedoen overschrijft hier nooit een bestand, kies een nieuwe naam.",
        path.display()
    ))
}

fn io_error(path: &Path, e: &std::io::Error) -> StoreError {
    use std::io::ErrorKind as K;
    let p = path.display();
    StoreError::Invalid(match e.kind() {
        K::NotFound => format!("{p} bestaat niet."),
        K::PermissionDenied => format!("Geen toestemming voor {p}."),
        K::StorageFull => format!("De schijf is vol bij {p}; maak ruimte vrij."),
        _ => format!("Kan {p} niet lezen of schrijven ({e})."),
    })
}
