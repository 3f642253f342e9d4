//! Opening and closing a dossier as use cases: the access is logged and the edit lock
//! taken on opening, kept alive while it is open, and given back on closing.

use super::ServiceError;
use crate::domain::resident::{ClientId, Resident};
use crate::store::{
    ContactSummary, ContractSummary, Draft, DraftKind, Lock, Measurement, SignalRow, Store,
};

/// What a dossier shows besides the resident.
#[derive(Debug, Clone, PartialEq)]
pub struct Contents {
    /// Newest first.
    pub contacts: Vec<ContactSummary>,
    /// Oldest first, as the ladder chart reads.
    pub measurements: Vec<Measurement>,
    /// Open signals, by deadline, then severity.
    pub open_signals: Vec<SignalRow>,
    /// The newest contract version, in brief.
    pub contract: Option<ContractSummary>,
    /// A conversation waiting to be continued (a check-in before an intake).
    pub draft: Option<Draft>,
}

/// Open a dossier: the access is logged and the edit lock tried (`Lock::HeldBy` when a
/// colleague has it open: the dossier is then read-only).
pub fn open(store: &mut Store, client: ClientId) -> Result<(Resident, Lock), ServiceError> {
    let resident = store.open_resident(client)?;
    let lock = store.lock_resident(client)?;
    Ok((resident, lock))
}

/// Everything shown in an opened dossier, read again after each change.
pub fn contents(store: &Store, client: ClientId) -> Result<Contents, ServiceError> {
    let mut contacts = store.contacts(client)?;
    contacts.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
    let mut measurements = store.measurements(client)?;
    measurements.sort_by_key(|m| m.date);
    let mut open_signals: Vec<SignalRow> = store
        .signals_of(client)?
        .into_iter()
        .filter(|s| s.handled.is_none())
        .collect();
    open_signals.sort_by_key(|s| (s.deadline, s.severity, s.id));
    let contract = store.contract_summary(client)?;
    let draft = match store.draft_for(client, DraftKind::Checkin)? {
        Some(d) => Some(d),
        None => store.draft_for(client, DraftKind::Intake)?,
    };
    Ok(Contents {
        contacts,
        measurements,
        open_signals,
        contract,
        draft,
    })
}

/// The heartbeat of an open dossier's lock: `Some(Lock::Acquired)` while it is still
/// this workstation's, else who has it now (`None`: nobody, it expired).
pub fn keep_open(store: &mut Store, client: ClientId) -> Result<Option<Lock>, ServiceError> {
    Ok(store.refresh_lock(client)?)
}

/// Close a dossier: the edit lock is given back.
pub fn close(store: &mut Store, client: ClientId) -> Result<(), ServiceError> {
    Ok(store.unlock_resident(client)?)
}

/// A command that is about to write to a dossier without showing it: refused while a
/// colleague has it open (checked before the access is logged, and again by the write in
/// its own transaction), then read with the access logged. An unknown number is said as
/// such.
pub fn open_for_command(store: &mut Store, client: ClientId) -> Result<Resident, ServiceError> {
    store.refuse_if_locked(client)?;
    Ok(store.open_resident(client)?)
}
