//! The contract's life as use cases: draft a concept, edit it, agree it (keeping the
//! document), and start the next version from an agreed one.

use super::{expectation, text, ServiceError};
use crate::domain::contract::{
    self, Contract, ContractHeader, ContractStatus, LadderSummary, PartKind, ResidentAnalysis,
};
use crate::domain::resident::ClientId;
use crate::domain::Lang;
use crate::export;
use crate::forms::Forms;
use crate::store::{Store, StoredContract};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The open (concept) contract of a resident, or a new concept drafted from the latest
/// contact: a new version of the last agreed one if there is one, otherwise a fresh
/// contract with the suggestions pending. With `accept_suggestions` the pending
/// suggestions are placed in their parts (what the CLI's `contract draft` does).
///
/// Refused (`StoreError::Locked`) while a colleague has the dossier open; checked in the
/// same transaction as the writes.
pub fn draft_contract(
    store: &mut Store,
    forms: &Forms,
    client: ClientId,
    today: NaiveDate,
    accept_suggestions: bool,
) -> Result<StoredContract, ServiceError> {
    store.transaction(|store| {
        store.refuse_if_locked(client)?;
        draft_unlocked(store, forms, client, today, accept_suggestions)
    })
}

fn draft_unlocked(
    store: &mut Store,
    forms: &Forms,
    client: ClientId,
    today: NaiveDate,
    accept_suggestions: bool,
) -> Result<StoredContract, ServiceError> {
    // An open concept is returned as it is; an agreed version is what the new one
    // starts from (read once: a contract is a few kilobytes of JSON).
    let previous = match store.latest_contract(client)? {
        Some(existing) if existing.contract.status == ContractStatus::Concept => {
            return Ok(existing)
        }
        other => other,
    };
    let latest = store
        .latest_contact(client)?
        .ok_or(ServiceError::NoIntake)?;
    let resident = store.open_resident(client)?;
    let answers = latest.answers;
    let measurements = store.measurements(client)?;
    let last = measurements.iter().max_by_key(|m| m.date);
    let current = last.map_or(1, |m| m.chosen);
    let explanation = last.map(|m| m.explanation.clone()).unwrap_or_default();
    let (expected_answer, horizon_answer) = expectation(&answers);
    let expected = last
        .and_then(|m| m.expected)
        .or(expected_answer)
        .unwrap_or(current);
    let horizon = last
        .and_then(|m| m.horizon_months)
        .or(horizon_answer)
        .unwrap_or(12);
    let rung_name = |n: u8| {
        forms
            .ladder
            .rung(n)
            .map(|r| r.resident_name().get(Lang::Nl).to_string())
            .unwrap_or_default()
    };

    // Each open signal counts as the fact `signaal.<kind>` through its deadline.
    let mut deadlines = BTreeMap::new();
    for s in store.signals_of(client)? {
        if s.handled.is_none() {
            deadlines.insert(s.kind, s.deadline);
        }
    }
    let facts = contract::suggestion_facts(&answers, today, current, expected, &[]);
    let suggestions = contract::suggest(&forms.suggestions, &facts, &deadlines);

    let texts = forms.contract_texts.on(today);
    let mut contract = Contract::draft(
        today,
        ContractHeader {
            municipality: texts.municipality.clone(),
            resident_name: format!("{} {}", resident.first_names, resident.surname)
                .trim()
                .to_string(),
            birth_date: resident.birth_date,
            bsn: resident.bsn.clone(),
            consultant: store.staff().to_string(),
        },
        ResidentAnalysis {
            doel: text(&answers, "regie.doel"),
            nodig: text(&answers, "regie.nodig"),
            zelf: text(&answers, "regie.zelf"),
        },
        LadderSummary {
            current,
            current_name: rung_name(current),
            explanation,
            expected,
            expected_name: rung_name(expected),
            horizon_months: horizon,
        },
        texts.obligations.clone(),
        texts.evaluation_months,
        suggestions,
    );
    if let Some(prev) = previous {
        contract.version = prev.contract.version + 1;
        if prev.contract.status == ContractStatus::Vastgesteld {
            // A new version starts from the agreed one: same parts and agreements, so that
            // the evaluation at the check-in can continue on them.
            contract.parts = prev.contract.parts.clone();
            contract.consultant_view = prev.contract.consultant_view.clone();
            let existing: Vec<String> = contract
                .parts
                .iter()
                .flat_map(|p| p.agreements.iter().filter_map(|a| a.source.clone()))
                .collect();
            contract.pending.retain(|s| !existing.contains(&s.rule));
        }
    }
    if accept_suggestions {
        while contract.accept_suggestion(0) {}
    }
    let id = store.save_contract(client, None, &contract)?;
    Ok(StoredContract {
        id,
        client,
        contract,
        document_hash: None,
    })
}

