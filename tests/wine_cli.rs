//! The command line of the Windows build, end to end under Wine: the same commands and bad
//! inputs as the Linux CLI tests, on a `Z:\` path with spaces and diacritics.
//!
//! Skipped (said on stderr) unless `MEEDOEN_WINE_EXE` and `MEEDOEN_WINE_SHIM` are set, as
//! `.ci/run` does. Tests marked "(issue 11 item N)" exercise commands or refusals that item
//! N of issue 11 adds.

mod cli_support;
mod wine_support;

use cli_support::{answers_with, full_answers, Run};
use serde_json::json;
use wine_support::{wine, WinBox, Wine};

/// A fictitious resident whose first name needs more than ASCII on the way through Windows.
fn zoe() -> serde_json::Value {
    answers_with(json!({"persoon.voornamen": "Zoë"}))
}

fn import(b: &WinBox, w: &Wine, answers: &serde_json::Value, extra: &[&str]) -> Run {
    let file = b.write_json("antwoorden één.json", answers);
    let mut args = vec!["intake", "import", "--answers", file.as_str()];
    args.extend_from_slice(extra);
    b.run_db(w, &args)
}

/// A user error as the house rules want it: exit 1, exactly one line that starts with
/// "meedoen: ", nothing on stdout (a backtrace is refused by `Run` itself).
fn one_line_user_error(r: &Run) {
    assert_eq!(r.code, 1, "stdout: {} stderr: {}", r.stdout, r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{:?}", r.stderr);
    assert!(r.stderr.starts_with("meedoen: "), "{:?}", r.stderr);
    assert!(!r.stderr.contains('\r'), "{:?}", r.stderr);
    assert!(r.stdout.is_empty(), "{:?}", r.stdout);
}

fn count(db: &std::path::Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open the database from Linux");
    conn.query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

fn residents(db: &std::path::Path) -> i64 {
    count(db, "SELECT count(*) FROM residents")
}

#[test]
fn intake_and_checkin_on_a_drive_letter_path_with_spaces_and_diacritics() {
    let Some(w) = wine() else { return };
    let b = WinBox::new();
    let r = import(&b, w, &zoe(), &["--date", "2024-02-01"]);
    r.ok();
    assert_eq!(r.stdout.trim(), "1");
    assert!(b.db().is_file(), "no database at {}", b.db().display());

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
        &b,
        w,
        &checkin,
        &["--client", "1", "--date", "2025-02-10", "--json"],
    );
    r.ok();
    let v = r.json();
    assert_eq!(v["client"], json!(1), "{v}");
    assert_eq!(v["rung"], json!(5), "{v}");
    assert!(v["contact"].as_i64().is_some_and(|c| c >= 2), "{v}");
    assert_eq!(residents(&b.db()), 1);

    // The name went in and comes out as typed.
    let r = b.run_db(w, &["worklist", "--as-of", "2026-01-05", "--json"]);
    r.ok();
    assert_eq!(
        r.json()["due"][0]["name"],
        json!("Zoë Voorbeeld"),
        "{}",
        r.stdout
    );
}

#[test]
fn ladder_score_as_text_and_json() {
    let Some(w) = wine() else { return };
    let b = WinBox::new();
    let file = b.write_json("trede.json", &full_answers());
    let r = w.run(&b.folder, &["ladder", "score", "--answers", &file]);
    r.ok();
    assert!(
        r.stdout.starts_with("Trede 4: Onbetaald werk"),
        "{}",
        r.stdout
    );
    let r = w.run(
        &b.folder,
        &["ladder", "score", "--answers", &file, "--json"],
    );
    r.ok();
    let v = r.json();
    assert_eq!(v["rung"], json!(4), "{v}");
    assert_eq!(v["name"], json!("Onbetaald werk"), "{v}");
    assert!(!b.db().exists(), "ladder score needs no database");
}

#[test]
fn contract_draft_and_a_complete_pdf() {
    let Some(w) = wine() else { return };
    let b = WinBox::new();
    import(&b, w, &zoe(), &["--date", "2025-02-03"]).ok();
    let r = b.run_db(w, &["contract", "draft", "1", "--json"]);
    r.ok();
    r.json();

    let out = b.win("Overeenkomst Zoë.pdf");
    let r = b.run_db(
        w,
        &["contract", "export", "1", "--format", "pdf", "--out", &out],
    );
    r.ok();
    assert_eq!(r.stdout.trim(), out);
    let pdf = b.unix("Overeenkomst Zoë.pdf");
    let bytes = std::fs::read(&pdf).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    assert!(
        bytes.trim_ascii_end().ends_with(b"%%EOF"),
        "the PDF is cut short"
    );
    let doc = lopdf::Document::load_mem(&bytes).expect("the PDF parses");
    assert!(!doc.get_pages().is_empty(), "the PDF has no pages");
    let text = pdftotext(&pdf);
    assert!(text.contains("Zoë Voorbeeld"), "{text}");
    // No temporary file of the write is left beside it.
    let names: Vec<String> = std::fs::read_dir(&b.folder)
        .expect("list folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.contains(".tmp")),
        "leftovers: {names:?}"
    );
}

fn pdftotext(pdf: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (Debian: poppler-utils) is needed for the Wine tests");
    assert!(out.status.success(), "pdftotext refused the PDF");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn worklist_and_report() {
    let Some(w) = wine() else { return };
    let b = WinBox::new();
    let anna = answers_with(json!({"persoon.voornamen": "Anna", "persoon.bsn": null}));
    let bram = answers_with(json!({"persoon.voornamen": "Bram", "persoon.bsn": null}));
    import(&b, w, &anna, &["--date", "2024-12-31"]).ok();
    import(&b, w, &bram, &["--date", "2025-01-02"]).ok();

    let r = b.run_db(w, &["worklist", "--as-of", "2025-03-03", "--json"]);
    r.ok();
    let v = r.json();
    let due = v["due"].as_array().expect("due list");
    assert_eq!(due.len(), 1, "only Anna is due: {v}");
    assert_eq!(due[0]["name"], json!("Anna Voorbeeld"), "{v}");
    assert_eq!(due[0]["reason"], json!("geen_contact_dit_jaar"), "{v}");

    let r = b.run_db(
        w,
        &["report", "--as-of", "2025-03-03", "--json", "--intern"],
    );
    r.ok();
    let v = r.json();
    assert_eq!(v["clients"], json!(2), "{v}");
    assert_eq!(v["per_rung"]["4"], json!(2), "{v}");
    assert_eq!(v["due"], json!(1), "{v}");

    let r = b.run_db(w, &["report", "--as-of", "2025-03-03", "--csv", "--intern"]);
    r.ok();
    assert_eq!(r.stdout.lines().next(), Some("as_of,figure,key,value"));
    assert!(
        r.stdout.lines().any(|l| l == "2025-03-03,clients,,2"),
        "{}",
        r.stdout
    );
    for name in ["Anna", "Bram", "Voorbeeld"] {
        assert!(!r.stdout.contains(name), "{name} in the report");
    }
}

/// Proof that the Windows build runs, not a Linux one: without `--db` the database goes to
/// the Windows user's roaming AppData folder.
#[test]
fn the_default_database_is_in_the_windows_appdata_folder() {
    let Some(w) = wine() else { return };
    let b = WinBox::new();
    let file = b.write_json("a.json", &full_answers());
    w.run(&b.folder, &["intake", "import", "--answers", &file])
        .ok();
    let db = w
        .roaming_appdata()
        .join("meedoen")
        .join("meedoen")
        .join("data")
        .join("meedoen.db");
    assert!(db.is_file(), "no database at {}", db.display());
    assert!(!b.db().exists());
}

#[test]
fn a_malformed_date_is_one_dutch_line() {
    let Some(w) = wine() else { return };
    let b = WinBox::new();
    let r = import(&b, w, &full_answers(), &["--date", "2025-13-01"]);
    one_line_user_error(&r);
    assert!(r.stderr.contains("--date"), "{}", r.stderr);
    assert!(!b.db().exists(), "a database was created");
    let r = import(&b, w, &full_answers(), &["--date", "2030-01-01"]);
    one_line_user_error(&r);
    assert!(r.stderr.contains("toekomst"), "{}", r.stderr);
}

#[test]
fn an_invalid_bsn_is_refused_naming_the_question() {
    let Some(w) = wine() else { return };
    let b = WinBox::new();
    let r = import(
        &b,
        w,
        &answers_with(json!({"persoon.bsn": "123456789"})),
        &[],
    );
    one_line_user_error(&r);
    assert!(r.stderr.contains("persoon.bsn"), "{}", r.stderr);
    assert!(r.stderr.contains("11-proef"), "{}", r.stderr);
    assert!(!b.db().exists(), "a database was created");
}

#[test]
fn a_broken_answers_file_is_one_dutch_line() {
    let Some(w) = wine() else { return };
    let b = WinBox::new();
    std::fs::write(
        b.unix("kapot.json"),
        "{\"form\": \"intake\", \"answers\": {",
    )
    .expect("write");
    let file = b.win("kapot.json");
    let r = b.run_db(w, &["intake", "import", "--answers", &file]);
    one_line_user_error(&r);
    assert!(r.stderr.contains("geen geldige JSON"), "{}", r.stderr);
    // The file is named as the user typed it.
    assert!(r.stderr.contains("kapot.json"), "{}", r.stderr);

    let missing = b.win("bestaat niet.json");
    let r = b.run_db(w, &["intake", "import", "--answers", &missing]);
    one_line_user_error(&r);
    assert!(r.stderr.contains("bestaat niet"), "{}", r.stderr);
    assert!(!b.db().exists(), "a database was created");
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let Some(w) = wine() else { return };
    let b = WinBox::new();
    import(&b, w, &full_answers(), &[]).ok();
    {
        let conn = rusqlite::Connection::open(b.db()).expect("open");
        conn.execute_batch("PRAGMA user_version = 9999;")
            .expect("set version");
    }
    let before = std::fs::read(b.db()).expect("read db");
    let other = answers_with(json!({"persoon.bsn": null, "persoon.voornamen": "Anna"}));
    let r = import(&b, w, &other, &[]);
    one_line_user_error(&r);
    assert!(r.stderr.contains("nieuwere versie"), "{}", r.stderr);
    assert_eq!(
        std::fs::read(b.db()).expect("read db"),
        before,
        "database changed"
    );
}

#[test]
fn a_usage_error_exits_2_in_dutch() {
    let Some(w) = wine() else { return };
    let b = WinBox::new();
    let r = b.run_db(w, &["intake", "import", "--antwoorden", "x.json"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.starts_with("meedoen: "), "{}", r.stderr);
    assert!(r.stderr.contains("--help"), "{}", r.stderr);
    assert!(!r.stderr.contains("error:"), "clap's English: {}", r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);

    let r = w.run(&b.folder, &["--help"]);
    r.ok();
    assert!(r.stdout.contains("Afsluitcodes"), "{}", r.stdout);
}

/// (issue 11 item 1) Exporting over the open database, under any spelling Windows accepts
/// for it, is refused and every resident is still there.
#[test]
fn out_onto_the_open_database_is_refused() {
    let Some(w) = wine() else { return };
    let b = WinBox::new();
    import(&b, w, &zoe(), &["--date", "2025-02-03"]).ok();
    b.run_db(w, &["contract", "draft", "1"]).ok();
    let db = b.db_win();
    let folder_name = b
        .folder
        .file_name()
        .and_then(|n| n.to_str())
        .expect("folder name")
        .to_string();
    let spellings = [
        db.clone(),
        // Windows paths are case-insensitive.
        db.to_uppercase(),
        // Through the parent folder and back.
        b.win(&format!("..\\{folder_name}\\meedoen.db")),
        // Relative to the working directory (the folder of the database).
        "meedoen.db".to_string(),
        format!("{db}-wal"),
    ];
    for out in spellings {
        let r = b.run_db(
            w,
            &["contract", "export", "1", "--format", "pdf", "--out", &out],
        );
        one_line_user_error(&r);
        // Windows itself refuses to replace an open file, and main then blamed the folder
        // ("U mag niet schrijven in map ."): the refusal must say what the target is.
        assert!(r.stderr.contains("database"), "{out}: {}", r.stderr);
        let head = std::fs::read(b.db()).expect("database still there");
        assert!(head.starts_with(b"SQLite format 3\0"), "{out}: overwritten");
        assert_eq!(residents(&b.db()), 1, "{out}: residents gone");
    }
}

/// (issue 11 item 1) `--out -` is standard output, not a file named "-".
#[test]
fn out_dash_is_standard_output() {
    let Some(w) = wine() else { return };
    let b = WinBox::new();
    import(&b, w, &zoe(), &["--date", "2025-02-03"]).ok();
    b.run_db(w, &["contract", "draft", "1"]).ok();
    let r = b.run_db(
        w,
        &["contract", "export", "1", "--format", "md", "--out", "-"],
    );
    r.ok();
    assert!(r.stdout.contains("Zoë Voorbeeld"), "{}", r.stdout);
    assert!(!b.unix("-").exists(), "a file named '-' was written");
}

/// (issue 11 item 2) A check-in may not give a resident another resident's BSN; nothing
/// is stored and the BSN is not echoed.
#[test]
fn a_checkin_may_not_take_another_residents_bsn() {
    let Some(w) = wine() else { return };
    let b = WinBox::new();
    import(&b, w, &full_answers(), &[]).ok();
    let two = answers_with(json!({
        "persoon.voornamen": "Anna",
        "persoon.achternaam": "Testpersoon",
        "persoon.bsn": "123456782",
    }));
    import(&b, w, &two, &[]).ok();
    let contacts = count(&b.db(), "SELECT count(*) FROM contacts");

    let r = import(&b, w, &full_answers(), &["--client", "2"]);
    one_line_user_error(&r);
    assert!(!r.stderr.contains("111222333"), "BSN echoed: {}", r.stderr);
    assert_eq!(count(&b.db(), "SELECT count(*) FROM contacts"), contacts);
    let sql = "SELECT count(*) FROM residents WHERE id = 2 AND surname = 'Testpersoon' \
               AND bsn = '123456782'";
    assert_eq!(count(&b.db(), sql), 1, "resident 2 was changed");
}

/// (issue 11 item 3) A dossier a colleague holds on screen is not written by the command
/// line: one line says who holds it and since when.
#[test]
fn a_dossier_open_on_screen_is_not_written() {
    let Some(w) = wine() else { return };
    let b = WinBox::new();
    import(&b, w, &zoe(), &["--date", "2024-02-01"]).ok();
    {
        let conn = rusqlite::Connection::open(b.db()).expect("open");
        // Another workstation's live lock, as the interface writes it.
        conn.execute(
            "INSERT INTO locks (client, staff, workstation, since, heartbeat)
             VALUES (1, 'anne', 'BALIE-7:4242', '2025-03-03 09:15:00', strftime('%s', 'now'))",
            [],
        )
        .expect("lock row");
    }
    let contacts = count(&b.db(), "SELECT count(*) FROM contacts");
    let checkin = answers_with(json!({"werk.betaald": true, "werk.uren_per_week": 20}));
    for r in [
        import(&b, w, &checkin, &["--client", "1"]),
        b.run_db(w, &["contract", "draft", "1"]),
    ] {
        one_line_user_error(&r);
        assert!(r.stderr.contains("anne"), "{}", r.stderr);
        assert!(r.stderr.contains("03-03-2025"), "{}", r.stderr);
    }
    assert_eq!(count(&b.db(), "SELECT count(*) FROM contacts"), contacts);
    assert_eq!(count(&b.db(), "SELECT count(*) FROM contracts"), 0);
}

/// (issue 11 item 6) What was typed never comes back on stderr: not the value, not its
/// control characters.
#[test]
fn typed_values_never_reach_stderr() {
    let Some(w) = wine() else { return };
    let b = WinBox::new();
    let value = "Zoë Voorbeeld 999999990 \u{1b}]0;titel\u{7}\u{1b}[2J";
    let r = import(
        &b,
        w,
        &answers_with(json!({"persoon.huishouden": value})),
        &[],
    );
    one_line_user_error(&r);
    assert!(r.stderr.contains("persoon.huishouden"), "{}", r.stderr);
    assert!(
        !r.stderr.contains("Voorbeeld"),
        "value echoed: {}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("999999990"),
        "value echoed: {}",
        r.stderr
    );
    assert!(
        !r.stderr.chars().any(|c| c.is_control() && c != '\n'),
        "control characters on stderr: {:?}",
        r.stderr
    );
}

/// (issue 11 item 5) A backup written by the online backup API restores into a new
/// database with every resident; restore never overwrites a file.
#[test]
fn backup_and_restore() {
    let Some(w) = wine() else { return };
    let b = WinBox::new();
    import(&b, w, &zoe(), &["--date", "2024-02-01"]).ok();
    let anna = answers_with(json!({"persoon.voornamen": "Anna", "persoon.bsn": null}));
    import(&b, w, &anna, &["--date", "2024-03-01"]).ok();

    let backup = b.win("reservekopie één.db");
    b.run_db(w, &["db", "backup", "--out", &backup]).ok();
    let bytes = std::fs::read(b.unix("reservekopie één.db")).expect("backup written");
    assert!(bytes.starts_with(b"SQLite format 3\0"), "not a database");

    let restored = b.win("hersteld.db");
    w.run(&b.folder, &["db", "restore", &backup, "--to", &restored])
        .ok();
    assert_eq!(residents(&b.unix("hersteld.db")), 2);
    let r = w.run(
        &b.folder,
        &[
            "--db",
            &restored,
            "worklist",
            "--as-of",
            "2025-03-03",
            "--json",
        ],
    );
    r.ok();
    assert_eq!(r.json()["due"].as_array().map(|d| d.len()), Some(2));

    // Never over an existing file: not the database, not an earlier restore.
    for target in [b.db_win(), restored.clone()] {
        let before = std::fs::read(windows_to_unix(&target)).expect("read");
        let r = w.run(&b.folder, &["db", "restore", &backup, "--to", &target]);
        one_line_user_error(&r);
        assert_eq!(
            std::fs::read(windows_to_unix(&target)).expect("read"),
            before,
            "{target} changed"
        );
    }
    // The backup's --out obeys item 1 as well: not onto the open database.
    let r = b.run_db(w, &["db", "backup", "--out", &b.db_win()]);
    one_line_user_error(&r);
    assert_eq!(residents(&b.db()), 2);
}

/// (issue 11 item 4) A healthy database passes the check.
#[test]
fn db_check_passes_a_healthy_database() {
    let Some(w) = wine() else { return };
    let b = WinBox::new();
    import(&b, w, &zoe(), &[]).ok();
    let r = b.run_db(w, &["db", "check"]);
    r.ok();
}

fn windows_to_unix(p: &str) -> std::path::PathBuf {
    let rest = p.strip_prefix("Z:").expect("a Z: path");
    std::path::PathBuf::from(rest.replace('\\', "/"))
}
