//! Carrying out what the app asks for: saving and reading notes, saving
//! the reading state, writing an export. Each outcome goes back to the app
//! as a message; the shell keeps only what it needs if the reader has to
//! stop suddenly (notes that could not be saved).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::events::After;
use super::log::Log;
use crate::app::action::{Effect, Msg};
use crate::notes::{self, Note, Store};
use crate::state;

/// Where effects go: the notes file and the reading-state file.
pub struct Effects {
    pub store: Store,
    pub state_file: Option<(PathBuf, state::Library)>,
    /// Notes the last save could not write, and why: kept for the
    /// recovery file until a save succeeds.
    pub unsaved: Option<(Vec<Note>, String)>,
    /// Where `E` writes its exports: `exports/` beside the notes file.
    pub exports: PathBuf,
    /// Where saves and their failures are logged.
    pub log: Log,
}

impl Effects {
    /// Carries out a file effect (quitting and suspending are the event
    /// loop's).
    pub fn carry_out(&mut self, effect: Effect) -> After {
        match effect {
            Effect::Quit => After::Quit,
            Effect::Suspend => After::Done,
            Effect::SaveNotes(notes) => {
                let saved = self.store.save(&notes);
                let file = self.store.path().display();
                match &saved {
                    Ok(()) => self
                        .log
                        .debug(format_args!("notes: {} notes saved to {file}", notes.len())),
                    Err(why) => self
                        .log
                        .error(format_args!("notes: cannot save to {file}: {why}")),
                }
                self.unsaved = saved.clone().err().map(|why| (notes, why));
                After::Tell(Msg::NotesSaved(
                    saved.map_err(|why| (why, self.store.access().clone())),
                ))
            }
            Effect::ReloadNotes => {
                let notes = self.store.reload();
                self.log.info(format_args!(
                    "notes: {} notes read again from {}",
                    notes.len(),
                    self.store.path().display()
                ));
                After::Tell(Msg::NotesReread(notes, self.store.access().clone()))
            }
            Effect::SaveState(reading) => match &self.state_file {
                Some((file, library)) => match state::save(file, library, &reading) {
                    Ok(()) => {
                        self.log.debug(format_args!(
                            "state: reading state saved to {}",
                            file.display()
                        ));
                        After::Done
                    }
                    Err(why) => {
                        self.log.error(format_args!(
                            "state: cannot save to {}: {why}",
                            file.display()
                        ));
                        After::Tell(Msg::StateNotSaved(why))
                    }
                },
                None => After::Done,
            },
            Effect::ExportNotes(markdown) => {
                let written = export(&self.exports, &markdown).map_err(|e| e.to_string());
                match &written {
                    Ok(path) => self
                        .log
                        .info(format_args!("export: notes written to {}", path.display())),
                    Err(why) => self.log.error(format_args!(
                        "export: cannot write into {}: {why}",
                        self.exports.display()
                    )),
                }
                After::Tell(Msg::Exported(written))
            }
        }
    }

    /// When the notes file has been freed by the briefing that held it:
    /// its notes, for the app to merge, and the news that it is ours now.
    pub fn take_over(&mut self) -> Vec<Msg> {
        match self.store.take_over() {
            Some(notes) => {
                self.log.info(format_args!(
                    "notes: {} is free again; {} notes read from it",
                    self.store.path().display(),
                    notes.len()
                ));
                vec![
                    Msg::NotesReread(notes, self.store.access().clone()),
                    Msg::NotesTakenOver,
                ]
            }
            None => Vec::new(),
        }
    }
}

/// The folder exports go to beside `notes_file`.
pub fn exports_beside(notes_file: &Path) -> PathBuf {
    notes_file.with_file_name("exports")
}

/// Writes a notes export into `dir`, made if need be, and returns its
/// full path.
fn export(dir: &Path, markdown: &str) -> io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = write_new_file(dir, "briefing-notes", "md", markdown)?;
    Ok(std::path::absolute(&path).unwrap_or(path))
}

