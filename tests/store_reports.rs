//! The worklist boundaries and the monitoring report on a hand-made set of residents.

#[macro_use]
mod store_backends;

use chrono::NaiveDate;
use meedoen::domain::contract::{
    Contract, ContractHeader, ContractStatus, LadderSummary, ResidentAnalysis,
};
use meedoen::domain::signals::{FiredSignal, Severity};
use meedoen::domain::{Answers, Value};
use meedoen::store::{
    ClientId, ContactKind, Measurement, NewContact, NewResident, Store, WorklistReason,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn resident(s: &mut Store, surname: &str) -> ClientId {
    s.create_resident(&NewResident {
        first_names: "Test".into(),
        surname: surname.into(),
        ..NewResident::default()
    })
    .unwrap()
}

fn contact(s: &mut Store, client: ClientId, date: NaiveDate, rung: Option<u8>) {
    contact_with(s, client, date, rung, &[]);
}

fn contact_with(
    s: &mut Store,
    client: ClientId,
    date: NaiveDate,
    rung: Option<u8>,
    signals: &[FiredSignal],
) {
    let answers = Answers::new();
    s.save_contact(&NewContact {
        client,
        date,
        kind: ContactKind::Checkin,
        form_id: "intake",
        form_version: 1,
        form_hash: "h",
        form_source: "",
        answers: &answers,
        measurement: rung.map(|r| Measurement {
            date,
            computed: r,
            explanation: "Test.".into(),
            chosen: r,
            override_reason: None,
            expected: None,
            horizon_months: None,
        }),
        signals,
    })
    .unwrap();
}

fn contract(next_evaluation: NaiveDate) -> Contract {
    Contract {
        version: 1,
        status: ContractStatus::Concept,
        date: d(2024, 1, 1),
        agreed_on: None,
        header: ContractHeader::default(),
        analysis: ResidentAnalysis::default(),
        consultant_view: String::new(),
        ladder: LadderSummary {
            current: 2,
            current_name: String::new(),
            explanation: String::new(),
            expected: 3,
            expected_name: String::new(),
            horizon_months: 12,
        },
        parts: Vec::new(),
        obligations: String::new(),
        next_evaluation,
        pending: Vec::new(),
    }
}

fn due(s: &Store, as_of: NaiveDate) -> Vec<(ClientId, WorklistReason)> {
    s.worklist(as_of)
        .unwrap()
        .into_iter()
        .map(|r| (r.client, r.reason))
        .collect()
}

fn sig(kind: &str, deadline: NaiveDate) -> FiredSignal {
    FiredSignal {
        id: kind.into(),
        severity: Severity::Normal,
        deadline,
    }
}

/// A check-in that records whether the resident must integrate and the PIP's end date.
fn pip_contact(s: &mut Store, client: ClientId, date: NaiveDate, must: bool, end: NaiveDate) {
    let mut answers = Answers::new();
    answers.insert("taal.inburgeringsplichtig".into(), Value::Bool(must));
    answers.insert("taal.pip_einddatum".into(), Value::Date(end));
    s.save_contact(&NewContact {
        client,
        date,
        kind: ContactKind::Checkin,
        form_id: "intake",
        form_version: 1,
        form_hash: "h",
        form_source: "",
        answers: &answers,
        measurement: None,
        signals: &[],
    })
    .unwrap();
}

fn dated_contract(date: NaiveDate, next_evaluation: NaiveDate) -> Contract {
    Contract {
        date,
        ..contract(next_evaluation)
    }
}

on_both! {
fn a_report_on_a_past_date_with_many_later_contacts(db: &Backend) {
    // Over 2000 residents seen after the report date: the one-pass look-back is used.
    let mut s = db.open("tester");
    s.bulk(|s| {
        for i in 0..2100u32 {
            let id = resident(s, &format!("Historie{i}"));
            contact(s, id, d(2023, 3, 1), Some(1 + (i % 3) as u8));
            contact(s, id, d(2024, 3, 1), Some(1 + (i % 6) as u8));
            contact(s, id, d(2025, 3, 1), Some(6));
        }
        Ok(())
    })
    .unwrap();
    let r = s.report(d(2024, 12, 31)).unwrap();
    assert_eq!(r.clients, 2100);
    assert_eq!(r.per_rung, [350; 6]);
    // 2023 rung i%3+1 against 2024 rung i%6+1: for i%6 in 0..3 the same, else up by 3.
    assert_eq!(
        (r.movement.up, r.movement.same, r.movement.down),
        (1050, 1050, 0)
    );
    assert_eq!(r.due, 0);
    assert_eq!(s.worklist_count(d(2024, 12, 31)).unwrap(), 0);
    // On New Year's Day nobody has been seen in 2025 yet (their contact is in March).
    assert_eq!(s.worklist_count(d(2025, 1, 1)).unwrap(), 2100);
    assert_eq!(s.report(d(2025, 1, 1)).unwrap().due, 2100);
    assert_eq!(
        s.worklist(d(2025, 1, 1)).unwrap()[0].last_contact,
        Some(d(2024, 3, 1))
    );
}

fn contact_on_31_december_does_not_count_for_the_new_year(db: &Backend) {
    let mut s = db.open("tester");
    let dec = resident(&mut s, "December");
    let jan = resident(&mut s, "Januari");
    contact(&mut s, dec, d(2024, 12, 31), None);
    contact(&mut s, jan, d(2025, 1, 1), None);
    assert_eq!(
        due(&s, d(2025, 1, 1)),
        vec![(dec, WorklistReason::NoContactThisYear)]
    );
    // On 31 December 2024 the first was seen that day; the other was not yet a resident
    // of the file at all (first contact the next day), so a list for that date leaves
    // them out: it describes the record as it was.
    assert!(due(&s, d(2024, 12, 31)).is_empty());
    assert_eq!(s.worklist_count(d(2025, 1, 1)).unwrap(), 1);
}

fn never_seen_residents_come_first_then_oldest_contact(db: &Backend) {
    let mut s = db.open("tester");
    let old = resident(&mut s, "Oud");
    let older = resident(&mut s, "Ouder");
    let never = resident(&mut s, "Nooit");
    contact(&mut s, old, d(2023, 6, 1), None);
    contact(&mut s, older, d(2022, 6, 1), None);
    let rows = s.worklist(d(2025, 3, 1)).unwrap();
    let order: Vec<ClientId> = rows.iter().map(|r| r.client).collect();
    assert_eq!(order, vec![never, older, old]);
    assert_eq!(rows[0].last_contact, None);
    assert_eq!(rows[1].last_contact, Some(d(2022, 6, 1)));
    assert_eq!(rows[1].last_staff.as_deref(), Some(s.staff()));
    assert_eq!(rows[1].name, "Test Ouder");
}

fn evaluation_date_today_is_not_overdue_yesterday_is(db: &Backend) {
    let mut s = db.open("tester");
    let today = resident(&mut s, "Vandaag");
    let yesterday = resident(&mut s, "Gisteren");
    let as_of = d(2025, 6, 10);
    for id in [today, yesterday] {
        contact(&mut s, id, d(2025, 2, 1), None);
    }
    s.save_contract(today, None, &contract(as_of)).unwrap();
    s.save_contract(yesterday, None, &contract(d(2025, 6, 9)))
        .unwrap();
    assert_eq!(
        due(&s, as_of),
        vec![(yesterday, WorklistReason::EvaluationOverdue)]
    );
    // A newer contract version with a later evaluation date takes it off the list.
    s.save_contract(yesterday, None, &contract(d(2025, 12, 1)))
        .unwrap();
    assert_eq!(due(&s, as_of), vec![]);
}

fn outflowed_residents_are_not_due(db: &Backend) {
    let mut s = db.open("tester");
    let gone = resident(&mut s, "Uitgestroomd");
    let stays = resident(&mut s, "Blijft");
    contact(&mut s, gone, d(2023, 1, 1), None);
    contact(&mut s, stays, d(2023, 1, 1), None);
    s.set_outflow(gone, Some("werk"), Some(d(2024, 9, 1)))
        .unwrap();
    assert_eq!(
        due(&s, d(2025, 3, 1)),
        vec![(stays, WorklistReason::NoContactThisYear)]
    );
    // Looking back to before the outflow, the resident was still due.
    assert_eq!(due(&s, d(2024, 3, 1)).len(), 2);
}

fn worklist_looks_back_from_a_past_date(db: &Backend) {
    let mut s = db.open("tester");
    let id = resident(&mut s, "Terug");
    contact(&mut s, id, d(2024, 5, 1), None);
    contact(&mut s, id, d(2025, 5, 1), None);
    // In April 2025 the May 2025 contact had not happened yet.
    let rows = s.worklist(d(2025, 4, 1)).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].last_contact, Some(d(2024, 5, 1)));
    assert!(s.worklist(d(2025, 6, 1)).unwrap().is_empty());
}

