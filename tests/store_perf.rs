//! Measurement harness for the store at 100,000 residents (not part of the normal run):
//! `cargo test --release --test store_perf -- --ignored --nocapture`.
//! It prints timings and checks only that the answers are right; budgets are judged by
//! people reading the figures, since shared machines are too noisy for assertions.

use chrono::{Datelike, NaiveDate};
use meedoen::domain::contract::{
    Contract, ContractHeader, ContractStatus, LadderSummary, ResidentAnalysis,
};
use meedoen::domain::signals::{FiredSignal, Severity};
use meedoen::domain::{Answers, Value};
use meedoen::store::{ContactKind, DraftKind, Measurement, NewContact, NewResident, Store};
use std::time::{Duration, Instant};

const FIRST: &[&str] = &[
    "Jan",
    "Anna",
    "Mohamed",
    "Fatima",
    "Piet",
    "Sanne",
    "Zoë",
    "Ahmet",
    "Noël",
    "Lotte",
    "Daan",
    "Emma",
    "Youssef",
    "Aïcha",
    "Kees",
    "Marieke",
    "Oleksandr",
    "Ewa",
    "Bram",
    "Iris",
];
const SUR: &[&str] = &[
    "Voorbeeld",
    "de Vries",
    "van den Berg",
    "Testpersoon",
    "Bakker",
    "El Amrani",
    "Çelik",
    "Jansen",
    "de Jong",
    "van Dijk",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Visser",
    "Yılmaz",
    "Kowalski",
    "Hendriks",
    "van der Linden",
    "Proef",
    "Öztürk",
    "Bos",
    "Vos",
    "Peters",
    "Dekker",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn answers(rng: &mut Rng) -> Answers {
    let mut a = Answers::new();
    let text = |s: &str| Value::Text(s.to_string());
    let choice = |s: &str| Value::Choice(s.to_string());
    a.insert("persoon.voornamen".into(), text("Test"));
    a.insert("persoon.achternaam".into(), text("Voorbeeld"));
    a.insert("persoon.huishouden".into(), choice("alleenstaand"));
    a.insert(
        "persoon.statushouder".into(),
        Value::Bool(rng.below(5) == 0),
    );
    a.insert("werk.betaald".into(), Value::Bool(rng.below(3) == 0));
    a.insert("werk.opleiding".into(), choice("mbo2_4"));
    a.insert("werk.ingeschreven_uwv".into(), Value::Bool(true));
    a.insert(
        "werk.belemmeringen".into(),
        Value::Multi(vec!["zorgtaken".into(), "vervoer".into()]),
    );
    a.insert(
        "werk.ervaring".into(),
        text("Tien jaar magazijnwerk, daarna thuis voor de kinderen."),
    );
    a.insert("werk.wensen".into(), text("Iets in de zorg, parttime."));
    for q in ["onbetaald_werk", "georganiseerd", "sociaal_contact"] {
        a.insert(format!("meedoen.{q}"), choice("minder"));
    }
    a.insert(
        "inkomen.bronnen".into(),
        Value::Multi(vec!["bijstand".into()]),
    );
    a.insert(
        "inkomen.netto_per_maand".into(),
        Value::Money(100_000 + rng.below(80_000) as i64),
    );
    a.insert("inkomen.laag_inkomen_jaren".into(), Value::Int(4));
    a.insert("schulden.heeft_schulden".into(), choice("ja"));
    a.insert("schulden.totaal".into(), Value::Money(450_000));
    a.insert(
        "schulden.soorten".into(),
        Value::Multi(vec!["huur".into(), "zorgverzekering".into()]),
    );
    a.insert("wonen.situatie".into(), choice("huur"));
    a.insert("wonen.woonlasten".into(), Value::Money(72_500));
    a.insert("taal.onderwijs_nl_8jaar".into(), Value::Bool(true));
    a.insert("taal.niveau".into(), choice("b1"));
    a.insert("taal.digitaal".into(), choice("met_hulp"));
    a.insert("gezondheid.belemmering".into(), choice("geen"));
    a.insert("gezondheid.steun_netwerk".into(), choice("beetje"));
    a.insert(
        "regie.doel".into(),
        text("Over een jaar wil ik een vaste baan van twintig uur."),
    );
    a.insert("regie.nodig".into(), text("Kinderopvang en een cursus."));
    a.insert(
        "regie.zelf".into(),
        text("Solliciteren en de cursus afmaken."),
    );
    a.insert("verwachting.trede".into(), choice("4"));
    a
}

fn contract(on: NaiveDate) -> Contract {
    Contract {
        version: 1,
        status: ContractStatus::Concept,
        date: on,
        agreed_on: None,
        header: ContractHeader::default(),
        analysis: ResidentAnalysis::default(),
        consultant_view: "Test.".into(),
        ladder: LadderSummary {
            current: 3,
            current_name: String::new(),
            explanation: String::new(),
            expected: 4,
            expected_name: String::new(),
            horizon_months: 12,
        },
        parts: Vec::new(),
        obligations: String::new(),
        next_evaluation: on + chrono::Months::new(6),
        pending: Vec::new(),
    }
}

fn pct(mut v: Vec<Duration>) -> (Duration, Duration, Duration) {
    v.sort();
    let at = |p: f64| v[((v.len() - 1) as f64 * p) as usize];
    (at(0.5), at(0.95), at(1.0))
}

/// CPU time of this thread (user + system), to read figures on a busy shared machine.
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<u64> = after
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    // utime and stime are fields 14 and 15 of the line, in 1/100 s.
    let ticks = fields.get(11).copied().unwrap_or(0) + fields.get(12).copied().unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

#[test]
#[ignore = "measurement at 100,000 residents; run by hand with --release"]
fn measure_100k() {
    let n: u64 = std::env::var("STORE_PERF_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    // STORE_PERF_DB keeps the database for a later run (which then skips loading).
    let dir = tempfile::tempdir().unwrap();
    let path = std::env::var_os("STORE_PERF_DB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("perf.db"));
    let reuse = path.exists();
    let mut s = Store::open(&path, "perf").unwrap();
    let mut rng = Rng(42);
    let today = NaiveDate::from_ymd_opt(2025, 9, 15).unwrap();
    let t = Instant::now();
    let cpu_start = cpu();
    let mut contacts = 0u64;
    let fill = |s: &mut Store| -> Result<(), meedoen::store::StoreError> {
        for i in 0..if reuse { 0 } else { n } {
            let first = FIRST[rng.below(FIRST.len() as u64) as usize];
            let sur = SUR[rng.below(SUR.len() as u64) as usize];
            let birth = NaiveDate::from_ymd_opt(
                1950 + rng.below(55) as i32,
                1 + rng.below(12) as u32,
                1 + rng.below(28) as u32,
            );
            let id = s.create_resident(&NewResident {
                first_names: first.into(),
                surname: format!("{sur}{}", if i % 3 == 0 { "" } else { "-Test" }),
                birth_date: birth,
                bsn: Some(format!("{:09}", 100_000_000 + i * 7)),
                ..NewResident::default()
            })?;
            let mut date = today - chrono::Days::new(5 * 365 - rng.below(700));
            let mut rung = 1 + rng.below(6) as u8;
            while date < today {
                let a = answers(&mut rng);
                let sigs = if rng.below(4) == 0 {
                    vec![FiredSignal {
                        id: "schuld_gesprek".into(),
                        severity: Severity::High,
                        deadline: date + chrono::Days::new(28),
                    }]
                } else {
                    Vec::new()
                };
                s.save_contact(&NewContact {
                    client: id,
                    date,
                    kind: if contacts == 0 {
                        ContactKind::Intake
                    } else {
                        ContactKind::Checkin
                    },
                    form_id: "intake",
                    form_version: 1,
                    form_hash: "perf",
                    form_source: "[form]",
                    answers: &a,
                    measurement: Some(Measurement {
                        date,
                        computed: rung,
                        explanation: "Test.".into(),
                        chosen: rung,
                        override_reason: None,
                        expected: Some(rung.saturating_add(1).min(6)),
                        horizon_months: Some(12),
                    }),
                    signals: &sigs,
                })?;
                contacts += 1;
                rung = (rung as i64 + rng.below(3) as i64 - 1).clamp(1, 6) as u8;
                date = date + chrono::Days::new(250 + rng.below(200));
            }
            if rng.below(2) == 0 {
                let k = s.save_contract(id, None, &contract(date - chrono::Days::new(300)))?;
                if rng.below(2) == 0 {
                    s.agree_contract(k, date - chrono::Days::new(290), b"%PDF-test")?;
                }
            }
            if rng.below(20) == 0 {
                s.set_outflow(
                    id,
                    Some("werk"),
                    Some(today - chrono::Days::new(rng.below(300))),
                )?;
            }
        }
        Ok(())
    };
    // STORE_PERF_WAL measures plain `bulk` instead of `bulk_load`.
    if std::env::var_os("STORE_PERF_WAL").is_some() {
        s.bulk(fill).unwrap();
    } else {
        s.bulk_load(fill).unwrap();
    }
    let load = t.elapsed();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(path.with_extension("db-wal"))
            .map(|m| m.len())
            .unwrap_or(0);
    println!(
        "load: {n} residents, {contacts} contacts in {:.1} s, cpu {:.1} s ({} MiB)",
        load.as_secs_f64(),
        (cpu() - cpu_start).as_secs_f64(),
        size >> 20
    );
    drop(s);
    let mut s = Store::open(&path, "perf").unwrap();

    let mut times = Vec::new();
    let mut hits = 0;
    for q in [
        "v",
        "vr",
        "vri",
        "vrie",
        "vries",
        "d",
        "de",
        "de j",
        "de jo",
        "j",
        "ja",
        "jan",
        "jans",
        "z",
        "zo",
        "zoe",
        "c",
        "ce",
        "cel",
        "celik",
        "o",
        "oz",
        "ozt",
        "1",
        "10",
        "100",
        "1000",
        "10000",
        "1-",
        "01-0",
        "01-01",
        "01-01-1",
        "01-01-19",
        "01-01-197",
        "01-01-1970",
        "m",
        "mo",
        "moh",
        "y",
        "yi",
        "yil",
        "el",
        "el a",
        "amr",
    ] {
        let t = Instant::now();
        let rows = s.search_residents(q, 50).unwrap();
        times.push(t.elapsed());
        hits += rows.len();
    }
    assert!(hits > 0);
    let (p50, p95, max) = pct(times);
    println!(
        "search per keystroke: p50 {} p95 {} max {}",
        ms(p50),
        ms(p95),
        ms(max)
    );

    let mut times = Vec::new();
    for id in (1..=n as i64).step_by((n as usize / 200).max(1)) {
        let t = Instant::now();
        s.open_resident(id).unwrap();
        s.contacts(id).unwrap();
        s.measurements(id).unwrap();
        s.signals_of(id).unwrap();
        s.latest_contract(id).unwrap();
        times.push(t.elapsed());
    }
    let (p50, p95, max) = pct(times);
    println!(
        "dossier open (resident, contacts, measurements, signals, contract): p50 {} p95 {} max {}",
        ms(p50),
        ms(p95),
        ms(max)
    );

    let mut times = Vec::new();
    let mut draft = None;
    for i in 0..200 {
        let t = Instant::now();
        draft = Some(
            s.save_draft(
                draft,
                Some(1),
                DraftKind::Intake,
                "Test",
                &format!("{{\"n\":{i}}}"),
            )
            .unwrap(),
        );
        times.push(t.elapsed());
    }
    let (p50, p95, _) = pct(times);
    println!("draft autosave: p50 {} p95 {}", ms(p50), ms(p95));

    for as_of in [today, NaiveDate::from_ymd_opt(today.year(), 1, 2).unwrap()] {
        let mut times = Vec::new();
        let mut rows = 0;
        for _ in 0..5 {
            let t = Instant::now();
            rows = s.worklist(as_of).unwrap().len();
            times.push(t.elapsed());
        }
        let (p50, _, max) = pct(times);
        println!(
            "worklist {as_of} ({rows} rows): p50 {} max {}",
            ms(p50),
            ms(max)
        );
        let t = Instant::now();
        let count = s.worklist_count(as_of).unwrap();
        println!("worklist_count {as_of}: {}", ms(t.elapsed()));
        assert_eq!(count as usize, rows);

        let mut times = Vec::new();
        let mut report = None;
        for _ in 0..5 {
            let t = Instant::now();
            report = Some(s.report(as_of).unwrap());
            times.push(t.elapsed());
        }
        let (p50, _, max) = pct(times);
        let report = report.unwrap();
        println!("report {as_of}: p50 {} max {}", ms(p50), ms(max));
        assert_eq!(report.due as usize, rows);
    }
    let t = Instant::now();
    let open = s.open_signals().unwrap().len();
    println!("open signals list ({open} rows): {}", ms(t.elapsed()));
}

/// Quick look at the whole-population queries on a kept database (STORE_PERF_DB).
#[test]
#[ignore = "needs STORE_PERF_DB from measure_100k; run by hand with --release"]
fn measure_scans() {
    let Some(path) = std::env::var_os("STORE_PERF_DB") else {
        return;
    };
    let s = Store::open(std::path::Path::new(&path), "perf").unwrap();
    let today = NaiveDate::from_ymd_opt(2025, 9, 15).unwrap();
    let best = |f: &dyn Fn() -> usize| {
        let mut times = Vec::new();
        let mut n = 0;
        let start = cpu();
        for _ in 0..10 {
            let t = Instant::now();
            n = f();
            times.push(t.elapsed());
        }
        let (p50, _, _) = pct(times.clone());
        let cpu_each = (cpu() - start) / 10;
        (n, ms(*times.iter().min().unwrap()), ms(p50), ms(cpu_each))
    };
    println!(
        "worklist_page(50) min/p50/cpu: {:?}",
        best(&|| s.worklist_page(today, 50).unwrap().len())
    );
    println!(
        "worklist_count min/p50/cpu: {:?}",
        best(&|| s.worklist_count(today).unwrap() as usize)
    );
    println!(
        "worklist min/p50/cpu: {:?}",
        best(&|| s.worklist(today).unwrap().len())
    );
    println!(
        "report min/p50/cpu: {:?}",
        best(&|| s.report(today).unwrap().clients as usize)
    );
    println!(
        "open_signals_top(50) min/p50/cpu: {:?}",
        best(&|| s.open_signals_top(50).unwrap().len())
    );
}
