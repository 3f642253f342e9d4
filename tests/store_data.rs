//! Residents, search, contacts with measurements and signals, contracts and the access log.

#[macro_use]
mod store_backends;

use chrono::NaiveDate;
use meedoen::domain::contract::{
    Contract, ContractHeader, ContractPart, ContractStatus, LadderSummary, PartKind,
    ResidentAnalysis,
};
use meedoen::domain::signals::{FiredSignal, Severity};
use meedoen::domain::{Answers, Value};
use meedoen::store::{
    ClientId, ContactKind, DraftKind, Measurement, NewContact, NewResident, ResidentStatus, Store,
    StoreError,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn person(first: &str, surname: &str, birth: NaiveDate, bsn: Option<&str>) -> NewResident {
    NewResident {
        first_names: first.into(),
        surname: surname.into(),
        birth_date: Some(birth),
        bsn: bsn.map(str::to_string),
        ..NewResident::default()
    }
}

fn measurement(date: NaiveDate, rung: u8) -> Measurement {
    Measurement {
        date,
        computed: rung,
        explanation: "Testuitleg.".into(),
        chosen: rung,
        override_reason: None,
        expected: Some(rung),
        horizon_months: Some(12),
    }
}

fn signal(id: &str, deadline: NaiveDate) -> FiredSignal {
    FiredSignal {
        id: id.into(),
        severity: Severity::High,
        deadline,
    }
}

fn answers() -> Answers {
    let mut a = Answers::new();
    a.insert("persoon.voornamen".into(), Value::Text("Jan".into()));
    a.insert("werk.betaald".into(), Value::Bool(false));
    a.insert("inkomen.netto_per_maand".into(), Value::Money(124_550));
    a.insert(
        "inkomen.bronnen".into(),
        Value::Multi(vec!["bijstand".into()]),
    );
    a
}

fn save(
    store: &mut Store,
    client: ClientId,
    date: NaiveDate,
    rung: Option<u8>,
    signals: &[FiredSignal],
) -> i64 {
    let a = answers();
    store
        .save_contact(&NewContact {
            client,
            date,
            kind: ContactKind::Intake,
            form_id: "intake",
            form_version: 1,
            form_hash: "hash-v1",
            form_source: "[form]\nid = \"intake\"\n",
            answers: &a,
            measurement: rung.map(|r| measurement(date, r)),
            signals,
        })
        .unwrap()
}

fn contract(on: NaiveDate) -> Contract {
    let part = |kind| ContractPart {
        kind,
        goal: "Een doel.".into(),
        agreements: Vec::new(),
        support: String::new(),
        empty_reason: "niet nodig: test".into(),
    };
    Contract {
        version: 1,
        status: ContractStatus::Concept,
        date: on,
        agreed_on: None,
        header: ContractHeader {
            municipality: "Testgemeente".into(),
            resident_name: "Jan Voorbeeld".into(),
            birth_date: None,
            bsn: None,
            consultant: "tester".into(),
        },
        analysis: ResidentAnalysis::default(),
        consultant_view: "Eerste versie.".into(),
        ladder: LadderSummary {
            current: 2,
            current_name: "Sociale contacten buitenshuis".into(),
            explanation: "Testuitleg.".into(),
            expected: 3,
            expected_name: "Deelname aan georganiseerde activiteiten".into(),
            horizon_months: 12,
        },
        parts: PartKind::ALL.into_iter().map(part).collect(),
        obligations: "Plichten.".into(),
        next_evaluation: on + chrono::Months::new(6),
        pending: Vec::new(),
    }
}

fn ids(rows: &[meedoen::store::ResidentRow]) -> Vec<ClientId> {
    rows.iter().map(|r| r.id).collect()
}

#[test]
fn access_log_cannot_be_changed_or_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meedoen.db");
    let mut s = Store::open(&path, "tester").unwrap();
    let id = s
        .create_resident(&person("Jan", "Voorbeeld", d(1985, 11, 3), None))
        .unwrap();
    s.open_resident(id).unwrap();
    let raw = rusqlite::Connection::open(&path).unwrap();
    assert!(raw
        .execute("UPDATE access_log SET staff = 'iemand anders'", [])
        .is_err());
    assert!(raw.execute("DELETE FROM access_log", []).is_err());
    let n: i64 = raw
        .query_row("SELECT count(*) FROM access_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);
    assert!(s
        .access_log(None, 10)
        .unwrap()
        .iter()
        .all(|e| e.staff == "tester"));
}

/// `n` residents "Jan VoorbeeldN", each with an intake on rung 3.
fn residents_with_an_intake(s: &mut Store, n: usize) -> Result<Vec<ClientId>, StoreError> {
    let mut ids = Vec::new();
    for i in 0..n {
        let id = s.create_resident(&person(
            "Jan",
            &format!("Voorbeeld{i}"),
            d(1980, 1, 1),
            None,
        ))?;
        save(s, id, d(2024, 5, 1), Some(3), &[]);
        ids.push(id);
    }
    Ok(ids)
}

#[test]
fn bulk_saves_commit_together_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meedoen.db");
    let mut s = Store::open(&path, "tester").unwrap();
    let made = s.bulk(|s| residents_with_an_intake(s, 50)).unwrap();
    assert_eq!(made.len(), 50);
    assert_eq!(s.search_residents("voorbeeld", 100).unwrap().len(), 50);

    let failed: Result<(), StoreError> = s.bulk(|s| {
        s.create_resident(&person("Piet", "Proef", d(1980, 1, 1), None))?;
        Err(StoreError::Busy)
    });
    assert!(failed.is_err());
    assert!(s.search_residents("proef", 10).unwrap().is_empty());

    // A save that fails halfway inside a batch that goes on leaves none of its rows.
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch(
        "CREATE TRIGGER test_fail BEFORE INSERT ON measurements
         BEGIN SELECT RAISE(ABORT, 'test'); END;",
    )
    .unwrap();
    drop(raw);
    s.bulk(|s| {
        let a = answers();
        let contact = NewContact {
            client: made[0],
            date: d(2025, 1, 1),
            kind: ContactKind::Checkin,
            form_id: "intake",
            form_version: 2,
            form_hash: "hash-v2",
            form_source: "",
            answers: &a,
            measurement: Some(measurement(d(2025, 1, 1), 3)),
            signals: &[],
        };
        assert!(s.save_contact(&contact).is_err());
        s.create_resident(&person("Kees", "Na", d(1980, 1, 1), None))?;
        Ok(())
    })
    .unwrap();
    assert_eq!(s.contacts(made[0]).unwrap().len(), 1);
    assert!(s.form_source("hash-v2").unwrap().is_none());
    assert_eq!(s.search_residents("kees", 10).unwrap().len(), 1);
}

