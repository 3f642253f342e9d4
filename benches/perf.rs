//! The performance benchmark of issue 6: start-up, memory, search, dossier, worklist,
//! report, PDF export, wizard keystrokes and idle CPU on a 100,000-resident demo database,
//! printed as one table with the budget beside each figure.
//!
//! Run: `cargo bench --bench perf` (options after `--`: `--clients N`, `--runs N`,
//! `--only NAME[,NAME]`, `--regen`, `--backend postgres`). See docs/performance.md.

#[path = "../tests/support/pty.rs"]
#[allow(dead_code)]
mod pty;

#[path = "support/proxy.rs"]
mod proxy;

#[path = "support/pg_bench.rs"]
mod pg_bench;

use pty::{Key, PtyCommand};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Text in the hint bar (bottom row) of meedoen's start screen, drawn in the same frame as
/// the focused search field. When it is on screen the program has drawn its first
/// complete frame and is reading keys.
const READY_MARKER: &str = "F2 Nieuwe inwoner";
/// The reference program's only line.
const REFERENCE_MARKER: &str = "Referentie klaar";

const MIB: f64 = 1024.0 * 1024.0;

#[derive(Debug, Clone)]
struct Options {
    clients: u32,
    runs: usize,
    only: Option<Vec<String>>,
    regen: bool,
    ready_marker: String,
    /// `sqlite` (default) or `postgres` (the same screens on a server, direct and through
    /// a proxy that adds 1 ms each way).
    backend: String,
}

fn options() -> Options {
    let mut o = Options {
        clients: 100_000,
        runs: 21,
        only: None,
        regen: false,
        ready_marker: std::env::var("MEEDOEN_BENCH_READY").unwrap_or_else(|_| READY_MARKER.into()),
        backend: "sqlite".into(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--clients" => {
                o.clients = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(o.clients)
            }
            "--runs" => {
                o.runs = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(o.runs)
                    .max(1)
            }
            "--only" => {
                o.only = args
                    .next()
                    .map(|v| v.split(',').map(str::to_string).collect())
            }
            "--regen" => o.regen = true,
            "--backend" => o.backend = args.next().unwrap_or(o.backend),
            // `cargo bench` passes `--bench`; filters and other harness flags mean nothing here.
            _ => {}
        }
    }
    o
}

/// One line of the results table.
struct Row {
    figure: String,
    value: String,
    budget: String,
    verdict: Verdict,
}

enum Verdict {
    Ok,
    Over,
    /// No budget: information only.
    Info,
    /// Could not be measured (yet): why.
    Missing(String),
}

impl Row {
    fn new(figure: &str, value: String, budget: &str, ok: Option<bool>) -> Row {
        Row {
            figure: figure.into(),
            value,
            budget: budget.into(),
            verdict: match ok {
                Some(true) => Verdict::Ok,
                Some(false) => Verdict::Over,
                None => Verdict::Info,
            },
        }
    }

    fn missing(figure: &str, budget: &str, why: String) -> Row {
        Row {
            figure: figure.into(),
            value: "–".into(),
            budget: budget.into(),
            verdict: Verdict::Missing(why),
        }
    }
}

fn ms(d: Duration) -> String {
    let v = d.as_secs_f64() * 1000.0;
    if v < 10.0 {
        format!("{v:.2} ms")
    } else {
        format!("{v:.1} ms")
    }
}

/// Nearest-rank percentile of a sample (sorted inside).
fn percentile(sample: &mut [Duration], p: f64) -> Duration {
    if sample.is_empty() {
        return Duration::ZERO;
    }
    sample.sort();
    let rank = ((p / 100.0) * sample.len() as f64).ceil() as usize;
    sample[rank.clamp(1, sample.len()) - 1]
}

fn median(sample: &mut [Duration]) -> Duration {
    percentile(sample, 50.0)
}

/// Time `f` once.
fn time<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let t = Instant::now();
    let v = f();
    (t.elapsed(), v)
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

fn meedoen_bin() -> &'static str {
    env!("CARGO_BIN_EXE_meedoen")
}

