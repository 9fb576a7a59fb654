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

/// The file `path` names once symbolic links are followed: a link's
/// target, relative to the link's folder, and so on. The target need not
/// exist yet.
pub fn through_links(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    // As many links as the kernel follows before giving up (ELOOP).
    for _ in 0..40 {
        match fs::read_link(&path) {
            Ok(target) => path = parent_of(&path).join(target),
            Err(_) => break,
        }
    }
    path
}

/// Replaces `path` with `bytes` durably, creating its folder if needed and
/// keeping the previous version as `<name>.bak`. When `path` is a symbolic
/// link (a notes file kept in a synced folder), the file it points to is
/// replaced and the link kept. On error the old file is untouched and the
/// message says what failed.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let path = &through_links(path);
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
    let path = &through_links(path);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_symlinked_file_is_written_through_to_its_target() {
        let dir = tempfile::TempDir::new().expect("temp dir");
        let synced = dir.path().join("Sync");
        fs::create_dir(&synced).expect("folder");
        fs::write(synced.join("notes.toml"), "old").expect("written");
        let link = dir.path().join("notes.toml");
        std::os::unix::fs::symlink("Sync/notes.toml", &link).expect("link");
        replace(&link, b"new").expect("replaced");
        assert!(fs::symlink_metadata(&link)
            .expect("still there")
            .file_type()
            .is_symlink());
        assert_eq!(fs::read(synced.join("notes.toml")).expect("read"), b"new");
        assert_eq!(
            fs::read(synced.join("notes.toml.bak")).expect("read"),
            b"old"
        );
        // A link to a file not made yet is followed too.
        let fresh = dir.path().join("state.toml");
        std::os::unix::fs::symlink(synced.join("state.toml"), &fresh).expect("link");
        replace(&fresh, b"state").expect("replaced");
        assert_eq!(fs::read(synced.join("state.toml")).expect("read"), b"state");
        assert!(fs::symlink_metadata(&fresh)
            .expect("still there")
            .file_type()
            .is_symlink());
    }
}
