//! The split social contract (sociale overeenkomst): parts, agreements, lifecycle and the
//! suggestion rules that propose agreements from an intake.

use super::facts::Facts;
use super::Condition;
use chrono::NaiveDate;
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
}

/// Apply the suggestion rules. `signal_deadlines` maps fired signal ids to deadlines.
pub fn suggest(
    _rules: &[SuggestionRule],
    _facts: &Facts<'_>,
    _signal_deadlines: &std::collections::BTreeMap<String, NaiveDate>,
) -> Vec<Suggestion> {
    todo!("domain helper fills this in")
}
