//! `meedoen db check`: look at the database without changing it and say in a few lines
//! whether it is sound; and the check every write command runs after writing.

use super::env::{tr, Context};
use super::error::CliError;
use crate::domain::Lang;
use crate::store::check::{CheckReport, Checker, LogProblem};
use crate::store::Store;
use std::io::{IsTerminal, Write};

/// Below this size the check is over before a progress line would be read.
const PROGRESS_FROM_BYTES: u64 = 32 * 1024 * 1024;

/// How many of SQLite's own findings are printed; the first ones say enough.
const SHOWN_FINDINGS: usize = 5;

pub fn run(ctx: &Context, out: &mut dyn Write) -> Result<(), CliError> {
    let lang = ctx.lang;
    let path = match ctx.db_location()? {
        crate::store::Location::Postgres(url) => {
            // The server keeps its pages whole itself; the rest is checked on the open
            // database (schema, triggers, access log, shared BSNs).
            let store = ctx.open_server(&url)?;
            let report = store.check()?;
            let text = describe(&report, &crate::store::pg_display(&url), lang);
            out.write_all(text.as_bytes())
                .map_err(|e| CliError::new(format!("Schrijffout: {e}")))?;
            return verdict(&report, lang);
        }
        crate::store::Location::File(path) => path,
    };
    if !path.is_file() {
        return Err(CliError::new(match lang {
            Lang::Nl => format!("Er is geen database op {}.", path.display()),
            Lang::En => format!("There is no database at {}.", path.display()),
        }));
    }
    let mut checker = Checker::open(&path)?;
    let big = std::fs::metadata(&path).is_ok_and(|m| m.len() >= PROGRESS_FROM_BYTES);
    let show = big && std::io::stderr().is_terminal();
    let progress: Option<Box<dyn FnMut(u8) + Send>> = show.then(|| {
        let word = tr(lang, "Controleren", "Checking");
        let mut last = None;
        Box::new(move |pct: u8| {
            if last != Some(pct) {
                last = Some(pct);
                eprint!("\r{word}… {pct:>2}%");
                let _ = std::io::stderr().flush();
            }
        }) as Box<dyn FnMut(u8) + Send>
    });
    let report = checker.run(progress);
    if show {
        eprint!("\r{:20}\r", "");
    }
    let report = report?;
    let mut text = describe(&report, &path.display().to_string(), lang);
    text.push_str(&permissions_line(&path, lang));
    out.write_all(text.as_bytes())
        .map_err(|e| CliError::new(format!("Schrijffout: {e}")))?;
    verdict(&report, lang)
}

/// Exit 0 when all is well, else the one closing sentence.
fn verdict(report: &CheckReport, lang: Lang) -> Result<(), CliError> {
    if report.is_ok() {
        Ok(())
    } else {
        Err(CliError::new(tr(
            lang,
            "De database is niet in orde; hierboven staat wat er mis is (bij een beschadigd bestand: zet de laatste reservekopie terug met `meedoen db restore`).",
            "The database is not in order; what is wrong is listed above (for a damaged file: restore the latest backup with `meedoen db restore`).",
        )))
    }
}

/// Who may read the file: a warning when others than its owner can (a database made before
/// meedoen made its files private, or copied with `cp`). Not a failure: the record is
/// sound, only too open.
fn permissions_line(path: &std::path::Path, lang: Lang) -> String {
    if cfg!(not(unix)) {
        // Windows: the profile's ACL decides; nothing to read from mode bits.
        return String::new();
    }
    let mut line = String::new();
    for file in [
        path.to_path_buf(),
        std::path::PathBuf::from(format!("{}-wal", path.display())),
    ] {
        if let Some(bits) = crate::store::private::open_to_others(&file) {
            line.push_str(&match lang {
                Lang::Nl => format!(
                    "Rechten: WAARSCHUWING, {} is leesbaar of schrijfbaar voor anderen dan de eigenaar (bits {bits:03o}); maak het privé met: chmod 600 '{}'\n",
                    file.display(),
                    file.display()
                ),
                Lang::En => format!(
                    "Permissions: WARNING, {} can be read or written by others than its owner (bits {bits:03o}); make it private with: chmod 600 '{}'\n",
                    file.display(),
                    file.display()
                ),
            });
        }
    }
    if line.is_empty() {
        line = tr(
            lang,
            "Rechten: alleen de eigenaar\n",
            "Permissions: owner only\n",
        );
    }
    line
}

