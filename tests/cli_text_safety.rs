//! What is typed never escapes raw: errors name the question and what is wrong, never the
//! value; control characters and megabyte values are refused; and text stored by an older
//! version with terminal escape sequences in it is printed clean everywhere.

mod cli_support;
use cli_support::{answers_with, full_answers, Run, Sandbox};
use serde_json::json;

/// A terminal title change, a bell and a screen clear: what an older version let through.
const EVIL: &str = "Voor\u{1b}]0;gehackt\u{7}\u{1b}[2Jbeeld\u{9b}31m";

fn import(sb: &Sandbox, answers: &serde_json::Value) -> Run {
    let file = sb.write_json("a.json", answers);
    sb.run(&[
        "--db",
        sb.db().to_str().unwrap(),
        "intake",
        "import",
        "--answers",
        file.to_str().unwrap(),
        "--date",
        "2025-02-03",
    ])
}

fn assert_no_control_bytes(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
        .collect();
    assert!(bad.is_empty(), "{what} holds control characters {bad:?}");
}

#[test]
fn a_wrong_answer_is_named_by_its_question_never_by_its_value() {
    let sb = Sandbox::new();
    let r = import(
        &sb,
        &answers_with(json!({
            "persoon.huishouden": "Jan Jansen BSN 123456782",
            "inkomen.bronnen": ["bijstand", "Jan Jansen 123456782"],
            "wonen.situatie": "Jan Jansen",
            "werk.betaald": "Jan Jansen",
        })),
    );
    r.user_error();
    for id in [
        "persoon.huishouden",
        "inkomen.bronnen",
        "wonen.situatie",
        "werk.betaald",
    ] {
        assert!(r.stderr.contains(id), "{id}: {}", r.stderr);
    }
    assert!(!r.stderr.contains("Jansen"), "{}", r.stderr);
    assert!(!r.stderr.contains("123456782"), "{}", r.stderr);
    // What may be chosen instead is said.
    assert!(r.stderr.contains("alleenstaand"), "{}", r.stderr);
    assert!(!sb.db().exists());
}

fn the_form_field_of_an_answers_file_is_not_echoed(sb: Sandbox) {
    let mut doc = full_answers();
    doc["form"] = json!("Jan Jansen 123456782");
    let r = import(&sb, &doc);
    r.user_error();
    assert!(r.stderr.contains("\"form\""), "{}", r.stderr);
    assert!(!r.stderr.contains("Jansen"), "{}", r.stderr);
}

#[test]
fn control_characters_in_answers_are_refused_in_dutch() {
    let sb = Sandbox::new();
    for (id, value) in [
        ("persoon.achternaam", EVIL),
        ("persoon.voornamen", "Jan\u{0}"),
        ("persoon.achternaam", "Voor\tbeeld"),
        ("persoon.achternaam", "Voor\u{7f}beeld"),
        ("persoon.achternaam", "Voor\u{85}beeld"),
        ("regie.doel", "Een baan.\u{1b}[2J"),
        ("persoon.geboortedatum", "1988-04-12\u{1b}"),
    ] {
        let r = import(&sb, &answers_with(json!({ id: value })));
        r.user_error();
        assert_eq!(r.stderr.lines().count(), 1, "{id}: {}", r.stderr);
        assert!(r.stderr.contains(id), "{id}: {}", r.stderr);
        assert!(r.stderr.contains("stuurteken"), "{id}: {}", r.stderr);
        assert_no_control_bytes("stderr", r.stderr.as_bytes());
        assert!(!sb.db().exists(), "{id}: saved");
    }
    // Lines and tabs are what a multi-line answer is made of; Windows line ends too.
    import(
        &sb,
        &answers_with(json!({ "regie.doel": "Eerst:\r\n\tde taal.\nDan werk." })),
    )
    .ok();
}

#[test]
fn megabyte_values_are_refused_with_a_short_message() {
    let sb = Sandbox::new();
    let mb = "a".repeat(1024 * 1024);
    for id in [
        "persoon.achternaam",
        "regie.doel",
        "persoon.bsn",
        "persoon.geboortedatum",
        "wonen.situatie",
        "inkomen.netto_per_maand",
    ] {
        let r = import(&sb, &answers_with(json!({ id: mb })));
        r.user_error();
        assert!(r.stderr.contains(id), "{id}: {}", r.stderr);
        assert!(r.stderr.len() < 400, "{id}: {} bytes", r.stderr.len());
        assert!(!sb.db().exists(), "{id}: saved");
    }
    let r = import(&sb, &answers_with(json!({ "regie.doel": mb })));
    assert!(r.stderr.contains("te lang"), "{}", r.stderr);
    // An unknown question's key is typed text too: shown shortened.
    let mut doc = full_answers();
    doc["answers"][mb.as_str()] = json!(1);
    let r = import(&sb, &doc);
    r.user_error();
    assert!(r.stderr.len() < 400, "{} bytes", r.stderr.len());
}

/// What an older version could store: a surname with escape sequences in it.
fn store_evil_surname(sb: &Sandbox) {
    import(sb, &full_answers()).ok();
    let conn = rusqlite::Connection::open(sb.db()).unwrap();
    conn.execute("UPDATE residents SET surname = ?1 WHERE id = 1", [EVIL])
        .unwrap();
}

fn run_db(sb: &Sandbox, args: &[&str]) -> std::process::Output {
    let db = sb.db();
    let mut all = vec!["--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = sb
        .command(&all)
        .current_dir(sb.dir.path())
        .output()
        .unwrap();
    cli_support::assert_no_panic(&Run::from(out.clone()));
    out
}

// Plants the old value with a raw SQLite connection: the file only.
#[test]
fn stored_escape_sequences_never_reach_the_terminal_or_a_document() {
    let sb = Sandbox::new();
    store_evil_surname(&sb);
    for args in [
        vec!["contract", "draft", "1"],
        vec!["contract", "draft", "1", "--json"],
        // A year on, the resident is due again and listed by name.
        vec!["worklist", "--as-of", "2026-03-03"],
        vec!["worklist", "--as-of", "2026-03-03", "--json"],
        vec!["contract", "export", "1", "--format", "md", "--out", "-"],
        vec!["contract", "export", "1", "--format", "html", "--out", "-"],
    ] {
        let out = run_db(&sb, &args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_no_control_bytes(&format!("stdout of {args:?}"), &out.stdout);
        assert_no_control_bytes(&format!("stderr of {args:?}"), &out.stderr);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Voor"), "{args:?}: {text}");
    }
    for format in ["md", "html"] {
        let file = sb.path(&format!("o.{format}"));
        let out = run_db(
            &sb,
            &[
                "contract",
                "export",
                "1",
                "--format",
                format,
                "--out",
                file.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(0));
        assert_no_control_bytes(format, &std::fs::read(&file).unwrap());
    }
}

// On a database file and on PostgreSQL; the tests above with their own #[test]
// look at the database file itself.
on_both_backends!(the_form_field_of_an_answers_file_is_not_echoed,);
