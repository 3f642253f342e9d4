//! Urgent barriers (signalen): rules as data, evaluated against answers with deadlines.

use super::facts::Facts;
use super::text::Text;
use super::werkdagen::Holidays;
use super::Condition;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Urgent,
    High,
    Normal,
}

impl Severity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Urgent => "urgent",
            Severity::High => "high",
            Severity::Normal => "normal",
        }
    }
}

/// A legal term counted from the contact date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Deadline {
    /// Working days: weekends and holidays skipped. 0 is the same day.
    Werkdagen(u32),
    Days(u32),
    Weeks(u32),
    Months(u32),
}

impl Deadline {
    pub fn due(&self, _from: NaiveDate, _holidays: &Holidays) -> NaiveDate {
        todo!("domain helper fills this in")
    }
}

/// One rule of `forms/signals.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct SignalRule {
    pub id: String,
    pub title: Text,
    pub action: Text,
    /// Legal basis, e.g. "Wgs art. 4 lid 2".
    pub basis: String,
    pub severity: Severity,
    pub deadline: Deadline,
    pub when: Condition,
    /// Ids of signals this one replaces when both fire.
    pub supersedes: Vec<String>,
}

/// A signal that fired for a contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiredSignal {
    pub id: String,
    pub severity: Severity,
    pub deadline: NaiveDate,
}

/// Evaluate every rule on the facts (contact date = `facts.on`), apply supersedes, and
/// return the fired signals in rule order.
pub fn evaluate(
    _rules: &[SignalRule],
    _facts: &Facts<'_>,
    _holidays: &Holidays,
) -> Vec<FiredSignal> {
    todo!("domain helper fills this in")
}
