//! `meedoen demo`: build the demo database of made-up residents beside its final place,
//! check it, move it there in one step, then open the interface on it.

use super::args::DemoArgs;
use super::env::{ensure_data_dir, tr, Context, DEMO_DB_FILE};
use super::error::CliError;
use super::intake::service_error;
use super::open::open_store_at;
use super::open_demo_tui;
use crate::demo::{populate, DemoError, DemoOptions};
use crate::domain::Lang;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// `meedoen demo`: build the demo database next to its final place, then move it there
/// in one step, so a half-built demo is never opened.
pub fn run_command(ctx: &Context, a: &DemoArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let lang = ctx.lang;
    if let Some(url) = ctx.db_flag.as_ref().and_then(|p| {
        match crate::store::Location::parse(&p.to_string_lossy()) {
            crate::store::Location::Postgres(url) => Some(url),
            crate::store::Location::File(_) => None,
        }
    }) {
        return demo_on_server(ctx, a, &url, out);
    }
    let target = match &ctx.db_flag {
        Some(p) => {
            if p.exists() {
                return Err(CliError::new(match lang {
                    Lang::Nl => format!(
                        "{} bestaat al; de demo maakt alleen een nieuw bestand en overschrijft nooit een database. Kies een nieuwe naam of laat --db weg.",
                        p.display()
                    ),
                    Lang::En => format!(
                        "{} already exists; the demo only creates a new file and never overwrites a database. Choose a new name or leave out --db.",
                        p.display()
                    ),
                }));
            }
            p.clone()
        }
        None => ensure_data_dir(lang)?.join(DEMO_DB_FILE),
    };
    let forms = ctx.load_forms()?;
    let building = sibling(&target, ".bouw");
    remove_db_files(&building);
    let started = Instant::now();
    let opts = DemoOptions {
        clients: a.clients,
        seed: a.seed,
        today: ctx.today,
    };
    let summary = {
        let mut store = open_store_at(&building, "demo")?;
        let summary = populate(&mut store, &forms, &opts).map_err(|e| {
            remove_db_files(&building);
            match e {
                DemoError::Store(s) => CliError::from(s),
                DemoError::Invalid { resident, error } => {
                    let mut err = service_error(error, lang);
                    err.lines.insert(
                        0,
                        format!("interne fout: demo-inwoner {resident} heeft ongeldige antwoorden"),
                    );
                    err
                }
            }
        })?;
        // A new file of made-up people: checked whole when it is small, not at all when
        // a full check would add seconds to the demo (no table list).
        if let Err(e) = super::db_check::verify_written(&store, &[]) {
            remove_db_files(&building);
            return Err(e);
        }
        summary
    };
    remove_db_files(&target);
    std::fs::rename(&building, &target).map_err(|e| {
        CliError::new(format!(
            "{} {}: {e}",
            tr(
                lang,
                "Kan de demodatabase niet op zijn plaats zetten",
                "Cannot move the demo database into place"
            ),
            target.display()
        ))
    })?;
    let secs = started.elapsed().as_secs_f64();
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Lang::Nl => format!(
                "Demodatabase {} gemaakt in {secs:.1} s: {} verzonnen inwoners, {} gesprekken, {} signalen ({} open), {} overeenkomsten, {} uitgestroomd.",
                target.display(),
                summary.residents,
                summary.contacts,
                summary.signals,
                summary.signals_open,
                summary.contracts,
                summary.outflow
            ),
            Lang::En => format!(
                "Demo database {} created in {secs:.1} s: {} made-up residents, {} contacts, {} signals ({} open), {} contracts, {} outflow.",
                target.display(),
                summary.residents,
                summary.contacts,
                summary.signals,
                summary.signals_open,
                summary.contracts,
                summary.outflow
            ),
        }
    );
    if a.no_tui {
        Ok(())
    } else {
        let _ = out.flush();
        open_demo_tui(ctx, target)
    }
}

/// The demo in a PostgreSQL database (a training database of the team): only an empty
/// one, never a database that has residents.
fn demo_on_server(
    ctx: &Context,
    a: &DemoArgs,
    url: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let lang = ctx.lang;
    let shown = crate::store::pg_display(url);
    let mut store = ctx.open_server(url)?;
    if !crate::service::search::residents(&store, "", 1)
        .map_err(|e| service_error(e, lang))?
        .is_empty()
    {
        return Err(CliError::new(match lang {
            Lang::Nl => format!("De database {shown} heeft al inwoners; de demo vult alleen een lege database en verandert nooit echte gegevens."),
            Lang::En => format!("The database {shown} already has residents; the demo only fills an empty database and never changes real data."),
        }));
    }
    let forms = ctx.load_forms()?;
    let started = Instant::now();
    let opts = DemoOptions {
        clients: a.clients,
        seed: a.seed,
        today: ctx.today,
    };
    let summary = populate(&mut store, &forms, &opts).map_err(|e| match e {
        DemoError::Store(s) => CliError::from(s),
        DemoError::Invalid { resident, error } => {
            let mut err = service_error(error, lang);
            err.lines.insert(
                0,
                format!("interne fout: demo-inwoner {resident} heeft ongeldige antwoorden"),
            );
            err
        }
    })?;
    let secs = started.elapsed().as_secs_f64();
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Lang::Nl => format!(
                "Demo in {shown} gemaakt in {secs:.1} s: {} verzonnen inwoners, {} gesprekken, {} signalen ({} open), {} overeenkomsten, {} uitgestroomd.",
                summary.residents, summary.contacts, summary.signals, summary.signals_open, summary.contracts, summary.outflow
            ),
            Lang::En => format!(
                "Demo in {shown} created in {secs:.1} s: {} made-up residents, {} contacts, {} signals ({} open), {} contracts, {} outflow.",
                summary.residents, summary.contacts, summary.signals, summary.signals_open, summary.contracts, summary.outflow
            ),
        }
    );
    drop(store);
    if a.no_tui {
        Ok(())
    } else {
        let _ = out.flush();
        super::open_tui_on_server(ctx, url)
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// A database file with its write-ahead log and shared-memory files: a stale `-wal` next
/// to a new file would be replayed into it.
fn remove_db_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let p = if suffix.is_empty() {
            path.to_path_buf()
        } else {
            sibling(path, suffix)
        };
        let _ = std::fs::remove_file(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sibling_appends_to_the_file_name() {
        let p = Path::new("/tmp/x/demo.db");
        assert_eq!(sibling(p, "-wal"), Path::new("/tmp/x/demo.db-wal"));
    }
}
