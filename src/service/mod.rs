//! Use cases shared by the interface, the CLI and the demo, so that "save an intake" or
//! "draft a contract" means the same everywhere: validate, score, signal, store.

pub mod checkin;

use crate::domain::contract::{
    self, Contract, ContractHeader, ContractPart, ContractStatus, LadderSummary, PartKind,
    ResidentAnalysis,
};
use crate::domain::ladder::{self, LadderScore};
use crate::domain::signals::{self, FiredSignal};
use crate::domain::{Answers, Facts, Lang, Value};
use crate::forms::validate::{validate_all, visible_answers};
use crate::forms::{FieldError, Forms};
use crate::store::{
    ClientId, ContactId, ContactKind, Measurement, NewContact, NewResident, Store, StoreError,
    StoredContract,
};
use chrono::{Months, NaiveDate};
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("De antwoorden zijn niet volledig of niet juist ({} punten).", .0.len())]
    Invalid(Vec<FieldError>),
    #[error("Een andere trede dan de berekende kan alleen met een toelichting.")]
    OverrideNeedsReason,
    #[error("Er is nog geen intake voor deze inwoner; een overeenkomst begint bij een intake.")]
    NoIntake,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ServiceError {
    /// Every line to show a user: the sentence, then one line per invalid answer.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        match self {
            ServiceError::Invalid(errors) => errors
                .iter()
                .map(|e| format!("{}: {}", e.question, e.message(lang)))
                .collect(),
            other => vec![other.to_string()],
        }
    }
}

/// Answers that passed validation, with what follows from them.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessed {
    /// Only the answers to visible questions (data minimisation).
    pub answers: Answers,
    pub score: LadderScore,
    pub signals: Vec<FiredSignal>,
}

/// Validate exactly as the form does, then score the ladder and compute the signals for a
/// contact on `date`.
pub fn assess(forms: &Forms, answers: &Answers, date: NaiveDate) -> Result<Assessed, ServiceError> {
    let visible = visible_answers(&forms.intake, answers, date);
    let errors = validate_all(&forms.intake, &visible, date);
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let score = ladder::score(&visible, &forms.ladder_settings);
    let facts = Facts::new(&visible, date);
    let signals = signals::evaluate(&forms.signals, &facts, &forms.holidays);
    Ok(Assessed {
        answers: visible,
        score,
        signals,
    })
}

fn text(answers: &Answers, id: &str) -> String {
    match answers.get(id) {
        Some(Value::Text(s)) => s.trim().to_string(),
        _ => String::new(),
    }
}

/// The identity of a resident as recorded in the `persoon.*` answers.
pub fn resident_from_answers(answers: &Answers) -> NewResident {
    NewResident {
        first_names: text(answers, "persoon.voornamen"),
        surname: text(answers, "persoon.achternaam"),
        birth_date: match answers.get("persoon.geboortedatum") {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        },
        bsn: Some(text(answers, "persoon.bsn")).filter(|s| !s.is_empty()),
        phone: text(answers, "persoon.telefoon"),
        email: text(answers, "persoon.email"),
    }
}

/// The expected rung and horizon set on the ladder screen (`verwachting.*`).
pub fn expectation(answers: &Answers) -> (Option<u8>, Option<u32>) {
    let rung = match answers.get("verwachting.trede") {
        Some(Value::Choice(s)) => s.trim().parse::<u8>().ok().filter(|r| (1..=6).contains(r)),
        Some(Value::Int(i)) => u8::try_from(*i).ok().filter(|r| (1..=6).contains(r)),
        _ => None,
    };
    let horizon = match answers.get("verwachting.termijn_maanden") {
        Some(Value::Int(i)) => u32::try_from(*i).ok(),
        _ => None,
    };
    (rung, horizon)
}

/// The consultant's choice of rung when it differs from the computed one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RungOverride {
    pub rung: u8,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub client: ClientId,
    pub contact: ContactId,
    pub assessed: Assessed,
}

