//! Opening the database: the one place where the command line and the interface turn a
//! path (later a server address) into a `Store`, with the day's backup after it.

use super::db_backup::run_daily;
use super::env::Context;
use super::error::CliError;
use crate::domain::Lang;
use crate::store::Store;
use std::path::Path;

/// Every store the program opens goes through here, so a second backend needs one change.
pub fn open_store_at(path: &Path, staff: &str) -> Result<Store, CliError> {
    Store::open(path, staff).map_err(CliError::from)
}

impl Context {
    pub fn open_store(&self) -> Result<Store, CliError> {
        let path = self.db_path()?;
        // A database made just now has nothing in it to keep.
        let existed = path.is_file();
        let store = open_store_at(&path, &self.staff)?;
        if existed {
            daily_for_command(self, &path);
        }
        Ok(store)
    }

    /// Open the database for a command that only reads or adds to existing residents: a
    /// missing file is a mistyped path or a first day, never a reason to create one.
    pub fn open_existing_store(&self) -> Result<Store, CliError> {
        let path = self.db_path()?;
        if !path.exists() {
            return Err(CliError::new(match self.lang {
                Lang::Nl => format!(
                    "Er is nog geen database op {}; begin met een intake (in het scherm of met `meedoen intake import`) of geef een andere --db.",
                    path.display()
                ),
                Lang::En => format!(
                    "There is no database at {} yet; start with an intake (on screen or with `meedoen intake import`) or give another --db.",
                    path.display()
                ),
            }));
        }
        let store = open_store_at(&path, &self.staff)?;
        daily_for_command(self, &path);
        Ok(store)
    }
}

/// For the commands that open the real database: today's backup first, and a warning on
/// stderr (not an error) when it fails.
pub fn daily_for_command(ctx: &Context, db: &Path) {
    if let Some(msg) = run_daily(db, ctx.today, ctx.lang) {
        eprintln!("meedoen: {msg}");
    }
}
