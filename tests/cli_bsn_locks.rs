//! The real binary: one BSN is one resident even with imports running at the same time,
//! a check-in cannot take another resident's BSN, and a dossier a colleague has open on
//! screen is not written to.

mod cli_support;
use cli_support::{answers_with, full_answers, Sandbox};
use meedoen::store::{Lock, Store};
use serde_json::json;
use std::path::Path;

fn import_args(sb: &Sandbox, file: &Path, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = vec![
        "--db".into(),
        sb.db().display().to_string(),
        "intake".into(),
        "import".into(),
        "--answers".into(),
        file.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

fn import(sb: &Sandbox, answers: &serde_json::Value, extra: &[&str]) -> cli_support::Run {
    let file = sb.write_json("antwoorden.json", answers);
    let args = import_args(sb, &file, extra);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    sb.run(&args)
}

fn count(sb: &Sandbox, sql: &str) -> i64 {
    sb.count(sql)
}

fn four_simultaneous_imports_of_one_new_bsn_make_one_dossier(sb: Sandbox) {
    // Someone else first, so the file exists and only the new BSN is raced for.
    import(&sb, &answers_with(json!({"persoon.bsn": null})), &[]).ok();
    // A few rounds: on a racy check two of four getting through is likely, not certain.
    for (round, bsn) in ["111222333", "123456782", "222333443"].iter().enumerate() {
        let file = sb.write_json(
            &format!("ronde{round}.json"),
            &answers_with(json!({"persoon.bsn": bsn})),
        );
        let children: Vec<_> = (0..4)
            .map(|_| {
                sb.command(
                    &import_args(&sb, &file, &[])
                        .iter()
                        .map(String::as_str)
                        .collect::<Vec<_>>(),
                )
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
            })
            .collect();
        let runs: Vec<cli_support::Run> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap().into())
            .collect();
        let ok: Vec<_> = runs.iter().filter(|r| r.code == 0).collect();
        assert_eq!(ok.len(), 1, "round {round}: {runs:?}");
        let id = ok[0].stdout.trim().to_string();
        for r in runs.iter().filter(|r| r.code != 0) {
            r.user_error();
            assert!(
                r.stderr.contains(&format!("nummer {id})")) && r.stderr.contains("--client"),
                "{}",
                r.stderr
            );
            assert!(!r.stderr.contains(bsn), "{}", r.stderr);
        }
        let same = count(
            &sb,
            &format!("SELECT count(*) FROM residents WHERE bsn = '{bsn}'"),
        );
        assert_eq!(same, 1, "round {round}");
    }
}

fn a_checkin_with_another_residents_bsn_stores_nothing(sb: Sandbox) {
    import(&sb, &full_answers(), &[]).ok();
    let two = answers_with(json!({
        "persoon.voornamen": "Anna",
        "persoon.achternaam": "Testpersoon",
        "persoon.bsn": "123456782",
    }));
    import(&sb, &two, &[]).ok();
    let contacts = count(&sb, "SELECT count(*) FROM contacts");

    // Resident 1's identity, filed as a check-in of resident 2.
    let r = import(&sb, &full_answers(), &["--client", "2"]);
    r.user_error();
    assert!(
        r.stderr.contains("inwoner 1") && r.stderr.contains("inwoner 2"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("111222333"), "{}", r.stderr);
    assert_eq!(count(&sb, "SELECT count(*) FROM contacts"), contacts);
    assert_eq!(
        count(
            &sb,
            "SELECT count(*) FROM residents WHERE id = 2 AND surname = 'Testpersoon'
             AND bsn = '123456782'"
        ),
        1
    );
    // Only the BSN is the problem: resident 2's own, or none, is a check-in as before.
    let own = answers_with(json!({"persoon.bsn": null}));
    import(&sb, &own, &["--client", "2"]).ok();
}

/// Anne has dossier `id` open on screen, as the interface holds it.
fn anne_opens(sb: &Sandbox, id: i64) -> Store {
    let mut screen = sb.store_as("anne");
    assert_eq!(screen.lock_resident(id).unwrap(), Lock::Acquired);
    screen
}

fn a_dossier_open_on_screen_is_not_written_by_the_command_line(sb: Sandbox) {
    import(&sb, &full_answers(), &["--date", "2024-02-01"]).ok();
    let screen = anne_opens(&sb, 1);
    let before = [
        count(&sb, "SELECT count(*) FROM contacts"),
        count(&sb, "SELECT count(*) FROM contracts"),
        count(&sb, "SELECT count(*) FROM access_log"),
    ];
    let today = chrono::Local::now().format("%d-%m-%Y").to_string();

    let checkin = answers_with(json!({"werk.betaald": true, "werk.uren_per_week": 20}));
    let r = import(&sb, &checkin, &["--client", "1"]);
    r.user_error();
    assert!(
        r.stderr.contains("anne") && r.stderr.contains(&today),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.lines().count(), 1);

    let db = sb.db().display().to_string();
    let r = sb.run(&["--db", &db, "contract", "draft", "1"]);
    r.user_error();
    assert!(
        r.stderr.contains("anne") && r.stderr.contains(&today),
        "{}",
        r.stderr
    );
    let r = sb.run(&["--db", &db, "--lang", "en", "contract", "draft", "1"]);
    r.user_error();
    assert!(r.stderr.contains("open on screen by anne"), "{}", r.stderr);

    let after = [
        count(&sb, "SELECT count(*) FROM contacts"),
        count(&sb, "SELECT count(*) FROM contracts"),
        count(&sb, "SELECT count(*) FROM access_log"),
    ];
    assert_eq!(after, before, "written while the dossier was open");

    // Closed on screen: both go through.
    drop(screen);
    import(&sb, &checkin, &["--client", "1"]).ok();
    sb.run(&["--db", &db, "contract", "draft", "1"]).ok();
}

#[test]
fn a_stale_lock_does_not_block_the_command_line() {
    let sb = Sandbox::new();
    import(&sb, &full_answers(), &["--date", "2024-02-01"]).ok();
    let _screen = anne_opens(&sb, 1);
    // Anne's workstation stopped sending heartbeats (a crash, a lost network).
    let raw = rusqlite::Connection::open(sb.db()).unwrap();
    raw.execute(
        "UPDATE locks SET heartbeat = heartbeat - ?1",
        [meedoen::store::LOCK_STALE_SECS + 10],
    )
    .unwrap();
    let checkin = answers_with(json!({"werk.betaald": true, "werk.uren_per_week": 20}));
    import(&sb, &checkin, &["--client", "1"]).ok();
    let db = sb.db().display().to_string();
    sb.run(&["--db", &db, "contract", "draft", "1"]).ok();
}

#[test]
fn the_lock_of_a_program_that_is_gone_does_not_block() {
    let sb = Sandbox::new();
    import(&sb, &full_answers(), &["--date", "2024-02-01"]).ok();
    // A screen that was killed: its lock is fresh but its process is gone.
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    let host = {
        let s = Store::open(&sb.db(), "x").unwrap();
        s.workstation().rsplit_once(':').unwrap().0.to_string()
    };
    let raw = rusqlite::Connection::open(sb.db()).unwrap();
    raw.execute(
        "INSERT INTO locks (client, staff, workstation, since, heartbeat)
         VALUES (1, 'anne', ?1, '2025-03-03 09:00:00', strftime('%s', 'now'))",
        [format!("{host}:{pid}")],
    )
    .unwrap();
    let checkin = answers_with(json!({"werk.betaald": true, "werk.uren_per_week": 20}));
    if cfg!(target_os = "linux") {
        import(&sb, &checkin, &["--client", "1"]).ok();
    }
}

#[test]
fn a_database_with_one_bsn_twice_is_refused_with_the_clients_and_left_as_it_was() {
    let sb = Sandbox::new();
    import(&sb, &full_answers(), &[]).ok();
    let two = answers_with(json!({"persoon.voornamen": "Anna", "persoon.bsn": "123456782"}));
    import(&sb, &two, &[]).ok();
    // As an older meedoen could leave it: schema 2, no unique index, the BSN twice.
    let raw = rusqlite::Connection::open(sb.db()).unwrap();
    raw.execute_batch(
        "DROP INDEX residents_bsn;
         CREATE INDEX residents_bsn ON residents (bsn) WHERE bsn IS NOT NULL;
         UPDATE residents SET bsn = '111222333' WHERE id = 2;
         PRAGMA user_version = 2;",
    )
    .unwrap();
    drop(raw);
    let db = sb.db().display().to_string();
    for args in [
        vec!["--db", db.as_str(), "worklist"],
        vec!["--db", db.as_str(), "contract", "draft", "1"],
    ] {
        let r = sb.run(&args);
        r.user_error();
        assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
        assert!(r.stderr.contains("1 en 2"), "{}", r.stderr);
        assert!(!r.stderr.contains("111222333"), "{}", r.stderr);
    }
    assert_eq!(count(&sb, "PRAGMA user_version"), 2);
    assert_eq!(count(&sb, "SELECT count(*) FROM residents"), 2);
}

// On a database file and on PostgreSQL; the tests above with their own #[test]
// look at the database file itself.
on_both_backends!(
    four_simultaneous_imports_of_one_new_bsn_make_one_dossier,
    a_checkin_with_another_residents_bsn_stores_nothing,
    a_dossier_open_on_screen_is_not_written_by_the_command_line,
);