/// The cached demo database of `clients` residents, generated with the benchmarked
/// (release) binary when missing. Returns its path and, if it was generated now, the time.
fn demo_db(o: &Options) -> Result<(PathBuf, Option<Duration>), String> {
    let dir = target_dir().join("bench-data");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let db = dir.join(format!("demo-{}.db", o.clients));
    if db.exists() && !o.regen {
        return Ok((db, None));
    }
    // Generate beside it and rename, so an interrupted run never leaves half a database.
    let tmp = dir.join(format!("demo-{}.tmp.db", o.clients));
    for p in [tmp.clone(), wal(&tmp), shm(&tmp)] {
        let _ = std::fs::remove_file(p);
    }
    eprintln!(
        "generating a demo database of {} residents in {} …",
        o.clients,
        tmp.display()
    );
    let (took, out) = time(|| {
        Command::new(meedoen_bin())
            .args([
                "demo",
                "--clients",
                &o.clients.to_string(),
                "--seed",
                "1",
                "--no-tui",
            ])
            .arg("--db")
            .arg(&tmp)
            .args(["--user", "bench"])
            .env("HOME", &dir)
            .output()
    });
    let out = out.map_err(|e| format!("cannot run meedoen demo: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "meedoen demo failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    std::fs::rename(&tmp, &db).map_err(|e| format!("rename: {e}"))?;
    for (from, to) in [(wal(&tmp), wal(&db)), (shm(&tmp), shm(&db))] {
        if from.exists() {
            let _ = std::fs::rename(from, to);
        }
    }
    Ok((db, Some(took)))
}

/// Open the database once with the store, migrating it if its schema is older; returns
/// the versions and the time when it migrated.
fn migrate_untimed(db: &Path) -> Result<Option<(i64, i64, Duration)>, String> {
    let version = |db: &Path| -> Result<i64, String> {
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .and_then(|c| c.query_row("PRAGMA user_version", [], |r| r.get(0)))
            .map_err(|e| e.to_string())
    };
    let before = version(db)?;
    let (took, store) = time(|| meedoen::store::Store::open(db, "bench"));
    drop(store.map_err(|e| e.to_string())?);
    let after = version(db)?;
    Ok((after != before).then_some((before, after, took)))
}

fn wal(p: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", p.display()))
}
fn shm(p: &Path) -> PathBuf {
    PathBuf::from(format!("{}-shm", p.display()))
}

/// A private copy of the database for this run: the program writes (access log, locks),
/// and repeated runs must all start from the same data.
fn working_copy(db: &Path, dir: &Path) -> Result<PathBuf, String> {
    let to = dir.join("bench.db");
    std::fs::copy(db, &to).map_err(|e| format!("copy {}: {e}", db.display()))?;
    if wal(db).exists() {
        std::fs::copy(wal(db), wal(&to)).map_err(|e| format!("copy wal: {e}"))?;
    }
    Ok(to)
}

/// The measured program, started on the benchmark database in an 80×24 terminal.
fn meedoen_in_pty(db: &Path, home: &Path) -> PtyCommand {
    PtyCommand::new(meedoen_bin())
        .home(home)
        // The figures are of the interface itself; the once-a-day backup that would run
        // beside the first run of a day is timed on its own (README, Performance).
        .env("MEEDOEN_BACKUP_KEEP", "0")
        .arg("--db")
        .arg(db.as_os_str())
        .args(["--user", "bench"])
        .size(80, 24)
}

fn reference_in_pty() -> PtyCommand {
    PtyCommand::new(env!("CARGO_BIN_EXE_minimal_ratatui")).size(80, 24)
}

const START_TIMEOUT: Duration = Duration::from_secs(30);

/// Start a program and time until `marker` is on screen; returns that time and the pty.
fn first_frame(cmd: PtyCommand, marker: &str) -> Result<(Duration, pty::Pty), String> {
    let t = Instant::now();
    let p = cmd.spawn()?;
    // The marker is in the bottom row, which ratatui writes last: when it shows, the
    // whole first frame is on screen.
    p.wait_until_now(marker, START_TIMEOUT, |s| s.contents().contains(marker))?;
    Ok((t.elapsed(), p))
}

struct StartupFigures {
    meedoen: Vec<Duration>,
    reference: Vec<Duration>,
    peak_rss_first_frame: Vec<u64>,
}

fn bench_startup(o: &Options, db: &Path, home: &Path) -> Result<StartupFigures, String> {
    let mut f = StartupFigures {
        meedoen: Vec::new(),
        reference: Vec::new(),
        peak_rss_first_frame: Vec::new(),
    };
    // One untimed start of each warms the page cache, as on a workstation used all day.
    for warm in [true, false] {
        let runs = if warm { 1 } else { o.runs };
        for _ in 0..runs {
            // Alternate the two so drift on a shared machine hits both alike.
            let (t_ref, mut r) = first_frame(reference_in_pty(), REFERENCE_MARKER)?;
            r.send("q")?;
            let _ = r.wait_exit(Duration::from_secs(10));
            let (t_m, mut m) = first_frame(meedoen_in_pty(db, home), &o.ready_marker)?;
            let rss = m.peak_rss_kib();
            quit(&mut m);
            if !warm {
                f.reference.push(t_ref);
                f.meedoen.push(t_m);
                if let Some(k) = rss {
                    f.peak_rss_first_frame.push(k);
                }
            }
        }
    }
    Ok(f)
}

/// End a measured program politely (so it releases locks), then for certain.
fn quit(p: &mut pty::Pty) {
    let _ = p.send_key(Key::Ctrl('c'));
    if p.wait_exit(Duration::from_secs(5)).is_err() {
        let _ = p.kill(libc::SIGKILL);
        let _ = p.wait_exit(Duration::from_secs(5));
    }
}

/// CPU used while the start screen sits idle for 5 s.
fn bench_idle(o: &Options, db: &Path, home: &Path) -> Result<Duration, String> {
    let (_, mut p) = first_frame(meedoen_in_pty(db, home), &o.ready_marker)?;
    // Let deferred start-up work (if any) finish; idle means nobody touches the keyboard.
    std::thread::sleep(Duration::from_secs(1));
    let before = p.cpu_time().ok_or("no /proc schedstat")?;
    std::thread::sleep(Duration::from_secs(5));
    let after = p.cpu_time().ok_or("no /proc schedstat")?;
    quit(&mut p);
    Ok(after.saturating_sub(before))
}

/// Run one measurement, turning a panic (an API still `todo!()`) or an error into a row
/// that says so, so the table always prints.
fn guarded(
    rows: &mut Vec<Row>,
    figure: &str,
    budget: &str,
    f: impl FnOnce() -> Result<Vec<Row>, String>,
) {
    match std::panic::catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(mut r)) => rows.append(&mut r),
        Ok(Err(e)) => rows.push(Row::missing(figure, budget, e)),
        Err(p) => {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            rows.push(Row::missing(figure, budget, format!("panicked: {msg}")))
        }
    }
}