fn report_on_a_hand_made_set(db: &Backend) {
    let mut s = db.open("tester");
    let as_of = d(2025, 6, 30);
    // Up: 2 → 4 within the year.
    let up = resident(&mut s, "Omhoog");
    contact(&mut s, up, d(2024, 3, 1), Some(2));
    contact(&mut s, up, d(2025, 3, 1), Some(4));
    // Same: 3 → 3.
    let same = resident(&mut s, "Gelijk");
    contact(&mut s, same, d(2024, 5, 1), Some(3));
    contact(&mut s, same, d(2025, 5, 1), Some(3));
    // Down: 5 → 4, with an open overdue signal.
    let down = resident(&mut s, "Omlaag");
    contact(&mut s, down, d(2023, 3, 1), Some(5));
    contact_with(
        &mut s,
        down,
        d(2025, 2, 1),
        Some(4),
        &[
            sig("taaltoets", d(2025, 3, 29)),
            sig("laaggeletterd", d(2025, 8, 1)),
        ],
    );
    // Latest measurement older than 12 months: counted per rung, not as movement; due.
    let stale = resident(&mut s, "Oud");
    contact(&mut s, stale, d(2022, 1, 1), Some(1));
    contact(&mut s, stale, d(2024, 6, 1), Some(2));
    // Only one measurement: no movement.
    let single = resident(&mut s, "Eenmalig");
    contact(&mut s, single, d(2025, 1, 15), Some(6));
    // Measured after as_of: counted with the measurement before it.
    let later = resident(&mut s, "Later");
    contact(&mut s, later, d(2024, 9, 1), Some(3));
    contact(&mut s, later, d(2025, 7, 15), Some(1));
    // Never measured, never seen: due, no rung.
    let _new = resident(&mut s, "Nieuw");
    // Outflow within the window and one before it; neither is a client any more.
    let worked = resident(&mut s, "Werk");
    contact(&mut s, worked, d(2024, 1, 1), Some(5));
    s.set_outflow(worked, Some("werk"), Some(d(2025, 4, 1)))
        .unwrap();
    let moved = resident(&mut s, "Verhuisd");
    s.set_outflow(moved, Some("verhuisd"), Some(d(2023, 1, 1)))
        .unwrap();
    // Contracts: one concept, one vastgesteld whose evaluation is overdue.
    s.save_contract(up, None, &contract(d(2025, 12, 1)))
        .unwrap();
    let k = s
        .save_contract(same, None, &contract(d(2025, 6, 1)))
        .unwrap();
    s.agree_contract(k, d(2025, 1, 1), b"doc").unwrap();
    // A handled signal is not open from the day it was handled.
    contact_with(
        &mut s,
        single,
        d(2025, 1, 20),
        None,
        &[sig("dakloos", d(2025, 1, 20))],
    );
    let handled = s.signals_of(single).unwrap()[0].id;
    s.handle_signal(handled, "Opvang geregeld.").unwrap();

    let r = s.report(as_of).unwrap();
    assert_eq!(r.clients, 7);
    // Rungs: up 4, same 3, down 4, stale 2, single 6, later 3.
    assert_eq!(r.per_rung, [0, 1, 2, 2, 0, 1]);
    assert_eq!((r.movement.up, r.movement.same, r.movement.down), (1, 1, 1));
    // Due: stale (no 2025 contact), new (never), later (its 2025 contact comes after
    // as_of), same (evaluation 2025-06-01 passed).
    assert_eq!(r.due, 4);
    assert_eq!(r.due, s.worklist(as_of).unwrap().len() as u64);
    assert_eq!(r.signals_open.get("taaltoets"), Some(&1));
    assert_eq!(r.signals_open.get("laaggeletterd"), Some(&1));
    // Handled today, so on as_of it was still open; in today's report it is not.
    assert_eq!(r.signals_open.get("dakloos"), Some(&1));
    let today = chrono::Local::now().date_naive();
    assert_eq!(s.report(today).unwrap().signals_open.get("dakloos"), None);
    assert_eq!(r.signals_overdue.get("taaltoets"), Some(&1));
    assert_eq!(r.signals_overdue.get("laaggeletterd"), None);
    assert_eq!(r.contracts.get("concept"), Some(&1));
    assert_eq!(r.contracts.get("vastgesteld"), Some(&1));
    assert_eq!(r.outflow.get("werk"), Some(&1));
    assert_eq!(r.outflow.get("verhuisd"), None);

    // After the later measurement, "later" moved down from 3 to 1.
    let r = s.report(d(2025, 7, 31)).unwrap();
    assert_eq!(r.movement.down, 2);
    assert_eq!(r.per_rung[0], 1);
}

