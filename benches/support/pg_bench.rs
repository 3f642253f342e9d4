//! The benchmark on PostgreSQL (`--backend postgres`): the same screens and searches at
//! 100,000 residents, once straight to the server and once through a proxy that adds 1 ms
//! each way, with the round trips each screen costs.

use super::proxy::LatencyProxy;
use super::*;
use meedoen::store::{DraftKind, Store, StoreError};

/// The cluster to benchmark on: `MEEDOEN_BENCH_PG`, else the test cluster of `.ci/pg`.
fn admin_url() -> Result<String, String> {
    std::env::var("MEEDOEN_BENCH_PG")
        .or_else(|_| std::env::var("MEEDOEN_TEST_PG"))
        .map_err(|_| {
            "no PostgreSQL: set MEEDOEN_BENCH_PG (an admin URL) or run `eval \"$(.ci/pg start)\"`"
                .to_string()
        })
}

fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let start = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[start..].find('/') {
        Some(i) => &base[..start + i],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{db}?{q}"),
        None => format!("{base}/{db}"),
    }
}

/// The `host:port` of a URL and the URL with it replaced by `to`.
fn redirect(url: &str, to: std::net::SocketAddr) -> Result<(std::net::SocketAddr, String), String> {
    let start = url.find("://").map(|i| i + 3).ok_or("not a URL")?;
    let rest = &url[start..];
    let host_start = rest.find('@').map(|i| i + 1).unwrap_or(0);
    let host_end = rest[host_start..]
        .find(['/', '?'])
        .map(|i| host_start + i)
        .unwrap_or(rest.len());
    let hostport = &rest[host_start..host_end];
    let with_port = if hostport.contains(':') {
        hostport.to_string()
    } else {
        format!("{hostport}:5432")
    };
    let upstream = std::net::ToSocketAddrs::to_socket_addrs(&with_port)
        .map_err(|e| format!("{with_port}: {e}"))?
        .next()
        .ok_or_else(|| format!("{with_port}: no address"))?;
    let proxied = format!(
        "{}{}{}{}",
        &url[..start],
        &rest[..host_start],
        to,
        &rest[host_end..]
    );
    Ok((upstream, proxied))
}

