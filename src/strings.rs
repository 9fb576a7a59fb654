//! Every sentence the reader shows to the user, in one place.

pub const LIBRARY: &str = "Library";
pub const SOURCE: &str = "Source";
pub const HELP_TITLE: &str = "Keys";
/// The end of the key help: how copying reaches the clipboard.
pub const CLIPBOARD_TITLE: &str = "Clipboard";
pub const CLIPBOARD_HELP: &[&str] = &[
    "Copying asks the terminal to set the clipboard (OSC 52).",
    "Some terminals ignore it, or ask first; in tmux it needs",
    "`set -g set-clipboard on` in ~/.tmux.conf.",
];
pub const MESSAGES_TITLE: &str = "Messages";
/// After a status message cut short, beside the key that shows it all.
pub const MORE: &str = "shows all";
pub const NO_MESSAGES: &str = "No problems while loading the library, and no messages yet.";
pub const NO_ARTICLES: &str = "No articles to show.";
pub const TOO_SMALL: &str = "terminal too small";
pub const KEY_POINTS: &str = "Key points";
pub const REFS: &str = "Cross-references";
pub const TOPICS_TITLE: &str = "Shared topics";
pub const ANALYSING: &str = "Analysing the library…";
pub const VISUAL: &str = "VISUAL";
pub const ANALYSING_SHORT: &str = "analysing…";
/// The status bar while an earlier analysis is shown and a fresh one made.
pub const UPDATING_SHORT: &str = "updating…";
/// Printed when quitting waits for the analysis to be saved.
pub const SAVING_ANALYSIS: &str = "briefing: saving the analysis for the next start…";
/// An analysis pane for an article that changed since the analysis shown.
pub const ARTICLE_CHANGED: &str =
    "This article is new or changed since the last analysis. Analysing the library…";
pub const NO_KEY_POINTS: &str = "This article has no sentences to rank.";
pub const NO_LINKS: &str = "Nothing in other articles is strongly related to this paragraph.";
pub const RELATED_ARTICLES: &str = "Related articles";
pub const BECAUSE: &str = "shares:";
pub const NO_TOPICS: &str = "No topic is shared by two or more articles.";
pub const TOPICS_FOOTER: &str = "Enter opens · Esc back · t closes";
pub const NOTES: &str = "Notes";
pub const ALL_NOTES: &str = "All notes";
pub const NO_NOTES: &str = "No notes here yet. In the text, press a to annotate the passage, or v to choose sentences first.";
pub const NOTES_READ_ONLY: &str = "Notes are read-only:";
pub const NOTES_NOT_SAVED: &str =
    "Notes NOT saved (kept in memory, retried on the next change; M shows why):";
