//! The worklist (who is due for contact) and the aggregated monitoring report.
//!
//! Both read the denormalised columns of `residents`, so they cost one pass over one row
//! per resident. For a date in the past (`as_of` before a resident's latest contact or
//! measurement) the figures fall back to indexed subqueries for just those residents.

use super::residents::display_name;
use super::{fmt_date, parse_opt_date, ClientId, Result, Store, StoreError};
use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{params, OptionalExtension};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// Why a resident is on the worklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorklistReason {
    /// No contact yet in the calendar year of the worklist date.
    NoContactThisYear,
    /// The latest contract's next evaluation date has passed.
    EvaluationOverdue,
}

impl WorklistReason {
    /// The id used in the CLI's JSON and CSV.
    pub fn as_str(&self) -> &'static str {
        match self {
            WorklistReason::NoContactThisYear => "geen_contact_dit_jaar",
            WorklistReason::EvaluationOverdue => "evaluatie_verlopen",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct WorklistRow {
    pub client: ClientId,
    /// "Jan de Vries".
    pub name: String,
    pub last_contact: Option<NaiveDate>,
    /// Who saw the resident last (for "my caseload").
    pub last_staff: Option<String>,
    pub reason: WorklistReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Movement {
    pub up: u64,
    pub same: u64,
    pub down: u64,
}

/// Aggregated figures, no personal data.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub as_of: NaiveDate,
    /// Active residents on `as_of` (not uitgestroomd by then).
    pub clients: u64,
    /// Active residents per current rung (chosen rung of their latest measurement);
    /// index 0 is rung 1. Residents never measured are not counted.
    pub per_rung: [u64; 6],
    /// Active residents whose latest measurement lies in the 12 months up to `as_of`,
    /// compared with the measurement before it.
    pub movement: Movement,
    /// Residents on the worklist.
    pub due: u64,
    /// Open signals per kind (raised on or before `as_of`, not handled).
    pub signals_open: BTreeMap<String, u64>,
    /// Of those, the ones whose deadline lies before `as_of`.
    pub signals_overdue: BTreeMap<String, u64>,
    /// Latest contract of active residents per status (`concept`, `vastgesteld`).
    pub contracts: BTreeMap<String, u64>,
    /// Residents uitgestroomd in the 12 months up to `as_of`, per reason.
    pub outflow: BTreeMap<String, u64>,
}

/// The dates a scan compares with, as ISO text (ISO dates sort as text).
struct Dates {
    on: String,
    year: String,
    window: String,
}

impl Dates {
    fn new(as_of: NaiveDate) -> Dates {
        Dates {
            on: fmt_date(as_of),
            year: fmt_date(year_start(as_of)),
            window: fmt_date(window_start(as_of)),
        }
    }
}

/// One resident as of the scan date, borrowed from the row being read.
struct Seen<'a> {
    id: ClientId,
    active: bool,
    last_contact: Option<Cow<'a, str>>,
    c_status: Option<&'a str>,
    m_date: Option<Cow<'a, str>>,
    rung: Option<i64>,
    prev: Option<i64>,
    due: bool,
    row: &'a rusqlite::Row<'a>,
}

fn text<'a>(row: &'a rusqlite::Row<'_>, i: usize) -> Result<Option<&'a str>> {
    row.get_ref(i)?
        .as_str_or_null()
        .map_err(|e| StoreError::Corrupt(format!("onverwachte waarde in de database ({e})")))
}

const SCAN_SQL: &str = "SELECT id, status, outflow_date, last_contact, c_eval, c_status,
        m_date, m_rung, m_prev_rung, last_staff, first_names, surname, sort_key
    FROM residents";
/// The same first columns without the names: answered from the `residents_figures`
/// covering index, a third of the size of the table.
const SCAN_FIGURES_SQL: &str = "SELECT id, status, outflow_date, last_contact, c_eval, c_status,
        m_date, m_rung, m_prev_rung
    FROM residents";

/// From this many residents seen after the scan date on, `look_back` reads the history
/// in one pass (a few hundred ms) instead of two indexed queries per resident.
const LOOK_BACK_IN_BULK: i64 = 2000;

/// Latest contact date and latest two measurements (date, rung) on or before a past date.
struct LookBack {
    contacts: HashMap<ClientId, String>,
    measurements: HashMap<ClientId, Vec<(String, i64)>>,
}

fn year_start(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d)
}

