//! Form definitions from `forms/*.toml`: loading with file-and-line problems, declarative
//! conditions, and validation of typed answers.

pub mod conditions;
pub mod model;
pub mod problem;
pub mod rules;
pub mod validate;

pub use model::*;
pub use problem::Problem;
pub use rules::{ContractTexts, LadderDef, RungDef};
pub use validate::FieldError;

use crate::domain::contract::SuggestionRule;
use crate::domain::ladder::LadderSettings;
use crate::domain::signals::SignalRule;
use crate::domain::werkdagen::Holidays;
use std::path::Path;

/// Everything in a forms folder: the intake form and the rule files.
#[derive(Debug, Clone)]
pub struct Forms {
    pub intake: FormDef,
    pub ladder: LadderDef,
    pub ladder_settings: LadderSettings,
    pub signals: Vec<SignalRule>,
    pub holidays: Holidays,
    pub suggestions: Vec<SuggestionRule>,
    pub contract_texts: ContractTexts,
}

/// The forms shipped inside the binary (`forms/` of the repository, embedded).
pub fn builtin() -> Forms {
    todo!("forms helper fills this in")
}

/// Load and check every file of a forms folder (`intake.toml`, `ladder.toml`,
/// `signals.toml`, `contract.toml`). All problems are reported, not just the first.
pub fn load_dir(_dir: &Path) -> Result<Forms, Vec<Problem>> {
    todo!("forms helper fills this in")
}
