//! The worklist (who is due for contact) and the aggregated monitoring report.
//!
//! Both read the denormalised columns of `residents`, so they cost one pass over one row
//! per resident. For a date in the past (`as_of` before a resident's latest contact or
//! measurement) the figures fall back to indexed subqueries for just those residents.

use super::contacts::pip_end_sql;
use super::db::Backend;
use super::db::{params, Row};
use super::residents::display_name;
use super::{fmt_date, parse_opt_date, ClientId, Result, Store};
use chrono::{Datelike, Months, NaiveDate};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// Why a resident is on the worklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorklistReason {
    /// No contact yet in the calendar year of the worklist date.
    NoContactThisYear,
    /// The latest contract's next evaluation date has passed.
    EvaluationOverdue,
    /// The PIP (Wet inburgering 2021) ends within [`PIP_HORIZON_DAYS`] of the worklist
    /// date, or ended after the latest contact: time to talk about what comes after it.
    PipDue,
}

/// How far ahead of the worklist date a PIP's end date puts the resident on the list:
/// eight weeks, the time the `pip` signal gives to ask for a PIP.
pub const PIP_HORIZON_DAYS: u64 = 56;

impl WorklistReason {
    /// The id used in the CLI's JSON and CSV.
    pub fn as_str(&self) -> &'static str {
        match self {
            WorklistReason::NoContactThisYear => "geen_contact_dit_jaar",
            WorklistReason::EvaluationOverdue => "evaluatie_verlopen",
            WorklistReason::PipDue => "pip_verloopt",
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

/// How many residents the worklist holds, per reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WorklistCounts {
    /// No contact yet in the calendar year.
    pub no_contact: u64,
    /// Seen this year, but the contract's evaluation date has passed.
    pub evaluation_overdue: u64,
    /// Seen this year, evaluation not passed, but the PIP ends soon or ended since.
    pub pip_due: u64,
}

impl WorklistCounts {
    pub fn total(&self) -> u64 {
        self.no_contact + self.evaluation_overdue + self.pip_due
    }
}

/// A place in the worklist order (the last row of a page), to read the rows after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorklistCursor {
    last_contact: Option<NaiveDate>,
    sort_key: String,
    client: ClientId,
}

/// Some rows of the worklist, in its order, and where the next page starts (`None`
/// when these were the last).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WorklistPage {
    pub rows: Vec<WorklistRow>,
    pub next: Option<WorklistCursor>,
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
    /// The last PIP end date that puts a resident on the worklist.
    pip: String,
}

impl Dates {
    fn new(as_of: NaiveDate) -> Dates {
        Dates {
            on: fmt_date(as_of),
            year: fmt_date(year_start(as_of)),
            window: fmt_date(window_start(as_of)),
            pip: fmt_date(
                as_of
                    .checked_add_days(chrono::Days::new(PIP_HORIZON_DAYS))
                    .unwrap_or(as_of),
            ),
        }
    }
}

/// One resident as of the scan date, borrowed from the row being read.
struct Seen<'a> {
    id: ClientId,
    active: bool,
    last_contact: Option<Cow<'a, str>>,
    c_status: Option<Cow<'a, str>>,
    c_eval: Option<Cow<'a, str>>,
    m_date: Option<Cow<'a, str>>,
    rung: Option<i64>,
    prev: Option<i64>,
    due: bool,
    row: &'a Row<'a>,
}

fn text<'a>(row: &'a Row<'_>, i: usize) -> Result<Option<&'a str>> {
    row.get_str(i)
}

const SCAN_SQL: &str = "SELECT id, status, outflow_date, last_contact, c_eval, c_status,
        m_date, m_rung, m_prev_rung, pip_end, c_since, last_staff, first_names, surname,
        sort_key
    FROM residents";
/// The same first columns without the names: answered from the `residents_figures`
/// covering index, a third of the size of the table.
const SCAN_FIGURES_SQL: &str = "SELECT id, status, outflow_date, last_contact, c_eval, c_status,
        m_date, m_rung, m_prev_rung, pip_end, c_since
    FROM residents";

/// From this many residents seen after the scan date on, `look_back` reads the history
/// in one pass (a few hundred ms) instead of two indexed queries per resident.
const LOOK_BACK_IN_BULK: i64 = 2000;

