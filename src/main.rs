//! The `meedoen` program: parse the command line, run it, turn every failure into one
//! clear line and an exit code (0 ok, 1 user error, 2 usage error).

use meedoen::cli::{self, Cli};
use meedoen::domain::Lang;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
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
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            e.exit()
        }
        Err(e) => {
            let lang = cli::usage::lang_from_args(std::env::args_os());
            eprintln!("{}", cli::usage::explain(&e, lang));
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
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
    use clap::CommandFactory;
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
    match cli::usage::dutch_help(Cli::command()).try_get_matches_from(args) {
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelp => {
            print!("{}", cli::usage::dutch_help_text(&e.render().to_string()));
            ExitCode::SUCCESS
        }
        _ => original.exit(),
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
