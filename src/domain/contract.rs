//! The split social contract (sociale overeenkomst): parts, agreements, lifecycle and the
//! suggestion rules that propose agreements from an intake.

use super::facts::Facts;
use super::signals::FiredSignal;
use super::validity::Validity;
use super::value::{Answers, Value};
use super::Condition;
use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContractStatus {
    Concept,
    Vastgesteld,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartKind {
    Sociaal,
    Arbeidsfit,
    Werk,
}

impl PartKind {
    pub const ALL: [PartKind; 3] = [PartKind::Sociaal, PartKind::Arbeidsfit, PartKind::Werk];
    pub fn as_str(&self) -> &'static str {
        match self {
            PartKind::Sociaal => "sociaal",
            PartKind::Arbeidsfit => "arbeidsfit",
            PartKind::Werk => "werk",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    #[default]
    Open,
    Gedaan,
    Deels,
    NietGedaan,
    Vervallen,
}

impl AgreementStatus {
    pub const ALL: [AgreementStatus; 5] = [
        AgreementStatus::Open,
        AgreementStatus::Gedaan,
        AgreementStatus::Deels,
        AgreementStatus::NietGedaan,
        AgreementStatus::Vervallen,
    ];
    pub fn as_str(&self) -> &'static str {
        match self {
            AgreementStatus::Open => "open",
            AgreementStatus::Gedaan => "gedaan",
            AgreementStatus::Deels => "deels",
            AgreementStatus::NietGedaan => "niet_gedaan",
            AgreementStatus::Vervallen => "vervallen",
        }
    }
}

/// One agreement: what, who, by when, status and evaluation note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub what: String,
    /// `inwoner`, `gemeente`, `inwoner + gemeente`, or a named partner.
    pub who: String,
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub status: AgreementStatus,
    #[serde(default)]
    pub note: String,
    /// Id of the suggestion rule it came from, if any.
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractPart {
    pub kind: PartKind,
    /// One sentence.
    pub goal: String,
    pub agreements: Vec<Agreement>,
    /// The support the municipality offers in this part.
    pub support: String,
    /// Why this part is empty ("niet nodig: …"); required when there are no agreements.
    pub empty_reason: String,
}

/// The resident's own analysis, in their words (from `regie.*`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ResidentAnalysis {
    pub doel: String,
    pub nodig: String,
    pub zelf: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LadderSummary {
    pub current: u8,
    pub current_name: String,
    pub explanation: String,
    pub expected: u8,
    pub expected_name: String,
    pub horizon_months: u32,
}

/// A proposed agreement not yet accepted or dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub rule: String,
    pub part: PartKind,
    pub agreement: Agreement,
}

/// Header facts printed on the document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ContractHeader {
    pub municipality: String,
    pub resident_name: String,
    pub birth_date: Option<NaiveDate>,
    pub bsn: Option<String>,
    pub consultant: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    pub version: u32,
    pub status: ContractStatus,
    /// Date the contract was drafted (or this version started).
    pub date: NaiveDate,
    /// Date both agreed (vastgesteld).
    pub agreed_on: Option<NaiveDate>,
    pub header: ContractHeader,
    pub analysis: ResidentAnalysis,
    pub consultant_view: String,
    pub ladder: LadderSummary,
    /// Always the three parts, in `PartKind::ALL` order.
    pub parts: Vec<ContractPart>,
    pub obligations: String,
    pub next_evaluation: NaiveDate,
    pub pending: Vec<Suggestion>,
}

impl Contract {
    /// A new concept contract (version 1): three empty parts, the suggestions waiting for
    /// the consultant, the next evaluation `evaluation_months` after `date` (1 to 12).
    pub fn draft(
        date: NaiveDate,
        header: ContractHeader,
        analysis: ResidentAnalysis,
        ladder: LadderSummary,
        obligations: String,
        evaluation_months: u32,
        suggestions: Vec<Suggestion>,
    ) -> Contract {
        let months = evaluation_months.clamp(1, 12);
        Contract {
            version: 1,
            status: ContractStatus::Concept,
            date,
            agreed_on: None,
            header,
            analysis,
            consultant_view: String::new(),
            ladder,
            parts: PartKind::ALL
                .iter()
                .map(|&kind| ContractPart {
                    kind,
                    goal: String::new(),
                    agreements: Vec::new(),
                    support: String::new(),
                    empty_reason: String::new(),
                })
                .collect(),
            obligations,
            next_evaluation: date
                .checked_add_months(Months::new(months))
                .unwrap_or(NaiveDate::MAX),
            pending: suggestions,
        }
    }

