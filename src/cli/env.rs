//! Where things live and who is working: platform folders, the database path, the staff
//! member, "today", and which forms folder is in force.

use super::args::{GlobalOpts, LangArg};
use super::error::CliError;
use crate::domain::Lang;
use crate::forms::{self, Forms};
use crate::store::Location;
use chrono::NaiveDate;
use directories::ProjectDirs;
use std::path::{Path, PathBuf};

/// Name of the real database in the data folder.
pub const DB_FILE: &str = "meedoen.db";
/// Name of the demo database in the data folder.
pub const DEMO_DB_FILE: &str = "demo.db";
/// Environment variable naming the database (the `--db` flag wins).
pub const DB_ENV: &str = "MEEDOEN_DB";
/// Hidden override of "today", so tests and demos can pin the date.
pub const TODAY_ENV: &str = "MEEDOEN_TODAY";

/// The platform folders: Linux `~/.local/share/meedoen` and `~/.config/meedoen`; Windows
/// `%APPDATA%\meedoen\meedoen\data` and `…\config`.
pub fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("nl", "meedoen", "meedoen")
}

pub fn data_dir() -> Option<PathBuf> {
    project_dirs().map(|p| p.data_dir().to_path_buf())
}

pub fn config_dir() -> Option<PathBuf> {
    project_dirs().map(|p| p.config_dir().to_path_buf())
}

/// The data folder, created when missing.
pub fn ensure_data_dir(lang: Lang) -> Result<PathBuf, CliError> {
    let dir = data_dir().ok_or_else(|| {
        CliError::new(tr(
            lang,
            "Er is geen gegevensmap voor deze gebruiker te vinden; geef de database op met --db.",
            "No data folder found for this user; give the database with --db.",
        ))
    })?;
    crate::store::private::create_dir_all(&dir).map_err(|e| {
        CliError::new(format!(
            "{} {}: {e}",
            tr(
                lang,
                "Kan de gegevensmap niet maken",
                "Cannot create the data folder"
            ),
            dir.display()
        ))
    })?;
    Ok(dir)
}

/// Pick the Dutch or English wording of a message.
pub fn tr(lang: Lang, nl: &str, en: &str) -> String {
    match lang {
        Lang::Nl => nl.to_string(),
        Lang::En => en.to_string(),
    }
}

/// Everything a command needs from the global options, resolved once.
#[derive(Debug, Clone)]
pub struct Context {
    /// `--db` as given on the command line.
    pub db_flag: Option<PathBuf>,
    /// `MEEDOEN_DB` from the environment.
    pub db_env: Option<PathBuf>,
    pub staff: String,
    /// `--user` as given, if it was (on PostgreSQL the role decides and a different name
    /// is refused).
    pub user_flag: Option<String>,
    pub lang: Lang,
    pub forms_dir: Option<PathBuf>,
    pub ascii: bool,
    pub today: NaiveDate,
}

