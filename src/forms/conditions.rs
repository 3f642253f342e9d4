//! Checking a condition against a form: every id it names exists, every option it names is
//! an option of that question, and the test fits the kind of question.

use super::model::{FormDef, Kind, Question};
use super::toml_read::{closest, number_of, DeValue, Reader, Spanned};
use crate::domain::facts::COMPUTED_IDS;
use crate::domain::{Condition, Literal};

/// The names of the tests, as written in a form file.
pub const TEST_NAMES: &[&str] = &[
    "equals",
    "in",
    "contains",
    "less_than",
    "greater_than",
    "answered",
    "all",
    "any",
    "not",
];

/// Dutch messages, one per problem (without file and line; the caller adds those).
/// `extra_ids` are ids besides the form's questions and the computed ids that the
/// condition may use (for contract rules: `ladder.trede`, `signaal.<id>`, …).
pub fn condition_problems(form: &FormDef, extra_ids: &[&str], cond: &Condition) -> Vec<String> {
    let mut out = Vec::new();
    check(form, extra_ids, cond, &mut out);
    out
}

fn check(form: &FormDef, extra_ids: &[&str], cond: &Condition, out: &mut Vec<String>) {
    match cond {
        Condition::All(cs) | Condition::Any(cs) => {
            if cs.is_empty() {
                let name = if matches!(cond, Condition::All(_)) {
                    "all"
                } else {
                    "any"
                };
                out.push(format!("de lijst van '{name}' in de voorwaarde is leeg"));
            }
            cs.iter().for_each(|c| check(form, extra_ids, c, out));
        }
        Condition::Not(c) => check(form, extra_ids, c, out),
        Condition::Answered { q } => {
            target(form, extra_ids, q, out);
        }
        Condition::Equals { q, value } => {
            if let Some(Target::Question(question)) = target(form, extra_ids, q, out) {
                check_literal(question, "equals", value, out);
            }
        }
        Condition::In { q, values } => {
            let t = target(form, extra_ids, q, out);
            if values.is_empty() {
                out.push(format!(
                    "de lijst 'values' bij de test 'in' op '{q}' is leeg"
                ));
            }
            if let Some(Target::Question(question)) = t {
                for v in values {
                    check_literal(question, "in", v, out);
                }
            }
        }
        Condition::Contains { q, value } => {
            if let Some(Target::Question(question)) = target(form, extra_ids, q, out) {
                match question.kind {
                    Kind::Multi | Kind::Choice => check_option(question, value, out),
                    _ => out.push(format!(
                        "de test 'contains' werkt alleen bij soort multi of choice, maar vraag '{q}' is van soort {}",
                        question.kind.name()
                    )),
                }
            }
        }
        Condition::LessThan { q, .. } | Condition::GreaterThan { q, .. } => {
            let name = if matches!(cond, Condition::LessThan { .. }) {
                "less_than"
            } else {
                "greater_than"
            };
            if let Some(Target::Question(question)) = target(form, extra_ids, q, out) {
                if !is_numeric(question) {
                    out.push(format!(
                        "de test '{name}' vergelijkt getallen, maar vraag '{q}' van soort {} is geen getal",
                        question.kind.name()
                    ));
                }
            }
        }
    }
}

enum Target<'f> {
    Question(&'f Question),
    /// A computed or caller-provided value: its type is not known here.
    Other,
}

fn target<'f>(
    form: &'f FormDef,
    extra_ids: &[&str],
    q: &str,
    out: &mut Vec<String>,
) -> Option<Target<'f>> {
    if let Some(question) = form.question(q) {
        return Some(Target::Question(question));
    }
    if COMPUTED_IDS.contains(&q) || extra_ids.contains(&q) {
        return Some(Target::Other);
    }
    let known = form
        .questions()
        .map(|x| x.id.as_str())
        .chain(COMPUTED_IDS.iter().copied())
        .chain(extra_ids.iter().copied());
    let hint = match closest(q, known) {
        Some(near) => format!("; bedoelt u '{near}'?"),
        None => String::new(),
    };
    out.push(format!(
        "de voorwaarde verwijst naar '{q}', maar die vraag bestaat niet{hint}"
    ));
    None
}

