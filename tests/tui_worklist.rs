//! The worklist, the overview and the outflow dialog driven by keys, checked against the
//! store. Fictitious residents only; "today" is fixed at 12 March 2025.

mod followup_support;
mod tui_support;

use crossterm::event::KeyCode;
use followup_support::*;
use meedoen::domain::Value;
use meedoen::forms::Forms;
use meedoen::service;
use meedoen::store::{ClientId, ContactKind, Report, ResidentStatus, Store};
use tui_support::*;

/// Four residents: two last seen by the app's own staff member (consulent1), one by a
/// colleague, and one seen this year whose contract evaluation has passed.
fn caseload(h: &Harness, forms: &Forms) -> Vec<ClientId> {
    let mut other = h.other_store();
    let mut ids = Vec::new();
    // The app's staff member: save with a store opened under that name.
    let mut own = Store::open(&h.db(), "consulent1").expect("open");
    for (first, last, on) in [
        ("Anna", "Testpersoon", d(2023, 11, 20)),
        ("Bram", "de Voorbeeld", d(2024, 6, 3)),
    ] {
        let a = answers(first, last, d(1985, 1, 1), "2");
        let s = service::save_contact(&mut own, forms, None, ContactKind::Intake, &a, on, None)
            .expect("save");
        ids.push(s.client);
    }
    let mut colleague = Store::open(&h.db(), "collega2").expect("open");
    let a = answers("Chloë", "Proefmans", d(1999, 4, 4), "1");
    let s = service::save_contact(
        &mut colleague,
        forms,
        None,
        ContactKind::Intake,
        &a,
        d(2024, 1, 15),
        None,
    )
    .expect("save");
    ids.push(s.client);
    // Seen this year, but the agreed contract's evaluation (1 August 2024) has passed.
    let c = resident_with_agreed_contract(&mut other, forms, "Jan", "Voorbeeld");
    let a = answers("Jan", "Voorbeeld", d(1980, 2, 1), "3");
    service::save_contact(
        &mut other,
        forms,
        Some(c),
        ContactKind::Checkin,
        &a,
        d(2025, 1, 20),
        None,
    )
    .expect("save");
    ids.push(c);
    ids
}

fn worklist_harness() -> (Harness, Vec<ClientId>) {
    let forms = forms();
    let h = Harness::new();
    let ids = caseload(&h, &forms);
    let mut h = h.restart();
    h.key(KeyCode::F(6));
    assert_eq!(h.app.screen_name(), "worklist", "{:?}", h.app.status_text());
    (h, ids)
}

#[test]
fn the_worklist_shows_who_is_due_oldest_first_with_the_reason() {
    let (mut h, _) = worklist_harness();
    let s = h.screen_at(80, 24);
    let rows: Vec<&str> = s
        .lines()
        .filter(|l| l.contains("Testpersoon") || l.contains("Proefmans") || l.contains("Voorbeeld"))
        .collect();
    assert_eq!(rows.len(), 4, "{s}");
    assert!(rows[0].contains("Testpersoon") && rows[0].contains("20-11-2023"));
    assert!(rows[1].contains("Proefmans") && rows[1].contains("geen contact dit jaar"));
    assert!(rows[2].contains("de Voorbeeld"));
    assert!(rows[3].contains("Jan Voorbeeld") && rows[3].contains("evaluatie verlopen"));
}

#[test]
fn the_filter_shows_only_ones_own_caseload() {
    let (mut h, _) = worklist_harness();
    h.key(KeyCode::Char('m'));
    let s = h.screen_at(80, 24);
    assert!(s.contains("Testpersoon"), "{s}");
    assert!(s.contains("de Voorbeeld"), "{s}");
    assert!(
        !s.contains("Proefmans"),
        "a colleague's resident is filtered out: {s}"
    );
    // The test data saved Jan Voorbeeld's contacts under another name ("controle").
    assert!(!s.contains("Jan Voorbeeld"), "{s}");
    assert!(s.contains("2 inwoners van consulent1"), "{s}");
    h.key(KeyCode::Char('m'));
    assert!(
        h.screen_at(80, 24).contains("Proefmans"),
        "the filter toggles off"
    );
}

