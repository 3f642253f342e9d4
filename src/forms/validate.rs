//! Validation of answers against a form: typed input to values, required-when-visible,
//! ranges, exclusive options; Dutch (and English) messages.

use super::model::{FormDef, Kind, Lang, Question};
use crate::domain::bsn::{parse_bsn, BsnError};
use crate::domain::date::{parse_date, DateError};
use crate::domain::facts::{age_on, BIRTH_DATE};
use crate::domain::money::{parse_cents, MoneyError, MAX_CENTS};
use crate::domain::text::is_unsafe_char;
use crate::domain::{Answers, Facts, Value};
use chrono::NaiveDate;

/// The question whose text answer must look like an e-mail address.
pub const EMAIL: &str = "persoon.email";
/// Below this age a warning is shown (the rules for young people differ).
pub const WARN_UNDER_AGE: i64 = 18;
/// From this age a warning is shown (state pension age).
pub const WARN_FROM_AGE: i64 = 67;

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
    OutOfRange {
        min: i64,
        max: i64,
    },
    TooLong {
        max: usize,
    },
    BadBsn(crate::domain::bsn::BsnError),
    BadEmail,
    /// Not one of the options; with the option ids to choose from (never what was
    /// typed, which may be anything, a name or a BSN among it).
    UnknownOption {
        choices: Vec<String>,
    },
    /// A control character (ESC, NUL, …; newline and tab are allowed in a textarea).
    ControlCharacter,
    ExclusiveCombined(String),
    WrongType,
    UnknownQuestion,
    /// A date that does not exist, like 31-02-1990.
    NoSuchDate,
    /// An amount below zero.
    MoneyNegative,
    /// More than two digits after the decimal comma.
    MoneyTooPrecise,
    /// An amount too large to be meant.
    MoneyTooLarge,
    /// An exclusive option (like "geen") chosen together with another; with its labels.
    Exclusive {
        option: String,
        label_nl: String,
        label_en: String,
    },
    /// An answers-file value of the wrong JSON type; holds the question's kind name.
    Expected(String),
}

impl FieldError {
    pub fn new(question: &str, kind: FieldErrorKind) -> Self {
        FieldError {
            question: question.to_string(),
            kind,
        }
    }

