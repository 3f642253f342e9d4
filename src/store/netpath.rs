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

/// The network file system holding `folder`, if any (Linux only; elsewhere `None`).
pub fn network_fs_of(folder: &Path) -> Option<String> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let abs = std::fs::canonicalize(folder).ok()?;
    let mounts = std::fs::read_to_string("/proc/mounts").ok()?;
    network_fs_in_mounts(&abs, &mounts)
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
