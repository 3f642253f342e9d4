//! Opening the database: migrations, reopening, and every kind of file we must refuse.

#[macro_use]
mod store_backends;

use meedoen::store::netpath::{is_unc_path, network_fs_in_mounts, network_fs_of};
use meedoen::store::{DraftKind, NewResident, Store, StoreError};
use std::path::Path;

fn jan() -> NewResident {
    NewResident {
        first_names: "Jan".into(),
        surname: "Voorbeeld".into(),
        birth_date: chrono::NaiveDate::from_ymd_opt(1985, 11, 3),
        bsn: Some("111222333".into()),
        ..NewResident::default()
    }
}

// The PostgreSQL counterparts of the file checks below are in store_pg.rs.
#[test]
fn fresh_database_is_migrated_to_the_known_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meedoen.db");
    let store = Store::open(&path, "tester").unwrap();
    assert!(store.schema_version().unwrap() >= 1);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn newer_schema_is_refused_and_the_file_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meedoen.db");
    drop(Store::open(&path, "tester").unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
        // Back to a rollback journal, so the refused open would have to change the file to
        // switch to WAL.
        let _: String = conn
            .query_row("PRAGMA journal_mode=DELETE", [], |r| r.get(0))
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    match Store::open(&path, "tester") {
        Err(StoreError::NewerVersion { found: 999, known }) => assert!(known < 999),
        other => panic!("expected NewerVersion, got {:?}", other.map(|_| ())),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let msg = StoreError::NewerVersion {
        found: 999,
        known: 1,
    }
    .to_string();
    assert!(msg.contains("nieuwere versie"), "{msg}");
}

#[test]
fn non_database_file_is_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notities.txt");
    std::fs::write(
        &path,
        "Dit is geen database maar een boodschappenlijst.\n".repeat(20),
    )
    .unwrap();
    let before = std::fs::read(&path).unwrap();
    assert!(matches!(
        Store::open(&path, "tester"),
        Err(StoreError::Corrupt(_))
    ));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn another_programs_sqlite_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ander.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE boeken (titel TEXT)")
            .unwrap();
    }
    assert!(matches!(
        Store::open(&path, "tester"),
        Err(StoreError::Corrupt(_))
    ));
}

#[test]
fn empty_file_becomes_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("leeg.db");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path, "tester").unwrap();
    assert!(store.schema_version().unwrap() >= 1);
}

#[test]
fn missing_folder_is_an_error_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bestaat-niet").join("meedoen.db");
    assert!(matches!(
        Store::open(&path, "tester"),
        Err(StoreError::MissingFolder(_))
    ));
    assert!(!dir.path().join("bestaat-niet").exists());
}

#[cfg(unix)]
#[test]
fn read_only_file_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meedoen.db");
    drop(Store::open(&path, "tester").unwrap());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let result = Store::open(&path, "tester");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    match result {
        Err(e @ StoreError::ReadOnly(_)) => assert!(e.to_string().contains("alleen-lezen")),
        other => panic!("expected ReadOnly, got {:?}", other.map(|_| ())),
    }
}

#[cfg(unix)]
#[test]
fn read_only_folder_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("alleen-lezen");
    std::fs::create_dir(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let result = Store::open(&folder.join("meedoen.db"), "tester");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(matches!(result, Err(StoreError::ReadOnly(_))));
}

#[test]
fn unc_path_is_refused_as_network_path() {
    assert!(matches!(
        Store::open(Path::new(r"\\server\share\meedoen.db"), "tester"),
        Err(StoreError::NetworkPath(_))
    ));
    assert!(matches!(
        Store::open(Path::new("//server/share/meedoen.db"), "tester"),
        Err(StoreError::NetworkPath(_))
    ));
    assert!(is_unc_path(r"\\fileserver\wi\meedoen.db"));
    assert!(!is_unc_path(r"C:\Users\jan\meedoen.db"));
}

const MOUNTS: &str = "\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid 0 0
fileserver:/export/wi /mnt/wi nfs4 rw,relatime 0 0
//nas/gedeeld /mnt/nas cifs rw 0 0
/dev/sdb1 /mnt/nas/lokaal ext4 rw 0 0
//nas/met\\040spatie /mnt/met\\040spatie smb3 rw 0 0
gebruiker@host:/data /home/jan/ssh fuse.sshfs rw 0 0
";

#[test]
fn local_folders_are_not_network_paths() {
    let dir = tempfile::tempdir().unwrap();
    // The folder a test database lives in opens, so it must not read as a network share.
    assert_eq!(network_fs_of(dir.path()), None);
    assert_eq!(network_fs_of(Path::new(".")), None);
    // A folder that does not exist is left to the missing-folder message.
    assert_eq!(network_fs_of(&dir.path().join("weg")), None);
}

