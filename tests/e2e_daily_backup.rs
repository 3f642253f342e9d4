//! The interface's daily backup: made in the background once the start screen is up, a
//! failure is one line in the status line while work goes on, and the demo gets none.
#![cfg(unix)]

mod support;

use std::path::Path;
use std::time::{Duration, Instant};
use support::pty::PtyCommand;
use support::{flows, Key, OrFail, Workplace, DEFAULT_TIMEOUT, TODAY};

fn wait_for_file(path: &Path, timeout: Duration) -> bool {
    let until = Instant::now() + timeout;
    while Instant::now() < until {
        if path.exists() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    path.exists()
}

fn integrity(path: &Path) -> String {
    rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| c.query_row("PRAGMA integrity_check", [], |r| r.get(0)))
        .unwrap_or_else(|e| e.to_string())
}

fn one_resident(w: &Workplace) {
    let answers = w.jan_voorbeeld_file();
    w.run_ok(&["intake", "import", "--answers", &answers.to_string_lossy()]);
}

#[test]
fn the_interface_makes_todays_backup_once_the_start_screen_is_up() {
    let w = Workplace::new();
    one_resident(&w);
    let backup = w.path().join("backups").join(format!("meedoen-{TODAY}.db"));
    assert!(
        !backup.exists(),
        "the command that made the database made no backup"
    );
    let mut p = w.spawn_tui();
    flows::wait_start(&p);
    assert!(
        wait_for_file(&backup, Duration::from_secs(15)),
        "today's backup in {}",
        backup.display()
    );
    // Still at work while (or after) it is made.
    p.send_key(Key::F(2)).or_fail();
    p.wait_for("Intake nieuwe inwoner", DEFAULT_TIMEOUT)
        .or_fail();
    p.send_key(Key::Esc).or_fail();
    flows::quit(&mut p);
    assert_eq!(integrity(&backup), "ok");
}

#[test]
fn a_failed_daily_backup_is_one_line_in_the_status_line_and_work_goes_on() {
    let w = Workplace::new();
    one_resident(&w);
    // A file where the backups folder should be: the folder cannot be made.
    let blocked = w.path().join("geen-map");
    std::fs::write(&blocked, "bezet").expect("write");
    let mut p = w
        .tui()
        .env("MEEDOEN_BACKUP_DIR", blocked.as_os_str())
        .spawn()
        .or_fail();
    flows::wait_start(&p);
    p.wait_for("dagelijkse reservekopie is niet gelukt", DEFAULT_TIMEOUT)
        .or_fail();
    p.send_key(Key::F(2)).or_fail();
    p.wait_for("Intake nieuwe inwoner", DEFAULT_TIMEOUT)
        .or_fail();
    p.send_key(Key::Esc).or_fail();
    let exit = flows::quit(&mut p);
    assert!(exit.success(), "{exit:?}");
    assert_eq!(std::fs::read_to_string(&blocked).expect("read"), "bezet");
    // And the technical log says what failed, for the administrator.
    let log = w
        .path()
        .join("data")
        .join("meedoen")
        .join("meedoen-fouten.log");
    let logged = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        logged.contains("dagelijkse reservekopie mislukt"),
        "{}: {logged}",
        log.display()
    );
    assert!(!logged.contains("Voorbeeld"), "no personal data: {logged}");
}

#[test]
fn the_demo_gets_no_daily_backup() {
    let w = Workplace::new();
    let mut p = PtyCommand::meedoen()
        .home(w.path())
        .cwd(w.path())
        .env("MEEDOEN_TODAY", TODAY)
        .args(["demo", "--clients", "5"])
        .spawn()
        .or_fail();
    flows::wait_start(&p);
    // Well past the moment the interface would start a backup.
    std::thread::sleep(Duration::from_millis(1500));
    flows::quit(&mut p);
    let data = w.path().join("data").join("meedoen");
    assert!(
        data.join("demo.db").exists(),
        "the demo ran in {}",
        data.display()
    );
    assert!(!data.join("backups").exists(), "no backups of the demo");
}
