//! Watching the library and the notes file for changes made on disk while
//! the reader runs. File events from the `notify` crate are filtered (hidden
//! files, extensions the library does not read, the reader's own files)
//! and gathered until the folders have been quiet for a moment, so that a
//! `git checkout` of hundreds of files is one change, not hundreds. What
//! the changes mean is the app's to decide: this only reports that the
//! library's files or the notes file changed.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::log::Log;

/// How long the files must be quiet before a change is reported.
const QUIET: Duration = Duration::from_millis(300);
/// The longest a change waits while events keep coming.
const LONGEST: Duration = Duration::from_secs(2);

/// What changed on disk since the last report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Changes {
    /// Articles were added, changed or deleted, or folders of the library
    /// were.
    pub library: bool,
    /// The notes file was written (perhaps by this reader: the shell
    /// compares its contents with what it last wrote).
    pub notes: bool,
}

/// What is watched and which paths matter.
#[derive(Debug, Clone)]
pub struct Scope {
    /// The library's folders and files, as the user named them.
    pub library: Vec<PathBuf>,
    /// Extensions read from folders, as in `library.extensions`.
    pub extensions: Vec<String>,
    pub notes_file: PathBuf,
    /// The reader's own files and folders (the reading state, the notes
    /// file's lock and backup, exports, the analysis cache): never
    /// articles, even inside a library folder.
    pub own: Vec<PathBuf>,
}

/// The running watcher; dropping it stops watching.
pub struct Watch {
    pub news: Receiver<Changes>,
    _watcher: RecommendedWatcher,
}

impl Scope {
    /// All paths made absolute, as the watcher reports them.
    fn absolute(mut self) -> Scope {
        let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        self.library = self.library.iter().map(|p| abs(p)).collect();
        self.notes_file = abs(&self.notes_file);
        self.own = self.own.iter().map(|p| abs(p)).collect();
        self
    }

    /// Whether a change at `path` can change the library.
    fn in_library(&self, path: &Path) -> bool {
        if path == self.notes_file || self.own.iter().any(|own| path.starts_with(own)) {
            return false;
        }
        self.library.iter().any(|root| {
            if path == root {
                return true;
            }
            let Ok(inside) = path.strip_prefix(root) else {
                return false;
            };
            if inside
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
            {
                return false;
            }
            match path.extension() {
                Some(ext) => {
                    let ext = ext.to_string_lossy();
                    self.extensions.iter().any(|x| x.eq_ignore_ascii_case(&ext))
                }
                // A folder made, moved or removed (a path that is gone
                // and had no extension may have been one).
                None => path.is_dir() || !path.exists(),
            }
        })
    }

    /// What one event changed.
    fn changes(&self, event: &Event) -> Changes {
        if event.need_rescan() {
            return Changes {
                library: true,
                notes: true,
            };
        }
        match event.kind {
            // Reading a file (as the loader does) changes nothing; closing
            // one written to is the end of a write.
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {}
            EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => {
                return Changes::default()
            }
            _ => {}
        }
        Changes {
            library: event.paths.iter().any(|p| self.in_library(p)),
            notes: event.paths.contains(&self.notes_file),
        }
    }
}

/// Starts watching the library's folders (with their subfolders), the
/// folders of files named directly, and the notes file's folder.
/// Changes are reported on `news`. A folder that cannot be watched is
/// left out, and why is returned with the watch; the others are still
/// watched.
pub fn start(scope: Scope, log: &Log) -> Result<(Watch, Vec<(PathBuf, String)>), String> {
    let scope = scope.absolute();
    let (events, raw) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher = notify::recommended_watcher(move |event| {
        // Sending fails only once the reader has quit.
        let _ = events.send(event);
    })
    .map_err(|e| format!("cannot watch for changes: {e}"))?;
    let mut watched: Vec<(PathBuf, RecursiveMode)> = Vec::new();
    for path in &scope.library {
        if path.is_dir() {
            watched.push((path.clone(), RecursiveMode::Recursive));
        } else if let Some(folder) = path.parent() {
            watched.push((folder.to_path_buf(), RecursiveMode::NonRecursive));
        }
    }
    if let Some(folder) = scope.notes_file.parent() {
        watched.push((folder.to_path_buf(), RecursiveMode::NonRecursive));
    }
    watched.sort();
    watched.dedup();
    let mut failed = Vec::new();
    for (path, mode) in &watched {
        match watcher.watch(path, *mode) {
            Ok(()) => log.info(format_args!(
                "watch: following changes in {}",
                path.display()
            )),
            Err(e) => {
                log.warn(format_args!("watch: cannot watch {}: {e}", path.display()));
                failed.push((path.clone(), e.to_string()));
            }
        }
    }
    let (tx, news) = mpsc::channel();
    let log = log.clone();
    std::thread::spawn(move || gather(&scope, &raw, &tx, &log));
    Ok((
        Watch {
            news,
            _watcher: watcher,
        },
        failed,
    ))
}

