//! Use cases shared by the interface, the CLI and the demo, so that "save an intake" or
//! "draft a contract" means the same everywhere: validate, score, signal, store.

pub mod checkin;
pub mod contract;
pub mod dossier;
pub mod drafts;
pub mod export;
pub mod intake;
pub mod inzage;
pub mod outflow;
pub mod report;
pub mod search;
pub mod signals;
pub mod worklist;

pub use contract::draft_contract;

use crate::domain::ladder::{self, LadderScore};
use crate::domain::resident::{ClientId, ContactKind};
use crate::domain::signals::FiredSignal;
use crate::domain::{Answers, Facts, Lang, Value};
use crate::forms::validate::{validate_all, visible_answers};
use crate::forms::{FieldError, Forms};
use crate::store::{ContactId, Measurement, NewContact, NewResident, Store, StoreError};
use chrono::NaiveDate;

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
    /// A new intake for someone who has a dossier already (the number only: no personal
    /// data in messages).
    #[error("{}", known_sentence(.0))]
    Known(intake::Known),
    /// A check-in that would give this resident the BSN of another one.
    #[error("Er is al een inwoner met dit BSN (nummer {other}); één BSN hoort bij één dossier, er is niets opgeslagen.")]
    BsnOfAnother { other: ClientId, client: ClientId },
    /// An export asked for a contract the resident does not have yet.
    #[error("Inwoner {0} heeft nog geen overeenkomst.")]
    NoContract(ClientId),
    /// Writing to the output stream failed.
    #[error("Schrijffout: {0}")]
    Output(std::io::Error),
    /// A concept with a gap cannot be agreed (see `contract::ready_to_agree`).
    #[error("{}", not_ready_sentence(.0))]
    NotReady(contract::NotReady),
    /// The contract's document could not be made (its own sentence).
    #[error(transparent)]
    Export(#[from] crate::export::ExportError),
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

fn not_ready_sentence(n: &contract::NotReady) -> String {
    match n {
        contract::NotReady::EmptyPart(k) => format!(
            "Het deel {} heeft geen afspraken; schrijf waarom het leeg blijft of voeg een afspraak toe.",
            k.as_str()
        ),
        contract::NotReady::EmptyAgreement(k, i) => format!(
            "Afspraak {} in het deel {} zegt nog niet wat er is afgesproken.",
            i + 1,
            k.as_str()
        ),
    }
}

fn known_sentence(k: &intake::Known) -> String {
    match k.likeness {
        intake::Likeness::Bsn => format!(
            "Er is al een inwoner met dit BSN (nummer {}); één BSN hoort bij één dossier, er is niets opgeslagen.",
            k.client
        ),
        intake::Likeness::Name => format!(
            "Er is al een inwoner met deze achternaam en geboortedatum (nummer {}); er is niets opgeslagen.",
            k.client
        ),
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
    let signals = crate::domain::signals::evaluate(&forms.signals, &facts, &forms.holidays);
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
    let identity = resident_from_answers(&assessed.answers);
    let (client, contact) = store
        .bulk(|store| {
            let who = match client {
                Some(id) => {
                    // In this transaction: a colleague who opens the dossier now waits for it.
                    store.refuse_if_locked(id)?;
                    Who::Known(id, Some(&identity))
                }
                None => Who::New(&identity),
            };
            record_contact(store, forms, who, kind, &assessed, date, chosen)
        })
        .map_err(|e| match (e, client) {
            (StoreError::BsnInUse(other), Some(id)) => {
                ServiceError::BsnOfAnother { other, client: id }
            }
            (e, _) => ServiceError::Store(e),
        })?;
    Ok(Saved {
        client,
        contact,
        assessed,
    })
}

/// Whose contact is written.
#[derive(Debug, Clone, Copy)]
pub enum Who<'a> {
    /// A new resident with this identity.
    New(&'a NewResident),
    /// A known resident; the identity as recorded now, when it may have changed.
    Known(ClientId, Option<&'a NewResident>),
}

/// Write a contact whose answers were assessed already (by `assess`), with its
/// measurement and signals: the one place that turns an assessment into stored rows, for
/// `save_contact` and for the demo's many residents (validated once, in another thread).
/// Runs inside the caller's transaction.
pub fn record_contact(
    store: &mut Store,
    forms: &Forms,
    who: Who<'_>,
    kind: ContactKind,
    assessed: &Assessed,
    date: NaiveDate,
    chosen: Option<&RungOverride>,
) -> Result<(ClientId, ContactId), StoreError> {
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
    let client = match who {
        Who::New(identity) => store.create_resident(identity)?,
        Who::Known(id, Some(identity)) => {
            store.update_resident(id, identity)?;
            id
        }
        Who::Known(id, None) => id,
    };
    let form = &forms.intake;
    let contact = store.save_contact(&NewContact {
        client,
        date,
        kind,
        form_id: &form.id,
        form_version: form.version,
        form_hash: &form.hash,
        form_source: &form.source,
        answers: &assessed.answers,
        measurement: Some(measurement),
        signals: &assessed.signals,
    })?;
    Ok((client, contact))
}

/// One transaction for a large batch (the demo): on a file nobody else has open it is
/// written once and synced once (`bulk_load`); a database another connection has open
/// gets one ordinary transaction. Any error rolls all of it back.
pub fn batch<T>(
    store: &mut Store,
    mut body: impl FnMut(&mut Store) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    match store.bulk_load(&mut body) {
        Err(StoreError::Busy) => store.bulk(&mut body),
        other => other,
    }
}
