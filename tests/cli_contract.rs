//! `meedoen contract export`: the latest contract as PDF, HTML or Markdown, written whole or
//! not at all.

mod cli_support;
use cli_support::{full_answers, Sandbox};

fn setup(sb: &Sandbox) {
    let file = sb.write_json("a.json", &full_answers());
    let db = sb.db();
    sb.run(&[
        "--db",
        db.to_str().unwrap(),
        "intake",
        "import",
        "--answers",
        file.to_str().unwrap(),
        "--date",
        "2025-02-03",
    ])
    .ok();
}

fn run_db(sb: &Sandbox, args: &[&str]) -> cli_support::Run {
    let db = sb.db();
    let mut all = vec!["--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    sb.run(&all)
}

fn export_needs_a_contract_first(sb: Sandbox) {
    setup(&sb);
    let out = sb.path("o.md");
    let r = run_db(
        &sb,
        &[
            "contract",
            "export",
            "1",
            "--format",
            "md",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    r.user_error();
    assert!(r.stderr.contains("contract draft 1"), "{}", r.stderr);
    assert!(!out.exists());
}

fn exports_markdown_html_and_pdf(sb: Sandbox) {
    setup(&sb);
    run_db(&sb, &["contract", "draft", "1"]).ok();
    for (format, check) in [
        ("md", b"Voorbeeld".as_slice()),
        ("html", b"<html".as_slice()),
        ("pdf", b"%PDF".as_slice()),
    ] {
        let out = sb.path(&format!("overeenkomst.{format}"));
        let r = run_db(
            &sb,
            &[
                "contract",
                "export",
                "1",
                "--format",
                format,
                "--out",
                out.to_str().unwrap(),
            ],
        );
        r.ok();
        assert_eq!(r.stdout.trim(), out.to_str().unwrap());
        let bytes = std::fs::read(&out).unwrap();
        assert!(
            bytes.windows(check.len()).any(|w| w == check),
            "{format} lacks {:?}",
            String::from_utf8_lossy(check)
        );
    }
}

fn export_to_a_missing_folder_is_one_clear_line_and_no_file(sb: Sandbox) {
    setup(&sb);
    run_db(&sb, &["contract", "draft", "1"]).ok();
    let out = sb.path("geen-map").join("o.pdf");
    let r = run_db(
        &sb,
        &[
            "contract",
            "export",
            "1",
            "--format",
            "pdf",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    r.user_error();
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("geen-map"), "{}", r.stderr);
    assert!(!out.exists());
}

// On a database file and on PostgreSQL; the tests above with their own #[test]
// look at the database file itself.
on_both_backends!(
    export_needs_a_contract_first,
    exports_markdown_html_and_pdf,
    export_to_a_missing_folder_is_one_clear_line_and_no_file,
);
