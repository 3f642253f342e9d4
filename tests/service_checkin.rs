//! The check-in use case of the service layer: what is evaluated, and saving the
//! conversation with its evaluation as one transaction that keeps nothing when refused.

mod service_support;

use meedoen::domain::contract::{AgreementStatus, ContractStatus};
use meedoen::domain::resident::ClientId;
use meedoen::forms::Forms;
use meedoen::service::checkin::{save_checkin, Conversation, Evaluation};
use meedoen::service::{self, intake, RungOverride, ServiceError};
use meedoen::store::{Store, StoreError};
use service_support::{answers, colleague, d, forms, test_store};

/// A resident seen on 1 February 2024 whose contract was agreed that day.
fn resident_with_agreed_contract(store: &mut Store, forms: &Forms) -> ClientId {
    let on = d(2024, 2, 1);
    let mut a = answers("Jan", "Voorbeeld", d(1980, 2, 1), "3");
    a.insert(
        "werk.ingeschreven_uwv".into(),
        meedoen::domain::Value::Bool(false),
    );
    let saved = intake::save_intake(store, forms, &a, on, None, false).expect("intake");
    let mut c = service::draft_contract(store, forms, saved.client, on, true).expect("draft");
    service_support::complete(&mut c.contract);
    service::contract::agree(
        store,
        forms,
        c.id,
        &c.contract,
        on,
        service::contract::Document::Markdown,
    )
    .expect("agree");
    saved.client
}

fn the_evaluation_lists_the_open_agreements_and_fits_the_kind_to_the_year() {
    let mut store = test_store();
    let forms = forms();
    let client = resident_with_agreed_contract(&mut store, &forms);
    let ev = Evaluation::load(&store, client, d(2025, 2, 3)).expect("load");
    assert_eq!(ev.conversation, Conversation::Jaargesprek);
    assert!(ev.contract.as_ref().is_some_and(|c| c.agreed));
    assert!(!ev.items.is_empty());
    // Seen this calendar year already: a voortgangsgesprek.
    let ev = Evaluation::load(&store, client, d(2024, 6, 3)).expect("load");
    assert_eq!(ev.conversation, Conversation::Voortgangsgesprek);
}

fn a_saved_checkin_records_the_evaluation_in_a_new_contract_version() {
    let mut store = test_store();
    let forms = forms();
    let client = resident_with_agreed_contract(&mut store, &forms);
    let today = d(2025, 2, 3);
    let mut ev = Evaluation::load(&store, client, today).expect("load");
    ev.items[0].status = AgreementStatus::Gedaan;
    ev.items[0].note = "Gelukt. ".into();
    let a = answers("Jan", "Voorbeeld", d(1980, 2, 1), "3");
    save_checkin(&mut store, &forms, client, &a, today, None, &ev).expect("save");
    assert_eq!(store.contacts(client).expect("contacts").len(), 2);
    let latest = store
        .latest_contract(client)
        .expect("read")
        .expect("contract");
    assert_eq!(latest.contract.version, 2);
    assert_eq!(latest.contract.status, ContractStatus::Concept);
    let evaluated = latest
        .contract
        .parts
        .iter()
        .flat_map(|p| p.agreements.iter())
        .find(|a| a.what == ev.items[0].what)
        .expect("the agreement carried over");
    assert_eq!(evaluated.status, AgreementStatus::Gedaan);
    assert_eq!(evaluated.note, "Gelukt.");
}

fn a_refused_checkin_keeps_neither_the_contact_nor_the_evaluation() {
    let mut store = test_store();
    let forms = forms();
    let client = resident_with_agreed_contract(&mut store, &forms);
    let today = d(2025, 2, 3);
    let mut ev = Evaluation::load(&store, client, today).expect("load");
    ev.items[0].status = AgreementStatus::Gedaan;
    let a = answers("Jan", "Voorbeeld", d(1980, 2, 1), "3");
    // Another rung than the computed one without a reason.
    let no_reason = Some(RungOverride {
        rung: 5,
        reason: "  ".into(),
    });
    let refused = save_checkin(&mut store, &forms, client, &a, today, no_reason, &ev);
    assert!(matches!(refused, Err(ServiceError::OverrideNeedsReason)));
    assert_eq!(store.contacts(client).expect("contacts").len(), 1);
    let latest = store
        .latest_contract(client)
        .expect("read")
        .expect("contract");
    assert_eq!(latest.contract.version, 1, "no new version was started");
}

fn a_checkin_while_a_colleague_has_the_dossier_open_is_refused_whole() {
    let mut store = test_store();
    let forms = forms();
    let client = resident_with_agreed_contract(&mut store, &forms);
    let mut other = colleague(&store, "collega");
    other
        .lock_resident(client)
        .expect("colleague opens the dossier");
    let today = d(2025, 2, 3);
    let ev = Evaluation::load(&store, client, today).expect("load");
    let a = answers("Jan", "Voorbeeld", d(1980, 2, 1), "3");
    let refused = save_checkin(&mut store, &forms, client, &a, today, None, &ev);
    assert!(
        matches!(refused, Err(ServiceError::Store(StoreError::Locked { .. }))),
        "{refused:?}"
    );
    assert_eq!(store.contacts(client).expect("contacts").len(), 1);
    assert_eq!(
        store
            .latest_contract(client)
            .expect("read")
            .expect("contract")
            .contract
            .version,
        1
    );
}

service_on_both!(
    the_evaluation_lists_the_open_agreements_and_fits_the_kind_to_the_year,
    a_saved_checkin_records_the_evaluation_in_a_new_contract_version,
    a_refused_checkin_keeps_neither_the_contact_nor_the_evaluation,
    a_checkin_while_a_colleague_has_the_dossier_open_is_refused_whole,
);
