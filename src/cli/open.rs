//! Opening the database: the one place where the command line and the interface turn a
//! path or a server address into a `Store`, with the day's backup after a file.

use super::db_backup::run_daily;
use super::env::Context;
use super::error::CliError;
use crate::domain::Lang;
use crate::store::{Location, Store};
use std::path::Path;

/// Every store the program opens goes through here, so a second backend needs one change.
pub fn open_store_at(path: &Path, staff: &str) -> Result<Store, CliError> {
    Store::open(path, staff).map_err(CliError::from)
}

impl Context {
    /// A PostgreSQL database: the staff member is the role it connects as, so a `--user`
    /// naming someone else is refused (the log would name the wrong person).
    pub fn open_server(&self, url: &str) -> Result<Store, CliError> {
        let store = Store::open_url(url)?;
        if let Some(named) = &self.user_flag {
            if named != store.staff() {
                return Err(CliError::new(match self.lang {
                    Lang::Nl => format!(
                        "Op PostgreSQL is de medewerker de databaserol waarmee u inlogt ({}); --user {named} kan daar niet. Laat --user weg of log in met uw eigen rol.",
                        store.staff()
                    ),
                    Lang::En => format!(
                        "On PostgreSQL the staff member is the database role you log in with ({}); --user {named} cannot be used there. Leave out --user or log in with your own role.",
                        store.staff()
                    ),
                }));
            }
        }
        Ok(store)
    }

    pub fn open_store(&self) -> Result<Store, CliError> {
        let path = match self.db_location()? {
            Location::Postgres(url) => return self.open_server(&url),
            Location::File(path) => path,
        };
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
        let path = match self.db_location()? {
            Location::Postgres(url) => return self.open_server(&url),
            Location::File(path) => path,
        };
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
