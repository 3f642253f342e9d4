//! The terminal interface: screens, widgets, key bindings, theme and interface strings.

use crate::forms::{Forms, Lang};
use chrono::NaiveDate;
use std::path::PathBuf;

/// What the interface is started with (built by `main`/`cli` from the options).
#[derive(Debug, Clone)]
pub struct TuiConfig {
    pub db_path: PathBuf,
    /// Staff member recorded in the access log (`--user`, default the OS user).
    pub staff: String,
    pub lang: Lang,
    pub forms: Forms,
    /// `--ascii`: no box-drawing or other non-ASCII symbols.
    pub ascii: bool,
    /// `NO_COLOR` set (any value).
    pub no_color: bool,
    /// "Today" (the contact date); injectable for tests.
    pub today: NaiveDate,
}

/// Run the interface until the user quits. Restores the terminal on every exit path.
pub fn run(_config: TuiConfig) -> anyhow::Result<()> {
    todo!("tui helper fills this in")
}
