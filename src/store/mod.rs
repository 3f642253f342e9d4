//! The SQLite store: the only place with SQL. Migrations, residents, contacts, drafts,
//! measurements, signals, contracts, edit locks and the append-only access log.

use crate::domain::contract::Contract;
use crate::domain::signals::{FiredSignal, Severity};
use crate::domain::Answers;
use chrono::{NaiveDate, NaiveDateTime};
use std::path::Path;

pub type ClientId = i64;
pub type ContactId = i64;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database was written by a newer meedoen; it is left untouched.
    #[error("Deze database is gemaakt met een nieuwere versie van meedoen (schema {found}, dit programma kent {known}). Werk meedoen bij; de database is niet aangeraakt.")]
    NewerVersion { found: i64, known: i64 },
    #[error("De map van de database bestaat niet: {0}")]
    MissingFolder(String),
    #[error("De database is alleen-lezen: {0}. Kies een plek waar u mag schrijven (--db).")]
    ReadOnly(String),
    #[error("De database staat op een netwerkschijf ({0}). SQLite is daar niet veilig te delen; zet de database op een lokale schijf van deze werkplek of de server.")]
    NetworkPath(String),
    #[error("De schijf is vol. Er is niets verloren: maak ruimte vrij en sla opnieuw op.")]
    DiskFull,
    #[error("De database is bezet door een andere werkplek. Probeer het zo opnieuw.")]
    Busy,
    #[error("Inwoner {0} bestaat niet.")]
    UnknownClient(ClientId),
    #[error("Dit is geen meedoen-database of het bestand is beschadigd: {0}")]
    Corrupt(String),
    #[error("Databasefout: {0}")]
    Other(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactKind {
    Intake,
    /// Jaargesprek / voortgangsgesprek.
    Checkin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResidentStatus {
    Active,
    /// Left benefits (uitgestroomd).
    Outflow,
}

/// Search result / list row.
#[derive(Debug, Clone, PartialEq)]
pub struct ResidentRow {
    pub id: ClientId,
    pub first_names: String,
    pub surname: String,
    pub birth_date: Option<NaiveDate>,
    pub bsn: Option<String>,
    pub last_contact: Option<NaiveDate>,
    pub current_rung: Option<u8>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Resident {
    pub id: ClientId,
    pub first_names: String,
    pub surname: String,
    pub birth_date: Option<NaiveDate>,
    pub bsn: Option<String>,
    pub phone: String,
    pub email: String,
    pub status: ResidentStatus,
    /// For outflow: `werk`, `verhuisd`, `overig`.
    pub outflow_reason: Option<String>,
    pub outflow_date: Option<NaiveDate>,
    pub created: NaiveDateTime,
}

/// The identity part of a resident, taken from the `persoon.*` answers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewResident {
    pub first_names: String,
    pub surname: String,
    pub birth_date: Option<NaiveDate>,
    pub bsn: Option<String>,
    pub phone: String,
    pub email: String,
}

/// A ladder measurement stored with a contact.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    pub date: NaiveDate,
    pub computed: u8,
    pub explanation: String,
    pub chosen: u8,
    /// Required when `chosen != computed`.
    pub override_reason: Option<String>,
    pub expected: Option<u8>,
    pub horizon_months: Option<u32>,
}

pub struct NewContact<'a> {
    pub client: ClientId,
    pub date: NaiveDate,
    pub kind: ContactKind,
    pub form_id: &'a str,
    pub form_version: u32,
    pub form_hash: &'a str,
    /// The form definition text, kept so an old intake stays readable.
    pub form_source: &'a str,
    /// Only visible answers (data minimisation).
    pub answers: &'a Answers,
    pub measurement: Option<Measurement>,
    pub signals: &'a [FiredSignal],
}

#[derive(Debug, Clone, PartialEq)]
pub struct ContactSummary {
    pub id: ContactId,
    pub date: NaiveDate,
    pub kind: ContactKind,
    pub staff: String,
    pub rung: Option<u8>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredContact {
    pub summary: ContactSummary,
    pub form_id: String,
    pub form_version: u32,
    pub form_hash: String,
    pub answers: Answers,
}

/// A stored signal (open or handled).
#[derive(Debug, Clone, PartialEq)]
pub struct SignalRow {
    pub id: i64,
    pub client: ClientId,
    /// Resident's display name; only filled by the all-residents list.
    pub client_name: String,
    pub kind: String,
    pub severity: Severity,
    pub raised: NaiveDate,
    pub deadline: NaiveDate,
    pub handled: Option<(NaiveDateTime, String, String)>,
}

/// What a draft is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftKind {
    Intake,
    Checkin,
    Contract,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub id: i64,
    pub client: Option<ClientId>,
    pub kind: DraftKind,
    pub staff: String,
    pub updated: NaiveDateTime,
    /// JSON written by the interface; the store does not look inside.
    pub payload: String,
    /// Short label for lists ("Jansen, P."), chosen by the interface.
    pub label: String,
}

