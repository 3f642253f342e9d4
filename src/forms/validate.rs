//! Validation of answers against a form: typed input to values, required-when-visible,
//! ranges, exclusive options; Dutch (and English) messages.

use super::model::{FormDef, Lang, Question};
use crate::domain::{Answers, Facts, Value};
use chrono::NaiveDate;

/// One problem with one answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub question: String,
    pub kind: FieldErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldErrorKind {
    Required,
    BadDate,
    DateInFuture,
    BadMoney,
    BadInteger,
    OutOfRange { min: i64, max: i64 },
    TooLong { max: usize },
    BadBsn(crate::domain::bsn::BsnError),
    BadEmail,
    UnknownOption(String),
    ExclusiveCombined(String),
    WrongType,
    UnknownQuestion,
}

impl FieldError {
    /// One specific sentence, e.g. "Vul een datum in als dd-mm-jjjj, bijvoorbeeld 03-11-1985".
    pub fn message(&self, _lang: Lang) -> String {
        todo!("forms helper fills this in")
    }
}

/// A non-blocking remark (age under 18 or 67 and over).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub question: String,
    pub message_nl: String,
    pub message_en: String,
}

/// Turn what was typed into a field into a value. Empty input is `Ok(None)`.
/// For choice/multi/yesno the input is the option id(s) / "ja"/"nee".
pub fn parse_input(
    _q: &Question,
    _input: &str,
    _today: NaiveDate,
) -> Result<Option<Value>, FieldError> {
    todo!("forms helper fills this in")
}

/// Is the question shown (its section's and its own `show_if`)?
pub fn is_visible(_form: &FormDef, _question_id: &str, _facts: &Facts<'_>) -> bool {
    todo!("forms helper fills this in")
}

/// Check all answers: values of the right kind and range, required visible questions
/// answered, exclusive options alone. Errors in form order.
pub fn validate_all(_form: &FormDef, _answers: &Answers, _on: NaiveDate) -> Vec<FieldError> {
    todo!("forms helper fills this in")
}

/// Warnings that do not block saving.
pub fn warnings(_form: &FormDef, _answers: &Answers, _on: NaiveDate) -> Vec<Warning> {
    todo!("forms helper fills this in")
}

/// Only the answers to visible questions (data minimisation when saving).
pub fn visible_answers(_form: &FormDef, _answers: &Answers, _on: NaiveDate) -> Answers {
    todo!("forms helper fills this in")
}

/// Read the `answers` object of an answers file (cli.md): yesno as booleans, choice as
/// id, multi as array, integer as number, money as euros number or typed string, date ISO
/// or dd-mm-jjjj. Unknown ids, options or wrong kinds are errors naming the id; answers
/// to hidden questions are dropped.
pub fn parse_answers_json(
    _form: &FormDef,
    _answers: &serde_json::Map<String, serde_json::Value>,
    _on: NaiveDate,
) -> Result<Answers, Vec<FieldError>> {
    todo!("forms helper fills this in")
}