/// The messages overlay while notes are not saved.
pub const NOTES_UNSAVED_MESSAGE: &str = "Notes NOT saved; they are kept in memory, and quitting writes them to a recovery file beside the notes file. R in the notes pane reads the file again and merges it with them. Why:";
pub const NOTES_READ_ONLY_MESSAGE: &str = "Notes are read-only here:";
pub const NOTES_SAVED_AGAIN: &str = "Notes saved.";
pub const NOTES_RELOADED: &str = "Notes file read again and merged with the notes here.";
pub const NOTES_TAKEN_OVER: &str = "The other briefing has quit: notes are saved here again.";
pub const EMPTY_NOTE: &str = "Empty note not saved.";
pub const NOTE_DELETED: &str = "Note deleted; u restores it.";
pub const NOTE_SAVED: &str = "Note saved.";
pub const NOTE_RESTORED: &str = "Note restored.";
pub const NOTE_REATTACHED: &str = "Note attached to the chosen text.";
/// The notes pane's row in place of the text of a highlight (a note
/// without text).
pub const HIGHLIGHT: &str = "highlight";
pub const HIGHLIGHTED: &str = "Highlighted.";
pub const HIGHLIGHT_REMOVED: &str = "Highlight removed; u in the notes pane restores it.";
pub const COPIED: &str = "Copied";
pub const COPIED_REFERENCE: &str = "Copied the reference:";
pub const COPIED_NOTE: &str = "Copied the note";
pub const COPIED_HIGHLIGHT: &str = "Copied the highlighted text";
pub const NOTHING_TO_COPY: &str = "Nothing to copy here.";
pub const COPIED_LINK: &str = "Copied the link:";
pub const NO_LINK: &str = "No link in this passage.";
/// Leads the address of the passage's first link in the status bar.
pub const LINK: &str = "link";
pub const NO_LINK_ADDRESSES: &str = "This article has no links.";
pub const LINKS_TITLE: &str = "Links";
/// Marks an image among the links.
pub const IMAGE: &str = "[image]";
pub const LINKS_FOOTER: &str = "1-9 choose · Enter shows in the text · y copies · Esc closes";
pub const EXTERNAL_FAILED: &str = "Could not open the article:";
/// The lead of the note search prompt.
pub const PROMPT_NOTES: &str = "search notes: ";
/// The note search in the status bar, before its query.
pub const NOTES_FIND: &str = "notes/";
pub const NO_NOTE_MATCHES: &str = "No note says";
pub const ORPHANS: &str = "Orphans: their text is gone; r attaches one to the chosen text";
/// The all-notes title: notes of articles that are not in this library.
pub const NOTES_ELSEWHERE: &str = "in other libraries";
pub const APPROXIMATE: &str = "approximate";
pub const EDITOR_TITLE: &str = "Note";
pub const EDITOR_FOOTER: &str = "Ctrl-S saves · Esc cancels";
pub const DISCARD: &str = "Esc again discards your changes; any other key goes on editing";
pub const CONFIRM_DELETE: &str = "Delete this note? y deletes, any other key keeps it";
pub const EXPORTED: &str = "Notes exported to";
pub const EXPORT_FAILED: &str = "Could not export the notes:";
pub const NOT_FOUND: &str = "Not found:";
pub const NO_ARTICLE_MENTIONS: &str = "No article mentions";
pub const SEARCH_WRAPPED: &str = "Search went round to the other end.";
pub const RESULTS_TITLE: &str = "Search results";
pub const RESULTS_FOOTER: &str = "Enter jumps · Esc closes";
pub const PICKER_TITLE: &str = "Open article";
pub const PICKER_FOOTER: &str = "type to filter · ↑↓ choose · Enter opens · Esc closes";
pub const PROMPT_LIBRARY: &str = "search library: ";
pub const PROMPT_PICKER: &str = "open: ";
pub const NO_MATCHES: &str = "Nothing matches.";
pub const COMPARE_TITLE: &str = "Compare";
pub const COMPARE_FOOTER: &str = "j/k scroll · Tab other side · Esc back";
pub const BAD_MARK: &str = "Bookmarks are named by a letter or digit.";
pub const MARK_SET: &str = "Bookmark set:";
/// The status bar while `m` waits for its letter.
pub const MARK_PENDING: &str = "mark: press a letter";
/// The status bar while `'` waits for its letter.
pub const JUMP_TO_MARK_PENDING: &str = "go to mark: press a letter";
pub const NO_MARK: &str = "No bookmark";
pub const STATE_NOT_SAVED: &str = "Reading state not saved:";
pub const STATE_IGNORED: &str = "reading state not used (and not overwritten) until fixed:";
/// Printed, and nothing else, when the reader is started without a terminal.
pub const NEEDS_TERMINAL: &str = "briefing needs a terminal; use `briefing dump` for scripts";
pub const NOT_WATCHED: &str = "changes on disk are not followed while the reader runs:";
pub const LOADING: &str = "Reading the library…";
pub const LOADING_SHORT: &str = "loading…";
pub const HELP_FOOTER: &str = "Esc closes · j/k scroll";

