//! The append-only access log: who opened or changed which dossier, and when.

use super::db::params;
use super::{fmt_datetime, now_local, parse_datetime, ClientId, Result, Store};
use chrono::NaiveDateTime;

/// One line of the access log.
#[derive(Debug, Clone, PartialEq)]
pub struct AccessEntry {
    pub id: i64,
    pub at: NaiveDateTime,
    pub staff: String,
    pub workstation: String,
    /// `open_dossier`, `lees_contact`, `opslaan_contact`, `opslaan_overeenkomst`,
    /// `vaststellen_overeenkomst`, `afhandelen_signaal`, `uitstroom`, …
    pub action: String,
    pub client: Option<ClientId>,
}

impl Store {
    pub fn log(&mut self, action: &str, client: Option<ClientId>) -> Result<()> {
        self.write(|s| s.log_in(action, client))
    }

    /// Write a log line inside the caller's transaction (or on its own outside one).
    pub(crate) fn log_in(&self, action: &str, client: Option<ClientId>) -> Result<()> {
        self.conn
            .prepare_cached(self.conn.dialect(
                "INSERT INTO access_log (at, staff, workstation, action, client)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                // Numbered without gaps as on SQLite, so a gap still means a removed line:
                // a sequence would skip the numbers of rolled-back saves. Writes hold the
                // store's advisory lock, so no two take the same number.
                "INSERT INTO access_log (id, at, staff, workstation, action, client)
                 VALUES ((SELECT coalesce(max(id), 0) + 1 FROM access_log), ?1, ?2, ?3, ?4, ?5)",
            ))?
            .execute(params![
                fmt_datetime(now_local()),
                self.staff,
                self.workstation,
                action,
                client
            ])?;
        Ok(())
    }

    /// The log lines about one resident (or all with `None`), newest first.
    pub fn access_log(&self, client: Option<ClientId>, limit: usize) -> Result<Vec<AccessEntry>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut st = self.conn.prepare_cached(match client {
            Some(_) => {
                "SELECT id, at, staff, workstation, action, client FROM access_log
                 WHERE client = ?1 ORDER BY id DESC LIMIT ?2"
            }
            None => {
                "SELECT id, at, staff, workstation, action, client FROM access_log
                 WHERE CAST(?1 AS BIGINT) IS NULL ORDER BY id DESC LIMIT ?2"
            }
        })?;
        let rows = st.query_map(params![client, limit], |r| {
            Ok((
                r.get::<i64>(0)?,
                r.get::<String>(1)?,
                r.get::<String>(2)?,
                r.get::<String>(3)?,
                r.get::<String>(4)?,
                r.get::<Option<ClientId>>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, at, staff, workstation, action, client) = row;
            out.push(AccessEntry {
                id,
                at: parse_datetime(&at)?,
                staff,
                workstation,
                action,
                client,
            });
        }
        Ok(out)
    }
}
