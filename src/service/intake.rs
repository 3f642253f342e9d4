//! The intake as a use case: what is already known is not asked again (the identity
//! prefill), and one BSN is one dossier (a known BSN, or a probable same person, stops a
//! new intake before anything is written).

use super::{resident_from_answers, save_contact, RungOverride, Saved, ServiceError};
use crate::domain::resident::{ClientId, ContactKind, Resident};
use crate::domain::{Answers, Value};
use crate::forms::Forms;
use crate::store::{NewResident, Store};
use chrono::NaiveDate;

/// Why a new intake looks like an existing resident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Likeness {
    /// The BSN is that of the resident: one BSN is one dossier, saving is not offered.
    Bsn,
    /// Same surname and date of birth, different or no BSN: probably the same person.
    Name,
}

/// An existing resident a new intake resembles.
#[derive(Debug, Clone, PartialEq)]
pub struct Known {
    pub likeness: Likeness,
    pub client: ClientId,
    pub first_names: String,
    pub surname: String,
    pub birth_date: Option<NaiveDate>,
    /// How many other residents match as well (surname and date of birth only).
    pub others: usize,
}

/// At a conversation with a known resident the identity comes from the dossier: what the
/// answers leave out is filled in, so a check-in without a BSN does not erase the known
/// one (art. 53a: do not ask again what is known).
pub fn prefill_identity(answers: &mut Answers, known: &Resident) {
    let mut fill = |id: &str, value: Option<Value>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            answers.entry(id.to_string()).or_insert(v);
        }
    };
    let text = |s: &str| (!s.trim().is_empty()).then(|| Value::Text(s.to_string()));
    fill("persoon.voornamen", text(&known.first_names));
    fill("persoon.achternaam", text(&known.surname));
    fill("persoon.geboortedatum", known.birth_date.map(Value::Date));
    fill("persoon.bsn", known.bsn.as_deref().and_then(text));
    fill("persoon.telefoon", text(&known.phone));
    fill("persoon.email", text(&known.email));
}

/// The resident a new intake would duplicate: the one with its BSN, else (with
/// `names_too`) the first with the same surname and date of birth. Reads without
/// logging an access: nobody has opened a dossier yet.
pub fn find_known(
    store: &Store,
    identity: &NewResident,
    names_too: bool,
) -> Result<Option<Known>, ServiceError> {
    if let Some(bsn) = identity.bsn.as_deref() {
        if let Some(id) = store.resident_with_bsn(bsn)? {
            let r = store.resident(id)?;
            return Ok(Some(Known {
                likeness: Likeness::Bsn,
                client: id,
                first_names: r.first_names,
                surname: r.surname,
                birth_date: r.birth_date,
                others: 0,
            }));
        }
    }
    let (Some(born), true) = (
        identity.birth_date,
        names_too && !identity.surname.is_empty(),
    ) else {
        return Ok(None);
    };
    let found = store.residents_named(&identity.surname, born)?;
    let others = found.len().saturating_sub(1);
    Ok(found.into_iter().next().map(|r| Known {
        likeness: Likeness::Name,
        client: r.id,
        first_names: r.first_names,
        surname: r.surname,
        birth_date: r.birth_date,
        others,
    }))
}

/// Save a new intake (creating the resident): refused with `ServiceError::Known` when the
/// BSN is a known resident's, or, unless `names_confirmed`, when a resident with the same
/// surname and date of birth exists. The check and the writes are one transaction, so a
/// colleague saving the same BSN at the same moment cannot slip in between.
pub fn save_intake(
    store: &mut Store,
    forms: &Forms,
    answers: &Answers,
    date: NaiveDate,
    rung_override: Option<RungOverride>,
    names_confirmed: bool,
) -> Result<Saved, ServiceError> {
    let identity = resident_from_answers(answers);
    store.transaction(|store| {
        if let Some(known) = find_known(store, &identity, !names_confirmed)? {
            return Err(ServiceError::Known(known));
        }
        save_contact(
            store,
            forms,
            None,
            ContactKind::Intake,
            answers,
            date,
            rung_override,
        )
    })
}

/// What a new conversation with a known resident starts with.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Prefill {
    /// The latest conversation's answers with the identity from the dossier.
    pub answers: Answers,
    /// Last time's `verwachting.*`: proposed again on the ladder screen while still
    /// ahead, never prefilled (the expectation is set with the new score in view).
    pub previous_expectation: Answers,
}

/// The answers a new conversation with `known` starts from.
pub fn prefill(store: &Store, known: &Resident) -> Result<Prefill, ServiceError> {
    let mut answers = store
        .latest_contact(known.id)?
        .map(|c| c.answers)
        .unwrap_or_default();
    let previous_expectation: Answers = answers
        .iter()
        .filter(|(k, _)| k.starts_with("verwachting."))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    answers.retain(|k, _| !k.starts_with("verwachting."));
    prefill_identity(&mut answers, known);
    Ok(Prefill {
        answers,
        previous_expectation,
    })
}
