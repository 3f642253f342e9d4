//! Checking a condition against a form: every id it names exists, every option it names is
//! an option of that question.

use super::model::FormDef;
use crate::domain::Condition;

/// Dutch messages, one per problem (without file and line; the caller adds those).
/// `extra_ids` are ids besides the form's questions and the computed ids that the
/// condition may use (for contract rules: `ladder.trede`, `signaal.<id>`, …).
pub fn condition_problems(_form: &FormDef, _extra_ids: &[&str], _cond: &Condition) -> Vec<String> {
    todo!("forms helper fills this in")
}
