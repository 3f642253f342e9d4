//! A name stored by an older version with terminal escape sequences in it is drawn on the
//! screen without them: ratatui's buffer drops any grapheme holding a control character
//! (`Buffer::set_stringn`, `Span::styled_graphemes`), and this checks that every screen
//! that shows the name draws it through there.

mod tui_support;
use crossterm::event::KeyCode;
use tui_support::{forms, some_residents, Harness};

const EVIL: &str = "Test\u{1b}]0;gehackt\u{7}\u{1b}[2Jpersoon\u{9b}31m";

fn assert_clean(h: &Harness, what: &str) {
    let buf = h.buffer(80, 24);
    for cell in buf.content() {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "{what}: a control character reached the screen: {:?}",
            cell.symbol()
        );
    }
}

#[test]
fn stored_escape_sequences_are_not_drawn() {
    let h = Harness::new();
    {
        let mut store = h.other_store();
        some_residents(&mut store, &forms());
    }
    let conn = rusqlite::Connection::open(h.db()).unwrap();
    conn.execute(
        "UPDATE residents SET surname = ?1 WHERE first_names = 'Anna'",
        [EVIL],
    )
    .unwrap();
    drop(conn);
    let mut h = h.restart();
    let start = h.screen_at(80, 24);
    assert_clean(&h, "start screen");

    h.key(KeyCode::F(6));
    assert_eq!(h.app.screen_name(), "worklist");
    let s = h.screen_at(80, 24);
    assert!(s.contains("Test"), "{s}");
    assert_clean(&h, "worklist");

    h.key(KeyCode::Esc);
    h.type_str("Anna");
    let s = h.screen_at(80, 24);
    assert!(s.contains("Anna"), "{start}\n{s}");
    assert_clean(&h, "search results");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen_name(), "dossier", "{:?}", h.app.status_text());
    let s = h.screen_at(80, 24);
    assert!(s.contains("Test"), "{s}");
    assert_clean(&h, "dossier");
}
