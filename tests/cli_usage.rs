//! Usage errors exit with 2, help exits with 0, and nothing ever shows a backtrace.

mod cli_support;
use cli_support::Sandbox;

#[test]
fn usage_errors_exit_2() {
    let sb = Sandbox::new();
    for args in [
        vec!["onzin"],
        vec!["--lang", "de", "worklist"],
        vec!["intake", "import"],
        vec!["ladder", "score", "--answers"],
        vec![
            "contract", "export", "1", "--format", "docx", "--out", "x.docx",
        ],
        vec!["contract", "draft", "geen-nummer"],
        vec!["report", "--json", "--csv"],
        vec!["demo", "--clients", "0", "--no-tui"],
        vec!["worklist", "--onbekende-optie"],
    ] {
        let r = sb.run(&args);
        assert_eq!(r.code, 2, "{args:?}: stderr {}", r.stderr);
        assert!(!r.stderr.is_empty(), "{args:?}: nothing said");
    }
}

#[test]
fn help_lists_every_command_and_exits_0() {
    let sb = Sandbox::new();
    let r = sb.run(&["--help"]);
    r.ok();
    for cmd in [
        "demo", "forms", "ladder", "intake", "contract", "worklist", "report",
    ] {
        assert!(r.stdout.contains(cmd), "help misses {cmd}: {}", r.stdout);
    }
    for opt in ["--db", "--user", "--lang", "--forms", "--ascii"] {
        assert!(r.stdout.contains(opt), "help misses {opt}");
    }
}

#[test]
fn bad_dates_in_options_are_user_errors() {
    let sb = Sandbox::new();
    let db = sb.db();
    let r = sb.run(&[
        "--db",
        db.to_str().unwrap(),
        "worklist",
        "--as-of",
        "2025-02-30",
    ]);
    r.user_error();
    assert!(r.stderr.contains("--as-of"), "{}", r.stderr);
    assert!(r.stderr.contains("2025-02-30"), "{}", r.stderr);
}

#[test]
fn a_missing_forms_folder_is_a_user_error() {
    let sb = Sandbox::new();
    let file = sb.write_json("a.json", &cli_support::full_answers());
    let r = sb.run(&[
        "--forms",
        sb.path("geen-map").to_str().unwrap(),
        "ladder",
        "score",
        "--answers",
        file.to_str().unwrap(),
    ]);
    r.user_error();
    assert!(r.stderr.contains("geen-map"), "{}", r.stderr);
}