/// Latest contact (date, PIP end), latest two measurements (date, rung) and the contract
/// in force (status, evaluation date) on a past date.
struct LookBack {
    contacts: HashMap<ClientId, (String, Option<String>)>,
    measurements: HashMap<ClientId, Vec<(String, i64)>>,
    contracts: HashMap<ClientId, (String, Option<String>)>,
}

/// A contract version read for a past date: status, agreed on, next evaluation.
type ContractThen = (String, Option<String>, Option<String>);

/// Its status and evaluation date on `on`: a version vastgesteld after `on` was a concept.
fn contract_then((status, agreed_on, eval): ContractThen, on: &str) -> (String, Option<String>) {
    let agreed = status == "vastgesteld" && agreed_on.as_deref().is_some_and(|a| a <= on);
    let status = if agreed { "vastgesteld" } else { "concept" };
    (status.to_string(), eval)
}

/// The three stretches of the worklist order, each one indexed range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Segment {
    /// Never seen (no last contact): first.
    NeverSeen,
    /// Last seen before this calendar year, oldest first.
    NotThisYear,
    /// Seen this year but the contract evaluation has passed or the PIP falls due.
    Overdue,
}

impl Segment {
    fn of(last_contact: Option<NaiveDate>, dates: &Dates) -> Segment {
        match last_contact.map(fmt_date) {
            None => Segment::NeverSeen,
            Some(d) if d < dates.year => Segment::NotThisYear,
            Some(_) => Segment::Overdue,
        }
    }
}

/// A page of `limit` rows goes on after its last row; fewer rows means the list ended.
fn finish_page(rows: Vec<(WorklistRow, String)>, limit: usize) -> WorklistPage {
    let next = match rows.last() {
        Some((r, key)) if rows.len() >= limit => Some(WorklistCursor {
            last_contact: r.last_contact,
            sort_key: key.clone(),
            client: r.client,
        }),
        _ => None,
    };
    WorklistPage {
        rows: rows.into_iter().map(|(r, _)| r).collect(),
        next,
    }
}

/// A PIP that ends within the horizon and after the latest contact: nobody has talked
/// with the resident since it ended (a contact on or after the end date dealt with it).
fn pip_falls_due(pip_end: Option<&str>, last_contact: Option<&str>, dates: &Dates) -> bool {
    match (pip_end, last_contact) {
        (Some(end), Some(seen)) => end <= dates.pip.as_str() && end > seen,
        _ => false,
    }
}