/// Result of trying to take the edit lock of a resident.
#[derive(Debug, Clone, PartialEq)]
pub enum Lock {
    Acquired,
    /// Someone else is editing: who, on which workstation, since when.
    HeldBy {
        staff: String,
        workstation: String,
        since: NaiveDateTime,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredContract {
    pub id: i64,
    pub client: ClientId,
    pub contract: Contract,
    /// SHA-256 of the rendered document, once vastgesteld.
    pub document_hash: Option<String>,
}

pub struct Store {
    #[allow(dead_code)]
    conn: rusqlite::Connection,
    #[allow(dead_code)]
    staff: String,
    #[allow(dead_code)]
    workstation: String,
}

impl Store {
    /// Open (creating if needed) and migrate. Refuses a newer schema, a network path, a
    /// missing folder; sets WAL, synchronous=FULL, foreign keys and a busy timeout.
    pub fn open(_path: &Path, _staff: &str) -> Result<Store> {
        todo!("store helper fills this in")
    }

    pub fn open_in_memory(_staff: &str) -> Result<Store> {
        todo!("store helper fills this in")
    }

    /// Run many saves in one transaction (the demo, an intake with a new resident).
    pub fn bulk<T>(&mut self, _f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        todo!("store helper fills this in")
    }

    pub fn staff(&self) -> &str {
        &self.staff
    }

    pub fn schema_version(&self) -> Result<i64> {
        todo!("store helper fills this in")
    }

    // --- residents ---
    pub fn create_resident(&mut self, _r: &NewResident) -> Result<ClientId> {
        todo!()
    }
    pub fn update_resident(&mut self, _id: ClientId, _r: &NewResident) -> Result<()> {
        todo!()
    }
    /// Search by name, BSN or date of birth (`dd-mm-jjjj`, partial allowed) as you type.
    pub fn search_residents(&self, _query: &str, _limit: usize) -> Result<Vec<ResidentRow>> {
        todo!()
    }
    /// Opening a dossier: logged in the access log.
    pub fn open_resident(&mut self, _id: ClientId) -> Result<Resident> {
        todo!()
    }
    pub fn set_outflow(
        &mut self,
        _id: ClientId,
        _reason: Option<&str>,
        _date: Option<NaiveDate>,
    ) -> Result<()> {
        todo!()
    }

    // --- contacts ---
    /// One transaction: contact, form snapshot, measurement, signals, access log.
    pub fn save_contact(&mut self, _c: &NewContact<'_>) -> Result<ContactId> {
        todo!()
    }
    pub fn contacts(&self, _client: ClientId) -> Result<Vec<ContactSummary>> {
        todo!()
    }
    pub fn latest_contact(&self, _client: ClientId) -> Result<Option<StoredContact>> {
        todo!()
    }
    pub fn contact(&self, _id: ContactId) -> Result<StoredContact> {
        todo!()
    }

    // --- drafts ---
    /// Insert (id None) or update a draft; returns its id.
    pub fn save_draft(
        &mut self,
        _id: Option<i64>,
        _client: Option<ClientId>,
        _kind: DraftKind,
        _label: &str,
        _payload: &str,
    ) -> Result<i64> {
        todo!()
    }
    pub fn draft_for(&self, _client: ClientId, _kind: DraftKind) -> Result<Option<Draft>> {
        todo!()
    }
    /// Drafts of new residents (no client yet), newest first.
    pub fn orphan_drafts(&self) -> Result<Vec<Draft>> {
        todo!()
    }
    pub fn delete_draft(&mut self, _id: i64) -> Result<()> {
        todo!()
    }

    // --- edit locks (two workstations) ---
    pub fn lock_resident(&mut self, _client: ClientId) -> Result<Lock> {
        todo!()
    }
    pub fn unlock_resident(&mut self, _client: ClientId) -> Result<()> {
        todo!()
    }

    // --- ladder ---
    pub fn measurements(&self, _client: ClientId) -> Result<Vec<Measurement>> {
        todo!()
    }

    // --- signals ---
    pub fn signals_of(&self, _client: ClientId) -> Result<Vec<SignalRow>> {
        todo!()
    }
    /// All open signals of all residents, by deadline (overdue first).
    pub fn open_signals(&self) -> Result<Vec<SignalRow>> {
        todo!()
    }
    pub fn handle_signal(&mut self, _signal: i64, _note: &str) -> Result<()> {
        todo!()
    }

    // --- contracts ---
    pub fn latest_contract(&self, _client: ClientId) -> Result<Option<StoredContract>> {
        todo!()
    }
    pub fn contracts_of(&self, _client: ClientId) -> Result<Vec<StoredContract>> {
        todo!()
    }
    /// Insert or update a concept contract.
    pub fn save_contract(
        &mut self,
        _client: ClientId,
        _id: Option<i64>,
        _c: &Contract,
    ) -> Result<i64> {
        todo!()
    }
    /// Vaststellen: status, date, the rendered document and its hash; read-only after.
    pub fn agree_contract(&mut self, _id: i64, _on: NaiveDate, _document: &[u8]) -> Result<String> {
        todo!()
    }

    // --- access log ---
    pub fn log(&mut self, _action: &str, _client: Option<ClientId>) -> Result<()> {
        todo!()
    }
}
