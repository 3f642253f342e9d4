//! Bad environments met by the real program in a terminal: a database in a missing
//! folder, read-only, from a newer version or on a network path, and a broken forms
//! folder. Each must give one clear Dutch sentence, leave the terminal usable and
//! damage nothing.

mod support;

use std::path::Path;
use std::time::Duration;
use support::pty::{Exit, Pty, PtyCommand};
use support::{Key, OrFail, Workplace, DEFAULT_TIMEOUT};

/// Wait for `phrase`, then make sure the program ends (it may show the message inside the
/// interface and wait for a key) with the terminal restored and without a Rust error.
fn expect_refusal(mut p: Pty, phrase: &str) -> (Exit, String) {
    p.wait_for(phrase, DEFAULT_TIMEOUT).or_fail();
    let screen = p.screen_text();
    let exit = match p.wait_exit(Duration::from_secs(3)) {
        Ok(e) => e,
        Err(_) => {
            for k in [Key::Enter, Key::Esc, Key::Char('q'), Key::Ctrl('c')] {
                let _ = p.send_key(k);
                if let Ok(e) = p.wait_exit(Duration::from_secs(3)) {
                    return finish(&p, e, screen);
                }
            }
            p.wait_exit(DEFAULT_TIMEOUT).or_fail()
        }
    };
    finish(&p, exit, screen)
}

fn finish(p: &Pty, exit: Exit, screen: String) -> (Exit, String) {
    p.check_terminal_restored().or_fail();
    let all = format!("{screen}\n{}", p.screen_text());
    for bad in [
        "panicked",
        "RUST_BACKTRACE",
        "stack backtrace",
        "Error {",
        "todo!",
    ] {
        assert!(
            !all.contains(bad),
            "a Rust error reached the user ({bad}):\n{all}"
        );
    }
    (exit, all)
}

fn assert_one_clear_failure(exit: &Exit, text: &str) {
    assert!(
        !exit.success(),
        "a refused start must not exit 0: {exit:?}\n{text}"
    );
    assert!(
        exit.signal.is_none(),
        "the program crashed instead of refusing: {exit:?}\n{text}"
    );
}

#[test]
fn database_in_a_missing_folder_is_refused() {
    let w = Workplace::new();
    let db = w.path().join("bestaat-niet").join("meedoen.db");
    let p = w.tui_on(&db, "tester").spawn().or_fail();
    let (exit, text) = expect_refusal(p, "bestaat niet");
    assert_one_clear_failure(&exit, &text);
    assert!(
        !db.parent().is_some_and(Path::exists),
        "the missing folder must not be created behind the user's back"
    );
}

#[test]
fn database_on_a_network_path_is_refused_with_advice() {
    let w = Workplace::new();
    // The UNC form a Windows workstation would give; recognised on every platform.
    let p = w
        .tui_on(Path::new("//fileserver/gemeente/meedoen.db"), "tester")
        .spawn()
        .or_fail();
    let (exit, text) = expect_refusal(p, "netwerkschijf");
    assert_one_clear_failure(&exit, &text);
    assert!(
        text.contains("lokale schijf"),
        "the message gives advice:\n{text}"
    );
}

#[test]
fn database_from_a_newer_version_is_refused_and_left_untouched() {
    let w = Workplace::new();
    drop(meedoen::store::Store::open(&w.db, "tester").or_fail_store());
    {
        let c = rusqlite::Connection::open(&w.db).or_fail_store();
        c.pragma_update(None, "user_version", 9999).or_fail_store();
        // Fold the WAL back into the file, so the bytes compared below are the whole db.
        let _ = c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }
    let before = std::fs::read(&w.db).or_fail_store();
    let p = w.spawn_tui();
    let (exit, text) = expect_refusal(p, "nieuwere versie");
    assert_one_clear_failure(&exit, &text);
    let after = std::fs::read(&w.db).or_fail_store();
    assert!(before == after, "the newer database was modified");
}

