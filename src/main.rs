//! The `meedoen` program: parse the command line, run it, turn every failure into one
//! clear line and an exit code (0 ok, 1 user error, 2 usage error).

use meedoen::cli::{self, Cli};
use meedoen::domain::text::{printable, PrintableWriter};
use meedoen::domain::Lang;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Before anything is created: the database, its side files, logs and exports are
    // the user's alone.
    meedoen::store::private::restrict_umask();
    install_panic_hook();
    // --help and --version are printed by clap (exit 0); a usage error gets one sentence
    // in the user's language, the usage line and a pointer to --help (exit 2).
    let args = match Cli::parse_args() {
        Ok(a) => a,
        Err(e)
            if e.kind() == clap::error::ErrorKind::DisplayHelp
                && cli::usage::lang_from_args(std::env::args_os()) == Lang::Nl =>
        {
            return print_dutch_help(e);
        }
        Err(e) if !e.use_stderr() => e.exit(),
        // `meedoen contract` alone: the help of that group, in Dutch unless asked
        // otherwise, as a usage error (stderr, exit 2).
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            if cli::usage::lang_from_args(std::env::args_os()) == Lang::Nl {
                let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
                args.push("--help".into());
                if let Some(text) = dutch_help_for(args) {
                    eprint!("{text}");
                    return ExitCode::from(2);
                }
            }
            e.exit()
        }
        Err(e) => {
            let lang = cli::usage::lang_from_args(std::env::args_os());
            // The explanation quotes what was typed.
            eprintln!("{}", printable(&cli::usage::explain(&e, lang)));
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    // Every command's text passes through here: names and notes stored by an older
    // version may hold terminal control sequences.
    let mut out = PrintableWriter::new(stdout.lock());
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| cli::run(args, &mut out)));
    let _ = out.flush();
    match result {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
        // The hook has already printed the friendly line.
        Err(_) => ExitCode::from(1),
    }
}

/// `--help` (or `-h`, or `meedoen help [OPDRACHT]`) of any command in Dutch. clap's own
/// help (English headings) is only shown for `--lang en`, or should this fail.
fn print_dutch_help(original: clap::Error) -> ExitCode {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // `meedoen help contract export` is `meedoen contract export --help`.
    if let Some(i) = args
        .iter()
        .skip(1)
        .position(|a| !a.to_string_lossy().starts_with('-'))
        .map(|i| i + 1)
        .filter(|&i| args[i] == "help")
    {
        args.remove(i);
        args.push("--help".into());
    }
    match dutch_help_for(args) {
        Some(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        None => original.exit(),
    }
}

/// The Dutch help that `args` (ending in `--help`) asks for.
fn dutch_help_for(args: Vec<std::ffi::OsString>) -> Option<String> {
    use clap::CommandFactory;
    match cli::usage::dutch_help(Cli::command()).try_get_matches_from(args) {
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelp => {
            Some(cli::usage::dutch_help_text(&e.render().to_string()))
        }
        _ => None,
    }
}

/// A bug must never show a Rust backtrace or the panic text (it could hold personal data):
/// one friendly line on stderr, and where it happened in the technical log.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_else(|| "onbekende plek".to_string());
        let logged = cli::env::append_log(&format!("interne fout bij {place}"));
        let hint = match logged {
            Some(path) => format!(" Details staan in {}.", path.display()),
            None => String::new(),
        };
        eprintln!(
            "meedoen: er ging iets mis in het programma zelf; wat al was opgeslagen is bewaard.{hint} Meld dit bij de beheerder."
        );
    }));
}
