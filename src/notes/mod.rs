//! Notes on passages of articles: the pure core, with no terminal in it.
//!
//! A note is anchored to an article by the quoted text, some context either
//! side and byte offsets ([`Anchor`]); when the article changes, [`locate`]
//! finds the passage again (or reports it orphaned). The [`Store`] keeps all
//! notes in one human-readable TOML file, saved atomically and guarded by a
//! lock so two running readers never overwrite each other's notes.
//! [`by_article`] groups notes for an export, which `output::notes` writes
//! as Markdown or JSON.

mod anchor;
mod store;

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

pub use anchor::{locate, Placement};
pub use store::{Access, Store};

/// Where a note's article is: its path relative to the library folder it was
/// found in (`Article::display_path`), and a fingerprint of its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleRef {
    pub path: String,
    pub fingerprint: String,
    /// For an article converted from a web page or a book: the
    /// fingerprint of the file itself (`Article::source_fingerprint`). A
    /// release that converts the file differently changes the text's
    /// fingerprint but not this one, so the note still finds its article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The conversion that made the text the note was made on
    /// (`Article::extraction`, "HTML 1").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extraction: Option<String>,
}

impl ArticleRef {
    /// The reference to `article` as it is now.
    pub fn of(article: &crate::corpus::Article) -> ArticleRef {
        ArticleRef {
            path: article.display_path.clone(),
            fingerprint: article.fingerprint.clone(),
            source: article.source_fingerprint.clone(),
            extraction: article.extraction(),
        }
    }
}

/// What a note's article is recognised by: its display path, the
/// fingerprint of its text and, if it was converted, of its source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key<'a> {
    pub path: &'a str,
    pub fingerprint: &'a str,
    pub source: Option<&'a str>,
}

impl<'a> Key<'a> {
    pub fn of(article: &'a crate::corpus::Article) -> Key<'a> {
        Key {
            path: &article.display_path,
            fingerprint: &article.fingerprint,
            source: article.source_fingerprint.as_deref(),
        }
    }
}

/// An article read as written: a path and the fingerprint of its text.
impl<'a> From<(&'a str, &'a str)> for Key<'a> {
    fn from((path, fingerprint): (&'a str, &'a str)) -> Key<'a> {
        Key {
            path,
            fingerprint,
            source: None,
        }
    }
}

/// The exact quoted text, some context either side (about 40 chars, cut on
/// char boundaries), and byte offsets into the article text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    pub quote: String,
    pub before: String,
    pub after: String,
    pub start: usize,
    pub end: usize,
}

/// One note on a passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub id: String,
    pub text: String,
    pub tags: Vec<String>,
    /// RFC 3339 UTC.
    pub created: String,
    /// RFC 3339 UTC.
    pub updated: String,
    pub article: ArticleRef,
    pub anchor: Anchor,
}

impl Note {
    /// Whether the note is a highlight: it marks its text and says nothing.
    pub fn is_highlight(&self) -> bool {
        self.text.trim().is_empty()
    }
}

pub use crate::text::fnv::fingerprint;

/// Characters that may follow `#` in a tag.
fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// `#tag` words of a note's text, lower-cased, deduplicated, in order.
///
/// A tag starts with `#` at the start of the text or after whitespace or an
/// opening bracket or quote, and runs over letters, digits, `-` and `_`
/// (trailing `-`/`_` dropped); it must hold at least one letter. So
/// `#NATO-Japan` is `nato-japan`, while `#`, `C#`, `x/#anchor` and `#2`
/// are not tags.
pub fn tags(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let starts = c == '#' && prev.is_none_or(|p| p.is_whitespace() || "([{\"'“‘«<".contains(p));
        prev = Some(c);
        if !starts {
            continue;
        }
        let rest = &text[i + 1..];
        let len: usize = rest
            .chars()
            .take_while(|&c| is_tag_char(c))
            .map(char::len_utf8)
            .sum();
        let word = rest[..len].trim_end_matches(['-', '_']);
        if word.chars().any(char::is_alphabetic) && !word.starts_with(['-', '_']) {
            let tag = word.to_lowercase();
            if !out.contains(&tag) {
                out.push(tag);
            }
        }
        // Skip the word so a `#` inside it ("#a#b") is not taken as a tag.
        while let Some(&(_, c)) = chars.peek() {
            if !is_tag_char(c) {
                break;
            }
            prev = Some(c);
            chars.next();
        }
    }
    out
}

/// The current time as RFC 3339 UTC, to the second ("2026-11-23T13:20:05Z").
pub fn now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    rfc3339(secs)
}

/// `secs` after the Unix epoch as RFC 3339 UTC.
pub fn rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A new unique id: the time in nanoseconds, the process id and a counter,
/// in hex ("18a3f0c2b4d5e6f7-3039-0"). Two instances differ by pid; one
/// instance never repeats thanks to the counter.
pub fn new_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    id_at(nanos, std::process::id(), n)
}

/// The id of the `n`th note made at `nanos` (since the Unix epoch) by
/// process `process`: see [`new_id`].
pub fn id_at(nanos: u64, process: u32, n: u64) -> String {
    format!("{nanos:x}-{process:x}-{n:x}")
}

