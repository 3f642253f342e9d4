//! `meedoen db backup` and `db restore` with the real binary: a backup made while
//! colleagues import holds every save reported before it began, a restore checks the
//! backup and never overwrites a file, and the daily backup is made once a day and keeps
//! the newest 14.

mod cli_support;

use cli_support::{answers_with, Sandbox, TODAY};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A valid (11-proef) fictitious BSN for each `n`; `None` when `n` gives no check digit.
fn bsn(n: u32) -> Option<String> {
    let base = format!("2{:07}", n % 10_000_000);
    let sum: u32 = base
        .chars()
        .filter_map(|c| c.to_digit(10))
        .zip([9u32, 8, 7, 6, 5, 4, 3, 2])
        .map(|(d, w)| d * w)
        .sum();
    let check = sum % 11;
    (check < 10).then(|| format!("{base}{check}"))
}

/// The `n`th valid BSN (skipping numbers without a check digit).
fn nth_bsn(n: u32) -> String {
    (n * 11..n * 11 + 11)
        .find_map(bsn)
        .unwrap_or_else(|| unreachable!("some number has a check digit"))
}

/// Digits as letters, so each fictitious surname is different and still a name.
fn letters(digits: &str) -> String {
    digits
        .bytes()
        .map(|b| char::from(b'a' + (b - b'0')))
        .collect()
}

/// An answers file for a new, fictitious resident with this BSN.
fn resident_file(sb: &Sandbox, name: &str, bsn: &str) -> PathBuf {
    sb.write_json(
        name,
        &answers_with(serde_json::json!({
            "persoon.bsn": bsn,
            "persoon.achternaam": format!("Voorbeeld-{}", letters(&bsn[4..])),
        })),
    )
}

fn import(sb: &Sandbox, db: &Path, file: &Path) -> cli_support::Run {
    let db = db.to_string_lossy().into_owned();
    let file = file.to_string_lossy().into_owned();
    sb.run(&["--db", &db, "intake", "import", "--answers", &file])
}

