//! Form definitions from `forms/*.toml`: loading with file-and-line problems, declarative
//! conditions, and validation of typed answers.

pub mod conditions;
pub mod intake;
pub mod model;
pub mod problem;
pub mod rules;
pub mod toml_read;
pub mod validate;

pub use model::*;
pub use problem::Problem;
pub use rules::{ContractTexts, LadderDef, RungDef};
pub use validate::FieldError;

use crate::domain::contract::SuggestionRule;
use crate::domain::ladder::LadderSettings;
use crate::domain::signals::SignalRule;
use crate::domain::werkdagen::Holidays;
use std::path::Path;
use std::sync::OnceLock;

/// The files of a forms folder, in the order they are loaded.
pub const FILES: [&str; 4] = [
    "intake.toml",
    "ladder.toml",
    "signals.toml",
    "contract.toml",
];

const BUILTIN_INTAKE: &str = include_str!("../../forms/intake.toml");
const BUILTIN_LADDER: &str = include_str!("../../forms/ladder.toml");
const BUILTIN_SIGNALS: &str = include_str!("../../forms/signals.toml");
const BUILTIN_CONTRACT: &str = include_str!("../../forms/contract.toml");

/// Everything in a forms folder: the intake form and the rule files.
#[derive(Debug, Clone)]
pub struct Forms {
    pub intake: FormDef,
    pub ladder: LadderDef,
    pub ladder_settings: LadderSettings,
    pub signals: Vec<SignalRule>,
    pub holidays: Holidays,
    pub suggestions: Vec<SuggestionRule>,
    pub contract_texts: ContractTexts,
}

/// The forms shipped inside the binary (`forms/` of the repository, embedded).
pub fn builtin() -> Forms {
    builtin_ref().clone()
}

/// The built-in forms, parsed once per process (about a millisecond) and shared.
pub fn builtin_ref() -> &'static Forms {
    static FORMS: OnceLock<Forms> = OnceLock::new();
    FORMS.get_or_init(|| {
        let loaded = load_sources(
            (Path::new("intake.toml"), Some(BUILTIN_INTAKE)),
            (Path::new("ladder.toml"), Some(BUILTIN_LADDER)),
            (Path::new("signals.toml"), Some(BUILTIN_SIGNALS)),
            (Path::new("contract.toml"), Some(BUILTIN_CONTRACT)),
        );
        match loaded {
            Ok(forms) => forms,
            // The shipped forms are checked by the tests; reaching this is a build mistake.
            Err(problems) => {
                panic!("{}", problem_list("de meegeleverde formulieren", &problems))
            }
        }
    })
}

/// Start parsing the built-in forms on another thread, so that a screen that needs them
/// later finds them ready (the start screen does not).
pub fn warm_builtin() {
    // Without a thread the first use parses them itself: slower, never wrong.
    let _ = std::thread::Builder::new().name("forms".into()).spawn(|| {
        builtin_ref();
    });
}

/// The forms in force: a folder's, read and checked before the program starts, or the
/// built-in ones, parsed on first use (see `warm_builtin`).
#[derive(Debug, Clone)]
pub enum FormsInForce {
    Folder(Box<Forms>),
    Builtin,
}

impl std::ops::Deref for FormsInForce {
    type Target = Forms;

    fn deref(&self) -> &Forms {
        match self {
            FormsInForce::Folder(forms) => forms,
            FormsInForce::Builtin => builtin_ref(),
        }
    }
}

impl From<Forms> for FormsInForce {
    fn from(forms: Forms) -> Self {
        FormsInForce::Folder(Box::new(forms))
    }
}

/// The intake form shipped inside the binary.
pub fn builtin_intake() -> FormDef {
    static INTAKE: OnceLock<FormDef> = OnceLock::new();
    INTAKE
        .get_or_init(|| {
            let file = Path::new("intake.toml");
            match intake::parse_intake(file, BUILTIN_INTAKE) {
                Ok(form) if intake::needed_problems(file, &form).is_empty() => form,
                Ok(form) => panic!(
                    "{}",
                    problem_list(
                        "het meegeleverde intakeformulier",
                        &intake::needed_problems(file, &form)
                    )
                ),
                // The shipped form is checked by the tests; reaching this is a build mistake.
                Err(problems) => panic!(
                    "{}",
                    problem_list("het meegeleverde intakeformulier", &problems)
                ),
            }
        })
        .clone()
}

