//! Running the built `meedoen` binary in a sealed environment for the CLI tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "../pg_support/mod.rs"]
pub mod pg_support;

/// The fixed "today" of the tests (a Monday).
pub const TODAY: &str = "2025-03-03";

/// A temporary home: data and config folders inside it, never the tester's own.
///
/// A PostgreSQL sandbox (`Sandbox::postgres`) runs the same commands on a fresh database
/// of the test cluster: every argument that is this sandbox's database file (`db()`) is
/// replaced by the database's URL, as the role `testmedewerker`, so a test written for a
/// file runs unchanged on the server.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
    pub pg: Option<PgSandbox>,
}

/// The server side of a PostgreSQL sandbox.
pub struct PgSandbox {
    pub database: pg_support::PgDatabase,
    /// The database's URL as the consultant role the commands run as.
    pub url: String,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
            pg: None,
        }
    }

    /// A sandbox on a new PostgreSQL database, migrated by its owner as a DBA would (the
    /// first `meedoen` run as the owner role), used as the member role `testmedewerker`;
    /// None when the PostgreSQL tests are skipped.
    pub fn postgres() -> Option<Sandbox> {
        let database = self::pg_support::fresh_database()?;
        let url = database.consultant("testmedewerker");
        let mut sb = Sandbox::new();
        let owner = database.url.clone();
        sb.pg = Some(PgSandbox { database, url });
        let migrated = Run::from(
            sb.command(&["--db", &owner, "worklist"])
                .output()
                .expect("run meedoen"),
        );
        assert_eq!(
            migrated.code, 0,
            "migrating the test database failed: {}",
            migrated.stderr
        );
        Some(sb)
    }

    /// One number from the database, by SQL that both backends read alike.
    pub fn count(&self, sql: &str) -> i64 {
        match &self.pg {
            Some(pg) => pg.database.sql(sql).trim().parse().unwrap_or(-1),
            None => {
                let raw = rusqlite::Connection::open(self.db()).expect("open the test database");
                raw.query_row(sql, [], |r| r.get(0)).expect("count")
            }
        }
    }

    /// The store as a colleague's program has it open: `staff` is the role on PostgreSQL.
    pub fn store_as(&self, staff: &str) -> meedoen::store::Store {
        match &self.pg {
            Some(pg) => meedoen::store::Store::open_url(&pg.database.consultant(staff))
                .expect("open the test database as a role"),
            None => meedoen::store::Store::open(&self.db(), staff).expect("open the test database"),
        }
    }

    /// The `--db` value of this sandbox: the file, or the PostgreSQL URL.
    pub fn db_arg(&self) -> String {
        match &self.pg {
            Some(pg) => pg.url.clone(),
            None => self.db().to_string_lossy().into_owned(),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn db(&self) -> PathBuf {
        self.path("test.db")
    }

    /// The platform data folder as the program sees it in this sandbox (Linux layout).
    pub fn data_dir(&self) -> PathBuf {
        self.path("xdg-data").join("meedoen")
    }

    pub fn write_json(&self, name: &str, value: &serde_json::Value) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, serde_json::to_string_pretty(value).expect("json")).expect("write");
        p
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_meedoen"));
        let file = self.db();
        let args: Vec<String> = args
            .iter()
            .map(|a| match &self.pg {
                Some(pg) if Path::new(a) == file => pg.url.clone(),
                _ => a.to_string(),
            })
            .collect();
        c.args(&args)
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.path("xdg-data"))
            .env("XDG_CONFIG_HOME", self.path("xdg-config"))
            .env("APPDATA", self.path("appdata"))
            .env("MEEDOEN_TODAY", TODAY)
            .env("USER", "testmedewerker")
            // A backtrace must never reach a user, even when they ask for one.
            .env("RUST_BACKTRACE", "1")
            .env_remove("MEEDOEN_DB")
            .env("NO_COLOR", "1");
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let out = self.command(args).output().expect("run meedoen");
        Run::from(out)
    }
}

