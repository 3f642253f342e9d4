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

/// A fresh, empty store for one test, opened as staff member "tester". A file (not memory)
/// so that `colleague` can open the same database as a second workstation would.
pub fn test_store() -> Store {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    static NEXT: AtomicUsize = AtomicUsize::new(0);
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
    let path = store.path().expect("a test store has a path");
    Store::open(&path, staff).expect("open as colleague")
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
