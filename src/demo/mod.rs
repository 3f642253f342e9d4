//! Demo database of clearly fictitious residents.

pub mod intake;
pub mod people;
pub mod rng;

use crate::cli::args::DemoArgs;
use crate::cli::{CliError, Context};
use std::io::Write;

pub fn run_command(_ctx: &Context, _a: &DemoArgs, _out: &mut dyn Write) -> Result<(), CliError> {
    Err(CliError::new("demo: in aanbouw"))
}