    /// One specific sentence, e.g. "Vul een datum in als dd-mm-jjjj, bijvoorbeeld 03-11-1985".
    pub fn message(&self, lang: Lang) -> String {
        use FieldErrorKind as K;
        let nl = lang == Lang::Nl;
        let pick = |a: &str, b: &str| if nl { a.to_string() } else { b.to_string() };
        match &self.kind {
            K::Required => pick(
                "Deze vraag moet u invullen",
                "This question must be answered",
            ),
            K::BadDate => pick(
                "Vul een datum in als dd-mm-jjjj, bijvoorbeeld 03-11-1985",
                "Enter a date as dd-mm-yyyy, for example 03-11-1985",
            ),
            K::NoSuchDate => pick(
                "Deze datum bestaat niet; vul een datum in als dd-mm-jjjj, bijvoorbeeld 03-11-1985",
                "This date does not exist; enter a date as dd-mm-yyyy, for example 03-11-1985",
            ),
            K::DateInFuture => pick(
                "Een geboortedatum kan niet in de toekomst liggen",
                "A date of birth cannot be in the future",
            ),
            K::BadMoney => pick(
                "Vul een bedrag in, bijvoorbeeld 1.234,56",
                "Enter an amount, for example 1.234,56",
            ),
            K::MoneyTooPrecise => pick(
                "Een bedrag heeft hoogstens 2 cijfers achter de komma, bijvoorbeeld 1.234,56",
                "An amount has at most 2 digits after the decimal comma, for example 1.234,56",
            ),
            K::MoneyNegative => pick(
                "Vul een bedrag van 0 of meer in, zonder minteken",
                "Enter an amount of 0 or more, without a minus sign",
            ),
            K::MoneyTooLarge => pick(
                "Dit bedrag is te groot; controleer het aantal cijfers",
                "This amount is too large; check the number of digits",
            ),
            K::BadInteger => pick(
                "Vul een heel getal in, zonder komma, bijvoorbeeld 12",
                "Enter a whole number, without a decimal comma, for example 12",
            ),
            K::OutOfRange { min, max } => {
                if nl {
                    format!("Kies een getal van {min} tot en met {max}")
                } else {
                    format!("Enter a number from {min} to {max}")
                }
            }
            K::TooLong { max } => {
                if nl {
                    format!("Dit is te lang: gebruik hoogstens {max} tekens")
                } else {
                    format!("This is too long: use at most {max} characters")
                }
            }
            K::BadBsn(BsnError::Length) => pick(
                "Een BSN heeft 9 cijfers",
                "A BSN (citizen service number) has 9 digits",
            ),
            K::BadBsn(BsnError::NotDigits) => pick(
                "Een BSN bestaat alleen uit cijfers",
                "A BSN (citizen service number) contains only digits",
            ),
            K::BadBsn(BsnError::Checksum) => pick(
                "Dit BSN klopt niet: het voldoet niet aan de 11-proef",
                "This BSN is not valid: it fails the eleven test (11-proef)",
            ),
            K::BadEmail => pick(
                "Vul een e-mailadres in zoals naam@voorbeeld.nl",
                "Enter an email address such as name@example.com",
            ),
            K::UnknownOption { choices } if choices.is_empty() => pick(
                "Dit is geen keuze bij deze vraag",
                "This is not an option for this question",
            ),
            K::UnknownOption { choices } => {
                if nl {
                    format!(
                        "Dit is geen keuze bij deze vraag; kies uit {}",
                        choices.join(", ")
                    )
                } else {
                    format!(
                        "This is not an option for this question; choose from {}",
                        choices.join(", ")
                    )
                }
            }
            K::ControlCharacter => pick(
                "Dit antwoord bevat een stuurteken (zoals Escape of een nul-teken); typ of plak alleen gewone tekst",
                "This answer contains a control character (such as Escape or a null); type or paste plain text only",
            ),
            K::ExclusiveCombined(id) => {
                if nl {
                    format!("'{id}' kan niet samen met een ander antwoord")
                } else {
                    format!("'{id}' cannot be combined with another answer")
                }
            }
            K::Exclusive {
                label_nl, label_en, ..
            } => {
                if nl {
                    format!("'{label_nl}' kan niet samen met een ander antwoord")
                } else {
                    format!("'{label_en}' cannot be combined with another answer")
                }
            }
            K::WrongType => pick(
                "Dit antwoord past niet bij deze vraag",
                "This answer does not fit this question",
            ),
            K::Expected(kind) => expected_message(kind, nl),
            K::UnknownQuestion => pick(
                "Deze vraag bestaat niet in het formulier",
                "This question does not exist in the form",
            ),
        }
    }
}

fn expected_message(kind: &str, nl: bool) -> String {
    let (a, b) = match kind {
        "yesno" => (
            "Geef ja of nee als true of false",
            "Give yes or no as true or false",
        ),
        "choice" => (
            "Geef het id van een keuze, tussen aanhalingstekens",
            "Give the id of an option, in quotes",
        ),
        "multi" => (
            "Geef een lijst met ids van keuzes, bijvoorbeeld [\"geen\"]",
            "Give a list of option ids, for example [\"geen\"]",
        ),
        "integer" => ("Geef een heel getal", "Give a whole number"),
        "money" => (
            "Geef een bedrag als getal of als tekst, bijvoorbeeld \"1.234,56\"",
            "Give an amount as a number or as text, for example \"1.234,56\"",
        ),
        "date" => (
            "Geef een datum als tekst, bijvoorbeeld \"1985-11-03\" of \"03-11-1985\"",
            "Give a date as text, for example \"1985-11-03\" or \"03-11-1985\"",
        ),
        _ => ("Geef tekst tussen aanhalingstekens", "Give text in quotes"),
    };
    if nl {
        a.to_string()
    } else {
        b.to_string()
    }
}

