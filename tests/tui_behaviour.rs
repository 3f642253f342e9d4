//! The intake wizard and the screens driven by keys alone, checked through the store.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use meedoen::domain::Value;
use meedoen::store::DraftKind;
use std::time::{Duration, Instant};
use tui_support::*;

fn new_intake() -> Harness {
    let mut h = Harness::new();
    h.key(KeyCode::F(2));
    assert_eq!(h.app.screen_name(), "wizard");
    assert_eq!(h.focus(), "persoon.voornamen");
    h
}

#[test]
fn the_whole_intake_can_be_filled_and_saved_with_keys_alone() {
    let mut h = new_intake();
    fill_by_keys(&mut h, &typical_intake());
    h.key(KeyCode::F(10));
    assert_eq!(
        h.app.screen_name(),
        "ladder",
        "status: {:?}",
        h.app.status_text()
    );
    // The expected rung defaults to the computed one; the horizon to 12 months.
    let screen = h.screen_at(80, 24);
    assert!(screen.contains("Berekende trede: 3"), "{screen}");
    h.key(KeyCode::F(10));
    assert_eq!(
        h.app.screen_name(),
        "dossier",
        "status: {:?}",
        h.app.status_text()
    );

    let store = h.other_store();
    let found = store.search_residents("Voorbeeld", 10).expect("search");
    assert_eq!(found.len(), 1);
    let id = found[0].id;
    let contact = store
        .latest_contact(id)
        .expect("contact")
        .expect("one contact");
    let a = &contact.answers;
    assert_eq!(a.get("persoon.voornamen"), Some(&Value::Text("Jan".into())));
    assert_eq!(
        a.get("inkomen.netto_per_maand"),
        Some(&Value::Money(124_550))
    );
    assert_eq!(
        a.get("werk.belemmeringen"),
        Some(&Value::Multi(vec!["zorgtaken".into(), "vervoer".into()]))
    );
    assert_eq!(
        a.get("werk.wensen"),
        Some(&Value::Text("Iets in de groenvoorziening.".into()))
    );
    let m = store.measurements(id).expect("measurements");
    assert_eq!(m.len(), 1);
    assert_eq!(
        (
            m[0].computed,
            m[0].chosen,
            m[0].expected,
            m[0].horizon_months
        ),
        (3, 3, Some(3), Some(12))
    );
    // The draft is gone once the intake is saved.
    assert!(store.orphan_drafts().expect("drafts").is_empty());
}

#[test]
fn enter_in_one_line_fields_never_finishes_the_intake() {
    let mut h = new_intake();
    fill_by_keys(&mut h, &typical_intake());
    // Back to the start and "paste" lines: every Enter only moves to the next field.
    for _ in 0..12 {
        h.key(KeyCode::PageUp);
    }
    assert_eq!(h.focus(), "persoon.voornamen");
    for _ in 0..150 {
        h.key(KeyCode::Enter);
    }
    assert_eq!(h.app.screen_name(), "wizard");
    assert!(h
        .other_store()
        .search_residents("Voorbeeld", 10)
        .expect("search")
        .is_empty());
}

#[test]
fn moving_back_is_never_blocked_by_a_wrong_answer() {
    let mut h = new_intake();
    h.type_str("Jan\nVoorbeeld\n31-02-1980");
    assert_eq!(h.focus(), "persoon.geboortedatum");
    h.shift_tab();
    assert_eq!(
        h.focus(),
        "persoon.achternaam",
        "Shift+Tab leaves a wrong date"
    );
    let screen = h.screen_at(80, 24);
    assert!(
        screen.contains("31-02-1980"),
        "what was typed stays: {screen}"
    );
    h.key(KeyCode::Up);
    assert_eq!(h.focus(), "persoon.voornamen");
    // Forward past the wrong date and on to the next section, then back with PgUp.
    h.tab_to("werk.betaald");
    h.key(KeyCode::PageUp);
    assert!(
        h.focus().starts_with("persoon."),
        "PgUp goes back: {}",
        h.focus()
    );
}

#[test]
fn finishing_with_a_missing_required_answer_jumps_to_it() {
    let mut h = new_intake();
    h.type_str("Jan");
    h.tab_to("werk.betaald");
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen_name(), "wizard");
    assert_eq!(h.focus(), "persoon.achternaam");
    let screen = h.screen_at(80, 24);
    assert!(
        screen.contains("Nog niet alles is goed ingevuld"),
        "{screen}"
    );
    // Ctrl+S does the same as F10 (for terminals that catch F10).
    h.ctrl('s');
    assert_eq!(h.focus(), "persoon.achternaam");
}

