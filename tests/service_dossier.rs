//! Opening and closing a dossier, handling a signal, outflow, search, worklist and report
//! as service use cases.

mod service_support;

use meedoen::domain::resident::ResidentStatus;
use meedoen::domain::Value;
use meedoen::service::outflow::Outflow;
use meedoen::service::{dossier, intake, outflow, report, search, signals, worklist};
use meedoen::store::Lock;
use service_support::{answers, colleague, d, forms, test_store};

fn opening_logs_the_access_and_locks_closing_gives_the_lock_back() {
    let mut store = test_store();
    let forms = forms();
    let saved = intake::save_intake(
        &mut store,
        &forms,
        &answers("Jan", "Voorbeeld", d(1980, 1, 1), "3"),
        d(2025, 3, 1),
        None,
        false,
    )
    .expect("intake");
    let client = saved.client;
    let (resident, lock) = dossier::open(&mut store, client).expect("open");
    assert_eq!(resident.surname, "Voorbeeld");
    assert_eq!(lock, Lock::Acquired);
    let log = store.access_log(Some(client), 10).expect("log");
    assert!(log.iter().any(|e| e.action == "open_dossier"), "{log:?}");

    // A colleague opening it meanwhile reads only.
    let mut other = colleague(&store, "collega");
    let (_, theirs) = dossier::open(&mut other, client).expect("colleague opens");
    assert!(matches!(theirs, Lock::HeldBy { ref staff, .. } if staff == "tester"));
    assert_eq!(
        dossier::keep_open(&mut store, client).expect("heartbeat"),
        Some(Lock::Acquired)
    );

    dossier::close(&mut store, client).expect("close");
    let (_, after) = dossier::open(&mut other, client).expect("colleague again");
    assert_eq!(
        after,
        Lock::Acquired,
        "closed dossiers can be edited by others"
    );

    let contents = dossier::contents(&store, client).expect("contents");
    assert_eq!(contents.contacts.len(), 1);
    assert_eq!(contents.measurements.len(), 1);
    assert!(contents.contract.is_none());
}

fn a_handled_signal_leaves_the_open_lists() {
    let mut store = test_store();
    let forms = forms();
    let mut a = answers("Jan", "Voorbeeld", d(1980, 1, 1), "3");
    a.insert("schulden.heeft_schulden".into(), Value::Choice("ja".into()));
    a.insert(
        "schulden.dreiging".into(),
        Value::Multi(vec!["huisuitzetting".into()]),
    );
    a.insert("schulden.in_traject".into(), Value::Bool(false));
    let saved =
        intake::save_intake(&mut store, &forms, &a, d(2025, 3, 3), None, false).expect("intake");
    let today = d(2025, 3, 4);
    let (open, _) = signals::open_counts(&store, today).expect("counts");
    assert!(open >= 1);
    let first = signals::open_top(&store, 10).expect("top");
    let signal = first
        .iter()
        .find(|s| s.client == saved.client)
        .expect("a signal of this resident")
        .id;
    signals::handle(&mut store, signal, "Doorverwezen naar schuldhulp.").expect("handle");
    assert!(signals::open_top(&store, 10)
        .expect("top")
        .iter()
        .all(|s| s.id != signal));
    let (after, _) = signals::open_counts(&store, today).expect("counts");
    assert_eq!(after, open - 1);
    assert!(dossier::contents(&store, saved.client)
        .expect("contents")
        .open_signals
        .iter()
        .all(|s| s.id != signal));
}

fn outflow_is_recorded_and_undone() {
    let mut store = test_store();
    let forms = forms();
    let saved = intake::save_intake(
        &mut store,
        &forms,
        &answers("Anna", "Testpersoon", d(1975, 6, 30), "3"),
        d(2025, 1, 10),
        None,
        false,
    )
    .expect("intake");
    let client = saved.client;
    outflow::record(
        &mut store,
        client,
        Outflow::Left {
            reason: "werk",
            date: d(2025, 5, 1),
        },
    )
    .expect("outflow");
    let r = store.resident(client).expect("resident");
    assert_eq!(r.status, ResidentStatus::Outflow);
    assert_eq!(r.outflow_reason.as_deref(), Some("werk"));
    assert!(outflow::record(
        &mut store,
        client,
        Outflow::Left {
            reason: "onbekend",
            date: d(2025, 5, 1)
        }
    )
    .is_err());
    outflow::record(&mut store, client, Outflow::Active).expect("undo");
    assert_eq!(
        store.resident(client).expect("resident").status,
        ResidentStatus::Active
    );
}

fn search_worklist_and_report_read_the_same_caseload() {
    let mut store = test_store();
    let forms = forms();
    for (first, surname) in [("Jan", "Voorbeeld"), ("Zoë", "Müller-Proef")] {
        intake::save_intake(
            &mut store,
            &forms,
            &answers(first, surname, d(1980, 1, 1), "3"),
            d(2024, 1, 10),
            None,
            false,
        )
        .expect("intake");
    }
    let found = search::residents(&store, "muller", 10).expect("search");
    assert_eq!(found.len(), 1, "accents are ignored");
    assert_eq!(found[0].first_names, "Zoë");
    let as_of = d(2025, 3, 1);
    let all = worklist::all(&store, as_of).expect("worklist");
    assert_eq!(all.len(), 2, "both are due a yearly conversation");
    let page = worklist::page(&store, as_of, None, None, 1).expect("page");
    assert_eq!(page.rows.len(), 1);
    let counts = worklist::counts(&store, as_of, None).expect("counts");
    assert_eq!(counts.total(), 2);
    let mine = worklist::counts(&store, as_of, Some("iemand-anders")).expect("counts");
    assert_eq!(mine.total(), 0);
    let r = report::report(&store, as_of).expect("report");
    assert_eq!(r.clients, 2);
    assert_eq!(r.per_rung.iter().sum::<u64>(), 2);
}

service_on_both!(
    opening_logs_the_access_and_locks_closing_gives_the_lock_back,
    a_handled_signal_leaves_the_open_lists,
    outflow_is_recorded_and_undone,
    search_worklist_and_report_read_the_same_caseload,
);
