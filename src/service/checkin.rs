//! The check-in as a use case: what is evaluated (the open agreements of the latest
//! contract), and saving the conversation with that evaluation in one transaction.

use super::{save_contact, RungOverride, Saved, ServiceError};
use crate::domain::contract::{AgreementStatus, ContractStatus, PartKind};
use crate::domain::resident::{ClientId, ContactKind};
use crate::domain::Answers;
use crate::forms::Forms;
use crate::store::Store;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// Which check-in this is; stored as the contact's kind (see `Conversation::contact_kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Conversation {
    /// The contact of the calendar year.
    #[default]
    Jaargesprek,
    /// A further conversation in the same year, usually about the contract.
    Voortgangsgesprek,
}

impl Conversation {
    pub const ALL: [Conversation; 2] = [Conversation::Jaargesprek, Conversation::Voortgangsgesprek];

    /// The kind the contact is saved with.
    pub fn contact_kind(self) -> ContactKind {
        match self {
            Conversation::Jaargesprek => ContactKind::Checkin,
            Conversation::Voortgangsgesprek => ContactKind::Voortgang,
        }
    }
}

/// The contract whose agreements are evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractRef {
    pub id: i64,
    pub version: u32,
    pub agreed: bool,
    pub next_evaluation: NaiveDate,
}

/// One open agreement being evaluated, with where it sits in the contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvalItem {
    pub part: PartKind,
    pub index: usize,
    pub what: String,
    pub who: String,
    pub due: Option<NaiveDate>,
    pub status: AgreementStatus,
    pub note: String,
}

/// What is evaluated at a check-in, as filled in so far. The focused field travels with
/// it because the whole is kept in the check-in's draft (its serialised form is that
/// draft's format), so a continued draft reopens where it was left.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Evaluation {
    pub conversation: Conversation,
    pub contract: Option<ContractRef>,
    pub items: Vec<EvalItem>,
    /// 0 is the kind of conversation; then per agreement its status and its note.
    #[serde(default)]
    pub field: usize,
    #[serde(skip)]
    pub cursor: usize,
}

impl Evaluation {
    /// The open agreements of the latest contract, and a kind of conversation that fits:
    /// a jaargesprek when the resident was not yet seen this calendar year.
    pub fn load(
        store: &Store,
        client: ClientId,
        today: NaiveDate,
    ) -> Result<Evaluation, ServiceError> {
        let seen_this_year = store
            .contacts(client)?
            .iter()
            .any(|c| c.date.year() == today.year() && c.date <= today);
        let conversation = if seen_this_year {
            Conversation::Voortgangsgesprek
        } else {
            Conversation::Jaargesprek
        };
        let mut ev = Evaluation {
            conversation,
            ..Evaluation::default()
        };
        if let Some(stored) = store.latest_contract(client)? {
            let c = &stored.contract;
            ev.contract = Some(ContractRef {
                id: stored.id,
                version: c.version,
                agreed: c.status == ContractStatus::Vastgesteld,
                next_evaluation: c.next_evaluation,
            });
            for part in &c.parts {
                for (index, a) in part.agreements.iter().enumerate() {
                    if a.status == AgreementStatus::Open {
                        ev.items.push(EvalItem {
                            part: part.kind,
                            index,
                            what: a.what.clone(),
                            who: a.who.clone(),
                            due: a.due,
                            status: a.status,
                            note: a.note.clone(),
                        });
                    }
                }
            }
        }
        Ok(ev)
    }
}

/// Save a check-in: the contact of the evaluation's kind (jaargesprek or
/// voortgangsgesprek) with its measurement and signals, and the evaluation in the
/// contract, all in one transaction; a refusal (invalid answers, an override without a
/// reason, a colleague's lock) keeps nothing.
pub fn save_checkin(
    store: &mut Store,
    forms: &Forms,
    client: ClientId,
    answers: &Answers,
    today: NaiveDate,
    rung_override: Option<RungOverride>,
    evaluation: &Evaluation,
) -> Result<Saved, ServiceError> {
    let kind = evaluation.conversation.contact_kind();
    store.transaction(|store| {
        let saved = save_contact(
            store,
            forms,
            Some(client),
            kind,
            answers,
            today,
            rung_override,
        )?;
        record(store, forms, client, today, evaluation)?;
        Ok(saved)
    })
}

/// Put the evaluation into the contract, inside the check-in's transaction. A concept is
/// updated in place; a vastgesteld contract is read-only, so the evaluation starts its next
/// version (drafted from the check-in just saved: the new rung, the same parts with their
/// statuses and notes). Without a contract there is nothing to record.
fn record(
    store: &mut Store,
    forms: &Forms,
    client: ClientId,
    today: NaiveDate,
    ev: &Evaluation,
) -> Result<Option<i64>, ServiceError> {
    if ev.contract.is_none() {
        return Ok(None);
    }
    let stored = super::draft_contract(store, forms, client, today, false)?;
    let mut c = stored.contract;
    for item in &ev.items {
        let Some(part) = c.parts.iter_mut().find(|p| p.kind == item.part) else {
            continue;
        };
        // The same place, unless the contract changed meanwhile: then the same text.
        let at = match part.agreements.get(item.index) {
            Some(a) if a.what == item.what => Some(item.index),
            _ => part
                .agreements
                .iter()
                .position(|a| a.what == item.what && a.status == AgreementStatus::Open),
        };
        if let Some(a) = at.and_then(|i| part.agreements.get_mut(i)) {
            a.status = item.status;
            a.note = item.note.trim().to_string();
        }
    }
    if c.next_evaluation <= today {
        let months = forms
            .contract_texts
            .on(today)
            .evaluation_months
            .clamp(1, 12);
        c.next_evaluation = today
            .checked_add_months(Months::new(months))
            .unwrap_or(today);
    }
    let id = store.save_contract(client, Some(stored.id), &c)?;
    Ok(Some(id))
}
