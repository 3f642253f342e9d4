//! Search keys for residents: names folded (lower case, no diacritics), surnames findable
//! with and without tussenvoegsel, and what a typed query asks for.

/// Words that start a Dutch surname but are not sorted on ("de Vries" sorts under V).
const TUSSENVOEGSELS: &[&str] = &[
    "van", "de", "der", "den", "het", "t", "ter", "ten", "te", "in", "op", "aan", "bij", "onder",
    "over", "uit", "voor", "vd", "v", "la", "le", "du", "des", "d", "von", "zu", "zum", "dos",
    "da", "di", "del", "della", "dei",
];

/// At most this many search keys per surname (one per word it may be searched from).
const MAX_SURNAME_KEYS: usize = 4;
/// At most this many search keys per resident: the surname keys plus first names first.
pub const MAX_KEYS: usize = MAX_SURNAME_KEYS + 1;

/// Lower case, diacritics folded (é→e, ï→i, ß→ss), punctuation to spaces, spaces collapsed.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars().flat_map(char::to_lowercase) {
        let mapped: &str = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
            'ĥ' | 'ħ' => "h",
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
            'ĳ' => "ij",
            'ĵ' => "j",
            'ķ' => "k",
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
            'ñ' | 'ń' | 'ņ' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
            'œ' => "oe",
            'ŕ' | 'ŗ' | 'ř' => "r",
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
            'ß' => "ss",
            'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
            'þ' => "th",
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
            'ŵ' => "w",
            'ý' | 'ÿ' | 'ŷ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            // Combining marks left by decomposed input ("e\u{301}").
            '\u{300}'..='\u{36f}' => "",
            c if c.is_alphanumeric() => {
                out.push(c);
                space = false;
                continue;
            }
            // Hyphens, apostrophes ('t Hart), commas ("Vries, Jan"), dots: word breaks.
            _ => " ",
        };
        if mapped == " " {
            if !space {
                out.push(' ');
                space = true;
            }
        } else if !mapped.is_empty() {
            out.push_str(mapped);
            space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Split a folded surname into (tussenvoegsel words, the rest).
fn split_prefix(surname: &str) -> (Vec<&str>, Vec<&str>) {
    let words: Vec<&str> = surname.split(' ').filter(|w| !w.is_empty()).collect();
    let n = words
        .iter()
        .take_while(|w| TUSSENVOEGSELS.contains(w))
        .count();
    if n == words.len() {
        // A surname made only of such words ("Van") is sorted on itself.
        return (Vec::new(), words);
    }
    let (pre, core) = words.split_at(n);
    (pre.to_vec(), core.to_vec())
}

/// The key residents are listed by: surname without tussenvoegsel, first names, then the
/// tussenvoegsel ("Vries, Jan de" — the Dutch telephone-book order).
pub fn sort_key(first_names: &str, surname: &str) -> String {
    let (pre, core) = split_prefix_owned(surname);
    let mut key = core;
    key.push('\u{1}');
    key.push_str(&fold(first_names));
    key.push('\u{1}');
    key.push_str(&pre);
    key
}

fn split_prefix_owned(surname: &str) -> (String, String) {
    let folded = fold(surname);
    let (pre, core) = split_prefix(&folded);
    (pre.join(" "), core.join(" "))
}

/// Every key a resident can be found by as a prefix: the surname from each of its words
/// on ("de vries jan", "vries jan"), and first names before surname ("jan de vries").
pub fn name_keys(first_names: &str, surname: &str) -> Vec<String> {
    let first = fold(first_names);
    let sur = fold(surname);
    let words: Vec<&str> = sur.split(' ').filter(|w| !w.is_empty()).collect();
    let mut keys = Vec::new();
    for i in 0..words.len().min(MAX_SURNAME_KEYS) {
        let tail = words[i..].join(" ");
        keys.push(join_words(&tail, &first));
    }
    if !first.is_empty() {
        keys.push(join_words(&first, &sur));
    }
    keys.retain(|k| !k.is_empty());
    keys.sort();
    keys.dedup();
    keys
}

fn join_words(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a} {b}"),
    }
}

/// What a typed query asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// Nothing typed: everyone, in name order.
    All,
    /// A folded name prefix.
    Name(String),
    /// Digits: a BSN prefix.
    Bsn(String),
    /// A date of birth as a prefix of `dd-mm-jjjj`.
    BirthDate(String),
    /// Looks like a date but cannot be one ("32-13"): nothing matches.
    Nothing,
}

