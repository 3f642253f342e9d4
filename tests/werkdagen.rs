//! Dutch public holidays 2024–2032 against known dates, and deadlines in werkdagen
//! across weekends, Easter, Koningsdag, Hemelvaart, Christmas and New Year.

use chrono::{Datelike, NaiveDate, Weekday};
use meedoen::domain::signals::Deadline;
use meedoen::domain::werkdagen::{easter, national_holidays, Holidays};
use proptest::prelude::*;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => panic!("bad test date {y}-{m}-{d}"),
    }
}

/// (year, Easter Sunday (month, day), Koningsdag day in April, Bevrijdingsdag?)
/// Easter dates from the published tables; the rest follows from the holiday rules.
const YEARS: &[(i32, MonthDay, u32, bool)] = &[
    (2024, (3, 31), 27, false),
    (2025, (4, 20), 26, true),
    (2026, (4, 5), 27, false),
    (2027, (3, 28), 27, false),
    (2028, (4, 16), 27, false),
    (2029, (4, 1), 27, false),
    (2030, (4, 21), 27, true),
    (2031, (4, 13), 26, false),
    (2032, (3, 28), 27, false),
];

/// Hemelvaartsdag and Eerste Pinksterdag per year, written out.
type MonthDay = (u32, u32);

const ASCENSION_PENTECOST: &[(i32, MonthDay, MonthDay)] = &[
    (2024, (5, 9), (5, 19)),
    (2025, (5, 29), (6, 8)),
    (2026, (5, 14), (5, 24)),
    (2027, (5, 6), (5, 16)),
    (2028, (5, 25), (6, 4)),
    (2029, (5, 10), (5, 20)),
    (2030, (5, 30), (6, 9)),
    (2031, (5, 22), (6, 1)),
    (2032, (5, 6), (5, 16)),
];

#[test]
fn easter_2024_to_2032() {
    for &(year, (m, d), _, _) in YEARS {
        assert_eq!(easter(year), ymd(year, m, d), "{year}");
    }
}

#[test]
fn national_holidays_2024_to_2032() {
    for (&(year, (em, ed), koningsdag, bevrijding), &(_, (am, ad), (pm, pd))) in
        YEARS.iter().zip(ASCENSION_PENTECOST)
    {
        let easter = ymd(year, em, ed);
        let pentecost = ymd(year, pm, pd);
        let mut expected = vec![
            (ymd(year, 1, 1), "Nieuwjaarsdag"),
            (easter, "Eerste Paasdag"),
            (easter.succ_opt().unwrap_or(easter), "Tweede Paasdag"),
            (ymd(year, 4, koningsdag), "Koningsdag"),
            (ymd(year, am, ad), "Hemelvaartsdag"),
            (pentecost, "Eerste Pinksterdag"),
            (
                pentecost.succ_opt().unwrap_or(pentecost),
                "Tweede Pinksterdag",
            ),
            (ymd(year, 12, 25), "Eerste Kerstdag"),
            (ymd(year, 12, 26), "Tweede Kerstdag"),
        ];
        if bevrijding {
            expected.push((ymd(year, 5, 5), "Bevrijdingsdag"));
        }
        expected.sort();
        let mut got = national_holidays(year);
        got.sort();
        assert_eq!(got, expected, "{year}");
    }
}

#[test]
fn named_examples() {
    let h = Holidays::default();
    assert_eq!(easter(2027), ymd(2027, 3, 28));
    // 27 April 2025 is a Sunday: Koningsdag moves to Saturday the 26th.
    assert!(h.is_holiday(ymd(2025, 4, 26)));
    assert!(!h.is_holiday(ymd(2025, 4, 27)));
    assert!(h.is_holiday(ymd(2026, 5, 14)));
    assert!(h.is_holiday(ymd(2025, 5, 5)));
    assert!(!h.is_holiday(ymd(2026, 5, 5)));
    // Goede Vrijdag is not on the list.
    assert!(!h.is_holiday(ymd(2027, 3, 26)));
}

