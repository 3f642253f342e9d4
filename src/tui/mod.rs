//! The terminal interface: screens, widgets, key bindings, theme and interface strings.

mod app;
mod contract;
mod contract_edit;
pub mod crash;
mod damage;
mod dossier;
mod intake;
pub mod keymap;
mod ladder;
mod same_person;
mod signals;
mod start;
pub mod strings;
pub mod text;
pub mod theme;
mod wizard;
// The check-in, the worklist, the overview and the outflow dialog.
mod checkin;
pub mod followup_strings;
mod outflow;
mod report;
mod worklist;

pub use app::{App, AppOptions, AUTOSAVE_EVERY, MIN_HEIGHT, MIN_WIDTH};

use crate::forms::{FormsInForce, Lang};
use crate::store::Store;
use chrono::NaiveDate;
use crossterm::event::{self, Event, KeyEventKind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What the interface is started with (built by `main`/`cli` from the options).
#[derive(Debug, Clone)]
pub struct TuiConfig {
    /// Staff member recorded in the access log (`--user`, default the OS user).
    pub staff: String,
    pub lang: Lang,
    pub forms: FormsInForce,
    /// `--ascii`: no box-drawing or other non-ASCII symbols.
    pub ascii: bool,
    /// `NO_COLOR` set (any value).
    pub no_color: bool,
    /// "Today" (the contact date); injectable for tests.
    pub today: NaiveDate,
    /// Where the crash log goes (the platform data directory).
    pub log_dir: PathBuf,
    /// Work started on its own thread once the first frame is on screen (the daily
    /// backup); a sentence it returns is shown in the status line as a problem.
    pub after_first_frame: Option<Background>,
    /// On a database server: where drafts wait while the server cannot be reached.
    pub spool: Option<crate::store::spool::Spool>,
}

/// A job for after the first frame: never slows start-up, never blocks the work.
#[derive(Clone)]
pub struct Background(pub Arc<dyn Fn() -> Option<String> + Send + Sync>);

impl std::fmt::Debug for Background {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Background")
    }
}

/// Start `job` on its own thread; its message arrives on the returned channel.
fn spawn_background(job: Background) -> std::sync::mpsc::Receiver<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    let _ = std::thread::Builder::new()
        .name("after-first-frame".into())
        .spawn(move || {
            if let Some(msg) = (job.0)() {
                let _ = tx.send(msg);
            }
        });
    rx
}

/// What every screen draws with.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    /// Derefs to `Forms`; the built-in forms are parsed on the first look.
    pub forms: &'a FormsInForce,
    pub lang: Lang,
    pub theme: theme::Theme,
    pub today: NaiveDate,
}

/// How often a termination signal is looked for while otherwise idle.
const SIGNAL_CHECK: Duration = Duration::from_millis(500);

/// After the first frame the program leaves the CPU to the terminal this long (unless a
/// key comes) before its deferred start-up work: the start screen's counts and parsing
/// the built-in forms. Started at once, that work kept the terminal emulator from
/// painting the frame on a two-core machine (measured: +1 to 3 ms before it showed).
const FIRST_FRAME_SETTLE: Duration = Duration::from_millis(40);

/// Run the interface on an opened store until the user quits. Restores the terminal on
/// every exit path.
pub fn run(store: Store, config: TuiConfig) -> anyhow::Result<()> {
    let opts = AppOptions {
        lang: config.lang,
        ascii: config.ascii,
        no_color: config.no_color,
        today: config.today,
        test_panic: std::env::var("MEEDOEN_TEST_PANIC").is_ok_and(|v| v == "1"),
    };
    let mut app = App::new(store, config.forms, opts);
    if let Some(spool) = config.spool.clone() {
        app.set_spool(spool);
    }
    let stop = Arc::new(AtomicBool::new(false));
    register_signals(&stop)?;
    crash::install(config.log_dir.clone(), config.lang);
    // `cli::need_terminal` checked for a terminal; should switching to it still fail,
    // that is an error to report, not a crash (whose message would claim a saved draft).
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            restore();
            anyhow::bail!(match config.lang {
                Lang::Nl => format!("het scherm kon niet worden geopend ({e}); zonder scherm werken de opdrachten van `meedoen --help`."),
                Lang::En => format!("the screen could not be opened ({e}); the commands of `meedoen --help` work without one."),
            });
        }
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(
            &mut terminal,
            &mut app,
            &stop,
            config.after_first_frame.clone(),
        )
    }));
    match result {
        Ok(r) => {
            app.shutdown();
            restore();
            r
        }
        Err(_) => {
            // The hook already restored the terminal and told the user; keep what was
            // typed, then leave with the usual panic exit code.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| app.shutdown()));
            restore();
            std::process::exit(101);
        }
    }
}

