//! Edit locks, so two workstations never overwrite each other's work on one resident.

use super::db::params;
use super::{
    fmt_datetime, now_local, parse_datetime, ClientId, Lock, Result, Store, StoreError,
    LOCK_STALE_SECS,
};
use chrono::NaiveDateTime;

fn epoch_now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// A lock left by a program on this machine that is no longer running (killed or
/// crashed) need not wait for its heartbeat to go stale. Only checkable on Linux.
fn holder_is_dead(own: &str, holder: &str) -> bool {
    if !cfg!(target_os = "linux") {
        return false;
    }
    let (Some((own_host, _)), Some((host, pid))) = (own.rsplit_once(':'), holder.rsplit_once(':'))
    else {
        return false;
    };
    let pid = pid.split('/').next().unwrap_or(pid);
    own_host == host
        && pid.parse::<u32>().is_ok()
        && !std::path::Path::new("/proc").join(pid).exists()
}

impl Store {
    /// Take the edit lock of a resident: free, already ours (this refreshes the
    /// heartbeat), stale (no heartbeat for two minutes) or left by a dead program here.
    pub fn lock_resident(&mut self, client: ClientId) -> Result<Lock> {
        self.write(|s| {
            s.require_resident(client)?;
            let held: Option<(String, String, String, i64)> = s
                .conn
                .prepare_cached(
                    "SELECT staff, workstation, since, heartbeat FROM locks WHERE client = ?1",
                )?
                .query_opt(params![client], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?;
            let now = epoch_now();
            let since = match held {
                None => now_local(),
                Some((staff, ws, since, _)) if staff == s.staff && ws == s.workstation => {
                    parse_datetime(&since)?
                }
                Some((_, ws, _, beat))
                    if now - beat > LOCK_STALE_SECS || holder_is_dead(&s.workstation, &ws) =>
                {
                    now_local()
                }
                Some((staff, workstation, since, _)) => {
                    return Ok(Lock::HeldBy {
                        staff,
                        workstation,
                        since: parse_datetime(&since)?,
                    })
                }
            };
            s.put_lock(client, since, now)?;
            Ok(Lock::Acquired)
        })
    }

    fn put_lock(&self, client: ClientId, since: NaiveDateTime, beat: i64) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO locks (client, staff, workstation, since, heartbeat)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (client) DO UPDATE SET staff = excluded.staff,
                     workstation = excluded.workstation, since = excluded.since,
                     heartbeat = excluded.heartbeat",
            )?
            .execute(params![
                client,
                self.staff,
                self.workstation,
                fmt_datetime(since),
                beat
            ])?;
        Ok(())
    }

    /// Take the lock even though someone else holds it (after asking the user).
    pub fn take_over_lock(&mut self, client: ClientId) -> Result<()> {
        self.write(|s| {
            s.require_resident(client)?;
            s.put_lock(client, now_local(), epoch_now())?;
            s.log_in("overname_slot", Some(client))
        })
    }

    /// Release our own lock; someone else's is left alone.
    pub fn unlock_resident(&mut self, client: ClientId) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM locks WHERE client = ?1 AND workstation = ?2")?
            .execute(params![client, self.workstation])?;
        Ok(())
    }

    /// Refresh the heartbeat of every lock this workstation holds (call every ~30 s).
    pub fn refresh_locks(&mut self) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE locks SET heartbeat = ?2 WHERE workstation = ?1")?
            .execute(params![self.workstation, epoch_now()])?;
        Ok(())
    }

    /// Refresh the heartbeat of our lock on one resident and say whether we still hold it:
    /// `Some(Lock::Acquired)` when so, `Some(Lock::HeldBy ..)` when a colleague took it
    /// (after it went stale, or by taking over), `None` when it is gone (taken and given
    /// back meanwhile). Only ever called by the holder, so gone means lost.
    pub fn refresh_lock(&mut self, client: ClientId) -> Result<Option<Lock>> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE locks SET heartbeat = ?3 WHERE client = ?1 AND workstation = ?2",
            )?
            .execute(params![client, self.workstation, epoch_now()])?;
        if changed > 0 {
            return Ok(Some(Lock::Acquired));
        }
        let held: Option<(String, String, String)> = self
            .conn
            .prepare_cached("SELECT staff, workstation, since FROM locks WHERE client = ?1")?
            .query_opt(params![client], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        held.map(|(staff, workstation, since)| {
            Ok(Lock::HeldBy {
                staff,
                workstation,
                since: parse_datetime(&since)?,
            })
        })
        .transpose()
    }

    /// Refuse (`Locked`) while someone else holds the resident's lock: a fresh one of a
    /// program still running. Called inside a save's transaction, so a screen cannot take
    /// the lock between this check and the write.
    pub fn refuse_if_locked(&self, client: ClientId) -> Result<()> {
        match self.lock_holder(client)? {
            Some(Lock::HeldBy { staff, since, .. }) => Err(StoreError::Locked {
                client,
                staff,
                since,
            }),
            _ => Ok(()),
        }
    }

    /// Who holds the lock of a resident right now, if anyone else (fresh locks only).
    pub fn lock_holder(&self, client: ClientId) -> Result<Option<Lock>> {
        let held: Option<(String, String, String, i64)> = self
            .conn
            .prepare_cached(
                "SELECT staff, workstation, since, heartbeat FROM locks WHERE client = ?1",
            )?
            .query_opt(params![client], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?;
        match held {
            Some((staff, workstation, since, beat))
                if workstation != self.workstation
                    && epoch_now() - beat <= LOCK_STALE_SECS
                    && !holder_is_dead(&self.workstation, &workstation) =>
            {
                Ok(Some(Lock::HeldBy {
                    staff,
                    workstation,
                    since: parse_datetime(&since)?,
                }))
            }
            _ => Ok(None),
        }
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        // Closing the program frees its residents for other workstations at once.
        if self.conn.is_autocommit() {
            let _ = self.conn.execute(
                "DELETE FROM locks WHERE workstation = ?1",
                params![self.workstation],
            );
        }
    }
}
