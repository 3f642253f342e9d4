//! What a condition can look at: the answers plus computed values (age at the contact
//! date, the rungs, which signals fired).

use super::value::{Answers, Value};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// Id of the computed age in whole years at the contact date.
pub const AGE: &str = "persoon.leeftijd";
/// Id of the date of birth the age is computed from.
pub const BIRTH_DATE: &str = "persoon.geboortedatum";
/// Id of the computed "the inburgering under the PIP runs on the contact date": the
/// resident must integrate and the PIP's end date (if known) has not passed. While it
/// runs the Participatiewet's language requirement gives way to the PIP.
pub const PIP_RUNS: &str = "taal.pip_loopt";
/// Id of the answer saying the resident must integrate (Wet inburgering 2021).
pub const MUST_INTEGRATE: &str = "taal.inburgeringsplichtig";
/// Id of the date by which the PIP must be completed.
pub const PIP_END: &str = "taal.pip_einddatum";
/// Computed ids available to every condition, beside the question ids.
pub const COMPUTED_IDS: &[&str] = &[AGE, PIP_RUNS];

/// Answers seen through computed values. `extra` holds values a caller adds, such as
/// `ladder.trede` or `signaal.schuld_crisis` for contract suggestions.
#[derive(Debug, Clone)]
pub struct Facts<'a> {
    pub answers: &'a Answers,
    pub on: NaiveDate,
    pub extra: BTreeMap<String, Value>,
}

impl<'a> Facts<'a> {
    pub fn new(answers: &'a Answers, on: NaiveDate) -> Self {
        Facts {
            answers,
            on,
            extra: BTreeMap::new(),
        }
    }

    pub fn with(mut self, id: &str, value: Value) -> Self {
        self.extra.insert(id.to_string(), value);
        self
    }

    pub fn get(&self, id: &str) -> Option<Value> {
        if let Some(v) = self.extra.get(id) {
            return Some(v.clone());
        }
        if id == AGE {
            return self.age().map(Value::Int);
        }
        if id == PIP_RUNS {
            return Some(Value::Bool(self.pip_runs()));
        }
        self.answers.get(id).cloned()
    }

    pub fn pip_runs(&self) -> bool {
        let must = matches!(self.answers.get(MUST_INTEGRATE), Some(Value::Bool(true)));
        match self.answers.get(PIP_END) {
            Some(Value::Date(end)) => must && *end >= self.on,
            _ => must,
        }
    }

    /// Age in whole years at `on`, from the date of birth; `None` when unknown.
    pub fn age(&self) -> Option<i64> {
        match self.answers.get(BIRTH_DATE) {
            Some(Value::Date(born)) => Some(age_on(*born, self.on)),
            _ => None,
        }
    }
}

/// Whole years between `born` and `on` (negative when born after `on`).
pub fn age_on(born: NaiveDate, on: NaiveDate) -> i64 {
    let mut years = on.year() as i64 - born.year() as i64;
    if (on.month(), on.day()) < (born.month(), born.day()) {
        years -= 1;
    }
    years
}