fn is_numeric(q: &Question) -> bool {
    match q.kind {
        Kind::Integer { .. } | Kind::Money | Kind::Date => true,
        Kind::Choice => {
            !q.options.is_empty() && q.options.iter().all(|o| o.id.parse::<f64>().is_ok())
        }
        _ => false,
    }
}

fn check_option(q: &Question, option: &str, out: &mut Vec<String>) {
    if q.option(option).is_none() {
        let ids: Vec<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
        out.push(format!(
            "de voorwaarde noemt keuze '{option}', maar vraag '{}' heeft die keuze niet; kies uit {}",
            q.id,
            ids.join(", ")
        ));
    }
}

fn check_literal(q: &Question, test: &str, value: &Literal, out: &mut Vec<String>) {
    let id = &q.id;
    match (&q.kind, value) {
        (Kind::YesNo, Literal::Bool(_)) => {}
        (Kind::YesNo, _) => out.push(format!(
            "vraag '{id}' is een ja/nee-vraag; vergelijk bij '{test}' met true of false (zonder aanhalingstekens)"
        )),
        (Kind::Choice | Kind::Multi, Literal::Str(s)) => check_option(q, s, out),
        (Kind::Choice | Kind::Multi, Literal::Int(i)) => check_option(q, &i.to_string(), out),
        (Kind::Choice | Kind::Multi, _) => out.push(format!(
            "vraag '{id}' is een keuzevraag; vergelijk bij '{test}' met het id van een keuze, tussen aanhalingstekens"
        )),
        (Kind::Integer { .. } | Kind::Money, Literal::Int(_) | Literal::Float(_)) => {}
        (Kind::Integer { .. } | Kind::Money, _) => out.push(format!(
            "vraag '{id}' is een getal; vergelijk bij '{test}' met een getal (zonder aanhalingstekens)"
        )),
        (Kind::Date, _) => out.push(format!(
            "vraag '{id}' is een datum; gebruik less_than of greater_than, of een berekende waarde zoals 'persoon.leeftijd'"
        )),
        (Kind::Text { .. } | Kind::Textarea | Kind::Bsn, Literal::Str(_)) => {}
        (Kind::Text { .. } | Kind::Textarea | Kind::Bsn, _) => out.push(format!(
            "vraag '{id}' is een tekstvraag; vergelijk bij '{test}' met tekst tussen aanhalingstekens"
        )),
    }
}

/// A condition read from a form file, with the line of every test in it (so a problem
/// with one test can point at that test's line).
#[derive(Debug, Clone, PartialEq)]
pub struct LocatedCondition {
    pub condition: Condition,
    /// Every leaf test (not all/any/not) with its 1-based line.
    pub tests: Vec<(usize, Condition)>,
}

/// Read a condition written as in a form file (`{ equals = { q = "…", value = … } }`,
/// combined with `all`, `any`, `not`). Problems go to the reader; `None` when the
/// condition is not usable. `what` names the owner for messages ("vraag 'werk.uren'").
pub fn condition_from_toml(
    reader: &mut Reader<'_>,
    value: &Spanned<DeValue<'_>>,
    what: &str,
) -> Option<LocatedCondition> {
    let mut tests = Vec::new();
    let condition = read_condition(reader, value, what, &mut tests)?;
    Some(LocatedCondition { condition, tests })
}

