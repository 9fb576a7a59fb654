//! The notes file: one TOML file with a schema version, saved atomically
//! with a backup of the previous version, and an advisory lock on a sidecar
//! `<name>.lock` so that only one running briefing writes it.
//!
//! Nothing here ever overwrites a file it could not read: a file that does
//! not parse, has an unknown schema version, or changed on disk behind our
//! back makes the store read-only with a reason for the user.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Note;
use crate::durable::{self, parent_of, sibling};
use crate::text::fnv;

/// The schema version this code reads and writes.
pub const VERSION: u32 = 1;

/// Why the store is read-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    /// With a clear reason for the user.
    ReadOnly(String),
}

/// The notes file of one running briefing.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    access: Access,
    /// The locked sidecar file, held for the store's lifetime.
    lock: Option<File>,
    /// Hash of the file's bytes as last read or written; `None` when there
    /// was no file.
    seen: Option<u64>,
    /// Read-only only because another running briefing holds the lock, so
    /// this one can take over when that one quits.
    locked_out: bool,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct NotesFile {
    version: u32,
    #[serde(default)]
    notes: Vec<Note>,
}

#[derive(Serialize)]
struct NotesFileRef<'a> {
    version: u32,
    notes: &'a [Note],
}

impl Store {
    /// Opens the notes file at `path`; never fails. A missing file gives no
    /// notes and a writable store (the folder is created on first save). A
    /// file that does not parse, or has an unknown schema version, gives a
    /// read-only store with a reason naming file, line and key, and the notes
    /// that could still be read from it; it is never overwritten while
    /// broken. When another running briefing holds the lock, the store is
    /// read-only too, with the notes as loaded. The notes folder is made
    /// here, so that the lock is taken at once and a second briefing knows
    /// from its start that it cannot write; a folder that cannot be made
    /// makes the store read-only with the reason.
    pub fn open(path: &Path) -> (Store, Vec<Note>) {
        let mut store = Store {
            path: path.to_path_buf(),
            access: Access::ReadWrite,
            lock: None,
            seen: None,
            locked_out: false,
        };
        if let Err(why) = durable::ensure_folder(path) {
            store.access = Access::ReadOnly(format!(
                "cannot keep notes in {}: {why}; notes are read-only here",
                path.display()
            ));
            return (store, Vec::new());
        }
        let notes = store.reload();
        (store, notes)
    }

    pub fn access(&self) -> &Access {
        &self.access
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The sidecar lock file's path: `<name>.lock`.
    pub fn lock_path(&self) -> PathBuf {
        sibling(&self.path, "", ".lock")
    }

    /// The backup's path: `<name>.bak`, the version before the last save.
    pub fn backup_path(&self) -> PathBuf {
        durable::backup_path(&self.path)
    }

    /// Re-reads the file (after the user fixed it, or the other instance
    /// quit) and tries to take the lock again. Access is decided afresh.
    pub fn reload(&mut self) -> Vec<Note> {
        let lock = self.take_lock();
        let (notes, problem) = match fs::read(&self.path) {
            Ok(bytes) => {
                self.seen = Some(fnv::hash(&bytes));
                parse(&self.path, &bytes)
            }
            Err(e) if is_missing(&e) => {
                self.seen = None;
                (Vec::new(), None)
            }
            Err(e) => {
                // Unknown contents: never write over them.
                self.seen = None;
                let reason = format!(
                    "cannot read {}: {e}; notes are read-only here",
                    self.path.display()
                );
                (Vec::new(), Some(reason))
            }
        };
        self.locked_out = problem.is_none() && lock.is_err();
        self.access = match (problem, lock) {
            (Some(p), _) => Access::ReadOnly(p),
            (None, Err(l)) => Access::ReadOnly(l),
            (None, Ok(())) => Access::ReadWrite,
        };
        notes
    }

    /// Whether the file on disk is not what this store last read or wrote:
    /// another program changed it. A file that cannot be read counts as
    /// changed, so that reading it again reports why.
    pub fn changed_on_disk(&self) -> bool {
        match fs::read(&self.path) {
            Ok(bytes) => Some(fnv::hash(&bytes)) != self.seen,
            Err(e) if is_missing(&e) => self.seen.is_some(),
            Err(_) => true,
        }
    }

    /// When the store is read-only only because another briefing held the
    /// lock, and that one has quit: takes the lock, reads the file again
    /// (the other briefing may have changed it) and returns its notes.
    /// `None` while nothing changed.
    pub fn take_over(&mut self) -> Option<Vec<Note>> {
        if !self.locked_out {
            return None;
        }
        self.take_lock().ok()?;
        Some(self.reload())
    }

    /// Writes `notes` to a new file beside the notes file,
    /// `<name>.recovered-<date and time>[-n]`, in the notes file's format,
    /// for notes that could not be saved. Returns its path.
    pub fn write_recovery(&self, notes: &[Note]) -> Result<PathBuf, String> {
        Store::write_recovery_for(&self.path, notes)
    }

    /// [`Store::write_recovery`] for the notes file at `path`.
    pub fn write_recovery_for(path: &Path, notes: &[Note]) -> Result<PathBuf, String> {
        let target = durable::through_links(path);
        let stamp: String = super::now()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let body = toml::to_string(&NotesFileRef {
            version: VERSION,
            notes,
        })
        .map_err(|e| format!("cannot write TOML: {e}"))?;
        let text = format!(
            "# briefing notes that could not be saved to {}.\n\
             # To keep them, put this file in its place (or copy notes from it).\n{body}",
            crate::text::sanitize::one_line(&path.display().to_string())
        );
        let mut last = "too many recovery files".to_string();
        for n in 1..100 {
            let suffix = if n == 1 {
                format!(".recovered-{stamp}")
            } else {
                format!(".recovered-{stamp}-{n}")
            };
            let path = sibling(&target, "", &suffix);
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut f) => {
                    return f
                        .write_all(text.as_bytes())
                        .and_then(|()| f.sync_all())
                        .map(|()| path.clone())
                        .map_err(|e| format!("cannot write {}: {e}", path.display()));
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => last = format!("cannot create {}: {e}", path.display()),
            }
            break;
        }
        Err(last)
    }

