//! Social contracts: concepts saved while drafting, vastgesteld versions kept unchanged
//! with the exact printed document and its hash.

use super::db::params;
use super::{
    fmt_date, fmt_datetime, now_local, parse_opt_date, ClientId, ContractSummary, Result, Store,
    StoreError, StoredContract,
};
use crate::domain::contract::{Contract, ContractStatus};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};

fn status_str(s: ContractStatus) -> &'static str {
    match s {
        ContractStatus::Concept => "concept",
        ContractStatus::Vastgesteld => "vastgesteld",
    }
}

const READ_ONLY: &str =
    "Deze overeenkomst is vastgesteld en kan niet meer worden gewijzigd; maak een nieuwe versie.";

struct Row {
    client: ClientId,
    version: u32,
    status: String,
    contract: String,
}

impl Store {
    fn contract_row(&self, id: i64) -> Result<Row> {
        self.conn
            .prepare_cached(
                "SELECT client, version, status, contract FROM contracts WHERE id = ?1",
            )?
            .query_opt(params![id], |r| {
                Ok(Row {
                    client: r.get(0)?,
                    version: r.get(1)?,
                    status: r.get(2)?,
                    contract: r.get(3)?,
                })
            })?
            .ok_or_else(|| StoreError::Invalid(format!("Overeenkomst {id} bestaat niet.")))
    }

    fn max_version(&self, client: ClientId) -> Result<u32> {
        self.conn
            .prepare_cached("SELECT coalesce(max(version), 0) FROM contracts WHERE client = ?1")?
            .query_row(params![client], |r| r.get(0))
    }

