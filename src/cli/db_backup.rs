//! `meedoen db backup` and `meedoen db restore`, and the daily backup's settings
//! (`MEEDOEN_BACKUP_DIR`, `MEEDOEN_BACKUP_KEEP`) as the commands and the interface use them.

use super::env::{append_log, tr, Context};
use super::error::CliError;
use crate::domain::Lang;
use crate::store::backup::{self, Daily, DailyBackup, DEFAULT_KEEP};
use chrono::NaiveDate;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Folder for the daily backups (default: `backups` beside the database).
pub const BACKUP_DIR_ENV: &str = "MEEDOEN_BACKUP_DIR";
/// How many daily backups are kept (default 14; 0 switches them off).
pub const BACKUP_KEEP_ENV: &str = "MEEDOEN_BACKUP_KEEP";
/// Below this many pages (16 MiB at 4 KiB a page) a copy is over before progress helps.
const PROGRESS_FROM_PAGES: u64 = 4096;

/// `meedoen db backup --out FILE`.
pub fn backup(ctx: &Context, file: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    refuse_stdout(file, "--out", ctx.lang)?;
    let db = existing_db(ctx)?;
    let mut progress = Progress::new(ctx.lang);
    let result = backup::backup(&db, file, &mut |done, total| progress.show(done, total));
    progress.finish();
    result.map_err(CliError::from)?;
    let _ = writeln!(
        out,
        "{}",
        match ctx.lang {
            Lang::Nl => format!(
                "Reservekopie van {} gemaakt: {}",
                db.display(),
                file.display()
            ),
            Lang::En => format!("Backup of {} written: {}", db.display(), file.display()),
        }
    );
    Ok(())
}

/// `meedoen db restore FILE --to NEW.db`.
pub fn restore(ctx: &Context, file: &Path, to: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    refuse_stdout(to, "--to", ctx.lang)?;
    let mut progress = Progress::new(ctx.lang);
    let result = backup::restore(file, to, &mut |done, total| progress.show(done, total));
    progress.finish();
    result.map_err(CliError::from)?;
    let _ = writeln!(
        out,
        "{}",
        match ctx.lang {
            Lang::Nl => format!(
                "Database {} gemaakt uit de reservekopie {}; open hem met --db {}.",
                to.display(),
                file.display(),
                to.display()
            ),
            Lang::En => format!(
                "Database {} made from the backup {}; open it with --db {}.",
                to.display(),
                file.display(),
                to.display()
            ),
        }
    );
    Ok(())
}

/// `-` is standard output for the other commands; a database is a file, never a stream on
/// a screen.
fn refuse_stdout(file: &Path, option: &str, lang: Lang) -> Result<(), CliError> {
    if file == Path::new("-") {
        return Err(CliError::new(match lang {
            Lang::Nl => format!(
                "{option} -: een database gaat naar een bestand, niet naar de standaarduitvoer; geef een bestandsnaam."
            ),
            Lang::En => format!(
                "{option} -: a database goes to a file, not to standard output; give a file name."
            ),
        }));
    }
    Ok(())
}

fn existing_db(ctx: &Context) -> Result<PathBuf, CliError> {
    if let crate::store::Location::Postgres(_) = ctx.db_location()? {
        return Err(CliError::from(crate::store::StoreError::ServerBackup));
    }
    let db = ctx.db_path()?;
    if db.is_file() {
        Ok(db)
    } else {
        Err(CliError::new(match ctx.lang {
            Lang::Nl => format!(
                "Er is geen database op {}; geef de database op met --db.",
                db.display()
            ),
            Lang::En => format!(
                "There is no database at {}; give the database with --db.",
                db.display()
            ),
        }))
    }
}

/// The daily backup of the database at `db` as the settings say, or why the settings are
/// unusable (one sentence).
pub fn daily_plan(db: &Path, today: NaiveDate, lang: Lang) -> Result<DailyBackup, String> {
    let keep = match std::env::var(BACKUP_KEEP_ENV) {
        Ok(v) if !v.trim().is_empty() => v.trim().parse::<usize>().map_err(|_| {
            tr(
                lang,
                "MEEDOEN_BACKUP_KEEP moet een getal zijn (0 zet de dagelijkse reservekopie uit)",
                "MEEDOEN_BACKUP_KEEP must be a number (0 switches the daily backup off)",
            )
        })?,
        _ => DEFAULT_KEEP,
    };
    let dir = match std::env::var_os(BACKUP_DIR_ENV).filter(|v| !v.is_empty()) {
        Some(d) => PathBuf::from(d),
        None => match db.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.join("backups"),
            _ => PathBuf::from("backups"),
        },
    };
    Ok(DailyBackup {
        db: db.to_path_buf(),
        dir,
        keep,
        today,
    })
}

/// Make today's backup of `db` if it is not there yet; `None` when that worked or was not
/// needed, else a short sentence for the status line (also written to the technical log).
/// Never an error: a failed backup must not stop the day's work.
pub fn run_daily(db: &Path, today: NaiveDate, lang: Lang) -> Option<String> {
    let outcome =
        daily_plan(db, today, lang).and_then(|plan| plan.run().map_err(|e| e.to_string()));
    match outcome {
        Ok(Daily::Made(_) | Daily::Already | Daily::Off) => None,
        Err(why) => {
            let why = why.trim_end_matches('.');
            append_log(&format!("dagelijkse reservekopie mislukt: {why}"));
            Some(match lang {
                Lang::Nl => format!(
                    "De dagelijkse reservekopie is niet gelukt: {why}. Het werk gaat gewoon door."
                ),
                Lang::En => {
                    format!("The daily backup did not succeed: {why}. Work carries on as usual.")
                }
            })
        }
    }
}

/// A percentage on stderr while a big file is copied, only when a person watches.
struct Progress {
    lang: Lang,
    shown: Option<u64>,
    terminal: bool,
}

impl Progress {
    fn new(lang: Lang) -> Progress {
        Progress {
            lang,
            shown: None,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    fn show(&mut self, done: u64, total: u64) {
        if !self.terminal || total < PROGRESS_FROM_PAGES {
            return;
        }
        let percent = done.saturating_mul(100) / total.max(1);
        if self.shown != Some(percent) {
            self.shown = Some(percent);
            let word = tr(self.lang, "kopiëren", "copying");
            eprint!("\rmeedoen: {word} {percent:>3}%");
            let _ = std::io::stderr().flush();
        }
    }

    fn finish(&self) {
        if self.shown.is_some() {
            eprintln!();
        }
    }
}