fn wanted(o: &Options, name: &str) -> bool {
    o.only.as_ref().is_none_or(|l| l.iter().any(|n| n == name))
}

fn main() {
    let o = options();
    let mut rows: Vec<Row> = Vec::new();
    // Panics inside `guarded` are reported in the table; keep stderr readable.
    std::panic::set_hook(Box::new(|_| {}));

    let (db, generated) = match demo_db(&o) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("no benchmark database: {e}");
            rows.push(Row::missing("demo database", "", e));
            print_table(&o, &rows);
            std::process::exit(1);
        }
    };
    if let Some(t) = generated {
        rows.push(Row::new(
            &format!("generate demo ({} residents)", o.clients),
            format!("{:.1} s", t.as_secs_f64()),
            "≤ 60 s",
            Some(t <= Duration::from_secs(60)),
        ));
    }
    let work = match tempfile::Builder::new().prefix("meedoen-bench-").tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("no temp dir: {e}");
            std::process::exit(1);
        }
    };
    // The cached database may predate the binary's schema: open it once, untimed, so a
    // migration (schema 2 adds a column and an index) never lands in a start-up figure.
    match migrate_untimed(&db) {
        Ok(Some((from, to, took))) => rows.push(Row::new(
            &format!(
                "schema migration {from} → {to} of the cached database (once, not in any figure)"
            ),
            format!("{:.1} s", took.as_secs_f64()),
            "",
            None,
        )),
        Ok(None) => {}
        Err(e) => {
            eprintln!("cannot open the benchmark database: {e}");
            std::process::exit(1);
        }
    }
    let copy = match working_copy(&db, work.path()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };

    // The interface checks the file once a day in the background (12 s of reading on
    // this database); the figures are those of every other start of the day.
    let _ = std::fs::write(
        meedoen::store::check::daily_stamp_path(&copy),
        chrono::Local::now()
            .date_naive()
            .format("%Y-%m-%d")
            .to_string(),
    );
    let _ = DB_PATH.set(copy.clone());
    if o.backend == "postgres" {
        // The SQLite first frame of this run is the yardstick for the server's.
        let sqlite_frame = if wanted(&o, "startup") {
            bench_startup(&o, &copy, work.path())
                .ok()
                .map(|mut f| median(&mut f.meedoen))
        } else {
            None
        };
        if let Some(t) = sqlite_frame {
            rows.push(Row::new(
                "first usable frame, SQLite (yardstick)",
                ms(t),
                "",
                None,
            ));
        }
        pg_bench::run(&o, &mut rows, work.path(), &copy, sqlite_frame);
        print_table(&o, &rows);
        return;
    }
    if wanted(&o, "startup") {
        guarded(&mut rows, "first usable frame", "≤ 2× reference", || {
            let mut f = bench_startup(&o, &copy, work.path())?;
            let m = median(&mut f.meedoen);
            let r = median(&mut f.reference);
            let ratio = m.as_secs_f64() / r.as_secs_f64().max(1e-9);
            let mut rss = f.peak_rss_first_frame.clone();
            rss.sort();
            let rss_med = rss.get(rss.len() / 2).copied().unwrap_or(0) as f64 * 1024.0 / MIB;
            Ok(vec![
                Row::new(
                    &format!("first usable frame, median of {}", f.meedoen.len()),
                    format!("{} (reference {})", ms(m), ms(r)),
                    "",
                    None,
                ),
                Row::new(
                    "first usable frame / reference",
                    format!("{ratio:.2}×"),
                    "≤ 2×",
                    Some(ratio <= 2.0),
                ),
                Row::new(
                    "peak memory at first frame",
                    format!("{rss_med:.1} MiB"),
                    "≤ 15 MiB",
                    Some(rss_med <= 15.0),
                ),
            ])
        });
    }
    if wanted(&o, "startup") {
        guarded(&mut rows, "start-up parts", "", || {
            lib::startup_breakdown(&copy)
        });
    }
    if wanted(&o, "memory") {
        guarded(
            &mut rows,
            "peak memory after worklist and report",
            "≤ 30 MiB",
            || {
                let (kib, t_work, t_report) =
                    screens::visit_worklist_and_report(&o, &copy, work.path())?;
                let mib = kib as f64 * 1024.0 / MIB;
                Ok(vec![
                    Row::new(
                        "peak memory after worklist and report screens",
                        format!("{mib:.1} MiB"),
                        "≤ 30 MiB",
                        Some(mib <= 30.0),
                    ),
                    Row::new(
                        "  F6 to worklist screen drawn (pty, one run)",
                        ms(t_work),
                        "≤ 50 ms",
                        Some(t_work <= Duration::from_millis(50)),
                    ),
                    Row::new(
                        "  F7 to overview screen drawn (pty, one run)",
                        ms(t_report),
                        "≤ 100 ms",
                        Some(t_report <= Duration::from_millis(100)),
                    ),
                ])
            },
        );
        guarded(
            &mut rows,
            "peak memory, CLI worklist and report",
            "",
            || {
                let kib = screens::worklist_and_report_peak(&copy, work.path())?;
                Ok(vec![Row::new(
                    "  peak memory, CLI worklist and report",
                    format!("{:.1} MiB", kib as f64 * 1024.0 / MIB),
                    "",
                    None,
                )])
            },
        );
    }
    if wanted(&o, "search") {
        guarded(&mut rows, "search per keystroke", "p95 ≤ 10 ms", || {
            lib::search(&copy)
        });
        guarded(
            &mut rows,
            "search per keystroke in the interface",
            "p95 ≤ 10 ms",
            || lib::search_in_app(&copy),
        );
    }
    if wanted(&o, "dossier") {
        guarded(&mut rows, "dossier open", "≤ 10 ms", || {
            lib::dossier(&copy)
        });
    }
    if wanted(&o, "worklist") {
        guarded(&mut rows, "worklist", "≤ 50 ms", || lib::worklist(&copy));
    }
    if wanted(&o, "report") {
        guarded(&mut rows, "report", "≤ 100 ms", || lib::report(&copy));
    }
    if wanted(&o, "pdf") {
        guarded(&mut rows, "contract PDF export", "≤ 100 ms", || {
            lib::pdf(&copy)
        });
    }
    if wanted(&o, "wizard") {
        guarded(
            &mut rows,
            "wizard keystroke to frame",
            "p95 ≤ 2 ms",
            || lib::wizard_on(&copy),
        );
    }
    if wanted(&o, "idle") {
        guarded(&mut rows, "idle CPU over 5 s", "≤ 10 ms", || {
            let cpu = bench_idle(&o, &copy, work.path())?;
            Ok(vec![Row::new(
                "idle CPU over 5 s",
                ms(cpu),
                "≤ 10 ms",
                Some(cpu <= Duration::from_millis(10)),
            )])
        });
    }
    if let Ok(meta) = std::fs::metadata(meedoen_bin()) {
        rows.push(Row::new(
            "release binary size",
            format!("{:.1} MiB", meta.len() as f64 / MIB),
            "",
            None,
        ));
    }
    if let Ok(meta) = std::fs::metadata(&db) {
        rows.push(Row::new(
            "database size",
            format!("{:.1} MiB", meta.len() as f64 / MIB),
            "",
            None,
        ));
    }
    print_table(&o, &rows);
}

