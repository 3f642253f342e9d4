//! Two workstations on one database file: edit locks and concurrent saves.

use chrono::NaiveDate;
use meedoen::domain::Answers;
use meedoen::store::{ContactKind, Lock, NewContact, NewResident, Store};
use std::path::Path;

fn resident(store: &mut Store, surname: &str) -> i64 {
    store
        .create_resident(&NewResident {
            first_names: "Jan".into(),
            surname: surname.into(),
            ..NewResident::default()
        })
        .unwrap()
}

#[test]
fn second_workstation_is_told_who_is_editing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meedoen.db");
    let mut a = Store::open(&path, "anne").unwrap();
    let mut b = Store::open(&path, "bert").unwrap();
    assert_ne!(a.workstation(), b.workstation());
    let id = resident(&mut a, "Voorbeeld");

    assert_eq!(a.lock_resident(id).unwrap(), Lock::Acquired);
    // Again by the holder: a heartbeat, still ours.
    assert_eq!(a.lock_resident(id).unwrap(), Lock::Acquired);
    match b.lock_resident(id).unwrap() {
        Lock::HeldBy {
            staff, workstation, ..
        } => {
            assert_eq!(staff, "anne");
            assert_eq!(workstation, a.workstation());
        }
        Lock::Acquired => panic!("two workstations hold the same resident"),
    }
    assert!(matches!(
        b.lock_holder(id).unwrap(),
        Some(Lock::HeldBy { .. })
    ));
    assert_eq!(a.lock_holder(id).unwrap(), None);

    // Bert cannot release Anne's lock.
    b.unlock_resident(id).unwrap();
    assert!(matches!(b.lock_resident(id).unwrap(), Lock::HeldBy { .. }));

    a.unlock_resident(id).unwrap();
    assert_eq!(b.lock_resident(id).unwrap(), Lock::Acquired);
    assert!(matches!(a.lock_resident(id).unwrap(), Lock::HeldBy { .. }));
}

#[test]
fn a_stale_lock_is_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meedoen.db");
    let mut a = Store::open(&path, "anne").unwrap();
    let mut b = Store::open(&path, "bert").unwrap();
    let id = resident(&mut a, "Voorbeeld");
    assert_eq!(a.lock_resident(id).unwrap(), Lock::Acquired);
    // Anne's workstation stopped sending heartbeats three minutes ago.
    age_heartbeats(&path, 180);
    assert_eq!(b.lock_resident(id).unwrap(), Lock::Acquired);
    assert!(matches!(a.lock_resident(id).unwrap(), Lock::HeldBy { .. }));
}

#[test]
fn a_lock_younger_than_two_minutes_holds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meedoen.db");
    let mut a = Store::open(&path, "anne").unwrap();
    let mut b = Store::open(&path, "bert").unwrap();
    let id = resident(&mut a, "Voorbeeld");
    assert_eq!(a.lock_resident(id).unwrap(), Lock::Acquired);
    age_heartbeats(&path, 90);
    assert!(matches!(b.lock_resident(id).unwrap(), Lock::HeldBy { .. }));
    // The holder's heartbeat keeps it fresh.
    age_heartbeats(&path, 90);
    a.refresh_locks().unwrap();
    age_heartbeats(&path, 90);
    assert!(matches!(b.lock_resident(id).unwrap(), Lock::HeldBy { .. }));
}

#[test]
fn closing_a_store_releases_its_locks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meedoen.db");
    let mut a = Store::open(&path, "anne").unwrap();
    let mut b = Store::open(&path, "bert").unwrap();
    let id = resident(&mut a, "Voorbeeld");
    assert_eq!(a.lock_resident(id).unwrap(), Lock::Acquired);
    drop(a);
    assert_eq!(b.lock_resident(id).unwrap(), Lock::Acquired);
}

fn age_heartbeats(path: &Path, secs: i64) {
    let raw = rusqlite::Connection::open(path).unwrap();
    raw.execute("UPDATE locks SET heartbeat = heartbeat - ?1", [secs])
        .unwrap();
}

#[test]
fn two_workstations_save_different_residents_at_the_same_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meedoen.db");
    let ids = {
        let mut s = Store::open(&path, "setup").unwrap();
        [
            resident(&mut s, "Voorbeeld"),
            resident(&mut s, "Testpersoon"),
        ]
    };
    let handles: Vec<_> = ids
        .into_iter()
        .enumerate()
        .map(|(n, id)| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut s = Store::open(&path, &format!("medewerker{n}")).unwrap();
                assert_eq!(s.lock_resident(id).unwrap(), Lock::Acquired);
                let answers = Answers::new();
                for day in 1..=25u32 {
                    let date = NaiveDate::from_ymd_opt(2025, 1, day).unwrap();
                    s.save_contact(&NewContact {
                        client: id,
                        date,
                        kind: ContactKind::Checkin,
                        form_id: "intake",
                        form_version: 1,
                        form_hash: "gedeeld",
                        form_source: "bron",
                        answers: &answers,
                        measurement: None,
                        signals: &[],
                    })
                    .unwrap();
                    s.save_draft(
                        None,
                        Some(id),
                        meedoen::store::DraftKind::Checkin,
                        "x",
                        "{}",
                    )
                    .unwrap();
                }
                s.unlock_resident(id).unwrap();
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let s = Store::open(&path, "controle").unwrap();
    for id in ids {
        assert_eq!(s.contacts(id).unwrap().len(), 25);
    }
}
