//! `meedoen worklist`: residents due for contact.

use super::args::WorklistArgs;
use super::env::Context;
use super::error::CliError;
use std::io::Write;

pub fn run(_ctx: &Context, _a: &WorklistArgs, _out: &mut dyn Write) -> Result<(), CliError> {
    Err(CliError::new("worklist: wacht op de opslaglaag"))
}
