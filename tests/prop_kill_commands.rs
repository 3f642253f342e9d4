//! Random sequences of real commands — intake import, check-in import, contract draft and
//! export, db backup, db restore, and now and then three intakes and a backup at the same
//! moment — some killed with SIGKILL at a random moment. At the end
//! the database, every backup and every restore that reported success pass
//! `integrity_check`, every save that reported success is there, and no killed backup or
//! restore left a damaged file under its final name.
//!
//! Bounded to about 40 s by default; `MEEDOEN_PROP_CASES=N` runs N cases whatever the time,
//! `MEEDOEN_PROP_SEED=S` replays the commands of one case (its seed is in every failure
//! message; the moments of the kills vary with the machine).
#![cfg(unix)]

mod cli_support;

use cli_support::{answers_with, Sandbox};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// SplitMix64: a tiny seeded generator, so a failing case can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// A valid (11-proef) fictitious BSN, different for each `n`.
fn nth_bsn(n: u32) -> String {
    (n * 11..n * 11 + 11)
        .find_map(|m| {
            let base = format!("3{:07}", m % 10_000_000);
            let sum: u32 = base
                .chars()
                .filter_map(|c| c.to_digit(10))
                .zip([9u32, 8, 7, 6, 5, 4, 3, 2])
                .map(|(d, w)| d * w)
                .sum();
            (sum % 11 < 10).then(|| format!("{base}{}", sum % 11))
        })
        .unwrap_or_else(|| unreachable!("eleven numbers in a row hold a valid BSN"))
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn integrity(path: &Path) -> Result<String, String> {
    integrity_with(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
}

/// The live database is opened as the program opens it: a command killed while it made
/// the file leaves a journal that the next opening rolls back.
fn integrity_with(path: &Path, flags: rusqlite::OpenFlags) -> Result<String, String> {
    let conn = rusqlite::Connection::open_with_flags(path, flags).map_err(|e| e.to_string())?;
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| e.to_string())
}

/// Client id → number of contacts, as stored.
fn contacts_per_client(path: &Path) -> BTreeMap<i64, i64> {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open");
    let mut stmt = conn
        .prepare(
            "SELECT r.id, (SELECT count(*) FROM contacts c WHERE c.client = r.id) FROM residents r",
        )
        .expect("prepare");
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<BTreeMap<i64, i64>, _>>()
        .expect("rows");
    rows
}

/// What each successful save promised: client id → contacts saved (intake + check-ins).
type Promised = BTreeMap<i64, i64>;

fn promised_present(db: &Path, promised: &Promised) -> Result<(), String> {
    if promised.is_empty() {
        return Ok(());
    }
    let stored = contacts_per_client(db);
    for (id, saved) in promised {
        match stored.get(id) {
            None => return Err(format!("client {id} reported saved but missing")),
            Some(n) if n < saved => {
                return Err(format!(
                    "client {id}: {saved} contacts reported, {n} stored"
                ))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

enum Step {
    Intake,
    Checkin,
    Draft,
    Export,
    Backup,
    Restore,
    Together,
}

struct Case {
    sb: Sandbox,
    rng: Rng,
    seed: u64,
    next_bsn: u32,
    promised: Promised,
    /// Backups that reported success, with what was promised when they began.
    backups: Vec<(PathBuf, Promised)>,
    restores: Vec<(PathBuf, Promised)>,
    /// Outputs of killed backups and restores: absent or whole, never half.
    killed_outputs: Vec<PathBuf>,
    files: u32,
    /// Commands that really died of the SIGKILL (not finished before it came).
    killed: u32,
}

impl Case {
    fn new(seed: u64) -> Case {
        Case {
            sb: Sandbox::new(),
            rng: Rng(seed),
            seed,
            next_bsn: 0,
            promised: Promised::new(),
            backups: Vec::new(),
            restores: Vec::new(),
            killed_outputs: Vec::new(),
            files: 0,
            killed: 0,
        }
    }

    fn fresh(&mut self, stem: &str) -> PathBuf {
        self.files += 1;
        self.sb.path(&format!("{stem}{}", self.files))
    }

    fn db_args(&self, rest: &[String]) -> Vec<String> {
        let mut args = vec!["--db".to_string(), s(&self.sb.db())];
        args.extend_from_slice(rest);
        args
    }

    fn any_client(&mut self) -> Option<i64> {
        let ids: Vec<i64> = self.promised.keys().copied().collect();
        (!ids.is_empty()).then(|| ids[self.rng.below(ids.len() as u64) as usize])
    }

    /// Run the command to the end, or kill it after a random few milliseconds. Returns
    /// stdout when it exited 0.
    fn run(&mut self, args: &[String], kill: bool) -> Option<String> {
        let child = self.spawn(args);
        self.finish(child, args, kill)
    }

    fn spawn(&self, args: &[String]) -> Child {
        let mut cmd = self.sb.command(&[]);
        cmd.args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd.spawn().expect("spawn meedoen")
    }

    fn finish(&mut self, child: Child, args: &[String], kill: bool) -> Option<String> {
        if kill {
            std::thread::sleep(Duration::from_millis(self.rng.below(60)));
            let mut child = child;
            let _ = child.kill();
            let out = child.wait_with_output().expect("wait");
            if std::os::unix::process::ExitStatusExt::signal(&out.status).is_some() {
                self.killed += 1;
            }
            return out.status.success().then(|| s_out(&out.stdout));
        }
        let out = child.wait_with_output().expect("wait");
        let run = cli_support::Run::from(out.clone());
        assert!(
            run.code == 0 || run.code == 1,
            "seed {}: {args:?} exited {}: {}",
            self.seed,
            run.code,
            run.stderr
        );
        (run.code == 0).then_some(run.stdout)
    }

    /// The arguments of an intake import of a new resident with a BSN of its own.
    fn intake_args(&mut self) -> Vec<String> {
        let n = self.next_bsn;
        self.next_bsn += 1;
        let file = self.fresh("intake.json");
        let answers = answers_with(serde_json::json!({ "persoon.bsn": nth_bsn(n) }));
        std::fs::write(&file, answers.to_string()).expect("write answers");
        self.db_args(&[
            "intake".into(),
            "import".into(),
            "--answers".into(),
            s(&file),
        ])
    }

    fn promise_intake(&mut self, out: &str) {
        let id: i64 = out
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("seed {}: no client id in {out:?}", self.seed));
        *self.promised.entry(id).or_default() += 1;
    }

    fn step(&mut self) {
        let step = match self.rng.below(11) {
            0..=2 => Step::Intake,
            3..=4 => Step::Checkin,
            5 => Step::Draft,
            6 => Step::Export,
            7..=8 => Step::Backup,
            9 => Step::Restore,
            _ => Step::Together,
        };
        let kill = self.rng.chance(35);
        match step {
            Step::Intake => {
                let args = self.intake_args();
                if let Some(out) = self.run(&args, kill) {
                    self.promise_intake(&out);
                }
            }
            Step::Together => {
                // Colleagues at the same moment: three new intakes and a backup, each
                // perhaps killed. The backup holds at least what was saved before.
                let before = self.promised.clone();
                let mut jobs: Vec<(Vec<String>, bool)> =
                    (0..3).map(|_| (self.intake_args(), false)).collect();
                let copy = self.fresh("kopie.db.");
                if self.sb.db().exists() {
                    let backup =
                        self.db_args(&["db".into(), "backup".into(), "--out".into(), s(&copy)]);
                    jobs.push((backup, true));
                }
                let children: Vec<Child> = jobs.iter().map(|(a, _)| self.spawn(a)).collect();
                for (child, (args, is_backup)) in children.into_iter().zip(&jobs) {
                    let kill = self.rng.chance(35);
                    match (self.finish(child, args, kill), is_backup) {
                        (Some(_), true) => self.backups.push((copy.clone(), before.clone())),
                        (Some(out), false) => self.promise_intake(&out),
                        (None, true) if kill || before.is_empty() => {
                            self.killed_outputs.push(copy.clone())
                        }
                        (None, true) => {
                            panic!("seed {}: a backup beside imports failed", self.seed)
                        }
                        (None, false) => {}
                    }
                }
            }
            Step::Checkin => {
                let Some(client) = self.any_client() else {
                    return;
                };
                let file = self.fresh("checkin.json");
                let answers = answers_with(serde_json::json!({
                    "persoon.voornamen": null,
                    "persoon.achternaam": null,
                    "persoon.geboortedatum": null,
                    "persoon.bsn": null,
                    "werk.betaald": true,
                    "werk.uren_per_week": 12,
                    "werk.ondersteuning": ["jobcoach"],
                }));
                std::fs::write(&file, answers.to_string()).expect("write answers");
                let args = self.db_args(&[
                    "intake".into(),
                    "import".into(),
                    "--answers".into(),
                    s(&file),
                    "--client".into(),
                    client.to_string(),
                ]);
                if let Some(out) = self.run(&args, kill) {
                    assert_eq!(out.trim(), client.to_string(), "seed {}", self.seed);
                    *self.promised.entry(client).or_default() += 1;
                }
            }
            Step::Draft => {
                let Some(client) = self.any_client() else {
                    return;
                };
                let args = self.db_args(&["contract".into(), "draft".into(), client.to_string()]);
                self.run(&args, kill);
            }
            Step::Export => {
                let Some(client) = self.any_client() else {
                    return;
                };
                let format = ["md", "html", "pdf"][self.rng.below(3) as usize];
                let out = self.fresh(&format!("overeenkomst.{format}."));
                let args = self.db_args(&[
                    "contract".into(),
                    "export".into(),
                    client.to_string(),
                    "--format".into(),
                    format.into(),
                    "--out".into(),
                    s(&out),
                ]);
                self.run(&args, kill);
            }
            Step::Backup => {
                if !self.sb.db().exists() {
                    return;
                }
                let out = self.fresh("kopie.db.");
                let args = self.db_args(&["db".into(), "backup".into(), "--out".into(), s(&out)]);
                let before = self.promised.clone();
                match self.run(&args, kill) {
                    Some(_) => self.backups.push((out, before)),
                    None if kill => self.killed_outputs.push(out),
                    // A database killed while it was being made is not one yet.
                    None if self.promised.is_empty() => {}
                    None => panic!("seed {}: a backup failed", self.seed),
                }
            }
            Step::Restore => {
                if self.backups.is_empty() {
                    return;
                }
                let i = self.rng.below(self.backups.len() as u64) as usize;
                let (from, promised) = self.backups[i].clone();
                let to = self.fresh("terug.db.");
                let args = vec![
                    "db".to_string(),
                    "restore".into(),
                    s(&from),
                    "--to".into(),
                    s(&to),
                ];
                match self.run(&args, kill) {
                    Some(_) => self.restores.push((to, promised)),
                    None if kill => self.killed_outputs.push(to),
                    None => panic!("seed {}: a restore of {} failed", self.seed, from.display()),
                }
            }
        }
    }

    fn check(&self) {
        let seed = self.seed;
        let db = self.sb.db();
        if db.exists() {
            assert_eq!(
                integrity_with(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE).as_deref(),
                Ok("ok"),
                "seed {seed}: the database"
            );
        }
        promised_present(&db, &self.promised)
            .unwrap_or_else(|e| panic!("seed {seed}: the database: {e}"));
        for (file, promised) in self.backups.iter().chain(&self.restores) {
            assert_eq!(
                integrity(file).as_deref(),
                Ok("ok"),
                "seed {seed}: {}",
                file.display()
            );
            promised_present(file, promised)
                .unwrap_or_else(|e| panic!("seed {seed}: {}: {e}", file.display()));
        }
        for file in &self.killed_outputs {
            if file.exists() {
                assert_eq!(
                    integrity(file).as_deref(),
                    Ok("ok"),
                    "seed {seed}: a killed copy left {} damaged",
                    file.display()
                );
            }
        }
        for file in self.backups.iter().chain(&self.restores).map(|(f, _)| f) {
            // The program opens every restore normally.
            if self.restores.iter().any(|(r, _)| r == file) {
                let r = self.sb.run(&["--db", &s(file), "worklist", "--json"]);
                assert_eq!(r.code, 0, "seed {seed}: {}: {}", file.display(), r.stderr);
            }
        }
    }
}

fn s_out(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn random_commands_killed_at_random_moments_lose_no_reported_save_and_damage_nothing() {
    let cases: Option<u64> = std::env::var("MEEDOEN_PROP_CASES")
        .ok()
        .and_then(|v| v.parse().ok());
    let fixed_seed: Option<u64> = std::env::var("MEEDOEN_PROP_SEED")
        .ok()
        .and_then(|v| v.parse().ok());
    let budget = Duration::from_secs(40);
    let started = Instant::now();
    let base = fixed_seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1)
    });
    let mut ran = 0u64;
    let (mut killed, mut saves, mut copies) = (0u32, 0usize, 0usize);
    loop {
        let seed = base.wrapping_add(ran);
        let mut case = Case::new(seed);
        let steps = 8 + case.rng.below(10);
        for _ in 0..steps {
            case.step();
        }
        case.check();
        killed += case.killed;
        saves += case.promised.len();
        copies += case.backups.len() + case.restores.len();
        ran += 1;
        let enough = match (fixed_seed, cases) {
            (Some(_), _) => true,
            (None, Some(n)) => ran >= n,
            (None, None) => started.elapsed() > budget,
        };
        if enough {
            break;
        }
    }
    eprintln!(
        "{ran} random cases from seed {base}: {killed} commands killed mid-run, {saves} residents saved, {copies} backups and restores checked"
    );
    assert!(killed > 0, "some commands died of the kill");
}
