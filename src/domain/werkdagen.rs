//! The calendar of the Algemene termijnenwet (Atw art. 3): the holidays computed for any
//! year, the days a Koninklijk Besluit makes equal to them (data from `forms/`), and
//! deadlines counted in werkdagen.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// One Koninklijk Besluit under Atw art. 3 lid 3: the days it makes equal to a holiday and
/// the years it covers (three at a time), so that a year it does not cover is known to be
/// unknown rather than taken to have no such days.
#[derive(Debug, Clone, PartialEq)]
pub struct KbBesluit {
    pub first_year: i32,
    pub last_year: i32,
    pub days: Vec<NaiveDate>,
}

/// The holiday calendar: the Atw days, the KB days and extra dates a municipality adds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Holidays {
    /// Extra non-working days (e.g. a municipal closing day), from `forms/signals.toml`.
    pub extra: Vec<NaiveDate>,
    /// The decrees under Atw art. 3 lid 3, from `forms/signals.toml`.
    pub kb: Vec<KbBesluit>,
}

impl Holidays {
    /// An Atw holiday, a KB day or one of the extra days.
    pub fn is_holiday(&self, d: NaiveDate) -> bool {
        self.holiday_name(d).is_some()
    }

    /// What makes `d` a non-working day other than the weekend, if anything.
    pub fn holiday_name(&self, d: NaiveDate) -> Option<&'static str> {
        if let Some((_, name)) = national_holidays(d.year())
            .into_iter()
            .find(|(h, _)| *h == d)
        {
            return Some(name);
        }
        if self.kb.iter().any(|b| b.days.contains(&d)) {
            return Some("door de Koning gelijkgestelde dag");
        }
        self.extra.contains(&d).then_some("extra vrije dag")
    }

    /// Whether a decree says which days of `year` are made equal to a holiday.
    pub fn kb_covers(&self, year: i32) -> bool {
        self.kb
            .iter()
            .any(|b| (b.first_year..=b.last_year).contains(&year))
    }

    /// The last year a decree covers.
    pub fn kb_known_until(&self) -> Option<i32> {
        self.kb.iter().map(|b| b.last_year).max()
    }

    /// The first year from `from` to `to` that no decree covers: in that year a decree may
    /// still add days, so a deadline counted through it may move.
    pub fn first_unknown_year(&self, from: NaiveDate, to: NaiveDate) -> Option<i32> {
        (from.year()..=to.year()).find(|y| !self.kb_covers(*y))
    }

    /// Not a Saturday, Sunday or holiday.
    pub fn is_werkdag(&self, d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.is_holiday(d)
    }

    /// The `n`-th werkdag after `from`; `n == 0` is `from` itself.
    pub fn add_werkdagen(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut day = from;
        let mut left = n;
        while left > 0 {
            // At the end of the calendar there is nothing later to return.
            let Some(next) = day.succ_opt() else {
                return day;
            };
            day = next;
            if self.is_werkdag(day) {
                left -= 1;
            }
        }
        day
    }
}

/// Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
pub fn easter(year: i32) -> NaiveDate {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    // Month is 3 or 4 and day 1..=31 by construction; only a year outside chrono's range
    // can fail, and no date of such a year can be asked about.
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).unwrap_or_default()
}

/// The holidays of Atw art. 3 lid 1 and 2 of a year with their Dutch names, in date order.
pub fn national_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let ymd = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d);
    let easter = easter(year);
    let after_easter = |days: u64| easter.checked_add_days(Days::new(days));
    let koningsdag = ymd(4, 27).and_then(|d| {
        if d.weekday() == Weekday::Sun {
            d.pred_opt()
        } else {
            Some(d)
        }
    });
    let mut list: Vec<(NaiveDate, &'static str)> = [
        (ymd(1, 1), "Nieuwjaarsdag"),
        // Atw art. 3 lid 2 makes Goede Vrijdag equal to the holidays of lid 1.
        (easter.checked_sub_days(Days::new(2)), "Goede Vrijdag"),
        (Some(easter), "Eerste Paasdag"),
        (after_easter(1), "Tweede Paasdag"),
        (koningsdag, "Koningsdag"),
        // Atw art. 3 lid 1 names 5 May every year; the lustrum rule is from collective
        // agreements, not from the law.
        (ymd(5, 5), "5 mei"),
        (after_easter(39), "Hemelvaartsdag"),
        (after_easter(49), "Eerste Pinksterdag"),
        (after_easter(50), "Tweede Pinksterdag"),
        (ymd(12, 25), "Eerste Kerstdag"),
        (ymd(12, 26), "Tweede Kerstdag"),
    ]
    .into_iter()
    .filter_map(|(d, name)| d.map(|d| (d, name)))
    .collect();
    list.sort_by_key(|(d, _)| *d);
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn easter_known_years() {
        assert_eq!(easter(2024), ymd(2024, 3, 31));
        assert_eq!(easter(2025), ymd(2025, 4, 20));
        assert_eq!(easter(2000), ymd(2000, 4, 23));
    }

    #[test]
    fn zero_werkdagen_is_the_same_day_even_on_sunday() {
        let h = Holidays::default();
        assert_eq!(h.add_werkdagen(ymd(2025, 3, 2), 0), ymd(2025, 3, 2));
    }

    #[test]
    fn friday_plus_one_is_monday() {
        let h = Holidays::default();
        assert_eq!(h.add_werkdagen(ymd(2025, 3, 7), 1), ymd(2025, 3, 10));
    }

    #[test]
    fn extra_days_are_skipped() {
        let h = Holidays {
            extra: vec![ymd(2025, 3, 10)],
            ..Holidays::default()
        };
        assert!(h.is_holiday(ymd(2025, 3, 10)));
        assert_eq!(h.add_werkdagen(ymd(2025, 3, 7), 1), ymd(2025, 3, 11));
    }
}
