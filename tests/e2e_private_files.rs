//! Everything meedoen creates is its user's alone, whatever the umask (issue 13, item 1):
//! the database and its `-wal`/`-shm` while the interface runs, the technical log and its
//! folder, an exported contract, a backup; and `db check` warns about a database others
//! can read. Unix only: on Windows the user's profile keeps the files.
#![cfg(unix)]

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use support::{flows, Key, OrFail, Workplace, DEFAULT_TIMEOUT};

/// The permissive umask many desktops set; meedoen must not inherit it. Every test of this
/// file sets the same value, so running them side by side changes nothing.
fn open_umask() {
    // SAFETY: umask only swaps the process's file-creation mask.
    unsafe {
        libc::umask(0o022);
    }
}

fn mode(p: &Path) -> u32 {
    match std::fs::metadata(p) {
        Ok(m) => m.permissions().mode() & 0o777,
        Err(e) => panic!("{}: {e}", p.display()),
    }
}

fn side(db: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", db.display()))
}

#[test]
fn the_database_its_side_files_and_the_technical_log_are_the_owners_alone() {
    open_umask();
    let w = Workplace::new();
    let mut p = w.tui().env("MEEDOEN_TEST_PANIC", "1").spawn().or_fail();
    flows::new_intake(&mut p);
    flows::type_person(&mut p, "Jan", "Voorbeeld");
    p.send_key(Key::PageDown).or_fail();
    p.wait_for("Heeft de inwoner nu betaald werk?", DEFAULT_TIMEOUT)
        .or_fail();
    // The draft is on disk, so the WAL and its index exist while the program runs.
    let wal = side(&w.db, "-wal");
    let shm = side(&w.db, "-shm");
    let deadline = std::time::Instant::now() + DEFAULT_TIMEOUT;
    while !(wal.exists() && shm.exists()) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    for f in [&w.db, &wal, &shm] {
        assert_eq!(mode(f), 0o600, "{}", f.display());
    }
    // A crash writes the technical log into the program's own data folder.
    p.send_key(Key::F(12)).or_fail();
    p.wait_exit(DEFAULT_TIMEOUT).or_fail();
    let folder = w.path().join("data").join("meedoen");
    let log = folder.join("meedoen-fouten.log");
    assert_eq!(mode(&folder), 0o700, "{}", folder.display());
    assert_eq!(mode(&log), 0o600, "{}", log.display());
}

#[test]
fn an_exported_contract_a_backup_and_the_data_folder_are_the_owners_alone() {
    open_umask();
    let w = Workplace::new();
    let answers = w.jan_voorbeeld_file();
    let id = w.run_ok(&["intake", "import", "--answers", &answers.to_string_lossy()]);
    let id = id.trim();
    assert_eq!(mode(&w.db), 0o600);
    w.run_ok(&["contract", "draft", id]);
    let pdf = w.path().join("overeenkomst.pdf");
    w.run_ok(&[
        "contract",
        "export",
        id,
        "--format",
        "pdf",
        "--out",
        &pdf.to_string_lossy(),
    ]);
    assert_eq!(mode(&pdf), 0o600, "the contract holds a BSN");
    let backup = w.path().join("kopie.db");
    w.run_ok(&["db", "backup", "--out", &backup.to_string_lossy()]);
    assert_eq!(mode(&backup), 0o600);

    // Without --db the program makes its data folder itself: the owner's alone.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_meedoen"))
        .env("HOME", w.path())
        .env("XDG_DATA_HOME", w.path().join("eigen"))
        .env("MEEDOEN_TODAY", support::TODAY)
        .env_remove("MEEDOEN_DB")
        .args(["intake", "import", "--answers", &answers.to_string_lossy()])
        .output()
        .or_fail_io();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let folder = w.path().join("eigen").join("meedoen");
    assert_eq!(mode(&folder), 0o700);
    assert_eq!(mode(&folder.join("meedoen.db")), 0o600);
}

#[test]
fn db_check_warns_about_a_database_others_can_read() {
    open_umask();
    let w = Workplace::new();
    w.run_ok(&[
        "demo",
        "--clients",
        "3",
        "--no-tui",
        "--db",
        &w.db.to_string_lossy(),
    ]);
    let r = w.run(&["db", "check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("Rechten: alleen de eigenaar"),
        "{}",
        r.stdout
    );

    // As a database copied with `cp` under a 022 umask would be.
    let open = std::fs::Permissions::from_mode(0o644);
    std::fs::set_permissions(&w.db, open).or_fail_io();
    let r = w.run(&["db", "check"]);
    assert_eq!(r.code, 0, "a warning, not a damaged record: {}", r.stderr);
    assert!(r.stdout.contains("WAARSCHUWING"), "{}", r.stdout);
    assert!(r.stdout.contains("chmod 600"), "{}", r.stdout);
    assert!(r.stdout.contains("044"), "{}", r.stdout);
}

trait OrFailIo<T> {
    fn or_fail_io(self) -> T;
}

impl<T> OrFailIo<T> for std::io::Result<T> {
    #[track_caller]
    fn or_fail_io(self) -> T {
        match self {
            Ok(v) => v,
            Err(e) => panic!("{e}"),
        }
    }
}
