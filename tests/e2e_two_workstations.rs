//! Two workstations on one database: intakes of different residents saved at the same
//! moment both succeed; the same resident opened on both is read-only on the second,
//! which is told who is editing. On SQLite and on PostgreSQL (each staff member a role).

mod support;

use support::flows;
use support::{Key, OrFail, Workplace, DEFAULT_TIMEOUT};

fn two_workstations_save_intakes_of_different_residents_at_the_same_time(w: Workplace) {
    let mut a = w.tui_as("consulent_a").spawn().or_fail();
    let mut b = w.tui_as("consulent_b").spawn().or_fail();
    for (p, last) in [(&mut a, "Voorbeeld"), (&mut b, "Testpersoon")] {
        flows::new_intake(p);
        flows::type_person(p, "Jan", last);
        flows::answer_required_sections(p);
        flows::to_ladder(p);
    }
    // Both press save within the same instant.
    a.send_key(Key::F(10)).or_fail();
    b.send_key(Key::F(10)).or_fail();
    for p in [&a, &b] {
        p.wait_for("Het gesprek is opgeslagen", DEFAULT_TIMEOUT)
            .or_fail();
    }
    assert!(a.screen_text().contains("Dossier: Jan Voorbeeld"));
    assert!(b.screen_text().contains("Dossier: Jan Testpersoon"));
    for p in [&mut a, &mut b] {
        let exit = flows::quit(p);
        assert!(exit.success(), "{exit:?}");
    }
    let report = w.json(&["report", "--json", "--intern"]);
    assert_eq!(report["clients"], 2, "{report}");
    assert_eq!(report["per_rung"]["3"], 2, "{report}");
}

fn the_same_resident_on_a_second_workstation_is_read_only_and_names_the_editor(w: Workplace) {
    let answers = w.answers_file(
        "intake.json",
        serde_json::json!({
            "persoon.voornamen": "Jan",
            "persoon.achternaam": "Voorbeeld",
            "persoon.geboortedatum": "1985-11-03",
            "werk.betaald": false,
            "meedoen.onbetaald_werk": "nee",
            "meedoen.georganiseerd": "wekelijks",
            "meedoen.sociaal_contact": "wekelijks",
            "inkomen.bronnen": ["bijstand"],
            "schulden.heeft_schulden": "nee",
            "wonen.situatie": "huur",
            "taal.onderwijs_nl_8jaar": true,
            "regie.doel": "Vrijwilligerswerk vinden",
            "verwachting.trede": "3"
        }),
    );
    w.run_ok(&["intake", "import", "--answers", &answers.to_string_lossy()]);

    let open = |p: &mut support::pty::Pty| {
        flows::wait_start(p);
        p.send("Voorb").or_fail();
        p.wait_for("Voorbeeld, Jan", DEFAULT_TIMEOUT).or_fail();
        p.send_key(Key::Enter).or_fail();
        p.wait_for("Dossier: Jan Voorbeeld", DEFAULT_TIMEOUT)
            .or_fail();
    };
    let mut a = w.tui_as("consulent_a").spawn().or_fail();
    open(&mut a);
    assert!(
        !a.screen_text().contains("alleen lezen"),
        "{}",
        a.screen_text()
    );

    let mut b = w.tui_as("consulent_b").spawn().or_fail();
    open(&mut b);
    let screen = b.screen_text();
    assert!(screen.contains("(alleen lezen)"), "{screen}");
    assert!(
        screen.contains("Wordt bewerkt door consulent_a"),
        "the second workstation is told who edits:\n{screen}"
    );
    // No way to start a conversation that could overwrite the first one's work.
    assert!(!screen.contains("F2 Nieuw gesprek"), "{screen}");
    b.send_key(Key::F(2)).or_fail();
    b.wait_quiet(std::time::Duration::from_millis(300), DEFAULT_TIMEOUT)
        .or_fail();
    assert!(
        !b.screen_text().contains("Heeft de inwoner"),
        "no wizard on a read-only dossier:\n{}",
        b.screen_text()
    );

    // Once the first closes the dossier, the second can take it up.
    a.send_key(Key::Esc).or_fail();
    flows::wait_start(&a);
    b.send_key(Key::Esc).or_fail();
    flows::wait_start(&b);
    b.send_key(Key::Enter).or_fail();
    b.wait_for("Dossier: Jan Voorbeeld", DEFAULT_TIMEOUT)
        .or_fail();
    assert!(
        !b.screen_text().contains("alleen lezen"),
        "{}",
        b.screen_text()
    );
    for p in [&mut a, &mut b] {
        let exit = flows::quit(p);
        assert!(exit.success(), "{exit:?}");
    }
}

workplace_on_both_backends!(
    two_workstations_save_intakes_of_different_residents_at_the_same_time,
    the_same_resident_on_a_second_workstation_is_read_only_and_names_the_editor,
);
