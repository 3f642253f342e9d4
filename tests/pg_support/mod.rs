//! A fresh PostgreSQL database per test on the throw-away cluster of `.ci/pg start`
//! (`MEEDOEN_TEST_PG` is its admin URL). Without it the PostgreSQL half of a suite is
//! skipped with a line on stderr, unless `MEEDOEN_REQUIRE_PG=1` (set by `.ci/run`), which
//! makes a missing cluster a failure.
#![allow(dead_code)]

use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

/// A database made for one test and dropped with it.
pub struct PgDatabase {
    admin: String,
    pub name: String,
    /// The URL the program under test gets (`--db`, `MEEDOEN_DB`, `Store::open_url`).
    pub url: String,
}

/// The cluster's admin URL, or None (skipped, said on stderr) when no cluster is set up.
pub fn admin_url() -> Option<String> {
    match std::env::var("MEEDOEN_TEST_PG") {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            if std::env::var("MEEDOEN_REQUIRE_PG").is_ok_and(|v| v == "1") {
                panic!("MEEDOEN_REQUIRE_PG=1 but MEEDOEN_TEST_PG is not set: run `.ci/pg start`");
            }
            eprintln!("PostgreSQL-test overgeslagen: MEEDOEN_TEST_PG is niet gezet (.ci/pg start)");
            None
        }
    }
}

/// Run one SQL text as the cluster's admin on database `db`; panics with psql's message.
pub fn admin_sql(admin: &str, db: &str, sql: &str) -> String {
    let url = with_database(admin, db);
    let out = Command::new("psql")
        .args([
            "-X",
            "-q",
            "-A",
            "-t",
            "-v",
            "ON_ERROR_STOP=1",
            "-d",
            &url,
            "-c",
            sql,
        ])
        .output()
        .unwrap_or_else(|e| panic!("cannot run psql: {e}"));
    assert!(
        out.status.success(),
        "psql failed on {sql:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// `url` with its database name replaced by `db` (query parameters kept).
pub fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let after_scheme = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[after_scheme..].find('/') {
        Some(i) => &base[..after_scheme + i],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{db}?{q}"),
        None => format!("{base}/{db}"),
    }
}

/// `url` with its user replaced by `role` (trust authentication: no password).
pub fn as_role(url: &str, role: &str) -> String {
    let Some(start) = url.find("://").map(|i| i + 3) else {
        return url.to_string();
    };
    match url[start..].find('@') {
        Some(at) => format!("{}{role}{}", &url[..start], &url[start + at..]),
        None => format!("{}{role}@{}", &url[..start], &url[start..]),
    }
}

/// A new, empty database, or None when PostgreSQL tests are skipped.
pub fn fresh_database() -> Option<PgDatabase> {
    static N: AtomicU32 = AtomicU32::new(0);
    let admin = admin_url()?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let name = format!(
        "t_{}_{}_{nanos}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    );
    admin_sql(&admin, "postgres", &format!("CREATE DATABASE {name}"));
    let url = with_database(&admin, &name);
    Some(PgDatabase { admin, name, url })
}

impl PgDatabase {
    /// A login role that is a member of `meedoen_medewerker` (the group the migrations
    /// grant to), created once per cluster; returns this database's URL as that role.
    pub fn consultant(&self, role: &str) -> String {
        admin_sql(
            &self.admin,
            "postgres",
            &format!(
                // Two tests may create the same role at one instant: the loser's
                // duplicate is no error.
                "DO $$ BEGIN
                   BEGIN CREATE ROLE meedoen_medewerker NOLOGIN;
                   EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
                   BEGIN CREATE ROLE {role} LOGIN IN ROLE meedoen_medewerker;
                   EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
                 END $$"
            ),
        );
        admin_sql(
            &self.admin,
            &self.name,
            &format!(
                "GRANT CONNECT, TEMPORARY ON DATABASE {} TO meedoen_medewerker",
                self.name
            ),
        );
        as_role(&self.url, role)
    }

    /// Run SQL on this database as the admin.
    pub fn sql(&self, sql: &str) -> String {
        admin_sql(&self.admin, &self.name, sql)
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        // Best effort: the cluster is thrown away anyway.
        let _ = Command::new("psql")
            .args([
                "-X",
                "-q",
                "-d",
                &with_database(&self.admin, "postgres"),
                "-c",
                &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
            ])
            .output();
    }
}