impl Context {
    pub fn from_opts(g: &GlobalOpts) -> Result<Context, CliError> {
        let lang = match g.lang {
            Some(LangArg::En) => Lang::En,
            _ => Lang::Nl,
        };
        Ok(Context {
            db_flag: g.db.clone(),
            db_env: std::env::var_os(DB_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            staff: g
                .user
                .clone()
                .filter(|u| !u.trim().is_empty())
                .unwrap_or_else(os_user),
            user_flag: g.user.clone().filter(|u| !u.trim().is_empty()),
            lang,
            forms_dir: g.forms.clone(),
            ascii: g.ascii,
            today: today(lang)?,
        })
    }

    /// Where the record is: a PostgreSQL URL given with `--db`/`MEEDOEN_DB`, else the
    /// file of `db_path`.
    pub fn db_location(&self) -> Result<Location, CliError> {
        if let Some(given) = self.db_flag.as_ref().or(self.db_env.as_ref()) {
            if let Location::Postgres(url) = Location::parse(&given.to_string_lossy()) {
                return Ok(Location::Postgres(url));
            }
        }
        self.db_path().map(Location::File)
    }

    /// `--db`/`MEEDOEN_DB`, else `meedoen.db` in the (created) data folder.
    pub fn db_path(&self) -> Result<PathBuf, CliError> {
        match self.db_flag.as_ref().or(self.db_env.as_ref()) {
            Some(p) => Ok(p.clone()),
            None => Ok(ensure_data_dir(self.lang)?.join(DB_FILE)),
        }
    }

    /// The forms in force: `--forms DIR`, else `<config>/forms` when it exists, else the
    /// forms built into the program.
    pub fn load_forms(&self) -> Result<Forms, CliError> {
        self.forms_in_force().map(|forms| match forms {
            forms::FormsInForce::Folder(forms) => *forms,
            forms::FormsInForce::Builtin => forms::builtin(),
        })
    }

    /// The forms in force, without parsing the built-in ones yet (see
    /// `forms::resolve_in_force`); a broken forms folder is reported here.
    pub fn forms_in_force(&self) -> Result<forms::FormsInForce, CliError> {
        if let Some(dir) = &self.forms_dir {
            if !dir.is_dir() {
                return Err(CliError::new(format!(
                    "{} {}",
                    tr(
                        self.lang,
                        "De formulierenmap bestaat niet:",
                        "The forms folder does not exist:"
                    ),
                    dir.display()
                )));
            }
        }
        let config = config_dir();
        forms::resolve_in_force(self.forms_dir.as_deref(), config.as_deref()).map_err(|problems| {
            let dir = self
                .forms_dir_in_force()
                .unwrap_or_else(|| PathBuf::from("forms"));
            forms_problem_summary(&dir, &problems, self.lang)
        })
    }

    /// The forms folder that `forms check` without an argument looks at.
    pub fn forms_dir_in_force(&self) -> Option<PathBuf> {
        self.forms_dir
            .clone()
            .or_else(|| config_dir().map(|c| c.join("forms")).filter(|d| d.is_dir()))
    }
}

/// One line naming the first problem with its file and line, so a consultant can pass it
/// on as it is; the rest are one `forms check` away.
fn forms_problem_summary(dir: &Path, problems: &[forms::Problem], lang: Lang) -> CliError {
    let first = problems
        .first()
        .map(ToString::to_string)
        .unwrap_or_default();
    let more = problems.len().saturating_sub(1);
    CliError::new(match (lang, more) {
        (Lang::Nl, 0) => format!(
            "De formulieren in {} kloppen niet: {first} (controleer met `meedoen forms check {}`)",
            dir.display(),
            dir.display()
        ),
        (Lang::Nl, n) => format!(
            "De formulieren in {} kloppen niet: {first} (en nog {n}; bekijk alles met `meedoen forms check {}`)",
            dir.display(),
            dir.display()
        ),
        (Lang::En, 0) => format!(
            "The forms in {} are wrong: {first} (see `meedoen forms check {}`)",
            dir.display(),
            dir.display()
        ),
        (Lang::En, n) => format!(
            "The forms in {} are wrong: {first} (and {n} more; see `meedoen forms check {}`)",
            dir.display(),
            dir.display()
        ),
    })
}

/// The operating-system user (USER on Unix, USERNAME on Windows), else "onbekend".
pub fn os_user() -> String {
    ["USER", "USERNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "onbekend".to_string())
}

/// Today in local time, or the date in `MEEDOEN_TODAY` (ISO) when set.
pub fn today(lang: Lang) -> Result<NaiveDate, CliError> {
    match std::env::var(TODAY_ENV) {
        Ok(s) if !s.trim().is_empty() => parse_iso_date(&s, TODAY_ENV, lang),
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

/// A date option (`--date`, `--as-of`): ISO `JJJJ-MM-DD`, or `dd-mm-jjjj` as typed on screen.
pub fn parse_iso_date(input: &str, option: &str, lang: Lang) -> Result<NaiveDate, CliError> {
    let s = input.trim();
    // chrono's %Y also takes a sign (`+2025-01-01`); only digits are a date here.
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    let iso = matches!(parts.as_slice(), [y, m, d] if digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2));
    let dutch = matches!(parts.as_slice(), [d, m, y] if digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4));
    let parsed = if iso {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    } else if dutch {
        NaiveDate::parse_from_str(s, "%d-%m-%Y").ok()
    } else {
        None
    };
    parsed.ok_or_else(|| {
        CliError::new(match lang {
                Lang::Nl => format!(
                    "{option}: \"{s}\" is geen geldige datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2025-03-01."
                ),
                Lang::En => format!(
                    "{option}: \"{s}\" is not a valid date; use YYYY-MM-DD, for example 2025-03-01."
                ),
            })
        })
}

/// Append one line to the technical log in the data folder (never personal data: callers
/// pass only places and kinds of failure). Returns the log's path when it was written.
pub fn append_log(line: &str) -> Option<PathBuf> {
    use std::io::Write;
    let dir = data_dir()?;
    crate::store::private::create_dir_all(&dir).ok()?;
    // The same file the interface's crash hook writes to.
    let path = crate::tui::crash::log_path(&dir);
    let mut f = crate::store::private::options()
        .create(true)
        .append(true)
        .open(&path)
        .ok()?;
    let now = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
    writeln!(f, "{now} meedoen {}: {line}", env!("CARGO_PKG_VERSION")).ok()?;
    Some(path)
}
