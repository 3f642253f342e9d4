//! Shared helpers for the rule-file tests: the shipped intake form, the parsed rule files,
//! and answers built from short tuples.
#![allow(dead_code)]

use chrono::NaiveDate;
use meedoen::domain::contract::SuggestionRule;
use meedoen::domain::signals::SignalRule;
use meedoen::domain::werkdagen::Holidays;
use meedoen::domain::{Answers, Value};
use meedoen::forms::rules::{parse_contract, parse_signals, ContractTexts};
use meedoen::forms::FormDef;
use std::path::Path;

/// The intake form shipped with the program: the rule files must fit it.
pub fn intake_form() -> FormDef {
    meedoen::forms::builtin_intake()
}

pub const SIGNALS_TOML: &str = include_str!("../../forms/signals.toml");
pub const CONTRACT_TOML: &str = include_str!("../../forms/contract.toml");

pub fn signal_rules() -> (Vec<SignalRule>, Holidays) {
    match parse_signals(
        Path::new("forms/signals.toml"),
        SIGNALS_TOML,
        &intake_form(),
    ) {
        Ok(parsed) => parsed,
        Err(problems) => panic!("forms/signals.toml has problems: {problems:?}"),
    }
}

pub fn contract_rules() -> (Vec<SuggestionRule>, ContractTexts) {
    let (signals, _) = signal_rules();
    let ids: Vec<&str> = signals.iter().map(|s| s.id.as_str()).collect();
    match parse_contract(
        Path::new("forms/contract.toml"),
        CONTRACT_TOML,
        &intake_form(),
        &ids,
    ) {
        Ok(parsed) => parsed,
        Err(problems) => panic!("forms/contract.toml has problems: {problems:?}"),
    }
}

pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => panic!("bad test date {y}-{m}-{d}"),
    }
}

pub fn yes(b: bool) -> Value {
    Value::Bool(b)
}

pub fn choice(s: &str) -> Value {
    Value::Choice(s.to_string())
}

pub fn multi(items: &[&str]) -> Value {
    Value::Multi(items.iter().map(|s| s.to_string()).collect())
}

pub fn answers(pairs: &[(&str, Value)]) -> Answers {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}
