//! Replacing a small file so that a crash, a full disk or a power cut at
//! any moment leaves either the old file or the new one, whole: write a
//! temporary file beside it, sync it, keep the old version as `.bak`,
//! rename the temporary over the file, sync the folder.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// `<dir>/<prefix><name><suffix>` next to `path`.
pub fn sibling(path: &Path, prefix: &str, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{prefix}{name}{suffix}"))
}

/// The folder `path` is in (`.` for a bare file name).
pub fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The path of the previous version kept by [`replace`].
pub fn backup_path(path: &Path) -> PathBuf {
    sibling(path, "", ".bak")
}

pub fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Points `<name>.bak` at the current file: a hard link (or a synced copy)
/// under a temporary name, renamed over the old backup, so the current file
/// is never touched and the backup is always whole.
fn backup(path: &Path) -> io::Result<()> {
    let tmp = sibling(path, ".", &format!(".tmp.{}.bak", std::process::id()));
    let _ = fs::remove_file(&tmp);
    let made = fs::hard_link(path, &tmp).or_else(|_| {
        let bytes = fs::read(path)?;
        write_synced(&tmp, &bytes)
    });
    let renamed = made.and_then(|()| fs::rename(&tmp, backup_path(path)));
    if renamed.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    renamed
}

/// Creates the folder `path` goes in, if needed, and returns it.
pub fn ensure_folder(path: &Path) -> Result<PathBuf, String> {
    let dir = parent_of(path);
    if let Some(not_dir) = dir.ancestors().find(|a| a.exists() && !a.is_dir()) {
        return Err(format!("{} is a file, not a folder", not_dir.display()));
    }
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create folder {}: {e}", dir.display()))?;
    Ok(dir)
}

/// Replaces `path` with `bytes` durably, creating its folder if needed and
/// keeping the previous version as `<name>.bak`. On error the old file is
/// untouched and the message says what failed.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = ensure_folder(path)?;
    let tmp = sibling(path, ".", &format!(".tmp.{}", std::process::id()));
    if let Err(e) = write_synced(&tmp, bytes) {
        let _ = fs::remove_file(&tmp);
        return Err(format!("cannot write {}: {e}", tmp.display()));
    }
    if path.exists() {
        if let Err(e) = backup(path) {
            let _ = fs::remove_file(&tmp);
            return Err(format!(
                "cannot keep a backup in {}: {e}",
                backup_path(path).display()
            ));
        }
    }
    if let Err(e) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(format!("cannot replace the file: {e}"));
    }
    // Makes the rename durable. Some filesystems cannot sync a folder; the
    // file itself is already synced, so that is not an error.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Removes temporary files a killed writer of `path` left behind.
pub fn remove_stale_temporaries(path: &Path) {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    // `.<name>.tmp.<pid>` and `.<name>.tmp.<pid>.bak`.
    let tmp = format!(".{name}.tmp.");
    if let Ok(entries) = fs::read_dir(parent_of(path)) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with(&tmp) {
                let _ = fs::remove_file(e.path());
            }
        }
    }
}