    /// Move the pending suggestion at `index` into its part as an agreement. False when
    /// there is no such suggestion.
    pub fn accept_suggestion(&mut self, index: usize) -> bool {
        if index >= self.pending.len() {
            return false;
        }
        let s = self.pending.remove(index);
        match self.parts.iter_mut().find(|p| p.kind == s.part) {
            Some(part) => part.agreements.push(s.agreement),
            None => self.parts.push(ContractPart {
                kind: s.part,
                goal: String::new(),
                agreements: vec![s.agreement],
                support: String::new(),
                empty_reason: String::new(),
            }),
        }
        self.parts.sort_by_key(|p| p.kind);
        true
    }

    /// Drop the pending suggestion at `index`. False when there is no such suggestion.
    pub fn drop_suggestion(&mut self, index: usize) -> bool {
        if index >= self.pending.len() {
            return false;
        }
        self.pending.remove(index);
        true
    }

    pub fn part(&self, kind: PartKind) -> Option<&ContractPart> {
        self.parts.iter().find(|p| p.kind == kind)
    }

    /// The work part is about paid work when the expected rung is 5 or 6.
    pub fn work_is_paid(&self) -> bool {
        self.ladder.expected >= 5
    }
}

/// When an agreement from a suggestion rule is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueOffset {
    /// The deadline of the named signal (falls back to 4 weeks).
    SignalDeadline,
    Weeks(u32),
    Months(u32),
}

/// One suggestion rule of `forms/contract.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestionRule {
    pub id: String,
    /// Evaluated on facts with `ladder.trede`, `verwachting.trede` and `signaal.<id>` added.
    pub when: Condition,
    pub part: PartKind,
    /// Agreement text; `{uren}`-style placeholders are filled from answers.
    pub text: String,
    pub who: String,
    pub due: DueOffset,
    /// For `SignalDeadline`: the signals whose deadline counts (first that fired).
    pub signals: Vec<String>,
    /// The contract dates this version of the rule applies to.
    pub valid: Validity,
}

/// Fact id of the current (computed or chosen) rung, for suggestion rules.
pub const CURRENT_RUNG: &str = "ladder.trede";
/// Fact id of the expected rung (the `verwachting.trede` answer, or its default).
pub const EXPECTED_RUNG: &str = "verwachting.trede";
/// Fact ids `signaal.<id>` are `true` when that signal fired.
pub const SIGNAL_PREFIX: &str = "signaal.";

/// Term used for `SignalDeadline` when none of the rule's signals fired.
const FALLBACK_WEEKS: u64 = 4;

/// Facts for the suggestion rules: the answers plus the current and expected rung and
/// `signaal.<id> = true` for each fired signal.
pub fn suggestion_facts<'a>(
    answers: &'a Answers,
    on: NaiveDate,
    current_rung: u8,
    expected_rung: u8,
    fired: &[FiredSignal],
) -> Facts<'a> {
    let mut facts = Facts::new(answers, on)
        .with(CURRENT_RUNG, Value::Int(i64::from(current_rung)))
        .with(EXPECTED_RUNG, Value::Int(i64::from(expected_rung)));
    for s in fired {
        facts = facts.with(&format!("{SIGNAL_PREFIX}{}", s.id), Value::Bool(true));
    }
    facts
}

/// Apply the suggestion rules. `signal_deadlines` maps fired signal ids to deadlines.
/// Each fired signal also counts as the fact `signaal.<id> = true`, so callers need not
/// add those themselves.
pub fn suggest(
    rules: &[SuggestionRule],
    facts: &Facts<'_>,
    signal_deadlines: &std::collections::BTreeMap<String, NaiveDate>,
) -> Vec<Suggestion> {
    let mut facts = facts.clone();
    for id in signal_deadlines.keys() {
        let key = format!("{SIGNAL_PREFIX}{id}");
        facts.extra.entry(key).or_insert(Value::Bool(true));
    }
    rules
        .iter()
        .filter(|rule| rule.valid.contains(facts.on) && rule.when.eval(&facts))
        .map(|rule| Suggestion {
            rule: rule.id.clone(),
            part: rule.part,
            agreement: Agreement {
                what: fill_placeholders(&rule.text, &facts),
                who: rule.who.clone(),
                due: Some(due_date(rule, facts.on, signal_deadlines)),
                status: AgreementStatus::Open,
                note: String::new(),
                source: Some(rule.id.clone()),
            },
        })
        .collect()
}

fn due_date(
    rule: &SuggestionRule,
    on: NaiveDate,
    signal_deadlines: &std::collections::BTreeMap<String, NaiveDate>,
) -> NaiveDate {
    let date = match rule.due {
        DueOffset::SignalDeadline => {
            if let Some(d) = rule.signals.iter().find_map(|s| signal_deadlines.get(s)) {
                return *d;
            }
            on.checked_add_days(Days::new(FALLBACK_WEEKS * 7))
        }
        DueOffset::Weeks(n) => on.checked_add_days(Days::new(u64::from(n) * 7)),
        DueOffset::Months(n) => on.checked_add_months(Months::new(n)),
    };
    date.unwrap_or(NaiveDate::MAX)
}

