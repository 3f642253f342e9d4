//! Drafts: the interface's autosaved work in progress, written about once a second.

use super::db::{params, Row};
use super::{fmt_datetime, now_local, parse_datetime, ClientId, Draft, DraftKind, Result, Store};

impl DraftKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            DraftKind::Intake => "intake",
            DraftKind::Checkin => "checkin",
            DraftKind::Contract => "contract",
        }
    }

    fn from_db(s: &str) -> DraftKind {
        match s {
            "checkin" => DraftKind::Checkin,
            "contract" => DraftKind::Contract,
            _ => DraftKind::Intake,
        }
    }
}

const DRAFT_SELECT: &str = "SELECT id, client, kind, staff, updated, label, payload FROM drafts";

type RawDraft = (
    i64,
    Option<ClientId>,
    String,
    String,
    String,
    String,
    String,
);

fn raw_draft(r: &Row<'_>) -> Result<RawDraft> {
    r.try_into()
}

fn finish_draft(raw: RawDraft) -> Result<Draft> {
    let (id, client, kind, staff, updated, label, payload) = raw;
    Ok(Draft {
        id,
        client,
        kind: DraftKind::from_db(&kind),
        staff,
        updated: parse_datetime(&updated)?,
        payload,
        label,
    })
}

impl Store {
    /// Insert (id None) or update a draft; returns its id. An update is one cached
    /// `UPDATE` (atomic on its own, no extra transaction): this runs every second while
    /// the consultant types. A draft deleted meanwhile is written anew, never lost.
    pub fn save_draft(
        &mut self,
        id: Option<i64>,
        client: Option<ClientId>,
        kind: DraftKind,
        label: &str,
        payload: &str,
    ) -> Result<i64> {
        let now = fmt_datetime(now_local());
        if let Some(id) = id {
            let changed = self
                .conn
                .prepare_cached(
                    "UPDATE drafts SET client = ?2, kind = ?3, staff = ?4, updated = ?5,
                         label = ?6, payload = ?7
                     WHERE id = ?1",
                )?
                .execute(params![
                    id,
                    client,
                    kind.as_str(),
                    self.staff,
                    now,
                    label,
                    payload
                ])?;
            if changed > 0 {
                return Ok(id);
            }
        }
        self.conn
            .prepare_insert(
                "INSERT INTO drafts (client, kind, staff, updated, label, payload)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .insert(params![
                client,
                kind.as_str(),
                self.staff,
                now,
                label,
                payload
            ])
    }

    /// The newest draft of this kind for a resident, whoever wrote it.
    pub fn draft_for(&self, client: ClientId, kind: DraftKind) -> Result<Option<Draft>> {
        let raw = self
            .conn
            .prepare_cached(&format!(
                "{DRAFT_SELECT} WHERE client = ?1 AND kind = ?2
                 ORDER BY updated DESC, id DESC LIMIT 1"
            ))?
            .query_opt(params![client, kind.as_str()], raw_draft)?;
        raw.map(finish_draft).transpose()
    }

    /// Drafts of new residents (no client yet), newest first.
    pub fn orphan_drafts(&self) -> Result<Vec<Draft>> {
        let mut st = self.conn.prepare_cached(&format!(
            "{DRAFT_SELECT} WHERE client IS NULL ORDER BY updated DESC, id DESC"
        ))?;
        let raw: Vec<RawDraft> = st.query_map(params![], raw_draft)?;
        raw.into_iter().map(finish_draft).collect()
    }

    pub fn delete_draft(&mut self, id: i64) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM drafts WHERE id = ?1")?
            .execute(params![id])?;
        Ok(())
    }

    /// Remove a resident's drafts of one kind, e.g. once the contact is saved.
    pub fn delete_drafts_of(&mut self, client: ClientId, kind: DraftKind) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM drafts WHERE client = ?1 AND kind = ?2")?
            .execute(params![client, kind.as_str()])?;
        Ok(())
    }
}
