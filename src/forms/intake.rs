//! Loading `intake.toml` into a [`FormDef`], with a Dutch `file:line` problem for every
//! mistake a municipality can make while editing it.

use super::conditions::{condition_from_toml, located_problems, LocatedCondition};
use super::model::{ChoiceOption, FormDef, Kind, Question, Section, SectionScreen, Text};
use super::toml_read::{number_of, DeTable, DeValue, Reader};
use super::Problem;
use crate::domain::facts::COMPUTED_IDS;
use crate::domain::Value;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

/// The kind names, as written in the file.
pub const KIND_NAMES: &[&str] = &[
    "text", "textarea", "integer", "money", "date", "yesno", "choice", "multi", "bsn",
];

/// Longest `max_len` a one-line text may have; longer belongs in a `textarea`.
const MAX_TEXT_LEN: i64 = 10_000;
/// `max_len` of a `text` question that does not set one.
pub const DEFAULT_TEXT_LEN: usize = 200;
/// Bounds for `min`/`max` of an integer question: beyond this it is not a count a
/// consultant types.
const INT_LIMIT: i64 = 1_000_000_000;

const FORM_KEYS: &[&str] = &["id", "version", "nl", "en", "section"];
const SECTION_KEYS: &[&str] = &[
    "id", "nl", "en", "intro_nl", "intro_en", "screen", "show_if", "question",
];
const QUESTION_KEYS: &[&str] = &[
    "id",
    "kind",
    "nl",
    "en",
    "help_nl",
    "help_en",
    "required",
    "sensitive",
    "show_if",
    "default",
    "min",
    "max",
    "max_len",
    "options",
];
const OPTION_KEYS: &[&str] = &["id", "nl", "en", "exclusive"];

/// A question the program itself relies on: it must exist with this kind and options.
struct Needed {
    id: &'static str,
    kind: &'static str,
    options: &'static [&'static str],
    by: &'static str,
}

const LADDER: &str = "de participatieladder";
const PERSON: &str = "de gegevens van de inwoner";
const LADDER_SCREEN: &str = "het ladderscherm";

const NEEDED: &[Needed] = &[
    Needed {
        id: "persoon.voornamen",
        kind: "text",
        options: &[],
        by: PERSON,
    },
    Needed {
        id: "persoon.achternaam",
        kind: "text",
        options: &[],
        by: PERSON,
    },
    Needed {
        id: "persoon.geboortedatum",
        kind: "date",
        options: &[],
        by: PERSON,
    },
    Needed {
        id: "persoon.bsn",
        kind: "bsn",
        options: &[],
        by: PERSON,
    },
    Needed {
        id: "werk.betaald",
        kind: "yesno",
        options: &[],
        by: LADDER,
    },
    Needed {
        id: "werk.ondersteuning",
        kind: "multi",
        options: &["geen"],
        by: LADDER,
    },
    Needed {
        id: "inkomen.bronnen",
        kind: "multi",
        options: &["bijstand", "uwv_uitkering"],
        by: LADDER,
    },
    Needed {
        id: "taal.inburgeringsplichtig",
        kind: "yesno",
        options: &[],
        by: LADDER,
    },
    Needed {
        id: "meedoen.onbetaald_werk",
        kind: "choice",
        options: &["wekelijks", "minder"],
        by: LADDER,
    },
    Needed {
        id: "meedoen.georganiseerd",
        kind: "choice",
        options: &["wekelijks", "minder"],
        by: LADDER,
    },
    Needed {
        id: "meedoen.sociaal_contact",
        kind: "choice",
        options: &["wekelijks"],
        by: LADDER,
    },
    Needed {
        id: "meedoen.mantelzorg",
        kind: "yesno",
        options: &[],
        by: LADDER,
    },
    Needed {
        id: "verwachting.trede",
        kind: "choice",
        options: &["1", "2", "3", "4", "5", "6"],
        by: LADDER_SCREEN,
    },
    Needed {
        id: "verwachting.termijn_maanden",
        kind: "integer",
        options: &[],
        by: LADDER_SCREEN,
    },
];

