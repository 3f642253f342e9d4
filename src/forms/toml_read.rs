//! Reading a TOML file with line numbers: spans to 1-based lines, and typed getters that
//! collect Dutch problems instead of stopping at the first one.

use super::Problem;
use std::ops::Range;
use std::path::{Path, PathBuf};

pub use toml::de::{DeTable, DeValue};
pub use toml::Spanned;

/// One file being read: its text, its name for messages, and the problems found so far.
#[derive(Debug)]
pub struct Reader<'a> {
    pub file: PathBuf,
    pub text: &'a str,
    line_starts: Vec<usize>,
    pub problems: Vec<Problem>,
}

impl<'a> Reader<'a> {
    pub fn new(file: &Path, text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Reader {
            file: file.to_path_buf(),
            text,
            line_starts,
            problems: Vec::new(),
        }
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i.max(1),
        }
    }

    /// Record a problem at the line where `span` starts.
    pub fn problem(&mut self, span: Range<usize>, message: impl Into<String>) {
        let line = self.line(span.start);
        self.problem_at_line(line, message);
    }

    /// Record a problem at a line (0 for the file as a whole).
    pub fn problem_at_line(&mut self, line: usize, message: impl Into<String>) {
        self.problems.push(Problem {
            file: self.file.clone(),
            line,
            message: message.into(),
        });
    }

    /// Parse the whole file; syntax errors become problems and give `None`.
    pub fn parse(&mut self) -> Option<Spanned<DeTable<'a>>> {
        match DeTable::parse(self.text) {
            Ok(t) => Some(t),
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let line_text = self
                    .text
                    .get(..span.start.min(self.text.len()))
                    .map(|before| before.rfind('\n').map_or(0, |i| i + 1))
                    .and_then(|start| self.text.get(start..))
                    .and_then(|rest| rest.lines().next())
                    .unwrap_or_default();
                let message = syntax_message(e.message(), line_text);
                self.problem(span, message);
                None
            }
        }
    }

    /// Report keys of `table` that are not in `allowed`, suggesting a near one.
    pub fn unknown_keys(&mut self, table: &DeTable<'_>, allowed: &[&str], what: &str) {
        for key in table.keys() {
            let name: &str = key.get_ref();
            if allowed.contains(&name) {
                continue;
            }
            let hint = match closest(name, allowed.iter().copied()) {
                Some(near) => format!("; bedoelt u '{near}'?"),
                None => format!("; gebruik {}", allowed.join(", ")),
            };
            self.problem(
                key.span(),
                format!("onbekende sleutel '{name}' bij {what}{hint}"),
            );
        }
    }

    /// A string value; a value of another type is a problem.
    pub fn get_str<'t>(
        &mut self,
        table: &'t DeTable<'_>,
        key: &str,
        what: &str,
    ) -> Option<(&'t str, Range<usize>)> {
        let v = table.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some((s.as_ref(), v.span())),
            _ => {
                self.problem(
                    v.span(),
                    format!("'{key}' bij {what} moet tekst tussen aanhalingstekens zijn"),
                );
                None
            }
        }
    }

    /// A boolean value (absent is `false`).
    pub fn get_bool(&mut self, table: &DeTable<'_>, key: &str, what: &str) -> bool {
        let Some(v) = table.get(key) else {
            return false;
        };
        match v.get_ref() {
            DeValue::Boolean(b) => *b,
            _ => {
                self.problem(
                    v.span(),
                    format!("'{key}' bij {what} moet true of false zijn (zonder aanhalingstekens)"),
                );
                false
            }
        }
    }

    /// A whole number.
    pub fn get_int(
        &mut self,
        table: &DeTable<'_>,
        key: &str,
        what: &str,
    ) -> Option<(i64, Range<usize>)> {
        let v = table.get(key)?;
        match int_of(v.get_ref()) {
            Some(i) => Some((i, v.span())),
            None => {
                self.problem(
                    v.span(),
                    format!(
                        "'{key}' bij {what} moet een heel getal zijn (zonder aanhalingstekens)"
                    ),
                );
                None
            }
        }
    }
}

/// The integer in a TOML value, if it is one that fits in an `i64`.
pub fn int_of(v: &DeValue<'_>) -> Option<i64> {
    match v {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
        _ => None,
    }
}

/// The number in a TOML integer or (finite) float.
pub fn number_of(v: &DeValue<'_>) -> Option<f64> {
    match v {
        DeValue::Integer(_) => int_of(v).map(|i| i as f64),
        DeValue::Float(f) => f.as_str().parse::<f64>().ok().filter(|x| x.is_finite()),
        _ => None,
    }
}

/// A Dutch sentence for a TOML syntax error; the parser's own words are kept in brackets
/// because they name the exact character that is wrong.
fn syntax_message(detail: &str, line_text: &str) -> String {
    // The most common slip: a word without quotes (`kind = text`), which TOML reads as a
    // broken number.
    if let Some((key, value)) = line_text.split_once('=') {
        let value = value.trim();
        let bare_word = value.chars().next().is_some_and(char::is_alphabetic)
            && !matches!(value, "true" | "false")
            && !value.starts_with("inf")
            && !value.starts_with("nan");
        if bare_word {
            let key = key.trim();
            let word = value
                .split(|c: char| c.is_whitespace() || c == ',')
                .next()
                .unwrap_or(value);
            return format!("zet tekst tussen aanhalingstekens: {key} = \"{word}\"");
        }
    }
    let detail = detail
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    if detail.contains("must be quoted") {
        return format!("zet tekst tussen aanhalingstekens ({detail})");
    }
    if detail.contains("duplicate key") {
        return format!("een sleutel staat twee keer in dezelfde tabel ({detail})");
    }
    if detail.contains("unclosed") || (detail.contains("invalid") && detail.contains("string")) {
        return format!("een tekst of haakje is niet afgesloten ({detail})");
    }
    format!("dit is geen geldige TOML ({detail})")
}

/// The candidate nearest to `word` by edit distance, if it is close enough to be a typo.
pub fn closest<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let best = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            cur.push(best);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based_and_count_newlines() {
        let r = Reader::new(Path::new("x.toml"), "a = 1\nb = 2\n\nc = 3");
        assert_eq!(r.line(0), 1);
        assert_eq!(r.line(5), 1);
        assert_eq!(r.line(6), 2);
        assert_eq!(r.line(13), 4);
    }

    #[test]
    fn typo_suggestion_finds_the_near_key() {
        let keys = ["required", "sensitive", "show_if"];
        assert_eq!(closest("requird", keys.iter().copied()), Some("required"));
        assert_eq!(closest("xyz", keys.iter().copied()), None);
    }
}