fn print_table(o: &Options, rows: &[Row]) {
    println!();
    println!(
        "meedoen benchmark — {} residents, {} start-up runs",
        o.clients, o.runs
    );
    println!();
    println!("| figure | value | budget | |");
    println!("|---|---|---|---|");
    let mut notes = Vec::new();
    for r in rows {
        let verdict = match &r.verdict {
            Verdict::Ok => "ok".to_string(),
            Verdict::Over => "OVER".to_string(),
            Verdict::Info => String::new(),
            Verdict::Missing(why) => {
                notes.push(format!("{}: {why}", r.figure));
                "not measured".to_string()
            }
        };
        println!(
            "| {} | {} | {} | {} |",
            r.figure, r.value, r.budget, verdict
        );
    }
    if !notes.is_empty() {
        println!();
        for n in notes {
            println!("- {n}");
        }
    }
}

/// Figures that drive screens of the real program in the pty.
mod screens {
    use super::*;

    /// Peak memory (KiB) of the interface after opening the worklist (F6) and the
    /// overview report (F7) from the start screen, each waited for until drawn.
    /// Also returns the time from the key to the screen's hint bar being drawn.
    pub fn visit_worklist_and_report(
        o: &Options,
        db: &Path,
        home: &Path,
    ) -> Result<(u64, Duration, Duration), String> {
        let (_, mut p) = first_frame(meedoen_in_pty(db, home), &o.ready_marker)?;
        let timeout = Duration::from_secs(60);
        // The title is in the top row, the hint bar (with Esc) in the bottom row, which
        // is written last: both on screen means the screen is drawn.
        let open = |p: &mut pty::Pty, key: Key, title: &str| -> Result<Duration, String> {
            let t = Instant::now();
            p.send_key(key)?;
            p.wait_until_now(title, timeout, |s| {
                let c = s.contents();
                c.contains(title) && c.lines().last().is_some_and(|l| l.contains("Esc"))
            })?;
            Ok(t.elapsed())
        };
        let t_work = open(&mut p, Key::F(6), "meedoen · Werklijst")?;
        p.wait_quiet(Duration::from_millis(100), timeout)?;
        p.send_key(Key::Esc)?;
        p.wait_for(&o.ready_marker, timeout)?;
        let t_report = open(&mut p, Key::F(7), "meedoen · Overzicht")?;
        p.wait_quiet(Duration::from_millis(100), timeout)?;
        let peak = p.peak_rss_kib().ok_or("no VmHWM in /proc")?;
        quit(&mut p);
        Ok((peak, t_work, t_report))
    }

