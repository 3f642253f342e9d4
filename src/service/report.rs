//! The council report as a use case: the caseload's figures on a date.

use super::ServiceError;
use crate::store::{Report, Store};
use chrono::NaiveDate;

pub fn report(store: &Store, as_of: NaiveDate) -> Result<Report, ServiceError> {
    Ok(store.report(as_of)?)
}
