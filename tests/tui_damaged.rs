//! A damaged database in the interface: found in use or by the daily background check,
//! it turns the program read-only with a banner; what is typed is kept as a draft.

mod corrupt;
mod tui_support;

use crossterm::event::KeyCode;
use meedoen::store::Store;
use std::time::{Duration, Instant};
use tui_support::*;

/// A database with residents whose oldest contacts sit on a page of garbage.
fn damaged() -> Harness {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("meedoen.db");
    {
        let forms = forms();
        let mut store = Store::open(&db, "consulent1").unwrap_or_else(|e| panic!("{e}"));
        resident_with_history(&mut store, &forms);
        some_residents(&mut store, &forms);
    }
    corrupt::corrupt_table_page(&db, "contacts");
    Harness::in_dir(dir)
}

fn residents(h: &Harness) -> i64 {
    rusqlite::Connection::open(h.db())
        .and_then(|c| c.query_row("SELECT count(*) FROM residents", [], |r| r.get(0)))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn wait_for_daily_check(h: &mut Harness) {
    let until = Instant::now() + Duration::from_secs(20);
    while h.app.daily_check_running() && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(20));
        h.app.tick(Instant::now());
    }
    assert!(!h.app.daily_check_running(), "the daily check did not end");
}

#[test]
fn damage_met_in_use_turns_the_program_read_only_with_a_banner() {
    let mut h = damaged();
    assert!(!h.app.is_damaged());
    h.type_str("Voorbeeld");
    h.key(KeyCode::Enter);
    assert!(h.app.is_damaged(), "status: {:?}", h.app.status_text());
    let screen = h.screen_at(80, 24);
    insta::assert_snapshot!("damaged_banner_80x24", hide_times(&screen));
    assert!(screen.contains("meedoen db restore"), "{screen}");
}

#[test]
fn in_read_only_mode_a_save_is_refused_and_the_answers_kept_as_a_draft() {
    let mut h = damaged();
    h.type_str("Voorbeeld");
    h.key(KeyCode::Enter);
    assert!(h.app.is_damaged());
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen_name(), "start");
    h.key(KeyCode::F(2));
    let mut wants = typical_intake();
    // A BSN of no one else, so only the damage can stop the save.
    wants.retain(|(q, _)| *q != "persoon.bsn");
    fill_by_keys(&mut h, &wants);
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen_name(), "ladder", "{:?}", h.app.status_text());
    let residents_before = residents(&h);
    h.key(KeyCode::F(10));
    let status = h.app.status_text().unwrap_or_default();
    assert!(status.contains("meedoen db restore"), "{status}");
    assert!(!status.contains("opgeslagen"), "{status}");
    assert_eq!(residents(&h), residents_before);
    let drafts = h
        .other_store()
        .orphan_drafts()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        drafts
            .iter()
            .any(|d| d.payload.contains("Iets in de groenvoorziening")),
        "the answers are kept as a draft: {drafts:?}"
    );
}

#[test]
fn the_daily_check_finds_damage_in_the_background() {
    let mut h = damaged();
    h.app.first_frame_drawn();
    assert!(h.app.daily_check_running());
    wait_for_daily_check(&mut h);
    assert!(h.app.is_damaged());
    assert!(h.screen_at(80, 24).contains("alleen-lezen"));
    assert!(!h.dir.path().join("meedoen.db.controle").exists());
}

#[test]
fn a_sound_database_is_checked_once_a_day() {
    let mut h = Harness::new();
    h.app.first_frame_drawn();
    wait_for_daily_check(&mut h);
    assert!(!h.app.is_damaged());
    assert!(!h.screen_at(80, 24).contains("beschadigd"));
    let stamp = h.dir.path().join("meedoen.db.controle");
    assert_eq!(
        std::fs::read_to_string(&stamp).unwrap_or_default(),
        "2025-03-12"
    );
    let mut h = h.restart();
    h.app.first_frame_drawn();
    assert!(!h.app.daily_check_running(), "checked twice on one day");
}

#[test]
fn when_not_even_a_draft_can_be_written_nothing_claims_to_be_kept() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("meedoen.db");
    {
        let forms = forms();
        let mut store = Store::open(&db, "consulent1").unwrap_or_else(|e| panic!("{e}"));
        some_residents(&mut store, &forms);
    }
    corrupt::corrupt_table_page(&db, "drafts");
    let mut h = Harness::in_dir(dir);
    h.key(KeyCode::F(2));
    h.type_str("Eva\nProefpersoon");
    h.app.tick(Instant::now() + Duration::from_secs(2));
    assert!(h.app.is_damaged(), "status: {:?}", h.app.status_text());
    let screen = h.screen_at(80, 24);
    assert!(screen.contains("niet worden bewaard"), "{screen}");
    assert!(!screen.contains("(bewaard"), "{screen}");
    assert!(
        screen.contains("Proefpersoon"),
        "what was typed stays: {screen}"
    );
}