/// The ids named as `{id}` in a suggestion text, in order (for checking the rule file).
/// An unclosed `{` is reported as `Err` with its byte offset.
pub fn placeholders(text: &str) -> Result<Vec<&str>, usize> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(offset + open);
        };
        out.push(after[..close].trim());
        let consumed = open + 1 + close + 1;
        offset += consumed;
        rest = &rest[consumed..];
    }
    Ok(out)
}

/// Replace each `{id}` with the display value of that answer or fact; an unanswered one
/// becomes "…", so the consultant sees what still has to be filled in.
pub fn fill_placeholders(text: &str, facts: &Facts<'_>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            break;
        };
        out.push_str(&rest[..open]);
        let id = after[..close].trim();
        match facts.get(id) {
            Some(v) if !v.is_empty() => out.push_str(&display_value(&v)),
            _ => out.push('…'),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// How an answer reads inside a Dutch sentence.
pub fn display_value(v: &Value) -> String {
    match v {
        Value::Text(s) => s.trim().to_string(),
        Value::Int(i) => i.to_string(),
        Value::Money(c) => format!("€ {}", super::money::format_cents(*c)),
        Value::Date(d) => super::date::format_date(*d),
        Value::Bool(true) => "ja".to_string(),
        Value::Bool(false) => "nee".to_string(),
        Value::Choice(c) => c.replace('_', " "),
        Value::Multi(items) => items
            .iter()
            .map(|i| i.replace('_', " "))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn rule(due: DueOffset, signals: &[&str]) -> SuggestionRule {
        SuggestionRule {
            id: "r".to_string(),
            when: Condition::Answered {
                q: "werk.uren_per_week".to_string(),
            },
            part: PartKind::Werk,
            text: "Meer uren dan {werk.uren_per_week} per week; doel {regie.doel}.".to_string(),
            who: "gemeente".to_string(),
            due,
            signals: signals.iter().map(|s| s.to_string()).collect(),
            valid: Validity::ALWAYS,
        }
    }

    #[test]
    fn placeholders_filled_and_missing_marked() {
        let mut answers = Answers::new();
        answers.insert("werk.uren_per_week".to_string(), Value::Int(20));
        let facts = Facts::new(&answers, ymd(2025, 1, 31));
        let out = suggest(&[rule(DueOffset::Months(1), &[])], &facts, &BTreeMap::new());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].agreement.what, "Meer uren dan 20 per week; doel ….");
        assert_eq!(out[0].agreement.due, Some(ymd(2025, 2, 28)));
        assert_eq!(out[0].agreement.source.as_deref(), Some("r"));
    }

    #[test]
    fn signal_deadline_uses_first_fired_signal_else_four_weeks() {
        let mut answers = Answers::new();
        answers.insert("werk.uren_per_week".to_string(), Value::Int(20));
        let facts = Facts::new(&answers, ymd(2025, 1, 1));
        let r = rule(DueOffset::SignalDeadline, &["a", "b"]);
        let mut fired = BTreeMap::new();
        fired.insert("b".to_string(), ymd(2025, 1, 10));
        let out = suggest(std::slice::from_ref(&r), &facts, &fired);
        assert_eq!(out[0].agreement.due, Some(ymd(2025, 1, 10)));
        fired.insert("a".to_string(), ymd(2025, 1, 6));
        let out = suggest(std::slice::from_ref(&r), &facts, &fired);
        assert_eq!(out[0].agreement.due, Some(ymd(2025, 1, 6)));
        let out = suggest(&[r], &facts, &BTreeMap::new());
        assert_eq!(out[0].agreement.due, Some(ymd(2025, 1, 29)));
    }

    #[test]
    fn unclosed_placeholder_is_reported() {
        assert_eq!(placeholders("a {b} c"), Ok(vec!["b"]));
        assert_eq!(placeholders("a {b c"), Err(2));
    }

    #[test]
    fn accepting_moves_a_suggestion_into_its_part() {
        let ladder = LadderSummary {
            current: 2,
            current_name: String::new(),
            explanation: String::new(),
            expected: 4,
            expected_name: String::new(),
            horizon_months: 12,
        };
        let mut answers = Answers::new();
        answers.insert("werk.uren_per_week".to_string(), Value::Int(20));
        let facts = Facts::new(&answers, ymd(2025, 1, 1));
        let s = suggest(&[rule(DueOffset::Weeks(2), &[])], &facts, &BTreeMap::new());
        let mut c = Contract::draft(
            ymd(2025, 1, 1),
            ContractHeader::default(),
            ResidentAnalysis::default(),
            ladder,
            String::new(),
            6,
            s,
        );
        assert_eq!(c.next_evaluation, ymd(2025, 7, 1));
        assert!(c.accept_suggestion(0));
        assert!(!c.accept_suggestion(0));
        assert_eq!(c.part(PartKind::Werk).map(|p| p.agreements.len()), Some(1));
        assert!(c.pending.is_empty());
    }
}
