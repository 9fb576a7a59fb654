//! The reading state that survives restarts: for every library the reader
//! has opened, the last open article, the place and progress in every
//! article, and bookmarks. It lives in `state.toml` beside the notes and is
//! written with the same care.
//!
//! A library is named as the analysis cache names it: by the paths it was
//! opened from, made absolute. Saving one library's state re-reads the file
//! and replaces only that library's entry, so opening one library never
//! wipes another's places or bookmarks.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::durable;

/// The file format's version. Version 1 held one library's state at the top
/// level; such a file is read as the state of the library being opened.
pub const VERSION: u32 = 2;

/// How far a reader has got with an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    #[default]
    Unread,
    InProgress,
    /// The end has been on screen.
    Read,
}

/// A place in an article, by byte offsets that survive a change of width.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    /// The first byte on the top row.
    pub top: usize,
    /// The first byte of the passage under the cursor.
    pub cursor: usize,
    #[serde(default)]
    pub progress: Progress,
}

/// A bookmark: an article (by its path in the library) and a place in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    pub article: String,
    #[serde(flatten)]
    pub position: Position,
}

/// Everything remembered between runs about one library. Articles are
/// keyed by their path in the library.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadingState {
    pub version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
    #[serde(default)]
    pub articles: BTreeMap<String, Position>,
    #[serde(default)]
    pub marks: BTreeMap<String, Mark>,
}

impl ReadingState {
    fn is_empty(&self) -> bool {
        self.last.is_none() && self.articles.is_empty() && self.marks.is_empty()
    }
}

/// Which library a reading state belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Library {
    /// The name of its entry in the file.
    id: String,
    /// The paths it was opened from, written beside the state for people
    /// reading the file.
    paths: Vec<String>,
}

impl Library {
    /// The library opened from `paths`.
    pub fn new(paths: &[PathBuf]) -> Library {
        Library {
            id: format!("{:016x}", crate::cache::library_id(paths)),
            paths: paths
                .iter()
                .map(|p| {
                    fs::canonicalize(p)
                        .unwrap_or_else(|_| p.clone())
                        .to_string_lossy()
                        .into_owned()
                })
                .collect(),
        }
    }
}

/// One library's entry in the file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last: Option<String>,
    #[serde(default)]
    articles: BTreeMap<String, Position>,
    #[serde(default)]
    marks: BTreeMap<String, Mark>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StateFile {
    version: u32,
    #[serde(default)]
    libraries: BTreeMap<String, Entry>,
}

/// What a file holds: every library's entry, and the one-library state of
/// a version 1 file.
struct Contents {
    libraries: BTreeMap<String, Entry>,
    unnamed: Option<ReadingState>,
}

/// Reads the whole file; a missing file is empty. Any other problem is an
/// error naming the file (and line), and the file must then be left alone.
fn read(path: &Path) -> Result<Contents, String> {
    let src = match fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Contents {
                libraries: BTreeMap::new(),
                unnamed: None,
            })
        }
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let located = |e: toml::de::Error| {
        let line = e.span().map_or(1, |s| {
            src[..s.start.min(src.len())].matches('\n').count() + 1
        });
        format!("{}:{line}: {}", path.display(), e.message().trim())
    };
    #[derive(Deserialize)]
    struct Version {
        version: u32,
    }
    let version = toml::from_str::<Version>(&src).map_err(located)?.version;
    match version {
        1 => {
            let state: ReadingState = toml::from_str(&src).map_err(located)?;
            Ok(Contents {
                libraries: BTreeMap::new(),
                unnamed: Some(ReadingState {
                    version: VERSION,
                    ..state
                }),
            })
        }
        VERSION => {
            let file: StateFile = toml::from_str(&src).map_err(located)?;
            Ok(Contents {
                libraries: file.libraries,
                unnamed: None,
            })
        }
        v => Err(format!(
            "{}: unknown version {v} (this briefing reads version {VERSION})",
            path.display()
        )),
    }
}

/// Reads `library`'s state; a missing file or entry is an empty state. Any
/// other problem is an error naming the file (and line), and the file must
/// then be left alone.
pub fn load(path: &Path, library: &Library) -> Result<ReadingState, String> {
    let contents = read(path)?;
    if let Some(state) = contents.unnamed {
        return Ok(state);
    }
    Ok(match contents.libraries.get(&library.id) {
        Some(e) => ReadingState {
            version: VERSION,
            last: e.last.clone(),
            articles: e.articles.clone(),
            marks: e.marks.clone(),
        },
        None => ReadingState {
            version: VERSION,
            ..Default::default()
        },
    })
}

