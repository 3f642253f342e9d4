//! Damage a real database file as a failing disk or a stray write would: bytes that mean
//! nothing, over a whole page of one table.
#![allow(dead_code)]

use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

/// Overwrite the first leaf page of `table` (the one with its oldest rows, which a new
/// save does not visit once the table has more pages). Returns the page number.
pub fn corrupt_table_page(db: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap_or_else(|e| panic!("open {e}"));
    // Everything into the main file first, so the page on disk is the page in use.
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap_or_else(|e| panic!("checkpoint {e}"));
    let page_size: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("page_size {e}"));
    let page: i64 = conn
        .query_row(
            "SELECT min(pageno) FROM dbstat WHERE name = ?1 AND pagetype = 'leaf'",
            [table],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| panic!("dbstat {e}"));
    drop(conn);
    let bytes: Vec<u8> = (0..page_size)
        .map(|i| ((i * 7 + 13) as u8) ^ 0xA5)
        .collect();
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(db)
        .unwrap_or_else(|e| panic!("open for writing {e}"));
    f.seek(SeekFrom::Start(((page - 1) * page_size) as u64))
        .unwrap_or_else(|e| panic!("seek {e}"));
    f.write_all(&bytes).unwrap_or_else(|e| panic!("write {e}"));
    f.sync_all().unwrap_or_else(|e| panic!("sync {e}"));
    page
}

/// How many leaf pages `table` has.
pub fn leaf_pages(db: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap_or_else(|e| panic!("open {e}"));
    conn.query_row(
        "SELECT count(*) FROM dbstat WHERE name = ?1 AND pagetype = 'leaf'",
        [table],
        |r| r.get(0),
    )
    .unwrap_or_else(|e| panic!("dbstat {e}"))
}

/// The database file and its WAL as bytes (an absent WAL reads as empty).
pub fn file_and_wal(db: &Path) -> (Vec<u8>, Vec<u8>) {
    let mut wal = db.as_os_str().to_os_string();
    wal.push("-wal");
    (
        std::fs::read(db).unwrap_or_default(),
        std::fs::read(&wal).unwrap_or_default(),
    )
}
