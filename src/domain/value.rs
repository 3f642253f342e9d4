//! A typed answer to one question, and the set of answers of one intake or check-in.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One answer. Stored self-describing (`{"money": 124550}`) so that a stored intake can be
/// read back exactly without its form definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Value {
    /// `text`, `textarea` and `bsn` answers.
    Text(String),
    /// `integer` answers.
    Int(i64),
    /// `money` answers, in whole euro cents.
    Money(i64),
    /// `date` answers.
    Date(NaiveDate),
    /// `yesno` answers.
    Bool(bool),
    /// `choice` answers: the option id.
    Choice(String),
    /// `multi` answers: the option ids, in the order of the form.
    Multi(Vec<String>),
}

impl Value {
    /// The numeric view used by `lt`/`gt` conditions: integers, money in euros, dates as
    /// days since the epoch, and numeric option ids (like the rungs `"1"`…`"6"`).
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Money(c) => Some(*c as f64 / 100.0),
            Value::Choice(s) | Value::Text(s) => s.trim().parse::<f64>().ok(),
            Value::Date(d) => Some(d.signed_duration_since(NaiveDate::default()).num_days() as f64),
            Value::Bool(_) | Value::Multi(_) => None,
        }
    }

    /// True for an answer that counts as "not given": empty text, empty multi.
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Text(s) | Value::Choice(s) => s.trim().is_empty(),
            Value::Multi(v) => v.is_empty(),
            _ => false,
        }
    }
}

/// All answers of one contact, keyed by question id (`section.name`).
pub type Answers = BTreeMap<String, Value>;
