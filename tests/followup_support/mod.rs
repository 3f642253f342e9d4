//! Shared helpers for the check-in and worklist tests: fictitious residents with a contract,
//! and pressing keys while counting them.
#![allow(dead_code)]

use crate::tui_support::{answers, d, Harness};
use crossterm::event::KeyCode;
use meedoen::domain::contract::AgreementStatus;
use meedoen::domain::Value;
use meedoen::forms::Forms;
use meedoen::service;
use meedoen::store::{ClientId, ContactKind, Store};

/// A resident seen once, on 1 February 2024 (rung 3, expecting 4), whose contract was
/// agreed that day with the suggested agreements; its evaluation (1 August 2024) has passed.
pub fn resident_with_agreed_contract(
    store: &mut Store,
    forms: &Forms,
    first: &str,
    surname: &str,
) -> ClientId {
    let on = d(2024, 2, 1);
    let mut a = answers(first, surname, d(1980, 2, 1), "3");
    // Not registered at UWV, digital skills with help: two more suggested agreements.
    a.insert("werk.ingeschreven_uwv".into(), Value::Bool(false));
    a.insert("taal.digitaal".into(), Value::Choice("met_hulp".into()));
    let saved = service::save_contact(store, forms, None, ContactKind::Intake, &a, on, None)
        .expect("save intake");
    let c = service::draft_contract(store, forms, saved.client, on, true).expect("draft");
    let open = c
        .contract
        .parts
        .iter()
        .flat_map(|p| p.agreements.iter())
        .filter(|a| a.status == AgreementStatus::Open)
        .count();
    assert!(open >= 2, "the suggestions give at least two agreements");
    store
        .agree_contract(c.id, on, b"ondertekend document (testdata)")
        .expect("agree contract");
    saved.client
}

/// Keys pressed, counted: what a consultant types.
pub struct Counter<'a> {
    pub h: &'a mut Harness,
    pub keys: u32,
}

impl Counter<'_> {
    pub fn key(&mut self, code: KeyCode) {
        self.keys += 1;
        self.h.key(code);
    }
}

/// Open a resident's dossier from the start screen by typing the name and Enter.
pub fn open_dossier_by_name(h: &mut Harness, name: &str) {
    h.type_str(name);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen_name(), "dossier", "{:?}", h.app.status_text());
}