#[test]
fn hidden_answers_survive_toggling_in_the_draft_but_are_not_saved() {
    let forms = forms();
    let mut h = new_intake();
    let mut wants = typical_intake();
    wants.retain(|(q, _)| *q != "schulden.heeft_schulden");
    fill_by_keys(&mut h, &wants);
    for _ in 0..12 {
        h.key(KeyCode::PageUp);
    }
    h.tab_to("schulden.heeft_schulden");
    let ja = digit_for(&forms, "schulden.heeft_schulden", "ja");
    let nee = digit_for(&forms, "schulden.heeft_schulden", "nee");
    h.key(KeyCode::Char(ja));
    h.tab_to("schulden.totaal");
    h.type_str("2.500");
    h.shift_tab();
    h.key(KeyCode::Char(nee));
    let screen = h.screen_at(80, 24);
    assert!(!screen.contains("2.500"), "hidden when there are no debts");
    h.app.save_draft(Instant::now());
    let drafts = h.other_store().orphan_drafts().expect("drafts");
    assert!(
        drafts[0].payload.contains("2.500"),
        "the draft keeps the hidden answer"
    );
    h.key(KeyCode::Char(ja));
    h.key(KeyCode::Tab);
    assert_eq!(h.focus(), "schulden.totaal");
    assert!(
        h.screen_at(80, 24).contains("2.500"),
        "toggling back shows the typed text"
    );
    h.shift_tab();
    h.key(KeyCode::Char(nee));
    h.key(KeyCode::F(10));
    assert_eq!(
        h.app.screen_name(),
        "ladder",
        "status: {:?}",
        h.app.status_text()
    );
    h.key(KeyCode::F(10));
    assert_eq!(
        h.app.screen_name(),
        "dossier",
        "status: {:?}",
        h.app.status_text()
    );
    let store = h.other_store();
    let id = store.search_residents("Voorbeeld", 5).expect("search")[0].id;
    let answers = store.latest_contact(id).expect("c").expect("c").answers;
    assert!(
        !answers.contains_key("schulden.totaal"),
        "hidden answer not saved"
    );
}

#[test]
fn the_draft_is_written_and_restored_after_a_crash() {
    let mut h = new_intake();
    h.type_str("J");
    // The first change is written at once.
    let drafts = h.other_store().orphan_drafts().expect("drafts");
    assert_eq!(drafts.len(), 1);
    assert!(drafts[0].payload.contains("\"J\""));
    // Typing on within the second is written at most once a second.
    h.type_str("an\nVoorbeeld");
    let payload = &h.other_store().orphan_drafts().expect("drafts")[0].payload;
    assert!(
        !payload.contains("Voorbeeld"),
        "not written twice within a second"
    );
    assert!(
        h.app.poll_timeout(Instant::now()).is_some(),
        "a save is pending"
    );
    h.app.tick(Instant::now() + Duration::from_millis(1100));
    let drafts = h.other_store().orphan_drafts().expect("drafts");
    assert!(drafts[0].payload.contains("Voorbeeld"));
    assert_eq!(drafts[0].label, "Voorbeeld, J.");
    assert!(
        h.app.poll_timeout(Instant::now()).is_none(),
        "idle: no timer"
    );

    // A new program on the same database (as after kill -9) offers to continue it.
    let mut h = h.restart();
    let screen = hide_times(&h.screen_at(80, 24));
    assert!(screen.contains("Voorbeeld, J."), "{screen}");
    // No residents yet, so the first row is the draft.
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen_name(), "wizard");
    assert_eq!(h.focus(), "persoon.achternaam", "continues where one was");
    let screen = h.screen_at(80, 24);
    assert!(
        screen.contains("Jan") && screen.contains("Voorbeeld"),
        "{screen}"
    );
    assert_eq!(
        h.other_store().orphan_drafts().expect("drafts").len(),
        1,
        "continuing does not copy the draft"
    );
}

#[test]
fn quitting_saves_the_draft_immediately() {
    let mut h = new_intake();
    h.type_str("Anna");
    h.type_str("\nTestpersoon");
    h.ctrl('q');
    assert!(h.app.should_quit());
    let drafts = h.other_store().orphan_drafts().expect("drafts");
    assert!(drafts[0].payload.contains("Testpersoon"));
}

#[test]
fn a_too_small_window_keeps_the_field_and_its_text() {
    let mut h = new_intake();
    h.type_str("Jan\nVoorbeeld");
    let screen = h.screen_at(40, 10);
    assert!(
        screen.contains("Venster te klein (minimaal 80×24)"),
        "{screen}"
    );
    h.type_str("xyz");
    let screen = h.screen_at(80, 24);
    assert_eq!(h.focus(), "persoon.achternaam");
    assert!(
        screen.contains("Voorbeeld") && !screen.contains("xyz"),
        "{screen}"
    );
}

#[test]
fn key_releases_are_ignored() {
    let mut h = new_intake();
    h.app.handle_key(KeyEvent::new_with_kind(
        KeyCode::Char('x'),
        KeyModifiers::NONE,
        KeyEventKind::Release,
    ));
    h.type_str("Jan");
    assert!(h.screen_at(80, 24).contains("Jan "));
    assert!(!h.screen_at(80, 24).contains("xJan"));
}