/// Which article a note belongs to, given each article's [`Key`]: same
/// path and fingerprint; else the same fingerprint anywhere (the file was
/// renamed or moved); else, for a converted article, the same source file
/// at the same path, then anywhere (a new release converts it differently);
/// else the same path (the file was edited); else `None`.
pub fn find_article<'a, K>(note: &Note, articles: &[K]) -> Option<usize>
where
    K: Copy + Into<Key<'a>>,
{
    let r = &note.article;
    let keys: Vec<Key<'a>> = articles.iter().map(|&k| k.into()).collect();
    let same_source = |k: &Key| r.source.is_some() && k.source == r.source.as_deref();
    keys.iter()
        .position(|k| k.path == r.path && k.fingerprint == r.fingerprint)
        .or_else(|| keys.iter().position(|k| k.fingerprint == r.fingerprint))
        .or_else(|| keys.iter().position(|k| k.path == r.path && same_source(k)))
        .or_else(|| keys.iter().position(same_source))
        .or_else(|| keys.iter().position(|k| k.path == r.path))
}

/// The tag that marks the file's version of a note changed both in the
/// reader and in the notes file, kept as a note of its own.
pub const CONFLICT_TAG: &str = "conflict";

/// The notes file read again merged with the notes in memory.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Merged {
    pub notes: Vec<Note>,
    /// Notes changed both here and in the file in different ways: each is
    /// kept as changed here, and the file's version follows it as a note
    /// of its own, tagged [`CONFLICT_TAG`].
    pub conflicts: usize,
}

/// The notes file read again (`on_disk`) merged with the notes in memory
/// (`ours`), note by note against `base`, the notes as the file held them
/// when it was last read or written here. A note changed (or added, or
/// deleted) on one side only takes that side's change; a note changed the
/// same way on both sides is kept once; a note changed differently on both
/// sides is a conflict, and both versions are kept. A note deleted on one
/// side but changed on the other is kept as changed: nothing is lost. The
/// file's notes keep their order, ours that it lacks follow.
pub fn merge(base: &[Note], ours: &[Note], on_disk: Vec<Note>) -> Merged {
    let find = |notes: &'_ [Note], id: &str| notes.iter().position(|n| n.id == id);
    let mut out: Vec<Note> = Vec::with_capacity(ours.len() + on_disk.len());
    let mut copies: Vec<(usize, Note)> = Vec::new();
    for theirs in &on_disk {
        let base = find(base, &theirs.id).map(|i| &base[i]);
        let mine = find(ours, &theirs.id).map(|i| &ours[i]);
        match (base, mine) {
            (_, Some(mine)) if mine == theirs => out.push(theirs.clone()),
            (Some(base), Some(mine)) if mine == base => out.push(theirs.clone()),
            (Some(base), Some(mine)) if theirs == base => out.push(mine.clone()),
            (_, Some(mine)) => {
                out.push(mine.clone());
                copies.push((out.len(), theirs.clone()));
            }
            // Deleted here and not changed in the file since.
            (Some(base), None) if base == theirs => {}
            (_, None) => out.push(theirs.clone()),
        }
    }
    for mine in ours {
        if find(&on_disk, &mine.id).is_some() {
            continue;
        }
        match find(base, &mine.id) {
            // Deleted in the file and not changed here since.
            Some(i) if base[i] == *mine => {}
            _ => out.push(mine.clone()),
        }
    }
    let conflicts = copies.len();
    // Each copy goes right after the note it is a version of.
    for (at, mut theirs) in copies.into_iter().rev() {
        theirs.id = unused_id(&out, &format!("{}-conflict", theirs.id));
        if !theirs.tags.iter().any(|t| t == CONFLICT_TAG) {
            theirs.tags.push(CONFLICT_TAG.to_string());
        }
        out.insert(at, theirs);
    }
    Merged {
        notes: out,
        conflicts,
    }
}

/// `id`, or `id-2`, `id-3`… whichever no note in `notes` has.
fn unused_id(notes: &[Note], id: &str) -> String {
    let taken = |c: &str| notes.iter().any(|n| n.id == c);
    if !taken(id) {
        return id.to_string();
    }
    (2..)
        .map(|n| format!("{id}-{n}"))
        .find(|c| !taken(c))
        .unwrap_or_else(|| id.to_string())
}