fn window_start(d: NaiveDate) -> NaiveDate {
    d.checked_sub_months(Months::new(12)).unwrap_or(d)
}

impl Store {
    /// Read every resident once (one row each, thanks to the denormalised columns) and
    /// hand each to `f` as it was on the scan date. Only residents whose latest contact
    /// or measurement lies after that date (a look back) cost extra indexed queries.
    fn scan_residents(
        &self,
        dates: &Dates,
        with_names: bool,
        mut f: impl FnMut(&Seen<'_>) -> Result<()>,
    ) -> Result<()> {
        let mut st = self.conn.prepare_cached(if with_names {
            SCAN_SQL
        } else {
            SCAN_FIGURES_SQL
        })?;
        let mut back = self.look_back(dates)?;
        let mut rows = st.query([])?;
        while let Some(row) = rows.next()? {
            let id: ClientId = row.get(0)?;
            let outflow = text(row, 2)?;
            let active =
                text(row, 1)? == Some("active") || outflow.is_some_and(|d| d > dates.on.as_str());
            let mut last_contact = text(row, 3)?.map(Cow::Borrowed);
            if last_contact
                .as_deref()
                .is_some_and(|d| d > dates.on.as_str())
            {
                last_contact = match &mut back {
                    Some(b) => b.contacts.remove(&id),
                    None => self.contact_before(id, &dates.on)?.map(|(d, _)| d),
                }
                .map(Cow::Owned);
            }
            let mut m_date = text(row, 6)?.map(Cow::Borrowed);
            let mut rung: Option<i64> = row.get(7)?;
            let mut prev: Option<i64> = row.get(8)?;
            if m_date.as_deref().is_some_and(|d| d > dates.on.as_str()) {
                let back = match &mut back {
                    Some(b) => b.measurements.remove(&id).unwrap_or_default(),
                    None => self.measurements_before(id, &dates.on)?,
                };
                m_date = back.first().map(|(d, _)| Cow::Owned(d.clone()));
                rung = back.first().map(|(_, r)| *r);
                prev = back.get(1).map(|(_, r)| *r);
            }
            let c_eval = text(row, 4)?;
            let due = active
                && (last_contact
                    .as_deref()
                    .is_none_or(|d| d < dates.year.as_str())
                    || c_eval.is_some_and(|e| e < dates.on.as_str()));
            f(&Seen {
                id,
                active,
                last_contact,
                c_status: text(row, 5)?,
                m_date,
                rung,
                prev,
                due,
                row,
            })?;
        }
        Ok(())
    }

    /// For a date long past, where most residents were seen after it, read the history
    /// once in index order instead of asking per resident.
    fn look_back(&self, dates: &Dates) -> Result<Option<LookBack>> {
        let later: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM residents WHERE last_contact > ?1")?
            .query_row([&dates.on], |r| r.get(0))?;
        if later < LOOK_BACK_IN_BULK {
            return Ok(None);
        }
        let mut contacts = HashMap::new();
        let mut st = self.conn.prepare_cached(
            "SELECT client, max(date) FROM contacts WHERE date <= ?1 GROUP BY client",
        )?;
        let mut rows = st.query([&dates.on])?;
        while let Some(row) = rows.next()? {
            contacts.insert(row.get::<_, ClientId>(0)?, row.get::<_, String>(1)?);
        }
        let mut measurements: HashMap<ClientId, Vec<(String, i64)>> = HashMap::new();
        let mut st = self.conn.prepare_cached(
            "SELECT client, date, chosen FROM measurements WHERE date <= ?1
             ORDER BY client DESC, date DESC, id DESC",
        )?;
        let mut rows = st.query([&dates.on])?;
        while let Some(row) = rows.next()? {
            let two = measurements.entry(row.get(0)?).or_default();
            if two.len() < 2 {
                two.push((row.get(1)?, row.get(2)?));
            }
        }
        Ok(Some(LookBack {
            contacts,
            measurements,
        }))
    }

    /// The latest contact on or before `on`: (date, staff).
    fn contact_before(&self, client: ClientId, on: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT date, staff FROM contacts WHERE client = ?1 AND date <= ?2
                 ORDER BY date DESC, id DESC LIMIT 1",
            )?
            .query_row(params![client, on], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// The two latest measurements on or before `on`, newest first: (date, chosen rung).
    fn measurements_before(&self, client: ClientId, on: &str) -> Result<Vec<(String, i64)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT date, chosen FROM measurements WHERE client = ?1 AND date <= ?2
             ORDER BY date DESC, id DESC LIMIT 2",
        )?;
        let rows = st.query_map(params![client, on], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Residents due for contact on `as_of`: active and no contact yet in its calendar
    /// year, or whose latest contract's evaluation date lies before `as_of`. Oldest (or
    /// never seen) first. A resident due for both is listed once, as no contact.
    pub fn worklist(&self, as_of: NaiveDate) -> Result<Vec<WorklistRow>> {
        let dates = Dates::new(as_of);
        let mut due: Vec<(WorklistRow, String)> = Vec::new();
        self.scan_residents(&dates, true, |seen| {
            if !seen.due {
                return Ok(());
            }
            let row = seen.row;
            let stored_contact = text(row, 3)?;
            let last_staff = if stored_contact == seen.last_contact.as_deref() {
                text(row, 9)?.map(str::to_string)
            } else {
                self.contact_before(seen.id, &dates.on)?.map(|(_, s)| s)
            };
            let last_contact = parse_opt_date(seen.last_contact.as_deref().map(str::to_string))?;
            let reason = match last_contact {
                Some(d) if d >= year_start(as_of) => WorklistReason::EvaluationOverdue,
                _ => WorklistReason::NoContactThisYear,
            };
            let name = display_name(
                text(row, 10)?.unwrap_or_default(),
                text(row, 11)?.unwrap_or_default(),
            );
            due.push((
                WorklistRow {
                    client: seen.id,
                    name,
                    last_contact,
                    last_staff,
                    reason,
                },
                text(row, 12)?.unwrap_or_default().to_string(),
            ));
            Ok(())
        })?;
        // Never seen first (None sorts first), then the oldest contact, then by name.
        due.sort_by(|(a, ka), (b, kb)| {
            (a.last_contact, ka, a.client).cmp(&(b.last_contact, kb, b.client))
        });
        Ok(due.into_iter().map(|(row, _)| row).collect())
    }

    /// The first `limit` rows of [`Store::worklist`], for a screen that shows a page.
    /// (The `+` keeps SQLite from picking the status index over the ordered one.)
    /// When nobody was seen after `as_of` (the usual case: today), the rows come
    /// straight from the worklist-ordered index without reading the whole population.
    pub fn worklist_page(&self, as_of: NaiveDate, limit: usize) -> Result<Vec<WorklistRow>> {
        let dates = Dates::new(as_of);
        let latest: Option<String> = self
            .conn
            .prepare_cached("SELECT max(last_contact) FROM residents")?
            .query_row([], |r| r.get(0))?;
        if latest.as_deref().is_some_and(|d| d > dates.on.as_str()) {
            let mut all = self.worklist(as_of)?;
            all.truncate(limit);
            return Ok(all);
        }
        let n = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut out = Vec::new();
        for (sql, reason) in [
            (
                "SELECT id, first_names, surname, last_contact, last_staff FROM residents
                 WHERE (last_contact IS NULL OR last_contact < ?2)
                   AND (+status = 'active' OR +outflow_date > ?1)
                 ORDER BY last_contact, sort_key, id LIMIT ?3",
                WorklistReason::NoContactThisYear,
            ),
            (
                "SELECT id, first_names, surname, last_contact, last_staff FROM residents
                 WHERE last_contact >= ?2 AND c_eval < ?1
                   AND (+status = 'active' OR +outflow_date > ?1)
                 ORDER BY last_contact, sort_key, id LIMIT ?3",
                WorklistReason::EvaluationOverdue,
            ),
        ] {
            let rest = n - i64::try_from(out.len()).unwrap_or(i64::MAX);
            if rest <= 0 {
                break;
            }
            let mut st = self.conn.prepare_cached(sql)?;
            let rows = st.query_map(params![dates.on, dates.year, rest], |r| {
                Ok((
                    r.get::<_, ClientId>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            })?;
            for row in rows {
                let (client, first, sur, lc, staff) = row?;
                out.push(WorklistRow {
                    client,
                    name: display_name(&first, &sur),
                    last_contact: parse_opt_date(lc)?,
                    last_staff: staff,
                    reason,
                });
            }
        }
        Ok(out)
    }

    /// How many residents the worklist of `as_of` holds, without building it.
    pub fn worklist_count(&self, as_of: NaiveDate) -> Result<u64> {
        let mut n = 0;
        self.scan_residents(&Dates::new(as_of), false, |seen| {
            n += u64::from(seen.due);
            Ok(())
        })?;
        Ok(n)
    }

    /// The monitoring figures on `as_of`; see [`Report`] for what each one counts.
    pub fn report(&self, as_of: NaiveDate) -> Result<Report> {
        let dates = Dates::new(as_of);
        let mut report = Report {
            as_of,
            ..Report::default()
        };
        let mut concept = 0;
        let mut agreed = 0;
        self.scan_residents(&dates, false, |seen| {
            if !seen.active {
                return Ok(());
            }
            report.clients += 1;
            report.due += u64::from(seen.due);
            if let Some(slot) = seen
                .rung
                .and_then(|r| usize::try_from(r - 1).ok())
                .and_then(|i| report.per_rung.get_mut(i))
            {
                *slot += 1;
            }
            let recent = seen
                .m_date
                .as_deref()
                .is_some_and(|d| d > dates.window.as_str() && d <= dates.on.as_str());
            if let (true, Some(now), Some(before)) = (recent, seen.rung, seen.prev) {
                match now.cmp(&before) {
                    std::cmp::Ordering::Greater => report.movement.up += 1,
                    std::cmp::Ordering::Equal => report.movement.same += 1,
                    std::cmp::Ordering::Less => report.movement.down += 1,
                }
            }
            match seen.c_status {
                Some("concept") => concept += 1,
                Some("vastgesteld") => agreed += 1,
                _ => {}
            }
            Ok(())
        })?;
        for (n, status) in [(concept, "concept"), (agreed, "vastgesteld")] {
            if n > 0 {
                report.contracts.insert(status.to_string(), n);
            }
        }

        let mut st = self.conn.prepare_cached(
            "SELECT kind, count(*), coalesce(sum(deadline < ?1), 0) FROM signals
             WHERE handled_at IS NULL AND raised <= ?1 GROUP BY kind",
        )?;
        let rows = st.query_map([&dates.on], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (kind, open, overdue) = row?;
            report
                .signals_open
                .insert(kind.clone(), u64::try_from(open).unwrap_or(0));
            if overdue > 0 {
                report
                    .signals_overdue
                    .insert(kind, u64::try_from(overdue).unwrap_or(0));
            }
        }

        let mut st = self.conn.prepare_cached(
            "SELECT coalesce(outflow_reason, 'overig'), count(*) FROM residents
             WHERE outflow_date > ?2 AND outflow_date <= ?1 AND status = 'outflow'
             GROUP BY 1",
        )?;
        let rows = st.query_map([&dates.on, &dates.window], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (reason, count) = row?;
            report
                .outflow
                .insert(reason, u64::try_from(count).unwrap_or(0));
        }
        Ok(report)
    }
}
