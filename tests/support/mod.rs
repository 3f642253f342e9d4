//! Shared helpers for the end-to-end tests: a temporary workplace per test, running the
//! CLI, and starting the interface in a pseudo-terminal.
#![allow(dead_code, unused_imports)]

pub mod disk;
pub mod flows;
#[path = "../pg_support/mod.rs"]
pub mod pg_support;
pub mod pty;

use pty::{Pty, PtyCommand};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub use pty::{Key, DEFAULT_TIMEOUT};

/// A fixed "today" keeps dates on screen and in the database predictable.
pub const TODAY: &str = "2025-03-10";

/// One test's own folder, database and home; removed when dropped.
pub struct Workplace {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
    /// On PostgreSQL (`Workplace::postgres`): the test database; each staff member is a
    /// role of that name, as a team's consultants are on a real server.
    pub pg: Option<pg_support::PgDatabase>,
}

impl Workplace {
    pub fn new() -> Workplace {
        let dir = tempfile::Builder::new()
            .prefix("meedoen-e2e-")
            .tempdir()
            .unwrap_or_else(|e| panic!("cannot create a temp dir: {e}"));
        let db = dir.path().join("meedoen.db");
        for sub in ["data", "config", "state", "cache"] {
            let _ = std::fs::create_dir_all(dir.path().join(sub));
        }
        Workplace { dir, db, pg: None }
    }

    /// A workplace on a fresh PostgreSQL database, migrated by its owner; None when the
    /// PostgreSQL tests are skipped.
    pub fn postgres() -> Option<Workplace> {
        let database = pg_support::fresh_database()?;
        let mut w = Workplace::new();
        let owner = database.url.clone();
        w.pg = Some(database);
        let out = w
            .bare_cli()
            .args(["--db", &owner, "worklist"])
            .output()
            .unwrap_or_else(|e| panic!("cannot run meedoen: {e}"));
        assert!(
            out.status.success(),
            "migrating the test database failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some(w)
    }

    /// What `--db` gets for `user`: the database file, or the URL as that user's role.
    pub fn db_arg(&self, user: &str) -> std::ffi::OsString {
        match &self.pg {
            Some(pg) => pg.consultant(user).into(),
            None => self.db.clone().into(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The interface on this workplace's database, 80×24, as staff member "tester".
    pub fn tui(&self) -> PtyCommand {
        self.tui_as("tester")
    }

    pub fn tui_as(&self, user: &str) -> PtyCommand {
        match &self.pg {
            Some(_) => PtyCommand::meedoen()
                .home(self.path())
                .cwd(self.path())
                .env("MEEDOEN_TODAY", TODAY)
                .args(["--db".into(), self.db_arg(user)])
                .args(["--user", user]),
            None => self.tui_on(&self.db, user),
        }
    }

    /// The interface on another database path (missing folder, network path …).
    pub fn tui_on(&self, db: &Path, user: &str) -> PtyCommand {
        PtyCommand::meedoen()
            .home(self.path())
            .cwd(self.path())
            .env("MEEDOEN_TODAY", TODAY)
            .args(["--db".as_ref(), db.as_os_str()])
            .args(["--user", user])
    }

    pub fn spawn_tui(&self) -> Pty {
        self.tui()
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start meedoen in a pty: {e}"))
    }

    /// A CLI command on this workplace's database (global options first).
    pub fn cli(&self) -> Command {
        let mut c = self.bare_cli();
        c.arg("--db")
            .arg(self.db_arg("tester"))
            .args(["--user", "tester"]);
        c
    }

    /// A CLI command in this workplace's environment, with no database chosen yet.
    fn bare_cli(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_meedoen"));
        c.current_dir(self.path())
            .env("HOME", self.path())
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_STATE_HOME", self.path().join("state"))
            .env("XDG_CACHE_HOME", self.path().join("cache"))
            .env("MEEDOEN_TODAY", TODAY)
            .env_remove("MEEDOEN_DB")
            .env("RUST_BACKTRACE", "0");
        c
    }

    /// Run a CLI command; returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> CliResult {
        let out = self
            .cli()
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run meedoen {args:?}: {e}"));
        CliResult::from(out)
    }

    /// Run a CLI command that must succeed; returns stdout.
    pub fn run_ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(
            r.code, 0,
            "meedoen {args:?} failed ({}):\nstdout: {}\nstderr: {}",
            r.code, r.stdout, r.stderr
        );
        r.stdout
    }

    /// The answers file of Jan Voorbeeld (fictitious), a complete intake on rung 3.
    pub fn jan_voorbeeld_file(&self) -> PathBuf {
        self.answers_file(
            "intake.json",
            serde_json::json!({
                "persoon.voornamen": "Jan",
                "persoon.achternaam": "Voorbeeld",
                "persoon.geboortedatum": "1985-11-03",
                "werk.betaald": false,
                "meedoen.onbetaald_werk": "nee",
                "meedoen.georganiseerd": "wekelijks",
                "meedoen.sociaal_contact": "wekelijks",
                "inkomen.bronnen": ["bijstand"],
                "schulden.heeft_schulden": "nee",
                "wonen.situatie": "huur",
                "taal.onderwijs_nl_8jaar": true,
                "regie.doel": "Vrijwilligerswerk vinden",
                "verwachting.trede": "3"
            }),
        )
    }

    /// Write an answers file (cli.md format) and return its path.
    pub fn answers_file(&self, name: &str, answers: serde_json::Value) -> PathBuf {
        let p = self.path().join(name);
        let doc = serde_json::json!({ "form": "intake", "answers": answers });
        std::fs::write(&p, doc.to_string())
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", p.display()));
        p
    }

    /// `--json` output of a CLI command, parsed.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.run_ok(args);
        serde_json::from_str(&out)
            .unwrap_or_else(|e| panic!("meedoen {args:?} printed no JSON ({e}): {out}"))
    }
}

impl Default for Workplace {
    fn default() -> Self {
        Self::new()
    }
}

pub struct CliResult {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for CliResult {
    fn from(o: Output) -> Self {
        CliResult {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// Fail with the message, for `?`-style test bodies: `pty.wait_for(..).or_fail()`.
pub trait OrFail<T> {
    fn or_fail(self) -> T;
}

impl<T> OrFail<T> for Result<T, String> {
    #[track_caller]
    fn or_fail(self) -> T {
        match self {
            Ok(v) => v,
            Err(e) => panic!("{e}"),
        }
    }
}

/// Each listed test, written as `fn name(w: Workplace)`, runs as `sqlite::name` on a
/// database file and `postgres::name` on a fresh PostgreSQL database (skipped, said on
/// stderr, without a test cluster; see tests/pg_support).
#[macro_export]
macro_rules! workplace_on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    super::$name($crate::support::Workplace::new())
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    if let Some(w) = $crate::support::Workplace::postgres() {
                        super::$name(w)
                    }
                }
            )*
        }
    };
}