#[test]
fn bulk_load_keeps_all_or_nothing_and_returns_to_wal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meedoen.db");
    let mut s = Store::open(&path, "tester").unwrap();
    let failed: Result<(), StoreError> = s.bulk_load(|s| {
        residents_with_an_intake(s, 20)?;
        Err(StoreError::Busy)
    });
    assert!(failed.is_err());
    assert!(s.search_residents("voorbeeld", 100).unwrap().is_empty());

    let ids = s.bulk_load(|s| residents_with_an_intake(s, 20)).unwrap();
    assert_eq!(ids.len(), 20);
    drop(s);
    // Back in WAL mode with everything on disk: a fresh connection sees it all.
    let s = Store::open(&path, "tester").unwrap();
    assert_eq!(s.search_residents("voorbeeld", 100).unwrap().len(), 20);
    assert_eq!(s.contacts(ids[19]).unwrap().len(), 1);
    let raw = rusqlite::Connection::open(&path).unwrap();
    let mode: String = raw
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

on_both! {
fn search_by_name_folds_diacritics_and_tussenvoegsel(db: &Backend) {
    let mut s = db.open("tester");
    let vries = s
        .create_resident(&person(
            "Jan",
            "de Vries",
            d(1985, 11, 3),
            Some("111222333"),
        ))
        .unwrap();
    let zoe = s
        .create_resident(&person("Zoë", "Çelik", d(1990, 1, 2), None))
        .unwrap();
    let bakker = s
        .create_resident(&person(
            "Anneke",
            "Bakker",
            d(1970, 11, 3),
            Some("123456782"),
        ))
        .unwrap();
    let vriesland = s
        .create_resident(&person("Piet", "Vriesland", d(1960, 5, 6), None))
        .unwrap();

    assert_eq!(
        ids(&s.search_residents("vries", 10).unwrap()),
        vec![vries, vriesland]
    );
    assert_eq!(
        ids(&s.search_residents("de vries", 10).unwrap()),
        vec![vries]
    );
    assert_eq!(ids(&s.search_residents("De Vr", 10).unwrap()), vec![vries]);
    assert_eq!(ids(&s.search_residents("jan de", 10).unwrap()), vec![vries]);
    assert_eq!(
        ids(&s.search_residents("vries, jan", 10).unwrap()),
        vec![vries]
    );
    assert_eq!(ids(&s.search_residents("celik", 10).unwrap()), vec![zoe]);
    assert_eq!(ids(&s.search_residents("zoe", 10).unwrap()), vec![zoe]);
    assert_eq!(ids(&s.search_residents("Çelik", 10).unwrap()), vec![zoe]);
    assert!(s.search_residents("xyz", 10).unwrap().is_empty());
    // Everyone, in telephone-book order (de Vries under V), limited.
    assert_eq!(
        ids(&s.search_residents("", 10).unwrap()),
        vec![bakker, zoe, vries, vriesland]
    );
    assert_eq!(s.search_residents("", 2).unwrap().len(), 2);
}

fn search_by_bsn_and_birth_date(db: &Backend) {
    let mut s = db.open("tester");
    let jan = s
        .create_resident(&person(
            "Jan",
            "Voorbeeld",
            d(1985, 11, 3),
            Some("111222333"),
        ))
        .unwrap();
    let anneke = s
        .create_resident(&person(
            "Anneke",
            "Testpersoon",
            d(1970, 11, 3),
            Some("123456782"),
        ))
        .unwrap();
    let piet = s
        .create_resident(&person("Piet", "Proef", d(1985, 1, 13), None))
        .unwrap();

    assert_eq!(
        ids(&s.search_residents("111222333", 10).unwrap()),
        vec![jan]
    );
    assert_eq!(ids(&s.search_residents("1234", 10).unwrap()), vec![anneke]);
    assert_eq!(
        ids(&s.search_residents("03-11-1985", 10).unwrap()),
        vec![jan]
    );
    assert_eq!(
        ids(&s.search_residents("3-11-1985", 10).unwrap()),
        vec![jan]
    );
    assert_eq!(
        ids(&s.search_residents("1985-11-03", 10).unwrap()),
        vec![jan]
    );
    assert_eq!(
        ids(&s.search_residents("03-11", 10).unwrap()),
        vec![anneke, jan]
    );
    assert_eq!(
        ids(&s.search_residents("13-01-19", 10).unwrap()),
        vec![piet]
    );
    assert!(s.search_residents("31-02-1985", 10).unwrap().is_empty());
    assert!(s.search_residents("45-11", 10).unwrap().is_empty());
    let row = &s.search_residents("111222333", 10).unwrap()[0];
    assert_eq!(row.birth_date, Some(d(1985, 11, 3)));
    assert_eq!(row.bsn.as_deref(), Some("111222333"));
}

fn renaming_a_resident_updates_the_search(db: &Backend) {
    let mut s = db.open("tester");
    let id = s
        .create_resident(&person("Jan", "Voorbeeld", d(1985, 11, 3), None))
        .unwrap();
    s.update_resident(id, &person("Jan", "van der Proef", d(1985, 11, 3), None))
        .unwrap();
    assert!(s.search_residents("voorbeeld", 10).unwrap().is_empty());
    assert_eq!(ids(&s.search_residents("proef", 10).unwrap()), vec![id]);
    assert!(matches!(
        s.update_resident(9999, &person("X", "Y", d(1985, 1, 1), None)),
        Err(StoreError::UnknownClient(9999))
    ));
}

fn search_rows_carry_last_contact_and_current_rung(db: &Backend) {
    let mut s = db.open("tester");
    let id = s
        .create_resident(&person("Jan", "Voorbeeld", d(1985, 11, 3), None))
        .unwrap();
    save(&mut s, id, d(2024, 3, 1), Some(2), &[]);
    save(&mut s, id, d(2025, 3, 1), Some(4), &[]);
    // An old intake imported later does not move "latest" back.
    save(&mut s, id, d(2023, 3, 1), Some(1), &[]);
    let row = &s.search_residents("voorbeeld", 10).unwrap()[0];
    assert_eq!(row.last_contact, Some(d(2025, 3, 1)));
    assert_eq!(row.current_rung, Some(4));
    let history: Vec<u8> = s
        .measurements(id)
        .unwrap()
        .iter()
        .map(|m| m.chosen)
        .collect();
    assert_eq!(history, vec![1, 2, 4]);
    let dates: Vec<NaiveDate> = s.contacts(id).unwrap().iter().map(|c| c.date).collect();
    assert_eq!(dates, vec![d(2025, 3, 1), d(2024, 3, 1), d(2023, 3, 1)]);
}

fn contact_round_trips_answers_and_keeps_the_form_source(db: &Backend) {
    let mut s = db.open("tester");
    let id = s
        .create_resident(&person("Jan", "Voorbeeld", d(1985, 11, 3), None))
        .unwrap();
    let c = save(&mut s, id, d(2025, 3, 1), Some(3), &[]);
    let stored = s.contact(c).unwrap();
    assert_eq!(stored.answers, answers());
    assert_eq!(stored.form_id, "intake");
    assert_eq!(stored.form_version, 1);
    assert_eq!(stored.summary.rung, Some(3));
    assert_eq!(stored.summary.staff, s.staff());
    assert_eq!(stored.summary.kind, ContactKind::Intake);
    assert_eq!(
        s.form_source("hash-v1").unwrap().as_deref(),
        Some("[form]\nid = \"intake\"\n")
    );
    assert_eq!(s.latest_contact(id).unwrap().unwrap().summary.id, c);
    assert!(matches!(s.contact(4242), Err(StoreError::Invalid(_))));
}

fn a_save_for_an_unknown_resident_is_refused_and_leaves_nothing(db: &Backend) {
    let mut s = db.open("tester");
    let a = answers();
    let result = s.save_contact(&NewContact {
        client: 77,
        date: d(2025, 1, 1),
        kind: ContactKind::Intake,
        form_id: "intake",
        form_version: 1,
        form_hash: "h",
        form_source: "",
        answers: &a,
        measurement: None,
        signals: &[],
    });
    assert!(matches!(result, Err(StoreError::UnknownClient(77))));
    assert!(s.form_source("h").unwrap().is_none());
}

fn an_override_without_reason_is_refused(db: &Backend) {
    let mut s = db.open("tester");
    let id = s
        .create_resident(&person("Jan", "Voorbeeld", d(1985, 11, 3), None))
        .unwrap();
    let a = answers();
    let mut m = measurement(d(2025, 1, 1), 3);
    m.chosen = 4;
    let mut contact = NewContact {
        client: id,
        date: d(2025, 1, 1),
        kind: ContactKind::Intake,
        form_id: "intake",
        form_version: 1,
        form_hash: "h",
        form_source: "",
        answers: &a,
        measurement: Some(m.clone()),
        signals: &[],
    };
    assert!(matches!(
        s.save_contact(&contact),
        Err(StoreError::Invalid(_))
    ));
    assert!(s.contacts(id).unwrap().is_empty());
    m.override_reason = Some("Werkt al twee dagen als vrijwilliger.".into());
    contact.measurement = Some(m);
    s.save_contact(&contact).unwrap();
    assert_eq!(s.measurements(id).unwrap()[0].chosen, 4);
}

fn an_open_signal_is_not_raised_twice_and_keeps_the_earliest_deadline(db: &Backend) {
    let mut s = db.open("tester");
    let id = s
        .create_resident(&person("Jan", "Voorbeeld", d(1985, 11, 3), None))
        .unwrap();
    save(
        &mut s,
        id,
        d(2025, 3, 3),
        None,
        &[signal("schuld_gesprek", d(2025, 3, 31))],
    );
    save(
        &mut s,
        id,
        d(2025, 3, 10),
        None,
        &[
            signal("schuld_gesprek", d(2025, 3, 20)),
            signal("taaltoets", d(2025, 5, 5)),
        ],
    );
    save(
        &mut s,
        id,
        d(2025, 3, 12),
        None,
        &[signal("schuld_gesprek", d(2025, 4, 30))],
    );
    let open = s.signals_of(id).unwrap();
    let kinds: Vec<(&str, NaiveDate)> =
        open.iter().map(|r| (r.kind.as_str(), r.deadline)).collect();
    assert_eq!(
        kinds,
        vec![
            ("schuld_gesprek", d(2025, 3, 20)),
            ("taaltoets", d(2025, 5, 5))
        ]
    );
    assert_eq!(open[0].raised, d(2025, 3, 3));

    // Once handled, the same kind may be raised again.
    assert!(matches!(
        s.handle_signal(open[0].id, "  "),
        Err(StoreError::Invalid(_))
    ));
    s.handle_signal(open[0].id, "Gesprek gepland bij schuldhulp.")
        .unwrap();
    assert!(matches!(
        s.handle_signal(open[0].id, "nog eens"),
        Err(StoreError::Invalid(_))
    ));
    save(
        &mut s,
        id,
        d(2025, 6, 1),
        None,
        &[signal("schuld_gesprek", d(2025, 6, 29))],
    );
    let all = s.signals_of(id).unwrap();
    assert_eq!(all.len(), 3);
    let handled = all.iter().find(|r| r.handled.is_some()).unwrap();
    let (_, by, note) = handled.handled.clone().unwrap();
    assert_eq!(by, s.staff());
    assert_eq!(note, "Gesprek gepland bij schuldhulp.");
}

fn open_signals_of_everyone_by_deadline_with_names(db: &Backend) {
    let mut s = db.open("tester");
    let a = s
        .create_resident(&person("Jan", "Voorbeeld", d(1985, 11, 3), None))
        .unwrap();
    let b = s
        .create_resident(&person("Anneke", "Testpersoon", d(1970, 1, 1), None))
        .unwrap();
    save(
        &mut s,
        a,
        d(2025, 3, 3),
        None,
        &[signal("taaltoets", d(2025, 4, 28))],
    );
    save(
        &mut s,
        b,
        d(2025, 3, 3),
        None,
        &[signal("dakloos", d(2025, 3, 3))],
    );
    let open = s.open_signals().unwrap();
    let got: Vec<(&str, &str)> = open
        .iter()
        .map(|r| (r.client_name.as_str(), r.kind.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Anneke Testpersoon", "dakloos"),
            ("Jan Voorbeeld", "taaltoets")
        ]
    );
    s.handle_signal(open[0].id, "Opvang geregeld.").unwrap();
    assert_eq!(s.open_signals().unwrap().len(), 1);
}

fn outflow_is_recorded_and_can_be_undone(db: &Backend) {
    let mut s = db.open("tester");
    let id = s
        .create_resident(&person("Jan", "Voorbeeld", d(1985, 11, 3), None))
        .unwrap();
    s.set_outflow(id, Some("werk"), Some(d(2025, 4, 1)))
        .unwrap();
    let r = s.open_resident(id).unwrap();
    assert_eq!(r.status, ResidentStatus::Outflow);
    assert_eq!(r.outflow_reason.as_deref(), Some("werk"));
    assert_eq!(r.outflow_date, Some(d(2025, 4, 1)));
    assert!(matches!(
        s.set_outflow(id, Some("vakantie"), None),
        Err(StoreError::Invalid(_))
    ));
    s.set_outflow(id, None, None).unwrap();
    assert_eq!(s.open_resident(id).unwrap().status, ResidentStatus::Active);
    assert!(matches!(
        s.open_resident(999),
        Err(StoreError::UnknownClient(999))
    ));
}

fn access_log_records_opens_reads_and_saves(db: &Backend) {
    let mut s = db.open("baliemedewerker");
    let id = s
        .create_resident(&person("Jan", "Voorbeeld", d(1985, 11, 3), None))
        .unwrap();
    s.open_resident(id).unwrap();
    let c = save(
        &mut s,
        id,
        d(2025, 3, 1),
        Some(2),
        &[signal("taaltoets", d(2025, 5, 1))],
    );
    s.contact(c).unwrap();
    let sig = s.signals_of(id).unwrap()[0].id;
    s.handle_signal(sig, "Toets aangevraagd.").unwrap();
    let k = s.save_contract(id, None, &contract(d(2025, 3, 1))).unwrap();
    s.agree_contract(k, d(2025, 3, 2), b"%PDF-test").unwrap();
    s.set_outflow(id, Some("werk"), Some(d(2025, 6, 1)))
        .unwrap();
    let log = s.access_log(Some(id), 100).unwrap();
    let actions: Vec<&str> = log.iter().rev().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        vec![
            "nieuwe_inwoner",
            "open_dossier",
            "opslaan_contact",
            "lees_contact",
            "afhandelen_signaal",
            "opslaan_overeenkomst",
            "vaststellen_overeenkomst",
            "uitstroom"
        ]
    );
    // On PostgreSQL the staff member is the database role, not the name passed in.
    let staff = if db.is_postgres() { s.staff() } else { "baliemedewerker" };
    assert!(log.iter().all(|e| e.staff == staff));
    assert!(log.iter().all(|e| e.client == Some(id)));
}

