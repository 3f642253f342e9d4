//! A pseudo-terminal harness: run a binary in a real pty, read its screen through a VT
//! parser, type keys, send signals and check the terminal was restored on exit.

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use std::ffi::OsString;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Timeouts are generous on purpose: CI has two cores shared with a compiler.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// How long the program must have written nothing before a screen counts as a complete
/// frame. A frame is written in one go, well within this on any machine.
pub const QUIET: Duration = Duration::from_millis(40);

/// One key press, encoded the way an xterm-compatible terminal sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Enter,
    Tab,
    BackTab,
    Esc,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    /// F1..F12.
    F(u8),
    /// Ctrl + an ASCII letter (or one of `@[\]^_`).
    Ctrl(char),
    /// Alt + a character (ESC prefix).
    Alt(char),
    Char(char),
}

impl Key {
    /// The bytes a terminal sends for this key. `app_cursor` is DECCKM (application
    /// cursor keys), which changes how arrows are sent.
    pub fn bytes(self, app_cursor: bool) -> Vec<u8> {
        let s: String = match self {
            Key::Enter => "\r".into(),
            Key::Tab => "\t".into(),
            Key::BackTab => "\x1b[Z".into(),
            Key::Esc => "\x1b".into(),
            Key::Backspace => "\x7f".into(),
            Key::Delete => "\x1b[3~".into(),
            Key::Insert => "\x1b[2~".into(),
            Key::Up | Key::Down | Key::Right | Key::Left | Key::Home | Key::End => {
                let c = match self {
                    Key::Up => 'A',
                    Key::Down => 'B',
                    Key::Right => 'C',
                    Key::Left => 'D',
                    Key::Home => 'H',
                    _ => 'F',
                };
                if app_cursor {
                    format!("\x1bO{c}")
                } else {
                    format!("\x1b[{c}")
                }
            }
            Key::PageUp => "\x1b[5~".into(),
            Key::PageDown => "\x1b[6~".into(),
            Key::F(n) => match n {
                1 => "\x1bOP".into(),
                2 => "\x1bOQ".into(),
                3 => "\x1bOR".into(),
                4 => "\x1bOS".into(),
                5 => "\x1b[15~".into(),
                6 => "\x1b[17~".into(),
                7 => "\x1b[18~".into(),
                8 => "\x1b[19~".into(),
                9 => "\x1b[20~".into(),
                10 => "\x1b[21~".into(),
                11 => "\x1b[23~".into(),
                12 => "\x1b[24~".into(),
                _ => panic!("no such function key F{n}"),
            },
            Key::Ctrl(c) => {
                let b = c.to_ascii_lowercase() as u32;
                let code = match c {
                    'a'..='z' | 'A'..='Z' => b - 'a' as u32 + 1,
                    '@' | ' ' => 0,
                    '[' => 27,
                    '\\' => 28,
                    ']' => 29,
                    '^' => 30,
                    '_' => 31,
                    _ => panic!("no control code for {c:?}"),
                };
                char::from_u32(code).map(String::from).unwrap_or_default()
            }
            Key::Alt(c) => format!("\x1b{c}"),
            Key::Char(c) => c.to_string(),
        };
        s.into_bytes()
    }
}

/// Answers the terminal queries a TUI library may send at start-up (cursor position,
/// device attributes), as a real terminal would; without this a program that asks would
/// hang waiting for the reply.
struct Responder {
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
}

impl vt100::Callbacks for Responder {
    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        let first = params.first().and_then(|p| p.first()).copied();
        let reply = match (i1, c, first) {
            (None, 'n', Some(6)) => {
                let (row, col) = screen.cursor_position();
                Some(format!("\x1b[{};{}R", row + 1, col + 1))
            }
            (None, 'n', Some(5)) => Some("\x1b[0n".to_string()),
            // Primary device attributes: a VT220 with no extras.
            (None, 'c', _) => Some("\x1b[?62c".to_string()),
            _ => None,
        };
        if let Some(reply) = reply {
            if let Ok(mut w) = self.writer.lock() {
                let _ = w.write_all(reply.as_bytes());
                let _ = w.flush();
            }
        }
    }
}

