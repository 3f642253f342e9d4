//! The contract's use cases of the service layer: draft, agree with the document kept,
//! and the next version carrying the agreed one on.

mod service_support;

use meedoen::domain::contract::ContractStatus;
use meedoen::domain::resident::ContactKind;
use meedoen::domain::Value;
use meedoen::service::contract::{self, Document};
use meedoen::service::{self, intake};
use service_support::{answers, complete, d, forms, test_store};

fn a_draft_with_accepted_suggestions_has_them_in_its_parts() {
    let mut store = test_store();
    let forms = forms();
    let mut a = answers("Jan", "Voorbeeld", d(1980, 2, 1), "3");
    a.insert("werk.ingeschreven_uwv".into(), Value::Bool(false));
    let saved =
        intake::save_intake(&mut store, &forms, &a, d(2025, 2, 1), None, false).expect("intake");
    let waiting = contract::draft_contract(&mut store, &forms, saved.client, d(2025, 2, 1), false)
        .expect("draft");
    assert!(!waiting.contract.pending.is_empty(), "suggestions wait");
    assert_eq!(waiting.contract.version, 1);
    assert_eq!(waiting.contract.next_evaluation, d(2025, 8, 1));
    assert_eq!(waiting.contract.ladder.current, saved.assessed.score.rung);
    // The open concept is returned again, not a second one.
    let again = contract::draft_contract(&mut store, &forms, saved.client, d(2025, 2, 2), true)
        .expect("draft again");
    assert_eq!(again.id, waiting.id);

    let other = intake::save_intake(
        &mut store,
        &forms,
        &{
            let mut b = answers("Piet", "Proef", d(1990, 5, 5), "3");
            b.insert("werk.ingeschreven_uwv".into(), Value::Bool(false));
            b
        },
        d(2025, 2, 1),
        None,
        false,
    )
    .expect("second intake");
    let placed = contract::draft_contract(&mut store, &forms, other.client, d(2025, 2, 1), true)
        .expect("draft with suggestions");
    assert!(placed.contract.pending.is_empty());
    let agreements: usize = placed
        .contract
        .parts
        .iter()
        .map(|p| p.agreements.len())
        .sum();
    assert_eq!(agreements, waiting.contract.pending.len());
}

fn agreeing_keeps_the_document_and_makes_the_version_read_only() {
    let mut store = test_store();
    let forms = forms();
    let a = answers("Jan", "Voorbeeld", d(1980, 2, 1), "3");
    let saved =
        intake::save_intake(&mut store, &forms, &a, d(2025, 2, 1), None, false).expect("intake");
    let mut c = contract::draft_contract(&mut store, &forms, saved.client, d(2025, 2, 1), true)
        .expect("draft");
    complete(&mut c.contract);
    let hash = contract::agree(
        &mut store,
        &forms,
        c.id,
        &c.contract,
        d(2025, 2, 4),
        Document::Markdown,
    )
    .expect("agree");
    let stored = store.contract_by_id(c.id).expect("read");
    assert_eq!(stored.contract.status, ContractStatus::Vastgesteld);
    assert_eq!(stored.contract.agreed_on, Some(d(2025, 2, 4)));
    assert_eq!(stored.document_hash.as_deref(), Some(hash.as_str()));
    let document = store
        .contract_document(c.id)
        .expect("read")
        .expect("a document is kept");
    assert!(String::from_utf8_lossy(&document).contains("Voorbeeld"));
    // An agreed version is not edited.
    assert!(contract::save(&mut store, saved.client, c.id, &stored.contract).is_err());
}

