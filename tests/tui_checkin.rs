//! The check-in driven by keys: sections confirmed "ongewijzigd", the ladder re-scored, the
//! open agreements evaluated into the contract, and what the store holds afterwards.
//! Fictitious residents only; "today" is fixed at 12 March 2025.

mod followup_support;
mod tui_support;

use crossterm::event::KeyCode;
use followup_support::*;
use meedoen::demo::{self, DemoOptions};
use meedoen::domain::contract::{AgreementStatus, ContractStatus};
use meedoen::domain::Value;
use meedoen::store::{ClientId, ContactKind, DraftKind, Store};
use tui_support::*;

fn latest_kind_and_date(store: &Store, client: ClientId) -> (ContactKind, chrono::NaiveDate) {
    let c = store.contacts(client).expect("contacts");
    (c[0].kind, c[0].date)
}

/// The demo's typical resident: the longest-unseen one on the worklist whose agreed
/// contract still has open agreements. Their situation did not change: every section is
/// confirmed "ongewijzigd" with one key, the rung and the agreements are left as they are.
#[test]
fn the_demo_typical_resident_is_checked_in_with_a_handful_of_keys() {
    let forms = forms();
    let mut h = Harness::new();
    let mut store = h.other_store();
    demo::populate(
        &mut store,
        &forms,
        &DemoOptions {
            clients: 40,
            seed: 7,
            today: today(),
        },
    )
    .expect("demo data");
    let rows = store.worklist(today()).expect("worklist");
    let (index, client, open_before, version_before) = rows
        .iter()
        .enumerate()
        .find_map(|(i, r)| {
            let c = store.latest_contract(r.client).ok()??;
            let open = c
                .contract
                .parts
                .iter()
                .flat_map(|p| p.agreements.iter())
                .filter(|a| a.status == AgreementStatus::Open)
                .count();
            (c.contract.status == ContractStatus::Vastgesteld && open > 0).then_some((
                i,
                r.client,
                open,
                c.contract.version,
            ))
        })
        .expect("a demo resident due with an agreed contract");
    let measurements_before = store.measurements(client).expect("m").len();
    drop(store);

    h.key(KeyCode::F(6));
    assert_eq!(h.app.screen_name(), "worklist");
    for _ in 0..index {
        h.key(KeyCode::Down);
    }
    let mut k = Counter { h: &mut h, keys: 0 };
    k.key(KeyCode::F(2));
    assert_eq!(
        k.h.app.screen_name(),
        "wizard",
        "{:?}",
        k.h.app.status_text()
    );
    let mut sections = 0;
    while k.h.app.screen_name() == "wizard" && sections < 20 {
        k.key(KeyCode::F(4));
        sections += 1;
    }
    assert_eq!(
        k.h.app.screen_name(),
        "ladder",
        "every section confirmed unchanged: {:?}",
        k.h.app.status_text()
    );
    k.key(KeyCode::F(10));
    assert_eq!(k.h.app.screen_name(), "evaluation");
    let screen = k.h.screen_at(80, 24);
    assert!(screen.contains("1. "), "open agreements listed: {screen}");
    k.key(KeyCode::F(10));
    assert_eq!(
        k.h.app.screen_name(),
        "dossier",
        "{:?}",
        k.h.app.status_text()
    );
    let keys = k.keys;
    eprintln!("check-in of the demo's typical resident: {keys} keys ({sections} sections)");
    assert_eq!(keys, sections + 3, "F2, one F4 per section, F10, F10");
    assert!(keys <= 12, "a handful of keys, not {keys}");

    let store = h.other_store();
    assert_eq!(
        latest_kind_and_date(&store, client),
        (ContactKind::Checkin, today())
    );
    let m = store.measurements(client).expect("m");
    assert_eq!(m.len(), measurements_before + 1);
    assert_eq!(m.last().map(|m| m.date), Some(today()));
    let c = store
        .latest_contract(client)
        .expect("contract")
        .expect("some");
    assert_eq!(c.contract.version, version_before + 1, "a new version");
    assert_eq!(c.contract.status, ContractStatus::Concept);
    assert!(c.contract.next_evaluation > today());
    let open_after = c
        .contract
        .parts
        .iter()
        .flat_map(|p| p.agreements.iter())
        .filter(|a| a.status == AgreementStatus::Open)
        .count();
    assert_eq!(open_after, open_before, "nothing evaluated away");
    assert!(
        !store
            .worklist(today())
            .expect("worklist")
            .iter()
            .any(|r| r.client == client),
        "seen today: off the worklist"
    );
    assert!(store
        .draft_for(client, DraftKind::Checkin)
        .expect("draft")
        .is_none());
}