struct Shared {
    parser: vt100::Parser<Responder>,
    /// Everything the program wrote, for checks on the escape sequences it sent.
    raw: Vec<u8>,
    /// The reader saw end of file: the program and everything it started have closed
    /// the terminal, so `raw` is complete.
    eof: bool,
    /// When the last output arrived.
    last_output: Instant,
}

/// How a program in the pty is started. Build with [`PtyCommand::new`].
pub struct PtyCommand {
    program: OsString,
    args: Vec<OsString>,
    env: Vec<(OsString, OsString)>,
    env_remove: Vec<OsString>,
    cwd: Option<OsString>,
    cols: u16,
    rows: u16,
}

impl PtyCommand {
    pub fn new(program: impl Into<OsString>) -> Self {
        PtyCommand {
            program: program.into(),
            args: Vec::new(),
            env: Vec::new(),
            env_remove: Vec::new(),
            cwd: None,
            cols: 80,
            rows: 24,
        }
    }

    /// The meedoen binary built by cargo for this test run.
    pub fn meedoen() -> Self {
        Self::new(env!("CARGO_BIN_EXE_meedoen"))
    }

    pub fn arg(mut self, a: impl Into<OsString>) -> Self {
        self.args.push(a.into());
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn env(mut self, k: impl Into<OsString>, v: impl Into<OsString>) -> Self {
        self.env.push((k.into(), v.into()));
        self
    }

    pub fn env_remove(mut self, k: impl Into<OsString>) -> Self {
        self.env_remove.push(k.into());
        self
    }

    /// Point HOME and the XDG folders into `dir`, so the program's data, config and log
    /// folders are the test's own and never the developer's.
    pub fn home(self, dir: &Path) -> Self {
        self.env("HOME", dir.as_os_str())
            .env("XDG_DATA_HOME", dir.join("data").as_os_str())
            .env("XDG_CONFIG_HOME", dir.join("config").as_os_str())
            .env("XDG_STATE_HOME", dir.join("state").as_os_str())
            .env("XDG_CACHE_HOME", dir.join("cache").as_os_str())
    }

    pub fn cwd(mut self, dir: &Path) -> Self {
        self.cwd = Some(dir.as_os_str().to_owned());
        self
    }

    /// Run the program through a wrapper (`setpriv …`, `prlimit …`): the wrapper's
    /// arguments come first, then the program and its own arguments.
    pub fn wrap(mut self, wrapper: impl Into<OsString>, wrapper_args: &[&str]) -> Self {
        let mut args: Vec<OsString> = wrapper_args.iter().map(OsString::from).collect();
        args.push(std::mem::replace(&mut self.program, wrapper.into()));
        args.append(&mut self.args);
        self.args = args;
        self
    }

    pub fn size(mut self, cols: u16, rows: u16) -> Self {
        self.cols = cols;
        self.rows = rows;
        self
    }

    pub fn spawn(self) -> Result<Pty, String> {
        let pty_system = native_pty_system();
        let pair = pty_system
            .openpty(pty_size(self.cols, self.rows))
            .map_err(|e| format!("openpty: {e}"))?;
        let mut cmd = CommandBuilder::new(&self.program);
        cmd.args(&self.args);
        cmd.env("TERM", "xterm-256color");
        // A test must not pick up the developer's real database or language.
        cmd.env_remove("MEEDOEN_DB");
        cmd.env_remove("NO_COLOR");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("RUST_BACKTRACE", "0");
        for k in &self.env_remove {
            cmd.env_remove(k);
        }
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        if let Some(cwd) = &self.cwd {
            cmd.cwd(cwd);
        }
        let child = pair
            .slave
            .spawn_command(cmd)
            .map_err(|e| format!("spawn {:?}: {e}", self.program))?;
        // Only the child may hold the slave side: once it exits, the reader gets EOF.
        drop(pair.slave);
        let pid = child.process_id().ok_or("child has no pid")?;
        let master = pair.master;
        let writer: Arc<Mutex<Box<dyn Write + Send>>> = Arc::new(Mutex::new(
            master.take_writer().map_err(|e| format!("writer: {e}"))?,
        ));
        let mut reader = master
            .try_clone_reader()
            .map_err(|e| format!("reader: {e}"))?;
        let shared = Arc::new((
            Mutex::new(Shared {
                parser: vt100::Parser::new_with_callbacks(
                    nz(self.rows),
                    nz(self.cols),
                    0,
                    Responder {
                        writer: Arc::clone(&writer),
                    },
                ),
                raw: Vec::new(),
                eof: false,
                last_output: Instant::now(),
            }),
            Condvar::new(),
        ));
        let shared2 = Arc::clone(&shared);
        let reader_thread = std::thread::spawn(move || {
            let mut buf = [0u8; 16 * 1024];
            loop {
                let n = match reader.read(&mut buf) {
                    Ok(0) => 0,
                    Ok(n) => n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    // Linux reports EIO on the master once the slave is closed.
                    Err(_) => 0,
                };
                let (lock, cvar) = &*shared2;
                let mut s = match lock.lock() {
                    Ok(s) => s,
                    Err(p) => p.into_inner(),
                };
                if n == 0 {
                    s.eof = true;
                    cvar.notify_all();
                    return;
                }
                s.parser.process(&buf[..n]);
                s.raw.extend_from_slice(&buf[..n]);
                s.last_output = Instant::now();
                cvar.notify_all();
            }
        });
        Ok(Pty {
            master,
            child,
            writer,
            shared,
            reader: Some(reader_thread),
            pid,
            started: Instant::now(),
            exit: None,
        })
    }
}

fn nz(v: u16) -> NonZeroU16 {
    NonZeroU16::new(v.max(1)).unwrap_or(NonZeroU16::MIN)
}

fn pty_size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// How the program ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exit {
    pub code: u32,
    /// Set when the program was ended by a signal (its name, as portable-pty gives it).
    pub signal: Option<String>,
}

