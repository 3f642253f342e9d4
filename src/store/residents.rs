//! Residents: create, update, open (logged), outflow, and search as you type.

use super::contacts::pip_end_sql;
use super::db::{params, Db, Row};
use super::search::{self, Query};
use super::{
    fmt_date, fmt_datetime, now_local, parse_datetime, parse_opt_date, ClientId, NewResident,
    Resident, ResidentRow, ResidentStatus, Result, Store, StoreError,
};
use chrono::NaiveDate;

/// Outflow reasons the report counts separately.
pub const OUTFLOW_REASONS: &[&str] = &["werk", "verhuisd", "overig"];

impl ResidentStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            ResidentStatus::Active => "active",
            ResidentStatus::Outflow => "outflow",
        }
    }
}

const ROW_COLUMNS: &str =
    "r.id, r.first_names, r.surname, r.birth_date, r.bsn, r.last_contact, r.m_rung";

fn resident_row(row: &Row<'_>) -> Result<RawRow> {
    Ok(RawRow {
        id: row.get(0)?,
        first_names: row.get(1)?,
        surname: row.get(2)?,
        birth_date: row.get(3)?,
        bsn: row.get(4)?,
        last_contact: row.get(5)?,
        rung: row.get(6)?,
    })
}

struct RawRow {
    id: ClientId,
    first_names: String,
    surname: String,
    birth_date: Option<String>,
    bsn: Option<String>,
    last_contact: Option<String>,
    rung: Option<u8>,
}

impl RawRow {
    fn finish(self) -> Result<ResidentRow> {
        Ok(ResidentRow {
            id: self.id,
            first_names: self.first_names,
            surname: self.surname,
            birth_date: parse_opt_date(self.birth_date)?,
            bsn: self.bsn,
            last_contact: parse_opt_date(self.last_contact)?,
            current_rung: self.rung,
        })
    }
}

/// A name as shown in lists: "Jan de Vries".
pub(crate) fn display_name(first_names: &str, surname: &str) -> String {
    match (first_names.trim(), surname.trim()) {
        ("", s) => s.to_string(),
        (f, "") => f.to_string(),
        (f, s) => format!("{f} {s}"),
    }
}

