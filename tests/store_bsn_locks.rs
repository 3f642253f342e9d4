//! One resident, one BSN (in the save transaction, and as a UNIQUE index from schema 3),
//! and saves that honour a colleague's edit lock.

#[macro_use]
mod store_backends;

mod tui_support;

use meedoen::domain::Value;
use meedoen::service::{self, ServiceError};
use meedoen::store::{ContactKind, Lock, NewResident, Store, StoreError};
use std::path::Path;
use tui_support::{answers, d, forms, today};

fn with_bsn(first: &str, surname: &str, bsn: &str) -> meedoen::domain::Answers {
    let mut a = answers(first, surname, d(1980, 2, 1), "2");
    a.insert("persoon.bsn".into(), Value::Text(bsn.into()));
    a
}

fn intake(store: &mut Store, a: &meedoen::domain::Answers) -> Result<i64, ServiceError> {
    service::save_contact(store, &forms(), None, ContactKind::Intake, a, today(), None)
        .map(|s| s.client)
}

fn count(path: &Path, sql: &str) -> i64 {
    let raw = rusqlite::Connection::open(path).unwrap();
    raw.query_row(sql, [], |r| r.get(0)).unwrap()
}

// SQLite only: it writes past the store with a raw connection to the file.
#[test]
fn the_bsn_index_is_unique_from_schema_3() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meedoen.db");
    let mut store = Store::open(&path, "anne").unwrap();
    assert_eq!(store.schema_version().unwrap(), 4);
    intake(&mut store, &with_bsn("Jan", "Voorbeeld", "123456782")).unwrap();
    let raw = rusqlite::Connection::open(&path).unwrap();
    let dup = raw.execute(
        "INSERT INTO residents (first_names, surname, bsn, created, sort_key)
         VALUES ('Piet', 'Testpersoon', '123456782', '2025-01-01 10:00:00', 'testpersoon')",
        [],
    );
    assert!(dup.is_err(), "the database takes a second row with one BSN");
    // Residents without a BSN are many.
    for _ in 0..2 {
        store
            .create_resident(&NewResident {
                first_names: "Zonder".into(),
                surname: "Nummer".into(),
                ..NewResident::default()
            })
            .unwrap();
    }
}

/// A database at schema 2 as the previous program left it, with two pairs of residents
/// sharing a BSN.
fn version_2_with_duplicates(path: &Path) -> Vec<i64> {
    drop(Store::open(path, "setup").unwrap());
    let raw = rusqlite::Connection::open(path).unwrap();
    // Migration 4 undone first (its columns and widened indexes), then migration 3.
    raw.execute_batch(
        "DROP INDEX residents_worklist;
         DROP INDEX residents_figures;
         DROP INDEX residents_c_since;
         DROP INDEX signals_handled;
         ALTER TABLE residents DROP COLUMN pip_end;
         ALTER TABLE residents DROP COLUMN c_since;
         ALTER TABLE contracts DROP COLUMN date;
         CREATE INDEX residents_worklist ON residents (last_contact, sort_key, id, c_eval,
             status, outflow_date, last_staff);
         CREATE INDEX residents_figures ON residents (status, outflow_date, last_contact,
             c_eval, c_status, m_date, m_rung, m_prev_rung);
         DROP INDEX residents_bsn;
         CREATE INDEX residents_bsn ON residents (bsn) WHERE bsn IS NOT NULL;
         PRAGMA user_version = 2;",
    )
    .unwrap();
    let mut ids = Vec::new();
    for (name, bsn) in [
        ("Een", Some("123456782")),
        ("Twee", Some("111222333")),
        ("Drie", Some("123456782")),
        ("Vier", None),
        ("Vijf", Some("111222333")),
        ("Zes", Some("222333444")),
    ] {
        raw.execute(
            "INSERT INTO residents (first_names, surname, bsn, created, sort_key)
             VALUES (?1, 'Voorbeeld', ?2, '2025-01-01 10:00:00', 'voorbeeld')",
            rusqlite::params![name, bsn],
        )
        .unwrap();
        ids.push(raw.last_insert_rowid());
    }
    ids
}