/// The longest answer to a `textarea` question, in characters (a `text` question has its
/// own `max_len`): several pages, far more than a conversation needs.
pub const MAX_TEXTAREA_LEN: usize = 10_000;

/// The option ids of `q`, for a message about an answer that is none of them.
fn unknown_option(q: &Question) -> FieldErrorKind {
    let choices = match q.kind {
        Kind::YesNo => vec!["ja".to_string(), "nee".to_string()],
        _ => q.options.iter().map(|o| o.id.clone()).collect(),
    };
    FieldErrorKind::UnknownOption { choices }
}

/// A non-blocking remark (age under 18 or 67 and over).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub question: String,
    pub message_nl: String,
    pub message_en: String,
}

impl Warning {
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.message_nl,
            Lang::En => &self.message_en,
        }
    }
}

/// Turn what was typed into a field into a value. Empty input is `Ok(None)`.
/// For choice/multi/yesno the input is the option id(s) / "ja"/"nee".
/// A multi takes ids separated by commas; choices are also found by their label.
pub fn parse_input(
    q: &Question,
    input: &str,
    today: NaiveDate,
) -> Result<Option<Value>, FieldError> {
    let multi_line = matches!(q.kind, Kind::Textarea);
    // Windows line ends (a pasted text, an answers file) are newlines.
    let normalised;
    let input = if multi_line && input.contains('\r') {
        normalised = input.replace("\r\n", "\n");
        normalised.as_str()
    } else {
        input
    };
    let err = |kind| FieldError::new(&q.id, kind);
    if input.chars().any(|c| is_unsafe_char(c, multi_line)) {
        return Err(err(FieldErrorKind::ControlCharacter));
    }
    let s = input.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let value = match &q.kind {
        Kind::Text { .. } | Kind::Textarea => Value::Text(s.to_string()),
        Kind::Integer { .. } => Value::Int(
            s.parse::<i64>()
                .map_err(|_| err(FieldErrorKind::BadInteger))?,
        ),
        Kind::Money => Value::Money(parse_cents(s).map_err(|e| err(money_error(e)))?),
        Kind::Date => Value::Date(parse_date(s).map_err(|e| {
            err(match e {
                DateError::NoSuchDate => FieldErrorKind::NoSuchDate,
                DateError::Empty | DateError::Format => FieldErrorKind::BadDate,
            })
        })?),
        Kind::YesNo => match s.to_lowercase().as_str() {
            "ja" | "j" | "yes" | "y" | "true" => Value::Bool(true),
            "nee" | "n" | "no" | "false" => Value::Bool(false),
            _ => return Err(err(unknown_option(q))),
        },
        Kind::Choice => Value::Choice(find_option(q, s).ok_or_else(|| err(unknown_option(q)))?),
        Kind::Multi => {
            let mut ids = Vec::new();
            for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                ids.push(find_option(q, part).ok_or_else(|| err(unknown_option(q)))?);
            }
            let ids = in_form_order(q, ids);
            if ids.is_empty() {
                return Ok(None);
            }
            Value::Multi(ids)
        }
        Kind::Bsn => Value::Text(parse_bsn(s).map_err(|e| err(FieldErrorKind::BadBsn(e)))?),
    };
    check_value(q, &value, today)?;
    Ok(Some(value))
}

fn money_error(e: MoneyError) -> FieldErrorKind {
    match e {
        MoneyError::Empty | MoneyError::Invalid => FieldErrorKind::BadMoney,
        MoneyError::TooPrecise => FieldErrorKind::MoneyTooPrecise,
        MoneyError::TooLarge => FieldErrorKind::MoneyTooLarge,
        MoneyError::Negative => FieldErrorKind::MoneyNegative,
    }
}

/// The option id for what was typed: the id itself, or an id or label in other case.
fn find_option(q: &Question, typed: &str) -> Option<String> {
    if let Some(o) = q.option(typed) {
        return Some(o.id.clone());
    }
    let lower = typed.to_lowercase();
    q.options
        .iter()
        .find(|o| {
            o.id.to_lowercase() == lower
                || o.label.nl.to_lowercase() == lower
                || o.label
                    .en
                    .as_deref()
                    .is_some_and(|en| en.to_lowercase() == lower)
        })
        .map(|o| o.id.clone())
}