/// Load the intake form. Every problem is reported, in line order.
pub fn parse_intake(file: &Path, text: &str) -> Result<FormDef, Vec<Problem>> {
    match parse_intake_lenient(file, text) {
        (Some(form), problems) if problems.is_empty() => Ok(form),
        (_, problems) => Err(problems),
    }
}

/// Load as much of the form as can be read, with all problems. The partial form lets the
/// rule files still be checked against the questions that did load.
pub fn parse_intake_lenient(file: &Path, text: &str) -> (Option<FormDef>, Vec<Problem>) {
    let mut r = Reader::new(file, text);
    let Some(doc) = r.parse() else {
        return (None, r.problems);
    };
    let doc = doc.get_ref();
    r.unknown_keys(doc, FORM_KEYS, "het formulier");

    let id = match r.get_str(doc, "id", "het formulier") {
        Some((id, span)) => {
            if !is_name(id) {
                r.problem(
                    span,
                    format!("het id '{id}' van het formulier mag alleen kleine letters, cijfers en _ bevatten"),
                );
            }
            id.to_string()
        }
        None => {
            if !doc.contains_key("id") {
                r.problem_at_line(
                    0,
                    "het formulier heeft geen id; zet bovenaan id = \"intake\"",
                );
            }
            String::new()
        }
    };
    let version = match r.get_int(doc, "version", "het formulier") {
        Some((v, span)) => match u32::try_from(v) {
            Ok(v) if v >= 1 => v,
            _ => {
                r.problem(
                    span,
                    "de version van het formulier moet een heel getal van 1 of meer zijn",
                );
                1
            }
        },
        None => {
            if !doc.contains_key("version") {
                r.problem_at_line(
                    0,
                    "het formulier heeft geen versie; zet bovenaan version = 1",
                );
            }
            1
        }
    };
    let title = text_of(&mut r, doc, "nl", "en", "het formulier", 0, "titel");

    let mut sections = Vec::new();
    let mut acc = Collected::default();

    match doc.get("section") {
        None => r.problem_at_line(
            0,
            "het formulier heeft geen onderdelen; begin een onderdeel met [[section]]",
        ),
        Some(v) => match v.get_ref().as_array() {
            Some(items) if !items.is_empty() => {
                for item in items.iter() {
                    let Some(t) = item.get_ref().as_table() else {
                        r.problem(
                            item.span(),
                            "een onderdeel moet een tabel zijn: [[section]]",
                        );
                        continue;
                    };
                    let section = read_section(&mut r, t, item.span(), &mut acc, sections.len());
                    sections.push(section);
                }
            }
            _ => r.problem(
                v.span(),
                "het formulier heeft geen onderdelen; begin een onderdeel met [[section]]",
            ),
        },
    }

    let mut form = FormDef {
        id,
        version,
        title,
        sections,
        source: text.to_string(),
        hash: sha256_hex(text),
    };
    for (owner, cond) in &acc.conditions {
        check_condition(&mut r, &form, owner, cond, &acc.kindless);
    }
    for (owner, cond) in acc.conditions {
        match owner {
            Owner::Section(s) => {
                if let Some(section) = form.sections.get_mut(s) {
                    section.show_if = Some(cond.condition);
                }
            }
            Owner::Question(s, q) => {
                if let Some(question) = form
                    .sections
                    .get_mut(s)
                    .and_then(|x| x.questions.get_mut(q))
                {
                    question.show_if = Some(cond.condition);
                }
            }
        }
    }
    let mut problems = r.problems;
    problems.sort_by_key(|p| p.line);
    (Some(form), problems)
}

