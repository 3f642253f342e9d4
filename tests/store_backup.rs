//! The daily backup as the store makes it: not twice while a colleague's copy is under
//! way, and what killed programs left behind is cleared once it is old.

use meedoen::store::backup::{Daily, DailyBackup};
use meedoen::store::Store;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

fn day(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn setup() -> (tempfile::TempDir, DailyBackup) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("werk.db");
    drop(Store::open(&db, "tester").expect("open"));
    let plan = DailyBackup {
        db,
        dir: dir.path().join("backups"),
        keep: 14,
        today: day("2025-03-03"),
    };
    std::fs::create_dir_all(&plan.dir).expect("mkdir");
    (dir, plan)
}

fn temp_of(plan: &DailyBackup, pid: u32) -> PathBuf {
    let mut name = plan
        .file_of(plan.today)
        .file_name()
        .expect("name")
        .to_os_string();
    name.push(format!(".{pid}.tmp"));
    plan.dir.join(name)
}

fn age(path: &Path, by: Duration) {
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .expect("open");
    f.set_modified(SystemTime::now() - by).expect("set mtime");
}

#[test]
fn a_copy_under_way_elsewhere_is_not_made_a_second_time() {
    let (_dir, plan) = setup();
    let busy = temp_of(&plan, 999_999);
    std::fs::write(&busy, b"half").expect("write");
    assert_eq!(plan.run().expect("run"), Daily::Already);
    assert!(!plan.file_of(plan.today).exists());
    assert!(busy.exists(), "the colleague's file is theirs");
}

#[test]
fn a_copy_left_by_a_killed_program_neither_stops_todays_backup_nor_stays() {
    let (_dir, plan) = setup();
    let left = temp_of(&plan, 999_998);
    std::fs::write(&left, b"half").expect("write");
    age(&left, Duration::from_secs(2 * 3600));
    match plan.run().expect("run") {
        Daily::Made(path) => assert_eq!(path, plan.file_of(plan.today)),
        other => panic!("today's backup made: {other:?}"),
    }
    assert!(!left.exists(), "an old leftover is removed");
}

#[test]
fn keep_zero_makes_nothing() {
    let (_dir, plan) = setup();
    let off = DailyBackup { keep: 0, ..plan };
    assert_eq!(off.run().expect("run"), Daily::Off);
    assert_eq!(std::fs::read_dir(&off.dir).expect("dir").count(), 0);
}