fn blank_to_none(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

pub(crate) const DUPLICATE_BSNS: &str = "SELECT r.bsn, r.id FROM residents r
    WHERE r.bsn IN (SELECT bsn FROM residents WHERE bsn IS NOT NULL
                    GROUP BY bsn HAVING count(*) > 1)
    ORDER BY r.bsn, r.id";

/// [`super::duplicate_bsn_groups`] on either backend.
pub(crate) fn duplicate_bsn_groups_db(db: &Db) -> Result<Vec<Vec<ClientId>>> {
    let rows: Vec<(String, ClientId)> = db
        .prepare_cached(DUPLICATE_BSNS)?
        .query_map(params![], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(bsn_groups(&rows))
}

pub(crate) fn bsn_groups(rows: &[(String, ClientId)]) -> Vec<Vec<ClientId>> {
    let mut groups: Vec<Vec<ClientId>> = Vec::new();
    let mut last: Option<&str> = None;
    for (bsn, id) in rows {
        match groups.last_mut() {
            Some(g) if last == Some(bsn.as_str()) => g.push(*id),
            _ => groups.push(vec![*id]),
        }
        last = Some(bsn);
    }
    groups.sort();
    groups
}

impl Store {
    pub fn create_resident(&mut self, r: &NewResident) -> Result<ClientId> {
        self.refuse_if_damaged()?;
        self.write(|s| {
            let id = s.insert_resident(r)?;
            s.log_in("nieuwe_inwoner", Some(id))?;
            Ok(id)
        })
    }

    fn insert_resident(&self, r: &NewResident) -> Result<ClientId> {
        self.refuse_taken_bsn(r, None)?;
        let mut st = self.conn.prepare_insert(
            "INSERT INTO residents (first_names, surname, birth_date, birth_dmy, bsn, phone,
                 email, created, sort_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        let id = st.insert(params![
            r.first_names.trim(),
            r.surname.trim(),
            r.birth_date.map(fmt_date),
            r.birth_date.map(|d| d.format("%d-%m-%Y").to_string()),
            blank_to_none(&r.bsn),
            r.phone.trim(),
            r.email.trim(),
            fmt_datetime(now_local()),
            search::sort_key(&r.first_names, &r.surname),
        ])?;
        self.write_keys(id, r)?;
        Ok(id)
    }

    fn write_keys(&self, id: ClientId, r: &NewResident) -> Result<()> {
        // name_keys are distinct, so a plain INSERT (no OR IGNORE, which would also
        // swallow a NOT NULL violation).
        let mut st = self.conn.prepare_cached(
            "INSERT INTO resident_keys (key, resident, sort_key) VALUES (?1, ?2, ?3)",
        )?;
        let sort_key = search::sort_key(&r.first_names, &r.surname);
        for key in search::name_keys(&r.first_names, &r.surname) {
            st.execute(params![key, id, sort_key])?;
        }
        Ok(())
    }

    pub fn update_resident(&mut self, id: ClientId, r: &NewResident) -> Result<()> {
        self.refuse_if_damaged()?;
        self.write(|s| {
            s.refuse_taken_bsn(r, Some(id))?;
            let changed = s
                .conn
                .prepare_cached(
                    "UPDATE residents SET first_names = ?2, surname = ?3, birth_date = ?4,
                     birth_dmy = ?5, bsn = ?6, phone = ?7, email = ?8, sort_key = ?9
                 WHERE id = ?1",
                )?
                .execute(params![
                    id,
                    r.first_names.trim(),
                    r.surname.trim(),
                    r.birth_date.map(fmt_date),
                    r.birth_date.map(|d| d.format("%d-%m-%Y").to_string()),
                    blank_to_none(&r.bsn),
                    r.phone.trim(),
                    r.email.trim(),
                    search::sort_key(&r.first_names, &r.surname),
                ])?;
            if changed == 0 {
                return Err(StoreError::UnknownClient(id));
            }
            s.conn
                .prepare_cached("DELETE FROM resident_keys WHERE resident = ?1")?
                .execute(params![id])?;
            s.write_keys(id, r)?;
            s.log_in("wijzig_inwoner", Some(id))
        })
    }

    /// Inside the write's transaction, so two workstations saving one new BSN at the same
    /// moment cannot both find it free (the UNIQUE index would refuse the second anyway,
    /// but without saying whose BSN it is).
    fn refuse_taken_bsn(&self, r: &NewResident, own: Option<ClientId>) -> Result<()> {
        let Some(bsn) = blank_to_none(&r.bsn) else {
            return Ok(());
        };
        match self.resident_with_bsn(bsn)? {
            Some(other) if Some(other) != own => Err(StoreError::BsnInUse(other)),
            _ => Ok(()),
        }
    }

    /// The resident with this BSN, if any.
    pub fn resident_with_bsn(&self, bsn: &str) -> Result<Option<ClientId>> {
        self.conn
            .prepare_cached("SELECT id FROM residents WHERE bsn = ?1 ORDER BY id LIMIT 1")?
            .query_opt(params![bsn.trim()], |r| r.get(0))
    }

    /// Residents with this surname (ignoring case and surrounding spaces) and date of
    /// birth: probably the same person when a new intake is about to be saved.
    pub fn residents_named(&self, surname: &str, birth: NaiveDate) -> Result<Vec<ResidentRow>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM residents r
             WHERE r.birth_dmy = ?1 AND lower(trim(r.surname)) = lower(?2)
             ORDER BY r.sort_key, r.id LIMIT 20"
        ))?;
        let rows: Vec<RawRow> = st.query_map(
            params![birth.format("%d-%m-%Y").to_string(), surname.trim()],
            resident_row,
        )?;
        rows.into_iter().map(RawRow::finish).collect()
    }

    /// See [`super::duplicate_bsn_groups`].
    pub fn duplicate_bsn_groups(&self) -> Result<Vec<Vec<ClientId>>> {
        duplicate_bsn_groups_db(&self.conn)
    }

    /// Search by name, BSN or date of birth (`dd-mm-jjjj`, partial allowed) as you type.
    pub fn search_residents(&self, query: &str, limit: usize) -> Result<Vec<ResidentRow>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let raw: Vec<RawRow> = match search::parse_query(query) {
            Query::Nothing => Vec::new(),
            Query::All => {
                let mut st = self.conn.prepare_cached(&format!(
                    "SELECT {ROW_COLUMNS} FROM residents r ORDER BY r.sort_key, r.id LIMIT ?1"
                ))?;
                let rows = st.query_map(params![limit], resident_row)?;
                rows
            }
            Query::Name(prefix) => return self.search_by_name(&prefix, limit),
            Query::Bsn(prefix) => {
                // In BSN order: the index gives it without sorting all matches.
                let mut st = self.conn.prepare_cached(&format!(
                    "SELECT {ROW_COLUMNS} FROM residents r
                     WHERE r.bsn >= ?1 AND r.bsn < ?2
                     ORDER BY r.bsn, r.id LIMIT ?3"
                ))?;
                let end = search::prefix_end(&prefix);
                let rows = st.query_map(params![prefix, end, limit], resident_row)?;
                rows
            }
            Query::BirthDate(prefix) => {
                let mut st = self.conn.prepare_cached(&format!(
                    "SELECT {ROW_COLUMNS} FROM residents r
                     WHERE r.birth_dmy >= ?1 AND r.birth_dmy < ?2
                     ORDER BY r.birth_dmy, r.sort_key LIMIT ?3"
                ))?;
                let end = search::prefix_end(&prefix);
                let rows = st.query_map(params![prefix, end, limit], resident_row)?;
                rows
            }
        };
        raw.into_iter().map(RawRow::finish).collect()
    }

    /// Name matches in list order. The key index holds the sort key, so only the shown
    /// residents are read; a resident matching by several keys is listed once.
    fn search_by_name(&self, prefix: &str, limit: i64) -> Result<Vec<ResidentRow>> {
        let per_resident = i64::try_from(search::MAX_KEYS).unwrap_or(8);
        let mut st = self.conn.prepare_cached(
            "SELECT resident FROM resident_keys WHERE key >= ?1 AND key < ?2
             ORDER BY sort_key, resident LIMIT ?3",
        )?;
        let end = search::prefix_end(prefix);
        if self.conn.backend() == super::Backend::Postgres {
            // Over a network each statement is a round trip: the rows in the same one
            // (on a local file the two small steps below are quicker).
            let mut one = self.conn.prepare_cached(&format!(
                "SELECT {ROW_COLUMNS} FROM residents r
                 JOIN (SELECT resident, min(sort_key) AS sk
                       FROM (SELECT resident, sort_key FROM resident_keys
                             WHERE key >= ?1 AND key < ?2
                             ORDER BY sort_key, resident LIMIT ?3) k
                       GROUP BY resident) m ON m.resident = r.id
                 ORDER BY m.sk, r.id LIMIT ?4"
            ))?;
            let raw: Vec<RawRow> = one.query_map(
                params![prefix, end, limit.saturating_mul(per_resident), limit],
                resident_row,
            )?;
            return raw.into_iter().map(RawRow::finish).collect();
        }
        let mut ids: Vec<ClientId> = st.query_map(
            params![prefix, end, limit.saturating_mul(per_resident)],
            |r| r.get(0),
        )?;
        // Keys of one resident share the sort key, so duplicates are neighbours.
        ids.dedup();
        ids.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        let mut row = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM residents r WHERE r.id = ?1"
        ))?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(raw) = row.query_opt(params![id], resident_row)? {
                out.push(raw.finish()?);
            }
        }
        Ok(out)
    }

    /// Opening a dossier: logged in the access log.
    pub fn open_resident(&mut self, id: ClientId) -> Result<Resident> {
        self.write(|s| {
            let r = s.resident(id)?;
            s.log_in("open_dossier", Some(id))?;
            Ok(r)
        })
    }

    /// The resident's details without an access-log entry, for the store's own use and
    /// for screens that already logged the opening of this dossier.
    pub fn resident(&self, id: ClientId) -> Result<Resident> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, first_names, surname, birth_date, bsn, phone, email, status,
                    outflow_reason, outflow_date, created
             FROM residents WHERE id = ?1",
        )?;
        let raw = st
            .query_opt(params![id], |row| {
                Ok((
                    row.get::<ClientId>(0)?,
                    row.get::<String>(1)?,
                    row.get::<String>(2)?,
                    row.get::<Option<String>>(3)?,
                    row.get::<Option<String>>(4)?,
                    row.get::<String>(5)?,
                    row.get::<String>(6)?,
                    row.get::<String>(7)?,
                    row.get::<Option<String>>(8)?,
                    row.get::<Option<String>>(9)?,
                    row.get::<String>(10)?,
                ))
            })?
            .ok_or(StoreError::UnknownClient(id))?;
        let (id, first_names, surname, birth, bsn, phone, email, status, reason, date, created) =
            raw;
        Ok(Resident {
            id,
            first_names,
            surname,
            birth_date: parse_opt_date(birth)?,
            bsn,
            phone,
            email,
            status: if status == "outflow" {
                ResidentStatus::Outflow
            } else {
                ResidentStatus::Active
            },
            outflow_reason: reason,
            outflow_date: parse_opt_date(date)?,
            created: parse_datetime(&created)?,
        })
    }

    /// "Jan de Vries", for lists that show one resident by name.
    pub fn resident_name(&self, id: ClientId) -> Result<String> {
        let mut st = self
            .conn
            .prepare_cached("SELECT first_names, surname FROM residents WHERE id = ?1")?;
        let (f, s): (String, String) = st
            .query_opt(params![id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .ok_or(StoreError::UnknownClient(id))?;
        Ok(display_name(&f, &s))
    }

    /// Mark a resident uitgestroomd (reason `werk`, `verhuisd` or `overig`, with a date),
    /// or back to active with `None` reason.
    pub fn set_outflow(
        &mut self,
        id: ClientId,
        reason: Option<&str>,
        date: Option<NaiveDate>,
    ) -> Result<()> {
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        if let Some(r) = reason {
            if !OUTFLOW_REASONS.contains(&r) {
                return Err(StoreError::Invalid(format!(
                    "Onbekende reden van uitstroom \"{r}\"; kies werk, verhuisd of overig."
                )));
            }
        }
        self.refuse_if_damaged()?;
        self.write(|s| {
            let (status, date) = match reason {
                Some(_) => (
                    ResidentStatus::Outflow,
                    Some(date.unwrap_or_else(|| now_local().date())),
                ),
                None => (ResidentStatus::Active, None),
            };
            let changed = s
                .conn
                .prepare_cached(
                    "UPDATE residents SET status = ?2, outflow_reason = ?3, outflow_date = ?4
                     WHERE id = ?1",
                )?
                .execute(params![id, status.as_str(), reason, date.map(fmt_date)])?;
            if changed == 0 {
                return Err(StoreError::UnknownClient(id));
            }
            s.log_in("uitstroom", Some(id))
        })
    }

    pub(crate) fn require_resident(&self, id: ClientId) -> Result<()> {
        let found = self
            .conn
            .prepare_cached("SELECT 1 FROM residents WHERE id = ?1")?
            .exists(params![id])?;
        if found {
            Ok(())
        } else {
            Err(StoreError::UnknownClient(id))
        }
    }

    /// Rewrite the denormalised columns of one resident from contacts, measurements and
    /// contracts (saves may arrive out of date order, e.g. an import of an old intake).
    pub(crate) fn refresh_resident(&self, id: ClientId) -> Result<()> {
        let pip = pip_end_sql(&self.conn);
        self.conn
            .prepare_cached(&format!(
                "UPDATE residents SET
                   (last_contact, last_staff, pip_end) = (SELECT date, staff, {pip}
                       FROM contacts WHERE client = ?1 ORDER BY date DESC, id DESC LIMIT 1),
                   (m_date, m_rung) = (SELECT m.date, m.chosen FROM measurements m
                       WHERE m.client = ?1 ORDER BY m.date DESC, m.id DESC LIMIT 1),
                   m_prev_rung = (SELECT m.chosen FROM measurements m
                       WHERE m.client = ?1 ORDER BY m.date DESC, m.id DESC LIMIT 1 OFFSET 1),
                   (c_status, c_eval, c_since) = (SELECT k.status, k.next_evaluation,
                           CASE WHEN coalesce(k.agreed_on, k.date) > k.date
                               THEN coalesce(k.agreed_on, k.date) ELSE k.date END
                       FROM contracts k WHERE k.client = ?1 ORDER BY k.version DESC LIMIT 1)
                 WHERE id = ?1"
            ))?
            .execute(params![id])?;
        Ok(())
    }
}