#[test]
fn enter_opens_the_dossier_and_esc_comes_back_to_the_worklist() {
    let (mut h, _) = worklist_harness();
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen_name(), "dossier");
    assert!(h.screen_at(80, 24).contains("Chloë Proefmans"));
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen_name(), "worklist");
    let s = h.screen_at(80, 24);
    let selected = s.lines().find(|l| l.contains('▸')).unwrap_or("");
    assert!(
        selected.contains("Proefmans"),
        "the same row stays selected: {s}"
    );
}

#[test]
fn f2_on_the_worklist_starts_the_checkin_and_the_resident_leaves_the_list() {
    let (mut h, ids) = worklist_harness();
    h.key(KeyCode::F(2));
    assert_eq!(h.app.screen_name(), "wizard", "{:?}", h.app.status_text());
    h.key(KeyCode::F(10));
    h.key(KeyCode::F(10));
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen_name(), "dossier", "{:?}", h.app.status_text());
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen_name(), "worklist");
    assert!(!h.screen_at(80, 24).contains("Testpersoon"));
    let store = h.other_store();
    assert_eq!(
        store.contacts(ids[0]).expect("c")[0].kind,
        ContactKind::Checkin
    );
}

#[test]
fn the_start_screen_counts_the_worklist() {
    let forms = forms();
    let h = Harness::new();
    caseload(&h, &forms);
    let mut h = h.restart();
    let s = h.screen_at(80, 24);
    assert!(
        s.contains("Werklijst: 4 (waarvan 1 evaluatie verlopen)"),
        "{s}"
    );
}

/// Issue 15 item 4: a PIP ending within eight weeks is on the Werklijst with its own
/// reason, and the start screen counts it.
#[test]
fn a_pip_that_falls_due_is_on_the_worklist_and_counted() {
    let forms = forms();
    let h = Harness::new();
    {
        let mut own = Store::open(&h.db(), "consulent1").expect("open");
        let mut a = answers("Dana", "Inburgering", d(1990, 5, 5), "2");
        a.insert("persoon.statushouder".into(), Value::Bool(true));
        a.insert("taal.inburgeringsplichtig".into(), Value::Bool(true));
        a.insert("taal.pip_einddatum".into(), Value::Date(d(2025, 4, 30)));
        service::save_contact(
            &mut own,
            &forms,
            None,
            ContactKind::Intake,
            &a,
            d(2025, 2, 3),
            None,
        )
        .expect("save");
    }
    let mut h = h.restart();
    let s = h.screen_at(80, 24);
    assert!(s.contains("Werklijst: 1 (waarvan 1 PIP loopt af)"), "{s}");
    h.key(KeyCode::F(6));
    let s = h.screen_at(80, 24);
    let row = s
        .lines()
        .find(|l| l.contains("Dana Inburgering"))
        .unwrap_or("");
    assert!(row.contains("PIP loopt af"), "{s}");
}

// ---------------------------------------------------------------- outflow

#[test]
fn outflow_removes_the_resident_from_the_worklist_and_counts_in_the_report() {
    let (mut h, ids) = worklist_harness();
    h.key(KeyCode::Enter);
    h.key(KeyCode::F(8));
    let s = h.screen_at(80, 24);
    assert!(s.contains("Uitstroom vastleggen"), "{s}");
    assert!(s.contains("12-03-2025"), "today by default: {s}");
    h.key(KeyCode::Char('1')); // werk
    h.key(KeyCode::Tab);
    for _ in 0..10 {
        h.key(KeyCode::Backspace);
    }
    h.type_str("03-03-2025");
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen_name(), "dossier");
    let s = h.screen_at(80, 24);
    assert!(s.contains("Uitgestroomd: werk, 03-03-2025"), "{s}");
    let store = h.other_store();
    let r = store.resident(ids[0]).expect("resident");
    assert_eq!(r.status, ResidentStatus::Outflow);
    assert_eq!(r.outflow_reason.as_deref(), Some("werk"));
    assert_eq!(r.outflow_date, Some(d(2025, 3, 3)));
    assert!(!store
        .worklist(today())
        .expect("w")
        .iter()
        .any(|w| w.client == ids[0]));
    h.key(KeyCode::Esc);
    assert!(!h.screen_at(80, 24).contains("Testpersoon"));
    h.key(KeyCode::Esc);
    h.key(KeyCode::F(7));
    assert!(h.screen_at(80, 24).contains("werk 1, verhuisd 0"));
}

