//! The `meedoen` program: parse the command line, run it, turn every failure into one
//! clear line and an exit code (0 ok, 1 user error, 2 usage error).

use clap::Parser;
use meedoen::cli::{self, Cli};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    install_panic_hook();
    // clap prints usage errors itself and exits with 2; --help and --version exit 0.
    let args = match Cli::try_parse() {
        Ok(a) => a,
        Err(e) => e.exit(),
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
