//! The Algemene termijnenwet calendar: public holidays 2024–2032 against known dates, the
//! days made equal by Koninklijk Besluit (as shipped in forms/signals.toml), and deadlines
//! in werkdagen across weekends, Easter, Koningsdag, 5 May, Hemelvaart, Christmas and New Year.

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

/// (year, Easter Sunday (month, day), Koningsdag day in April)
/// Easter dates from the published tables; the rest follows from the holiday rules.
const YEARS: &[(i32, MonthDay, u32)] = &[
    (2024, (3, 31), 27),
    (2025, (4, 20), 26),
    (2026, (4, 5), 27),
    (2027, (3, 28), 27),
    (2028, (4, 16), 27),
    (2029, (4, 1), 27),
    (2030, (4, 21), 27),
    (2031, (4, 13), 26),
    (2032, (3, 28), 27),
];

/// The calendar as shipped: the computed days plus the KB days of forms/signals.toml.
fn atw() -> Holidays {
    meedoen::forms::builtin().holidays
}

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
    for &(year, (m, d), _) in YEARS {
        assert_eq!(easter(year), ymd(year, m, d), "{year}");
    }
}

#[test]
fn national_holidays_2024_to_2032() {
    for (&(year, (em, ed), koningsdag), &(_, (am, ad), (pm, pd))) in
        YEARS.iter().zip(ASCENSION_PENTECOST)
    {
        let easter = ymd(year, em, ed);
        let pentecost = ymd(year, pm, pd);
        let good_friday = easter - chrono::Duration::days(2);
        let mut expected = vec![
            (ymd(year, 1, 1), "Nieuwjaarsdag"),
            (good_friday, "Goede Vrijdag"),
            (easter, "Eerste Paasdag"),
            (easter.succ_opt().unwrap_or(easter), "Tweede Paasdag"),
            (ymd(year, 4, koningsdag), "Koningsdag"),
            (ymd(year, 5, 5), "5 mei"),
            (ymd(year, am, ad), "Hemelvaartsdag"),
            (pentecost, "Eerste Pinksterdag"),
            (
                pentecost.succ_opt().unwrap_or(pentecost),
                "Tweede Pinksterdag",
            ),
            (ymd(year, 12, 25), "Eerste Kerstdag"),
            (ymd(year, 12, 26), "Tweede Kerstdag"),
        ];
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
    // Atw art. 3 lid 1: 5 May every year, not only in lustrum years.
    assert!(h.is_holiday(ymd(2025, 5, 5)));
    assert!(h.is_holiday(ymd(2026, 5, 5)));
    assert!(h.is_holiday(ymd(2027, 5, 5)));
    // Atw art. 3 lid 2: Goede Vrijdag counts as a holiday.
    assert!(h.is_holiday(ymd(2027, 3, 26)));
    assert!(h.is_holiday(ymd(2026, 4, 3)));
    assert!(!h.is_holiday(ymd(2026, 4, 2)));
}

/// Atw art. 3 lid 3: every day of the current and the previous decree is a non-werkdag in
/// the shipped calendar, and the weekday next to it is not.
#[test]
fn kb_days_of_both_decrees_are_not_werkdagen() {
    let h = atw();
    let kb = [
        ymd(2023, 4, 28),
        ymd(2023, 5, 19),
        ymd(2024, 5, 10),
        ymd(2024, 12, 27),
        ymd(2025, 5, 30),
        ymd(2026, 1, 2),
        ymd(2026, 5, 15),
        ymd(2027, 5, 7),
        ymd(2028, 4, 28),
        ymd(2028, 5, 26),
    ];
    for d in kb {
        assert_eq!(d.weekday(), Weekday::Fri, "{d} is a Friday bridge day");
        assert!(h.is_holiday(d), "{d}");
        assert!(!h.is_werkdag(d), "{d}");
        // Without the decree the same Friday would be a werkdag.
        assert!(Holidays::default().is_werkdag(d), "{d}");
    }
    // The decrees cover 2023 up to and including 2028.
    assert_eq!(h.kb_known_until(), Some(2028));
    assert!(h.kb_covers(2023) && h.kb_covers(2028));
    assert!(!h.kb_covers(2029) && !h.kb_covers(2022));
}

/// Every date the issue names, as a deadline the way a signal computes it.
#[test]
fn atw_deadlines_around_every_named_day() {
    let h = atw();
    let cases = [
        // The example: Wednesday 24-03-2027 + 3: Thursday 25, (Goede Vrijdag 26,
        // weekend, Tweede Paasdag 29), Tuesday 30, Wednesday 31.
        (
            ymd(2027, 3, 24),
            3,
            ymd(2027, 3, 31),
            "crisis contact before Easter 2027",
        ),
        (
            ymd(2027, 3, 25),
            1,
            ymd(2027, 3, 30),
            "over Goede Vrijdag and Easter 2027",
        ),
        (
            ymd(2026, 4, 2),
            1,
            ymd(2026, 4, 7),
            "over Goede Vrijdag and Easter 2026",
        ),
        (
            ymd(2026, 5, 4),
            1,
            ymd(2026, 5, 6),
            "5 May 2026 is no werkdag",
        ),
        (
            ymd(2027, 5, 3),
            1,
            ymd(2027, 5, 4),
            "Monday to Tuesday before 5 May 2027",
        ),
        (
            ymd(2027, 5, 4),
            1,
            ymd(2027, 5, 10),
            "5 May, Hemelvaart and KB 7 May 2027",
        ),
        (ymd(2025, 12, 31), 1, ymd(2026, 1, 5), "KB 2 January 2026"),
        (
            ymd(2026, 5, 13),
            1,
            ymd(2026, 5, 18),
            "Hemelvaart and KB 15 May 2026",
        ),
        (
            ymd(2027, 5, 5),
            1,
            ymd(2027, 5, 10),
            "Hemelvaart and KB 7 May 2027",
        ),
        (
            ymd(2028, 4, 26),
            1,
            ymd(2028, 5, 1),
            "Koningsdag and KB 28 April 2028",
        ),
        (
            ymd(2028, 5, 24),
            1,
            ymd(2028, 5, 29),
            "Hemelvaart and KB 26 May 2028",
        ),
        (
            ymd(2023, 4, 26),
            1,
            ymd(2023, 5, 1),
            "Koningsdag and KB 28 April 2023",
        ),
        (
            ymd(2023, 5, 17),
            1,
            ymd(2023, 5, 22),
            "Hemelvaart and KB 19 May 2023",
        ),
        (
            ymd(2024, 5, 8),
            1,
            ymd(2024, 5, 13),
            "Hemelvaart and KB 10 May 2024",
        ),
        (
            ymd(2024, 12, 24),
            1,
            ymd(2024, 12, 30),
            "Christmas and KB 27 December 2024",
        ),
        (
            ymd(2025, 5, 28),
            1,
            ymd(2025, 6, 2),
            "Hemelvaart and KB 30 May 2025",
        ),
        (ymd(2025, 5, 2), 1, ymd(2025, 5, 6), "over 5 May 2025"),
    ];
    for (from, n, due, why) in cases {
        assert_eq!(h.add_werkdagen(from, n), due, "{why}");
        assert_eq!(Deadline::Werkdagen(n).due(from, &h), due, "{why}");
        assert_eq!(
            Deadline::Werkdagen(n).unknown_kb_year(from, &h),
            None,
            "{why}"
        );
    }
}

/// After the last year of the decrees, a werkdagen deadline says that later equal days
/// are not yet known; inside them it says nothing of the kind.
#[test]
fn a_deadline_beyond_the_known_decrees_says_so() {
    let h = atw();
    let inside = Deadline::Werkdagen(3).explain(ymd(2028, 12, 20), &h);
    assert!(!inside.contains("nog niet bekend"), "{inside}");
    let beyond = Deadline::Werkdagen(3).explain(ymd(2029, 3, 5), &h);
    assert!(beyond.contains("nog niet bekend"), "{beyond}");
    assert!(beyond.contains("2029"), "{beyond}");
    assert_eq!(
        Deadline::Werkdagen(3).unknown_kb_year(ymd(2028, 12, 28), &h),
        Some(2029),
        "a term that runs into 2029"
    );
    // Weeks and months do not depend on working days.
    assert_eq!(
        Deadline::Weeks(4).unknown_kb_year(ymd(2029, 3, 5), &h),
        None
    );
    // The explanation names the days skipped.
    let easter = Deadline::Werkdagen(3).explain(ymd(2027, 3, 24), &h);
    assert!(easter.contains("31-03-2027"), "{easter}");
    assert!(easter.contains("Goede Vrijdag"), "{easter}");
    assert!(easter.contains("Tweede Paasdag"), "{easter}");
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
        (
            ymd(2027, 3, 25),
            1,
            ymd(2027, 3, 30),
            "Goede Vrijdag is no werkdag",
        ),
        (ymd(2027, 3, 25), 2, ymd(2027, 3, 31), "over Easter"),
        (
            ymd(2026, 4, 24),
            1,
            ymd(2026, 4, 28),
            "over Koningsdag on a Monday",
        ),
        (ymd(2026, 5, 13), 1, ymd(2026, 5, 15), "over Hemelvaart"),
        (ymd(2025, 5, 2), 1, ymd(2025, 5, 6), "over 5 May 2025"),
        (
            ymd(2026, 5, 4),
            1,
            ymd(2026, 5, 6),
            "5 May 2026 is no werkdag",
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
