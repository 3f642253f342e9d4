//! The worklist (who is due for contact) and the aggregated monitoring report.
//!
//! Both read the denormalised columns of `residents`, so they cost one pass over one row
//! per resident. For a date in the past (`as_of` before a resident's latest contact or
//! measurement) the figures fall back to indexed subqueries for just those residents.

use super::residents::display_name;
use super::{fmt_date, parse_opt_date, ClientId, Result, Store};
use chrono::{Datelike, Months, NaiveDate};
use rusqlite::params;
use std::collections::BTreeMap;

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

/// Per-resident values as of `?1`. The CASEs take the denormalised column when it is not
/// later than `?1` (always, for today) and otherwise ask the indexed history tables.
const AS_OF_COLUMNS: &str = "
    (r.status = 'active' OR r.outflow_date > ?1) AS active,
    CASE WHEN r.last_contact IS NULL OR r.last_contact <= ?1 THEN r.last_contact
         ELSE (SELECT max(c.date) FROM contacts c WHERE c.client = r.id AND c.date <= ?1)
    END AS lc,
    r.c_eval AS ce";

const WORKLIST_SQL: &str = "
    SELECT id, first_names, surname, lc, ls FROM (
        SELECT r.id, r.first_names, r.surname, r.sort_key, {cols},
            CASE WHEN r.last_contact IS NULL OR r.last_contact <= ?1 THEN r.last_staff
                 ELSE (SELECT c.staff FROM contacts c WHERE c.client = r.id AND c.date <= ?1
                       ORDER BY c.date DESC, c.id DESC LIMIT 1)
            END AS ls
        FROM residents r)
    WHERE active AND (lc IS NULL OR lc < ?2 OR ce < ?1)
    ORDER BY lc IS NOT NULL, lc, sort_key, id";

fn year_start(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d)
}

fn window_start(d: NaiveDate) -> NaiveDate {
    d.checked_sub_months(Months::new(12)).unwrap_or(d)
}

impl Store {
    /// Residents due for contact on `as_of`: active and no contact yet in its calendar
    /// year, or whose latest contract's evaluation date lies before `as_of`. Oldest (or
    /// never seen) first. A resident due for both is listed once, as no contact.
    pub fn worklist(&self, as_of: NaiveDate) -> Result<Vec<WorklistRow>> {
        let sql = WORKLIST_SQL.replace("{cols}", AS_OF_COLUMNS);
        let mut st = self.conn.prepare_cached(&sql)?;
        let year = fmt_date(year_start(as_of));
        let rows = st.query_map(params![fmt_date(as_of), year], |r| {
            Ok((
                r.get::<_, ClientId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (client, first, sur, lc, staff) = row?;
            let last_contact = parse_opt_date(lc)?;
            let reason = match last_contact {
                Some(d) if d >= year_start(as_of) => WorklistReason::EvaluationOverdue,
                _ => WorklistReason::NoContactThisYear,
            };
            out.push(WorklistRow {
                client,
                name: display_name(&first, &sur),
                last_contact,
                last_staff: staff,
                reason,
            });
        }
        Ok(out)
    }

    /// How many residents the worklist of `as_of` holds, without building it.
    pub fn worklist_count(&self, as_of: NaiveDate) -> Result<u64> {
        let sql = format!(
            "SELECT count(*) FROM (SELECT {AS_OF_COLUMNS} FROM residents r)
             WHERE active AND (lc IS NULL OR lc < ?2 OR ce < ?1)"
        );
        let n: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![fmt_date(as_of), fmt_date(year_start(as_of))], |r| {
                r.get(0)
            })?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// The monitoring figures on `as_of`; see [`Report`] for what each one counts.
    pub fn report(&self, as_of: NaiveDate) -> Result<Report> {
        let on = fmt_date(as_of);
        let year = fmt_date(year_start(as_of));
        let window = fmt_date(window_start(as_of));
        let mut report = Report {
            as_of,
            ..Report::default()
        };

        let sql = format!(
            "SELECT
                coalesce(sum(active), 0),
                coalesce(sum(active AND rung = 1), 0), coalesce(sum(active AND rung = 2), 0),
                coalesce(sum(active AND rung = 3), 0), coalesce(sum(active AND rung = 4), 0),
                coalesce(sum(active AND rung = 5), 0), coalesce(sum(active AND rung = 6), 0),
                coalesce(sum(moved AND rung > prev), 0),
                coalesce(sum(moved AND rung = prev), 0),
                coalesce(sum(moved AND rung < prev), 0),
                coalesce(sum(active AND (lc IS NULL OR lc < ?2 OR ce < ?1)), 0),
                coalesce(sum(active AND cs = 'concept'), 0),
                coalesce(sum(active AND cs = 'vastgesteld'), 0)
             FROM (SELECT *, active AND md > ?3 AND md <= ?1 AND prev IS NOT NULL AS moved
                   FROM (SELECT {AS_OF_COLUMNS}, r.c_status AS cs,
                      CASE WHEN r.m_date IS NULL OR r.m_date <= ?1 THEN r.m_date
                           ELSE (SELECT max(m.date) FROM measurements m
                                 WHERE m.client = r.id AND m.date <= ?1)
                      END AS md,
                      CASE WHEN r.m_date IS NULL OR r.m_date <= ?1 THEN r.m_rung
                           ELSE (SELECT m.chosen FROM measurements m
                                 WHERE m.client = r.id AND m.date <= ?1
                                 ORDER BY m.date DESC, m.id DESC LIMIT 1)
                      END AS rung,
                      CASE WHEN r.m_date IS NULL OR r.m_date <= ?1 THEN r.m_prev_rung
                           ELSE (SELECT m.chosen FROM measurements m
                                 WHERE m.client = r.id AND m.date <= ?1
                                 ORDER BY m.date DESC, m.id DESC LIMIT 1 OFFSET 1)
                      END AS prev
                   FROM residents r))"
        );
        let figures: Vec<i64> = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![on, year, window], |r| {
                (0..13).map(|i| r.get::<_, i64>(i)).collect()
            })?;
        let n = |i: usize| figures.get(i).map_or(0, |v| u64::try_from(*v).unwrap_or(0));
        report.clients = n(0);
        for (k, slot) in report.per_rung.iter_mut().enumerate() {
            *slot = n(1 + k);
        }
        report.movement = Movement {
            up: n(7),
            same: n(8),
            down: n(9),
        };
        report.due = n(10);
        for (i, status) in [(11, "concept"), (12, "vastgesteld")] {
            if n(i) > 0 {
                report.contracts.insert(status.to_string(), n(i));
            }
        }

        let mut st = self.conn.prepare_cached(
            "SELECT kind, count(*), coalesce(sum(deadline < ?1), 0) FROM signals
             WHERE handled_at IS NULL AND raised <= ?1 GROUP BY kind",
        )?;
        let rows = st.query_map([&on], |r| {
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
        let rows = st.query_map([&on, &window], |r| {
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
