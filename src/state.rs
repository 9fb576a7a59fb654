//! The reading state that survives restarts: the last open article, the
//! place and progress in every article, and bookmarks. It lives in
//! `state.toml` beside the notes and is written with the same care.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::durable;

/// The file format's version.
pub const VERSION: u32 = 1;

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

/// Everything remembered between runs. Articles are keyed by their path
/// in the library.
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

/// Reads the state; a missing file is an empty state. Any other problem is
/// an error naming the file (and line), and the file must then be left
/// alone.
pub fn load(path: &Path) -> Result<ReadingState, String> {
    let src = match fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(ReadingState {
                version: VERSION,
                ..Default::default()
            })
        }
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let state: ReadingState = toml::from_str(&src).map_err(|e| {
        let line = e.span().map_or(1, |s| {
            src[..s.start.min(src.len())].matches('\n').count() + 1
        });
        format!("{}:{line}: {}", path.display(), e.message().trim())
    })?;
    if state.version != VERSION {
        return Err(format!(
            "{}: unknown version {} (this briefing reads version {VERSION})",
            path.display(),
            state.version
        ));
    }
    Ok(state)
}

/// Writes the state durably.
pub fn save(path: &Path, state: &ReadingState) -> Result<(), String> {
    let body =
        toml::to_string(state).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let text =
        format!("# briefing reading state: where you are in each article, and bookmarks.\n{body}");
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

    #[test]
    fn the_state_round_trips_through_the_file() {
        let dir = tempfile::TempDir::new().expect("temp dir");
        let path = dir.path().join("briefing/state.toml");
        assert_eq!(
            load(&path),
            Ok(ReadingState {
                version: VERSION,
                ..Default::default()
            })
        );
        save(&path, &sample()).expect("saved");
        assert_eq!(load(&path), Ok(sample()));
        save(
            &path,
            &ReadingState {
                version: VERSION,
                ..Default::default()
            },
        )
        .expect("saved again");
        assert!(
            durable::backup_path(&path).exists(),
            "the previous version is kept"
        );
    }

    #[test]
    fn a_broken_file_is_an_error_naming_file_and_line() {
        let dir = tempfile::TempDir::new().expect("temp dir");
        let path = dir.path().join("state.toml");
        fs::write(
            &path,
            "version = 1\n[articles.\"a.txt\"]\ntop = \"x\"\ncursor = 0\n",
        )
        .expect("written");
        let err = load(&path).expect_err("refused");
        assert!(err.contains("state.toml:3"), "{err}");
        fs::write(&path, "version = 9\n").expect("written");
        assert!(load(&path)
            .expect_err("refused")
            .contains("unknown version 9"));
    }
}
