//! `meedoen dossier export CLIENT`: the resident's right of access (AVG art. 15) as JSON
//! and as PDF — everything kept, in Dutch, and the making of it logged.

mod cli_support;
use cli_support::{full_answers, Sandbox};

fn setup(sb: &Sandbox) -> String {
    let file = sb.write_json("a.json", &full_answers());
    let db = sb.db();
    let db = db.to_str().unwrap();
    let r = sb.run(&[
        "--db",
        db,
        "intake",
        "import",
        "--answers",
        file.to_str().unwrap(),
    ]);
    r.ok();
    let id = r.stdout.trim().to_string();
    sb.run(&["--db", db, "contract", "draft", &id]).ok();
    id
}

fn inzage_json_holds_everything_kept_and_is_logged(sb: Sandbox) {
    let id = setup(&sb);
    let db = sb.db();
    let db = db.to_str().unwrap();
    let r = sb.run(&[
        "--db", db, "dossier", "export", &id, "--format", "json", "--out", "-",
    ]);
    r.ok();
    let v = r.json();
    let text = v.to_string();
    for needle in [
        "Jan Voorbeeld",
        "111222333",
        "Intakegesprek van 03-03-2025",
        "Een betaalde baan in de zorg.",
        "Participatieladder",
        "Overeenkomsten",
        "Wie uw dossier heeft geopend",
        "dossier aangemaakt",
        "Bewaartermijn",
    ] {
        assert!(text.contains(needle), "{needle} missing: {v}");
    }
    // Option labels, not ids: "alleenstaand" reads as the form words it.
    assert!(!text.contains("mbo2_4"), "{v}");
    // Making it is an access like any other: the next inzage lists the first.
    let again = sb.run(&[
        "--db", db, "dossier", "export", &id, "--format", "json", "--out", "-",
    ]);
    again.ok();
    assert!(again.stdout.contains("inzage gemaakt"), "{}", again.stdout);
}

fn inzage_pdf_is_written_and_readable(sb: Sandbox) {
    let id = setup(&sb);
    let db = sb.db();
    let db = db.to_str().unwrap();
    let out = sb.path("inzage.pdf");
    sb.run(&[
        "--db",
        db,
        "dossier",
        "export",
        &id,
        "--format",
        "pdf",
        "--out",
        out.to_str().unwrap(),
    ])
    .ok();
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = std::process::Command::new("pdftotext")
        .arg(&out)
        .arg("-")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    assert!(text.contains("Inzage in uw dossier"), "{text}");
    assert!(text.contains("Wie uw dossier heeft geopend"), "{text}");
}

#[test]
fn an_unknown_resident_or_the_database_as_out_is_refused() {
    let sb = Sandbox::new();
    setup(&sb);
    let db = sb.db();
    let db = db.to_str().unwrap();
    let r = sb.run(&[
        "--db", db, "dossier", "export", "999", "--format", "json", "--out", "-",
    ]);
    r.user_error();
    let r = sb.run(&[
        "--db", db, "dossier", "export", "1", "--format", "pdf", "--out", db,
    ]);
    r.user_error();
}

on_both_backends!(
    inzage_json_holds_everything_kept_and_is_logged,
    inzage_pdf_is_written_and_readable,
);