impl Exit {
    pub fn success(&self) -> bool {
        self.code == 0 && self.signal.is_none()
    }
}

/// A running program in a pseudo-terminal.
pub struct Pty {
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    shared: Arc<(Mutex<Shared>, Condvar)>,
    reader: Option<JoinHandle<()>>,
    pid: u32,
    started: Instant,
    exit: Option<Exit>,
}

impl Pty {
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// When the program was started.
    pub fn started(&self) -> Instant {
        self.started
    }

    fn lock(&self) -> MutexGuard<'_, Shared> {
        match self.shared.0.lock() {
            Ok(s) => s,
            Err(p) => p.into_inner(),
        }
    }

    /// Write raw bytes to the program, as if typed.
    pub fn send_bytes(&mut self, bytes: &[u8]) -> Result<(), String> {
        let mut w = self.writer.lock().map_err(|_| "writer poisoned")?;
        w.write_all(bytes).map_err(|e| format!("write: {e}"))?;
        w.flush().map_err(|e| format!("flush: {e}"))
    }

    /// Type text. Each character arrives as a key press (no bracketed paste), which is
    /// also how a paste arrives on Windows consoles.
    pub fn send(&mut self, text: &str) -> Result<(), String> {
        self.send_bytes(text.as_bytes())
    }

    /// Paste text: wrapped in bracketed-paste markers when the program turned that on,
    /// otherwise typed.
    pub fn paste(&mut self, text: &str) -> Result<(), String> {
        if self.lock().parser.screen().bracketed_paste() {
            let wrapped = format!("\x1b[200~{text}\x1b[201~");
            self.send_bytes(wrapped.as_bytes())
        } else {
            self.send(text)
        }
    }

    pub fn send_key(&mut self, key: Key) -> Result<(), String> {
        let app_cursor = self.lock().parser.screen().application_cursor();
        self.send_bytes(&key.bytes(app_cursor))?;
        if key == Key::Esc {
            // A lone ESC followed at once by more bytes reads as Alt+key; a terminal
            // user cannot type that fast, so give the program a moment to read it alone.
            std::thread::sleep(Duration::from_millis(60));
        }
        Ok(())
    }

    pub fn send_keys(&mut self, keys: &[Key]) -> Result<(), String> {
        for k in keys {
            self.send_key(*k)?;
        }
        Ok(())
    }

    /// The visible screen as text, one line per row (trailing spaces trimmed).
    pub fn screen_text(&self) -> String {
        self.lock().parser.screen().contents()
    }

    /// The text of one row.
    pub fn row_text(&self, row: u16) -> String {
        let s = self.lock();
        let (_, cols) = s.parser.screen().size();
        s.parser.screen().contents_between(row, 0, row, cols.get())
    }

    /// Cursor (row, col), zero-based.
    pub fn cursor(&self) -> (u16, u16) {
        self.lock().parser.screen().cursor_position()
    }

    /// Everything the program has written so far, escape sequences included.
    pub fn raw_output(&self) -> Vec<u8> {
        self.lock().raw.clone()
    }

    /// Wait until `pred(screen)` holds on a complete frame: it must still hold once the
    /// program has written nothing for [`QUIET`], so a frame half-way through being
    /// written is never taken for the screen.
    pub fn wait_until<F>(&self, what: &str, timeout: Duration, pred: F) -> Result<(), String>
    where
        F: FnMut(&vt100::Screen) -> bool,
    {
        self.wait_until_quiet(what, timeout, QUIET, pred)
    }

    /// As [`Pty::wait_until`], but true the moment the predicate first holds: for timing
    /// (the benchmark), where the quiet period would be added to the figure.
    pub fn wait_until_now<F>(&self, what: &str, timeout: Duration, pred: F) -> Result<(), String>
    where
        F: FnMut(&vt100::Screen) -> bool,
    {
        self.wait_until_quiet(what, timeout, Duration::ZERO, pred)
    }

    fn wait_until_quiet<F>(
        &self,
        what: &str,
        timeout: Duration,
        quiet: Duration,
        mut pred: F,
    ) -> Result<(), String>
    where
        F: FnMut(&vt100::Screen) -> bool,
    {
        let deadline = Instant::now() + timeout;
        let (_, cvar) = &*self.shared;
        let mut s = self.lock();
        loop {
            let now = Instant::now();
            let mut wait = deadline.saturating_duration_since(now);
            if pred(s.parser.screen()) {
                let silent = now.saturating_duration_since(s.last_output);
                if silent >= quiet || s.eof {
                    return Ok(());
                }
                wait = wait.min(quiet - silent);
            } else if s.eof {
                return Err(format!(
                    "program closed the terminal while waiting for {what}; screen:\n{}",
                    boxed(&s.parser.screen().contents())
                ));
            }
            if now >= deadline {
                return Err(format!(
                    "timed out after {timeout:?} waiting for {what}; screen:\n{}",
                    boxed(&s.parser.screen().contents())
                ));
            }
            s = match cvar.wait_timeout(s, wait.max(Duration::from_millis(1))) {
                Ok((s, _)) => s,
                Err(p) => p.into_inner().0,
            };
        }
    }

    /// Wait until the program has written nothing for `quiet` (it is idle, waiting for a
    /// key), at most `timeout`.
    pub fn wait_quiet(&self, quiet: Duration, timeout: Duration) -> Result<(), String> {
        self.wait_until_quiet("the program to go quiet", timeout, quiet, |_| true)
    }

    /// Wait until `text` is on the screen.
    pub fn wait_for(&self, text: &str, timeout: Duration) -> Result<(), String> {
        self.wait_until(&format!("{text:?}"), timeout, |s| {
            s.contents().contains(text)
        })
    }

    /// Wait until any of `texts` is on the screen; returns which.
    pub fn wait_for_any(&self, texts: &[&str], timeout: Duration) -> Result<usize, String> {
        let mut found = None;
        self.wait_until(&format!("any of {texts:?}"), timeout, |s| {
            let c = s.contents();
            found = texts.iter().position(|t| c.contains(t));
            found.is_some()
        })?;
        found.ok_or_else(|| "unreachable".to_string())
    }

    /// Wait until `text` is no longer on the screen.
    pub fn wait_gone(&self, text: &str, timeout: Duration) -> Result<(), String> {
        self.wait_until(&format!("{text:?} to disappear"), timeout, |s| {
            !s.contents().contains(text)
        })
    }

    /// Resize the terminal (the program gets SIGWINCH) and the parser with it. The
    /// parser's screen is blanked, so a later `wait_for` only sees what the program drew
    /// after the resize (ratatui clears and redraws everything on a resize anyway).
    ///
    /// Wait for that redraw before typing: crossterm 0.29 reads a resize and a key that
    /// arrive in the same instant as the resize alone and holds the key back until the
    /// next key press.
    pub fn resize(&mut self, cols: u16, rows: u16) -> Result<(), String> {
        {
            let mut s = self.lock();
            s.parser.set_size(nz(rows), nz(cols));
            s.parser.process(b"\x1b[2J");
        }
        self.master
            .resize(pty_size(cols, rows))
            .map_err(|e| format!("resize: {e}"))
    }

    /// Send a signal to the program (unix only).
    #[cfg(unix)]
    pub fn kill(&mut self, signal: i32) -> Result<(), String> {
        let pid = libc::pid_t::try_from(self.pid).map_err(|e| e.to_string())?;
        // SAFETY: plain syscall on the pid of our own child, which we have not reaped yet.
        let rc = unsafe { libc::kill(pid, signal) };
        if rc == 0 {
            Ok(())
        } else {
            Err(format!(
                "kill({pid}, {signal}): {}",
                std::io::Error::last_os_error()
            ))
        }
    }

    /// Has the program exited? (Non-blocking.)
    pub fn try_exit(&mut self) -> Option<Exit> {
        if self.exit.is_none() {
            if let Ok(Some(st)) = self.child.try_wait() {
                self.exit = Some(Exit {
                    code: st.exit_code(),
                    signal: st.signal().map(str::to_string),
                });
            }
        }
        self.exit.clone()
    }

    /// Wait for the program to exit, then for its last output to be read.
    pub fn wait_exit(&mut self, timeout: Duration) -> Result<Exit, String> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(e) = self.try_exit() {
                self.wait_eof(deadline.saturating_duration_since(Instant::now()))?;
                return Ok(e);
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "program still running after {timeout:?}; screen:\n{}",
                    boxed(&self.screen_text())
                ));
            }
            // Child exit gives no event to wait on here; a short poll is cheap.
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Wait until the reader has seen the end of the output.
    fn wait_eof(&self, timeout: Duration) -> Result<(), String> {
        let deadline = Instant::now() + timeout.max(Duration::from_secs(2));
        let (_, cvar) = &*self.shared;
        let mut s = self.lock();
        while !s.eof {
            let now = Instant::now();
            if now >= deadline {
                // A grandchild may still hold the terminal; the output so far is all we get.
                return Ok(());
            }
            s = match cvar.wait_timeout(s, deadline - now) {
                Ok((s, _)) => s,
                Err(p) => p.into_inner().0,
            };
        }
        Ok(())
    }

    /// Local flags of the terminal (shared by master and slave), to tell raw mode.
    #[cfg(unix)]
    pub fn termios_lflag(&self) -> Result<libc::tcflag_t, String> {
        let fd = self.master.as_raw_fd().ok_or("no master fd")?;
        // SAFETY: termios is plain old data; tcgetattr fills it or fails.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        let rc = unsafe { libc::tcgetattr(fd, &mut t) };
        if rc != 0 {
            return Err(format!("tcgetattr: {}", std::io::Error::last_os_error()));
        }
        Ok(t.c_lflag)
    }

    /// Is the terminal in raw mode (no line editing, no echo)?
    #[cfg(unix)]
    pub fn is_raw_mode(&self) -> Result<bool, String> {
        let l = self.termios_lflag()?;
        Ok(l & libc::ICANON == 0 && l & libc::ECHO == 0)
    }

    /// After exit: the terminal is as the user had it — main screen back, cursor
    /// visible, raw mode off. Returns a description of what is wrong.
    pub fn check_terminal_restored(&self) -> Result<(), String> {
        let mut problems = Vec::new();
        let raw = self.raw_output();
        let last = |pat: &[u8]| raw.windows(pat.len()).rposition(|w| w == pat);
        match (last(b"\x1b[?1049h"), last(b"\x1b[?1049l")) {
            (Some(on), Some(off)) if off > on => {}
            (Some(_), _) => {
                problems.push("did not leave the alternate screen (no ESC[?1049l at the end)")
            }
            (None, _) => {}
        }
        match (last(b"\x1b[?25l"), last(b"\x1b[?25h")) {
            (Some(hide), Some(show)) if show > hide => {}
            (Some(_), _) => {
                problems.push("cursor left hidden (no ESC[?25h after the last ESC[?25l)")
            }
            (None, _) => {}
        }
        {
            let s = self.lock();
            let screen = s.parser.screen();
            if screen.alternate_screen() {
                problems.push("terminal still on the alternate screen");
            }
            if screen.hide_cursor() {
                problems.push("cursor still hidden");
            }
        }
        #[cfg(unix)]
        match self.is_raw_mode() {
            Ok(true) => problems.push("terminal left in raw mode"),
            Ok(false) => {}
            Err(_) => problems.push("could not read the terminal mode"),
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "terminal not restored: {}; screen:\n{}",
                problems.join("; "),
                boxed(&self.screen_text())
            ))
        }
    }

    /// Peak resident memory of the program so far, in KiB (Linux `VmHWM`).
    pub fn peak_rss_kib(&self) -> Option<u64> {
        proc_status_kib(self.pid, "VmHWM:")
    }

    /// Current resident memory in KiB (Linux `VmRSS`).
    pub fn rss_kib(&self) -> Option<u64> {
        proc_status_kib(self.pid, "VmRSS:")
    }

    /// CPU time used so far, from the scheduler (nanosecond resolution; all live threads).
    pub fn cpu_time(&self) -> Option<Duration> {
        cpu_time_of(self.pid)
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.try_exit().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        // The reader ends on EOF once the child is gone; don't block a failing test on it.
        if let Some(h) = self.reader.take() {
            let deadline = Instant::now() + Duration::from_secs(2);
            while !h.is_finished() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(5));
            }
            if h.is_finished() {
                let _ = h.join();
            }
        }
    }
}

