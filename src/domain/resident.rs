//! A resident as the use cases see them: identity, status and the kinds of contact, with
//! no storage behind them (the store and every front end share these types).

use chrono::{NaiveDate, NaiveDateTime};

/// The number of a resident's dossier.
pub type ClientId = i64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactKind {
    Intake,
    /// The jaargesprek: the check-in of the calendar year.
    Checkin,
    /// A voortgangsgesprek: a further check-in, usually about the contract.
    Voortgang,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResidentStatus {
    Active,
    /// Left benefits (uitgestroomd).
    Outflow,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Resident {
    pub id: ClientId,
    pub first_names: String,
    pub surname: String,
    pub birth_date: Option<NaiveDate>,
    pub bsn: Option<String>,
    pub phone: String,
    pub email: String,
    pub status: ResidentStatus,
    /// For outflow: `werk`, `verhuisd`, `overig`.
    pub outflow_reason: Option<String>,
    pub outflow_date: Option<NaiveDate>,
    pub created: NaiveDateTime,
}
