//! `meedoen ladder score` on the public cases A–G of ladder.md, as text and JSON.

mod cli_support;
use cli_support::Sandbox;
use serde_json::json;

fn case(betaald: bool, extra: serde_json::Value) -> serde_json::Value {
    let mut answers = json!({ "werk.betaald": betaald });
    for (k, v) in extra.as_object().expect("object") {
        answers[k] = v.clone();
    }
    json!({ "form": "intake", "answers": answers })
}

/// (case, answers, rung, Dutch rung name)
fn public_cases() -> Vec<(&'static str, serde_json::Value, u64, &'static str)> {
    vec![
        (
            "A",
            case(
                true,
                json!({"werk.ondersteuning": ["geen"], "inkomen.bronnen": ["loon"]}),
            ),
            6,
            "Betaald werk",
        ),
        (
            "B",
            case(true, json!({"werk.ondersteuning": ["jobcoach"]})),
            5,
            "Betaald werk met ondersteuning",
        ),
        (
            "C",
            case(
                true,
                json!({"werk.ondersteuning": ["geen"], "inkomen.bronnen": ["loon", "bijstand"]}),
            ),
            5,
            "Betaald werk met ondersteuning",
        ),
        (
            "D",
            case(
                false,
                json!({"meedoen.onbetaald_werk": "wekelijks", "meedoen.georganiseerd": "nee",
                       "meedoen.sociaal_contact": "nee"}),
            ),
            4,
            "Onbetaald werk",
        ),
        (
            "E",
            case(
                false,
                json!({"meedoen.onbetaald_werk": "minder", "meedoen.georganiseerd": "nee",
                       "meedoen.sociaal_contact": "wekelijks"}),
            ),
            3,
            "Deelname aan georganiseerde activiteiten",
        ),
        (
            "F",
            case(
                false,
                json!({"meedoen.onbetaald_werk": "nee", "meedoen.georganiseerd": "minder",
                       "meedoen.sociaal_contact": "nee"}),
            ),
            2,
            "Sociale contacten buitenshuis",
        ),
        (
            "G",
            case(
                false,
                json!({"meedoen.onbetaald_werk": "nee", "meedoen.georganiseerd": "nee",
                       "meedoen.sociaal_contact": "minder"}),
            ),
            1,
            "Geïsoleerd",
        ),
    ]
}

#[test]
fn public_cases_as_json() {
    let sb = Sandbox::new();
    for (name, answers, rung, rung_name) in public_cases() {
        let file = sb.write_json(&format!("case_{name}.json"), &answers);
        let r = sb.run(&[
            "ladder",
            "score",
            "--answers",
            file.to_str().unwrap(),
            "--json",
        ]);
        r.ok();
        let v = r.json();
        assert_eq!(v["rung"], json!(rung), "case {name}: {v}");
        assert_eq!(v["name"], json!(rung_name), "case {name}: {v}");
        let explanation = v["explanation"].as_str().unwrap_or_default();
        assert!(
            explanation.len() > 10,
            "case {name}: explanation missing: {v}"
        );
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(
            keys.len(),
            3,
            "case {name}: only rung, name, explanation: {v}"
        );
    }
}

#[test]
fn public_cases_as_text() {
    let sb = Sandbox::new();
    for (name, answers, rung, rung_name) in public_cases() {
        let file = sb.write_json(&format!("case_{name}.json"), &answers);
        let r = sb.run(&["ladder", "score", "--answers", file.to_str().unwrap()]);
        r.ok();
        let mut lines = r.stdout.lines();
        assert_eq!(
            lines.next(),
            Some(format!("Trede {rung}: {rung_name}").as_str()),
            "case {name}: {}",
            r.stdout
        );
        assert!(
            lines.next().is_some_and(|l| !l.trim().is_empty()),
            "case {name}: explanation line missing: {}",
            r.stdout
        );
    }
}

#[test]
fn english_names_the_rung_in_english() {
    let sb = Sandbox::new();
    let (_, answers, _, _) = public_cases().remove(0);
    let file = sb.write_json("a.json", &answers);
    let r = sb.run(&[
        "--lang",
        "en",
        "ladder",
        "score",
        "--answers",
        file.to_str().unwrap(),
    ]);
    r.ok();
    assert!(r.stdout.starts_with("Rung 6: "), "{}", r.stdout);
}

#[test]
fn ladder_score_needs_no_database() {
    let sb = Sandbox::new();
    let (_, answers, _, _) = public_cases().remove(3);
    let file = sb.write_json("d.json", &answers);
    sb.run(&["ladder", "score", "--answers", file.to_str().unwrap()])
        .ok();
    assert!(!sb.data_dir().join("meedoen.db").exists());
}

#[test]
fn bad_answers_files_are_one_clear_line() {
    let sb = Sandbox::new();
    // A missing file.
    let r = sb.run(&["ladder", "score", "--answers", "bestaat-niet.json"]);
    r.user_error();
    assert!(r.stderr.contains("bestaat niet"), "{}", r.stderr);

    // Not JSON.
    let broken = sb.path("kapot.json");
    std::fs::write(&broken, "{ \"form\": \"intake\", ").unwrap();
    let r = sb.run(&["ladder", "score", "--answers", broken.to_str().unwrap()]);
    r.user_error();
    assert!(r.stderr.contains("geen geldige JSON"), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);

    // An unknown question id is named.
    let file = sb.write_json(
        "onbekend.json",
        &case(false, json!({"persoon.schoenmaat": 43})),
    );
    let r = sb.run(&["ladder", "score", "--answers", file.to_str().unwrap()]);
    r.user_error();
    assert!(r.stderr.contains("persoon.schoenmaat"), "{}", r.stderr);

    // A wrong kind of value is named.
    let file = sb.write_json(
        "soort.json",
        &json!({"form": "intake", "answers": {"werk.betaald": "misschien"}}),
    );
    let r = sb.run(&["ladder", "score", "--answers", file.to_str().unwrap()]);
    r.user_error();
    assert!(r.stderr.contains("werk.betaald"), "{}", r.stderr);
}
