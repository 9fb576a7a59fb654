//! Carrying out what the app asks for: saving and reading notes, saving
//! the reading state, writing an export, and building what the terminal
//! and the user's editor are handed (the OSC 52 clipboard sequence, the
//! editor's command line). Each outcome goes back to the app as a message;
//! the shell keeps only what it needs if the reader has to stop suddenly
//! (notes that could not be saved).

use std::ffi::OsString;
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
    /// Whether the notes file is followed for changes made elsewhere: then
    /// a save that finds the file changed reads it again to merge first.
    pub follow_notes: bool,
}

impl Effects {
    /// Carries out a file effect (quitting, suspending, copying and
    /// opening an editor are the event loop's: they need the terminal).
    pub fn carry_out(&mut self, effect: Effect) -> After {
        match effect {
            Effect::Quit => After::Quit,
            Effect::Suspend
            | Effect::Copy(_)
            | Effect::OpenExternal { .. }
            | Effect::ReloadLibrary => After::Done,
            Effect::SaveNotes(_) if self.follow_notes && self.store.changed_on_disk() => {
                // Another program wrote the file since it was read: merge
                // its notes with these first; the app saves the merge.
                self.log.info(format_args!(
                    "notes: {} changed on disk before a save; reading it to merge",
                    self.store.path().display()
                ));
                self.carry_out(Effect::ReloadNotes)
            }
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

/// `bytes` in standard Base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The OSC 52 sequence that asks the terminal to put `text` on the system
/// clipboard. The text travels Base64-encoded, so nothing in it can end
/// the sequence or start another.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Splits a command such as `code --wait` or `'my editor' -f` into its
/// words, as a shell would for plain words and quotes (no variables, no
/// globs): single quotes keep everything, double quotes and a backslash
/// keep the next character.
pub fn split_command(command: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = command.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if let Some(w) = word.take() {
                    words.push(w);
                }
            }
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => w.push(c),
                        None => return Err(format!("unclosed ' in `{command}`")),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c) => w.push(c),
                            None => return Err(format!("unclosed \" in `{command}`")),
                        },
                        Some(c) => w.push(c),
                        None => return Err(format!("unclosed \" in `{command}`")),
                    }
                }
            }
            '\\' => {
                if let Some(c) = chars.next() {
                    word.get_or_insert_with(String::new).push(c);
                }
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Ok(words)
}

/// The command lines to try for opening `path` at `line`, in order: the
/// first of `$VISUAL`, `$EDITOR` and `$PAGER` that is set (read through
/// `var`), else `less`, then `vi`. Each gets `+LINE` and the path.
pub fn editor_commands(
    var: impl Fn(&str) -> Option<String>,
    path: &Path,
    line: usize,
) -> Result<Vec<Vec<OsString>>, String> {
    let named = ["VISUAL", "EDITOR", "PAGER"].into_iter().find_map(|name| {
        var(name)
            .filter(|v| !v.trim().is_empty())
            .map(|v| (name, v))
    });
    let programs: Vec<Vec<String>> = match named {
        Some((name, value)) => {
            let words = split_command(&value).map_err(|e| format!("${name}: {e}"))?;
            vec![words]
        }
        None => vec![vec!["less".to_string()], vec!["vi".to_string()]],
    };
    Ok(programs
        .into_iter()
        .map(|words| {
            let mut args: Vec<OsString> = words.into_iter().map(OsString::from).collect();
            args.push(OsString::from(format!("+{line}")));
            args.push(path.as_os_str().to_owned());
            args
        })
        .collect())
}

/// Runs the first of `commands` that can be started, with the terminal
/// as it is, and waits for it. Its exit status does not matter (an editor
/// quit with `:cq` has still shown the file); only a program that could
/// not be started is an error, named with why.
pub fn run_external(commands: &[Vec<OsString>]) -> Result<(), String> {
    let mut last = String::from("no editor to run");
    for words in commands {
        let Some((program, args)) = words.split_first() else {
            continue;
        };
        match std::process::Command::new(program).args(args).status() {
            Ok(_) => return Ok(()),
            Err(e) => {
                last = format!("{}: {e}", program.to_string_lossy());
                if e.kind() != io::ErrorKind::NotFound {
                    break;
                }
            }
        }
    }
    Err(last)
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
    fn base64_matches_the_standard_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded, "{plain}");
        }
        assert_eq!(base64("¶ 7 — “x”".as_bytes()), "wrYgNyDigJQg4oCceOKAnQ==");
    }

    #[test]
    fn the_clipboard_sequence_is_osc_52_with_nothing_raw_inside() {
        let text = "evil\u{1b}]52;c;AAAA\u{7}\u{1b}[2J\u{9b}31m\nline two";
        let seq = osc52(text);
        let inner = seq
            .strip_prefix("\u{1b}]52;c;")
            .and_then(|s| s.strip_suffix('\u{7}'))
            .expect("OSC 52 framing");
        assert!(
            inner
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)),
            "{inner}"
        );
        assert_eq!(inner, base64(text.as_bytes()));
        assert_eq!(seq.matches('\u{1b}').count(), 1);
        assert_eq!(seq.matches('\u{7}').count(), 1);
    }

    #[test]
    fn commands_split_into_words_with_quotes_and_no_shell() {
        assert_eq!(
            split_command("code --wait").expect("ok"),
            ["code", "--wait"]
        );
        assert_eq!(
            split_command(r#"'/opt/my editor/bin/ed' -c "set nu" a\ b $HOME;rm"#).expect("ok"),
            ["/opt/my editor/bin/ed", "-c", "set nu", "a b", "$HOME;rm"]
        );
        assert!(split_command("vim 'oops").is_err());
    }

    #[test]
    fn the_editor_is_visual_then_editor_then_pager_then_less_or_vi() {
        let path = Path::new("/lib/a.md");
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let words = |cmds: Vec<Vec<OsString>>| -> Vec<Vec<String>> {
            cmds.into_iter()
                .map(|c| {
                    c.into_iter()
                        .map(|w| w.to_string_lossy().into_owned())
                        .collect()
                })
                .collect()
        };
        let got = editor_commands(
            env(&[("EDITOR", "code --wait"), ("PAGER", "less")]),
            path,
            7,
        );
        assert_eq!(
            words(got.expect("ok")),
            [["code", "--wait", "+7", "/lib/a.md"]]
        );
        let got = editor_commands(env(&[("VISUAL", "nvim"), ("EDITOR", "nano")]), path, 1);
        assert_eq!(words(got.expect("ok")), [["nvim", "+1", "/lib/a.md"]]);
        let got = editor_commands(env(&[("EDITOR", " "), ("PAGER", "most")]), path, 3);
        assert_eq!(words(got.expect("ok")), [["most", "+3", "/lib/a.md"]]);
        let got = editor_commands(env(&[]), path, 2);
        assert_eq!(
            words(got.expect("ok")),
            [["less", "+2", "/lib/a.md"], ["vi", "+2", "/lib/a.md"]]
        );
        let err = editor_commands(env(&[("EDITOR", "vim 'x")]), path, 2).expect_err("bad");
        assert!(err.starts_with("$EDITOR"), "{err}");
    }

    #[test]
    fn a_program_that_cannot_start_is_named_in_the_error() {
        let missing = vec![vec![
            OsString::from("/nonexistent/briefing-editor"),
            OsString::from("+1"),
        ]];
        let err = run_external(&missing).expect_err("cannot start");
        assert!(err.contains("/nonexistent/briefing-editor"), "{err}");
    }

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
            follow_notes: false,
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
            follow_notes: false,
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