fn import_ok(sb: &Sandbox, db: &Path, n: u32) -> i64 {
    let file = resident_file(sb, &format!("a{n}.json"), &nth_bsn(n));
    let r = import(sb, db, &file);
    r.ok();
    r.stdout.trim().parse().expect("a client id")
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn open_ro(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open read-only")
}

fn integrity(path: &Path) -> String {
    open_ro(path)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check")
}

fn client_ids(path: &Path) -> Vec<i64> {
    let conn = open_ro(path);
    let mut stmt = conn
        .prepare("SELECT id FROM residents ORDER BY id")
        .expect("prepare");
    let ids = stmt
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<Vec<i64>, _>>()
        .expect("rows");
    ids
}

fn one_line(r: &cli_support::Run) -> &str {
    r.user_error();
    assert_eq!(r.stderr.lines().count(), 1, "one line: {}", r.stderr);
    r.stderr.trim()
}

#[test]
fn a_backup_restored_as_a_new_database_holds_every_resident_and_opens_normally() {
    let sb = Sandbox::new();
    let db = sb.db();
    let ids: Vec<i64> = (1..=3).map(|n| import_ok(&sb, &db, n)).collect();
    let copy = sb.path("kopie.db");
    let r = sb.run(&["--db", &s(&db), "db", "backup", "--out", &s(&copy)]);
    r.ok();
    assert!(r.stdout.contains("kopie.db"), "{}", r.stdout);
    assert!(r.stderr.is_empty(), "no progress in a script: {}", r.stderr);
    assert_eq!(integrity(&copy), "ok");
    // One file on its own: no side files are needed to read it.
    for side in ["kopie.db-wal", "kopie.db-shm", "kopie.db-journal"] {
        assert!(!sb.path(side).exists(), "{side} left behind");
    }
    let leftovers: Vec<String> = std::fs::read_dir(sb.dir.path())
        .expect("read_dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copy).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "only the owner may read a backup");
    }

    let new = sb.path("terug.db");
    let r = sb.run(&["db", "restore", &s(&copy), "--to", &s(&new)]);
    r.ok();
    assert!(r.stdout.contains("terug.db"), "{}", r.stdout);
    assert_eq!(client_ids(&new), ids);
    assert_eq!(integrity(&new), "ok");
    // The program works on it as on any database: read, and write.
    sb.run(&["--db", &s(&new), "worklist", "--json"]).ok();
    let more = import_ok(&sb, &new, 4);
    assert!(client_ids(&new).contains(&more));
}

#[test]
fn a_backup_never_overwrites_a_file_not_even_the_database_itself() {
    let sb = Sandbox::new();
    let db = sb.db();
    import_ok(&sb, &db, 1);
    let other = sb.path("belangrijk.txt");
    std::fs::write(&other, "niet overschrijven").expect("write");
    let r = sb.run(&["--db", &s(&db), "db", "backup", "--out", &s(&other)]);
    let line = one_line(&r);
    assert!(line.contains("bestaat al"), "{line}");
    assert_eq!(
        std::fs::read_to_string(&other).expect("read"),
        "niet overschrijven"
    );

    let before = client_ids(&db);
    let r = sb.run(&["--db", &s(&db), "db", "backup", "--out", &s(&db)]);
    one_line(&r);
    assert_eq!(client_ids(&db), before);
    assert_eq!(integrity(&db), "ok");

    // Nor a folder, nor a file named "-": a database is no stream for standard output.
    let folder = sb.path("map");
    std::fs::create_dir(&folder).expect("mkdir");
    let r = sb.run(&["--db", &s(&db), "db", "backup", "--out", &s(&folder)]);
    one_line(&r);
    let mut dash = sb.command(&["--db", &s(&db), "db", "backup", "--out", "-"]);
    dash.current_dir(sb.dir.path());
    let r = cli_support::Run::from(dash.output().expect("run"));
    one_line(&r);
    assert!(r.stdout.is_empty(), "nothing on standard output");
    assert!(!sb.path("-").exists());
}

#[test]
fn a_backup_of_a_missing_database_says_so() {
    let sb = Sandbox::new();
    let r = sb.run(&[
        "--db",
        &s(&sb.path("nergens.db")),
        "db",
        "backup",
        "--out",
        &s(&sb.path("k.db")),
    ]);
    let line = one_line(&r);
    assert!(line.contains("nergens.db"), "{line}");
    assert!(!sb.path("k.db").exists());
    assert!(!sb.path("nergens.db").exists(), "no database made");
}

#[test]
fn a_restore_never_overwrites_a_database_nor_its_leftover_side_files() {
    let sb = Sandbox::new();
    let db = sb.db();
    import_ok(&sb, &db, 1);
    let copy = sb.path("kopie.db");
    sb.run(&["--db", &s(&db), "db", "backup", "--out", &s(&copy)])
        .ok();
    let before = std::fs::read(&db).expect("read db");

    let r = sb.run(&["db", "restore", &s(&copy), "--to", &s(&db)]);
    let line = one_line(&r);
    assert!(line.contains("bestaat al"), "{line}");
    assert_eq!(std::fs::read(&db).expect("read db"), before);

    for side in ["-wal", "-shm", "-journal"] {
        let target = sb.path("nieuw.db");
        let leftover = sb.path(&format!("nieuw.db{side}"));
        std::fs::write(&leftover, b"oud").expect("write");
        let r = sb.run(&["db", "restore", &s(&copy), "--to", &s(&target)]);
        let line = one_line(&r);
        assert!(line.contains(side), "{line}");
        assert!(!target.exists(), "nothing made beside a {side} leftover");
        assert_eq!(std::fs::read(&leftover).expect("read"), b"oud");
        std::fs::remove_file(&leftover).expect("rm");
    }
}

#[test]
fn a_restore_refuses_what_is_not_a_whole_meedoen_database_of_this_version() {
    let sb = Sandbox::new();
    let db = sb.db();
    for n in 1..=40 {
        import_ok(&sb, &db, n);
    }
    let copy = sb.path("kopie.db");
    sb.run(&["--db", &s(&db), "db", "backup", "--out", &s(&copy)])
        .ok();
    let target = sb.path("nieuw.db");

    let junk = sb.path("rommel.db");
    std::fs::write(&junk, vec![7u8; 8192]).expect("write");
    let foreign = sb.path("ander.db");
    rusqlite::Connection::open(&foreign)
        .and_then(|c| c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);"))
        .expect("foreign database");
    let newer = sb.path("nieuwer.db");
    std::fs::copy(&copy, &newer).expect("copy");
    rusqlite::Connection::open(&newer)
        .and_then(|c| c.execute_batch("PRAGMA user_version = 99"))
        .expect("newer");
    // Random bytes in the middle of a table's pages: the header is fine, the data not.
    let damaged = sb.path("beschadigd.db");
    let mut bytes = std::fs::read(&copy).expect("read");
    let page = 4096;
    assert!(bytes.len() > 8 * page, "a database of several pages");
    for (i, b) in bytes[3 * page + 16..5 * page].iter_mut().enumerate() {
        *b = (i * 131 % 251) as u8;
    }
    std::fs::write(&damaged, bytes).expect("write");

    for (file, says) in [
        (&junk, "geen meedoen-database"),
        (&foreign, "geen meedoen-database"),
        (&newer, "nieuwere versie"),
        (&damaged, "beschadigd"),
        (&sb.path("weg.db"), "bestaat niet"),
    ] {
        let r = sb.run(&["db", "restore", &s(file), "--to", &s(&target)]);
        let line = one_line(&r);
        assert!(line.contains(says), "{}: {line}", file.display());
        assert!(!target.exists(), "{}: nothing made", file.display());
        let names: Vec<String> = std::fs::read_dir(sb.dir.path())
            .expect("read_dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("nieuw.db"))
            .collect();
        assert!(names.is_empty(), "{}: left {names:?}", file.display());
    }
}

#[test]
fn a_backup_while_four_colleagues_import_holds_every_save_reported_before_it_began() {
    use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
    use std::sync::{Arc, Mutex};

    let sb = Arc::new(Sandbox::new());
    let db = sb.db();
    // The database exists before the writers start, as on any working day.
    import_ok(&sb, &db, 0);
    let stop = Arc::new(AtomicBool::new(false));
    let next = Arc::new(AtomicU32::new(1));
    // (client id, when its success was reported)
    let saved: Arc<Mutex<Vec<(i64, Instant)>>> = Arc::default();
    let writers: Vec<_> = (0..4)
        .map(|_| {
            let (sb, db, stop, next, saved) = (
                Arc::clone(&sb),
                db.clone(),
                Arc::clone(&stop),
                Arc::clone(&next),
                Arc::clone(&saved),
            );
            std::thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    let n = next.fetch_add(1, Ordering::SeqCst);
                    let file = resident_file(&sb, &format!("w{n}.json"), &nth_bsn(n));
                    let r = import(&sb, &db, &file);
                    let done = Instant::now();
                    if r.code == 0 {
                        let id: i64 = r.stdout.trim().parse().expect("a client id");
                        saved.lock().expect("lock").push((id, done));
                    }
                }
            })
        })
        .collect();
    let deadline = Instant::now() + Duration::from_secs(60);
    while saved.lock().expect("lock").len() < 12 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let copy = sb.path("kopie.db");
    let began = Instant::now();
    let r = sb.run(&["--db", &s(&db), "db", "backup", "--out", &s(&copy)]);
    // Let the colleagues go on a little after the backup, then stop them.
    std::thread::sleep(Duration::from_millis(500));
    stop.store(true, Ordering::SeqCst);
    for w in writers {
        w.join().expect("writer");
    }
    r.ok();

    let new = sb.path("terug.db");
    sb.run(&["db", "restore", &s(&copy), "--to", &s(&new)]).ok();
    assert_eq!(integrity(&new), "ok");
    let restored = client_ids(&new);
    let saved = saved.lock().expect("lock");
    let before: Vec<i64> = saved
        .iter()
        .filter(|(_, at)| *at < began)
        .map(|(id, _)| *id)
        .collect();
    assert!(
        before.len() >= 12,
        "the writers were busy: {}",
        before.len()
    );
    assert!(
        saved.iter().any(|(_, at)| *at > began),
        "imports went on during and after the backup"
    );
    for id in &before {
        assert!(restored.contains(id), "client {id} saved before the backup");
    }
    // And everything saved at all is in the live database.
    let live = client_ids(&db);
    for (id, _) in saved.iter() {
        assert!(live.contains(id), "client {id} in the live database");
    }
    sb.run(&["--db", &s(&new), "report", "--json"]).ok();
}

