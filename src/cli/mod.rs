//! The non-interactive command-line interface (`cli.md`): a thin twin of the interface over
//! the same forms, domain and store calls.

pub mod answers;
pub mod args;
pub mod contract;
pub mod db_backup;
pub mod db_check;
pub mod demo;
pub mod dossier;
pub mod env;
pub mod error;
pub mod forms_check;
pub mod intake;
pub mod ladder;
pub mod open;
pub mod outfile;
pub mod report;
pub mod usage;
pub mod worklist;

pub use args::Cli;
pub use env::Context;
pub use error::CliError;

use args::{
    Command, ContractCommand, DbCommand, DossierCommand, FormsCommand, IntakeCommand, LadderCommand,
};
use serde::Serialize;
use std::io::Write;

/// Run one parsed command line, writing results to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<(), CliError> {
    let ctx = Context::from_opts(&cli.global)?;
    let opens_screen = match &cli.command {
        None => true,
        Some(Command::Demo(a)) => !a.no_tui,
        Some(_) => false,
    };
    if opens_screen {
        need_terminal(ctx.lang)?;
    }
    match cli.command {
        None => match ctx.db_location()? {
            crate::store::Location::Postgres(url) => open_tui_on_server(&ctx, &url),
            crate::store::Location::File(path) => open_tui(&ctx, path),
        },
        Some(Command::Demo(a)) => demo::run_command(&ctx, &a, out),
        Some(Command::Forms(FormsCommand::Check { dir })) => {
            forms_check::run(&ctx, dir.as_deref(), out)
        }
        Some(Command::Ladder(LadderCommand::Score { answers, json })) => {
            ladder::score(&ctx, &answers, json, out)
        }
        Some(Command::Intake(IntakeCommand::Import {
            answers,
            client,
            date,
            json,
        })) => intake::import(&ctx, &answers, client, date.as_deref(), json, out),
        Some(Command::Contract(ContractCommand::Draft { client, json })) => {
            contract::draft(&ctx, client, json, out)
        }
        Some(Command::Contract(ContractCommand::Export {
            client,
            format,
            out: file,
        })) => contract::export(&ctx, client, format, &file, out),
        Some(Command::Worklist(a)) => worklist::run(&ctx, &a, out),
        Some(Command::Report(a)) => report::run(&ctx, &a, out),
        Some(Command::Db(DbCommand::Check)) => db_check::run(&ctx, out),
        Some(Command::Db(DbCommand::Backup { out: file })) => db_backup::backup(&ctx, &file, out),
        Some(Command::Db(DbCommand::Restore { file, to })) => {
            db_backup::restore(&ctx, &file, &to, out)
        }
        Some(Command::Dossier(DossierCommand::Export {
            client,
            format,
            out: file,
        })) => dossier::export(&ctx, client, format, &file, out),
    }
}

/// The screen reads keys from standard input and draws on standard output; without a
/// terminal on both, switching to it would fail half-way. Checked before anything is
/// opened or made.
pub fn need_terminal(lang: crate::domain::Lang) -> Result<(), CliError> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return Ok(());
    }
    Err(CliError::new(env::tr(
        lang,
        "het scherm heeft een terminal nodig; zonder terminal werken `meedoen intake import`, `ladder score`, `contract draft`, `contract export`, `worklist`, `report`, `forms check`, `db check`, `db backup`, `db restore` en `demo --no-tui` (zie `meedoen --help`).",
        "the screen needs a terminal; without one use `meedoen intake import`, `ladder score`, `contract draft`, `contract export`, `worklist`, `report`, `forms check`, `db check`, `db backup`, `db restore` or `demo --no-tui` (see `meedoen --help`).",
    )))
}

/// Open the terminal interface on a database; today's backup of it is made after the
/// first frame.
pub fn open_tui(ctx: &Context, db_path: std::path::PathBuf) -> Result<(), CliError> {
    // The demo database in the data folder, opened again by name, is still the demo.
    let demo = env::data_dir().map(|d| d.join(env::DEMO_DB_FILE));
    if demo.is_some_and(|d| d == db_path) {
        return open_demo_tui(ctx, db_path);
    }
    let (db, today, lang) = (db_path.clone(), ctx.today, ctx.lang);
    let daily = crate::tui::Background(std::sync::Arc::new(move || {
        db_backup::run_daily(&db, today, lang)
    }));
    open_tui_with(ctx, db_path, Some(daily))
}

/// Open the interface on the demo database: made-up people need no backups.
pub fn open_demo_tui(ctx: &Context, db_path: std::path::PathBuf) -> Result<(), CliError> {
    open_tui_with(ctx, db_path, None)
}

fn open_tui_with(
    ctx: &Context,
    db_path: std::path::PathBuf,
    after_first_frame: Option<crate::tui::Background>,
) -> Result<(), CliError> {
    // A forms folder is read and checked now; the built-in forms after the first frame
    // (the start screen does not need them).
    let forms = ctx.forms_in_force()?;
    // Refuse a newer or unreadable database here, with the store's own sentence, before
    // the terminal is switched to the interface.
    let store = open::open_store_at(&db_path, &ctx.staff)?;
    run_tui(
        ctx,
        store,
        forms,
        log_dir(&ctx.lang, &db_path),
        after_first_frame,
        None,
    )
}

/// The interface on a PostgreSQL database: the server keeps its own backups and checks;
/// drafts the server cannot take (a lost connection) wait in the data folder.
pub fn open_tui_on_server(ctx: &Context, url: &str) -> Result<(), CliError> {
    let forms = ctx.forms_in_force()?;
    let store = ctx.open_server(url)?;
    let logs = env::ensure_data_dir(ctx.lang).unwrap_or_else(|_| std::path::PathBuf::from("."));
    let spool = crate::store::spool::Spool::for_database(&logs, &crate::store::pg_display(url));
    run_tui(ctx, store, forms, logs, None, Some(spool))
}

fn run_tui(
    ctx: &Context,
    store: crate::store::Store,
    forms: crate::forms::FormsInForce,
    log_dir: std::path::PathBuf,
    after_first_frame: Option<crate::tui::Background>,
    spool: Option<crate::store::spool::Spool>,
) -> Result<(), CliError> {
    let config = crate::tui::TuiConfig {
        staff: store.staff().to_string(),
        lang: ctx.lang,
        forms,
        ascii: ctx.ascii,
        no_color: std::env::var_os("NO_COLOR").is_some(),
        today: ctx.today,
        log_dir,
        after_first_frame,
        spool,
    };
    crate::tui::run(store, config).map_err(|e| CliError::new(e.to_string()))
}

/// The data folder for the crash log; next to the database when there is no data folder.
fn log_dir(lang: &crate::domain::Lang, db_path: &std::path::Path) -> std::path::PathBuf {
    env::ensure_data_dir(*lang).unwrap_or_else(|_| {
        db_path
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default()
    })
}

/// Pretty JSON followed by a newline.
pub fn print_json<T: Serialize>(out: &mut dyn Write, value: &T) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::new(format!("JSON-fout: {e}")))?;
    writeln!(out, "{text}").map_err(|e| CliError::new(format!("Schrijffout: {e}")))
}
