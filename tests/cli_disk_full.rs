//! A completely full disk: every command that fails says the disk is full (what to do),
//! never a bare "reading or writing the disk failed"; and nothing is lost.

mod cli_support;
#[path = "support/disk.rs"]
mod disk;

use cli_support::{answers_with, full_answers, Sandbox};

#[test]
fn a_completely_full_disk_gives_the_disk_full_sentence_on_every_command() {
    let disk = match disk::SmallDisk::mount(4096) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("skipped: no small disk to fill ({e})");
            return;
        }
    };
    let sb = Sandbox::new();
    let db = disk.path().join("meedoen.db").display().to_string();
    let first = sb.write_json("a.json", &full_answers());
    let second = sb.write_json(
        "b.json",
        &answers_with(serde_json::json!({ "persoon.bsn": null })),
    );
    let import = |file: &std::path::Path| {
        sb.run(&[
            "--db",
            &db,
            "intake",
            "import",
            "--answers",
            &file.display().to_string(),
        ])
    };
    import(&first).ok();
    sb.run(&["--db", &db, "contract", "draft", "1"]).ok();

    disk.fill().unwrap_or_else(|e| panic!("fill: {e}"));
    let out = sb.path("uit.md").display().to_string();
    let runs = [
        ("intake import", import(&second)),
        (
            "contract draft",
            sb.run(&["--db", &db, "contract", "draft", "1"]),
        ),
        (
            "contract export",
            sb.run(&[
                "--db", &db, "contract", "export", "1", "--format", "md", "--out", &out,
            ]),
        ),
        ("worklist", sb.run(&["--db", &db, "worklist"])),
        ("report", sb.run(&["--db", &db, "report"])),
        ("db check", sb.run(&["--db", &db, "db", "check"])),
        (
            "intake import into a new database",
            sb.run(&[
                "--db",
                &disk.path().join("nieuw.db").display().to_string(),
                "intake",
                "import",
                "--answers",
                &second.display().to_string(),
            ]),
        ),
    ];
    for (what, r) in &runs {
        eprintln!("{what}: exit {} {}", r.code, r.stderr.trim());
        assert!(
            !r.stderr
                .contains("lezen of schrijven van de schijf mislukte"),
            "{what}: {}",
            r.stderr
        );
        if r.code != 0 {
            r.user_error();
            assert!(
                r.stderr.contains("De schijf is vol"),
                "{what}: {}",
                r.stderr
            );
        }
    }
    assert_ne!(runs[0].1.code, 0, "an import cannot succeed on a full disk");

    disk.free().unwrap_or_else(|e| panic!("free: {e}"));
    let r = import(&second);
    r.ok();
    assert_eq!(r.stdout.trim(), "2", "{}", r.stdout);
}