#[test]
fn exclusive_option_clears_the_others_by_keys() {
    let forms = forms();
    let mut h = new_intake();
    h.tab_to("inkomen.bronnen");
    h.key(KeyCode::Char(digit_for(&forms, "inkomen.bronnen", "loon")));
    h.key(KeyCode::Char(digit_for(
        &forms,
        "inkomen.bronnen",
        "bijstand",
    )));
    h.key(KeyCode::Char(digit_for(&forms, "inkomen.bronnen", "geen")));
    let s = h.screen_at(120, 40);
    let checked: Vec<&str> = s.lines().filter(|l| l.contains("[x]")).collect();
    assert_eq!(checked.len(), 1, "{s}");
    assert!(
        checked[0].contains("Geen") || checked[0].contains("geen"),
        "{s}"
    );
}

#[test]
fn an_override_of_the_rung_needs_a_reason() {
    let mut h = new_intake();
    fill_by_keys(&mut h, &typical_intake());
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen_name(), "ladder");
    h.tab_to("_ladder.gekozen");
    h.key(KeyCode::Char('4'));
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen_name(), "ladder");
    assert_eq!(h.focus(), "_ladder.reden");
    h.type_str("Doet al twee dagen per week vrijwilligerswerk.");
    h.key(KeyCode::F(10));
    assert_eq!(
        h.app.screen_name(),
        "dossier",
        "status: {:?}",
        h.app.status_text()
    );
    let store = h.other_store();
    let id = store.search_residents("Voorbeeld", 5).expect("search")[0].id;
    let m = &store.measurements(id).expect("m")[0];
    assert_eq!((m.computed, m.chosen), (3, 4));
    assert!(m
        .override_reason
        .as_deref()
        .is_some_and(|r| r.contains("vrijwilligerswerk")));
}

#[test]
fn a_signal_is_marked_handled_with_a_note() {
    let forms = forms();
    let mut h = Harness::new();
    let mut store = h.other_store();
    let id = resident_with_history(&mut store, &forms);
    let open_before = store.open_signals().expect("signals").len();
    assert!(open_before >= 2);
    h.key(KeyCode::F(3));
    assert_eq!(h.app.screen_name(), "signals");
    h.key(KeyCode::F(5));
    // Confirming without a note is refused; Enter only adds a line.
    h.key(KeyCode::F(10));
    assert!(h
        .screen_at(80, 24)
        .contains("Schrijf kort wat er is gedaan."));
    h.type_str("Gebeld met de verhuurder;\nafspraak gemaakt.");
    h.key(KeyCode::F(10));
    let after = store.open_signals().expect("signals");
    assert_eq!(after.len(), open_before - 1);
    let handled: Vec<_> = store
        .signals_of(id)
        .expect("signals")
        .into_iter()
        .filter(|s| s.handled.is_some())
        .collect();
    assert_eq!(handled.len(), 1);
    assert!(handled[0]
        .handled
        .as_ref()
        .is_some_and(|(_, _, note)| note.contains("verhuurder")));
}

#[test]
fn the_dossier_is_read_only_when_someone_else_edits_it() {
    let forms = forms();
    let mut h = Harness::new();
    let mut other = meedoen::store::Store::open(&h.db(), "collega2").expect("store");
    let id = resident_with_history(&mut other, &forms);
    assert_eq!(
        other.lock_resident(id).expect("lock"),
        meedoen::store::Lock::Acquired
    );
    h.type_str("Voorbeeld");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen_name(), "dossier");
    let screen = h.screen_at(120, 40);
    assert!(screen.contains("Wordt bewerkt door collega2"), "{screen}");
    assert!(screen.contains("u kunt alleen lezen"), "{screen}");
    h.key(KeyCode::F(2));
    assert_eq!(
        h.app.screen_name(),
        "dossier",
        "no new conversation while read-only"
    );
}

#[test]
fn opening_a_resident_with_a_draft_offers_to_continue_it() {
    let forms = forms();
    let mut h = Harness::new();
    let mut store = h.other_store();
    resident_with_history(&mut store, &forms);
    drop(store);
    h.type_str("Voorbeeld");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen_name(), "dossier");
    h.key(KeyCode::F(2));
    assert_eq!(h.app.screen_name(), "wizard");
    // Known answers are prefilled (not asked again).
    assert!(h.screen_at(80, 24).contains("Voorbeeld"));
    h.tab_to("persoon.telefoon");
    h.type_str("0612345678");
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen_name(), "dossier");
    let client = h.other_store().search_residents("Voorbeeld", 5).expect("s")[0].id;
    assert!(h
        .other_store()
        .draft_for(client, DraftKind::Checkin)
        .expect("d")
        .is_some());
    assert!(h.screen_at(80, 24).contains("niet afgemaakt gesprek"));
    h.key(KeyCode::F(2));
    assert_eq!(h.focus(), "persoon.telefoon", "continues the draft");
}

#[test]
fn an_untouched_intake_leaves_no_draft() {
    let mut h = new_intake();
    h.key(KeyCode::Tab);
    h.key(KeyCode::PageDown);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen_name(), "start");
    assert!(h.other_store().orphan_drafts().expect("drafts").is_empty());
}