#[test]
fn read_only_database_is_refused() {
    let w = Workplace::new();
    let folder = w.path().join("alleen-lezen");
    std::fs::create_dir(&folder).or_fail_store();
    let db = folder.join("meedoen.db");
    drop(meedoen::store::Store::open(&db, "tester").or_fail_store());
    set_mode(&db, 0o444);
    set_mode(&folder, 0o555);
    let cmd = as_ordinary_user(&w, w.tui_on(&db, "tester"));
    let Some(cmd) = cmd else {
        eprintln!("skipped: running as root without setpriv, a read-only file cannot be made");
        return;
    };
    let p = cmd.spawn().or_fail();
    let (exit, text) = expect_refusal(p, "alleen-lezen");
    assert_one_clear_failure(&exit, &text);
    set_mode(&folder, 0o755);
}

#[test]
fn broken_forms_folder_names_file_and_line() {
    let w = Workplace::new();
    let forms = w.path().join("formulieren");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("forms"), &forms);
    // Break one question's kind; the message must point at exactly that line.
    let intake = forms.join("intake.toml");
    let text = std::fs::read_to_string(&intake).or_fail_store();
    let mut line_no = 0;
    let broken: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if line_no == 0 && l.trim_start().starts_with("kind = \"") {
                line_no = i + 1;
                "kind = \"onbekend_soort\"".to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(line_no > 0, "intake.toml has a `kind = ` line to break");
    std::fs::write(&intake, broken.join("\n") + "\n").or_fail_store();

    let p = w
        .tui()
        .args(["--forms".as_ref(), forms.as_os_str()])
        .spawn()
        .or_fail();
    let (exit, all) = expect_refusal(p, "intake.toml");
    assert_one_clear_failure(&exit, &all);
    assert!(
        all.contains(&format!("intake.toml:{line_no}"))
            || all.contains(&format!("regel {line_no}")),
        "the message names line {line_no}:\n{all}"
    );
}

// --- helpers -------------------------------------------------------------------------

trait OrFailStore<T> {
    fn or_fail_store(self) -> T;
}

impl<T, E: std::fmt::Display> OrFailStore<T> for Result<T, E> {
    #[track_caller]
    fn or_fail_store(self) -> T {
        match self {
            Ok(v) => v,
            Err(e) => panic!("{e}"),
        }
    }
}

fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).or_fail_store();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).or_fail_store();
    for e in std::fs::read_dir(from).or_fail_store().flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).or_fail_store();
        }
    }
}

/// Root may write anywhere, so a read-only file only means something to an ordinary
/// user: as root, run the program as `nobody` (via setpriv). `None` when impossible.
fn as_ordinary_user(w: &Workplace, cmd: PtyCommand) -> Option<PtyCommand> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Some(cmd);
    }
    let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
        .into_iter()
        .find(|p| Path::new(p).exists())?;
    // nobody must reach the workplace and may write its home folders.
    set_mode(w.path(), 0o755);
    for sub in ["data", "config", "state", "cache"] {
        set_mode(&w.path().join(sub), 0o777);
    }
    Some(cmd.wrap(
        setpriv,
        &["--reuid=65534", "--regid=65534", "--clear-groups", "--"],
    ))
}

#[test]
fn disk_full_while_saving_keeps_the_answers_and_saving_again_works() {
    let disk = match support::disk::SmallDisk::mount(4096) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("skipped: no small disk to fill ({e})");
            return;
        }
    };
    let mut w = Workplace::new();
    w.db = disk.path().join("meedoen.db");
    let mut p = w.spawn_tui();
    support::flows::new_intake(&mut p);
    support::flows::type_person(&mut p, "Jan", "Voorbeeld");
    support::flows::answer_required_sections(&mut p);
    support::flows::to_ladder(&mut p);

    disk.fill().or_fail_store();
    p.send_key(Key::F(10)).or_fail();
    p.wait_for("De schijf is vol", DEFAULT_TIMEOUT).or_fail();
    let screen = p.screen_text();
    assert!(
        screen.contains("Berekende trede: 3") && screen.contains("Voorbeeld, J."),
        "the answers stay on screen:\n{screen}"
    );
    assert!(!screen.contains("Het gesprek is opgeslagen"), "{screen}");

    disk.free().or_fail_store();
    p.send_key(Key::F(10)).or_fail();
    p.wait_for("Het gesprek is opgeslagen", DEFAULT_TIMEOUT)
        .or_fail();
    let exit = support::flows::quit(&mut p);
    assert!(exit.success(), "{exit:?}");
    let report = w.json(&["report", "--json", "--intern"]);
    assert_eq!(report["clients"], 1, "{report}");
    assert_eq!(report["per_rung"]["3"], 1, "{report}");
}
