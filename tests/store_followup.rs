//! Store behaviour added with the follow-up work: the kind of a check-in on the contact,
//! worklist pages and counts read from indexes, the contract summary of a dossier.
//! Fictitious residents only.

use chrono::NaiveDate;
use meedoen::domain::Answers;
use meedoen::store::{ContactKind, NewContact, NewResident, Store};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn resident(s: &mut Store, surname: &str) -> i64 {
    s.create_resident(&NewResident {
        first_names: "Jan".into(),
        surname: surname.into(),
        ..NewResident::default()
    })
    .unwrap()
}

fn contact(s: &mut Store, client: i64, date: NaiveDate, kind: ContactKind) -> i64 {
    let a = Answers::new();
    s.save_contact(&NewContact {
        client,
        date,
        kind,
        form_id: "intake",
        form_version: 1,
        form_hash: "hash-v1",
        form_source: "",
        answers: &a,
        measurement: None,
        signals: &[],
    })
    .unwrap()
}

#[test]
fn a_checkin_keeps_its_kind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meedoen.db");
    let mut s = Store::open(&path, "tester").unwrap();
    let id = resident(&mut s, "Voorbeeld");
    let intake = contact(&mut s, id, d(2024, 3, 1), ContactKind::Intake);
    let year = contact(&mut s, id, d(2025, 2, 1), ContactKind::Checkin);
    let progress = contact(&mut s, id, d(2025, 6, 1), ContactKind::Voortgang);
    let kinds: Vec<(i64, ContactKind)> = s
        .contacts(id)
        .unwrap()
        .into_iter()
        .map(|c| (c.id, c.kind))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (progress, ContactKind::Voortgang),
            (year, ContactKind::Checkin),
            (intake, ContactKind::Intake)
        ]
    );
    assert_eq!(
        s.contact(progress).unwrap().summary.kind,
        ContactKind::Voortgang
    );
    drop(s);
    // Reopened (by the next program start): still told apart.
    let s = Store::open(&path, "tester").unwrap();
    assert_eq!(
        s.latest_contact(id).unwrap().unwrap().summary.kind,
        ContactKind::Voortgang
    );
}

#[test]
fn a_database_of_the_first_schema_is_upgraded_and_its_checkins_read_as_jaargesprek() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meedoen.db");
    let (id, old) = {
        let mut s = Store::open(&path, "tester").unwrap();
        let id = resident(&mut s, "Voorbeeld");
        contact(&mut s, id, d(2024, 3, 1), ContactKind::Intake);
        (id, contact(&mut s, id, d(2025, 2, 1), ContactKind::Checkin))
    };
    // Back to how schema 1 stored a check-in: kind 'checkin', no conversation column.
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch("ALTER TABLE contacts DROP COLUMN conversation; PRAGMA user_version = 1;")
        .unwrap();
    drop(raw);

    let mut s = Store::open(&path, "tester").unwrap();
    assert_eq!(s.schema_version().unwrap(), 2);
    assert_eq!(s.contact(old).unwrap().summary.kind, ContactKind::Checkin);
    let new = contact(&mut s, id, d(2025, 6, 1), ContactKind::Voortgang);
    assert_eq!(s.contact(new).unwrap().summary.kind, ContactKind::Voortgang);
}