/// Each listed test, written as `fn name(sb: Sandbox)`, runs twice: `sqlite::name` on a
/// database file and `postgres::name` on a fresh PostgreSQL database (skipped, said on
/// stderr, without a test cluster; see tests/pg_support).
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    super::$name($crate::cli_support::Sandbox::new())
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    if let Some(sb) = $crate::cli_support::Sandbox::postgres() {
                        super::$name(sb)
                    }
                }
            )*
        }
    };
}

/// The outcome of one run, with stdout and stderr as text.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        let r = Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        };
        assert_no_panic(&r);
        r
    }
}

impl Run {
    pub fn ok(&self) -> &Self {
        assert_eq!(self.code, 0, "expected success; stderr: {}", self.stderr);
        self
    }

    /// A user error: exit 1, every stderr line starting with "meedoen: ".
    pub fn user_error(&self) -> &Self {
        assert_eq!(
            self.code, 1,
            "expected exit 1; stdout: {} stderr: {}",
            self.stdout, self.stderr
        );
        assert!(!self.stderr.trim().is_empty(), "no message on stderr");
        for line in self.stderr.lines() {
            assert!(
                line.starts_with("meedoen: "),
                "line without prefix: {line:?}"
            );
        }
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }
}

pub fn assert_no_panic(r: &Run) {
    for bad in [
        "panicked",
        "RUST_BACKTRACE",
        "stack backtrace",
        "note: run with",
    ] {
        assert!(
            !r.stderr.contains(bad),
            "stderr shows a panic/backtrace ({bad}): {}",
            r.stderr
        );
    }
}

/// A complete, valid intake of a clearly fictitious resident.
pub fn full_answers() -> serde_json::Value {
    serde_json::json!({
        "form": "intake",
        "answers": {
            "persoon.voornamen": "Jan",
            "persoon.achternaam": "Voorbeeld",
            "persoon.geboortedatum": "1988-04-12",
            "persoon.bsn": "111222333",
            "persoon.huishouden": "alleenstaand",
            "persoon.statushouder": false,
            "werk.betaald": false,
            "werk.opleiding": "mbo2_4",
            "werk.ingeschreven_uwv": true,
            "werk.belemmeringen": ["geen"],
            "meedoen.onbetaald_werk": "wekelijks",
            "meedoen.georganiseerd": "nee",
            "meedoen.sociaal_contact": "wekelijks",
            "meedoen.mantelzorg": false,
            "inkomen.bronnen": ["bijstand"],
            "inkomen.netto_per_maand": "1.245,50",
            "inkomen.laag_inkomen_jaren": 1,
            "inkomen.toeslagen": ["zorgtoeslag"],
            "inkomen.regelingen": ["geen"],
            "schulden.heeft_schulden": "nee",
            "wonen.situatie": "huur",
            "wonen.onzeker": false,
            "wonen.woonlasten": 650,
            "taal.onderwijs_nl_8jaar": true,
            "taal.niveau": "b2_hoger",
            "taal.laaggeletterd": false,
            "taal.digitaal": "zelfstandig",
            "gezondheid.belemmering": "geen",
            "gezondheid.steun_netwerk": "veel",
            "regie.doel": "Een betaalde baan in de zorg.",
            "verwachting.trede": "5",
            "verwachting.termijn_maanden": 12
        }
    })
}

/// `full_answers` with some answers replaced (or removed, with `null`).
pub fn answers_with(changes: serde_json::Value) -> serde_json::Value {
    let mut doc = full_answers();
    let answers = doc["answers"].as_object_mut().expect("answers object");
    for (k, v) in changes.as_object().expect("changes object") {
        if v.is_null() {
            answers.remove(k);
        } else {
            answers.insert(k.clone(), v.clone());
        }
    }
    doc
}

/// The repository's forms folder.
pub fn repo_forms() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/forms"))
}

/// Copy a folder's files (not recursive) to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        if e.file_type().expect("type").is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
        }
    }
}
