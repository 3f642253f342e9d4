//! The participation ladder: the scoring procedure of `ladder.md` as a pure function.

use super::value::Answers;
use serde::{Deserialize, Serialize};

/// Settings a municipality may change in `forms/ladder.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LadderSettings {
    /// Count weekly mantelzorg as unpaid work (rung 4). Off by default.
    pub mantelzorg_counts_as_unpaid_work: bool,
}

/// A computed rung with the Dutch sentence naming the answers that decided it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LadderScore {
    /// 1..=6
    pub rung: u8,
    pub explanation: String,
}

/// Score the current rung from intake answers (see `ladder.md`).
pub fn score(_answers: &Answers, _settings: &LadderSettings) -> LadderScore {
    todo!("domain helper fills this in")
}