    /// Saves all notes durably: a temporary file in the same folder, synced,
    /// the previous file kept as `<name>.bak`, the temporary renamed over
    /// the file, the folder synced. On any error the message names the path
    /// and the old file is intact. Refuses when read-only.
    pub fn save(&mut self, notes: &[Note]) -> Result<(), String> {
        if let Access::ReadOnly(reason) = &self.access {
            return Err(format!("notes not saved: {reason}"));
        }
        let shown = self.path.display().to_string();
        let fail = |what: String| format!("cannot save notes to {shown}: {what}");
        // The lock lives in the folder: make it before taking the lock.
        durable::ensure_folder(&self.path).map_err(fail)?;
        if let Err(reason) = self.take_lock() {
            self.access = Access::ReadOnly(reason.clone());
            return Err(format!("notes not saved: {reason}"));
        }
        // Someone (an editor, a sync tool) changed the file since we read it:
        // saving would throw their changes away.
        let on_disk = match fs::read(&self.path) {
            Ok(b) => Some(fnv::hash(&b)),
            Err(e) if is_missing(&e) => None,
            Err(e) => return Err(fail(format!("cannot read it back: {e}"))),
        };
        if on_disk != self.seen {
            let reason = format!(
                "{} changed on disk since it was read; reload it before adding notes; \
                 notes are read-only here",
                self.path.display()
            );
            self.access = Access::ReadOnly(reason.clone());
            return Err(format!("notes not saved: {reason}"));
        }
        let body = toml::to_string(&NotesFileRef {
            version: VERSION,
            notes,
        })
        .map_err(|e| fail(format!("cannot write TOML: {e}")))?;
        let text =
            format!("# briefing notes: edit with care; `version` is the file format.\n{body}");

        durable::replace(&self.path, text.as_bytes()).map_err(fail)?;
        self.seen = Some(fnv::hash(text.as_bytes()));
        Ok(())
    }

    /// Takes the lock if not held yet. `Ok` too when the folder does not
    /// exist yet (nothing to protect; `save` takes the lock after creating
    /// it). `Err` is the reason for the user.
    fn take_lock(&mut self) -> Result<(), String> {
        if self.lock.is_some() {
            return Ok(());
        }
        let dir = parent_of(&self.path);
        if !dir.is_dir() {
            return Ok(());
        }
        let lock_path = self.lock_path();
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            // A lock file that exists in a folder we cannot write still
            // locks; if there is none, the reason is why it could not be
            // made, not that it is missing.
            .or_else(|made| File::open(&lock_path).map_err(|_| made))
            .map_err(|e| {
                format!(
                    "cannot create the lock file {}: {e}; notes are read-only here",
                    lock_path.display()
                )
            })?;
        match file.try_lock() {
            Ok(()) => {
                let mut f = &file;
                let _ = file.set_len(0);
                let _ = writeln!(f, "{}", std::process::id());
                let _ = file.sync_all();
                self.lock = Some(file);
                self.remove_stale_temporaries();
                Ok(())
            }
            Err(TryLockError::WouldBlock) => {
                let mut s = String::new();
                let _ = File::open(&lock_path).and_then(|mut f| f.read_to_string(&mut s));
                let pid = match s.trim().parse::<u32>() {
                    Ok(p) => format!("pid {p}"),
                    Err(_) => "pid unknown".to_string(),
                };
                Err(format!(
                    "{} is open in another briefing ({pid}); notes are read-only here",
                    self.path.display()
                ))
            }
            Err(TryLockError::Error(e)) => Err(format!(
                "cannot lock {}: {e}; notes are read-only here",
                lock_path.display()
            )),
        }
    }