/// Raw mode off, main screen back, cursor visible.
fn restore() {
    ratatui::restore();
    let _ = crossterm::execute!(std::io::stdout(), crossterm::cursor::Show);
}

#[cfg(unix)]
fn register_signals(stop: &Arc<AtomicBool>) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    for sig in [SIGTERM, SIGHUP] {
        // A second signal while the first is handled ends the program the hard way.
        signal_hook::flag::register_conditional_shutdown(sig, 1, Arc::clone(stop))?;
        signal_hook::flag::register(sig, Arc::clone(stop))?;
    }
    Ok(())
}

/// True when the terminal behind standard input is gone (window closed, pty hung up).
#[cfg(unix)]
fn terminal_hung_up() -> bool {
    let mut fd = libc::pollfd {
        fd: 0,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid, initialised pollfd and a zero timeout; poll only writes revents.
    let n = unsafe { libc::poll(&mut fd, 1, 0) };
    n > 0 && (fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL)) != 0
}

/// When the window is closed without a SIGHUP reaching us, crossterm keeps reading EOF
/// inside its own wait and never returns to the loop. A watcher thread ends the program
/// instead: the loop gets a moment to save first, and the draft is never more than a
/// second old because of the autosave.
#[cfg(unix)]
fn watch_for_hangup() {
    let _ = std::thread::Builder::new()
        .name("hangup".into())
        .spawn(|| loop {
            std::thread::sleep(std::time::Duration::from_millis(500));
            if terminal_hung_up() {
                std::thread::sleep(std::time::Duration::from_millis(1500));
                std::process::exit(0);
            }
        });
}

#[cfg(not(unix))]
fn watch_for_hangup() {}

#[cfg(not(unix))]
fn terminal_hung_up() -> bool {
    false
}

#[cfg(not(unix))]
fn register_signals(_stop: &Arc<AtomicBool>) -> anyhow::Result<()> {
    Ok(())
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
    mut after_first_frame: Option<Background>,
) -> anyhow::Result<()> {
    let mut background: Option<std::sync::mpsc::Receiver<String>> = None;
    let size = terminal.size()?;
    app.set_size(size.width, size.height);
    let mut redraw = true;
    let mut settle = true;
    loop {
        if redraw {
            terminal.draw(|f| app.render(f))?;
        }
        if app.should_quit() {
            return Ok(());
        }
        // Block until a key unless an autosave is pending or (on Unix) a termination
        // signal must be looked for: an idle screen costs no CPU.
        let wait = match (app.poll_timeout(Instant::now()), cfg!(unix)) {
            _ if settle => Some(FIRST_FRAME_SETTLE),
            (Some(t), true) => Some(t.min(SIGNAL_CHECK)),
            (Some(t), false) => Some(t),
            (None, true) => Some(SIGNAL_CHECK),
            (None, false) => None,
        };

        let ev = match wait {
            None => Some(event::read()?),
            Some(t) => {
                if event::poll(t)? {
                    Some(event::read()?)
                } else {
                    None
                }
            }
        };
        if settle {
            settle = false;
            app.first_frame_drawn();
            // Its own thread; not needed before there is a frame to lose.
            watch_for_hangup();
            background = after_first_frame.take().map(spawn_background);
        }
        let mut note = false;
        if let Some(msg) = background.as_ref().and_then(|rx| rx.try_recv().ok()) {
            app.show_problem(msg);
            note = true;
        }
        // A closed window does not always bring SIGHUP (the shell may take it); the
        // terminal then reads as hung up, and waiting for keys would spin on EOF.
        if stop.load(Ordering::SeqCst) || terminal_hung_up() {
            app.shutdown();
            return Ok(());
        }
        redraw = match ev {
            Some(Event::Key(k)) if k.kind == KeyEventKind::Press => {
                app.handle_key(k);
                true
            }
            Some(Event::Resize(w, h)) => {
                app.set_size(w, h);
                true
            }
            _ => false,
        };
        redraw |= app.tick(Instant::now()) | note;
    }
}