/// Option ids without repeats, in the order of the form (as `Value::Multi` promises).
fn in_form_order(q: &Question, ids: Vec<String>) -> Vec<String> {
    q.options
        .iter()
        .filter(|o| ids.contains(&o.id))
        .map(|o| o.id.clone())
        .collect()
}

/// Is a value right for its question: kind, range, length, options, exclusive options?
pub fn check_value(q: &Question, value: &Value, on: NaiveDate) -> Result<(), FieldError> {
    let err = |kind| Err(FieldError::new(&q.id, kind));
    match (&q.kind, value) {
        (Kind::Text { max_len }, Value::Text(s)) => {
            if s.chars().any(|c| is_unsafe_char(c, false)) {
                return err(FieldErrorKind::ControlCharacter);
            }
            if s.chars().count() > *max_len {
                return err(FieldErrorKind::TooLong { max: *max_len });
            }
            if q.id == EMAIL && !looks_like_email(s) {
                return err(FieldErrorKind::BadEmail);
            }
        }
        (Kind::Textarea, Value::Text(s)) => {
            if s.chars().any(|c| is_unsafe_char(c, true)) {
                return err(FieldErrorKind::ControlCharacter);
            }
            if s.chars().count() > MAX_TEXTAREA_LEN {
                return err(FieldErrorKind::TooLong {
                    max: MAX_TEXTAREA_LEN,
                });
            }
        }
        (Kind::Integer { min, max }, Value::Int(n)) => {
            if n < min || n > max {
                return err(FieldErrorKind::OutOfRange {
                    min: *min,
                    max: *max,
                });
            }
        }
        (Kind::Money, Value::Money(c)) => {
            if *c < 0 {
                return err(FieldErrorKind::MoneyNegative);
            }
        }
        (Kind::Date, Value::Date(d)) => {
            if q.id == BIRTH_DATE && *d > on {
                return err(FieldErrorKind::DateInFuture);
            }
        }
        (Kind::YesNo, Value::Bool(_)) => {}
        (Kind::Choice, Value::Choice(id)) => {
            if q.option(id).is_none() {
                return err(unknown_option(q));
            }
        }
        (Kind::Multi, Value::Multi(ids)) => {
            if ids.iter().any(|id| q.option(id).is_none()) {
                return err(unknown_option(q));
            }
            if ids.len() > 1 {
                if let Some(o) = q
                    .options
                    .iter()
                    .find(|o| o.exclusive && ids.contains(&o.id))
                {
                    return err(FieldErrorKind::Exclusive {
                        option: o.id.clone(),
                        label_nl: o.label.nl.clone(),
                        label_en: o.label.get(Lang::En).to_string(),
                    });
                }
            }
        }
        (Kind::Bsn, Value::Text(s)) => {
            if let Err(e) = parse_bsn(s) {
                return err(FieldErrorKind::BadBsn(e));
            }
        }
        (kind, _) => return err(FieldErrorKind::Expected(kind.name().to_string())),
    }
    Ok(())
}

/// Something that looks like `naam@domein.nl`: one `@`, no spaces, a dot in the domain.
fn looks_like_email(s: &str) -> bool {
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let parts: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && !domain.contains('@')
        && parts.len() >= 2
        && parts.iter().all(|p| !p.is_empty())
        && parts.last().is_some_and(|tld| tld.chars().count() >= 2)
}

/// The questions that are shown, in form order. One pass: a condition only sees answers
/// to questions that are themselves shown, so hiding a question also hides what depends
/// on it, even while the draft still holds its old answer.
pub fn visible_questions<'f>(form: &'f FormDef, facts: &Facts<'_>) -> Vec<&'f Question> {
    let mut shown_answers = Answers::new();
    let mut shown = Vec::new();
    for section in &form.sections {
        let section_visible = section
            .show_if
            .as_ref()
            .is_none_or(|c| c.eval(&seen(&shown_answers, facts)));
        if !section_visible {
            continue;
        }
        for q in &section.questions {
            let visible = q
                .show_if
                .as_ref()
                .is_none_or(|c| c.eval(&seen(&shown_answers, facts)));
            if visible {
                if let Some(v) = facts.answers.get(&q.id) {
                    shown_answers.insert(q.id.clone(), v.clone());
                }
                shown.push(q);
            }
        }
    }
    shown
}