/// The groups an export writes: per article in library order, its notes
/// in text order; notes whose article is gone come last under their path.
/// Each group is its title, its path and its notes.
pub fn by_article<'a>(
    notes: &'a [Note],
    articles: &[crate::corpus::Article],
) -> Vec<(String, String, Vec<&'a Note>)> {
    let keys: Vec<Key> = articles.iter().map(Key::of).collect();
    let mut placed: Vec<(usize, usize, &Note)> = notes
        .iter()
        .map(|n| match find_article(n, &keys) {
            Some(a) => {
                let start = locate(&n.anchor, &articles[a].text)
                    .span()
                    .map_or(usize::MAX, |s| s.start);
                (a, start, n)
            }
            None => (usize::MAX, 0, n),
        })
        .collect();
    placed.sort_by_key(|&(a, start, _)| (a, start));
    let mut groups: Vec<(String, String, Vec<&Note>)> = Vec::new();
    for (a, _, n) in placed {
        let (title, path) = match articles.get(a) {
            Some(article) => (
                article.title.clone(),
                crate::text::sanitize::one_line(&article.path.display().to_string()),
            ),
            None => (n.article.path.clone(), n.article.path.clone()),
        };
        match groups.last_mut() {
            Some(g) if g.1 == path => g.2.push(n),
            _ => groups.push((title, path, vec![n])),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_words_after_a_hash() {
        assert_eq!(
            tags("#NATO-Japan talks, see #nato-japan and #Energy. C# # #2 x/#frag (#quoted)"),
            vec!["nato-japan", "energy", "quoted"]
        );
        assert_eq!(tags("#a#b #trail- #_x"), vec!["a", "trail"]);
        assert_eq!(tags("line\n#Ökonomie"), vec!["ökonomie"]);
        assert!(tags("").is_empty());
    }

    #[test]
    fn dates_are_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_795_440_005), "2026-11-23T13:20:05Z");
        let n = now();
        assert_eq!(n.len(), 20);
        assert!(n.ends_with('Z') && n.as_bytes()[10] == b'T', "{n}");
    }

    #[test]
    fn ids_do_not_repeat() {
        let ids: std::collections::HashSet<String> = (0..1000).map(|_| new_id()).collect();
        assert_eq!(ids.len(), 1000);
    }

    fn note_for(path: &str, fp: &str) -> Note {
        Note {
            id: "x".into(),
            text: String::new(),
            tags: vec![],
            created: String::new(),
            updated: String::new(),
            article: ArticleRef {
                path: path.into(),
                fingerprint: fp.into(),
                source: None,
                extraction: None,
            },
            anchor: Anchor {
                quote: String::new(),
                before: String::new(),
                after: String::new(),
                start: 0,
                end: 0,
            },
        }
    }

    #[test]
    fn articles_are_found_by_path_and_fingerprint_in_order() {
        let lib = [
            ("a.md", "1"),
            ("b.md", "2"),
            ("moved/c.md", "3"),
            ("c.md", "9"),
        ];
        assert_eq!(find_article(&note_for("b.md", "2"), &lib), Some(1));
        // Renamed: the fingerprint wins over a file now at the old path.
        assert_eq!(find_article(&note_for("c.md", "3"), &lib), Some(2));
        // Edited in place.
        assert_eq!(find_article(&note_for("a.md", "7"), &lib), Some(0));
        assert_eq!(find_article(&note_for("z.md", "7"), &lib), None);
    }

    fn noted(id: &str, text: &str) -> Note {
        Note {
            id: id.into(),
            text: text.into(),
            ..note_for("a.md", "1")
        }
    }

    fn ids(m: &Merged) -> Vec<&str> {
        m.notes.iter().map(|n| n.id.as_str()).collect()
    }

    #[test]
    fn a_change_on_one_side_is_taken_from_that_side() {
        let base = [noted("a", "one"), noted("b", "two"), noted("c", "three")];
        // Here: b edited, c deleted, d added. There: a edited, e added.
        let ours = [noted("a", "one"), noted("b", "TWO"), noted("d", "four")];
        let theirs = vec![
            noted("a", "ONE"),
            noted("b", "two"),
            noted("c", "three"),
            noted("e", "five"),
        ];
        let m = merge(&base, &ours, theirs);
        assert_eq!(m.conflicts, 0);
        assert_eq!(ids(&m), ["a", "b", "e", "d"]);
        assert_eq!(m.notes[0].text, "ONE");
        assert_eq!(m.notes[1].text, "TWO");
    }

    #[test]
    fn a_note_changed_on_both_sides_is_kept_in_both_versions() {
        let base = [noted("a", "one")];
        let ours = [noted("a", "mine")];
        let m = merge(&base, &ours, vec![noted("a", "theirs")]);
        assert_eq!(m.conflicts, 1);
        assert_eq!(ids(&m), ["a", "a-conflict"]);
        assert_eq!(m.notes[0].text, "mine");
        assert_eq!(m.notes[1].text, "theirs");
        assert_eq!(m.notes[1].tags, [CONFLICT_TAG]);
        // The same change on both sides is no conflict.
        let m = merge(&base, &ours, vec![noted("a", "mine")]);
        assert_eq!((m.conflicts, ids(&m)), (0, vec!["a"]));
    }

    #[test]
    fn a_note_deleted_on_one_side_and_changed_on_the_other_is_kept() {
        let base = [noted("a", "one"), noted("b", "two")];
        // a deleted here, changed there; b changed here, deleted there.
        let ours = [noted("b", "TWO")];
        let m = merge(&base, &ours, vec![noted("a", "ONE")]);
        assert_eq!(m.conflicts, 0);
        assert_eq!(ids(&m), ["a", "b"]);
        assert_eq!(
            (m.notes[0].text.as_str(), m.notes[1].text.as_str()),
            ("ONE", "TWO")
        );
    }
}
