//! Euro amounts: parsing Dutch notation to whole cents and formatting back.

/// Why a typed amount is not an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("leeg bedrag")]
    Empty,
    #[error("geen geldig bedrag")]
    Invalid,
    #[error("meer dan twee cijfers achter de komma")]
    TooPrecise,
    #[error("bedrag te groot")]
    TooLarge,
    #[error("negatief bedrag")]
    Negative,
}

/// The largest amount accepted: 100 million euro. Anything above is a typing accident.
pub const MAX_CENTS: i64 = 100_000_000 * 100;

/// Parse `1.234,56`, `1234,56`, `1234.56`, `1234`, `€ 1.234,-` to cents.
///
/// A comma is always the decimal separator. Without a comma, a single dot followed by
/// exactly three digits is a thousands separator (`1.234` is 1234 euro), and followed by
/// one or two digits a decimal point (`12.5` is 12,50 euro).
pub fn parse_cents(input: &str) -> Result<i64, MoneyError> {
    let mut s = input.trim();
    if let Some(rest) = s.strip_prefix('€') {
        s = rest.trim_start();
    } else if let Some(rest) = s.strip_suffix('€') {
        s = rest.trim_end();
    }
    if s.is_empty() {
        return Err(MoneyError::Empty);
    }
    if let Some(rest) = s.strip_prefix(['-', '\u{2212}']) {
        // Only call it negative when the rest is an amount; "-abc" is just garbage.
        return match parse_unsigned(rest.trim_start()) {
            Ok(_) => Err(MoneyError::Negative),
            Err(e) => Err(e),
        };
    }
    parse_unsigned(s)
}

fn parse_unsigned(s: &str) -> Result<i64, MoneyError> {
    if s.is_empty() {
        return Err(MoneyError::Invalid);
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == '-')
    {
        return Err(MoneyError::Invalid);
    }
    let (int_part, frac_part) = match s.split_once(',') {
        Some((int_part, frac)) => {
            if frac.contains([',', '.']) {
                return Err(MoneyError::Invalid);
            }
            (int_part, Some(frac))
        }
        None => split_on_dot(s)?,
    };
    // A dash is only allowed as the whole fraction: `12,-` or `12,--`.
    if int_part.contains('-') {
        return Err(MoneyError::Invalid);
    }
    let euros = parse_grouped(int_part)?;
    let cents = match frac_part {
        None => 0,
        Some("-") | Some("--") => 0,
        Some(f) if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) => {
            return Err(MoneyError::Invalid)
        }
        Some(f) if f.len() > 2 => return Err(MoneyError::TooPrecise),
        Some(f) => {
            let n = digits_value(f).ok_or(MoneyError::Invalid)?;
            if f.len() == 1 {
                n * 10
            } else {
                n
            }
        }
    };
    let total = euros
        .checked_mul(100)
        .and_then(|c| c.checked_add(cents))
        .ok_or(MoneyError::TooLarge)?;
    if total > MAX_CENTS {
        return Err(MoneyError::TooLarge);
    }
    Ok(total)
}

/// Without a comma: decide whether dots are thousands separators or a decimal point.
fn split_on_dot(s: &str) -> Result<(&str, Option<&str>), MoneyError> {
    let dots = s.matches('.').count();
    if dots == 0 {
        return Ok((s, None));
    }
    if dots > 1 {
        // Several dots can only be thousands separators; parse_grouped checks the groups.
        return Ok((s, None));
    }
    let (int_part, frac) = s.split_once('.').ok_or(MoneyError::Invalid)?;
    match frac.len() {
        3 if is_valid_grouping(s) => Ok((s, None)),
        3 => Err(MoneyError::TooPrecise),
        1 | 2 => Ok((int_part, Some(frac))),
        0 => Err(MoneyError::Invalid),
        _ => Err(MoneyError::TooPrecise),
    }
}

fn is_valid_grouping(s: &str) -> bool {
    let mut groups = s.split('.');
    let Some(first) = groups.next() else {
        return false;
    };
    (1..=3).contains(&first.len())
        && !first.starts_with('0')
        && first.chars().all(|c| c.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

/// Whole euros, with or without correctly placed thousands dots.
fn parse_grouped(s: &str) -> Result<i64, MoneyError> {
    if s.is_empty() {
        return Err(MoneyError::Invalid);
    }
    if s.contains('.') && !is_valid_grouping(s) {
        return Err(MoneyError::Invalid);
    }
    let digits: String = s.chars().filter(|c| *c != '.').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(MoneyError::Invalid);
    }
    digits_value(&digits).ok_or(MoneyError::TooLarge)
}

fn digits_value(digits: &str) -> Option<i64> {
    digits.chars().try_fold(0i64, |acc, c| {
        let d = i64::from(c.to_digit(10)?);
        acc.checked_mul(10)?.checked_add(d)
    })
}

/// Format cents in Dutch notation: `1.234,56`.
pub fn format_cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let euros = (abs / 100).to_string();
    let mut grouped = String::with_capacity(euros.len() + euros.len() / 3);
    for (i, c) in euros.chars().enumerate() {
        if i > 0 && (euros.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped},{:02}", abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_notations() {
        assert_eq!(parse_cents("1.234,56"), Ok(123_456));
        assert_eq!(parse_cents("1234,56"), Ok(123_456));
        assert_eq!(parse_cents("1234.56"), Ok(123_456));
        assert_eq!(parse_cents("1234"), Ok(123_400));
        assert_eq!(parse_cents("€ 1.234,-"), Ok(123_400));
        assert_eq!(parse_cents("12,5"), Ok(1250));
        assert_eq!(parse_cents("1.234"), Ok(123_400));
        assert_eq!(parse_cents("12.5"), Ok(1250));
    }

    #[test]
    fn rejects() {
        assert_eq!(parse_cents("  "), Err(MoneyError::Empty));
        assert_eq!(parse_cents("12,345"), Err(MoneyError::TooPrecise));
        assert_eq!(parse_cents("-5"), Err(MoneyError::Negative));
        assert_eq!(parse_cents("twaalf"), Err(MoneyError::Invalid));
        assert_eq!(parse_cents("100000001"), Err(MoneyError::TooLarge));
        assert_eq!(parse_cents("12.34.5"), Err(MoneyError::Invalid));
    }

    #[test]
    fn formats() {
        assert_eq!(format_cents(123_456), "1.234,56");
        assert_eq!(format_cents(5), "0,05");
        assert_eq!(format_cents(100_000_000), "1.000.000,00");
        assert_eq!(format_cents(-1250), "-12,50");
    }
}