fn a_worklist_page_is_the_start_of_the_full_worklist(db: &Backend) {
    let mut s = db.open("tester");
    let mut n = 0;
    for (i, name) in [
        "Zeeman", "Akkerman", "de Mol", "Bos", "Visser", "Kok", "Smit",
    ]
    .iter()
    .enumerate()
    {
        let id = resident(&mut s, name);
        match i % 4 {
            0 => {}
            1 => contact(&mut s, id, d(2023, 5, 1), None),
            2 => contact(&mut s, id, d(2024, 5, 1), None),
            _ => {
                contact(&mut s, id, d(2025, 2, 1), None);
                s.save_contract(id, None, &contract(d(2025, 3, 1))).unwrap();
            }
        }
        if i == 5 {
            s.set_outflow(id, Some("verhuisd"), Some(d(2025, 1, 1)))
                .unwrap();
        }
        n += 1;
    }
    for as_of in [d(2025, 6, 1), d(2024, 6, 1)] {
        let all = s.worklist(as_of).unwrap();
        assert!(all.len() < n);
        for limit in 0..=n {
            assert_eq!(
                s.worklist_page(as_of, limit).unwrap(),
                all[..limit.min(all.len())].to_vec(),
                "{as_of} page of {limit}"
            );
        }
    }
}

