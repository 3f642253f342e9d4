//! Dutch public holidays (computed for any year, Easter-based ones included) and deadlines
//! counted in werkdagen.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The holiday calendar: the national list plus extra dates a municipality adds in `forms/`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Holidays {
    /// Extra non-working days (e.g. a municipal closing day), from `forms/signals.toml`.
    pub extra: Vec<NaiveDate>,
}

impl Holidays {
    /// A national holiday or one of the extra days.
    pub fn is_holiday(&self, d: NaiveDate) -> bool {
        self.extra.contains(&d) || national_holidays(d.year()).iter().any(|(h, _)| *h == d)
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

/// The national holidays of a year with their Dutch names, in date order.
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
    let bevrijdingsdag = if year.rem_euclid(5) == 0 {
        ymd(5, 5)
    } else {
        None
    };
    let mut list: Vec<(NaiveDate, &'static str)> = [
        (ymd(1, 1), "Nieuwjaarsdag"),
        (Some(easter), "Eerste Paasdag"),
        (after_easter(1), "Tweede Paasdag"),
        (koningsdag, "Koningsdag"),
        (bevrijdingsdag, "Bevrijdingsdag"),
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
        };
        assert!(h.is_holiday(ymd(2025, 3, 10)));
        assert_eq!(h.add_werkdagen(ymd(2025, 3, 7), 1), ymd(2025, 3, 11));
    }
}