/// Writes `contents` to a new file `<stem>-<date>.<ext>` in `dir`, adding
/// `-2`, `-3`… rather than overwriting anything. Returns its path.
fn write_new_file(dir: &Path, stem: &str, ext: &str, contents: &str) -> io::Result<PathBuf> {
    let date: String = notes::now().chars().take(10).collect();
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{stem}-{date}.{ext}")
        } else {
            format!("{stem}-{date}-{n}.{ext}")
        };
        let path = dir.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(contents.as_bytes())?;
                f.sync_all()?;
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("too many exports today in this folder"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_go_to_the_exports_folder_beside_the_notes_with_their_full_path() {
        let dir = tempfile::TempDir::new().expect("temp dir");
        let notes_file = dir.path().join("data").join("notes.toml");
        let exports = exports_beside(&notes_file);
        assert_eq!(exports, dir.path().join("data").join("exports"));
        let (store, _) = Store::open(&notes_file);
        let mut effects = Effects {
            store,
            state_file: None,
            unsaved: None,
            exports: exports.clone(),
            log: Log::off(),
        };
        let written = |after: After| match after {
            After::Tell(Msg::Exported(Ok(path))) => path,
            _ => panic!("not exported"),
        };
        let first = written(effects.carry_out(Effect::ExportNotes("# Notes\n".into())));
        assert!(first.is_absolute(), "{}", first.display());
        assert_eq!(first.parent(), Some(exports.as_path()));
        let name = first.file_name().and_then(|n| n.to_str()).unwrap_or("");
        assert!(
            name.starts_with("briefing-notes-") && name.ends_with(".md"),
            "{name}"
        );
        assert_eq!(
            std::fs::read_to_string(&first).ok().as_deref(),
            Some("# Notes\n")
        );
        let second = written(effects.carry_out(Effect::ExportNotes("again".into())));
        assert_ne!(first, second);
        assert_eq!(second.parent(), Some(exports.as_path()));
    }

    #[test]
    fn saves_that_fail_are_logged_with_the_reason() {
        let dir = tempfile::TempDir::new().expect("temp dir");
        // Everything is to be written inside a regular file, which fails.
        let blocker = dir.path().join("blocker");
        std::fs::write(&blocker, "not a folder").expect("write");
        let log_file = dir.path().join("briefing.log");
        let (store, _) = Store::open(&blocker.join("notes.toml"));
        let mut effects = Effects {
            store,
            state_file: Some((
                blocker.join("state.toml"),
                state::Library::new(&[dir.path().to_path_buf()]),
            )),
            unsaved: None,
            exports: exports_beside(&blocker.join("notes.toml")),
            log: Log::open(&log_file).expect("log"),
        };
        assert!(matches!(
            effects.carry_out(Effect::SaveNotes(Vec::new())),
            After::Tell(Msg::NotesSaved(Err(_)))
        ));
        assert!(matches!(
            effects.carry_out(Effect::SaveState(state::ReadingState::default())),
            After::Tell(Msg::StateNotSaved(_))
        ));
        assert!(matches!(
            effects.carry_out(Effect::ExportNotes("# Notes\n".into())),
            After::Tell(Msg::Exported(Err(_)))
        ));
        let log = std::fs::read_to_string(&log_file).expect("read log");
        let errors: Vec<&str> = log.lines().filter(|l| l.contains(" ERROR ")).collect();
        let shown = blocker.display().to_string();
        assert_eq!(errors.len(), 3, "{log}");
        assert!(
            errors[0].contains(&format!("ERROR notes: cannot save to {shown}/notes.toml: ")),
            "{log}"
        );
        assert!(
            errors[1].contains(&format!("ERROR state: cannot save to {shown}/state.toml: ")),
            "{log}"
        );
        assert!(
            errors[2].contains(&format!(
                "ERROR export: cannot write into {shown}/exports: "
            )),
            "{log}"
        );
    }
}