// SQLite only: a schema-2 database with duplicates exists only as an old file.
#[test]
fn the_migration_refuses_duplicates_names_the_clients_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meedoen.db");
    let ids = version_2_with_duplicates(&path);
    let groups = {
        let raw = rusqlite::Connection::open(&path).unwrap();
        meedoen::store::duplicate_bsn_groups(&raw).unwrap()
    };
    assert_eq!(groups, vec![vec![ids[0], ids[2]], vec![ids[1], ids[4]]]);

    let err = match Store::open(&path, "anne") {
        Err(e) => e,
        Ok(_) => panic!("a database with one BSN twice was migrated"),
    };
    assert!(
        matches!(err, StoreError::DuplicateBsn(ref g) if *g == groups),
        "{err:?}"
    );
    let msg = err.to_string();
    for id in [ids[0], ids[2], ids[1], ids[4]] {
        assert!(msg.contains(&id.to_string()), "{msg}");
    }
    assert!(
        !msg.contains("123456782") && !msg.contains("111222333"),
        "{msg}"
    );
    assert_eq!(msg.lines().count(), 1);
    // Untouched: still schema 2, with the old index, readable by the previous program.
    assert_eq!(count(&path, "PRAGMA user_version"), 2);
    assert_eq!(
        count(
            &path,
            "SELECT count(*) FROM sqlite_master WHERE name = 'residents_bsn' AND sql LIKE '%UNIQUE%'"
        ),
        0
    );
    assert_eq!(count(&path, "SELECT count(*) FROM residents"), 6);

    // Once merged (here: one of each pair loses its BSN), the migration goes through.
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute(
        "UPDATE residents SET bsn = NULL WHERE id IN (?1, ?2)",
        [ids[2], ids[4]],
    )
    .unwrap();
    drop(raw);
    let store = Store::open(&path, "anne").unwrap();
    assert_eq!(store.schema_version().unwrap(), 4);
    assert!(store.duplicate_bsn_groups().unwrap().is_empty());
}

/// Anne has the dossier open on screen; Bert (the command line) saves a check-in.
fn screen_and_cli(db: &store_backends::Backend) -> (Store, Store, i64) {
    let mut screen = db.open("anne");
    let mut cli = db.open("bert");
    let id = intake(&mut cli, &with_bsn("Jan", "Voorbeeld", "123456782")).unwrap();
    assert_eq!(screen.lock_resident(id).unwrap(), Lock::Acquired);
    (screen, cli, id)
}

fn checkin(store: &mut Store, id: i64) -> Result<(), ServiceError> {
    let a = with_bsn("Jan", "Voorbeeld", "123456782");
    service::save_contact(
        store,
        &forms(),
        Some(id),
        ContactKind::Checkin,
        &a,
        today(),
        None,
    )
    .map(|_| ())
}

// SQLite only: it plants the lock with a raw connection to the file.
#[test]
fn the_lock_of_a_program_no_longer_running_does_not_block_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meedoen.db");
    let mut cli = Store::open(&path, "bert").unwrap();
    let id = intake(&mut cli, &with_bsn("Jan", "Voorbeeld", "123456782")).unwrap();
    let host = cli.workstation().rsplit_once(':').unwrap().0.to_string();
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute(
        "INSERT INTO locks (client, staff, workstation, since, heartbeat)
         VALUES (?1, 'anne', ?2, '2025-03-12 09:00:00', strftime('%s', 'now'))",
        rusqlite::params![id, format!("{host}:4294967")],
    )
    .unwrap();
    if cfg!(target_os = "linux") {
        checkin(&mut cli, id).unwrap();
    }
}

