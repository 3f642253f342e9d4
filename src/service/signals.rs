//! Urgent signals as use cases: what is open across the caseload, and handling one with
//! a note of what was done.

use super::ServiceError;
use crate::store::{SignalRow, Store};
use chrono::NaiveDate;

/// Mark a signal handled with what was done (the note is required by the screen).
pub fn handle(store: &mut Store, signal: i64, note: &str) -> Result<(), ServiceError> {
    Ok(store.handle_signal(signal, note)?)
}

/// Open signals in all, and how many of them are past their deadline on `today`.
pub fn open_counts(store: &Store, today: NaiveDate) -> Result<(u64, u64), ServiceError> {
    Ok(store.open_signal_counts(today)?)
}

/// The first `limit` open signals, most urgent first.
pub fn open_top(store: &Store, limit: usize) -> Result<Vec<SignalRow>, ServiceError> {
    Ok(store.open_signals_top(limit)?)
}
