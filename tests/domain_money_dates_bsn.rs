//! What frontdesk staff type for amounts, dates and BSNs: tables of accepted and refused
//! inputs, and property tests for round trips and the 11-proef.

use chrono::NaiveDate;
use meedoen::domain::bsn::{mask, parse_bsn, BsnError};
use meedoen::domain::date::{format_date, parse_date, DateError};
use meedoen::domain::money::{format_cents, parse_cents, MoneyError, MAX_CENTS};
use proptest::prelude::*;

#[test]
fn money_table() {
    let ok: &[(&str, i64)] = &[
        ("1.234,56", 123_456),
        ("1234,56", 123_456),
        ("1234.56", 123_456),
        ("1234", 123_400),
        ("€ 1.234,-", 123_400),
        ("€1.234,--", 123_400),
        ("1.234 €", 123_400),
        ("12,5", 1250),
        ("12.5", 1250),
        ("0,05", 5),
        ("0", 0),
        ("1.234", 123_400),
        ("12.345.678,90", 1_234_567_890),
        ("  45,00  ", 4500),
        ("100.000.000", MAX_CENTS),
    ];
    for (input, cents) in ok {
        assert_eq!(parse_cents(input), Ok(*cents), "{input:?}");
    }
    let refused: &[(&str, MoneyError)] = &[
        ("", MoneyError::Empty),
        ("€ ", MoneyError::Empty),
        ("1,234", MoneyError::TooPrecise),
        ("1234.567", MoneyError::TooPrecise),
        ("1.2345", MoneyError::TooPrecise),
        ("-12,50", MoneyError::Negative),
        ("€ -5", MoneyError::Negative),
        ("100.000.000,01", MoneyError::TooLarge),
        ("99999999999999999999999", MoneyError::TooLarge),
        ("tien euro", MoneyError::Invalid),
        ("12,34,56", MoneyError::Invalid),
        ("1.23.456", MoneyError::Invalid),
        ("1,234.56", MoneyError::Invalid),
        ("12 34", MoneyError::Invalid),
        ("12,", MoneyError::Invalid),
        ("12.", MoneyError::Invalid),
        ("-", MoneyError::Invalid),
        ("+12", MoneyError::Invalid),
        ("١٢", MoneyError::Invalid),
    ];
    for (input, err) in refused {
        assert_eq!(parse_cents(input), Err(err.clone()), "{input:?}");
    }
}

#[test]
fn money_formatting_table() {
    for (cents, text) in [
        (0, "0,00"),
        (5, "0,05"),
        (1250, "12,50"),
        (123_456, "1.234,56"),
        (100_000, "1.000,00"),
        (123_456_789, "1.234.567,89"),
    ] {
        assert_eq!(format_cents(cents), text);
    }
}

#[test]
fn date_table() {
    let ok: &[(&str, (i32, u32, u32))] = &[
        ("03-11-1985", (1985, 11, 3)),
        ("3-11-1985", (1985, 11, 3)),
        ("3-1-1985", (1985, 1, 3)),
        ("03/11/1985", (1985, 11, 3)),
        ("03.11.1985", (1985, 11, 3)),
        ("1985-11-03", (1985, 11, 3)),
        ("29-02-2024", (2024, 2, 29)),
        (" 31-12-2025 ", (2025, 12, 31)),
    ];
    for (input, (y, m, d)) in ok {
        assert_eq!(
            parse_date(input).ok(),
            NaiveDate::from_ymd_opt(*y, *m, *d),
            "{input:?}"
        );
    }
    let refused: &[(&str, DateError)] = &[
        ("", DateError::Empty),
        ("   ", DateError::Empty),
        ("31-02-2020", DateError::NoSuchDate),
        ("29-02-2023", DateError::NoSuchDate),
        ("1-13-2020", DateError::NoSuchDate),
        ("00-01-2020", DateError::NoSuchDate),
        ("3-11-85", DateError::Format),
        ("3-11-01985", DateError::Format),
        ("031-11-1985", DateError::Format),
        ("3-11/1985", DateError::Format),
        ("3 11 1985", DateError::Format),
        ("gisteren", DateError::Format),
        ("1985/11/03", DateError::Format),
        ("+3-11-1985", DateError::Format),
        ("3-11-1985-1", DateError::Format),
    ];
    for (input, err) in refused {
        assert_eq!(parse_date(input), Err(err.clone()), "{input:?}");
    }
}

