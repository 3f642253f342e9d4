//! `meedoen contract draft|export`: the social contract from the latest intake.

use super::args::ExportFormat;
use super::env::Context;
use super::error::CliError;
use crate::store::ClientId;
use std::io::Write;
use std::path::Path;

pub fn draft(
    _ctx: &Context,
    _client: ClientId,
    _json: bool,
    _out: &mut dyn Write,
) -> Result<(), CliError> {
    Err(CliError::new("contract draft: wacht op de contractlaag"))
}

pub fn export(
    _ctx: &Context,
    _client: ClientId,
    _format: ExportFormat,
    _file: &Path,
    _out: &mut dyn Write,
) -> Result<(), CliError> {
    Err(CliError::new("contract export: wacht op de exportlaag"))
}