/// `worklist --as-of 2026-01-01` and the report of that date leave out a resident whose
/// first contact was on 2026-02-01, and a signal handled later was still open then.
fn a_past_date_describes_the_record_as_it_was(db: &Backend) {
    let mut s = db.open("tester");
    let early = resident(&mut s, "Vroeg");
    let late = resident(&mut s, "Laat");
    contact(&mut s, early, d(2025, 3, 1), Some(2));
    contact_with(
        &mut s,
        late,
        d(2026, 2, 1),
        Some(3),
        &[FiredSignal {
            id: "taaltoets".into(),
            severity: Severity::Normal,
            deadline: d(2026, 3, 29),
        }],
    );
    assert_eq!(
        due(&s, d(2026, 1, 1)),
        vec![(early, WorklistReason::NoContactThisYear)]
    );
    assert_eq!(s.worklist_count(d(2026, 1, 1)).unwrap(), 1);
    let counts = s.worklist_counts(d(2026, 1, 1), None).unwrap();
    assert_eq!(counts.total(), 1);
    let r = s.report(d(2026, 1, 1)).unwrap();
    assert_eq!(r.clients, 1, "the later resident did not exist yet");
    assert_eq!(r.per_rung, [0, 1, 0, 0, 0, 0]);
    assert!(r.signals_open.is_empty(), "{:?}", r.signals_open);
    // Later both are there.
    assert_eq!(s.report(d(2026, 2, 1)).unwrap().clients, 2);

    // A signal raised on 2026-02-01 and handled today was open on 2026-02-15.
    let signal = s.signals_of(late).unwrap()[0].id;
    s.handle_signal(signal, "Taaltoets gepland.").unwrap();
    let then = s.report(d(2026, 2, 15)).unwrap();
    assert_eq!(then.signals_open.get("taaltoets"), Some(&1));
    let today = chrono::Local::now().date_naive();
    assert_eq!(s.report(today).unwrap().signals_open.get("taaltoets"), None);
}