on_both! {
fn a_second_resident_with_a_known_bsn_is_refused_with_the_existing_client(db: &Backend) {
    let mut store = db.open("anne");
    let first = intake(&mut store, &with_bsn("Jan", "Voorbeeld", "123456782")).unwrap();
    match intake(&mut store, &with_bsn("Piet", "Testpersoon", "123456782")) {
        Err(ServiceError::Store(StoreError::BsnInUse(id))) => assert_eq!(id, first),
        other => panic!("second dossier for one BSN: {other:?}"),
    }
    assert_eq!(store.search_residents("", 10).unwrap().len(), 1);
    // The message names the dossier by number, never the BSN.
    let msg = StoreError::BsnInUse(first).to_string();
    assert!(
        msg.contains(&first.to_string()) && !msg.contains("123456782"),
        "{msg}"
    );
}

fn a_checkin_cannot_take_another_residents_bsn(db: &Backend) {
    let mut store = db.open("anne");
    let one = intake(&mut store, &with_bsn("Jan", "Voorbeeld", "123456782")).unwrap();
    let two = intake(&mut store, &with_bsn("Piet", "Testpersoon", "111222333")).unwrap();
    let before = store.contacts(two).unwrap().len();
    let copy = with_bsn("Jan", "Voorbeeld", "123456782");
    let result = service::save_contact(
        &mut store,
        &forms(),
        Some(two),
        ContactKind::Checkin,
        &copy,
        today(),
        None,
    );
    assert!(
        matches!(result, Err(ServiceError::BsnOfAnother { other, client }) if other == one && client == two),
        "{result:?}"
    );
    let r = store.resident(two).unwrap();
    assert_eq!(r.surname, "Testpersoon");
    assert_eq!(r.bsn.as_deref(), Some("111222333"));
    assert_eq!(store.contacts(two).unwrap().len(), before);
    // Its own BSN again is fine.
    let again = with_bsn("Piet", "Testpersoon", "111222333");
    service::save_contact(
        &mut store,
        &forms(),
        Some(two),
        ContactKind::Checkin,
        &again,
        today(),
        None,
    )
    .unwrap();
}

fn four_workstations_saving_one_new_bsn_make_one_dossier(db: &Backend) {
    drop(db.open("setup"));
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(4));
    let handles: Vec<_> = (0..4)
        .map(|n| {
            let (location, barrier) = (db.location().clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut s = Store::open_location(&location, &format!("medewerker{n}")).unwrap();
                barrier.wait();
                intake(&mut s, &with_bsn("Jan", "Voorbeeld", "123456782"))
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let ok = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(ok, 1, "{results:?}");
    for r in results.iter().filter(|r| r.is_err()) {
        assert!(
            matches!(r, Err(ServiceError::Store(StoreError::BsnInUse(_)))),
            "{r:?}"
        );
    }
    assert_eq!(db.count("SELECT count(*) FROM residents"), 1);
}

fn a_save_to_a_dossier_a_colleague_holds_is_refused_with_who_and_since(db: &Backend) {
    let (_screen, mut cli, id) = screen_and_cli(db);
    let contacts = db.count("SELECT count(*) FROM contacts");
    let err = checkin(&mut cli, id).unwrap_err();
    match &err {
        ServiceError::Store(StoreError::Locked { client, staff, .. }) => {
            assert_eq!((*client, staff.as_str()), (id, _screen.staff()));
        }
        other => panic!("saved over a colleague's open dossier: {other:?}"),
    }
    let msg = err.to_string();
    assert!(msg.contains(_screen.staff()), "{msg}");
    // dd-mm-jjjj hh:mm
    let since = chrono::Local::now().format("%d-%m-%Y").to_string();
    assert!(msg.contains(&since), "{msg}");
    assert_eq!(db.count("SELECT count(*) FROM contacts"), contacts);

    match service::draft_contract(&mut cli, &forms(), id, today(), true) {
        Err(ServiceError::Store(StoreError::Locked { .. })) => {}
        other => panic!("drafted a contract in a colleague's open dossier: {other:?}"),
    }
    assert_eq!(db.count("SELECT count(*) FROM contracts"), 0);
}

fn the_holder_itself_and_a_free_dossier_save_as_before(db: &Backend) {
    let (mut screen, mut cli, id) = screen_and_cli(db);
    checkin(&mut screen, id).unwrap();
    screen.unlock_resident(id).unwrap();
    checkin(&mut cli, id).unwrap();
}

fn a_stale_lock_does_not_block_a_save(db: &Backend) {
    let (_screen, mut cli, id) = screen_and_cli(db);
    db.age_heartbeats(meedoen::store::LOCK_STALE_SECS + 10);
    checkin(&mut cli, id).unwrap();
    service::draft_contract(&mut cli, &forms(), id, today(), true).unwrap();
}
}