fn read_condition(
    r: &mut Reader<'_>,
    value: &Spanned<DeValue<'_>>,
    what: &str,
    tests: &mut Vec<(usize, Condition)>,
) -> Option<Condition> {
    let span = value.span();
    let shape = format!(
        "een voorwaarde bij {what} moet precies één test zijn, zoals {{ equals = {{ q = \"werk.betaald\", value = true }} }}; tests: {}",
        TEST_NAMES.join(", ")
    );
    let Some(table) = value.get_ref().as_table() else {
        r.problem(span, shape);
        return None;
    };
    let mut entries = table.iter();
    let (Some((key, inner)), None) = (entries.next(), entries.next()) else {
        r.problem(span, shape);
        return None;
    };
    let name: &str = key.get_ref();
    let line = r.line(key.span().start);
    match name {
        "all" | "any" => {
            let Some(items) = inner.get_ref().as_array() else {
                r.problem(
                    inner.span(),
                    format!(
                        "'{name}' bij {what} moet een lijst van voorwaarden zijn: [ {{…}}, {{…}} ]"
                    ),
                );
                return None;
            };
            if items.is_empty() {
                r.problem(
                    inner.span(),
                    format!("de lijst van '{name}' bij {what} is leeg"),
                );
                return None;
            }
            let mut parts = Vec::new();
            let mut ok = true;
            for item in items.iter() {
                match read_condition(r, item, what, tests) {
                    Some(c) => parts.push(c),
                    None => ok = false,
                }
            }
            if !ok {
                return None;
            }
            Some(if name == "all" {
                Condition::All(parts)
            } else {
                Condition::Any(parts)
            })
        }
        "not" => read_condition(r, inner, what, tests).map(|c| Condition::Not(Box::new(c))),
        "equals" | "in" | "contains" | "less_than" | "greater_than" | "answered" => {
            let leaf = read_leaf(r, name, inner, what)?;
            tests.push((line, leaf.clone()));
            Some(leaf)
        }
        other => {
            let hint = match closest(other, TEST_NAMES.iter().copied()) {
                Some(near) => format!("bedoelt u '{near}'?"),
                None => format!("kies uit {}", TEST_NAMES.join(", ")),
            };
            r.problem(
                key.span(),
                format!("onbekende test '{other}' in de voorwaarde bij {what}; {hint}"),
            );
            None
        }
    }
}

fn read_leaf(
    r: &mut Reader<'_>,
    name: &str,
    inner: &Spanned<DeValue<'_>>,
    what: &str,
) -> Option<Condition> {
    let test_what = format!("de test '{name}' van {what}");
    let Some(t) = inner.get_ref().as_table() else {
        r.problem(
            inner.span(),
            format!(
                "{test_what} moet een tabel zijn, zoals {{ q = \"werk.betaald\", value = true }}"
            ),
        );
        return None;
    };
    let value_key = match name {
        "in" => Some("values"),
        "answered" => None,
        _ => Some("value"),
    };
    let allowed: Vec<&str> = std::iter::once("q").chain(value_key).collect();
    r.unknown_keys(t, &allowed, &test_what);
    let q = match r.get_str(t, "q", &test_what) {
        Some((q, _)) => q.to_string(),
        None => {
            if !t.contains_key("q") {
                r.problem(
                    inner.span(),
                    format!("{test_what} mist 'q', het id van de vraag"),
                );
            }
            return None;
        }
    };
    let Some(value_key) = value_key else {
        return Some(Condition::Answered { q });
    };
    let Some(v) = t.get(value_key) else {
        r.problem(inner.span(), format!("{test_what} mist '{value_key}'"));
        return None;
    };
    let bad = |r: &mut Reader<'_>, expected: &str| {
        r.problem(
            v.span(),
            format!("'{value_key}' bij {test_what} moet {expected} zijn"),
        );
    };
    match name {
        "equals" => match literal_of(v.get_ref()) {
            Some(value) => Some(Condition::Equals { q, value }),
            None => {
                bad(r, "true, false, een getal of tekst");
                None
            }
        },
        "in" => {
            let Some(items) = v.get_ref().as_array() else {
                bad(r, "een lijst, zoals [\"a\", \"b\"]");
                return None;
            };
            let mut values = Vec::new();
            for item in items.iter() {
                match literal_of(item.get_ref()) {
                    Some(l) => values.push(l),
                    None => {
                        r.problem(
                            item.span(),
                            format!("een waarde in 'values' bij {test_what} moet true, false, een getal of tekst zijn"),
                        );
                        return None;
                    }
                }
            }
            if values.is_empty() {
                r.problem(
                    v.span(),
                    format!("de lijst 'values' bij {test_what} is leeg"),
                );
                return None;
            }
            Some(Condition::In { q, values })
        }
        "contains" => match v.get_ref() {
            DeValue::String(s) => Some(Condition::Contains {
                q,
                value: s.to_string(),
            }),
            _ => {
                bad(r, "het id van een keuze, tussen aanhalingstekens");
                None
            }
        },
        _ => match number_of(v.get_ref()) {
            Some(value) if name == "less_than" => Some(Condition::LessThan { q, value }),
            Some(value) => Some(Condition::GreaterThan { q, value }),
            None => {
                bad(r, "een getal (zonder aanhalingstekens)");
                None
            }
        },
    }
}