/// Read a query: digits are a BSN, digits with `-`, `.` or `/` a date (`03-11-1985`,
/// `3-11`, ISO `1985-11-03`), anything else a name.
pub fn parse_query(input: &str) -> Query {
    let q = input.trim();
    if q.is_empty() {
        return Query::All;
    }
    let is_sep = |c: char| matches!(c, '-' | '.' | '/');
    if q.chars().all(|c| c.is_ascii_digit() || c == ' ') {
        let digits: String = q.chars().filter(char::is_ascii_digit).collect();
        return Query::Bsn(digits);
    }
    if q.chars().any(|c| c.is_ascii_digit()) && q.chars().all(|c| c.is_ascii_digit() || is_sep(c)) {
        return date_query(q, is_sep);
    }
    let name = fold(q);
    if name.is_empty() {
        Query::All
    } else {
        Query::Name(name)
    }
}

fn date_query(q: &str, is_sep: impl Fn(char) -> bool) -> Query {
    let parts: Vec<&str> = q.split(&is_sep).collect();
    // ISO 1985-11-03, complete.
    if parts.len() == 3 && parts[0].len() == 4 && !parts[2].is_empty() {
        let (Ok(y), Ok(m), Ok(d)) = (
            parts[0].parse::<u32>(),
            parts[1].parse::<u32>(),
            parts[2].parse::<u32>(),
        ) else {
            return Query::Nothing;
        };
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return Query::Nothing;
        }
        return Query::BirthDate(format!("{d:02}-{m:02}-{y:04}"));
    }
    if parts.len() > 3 {
        return Query::Nothing;
    }
    let last = parts.len() - 1;
    let mut out = String::new();
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            out.push('-');
        }
        let complete = k < last;
        match k {
            0 | 1 => {
                if part.len() > 2 || (complete && part.is_empty()) {
                    return Query::Nothing;
                }
                if complete {
                    let Ok(v) = part.parse::<u32>() else {
                        return Query::Nothing;
                    };
                    let max = if k == 0 { 31 } else { 12 };
                    if v == 0 || v > max {
                        return Query::Nothing;
                    }
                    out.push_str(&format!("{v:02}"));
                } else {
                    out.push_str(part);
                }
            }
            _ => {
                if part.len() > 4 {
                    return Query::Nothing;
                }
                out.push_str(part);
            }
        }
    }
    Query::BirthDate(out)
}

/// The exclusive upper bound for a prefix range query: every string that starts with
/// `prefix` sorts below it (U+10FFFF is the largest character).
pub fn prefix_end(prefix: &str) -> String {
    let mut s = String::with_capacity(prefix.len() + 4);
    s.push_str(prefix);
    s.push(char::MAX);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_diacritics_and_punctuation() {
        assert_eq!(fold("Zoë  Çelik-Öztürk"), "zoe celik ozturk");
        assert_eq!(fold("'t Hart"), "t hart");
        assert_eq!(fold("Ĳsbrand"), "ijsbrand");
        assert_eq!(fold("Vries, Jan"), "vries jan");
        assert_eq!(fold("Noe\u{308}l"), "noel");
    }

    #[test]
    fn keys_with_and_without_tussenvoegsel() {
        let keys = name_keys("Jan", "de Vries");
        assert!(keys.contains(&"de vries jan".to_string()));
        assert!(keys.contains(&"vries jan".to_string()));
        assert!(keys.contains(&"jan de vries".to_string()));
    }

    #[test]
    fn sort_key_ignores_tussenvoegsel() {
        assert!(sort_key("Jan", "de Vries") > sort_key("Piet", "Bakker"));
        assert!(sort_key("Jan", "de Vries") < sort_key("Anna", "Willems"));
    }

    #[test]
    fn queries() {
        assert_eq!(parse_query(""), Query::All);
        assert_eq!(parse_query("1112"), Query::Bsn("1112".into()));
        assert_eq!(
            parse_query("03-11-1985"),
            Query::BirthDate("03-11-1985".into())
        );
        assert_eq!(
            parse_query("3-11-1985"),
            Query::BirthDate("03-11-1985".into())
        );
        assert_eq!(
            parse_query("1985-11-03"),
            Query::BirthDate("03-11-1985".into())
        );
        assert_eq!(parse_query("03-11"), Query::BirthDate("03-11".into()));
        assert_eq!(parse_query("3-"), Query::BirthDate("03-".into()));
        assert_eq!(parse_query("32-11"), Query::Nothing);
        assert_eq!(parse_query("Dé Vries"), Query::Name("de vries".into()));
    }
}
