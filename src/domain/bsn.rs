//! Burgerservicenummer: 9 digits passing the 11-proef; masked display.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BsnError {
    #[error("niet 9 cijfers")]
    Length,
    #[error("bevat iets anders dan cijfers")]
    NotDigits,
    #[error("voldoet niet aan de 11-proef")]
    Checksum,
}

/// Validate a BSN (spaces and dots allowed while typing; 8 digits get a leading zero).
/// Returns the 9 digits.
pub fn parse_bsn(input: &str) -> Result<String, BsnError> {
    let mut digits = String::with_capacity(9);
    for c in input.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '.' => {}
            _ => return Err(BsnError::NotDigits),
        }
    }
    // Old numbers were issued with 8 digits; the leading zero is often left off.
    if digits.len() == 8 {
        digits.insert(0, '0');
    }
    if digits.len() != 9 {
        return Err(BsnError::Length);
    }
    if elfproef(&digits) {
        Ok(digits)
    } else {
        Err(BsnError::Checksum)
    }
}

/// Weights 9..2 for the first eight digits and −1 for the last; the sum must be a
/// non-zero multiple of 11.
fn elfproef(digits: &str) -> bool {
    let sum: i64 = digits
        .chars()
        .filter_map(|c| c.to_digit(10))
        .zip([9i64, 8, 7, 6, 5, 4, 3, 2, -1])
        .map(|(d, w)| i64::from(d) * w)
        .sum();
    sum != 0 && sum % 11 == 0
}

/// `*****6782`: only the last four digits visible. Anything too short to mask safely is
/// masked completely.
pub fn mask(bsn: &str) -> String {
    let digits: Vec<char> = bsn.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() < 5 {
        return "*".repeat(9);
    }
    let visible: String = digits[digits.len() - 4..].iter().collect();
    format!("{}{}", "*".repeat(digits.len() - 4), visible)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_test_numbers_pass() {
        assert_eq!(parse_bsn("123456782").as_deref(), Ok("123456782"));
        assert_eq!(parse_bsn("111222333").as_deref(), Ok("111222333"));
        assert_eq!(parse_bsn("1234.56.782").as_deref(), Ok("123456782"));
        assert_eq!(parse_bsn("1112 22 333").as_deref(), Ok("111222333"));
    }

    #[test]
    fn errors() {
        assert_eq!(parse_bsn("123456781"), Err(BsnError::Checksum));
        assert_eq!(parse_bsn("000000000"), Err(BsnError::Checksum));
        assert_eq!(parse_bsn("12345"), Err(BsnError::Length));
        assert_eq!(parse_bsn("12345678a"), Err(BsnError::NotDigits));
    }

    #[test]
    fn masks() {
        assert_eq!(mask("123456782"), "*****6782");
        assert_eq!(mask("12"), "*********");
    }
}
