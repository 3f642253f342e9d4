//! Hostile input: random keystrokes (pasted lines, emoji, right-to-left text, function
//! keys) and random window sizes never make the interface panic, and what gets stored is
//! always valid.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use meedoen::forms::validate::validate_all;
use proptest::prelude::*;
use tui_support::*;

fn key_strategy() -> impl Strategy<Value = KeyEvent> {
    let code = prop_oneof![
        6 => any::<char>().prop_map(KeyCode::Char),
        4 => prop::sample::select(vec!['a', 'j', 'n', ' ', '1', '2', '3', '0', '?', '-', ',', '😀', 'ש', 'ë']).prop_map(KeyCode::Char),
        2 => Just(KeyCode::Enter),
        2 => Just(KeyCode::Tab),
        1 => Just(KeyCode::BackTab),
        1 => Just(KeyCode::Backspace),
        1 => Just(KeyCode::Delete),
        1 => Just(KeyCode::Left),
        1 => Just(KeyCode::Right),
        2 => Just(KeyCode::Up),
        2 => Just(KeyCode::Down),
        1 => Just(KeyCode::Home),
        1 => Just(KeyCode::End),
        1 => Just(KeyCode::PageUp),
        1 => Just(KeyCode::PageDown),
        1 => Just(KeyCode::Esc),
        1 => (1u8..=12).prop_map(KeyCode::F),
    ];
    let mods = prop_oneof![
        8 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::SHIFT),
        1 => Just(KeyModifiers::ALT),
    ];
    (code, mods).prop_map(|(c, m)| KeyEvent::new(c, m))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn random_keys_never_panic_and_store_only_valid_intakes(
        keys in prop::collection::vec(key_strategy(), 1..400),
        sizes in prop::collection::vec((20u16..140, 5u16..50), 1..4),
    ) {
        let forms = forms();
        let mut h = Harness::new();
        // Start inside a new intake so most keys land in the wizard.
        h.key(KeyCode::F(2));
        for (i, k) in keys.into_iter().enumerate() {
            // Keep going after a quit key: the app must stay sound either way.
            h.app.handle_key(k);
            if i % 25 == 0 {
                let (w, ht) = sizes[i / 25 % sizes.len()];
                h.screen_at(w, ht);
                h.app.set_size(80, 24);
            }
        }
        h.screen_at(80, 24);
        let store = h.other_store();
        for r in store.search_residents("", 100).expect("search") {
            if let Some(c) = store.latest_contact(r.id).expect("contact") {
                prop_assert!(validate_all(&forms.intake, &c.answers, c.summary.date).is_empty());
            }
        }
    }
}