    /// Peak memory (KiB) of `meedoen worklist` and `meedoen report` (the CLI twins).
    pub fn worklist_and_report_peak(db: &Path, home: &Path) -> Result<u64, String> {
        let mut peak = 0;
        for cmd in [&["worklist", "--json"][..], &["report", "--json"][..]] {
            peak = peak.max(peak_rss_of_run(db, home, cmd)?);
        }
        Ok(peak)
    }

    /// Run a CLI command to its end and return its peak resident memory (KiB), from the
    /// kernel's accounting at exit (`wait4`).
    fn peak_rss_of_run(db: &Path, home: &Path, args: &[&str]) -> Result<u64, String> {
        let child = Command::new(meedoen_bin())
            .arg("--db")
            .arg(db)
            .args(["--user", "bench"])
            .args(args)
            .env("HOME", home)
            .env("MEEDOEN_BACKUP_KEEP", "0")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot run meedoen {args:?}: {e}"))?;
        let pid = libc::pid_t::try_from(child.id()).map_err(|e| e.to_string())?;
        let mut status = 0;
        // SAFETY: rusage is plain data; wait4 reaps our own child, which std never waits
        // for here (the Child is forgotten so it does not try again).
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        std::mem::forget(child);
        if rc != pid {
            return Err(format!("wait4: {}", std::io::Error::last_os_error()));
        }
        if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
            return Err(format!("meedoen {args:?} failed (status {status})"));
        }
        Ok(u64::try_from(usage.ru_maxrss).unwrap_or(0))
    }
}

/// Result rows the start screen asks for at 80×24: a body of 21 rows less 10 rows of
/// borders, search line, header and drafts box (`tui::start::Start::limit`).
const START_RESULTS: usize = 11;
/// Rows the worklist screen reads at a time (`tui::worklist::LOAD_ROWS`).
const WORKLIST_LOAD: usize = 100;

/// The benchmark database, for the figures that sample residents from it.
static DB_PATH: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Figures measured by calling the library directly on the benchmark database.
mod lib {
    use super::*;
    use meedoen::store::Store;

    fn open(db: &Path) -> Result<Store, String> {
        Store::open(db, "bench").map_err(|e| e.to_string())
    }

    /// Real names to type: the surnames of residents spread evenly over the database
    /// (read straight from it, read-only: the store has no "random resident" query).
    fn sample_names(_store: &Store, n: usize) -> Result<Vec<String>, String> {
        let db = DB_PATH.get().ok_or("database path not set")?;
        let conn =
            rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .map_err(|e| e.to_string())?;
        let total: i64 = conn
            .query_row("SELECT max(id) FROM residents", [], |r| r.get(0))
            .map_err(|e| e.to_string())?;
        let mut names = Vec::new();
        let step = (total / n as i64).max(1);
        let mut st = conn
            .prepare("SELECT surname FROM residents WHERE id >= ?1 ORDER BY id LIMIT 1")
            .map_err(|e| e.to_string())?;
        for i in 0..n as i64 {
            let name: Option<String> = st.query_row([1 + i * step], |r| r.get(0)).ok();
            if let Some(name) = name.filter(|s| !names.contains(s)) {
                names.push(name);
            }
        }
        if names.is_empty() {
            return Err("no residents in the database".into());
        }
        Ok(names)
    }

    /// Where start-up time goes: each piece of work before the first frame, timed alone
    /// (median of 5), so a missed start-up budget points at the call to fix.
    pub fn startup_breakdown(db: &Path) -> Result<Vec<Row>, String> {
        let med = |f: &mut dyn FnMut() -> Result<(), String>| -> Result<Duration, String> {
            let mut v = Vec::new();
            for _ in 0..5 {
                let (t, r) = time(&mut *f);
                r?;
                v.push(t);
            }
            Ok(median(&mut v))
        };
        let mut rows = Vec::new();
        let t = med(&mut || open(db).map(drop))?;
        rows.push(Row::new("  first frame: Store::open", ms(t), "", None));
        let store = open(db)?;
        let t = med(&mut || {
            store
                .search_residents("", START_RESULTS)
                .map(drop)
                .map_err(|e| e.to_string())
        })?;
        rows.push(Row::new(
            &format!("  first frame: search_residents(\"\", {START_RESULTS})"),
            ms(t),
            "",
            None,
        ));
        let t = med(&mut || store.orphan_drafts().map(drop).map_err(|e| e.to_string()))?;
        rows.push(Row::new("  first frame: orphan_drafts()", ms(t), "", None));
        // Fetched on the tick after the first frame, while the search field already
        // takes keys.
        let mut open = (0, 0);
        let t = med(&mut || {
            open = store
                .open_signal_counts(today())
                .map_err(|e| e.to_string())?;
            Ok(())
        })?;
        rows.push(Row::new(
            &format!(
                "  after first frame: open_signal_counts(today) ({} open, {} overdue)",
                open.0, open.1
            ),
            ms(t),
            "",
            None,
        ));
        let mut due = 0;
        let t = med(&mut || {
            due = store
                .worklist_counts(today(), None)
                .map_err(|e| e.to_string())?
                .total();
            Ok(())
        })?;
        rows.push(Row::new(
            &format!("  after first frame: worklist_counts(today, all) ({due} due)"),
            ms(t),
            "",
            None,
        ));
        Ok(rows)
    }

