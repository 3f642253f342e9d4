//! The form files are a contract with the municipality that edits them: one fixture
//! folder per kind of mistake, each with the exact `file:line: message` it must produce,
//! and the shipped forms must load without a single problem.

use meedoen::forms::intake::{needed_problems, parse_intake};
use meedoen::forms::{builtin, check_dir, load_dir, resolve, Problem, FILES};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/forms")
}

fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("forms")
}

/// `intake.toml:LINE: message` lines, as `meedoen forms check` prints them for a folder.
fn render(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| {
            let name = p.file.file_name().map(|n| n.to_string_lossy().into_owned());
            format!("{}:{}: {}", name.unwrap_or_default(), p.line, p.message)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn expected(dir: &Path) -> String {
    read(&dir.join("expected.txt")).trim_end().to_string()
}

fn intake_problems(dir: &Path) -> String {
    let file = dir.join("intake.toml");
    if !file.exists() {
        return folder_problems(dir);
    }
    match parse_intake(&file, &read(&file)) {
        Ok(_) => String::new(),
        Err(problems) => render(&problems),
    }
}

/// A fixture without an intake form holds only the rule files it is about: it is checked
/// as the shipped folder with those files put in their place, as `forms check` sees it.
fn folder_problems(fixture: &Path) -> String {
    let tmp = tempfile::tempdir().unwrap();
    for name in FILES {
        let own = fixture.join(name);
        let from = if own.exists() {
            own
        } else {
            shipped().join(name)
        };
        std::fs::copy(from, tmp.path().join(name)).unwrap();
    }
    render(&check_dir(tmp.path()))
}

/// Every kind of mistake the loader knows must keep its fixture.
const KINDS: &[&str] = &[
    "bad_default",
    "bad_max_len",
    "bad_screen",
    "bad_section_id",
    "bad_version",
    "broken_validity_range",
    "choice_without_options",
    "condition_contains_on_yesno",
    "condition_missing_q",
    "condition_on_later_question",
    "condition_unknown_id",
    "condition_unknown_option",
    "condition_unknown_test",
    "condition_wrong_value_type",
    "duplicate_option",
    "duplicate_question_id",
    "duplicate_section_id",
    "exclusive_on_choice",
    "help_only_in_english",
    "id_in_wrong_section",
    "id_without_section",
    "integer_min_not_below_max",
    "integer_without_range",
    "key_not_for_kind",
    "missing_dutch_label",
    "missing_kind",
    "missing_section_title",
    "needed_questions",
    "no_sections",
    "option_without_dutch_label",
    "section_without_questions",
    "several_mistakes",
    "toml_duplicate_key",
    "toml_syntax_error",
    "toml_unquoted_text",
    "unknown_key",
    "unknown_kind",
    "valid_small_form",
    "wrong_value_type",
];

#[test]
fn every_kind_of_mistake_has_its_fixture_and_nothing_else_is_there() {
    let mut found: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    assert_eq!(found, KINDS);
}

#[test]
fn each_fixture_gives_exactly_its_expected_problems() {
    let mut failures = Vec::new();
    for kind in KINDS.iter().filter(|k| **k != "needed_questions") {
        let dir = fixtures().join(kind);
        let got = intake_problems(&dir);
        let want = expected(&dir);
        if got != want {
            failures.push(format!("{kind}:\n  want: {want}\n  got:  {got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_mistake_is_not_a_valid_form() {
    for kind in KINDS
        .iter()
        .filter(|k| !matches!(**k, "valid_small_form" | "needed_questions"))
    {
        assert!(
            !expected(&fixtures().join(kind)).is_empty(),
            "{kind} should describe a mistake"
        );
    }
    assert_eq!(intake_problems(&fixtures().join("valid_small_form")), "");
}

#[test]
fn questions_the_program_relies_on_must_exist_with_their_kind() {
    let dir = fixtures().join("needed_questions");
    let file = dir.join("intake.toml");
    let form = parse_intake(&file, &read(&file)).expect("the form itself is well-formed");
    assert_eq!(render(&needed_problems(&file, &form)), expected(&dir));
}

#[test]
fn several_mistakes_are_all_reported_in_line_order() {
    let got = intake_problems(&fixtures().join("several_mistakes"));
    assert_eq!(got.lines().count(), 3, "{got}");
    let lines: Vec<usize> = got
        .lines()
        .filter_map(|l| l.split(':').nth(1)?.parse().ok())
        .collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted);
}

#[test]
fn the_shipped_forms_load_without_problems() {
    let problems = check_dir(&shipped());
    assert!(problems.is_empty(), "{}", render(&problems));
    let forms = builtin();
    assert_eq!(forms.intake.id, "intake");
    // Version 2 added the Wet inburgering 2021 questions (gezinsmigrant, PIP, MAP).
    assert_eq!(forms.intake.version, 2);
    assert_eq!(forms.intake.hash.len(), 64);
    assert_eq!(forms.intake.source, read(&shipped().join("intake.toml")));
}

#[test]
fn builtin_is_the_shipped_folder() {
    let from_disk = load_dir(&shipped()).unwrap_or_else(|p| panic!("{}", render(&p)));
    let embedded = builtin();
    assert_eq!(from_disk.intake, embedded.intake);
    assert_eq!(from_disk.signals, embedded.signals);
    assert_eq!(from_disk.ladder, embedded.ladder);
}

fn copy_shipped_to(dir: &Path) {
    for name in FILES {
        std::fs::copy(shipped().join(name), dir.join(name)).unwrap();
    }
}

#[test]
fn a_missing_file_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    copy_shipped_to(tmp.path());
    std::fs::remove_file(tmp.path().join("ladder.toml")).unwrap();
    assert_eq!(
        render(&check_dir(tmp.path())),
        "ladder.toml:0: dit bestand ontbreekt; een map met formulieren heeft intake.toml, ladder.toml, signals.toml, contract.toml nodig"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    copy_shipped_to(tmp.path());
    std::fs::write(tmp.path().join("contract.toml"), b"naam = \"\xff\xfe\"\n").unwrap();
    assert_eq!(
        render(&check_dir(tmp.path())),
        "contract.toml:0: dit bestand is geen UTF-8-tekst; sla het op als UTF-8"
    );
}

#[test]
fn a_folder_that_does_not_exist_is_one_problem() {
    let tmp = tempfile::tempdir().unwrap();
    let gone = tmp.path().join("bestaat-niet");
    let problems = check_dir(&gone);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].message, "deze map met formulieren bestaat niet");
    assert!(resolve(Some(&gone), None).is_err());
}

#[test]
fn problems_of_several_files_are_reported_together() {
    let tmp = tempfile::tempdir().unwrap();
    copy_shipped_to(tmp.path());
    let intake = read(&shipped().join("intake.toml")).replace(
        "id = \"werk.uren_per_week\"\nkind = \"integer\"",
        "id = \"werk.uren_per_week\"\nkind = \"getal\"",
    );
    std::fs::write(tmp.path().join("intake.toml"), intake).unwrap();
    std::fs::write(tmp.path().join("ladder.toml"), "dit is [geen toml\n").unwrap();
    let got = render(&check_dir(tmp.path()));
    assert!(got.contains("intake.toml:"), "{got}");
    assert!(
        got.contains("vraag 'werk.uren_per_week' heeft een onbekend soort 'getal'"),
        "{got}"
    );
    assert!(got.contains("ladder.toml:1:"), "{got}");
}

#[test]
fn resolve_prefers_explicit_then_config_then_builtin() {
    let tmp = tempfile::tempdir().unwrap();
    // No forms folder in the config dir: the shipped forms.
    let forms = resolve(None, Some(tmp.path())).unwrap_or_else(|p| panic!("{}", render(&p)));
    assert_eq!(forms.intake, builtin().intake);

    // A municipality's own forms in the config dir win over the shipped ones.
    let own = tmp.path().join("forms");
    std::fs::create_dir(&own).unwrap();
    copy_shipped_to(&own);
    let edited = read(&own.join("intake.toml")).replace("version = 2", "version = 3");
    std::fs::write(own.join("intake.toml"), edited).unwrap();
    let forms = resolve(None, Some(tmp.path())).unwrap_or_else(|p| panic!("{}", render(&p)));
    assert_eq!(forms.intake.version, 3);
    assert_ne!(forms.intake.hash, builtin().intake.hash);

    // An explicit --forms folder wins over both.
    let explicit = tmp.path().join("explicit");
    std::fs::create_dir(&explicit).unwrap();
    copy_shipped_to(&explicit);
    let forms =
        resolve(Some(&explicit), Some(tmp.path())).unwrap_or_else(|p| panic!("{}", render(&p)));
    assert_eq!(forms.intake.version, 2);
}

#[test]
fn the_shipped_intake_loads_without_problems_and_has_every_section() {
    let file = shipped().join("intake.toml");
    let form = parse_intake(&file, &read(&file)).unwrap_or_else(|p| panic!("{}", render(&p)));
    assert_eq!(render(&needed_problems(&file, &form)), "");
    let sections: Vec<&str> = form.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        sections,
        [
            "persoon",
            "werk",
            "meedoen",
            "inkomen",
            "schulden",
            "wonen",
            "taal",
            "gezondheid",
            "regie",
            "verwachting"
        ]
    );
    assert_eq!(meedoen::forms::builtin_intake(), form);
}
