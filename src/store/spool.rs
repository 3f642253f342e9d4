//! Drafts that could not reach the database server (a lost connection) wait on this
//! workstation, one small file each, the owner's alone, until the server is back: what a
//! consultant typed is never lost to a network hiccup or a restart of the server.
//!
//! Each running program writes its drafts under its own key (`<pid>-<start>-<n>`), so
//! the drafts another (crashed) run left behind can be sent on without sending this run's
//! twice.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// One draft as it waits: what `Store::save_draft` takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Spooled {
    /// The draft's id on the server, when it had one before the connection went.
    pub draft_id: Option<i64>,
    pub client: Option<i64>,
    /// `intake`, `checkin` or `contract` (`DraftKind::as_str`).
    pub kind: String,
    pub label: String,
    pub payload: String,
}

/// The waiting room of one database (one folder per server and database).
#[derive(Debug, Clone)]
pub struct Spool {
    dir: PathBuf,
    /// This run's prefix of keys.
    run: String,
}

impl Spool {
    /// The spool of the database named `location` (a URL without its password) in the
    /// data folder `data_dir`.
    pub fn for_database(data_dir: &Path, location: &str) -> Spool {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(location.as_bytes());
        let name: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        Spool {
            dir: data_dir.join("wachtrij").join(name),
            run: format!("{}-{started}", std::process::id()),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The key for the `n`-th draft this run keeps (one per open screen).
    pub fn key(&self, n: u64) -> String {
        format!("{}-{n}", self.run)
    }

    /// The key this run keeps the draft named `name` under (letters, digits and `-`).
    pub fn key_for(&self, name: &str) -> String {
        let name: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        format!("{}-{name}", self.run)
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.json"))
    }

    /// Keep (or replace) a draft under `key`: written whole under a temporary name and
    /// then renamed, so a crash mid-write leaves the previous version.
    pub fn keep(&self, key: &str, draft: &Spooled) -> std::io::Result<PathBuf> {
        use std::io::Write;
        super::private::create_dir_all(&self.dir)?;
        let path = self.path(key);
        let tmp = self.dir.join(format!(".{key}.tmp"));
        let json = serde_json::to_vec(draft).map_err(std::io::Error::other)?;
        {
            let mut f = super::private::options()
                .write(true)
                .create(true)
                .truncate(true)
                .open(&tmp)?;
            f.write_all(&json)?;
            f.sync_all()?;
        }
        std::fs::rename(&tmp, &path)?;
        Ok(path)
    }

    /// The draft under `key` reached the server: it need not wait any more.
    pub fn done(&self, key: &str) {
        let _ = std::fs::remove_file(self.path(key));
    }

    /// Drafts other runs left waiting (oldest first); unreadable files are left alone.
    pub fn left_behind(&self) -> Vec<(String, Spooled)> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<(std::time::SystemTime, String, Spooled)> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let key = name.strip_suffix(".json")?.to_string();
                if key.starts_with('.') || key.starts_with(&format!("{}-", self.run)) {
                    return None;
                }
                let bytes = std::fs::read(e.path()).ok()?;
                let draft: Spooled = serde_json::from_slice(&bytes).ok()?;
                let when = e
                    .metadata()
                    .and_then(|m| m.modified())
                    .unwrap_or(std::time::UNIX_EPOCH);
                Some((when, key, draft))
            })
            .collect();
        found.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        found.into_iter().map(|(_, k, d)| (k, d)).collect()
    }

    /// Send what other runs left behind with `save` (the store's `save_draft`), each
    /// removed once saved; stops at the first failure (the server is still away). Returns
    /// how many went.
    pub fn send_left_behind<E>(
        &self,
        mut save: impl FnMut(&Spooled) -> Result<(), E>,
    ) -> Result<usize, E> {
        let mut sent = 0;
        for (key, draft) in self.left_behind() {
            save(&draft)?;
            self.done(&key);
            sent += 1;
        }
        Ok(sent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(label: &str) -> Spooled {
        Spooled {
            draft_id: None,
            client: Some(7),
            kind: "intake".into(),
            label: label.into(),
            payload: "{\"answers\":{}}".into(),
        }
    }

    #[test]
    fn a_kept_draft_waits_for_a_later_run_and_goes_once() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let first = Spool::for_database(dir.path(), "postgresql://a@server/meedoen");
        let key = first.key(1);
        first
            .keep(&key, &draft("Voorbeeld, J."))
            .unwrap_or_else(|e| panic!("{e}"));
        first
            .keep(&key, &draft("Voorbeeld, Jan"))
            .unwrap_or_else(|e| panic!("{e}"));
        // This run does not send its own (its screen still holds the draft).
        assert!(first.left_behind().is_empty());

        let mut later = Spool::for_database(dir.path(), "postgresql://a@server/meedoen");
        later.run = "other-run".into();
        let waiting = later.left_behind();
        assert_eq!(waiting.len(), 1, "one file per key, the newest version");
        assert_eq!(waiting[0].1.label, "Voorbeeld, Jan");
        // The server is still away: nothing is lost.
        let failed: Result<usize, &str> = later.send_left_behind(|_| Err("weg"));
        assert!(failed.is_err());
        assert_eq!(later.left_behind().len(), 1);
        let mut saved = Vec::new();
        let sent: Result<usize, &str> = later.send_left_behind(|d| {
            saved.push(d.clone());
            Ok(())
        });
        assert_eq!(sent, Ok(1));
        assert_eq!(saved[0].label, "Voorbeeld, Jan");
        assert!(later.left_behind().is_empty(), "sent once");
    }

    #[test]
    fn each_database_has_its_own_spool_and_files_are_private() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let a = Spool::for_database(dir.path(), "postgresql://a@server/een");
        let b = Spool::for_database(dir.path(), "postgresql://a@server/twee");
        assert_ne!(a.dir(), b.dir());
        let path = a
            .keep(&a.key(1), &draft("x"))
            .unwrap_or_else(|e| panic!("{e}"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).map(|m| m.permissions().mode() & 0o777);
            assert_eq!(mode.ok(), Some(0o600));
        }
        let mut other = b.clone();
        other.run = "x".into();
        assert!(other.left_behind().is_empty());
    }
}
