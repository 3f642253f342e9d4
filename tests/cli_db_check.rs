//! `meedoen db check` and the check after every write command: a damaged file, shared
//! BSNs and a tampered access log are found, and no write command reports success on a
//! damaged database.

mod cli_support;
mod corrupt;

use cli_support::{answers_with, full_answers, Run, Sandbox};
use corrupt::{corrupt_table_page, file_and_wal, leaf_pages};

/// A database with `n` residents (the first with a BSN, the others without) and a
/// concept contract for resident 1.
fn database_with(sb: &Sandbox, n: usize) -> String {
    let db = sb.db().display().to_string();
    let first = sb.write_json("eerste.json", &full_answers());
    let rest = sb.write_json(
        "zonder-bsn.json",
        &answers_with(serde_json::json!({ "persoon.bsn": null })),
    );
    for i in 0..n {
        let file = if i == 0 { &first } else { &rest };
        sb.run(&[
            "--db",
            &db,
            "intake",
            "import",
            "--answers",
            &file.display().to_string(),
        ])
        .ok();
    }
    sb.run(&["--db", &db, "contract", "draft", "1"]).ok();
    db
}

fn check(sb: &Sandbox, db: &str) -> Run {
    sb.run(&["--db", db, "db", "check"])
}

fn rw(db: &str) -> rusqlite::Connection {
    rusqlite::Connection::open(db).unwrap_or_else(|e| panic!("open {e}"))
}

