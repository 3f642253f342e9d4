//! The store suites on both backends: `on_both!` turns each `fn name(db: &Backend)` into
//! the tests `sqlite::name` and `postgres::name`.
#![allow(dead_code)]

#[path = "../pg_support/mod.rs"]
pub mod pg_support;

use meedoen::store::{Location, Store};

/// Where one test's database is: a new SQLite file, or a new PostgreSQL database.
pub struct Backend {
    location: Location,
    _dir: Option<tempfile::TempDir>,
    _database: Option<pg_support::PgDatabase>,
}

impl Backend {
    pub fn sqlite() -> Backend {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        Backend {
            location: Location::File(dir.path().join("meedoen.db")),
            _dir: Some(dir),
            _database: None,
        }
    }

    /// `None` (the test is skipped) without a PostgreSQL cluster to test on.
    pub fn postgres() -> Option<Backend> {
        fresh_database().map(|db| Backend {
            location: Location::Postgres(db.url.clone()),
            _dir: None,
            _database: Some(db),
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

/// A new empty database on the cluster of `.ci/pg start`, dropped with the test; `None`
/// (skipped, or failed under `MEEDOEN_REQUIRE_PG=1`) without one.
pub fn fresh_database() -> Option<pg_support::PgDatabase> {
    pg_support::fresh_database()
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