#[test]
fn holidays_are_in_date_order() {
    for year in 2024..=2032 {
        let list = national_holidays(year);
        assert!(list.windows(2).all(|w| w[0].0 <= w[1].0), "{year}");
    }
}

#[test]
fn werkdagen_deadlines() {
    let h = Holidays::default();
    let cases = [
        // (from, n, due, why)
        (
            ymd(2025, 3, 14),
            3,
            ymd(2025, 3, 19),
            "Friday over a weekend",
        ),
        (ymd(2025, 3, 15), 1, ymd(2025, 3, 17), "from a Saturday"),
        (ymd(2025, 12, 23), 3, ymd(2025, 12, 30), "over Christmas"),
        (
            ymd(2025, 12, 24),
            1,
            ymd(2025, 12, 29),
            "Christmas Eve is a werkdag itself",
        ),
        (
            ymd(2025, 12, 24),
            4,
            ymd(2026, 1, 2),
            "over Christmas and New Year",
        ),
        (ymd(2027, 3, 25), 1, ymd(2027, 3, 26), "Good Friday counts"),
        (ymd(2027, 3, 25), 2, ymd(2027, 3, 30), "over Easter"),
        (
            ymd(2026, 4, 24),
            1,
            ymd(2026, 4, 28),
            "over Koningsdag on a Monday",
        ),
        (ymd(2026, 5, 13), 1, ymd(2026, 5, 15), "over Hemelvaart"),
        (
            ymd(2025, 5, 2),
            1,
            ymd(2025, 5, 6),
            "over Bevrijdingsdag 2025",
        ),
        (
            ymd(2026, 5, 4),
            1,
            ymd(2026, 5, 5),
            "5 May 2026 is a werkdag",
        ),
        (ymd(2026, 5, 22), 1, ymd(2026, 5, 26), "over Pinksteren"),
        (
            ymd(2025, 12, 25),
            0,
            ymd(2025, 12, 25),
            "zero is the same day",
        ),
        (ymd(2025, 3, 14), 10, ymd(2025, 3, 28), "two working weeks"),
    ];
    for (from, n, due, why) in cases {
        assert_eq!(h.add_werkdagen(from, n), due, "{why}");
        assert_eq!(Deadline::Werkdagen(n).due(from, &h), due, "{why}");
    }
}

#[test]
fn other_deadline_units() {
    let h = Holidays::default();
    let from = ymd(2025, 1, 31);
    assert_eq!(Deadline::Days(10).due(from, &h), ymd(2025, 2, 10));
    assert_eq!(Deadline::Weeks(2).due(from, &h), ymd(2025, 2, 14));
    assert_eq!(Deadline::Months(1).due(from, &h), ymd(2025, 2, 28));
    assert_eq!(
        Deadline::Months(1).due(ymd(2024, 1, 31), &h),
        ymd(2024, 2, 29)
    );
    assert_eq!(
        Deadline::Months(6).due(ymd(2025, 3, 14), &h),
        ymd(2025, 9, 14)
    );
}

#[test]
fn weekends_are_never_werkdagen() {
    let h = Holidays::default();
    let mut d = ymd(2024, 1, 1);
    while d.year() < 2033 {
        let weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
        assert_eq!(h.is_werkdag(d), !weekend && !h.is_holiday(d), "{d}");
        d = d.succ_opt().unwrap_or(d);
    }
}

proptest! {
    #[test]
    fn add_werkdagen_lands_on_the_nth_werkdag(offset in 0i64..3300, n in 1u32..40) {
        let h = Holidays::default();
        let from = ymd(2024, 1, 1) + chrono::Duration::days(offset);
        let due = h.add_werkdagen(from, n);
        prop_assert!(h.is_werkdag(due));
        let mut count = 0;
        let mut d = from;
        while d < due {
            d = d.succ_opt().unwrap_or(d);
            if h.is_werkdag(d) {
                count += 1;
            }
        }
        prop_assert_eq!(count, n);
    }
}
