//! What a condition can look at: the answers plus computed values (age at the contact
//! date, the rungs, which signals fired).

use super::value::{Answers, Value};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// Id of the computed age in whole years at the contact date.
pub const AGE: &str = "persoon.leeftijd";
/// Id of the date of birth the age is computed from.
pub const BIRTH_DATE: &str = "persoon.geboortedatum";
/// Computed ids available to every condition, beside the question ids.
pub const COMPUTED_IDS: &[&str] = &[AGE];

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
        self.answers.get(id).cloned()
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