    /// Temporary files left by a briefing that died while saving. Only the
    /// lock holder writes them, so with the lock held they are all stale.
    fn remove_stale_temporaries(&self) {
        durable::remove_stale_temporaries(&self.path);
    }
}

fn is_missing(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
    )
}

/// The notes in a file's bytes, and the reason it is read-only if it is
/// not a sound version 1 file (then the notes are those that could still be
/// read).
fn parse(path: &Path, bytes: &[u8]) -> (Vec<Note>, Option<String>) {
    let shown = path.display();
    let Ok(src) = std::str::from_utf8(bytes) else {
        return (
            Vec::new(),
            Some(format!(
                "{shown}: not UTF-8 text; notes are read-only here until it is fixed"
            )),
        );
    };
    if src.trim().is_empty() {
        return (Vec::new(), None);
    }
    let read_only = |what: String| {
        Some(format!(
            "{shown}{what}; notes are read-only here until it is fixed"
        ))
    };
    match toml::from_str::<toml::Table>(src) {
        Err(e) => return (salvage(src), read_only(locate_error(src, &e))),
        Ok(table) => match table.get("version") {
            None => {
                return (
                    salvage(src),
                    read_only(": no `version` key; not a briefing notes file?".to_string()),
                )
            }
            Some(toml::Value::Integer(v)) if *v != i64::from(VERSION) => {
                return (
                    salvage(src),
                    read_only(format!(
                        ":{}: key `version`: schema version {v} is not known to this \
                         briefing (it reads version {VERSION})",
                        line_of_top_key(src, "version").unwrap_or(1)
                    )),
                )
            }
            Some(_) => {}
        },
    }
    match toml::from_str::<NotesFile>(src) {
        Ok(f) => (f.notes, None),
        Err(e) => (salvage(src), read_only(locate_error(src, &e))),
    }
}

/// `:LINE: key `KEY`: message` for a TOML error in `src`.
fn locate_error(src: &str, e: &toml::de::Error) -> String {
    let mut out = String::new();
    let message = e.message().trim().replace('\n', " ");
    if let Some(span) = e.span() {
        let at = span.start.min(src.len());
        let line = src[..at].matches('\n').count() + 1;
        out.push_str(&format!(":{line}"));
        if let Some(key) = key_path(src, at).or_else(|| key_on_line(src, line)) {
            out.push_str(&format!(": key `{key}`"));
        }
    }
    out.push_str(&format!(": {message}"));
    out
}

