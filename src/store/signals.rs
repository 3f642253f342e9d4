//! Stored urgent signals: raised with a contact, open until a consultant handles them.

use super::db::{params, Row};
use super::residents::display_name;
use super::search;
use super::{
    fmt_date, fmt_datetime, now_local, parse_date, parse_datetime, ClientId, ContactId, Result,
    SignalRow, Store, StoreError,
};
use crate::domain::signals::{FiredSignal, Severity};
use chrono::NaiveDate;

fn severity_from_db(s: &str) -> Severity {
    match s {
        "urgent" => Severity::Urgent,
        "high" => Severity::High,
        _ => Severity::Normal,
    }
}

const SIGNAL_SELECT: &str = "SELECT s.id, s.client, s.kind, s.severity, s.raised, s.deadline,
        s.handled_at, s.handled_by, s.handled_note, r.first_names, r.surname
     FROM signals s JOIN residents r ON r.id = s.client";

type RawSignal = (
    i64,
    ClientId,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
);

fn raw_signal(r: &Row<'_>) -> Result<RawSignal> {
    r.try_into()
}

fn finish_signal(raw: RawSignal, with_name: bool) -> Result<SignalRow> {
    let (id, client, kind, severity, raised, deadline, at, by, note, first, sur) = raw;
    let handled = match at {
        Some(at) => Some((
            parse_datetime(&at)?,
            by.unwrap_or_default(),
            note.unwrap_or_default(),
        )),
        None => None,
    };
    Ok(SignalRow {
        id,
        client,
        client_name: if with_name {
            display_name(&first, &sur)
        } else {
            String::new()
        },
        kind,
        severity: severity_from_db(&severity),
        raised: parse_date(&raised)?,
        deadline: parse_date(&deadline)?,
        handled,
    })
}

impl Store {
    /// Store a fired signal, or tighten the deadline of the same kind already open.
    pub(crate) fn raise_signal(
        &self,
        client: ClientId,
        contact: ContactId,
        on: NaiveDate,
        sig: &FiredSignal,
    ) -> Result<()> {
        let deadline = fmt_date(sig.deadline);
        let updated = self
            .conn
            .prepare_cached(
                "UPDATE signals SET deadline = CASE WHEN ?3 < deadline THEN ?3 ELSE deadline END
                 WHERE client = ?1 AND kind = ?2 AND handled_at IS NULL",
            )?
            .execute(params![client, sig.id, deadline])?;
        if updated == 0 {
            self.conn
                .prepare_cached(
                    "INSERT INTO signals (client, contact, kind, severity, raised, deadline)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    client,
                    contact,
                    sig.id,
                    sig.severity.as_str(),
                    fmt_date(on),
                    deadline
                ])?;
        }
        Ok(())
    }

    /// Every signal of one resident: open ones first by deadline, then handled ones,
    /// most recently raised first.
    pub fn signals_of(&self, client: ClientId) -> Result<Vec<SignalRow>> {
        let mut st = self.conn.prepare_cached(&format!(
            "{SIGNAL_SELECT} WHERE s.client = ?1
             ORDER BY s.handled_at IS NOT NULL, s.deadline, s.raised DESC, s.id"
        ))?;
        let raw: Vec<RawSignal> = st.query_map(params![client], raw_signal)?;
        raw.into_iter().map(|r| finish_signal(r, false)).collect()
    }

    /// All open signals of all residents, by deadline (overdue first), then severity.
    pub fn open_signals(&self) -> Result<Vec<SignalRow>> {
        let mut st = self.conn.prepare_cached(&format!(
            "{SIGNAL_SELECT} WHERE s.handled_at IS NULL
             ORDER BY s.deadline,
                 CASE s.severity WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 ELSE 2 END,
                 r.sort_key, s.id"
        ))?;
        let raw: Vec<RawSignal> = st.query_map(params![], raw_signal)?;
        raw.into_iter().map(|r| finish_signal(r, true)).collect()
    }

    /// How many signals are open, and how many of those have a deadline before `today`:
    /// counted from the open-signals index alone.
    pub fn open_signal_counts(&self, today: NaiveDate) -> Result<(u64, u64)> {
        let (open, overdue): (i64, i64) = self
            .conn
            .prepare_cached(self.conn.dialect(
                "SELECT count(*), coalesce(sum(deadline < ?1), 0) FROM signals
                     WHERE handled_at IS NULL",
                "SELECT count(*), count(*) FILTER (WHERE deadline < ?1) FROM signals
                     WHERE handled_at IS NULL",
            ))?
            .query_row(params![fmt_date(today)], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok((
            u64::try_from(open).unwrap_or(0),
            u64::try_from(overdue).unwrap_or(0),
        ))
    }

    /// The first `limit` rows of [`Store::open_signals`], without sorting every open
    /// signal: rows come from the deadline index up to and including the whole group of
    /// the last deadline reached, and only those are put in the full order.
    pub fn open_signals_top(&self, limit: usize) -> Result<Vec<SignalRow>> {
        let mut st = self.conn.prepare_cached(&format!(
            "{SIGNAL_SELECT} WHERE s.handled_at IS NULL ORDER BY s.deadline, s.id"
        ))?;
        let mut raw: Vec<(RawSignal, String)> = Vec::new();
        st.for_each(params![], |row| {
            let r = raw_signal(row)?;
            if raw.len() >= limit && raw.last().is_some_and(|(last, _)| last.5 != r.5) {
                return Ok(false);
            }
            let sort_key = search::sort_key(&r.9, &r.10);
            raw.push((r, sort_key));
            Ok(true)
        })?;
        raw.sort_by(|(a, ka), (b, kb)| {
            (&a.5, severity_from_db(&a.3), ka, a.0).cmp(&(&b.5, severity_from_db(&b.3), kb, b.0))
        });
        raw.truncate(limit);
        raw.into_iter()
            .map(|(r, _)| finish_signal(r, true))
            .collect()
    }

    /// Mark a signal handled by this staff member, now, with a note (required).
    pub fn handle_signal(&mut self, signal: i64, note: &str) -> Result<()> {
        let note = note.trim();
        if note.is_empty() {
            return Err(StoreError::Invalid(
                "Schrijf in een notitie wat er met het signaal is gedaan.".to_string(),
            ));
        }
        self.refuse_if_damaged()?;
        self.write(|s| {
            let client: Option<ClientId> = s
                .conn
                .prepare_cached("SELECT client FROM signals WHERE id = ?1")?
                .query_opt(params![signal], |r| r.get(0))?;
            let Some(client) = client else {
                return Err(StoreError::Invalid(format!(
                    "Signaal {signal} bestaat niet."
                )));
            };
            let changed = s
                .conn
                .prepare_cached(
                    "UPDATE signals SET handled_at = ?2, handled_by = ?3, handled_note = ?4
                     WHERE id = ?1 AND handled_at IS NULL",
                )?
                .execute(params![signal, fmt_datetime(now_local()), s.staff, note])?;
            if changed == 0 {
                return Err(StoreError::Invalid(
                    "Dit signaal is al afgehandeld.".to_string(),
                ));
            }
            s.log_in("afhandelen_signaal", Some(client))
        })
    }
}
