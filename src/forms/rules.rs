//! Loading of the rule files: `ladder.toml` (rung names, settings), `signals.toml`
//! (signal rules, extra holidays) and `contract.toml` (suggestion rules, standard texts).

use super::model::{FormDef, Text};
use super::Problem;
use crate::domain::contract::SuggestionRule;
use crate::domain::ladder::LadderSettings;
use crate::domain::signals::SignalRule;
use crate::domain::werkdagen::Holidays;
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub struct RungDef {
    pub rung: u8,
    pub name: Text,
    pub description: Text,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LadderDef {
    /// Exactly six, rung 1 first.
    pub rungs: Vec<RungDef>,
}

impl LadderDef {
    pub fn rung(&self, n: u8) -> Option<&RungDef> {
        self.rungs.iter().find(|r| r.rung == n)
    }
}

/// Standard texts of the contract, in plain Dutch (B1).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContractTexts {
    pub municipality: String,
    pub obligations: String,
    pub intro_sociaal: String,
    pub intro_arbeidsfit: String,
    pub intro_werk_betaald: String,
    pub intro_werk_onbetaald: String,
    pub title_sociaal: String,
    pub title_arbeidsfit: String,
    pub title_werk_betaald: String,
    pub title_werk_onbetaald: String,
    /// Months until the next evaluation by default (6; at most 12).
    pub evaluation_months: u32,
}

/// `file` is used in problems; `text` is the file's content.
pub fn parse_ladder(
    _file: &Path,
    _text: &str,
) -> Result<(LadderDef, LadderSettings), Vec<Problem>> {
    todo!("rules helper fills this in")
}

/// Conditions are checked against the question ids of `form` and the computed ids.
pub fn parse_signals(
    _file: &Path,
    _text: &str,
    _form: &FormDef,
) -> Result<(Vec<SignalRule>, Holidays), Vec<Problem>> {
    todo!("rules helper fills this in")
}

/// Conditions may also refer to `ladder.trede`, `verwachting.trede` and `signaal.<id>` of
/// the signal ids given.
pub fn parse_contract(
    _file: &Path,
    _text: &str,
    _form: &FormDef,
    _signal_ids: &[&str],
) -> Result<(Vec<SuggestionRule>, ContractTexts), Vec<Problem>> {
    todo!("rules helper fills this in")
}