#[test]
fn without_confirming_each_section_a_checkin_takes_four_keys() {
    let forms = forms();
    let mut h = Harness::new();
    let mut store = h.other_store();
    let client = resident_with_agreed_contract(&mut store, &forms, "Jan", "Voorbeeld");
    drop(store);
    open_dossier_by_name(&mut h, "Voorbeeld");
    let mut k = Counter { h: &mut h, keys: 0 };
    for (key, then) in [
        (KeyCode::F(2), "wizard"),
        (KeyCode::F(10), "ladder"),
        (KeyCode::F(10), "evaluation"),
        (KeyCode::F(10), "dossier"),
    ] {
        k.key(key);
        assert_eq!(k.h.app.screen_name(), then, "{:?}", k.h.app.status_text());
    }
    assert_eq!(k.keys, 4);
    let store = h.other_store();
    // Not seen yet this calendar year: a jaargesprek, and so it shows in the dossier.
    assert_eq!(
        latest_kind_and_date(&store, client),
        (ContactKind::Checkin, today())
    );
    let screen = h.screen_at(80, 24);
    assert!(
        screen.contains("12-03-2025  Jaargesprek"),
        "the new contact listed as a jaargesprek:\n{screen}"
    );
}

#[test]
fn a_changed_answer_in_a_checkin_is_stored_and_rescored() {
    let forms = forms();
    let mut h = Harness::new();
    let mut store = h.other_store();
    let client = resident_with_agreed_contract(&mut store, &forms, "Jan", "Voorbeeld");
    drop(store);
    open_dossier_by_name(&mut h, "Voorbeeld");
    h.key(KeyCode::F(2));
    h.key(KeyCode::F(4)); // persoon
    h.key(KeyCode::F(4)); // werk
    assert_eq!(h.focus(), "meedoen.onbetaald_werk");
    let wekelijks = digit_for(&forms, "meedoen.onbetaald_werk", "wekelijks");
    h.key(KeyCode::Char(wekelijks));
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen_name(), "ladder", "{:?}", h.app.status_text());
    assert!(h.screen_at(80, 24).contains("Berekende trede: 4"));
    h.key(KeyCode::F(10));
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen_name(), "dossier", "{:?}", h.app.status_text());

    let store = h.other_store();
    let contact = store.latest_contact(client).expect("c").expect("some");
    assert_eq!(contact.summary.kind, ContactKind::Checkin);
    assert_eq!(
        contact.answers.get("meedoen.onbetaald_werk"),
        Some(&Value::Choice("wekelijks".into()))
    );
    // The answers that were not touched are carried over unchanged.
    assert_eq!(
        contact.answers.get("persoon.achternaam"),
        Some(&Value::Text("Voorbeeld".into()))
    );
    let m = store.measurements(client).expect("m");
    assert_eq!((m.len(), m[1].computed, m[1].chosen), (2, 4, 4));
}

#[test]
fn an_edited_section_is_no_longer_marked_unchanged() {
    let forms = forms();
    let mut h = Harness::new();
    let mut store = h.other_store();
    resident_with_agreed_contract(&mut store, &forms, "Jan", "Voorbeeld");
    drop(store);
    open_dossier_by_name(&mut h, "Voorbeeld");
    h.key(KeyCode::F(2));
    h.key(KeyCode::F(4));
    h.key(KeyCode::PageUp);
    assert!(h.screen_at(80, 24).contains("ongewijzigd"));
    h.tab_to("persoon.telefoon");
    h.type_str("0612345678");
    assert!(
        !h.screen_at(80, 24).contains("ongewijzigd"),
        "a changed section is not 'ongewijzigd'"
    );
}

