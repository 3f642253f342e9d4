//! `meedoen worklist` and `meedoen report` on a hand-made set of residents: boundaries of
//! the calendar year, the JSON shapes of cli.md, and a CSV that agrees with the JSON.

mod cli_support;
use cli_support::{answers_with, Run, Sandbox};
use serde_json::json;

/// Import an intake for a made-up resident on `date`; returns the client id.
fn intake(
    sb: &Sandbox,
    first: &str,
    bsn: Option<&str>,
    date: &str,
    extra: serde_json::Value,
) -> i64 {
    let mut changes = json!({ "persoon.voornamen": first, "persoon.bsn": bsn });
    for (k, v) in extra.as_object().unwrap() {
        changes[k] = v.clone();
    }
    let file = sb.write_json(&format!("{first}.json"), &answers_with(changes));
    let db = sb.db();
    let r = sb.run(&[
        "--db",
        db.to_str().unwrap(),
        "intake",
        "import",
        "--answers",
        file.to_str().unwrap(),
        "--date",
        date,
    ]);
    r.ok();
    r.stdout.trim().parse().unwrap()
}

fn run_db(sb: &Sandbox, args: &[&str]) -> Run {
    let db = sb.db();
    let mut all = vec!["--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    sb.run(&all)
}

/// Anna: last seen on New Year's Eve; Bram: seen on New Year's Day; Cas: unpaid work
/// weekly then nothing (down a rung), seen twice.
fn hand_made(sb: &Sandbox) -> (i64, i64, i64) {
    let anna = intake(sb, "Anna", None, "2024-12-31", json!({}));
    let bram = intake(
        sb,
        "Bram",
        None,
        "2025-01-01",
        json!({"wonen.situatie": "dakloos",
        "wonen.onzeker": null, "wonen.woonlasten": null}),
    );
    let cas = intake(sb, "Cas", None, "2024-06-03", json!({}));
    let file = sb.write_json(
        "cas-checkin.json",
        &answers_with(json!({
            "persoon.voornamen": "Cas", "persoon.bsn": null,
            "meedoen.onbetaald_werk": "nee", "meedoen.georganiseerd": "wekelijks"
        })),
    );
    let db = sb.db();
    sb.run(&[
        "--db",
        db.to_str().unwrap(),
        "intake",
        "import",
        "--answers",
        file.to_str().unwrap(),
        "--client",
        &cas.to_string(),
        "--date",
        "2025-02-03",
    ])
    .ok();
    (anna, bram, cas)
}

#[test]
fn worklist_counts_the_calendar_year_of_the_date() {
    let sb = Sandbox::new();
    let (anna, bram, cas) = hand_made(&sb);
    let r = run_db(&sb, &["worklist", "--as-of", "2025-03-01", "--json"]);
    r.ok();
    let v = r.json();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    assert_eq!(keys, ["as_of", "due"]); // sorted
    assert_eq!(v["as_of"], json!("2025-03-01"));
    let due = v["due"].as_array().unwrap();
    assert_eq!(due.len(), 1, "only Anna is due: {v}");
    let row = &due[0];
    let keys: Vec<&str> = row
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    assert_eq!(keys, ["client", "last_contact", "name", "reason"]); // sorted
    assert_eq!(row["client"], json!(anna));
    assert_eq!(row["name"], json!("Anna Voorbeeld"));
    assert_eq!(row["last_contact"], json!("2024-12-31"));
    assert_eq!(row["reason"], json!("geen_contact_dit_jaar"));

    // On 31 December 2024 only Bram (not yet seen then) is absent; Anna and Cas were seen.
    let v = run_db(&sb, &["worklist", "--as-of", "2024-12-31", "--json"]).json();
    let ids: Vec<i64> = v["due"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["client"].as_i64().unwrap())
        .collect();
    assert!(!ids.contains(&anna) && !ids.contains(&cas), "{v}");
    let _ = bram;

    // A year later everybody is due, oldest contact first.
    let v = run_db(&sb, &["worklist", "--as-of", "2026-01-02", "--json"]).json();
    let ids: Vec<i64> = v["due"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["client"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [anna, bram, cas], "{v}");

    // The text view names them too.
    let r = run_db(&sb, &["worklist", "--as-of", "2025-03-01"]);
    r.ok();
    assert!(r.stdout.contains("Anna Voorbeeld"), "{}", r.stdout);
    assert!(r.stdout.contains("31-12-2024"), "{}", r.stdout);
}

#[test]
fn report_json_has_the_figures_of_cli_md() {
    let sb = Sandbox::new();
    hand_made(&sb);
    let r = run_db(
        &sb,
        &["report", "--as-of", "2025-03-01", "--json", "--intern"],
    );
    r.ok();
    let v = r.json();
    for key in [
        "as_of",
        "clients",
        "per_rung",
        "movement",
        "due",
        "signals_open",
        "signals_overdue",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    assert_eq!(v["as_of"], json!("2025-03-01"));
    assert_eq!(v["clients"], json!(3));
    let per_rung = v["per_rung"].as_object().unwrap();
    let keys: Vec<&str> = per_rung.keys().map(|k| k.as_str()).collect();
    assert_eq!(keys, ["1", "2", "3", "4", "5", "6"]);
    // Anna and Bram on 4 (weekly unpaid work), Cas now on 3.
    assert_eq!(per_rung["4"], json!(2), "{v}");
    assert_eq!(per_rung["3"], json!(1), "{v}");
    assert_eq!(v["movement"], json!({"up": 0, "same": 0, "down": 1}), "{v}");
    assert_eq!(v["due"], json!(1), "{v}");
    // Bram's homelessness signal was due on the day itself: open and overdue.
    assert_eq!(v["signals_open"]["dakloos"], json!(1), "{v}");
    assert_eq!(v["signals_overdue"]["dakloos"], json!(1), "{v}");
    // No names anywhere in the report.
    for name in ["Anna", "Bram", "Cas", "Voorbeeld"] {
        assert!(!r.stdout.contains(name), "{name} in the report");
    }
}

#[test]
fn report_csv_agrees_with_the_json() {
    let sb = Sandbox::new();
    hand_made(&sb);
    let v = run_db(
        &sb,
        &["report", "--as-of", "2025-03-01", "--json", "--intern"],
    )
    .json();
    let r = run_db(
        &sb,
        &["report", "--as-of", "2025-03-01", "--csv", "--intern"],
    );
    r.ok();
    let mut lines = r.stdout.lines();
    assert_eq!(lines.next(), Some("as_of,figure,key,value"));
    let mut seen = 0;
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f.len(), 4, "{line}");
        assert_eq!(f[0], "2025-03-01", "{line}");
        let value: u64 = f[3]
            .parse()
            .unwrap_or_else(|_| panic!("not a count: {line}"));
        let expected = if f[2].is_empty() {
            v[f[1]].as_u64()
        } else {
            v[f[1]][f[2]].as_u64()
        };
        assert_eq!(expected, Some(value), "{line} vs {v}");
        seen += 1;
    }
    // clients, six rungs, three movements and due at least.
    assert!(seen >= 11, "{}", r.stdout);
}

#[test]
fn text_report_and_empty_or_missing_databases() {
    let sb = Sandbox::new();
    // No database yet: a clear user error, and nothing is created.
    let r = run_db(&sb, &["report"]);
    r.user_error();
    assert!(r.stderr.contains("nog geen database"), "{}", r.stderr);
    assert!(!sb.db().exists());
    let r = run_db(&sb, &["worklist"]);
    r.user_error();

    hand_made(&sb);
    let r = run_db(&sb, &["report", "--as-of", "2025-03-01"]);
    r.ok();
    assert!(
        r.stdout.contains("Overzicht op 01-03-2025: <5 inwoners"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("niemand herkenbaar"), "{}", r.stdout);
    let r = run_db(&sb, &["report", "--as-of", "2025-03-01", "--intern"]);
    r.ok();
    assert!(
        r.stdout.contains("Overzicht op 01-03-2025: 3 inwoners"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("<5"), "{}", r.stdout);
}

#[test]
fn published_report_withholds_counts_of_one_to_four() {
    let sb = Sandbox::new();
    hand_made(&sb);
    let v = run_db(&sb, &["report", "--as-of", "2025-03-01", "--json"]).json();
    assert_eq!(v["intern"], json!(false), "{v}");
    assert_eq!(
        v["clients"],
        json!(null),
        "3 residents point at people: {v}"
    );
    let suppressed: Vec<&str> = v["suppressed"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s.as_str())
        .collect();
    assert!(suppressed.contains(&"clients"), "{v}");
    // Every count in the JSON is null, zero or at least five.
    let mut counts = Vec::new();
    for figure in [
        "per_rung",
        "signals_open",
        "signals_overdue",
        "contracts",
        "outflow",
    ] {
        for (k, n) in v[figure].as_object().unwrap() {
            counts.push((format!("{figure}.{k}"), n.clone()));
        }
    }
    for (k, n) in v["movement"].as_object().unwrap() {
        counts.push((format!("movement.{k}"), n.clone()));
    }
    assert!(!counts.is_empty());
    for (key, n) in &counts {
        match n.as_u64() {
            Some(n) => assert!(n == 0 || n >= 5, "{key} = {n} published: {v}"),
            None => assert!(
                suppressed.contains(&key.as_str()),
                "{key} null but not named: {v}"
            ),
        }
    }
    // The same withheld in the CSV, as "<5"; exact for the team with --intern.
    let csv = run_db(&sb, &["report", "--as-of", "2025-03-01", "--csv"]);
    csv.ok();
    assert!(
        csv.stdout.contains("2025-03-01,clients,,<5"),
        "{}",
        csv.stdout
    );
    for line in csv.stdout.lines().skip(1) {
        let value = line.rsplit(',').next().unwrap();
        assert!(
            value == "<5" || value == "0" || value.parse::<u64>().is_ok_and(|n| n >= 5),
            "{line}"
        );
    }
    let exact = run_db(
        &sb,
        &["report", "--as-of", "2025-03-01", "--json", "--intern"],
    )
    .json();
    assert_eq!(exact["clients"], json!(3), "{exact}");
    assert_eq!(exact["intern"], json!(true), "{exact}");
    assert_eq!(exact["suppressed"], json!([]), "{exact}");
}

#[test]
fn contract_draft_applies_the_suggestions_and_returns_the_open_one() {
    let sb = Sandbox::new();
    // Not registered at UWV: the arbeidsfit part gets the registration agreement.
    let client = intake(
        &sb,
        "Dewi",
        None,
        "2025-02-03",
        json!({"werk.ingeschreven_uwv": false}),
    );
    let r = run_db(&sb, &["contract", "draft", &client.to_string(), "--json"]);
    r.ok();
    let v = r.json();
    assert_eq!(v["client"], json!(client));
    assert_eq!(v["status"], json!("concept"));
    assert_eq!(v["version"], json!(1));
    let parts = v["parts"].as_array().unwrap();
    let kinds: Vec<&str> = parts.iter().map(|p| p["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["sociaal", "arbeidsfit", "werk"]);
    let arbeidsfit = &parts[1]["agreements"];
    assert!(
        arbeidsfit
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["what"].as_str().unwrap_or("").contains("UWV")),
        "{v}"
    );
    assert_eq!(v["pending"], json!([]), "suggestions are applied: {v}");

    // Asking again returns the same open concept.
    let again = run_db(&sb, &["contract", "draft", &client.to_string(), "--json"]).json();
    assert_eq!(again["contract"], v["contract"]);

    // The text view lists the agreements.
    let r = run_db(&sb, &["contract", "draft", &client.to_string()]);
    r.ok();
    assert!(r.stdout.contains("UWV"), "{}", r.stdout);

    // An unknown resident is named.
    let r = run_db(&sb, &["contract", "draft", "77"]);
    r.user_error();
    assert!(r.stderr.contains("77"), "{}", r.stderr);
}

/// Issue 15 item 4: a PIP that ends within eight weeks shows on the worklist, in JSON and
/// in the text view.
#[test]
fn worklist_shows_a_pip_that_falls_due() {
    let sb = Sandbox::new();
    let dana = intake(
        &sb,
        "Dana",
        None,
        "2025-02-03",
        json!({"persoon.statushouder": true, "taal.inburgeringsplichtig": true,
        "taal.pip_einddatum": "2025-04-30"}),
    );
    let v = run_db(&sb, &["worklist", "--as-of", "2025-03-04", "--json"]).json();
    assert_eq!(v["due"], json!([]), "{v}");
    let v = run_db(&sb, &["worklist", "--as-of", "2025-03-05", "--json"]).json();
    assert_eq!(v["due"][0]["client"], json!(dana), "{v}");
    assert_eq!(v["due"][0]["reason"], json!("pip_verloopt"), "{v}");
    let r = run_db(&sb, &["worklist", "--as-of", "2025-03-05"]);
    r.ok();
    assert!(r.stdout.contains("PIP loopt af"), "{}", r.stdout);
    let r = run_db(&sb, &["--lang", "en", "worklist", "--as-of", "2025-03-05"]);
    r.ok();
    assert!(r.stdout.contains("PIP ends"), "{}", r.stdout);
    let v = run_db(
        &sb,
        &["report", "--as-of", "2025-03-05", "--json", "--intern"],
    )
    .json();
    assert_eq!(v["due"], json!(1), "{v}");
}
