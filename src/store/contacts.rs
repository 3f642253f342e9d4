//! Contacts (intakes and check-ins) with their form snapshot, measurement and signals.

use super::db::{params, Row};
use super::{
    fmt_date, fmt_datetime, now_local, parse_date, ClientId, ContactId, ContactKind,
    ContactSummary, Measurement, NewContact, Result, Store, StoreError, StoredContact,
};
use crate::domain::facts::{MUST_INTEGRATE, PIP_END};
use crate::domain::{Answers, Value};

impl ContactKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ContactKind::Intake => "intake",
            ContactKind::Checkin => "checkin",
            ContactKind::Voortgang => "voortgang",
        }
    }

    /// A check-in of either kind (jaargesprek or voortgangsgesprek).
    pub fn is_checkin(&self) -> bool {
        matches!(self, ContactKind::Checkin | ContactKind::Voortgang)
    }

    /// The `kind` and `conversation` columns: both check-ins are kind `checkin`, told
    /// apart by the conversation (a column added in schema 2, so older rows have none).
    fn to_db(self) -> (&'static str, Option<&'static str>) {
        match self {
            ContactKind::Intake => ("intake", None),
            ContactKind::Checkin => ("checkin", Some("jaargesprek")),
            ContactKind::Voortgang => ("checkin", Some("voortgang")),
        }
    }

    /// A check-in stored before the conversation was recorded reads as a jaargesprek.
    fn from_db(kind: &str, conversation: Option<&str>) -> ContactKind {
        match (kind, conversation) {
            ("checkin", Some("voortgang")) => ContactKind::Voortgang,
            ("checkin", _) => ContactKind::Checkin,
            _ => ContactKind::Intake,
        }
    }
}

const SUMMARY_SELECT: &str = "SELECT c.id, c.date, c.kind, c.staff,
        (SELECT m.chosen FROM measurements m WHERE m.contact = c.id ORDER BY m.id DESC LIMIT 1),
        c.conversation
     FROM contacts c";

type RawSummary = (
    ContactId,
    String,
    String,
    String,
    Option<u8>,
    Option<String>,
);

/// Reads the columns of `SUMMARY_SELECT`; the conversation is column `conversation_at`.
fn raw_summary_at(r: &Row<'_>, conversation_at: usize) -> Result<RawSummary> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(conversation_at)?,
    ))
}

fn raw_summary(r: &Row<'_>) -> Result<RawSummary> {
    raw_summary_at(r, 5)
}

fn finish_summary(raw: RawSummary) -> Result<ContactSummary> {
    let (id, date, kind, staff, rung, conversation) = raw;
    Ok(ContactSummary {
        id,
        date: parse_date(&date)?,
        kind: ContactKind::from_db(&kind, conversation.as_deref()),
        staff,
        rung,
    })
}

