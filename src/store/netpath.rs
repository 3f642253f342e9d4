//! Recognise a database path on a network file system, where SQLite's locking is unsafe.

use std::path::Path;

/// File system types on which SQLite's file locks cannot be trusted.
pub const NETWORK_FS: &[&str] = &[
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "9p",
    "fuse.sshfs",
    "afs",
    "ncpfs",
];

/// A Windows UNC path: `\\server\share\…` or `//server/share/…`, including the verbatim
/// form `\\?\UNC\server\share`. `\\?\C:\…` and device paths (`\\.\`) are local.
pub fn is_unc_path(path: &str) -> bool {
    let p = path.replace('/', "\\");
    if let Some(rest) = p.strip_prefix("\\\\?\\") {
        return rest
            .get(..4)
            .is_some_and(|head| head.eq_ignore_ascii_case("UNC\\"));
    }
    if p.starts_with("\\\\.\\") {
        return false;
    }
    match p.strip_prefix("\\\\") {
        // A server name must follow: `\\` alone is not a path.
        Some(rest) => rest.chars().next().is_some_and(|c| c != '\\'),
        None => false,
    }
}

/// The network file system type of the mount that holds `path` (absolute), found as the
/// longest mount point in `mounts` (the text of `/proc/mounts`) that contains it.
pub fn network_fs_in_mounts(path: &Path, mounts: &str) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for line in mounts.lines() {
        let mut fields = line.split_whitespace();
        let (Some(_device), Some(point), Some(fs)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let point = unescape_mount(point);
        if !path.starts_with(Path::new(&point)) {
            continue;
        }
        let len = point.len();
        if best.as_ref().is_none_or(|(l, _)| len >= *l) {
            best = Some((len, fs.to_string()));
        }
    }
    let (_, fs) = best?;
    NETWORK_FS.contains(&fs.as_str()).then_some(fs)
}

/// `/proc/mounts` writes space, tab, newline and backslash as octal escapes (`\040`).
fn unescape_mount(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' && i + 4 <= bytes.len() {
            let oct = &bytes[i + 1..i + 4];
            if oct.iter().all(|b| (b'0'..=b'7').contains(b)) {
                let v = oct
                    .iter()
                    .fold(0u32, |acc, b| acc * 8 + u32::from(b - b'0'));
                if let Ok(v) = u8::try_from(v) {
                    out.push(v);
                    i += 4;
                    continue;
                }
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The network file system holding `folder`, if any: on Linux one `statfs` (and
/// `/proc/mounts` for a FUSE mount), on Windows a mapped network drive; elsewhere `None`.
/// UNC paths are recognised by `is_unc_path`.
pub fn network_fs_of(folder: &Path) -> Option<String> {
    platform::network_fs_of(folder)
}

#[cfg(target_os = "linux")]
mod platform {
    use super::network_fs_in_mounts;
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;

    /// Linux `statfs` magic numbers of network file systems, with the name shown.
    const NETWORK_MAGIC: &[(i64, &str)] = &[
        (0x6969, "nfs"),
        (0x517B, "smbfs"),
        (0xFF53_4D42, "cifs"),
        (0xFE53_4D42, "smb3"),
        (0x0102_1997, "9p"),
        (0x5346_414F, "afs"),
        (0x564C, "ncpfs"),
    ];

    /// FUSE: local or remote, only `/proc/mounts` tells (`fuse.sshfs`).
    const FUSE_MAGIC: i64 = 0x6573_5546;

    pub fn network_fs_of(folder: &Path) -> Option<String> {
        let magic = fs_magic(folder)?;
        if let Some((_, name)) = NETWORK_MAGIC.iter().find(|(m, _)| *m == magic) {
            return Some((*name).to_string());
        }
        if magic == FUSE_MAGIC {
            let abs = std::fs::canonicalize(folder).ok()?;
            let mounts = std::fs::read_to_string("/proc/mounts").ok()?;
            return network_fs_in_mounts(&abs, &mounts);
        }
        None
    }

    /// The file system type (`f_type`) of the mount holding `folder`.
    fn fs_magic(folder: &Path) -> Option<i64> {
        let mut path = folder.as_os_str().as_bytes().to_vec();
        path.push(0);
        // SAFETY: `statfs` is plain old data, so all zeroes is a valid value.
        let mut buf: libc::statfs = unsafe { std::mem::zeroed() };
        // SAFETY: `path` is NUL-terminated and outlives the call; `buf` is a valid,
        // writable statfs that the call fills.
        let rc = unsafe { libc::statfs(path.as_ptr().cast(), &mut buf) };
        // f_type's integer type differs between architectures; every magic fits in i64.
        #[allow(clippy::unnecessary_cast, clippy::useless_conversion)]
        let magic = i64::from(buf.f_type) & 0xFFFF_FFFF;
        (rc == 0).then_some(magic)
    }
}

#[cfg(windows)]
mod platform {
    use std::os::windows::ffi::OsStrExt;
    use std::path::{Component, Path, Prefix};

    /// `GetDriveTypeW`'s answer for a network drive (winbase.h).
    const DRIVE_REMOTE: u32 = 4;

    /// A drive letter mapped to a network share (`Z:` for `\\server\share`).
    pub fn network_fs_of(folder: &Path) -> Option<String> {
        let abs = std::path::absolute(folder).ok()?;
        let letter = match abs.components().next()? {
            Component::Prefix(p) => match p.kind() {
                Prefix::Disk(l) | Prefix::VerbatimDisk(l) => char::from(l),
                _ => return None,
            },
            _ => return None,
        };
        let root: Vec<u16> = std::ffi::OsStr::new(&format!("{letter}:\\"))
            .encode_wide()
            .chain(Some(0))
            .collect();
        // SAFETY: `root` is a NUL-terminated wide string that outlives the call.
        let kind = unsafe { windows_sys::Win32::Storage::FileSystem::GetDriveTypeW(root.as_ptr()) };
        (kind == DRIVE_REMOTE).then(|| format!("netwerkstation {letter}:"))
    }
}

#[cfg(not(any(target_os = "linux", windows)))]
mod platform {
    pub fn network_fs_of(_folder: &std::path::Path) -> Option<String> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unc_paths() {
        assert!(is_unc_path(r"\\server\share\meedoen.db"));
        assert!(is_unc_path("//server/share/meedoen.db"));
        assert!(is_unc_path(r"\\?\UNC\server\share\meedoen.db"));
        assert!(!is_unc_path(r"\\?\C:\data\meedoen.db"));
        assert!(!is_unc_path(r"\\.\pipe\x"));
        assert!(!is_unc_path(r"C:\data\meedoen.db"));
        assert!(!is_unc_path("/home/jan/meedoen.db"));
    }

    #[test]
    fn unescape() {
        assert_eq!(unescape_mount(r"/mnt/my\040share"), "/mnt/my share");
        assert_eq!(unescape_mount(r"/mnt/a\"), r"/mnt/a\");
    }
}
