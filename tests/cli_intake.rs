//! `meedoen intake import`: stores a valid intake, refuses invalid answers naming them, and
//! never damages a database from a newer version.

mod cli_support;
use cli_support::{answers_with, full_answers, Sandbox, TODAY};
use serde_json::json;

fn import(sb: &Sandbox, answers: &serde_json::Value, extra: &[&str]) -> cli_support::Run {
    let file = sb.write_json("antwoorden.json", answers);
    let db = sb.db();
    let mut args = vec![
        "--db",
        db.to_str().unwrap(),
        "intake",
        "import",
        "--answers",
        file.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    sb.run(&args)
}

#[test]
fn imports_a_new_resident_and_prints_the_client_id() {
    let sb = Sandbox::new();
    let r = import(&sb, &full_answers(), &[]);
    r.ok();
    assert_eq!(r.stdout.trim(), "1");
    assert!(sb.db().exists());

    // A second resident gets the next id.
    let other = answers_with(json!({"persoon.bsn": null, "persoon.voornamen": "Anna"}));
    let r = import(&sb, &other, &[]);
    r.ok();
    assert_eq!(r.stdout.trim(), "2");
}

fn json_output_has_client_contact_rung_and_signals_with_deadlines(sb: Sandbox) {
    // Homeless (same day) and not registered at UWV (1 week), on Monday 3 March 2025.
    let answers = answers_with(json!({
        "wonen.situatie": "dakloos",
        "wonen.onzeker": null,
        "wonen.woonlasten": null,
        "werk.ingeschreven_uwv": false,
    }));
    let r = import(&sb, &answers, &["--date", "2025-03-03", "--json"]);
    r.ok();
    let v = r.json();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    assert_eq!(keys, ["client", "contact", "rung", "signals"], "{v}"); // sorted
    assert_eq!(v["client"], json!(1));
    assert!(v["contact"].as_i64().is_some_and(|c| c >= 1), "{v}");
    assert_eq!(v["rung"], json!(4), "weekly unpaid work: {v}");
    let signals = v["signals"].as_array().expect("signals array");
    let find = |id: &str| signals.iter().find(|s| s["id"] == json!(id)).cloned();
    let dakloos = find("dakloos").unwrap_or_else(|| panic!("dakloos missing: {v}"));
    assert_eq!(dakloos["deadline"], json!("2025-03-03"));
    assert_eq!(dakloos["severity"], json!("urgent"));
    let uwv = find("uwv_inschrijving").unwrap_or_else(|| panic!("uwv missing: {v}"));
    assert_eq!(uwv["deadline"], json!("2025-03-10"));
    assert_eq!(uwv["severity"], json!("normal"));
    for s in signals {
        let keys: Vec<&str> = s.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        assert_eq!(keys, ["deadline", "id", "severity"], "{s}"); // sorted
    }
}

fn without_date_the_contact_is_today(sb: Sandbox) {
    let answers = answers_with(json!({"wonen.situatie": "dakloos", "wonen.onzeker": null,
                                      "wonen.woonlasten": null}));
    let r = import(&sb, &answers, &["--json"]);
    r.ok();
    let v = r.json();
    let dakloos = v["signals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == json!("dakloos"))
        .cloned()
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(dakloos["deadline"], json!(TODAY));
}

fn a_checkin_for_an_existing_resident_keeps_the_client(sb: Sandbox) {
    import(&sb, &full_answers(), &["--date", "2024-02-01"]).ok();
    // The check-in leaves identity answers out: they come from the dossier.
    let checkin = answers_with(json!({
        "persoon.voornamen": null,
        "persoon.achternaam": null,
        "persoon.geboortedatum": null,
        "persoon.bsn": null,
        "werk.betaald": true,
        "werk.uren_per_week": 20,
        "werk.ondersteuning": ["jobcoach"],
    }));
    let r = import(
        &sb,
        &checkin,
        &["--client", "1", "--date", "2025-02-10", "--json"],
    );
    r.ok();
    let v = r.json();
    assert_eq!(v["client"], json!(1));
    assert_eq!(v["rung"], json!(5));
    assert!(v["contact"].as_i64().is_some_and(|c| c >= 2), "{v}");
}

fn an_unknown_client_is_a_user_error(sb: Sandbox) {
    import(&sb, &full_answers(), &[]).ok();
    let r = import(&sb, &full_answers(), &["--client", "99"]);
    r.user_error();
    assert!(r.stderr.contains("99"), "{}", r.stderr);
}

fn a_second_intake_with_a_known_bsn_is_refused(sb: Sandbox) {
    import(&sb, &full_answers(), &[]).ok();
    let r = import(&sb, &full_answers(), &[]);
    r.user_error();
    assert!(r.stderr.contains("--client 1"), "{}", r.stderr);
}

/// Each bad answer: exit 1, a Dutch line that names the question.
#[test]
fn invalid_answers_are_named() {
    let cases = [
        (
            "persoon.geboortedatum",
            json!({"persoon.geboortedatum": "31-02-1990"}),
        ),
        ("persoon.bsn", json!({"persoon.bsn": "123456789"})),
        ("persoon.schoenmaat", json!({"persoon.schoenmaat": "43"})),
        ("wonen.situatie", json!({"wonen.situatie": "kasteel"})),
        (
            "inkomen.bronnen",
            json!({"inkomen.bronnen": ["bijstand", "geen"]}),
        ),
        (
            "inkomen.netto_per_maand",
            json!({"inkomen.netto_per_maand": "veel"}),
        ),
        (
            "verwachting.termijn_maanden",
            json!({"verwachting.termijn_maanden": 99}),
        ),
        ("werk.betaald", json!({"werk.betaald": "ja graag"})),
        ("regie.doel", json!({"regie.doel": null})),
        ("persoon.email", json!({"persoon.email": "geen-adres"})),
    ];
    for (id, change) in cases {
        let sb = Sandbox::new();
        let r = import(&sb, &answers_with(change.clone()), &[]);
        r.user_error();
        assert!(
            r.stderr.contains(id),
            "{change}: message does not name {id}: {}",
            r.stderr
        );
        assert!(r.stdout.is_empty(), "{change}: {}", r.stdout);
        assert!(!sb.db().exists(), "{change}: a database was created");
    }
}

fn answers_to_hidden_questions_are_ignored(sb: Sandbox) {
    // werk.uren_per_week is hidden when werk.betaald is false; its bad value does not count.
    let r = import(&sb, &answers_with(json!({"werk.uren_per_week": 500})), &[]);
    r.ok();
}

fn bad_or_future_dates_of_the_contact(sb: Sandbox) {
    let r = import(&sb, &full_answers(), &["--date", "2025-13-01"]);
    r.user_error();
    assert!(r.stderr.contains("--date"), "{}", r.stderr);
    let r = import(&sb, &full_answers(), &["--date", "2030-01-01"]);
    r.user_error();
    assert!(r.stderr.contains("toekomst"), "{}", r.stderr);
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let sb = Sandbox::new();
    import(&sb, &full_answers(), &[]).ok();
    {
        let conn = rusqlite::Connection::open(sb.db()).unwrap();
        conn.execute_batch("PRAGMA user_version = 9999;").unwrap();
    }
    let before = std::fs::read(sb.db()).unwrap();
    let other = answers_with(json!({"persoon.bsn": null, "persoon.voornamen": "Anna"}));
    let r = import(&sb, &other, &[]);
    r.user_error();
    assert!(r.stderr.contains("nieuwere versie"), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert_eq!(std::fs::read(sb.db()).unwrap(), before, "database changed");
}

#[test]
fn the_default_database_is_created_in_the_data_folder() {
    let sb = Sandbox::new();
    let file = sb.write_json("a.json", &full_answers());
    sb.run(&["intake", "import", "--answers", file.to_str().unwrap()])
        .ok();
    assert!(sb.data_dir().join("meedoen.db").exists());
    // MEEDOEN_DB is honoured when --db is absent.
    let env_db = sb.path("via-env.db");
    let out = sb
        .command(&["intake", "import", "--answers", file.to_str().unwrap()])
        .env("MEEDOEN_DB", &env_db)
        .output()
        .unwrap();
    let r = cli_support::Run::from(out);
    r.ok();
    assert!(env_db.exists());
}

/// A term in werkdagen that runs into a year no Koninklijk Besluit covers says so in the
/// JSON (Atw art. 3 lid 3); within the known years there is no note.
fn a_deadline_past_the_known_kb_days_carries_a_note(sb: Sandbox) {
    // No BSN: the same fictitious person is imported twice, with two forms folders.
    let answers = answers_with(json!({
        "persoon.bsn": null,
        "schulden.heeft_schulden": "ja",
        "schulden.dreiging": ["huisuitzetting"],
    }));
    let crisis = |forms: &std::path::Path| {
        let r = import(
            &sb,
            &answers,
            &[
                "--forms",
                forms.to_str().unwrap(),
                "--date",
                "2025-02-03",
                "--json",
            ],
        );
        r.ok();
        let v = r.json();
        v["signals"]
            .as_array()
            .and_then(|s| {
                s.iter()
                    .find(|s| s["id"] == json!("schuld_crisis"))
                    .cloned()
            })
            .unwrap_or_else(|| panic!("no schuld_crisis: {v}"))
    };
    let known = crisis(cli_support::repo_forms());
    assert!(known.get("deadline_note").is_none(), "{known}");

    // A forms folder without the decree for 2023-2025.
    let forms = sb.path("forms");
    cli_support::copy_dir(cli_support::repo_forms(), &forms);
    let signals = forms.join("signals.toml");
    let text = std::fs::read_to_string(&signals).unwrap();
    let start = text
        .find("[[atw_besluit]]\nvan = 2023")
        .expect("decree 2023-2025");
    let end = start + text[start..].find("\n\n").expect("end of the decree");
    std::fs::write(&signals, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let unknown = crisis(&forms);
    assert_eq!(unknown["deadline"], json!("2025-02-06"), "{unknown}");
    let note = unknown["deadline_note"].as_str().unwrap_or_default();
    assert!(
        note.contains("nog niet bekend") && note.contains("2025"),
        "{unknown}"
    );
}

// On a database file and on PostgreSQL; the tests above with their own #[test]
// look at the database file itself.
on_both_backends!(
    json_output_has_client_contact_rung_and_signals_with_deadlines,
    without_date_the_contact_is_today,
    a_checkin_for_an_existing_resident_keeps_the_client,
    an_unknown_client_is_a_user_error,
    a_second_intake_with_a_known_bsn_is_refused,
    answers_to_hidden_questions_are_ignored,
    bad_or_future_dates_of_the_contact,
    a_deadline_past_the_known_kb_days_carries_a_note,
);