impl Store {
    /// One transaction: contact, form snapshot, measurement, signals, access log.
    ///
    /// A signal kind that is already open for the resident is not raised twice; the open
    /// one keeps the earlier of the two deadlines. The resident's draft is left alone:
    /// call [`Store::delete_drafts_of`] when the saved contact replaces it.
    pub fn save_contact(&mut self, c: &NewContact<'_>) -> Result<ContactId> {
        if let Some(m) = &c.measurement {
            check_measurement(m)?;
        }
        let answers = serde_json::to_string(c.answers)
            .map_err(|e| StoreError::Other(format!("antwoorden niet op te slaan ({e})")))?;
        self.refuse_if_damaged()?;
        self.write(|s| {
            // The resident's latest dates, read first: they tell whether this contact is
            // the newest (the usual case, a cheap update) and that the resident exists.
            let latest: (Option<String>, Option<String>) = s
                .conn
                .prepare_cached("SELECT last_contact, m_date FROM residents WHERE id = ?1")?
                .query_opt(params![c.client], |r| Ok((r.get(0)?, r.get(1)?)))?
                .ok_or(StoreError::UnknownClient(c.client))?;
            let form = s.form_snapshot(c)?;
            let (kind, conversation) = c.kind.to_db();
            let contact = s
                .conn
                .prepare_insert(
                    "INSERT INTO contacts (client, date, kind, conversation, staff, form,
                         answers, created)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .insert(params![
                    c.client,
                    fmt_date(c.date),
                    kind,
                    conversation,
                    s.staff,
                    form,
                    answers,
                    fmt_datetime(now_local()),
                ])?;
            if let Some(m) = &c.measurement {
                s.conn
                    .prepare_cached(
                        "INSERT INTO measurements (client, contact, date, computed, explanation,
                             chosen, override_reason, expected, horizon_months)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    )?
                    .execute(params![
                        c.client,
                        contact,
                        fmt_date(m.date),
                        m.computed,
                        m.explanation,
                        m.chosen,
                        m.override_reason,
                        m.expected,
                        m.horizon_months,
                    ])?;
            }
            for sig in c.signals {
                s.raise_signal(c.client, contact, c.date, sig)?;
            }
            let date = fmt_date(c.date);
            let m_date = c.measurement.as_ref().map(|m| fmt_date(m.date));
            let newest_contact = latest.0.as_deref().is_none_or(|d| d <= date.as_str());
            let newest_measurement = match (&m_date, &latest.1) {
                (None, _) => true,
                (Some(new), Some(old)) => old.as_str() <= new.as_str(),
                (Some(_), None) => true,
            };
            if newest_contact && newest_measurement {
                // Ties go to the new rows: they have the highest ids.
                s.conn
                    .prepare_cached(
                        "UPDATE residents SET last_contact = ?2, last_staff = ?3,
                             m_prev_rung = CASE WHEN CAST(?4 AS TEXT) IS NULL THEN m_prev_rung
                                 ELSE m_rung END,
                             m_rung = coalesce(?5, m_rung),
                             m_date = coalesce(?4, m_date),
                             pip_end = ?6
                         WHERE id = ?1",
                    )?
                    .execute(params![
                        c.client,
                        date,
                        s.staff,
                        m_date,
                        c.measurement.as_ref().map(|m| m.chosen),
                        pip_end(c.answers),
                    ])?;
            } else {
                s.refresh_resident(c.client)?;
            }
            s.log_in("opslaan_contact", Some(c.client))?;
            Ok(contact)
        })
    }

    /// The id of the stored form definition with this hash, stored now if new.
    fn form_snapshot(&self, c: &NewContact<'_>) -> Result<i64> {
        let found: Option<i64> = self
            .conn
            .prepare_cached("SELECT id FROM form_snapshots WHERE hash = ?1")?
            .query_opt(params![c.form_hash], |r| r.get(0))?;
        if let Some(id) = found {
            return Ok(id);
        }
        self.conn
            .prepare_insert(
                "INSERT INTO form_snapshots (form_id, version, hash, source)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .insert(params![
                c.form_id,
                c.form_version,
                c.form_hash,
                c.form_source
            ])
    }

    /// All contacts of a resident, newest first.
    pub fn contacts(&self, client: ClientId) -> Result<Vec<ContactSummary>> {
        let mut st = self.conn.prepare_cached(&format!(
            "{SUMMARY_SELECT} WHERE c.client = ?1 ORDER BY c.date DESC, c.id DESC"
        ))?;
        let rows = st.query_map(params![client], raw_summary)?;
        let raw: Vec<RawSummary> = rows;
        raw.into_iter().map(finish_summary).collect()
    }

    /// The newest contact with its answers (logged: the answers may be sensitive).
    pub fn latest_contact(&self, client: ClientId) -> Result<Option<StoredContact>> {
        let id: Option<ContactId> = self
            .conn
            .prepare_cached(
                "SELECT id FROM contacts WHERE client = ?1 ORDER BY date DESC, id DESC LIMIT 1",
            )?
            .query_opt(params![client], |r| r.get(0))?;
        id.map(|id| self.contact(id)).transpose()
    }

    /// One contact with its answers; every read is in the access log (`lees_contact`).
    pub fn contact(&self, id: ContactId) -> Result<StoredContact> {
        let mut st = self.conn.prepare_cached(
            "SELECT c.id, c.date, c.kind, c.staff,
                 (SELECT m.chosen FROM measurements m WHERE m.contact = c.id
                  ORDER BY m.id DESC LIMIT 1),
                 f.form_id, f.version, f.hash, c.answers, c.client, c.conversation
             FROM contacts c JOIN form_snapshots f ON f.id = c.form WHERE c.id = ?1",
        )?;
        let raw = st
            .query_opt(params![id], |r| {
                Ok((
                    raw_summary_at(r, 10)?,
                    r.get::<String>(5)?,
                    r.get::<u32>(6)?,
                    r.get::<String>(7)?,
                    r.get::<String>(8)?,
                    r.get::<ClientId>(9)?,
                ))
            })?
            .ok_or_else(|| StoreError::Invalid(format!("Contact {id} bestaat niet.")))?;
        let (summary, form_id, form_version, form_hash, answers, client) = raw;
        let answers: Answers = serde_json::from_str(&answers)?;
        self.log_in("lees_contact", Some(client))?;
        Ok(StoredContact {
            summary: finish_summary(summary)?,
            form_id,
            form_version,
            form_hash,
            answers,
        })
    }

    /// The form definition text a contact was filled with, so an old intake stays
    /// readable after the form changed.
    pub fn form_source(&self, form_hash: &str) -> Result<Option<String>> {
        self.conn
            .prepare_cached("SELECT source FROM form_snapshots WHERE hash = ?1")?
            .query_opt(params![form_hash], |r| r.get(0))
    }

    /// Every measurement of a resident, oldest first (the ladder history).
    pub fn measurements(&self, client: ClientId) -> Result<Vec<Measurement>> {
        let mut st = self.conn.prepare_cached(
            "SELECT date, computed, explanation, chosen, override_reason, expected,
                    horizon_months
             FROM measurements WHERE client = ?1 ORDER BY date, id",
        )?;
        let rows = st.query_map(params![client], |r| {
            Ok((
                r.get::<String>(0)?,
                r.get::<u8>(1)?,
                r.get::<String>(2)?,
                r.get::<u8>(3)?,
                r.get::<Option<String>>(4)?,
                r.get::<Option<u8>>(5)?,
                r.get::<Option<u32>>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (date, computed, explanation, chosen, override_reason, expected, horizon) = row;
            out.push(Measurement {
                date: parse_date(&date)?,
                computed,
                explanation,
                chosen,
                override_reason,
                expected,
                horizon_months: horizon,
            });
        }
        Ok(out)
    }
}

/// The PIP's end date the worklist watches (`residents.pip_end`): only while the answers
/// say the resident must integrate. [`pip_end_sql`] reads the same from stored answers.
fn pip_end(answers: &Answers) -> Option<String> {
    match (answers.get(MUST_INTEGRATE), answers.get(PIP_END)) {
        (Some(Value::Bool(true)), Some(Value::Date(end))) => Some(fmt_date(*end)),
        _ => None,
    }
}

/// [`pip_end`] of a contact row's stored `answers` (JSON as `serde` writes [`Value`]).
const PIP_END_SQLITE: &str = "CASE WHEN json_extract(answers,
        '$.\"taal.inburgeringsplichtig\".bool') = 1
    THEN json_extract(answers, '$.\"taal.pip_einddatum\".date') END";
const PIP_END_PG: &str =
    "CASE WHEN (answers::jsonb -> 'taal.inburgeringsplichtig' ->> 'bool') = 'true'
    THEN answers::jsonb -> 'taal.pip_einddatum' ->> 'date' END";

/// [`pip_end`] in the SQL of the store's backend.
pub(crate) fn pip_end_sql(db: &super::db::Db) -> &'static str {
    db.dialect(PIP_END_SQLITE, PIP_END_PG)
}

fn check_measurement(m: &Measurement) -> Result<()> {
    let valid = |r: u8| (1..=6).contains(&r);
    if !valid(m.computed) || !valid(m.chosen) || m.expected.is_some_and(|e| !valid(e)) {
        return Err(StoreError::Invalid(
            "Een trede op de participatieladder ligt tussen 1 en 6.".to_string(),
        ));
    }
    let has_reason = m
        .override_reason
        .as_deref()
        .is_some_and(|r| !r.trim().is_empty());
    if m.chosen != m.computed && !has_reason {
        return Err(StoreError::Invalid(
            "Geef een reden waarom de gekozen trede afwijkt van de berekende trede.".to_string(),
        ));
    }
    Ok(())
}