#[test]
fn a_wrong_outflow_date_is_refused_with_a_clear_sentence() {
    let (mut h, ids) = worklist_harness();
    h.key(KeyCode::Enter);
    h.key(KeyCode::F(8));
    h.key(KeyCode::Tab);
    h.type_str("x");
    h.key(KeyCode::F(10));
    let s = h.screen_at(80, 24);
    assert!(s.contains("Vul een datum in als dd-mm-jjjj"), "{s}");
    assert_eq!(
        h.other_store().resident(ids[0]).expect("r").status,
        ResidentStatus::Active
    );
    h.key(KeyCode::Esc);
    assert!(!h.screen_at(80, 24).contains("Uitstroom vastleggen"));
}

#[test]
fn an_outflow_can_be_undone() {
    let (mut h, ids) = worklist_harness();
    h.key(KeyCode::Enter);
    h.key(KeyCode::F(8));
    h.key(KeyCode::Char('2')); // verhuisd
    h.key(KeyCode::F(10));
    h.key(KeyCode::F(8));
    assert!(h.screen_at(80, 24).contains("weer actief"));
    h.key(KeyCode::Char('4'));
    h.key(KeyCode::F(10));
    assert!(!h.screen_at(80, 24).contains("Uitgestroomd"));
    assert_eq!(
        h.other_store().resident(ids[0]).expect("r").status,
        ResidentStatus::Active
    );
}

// ---------------------------------------------------------------- overview

/// The first whole number after `label` on the first line of `screen` that holds it.
fn number_after(screen: &str, anchor: &str, label: &str) -> u64 {
    let line = screen
        .lines()
        .find(|l| l.contains(anchor))
        .unwrap_or_else(|| panic!("{anchor} shown: {screen}"));
    // Only the column the anchor is in: the other column may hold the same word.
    let line = line
        .split("││")
        .find(|part| part.contains(anchor))
        .unwrap_or(line);
    let at = line
        .find(label)
        .unwrap_or_else(|| panic!("{label} on the line: {line}"));
    let digits: String = line[at + label.len()..]
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("a number after {label}: {line}"))
}

/// The figures the overview shows, read back from the rendered screen.
fn shown_figures(screen: &str, forms: &Forms) -> Report {
    let n = |anchor: &str, label: &str| number_after(screen, anchor, label);
    let mut r = Report {
        as_of: today(),
        clients: n("Actieve inwoners:", "Actieve inwoners:"),
        due: n("Gesprek nodig", "(werklijst):"),
        ..Report::default()
    };
    r.movement.up = n("omhoog", "omhoog");
    r.movement.same = n("omhoog", "gelijk");
    r.movement.down = n("omhoog", "omlaag");
    for rung in 1..=6u8 {
        let name = forms
            .ladder
            .rung(rung)
            .map(|r| r.name.nl.clone())
            .unwrap_or_default();
        let label: String = format!("{rung} {name}").chars().take(8).collect();
        r.per_rung[usize::from(rung - 1)] = n(&label, &label);
    }
    for key in ["concept", "vastgesteld"] {
        let count = n("vastgesteld ", key);
        if count > 0 {
            r.contracts.insert(key.to_string(), count);
        }
    }
    for key in ["werk", "verhuisd", "overig"] {
        let count = n("verhuisd ", key);
        if count > 0 {
            r.outflow.insert(key.to_string(), count);
        }
    }
    r
}