/// Hex SHA-256 of a form's text, recorded with every intake filled with it.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What reading the sections gathers for the checks that need the whole form.
#[derive(Default)]
struct Collected {
    conditions: Vec<(Owner, LocatedCondition)>,
    seen_sections: HashMap<String, usize>,
    seen_questions: HashMap<String, usize>,
    /// Questions whose kind is missing or unknown.
    kindless: Vec<String>,
}

/// Where a condition sits: section index, or section and question index.
#[derive(Debug, Clone, Copy)]
enum Owner {
    Section(usize),
    Question(usize, usize),
}

fn read_section(
    r: &mut Reader<'_>,
    t: &DeTable<'_>,
    span: Range<usize>,
    acc: &mut Collected,
    index: usize,
) -> Section {
    let line = r.line(span.start);
    let id = match r.get_str(t, "id", "een onderdeel") {
        Some((id, id_span)) => {
            if !is_name(id) {
                r.problem(
                    id_span.clone(),
                    format!("het id '{id}' van een onderdeel mag alleen kleine letters, cijfers en _ bevatten"),
                );
            }
            if let Some(first) = acc.seen_sections.get(id) {
                r.problem(
                    id_span,
                    format!(
                        "onderdeel '{id}' staat twee keer in het formulier (ook op regel {first})"
                    ),
                );
            } else {
                acc.seen_sections.insert(id.to_string(), line);
            }
            id.to_string()
        }
        None => {
            if !t.contains_key("id") {
                r.problem(
                    span.clone(),
                    "een onderdeel heeft geen id; vul id = \"…\" in",
                );
            }
            String::new()
        }
    };
    let what = format!("onderdeel '{id}'");
    r.unknown_keys(t, SECTION_KEYS, &what);
    let title = text_of(r, t, "nl", "en", &what, line, "titel");
    let intro = optional_text_of(r, t, "intro_nl", "intro_en", &what);
    let screen = match r.get_str(t, "screen", &what) {
        None | Some(("wizard", _)) => SectionScreen::Wizard,
        Some(("ladder", _)) => SectionScreen::Ladder,
        Some((other, s)) => {
            r.problem(
                s,
                format!("onbekend scherm '{other}' bij {what}; kies wizard of ladder"),
            );
            SectionScreen::Wizard
        }
    };
    if let Some(v) = t.get("show_if") {
        if let Some(c) = condition_from_toml(r, v, &what) {
            acc.conditions.push((Owner::Section(index), c));
        }
    }
    let mut questions = Vec::new();
    let empty = format!("{what} heeft geen vragen; voeg er een toe met [[section.question]]");
    match t.get("question") {
        None => r.problem(span, empty),
        Some(v) => match v.get_ref().as_array() {
            Some(items) if !items.is_empty() => {
                for item in items.iter() {
                    let Some(qt) = item.get_ref().as_table() else {
                        r.problem(
                            item.span(),
                            "een vraag moet een tabel zijn: [[section.question]]",
                        );
                        continue;
                    };
                    let q_index = questions.len();
                    if let Some((q, cond, kind_ok)) =
                        read_question(r, &id, qt, item.span(), &mut acc.seen_questions)
                    {
                        if !kind_ok {
                            acc.kindless.push(q.id.clone());
                        }
                        if let Some(c) = cond {
                            acc.conditions.push((Owner::Question(index, q_index), c));
                        }
                        questions.push(q);
                    }
                }
            }
            _ => r.problem(v.span(), empty),
        },
    }
    Section {
        id,
        title,
        intro,
        show_if: None,
        screen,
        questions,
        line,
    }
}