/// Why a resident seen this year is on the list: the evaluation first, else the PIP.
fn overdue_reason(c_eval: Option<&str>, dates: &Dates) -> WorklistReason {
    if c_eval.is_some_and(|e| e < dates.on.as_str()) {
        WorklistReason::EvaluationOverdue
    } else {
        WorklistReason::PipDue
    }
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
        st.for_each(params![], |row| {
            let id: ClientId = row.get(0)?;
            let outflow = text(row, 2)?;
            let active =
                text(row, 1)? == Some("active") || outflow.is_some_and(|d| d > dates.on.as_str());
            let mut last_contact = text(row, 3)?.map(Cow::Borrowed);
            let mut pip_end = text(row, 9)?.map(Cow::Borrowed);
            if last_contact
                .as_deref()
                .is_some_and(|d| d > dates.on.as_str())
            {
                let then = match &mut back {
                    Some(b) => b.contacts.remove(&id),
                    None => self
                        .contact_before(id, &dates.on)?
                        .map(|(d, _, pip)| (d, pip)),
                };
                // Every contact lies after the scan date: the resident came into the
                // file later, so a list or a figure of that date leaves them out.
                let Some((date, pip)) = then else {
                    return Ok(true);
                };
                last_contact = Some(Cow::Owned(date));
                pip_end = pip.map(Cow::Owned);
            }
            let mut c_status = text(row, 5)?.map(Cow::Borrowed);
            let mut c_eval = text(row, 4)?.map(Cow::Borrowed);
            if text(row, 10)?.is_some_and(|d| d > dates.on.as_str()) {
                let then = match &mut back {
                    Some(b) => b.contracts.remove(&id),
                    None => self
                        .contract_before(id, &dates.on)?
                        .map(|c| contract_then(c, &dates.on)),
                };
                c_status = then.as_ref().map(|(s, _)| Cow::Owned(s.clone()));
                c_eval = then.and_then(|(_, e)| e).map(Cow::Owned);
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
            let due = active
                && (last_contact
                    .as_deref()
                    .is_none_or(|d| d < dates.year.as_str())
                    || c_eval.as_deref().is_some_and(|e| e < dates.on.as_str())
                    || pip_falls_due(pip_end.as_deref(), last_contact.as_deref(), dates));
            f(&Seen {
                id,
                active,
                last_contact,
                c_status,
                c_eval,
                m_date,
                rung,
                prev,
                due,
                row,
            })?;
            Ok(true)
        })?;
        Ok(())
    }

    /// For a date long past, where most residents were seen after it, read the history
    /// once in index order instead of asking per resident.
    fn look_back(&self, dates: &Dates) -> Result<Option<LookBack>> {
        let later: i64 = self
            .conn
            .prepare_cached(
                "SELECT (SELECT count(*) FROM residents WHERE last_contact > ?1)
                      + (SELECT count(*) FROM residents WHERE c_since > ?1)",
            )?
            .query_row(params![&dates.on], |r| r.get(0))?;
        if later < LOOK_BACK_IN_BULK {
            return Ok(None);
        }
        let mut contacts = HashMap::new();
        // SQLite takes the other columns of an aggregate query from the row that max()
        // chose: the latest contact's answers.
        let pip = pip_end_sql(&self.conn);
        let mut st = self.conn.prepare_cached(&match self.conn.backend() {
            Backend::Sqlite => format!(
                "SELECT client, max(date), {pip} FROM contacts WHERE date <= ?1
                 GROUP BY client"
            ),
            Backend::Postgres => format!(
                "SELECT DISTINCT ON (client) client, date, {pip} FROM contacts
                 WHERE date <= ?1 ORDER BY client, date DESC, id DESC"
            ),
        })?;
        st.for_each(params![&dates.on], |row| {
            contacts.insert(
                row.get::<ClientId>(0)?,
                (row.get::<String>(1)?, row.get::<Option<String>>(2)?),
            );
            Ok(true)
        })?;
        let mut contracts = HashMap::new();
        let mut st = self.conn.prepare_cached(self.conn.dialect(
            "SELECT client, max(version), status, agreed_on, next_evaluation FROM contracts
                 WHERE date <= ?1 GROUP BY client",
            "SELECT DISTINCT ON (client) client, version, status, agreed_on, next_evaluation
                 FROM contracts WHERE date <= ?1 ORDER BY client, version DESC",
        ))?;
        st.for_each(params![&dates.on], |row| {
            let then: ContractThen = (row.get(2)?, row.get(3)?, row.get(4)?);
            contracts.insert(row.get::<ClientId>(0)?, contract_then(then, &dates.on));
            Ok(true)
        })?;
        let mut measurements: HashMap<ClientId, Vec<(String, i64)>> = HashMap::new();
        let mut st = self.conn.prepare_cached(
            "SELECT client, date, chosen FROM measurements WHERE date <= ?1
             ORDER BY client DESC, date DESC, id DESC",
        )?;
        st.for_each(params![&dates.on], |row| {
            let two = measurements.entry(row.get(0)?).or_default();
            if two.len() < 2 {
                two.push((row.get(1)?, row.get(2)?));
            }
            Ok(true)
        })?;
        Ok(Some(LookBack {
            contacts,
            measurements,
            contracts,
        }))
    }

    /// The latest contact on or before `on`: (date, staff, PIP end).
    fn contact_before(
        &self,
        client: ClientId,
        on: &str,
    ) -> Result<Option<(String, String, Option<String>)>> {
        let pip = pip_end_sql(&self.conn);
        self.conn
            .prepare_cached(&format!(
                "SELECT date, staff, {pip} FROM contacts WHERE client = ?1 AND date <= ?2
                 ORDER BY date DESC, id DESC LIMIT 1"
            ))?
            .query_opt(params![client, on], |r| r.try_into())
    }

    /// The latest contract version drafted on or before `on`.
    fn contract_before(&self, client: ClientId, on: &str) -> Result<Option<ContractThen>> {
        self.conn
            .prepare_cached(
                "SELECT status, agreed_on, next_evaluation FROM contracts
                 WHERE client = ?1 AND date <= ?2 ORDER BY version DESC LIMIT 1",
            )?
            .query_opt(params![client, on], |r| r.try_into())
    }

    /// The two latest measurements on or before `on`, newest first: (date, chosen rung).
    fn measurements_before(&self, client: ClientId, on: &str) -> Result<Vec<(String, i64)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT date, chosen FROM measurements WHERE client = ?1 AND date <= ?2
             ORDER BY date DESC, id DESC LIMIT 2",
        )?;
        let rows = st.query_map(params![client, on], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows)
    }

    /// Residents due for contact on `as_of`: active and no contact yet in its calendar
    /// year, or whose latest contract's evaluation date lies before `as_of`, or whose PIP
    /// falls due (see [`WorklistReason::PipDue`]). Oldest (or never seen) first. A
    /// resident due for several is listed once, for the first of these reasons.
    pub fn worklist(&self, as_of: NaiveDate) -> Result<Vec<WorklistRow>> {
        Ok(self
            .worklist_keyed(as_of)?
            .into_iter()
            .map(|(row, _)| row)
            .collect())
    }

    /// [`Store::worklist`] with each row's sort key, for paging through it.
    fn worklist_keyed(&self, as_of: NaiveDate) -> Result<Vec<(WorklistRow, String)>> {
        let dates = Dates::new(as_of);
        let mut due: Vec<(WorklistRow, String)> = Vec::new();
        self.scan_residents(&dates, true, |seen| {
            if !seen.due {
                return Ok(());
            }
            let row = seen.row;
            let stored_contact = text(row, 3)?;
            let last_staff = if stored_contact == seen.last_contact.as_deref() {
                text(row, 11)?.map(str::to_string)
            } else {
                self.contact_before(seen.id, &dates.on)?.map(|(_, s, _)| s)
            };
            let last_contact = parse_opt_date(seen.last_contact.as_deref().map(str::to_string))?;
            let reason = match last_contact {
                Some(d) if d >= year_start(as_of) => overdue_reason(seen.c_eval.as_deref(), &dates),
                _ => WorklistReason::NoContactThisYear,
            };
            let name = display_name(
                text(row, 12)?.unwrap_or_default(),
                text(row, 13)?.unwrap_or_default(),
            );
            due.push((
                WorklistRow {
                    client: seen.id,
                    name,
                    last_contact,
                    last_staff,
                    reason,
                },
                text(row, 14)?.unwrap_or_default().to_string(),
            ));
            Ok(())
        })?;
        // Never seen first (None sorts first), then the oldest contact, then by name.
        due.sort_by(|(a, ka), (b, kb)| {
            (a.last_contact, ka, a.client).cmp(&(b.last_contact, kb, b.client))
        });
        Ok(due)
    }

    /// The first `limit` rows of [`Store::worklist`], for a screen that shows a page.
    pub fn worklist_page(&self, as_of: NaiveDate, limit: usize) -> Result<Vec<WorklistRow>> {
        Ok(self.worklist_page_after(as_of, None, None, limit)?.rows)
    }

    /// Whether the denormalised columns describe `as_of` as it is: nobody was seen after
    /// it (the usual case, today). Then the worklist is read straight from the
    /// worklist-ordered covering index, one page or one count at a time.
    fn worklist_is_current(&self, dates: &Dates) -> Result<bool> {
        // Both maxima come from an index: one row each.
        let (contact, contract): (Option<String>, Option<String>) = self
            .conn
            .prepare_cached(
                "SELECT (SELECT max(last_contact) FROM residents),
                        (SELECT max(c_since) FROM residents WHERE c_since IS NOT NULL)",
            )?
            .query_row(params![], |r| r.try_into())?;
        Ok([contact, contract]
            .iter()
            .flatten()
            .all(|d| d.as_str() <= dates.on.as_str()))
    }

    /// Up to `limit` rows of [`Store::worklist`] after `after` (from the start when
    /// `None`), only the residents last seen by `staff` when given ("my caseload"). A
    /// screen reads the page it shows, and the next one as the user scrolls: each costs
    /// the rows it returns, however far down the list it starts.
    pub fn worklist_page_after(
        &self,
        as_of: NaiveDate,
        staff: Option<&str>,
        after: Option<&WorklistCursor>,
        limit: usize,
    ) -> Result<WorklistPage> {
        let dates = Dates::new(as_of);
        if limit == 0 {
            return Ok(WorklistPage::default());
        }
        if !self.worklist_is_current(&dates)? {
            return self.worklist_page_from_scan(as_of, staff, after, limit);
        }
        let mut rows: Vec<(WorklistRow, String)> = Vec::new();
        for segment in [Segment::NeverSeen, Segment::NotThisYear, Segment::Overdue] {
            let rest = limit - rows.len();
            if rest == 0 {
                break;
            }
            // Segments before the cursor's are done; the cursor's own starts after it.
            let bound = match after {
                Some(c) if Segment::of(c.last_contact, &dates) > segment => continue,
                Some(c) if Segment::of(c.last_contact, &dates) == segment => Some(c),
                _ => None,
            };
            // Never-seen residents were seen by nobody, so no caseload holds them.
            if segment == Segment::NeverSeen && staff.is_some() {
                continue;
            }
            self.worklist_segment(&dates, segment, staff, bound, rest, &mut rows)?;
        }
        Ok(finish_page(rows, limit))
    }

    fn worklist_segment(
        &self,
        dates: &Dates,
        segment: Segment,
        staff: Option<&str>,
        bound: Option<&WorklistCursor>,
        limit: usize,
        out: &mut Vec<(WorklistRow, String)>,
    ) -> Result<()> {
        // ?1 the date, ?2 its year start, ?3 the staff member or NULL, ?4 the limit, ?5
        // the last PIP end date that counts; the cursor (?6 last contact, ?7 sort key, ?8
        // id) only when there is one. Filters on other columns carry a `+` so SQLite
        // walks the worklist-ordered index.
        let range = match segment {
            // `?5 = ?5`: every statement takes the same parameters.
            Segment::NeverSeen => "last_contact IS NULL AND ?5 = ?5",
            Segment::NotThisYear => "last_contact < ?2 AND ?5 = ?5",
            Segment::Overdue => {
                "last_contact >= ?2
                 AND (+c_eval < ?1 OR (+pip_end <= ?5 AND +pip_end > last_contact))"
            }
        };
        let after = match (bound, segment) {
            (None, _) => "",
            (Some(_), Segment::NeverSeen) => " AND (sort_key, id) > (?7, ?8)",
            (Some(_), _) => " AND (last_contact, sort_key, id) > (?6, ?7, ?8)",
        };
        let sql = format!(
            "SELECT id, first_names, surname, last_contact, last_staff, sort_key, c_eval
             FROM residents
             WHERE {range}{after}
               AND (+status = 'active' OR +outflow_date > ?1)
               AND (CAST(?3 AS TEXT) IS NULL OR +last_staff = ?3)
             ORDER BY last_contact, sort_key, id LIMIT ?4"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let n = i64::try_from(limit).unwrap_or(i64::MAX);
        let read = |r: &Row<'_>| {
            Ok((
                r.get::<ClientId>(0)?,
                r.get::<String>(1)?,
                r.get::<String>(2)?,
                r.get::<Option<String>>(3)?,
                r.get::<Option<String>>(4)?,
                r.get::<String>(5)?,
                r.get::<Option<String>>(6)?,
            ))
        };
        let rows = match bound {
            None => st.query_map(params![dates.on, dates.year, staff, n, dates.pip], read)?,
            Some(c) => st.query_map(
                params![
                    dates.on,
                    dates.year,
                    staff,
                    n,
                    dates.pip,
                    c.last_contact.map(fmt_date),
                    c.sort_key,
                    c.client
                ],
                read,
            )?,
        };
        for row in rows {
            let (client, first, sur, lc, last_staff, key, c_eval) = row;
            let reason = match segment {
                Segment::Overdue => overdue_reason(c_eval.as_deref(), dates),
                _ => WorklistReason::NoContactThisYear,
            };
            out.push((
                WorklistRow {
                    client,
                    name: display_name(&first, &sur),
                    last_contact: parse_opt_date(lc)?,
                    last_staff,
                    reason,
                },
                key,
            ));
        }
        Ok(())
    }

    /// The page for a date in the past: from the full worklist as it was then.
    fn worklist_page_from_scan(
        &self,
        as_of: NaiveDate,
        staff: Option<&str>,
        after: Option<&WorklistCursor>,
        limit: usize,
    ) -> Result<WorklistPage> {
        let rows: Vec<(WorklistRow, String)> = self
            .worklist_keyed(as_of)?
            .into_iter()
            .filter(|(r, _)| staff.is_none_or(|s| r.last_staff.as_deref() == Some(s)))
            .filter(|(r, key)| {
                after.is_none_or(|c| {
                    (r.last_contact, key.as_str(), r.client)
                        > (c.last_contact, c.sort_key.as_str(), c.client)
                })
            })
            .take(limit)
            .collect();
        Ok(finish_page(rows, limit))
    }

    /// How many residents the worklist of `as_of` holds, without building it.
    pub fn worklist_count(&self, as_of: NaiveDate) -> Result<u64> {
        Ok(self.worklist_counts(as_of, None)?.total())
    }

    /// The worklist's size per reason, only the residents last seen by `staff` when
    /// given. For today two counts over the worklist-ordered covering index, a few
    /// milliseconds at 100,000 residents; for a past date from the full worklist.
    pub fn worklist_counts(&self, as_of: NaiveDate, staff: Option<&str>) -> Result<WorklistCounts> {
        let dates = Dates::new(as_of);
        if !self.worklist_is_current(&dates)? {
            let mut counts = WorklistCounts::default();
            for (row, _) in self.worklist_keyed(as_of)? {
                if staff.is_some_and(|s| row.last_staff.as_deref() != Some(s)) {
                    continue;
                }
                match row.reason {
                    WorklistReason::NoContactThisYear => counts.no_contact += 1,
                    WorklistReason::EvaluationOverdue => counts.evaluation_overdue += 1,
                    WorklistReason::PipDue => counts.pip_due += 1,
                }
            }
            return Ok(counts);
        }
        // ?1 the date, ?2 its year start, ?3 the staff member or NULL, ?4 the PIP horizon.
        let rest = "AND (+status = 'active' OR +outflow_date > ?1)
                    AND (CAST(?3 AS TEXT) IS NULL OR +last_staff = ?3)";
        let count = |n: i64| u64::try_from(n).unwrap_or(0);
        let no_contact: i64 = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM residents
                 WHERE (last_contact IS NULL OR last_contact < ?2) {rest}"
            ))?
            .query_row(params![dates.on, dates.year, staff], |r| r.get(0))?;
        // Seen this year: both reasons in one walk over that index range.
        let (evaluation, pip): (i64, i64) = self
            .conn
            .prepare_cached(&match self.conn.backend() {
                Backend::Sqlite => format!(
                    "SELECT coalesce(sum(+c_eval < ?1), 0),
                            coalesce(sum(coalesce(+c_eval >= ?1, 1) AND +pip_end <= ?4
                                         AND +pip_end > last_contact), 0)
                     FROM residents WHERE last_contact >= ?2 {rest}"
                ),
                Backend::Postgres => format!(
                    "SELECT count(*) FILTER (WHERE c_eval < ?1),
                            count(*) FILTER (WHERE (c_eval IS NULL OR c_eval >= ?1)
                                AND pip_end <= CAST(?4 AS TEXT) AND pip_end > last_contact)
                     FROM residents WHERE last_contact >= ?2 {rest}"
                ),
            })?
            .query_row(params![dates.on, dates.year, staff, dates.pip], |r| {
                r.try_into()
            })?;
        Ok(WorklistCounts {
            no_contact: count(no_contact),
            evaluation_overdue: count(evaluation),
            pip_due: count(pip),
        })
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
            match seen.c_status.as_deref() {
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

        // A signal handled after the report date was still open on it. Two index ranges
        // (open now; handled from the next day on, `handled_at` being a date and time)
        // instead of one test on every signal ever raised.
        let next_day = fmt_date(as_of.succ_opt().unwrap_or(as_of));
        let mut st = self.conn.prepare_cached(self.conn.dialect(
            "SELECT kind, count(*), coalesce(sum(deadline < ?1), 0) FROM (
                     SELECT kind, deadline FROM signals WHERE handled_at IS NULL AND raised <= ?1
                     UNION ALL
                     SELECT kind, deadline FROM signals WHERE handled_at >= ?2 AND raised <= ?1)
                 GROUP BY kind",
            "SELECT kind, count(*), count(*) FILTER (WHERE deadline < ?1) FROM (
                     SELECT kind, deadline FROM signals WHERE handled_at IS NULL AND raised <= ?1
                     UNION ALL
                     SELECT kind, deadline FROM signals WHERE handled_at >= ?2 AND raised <= ?1)
                 AS s GROUP BY kind",
        ))?;
        let rows = st.query_map(params![&dates.on, &next_day], |r| {
            Ok((r.get::<String>(0)?, r.get::<i64>(1)?, r.get::<i64>(2)?))
        })?;
        for row in rows {
            let (kind, open, overdue) = row;
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
        let rows = st.query_map(params![&dates.on, &dates.window], |r| {
            Ok((r.get::<String>(0)?, r.get::<i64>(1)?))
        })?;
        for row in rows {
            let (reason, count) = row;
            report
                .outflow
                .insert(reason, u64::try_from(count).unwrap_or(0));
        }
        Ok(report)
    }
}
