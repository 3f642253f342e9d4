//! Reading an answers file (`cli.md`): `{"form": "intake", "answers": {…}}` into typed
//! answers, with errors that name the file or the answer.

use super::env::tr;
use super::error::CliError;
use crate::domain::{Answers, Lang};
use crate::forms::validate::parse_answers_json;
use crate::forms::FormDef;
use chrono::NaiveDate;
use std::path::Path;

/// Read, parse and type the answers of `path` for `form`; answers to hidden questions are
/// dropped. `on` is the contact date (for the computed age in conditions).
pub fn read_answers(
    path: &Path,
    form: &FormDef,
    on: NaiveDate,
    lang: Lang,
) -> Result<Answers, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        CliError::new(match lang {
            Lang::Nl => format!(
                "Kan het antwoordbestand {} niet lezen: {}.",
                path.display(),
                io_reason_nl(&e)
            ),
            Lang::En => format!("Cannot read the answers file {}: {e}.", path.display()),
        })
    })?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        CliError::new(match lang {
            Lang::Nl => format!(
                "{} is geen geldige JSON (regel {}, kolom {}).",
                path.display(),
                e.line(),
                e.column()
            ),
            Lang::En => format!(
                "{} is not valid JSON (line {}, column {}).",
                path.display(),
                e.line(),
                e.column()
            ),
        })
    })?;
    let obj = json.as_object().ok_or_else(|| {
        CliError::new(format!(
            "{} {}",
            path.display(),
            tr(
                lang,
                "moet een JSON-object zijn met \"form\" en \"answers\".",
                "must be a JSON object with \"form\" and \"answers\"."
            )
        ))
    })?;
    if let Some(f) = obj.get("form") {
        match f.as_str() {
            Some(id) if id == form.id => {}
            _ => {
                // What it is instead is not repeated: it could be anything.
                return Err(CliError::new(match lang {
                    Lang::Nl => format!("{}: \"form\" moet \"{}\" zijn.", path.display(), form.id),
                    Lang::En => format!("{}: \"form\" must be \"{}\".", path.display(), form.id),
                }));
            }
        }
    }
    let answers = obj
        .get("answers")
        .and_then(|a| a.as_object())
        .ok_or_else(|| {
            CliError::new(format!(
                "{} {}",
                path.display(),
                tr(
                    lang,
                    "mist het object \"answers\" met de antwoorden.",
                    "lacks the \"answers\" object."
                )
            ))
        })?;
    parse_answers_json(form, answers, on).map_err(|errors| field_errors(&errors, lang))
}

/// One line per invalid answer: `id: message`.
pub fn field_errors(errors: &[crate::forms::FieldError], lang: Lang) -> CliError {
    CliError::many(
        errors
            .iter()
            .map(|e| format!("{}: {}", shown_id(&e.question), e.message(lang)))
            .collect(),
    )
}

/// A question id as it is shown: an unknown one comes from the file and may be any
/// length, so it is cut short.
fn shown_id(id: &str) -> String {
    const MAX: usize = 60;
    if id.chars().count() <= MAX {
        id.to_string()
    } else {
        format!("{}…", id.chars().take(MAX).collect::<String>())
    }
}

pub fn io_reason_nl(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "het bestand bestaat niet",
        PermissionDenied => "geen toestemming om het te lezen",
        InvalidData => "het is geen tekstbestand (UTF-8)",
        IsADirectory => "dat is een map, geen bestand",
        _ => "het lezen mislukte",
    }
}