#[test]
fn a_section_with_a_problem_is_not_confirmed_unchanged() {
    let forms = forms();
    let mut h = Harness::new();
    let mut store = h.other_store();
    resident_with_agreed_contract(&mut store, &forms, "Jan", "Voorbeeld");
    drop(store);
    open_dossier_by_name(&mut h, "Voorbeeld");
    h.key(KeyCode::F(2));
    h.key(KeyCode::F(4)); // persoon
    assert_eq!(h.focus(), "werk.betaald");
    h.key(KeyCode::Delete); // the required answer cleared
    h.key(KeyCode::F(4));
    assert_eq!(h.app.screen_name(), "wizard");
    assert_eq!(h.focus(), "werk.betaald", "stays on the problem");
    assert!(h
        .app
        .status_text()
        .is_some_and(|s| s.contains("niet compleet")));
}

#[test]
fn the_evaluation_goes_into_a_new_version_of_an_agreed_contract() {
    let forms = forms();
    let mut h = Harness::new();
    let mut store = h.other_store();
    let client = resident_with_agreed_contract(&mut store, &forms, "Jan", "Voorbeeld");
    let agreed = store.latest_contract(client).expect("c").expect("some");
    drop(store);
    open_dossier_by_name(&mut h, "Voorbeeld");
    h.key(KeyCode::F(2));
    h.key(KeyCode::F(10));
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen_name(), "evaluation");
    h.key(KeyCode::Char('2')); // voortgangsgesprek
    h.key(KeyCode::Tab);
    h.key(KeyCode::Char('2')); // first agreement: gedaan
    h.key(KeyCode::Tab);
    h.type_str("Aangemeld, eerste week gewerkt.");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Char(' ')); // second agreement: open → gedaan
    h.key(KeyCode::Char(' ')); // → deels
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen_name(), "dossier", "{:?}", h.app.status_text());

    let store = h.other_store();
    let versions = store.contracts_of(client).expect("versions");
    assert_eq!(versions.len(), 2);
    let (new, old) = (&versions[0], &versions[1]);
    assert_eq!(old, &agreed, "the agreed version is left exactly as it was");
    assert_eq!(new.contract.status, ContractStatus::Concept);
    let evaluated: Vec<_> = new
        .contract
        .parts
        .iter()
        .flat_map(|p| p.agreements.iter())
        .collect();
    assert_eq!(evaluated[0].status, AgreementStatus::Gedaan);
    assert_eq!(evaluated[0].note, "Aangemeld, eerste week gewerkt.");
    assert_eq!(evaluated[1].status, AgreementStatus::Deels);
    assert_eq!(new.contract.next_evaluation, d(2025, 9, 12));
    // The kind chosen on the evaluation screen is the kind of the stored contact.
    assert_eq!(
        latest_kind_and_date(&store, client),
        (ContactKind::Voortgang, today())
    );
    let screen = h.screen_at(120, 40);
    assert!(
        screen.contains("12-03-2025  Voortgangsgesprek  "),
        "listed as a voortgangsgesprek in the dossier:\n{screen}"
    );
    let screen = h.screen_at(80, 24);
    assert!(
        screen.contains("12-03-2025  Voortgang    "),
        "shortened in the narrow list:\n{screen}"
    );
    assert!(
        !store
            .access_log(Some(client), 100)
            .expect("log")
            .iter()
            .any(|e| e.action.starts_with("gesprek_")),
        "the kind lives on the contact, not in the access log"
    );
}

#[test]
fn a_concept_contract_is_evaluated_in_place() {
    let forms = forms();
    let mut h = Harness::new();
    let mut store = h.other_store();
    let a = answers("Anna", "Testpersoon", d(1990, 7, 1), "3");
    let saved = meedoen::service::save_contact(
        &mut store,
        &forms,
        None,
        ContactKind::Intake,
        &a,
        d(2024, 5, 1),
        None,
    )
    .expect("intake");
    let c = meedoen::service::draft_contract(&mut store, &forms, saved.client, d(2024, 5, 1), true)
        .expect("draft");
    drop(store);
    open_dossier_by_name(&mut h, "Testpersoon");
    h.key(KeyCode::F(2));
    h.key(KeyCode::F(10));
    h.key(KeyCode::F(10));
    h.key(KeyCode::Tab);
    h.key(KeyCode::Char('5')); // vervallen
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen_name(), "dossier", "{:?}", h.app.status_text());
    let store = h.other_store();
    let versions = store.contracts_of(saved.client).expect("versions");
    assert_eq!(versions.len(), 1, "no new version of a concept");
    assert_eq!(versions[0].id, c.id);
    let first = versions[0]
        .contract
        .parts
        .iter()
        .flat_map(|p| p.agreements.iter())
        .next()
        .expect("an agreement");
    assert_eq!(first.status, AgreementStatus::Vervallen);
    // The passed evaluation date moves on: the evaluation was held today.
    assert_eq!(versions[0].contract.next_evaluation, d(2025, 9, 12));
}