    fn insert_contract(&self, client: ClientId, c: &Contract) -> Result<i64> {
        let now = fmt_datetime(now_local());
        self.conn
            .prepare_insert(
                "INSERT INTO contracts (client, version, status, contract, agreed_on,
                     next_evaluation, created, updated, date)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
            )?
            .insert(params![
                client,
                c.version,
                status_str(c.status),
                serde_json::to_string(c)?,
                c.agreed_on.map(fmt_date),
                fmt_date(c.next_evaluation),
                now,
                fmt_date(c.date),
            ])
    }

    /// Insert or update a concept contract. A new one gets the next free version number
    /// (at least `c.version`); a vastgesteld one is never changed.
    pub fn save_contract(
        &mut self,
        client: ClientId,
        id: Option<i64>,
        c: &Contract,
    ) -> Result<i64> {
        if c.status == ContractStatus::Vastgesteld {
            return Err(StoreError::Invalid(
                "Een overeenkomst wordt vastgesteld met vaststellen, niet met opslaan.".to_string(),
            ));
        }
        self.refuse_if_damaged()?;
        self.write(|s| {
            s.require_resident(client)?;
            let id = match id {
                Some(id) => {
                    let row = s.contract_row(id)?;
                    if row.client != client {
                        return Err(StoreError::Invalid(format!(
                            "Overeenkomst {id} hoort bij een andere inwoner."
                        )));
                    }
                    if row.status != "concept" {
                        return Err(StoreError::Invalid(READ_ONLY.to_string()));
                    }
                    let mut c = c.clone();
                    c.version = row.version;
                    s.conn
                        .prepare_cached(
                            "UPDATE contracts SET contract = ?2, next_evaluation = ?3, updated = ?4,
                                 date = ?5
                             WHERE id = ?1",
                        )?
                        .execute(params![
                            id,
                            serde_json::to_string(&c)?,
                            fmt_date(c.next_evaluation),
                            fmt_datetime(now_local()),
                            fmt_date(c.date),
                        ])?;
                    id
                }
                None => {
                    let mut c = c.clone();
                    c.version = c.version.max(s.max_version(client)? + 1);
                    s.insert_contract(client, &c)?
                }
            };
            s.refresh_resident(client)?;
            s.log_in("opslaan_overeenkomst", Some(client))?;
            Ok(id)
        })
    }

    /// Vaststellen: status, date, the rendered document and its hash; read-only after.
    /// Returns the SHA-256 of the document in hex.
    pub fn agree_contract(&mut self, id: i64, on: NaiveDate, document: &[u8]) -> Result<String> {
        self.refuse_if_damaged()?;
        self.write(|s| {
            let row = s.contract_row(id)?;
            if row.status != "concept" {
                return Err(StoreError::Invalid(READ_ONLY.to_string()));
            }
            let mut c: Contract = serde_json::from_str(&row.contract)?;
            c.status = ContractStatus::Vastgesteld;
            c.agreed_on = Some(on);
            let hash = hex(&Sha256::digest(document));
            s.conn
                .prepare_cached(
                    "UPDATE contracts SET status = 'vastgesteld', contract = ?2, agreed_on = ?3,
                         document = ?4, document_hash = ?5, updated = ?6
                     WHERE id = ?1",
                )?
                .execute(params![
                    id,
                    serde_json::to_string(&c)?,
                    fmt_date(on),
                    document,
                    hash,
                    fmt_datetime(now_local())
                ])?;
            s.refresh_resident(row.client)?;
            s.log_in("vaststellen_overeenkomst", Some(row.client))?;
            Ok(hash)
        })
    }

    /// Start the next version from a vastgesteld contract: a concept copy, one version
    /// up, dated `on` (the caller's today, so tests and documents agree with the
    /// interface). When a newer concept already exists, that one is returned.
    pub fn new_contract_version(&mut self, id: i64, on: NaiveDate) -> Result<i64> {
        self.refuse_if_damaged()?;
        self.write(|s| {
            let row = s.contract_row(id)?;
            if row.status != "vastgesteld" {
                return Err(StoreError::Invalid(
                    "Alleen van een vastgestelde overeenkomst kunt u een nieuwe versie maken."
                        .to_string(),
                ));
            }
            let newer: Option<i64> = s
                .conn
                .prepare_cached(
                    "SELECT id FROM contracts WHERE client = ?1 AND version > ?2
                         AND status = 'concept'
                     ORDER BY version DESC LIMIT 1",
                )?
                .query_opt(params![row.client, row.version], |r| r.get(0))?;
            if let Some(newer) = newer {
                return Ok(newer);
            }
            let mut c: Contract = serde_json::from_str(&row.contract)?;
            c.version = s.max_version(row.client)? + 1;
            c.status = ContractStatus::Concept;
            c.agreed_on = None;
            c.date = on;
            let new = s.insert_contract(row.client, &c)?;
            s.refresh_resident(row.client)?;
            s.log_in("opslaan_overeenkomst", Some(row.client))?;
            Ok(new)
        })
    }

    /// The newest version of a resident's contract.
    pub fn latest_contract(&self, client: ClientId) -> Result<Option<StoredContract>> {
        let raw = self
            .conn
            .prepare_cached(
                "SELECT id, client, contract, document_hash FROM contracts WHERE client = ?1
                 ORDER BY version DESC LIMIT 1",
            )?
            .query_opt(params![client], raw_contract)?;
        raw.map(finish_contract).transpose()
    }

    /// The newest version of a resident's contract in brief: one row from the
    /// (client, version) index, no contract text read or parsed.
    pub fn contract_summary(&self, client: ClientId) -> Result<Option<ContractSummary>> {
        let raw: Option<RawSummary> = self
            .conn
            .prepare_cached(
                "SELECT id, version, status, agreed_on, next_evaluation FROM contracts
                 WHERE client = ?1 ORDER BY version DESC LIMIT 1",
            )?
            .query_opt(params![client], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
        raw.map(|(id, version, status, agreed_on, next_evaluation)| {
            Ok(ContractSummary {
                id,
                version,
                status: if status == "vastgesteld" {
                    ContractStatus::Vastgesteld
                } else {
                    ContractStatus::Concept
                },
                agreed_on: parse_opt_date(agreed_on)?,
                next_evaluation: parse_opt_date(next_evaluation)?,
            })
        })
        .transpose()
    }

    /// Every version of a resident's contract, newest first.
    pub fn contracts_of(&self, client: ClientId) -> Result<Vec<StoredContract>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, client, contract, document_hash FROM contracts WHERE client = ?1
             ORDER BY version DESC",
        )?;
        let raw: Vec<RawContract> = st.query_map(params![client], raw_contract)?;
        raw.into_iter().map(finish_contract).collect()
    }

    /// One contract by id.
    pub fn contract_by_id(&self, id: i64) -> Result<StoredContract> {
        let raw = self
            .conn
            .prepare_cached(
                "SELECT id, client, contract, document_hash FROM contracts WHERE id = ?1",
            )?
            .query_opt(params![id], raw_contract)?
            .ok_or_else(|| StoreError::Invalid(format!("Overeenkomst {id} bestaat niet.")))?;
        finish_contract(raw)
    }

    /// The exact document printed when the contract was vastgesteld.
    pub fn contract_document(&self, id: i64) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .prepare_cached("SELECT document FROM contracts WHERE id = ?1")?
            .query_opt(params![id], |r| r.get::<Option<Vec<u8>>>(0))?
            .flatten())
    }
}

type RawContract = (i64, ClientId, String, Option<String>);
/// id, version, status, agreed_on, next_evaluation.
type RawSummary = (i64, u32, String, Option<String>, Option<String>);

fn raw_contract(r: &super::db::Row<'_>) -> Result<RawContract> {
    r.try_into()
}

fn finish_contract(raw: RawContract) -> Result<StoredContract> {
    let (id, client, json, document_hash) = raw;
    Ok(StoredContract {
        id,
        client,
        contract: serde_json::from_str(&json)?,
        document_hash,
    })
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
