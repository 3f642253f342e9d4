//! Dutch public holidays (computed for any year, Easter-based ones included) and deadlines
//! counted in werkdagen.

use chrono::NaiveDate;

/// The holiday calendar: the national list plus extra dates a municipality adds in `forms/`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Holidays {
    /// Extra non-working days (e.g. a municipal closing day), from `forms/signals.toml`.
    pub extra: Vec<NaiveDate>,
}

impl Holidays {
    pub fn is_holiday(&self, _d: NaiveDate) -> bool {
        todo!("domain helper fills this in")
    }

    /// Saturday, Sunday or holiday.
    pub fn is_werkdag(&self, _d: NaiveDate) -> bool {
        todo!("domain helper fills this in")
    }

    /// The `n`-th werkdag after `from`; `n == 0` is `from` itself.
    pub fn add_werkdagen(&self, _from: NaiveDate, _n: u32) -> NaiveDate {
        todo!("domain helper fills this in")
    }
}

/// Easter Sunday (Gregorian).
pub fn easter(_year: i32) -> NaiveDate {
    todo!("domain helper fills this in")
}

/// The national holidays of a year with their Dutch names, in date order.
pub fn national_holidays(_year: i32) -> Vec<(NaiveDate, &'static str)> {
    todo!("domain helper fills this in")
}