fn seen<'a>(answers: &'a Answers, facts: &Facts<'_>) -> Facts<'a> {
    Facts {
        answers,
        on: facts.on,
        extra: facts.extra.clone(),
    }
}

/// Is the question shown (its section's and its own `show_if`)?
pub fn is_visible(form: &FormDef, question_id: &str, facts: &Facts<'_>) -> bool {
    visible_questions(form, facts)
        .iter()
        .any(|q| q.id == question_id)
}

/// Check all answers: values of the right kind and range, required visible questions
/// answered, exclusive options alone. Errors in form order. Hidden questions are neither
/// required nor checked; answers to ids the form does not have are ignored here (they are
/// not saved either).
pub fn validate_all(form: &FormDef, answers: &Answers, on: NaiveDate) -> Vec<FieldError> {
    let facts = Facts::new(answers, on);
    let mut errors = Vec::new();
    for q in visible_questions(form, &facts) {
        match answers.get(&q.id) {
            Some(v) if !v.is_empty() => {
                if let Err(e) = check_value(q, v, on) {
                    errors.push(e);
                }
            }
            _ => {
                if q.required {
                    errors.push(FieldError::new(&q.id, FieldErrorKind::Required));
                }
            }
        }
    }
    errors
}

/// Warnings that do not block saving.
pub fn warnings(form: &FormDef, answers: &Answers, on: NaiveDate) -> Vec<Warning> {
    let shown = visible_answers(form, answers, on);
    let mut out = Vec::new();
    if let Some(Value::Date(born)) = shown.get(BIRTH_DATE) {
        let age = age_on(*born, on);
        if (0..WARN_UNDER_AGE).contains(&age) {
            out.push(Warning {
                question: BIRTH_DATE.to_string(),
                message_nl: format!(
                    "De inwoner is {age} jaar, jonger dan {WARN_UNDER_AGE}; controleer de geboortedatum, want voor jongeren gelden andere regels"
                ),
                message_en: format!(
                    "The resident is {age}, younger than {WARN_UNDER_AGE}; check the date of birth, as other rules apply to young people"
                ),
            });
        } else if age >= WARN_FROM_AGE {
            out.push(Warning {
                question: BIRTH_DATE.to_string(),
                message_nl: format!(
                    "De inwoner is {age} jaar, {WARN_FROM_AGE} of ouder; controleer de geboortedatum, want dit is de AOW-leeftijd"
                ),
                message_en: format!(
                    "The resident is {age}, {WARN_FROM_AGE} or older; check the date of birth, as this is state pension age"
                ),
            });
        }
    }
    out
}

/// Only the answers to visible questions (data minimisation when saving). Empty answers
/// are left out as well.
pub fn visible_answers(form: &FormDef, answers: &Answers, on: NaiveDate) -> Answers {
    let facts = Facts::new(answers, on);
    visible_questions(form, &facts)
        .into_iter()
        .filter_map(|q| {
            answers
                .get(&q.id)
                .filter(|v| !v.is_empty())
                .map(|v| (q.id.clone(), v.clone()))
        })
        .collect()
}