/// Load and check every file of a forms folder (`intake.toml`, `ladder.toml`,
/// `signals.toml`, `contract.toml`). All problems are reported, not just the first.
pub fn load_dir(dir: &Path) -> Result<Forms, Vec<Problem>> {
    if !dir.is_dir() {
        return Err(vec![Problem {
            file: dir.to_path_buf(),
            line: 0,
            message: "deze map met formulieren bestaat niet".to_string(),
        }]);
    }
    let mut problems = Vec::new();
    let real_dir = std::fs::canonicalize(dir);
    let sources = FILES.map(|name| {
        let path = dir.join(name);
        let read = match &real_dir {
            Ok(real_dir) => read_form_file(real_dir, &path),
            Err(e) => Err(format!("dit bestand kan niet gelezen worden ({e})")),
        };
        match read {
            Ok(text) => (path, Some(text)),
            Err(message) => {
                problems.push(Problem {
                    file: path.clone(),
                    line: 0,
                    message,
                });
                (path, None)
            }
        }
    });
    let [intake, ladder, signals, contract] = sources;
    let loaded = load_sources(
        (&intake.0, intake.1.as_deref()),
        (&ladder.0, ladder.1.as_deref()),
        (&signals.0, signals.1.as_deref()),
        (&contract.0, contract.1.as_deref()),
    );
    match loaded {
        Ok(forms) if problems.is_empty() => Ok(forms),
        Ok(_) => Err(problems),
        Err(more) => {
            problems.extend(more);
            Err(problems)
        }
    }
}

/// The largest forms file that is read: the shipped ones are a few dozen KiB, and a file
/// of many megabytes is a mistake that would otherwise cost seconds and gigabytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The text of one file of the forms folder `real_dir` (already resolved), or the Dutch
/// sentence why not. Only a regular file that really lies inside the folder is read (a
/// symlink or `..` to elsewhere is not), and never more than `MAX_FILE_BYTES`.
fn read_form_file(real_dir: &Path, path: &Path) -> Result<String, String> {
    use std::io::{ErrorKind, Read};
    let unreadable = |e: std::io::Error| match e.kind() {
        ErrorKind::NotFound => format!(
            "dit bestand ontbreekt; een map met formulieren heeft {} nodig",
            FILES.join(", ")
        ),
        _ => format!("dit bestand kan niet gelezen worden ({e})"),
    };
    let real = std::fs::canonicalize(path).map_err(unreadable)?;
    if !real.starts_with(real_dir) {
        return Err(format!(
            "dit bestand verwijst naar {}, buiten de map met formulieren; zet het bestand zelf in de map",
            real.display()
        ));
    }
    let meta = std::fs::metadata(&real).map_err(unreadable)?;
    // A fifo or a device would block or never end; it is not opened at all.
    if !meta.is_file() {
        return Err(
            "dit is geen gewoon bestand; zet er het formulierbestand zelf neer".to_string(),
        );
    }
    let too_big = || {
        format!(
            "dit bestand is groter dan 1 MiB ({} bytes); een formulier is veel kleiner, controleer of dit het goede bestand is",
            meta.len()
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(&real)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    // It grew while it was being read.
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big());
    }
    String::from_utf8(bytes)
        .map_err(|_| "dit bestand is geen UTF-8-tekst; sla het op als UTF-8".to_string())
}

/// Every problem of a forms folder (empty when it loads cleanly): for `meedoen forms check`.
pub fn check_dir(dir: &Path) -> Vec<Problem> {
    load_dir(dir).err().unwrap_or_default()
}