fn a_new_version_carries_the_agreed_one_on() {
    let mut store = test_store();
    let forms = forms();
    let a = answers("Jan", "Voorbeeld", d(1980, 2, 1), "3");
    let saved =
        intake::save_intake(&mut store, &forms, &a, d(2025, 2, 1), None, false).expect("intake");
    let client = saved.client;
    let mut c =
        contract::draft_contract(&mut store, &forms, client, d(2025, 2, 1), true).expect("draft");
    c.contract.analysis.doel = "Een baan in de zorg.".into();
    c.contract.consultant_view = "Gemotiveerd.".into();
    complete(&mut c.contract);
    contract::save(&mut store, client, c.id, &c.contract).expect("edit");
    contract::agree(
        &mut store,
        &forms,
        c.id,
        &c.contract,
        d(2025, 2, 1),
        Document::Markdown,
    )
    .expect("agree");

    // No conversation since: the resident's words as edited in the agreed version stay.
    let next = contract::new_version(&mut store, &forms, client, d(2025, 3, 1), false)
        .expect("new version");
    assert_eq!(next.contract.version, 2);
    assert_eq!(next.contract.status, ContractStatus::Concept);
    assert_eq!(next.contract.analysis.doel, "Een baan in de zorg.");
    assert_eq!(next.contract.consultant_view, "Gemotiveerd.");
    assert_eq!(next.contract.parts, c.contract.parts);
    let kept = store.contract_by_id(next.id).expect("read");
    assert_eq!(kept.contract.analysis.doel, "Een baan in de zorg.");

    // After a new conversation its words count.
    contract::agree(
        &mut store,
        &forms,
        next.id,
        &next.contract,
        d(2025, 3, 1),
        Document::Markdown,
    )
    .expect("agree v2");
    service::save_contact(
        &mut store,
        &forms,
        Some(client),
        ContactKind::Checkin,
        &a,
        d(2026, 2, 2),
        None,
    )
    .expect("check-in");
    let third = contract::new_version(&mut store, &forms, client, d(2026, 2, 2), false)
        .expect("third version");
    assert_eq!(third.contract.version, 3);
    assert_eq!(third.contract.analysis.doel, "Werk vinden.");
}

fn exporting_writes_the_latest_version_and_logs_it() {
    use meedoen::export::Format;
    use meedoen::service::export::{self, Destination};
    use meedoen::service::ServiceError;
    let mut store = test_store();
    let forms = forms();
    let a = answers("Jan", "Voorbeeld", d(1980, 2, 1), "3");
    let saved =
        intake::save_intake(&mut store, &forms, &a, d(2025, 2, 1), None, false).expect("intake");
    let client = saved.client;
    let mut out = Vec::new();
    let none = export::contract(
        &mut store,
        &forms,
        client,
        Format::Md,
        Destination::Stream(&mut out),
    );
    assert!(matches!(none, Err(ServiceError::NoContract(c)) if c == client));
    contract::draft_contract(&mut store, &forms, client, d(2025, 2, 1), true).expect("draft");
    export::contract(
        &mut store,
        &forms,
        client,
        Format::Md,
        Destination::Stream(&mut out),
    )
    .expect("export");
    assert!(String::from_utf8_lossy(&out).contains("Voorbeeld"));
    let exports = store
        .access_log(Some(client), 20)
        .expect("log")
        .iter()
        .filter(|e| e.action == "contract_export")
        .count();
    assert_eq!(exports, 1, "only the export that happened is logged");
}

fn a_concept_with_a_gap_is_not_agreed() {
    use meedoen::domain::contract::PartKind;
    use meedoen::service::contract::NotReady;
    use meedoen::service::ServiceError;
    let mut store = test_store();
    let forms = forms();
    let a = answers("Jan", "Voorbeeld", d(1980, 2, 1), "3");
    let saved =
        intake::save_intake(&mut store, &forms, &a, d(2025, 2, 1), None, false).expect("intake");
    // Nothing accepted: every part is empty and says nothing about why.
    let mut c = contract::draft_contract(&mut store, &forms, saved.client, d(2025, 2, 1), false)
        .expect("draft");
    let refused = contract::agree(
        &mut store,
        &forms,
        c.id,
        &c.contract,
        d(2025, 2, 1),
        Document::Markdown,
    );
    assert!(
        matches!(
            refused,
            Err(ServiceError::NotReady(NotReady::EmptyPart(
                PartKind::Sociaal
            )))
        ),
        "{refused:?}"
    );
    assert_eq!(
        store.contract_by_id(c.id).expect("read").contract.status,
        ContractStatus::Concept
    );
    for part in &mut c.contract.parts {
        part.empty_reason = "niet nodig: hier speelt nu niets.".into();
    }
    contract::agree(
        &mut store,
        &forms,
        c.id,
        &c.contract,
        d(2025, 2, 1),
        Document::Markdown,
    )
    .expect("every part says why it is empty");
}

service_on_both!(
    a_draft_with_accepted_suggestions_has_them_in_its_parts,
    agreeing_keeps_the_document_and_makes_the_version_read_only,
    a_new_version_carries_the_agreed_one_on,
    exporting_writes_the_latest_version_and_logs_it,
    a_concept_with_a_gap_is_not_agreed,
);