fn read_question(
    r: &mut Reader<'_>,
    section: &str,
    t: &DeTable<'_>,
    span: Range<usize>,
    seen: &mut HashMap<String, usize>,
) -> Option<(Question, Option<LocatedCondition>, bool)> {
    let line = r.line(span.start);
    let id = match r.get_str(t, "id", &format!("een vraag in onderdeel '{section}'")) {
        Some((id, id_span)) => {
            check_question_id(r, section, id, id_span.clone());
            if let Some(first) = seen.get(id) {
                r.problem(
                    id_span,
                    format!("vraag '{id}' staat twee keer in het formulier (ook op regel {first})"),
                );
            } else {
                seen.insert(id.to_string(), line);
            }
            id.to_string()
        }
        None => {
            if !t.contains_key("id") {
                r.problem(
                    span.clone(),
                    format!("een vraag in onderdeel '{section}' heeft geen id; gebruik id = \"{section}.naam\""),
                );
            }
            return None;
        }
    };
    let what = format!("vraag '{id}'");
    r.unknown_keys(t, QUESTION_KEYS, &what);
    let kinds = KIND_NAMES.join(", ");
    let kind_name = match r.get_str(t, "kind", &what) {
        Some((k, s)) => {
            if !KIND_NAMES.contains(&k) {
                r.problem(
                    s,
                    format!("vraag '{id}' heeft een onbekend soort '{k}'; kies uit {kinds}"),
                );
                None
            } else {
                Some(k)
            }
        }
        None => {
            if !t.contains_key("kind") {
                r.problem(
                    span.clone(),
                    format!(
                        "vraag '{id}' heeft geen soort; vul kind = \"…\" in en kies uit {kinds}"
                    ),
                );
            }
            None
        }
    };
    let label = text_of(r, t, "nl", "en", &what, line, "tekst");
    let help = optional_text_of(r, t, "help_nl", "help_en", &what);
    let required = r.get_bool(t, "required", &what);
    let sensitive = r.get_bool(t, "sensitive", &what);

    // Keys that only some kinds have: complain only once the kind is known.
    if let Some(k) = kind_name {
        let own: &[&str] = match k {
            "text" => &["max_len", "default"],
            "textarea" | "money" | "yesno" => &["default"],
            "integer" => &["min", "max", "default"],
            "choice" => &["options", "default"],
            "multi" => &["options"],
            _ => &[],
        };
        for key in ["min", "max", "max_len", "options", "default"] {
            if let (Some((k_span, _)), false) = (t.get_key_value(key), own.contains(&key)) {
                r.problem(
                    k_span.span(),
                    format!("vraag '{id}' van soort {k} kan geen '{key}' hebben"),
                );
            }
        }
    }

    let options = read_options(r, &id, t, kind_name);
    let kind = match kind_name {
        Some("text") => {
            let max_len = match r.get_int(t, "max_len", &what) {
                Some((n, _)) if (1..=MAX_TEXT_LEN).contains(&n) => n as usize,
                Some((_, s)) => {
                    r.problem(
                        s,
                        format!("max_len van vraag '{id}' moet tussen 1 en {MAX_TEXT_LEN} liggen"),
                    );
                    DEFAULT_TEXT_LEN
                }
                None => DEFAULT_TEXT_LEN,
            };
            Kind::Text { max_len }
        }
        Some("integer") => {
            let min = r.get_int(t, "min", &what);
            let max = r.get_int(t, "max", &what);
            match (min, max) {
                (Some((min, s)), Some((max, _))) => {
                    if min.abs() > INT_LIMIT || max.abs() > INT_LIMIT {
                        r.problem(
                            s,
                            format!("min en max van vraag '{id}' moeten tussen -{INT_LIMIT} en {INT_LIMIT} liggen"),
                        );
                    } else if min >= max {
                        r.problem(
                            s,
                            format!(
                                "bij vraag '{id}' moet min ({min}) kleiner zijn dan max ({max})"
                            ),
                        );
                    }
                    Kind::Integer { min, max }
                }
                _ => {
                    if !(t.contains_key("min") && t.contains_key("max")) {
                        r.problem(
                            span.clone(),
                            format!("vraag '{id}' van soort integer heeft min en max nodig, bijvoorbeeld min = 0 en max = 80"),
                        );
                    }
                    Kind::Integer { min: 0, max: 0 }
                }
            }
        }
        Some("textarea") => Kind::Textarea,
        Some("money") => Kind::Money,
        Some("date") => Kind::Date,
        Some("yesno") => Kind::YesNo,
        Some("choice") => Kind::Choice,
        Some("multi") => Kind::Multi,
        Some("bsn") => Kind::Bsn,
        // Unknown kind (already reported): keep the question so that other files'
        // references to it do not also fail.
        _ => {
            if options.is_empty() {
                Kind::Textarea
            } else {
                Kind::Choice
            }
        }
    };
    let mut question = Question {
        id,
        kind,
        label,
        help,
        required,
        sensitive,
        options,
        show_if: None,
        line,
        default: None,
    };
    if kind_name.is_some() {
        question.default = read_default(r, t, &question);
    }
    let cond = t
        .get("show_if")
        .and_then(|v| condition_from_toml(r, v, &what));
    Some((question, cond, kind_name.is_some()))
}