/// The next version of an agreed contract (or the first concept when there is none): as
/// `draft_contract`, and the resident's words as edited in the agreed version are kept
/// unless a conversation since then recorded new ones.
pub fn new_version(
    store: &mut Store,
    forms: &Forms,
    client: ClientId,
    today: NaiveDate,
    accept_suggestions: bool,
) -> Result<StoredContract, ServiceError> {
    store.transaction(|store| {
        store.refuse_if_locked(client)?;
        let previous = store
            .latest_contract(client)?
            .filter(|p| p.contract.status == ContractStatus::Vastgesteld);
        let mut stored = draft_unlocked(store, forms, client, today, accept_suggestions)?;
        let Some(previous) = previous else {
            return Ok(stored);
        };
        let newer_talk = matches!(
            store.latest_contact(client)?,
            Some(c) if c.summary.date > previous.contract.date
        );
        if !newer_talk && stored.contract.analysis != previous.contract.analysis {
            stored.contract.analysis = previous.contract.analysis;
            store.save_contract(client, Some(stored.id), &stored.contract)?;
        }
        Ok(stored)
    })
}

/// Keep an edited concept (an agreed version is refused by the store: it is read-only).
pub fn save(
    store: &mut Store,
    client: ClientId,
    id: i64,
    contract: &Contract,
) -> Result<i64, ServiceError> {
    Ok(store.save_contract(client, Some(id), contract)?)
}

/// Which document is kept with an agreed contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// The PDF the resident signs (the interface).
    Pdf,
    /// The Markdown rendering: the demo's many contracts, where 100,000 PDFs would make
    /// it slow; a PDF is made from the same model when printed.
    Markdown,
}

/// What stands in the way of agreeing a concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotReady {
    /// A part with neither agreements nor a reason why it stays empty.
    EmptyPart(PartKind),
    /// An agreement (index in its part) without a description.
    EmptyAgreement(PartKind, usize),
}

/// A concept can be agreed when every part has agreements or a reason why it stays
/// empty, and every agreement says what is agreed; the first problem in part order.
pub fn ready_to_agree(contract: &Contract) -> Result<(), NotReady> {
    for kind in PartKind::ALL {
        let Some(p) = contract.part(kind) else {
            continue;
        };
        if p.agreements.is_empty() && p.empty_reason.trim().is_empty() {
            return Err(NotReady::EmptyPart(kind));
        }
        if let Some(i) = p.agreements.iter().position(|a| a.what.trim().is_empty()) {
            return Err(NotReady::EmptyAgreement(kind, i));
        }
    }
    Ok(())
}

/// Vaststellen: render `contract` as agreed on `on`, keep the document with its hash; the
/// version is read-only from then on. Returns the SHA-256 (hex) of the document. Refused
/// with `ServiceError::NotReady` while `ready_to_agree` finds a gap.
pub fn agree(
    store: &mut Store,
    forms: &Forms,
    id: i64,
    contract: &Contract,
    on: NaiveDate,
    document: Document,
) -> Result<String, ServiceError> {
    ready_to_agree(contract).map_err(ServiceError::NotReady)?;
    let mut doc = contract.clone();
    doc.status = ContractStatus::Vastgesteld;
    doc.agreed_on = Some(on);
    let texts = forms.contract_texts.on(doc.date);
    let bytes = match document {
        Document::Pdf => export::render_pdf(&doc, texts)?,
        Document::Markdown => export::render_markdown(&doc, texts).into_bytes(),
    };
    Ok(store.agree_contract(id, on, &bytes)?)
}

/// The newest version of a resident's contract, if any.
pub fn latest(store: &Store, client: ClientId) -> Result<Option<StoredContract>, ServiceError> {
    Ok(store.latest_contract(client)?)
}

/// Every version of a resident's contract.
pub fn versions(store: &Store, client: ClientId) -> Result<Vec<StoredContract>, ServiceError> {
    Ok(store.contracts_of(client)?)
}

/// One version by its number.
pub fn by_id(store: &Store, id: i64) -> Result<StoredContract, ServiceError> {
    Ok(store.contract_by_id(id)?)
}
