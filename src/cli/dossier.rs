//! `meedoen dossier export`: the resident's right of access (AVG art. 15) as a PDF to hand
//! over or as JSON.

use super::args::InzageFormat;
use super::env::Context;
use super::error::CliError;
use super::intake::service_error;
use super::outfile;
use crate::export::{render_inzage_json, render_inzage_pdf, write_atomic};
use crate::service;
use crate::store::ClientId;
use std::io::Write;
use std::path::Path;

pub fn export(
    ctx: &Context,
    client: ClientId,
    format: InzageFormat,
    file: &Path,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    // Checked before anything is opened: a refused target leaves no trace at all.
    let to_stdout = outfile::is_stdout(file);
    if !to_stdout {
        outfile::check_out(ctx, file)?;
    }
    let forms = ctx.load_forms()?;
    let mut store = ctx.open_existing_store()?;
    let inzage = service::inzage::inzage(&mut store, &forms, client, ctx.today)
        .map_err(|e| service_error(e, ctx.lang))?;
    let bytes = match format {
        InzageFormat::Json => render_inzage_json(&inzage).into_bytes(),
        InzageFormat::Pdf => {
            render_inzage_pdf(&inzage).map_err(|e| CliError::new(e.to_string()))?
        }
    };
    super::db_check::verify_written(&store, &["access_log"])?;
    if to_stdout {
        // The document's own bytes (a PDF is binary), not through the text cleaning of
        // `out`; every value in it was cleaned when it was stored and rendered.
        let mut raw = std::io::stdout().lock();
        return raw
            .write_all(&bytes)
            .and_then(|()| raw.flush())
            .map_err(|e| CliError::new(format!("Schrijffout: {e}")));
    }
    write_atomic(file, &bytes).map_err(|e| CliError::new(e.to_string()))?;
    let _ = writeln!(out, "{}", file.display());
    Ok(())
}
