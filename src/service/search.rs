//! Finding a resident: by name, date of birth, BSN or number, accents ignored.

use super::ServiceError;
use crate::store::{ResidentRow, Store};

pub fn residents(
    store: &Store,
    query: &str,
    limit: usize,
) -> Result<Vec<ResidentRow>, ServiceError> {
    Ok(store.search_residents(query, limit)?)
}
