//! Checks of the pseudo-terminal harness itself, against the minimal reference program,
//! so a failing end-to-end test points at meedoen and not at the harness.

mod support;

use support::pty::{Key, PtyCommand};
use support::{OrFail, DEFAULT_TIMEOUT};

fn reference() -> PtyCommand {
    PtyCommand::new(env!("CARGO_BIN_EXE_minimal_ratatui"))
}

#[test]
fn reads_the_screen_and_sees_a_clean_exit() {
    let mut p = reference().spawn().or_fail();
    p.wait_for("Referentie klaar", DEFAULT_TIMEOUT).or_fail();
    assert!(
        p.is_raw_mode().or_fail(),
        "a ratatui program runs in raw mode"
    );
    let first = p.screen_text();
    assert!(
        first.lines().next().unwrap_or("").starts_with('┌'),
        "border drawn:\n{first}"
    );
    // A key the program ignores changes nothing; q ends it.
    p.send_key(Key::Down).or_fail();
    p.send("q").or_fail();
    let exit = p.wait_exit(DEFAULT_TIMEOUT).or_fail();
    assert!(exit.success(), "exit: {exit:?}");
    p.check_terminal_restored().or_fail();
}

#[test]
fn notices_a_terminal_left_broken() {
    let mut p = reference().spawn().or_fail();
    p.wait_for("Referentie klaar", DEFAULT_TIMEOUT).or_fail();
    // SIGKILL gives the program no chance to restore anything: the check must say so.
    p.kill(libc::SIGKILL).or_fail();
    let exit = p.wait_exit(DEFAULT_TIMEOUT).or_fail();
    assert!(!exit.success());
    let err = p
        .check_terminal_restored()
        .expect_err("a killed program cannot restore");
    assert!(err.contains("alternate screen"), "{err}");
    assert!(err.contains("raw mode"), "{err}");
}

#[test]
fn resizing_redraws_at_the_new_size() {
    let mut p = reference().size(100, 30).spawn().or_fail();
    p.wait_for("Referentie klaar", DEFAULT_TIMEOUT).or_fail();
    p.resize(60, 10).or_fail();
    // The redrawn border ends in column 60.
    p.wait_until("a 60-column border", DEFAULT_TIMEOUT, |s| {
        let c = s.contents();
        c.contains("Referentie klaar") && c.lines().next().map(|l| l.chars().count()) == Some(60)
    })
    .or_fail();
    p.send("q").or_fail();
    p.wait_exit(DEFAULT_TIMEOUT).or_fail();
}

#[test]
fn waiting_for_absent_text_times_out_with_the_screen() {
    let p = reference().spawn().or_fail();
    p.wait_for("Referentie klaar", DEFAULT_TIMEOUT).or_fail();
    let err = p
        .wait_for(
            "tekst die nooit komt",
            std::time::Duration::from_millis(200),
        )
        .expect_err("absent text");
    assert!(
        err.contains("Referentie klaar"),
        "the error shows the screen: {err}"
    );
}

#[test]
fn keys_are_encoded_like_xterm() {
    assert_eq!(Key::Enter.bytes(false), b"\r");
    assert_eq!(Key::Ctrl('c').bytes(false), [3]);
    assert_eq!(Key::Ctrl('S').bytes(false), [19]);
    assert_eq!(Key::Up.bytes(false), b"\x1b[A");
    assert_eq!(Key::Up.bytes(true), b"\x1bOA");
    assert_eq!(Key::F(1).bytes(false), b"\x1bOP");
    assert_eq!(Key::F(10).bytes(false), b"\x1b[21~");
    assert_eq!(Key::BackTab.bytes(false), b"\x1b[Z");
}

#[test]
fn a_small_disk_fills_up_and_frees_again() {
    let disk = match support::disk::SmallDisk::mount(256) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("skipped: {e}");
            return;
        }
    };
    let took = disk.fill().or_fail_io();
    assert!(took > 200 * 1024, "filled {took} bytes");
    let err = std::fs::write(disk.path().join("meer"), [1u8; 8192]).expect_err("disk is full");
    assert_eq!(err.raw_os_error(), Some(libc::ENOSPC));
    disk.free().or_fail_io();
    std::fs::write(disk.path().join("meer"), [1u8; 8192]).or_fail_io();
}

trait OrFailIo<T> {
    fn or_fail_io(self) -> T;
}

impl<T> OrFailIo<T> for std::io::Result<T> {
    #[track_caller]
    fn or_fail_io(self) -> T {
        self.unwrap_or_else(|e| panic!("{e}"))
    }
}