/// Read the `answers` object of an answers file (cli.md): yesno as booleans, choice as
/// id, multi as array, integer as number, money as euros number or typed string, date ISO
/// or dd-mm-jjjj. Unknown ids, options or wrong kinds are errors naming the id; answers
/// to hidden questions are dropped.
pub fn parse_answers_json(
    form: &FormDef,
    answers: &serde_json::Map<String, serde_json::Value>,
    on: NaiveDate,
) -> Result<Answers, Vec<FieldError>> {
    let mut parsed = Answers::new();
    let mut bad: Vec<FieldError> = Vec::new();
    let mut unknown = Vec::new();
    for (id, json) in answers {
        let Some(q) = form.question(id) else {
            unknown.push(FieldError::new(id, FieldErrorKind::UnknownQuestion));
            continue;
        };
        match json_value(q, json, on) {
            Ok(Some(v)) => {
                parsed.insert(id.clone(), v);
            }
            Ok(None) => {}
            Err(e) => bad.push(e),
        }
    }
    // A wrong answer to a question that the other answers hide does not matter: it is
    // ignored like any answer to a hidden question.
    let facts = Facts::new(&parsed, on);
    let mut errors: Vec<FieldError> = visible_questions(form, &facts)
        .into_iter()
        .filter_map(|q| bad.iter().find(|e| e.question == q.id).cloned())
        .collect();
    errors.extend(unknown);
    if errors.is_empty() {
        Ok(visible_answers(form, &parsed, on))
    } else {
        Err(errors)
    }
}

fn json_value(
    q: &Question,
    json: &serde_json::Value,
    on: NaiveDate,
) -> Result<Option<Value>, FieldError> {
    use serde_json::Value as J;
    let expected = || FieldError::new(&q.id, FieldErrorKind::Expected(q.kind.name().to_string()));
    let value = match (&q.kind, json) {
        (_, J::Null) => return Ok(None),
        (
            Kind::Text { .. } | Kind::Textarea | Kind::Bsn | Kind::Date | Kind::Money,
            J::String(s),
        ) => {
            return parse_input(q, s, on);
        }
        (Kind::YesNo, J::Bool(b)) => Value::Bool(*b),
        (Kind::Choice, J::String(s)) => Value::Choice(s.clone()),
        // Numeric option ids like the rungs "1".."6" may be written as numbers.
        (Kind::Choice, J::Number(n)) if n.is_i64() => Value::Choice(n.to_string()),
        (Kind::Multi, J::Array(items)) => {
            let mut ids = Vec::new();
            for item in items {
                match item {
                    J::String(s) => ids.push(s.clone()),
                    J::Number(n) if n.is_i64() => ids.push(n.to_string()),
                    _ => return Err(expected()),
                }
            }
            if ids.iter().any(|id| q.option(id).is_none()) {
                return Err(FieldError::new(&q.id, unknown_option(q)));
            }
            let ids = in_form_order(q, ids);
            if ids.is_empty() {
                return Ok(None);
            }
            Value::Multi(ids)
        }
        (Kind::Integer { .. }, J::Number(n)) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => return Err(FieldError::new(&q.id, FieldErrorKind::BadInteger)),
        },
        (Kind::Money, J::Number(n)) => {
            Value::Money(json_cents(n).map_err(|k| FieldError::new(&q.id, k))?)
        }
        _ => return Err(expected()),
    };
    check_value(q, &value, on)?;
    Ok(Some(value))
}

/// Euros given as a JSON number, to cents. Not through the Dutch text parser: there
/// `1.234` means twelve hundred and thirty-four euros, in JSON it is one euro and a bit.
fn json_cents(n: &serde_json::Number) -> Result<i64, FieldErrorKind> {
    if let Some(i) = n.as_i64() {
        if i < 0 {
            return Err(FieldErrorKind::MoneyNegative);
        }
        return i
            .checked_mul(100)
            .filter(|c| *c <= MAX_CENTS)
            .ok_or(FieldErrorKind::MoneyTooLarge);
    }
    let Some(euros) = n.as_f64().filter(|f| f.is_finite()) else {
        return Err(FieldErrorKind::MoneyTooLarge);
    };
    if euros < 0.0 {
        return Err(FieldErrorKind::MoneyNegative);
    }
    let cents = euros * 100.0;
    if cents > MAX_CENTS as f64 {
        return Err(FieldErrorKind::MoneyTooLarge);
    }
    if (cents - cents.round()).abs() > 1e-6 {
        return Err(FieldErrorKind::MoneyTooPrecise);
    }
    Ok(cents.round() as i64)
}
