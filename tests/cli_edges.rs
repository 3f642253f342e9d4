//! The edges of the command line: no terminal for the screen, oversized or outside forms
//! files, signed dates, and a command group without its command.

mod cli_support;
use cli_support::{copy_dir, repo_forms, Run, Sandbox};
use std::process::Stdio;
use std::time::{Duration, Instant};

fn the_screen_without_a_terminal_says_so_in_one_line(sb: Sandbox) {
    let db = sb.path("x.db");
    let out = sb
        .command(&["--db", db.to_str().unwrap()])
        .stdin(Stdio::null())
        .output()
        .expect("run meedoen");
    let r = Run::from(out);
    r.user_error();
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("meedoen: het scherm heeft een terminal nodig"),
        "{}",
        r.stderr
    );
    // The commands that work without one are named.
    for cmd in ["intake import", "worklist", "report"] {
        assert!(r.stderr.contains(cmd), "{cmd}: {}", r.stderr);
    }
    assert!(!r.stderr.contains("bewaard"), "{}", r.stderr);
    assert!(
        !db.exists(),
        "a database was made for a screen that never opened"
    );

    let r = Run::from(
        sb.command(&["--lang", "en", "--db", db.to_str().unwrap()])
            .stdin(Stdio::null())
            .output()
            .expect("run meedoen"),
    );
    r.user_error();
    assert!(r.stderr.contains("terminal"), "{}", r.stderr);
}