    /// Search as you type through the interface: a key into the start screen's search
    /// field (`App::handle_key`, which re-runs the start screen's queries) and the frame
    /// drawn at 80×24.
    pub fn search_in_app(db: &Path) -> Result<Vec<Row>, String> {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        use meedoen::tui::{App, AppOptions};
        use ratatui::backend::TestBackend;
        use ratatui::Terminal;
        let store = open(db)?;
        let names = sample_names(&store, 10)?;
        let opts = AppOptions {
            lang: meedoen::forms::Lang::Nl,
            ascii: false,
            no_color: false,
            today: today(),
            test_panic: false,
        };
        let mut app = App::new(store, meedoen::forms::builtin(), opts);
        let mut term = Terminal::new(TestBackend::new(80, 24)).map_err(|e| e.to_string())?;
        app.set_size(80, 24);
        let mut sample = Vec::new();
        for name in &names {
            for c in name.chars() {
                let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
                let (t, r) = time(|| {
                    app.handle_key(key);
                    term.draw(|f| app.render(f)).map(|_| ())
                });
                r.map_err(|e| e.to_string())?;
                sample.push(t);
            }
            for _ in name.chars() {
                app.handle_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
            }
        }
        let n = sample.len();
        let p50 = percentile(&mut sample, 50.0);
        let p95 = percentile(&mut sample, 95.0);
        Ok(vec![Row::new(
            &format!("search per keystroke in the interface, 80×24 ({n} keys)"),
            format!("p50 {} / p95 {}", ms(p50), ms(p95)),
            "p95 ≤ 10 ms",
            Some(p95 <= Duration::from_millis(10)),
        )])
    }

    /// Every prefix of real surnames, as typed one key at a time, with the limit a screen
    /// of 80×24 can show.
    pub fn search(db: &Path) -> Result<Vec<Row>, String> {
        let store = open(db)?;
        let names = sample_names(&store, 40)?;
        let mut sample = Vec::new();
        let mut hits = 0usize;
        for name in &names {
            let chars: Vec<char> = name.chars().collect();
            for len in 1..=chars.len() {
                let prefix: String = chars[..len].iter().collect();
                let (t, r) = time(|| store.search_residents(&prefix, 15));
                hits += r.map_err(|e| e.to_string())?.len();
                sample.push(t);
            }
        }
        let n = sample.len();
        let p50 = percentile(&mut sample, 50.0);
        let p95 = percentile(&mut sample, 95.0);
        let _ = hits;
        Ok(vec![Row::new(
            &format!(
                "search per keystroke ({n} prefixes of {} names)",
                names.len()
            ),
            format!("p50 {} / p95 {}", ms(p50), ms(p95)),
            "p95 ≤ 10 ms",
            Some(p95 <= Duration::from_millis(10)),
        )])
    }

    /// Opening a dossier as its screen does (`tui::dossier::Dossier::open`): the access
    /// log write, the edit lock, then contacts, measurements, signals, the contract
    /// summary and a check-in or intake draft.
    pub fn dossier(db: &Path) -> Result<Vec<Row>, String> {
        use meedoen::store::{DraftKind, StoreError};
        let mut store = open(db)?;
        let names = sample_names(&store, 30)?;
        let mut ids = Vec::new();
        for n in &names {
            if let Some(r) = store
                .search_residents(n, 1)
                .map_err(|e| e.to_string())?
                .first()
            {
                ids.push(r.id);
            }
        }
        let mut sample = Vec::new();
        let mut logged = Vec::new();
        let mut locked = Vec::new();
        let mut reads = Vec::new();
        for id in ids {
            let (t_log, r) = time(|| store.open_resident(id));
            r.map_err(|e| e.to_string())?;
            let (t_lock, r) = time(|| store.lock_resident(id));
            r.map_err(|e| e.to_string())?;
            let (t_read, r) = time(|| -> Result<(), StoreError> {
                store.contacts(id)?;
                store.measurements(id)?;
                store.signals_of(id)?;
                store.contract_summary(id)?;
                if store.draft_for(id, DraftKind::Checkin)?.is_none() {
                    store.draft_for(id, DraftKind::Intake)?;
                }
                Ok(())
            });
            r.map_err(|e| e.to_string())?;
            // Leaving the dossier releases the lock; not part of opening it.
            store.unlock_resident(id).map_err(|e| e.to_string())?;
            sample.push(t_log + t_lock + t_read);
            logged.push(t_log);
            locked.push(t_lock);
            reads.push(t_read);
        }
        let n = sample.len();
        let p50 = percentile(&mut sample, 50.0);
        let p95 = percentile(&mut sample, 95.0);
        let split = |v: &mut Vec<Duration>| {
            format!(
                "p50 {} / p95 {}",
                ms(percentile(v, 50.0)),
                ms(percentile(v, 95.0))
            )
        };
        Ok(vec![
            Row::new(
                &format!("dossier open ({n} residents)"),
                format!("p50 {} / p95 {}", ms(p50), ms(p95)),
                "≤ 10 ms",
                Some(p95 <= Duration::from_millis(10)),
            ),
            Row::new(
                "  of which open_resident (access log write + fsync)",
                split(&mut logged),
                "",
                None,
            ),
            Row::new(
                "  of which lock_resident (lock row write + fsync)",
                split(&mut locked),
                "",
                None,
            ),
            Row::new(
                "  of which contacts, measurements, signals, contract summary, draft",
                split(&mut reads),
                "",
                None,
            ),
        ])
    }