/// Gathers events into changes: a change is reported once no event has
/// come for [`QUIET`], or [`LONGEST`] after its first event.
fn gather(scope: &Scope, raw: &Receiver<notify::Result<Event>>, tx: &Sender<Changes>, log: &Log) {
    let mut pending = Changes::default();
    // When the first and the last event of the pending change came.
    let mut times: Option<(Instant, Instant)> = None;
    loop {
        let wait = match times {
            Some((first, last)) => QUIET
                .saturating_sub(last.elapsed())
                .min(LONGEST.saturating_sub(first.elapsed())),
            None => Duration::from_secs(3600),
        };
        match raw.recv_timeout(wait) {
            Ok(Ok(event)) => {
                let c = scope.changes(&event);
                if c.library || c.notes {
                    log.debug(format_args!("watch: {:?} {:?}", event.kind, event.paths));
                    pending.library |= c.library;
                    pending.notes |= c.notes;
                    let now = Instant::now();
                    times = Some(times.map_or((now, now), |(first, _)| (first, now)));
                }
            }
            Ok(Err(e)) => log.warn(format_args!("watch: {e}")),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        let due = times
            .is_some_and(|(first, last)| last.elapsed() >= QUIET || first.elapsed() >= LONGEST);
        if due {
            if tx.send(pending).is_err() {
                return;
            }
            pending = Changes::default();
            times = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, RemoveKind};

    fn scope() -> Scope {
        Scope {
            library: vec![PathBuf::from("/lib"), PathBuf::from("/other/one.html")],
            extensions: vec!["txt".into(), "md".into()],
            notes_file: PathBuf::from("/lib/data/notes.toml"),
            own: vec![
                PathBuf::from("/lib/data/state.toml"),
                PathBuf::from("/lib/data/exports"),
            ],
        }
    }

    fn event(kind: EventKind, path: &str) -> Event {
        Event::new(kind).add_path(PathBuf::from(path))
    }

    #[test]
    fn articles_count_and_hidden_foreign_and_own_files_do_not() {
        let s = scope();
        let made = EventKind::Create(CreateKind::File);
        assert!(s.changes(&event(made, "/lib/a/x.TXT")).library);
        assert!(
            s.changes(&event(made, "/other/one.html")).library,
            "named directly"
        );
        assert!(!s.changes(&event(made, "/other/two.html")).library);
        assert!(!s.changes(&event(made, "/lib/.git/x.md")).library, "hidden");
        assert!(!s.changes(&event(made, "/lib/.x.md.swp")).library, "hidden");
        assert!(
            !s.changes(&event(made, "/lib/x.md~")).library,
            "other extension"
        );
        assert!(
            !s.changes(&event(made, "/lib/data/exports/n.md")).library,
            "own"
        );
        assert!(!s.changes(&event(made, "/lib/data/notes.toml")).library);
        assert!(s.changes(&event(made, "/lib/data/notes.toml")).notes);
        // A folder that is gone may have held articles.
        let gone = EventKind::Remove(RemoveKind::Folder);
        assert!(s.changes(&event(gone, "/lib/no-such-folder")).library);
    }

    #[test]
    fn reading_and_metadata_are_not_changes() {
        let s = scope();
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        assert_eq!(s.changes(&event(read, "/lib/x.md")), Changes::default());
        let meta = EventKind::Modify(ModifyKind::Metadata(notify::event::MetadataKind::Any));
        assert_eq!(s.changes(&event(meta, "/lib/x.md")), Changes::default());
        let wrote = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        assert!(s.changes(&event(wrote, "/lib/x.md")).library);
    }
}