/// The forms to use: an explicit `--forms DIR`, else `<config_dir>/forms` when that
/// folder exists (a municipality's own version), else the shipped forms.
pub fn resolve(explicit: Option<&Path>, config_dir: Option<&Path>) -> Result<Forms, Vec<Problem>> {
    resolve_in_force(explicit, config_dir).map(|forms| match forms {
        FormsInForce::Folder(forms) => *forms,
        FormsInForce::Builtin => builtin(),
    })
}

/// `resolve` without parsing the built-in forms yet: a folder is read and checked now (its
/// problems must be known before the program starts), the built-in forms on first use.
pub fn resolve_in_force(
    explicit: Option<&Path>,
    config_dir: Option<&Path>,
) -> Result<FormsInForce, Vec<Problem>> {
    if let Some(dir) = explicit {
        return load_dir(dir).map(FormsInForce::from);
    }
    if let Some(config) = config_dir {
        let dir = config.join("forms");
        if dir.is_dir() {
            return load_dir(&dir).map(FormsInForce::from);
        }
    }
    Ok(FormsInForce::Builtin)
}

type Source<'a> = (&'a Path, Option<&'a str>);

/// Parse the four files; a missing one (`None`) is skipped, its problem already reported.
/// The rule files are checked against whatever part of the intake loaded, so that one
/// run shows the mistakes of every file.
fn load_sources(
    intake_src: Source<'_>,
    ladder_src: Source<'_>,
    signals_src: Source<'_>,
    contract_src: Source<'_>,
) -> Result<Forms, Vec<Problem>> {
    let mut problems = Vec::new();
    let form = match intake_src.1 {
        Some(text) => {
            let (form, p) = intake::parse_intake_lenient(intake_src.0, text);
            // The questions the program relies on are checked on a cleanly read form only:
            // on a partly read one they would repeat a mistake already reported above.
            let clean = p.is_empty();
            problems.extend(p);
            if let Some(form) = form.as_ref().filter(|_| clean) {
                problems.extend(intake::needed_problems(intake_src.0, form));
            }
            form
        }
        None => None,
    };
    let ladder = ladder_src
        .1
        .and_then(|text| collect(rules::parse_ladder(ladder_src.0, text), &mut problems));
    let signals = match (signals_src.1, &form) {
        (Some(text), Some(form)) => collect(
            rules::parse_signals(signals_src.0, text, form),
            &mut problems,
        ),
        _ => None,
    };
    let contract = match (contract_src.1, &form) {
        (Some(text), Some(form)) => {
            let ids: Vec<String> = match (&signals, signals_src.1) {
                (Some((rules, _)), _) => rules.iter().map(|r| r.id.clone()).collect(),
                (None, Some(text)) => guess_signal_ids(text),
                (None, None) => Vec::new(),
            };
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            collect(
                rules::parse_contract(contract_src.0, text, form, &ids),
                &mut problems,
            )
        }
        _ => None,
    };
    match (form, ladder, signals, contract) {
        (
            Some(intake),
            Some((ladder, ladder_settings)),
            Some((signals, holidays)),
            Some((suggestions, contract_texts)),
        ) if problems.is_empty() => Ok(Forms {
            intake,
            ladder,
            ladder_settings,
            signals,
            holidays,
            suggestions,
            contract_texts,
        }),
        _ => {
            problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
            Err(problems)
        }
    }
}

fn collect<T>(result: Result<T, Vec<Problem>>, problems: &mut Vec<Problem>) -> Option<T> {
    match result {
        Ok(v) => Some(v),
        Err(p) => {
            problems.extend(p);
            None
        }
    }
}

/// The `id`s of the tables in a signals file that did not load, so the contract file can
/// still be checked for its references to signals.
fn guess_signal_ids(text: &str) -> Vec<String> {
    let Ok(table) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    table
        .values()
        .filter_map(toml::Value::as_array)
        .flatten()
        .filter_map(|v| v.get("id").and_then(toml::Value::as_str))
        .map(str::to_string)
        .collect()
}

fn problem_list(what: &str, problems: &[Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(Problem::to_string).collect();
    format!("{what} klopt niet:\n{}", lines.join("\n"))
}