/// The report as printed: one line per part, SQLite's first findings indented.
pub fn describe(r: &CheckReport, shown: &str, lang: Lang) -> String {
    let nl = lang == Lang::Nl;
    let mut s = format!("Database: {shown}\n");
    let file = if nl { "Bestand" } else { "File" };
    if r.integrity.is_empty() {
        s.push_str(&format!(
            "{file}: {}\n",
            if nl { "in orde" } else { "in order" }
        ));
    } else {
        s.push_str(&match lang {
            Lang::Nl => format!(
                "{file}: BESCHADIGD, {} melding(en) van SQLite:\n",
                r.integrity.len()
            ),
            Lang::En => format!(
                "{file}: DAMAGED, {} finding(s) by SQLite:\n",
                r.integrity.len()
            ),
        });
        for line in r.integrity.iter().take(SHOWN_FINDINGS) {
            s.push_str(&format!("  {}\n", printable(line)));
        }
    }
    let bsn = if nl {
        "Dubbele BSN's"
    } else {
        "Duplicate BSNs"
    };
    if r.duplicate_bsns.is_empty() {
        s.push_str(&format!("{bsn}: {}\n", if nl { "geen" } else { "none" }));
    } else {
        let groups: Vec<String> = r
            .duplicate_bsns
            .iter()
            .map(|g| {
                g.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .collect();
        s.push_str(&match lang {
            Lang::Nl => format!(
                "{bsn}: {} keer hetzelfde BSN bij meer dossiers; voeg samen: inwoners {}\n",
                groups.len(),
                groups.join("; inwoners ")
            ),
            Lang::En => format!(
                "{bsn}: {} BSN(s) held by more than one dossier; merge: residents {}\n",
                groups.len(),
                groups.join("; residents ")
            ),
        });
    }
    let log = if nl { "Toegangslogboek" } else { "Access log" };
    if r.log.is_empty() {
        s.push_str(&format!(
            "{log}: {}\n",
            if nl { "in orde" } else { "in order" }
        ));
    } else {
        let parts: Vec<String> = r.log.iter().map(|p| log_problem(p, lang)).collect();
        s.push_str(&format!("{log}: {}\n", parts.join("; ")));
    }
    s.push_str(if r.is_ok() {
        if nl {
            "Alles in orde.\n"
        } else {
            "All is well.\n"
        }
    } else if nl {
        "Niet in orde.\n"
    } else {
        "Not in order.\n"
    });
    s
}

fn log_problem(p: &LogProblem, lang: Lang) -> String {
    match (p, lang) {
        (LogProblem::TriggerMissing(t), Lang::Nl) => {
            format!("de beveiliging tegen wijzigen ({t}) ontbreekt")
        }
        (LogProblem::TriggerMissing(t), Lang::En) => {
            format!("the protection against changes ({t}) is missing")
        }
        (LogProblem::TriggerAltered(t), Lang::Nl) => {
            format!("de beveiliging tegen wijzigen ({t}) is veranderd")
        }
        (LogProblem::TriggerAltered(t), Lang::En) => {
            format!("the protection against changes ({t}) was altered")
        }
        (LogProblem::Removed(n), Lang::Nl) => format!("{n} regel(s) verwijderd"),
        (LogProblem::Removed(n), Lang::En) => format!("{n} line(s) removed"),
        (LogProblem::OutOfOrder(n), Lang::Nl) => {
            format!("{n} regel(s) eerder gedateerd dan de regel ervoor")
        }
        (LogProblem::OutOfOrder(n), Lang::En) => {
            format!("{n} line(s) dated before the line above")
        }
        (LogProblem::UnknownResident(n), Lang::Nl) => {
            format!("{n} regel(s) over een inwoner die niet bestaat")
        }
        (LogProblem::UnknownResident(n), Lang::En) => {
            format!("{n} line(s) about a resident who does not exist")
        }
    }
}

/// SQLite's findings name pages and indexes, but come from a damaged file: nothing in
/// them may steer the terminal.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// After a command wrote to the database: a damaged file is said, with what to do, and
/// the command fails (exit 1) instead of reporting success.
/// `written`: the tables the command wrote, checked alone in a very big file (see
/// `Store::verify`).
pub fn verify_written(store: &Store, written: &[&str]) -> Result<(), CliError> {
    store.verify(written).map_err(CliError::from)
}