fn backups_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn run_on(sb: &Sandbox, day: &str, envs: &[(&str, &str)], args: &[&str]) -> cli_support::Run {
    let mut c = sb.command(&[]);
    c.env("MEEDOEN_TODAY", day).args(args);
    for (k, v) in envs {
        c.env(k, v);
    }
    cli_support::Run::from(c.output().expect("run"))
}

#[test]
fn the_daily_backup_is_made_once_a_day_and_the_oldest_beyond_fourteen_go() {
    let sb = Sandbox::new();
    let db = sb.db();
    let dir = sb.path("backups");
    // The command that makes the database has nothing to back up yet.
    let first = import_ok(&sb, &db, 1);
    assert!(!dir.exists());
    let second = import_ok(&sb, &db, 2);
    let today = format!("test-{TODAY}.db");
    assert_eq!(backups_in(&dir), vec![today.clone()]);
    assert_eq!(client_ids(&dir.join(&today)), vec![first]);
    // A third command the same day does not make it again: the backup still holds only
    // the first resident.
    let third = import_ok(&sb, &db, 3);
    assert_eq!(client_ids(&dir.join(&today)), vec![first]);
    assert_eq!(client_ids(&db), vec![first, second, third]);

    // Twenty more working days; an unrelated file in the folder is left alone.
    std::fs::write(dir.join("notitie.txt"), "van de beheerder").expect("write");
    let start = chrono::NaiveDate::from_ymd_opt(2025, 3, 4).expect("date");
    let days: Vec<String> = (0..20)
        .map(|i| {
            (start + chrono::Days::new(i))
                .format("%Y-%m-%d")
                .to_string()
        })
        .collect();
    for day in &days {
        run_on(&sb, day, &[], &["--db", &s(&db), "worklist"]).ok();
    }
    let mut expected: Vec<String> = days[6..].iter().map(|d| format!("test-{d}.db")).collect();
    expected.push("notitie.txt".to_string());
    expected.sort();
    assert_eq!(backups_in(&dir), expected);
    for name in expected.iter().filter(|n| n.ends_with(".db")) {
        assert_eq!(integrity(&dir.join(name)), "ok", "{name}");
    }
}

