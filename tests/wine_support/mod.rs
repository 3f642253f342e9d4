//! Running the cross-built `meedoen.exe` under Wine for the Windows end-to-end tests.
//!
//! `.ci/run` builds the exe and the `ProcessPrng` shim DLL (tests/wine/) and sets
//! `MEEDOEN_WINE_EXE` and `MEEDOEN_WINE_SHIM`; without them the tests say on stderr that
//! they were skipped. Optional: `MEEDOEN_WINE` (default `wine`).
#![allow(dead_code)]

use crate::cli_support::Run;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The fixed "today" of the tests (a Monday), as for the Linux CLI tests.
pub use crate::cli_support::TODAY;

/// Far above a normal run (well under a second); a hanging Wine (a dialog, a missing DLL
/// prompt) must fail the test, not stall CI.
const RUN_TIMEOUT: Duration = Duration::from_secs(180);

/// One Wine prefix per test binary: `wineboot` takes many seconds, a run of the exe a fraction.
pub struct Wine {
    wine: OsString,
    prefix: PathBuf,
    exe: PathBuf,
}

static WINE: OnceLock<Option<Wine>> = OnceLock::new();
/// The temporary folder holding the prefix, removed when the test binary exits.
static ROOT: OnceLock<PathBuf> = OnceLock::new();

/// The shared Wine set-up, or `None` (said once on stderr) when the environment does not
/// ask for the Windows tests. A half or broken set-up fails loudly: in CI a skip must
/// never pass for a success.
pub fn wine() -> Option<&'static Wine> {
    WINE.get_or_init(|| {
        let exe = std::env::var_os("MEEDOEN_WINE_EXE").filter(|v| !v.is_empty());
        let shim = std::env::var_os("MEEDOEN_WINE_SHIM").filter(|v| !v.is_empty());
        match (exe, shim) {
            (None, None) => {
                // Straight to the stream: libtest hides eprintln! output of passing tests.
                let _ = writeln!(
                    std::io::stderr(),
                    "wine_cli: Windows tests SKIPPED: MEEDOEN_WINE_EXE and MEEDOEN_WINE_SHIM \
                     are not set (.ci/run builds meedoen.exe and the shim and sets them; see \
                     the README, Development)"
                );
                None
            }
            (Some(exe), Some(shim)) => Some(Wine::boot(Path::new(&exe), Path::new(&shim))),
            _ => panic!("set both MEEDOEN_WINE_EXE and MEEDOEN_WINE_SHIM, or neither"),
        }
    })
    .as_ref()
}

