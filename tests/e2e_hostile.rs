//! Hostile input: random answers files (and, through the interface's App, random
//! keystrokes) never panic and never leave something invalid in the database.

use chrono::NaiveDate;
use meedoen::forms::validate::{parse_answers_json, validate_all, visible_answers};
use meedoen::forms::{self, Lang, Question};
use meedoen::service::{self, ServiceError};
use meedoen::store::{ContactKind, Store};
use proptest::prelude::*;
use serde_json::{json, Map, Value as Json};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 10).unwrap_or_default()
}

/// A complete, valid answers file of a clearly fictitious resident, to mutate.
fn complete() -> Map<String, Json> {
    let doc = json!({
        "persoon.voornamen": "Jan",
        "persoon.achternaam": "Voorbeeld",
        "persoon.geboortedatum": "03-11-1985",
        "werk.betaald": false,
        "meedoen.onbetaald_werk": "nee",
        "meedoen.georganiseerd": "wekelijks",
        "meedoen.sociaal_contact": "wekelijks",
        "inkomen.bronnen": ["bijstand"],
        "schulden.heeft_schulden": "nee",
        "wonen.situatie": "huur",
        "taal.onderwijs_nl_8jaar": true,
        "regie.doel": "Vrijwilligerswerk vinden",
        "verwachting.trede": "4"
    });
    doc.as_object().cloned().unwrap_or_default()
}

/// Text a consultant or another system might send: pasted lines, emoji, right-to-left
/// script, combining marks, control characters, very long strings, near-miss formats.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,30}",
        Just("regel één\nregel twee\r\nregel drie".to_string()),
        Just("👩‍👩‍👧‍👦 wil werken 🚀".to_string()),
        Just("مرحبا بالعالم — שלום".to_string()),
        Just("\u{202E}nniw\u{202C} e\u{301}e\u{301}n".to_string()),
        Just("\u{0}\u{7}\u{1b}[2J\t".to_string()),
        Just("31-02-2020".to_string()),
        Just("1.245,50".to_string()),
        Just("-0".to_string()),
        Just("1e309".to_string()),
        Just("999999999999999999999999".to_string()),
        Just(" ".to_string()),
        (0usize..20_000).prop_map(|n| "x".repeat(n)),
        (0usize..2_000).prop_map(|n| "é🙂".repeat(n)),
    ]
}

/// One mutated answer; option indexes are mapped onto the question's own options so
/// that many random files are valid and get as far as the database.
#[derive(Debug, Clone)]
enum Seed {
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    Opt(usize),
    Opts(Vec<usize>),
    Texts(Vec<String>),
    Null,
    Object,
    Remove,
}

fn seed() -> impl Strategy<Value = Seed> {
    prop_oneof![
        1 => any::<bool>().prop_map(Seed::Bool),
        1 => prop_oneof![any::<i64>(), -5i64..200].prop_map(Seed::Int),
        1 => any::<f64>().prop_map(Seed::Float),
        1 => hostile_text().prop_map(Seed::Text),
        3 => any::<usize>().prop_map(Seed::Opt),
        2 => prop::collection::vec(any::<usize>(), 0..5).prop_map(Seed::Opts),
        1 => prop::collection::vec(hostile_text(), 0..3).prop_map(Seed::Texts),
        1 => Just(Seed::Null),
        1 => Just(Seed::Object),
        1 => Just(Seed::Remove),
    ]
}

fn to_json(seed: &Seed, q: &Question) -> Option<Json> {
    let opt = |i: usize| -> Json {
        match q.options.get(i % q.options.len().max(1)) {
            Some(o) => Json::String(o.id.clone()),
            None => Json::String(format!("keuze{i}")),
        }
    };
    Some(match seed {
        Seed::Bool(b) => json!(b),
        Seed::Int(i) => json!(i),
        Seed::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        Seed::Text(s) => json!(s),
        Seed::Opt(i) => opt(*i),
        Seed::Opts(v) => Json::Array(v.iter().map(|i| opt(*i)).collect()),
        Seed::Texts(v) => json!(v),
        Seed::Null => Json::Null,
        Seed::Object => json!({"nl": "tekst"}),
        Seed::Remove => return None,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn random_answers_files_never_panic_and_never_store_invalid_answers(
        mutations in prop::collection::vec((any::<usize>(), seed()), 0..5),
        unknown in prop::option::weighted(0.1, "[a-z]{1,8}\\.[a-z_]{1,10}"),
    ) {
        let forms = forms::builtin();
        let form = &forms.intake;
        let questions: Vec<&Question> = form.questions().collect();
        let mut file = complete();
        for (qi, s) in &mutations {
            let Some(q) = questions.get(qi % questions.len().max(1)) else { continue };
            match to_json(s, q) {
                Some(v) => { file.insert(q.id.clone(), v); }
                None => { file.remove(&q.id); }
            }
        }
        if let Some(id) = &unknown {
            file.insert(id.clone(), json!("iets"));
        }

        let answers = match parse_answers_json(form, &file, today()) {
            Err(errors) => {
                prop_assert!(!errors.is_empty(), "an error result names at least one problem");
                for e in &errors {
                    prop_assert!(!e.question.is_empty());
                    prop_assert!(!e.message(Lang::Nl).trim().is_empty());
                    prop_assert!(!e.message(Lang::En).trim().is_empty());
                }
                return Ok(());
            }
            Ok(a) => a,
        };
        if let Some(id) = &unknown {
            prop_assert!(false, "an unknown id {} was accepted", id);
        }

        let mut store = Store::open_in_memory("tester").map_err(|e| TestCaseError::fail(e.to_string()))?;
        match service::save_contact(&mut store, &forms, None, ContactKind::Intake, &answers, today(), None) {
            Err(ServiceError::Invalid(errors)) => {
                prop_assert!(!errors.is_empty());
                let report = store.report(today()).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(report.clients, 0, "a refused intake left a resident behind");
            }
            Err(other) => prop_assert!(false, "unexpected error: {}", other),
            Ok(saved) => {
                let stored = store
                    .latest_contact(saved.client)
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                let Some(stored) = stored else {
                    return Err(TestCaseError::fail("saved intake not found"));
                };
                let errors = validate_all(form, &stored.answers, today());
                prop_assert!(errors.is_empty(), "stored answers do not re-validate: {:?}", errors);
                prop_assert_eq!(&stored.answers, &visible_answers(form, &answers, today()));
            }
        }
    }
}