#[test]
fn bsn_table() {
    assert_eq!(parse_bsn("123456782").as_deref(), Ok("123456782"));
    assert_eq!(parse_bsn("111222333").as_deref(), Ok("111222333"));
    assert_eq!(parse_bsn(" 1234.56.782 ").as_deref(), Ok("123456782"));
    assert_eq!(parse_bsn("123 456 782").as_deref(), Ok("123456782"));
    assert_eq!(parse_bsn(""), Err(BsnError::Length));
    assert_eq!(parse_bsn("1234567"), Err(BsnError::Length));
    assert_eq!(parse_bsn("1234567820"), Err(BsnError::Length));
    assert_eq!(parse_bsn("123-456-782"), Err(BsnError::NotDigits));
    assert_eq!(parse_bsn("12345678x"), Err(BsnError::NotDigits));
    assert_eq!(parse_bsn("123456783"), Err(BsnError::Checksum));
    assert_eq!(parse_bsn("000000000"), Err(BsnError::Checksum));
    assert_eq!(mask("123456782"), "*****6782");
    assert_eq!(mask("111222333"), "*****2333");
    assert_eq!(mask(""), "*********");
}

/// A valid BSN from eight digits: the ninth makes the 11-proef hold. `None` when no digit
/// can (the check would need 10) or for the all-zero number.
fn complete(first8: &[u32]) -> Option<String> {
    let sum: u32 = first8.iter().zip((2..=9).rev()).map(|(d, w)| d * w).sum();
    let check = sum % 11;
    if check == 10 || sum == 0 {
        return None;
    }
    let mut s: String = first8
        .iter()
        .filter_map(|d| char::from_digit(*d, 10))
        .collect();
    s.push(char::from_digit(check, 10)?);
    Some(s)
}

proptest! {
    #[test]
    fn formatted_cents_parse_back(cents in 0i64..=MAX_CENTS) {
        let text = format_cents(cents);
        prop_assert_eq!(parse_cents(&text), Ok(cents));
        prop_assert_eq!(parse_cents(&format!("€ {text}")), Ok(cents));
        // The same amount typed without thousands dots.
        prop_assert_eq!(parse_cents(&text.replace('.', "")), Ok(cents));
    }

    #[test]
    fn money_parser_never_panics(s in "\\PC{0,20}") {
        let _ = parse_cents(&s);
    }

    #[test]
    fn formatted_dates_parse_back(days in 0i64..3_000_000) {
        let d = NaiveDate::from_ymd_opt(1000, 1, 1).unwrap_or_default() + chrono::Duration::days(days);
        prop_assume!(d.format("%Y").to_string().len() == 4);
        prop_assert_eq!(parse_date(&format_date(d)), Ok(d));
        prop_assert_eq!(parse_date(&d.format("%Y-%m-%d").to_string()), Ok(d));
        prop_assert_eq!(parse_date(&d.format("%-d/%-m/%Y").to_string()), Ok(d));
    }

    #[test]
    fn date_parser_never_panics(s in "\\PC{0,16}") {
        let _ = parse_date(&s);
    }

    #[test]
    fn generated_valid_bsns_pass(first8 in proptest::collection::vec(0u32..10, 8)) {
        let Some(bsn) = complete(&first8) else {
            return Ok(());
        };
        prop_assert_eq!(parse_bsn(&bsn), Ok(bsn.clone()));
        if let Some(short) = bsn.strip_prefix('0') {
            // Typed without the leading zero.
            prop_assert_eq!(parse_bsn(short), Ok(bsn.clone()));
        }
        let masked = mask(&bsn);
        prop_assert_eq!(&masked[..5], "*****");
        prop_assert_eq!(&masked[5..], &bsn[5..]);
    }

    #[test]
    fn any_single_digit_change_fails(
        first8 in proptest::collection::vec(0u32..10, 8),
        position in 0usize..9,
        shift in 1u32..10,
    ) {
        let Some(bsn) = complete(&first8) else {
            return Ok(());
        };
        let mut digits: Vec<u32> = bsn.chars().filter_map(|c| c.to_digit(10)).collect();
        digits[position] = (digits[position] + shift) % 10;
        let changed: String = digits.iter().filter_map(|d| char::from_digit(*d, 10)).collect();
        prop_assert_eq!(parse_bsn(&changed), Err(BsnError::Checksum));
    }

    #[test]
    fn bsn_parser_never_panics(s in "\\PC{0,14}") {
        let _ = parse_bsn(&s);
    }
}
