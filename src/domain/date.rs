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
/// Years have four digits: a two-digit year is ambiguous for dates of birth.
pub fn parse_date(input: &str) -> Result<NaiveDate, DateError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(DateError::Empty);
    }
    let sep = s
        .chars()
        .find(|c| matches!(c, '-' | '/' | '.'))
        .ok_or(DateError::Format)?;
    let parts: Vec<&str> = s.split(sep).collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(DateError::Format);
    };
    let (year, month, day) = if a.len() == 4 && sep == '-' {
        (*a, *b, *c)
    } else {
        (*c, *b, *a)
    };
    if year.len() != 4 || !(1..=2).contains(&month.len()) || !(1..=2).contains(&day.len()) {
        return Err(DateError::Format);
    }
    let (Some(y), Some(m), Some(d)) = (number(year), number(month), number(day)) else {
        return Err(DateError::Format);
    };
    if y < 1000 {
        return Err(DateError::Format);
    }
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or(DateError::NoSuchDate)
}

/// ASCII digits only: `str::parse` would also accept a leading `+`.
fn number(s: &str) -> Option<u32> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `dd-mm-jjjj`.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn accepted_forms() {
        for s in [
            "03-11-1985",
            "3-11-1985",
            "3/11/1985",
            "03.11.1985",
            "1985-11-03",
            " 3-11-1985 ",
        ] {
            assert_eq!(parse_date(s).ok(), ymd(1985, 11, 3), "{s}");
        }
    }

    #[test]
    fn rejected_forms() {
        assert_eq!(parse_date(""), Err(DateError::Empty));
        assert_eq!(parse_date("3-11-85"), Err(DateError::Format));
        assert_eq!(parse_date("3-11/1985"), Err(DateError::Format));
        assert_eq!(parse_date("31-02-2020"), Err(DateError::NoSuchDate));
        assert_eq!(parse_date("3 november 1985"), Err(DateError::Format));
    }
}
