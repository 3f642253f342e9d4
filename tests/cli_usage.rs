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

#[test]
fn usage_errors_are_explained_in_dutch_with_the_way_out() {
    let sb = Sandbox::new();
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["worklst"],
            &["onbekende opdracht 'worklst'", "Bedoelt u worklist?"],
        ),
        (
            &["report", "--jsn"],
            &[
                "onbekende optie",
                "--jsn",
                "Meer uitleg: meedoen report --help",
            ],
        ),
        (
            &["contract", "export", "1", "--format", "docx", "--out", "x"],
            &[
                "'docx' is geen geldige waarde voor --format",
                "Kies uit: pdf, html, md.",
            ],
        ),
        (
            &["demo", "--clients", "0", "--no-tui"],
            &["Kies een getal van 1 tot en met 1000000."],
        ),
        (
            &["contract", "draft", "geen-nummer"],
            &["Geef een geheel getal, alleen cijfers."],
        ),
        (
            &["intake", "import"],
            &[
                "dit ontbreekt nog: --answers",
                "Gebruik: meedoen intake import",
            ],
        ),
        (&["report", "--json", "--csv"], &["kan niet samen met"]),
    ];
    for (args, expected) in cases {
        let r = sb.run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.starts_with("meedoen: "), "{args:?}: {}", r.stderr);
        for text in *expected {
            assert!(
                r.stderr.contains(text),
                "{args:?} misses {text:?}: {}",
                r.stderr
            );
        }
        // clap's English must not leak through.
        for english in ["error:", "Usage:", "For more information", "invalid value"] {
            assert!(!r.stderr.contains(english), "{args:?}: {}", r.stderr);
        }
    }
    let r = sb.run(&["--lang", "en", "frobnicate"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown command 'frobnicate'"),
        "{}",
        r.stderr
    );
}

#[test]
fn help_is_dutch_for_every_command() {
    let sb = Sandbox::new();
    for args in [
        vec!["--help"],
        vec!["contract", "export", "--help"],
        vec!["help", "contract", "export"],
        vec!["worklist", "-h"],
    ] {
        let r = sb.run(&args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(
            r.stdout.contains("Gebruik: meedoen"),
            "{args:?}: {}",
            r.stdout
        );
        assert!(r.stdout.contains("Opties:"), "{args:?}: {}", r.stdout);
        assert!(
            r.stdout.contains("Toon deze uitleg"),
            "{args:?}: {}",
            r.stdout
        );
        for english in ["Usage:", "Options:", "Print help", "possible values"] {
            assert!(!r.stdout.contains(english), "{args:?}: {}", r.stdout);
        }
    }
    let r = sb.run(&["help", "contract", "export"]);
    assert!(
        r.stdout.contains("<INWONER>  Inwonernummer"),
        "{}",
        r.stdout
    );
    // Asked for in English, clap's own English help.
    let r = sb.run(&["--lang", "en", "--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("Usage: meedoen"), "{}", r.stdout);
}