#[test]
fn the_evaluation_is_kept_in_the_draft_when_the_program_stops() {
    let forms = forms();
    let mut h = Harness::new();
    let mut store = h.other_store();
    let client = resident_with_agreed_contract(&mut store, &forms, "Jan", "Voorbeeld");
    drop(store);
    open_dossier_by_name(&mut h, "Voorbeeld");
    h.key(KeyCode::F(2));
    h.key(KeyCode::F(10));
    h.key(KeyCode::F(10));
    h.key(KeyCode::Tab);
    h.key(KeyCode::Char('4')); // niet gedaan
    h.app.shutdown();
    assert!(h
        .other_store()
        .draft_for(client, DraftKind::Checkin)
        .expect("draft")
        .is_some());
    let mut h = h.restart();
    open_dossier_by_name(&mut h, "Voorbeeld");
    h.key(KeyCode::F(2));
    assert_eq!(h.app.screen_name(), "evaluation", "continues where it was");
    assert!(h.screen_at(80, 24).contains("niet gedaan"));
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen_name(), "dossier", "{:?}", h.app.status_text());
    let store = h.other_store();
    let c = store.latest_contract(client).expect("c").expect("some");
    let first = c
        .contract
        .parts
        .iter()
        .flat_map(|p| p.agreements.iter())
        .next()
        .expect("an agreement");
    assert_eq!(first.status, AgreementStatus::NietGedaan);
}

#[test]
fn esc_on_the_evaluation_goes_back_to_the_ladder_keeping_the_choices() {
    let forms = forms();
    let mut h = Harness::new();
    let mut store = h.other_store();
    resident_with_agreed_contract(&mut store, &forms, "Jan", "Voorbeeld");
    drop(store);
    open_dossier_by_name(&mut h, "Voorbeeld");
    h.key(KeyCode::F(2));
    h.key(KeyCode::F(10));
    h.key(KeyCode::F(10));
    h.key(KeyCode::Tab);
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen_name(), "ladder");
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen_name(), "evaluation");
    assert!(h.screen_at(80, 24).contains("deels"));
}

// ---------------------------------------------------------------- snapshots

fn checkin_started() -> Harness {
    let forms = forms();
    let mut h = Harness::new();
    let mut store = h.other_store();
    resident_with_agreed_contract(&mut store, &forms, "Jan", "Voorbeeld");
    drop(store);
    open_dossier_by_name(&mut h, "Voorbeeld");
    h.key(KeyCode::F(2));
    h
}

#[test]
fn snapshot_section_marked_unchanged() {
    let mut h = checkin_started();
    h.key(KeyCode::F(4));
    h.key(KeyCode::F(4));
    h.key(KeyCode::PageUp);
    insta::assert_snapshot!("checkin_unchanged_80x24", h.screen_at(80, 24));
    insta::assert_snapshot!("checkin_unchanged_120x40", h.screen_at(120, 40));
}

#[test]
fn snapshot_evaluation() {
    let mut h = checkin_started();
    h.key(KeyCode::F(10));
    h.key(KeyCode::F(10));
    h.key(KeyCode::Tab);
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Tab);
    h.type_str("Aangemeld.");
    insta::assert_snapshot!("checkin_evaluation_80x24", h.screen_at(80, 24));
    insta::assert_snapshot!("checkin_evaluation_120x40", h.screen_at(120, 40));
}