/// Save an intake (no `client`: creates the resident) or a check-in (`client` given):
/// validates, scores, computes signals, stores it all in one transaction.
pub fn save_contact(
    store: &mut Store,
    forms: &Forms,
    client: Option<ClientId>,
    kind: ContactKind,
    answers: &Answers,
    date: NaiveDate,
    rung_override: Option<RungOverride>,
) -> Result<Saved, ServiceError> {
    let assessed = assess(forms, answers, date)?;
    let chosen = match &rung_override {
        Some(o) if o.rung != assessed.score.rung => {
            if o.reason.trim().is_empty() {
                return Err(ServiceError::OverrideNeedsReason);
            }
            Some(o)
        }
        _ => None,
    };
    let (expected, horizon) = expectation(&assessed.answers);
    let measurement = Measurement {
        date,
        computed: assessed.score.rung,
        explanation: assessed.score.explanation.clone(),
        chosen: chosen.map_or(assessed.score.rung, |o| o.rung),
        override_reason: chosen.map(|o| o.reason.trim().to_string()),
        expected,
        horizon_months: horizon,
    };
    let identity = resident_from_answers(&assessed.answers);
    let form = &forms.intake;
    let signals = assessed.signals.clone();
    let answers_visible = assessed.answers.clone();
    let (client, contact) = store.bulk(|store| {
        let client = match client {
            Some(id) => {
                // In this transaction: a colleague who opens the dossier now waits for it.
                store.refuse_if_locked(id)?;
                store.update_resident(id, &identity)?;
                id
            }
            None => store.create_resident(&identity)?,
        };
        let contact = store.save_contact(&NewContact {
            client,
            date,
            kind,
            form_id: &form.id,
            form_version: form.version,
            form_hash: &form.hash,
            form_source: &form.source,
            answers: &answers_visible,
            measurement: Some(measurement),
            signals: &signals,
        })?;
        Ok((client, contact))
    })?;
    Ok(Saved {
        client,
        contact,
        assessed,
    })
}

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

    let open: Vec<_> = store
        .signals_of(client)?
        .into_iter()
        .filter(|s| s.handled.is_none())
        .collect();
    let mut deadlines = BTreeMap::new();
    for s in &open {
        deadlines.insert(s.kind.clone(), s.deadline);
    }
    let mut facts = Facts::new(&answers, today)
        .with("ladder.trede", Value::Int(i64::from(current)))
        .with("verwachting.trede", Value::Int(i64::from(expected)));
    for s in &open {
        facts = facts.with(&format!("signaal.{}", s.kind), Value::Bool(true));
    }
    let suggestions = contract::suggest(&forms.suggestions, &facts, &deadlines);

    let texts = forms.contract_texts.on(today);
    let months = texts.evaluation_months.clamp(1, 12);
    let next_evaluation = today
        .checked_add_months(Months::new(months))
        .unwrap_or(today);
    let mut contract = Contract {
        version: previous.as_ref().map_or(1, |p| p.contract.version + 1),
        status: ContractStatus::Concept,
        date: today,
        agreed_on: None,
        header: ContractHeader {
            municipality: texts.municipality.clone(),
            resident_name: format!("{} {}", resident.first_names, resident.surname)
                .trim()
                .to_string(),
            birth_date: resident.birth_date,
            bsn: resident.bsn.clone(),
            consultant: store.staff().to_string(),
        },
        analysis: ResidentAnalysis {
            doel: text(&answers, "regie.doel"),
            nodig: text(&answers, "regie.nodig"),
            zelf: text(&answers, "regie.zelf"),
        },
        consultant_view: String::new(),
        ladder: LadderSummary {
            current,
            current_name: rung_name(current),
            explanation,
            expected,
            expected_name: rung_name(expected),
            horizon_months: horizon,
        },
        parts: PartKind::ALL
            .iter()
            .map(|&kind| ContractPart {
                kind,
                goal: String::new(),
                agreements: Vec::new(),
                support: String::new(),
                empty_reason: String::new(),
            })
            .collect(),
        obligations: texts.obligations.clone(),
        next_evaluation,
        pending: suggestions,
    };
    if let Some(prev) = previous.filter(|p| p.contract.status == ContractStatus::Vastgesteld) {
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
    if accept_suggestions {
        for s in std::mem::take(&mut contract.pending) {
            if let Some(part) = contract.parts.iter_mut().find(|p| p.kind == s.part) {
                part.agreements.push(s.agreement);
            }
        }
    }
    let id = store.save_contract(client, None, &contract)?;
    Ok(StoredContract {
        id,
        client,
        contract,
        document_hash: None,
    })
}
