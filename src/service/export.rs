//! Exporting a contract as a use case: the latest version of a resident (the access
//! logged) rendered as PDF, HTML or Markdown, to a file or a stream; and the PDF of a
//! version on screen, where an agreed version is the very document that was kept.

use super::ServiceError;
use crate::domain::contract::{Contract, ContractStatus};
use crate::domain::resident::ClientId;
use crate::export::{self, Format};
use crate::forms::Forms;
use crate::store::Store;
use std::io::Write;
use std::path::Path;

/// Where an export goes.
pub enum Destination<'a> {
    /// Written whole or not at all (see `export::write_atomic`).
    File(&'a Path),
    /// A stream such as standard output: the document's own bytes.
    Stream(&'a mut dyn Write),
}

/// Export the latest contract of `client`; refused with `ServiceError::NoContract` when
/// there is none. The export is logged once the document is out.
pub fn contract(
    store: &mut Store,
    forms: &Forms,
    client: ClientId,
    format: Format,
    to: Destination<'_>,
) -> Result<(), ServiceError> {
    // Opening logs who read the dossier; an unknown number is said as such.
    store.open_resident(client)?;
    let stored = store
        .latest_contract(client)?
        .ok_or(ServiceError::NoContract(client))?;
    let texts = forms.contract_texts.on(stored.contract.date);
    match to {
        Destination::File(path) => export::export(&stored.contract, texts, format, path)?,
        Destination::Stream(out) => {
            let bytes = export::render(&stored.contract, texts, format)?;
            out.write_all(&bytes)
                .and_then(|()| out.flush())
                .map_err(ServiceError::Output)?;
        }
    }
    store.log("contract_export", Some(client))?;
    Ok(())
}

/// The PDF of the version shown (`id`, as `contract` holds it now) at `path`: for an
/// agreed version the document kept when it was agreed, for a concept one rendered now.
pub fn contract_pdf(
    store: &Store,
    forms: &Forms,
    id: i64,
    contract: &Contract,
    path: &Path,
) -> Result<(), ServiceError> {
    let kept = if contract.status == ContractStatus::Vastgesteld {
        store.contract_document(id)?
    } else {
        None
    };
    let bytes = match kept {
        Some(b) => b,
        None => export::render_pdf(contract, forms.contract_texts.on(contract.date))?,
    };
    export::write_atomic(path, &bytes)?;
    Ok(())
}