fn check_question_id(r: &mut Reader<'_>, section: &str, id: &str, span: Range<usize>) {
    match id.split_once('.') {
        // A bad section id is reported once, at the section; here only the match counts.
        Some((prefix, name)) if (is_name(prefix) || !is_name(section)) && is_name(name) => {
            if prefix != section {
                r.problem(
                    span,
                    format!("vraag '{id}' staat in onderdeel '{section}'; het id moet beginnen met '{section}.'"),
                );
            }
        }
        _ => r.problem(
            span,
            format!("het id '{id}' moet de vorm '{section}.naam' hebben, met alleen kleine letters, cijfers en _"),
        ),
    }
}

fn read_options(
    r: &mut Reader<'_>,
    qid: &str,
    t: &DeTable<'_>,
    kind: Option<&str>,
) -> Vec<ChoiceOption> {
    let mut options = Vec::new();
    let with_options = matches!(kind, Some("choice" | "multi"));
    let Some(v) = t.get("options") else {
        if with_options {
            let k = kind.unwrap_or_default();
            r.problem(
                t.get_key_value("kind")
                    .map(|(k, _)| k.span())
                    .unwrap_or(0..0),
                format!("vraag '{qid}' van soort {k} heeft geen keuzes; vul options = [ … ] in"),
            );
        }
        return options;
    };
    let Some(items) = v.get_ref().as_array() else {
        r.problem(
            v.span(),
            format!("options van vraag '{qid}' moet een lijst zijn: [ {{ id = \"…\", nl = \"…\" }}, … ]"),
        );
        return options;
    };
    if items.is_empty() && with_options {
        r.problem(
            v.span(),
            format!("vraag '{qid}' heeft een lege lijst met keuzes"),
        );
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for item in items.iter() {
        let line = r.line(item.span().start);
        let Some(ot) = item.get_ref().as_table() else {
            r.problem(
                item.span(),
                format!("een keuze van vraag '{qid}' moet er zo uitzien: {{ id = \"…\", nl = \"…\", en = \"…\" }}"),
            );
            continue;
        };
        let what_any = format!("een keuze van vraag '{qid}'");
        let Some((oid, oid_span)) = r.get_str(ot, "id", &what_any) else {
            if !ot.contains_key("id") {
                r.problem(
                    item.span(),
                    format!("{what_any} heeft geen id; vul id = \"…\" in"),
                );
            }
            continue;
        };
        let what = format!("keuze '{oid}' van vraag '{qid}'");
        r.unknown_keys(ot, OPTION_KEYS, &what);
        if !is_name(oid) {
            r.problem(
                oid_span.clone(),
                format!("het id '{oid}' van een keuze van vraag '{qid}' mag alleen kleine letters, cijfers en _ bevatten"),
            );
        }
        if let Some(first) = seen.get(oid) {
            r.problem(
                oid_span,
                format!("keuze '{oid}' staat twee keer bij vraag '{qid}' (ook op regel {first})"),
            );
        } else {
            seen.insert(oid.to_string(), line);
        }
        let label = text_of(r, ot, "nl", "en", &what, line, "tekst");
        let exclusive = r.get_bool(ot, "exclusive", &what);
        if exclusive && kind.is_some() && kind != Some("multi") {
            let span = ot
                .get_key_value("exclusive")
                .map(|(k, _)| k.span())
                .unwrap_or(item.span());
            r.problem(
                span,
                format!("{what} is exclusive, maar dat kan alleen bij soort multi"),
            );
        }
        options.push(ChoiceOption {
            id: oid.to_string(),
            label,
            exclusive,
        });
    }
    options
}

fn read_default(r: &mut Reader<'_>, t: &DeTable<'_>, q: &Question) -> Option<Value> {
    let v = t.get("default")?;
    let id = &q.id;
    let value = match (&q.kind, v.get_ref()) {
        (Kind::Integer { min, max }, DeValue::Integer(_)) => {
            let n = super::toml_read::int_of(v.get_ref())?;
            if n < *min || n > *max {
                r.problem(
                    v.span(),
                    format!("de default van vraag '{id}' moet tussen {min} en {max} liggen"),
                );
                return None;
            }
            Value::Int(n)
        }
        (Kind::YesNo, DeValue::Boolean(b)) => Value::Bool(*b),
        (Kind::Choice, DeValue::String(s)) => {
            if q.option(s).is_none() {
                r.problem(
                    v.span(),
                    format!("de default van vraag '{id}' is '{s}', maar die keuze bestaat niet"),
                );
                return None;
            }
            Value::Choice(s.to_string())
        }
        (Kind::Text { .. } | Kind::Textarea, DeValue::String(s)) => Value::Text(s.to_string()),
        (Kind::Money, DeValue::Integer(_) | DeValue::Float(_)) => {
            let euros = number_of(v.get_ref())?;
            Value::Money((euros * 100.0).round() as i64)
        }
        _ => {
            r.problem(
                v.span(),
                format!(
                    "de default van vraag '{id}' past niet bij soort {}",
                    q.kind.name()
                ),
            );
            return None;
        }
    };
    Some(value)
}

/// A required Dutch text with optional English.
fn text_of(
    r: &mut Reader<'_>,
    t: &DeTable<'_>,
    nl_key: &str,
    en_key: &str,
    what: &str,
    line: usize,
    noun: &str,
) -> Text {
    let nl = r
        .get_str(t, nl_key, what)
        .map(|(s, _)| s.trim().to_string());
    let en = r
        .get_str(t, en_key, what)
        .map(|(s, _)| s.trim().to_string())
        .filter(|s| !s.is_empty());
    match nl {
        Some(nl) if !nl.is_empty() => Text { nl, en },
        _ => {
            if nl.is_some() || !t.contains_key(nl_key) {
                r.problem_at_line(
                    line,
                    format!("{what} heeft geen Nederlandse {noun}; vul {nl_key} = \"…\" in"),
                );
            }
            Text {
                nl: String::new(),
                en,
            }
        }
    }
}

/// An optional text; English alone is a problem because Dutch is what is shown by default.
fn optional_text_of(
    r: &mut Reader<'_>,
    t: &DeTable<'_>,
    nl_key: &str,
    en_key: &str,
    what: &str,
) -> Option<Text> {
    let nl = r
        .get_str(t, nl_key, what)
        .map(|(s, _)| s.trim().to_string());
    let en = r.get_str(t, en_key, what);
    match (nl, en) {
        (Some(nl), en) if !nl.is_empty() => Some(Text {
            nl,
            en: en
                .map(|(s, _)| s.trim().to_string())
                .filter(|s| !s.is_empty()),
        }),
        (_, Some((_, span))) => {
            r.problem(
                span,
                format!(
                    "{what} heeft {en_key} maar geen {nl_key}; vul ook de Nederlandse tekst in"
                ),
            );
            None
        }
        _ => None,
    }
}

fn check_condition(
    r: &mut Reader<'_>,
    form: &FormDef,
    owner: &Owner,
    cond: &LocatedCondition,
    kindless: &[String],
) {
    // A test on a question whose kind is wrong would only repeat that problem.
    let tests: Vec<(usize, crate::domain::Condition)> = cond
        .tests
        .iter()
        .filter(|(_, t)| {
            !t.referenced_ids()
                .iter()
                .any(|id| kindless.iter().any(|k| k == id))
        })
        .cloned()
        .collect();
    let checked = LocatedCondition {
        condition: cond.condition.clone(),
        tests,
    };
    for (line, message) in located_problems(form, &[], &checked) {
        r.problem_at_line(line, message);
    }
    // A condition may only look back: that keeps the form free of cycles and makes
    // "is this question shown" a single pass in form order.
    let order: Vec<&str> = form.questions().map(|q| q.id.as_str()).collect();
    let (limit, own_id, what) = match *owner {
        Owner::Section(s) => {
            let before: usize = form
                .sections
                .iter()
                .take(s)
                .map(|x| x.questions.len())
                .sum();
            let id = form
                .sections
                .get(s)
                .map(|x| x.id.as_str())
                .unwrap_or_default();
            (before, None, format!("onderdeel '{id}'"))
        }
        Owner::Question(s, q) => {
            let before: usize = form
                .sections
                .iter()
                .take(s)
                .map(|x| x.questions.len())
                .sum::<usize>()
                + q;
            let id = form
                .sections
                .get(s)
                .and_then(|x| x.questions.get(q))
                .map(|x| x.id.as_str())
                .unwrap_or_default();
            (before, Some(id), format!("vraag '{id}'"))
        }
    };
    for (line, test) in &cond.tests {
        for q in test.referenced_ids() {
            if COMPUTED_IDS.contains(&q) {
                continue;
            }
            let Some(pos) = order.iter().position(|x| *x == q) else {
                continue;
            };
            if Some(q) == own_id {
                r.problem_at_line(*line, format!("{what} kan niet van zichzelf afhangen"));
            } else if pos >= limit {
                r.problem_at_line(
                    *line,
                    format!("{what} hangt af van '{q}', maar die vraag staat later in het formulier; een voorwaarde mag alleen naar een eerdere vraag kijken"),
                );
            }
        }
    }
}

/// Problems with the questions the program itself relies on (the ladder procedure, the
/// resident's identity, the ladder screen): each must exist with its kind and options.
/// Separate from [`parse_intake`] so that a small form can be checked on its own.
pub fn needed_problems(file: &Path, form: &FormDef) -> Vec<Problem> {
    let mut r = Reader::new(file, &form.source);
    for need in NEEDED {
        let Some(q) = form.question(need.id) else {
            r.problem_at_line(
                0,
                format!(
                    "het formulier mist vraag '{}' (soort {}); {} heeft die nodig",
                    need.id, need.kind, need.by
                ),
            );
            continue;
        };
        if q.kind.name() != need.kind {
            r.problem_at_line(
                q.line,
                format!(
                    "vraag '{}' moet van soort {} zijn, want {} gebruikt hem",
                    need.id, need.kind, need.by
                ),
            );
            continue;
        }
        for option in need.options {
            if q.option(option).is_none() {
                r.problem_at_line(
                    q.line,
                    format!(
                        "vraag '{}' mist keuze '{option}'; {} gebruikt die",
                        need.id, need.by
                    ),
                );
            }
        }
    }
    let mut problems = r.problems;
    problems.sort_by_key(|p| p.line);
    problems
}

/// Ids of sections, questions and options: lowercase letters, digits and `_`.
fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}