fn psql(url: &str, sql: &str) -> Result<String, String> {
    let out = Command::new("psql")
        .args(["-X", "-q", "-A", "-t", "-d", url, "-c", sql])
        .output()
        .map_err(|e| format!("psql: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The benchmark database on the server: a copy of the cached SQLite demo, made when
/// missing (or with `--regen`).
fn bench_database(o: &Options, sqlite: &Path) -> Result<(String, Option<Duration>), String> {
    let admin = admin_url()?;
    let name = format!("meedoen_bench_{}", o.clients);
    let url = with_database(&admin, &name);
    let exists = psql(
        &with_database(&admin, "postgres"),
        &format!("SELECT 1 FROM pg_database WHERE datname = '{name}'"),
    )? == "1";
    let filled = exists
        && psql(&url, "SELECT count(*) FROM residents")
            .ok()
            .and_then(|n| n.parse::<u64>().ok())
            == Some(u64::from(o.clients));
    if filled && !o.regen {
        return Ok((url, None));
    }
    let postgres = with_database(&admin, "postgres");
    psql(
        &postgres,
        &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
    )?;
    psql(&postgres, &format!("CREATE DATABASE {name}"))?;
    // The schema as a DBA makes it (the first start as owner), then the cached SQLite
    // demo copied in: the same residents the SQLite figures are taken on.
    let made = Command::new(meedoen_bin())
        .args(["--db", &url, "worklist"])
        .output()
        .map_err(|e| format!("meedoen: {e}"))?;
    if !made.status.success() {
        return Err(String::from_utf8_lossy(&made.stderr).trim().to_string());
    }
    eprintln!(
        "copying {} into PostgreSQL database {name} …",
        sqlite.display()
    );
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/support/sqlite2pg.sh");
    let (took, out) = time(|| {
        Command::new("bash")
            .arg(&script)
            .arg(sqlite)
            .arg(&url)
            .output()
    });
    let out = out.map_err(|e| format!("{}: {e}", script.display()))?;
    if !out.status.success() {
        return Err(format!(
            "copy failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok((url, Some(took)))
}

fn open(url: &str) -> Result<Store, String> {
    Store::open_url(url).map_err(|e| e.to_string())
}

/// Surnames spread over the database, to type and to open.
fn sample_names(url: &str, n: usize) -> Result<Vec<String>, String> {
    let total: i64 = psql(url, "SELECT max(id) FROM residents")?
        .parse()
        .map_err(|_| "no residents".to_string())?;
    let step = (total / n as i64).max(1);
    let ids: Vec<String> = (0..n as i64).map(|i| (1 + i * step).to_string()).collect();
    let list = psql(
        url,
        &format!(
            "SELECT DISTINCT surname FROM residents WHERE id IN ({})",
            ids.join(",")
        ),
    )?;
    Ok(list.lines().map(str::to_string).collect())
}

/// Time one screen's reads `runs` times: (p50, p95, round trips of the last run).
fn screen(
    store: &mut Store,
    runs: usize,
    mut f: impl FnMut(&mut Store) -> Result<(), StoreError>,
) -> Result<(Duration, Duration, u64), String> {
    f(store).map_err(|e| e.to_string())?;
    let mut sample = Vec::new();
    let mut trips = 0;
    for _ in 0..runs {
        let before = store.round_trips();
        let (t, r) = time(|| f(store));
        r.map_err(|e| e.to_string())?;
        trips = store.round_trips() - before;
        sample.push(t);
    }
    Ok((
        percentile(&mut sample, 50.0),
        percentile(&mut sample, 95.0),
        trips,
    ))
}

fn figure(label: &str, what: &str, (p50, p95, trips): (Duration, Duration, u64)) -> Row {
    Row::new(
        &format!("  {what} [{label}]"),
        format!("p50 {} / p95 {} · {trips} round trips", ms(p50), ms(p95)),
        "≤ 3 trips, p95 ≤ 16 ms",
        Some(trips <= 3 && p95 <= Duration::from_millis(16)),
    )
}

/// The screens on one connection (direct or through the proxy).
fn screens(label: &str, url: &str, names: &[String]) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    let (t_open, store) = time(|| open(url));
    let mut store = store?;
    rows.push(Row::new(
        &format!("  connect and open [{label}]"),
        format!("{} · {} round trips", ms(t_open), store.round_trips()),
        "",
        None,
    ));
    let day = chrono::Local::now().date_naive();
    rows.push(figure(
        label,
        "start screen: search(\"\"), drafts, signal and worklist counts",
        screen(&mut store, 15, |s| {
            s.search_residents("", START_RESULTS)?;
            s.orphan_drafts()?;
            s.open_signal_counts(day)?;
            s.worklist_counts(day, None)?;
            Ok(())
        })?,
    ));
    let mut ids = Vec::new();
    for n in names.iter().take(20) {
        if let Some(r) = store
            .search_residents(n, 1)
            .map_err(|e| e.to_string())?
            .first()
        {
            ids.push(r.id);
        }
    }
    let mut next = 0;
    rows.push(figure(
        label,
        "dossier: log, lock, contacts, ladder, signals, contract, draft",
        screen(&mut store, ids.len().max(1), |s| {
            let id = ids[next % ids.len().max(1)];
            next += 1;
            s.open_resident(id)?;
            s.lock_resident(id)?;
            s.contacts(id)?;
            s.measurements(id)?;
            s.signals_of(id)?;
            s.contract_summary(id)?;
            if s.draft_for(id, DraftKind::Checkin)?.is_none() {
                s.draft_for(id, DraftKind::Intake)?;
            }
            s.unlock_resident(id)?;
            Ok(())
        })?,
    ));
    rows.push(figure(
        label,
        &format!("worklist screen: counts + first {WORKLIST_LOAD} rows"),
        screen(&mut store, 15, |s| {
            s.worklist_counts(day, None)?;
            s.worklist_page_after(day, None, None, WORKLIST_LOAD)?;
            Ok(())
        })?,
    ));
    rows.push(figure(
        label,
        "overview screen: report",
        screen(&mut store, 5, |s| s.report(day).map(drop))?,
    ));
    // Search as typed: every prefix of each name, one query per key.
    let mut sample = Vec::new();
    let mut trips = 0;
    for name in names {
        let chars: Vec<char> = name.chars().collect();
        for len in 1..=chars.len() {
            let prefix: String = chars[..len].iter().collect();
            let before = store.round_trips();
            let (t, r) = time(|| store.search_residents(&prefix, 15));
            r.map_err(|e| e.to_string())?;
            trips = trips.max(store.round_trips() - before);
            sample.push(t);
        }
    }
    let n = sample.len();
    let p50 = percentile(&mut sample, 50.0);
    let p95 = percentile(&mut sample, 95.0);
    rows.push(Row::new(
        &format!("  search per keystroke, {n} prefixes [{label}]"),
        format!("p50 {} / p95 {} · {trips} round trip(s)", ms(p50), ms(p95)),
        "p95 ≤ 16 ms",
        Some(p95 <= Duration::from_millis(16)),
    ));
    Ok(rows)
}

/// First frame of the interface on `url`, median of `runs`, in an 80×24 pty.
fn first_frame_on(o: &Options, url: &str, home: &Path) -> Result<Duration, String> {
    let mut v = Vec::new();
    for i in 0..=o.runs {
        let cmd = PtyCommand::new(meedoen_bin())
            .home(home)
            .env("MEEDOEN_BACKUP_KEEP", "0")
            .arg("--db")
            .arg(url)
            .size(80, 24);
        let (t, mut p) = first_frame(cmd, &o.ready_marker)?;
        quit(&mut p);
        if i > 0 {
            v.push(t);
        }
    }
    Ok(median(&mut v))
}

/// All PostgreSQL rows; `sqlite_first_frame` is the SQLite figure of this run, if taken.
pub fn run(
    o: &Options,
    rows: &mut Vec<Row>,
    home: &Path,
    sqlite: &Path,
    sqlite_first_frame: Option<Duration>,
) {
    let (url, generated) = match bench_database(o, sqlite) {
        Ok(v) => v,
        Err(e) => {
            rows.push(Row::missing("PostgreSQL database", "", e));
            return;
        }
    };
    if let Some(t) = generated {
        rows.push(Row::new(
            &format!("PostgreSQL: copy of the demo ({} residents)", o.clients),
            format!("{:.1} s", t.as_secs_f64()),
            "",
            None,
        ));
    }
    let names = match sample_names(&url, 40) {
        Ok(n) => n,
        Err(e) => {
            rows.push(Row::missing("PostgreSQL sample", "", e));
            return;
        }
    };
    let proxy = redirect(&url, "127.0.0.1:1".parse().expect("literal address")).and_then(
        |(upstream, _)| {
            let p = LatencyProxy::start(upstream, Duration::from_millis(1))
                .map_err(|e| e.to_string())?;
            redirect(&url, p.addr).map(|(_, proxied)| proxied)
        },
    );
    let proxied = match proxy {
        Ok(p) => p,
        Err(e) => {
            rows.push(Row::missing("latency proxy", "", e));
            return;
        }
    };
    for (label, target) in [("direct", &url), ("+1 ms each way", &proxied)] {
        rows.push(Row::new(
            &format!("PostgreSQL, {label}"),
            String::new(),
            "",
            None,
        ));
        guarded(rows, "PostgreSQL screens", "", || {
            screens(label, target, &names)
        });
        if wanted(o, "startup") {
            guarded(rows, "PostgreSQL first frame", "≤ 2× SQLite", || {
                let t = first_frame_on(o, target, home)?;
                let (value, ok) = match sqlite_first_frame {
                    Some(s) => {
                        let ratio = t.as_secs_f64() / s.as_secs_f64().max(1e-9);
                        (
                            format!("{} ({ratio:.2}× SQLite {})", ms(t), ms(s)),
                            Some(ratio <= 2.0),
                        )
                    }
                    None => (ms(t), None),
                };
                Ok(vec![Row::new(
                    &format!("  first usable frame [{label}]"),
                    value,
                    "≤ 2× SQLite",
                    ok,
                )])
            });
        }
    }
}