#[test]
fn network_mounts_are_recognised_by_the_longest_mount_point() {
    let fs = |p: &str| network_fs_in_mounts(Path::new(p), MOUNTS);
    assert_eq!(fs("/mnt/wi/meedoen.db").as_deref(), Some("nfs4"));
    assert_eq!(fs("/mnt/nas/meedoen.db").as_deref(), Some("cifs"));
    // A local disk mounted inside the network share is local.
    assert_eq!(fs("/mnt/nas/lokaal/meedoen.db"), None);
    assert_eq!(fs("/mnt/met spatie/meedoen.db").as_deref(), Some("smb3"));
    assert_eq!(
        fs("/home/jan/ssh/meedoen.db").as_deref(),
        Some("fuse.sshfs")
    );
    assert_eq!(fs("/home/jan/meedoen.db"), None);
    // "/mnt/wi" is not a prefix of "/mnt/wiki" as a path.
    assert_eq!(fs("/mnt/wiki/meedoen.db"), None);
}

#[test]
fn newer_schema_still_in_the_wal_is_refused_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meedoen.db");
    drop(Store::open(&path, "tester").unwrap());
    // Another (newer) program has the database open and migrated it; the change sits in
    // the WAL, the file header still shows the old version.
    let newer = rusqlite::Connection::open(&path).unwrap();
    newer.pragma_update(None, "user_version", 999).unwrap();
    let before = std::fs::read(&path).unwrap();
    assert!(matches!(
        Store::open(&path, "tester"),
        Err(StoreError::NewerVersion { found: 999, .. })
    ));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    drop(newer);
}

#[test]
fn workstations_starting_at_the_same_moment_on_a_new_database_all_open_it() {
    // Each round: four workstations open a database that does not exist yet, at once.
    for round in 0..40 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("meedoen.db");
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(4));
        let handles: Vec<_> = (0..4)
            .map(|i| {
                let (path, barrier) = (path.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    Store::open(&path, &format!("werkplek{i}")).map(drop)
                })
            })
            .collect();
        for h in handles {
            let opened = h.join().unwrap();
            assert!(opened.is_ok(), "round {round}: {opened:?}");
        }
    }
}

#[test]
fn newer_schema_only_in_the_wal_leaves_file_and_wal_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meedoen.db");
    let wal = dir.path().join("meedoen.db-wal");
    drop(Store::open(&path, "tester").unwrap());
    {
        // A newer program committed its schema change and stopped without a checkpoint:
        // the change is in the WAL only.
        let newer = rusqlite::Connection::open(&path).unwrap();
        newer
            .set_db_config(
                rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
                true,
            )
            .unwrap();
        newer.pragma_update(None, "user_version", 999).unwrap();
    }
    let (main_before, wal_before) = (std::fs::read(&path).unwrap(), std::fs::read(&wal).unwrap());
    assert!(!wal_before.is_empty(), "the change should sit in the WAL");
    assert!(matches!(
        Store::open(&path, "tester"),
        Err(StoreError::NewerVersion { found: 999, .. })
    ));
    assert!(
        std::fs::read(&path).unwrap() == main_before,
        "the database file changed"
    );
    assert!(
        std::fs::read(&wal).unwrap() == wal_before,
        "the WAL changed"
    );
}

on_both! {
fn reopening_keeps_residents_and_drafts(db: &Backend) {
    let (id, draft) = {
        let mut store = db.open("tester");
        let id = store.create_resident(&jan()).unwrap();
        let draft = store
            .save_draft(
                None,
                Some(id),
                DraftKind::Intake,
                "Voorbeeld, J.",
                "{\"a\":1}",
            )
            .unwrap();
        // The autosave path: an update of the same draft.
        store
            .save_draft(
                Some(draft),
                Some(id),
                DraftKind::Intake,
                "Voorbeeld, J.",
                "{\"a\":2}",
            )
            .unwrap();
        (id, draft)
    };
    let mut store = db.open("tester");
    let r = store.open_resident(id).unwrap();
    assert_eq!(r.surname, "Voorbeeld");
    let d = store.draft_for(id, DraftKind::Intake).unwrap().unwrap();
    assert_eq!(d.id, draft);
    assert_eq!(d.payload, "{\"a\":2}");
    assert_eq!(d.label, "Voorbeeld, J.");
    assert!(store.draft_for(id, DraftKind::Checkin).unwrap().is_none());
}

fn orphan_drafts_of_new_residents_are_listed_newest_first_and_deletable(db: &Backend) {
    let mut store = db.open("tester");
    let a = store
        .save_draft(None, None, DraftKind::Intake, "Nieuw 1", "{}")
        .unwrap();
    let b = store
        .save_draft(None, None, DraftKind::Intake, "Nieuw 2", "{}")
        .unwrap();
    let ids: Vec<i64> = store
        .orphan_drafts()
        .unwrap()
        .iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(ids, vec![b, a]);
    store.delete_draft(b).unwrap();
    let ids: Vec<i64> = store
        .orphan_drafts()
        .unwrap()
        .iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(ids, vec![a]);
    // An autosave of a draft deleted meanwhile is not lost.
    let again = store
        .save_draft(Some(b), None, DraftKind::Intake, "Nieuw 2", "{\"x\":1}")
        .unwrap();
    assert_eq!(store.orphan_drafts().unwrap().len(), 2);
    assert!(store.orphan_drafts().unwrap().iter().any(|d| d.id == again));
}
}