#[test]
fn the_daily_backup_goes_where_it_is_told_keeps_as_many_as_told_and_zero_is_off() {
    let sb = Sandbox::new();
    let db = sb.db();
    import_ok(&sb, &db, 1);
    let elsewhere = sb.path("elders");
    let dir_env = s(&elsewhere);
    for day in ["2025-03-04", "2025-03-05", "2025-03-06"] {
        let envs = [
            ("MEEDOEN_BACKUP_DIR", dir_env.as_str()),
            ("MEEDOEN_BACKUP_KEEP", "2"),
        ];
        run_on(&sb, day, &envs, &["--db", &s(&db), "report"]).ok();
    }
    assert_eq!(
        backups_in(&elsewhere),
        vec!["test-2025-03-05.db", "test-2025-03-06.db"]
    );
    assert!(!sb.path("backups").exists());

    let off = [("MEEDOEN_BACKUP_KEEP", "0")];
    run_on(&sb, "2025-03-07", &off, &["--db", &s(&db), "report"]).ok();
    assert!(!sb.path("backups").exists(), "0 switches it off");

    // A setting that is not a number: the command still does its work, and says why
    // there is no backup.
    let bad = [("MEEDOEN_BACKUP_KEEP", "veertien")];
    let r = run_on(&sb, "2025-03-08", &bad, &["--db", &s(&db), "report"]);
    r.ok();
    assert!(r.stderr.contains("MEEDOEN_BACKUP_KEEP"), "{}", r.stderr);
    assert!(r.stderr.starts_with("meedoen: "), "{}", r.stderr);
    assert!(!sb.path("backups").exists());
}

#[test]
fn db_help_is_dutch() {
    let sb = Sandbox::new();
    let r = sb.run(&["db", "--help"]);
    r.ok();
    assert!(r.stdout.contains("reservekopie"), "{}", r.stdout);
    assert!(r.stdout.contains("Opdrachten"), "{}", r.stdout);
    let r = sb.run(&["db", "restore", "--help"]);
    r.ok();
    assert!(r.stdout.contains("NIEUW.db"), "{}", r.stdout);
}
