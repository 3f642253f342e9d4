//! Urgent barriers (signalen): rules as data, evaluated against answers with deadlines.

use super::facts::Facts;
use super::text::Text;
use super::werkdagen::Holidays;
use super::Condition;
use chrono::{Days, Months, NaiveDate};
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
    /// The last day of the term. Weeks are seven calendar days; months are calendar
    /// months, clamped to the end of a shorter month (31 January + 1 month = 28/29
    /// February). A term past the end of the calendar stops at its last date.
    pub fn due(&self, from: NaiveDate, holidays: &Holidays) -> NaiveDate {
        match *self {
            Deadline::Werkdagen(n) => holidays.add_werkdagen(from, n),
            Deadline::Days(n) => from
                .checked_add_days(Days::new(u64::from(n)))
                .unwrap_or(NaiveDate::MAX),
            Deadline::Weeks(n) => from
                .checked_add_days(Days::new(u64::from(n) * 7))
                .unwrap_or(NaiveDate::MAX),
            Deadline::Months(n) => from
                .checked_add_months(Months::new(n))
                .unwrap_or(NaiveDate::MAX),
        }
    }

    /// Short Dutch description, e.g. "3 werkdagen", "4 weken", "dezelfde dag".
    pub fn describe(&self) -> String {
        let plural = |n: u32, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        match *self {
            Deadline::Werkdagen(0) | Deadline::Days(0) => "dezelfde dag".to_string(),
            Deadline::Werkdagen(n) => plural(n, "werkdag", "werkdagen"),
            Deadline::Days(n) => plural(n, "dag", "dagen"),
            Deadline::Weeks(n) => plural(n, "week", "weken"),
            Deadline::Months(n) => plural(n, "maand", "maanden"),
        }
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
pub fn evaluate(rules: &[SignalRule], facts: &Facts<'_>, holidays: &Holidays) -> Vec<FiredSignal> {
    let fired: Vec<&SignalRule> = rules.iter().filter(|r| r.when.eval(facts)).collect();
    fired
        .iter()
        .filter(|r| {
            !fired
                .iter()
                .any(|other| other.id != r.id && other.supersedes.contains(&r.id))
        })
        .map(|r| FiredSignal {
            id: r.id.clone(),
            severity: r.severity,
            deadline: r.deadline.due(facts.on, holidays),
        })
        .collect()
}
