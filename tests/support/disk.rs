//! A small disk that can be filled up on demand: a private tmpfs mount (needs root with
//! mount rights, as on the project's machines and CI), unmounted when dropped.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct SmallDisk {
    mount_point: PathBuf,
    _dir: tempfile::TempDir,
}

impl SmallDisk {
    /// Mount a tmpfs of `kib` KiB. `Err` says why it could not (not root, no rights).
    pub fn mount(kib: u64) -> Result<SmallDisk, String> {
        let dir = tempfile::Builder::new()
            .prefix("meedoen-disk-")
            .tempdir()
            .map_err(|e| e.to_string())?;
        let point = dir.path().join("schijf");
        std::fs::create_dir(&point).map_err(|e| e.to_string())?;
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o"])
            .arg(format!("size={kib}k,mode=0777"))
            .arg("tmpfs")
            .arg(&point)
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "mount tmpfs failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(SmallDisk {
            mount_point: point,
            _dir: dir,
        })
    }

    pub fn path(&self) -> &Path {
        &self.mount_point
    }

    fn filler(&self) -> PathBuf {
        self.mount_point.join("vulling.bin")
    }

    /// Fill every free byte with a filler file. Returns how many bytes it took.
    pub fn fill(&self) -> std::io::Result<u64> {
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.filler())?;
        let chunk = vec![0u8; 4096];
        let mut written = 0u64;
        loop {
            match f.write(&chunk) {
                Ok(0) => break,
                Ok(n) => written += n as u64,
                Err(e) if e.raw_os_error() == Some(libc::ENOSPC) => break,
                Err(e) => return Err(e),
            }
        }
        // Fill the last partial block too.
        while let Ok(1) = f.write(&chunk[..1]) {
            written += 1;
        }
        let _ = f.sync_all();
        Ok(written)
    }

    /// Free the space taken by `fill`.
    pub fn free(&self) -> std::io::Result<()> {
        match std::fs::remove_file(self.filler()) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        // Lazy unmount: a program under test may still hold a file open.
        let _ = Command::new("umount")
            .arg("-l")
            .arg(&self.mount_point)
            .status();
    }
}