#[test]
fn snapshot_evaluation_help_lists_every_key() {
    let mut h = checkin_started();
    h.key(KeyCode::F(10));
    h.key(KeyCode::F(10));
    h.key(KeyCode::Char('?'));
    let s = h.screen_at(80, 24);
    for key in ["F10", "Tab", "Esc", "Spatie", "1-5", "Shift+Tab", "Enter"] {
        assert!(s.contains(key), "{key} in the help: {s}");
    }
    insta::assert_snapshot!("checkin_evaluation_help_80x24", s);
}

/// A resident with only an intake (1 February 2024, `a`), the check-in started from the
/// dossier found by `surname`.
fn checkin_after_an_intake(a: &meedoen::domain::Answers, surname: &str) -> (Harness, ClientId) {
    let mut h = Harness::new();
    let mut store = h.other_store();
    let saved = meedoen::service::save_contact(
        &mut store,
        &forms(),
        None,
        ContactKind::Intake,
        a,
        d(2024, 2, 1),
        None,
    )
    .expect("intake");
    drop(store);
    open_dossier_by_name(&mut h, surname);
    h.key(KeyCode::F(2));
    (h, saved.client)
}

#[test]
fn without_a_contract_the_saved_message_does_not_mention_agreements() {
    let a = answers("Piet", "Zonderovereenkomst", d(1981, 4, 2), "3");
    let (mut h, _) = checkin_after_an_intake(&a, "Zonderovereenkomst");
    for _ in 0..3 {
        if h.app.screen_name() == "dossier" {
            break;
        }
        h.key(KeyCode::F(10));
    }
    assert_eq!(h.app.screen_name(), "dossier", "{:?}", h.app.status_text());
    assert_eq!(
        h.app.status_text().as_deref(),
        Some("Het gesprek is opgeslagen.")
    );
}

/// A check-in pressed straight through (F2, then F10 past wizard, ladder and evaluation)
/// for a resident whose last contact expected `expected` within 18 months; returns the
/// stored measurement and the ladder screen as shown.
fn checkin_with_previous_expectation(
    participation: &str,
    expected: &str,
) -> (meedoen::store::Measurement, String) {
    let mut a = answers("Els", "Verwachting", d(1982, 6, 3), participation);
    a.insert("verwachting.trede".into(), Value::Choice(expected.into()));
    a.insert("verwachting.termijn_maanden".into(), Value::Int(18));
    a.insert(
        "verwachting.toelichting".into(),
        Value::Text("Taalcursus eerst, dan vrijwilligerswerk.".into()),
    );
    let (mut h, client) = checkin_after_an_intake(&a, "Verwachting");
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen_name(), "ladder", "{:?}", h.app.status_text());
    let ladder = h.screen_at(80, 24);
    for _ in 0..2 {
        if h.app.screen_name() != "dossier" {
            h.key(KeyCode::F(10));
        }
    }
    assert_eq!(h.app.screen_name(), "dossier", "{:?}", h.app.status_text());
    let store = h.other_store();
    let ms = store.measurements(client).expect("measurements");
    let newest = ms
        .iter()
        .max_by_key(|m| m.date)
        .cloned()
        .expect("a measurement");
    (newest, ladder)
}

#[test]
fn the_expectation_agreed_last_time_is_proposed_again_while_still_ahead() {
    // Rung 3 now; last time 5 within 18 months was agreed, with a reason.
    let (m, ladder) = checkin_with_previous_expectation("3", "5");
    assert_eq!(m.chosen, 3);
    assert_eq!(m.expected, Some(5), "{ladder}");
    assert_eq!(m.horizon_months, Some(18));
    assert!(ladder.contains("Taalcursus eerst"), "{ladder}");
}

#[test]
fn an_expectation_the_resident_has_reached_starts_again_from_the_new_rung() {
    // Last time 2 was expected (passed) or 3 (reached); the resident is on rung 3 now.
    for expected in ["2", "3"] {
        let (m, ladder) = checkin_with_previous_expectation("3", expected);
        assert_eq!(m.chosen, 3);
        assert_eq!(m.expected, Some(3));
        assert_eq!(m.horizon_months, Some(12), "the form's default horizon");
        assert!(!ladder.contains("Taalcursus eerst"), "{ladder}");
    }
}