    /// The date the figures are taken on: the day the benchmark runs.
    fn today() -> chrono::NaiveDate {
        chrono::Local::now().date_naive()
    }

    /// Time `f` over `runs` calls after one warm-up; returns (p50, p95, last result).
    fn repeat<T>(
        runs: usize,
        mut f: impl FnMut() -> Result<T, String>,
    ) -> Result<(Duration, Duration, T), String> {
        let mut last = f()?;
        let mut sample = Vec::with_capacity(runs);
        for _ in 0..runs {
            let (t, r) = time(&mut f);
            last = r?;
            sample.push(t);
        }
        let p50 = percentile(&mut sample, 50.0);
        let p95 = percentile(&mut sample, 95.0);
        Ok((p50, p95, last))
    }

    /// What the worklist screen (F6) reads: the counts per reason and the first page,
    /// for everybody and for one's own caseload (F6 toggles); and the whole list as the
    /// CLI prints it.
    pub fn worklist(db: &Path) -> Result<Vec<Row>, String> {
        let store = open(db)?;
        let day = today();
        let screen = |staff: Option<&str>| {
            repeat(15, || {
                let counts = store
                    .worklist_counts(day, staff)
                    .map_err(|e| e.to_string())?;
                let page = store
                    .worklist_page_after(day, staff, None, WORKLIST_LOAD)
                    .map_err(|e| e.to_string())?;
                Ok((counts.total(), page))
            })
        };
        let (p50, p95, (due, page)) = screen(None)?;
        // The next page as the user scrolls down: keyset, from where the first one ended.
        let next = page.next.clone();
        let (n50, n95, more) = repeat(15, || {
            store
                .worklist_page_after(day, None, next.as_ref(), WORKLIST_LOAD)
                .map_err(|e| e.to_string())
        })?;
        // A caseload (F6 again): whoever last saw the first due resident seen by anyone.
        let staff = page.rows.iter().find_map(|r| r.last_staff.clone());
        let mut rows = vec![
            Row::new(
                &format!(
                    "worklist screen: worklist_counts + first {} rows ({due} due)",
                    page.rows.len()
                ),
                format!("p50 {} / p95 {}", ms(p50), ms(p95)),
                "≤ 50 ms",
                Some(p95 <= Duration::from_millis(50)),
            ),
            Row::new(
                &format!(
                    "  next page, worklist_page_after(cursor) ({} rows)",
                    more.rows.len()
                ),
                format!("p50 {} / p95 {}", ms(n50), ms(n95)),
                "",
                None,
            ),
        ];
        if let Some(s) = staff {
            let (m50, m95, (mine, _)) = screen(Some(&s))?;
            rows.push(Row::new(
                &format!("  own caseload of \"{s}\": counts + first page ({mine} due)"),
                format!("p50 {} / p95 {}", ms(m50), ms(m95)),
                "≤ 50 ms",
                Some(m95 <= Duration::from_millis(50)),
            ));
        }
        let (w50, w95, all) = repeat(15, || store.worklist(day).map_err(|e| e.to_string()))?;
        rows.push(Row::new(
            &format!("  CLI worklist, every row ({} rows)", all.len()),
            format!("p50 {} / p95 {}", ms(w50), ms(w95)),
            "",
            None,
        ));
        Ok(rows)
    }

    /// The aggregated report as of today.
    pub fn report(db: &Path) -> Result<Vec<Row>, String> {
        let store = open(db)?;
        let (p50, p95, r) = repeat(15, || store.report(today()).map_err(|e| e.to_string()))?;
        Ok(vec![Row::new(
            &format!("report ({} residents)", r.clients),
            format!("p50 {} / p95 {}", ms(p50), ms(p95)),
            "≤ 100 ms",
            Some(p95 <= Duration::from_millis(100)),
        )])
    }

