//! Uitstroom as a use case: a resident leaves benefits (with a reason and a date), or is
//! made active again.

use super::ServiceError;
use crate::domain::resident::ClientId;
use crate::store::Store;
use chrono::NaiveDate;

/// What the consultant records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outflow<'a> {
    /// Left benefits: `werk`, `verhuisd` or `overig`, on `date`.
    Left { reason: &'a str, date: NaiveDate },
    /// Back to active (an outflow recorded by mistake, or a return).
    Active,
}

pub fn record(
    store: &mut Store,
    client: ClientId,
    outflow: Outflow<'_>,
) -> Result<(), ServiceError> {
    match outflow {
        Outflow::Left { reason, date } => store.set_outflow(client, Some(reason), Some(date))?,
        Outflow::Active => store.set_outflow(client, None, None)?,
    }
    Ok(())
}