/// The empty-library explanation, naming where the reader looked.
pub fn empty_library(sources: &[String]) -> Vec<String> {
    let mut lines = vec![NO_ARTICLES.to_string(), String::new()];
    if sources.is_empty() {
        lines.push("No library is configured.".to_string());
    } else {
        lines.push(format!("Looked in: {}", sources.join(", ")));
        lines.push("Articles are .txt, .md and .pdf files.".to_string());
    }
    lines.push(String::new());
    lines.push("Open a folder with:  briefing PATH".to_string());
    lines.push("or set [library] paths in config.toml.".to_string());
    lines
}

/// 1324 → "1,324 words".
pub fn word_count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out} {}", if n == 1 { "word" } else { "words" })
}

pub fn problems_hint(skipped: usize, warnings: usize) -> String {
    let mut parts = Vec::new();
    if skipped > 0 {
        parts.push(format!("{skipped} skipped"));
    }
    if warnings > 0 {
        parts.push(format!(
            "{warnings} warning{}",
            if warnings == 1 { "" } else { "s" }
        ));
    }
    format!("⚠ {} (M)", parts.join(", "))
}

/// What a step of the analysis works on, for the status bar.
pub fn step(step: crate::analysis::Step) -> &'static str {
    use crate::analysis::Step;
    match step {
        Step::Words => "words",
        Step::Topics => "shared topics",
        Step::Weights => "term weights",
        Step::Links => "cross-references",
        Step::Related => "related articles",
        Step::KeyPoints => "key points",
    }
}

/// `n` and the noun, plural when `n` is not 1: "1 article", "2 notes".
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// Names of files for a message: the first three, then how many more.
fn some_names(names: &[String]) -> String {
    let mut out = names.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > 3 {
        out.push_str(&format!(" and {} more", names.len() - 3));
    }
    out
}

/// What changed in the library on disk, for the status bar: "1 article
/// added: x.txt; 2 articles changed: a.md, b.md"; a renamed one is named
/// "old → new". The names are shown as given: sanitise them first.
pub fn library_changed(
    added: &[String],
    changed: &[String],
    renamed: &[String],
    removed: &[String],
) -> String {
    [
        (added, "added"),
        (changed, "changed"),
        (renamed, "renamed"),
        (removed, "deleted"),
    ]
    .iter()
    .filter(|(names, _)| !names.is_empty())
    .map(|(names, what)| {
        format!(
            "{} {what}: {}",
            count(names.len(), "article"),
            some_names(names)
        )
    })
    .collect::<Vec<_>>()
    .join("; ")
}

/// The open article's file was deleted: what is shown now, and that its
/// notes are kept. The names are shown as given: sanitise them first.
pub fn open_article_deleted(gone: &str, now: Option<&str>, notes: usize) -> String {
    let mut out = format!("{gone} was deleted");
    if let Some(now) = now {
        out.push_str(&format!("; showing {now}"));
    }
    out.push('.');
    if notes > 0 {
        out.push_str(&format!(
            " Its {} kept in the notes file.",
            if notes == 1 {
                "note is".to_string()
            } else {
                format!("{notes} notes are")
            }
        ));
    }
    out
}

/// How the notes of articles whose text changed on disk were placed again.
pub fn notes_followed(moved: usize, lost: usize) -> String {
    let mut parts = Vec::new();
    if moved > 0 {
        parts.push(format!("{} moved with the text", count(moved, "note")));
    }
    if lost > 0 {
        parts.push(format!(
            "{} not found in the new text (kept; listed under Orphans in the notes pane, r attaches one again)",
            count(lost, "note")
        ));
    }
    format!("Article changed on disk: {}.", parts.join("; "))
}

/// Notes changed differently here and in the notes file.
pub fn notes_in_conflict(n: usize) -> String {
    format!(
        "{} changed both here and in the notes file: yours kept, and the file's version beside each as a note tagged #conflict.",
        count(n, "note")
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn word_counts_group_thousands() {
        assert_eq!(super::word_count(1), "1 word");
        assert_eq!(super::word_count(7), "7 words");
        assert_eq!(super::word_count(1324), "1,324 words");
        assert_eq!(super::word_count(1234567), "1,234,567 words");
    }
}