/// Issue 15 item 4: the worklist shows a PIP that ends within eight weeks of its date, or
/// ended since the last contact; a contact on or after the end date takes it off.
fn a_pip_that_falls_due_puts_the_resident_on_the_worklist(db: &Backend) {
    let mut s = db.open("tester");
    let pip = resident(&mut s, "Inburgering");
    let free = resident(&mut s, "Vrij");
    let end = d(2026, 6, 30);
    pip_contact(&mut s, pip, d(2026, 3, 1), true, end);
    // A date left from earlier while the duty no longer applies does not count.
    pip_contact(&mut s, free, d(2026, 3, 1), false, end);

    assert_eq!(due(&s, d(2026, 5, 4)), vec![], "57 days before the end");
    let eight_weeks = d(2026, 5, 5);
    assert_eq!(due(&s, eight_weeks), vec![(pip, WorklistReason::PipDue)]);
    assert_eq!(WorklistReason::PipDue.as_str(), "pip_verloopt");
    let counts = s.worklist_counts(eight_weeks, None).unwrap();
    assert_eq!((counts.pip_due, counts.total()), (1, 1));
    assert_eq!(
        s.worklist_counts(eight_weeks, Some(s.staff()))
            .unwrap()
            .pip_due,
        1
    );
    assert_eq!(
        s.worklist_page(eight_weeks, 10).unwrap(),
        s.worklist(eight_weeks).unwrap()
    );
    assert_eq!(s.report(eight_weeks).unwrap().due, 1);
    // Ended, and nobody has talked with the resident since.
    assert_eq!(due(&s, d(2026, 7, 15)), vec![(pip, WorklistReason::PipDue)]);

    // A check-in after the end date (the old date still prefilled) dealt with it.
    pip_contact(&mut s, pip, d(2026, 7, 1), true, end);
    assert_eq!(due(&s, d(2026, 7, 15)), vec![]);
    assert_eq!(s.worklist_counts(d(2026, 7, 15), None).unwrap().total(), 0);
    // Looking back to before that check-in, the PIP was falling due then.
    assert_eq!(due(&s, eight_weeks), vec![(pip, WorklistReason::PipDue)]);
    assert_eq!(s.worklist_counts(eight_weeks, None).unwrap().pip_due, 1);
    assert_eq!(s.report(eight_weeks).unwrap().due, 1);
}

/// An overdue evaluation goes first: a resident due for both is listed once.
fn an_overdue_evaluation_comes_before_the_pip(db: &Backend) {
    let mut s = db.open("tester");
    let r = resident(&mut s, "Beide");
    pip_contact(&mut s, r, d(2026, 3, 1), true, d(2026, 6, 30));
    s.save_contract(r, None, &contract(d(2026, 4, 1))).unwrap();
    let as_of = d(2026, 6, 1);
    assert_eq!(due(&s, as_of), vec![(r, WorklistReason::EvaluationOverdue)]);
    let counts = s.worklist_counts(as_of, None).unwrap();
    assert_eq!((counts.evaluation_overdue, counts.pip_due), (1, 0));
}

