//! Telling a full disk from other I/O failures: on a completely full disk SQLite reports
//! several writes (growing the shared-memory index, creating the WAL) as plain I/O
//! errors, which would read as a broken disk instead of "make room".

use super::StoreError;
use std::path::Path;

/// The text of an I/O failure in `StoreError::Other`, so that it can be recognised.
pub(crate) const IO_FAILED: &str = "lezen of schrijven van de schijf mislukte";
/// The text of a file SQLite could not open or create.
pub(crate) const CANNOT_OPEN: &str = "kan het bestand niet openen";

/// With less free space than this, an I/O failure is taken for a full disk: SQLite
/// needs about this much to open a database (the 32 KiB index) and commit a save.
const NEARLY_FULL: u64 = 256 * 1024;

/// Whether the operating system's last error of this thread was "no space left". SQLite
/// reads the same value for `sqlite3_system_errno`; nothing runs in between.
pub(crate) fn last_error_is_full() -> bool {
    let code = std::io::Error::last_os_error().raw_os_error();
    #[cfg(unix)]
    {
        code == Some(libc::ENOSPC) || code == Some(libc::EDQUOT)
    }
    #[cfg(windows)]
    {
        // ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL.
        code == Some(39) || code == Some(112)
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = code;
        false
    }
}

/// An I/O failure in `folder`'s file system while it is (nearly) full is a full disk.
pub(crate) fn explain(e: StoreError, folder: &Path) -> StoreError {
    match e {
        StoreError::Other(m)
            if (m.ends_with(IO_FAILED) || m.ends_with(CANNOT_OPEN)) && is_full(folder) =>
        {
            StoreError::DiskFull
        }
        e => e,
    }
}

/// Free space for this user below `NEARLY_FULL`; `false` when it cannot be told.
pub(crate) fn is_full(folder: &Path) -> bool {
    free_bytes(folder).is_some_and(|free| free < NEARLY_FULL)
}

#[cfg(unix)]
fn free_bytes(folder: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(folder.as_os_str().as_bytes()).ok()?;
    // SAFETY: `c` is a NUL-terminated path that outlives the call; `st` is written by
    // statvfs before it is read, and only read when the call succeeded.
    unsafe {
        let mut st: libc::statvfs = std::mem::zeroed();
        if libc::statvfs(c.as_ptr(), &mut st) != 0 {
            return None;
        }
        #[allow(clippy::unnecessary_cast)]
        Some((st.f_bavail as u64).saturating_mul(st.f_frsize as u64))
    }
}

#[cfg(windows)]
fn free_bytes(folder: &Path) -> Option<u64> {
    use std::os::windows::ffi::OsStrExt;
    let wide: Vec<u16> = folder.as_os_str().encode_wide().chain(Some(0)).collect();
    let mut free: u64 = 0;
    // SAFETY: `wide` is NUL-terminated and outlives the call; `free` is a valid u64 to
    // write to; the two totals we do not need may be null.
    let ok = unsafe {
        windows_sys::Win32::Storage::FileSystem::GetDiskFreeSpaceExW(
            wide.as_ptr(),
            &mut free,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        )
    };
    (ok != 0).then_some(free)
}

#[cfg(not(any(unix, windows)))]
fn free_bytes(_folder: &Path) -> Option<u64> {
    None
}
