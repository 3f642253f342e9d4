//! Drafts as use cases: what is being typed is kept every second, continued later, and
//! dropped once the conversation is saved.

use super::ServiceError;
use crate::domain::resident::ClientId;
use crate::store::{Draft, DraftKind, Store};

/// Keep (or update, with `id`) a draft; returns its number.
pub fn keep(
    store: &mut Store,
    id: Option<i64>,
    client: Option<ClientId>,
    kind: DraftKind,
    label: &str,
    payload: &str,
) -> Result<i64, ServiceError> {
    Ok(store.save_draft(id, client, kind, label, payload)?)
}

/// Drop one draft (its conversation was saved).
pub fn discard(store: &mut Store, id: i64) -> Result<(), ServiceError> {
    Ok(store.delete_draft(id)?)
}

/// Drop every draft of one kind of a resident (a saved check-in ends them all).
pub fn discard_all_of(
    store: &mut Store,
    client: ClientId,
    kind: DraftKind,
) -> Result<(), ServiceError> {
    Ok(store.delete_drafts_of(client, kind)?)
}

/// Drafts of intakes of residents not yet created: continued from the start screen.
pub fn orphans(store: &Store) -> Result<Vec<Draft>, ServiceError> {
    Ok(store.orphan_drafts()?)
}