#[test]
fn the_overview_shows_the_figures_of_the_store_report_and_no_names() {
    let forms = forms();
    let (mut h, ids) = worklist_harness();
    let mut store = h.other_store();
    store
        .set_outflow(ids[2], Some("verhuisd"), Some(d(2025, 2, 1)))
        .expect("outflow");
    resident_with_history(&mut store, &forms);
    let expected = store.report(today()).expect("report");
    drop(store);
    h.key(KeyCode::Esc);
    h.key(KeyCode::F(7));
    assert_eq!(h.app.screen_name(), "report");
    let s = h.screen_at(120, 40);
    let mut shown = shown_figures(&s, &forms);
    shown.signals_open = expected.signals_open.clone();
    shown.signals_overdue = expected.signals_overdue.clone();
    assert_eq!(shown, expected, "{s}");
    // Signals: one line per kind with its open and overdue count.
    for (kind, open) in &expected.signals_open {
        let title = forms
            .signals
            .iter()
            .find(|r| &r.id == kind)
            .map(|r| r.title.nl.clone())
            .unwrap_or_else(|| kind.clone());
        let short: String = title.chars().take(12).collect();
        let line = s
            .lines()
            .find(|l| l.contains(&short))
            .unwrap_or_else(|| panic!("{kind} shown: {s}"));
        let overdue = expected.signals_overdue.get(kind).copied().unwrap_or(0);
        assert!(
            line.trim_end_matches(['│', ' '])
                .ends_with(&format!("{open}  {:>7}", overdue)),
            "{line}"
        );
    }
    for name in ["Testpersoon", "Voorbeeld", "Proefmans", "Anna", "Jan"] {
        assert!(!s.contains(name), "no names on the overview: {s}");
    }
}

// ---------------------------------------------------------------- snapshots

#[test]
fn snapshot_worklist() {
    let (mut h, _) = worklist_harness();
    insta::assert_snapshot!("worklist_80x24", h.screen_at(80, 24));
    insta::assert_snapshot!("worklist_120x40", h.screen_at(120, 40));
    h.key(KeyCode::Char('?'));
    let s = h.screen_at(80, 24);
    for key in ["Enter", "F2", "m ", "Esc", "Up/Down", "PgUp/PgDn"] {
        assert!(s.contains(key), "{key} in the help: {s}");
    }
    insta::assert_snapshot!("worklist_help_80x24", s);
}

#[test]
fn snapshot_report() {
    let forms = forms();
    let (mut h, ids) = worklist_harness();
    let mut store = h.other_store();
    store
        .set_outflow(ids[2], Some("verhuisd"), Some(d(2025, 2, 1)))
        .expect("outflow");
    resident_with_history(&mut store, &forms);
    drop(store);
    h.key(KeyCode::Esc);
    h.key(KeyCode::F(7));
    insta::assert_snapshot!("report_80x24", h.screen_at(80, 24));
    insta::assert_snapshot!("report_120x40", h.screen_at(120, 40));
}

#[test]
fn snapshot_outflow_dialog() {
    let (mut h, _) = worklist_harness();
    h.key(KeyCode::Enter);
    h.key(KeyCode::F(8));
    insta::assert_snapshot!("outflow_dialog_80x24", h.screen_at(80, 24));
    insta::assert_snapshot!("outflow_dialog_120x40", h.screen_at(120, 40));
}

#[test]
fn on_the_demo_database_start_screen_worklist_and_overview_agree() {
    let forms = forms();
    let h = Harness::new();
    let mut store = h.other_store();
    meedoen::demo::populate(
        &mut store,
        &forms,
        &meedoen::demo::DemoOptions {
            clients: 60,
            seed: 3,
            today: today(),
        },
    )
    .expect("demo data");
    let report = store.report(today()).expect("report");
    let rows = store.worklist(today()).expect("worklist");
    let overdue = rows
        .iter()
        .filter(|r| r.reason == meedoen::store::WorklistReason::EvaluationOverdue)
        .count();
    assert_eq!(report.due, rows.len() as u64);
    drop(store);
    let mut h = h.restart();
    let start = h.screen_at(120, 40);
    let counts = if overdue > 0 {
        format!(
            "Werklijst: {} (waarvan {overdue} evaluatie verlopen)",
            rows.len()
        )
    } else {
        format!("Werklijst: {}", rows.len())
    };
    assert!(start.contains(&counts), "{counts}: {start}");
    h.key(KeyCode::F(6));
    let list = h.screen_at(120, 40);
    assert!(
        list.contains(&format!(
            "{} inwoners, langst niet gesproken eerst",
            rows.len()
        )),
        "{list}"
    );
    h.key(KeyCode::Esc);
    h.key(KeyCode::F(7));
    let overview = h.screen_at(120, 40);
    assert_eq!(shown_figures(&overview, &forms).due, report.due);
    assert_eq!(
        shown_figures(&overview, &forms).per_rung,
        report.per_rung,
        "{overview}"
    );
}