fn contract_lifecycle_concept_vastgesteld_new_version(db: &Backend) {
    let mut s = db.open("tester");
    let id = s
        .create_resident(&person("Jan", "Voorbeeld", d(1985, 11, 3), None))
        .unwrap();
    let mut c = contract(d(2025, 3, 1));
    let k = s.save_contract(id, None, &c).unwrap();
    c.consultant_view = "Bijgewerkt.".into();
    assert_eq!(s.save_contract(id, Some(k), &c).unwrap(), k);
    assert_eq!(
        s.latest_contract(id)
            .unwrap()
            .unwrap()
            .contract
            .consultant_view,
        "Bijgewerkt."
    );

    let doc = b"%PDF-1.7 sociale overeenkomst";
    let hash = s.agree_contract(k, d(2025, 3, 5), doc).unwrap();
    assert_eq!(hash.len(), 64);
    let stored = s.latest_contract(id).unwrap().unwrap();
    assert_eq!(stored.contract.status, ContractStatus::Vastgesteld);
    assert_eq!(stored.contract.agreed_on, Some(d(2025, 3, 5)));
    assert_eq!(stored.document_hash.as_deref(), Some(hash.as_str()));
    assert_eq!(s.contract_document(k).unwrap().as_deref(), Some(&doc[..]));

    // Read-only from now on.
    c.consultant_view = "Stiekem gewijzigd.".into();
    assert!(matches!(
        s.save_contract(id, Some(k), &c),
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        s.agree_contract(k, d(2025, 3, 6), b"anders"),
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(
        s.contract_by_id(k).unwrap().contract.consultant_view,
        "Bijgewerkt."
    );

    let v2 = s.new_contract_version(k, d(2025, 4, 1)).unwrap();
    assert_ne!(v2, k);
    // Asking again gives the same open concept, not a third version.
    assert_eq!(s.new_contract_version(k, d(2025, 4, 2)).unwrap(), v2);
    let latest = s.latest_contract(id).unwrap().unwrap();
    assert_eq!(latest.id, v2);
    assert_eq!(latest.contract.version, 2);
    // Dated the day the caller says (the interface's today), not the machine's clock.
    assert_eq!(latest.contract.date, d(2025, 4, 1));
    assert_eq!(latest.contract.status, ContractStatus::Concept);
    assert_eq!(latest.contract.agreed_on, None);
    assert_eq!(latest.document_hash, None);
    let versions: Vec<u32> = s
        .contracts_of(id)
        .unwrap()
        .iter()
        .map(|c| c.contract.version)
        .collect();
    assert_eq!(versions, vec![2, 1]);
    assert!(matches!(
        s.new_contract_version(v2, d(2025, 4, 1)),
        Err(StoreError::Invalid(_))
    ));
}

fn drafts_for_a_resident_are_deleted_by_kind(db: &Backend) {
    let mut s = db.open("tester");
    let id = s
        .create_resident(&person("Jan", "Voorbeeld", d(1985, 11, 3), None))
        .unwrap();
    s.save_draft(None, Some(id), DraftKind::Checkin, "J.", "{}")
        .unwrap();
    s.save_draft(None, Some(id), DraftKind::Contract, "J.", "{}")
        .unwrap();
    s.delete_drafts_of(id, DraftKind::Checkin).unwrap();
    assert!(s.draft_for(id, DraftKind::Checkin).unwrap().is_none());
    assert!(s.draft_for(id, DraftKind::Contract).unwrap().is_some());
}

fn the_first_page_of_open_signals_matches_the_full_list(db: &Backend) {
    let mut s = db.open("tester");
    let names = ["Zeeman", "Akkerman", "de Mol", "Bos", "Visser", "Kok"];
    for (i, name) in names.iter().enumerate() {
        let id = s
            .create_resident(&person("Test", name, d(1980, 1, 1), None))
            .unwrap();
        // Many equal deadlines, with mixed severities, so page edges fall inside a group.
        let day = 1 + (i as u32 % 2);
        let sigs = [
            FiredSignal {
                id: "taaltoets".into(),
                severity: Severity::Normal,
                deadline: d(2025, 4, day),
            },
            FiredSignal {
                id: "dakloos".into(),
                severity: Severity::Urgent,
                deadline: d(2025, 4, day),
            },
        ];
        save(&mut s, id, d(2025, 3, 1), None, &sigs);
    }
    let all = s.open_signals().unwrap();
    assert_eq!(all.len(), 12);
    for n in [0, 1, 3, 5, 6, 7, 12, 20] {
        let top = s.open_signals_top(n).unwrap();
        assert_eq!(top, all[..n.min(all.len())].to_vec(), "page of {n}");
    }
}

fn list_columns_follow_the_history_whatever_order_contacts_arrive_in(db: &Backend) {
    let mut s = db.open("tester");
    let id = s
        .create_resident(&person("Jan", "Voorbeeld", d(1985, 11, 3), None))
        .unwrap();
    let mut seed = 7u64;
    for _ in 0..40 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let day = (seed >> 33) % 12; // few distinct dates: many ties
        let rung = 1 + ((seed >> 40) % 6) as u8;
        let with_measurement = !(seed >> 50).is_multiple_of(3);
        let date = d(2024, 1, 1) + chrono::Days::new(day * 30);
        save(&mut s, id, date, with_measurement.then_some(rung), &[]);
        let row = &s.search_residents("voorbeeld", 1).unwrap()[0];
        let history = s.measurements(id).unwrap();
        assert_eq!(row.current_rung, history.last().map(|m| m.chosen));
        assert_eq!(
            row.last_contact,
            s.contacts(id).unwrap().first().map(|c| c.date)
        );
    }
}
}
