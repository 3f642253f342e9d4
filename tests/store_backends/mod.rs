//! The store suites on both backends: `on_both!` turns each `fn name(db: &Backend)` into
//! the tests `sqlite::name` and `postgres::name`.
#![allow(dead_code)]

use meedoen::store::{Location, Store};
use std::sync::atomic::{AtomicU32, Ordering};

/// Where one test's database is: a new SQLite file, or a new PostgreSQL database.
pub struct Backend {
    location: Location,
    _dir: Option<tempfile::TempDir>,
}

impl Backend {
    pub fn sqlite() -> Backend {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        Backend {
            location: Location::File(dir.path().join("meedoen.db")),
            _dir: Some(dir),
        }
    }

    /// `None` (the test is skipped) without a PostgreSQL cluster to test on.
    pub fn postgres() -> Option<Backend> {
        fresh_database().map(|url| Backend {
            location: Location::Postgres(url),
            _dir: None,
        })
    }

    /// A connection of its own; on PostgreSQL `staff` is the role, not this name.
    pub fn open(&self, staff: &str) -> Store {
        Store::open_location(&self.location, staff).unwrap_or_else(|e| panic!("{e}"))
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self.location, Location::Postgres(_))
    }

    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Run SQL on a connection of the test's own, beside the store's.
    pub fn exec(&self, sql: &str) {
        match &self.location {
            Location::File(path) => rusqlite::Connection::open(path)
                .and_then(|c| c.execute_batch(sql))
                .unwrap_or_else(|e| panic!("{e}")),
            Location::Postgres(url) => postgres::Client::connect(url, postgres::NoTls)
                .and_then(|mut c| c.batch_execute(sql))
                .unwrap_or_else(|e| panic!("{e}")),
        }
    }

    /// The number a `SELECT count(*) …` gives.
    pub fn count(&self, sql: &str) -> i64 {
        match &self.location {
            Location::File(path) => rusqlite::Connection::open(path)
                .and_then(|c| c.query_row(sql, [], |r| r.get(0)))
                .unwrap_or_else(|e| panic!("{e}")),
            Location::Postgres(url) => postgres::Client::connect(url, postgres::NoTls)
                .and_then(|mut c| c.query_one(sql, &[]))
                .map(|r| r.get(0))
                .unwrap_or_else(|e| panic!("{e}")),
        }
    }

    /// Make every edit lock's heartbeat `secs` older.
    pub fn age_heartbeats(&self, secs: i64) {
        self.exec(&format!("UPDATE locks SET heartbeat = heartbeat - {secs}"));
    }

    pub fn url(&self) -> Option<&str> {
        match &self.location {
            Location::Postgres(u) => Some(u),
            Location::File(_) => None,
        }
    }
}

/// A new empty database on the cluster `MEEDOEN_TEST_PG` names (a URL of a database
/// a superuser may connect to), or `None` when it is unset: then the test says it was
/// skipped, and fails instead when `MEEDOEN_REQUIRE_PG=1`.
pub fn fresh_database() -> Option<String> {
    static N: AtomicU32 = AtomicU32::new(0);
    let Ok(admin) = std::env::var("MEEDOEN_TEST_PG") else {
        if std::env::var("MEEDOEN_REQUIRE_PG").as_deref() == Ok("1") {
            panic!("MEEDOEN_REQUIRE_PG=1 maar MEEDOEN_TEST_PG is niet gezet");
        }
        eprintln!("overgeslagen: geen PostgreSQL (MEEDOEN_TEST_PG is niet gezet)");
        return None;
    };
    let name = format!(
        "meedoen_t_{}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0)
    );
    let mut client = postgres::Client::connect(&admin, postgres::NoTls)
        .unwrap_or_else(|e| panic!("MEEDOEN_TEST_PG: {e}"));
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap_or_else(|e| panic!("{e}"));
    let (base, query) = match admin.split_once('?') {
        Some((b, q)) => (b.to_string(), format!("?{q}")),
        None => (admin.clone(), String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_part = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => &base[..],
    };
    Some(format!("{host_part}/{name}{query}"))
}

/// `fn name(db: &Backend) { … }` for each test, run as `sqlite::name` and
/// `postgres::name`.
#[macro_export]
macro_rules! on_both {
    ($($(#[$attr:meta])* fn $name:ident($db:ident: &Backend) $body:block)*) => {
        $( $(#[$attr])* fn $name($db: &$crate::store_backends::Backend) $body )*
        mod sqlite {
            $( #[test] fn $name() { super::$name(&$crate::store_backends::Backend::sqlite()) } )*
        }
        mod postgres {
            $( #[test] fn $name() {
                if let Some(db) = $crate::store_backends::Backend::postgres() {
                    super::$name(&db)
                }
            } )*
        }
    };
}
