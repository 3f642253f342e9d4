//! `meedoen report`: aggregated figures for the council monitor, no personal data.

use super::args::ReportArgs;
use super::env::Context;
use super::error::CliError;
use std::io::Write;

pub fn run(_ctx: &Context, _a: &ReportArgs, _out: &mut dyn Write) -> Result<(), CliError> {
    Err(CliError::new("report: wacht op de opslaglaag"))
}
