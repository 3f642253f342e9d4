//! Everything meedoen creates is its user's alone (BIO2 9.4, AVG art. 32): files 0600 and
//! folders 0700 on Unix, whatever the umask. On Windows the files live in the user's
//! profile (`%APPDATA%`), whose ACL gives only that user, SYSTEM and Administrators access.

use std::fs::{DirBuilder, OpenOptions};
use std::io;
use std::path::Path;

/// Mode of every file meedoen creates (Unix).
pub const FILE_MODE: u32 = 0o600;
/// Mode of every folder meedoen creates (Unix).
pub const DIR_MODE: u32 = 0o700;

/// Make everything this process creates private, SQLite's own database, `-wal` and `-shm`
/// files included: they are made with the umask applied. Called first thing in `main`.
pub fn restrict_umask() {
    #[cfg(unix)]
    // SAFETY: umask only swaps the process's file-creation mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

/// `OpenOptions` that create a file readable and writable by its owner only.
pub fn options() -> OpenOptions {
    #[allow(unused_mut)]
    let mut o = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(FILE_MODE);
    }
    o
}

/// `create_dir_all` whose new folders are the owner's alone (existing ones are left as
/// they are: a folder the user chose is theirs to set).
pub fn create_dir_all(path: &Path) -> io::Result<()> {
    let mut b = DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(DIR_MODE);
    }
    b.create(path)
}

/// Write a whole small file (a note, a stamp) for the owner only.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut f = options()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)?;
    f.write_all(bytes)
}

/// The permission bits that give others than the owner access to an existing file, as in
/// `ls -l` (for instance `0o044`); None when there are none or on Windows.
pub fn open_to_others(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o077;
        (mode != 0).then_some(mode)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}
