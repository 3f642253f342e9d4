//! Clearly fictitious people: made-up surnames, test-range BSNs, plausible birth dates.

use super::rng::Rng;
use chrono::{Datelike, NaiveDate};

/// Ordinary first names of the many backgrounds a frontdesk meets; the surnames below make
/// every person obviously made up.
pub const FIRST_NAMES: &[&str] = &[
    "Jan",
    "Fatima",
    "Mohamed",
    "Anna",
    "Sanne",
    "Kees",
    "Ahmed",
    "Priya",
    "Olga",
    "Tomasz",
    "Aisha",
    "Daan",
    "Emma",
    "Noah",
    "Yusuf",
    "Samira",
    "Piet",
    "Marieke",
    "Hüseyin",
    "Zeynep",
    "Abdi",
    "Hamid",
    "Ewa",
    "Lotte",
    "Bram",
    "Sevda",
    "Ricardo",
    "Chantal",
    "Dewi",
    "Nadia",
    "Gerrit",
    "Ingrid",
    "Ali",
    "Mariam",
    "Kofi",
    "Agnieszka",
    "Ruud",
    "Esther",
    "Tarik",
    "Linda",
    "Saïd",
    "Noor",
    "Dirk",
    "Joyce",
    "Yasmina",
    "Henk",
    "Fenna",
    "Omar",
    "Ilse",
    "Kevin",
    "Stefanie",
    "Yonas",
    "Helin",
    "Marco",
    "Anouk",
    "Bilal",
    "Rosa",
    "Mehmet",
];

/// Surnames nobody carries: every demo resident is recognisably invented.
pub const SURNAMES: &[&str] = &[
    "Voorbeeld",
    "Testpersoon",
    "van Proefhuizen",
    "de Demo",
    "Verzinsel",
    "Fictiefstra",
    "Oefenaar",
    "van Nepveld",
    "Schijnbeek",
    "de Verzinner",
    "Proefmans",
    "Demostra",
    "van Testerlo",
    "Nietbestaand",
    "Bedachtsma",
    "van Fantasiedorp",
    "Denkbeeld",
    "Oefenstra",
    "ter Proeve",
    "van Voorbeeldstad",
    "Verzonnenhof",
    "de Testkamp",
    "Namaakveld",
    "van der Oefen",
    "Probeersma",
    "Fictiefdijk",
    "Demodam",
    "Voorbeeldman",
];

/// A BSN in the range 9999xxxxx that the RvIG uses for test persons, passing the 11-proef,
/// from a counter so demo residents never share one. `None` when the range is used up
/// (about 9,000 numbers); those residents have no BSN yet, which the intake allows.
pub fn test_bsn(counter: &mut u32) -> Option<String> {
    while *counter < 10_000 {
        // The first eight digits; the ninth is the check digit.
        let body = format!("9999{:04}", *counter);
        *counter += 1;
        // Weights 9..2 on the first eight digits; the ninth digit d makes sum - d ≡ 0 (11).
        let digits: Vec<u32> = body.chars().filter_map(|c| c.to_digit(10)).collect();
        let partial: u32 = digits[..8]
            .iter()
            .zip((2..=9).rev())
            .map(|(d, w)| d * w)
            .sum();
        let check = partial % 11;
        if check <= 9 {
            return Some(format!("{body}{check}"));
        }
    }
    None
}

/// A date of birth for someone `age` years old on `on`.
pub fn birth_date(rng: &mut Rng, age: i64, on: NaiveDate) -> NaiveDate {
    let year = on.year() - age as i32 - 1;
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(on);
    let d = start + chrono::Duration::days(rng.range(0, 364));
    // Someone born in that year is `age` or `age + 1` on `on`; a year later fixes the latter.
    if crate::domain::facts::age_on(d, on) > age {
        d.checked_add_months(chrono::Months::new(12)).unwrap_or(d)
    } else {
        d
    }
}

/// An age at the first intake, shaped like a bijstand caseload (many 27–55).
pub fn intake_age(rng: &mut Rng) -> i64 {
    let band = rng.weighted(&[
        ((18, 26), 18),
        ((27, 40), 35),
        ((41, 55), 32),
        ((56, 64), 15),
    ]);
    rng.range(band.0, band.1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::facts::age_on;

    fn passes_11_proef(bsn: &str) -> bool {
        let d: Vec<i64> = bsn
            .chars()
            .filter_map(|c| c.to_digit(10).map(i64::from))
            .collect();
        if d.len() != 9 {
            return false;
        }
        let sum: i64 = (0..8).map(|i| d[i] * (9 - i as i64)).sum::<i64>() - d[8];
        sum % 11 == 0 && sum != 0
    }

    #[test]
    fn test_bsns_are_unique_valid_and_in_the_test_range() {
        let mut counter = 0;
        let mut seen = std::collections::BTreeSet::new();
        while let Some(b) = test_bsn(&mut counter) {
            assert!(b.starts_with("9999"), "{b}");
            assert!(passes_11_proef(&b), "{b}");
            assert!(seen.insert(b));
        }
        assert!(seen.len() > 8_000, "{}", seen.len());
    }

    #[test]
    fn birth_date_gives_the_asked_age() {
        let on = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let mut rng = Rng::new(5);
        for age in 18..67 {
            let born = birth_date(&mut rng, age, on);
            assert_eq!(age_on(born, on), age, "{born}");
        }
    }
}
