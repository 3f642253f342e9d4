//! A new intake for someone who already has a dossier: a known BSN offers the existing
//! dossier (never a second one); the same surname and date of birth warns and lets the
//! consultant choose. The typed intake is never lost.

mod tui_support;

use crossterm::event::KeyCode;
use meedoen::domain::Value;
use meedoen::service;
use meedoen::store::{ContactKind, DraftKind};
use tui_support::*;

/// Jan Voorbeeld, born 01-02-1980 as in `typical_intake`, already has a dossier; with
/// `bsn` his BSN is the one typed there.
fn known_resident(h: &Harness, bsn: Option<&str>) -> i64 {
    let forms = forms();
    let mut store = h.other_store();
    some_residents(&mut store, &forms);
    let mut a = answers("Jan", "Voorbeeld", d(1980, 2, 1), "2");
    if let Some(b) = bsn {
        a.insert("persoon.bsn".into(), Value::Text(b.into()));
    }
    service::save_contact(
        &mut store,
        &forms,
        None,
        ContactKind::Intake,
        &a,
        d(2024, 9, 2),
        None,
    )
    .expect("save intake")
    .client
}

/// A new intake of Jan Voorbeeld typed in full, F10 to the ladder screen, F10 to save.
fn type_and_save(h: &mut Harness) {
    h.key(KeyCode::F(2));
    fill_by_keys(h, &typical_intake());
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen_name(), "ladder", "{:?}", h.app.status_text());
    h.key(KeyCode::F(10));
}

fn residents(h: &Harness) -> usize {
    h.other_store()
        .search_residents("", 100)
        .expect("search")
        .len()
}

fn both(name: &str, h: &mut Harness) {
    for (w, ht) in [(80u16, 24u16), (120, 40)] {
        let screen = hide_times(&h.screen_at(w, ht));
        insta::assert_snapshot!(format!("{name}_{w}x{ht}"), screen);
    }
    h.app.set_size(80, 24);
}

#[test]
fn a_known_bsn_offers_the_existing_dossier_and_keeps_the_intake_as_a_draft() {
    let mut h = Harness::new();
    let known = known_resident(&h, Some("123456782"));
    type_and_save(&mut h);
    assert_eq!(residents(&h), 4, "a second dossier for one BSN");
    let screen = h.screen_at(80, 24);
    assert!(screen.contains("dit BSN"), "{screen}");
    assert!(screen.contains(&format!("nummer {known}")), "{screen}");
    // Only the ways out that make sense: no saving anyway.
    assert!(
        screen.contains("Enter") && screen.contains("Esc"),
        "{screen}"
    );
    both("same_person_bsn", &mut h);
    h.key(KeyCode::F(10));
    assert_eq!(residents(&h), 4, "F10 saved a second dossier for one BSN");

    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen_name(), "dossier");
    assert!(h.screen_at(80, 24).contains("Voorbeeld"));
    assert_eq!(residents(&h), 4);
    // What was typed waits as a draft of a new resident.
    let drafts = h.other_store().orphan_drafts().expect("drafts");
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    assert_eq!(drafts[0].kind, DraftKind::Intake);
}

#[test]
fn esc_goes_back_to_the_typed_intake() {
    let mut h = Harness::new();
    known_resident(&h, Some("123456782"));
    type_and_save(&mut h);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen_name(), "ladder");
    let screen = h.screen_at(80, 24);
    assert!(!screen.contains("nummer "), "{screen}");
    // Back in the wizard, the BSN can be corrected; the answers are all still there.
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen_name(), "wizard", "{:?}", h.app.status_text());
    for _ in 0..12 {
        h.key(KeyCode::PageUp);
    }
    h.tab_to("persoon.bsn");
    for _ in 0..9 {
        h.key(KeyCode::Backspace);
    }
    h.type_str("111222333");
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen_name(), "ladder", "{:?}", h.app.status_text());
    h.key(KeyCode::F(10));
    // Same surname and birth date as the known resident: asked once more, then saved.
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen_name(), "dossier", "{:?}", h.app.status_text());
    assert_eq!(residents(&h), 5);
}

#[test]
fn same_surname_and_birth_date_warns_and_the_consultant_chooses() {
    let mut h = Harness::new();
    let known = known_resident(&h, None);
    type_and_save(&mut h);
    assert_eq!(residents(&h), 4, "saved without a word");
    let screen = h.screen_at(80, 24);
    assert!(screen.contains(&format!("nummer {known}")), "{screen}");
    both("same_person_name", &mut h);

    // Open that dossier: nothing saved, the intake kept.
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen_name(), "dossier");
    assert_eq!(residents(&h), 4);
    let drafts = h.other_store().orphan_drafts().expect("drafts");
    assert_eq!(drafts.len(), 1);
}

#[test]
fn same_surname_and_birth_date_can_be_saved_as_a_new_resident() {
    let mut h = Harness::new();
    known_resident(&h, None);
    type_and_save(&mut h);
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen_name(), "dossier", "{:?}", h.app.status_text());
    assert_eq!(residents(&h), 5);
    assert!(h.other_store().orphan_drafts().expect("drafts").is_empty());
}

#[test]
fn a_different_person_is_saved_without_a_question() {
    let mut h = Harness::new();
    let forms = forms();
    let mut store = h.other_store();
    some_residents(&mut store, &forms);
    drop(store);
    type_and_save(&mut h);
    assert_eq!(h.app.screen_name(), "dossier", "{:?}", h.app.status_text());
    assert_eq!(residents(&h), 4);
}

#[test]
fn the_dialog_speaks_english_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut opts = options();
    opts.lang = meedoen::forms::Lang::En;
    let mut h = Harness::with_options(dir, opts);
    known_resident(&h, Some("123456782"));
    type_and_save(&mut h);
    let screen = h.screen_at(80, 24);
    assert!(screen.contains("this BSN"), "{screen}");
}

/// A check-in on screen that would give the resident another resident's BSN: refused in
/// the status line, nothing stored, what was typed kept.
#[test]
fn a_checkin_on_screen_cannot_take_another_residents_bsn() {
    let forms = forms();
    let mut h = Harness::new();
    let mut store = h.other_store();
    let anna = {
        let mut a = answers("Anna", "Testpersoon", d(1990, 7, 1), "2");
        a.insert("persoon.bsn".into(), Value::Text("111222333".into()));
        service::save_contact(
            &mut store,
            &forms,
            None,
            ContactKind::Intake,
            &a,
            d(2024, 9, 2),
            None,
        )
        .expect("save intake")
        .client
    };
    let jan = known_resident(&h, None);
    drop(store);
    let contacts = h.other_store().contacts(jan).expect("contacts").len();
    h.type_str("01-02-1980");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen_name(), "dossier", "{:?}", h.app.status_text());
    h.key(KeyCode::F(2));
    h.tab_to("persoon.bsn");
    h.type_str("111222333");
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen_name(), "ladder", "{:?}", h.app.status_text());
    for _ in 0..3 {
        h.key(KeyCode::F(10));
    }
    assert_ne!(h.app.screen_name(), "dossier");
    let said = h.app.status_text().unwrap_or_default();
    assert!(said.contains(&format!("nummer {anna}")), "{said}");
    let store = h.other_store();
    assert_eq!(store.contacts(jan).expect("contacts").len(), contacts);
    assert_eq!(store.resident(jan).expect("jan").bsn, None);
    assert!(store
        .draft_for(jan, DraftKind::Checkin)
        .expect("draft")
        .is_some());
}