#[test]
fn a_sound_database_is_reported_in_order_with_exit_0() {
    let sb = Sandbox::new();
    let db = database_with(&sb, 2);
    let r = check(&sb, &db);
    r.ok();
    assert!(r.stdout.contains("Bestand: in orde"), "{}", r.stdout);
    assert!(r.stdout.contains("Dubbele BSN's: geen"), "{}", r.stdout);
    assert!(
        r.stdout.contains("Toegangslogboek: in orde"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("Alles in orde."), "{}", r.stdout);
}

#[test]
fn a_damaged_table_page_is_found_and_nothing_is_written() {
    let sb = Sandbox::new();
    let db = database_with(&sb, 2);
    corrupt_table_page(sb.db().as_path(), "contacts");
    let before = file_and_wal(&sb.db());
    let r = check(&sb, &db);
    r.user_error();
    assert!(r.stdout.contains("Bestand: BESCHADIGD"), "{}", r.stdout);
    assert!(r.stderr.contains("meedoen db restore"), "{}", r.stderr);
    assert_eq!(file_and_wal(&sb.db()), before, "db check changed the file");
}

/// Two dossiers with one BSN, as an older version could leave them; any unique index a
/// newer schema has on the BSN is dropped first, as in such a database.
fn share_bsn(db: &str) {
    let conn = rw(db);
    let unique: Vec<String> = conn
        .prepare(
            "SELECT name FROM pragma_index_list('residents') WHERE \"unique\" = 1 AND origin = 'c'",
        )
        .and_then(|mut st| {
            st.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    for name in unique {
        conn.execute_batch(&format!("DROP INDEX \"{name}\""))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    conn.execute(
        "UPDATE residents SET bsn = (SELECT bsn FROM residents WHERE id = 1) WHERE id IN (2, 3)",
        [],
    )
    .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn residents_sharing_a_bsn_are_listed_by_client_id_never_by_bsn() {
    let sb = Sandbox::new();
    let db = database_with(&sb, 4);
    share_bsn(&db);
    let before = file_and_wal(&sb.db());
    let r = check(&sb, &db);
    r.user_error();
    assert!(r.stdout.contains("inwoners 1, 2, 3"), "{}", r.stdout);
    assert!(!r.stdout.contains("111222333"), "BSN printed: {}", r.stdout);
    assert!(!r.stderr.contains("111222333"), "BSN printed: {}", r.stderr);
    assert!(r.stdout.contains("Bestand: in orde"), "{}", r.stdout);
    assert_eq!(file_and_wal(&sb.db()), before, "db check changed the file");
}

#[test]
fn a_tampered_access_log_is_found() {
    let sb = Sandbox::new();
    let db = database_with(&sb, 2);
    {
        let conn = rw(&db);
        conn.execute_batch(
            "DROP TRIGGER access_log_no_delete;
             DELETE FROM access_log WHERE id = 2;
             INSERT INTO access_log (at, staff, workstation, action, client)
                 VALUES ('2001-01-01 09:00:00', 'x', 'y', 'open_dossier', 999);",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    let r = check(&sb, &db);
    r.user_error();
    let log = r
        .stdout
        .lines()
        .find(|l| l.starts_with("Toegangslogboek:"))
        .unwrap_or_default();
    assert!(log.contains("(access_log_no_delete) ontbreekt"), "{log}");
    assert!(log.contains("1 regel(s) verwijderd"), "{log}");
    assert!(log.contains("1 regel(s) eerder gedateerd"), "{log}");
    assert!(
        log.contains("1 regel(s) over een inwoner die niet bestaat"),
        "{log}"
    );
    assert!(r.stdout.contains("Bestand: in orde"), "{}", r.stdout);
}

#[test]
fn an_altered_log_trigger_is_found() {
    let sb = Sandbox::new();
    let db = database_with(&sb, 1);
    rw(&db)
        .execute_batch(
            "DROP TRIGGER access_log_no_update;
             CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
             WHEN 0 BEGIN SELECT RAISE(ABORT, 'nee'); END;",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let r = check(&sb, &db);
    r.user_error();
    assert!(
        r.stdout.contains("(access_log_no_update) is veranderd"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_newer_schema_is_checked_without_being_touched() {
    let sb = Sandbox::new();
    let db = database_with(&sb, 1);
    rw(&db)
        .pragma_update(None, "user_version", 999)
        .unwrap_or_else(|e| panic!("{e}"));
    let before = file_and_wal(&sb.db());
    check(&sb, &db).ok();
    assert_eq!(file_and_wal(&sb.db()), before);
}

#[test]
fn no_database_is_one_sentence_and_exit_1() {
    let sb = Sandbox::new();
    let r = sb.run(&[
        "--db",
        &sb.path("nergens.db").display().to_string(),
        "db",
        "check",
    ]);
    r.user_error();
    assert!(!sb.path("nergens.db").exists());
}

/// The case: bytes in a table page that the next command does not read.
fn damaged_elsewhere(sb: &Sandbox) -> String {
    let db = database_with(sb, 8);
    assert!(
        leaf_pages(&sb.db(), "contacts") >= 2,
        "the test needs contacts over several pages"
    );
    corrupt_table_page(&sb.db(), "contacts");
    db
}

#[test]
fn an_import_into_a_damaged_database_exits_1_with_what_to_do() {
    let sb = Sandbox::new();
    let db = damaged_elsewhere(&sb);
    let file = sb.write_json(
        "nog-een.json",
        &answers_with(serde_json::json!({ "persoon.bsn": null })),
    );
    let r = sb.run(&[
        "--db",
        &db,
        "intake",
        "import",
        "--answers",
        &file.display().to_string(),
    ]);
    r.user_error();
    assert!(r.stderr.contains("beschadigd"), "{}", r.stderr);
    assert!(r.stderr.contains("meedoen db restore"), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
}

#[test]
fn a_contract_export_from_a_damaged_database_exits_1() {
    let sb = Sandbox::new();
    let db = damaged_elsewhere(&sb);
    let out = sb.path("overeenkomst.md").display().to_string();
    let r = sb.run(&[
        "--db", &db, "contract", "export", "1", "--format", "md", "--out", &out,
    ]);
    r.user_error();
    assert!(r.stderr.contains("meedoen db restore"), "{}", r.stderr);
}
