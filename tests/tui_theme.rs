//! Poor terminals and other languages: `--ascii`, `NO_COLOR`, English.

mod tui_support;

use crossterm::event::KeyCode;
use meedoen::forms::Lang;
use ratatui::style::Color;
use tui_support::*;

fn harness(ascii: bool, no_color: bool, lang: Lang) -> Harness {
    let mut opts = options();
    opts.ascii = ascii;
    opts.no_color = no_color;
    opts.lang = lang;
    let h = Harness::with_options(tempfile::tempdir().expect("dir"), opts);
    let forms = forms();
    let mut store = h.other_store();
    resident_with_history(&mut store, &forms);
    h
}

/// Walk through every screen, returning what each showed.
fn every_screen(h: &mut Harness) -> Vec<String> {
    let mut shown = vec![h.screen_at(80, 24)];
    h.key(KeyCode::F(3));
    shown.push(h.screen_at(80, 24));
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen_name(), "dossier");
    shown.push(h.screen_at(80, 24));
    h.key(KeyCode::F(2));
    assert_eq!(h.app.screen_name(), "wizard");
    h.type_str("31-13-2000");
    h.key(KeyCode::F(10));
    shown.push(h.screen_at(80, 24));
    h.key(KeyCode::F(1));
    shown.push(h.screen_at(80, 24));
    h.key(KeyCode::Esc);
    shown.push(h.screen_at(60, 20));
    shown
}

#[test]
fn ascii_mode_draws_no_symbols_beyond_ascii() {
    let mut h = harness(true, true, Lang::Nl);
    for screen in every_screen(&mut h) {
        // Letters of the form texts (Geïsoleerd) are data; borders and marks must be ASCII.
        let odd: Vec<char> = screen
            .chars()
            .filter(|c| !c.is_ascii() && !c.is_alphabetic())
            .collect();
        assert!(odd.is_empty(), "non-ASCII {odd:?} in\n{screen}");
    }
}

#[test]
fn no_color_uses_no_colours_and_colour_mode_does() {
    let colours = |h: &Harness| {
        let buf = h.buffer(80, 24);
        buf.content()
            .iter()
            .filter(|c| c.fg != Color::Reset || c.bg != Color::Reset)
            .count()
    };
    let h = harness(false, true, Lang::Nl);
    assert_eq!(colours(&h), 0);
    let h = harness(false, false, Lang::Nl);
    assert!(colours(&h) > 0);
}

#[test]
fn english_interface() {
    let mut h = harness(false, true, Lang::En);
    let screens = every_screen(&mut h).join("\n");
    for s in [
        "Residents",
        "New resident",
        "Signals",
        "Window too small",
        "Keys",
    ] {
        assert!(screens.contains(s), "missing {s:?}");
    }
    assert!(!screens.contains("Nieuwe inwoner"));
}