extern "C" fn remove_root() {
    if let Some(root) = ROOT.get() {
        // The wineserver of the prefix lingers a few seconds after the last run.
        let _ = Command::new("wineserver")
            .arg("-k")
            .env("WINEPREFIX", root.join("prefix"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(root);
    }
}

impl Wine {
    fn boot(exe: &Path, shim: &Path) -> Wine {
        assert!(
            ROOT.get().is_none(),
            "the Wine set-up failed in an earlier test: see the first failure"
        );
        for (what, p) in [("MEEDOEN_WINE_EXE", exe), ("MEEDOEN_WINE_SHIM", shim)] {
            assert!(p.is_file(), "{what}={} is not a file", p.display());
        }
        let wine = std::env::var_os("MEEDOEN_WINE").unwrap_or_else(|| "wine".into());
        let root = tempfile::Builder::new()
            .prefix("meedoen-wine-")
            .tempdir()
            .expect("temp dir for the Wine prefix")
            .keep();
        ROOT.set(root.clone())
            .expect("one Wine set-up per test binary");
        // SAFETY: registers a plain extern "C" function without arguments.
        unsafe { libc::atexit(remove_root) };

        // The shim must sit beside the exe: Wine 8 has no bcryptprimitives.dll of its own.
        let bin = root.join("bin");
        std::fs::create_dir_all(&bin).expect("bin folder");
        let exe_copy = bin.join("meedoen.exe");
        std::fs::copy(exe, &exe_copy).expect("copy meedoen.exe");
        std::fs::copy(shim, bin.join("bcryptprimitives.dll")).expect("copy the shim DLL");

        let w = Wine {
            wine,
            prefix: root.join("prefix"),
            exe: exe_copy,
        };
        let started = Instant::now();
        let mut boot = w.base_command();
        boot.args(["wineboot", "--init"])
            // No Mono or Gecko download prompts: meedoen needs neither.
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=");
        let out = wait_with_timeout(boot, Duration::from_secs(600));
        assert!(
            out.status.success(),
            "wineboot failed ({:?}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        // One start before any test, so a Wine that cannot run the exe at all fails every
        // test with the likely cause instead of sixteen bare exit codes.
        let out = wait_with_timeout(w.command(&root, &["--version"]), RUN_TIMEOUT);
        let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert!(
            out.status.success() && version.starts_with("meedoen "),
            "meedoen.exe does not start under Wine ({:?}; stdout {version:?}): is {} a \
             bcryptprimitives.dll that exports ProcessPrng (tests/wine/)?",
            out.status,
            shim.display()
        );
        let _ = writeln!(
            std::io::stderr(),
            "wine_cli: Wine prefix ready and {version} (meedoen.exe) running after {:.1} s",
            started.elapsed().as_secs_f64()
        );
        w
    }

    /// Wine with a sealed environment: no display (nothing may open a window), a UTF-8
    /// locale (Wine converts arguments with it: "één" must arrive as "één").
    fn base_command(&self) -> Command {
        let mut c = Command::new(&self.wine);
        c.env("WINEPREFIX", &self.prefix)
            .env("WINEDEBUG", "-all")
            .env("LC_ALL", "C.UTF-8")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .stdin(Stdio::null());
        c
    }

    /// `meedoen.exe ARGS` in `cwd`, with the fixed date and the Linux tests' environment.
    pub fn command(&self, cwd: &Path, args: &[&str]) -> Command {
        let mut c = self.base_command();
        c.arg(&self.exe)
            .args(args)
            .current_dir(cwd)
            .env("MEEDOEN_TODAY", TODAY)
            // A backtrace must never reach a user, even when they ask for one.
            .env("RUST_BACKTRACE", "1")
            .env("NO_COLOR", "1")
            .env_remove("MEEDOEN_DB");
        c
    }

    pub fn run(&self, cwd: &Path, args: &[&str]) -> Run {
        Run::from(wait_with_timeout(self.command(cwd, args), RUN_TIMEOUT))
    }

    /// The Windows user's roaming AppData folder inside the prefix (as a Linux path).
    pub fn roaming_appdata(&self) -> PathBuf {
        let users = self.prefix.join("drive_c").join("users");
        let user = std::fs::read_dir(&users)
            .expect("users folder of the prefix")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .find(|p| p.file_name().is_some_and(|n| n != "Public"))
            .expect("a user profile in the prefix");
        user.join("AppData").join("Roaming")
    }
}

fn wait_with_timeout(mut cmd: Command, limit: Duration) -> std::process::Output {
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {:?}: {e}", cmd.get_program()));
    let id = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(out) => out.expect("wait for wine"),
        Err(_) => {
            // SAFETY: sends a signal to our own child, still unreaped (the waiting thread
            // holds it), so the id cannot have been reused.
            unsafe { libc::kill(id as libc::pid_t, libc::SIGKILL) };
            panic!("{:?} did not finish within {limit:?}", cmd.get_args());
        }
    }
}

/// `Z:\…` for a Linux path: Wine maps drive Z: to `/`.
pub fn windows_path(p: &Path) -> String {
    let s = p.to_str().expect("UTF-8 test path");
    assert!(s.starts_with('/'), "not absolute: {s}");
    format!("Z:{}", s.replace('/', "\\"))
}

/// A folder per test with a space and diacritics in its path, as a municipality's share
/// might be named.
pub struct WinBox {
    _dir: tempfile::TempDir,
    pub folder: PathBuf,
}

impl WinBox {
    pub fn new() -> WinBox {
        let dir = tempfile::Builder::new()
            .prefix("meedoen-wine-test-")
            .tempdir()
            .expect("temp dir");
        let folder = dir.path().join("Gemeente Ede").join("dossiers één");
        std::fs::create_dir_all(&folder).expect("mkdir");
        WinBox { _dir: dir, folder }
    }

    /// A file in the folder, as Linux sees it.
    pub fn unix(&self, name: &str) -> PathBuf {
        self.folder.join(name)
    }

    /// The same file as the Windows program is told it.
    pub fn win(&self, name: &str) -> String {
        windows_path(&self.unix(name))
    }

    pub fn db(&self) -> PathBuf {
        self.unix("meedoen.db")
    }

    pub fn db_win(&self) -> String {
        self.win("meedoen.db")
    }

    /// Writes an answers file; returns its Windows path.
    pub fn write_json(&self, name: &str, value: &serde_json::Value) -> String {
        let text = serde_json::to_string_pretty(value).expect("json");
        std::fs::write(self.unix(name), text).expect("write answers");
        self.win(name)
    }

    /// `meedoen.exe --db <db> ARGS`.
    pub fn run_db(&self, w: &Wine, args: &[&str]) -> Run {
        let db = self.db_win();
        let mut all = vec!["--db", db.as_str()];
        all.extend_from_slice(args);
        w.run(&self.folder, &all)
    }
}
