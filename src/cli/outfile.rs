//! Where a command may write a file: never over the open database, its companion files,
//! another SQLite database, a folder or anything that is not a regular file.

use super::error::CliError;
use crate::domain::Lang;
use std::path::{Path, PathBuf};

/// The files SQLite keeps beside a database while it is open or being written.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// `--out -`: write to standard output instead of a file.
pub fn is_stdout(target: &Path) -> bool {
    target.as_os_str() == "-"
}

/// May a command write (by temp-and-rename) to `target` while `db` is the open database?
/// Refuses, with one line, the database itself or one of its companion files (also when
/// spelled differently, through a symlink or as a hard link), any existing SQLite
/// database, a folder, and anything that exists but is not a regular file (a device such
/// as a copy of /dev/null, a fifo, a socket, or a symlink to one). A missing file in an
/// existing folder is fine; a missing folder is reported by the writer.
/// `check_out_file` against the database the context names; with a database on a server
/// there is no local file to protect, but every other refusal stands.
pub fn check_out(ctx: &super::env::Context, target: &Path) -> Result<(), CliError> {
    match ctx.db_location()? {
        crate::store::Location::File(db) => check_out_file(target, &db, ctx.lang),
        crate::store::Location::Postgres(_) => check_target(target, Vec::new(), ctx.lang),
    }
}

pub fn check_out_file(target: &Path, db: &Path, lang: Lang) -> Result<(), CliError> {
    check_target(target, guarded_paths(db), lang)
}

/// The refusals of `check_out_file`, with the database's own files given as `guarded`.
fn check_target(target: &Path, guarded: Vec<PathBuf>, lang: Lang) -> Result<(), CliError> {
    let shown = target.display();
    let refuse = |nl: String, en: String| {
        Err(CliError::new(match lang {
            Lang::Nl => nl,
            Lang::En => en,
        }))
    };
    let the_database = || {
        refuse(
            format!("{shown} is de database zelf (of een bestand dat erbij hoort); kies een ander bestand om naar te schrijven."),
            format!("{shown} is the database itself (or one of its files); choose another file to write to."),
        )
    };
    // By name first: this opens nothing, and it covers a `-wal` that is not there yet.
    if let Some(t) = resolve(target) {
        if guarded.iter().any(|g| resolve(g).as_ref() == Some(&t)) {
            return the_database();
        }
    }
    // A dangling symlink is replaced like a missing file; what it names is left alone.
    let meta = match std::fs::metadata(target) {
        Ok(m) => m,
        Err(_) => return Ok(()),
    };
    if meta.is_dir() {
        return refuse(
            format!("{shown} is een map; geef de naam van een bestand in die map."),
            format!("{shown} is a folder; give the name of a file in it."),
        );
    }
    if !meta.is_file() {
        return refuse(
            format!("{shown} is geen gewoon bestand (maar bijvoorbeeld een apparaat of een pijp) en wordt niet vervangen; kies een ander bestand."),
            format!("{shown} is not a regular file (but for example a device or a pipe) and is not replaced; choose another file."),
        );
    }
    // Only now is the target opened (a fifo would block): a hard link to the database
    // has another name but the same file identity.
    if guarded
        .iter()
        .any(|g| same_file::is_same_file(target, g).unwrap_or(false))
    {
        return the_database();
    }
    if crate::export::starts_like_sqlite(target) {
        return refuse(
            format!("{shown} is een database en wordt niet overschreven; kies een ander bestand."),
            format!("{shown} is a database and is not overwritten; choose another file."),
        );
    }
    Ok(())
}

/// The database and its companion files, each under the name it was opened by and under
/// its resolved name: SQLite names the companions after the path it opened, and on Unix
/// it resolves a symlinked database first.
fn guarded_paths(db: &Path) -> Vec<PathBuf> {
    let mut spellings = vec![db.to_path_buf()];
    if let Ok(real) = std::fs::canonicalize(db) {
        spellings.push(real);
    }
    let mut guarded = Vec::new();
    for spelling in &spellings {
        guarded.push(spelling.clone());
        for suffix in COMPANIONS {
            let mut name = spelling.as_os_str().to_os_string();
            name.push(suffix);
            guarded.push(PathBuf::from(name));
        }
    }
    guarded
}

/// The absolute path a name stands for: the folder resolved (symlinks, `..`), then the
/// file name, itself resolved when it is an existing symlink.
fn resolve(path: &Path) -> Option<PathBuf> {
    let resolved = match std::fs::canonicalize(path) {
        Ok(real) => real,
        Err(_) => {
            let name = path.file_name()?;
            let parent = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            std::fs::canonicalize(parent).ok()?.join(name)
        }
    };
    // Windows file names ignore case: `TEST.DB-WAL` is the companion of `test.db`.
    #[cfg(windows)]
    let resolved = PathBuf::from(resolved.to_string_lossy().to_lowercase());
    Some(resolved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_lone_dash_means_standard_output() {
        assert!(is_stdout(Path::new("-")));
        assert!(!is_stdout(Path::new("./-")));
        assert!(!is_stdout(Path::new("-.pdf")));
    }
}
