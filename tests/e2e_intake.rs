//! A consultant at an 80×24 terminal: a new resident, the whole intake by keys, the
//! ladder screen, saving; then what was stored, read back through the CLI.

mod support;

use support::flows::{self, option_key};
use support::{Key, OrFail, Workplace, DEFAULT_TIMEOUT, TODAY};

#[test]
fn a_full_intake_typed_at_the_terminal_is_stored() {
    let w = Workplace::new();
    let mut p = w.spawn_tui();
    flows::new_intake(&mut p);
    flows::type_person(&mut p, "Jan", "Voorbeeld");
    flows::answer_required_sections(&mut p);

    // The ladder screen: the rung computed from these answers, with its explanation,
    // and the expected rung starting at the rung of today.
    flows::to_ladder(&mut p);
    let ladder = p.screen_text();
    assert!(ladder.contains("Participatieladder"), "{ladder}");
    assert!(ladder.contains("Berekende trede: 3"), "{ladder}");
    assert!(
        ladder.contains("georganiseerde"),
        "explanation shown:\n{ladder}"
    );
    assert!(ladder.contains("Verwachte trede"), "{ladder}");
    // Expect rung 4 in the coming year instead of the default.
    p.send("4").or_fail();
    p.wait_for("(•) 4", DEFAULT_TIMEOUT).or_fail();

    flows::save_from_ladder(&mut p);
    let dossier = p.screen_text();
    assert!(dossier.contains("Dossier: Jan Voorbeeld"), "{dossier}");
    assert!(dossier.contains("Intake"), "{dossier}");
    assert!(dossier.contains("verwacht 4"), "{dossier}");
    let exit = flows::quit(&mut p);
    assert!(exit.success(), "{exit:?}");
    p.check_terminal_restored().or_fail();

    // Through the CLI: one resident on rung 3, contacted today, so not due this year…
    let report = w.json(&["report", "--json", "--intern"]);
    assert_eq!(report["clients"], 1, "{report}");
    assert_eq!(report["per_rung"]["3"], 1, "the rung is stored: {report}");
    let due = w.json(&["worklist", "--json"]);
    assert_eq!(due["due"].as_array().map(Vec::len), Some(0), "{due}");
    // …but due again next year, with the date of this intake as last contact.
    let next_year = w.json(&["worklist", "--as-of", "2026-01-15", "--json"]);
    let rows = next_year["due"].as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 1, "{next_year}");
    assert_eq!(rows[0]["name"], "Jan Voorbeeld", "{next_year}");
    assert_eq!(rows[0]["last_contact"], TODAY, "{next_year}");
}

#[test]
fn finishing_with_a_required_answer_missing_shows_where_and_saves_nothing() {
    let w = Workplace::new();
    let mut p = w.spawn_tui();
    flows::new_intake(&mut p);
    flows::type_person(&mut p, "Jan", "Voorbeeld");
    // Straight to F10 with most of the form empty: no ladder, a pointer to what is missing.
    p.send_key(Key::F(10)).or_fail();
    p.wait_for("!", DEFAULT_TIMEOUT).or_fail();
    let screen = p.screen_text();
    assert!(!screen.contains("Berekende trede"), "{screen}");
    // Enter in a one-line field never finishes the intake either.
    p.send_key(Key::Enter).or_fail();
    p.send_key(Key::Enter).or_fail();
    assert!(!p.screen_text().contains("Het gesprek is opgeslagen"));
    let exit = flows::quit(&mut p);
    assert!(exit.success(), "{exit:?}");
    let report = w.json(&["report", "--json", "--intern"]);
    assert_eq!(report["clients"], 0, "{report}");
    // The option keys used by the other tests exist in the shipped form.
    assert!(!option_key("wonen.situatie", "huur").is_empty());
}