/// The line of top-level `key = …`.
fn line_of_top_key(src: &str, key: &str) -> Option<usize> {
    src.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

/// The dotted key path (`notes[3].anchor.start`, indices from 0) of the
/// smallest key or value whose span holds byte `at` of `src`.
fn key_path(src: &str, at: usize) -> Option<String> {
    use toml::de::{DeTable, DeValue};
    fn holds(r: &std::ops::Range<usize>, at: usize) -> bool {
        (r.start <= at && at < r.end) || (r.start == r.end && r.start == at)
    }
    fn visit(v: &DeValue<'_>, path: &str, at: usize, best: &mut Option<(usize, String)>) {
        match v {
            DeValue::Table(t) => walk(t, path, at, best),
            DeValue::Array(a) => {
                for (i, item) in a.iter().enumerate() {
                    let p = format!("{path}[{i}]");
                    consider(&item.span(), &p, at, best);
                    visit(item.get_ref(), &p, at, best);
                }
            }
            _ => {}
        }
    }
    fn consider(
        r: &std::ops::Range<usize>,
        path: &str,
        at: usize,
        best: &mut Option<(usize, String)>,
    ) {
        if holds(r, at) && best.as_ref().is_none_or(|(len, _)| r.len() <= *len) {
            *best = Some((r.len(), path.to_string()));
        }
    }
    fn walk(t: &DeTable<'_>, prefix: &str, at: usize, best: &mut Option<(usize, String)>) {
        for (k, v) in t.iter() {
            let p = if prefix.is_empty() {
                k.get_ref().to_string()
            } else {
                format!("{prefix}.{}", k.get_ref())
            };
            consider(&k.span(), &p, at, best);
            consider(&v.span(), &p, at, best);
            visit(v.get_ref(), &p, at, best);
        }
    }
    let (table, _errors) = DeTable::parse_recoverable(src);
    let mut best = None;
    walk(table.get_ref(), "", at, &mut best);
    best.map(|(_, p)| p)
}

/// The key set on 1-based `line` (a fallback for syntax errors, where the
/// document has no spans): the name before `=` under the nearest table
/// header above, `[[notes]]` entries counted from 0.
fn key_on_line(src: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = src.lines().collect();
    let text = lines.get(line.checked_sub(1)?)?.trim();
    let (key, _) = text.split_once('=')?;
    let key = key.trim().trim_matches(['"', '\'']);
    if key.is_empty() || text.starts_with('[') {
        return None;
    }
    let above = &lines[..line - 1];
    let entries = above.iter().filter(|l| l.trim() == "[[notes]]").count();
    let table = above.iter().rev().find_map(|l| {
        let t = l.trim();
        t.starts_with('[')
            .then(|| t.trim_matches(['[', ']']).trim().to_string())
    });
    Some(match table {
        Some(t) if t == "notes" || t.starts_with("notes.") => {
            let rest = t.strip_prefix("notes").unwrap_or("");
            format!("notes[{}]{rest}.{key}", entries.saturating_sub(1))
        }
        Some(t) => format!("{t}.{key}"),
        None => key.to_string(),
    })
}

/// The notes that can still be read from a broken file: each `[[notes]]`
/// entry is parsed on its own, so one bad entry does not hide the others.
fn salvage(src: &str) -> Vec<Note> {
    let mut chunks: Vec<String> = Vec::new();
    for line in src.lines() {
        if line.trim() == "[[notes]]" {
            chunks.push(String::new());
        }
        if let Some(c) = chunks.last_mut() {
            c.push_str(line);
            c.push('\n');
        }
    }
    chunks
        .iter()
        .filter_map(|c| {
            #[derive(Deserialize)]
            struct One {
                notes: Vec<Note>,
            }
            toml::from_str::<One>(c).ok()?.notes.pop()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"version = 1

[[notes]]
id = "a"
text = "first"
tags = []
created = "2026-01-01T00:00:00Z"
updated = "2026-01-01T00:00:00Z"

[notes.article]
path = "x.md"
fingerprint = "00"

[notes.anchor]
quote = "q"
before = ""
after = ""
start = 0
end = 1

[[notes]]
id = "b"
text = "second"
tags = ["t"]
created = "2026-01-01T00:00:00Z"
updated = "2026-01-01T00:00:00Z"

[notes.article]
path = "x.md"
fingerprint = "00"

[notes.anchor]
quote = "q"
before = ""
after = ""
start = 0
end = 1
"#;

    fn reason(src: &str) -> (Vec<Note>, String) {
        let (notes, r) = parse(Path::new("notes.toml"), src.as_bytes());
        (notes, r.expect("read-only"))
    }

    #[test]
    fn a_good_file_parses() {
        let (notes, r) = parse(Path::new("notes.toml"), GOOD.as_bytes());
        assert_eq!(r, None);
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[1].tags, ["t"]);
    }

    #[test]
    fn wrong_types_name_line_and_indexed_key() {
        let src =
            GOOD.replacen("end = 1", "end = \"one\"", 2)
                .replacen("end = \"one\"", "end = 1", 1);
        let (notes, r) = reason(&src);
        assert!(
            r.starts_with("notes.toml:37: key `notes[1].anchor.end`: "),
            "{r}"
        );
        // The good note is still shown.
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].id, "a");
    }

    #[test]
    fn unknown_keys_name_line_and_key() {
        let src = GOOD.replacen("text = \"first\"", "text = \"first\"\ncolour = \"red\"", 1);
        let (notes, r) = reason(&src);
        assert!(
            r.starts_with("notes.toml:6: key `notes[0].colour`: "),
            "{r}"
        );
        assert!(r.contains("colour"), "{r}");
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let src = GOOD.replacen("id = \"b\"", "id = \"b", 1);
        let (notes, r) = reason(&src);
        assert!(r.starts_with("notes.toml:22: key `notes[1].id`: "), "{r}");
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn unknown_versions_are_read_only() {
        let (notes, r) = reason(&GOOD.replacen("version = 1", "version = 2", 1));
        assert!(r.contains("version 2"), "{r}");
        assert_eq!(notes.len(), 2);
        let (_, r) = reason("[[notes]]\nid = \"x\"\n");
        assert!(r.contains("version"), "{r}");
    }
}