    /// Latest contract of a resident rendered to PDF and written to disk, as the contract
    /// screen's export does.
    pub fn pdf(db: &Path) -> Result<Vec<Row>, String> {
        use meedoen::export::{self, Format};
        let store = open(db)?;
        let forms = meedoen::forms::builtin();
        let names = sample_names(&store, 60)?;
        let mut contracts = Vec::new();
        for n in &names {
            for r in store.search_residents(n, 3).map_err(|e| e.to_string())? {
                if let Some(c) = store.latest_contract(r.id).map_err(|e| e.to_string())? {
                    contracts.push(c.contract);
                }
            }
            if contracts.len() >= 20 {
                break;
            }
        }
        if contracts.is_empty() {
            return Err("no resident with a contract among the sampled names".into());
        }
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let out = dir.path().join("overeenkomst.pdf");
        let mut sample = Vec::new();
        let mut bytes = 0;
        // One untimed export loads the embedded fonts, as the first export of a day does.
        export::export(&contracts[0], &forms.contract_texts, Format::Pdf, &out)
            .map_err(|e| e.to_string())?;
        for c in &contracts {
            let (t, r) = time(|| export::export(c, &forms.contract_texts, Format::Pdf, &out));
            r.map_err(|e| e.to_string())?;
            bytes = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
            sample.push(t);
        }
        let n = sample.len();
        let p50 = percentile(&mut sample, 50.0);
        let p95 = percentile(&mut sample, 95.0);
        Ok(vec![Row::new(
            &format!("contract PDF export ({n} contracts, {} KiB)", bytes / 1024),
            format!("p50 {} / p95 {}", ms(p50), ms(p95)),
            "≤ 100 ms",
            Some(p95 <= Duration::from_millis(100)),
        )])
    }

    /// What a consultant types in the intake wizard: a name, a date, yes/no and option
    /// keys, section jumps, corrections.
    fn wizard_keys() -> Vec<crossterm::event::KeyEvent> {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let k = |c: KeyCode| KeyEvent::new(c, KeyModifiers::NONE);
        let mut keys = Vec::new();
        let text = |keys: &mut Vec<KeyEvent>, s: &str| {
            keys.extend(s.chars().map(|c| k(KeyCode::Char(c))));
        };
        text(&mut keys, "Jan Willem");
        keys.push(k(KeyCode::Tab));
        text(&mut keys, "Voorbeeldt");
        keys.push(k(KeyCode::Backspace));
        keys.push(k(KeyCode::Tab));
        text(&mut keys, "03-11-1985");
        keys.push(k(KeyCode::Tab));
        text(&mut keys, "111222333");
        keys.push(k(KeyCode::PageDown));
        text(&mut keys, "n");
        keys.push(k(KeyCode::Tab));
        text(&mut keys, "3");
        keys.push(k(KeyCode::PageDown));
        for c in ["3", "\t", "1", "\t", "1"] {
            if c == "\t" {
                keys.push(k(KeyCode::Tab));
            } else {
                text(&mut keys, c);
            }
        }
        keys.push(k(KeyCode::PageDown));
        text(&mut keys, "3");
        keys.push(k(KeyCode::Tab));
        text(&mut keys, "1.245,50");
        keys.push(k(KeyCode::PageUp));
        keys.push(k(KeyCode::PageDown));
        keys.push(k(KeyCode::PageDown));
        text(&mut keys, "1");
        keys.push(k(KeyCode::Down));
        keys.push(k(KeyCode::Up));
        keys
    }

    /// Keystroke to frame in the wizard: `App::handle_key` plus a full render into a
    /// 120×40 TestBackend, per key, on the benchmark database.
    pub fn wizard_on(db: &Path) -> Result<Vec<Row>, String> {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        use meedoen::tui::{App, AppOptions};
        use ratatui::backend::TestBackend;
        use ratatui::Terminal;
        let store = open(db)?;
        let opts = AppOptions {
            lang: meedoen::forms::Lang::Nl,
            ascii: false,
            no_color: false,
            today: today(),
            test_panic: false,
        };
        let mut app = App::new(store, meedoen::forms::builtin(), opts);
        let mut term = Terminal::new(TestBackend::new(120, 40)).map_err(|e| e.to_string())?;
        app.set_size(120, 40);
        term.draw(|f| app.render(f)).map_err(|e| e.to_string())?;
        app.handle_key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE));
        term.draw(|f| app.render(f)).map_err(|e| e.to_string())?;
        if app.screen_name() != "wizard" {
            return Err(format!(
                "F2 did not open the wizard (screen {})",
                app.screen_name()
            ));
        }
        let keys = wizard_keys();
        let mut sample = Vec::new();
        for round in 0..20 {
            for key in &keys {
                let (t, r) = time(|| {
                    app.handle_key(*key);
                    term.draw(|f| app.render(f)).map(|_| ())
                });
                r.map_err(|e| e.to_string())?;
                if round > 0 {
                    sample.push(t);
                }
            }
            // Back to the first section for the next round, the answers stay.
            for _ in 0..10 {
                app.handle_key(KeyEvent::new(KeyCode::PageUp, KeyModifiers::NONE));
            }
        }
        let n = sample.len();
        let p50 = percentile(&mut sample, 50.0);
        let p95 = percentile(&mut sample, 95.0);
        Ok(vec![Row::new(
            &format!("wizard keystroke to frame, 120×40 ({n} keys)"),
            format!("p50 {} / p95 {}", ms(p50), ms(p95)),
            "p95 ≤ 2 ms",
            Some(p95 <= Duration::from_millis(2)),
        )])
    }
}
