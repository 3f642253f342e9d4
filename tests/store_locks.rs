//! Two workstations on one database: edit locks and concurrent saves.

#[macro_use]
mod store_backends;

use chrono::NaiveDate;
use meedoen::domain::Answers;
use meedoen::store::Location;
use meedoen::store::{ContactKind, Lock, NewContact, NewResident, Store};

fn resident(store: &mut Store, surname: &str) -> i64 {
    store
        .create_resident(&NewResident {
            first_names: "Jan".into(),
            surname: surname.into(),
            ..NewResident::default()
        })
        .unwrap()
}

fn age_heartbeats(db: &store_backends::Backend, secs: i64) {
    match (db.location(), db.url()) {
        (_, Some(url)) => {
            let mut raw = ::postgres::Client::connect(url, ::postgres::NoTls).unwrap();
            raw.execute("UPDATE locks SET heartbeat = heartbeat - $1", &[&secs])
                .unwrap();
        }
        (Location::File(path), None) => {
            let raw = rusqlite::Connection::open(path).unwrap();
            raw.execute("UPDATE locks SET heartbeat = heartbeat - ?1", [secs])
                .unwrap();
        }
        (Location::Postgres(_), None) => unreachable!(),
    }
}

on_both! {
fn second_workstation_is_told_who_is_editing(db: &Backend) {
    let mut a = db.open("anne");
    let mut b = db.open("bert");
    assert_ne!(a.workstation(), b.workstation());
    let id = resident(&mut a, "Voorbeeld");

    assert_eq!(a.lock_resident(id).unwrap(), Lock::Acquired);
    // Again by the holder: a heartbeat, still ours.
    assert_eq!(a.lock_resident(id).unwrap(), Lock::Acquired);
    match b.lock_resident(id).unwrap() {
        Lock::HeldBy {
            staff, workstation, ..
        } => {
            assert_eq!(staff, a.staff());
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

fn a_stale_lock_is_taken_over(db: &Backend) {
    let mut a = db.open("anne");
    let mut b = db.open("bert");
    let id = resident(&mut a, "Voorbeeld");
    assert_eq!(a.lock_resident(id).unwrap(), Lock::Acquired);
    // Anne's workstation stopped sending heartbeats three minutes ago.
    age_heartbeats(db, 180);
    assert_eq!(b.lock_resident(id).unwrap(), Lock::Acquired);
    assert!(matches!(a.lock_resident(id).unwrap(), Lock::HeldBy { .. }));
}

fn a_lock_younger_than_two_minutes_holds(db: &Backend) {
    let mut a = db.open("anne");
    let mut b = db.open("bert");
    let id = resident(&mut a, "Voorbeeld");
    assert_eq!(a.lock_resident(id).unwrap(), Lock::Acquired);
    age_heartbeats(db, 90);
    assert!(matches!(b.lock_resident(id).unwrap(), Lock::HeldBy { .. }));
    // The holder's heartbeat keeps it fresh.
    age_heartbeats(db, 90);
    a.refresh_locks().unwrap();
    age_heartbeats(db, 90);
    assert!(matches!(b.lock_resident(id).unwrap(), Lock::HeldBy { .. }));
}

fn closing_a_store_releases_its_locks(db: &Backend) {
    let mut a = db.open("anne");
    let mut b = db.open("bert");
    let id = resident(&mut a, "Voorbeeld");
    assert_eq!(a.lock_resident(id).unwrap(), Lock::Acquired);
    drop(a);
    assert_eq!(b.lock_resident(id).unwrap(), Lock::Acquired);
}

fn two_workstations_save_different_residents_at_the_same_time(db: &Backend) {
    let ids = {
        let mut s = db.open("setup");
        [
            resident(&mut s, "Voorbeeld"),
            resident(&mut s, "Testpersoon"),
        ]
    };
    let handles: Vec<_> = ids
        .into_iter()
        .enumerate()
        .map(|(n, id)| {
            let location = db.location().clone();
            std::thread::spawn(move || {
                let mut s = Store::open_location(&location, &format!("medewerker{n}")).unwrap();
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
    let s = db.open("controle");
    for id in ids {
        assert_eq!(s.contacts(id).unwrap().len(), 25);
    }
}
}
