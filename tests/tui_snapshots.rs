//! Snapshots of every screen at 80×24 and 120×40, with fictitious residents only.

mod tui_support;

use crossterm::event::KeyCode;
use tui_support::*;

fn both(name: &str, h: &mut Harness) {
    for (w, ht) in [(80u16, 24u16), (120, 40)] {
        let screen = hide_times(&h.screen_at(w, ht));
        insta::assert_snapshot!(format!("{name}_{w}x{ht}"), screen);
    }
    h.app.set_size(80, 24);
}

#[test]
fn start_screen() {
    let forms = forms();
    let mut h = Harness::new();
    let mut store = h.other_store();
    some_residents(&mut store, &forms);
    resident_with_history(&mut store, &forms);
    drop(store);
    // An unfinished intake of a new resident.
    h.key(KeyCode::F(2));
    h.type_str("Eva\nProefpersoon");
    h.key(KeyCode::Esc);
    both("start", &mut h);
    h.type_str("voorb");
    both("start_search", &mut h);
}

#[test]
fn wizard_with_an_error() {
    let mut h = Harness::new();
    h.key(KeyCode::F(2));
    h.type_str("Jan\nVoorbeeld\n31-02-1980\n12345\n");
    both("wizard_persoon_errors", &mut h);
}

#[test]
fn wizard_sections_and_editors() {
    let forms = forms();
    let mut h = Harness::new();
    h.key(KeyCode::F(2));
    fill_by_keys(&mut h, &typical_intake());
    for _ in 0..12 {
        h.key(KeyCode::PageUp);
    }
    h.tab_to("werk.belemmeringen");
    both("wizard_werk_multi", &mut h);
    h.tab_to("schulden.heeft_schulden");
    h.key(KeyCode::Char(digit_for(
        &forms,
        "schulden.heeft_schulden",
        "ja",
    )));
    both("wizard_schulden_choice", &mut h);
    h.tab_to("regie.doel");
    both("wizard_regie_textarea", &mut h);
    h.key(KeyCode::PageUp);
    h.tab_to("gezondheid.belemmering");
    h.key(KeyCode::Char(digit_for(
        &forms,
        "gezondheid.belemmering",
        "psychisch",
    )));
    h.key(KeyCode::Tab);
    h.type_str("Somber sinds de scheiding.");
    h.key(KeyCode::Tab);
    both("wizard_gezondheid_sensitive", &mut h);
}

#[test]
fn ladder_screen() {
    let mut h = Harness::new();
    h.key(KeyCode::F(2));
    fill_by_keys(&mut h, &typical_intake());
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen_name(), "ladder");
    both("ladder", &mut h);
}

#[test]
fn dossier_with_history_and_signals() {
    let forms = forms();
    let mut h = Harness::new();
    let mut store = h.other_store();
    resident_with_history(&mut store, &forms);
    drop(store);
    h.type_str("Voorbeeld");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen_name(), "dossier");
    both("dossier", &mut h);
}

#[test]
fn signals_list() {
    let forms = forms();
    let mut h = Harness::new();
    let mut store = h.other_store();
    some_residents(&mut store, &forms);
    resident_with_history(&mut store, &forms);
    drop(store);
    h.key(KeyCode::F(3));
    both("signals", &mut h);
}

#[test]
fn help_overlay_is_generated_from_the_keys() {
    let mut h = Harness::new();
    h.key(KeyCode::F(2));
    h.key(KeyCode::F(1));
    let screen = h.screen_at(80, 24);
    insta::assert_snapshot!("help_wizard_80x24", screen);
}

#[test]
fn window_too_small() {
    let mut h = Harness::new();
    h.key(KeyCode::F(2));
    let screen = h.screen_at(60, 20);
    insta::assert_snapshot!("too_small_60x20", screen);
}
