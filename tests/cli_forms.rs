//! `meedoen forms check`: exit 0 with a Dutch OK line on good forms, `file:line: message`
//! and exit 1 on broken ones.

mod cli_support;
use cli_support::{copy_dir, repo_forms, Sandbox};

#[test]
fn the_shipped_forms_are_in_order() {
    let sb = Sandbox::new();
    let r = sb.run(&["forms", "check", repo_forms().to_str().unwrap()]);
    r.ok();
    assert!(r.stdout.contains("in orde"), "{}", r.stdout);
    // Without a folder (and no municipal forms in the config folder): the built-in ones.
    let r = sb.run(&["forms", "check"]);
    r.ok();
    assert!(r.stdout.contains("ingebouwde formulieren"), "{}", r.stdout);
}

#[test]
fn a_toml_syntax_error_is_reported_with_file_and_line() {
    let sb = Sandbox::new();
    let dir = sb.path("forms");
    copy_dir(repo_forms(), &dir);
    let intake = dir.join("intake.toml");
    let mut text = std::fs::read_to_string(&intake).unwrap();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let bad_line = text.lines().count() + 1;
    text.push_str("[[sections\n");
    std::fs::write(&intake, text).unwrap();

    let r = sb.run(&["forms", "check", dir.to_str().unwrap()]);
    r.user_error();
    let expected = format!("{}:{bad_line}: ", intake.display());
    assert!(
        r.stdout.lines().any(|l| l.starts_with(&expected)),
        "no line starting with {expected:?}: {}",
        r.stdout
    );
}

#[test]
fn a_condition_on_an_unknown_question_is_reported() {
    let sb = Sandbox::new();
    let dir = sb.path("forms");
    copy_dir(repo_forms(), &dir);
    let signals = dir.join("signals.toml");
    let text = std::fs::read_to_string(&signals).unwrap();
    // Every reference to wonen.situatie in the signal rules now points nowhere.
    let broken = text.replace("\"wonen.situatie\"", "\"wonen.kasteel\"");
    assert_ne!(
        text, broken,
        "the signal rules should mention wonen.situatie"
    );
    std::fs::write(&signals, &broken).unwrap();
    let line = broken
        .lines()
        .position(|l| l.contains("wonen.kasteel"))
        .map(|i| i + 1)
        .unwrap();

    let r = sb.run(&["forms", "check", dir.to_str().unwrap()]);
    r.user_error();
    let problems: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.contains("signals.toml:"))
        .collect();
    assert!(
        problems
            .iter()
            .any(|l| l.contains(&format!("signals.toml:{line}:")) && l.contains("wonen.kasteel")),
        "expected signals.toml:{line}: naming wonen.kasteel: {}",
        r.stdout
    );
}

#[test]
fn broken_municipal_forms_stop_other_commands_with_a_pointer_to_forms_check() {
    let sb = Sandbox::new();
    let dir = sb.path("xdg-config").join("meedoen").join("forms");
    copy_dir(repo_forms(), &dir);
    std::fs::write(dir.join("intake.toml"), "dit is geen toml = = =\n").unwrap();
    let file = sb.write_json("a.json", &cli_support::full_answers());
    let r = sb.run(&["ladder", "score", "--answers", file.to_str().unwrap()]);
    r.user_error();
    assert!(r.stderr.contains("forms check"), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    // forms check without a folder checks the municipal folder in force.
    let r = sb.run(&["forms", "check"]);
    r.user_error();
    assert!(r.stdout.contains("intake.toml:1:"), "{}", r.stdout);
}

#[test]
fn a_missing_folder_is_a_user_error() {
    let sb = Sandbox::new();
    let r = sb.run(&["forms", "check", sb.path("nergens").to_str().unwrap()]);
    r.user_error();
    assert!(r.stderr.contains("nergens"), "{}", r.stderr);
}

/// A validity range that never applies, two versions on one day, or a gap between two
/// versions: `forms check` names each with file and line and exits 1.
#[test]
fn a_broken_validity_range_is_reported() {
    let sb = Sandbox::new();
    let dir = sb.path("forms");
    copy_dir(repo_forms(), &dir);
    let fixture = repo_forms()
        .parent()
        .unwrap()
        .join("tests/fixtures/forms/broken_validity_range/contract.toml");
    std::fs::copy(&fixture, dir.join("contract.toml")).unwrap();
    let r = sb.run(&["forms", "check", dir.to_str().unwrap()]);
    r.user_error();
    let contract = dir.join("contract.toml");
    for (line, words) in [
        (9, "geldt geen versie"),
        (28, "dus nooit"),
        (47, "gelden allebei op 2026-07-01"),
    ] {
        let start = format!("{}:{line}: ", contract.display());
        assert!(
            r.stdout
                .lines()
                .any(|l| l.starts_with(&start) && l.contains(words)),
            "no line {start}…{words}: {}",
            r.stdout
        );
    }
}