/// Writes `library`'s state durably, keeping every other library's entry as
/// the file holds it now. A file that cannot be read is not overwritten.
pub fn save(path: &Path, library: &Library, state: &ReadingState) -> Result<(), String> {
    let mut libraries = read(path)
        .map_err(|e| format!("cannot save over a file it cannot read: {e}"))?
        .libraries;
    if state.is_empty() {
        libraries.remove(&library.id);
    } else {
        libraries.insert(
            library.id.clone(),
            Entry {
                paths: library.paths.clone(),
                last: state.last.clone(),
                articles: state.articles.clone(),
                marks: state.marks.clone(),
            },
        );
    }
    let body = toml::to_string(&StateFile {
        version: VERSION,
        libraries,
    })
    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let text = format!(
        "# briefing reading state: for each library, where you are in each article, \
         and bookmarks.\n{body}"
    );
    durable::replace(path, text.as_bytes())
        .map_err(|e| format!("cannot save {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ReadingState {
        let mut s = ReadingState {
            version: VERSION,
            last: Some("004.txt".into()),
            ..Default::default()
        };
        s.articles.insert(
            "004.txt".into(),
            Position {
                top: 120,
                cursor: 300,
                progress: Progress::InProgress,
            },
        );
        s.articles.insert(
            "000.txt".into(),
            Position {
                top: 0,
                cursor: 0,
                progress: Progress::Read,
            },
        );
        s.marks.insert(
            "a".into(),
            Mark {
                article: "000.txt".into(),
                position: Position {
                    top: 10,
                    cursor: 50,
                    progress: Progress::Read,
                },
            },
        );
        s
    }

    fn library(name: &str) -> Library {
        Library::new(&[PathBuf::from(format!("/libraries/{name}"))])
    }

    fn empty() -> ReadingState {
        ReadingState {
            version: VERSION,
            ..Default::default()
        }
    }

    #[test]
    fn the_state_round_trips_through_the_file() {
        let dir = tempfile::TempDir::new().expect("temp dir");
        let path = dir.path().join("briefing/state.toml");
        let lib = library("seeds");
        assert_eq!(load(&path, &lib), Ok(empty()));
        save(&path, &lib, &sample()).expect("saved");
        assert_eq!(load(&path, &lib), Ok(sample()));
        save(&path, &lib, &empty()).expect("saved again");
        assert_eq!(load(&path, &lib), Ok(empty()));
        assert!(
            durable::backup_path(&path).exists(),
            "the previous version is kept"
        );
    }

    #[test]
    fn opening_another_library_keeps_the_first_ones_state() {
        let dir = tempfile::TempDir::new().expect("temp dir");
        let path = dir.path().join("state.toml");
        let (seeds, other) = (library("seeds"), library("other"));
        save(&path, &seeds, &sample()).expect("saved");
        let mut elsewhere = empty();
        elsewhere.last = Some("x.txt".into());
        save(&path, &other, &elsewhere).expect("saved");
        save(&path, &other, &empty()).expect("saved");
        assert_eq!(load(&path, &seeds), Ok(sample()));
        assert_eq!(load(&path, &other), Ok(empty()));
        let text = fs::read_to_string(&path).expect("read");
        assert!(text.contains("/libraries/seeds"), "{text}");
    }

    #[test]
    fn a_version_1_file_is_the_state_of_the_library_opened() {
        let dir = tempfile::TempDir::new().expect("temp dir");
        let path = dir.path().join("state.toml");
        fs::write(
            &path,
            "version = 1\nlast = \"a.txt\"\n[marks.b]\narticle = \"a.txt\"\ntop = 3\ncursor = 4\n",
        )
        .expect("written");
        let state = load(&path, &library("seeds")).expect("read");
        assert_eq!(state.last.as_deref(), Some("a.txt"));
        assert_eq!(state.marks["b"].position.top, 3);
        save(&path, &library("seeds"), &state).expect("saved");
        assert_eq!(load(&path, &library("seeds")), Ok(state));
        assert_eq!(load(&path, &library("other")), Ok(empty()));
    }

    #[test]
    fn a_broken_file_is_an_error_naming_file_and_line_and_is_not_overwritten() {
        let dir = tempfile::TempDir::new().expect("temp dir");
        let path = dir.path().join("state.toml");
        let broken = "version = 2\n[libraries.x.articles.\"a.txt\"]\ntop = \"x\"\ncursor = 0\n";
        fs::write(&path, broken).expect("written");
        let err = load(&path, &library("x")).expect_err("refused");
        assert!(err.contains("state.toml:3"), "{err}");
        assert!(save(&path, &library("x"), &sample()).is_err());
        assert_eq!(fs::read_to_string(&path).expect("read"), broken);
        fs::write(&path, "version = 9\n").expect("written");
        assert!(load(&path, &library("x"))
            .expect_err("refused")
            .contains("unknown version 9"));
    }
}
