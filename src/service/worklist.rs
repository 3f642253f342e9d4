//! The worklist as a use case: who needs a conversation, why, and how many per reason,
//! for the whole team or one consultant's caseload.

use super::ServiceError;
use crate::store::{Store, WorklistCounts, WorklistCursor, WorklistPage, WorklistRow};
use chrono::NaiveDate;

/// The whole worklist on `as_of` (the command line prints all of it).
pub fn all(store: &Store, as_of: NaiveDate) -> Result<Vec<WorklistRow>, ServiceError> {
    Ok(store.worklist(as_of)?)
}

/// Up to `limit` rows after `after` (from the start when `None`), only the residents
/// last seen by `staff` when given ("my caseload"); a screen reads what it shows.
pub fn page(
    store: &Store,
    as_of: NaiveDate,
    staff: Option<&str>,
    after: Option<&WorklistCursor>,
    limit: usize,
) -> Result<WorklistPage, ServiceError> {
    Ok(store.worklist_page_after(as_of, staff, after, limit)?)
}

/// How many residents are on the worklist per reason.
pub fn counts(
    store: &Store,
    as_of: NaiveDate,
    staff: Option<&str>,
) -> Result<WorklistCounts, ServiceError> {
    Ok(store.worklist_counts(as_of, staff)?)
}
