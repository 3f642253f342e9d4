//! Urgent barriers (signalen): rules as data, evaluated against answers with deadlines.

use super::date::format_date;
use super::facts::Facts;
use super::text::Text;
use super::validity::Validity;
use super::werkdagen::Holidays;
use super::Condition;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
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

    /// For a term in werkdagen: the first year it runs through that no Koninklijk Besluit
    /// covers yet, so days made equal to a holiday later could still move it.
    pub fn unknown_kb_year(&self, from: NaiveDate, holidays: &Holidays) -> Option<i32> {
        match self {
            Deadline::Werkdagen(_) => holidays.first_unknown_year(from, self.due(from, holidays)),
            _ => None,
        }
    }

    /// One Dutch sentence on how the term runs: its end, the days skipped other than
    /// weekends, and whether days made equal by a later decree could still move it.
    pub fn explain(&self, from: NaiveDate, holidays: &Holidays) -> String {
        let due = self.due(from, holidays);
        let mut sentence = format!(
            "{} vanaf {}: uiterlijk {}",
            self.describe(),
            format_date(from),
            format_date(due)
        );
        if matches!(self, Deadline::Werkdagen(_)) {
            let skipped: Vec<String> = from
                .iter_days()
                .skip(1)
                .take_while(|d| *d <= due)
                .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
                .filter_map(|d| {
                    holidays
                        .holiday_name(d)
                        .map(|name| format!("{name} {}", format_date(d)))
                })
                .collect();
            if !skipped.is_empty() {
                let verb = if skipped.len() == 1 { "telt" } else { "tellen" };
                sentence.push_str(&format!(" ({} {verb} niet mee)", join_and(&skipped)));
            }
            if let Some(year) = self.unknown_kb_year(from, holidays) {
                sentence.push_str(&format!(
                    "; de dagen die de Koning voor {year} gelijkstelt aan een feestdag zijn nog niet bekend, dus de termijn kan nog later uitkomen"
                ));
            }
        }
        sentence.push('.');
        sentence
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

/// "a", "a en b", "a, b en c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
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
    /// A date question whose answer is the deadline itself (such as the PIP's end date);
    /// without an answer `deadline` counts.
    pub deadline_question: Option<String>,
    pub when: Condition,
    /// Ids of signals this one replaces when both fire.
    pub supersedes: Vec<String>,
    /// The contact dates this version of the rule applies to.
    pub valid: Validity,
}

/// A signal that fired for a contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiredSignal {
    pub id: String,
    pub severity: Severity,
    pub deadline: NaiveDate,
}

impl SignalRule {
    /// The deadline for a contact: the date answered to `deadline_question`, else the term
    /// counted from the contact date.
    pub fn due(&self, facts: &Facts<'_>, holidays: &Holidays) -> NaiveDate {
        let answered = self
            .deadline_question
            .as_deref()
            .and_then(|q| match facts.get(q) {
                Some(crate::domain::Value::Date(d)) => Some(d),
                _ => None,
            });
        answered.unwrap_or_else(|| self.deadline.due(facts.on, holidays))
    }
}

/// The version of signal `id` in force on `on`.
pub fn rule_on<'a>(rules: &'a [SignalRule], id: &str, on: NaiveDate) -> Option<&'a SignalRule> {
    rules.iter().find(|r| r.id == id && r.valid.contains(on))
}

/// Evaluate every rule in force on the contact date (contact date = `facts.on`), apply supersedes, and
/// return the fired signals in rule order.
pub fn evaluate(rules: &[SignalRule], facts: &Facts<'_>, holidays: &Holidays) -> Vec<FiredSignal> {
    let fired: Vec<&SignalRule> = rules
        .iter()
        .filter(|r| r.valid.contains(facts.on) && r.when.eval(facts))
        .collect();
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
            deadline: r.due(facts, holidays),
        })
        .collect()
}
