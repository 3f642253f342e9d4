//! Shared helpers for the service tests: the store every test opens (one place to switch
//! backend), a colleague's second connection to it, and fictitious residents' answers.
#![allow(dead_code)]

use chrono::NaiveDate;
use meedoen::domain::{Answers, Value};
use meedoen::forms::Forms;
use meedoen::store::Store;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

#[path = "../pg_support/mod.rs"]
pub mod pg_support;

/// Which backend the running test uses (set by `service_on_both!`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

thread_local! {
    static BACKEND: std::cell::Cell<Backend> = const { std::cell::Cell::new(Backend::Sqlite) };
    /// The PostgreSQL database of the running test, dropped with its thread.
    static DATABASE: std::cell::RefCell<Option<pg_support::PgDatabase>> =
        const { std::cell::RefCell::new(None) };
}

/// Run `test` on `backend`; on PostgreSQL without a test cluster it is skipped (said on
/// stderr), unless `MEEDOEN_REQUIRE_PG=1`.
pub fn on(backend: Backend, test: fn()) {
    if backend == Backend::Postgres {
        match pg_support::fresh_database() {
            Some(db) => DATABASE.with(|d| *d.borrow_mut() = Some(db)),
            None => return,
        }
    }
    BACKEND.with(|b| b.set(backend));
    test();
}

/// A fresh, empty store for one test, opened as staff member "tester": a file (not
/// memory) so that `colleague` can open the same database as a second workstation would,
/// or on PostgreSQL a new database, migrated by its owner and used as the role "tester".
pub fn test_store() -> Store {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    if BACKEND.with(|b| b.get()) == Backend::Postgres {
        return DATABASE.with(|d| {
            let d = d.borrow();
            let db = d.as_ref().expect("service_on_both! made the database");
            drop(Store::open_url(&db.url).expect("migrate as the owner"));
            Store::open_url(&db.consultant("tester")).expect("open as tester")
        });
    }
    let dir = DIR.get_or_init(|| {
        tempfile::Builder::new()
            .prefix("meedoen-service-tests")
            .tempdir()
            .expect("temp dir")
            .keep()
    });
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    Store::open(&dir.join(format!("test{n}.db")), "tester").expect("open test store")
}

/// The same database opened by another staff member (another workstation).
pub fn colleague(store: &Store, staff: &str) -> Store {
    if BACKEND.with(|b| b.get()) == Backend::Postgres {
        return DATABASE.with(|d| {
            let d = d.borrow();
            let db = d.as_ref().expect("service_on_both! made the database");
            Store::open_url(&db.consultant(staff)).expect("open as colleague")
        });
    }
    let path = store.path().expect("a test store has a path");
    Store::open(&path, staff).expect("open as colleague")
}

/// Each listed test (a plain `fn name()` using `test_store`) runs as `sqlite::name` and
/// `postgres::name`.
#[macro_export]
macro_rules! service_on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    $crate::service_support::on($crate::service_support::Backend::Sqlite, super::$name)
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    $crate::service_support::on($crate::service_support::Backend::Postgres, super::$name)
                }
            )*
        }
    };
}

pub fn forms() -> Forms {
    meedoen::forms::builtin()
}

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn choice(s: &str) -> Value {
    Value::Choice(s.to_string())
}

/// Complete, valid intake answers of a made-up resident (rung 3 with participation "3").
pub fn answers(first: &str, surname: &str, born: NaiveDate, participation: &str) -> Answers {
    let mut a = Answers::new();
    a.insert("persoon.voornamen".into(), text(first));
    a.insert("persoon.achternaam".into(), text(surname));
    a.insert("persoon.geboortedatum".into(), Value::Date(born));
    a.insert("persoon.huishouden".into(), choice("alleenstaand"));
    a.insert("werk.betaald".into(), Value::Bool(false));
    a.insert("werk.ingeschreven_uwv".into(), Value::Bool(true));
    a.insert("meedoen.onbetaald_werk".into(), choice("nee"));
    a.insert("meedoen.georganiseerd".into(), choice("nee"));
    a.insert("meedoen.sociaal_contact".into(), choice("nee"));
    match participation {
        "2" => {
            a.insert("meedoen.sociaal_contact".into(), choice("wekelijks"));
        }
        "3" => {
            a.insert("meedoen.georganiseerd".into(), choice("wekelijks"));
        }
        _ => {}
    }
    a.insert(
        "inkomen.bronnen".into(),
        Value::Multi(vec!["bijstand".to_string()]),
    );
    a.insert("schulden.heeft_schulden".into(), choice("nee"));
    a.insert("wonen.situatie".into(), choice("huur"));
    a.insert("taal.onderwijs_nl_8jaar".into(), Value::Bool(true));
    a.insert("regie.doel".into(), text("Werk vinden."));
    a.insert("verwachting.trede".into(), choice("4"));
    a.insert("verwachting.termijn_maanden".into(), Value::Int(12));
    a
}

/// The same answers with a (fictitious, valid) BSN.
pub fn answers_with_bsn(first: &str, surname: &str, born: NaiveDate, bsn: &str) -> Answers {
    let mut a = answers(first, surname, born, "3");
    a.insert("persoon.bsn".into(), text(bsn));
    a
}

/// Every part without agreements says why it stays empty, so the concept can be agreed.
pub fn complete(c: &mut meedoen::domain::contract::Contract) {
    for part in &mut c.parts {
        if part.agreements.is_empty() {
            part.empty_reason = "niet nodig: hier speelt nu niets.".into();
        }
    }
}