/// Issue 15 item 6: a past date uses the contract in force then, not one drafted (or
/// vastgesteld) later.
fn a_past_date_uses_the_contract_in_force_then(db: &Backend) {
    let mut s = db.open("tester");
    let r = resident(&mut s, "Overeenkomst");
    contact(&mut s, r, d(2025, 3, 1), None);
    let v1 = s
        .save_contract(r, None, &dated_contract(d(2025, 4, 1), d(2025, 5, 1)))
        .unwrap();
    s.agree_contract(v1, d(2025, 4, 15), b"document").unwrap();
    let v2 = s.new_contract_version(v1, d(2025, 9, 1)).unwrap();
    s.save_contract(r, Some(v2), &dated_contract(d(2025, 9, 1), d(2026, 3, 1)))
        .unwrap();

    let statuses = |on: NaiveDate| s.report(on).unwrap().contracts;
    assert!(statuses(d(2025, 3, 31)).is_empty(), "no contract yet");
    assert_eq!(
        statuses(d(2025, 4, 10)),
        [("concept".to_string(), 1)].into()
    );
    assert_eq!(
        statuses(d(2025, 6, 1)),
        [("vastgesteld".to_string(), 1)].into(),
        "version 2 was drafted later"
    );
    assert_eq!(statuses(d(2025, 9, 1)), [("concept".to_string(), 1)].into());

    // Version 1's evaluation (1 May) had passed on 1 June; version 2 moved it to 2026.
    assert_eq!(
        due(&s, d(2025, 6, 1)),
        vec![(r, WorklistReason::EvaluationOverdue)]
    );
    assert_eq!(
        s.worklist_counts(d(2025, 6, 1), None)
            .unwrap()
            .evaluation_overdue,
        1
    );
    assert_eq!(s.report(d(2025, 6, 1)).unwrap().due, 1);
    assert_eq!(due(&s, d(2025, 9, 2)), vec![]);
    // Before any contract there was no evaluation date to pass.
    assert_eq!(due(&s, d(2025, 3, 31)), vec![]);
}

/// The same with the one-pass look-back of a date long past (over 2000 residents with
/// later contacts): contracts and PIP dates as they were.
fn a_past_date_in_bulk_uses_the_contracts_and_pips_of_then(db: &Backend) {
    let mut s = db.open("tester");
    s.bulk(|s| {
        for i in 0..2100u32 {
            let id = resident(s, &format!("Terug{i}"));
            match i % 3 {
                0 => {
                    contact(s, id, d(2024, 3, 1), None);
                    let c =
                        s.save_contract(id, None, &dated_contract(d(2024, 4, 1), d(2024, 10, 1)))?;
                    s.agree_contract(c, d(2024, 4, 2), b"document")?;
                    let next = s.new_contract_version(c, d(2025, 3, 1))?;
                    s.save_contract(
                        id,
                        Some(next),
                        &dated_contract(d(2025, 3, 1), d(2026, 3, 1)),
                    )?;
                }
                1 => pip_contact(s, id, d(2024, 3, 1), true, d(2025, 1, 31)),
                _ => contact(s, id, d(2024, 3, 1), None),
            }
            pip_contact(s, id, d(2025, 3, 1), false, d(2025, 1, 31));
        }
        Ok(())
    })
    .unwrap();
    let then = d(2024, 12, 31);
    let counts = s.worklist_counts(then, None).unwrap();
    assert_eq!(
        (counts.no_contact, counts.evaluation_overdue, counts.pip_due),
        (0, 700, 700)
    );
    let r = s.report(then).unwrap();
    assert_eq!(r.due, 1400);
    assert_eq!(r.contracts, [("vastgesteld".to_string(), 700)].into());
    // Today's view: version 2 is a concept, no PIP any more, nobody due before 2026.
    assert_eq!(s.worklist_count(d(2025, 6, 1)).unwrap(), 0);
}
}