fn a_demo_without_a_terminal_is_refused_before_it_is_built(sb: Sandbox) {
    let db = sb.path("demo-hier.db");
    let r = Run::from(
        sb.command(&["--db", db.to_str().unwrap(), "demo", "--clients", "3"])
            .stdin(Stdio::null())
            .output()
            .expect("run meedoen"),
    );
    r.user_error();
    assert!(
        r.stderr
            .starts_with("meedoen: het scherm heeft een terminal nodig"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--no-tui"), "{}", r.stderr);
}

fn a_signed_year_is_not_a_date(sb: Sandbox) {
    let db = sb.db();
    let answers = sb.write_json("a.json", &cli_support::full_answers());
    for (args, option) in [
        (
            vec![
                "intake",
                "import",
                "--answers",
                answers.to_str().unwrap(),
                "--date",
                "+2025-01-01",
            ],
            "--date",
        ),
        (vec!["worklist", "--as-of", "+2025-03-03"], "--as-of"),
        (vec!["report", "--as-of", "+2025-03-03"], "--as-of"),
        (vec!["worklist", "--as-of", "03-03-+2025"], "--as-of"),
        (vec!["worklist", "--as-of", " 2025-3-3x"], "--as-of"),
    ] {
        let mut all = vec!["--db", db.to_str().unwrap()];
        all.extend(args.iter().copied());
        let r = sb.run(&all);
        r.user_error();
        assert!(r.stderr.contains(option), "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("JJJJ-MM-DD"), "{args:?}: {}", r.stderr);
    }
    assert!(!db.exists(), "the refused import made a database");
    // The two spellings that are meant still work.
    sb.run(&[
        "--db",
        db.to_str().unwrap(),
        "intake",
        "import",
        "--answers",
        answers.to_str().unwrap(),
        "--date",
        "03-02-2025",
    ])
    .ok();
    for date in ["2025-03-01", "01-03-2025", "1-3-2025"] {
        sb.run(&["--db", db.to_str().unwrap(), "worklist", "--as-of", date])
            .ok();
    }
}

fn a_command_group_alone_shows_dutch_help_and_exits_2(sb: Sandbox) {
    for group in ["contract", "intake", "ladder", "forms"] {
        let r = sb.run(&[group]);
        assert_eq!(r.code, 2, "{group}: {}", r.stderr);
        let all = format!("{}{}", r.stdout, r.stderr);
        assert!(all.contains("Gebruik: meedoen"), "{group}: {all}");
        assert!(all.contains("Opdrachten"), "{group}: {all}");
        for english in ["Usage:", "Commands:", "Options:", "Print help"] {
            assert!(!all.contains(english), "{group}: {english} in {all}");
        }
    }
    let r = sb.run(&["--lang", "en", "contract"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(all.contains("Usage:"), "{all}");
}

/// A copy of the shipped forms in `<sandbox>/forms`.
fn forms_copy(sb: &Sandbox) -> std::path::PathBuf {
    let dir = sb.path("forms");
    copy_dir(repo_forms(), &dir);
    dir
}

#[test]
fn a_forms_file_over_one_mib_is_refused_at_once_with_its_name() {
    let sb = Sandbox::new();
    let dir = forms_copy(&sb);
    let signals = dir.join("signals.toml");
    let mut text = std::fs::read_to_string(&signals).unwrap();
    // Valid TOML, only too big: 40 MiB of comment lines.
    let line = format!("# {}\n", "x".repeat(1022));
    text.push_str(&line.repeat(40 * 1024));
    std::fs::write(&signals, text).unwrap();
    for args in [
        vec!["forms", "check", dir.to_str().unwrap()],
        vec![
            "--forms",
            dir.to_str().unwrap(),
            "ladder",
            "score",
            "--answers",
            "x.json",
        ],
    ] {
        let started = Instant::now();
        let r = sb.run(&args);
        let took = started.elapsed();
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        let all = format!("{}{}", r.stdout, r.stderr);
        assert!(all.contains("signals.toml"), "{all}");
        assert!(all.contains("1 MiB"), "{all}");
        assert!(took < Duration::from_secs(3), "took {took:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_forms_file_outside_the_folder_is_not_read() {
    let sb = Sandbox::new();
    let dir = forms_copy(&sb);
    let elsewhere = sb.path("elders");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::rename(dir.join("ladder.toml"), elsewhere.join("ladder.toml")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("ladder.toml"), dir.join("ladder.toml")).unwrap();
    let r = sb.run(&["forms", "check", dir.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(all.contains("ladder.toml"), "{all}");
    assert!(all.contains("buiten de map"), "{all}");

    // `..` through a symlinked folder is the same thing.
    std::fs::remove_file(dir.join("ladder.toml")).unwrap();
    std::os::unix::fs::symlink("../elders/ladder.toml", dir.join("ladder.toml")).unwrap();
    let r = sb.run(&[
        "--forms",
        dir.to_str().unwrap(),
        "ladder",
        "score",
        "--answers",
        "x.json",
    ]);
    r.user_error();
    assert!(r.stderr.contains("buiten de map"), "{}", r.stderr);

    // A symlink that stays inside the folder is fine.
    std::fs::remove_file(dir.join("ladder.toml")).unwrap();
    std::fs::rename(elsewhere.join("ladder.toml"), dir.join("ladder-echt.toml")).unwrap();
    std::os::unix::fs::symlink("ladder-echt.toml", dir.join("ladder.toml")).unwrap();
    sb.run(&["forms", "check", dir.to_str().unwrap()]).ok();
}

#[cfg(unix)]
#[test]
fn a_fifo_in_place_of_a_forms_file_does_not_hang() {
    let sb = Sandbox::new();
    let dir = forms_copy(&sb);
    std::fs::remove_file(dir.join("contract.toml")).unwrap();
    let c = std::ffi::CString::new(dir.join("contract.toml").to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only reads it.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let started = Instant::now();
    let r = sb.run(&["forms", "check", dir.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("contract.toml"), "{}", r.stdout);
    assert!(started.elapsed() < Duration::from_secs(5));
}

// On a database file and on PostgreSQL; the tests above with their own #[test]
// look at the database file itself.
on_both_backends!(
    the_screen_without_a_terminal_says_so_in_one_line,
    a_demo_without_a_terminal_is_refused_before_it_is_built,
    a_signed_year_is_not_a_date,
    a_command_group_alone_shows_dutch_help_and_exits_2,
);