fn literal_of(v: &DeValue<'_>) -> Option<Literal> {
    match v {
        DeValue::Boolean(b) => Some(Literal::Bool(*b)),
        DeValue::String(s) => Some(Literal::Str(s.to_string())),
        DeValue::Integer(_) => super::toml_read::int_of(v).map(Literal::Int),
        DeValue::Float(_) => number_of(v).map(Literal::Float),
        _ => None,
    }
}

/// The problems of one located condition, each at the line of the test it is about.
pub fn located_problems(
    form: &FormDef,
    extra_ids: &[&str],
    cond: &LocatedCondition,
) -> Vec<(usize, String)> {
    cond.tests
        .iter()
        .flat_map(|(line, test)| {
            condition_problems(form, extra_ids, test)
                .into_iter()
                .map(move |m| (*line, m))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::builtin_intake;

    fn cond(toml_text: &str) -> Condition {
        let v: toml::Value = toml::from_str(toml_text).unwrap();
        v.get("c").unwrap().clone().try_into().unwrap()
    }

    #[test]
    fn computed_and_extra_ids_are_known() {
        let form = builtin_intake();
        let age = cond("c = { less_than = { q = \"persoon.leeftijd\", value = 27 } }");
        assert!(condition_problems(&form, &[], &age).is_empty());
        let rung = cond("c = { greater_than = { q = \"ladder.trede\", value = 3 } }");
        assert!(condition_problems(&form, &["ladder.trede"], &rung).is_empty());
        assert_eq!(
            condition_problems(&form, &[], &rung),
            ["de voorwaarde verwijst naar 'ladder.trede', maar die vraag bestaat niet"]
        );
    }

    #[test]
    fn numeric_tests_need_a_number_and_rungs_count_as_numbers() {
        let form = builtin_intake();
        let rung = cond("c = { less_than = { q = \"verwachting.trede\", value = 4 } }");
        assert!(condition_problems(&form, &[], &rung).is_empty());
        let text = cond("c = { less_than = { q = \"regie.doel\", value = 4 } }");
        assert_eq!(
            condition_problems(&form, &[], &text),
            ["de test 'less_than' vergelijkt getallen, maar vraag 'regie.doel' van soort textarea is geen getal"]
        );
    }

    #[test]
    fn every_problem_of_a_combined_condition_is_reported() {
        let form = builtin_intake();
        let c = cond(
            "c = { all = [ { equals = { q = \"werk.betaald\", value = \"ja\" } }, \
             { not = { contains = { q = \"inkomen.bronnen\", value = \"loterij\" } } }, \
             { in = { q = \"wonen.situatie\", values = [\"huur\", \"villa\"] } } ] }",
        );
        assert_eq!(condition_problems(&form, &[], &c).len(), 3);
    }
}