fn proc_status_kib(pid: u32, field: &str) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    s.lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// CPU time of a process: the sum of `/proc/<pid>/task/*/schedstat` run times (ns), which
/// is far finer than the 10 ms clock ticks of `/proc/<pid>/stat`.
pub fn cpu_time_of(pid: u32) -> Option<Duration> {
    let mut total: u64 = 0;
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).ok()?;
    for t in tasks.flatten() {
        let Ok(s) = std::fs::read_to_string(t.path().join("schedstat")) else {
            continue;
        };
        if let Some(ns) = s
            .split_whitespace()
            .next()
            .and_then(|v| v.parse::<u64>().ok())
        {
            total += ns;
        }
    }
    Some(Duration::from_nanos(total))
}

/// CPU time of a process from `/proc/<pid>/stat` (utime + stime, clock ticks → time).
pub fn cpu_ticks_time_of(pid: u32) -> Option<Duration> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may contain spaces; fields start after the closing parenthesis.
    let rest = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = f.get(11)?.parse().ok()?;
    let stime: u64 = f.get(12)?.parse().ok()?;
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    let hz = u64::try_from(hz).ok().filter(|h| *h > 0)?;
    Some(Duration::from_nanos((utime + stime) * 1_000_000_000 / hz))
}

fn boxed(screen: &str) -> String {
    let mut out = String::from(
        "+--------------------------------------------------------------------------------\n",
    );
    for l in screen.lines() {
        out.push('|');
        out.push_str(l);
        out.push('\n');
    }
    out.push_str(
        "+--------------------------------------------------------------------------------",
    );
    out
}
