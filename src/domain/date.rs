//! Dates typed by people (`dd-mm-jjjj`, `d-m-jjjj`, ISO) and shown back as `dd-mm-jjjj`.

use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("leeg")]
    Empty,
    #[error("verkeerde vorm")]
    Format,
    #[error("bestaat niet")]
    NoSuchDate,
}

/// Parse `03-11-1985`, `3-11-1985`, `3/11/1985`, `03.11.1985` or `1985-11-03`.
pub fn parse_date(_input: &str) -> Result<NaiveDate, DateError> {
    todo!("domain helper fills this in")
}

/// `dd-mm-jjjj`.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}
