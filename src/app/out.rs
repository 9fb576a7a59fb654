//! Getting text out of the reader: the chosen passage, sentence or range,
//! or a note, copied to the clipboard; a reference to the passage
//! ("Title, ¶ 7, path:line") copied the same way; the article opened in
//! the user's editor at the passage. The clipboard and the editor are the
//! shell's to reach: here they are effects.

use super::action::Effect;
use super::{App, Pane, RefItem};
use crate::strings;
use crate::text::sanitize::{lines_kept, one_line};
use crate::text::Span;

/// The line, counted from 1, that byte `byte` of `text` is on.
pub fn line_of(text: &str, byte: usize) -> usize {
    let end = byte.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// A reference to a passage as people cite it: "Title, ¶ 7, path:line".
pub fn reference(title: &str, paragraph: usize, path: &str, line: usize) -> String {
    format!(
        "{}, ¶ {paragraph}, {}:{line}",
        one_line(title),
        one_line(path)
    )
}

fn words(text: &str) -> String {
    match text.split_whitespace().count() {
        1 => "1 word".to_string(),
        n => format!("{n} words"),
    }
}

impl App {
    /// The open article and the span `y`, `Y` and `o` act on: the visual
    /// range, else the sentence, else the passage under the cursor.
    fn chosen(&self) -> Option<(usize, Span)> {
        Some((self.open?, self.selected_span()?))
    }

    /// What `y`, `Y` and `o` act on in the focused pane: the chosen text in
    /// the source; the selected key point, cross-reference or note; the
    /// start of a related article or of the selected library entry.
    fn pointed(&self) -> Option<(usize, Span)> {
        let start = Span::new(0, 0);
        match self.focus {
            Pane::Source => self.chosen(),
            Pane::KeyPoints => Some((self.open?, self.key_points().get(self.key_point)?.span)),
            Pane::Refs => match self.ref_items().get(self.reference)? {
                RefItem::Link(link) => Some((link.article, link.span)),
                &RefItem::Related(article, _) => Some((article, start)),
            },
            Pane::Notes => {
                let (article, placement) = self.notes.placed[self.selected_note()?]?;
                Some((article, placement.span()?))
            }
            Pane::Library => {
                (self.selected < self.articles.len()).then_some((self.selected, start))
            }
        }
    }

    /// `y` on a key point or cross-reference: copies the sentence or the
    /// linked passage.
    pub(super) fn copy_pointed(&mut self) -> Vec<Effect> {
        let Some((id, span)) = self.pointed().filter(|(_, s)| s.end > s.start) else {
            self.say(strings::NOTHING_TO_COPY);
            return Vec::new();
        };
        let article = &self.articles[id];
        let text = span.of(&article.text);
        let of = if self.open == Some(id) {
            String::new()
        } else {
            format!(" of {}", one_line(&article.title))
        };
        let message = format!(
            "{} ¶ {}{of} ({}).",
            strings::COPIED,
            article.block_at(span.start) + 1,
            words(text)
        );
        let effect = Effect::Copy(lines_kept(text));
        self.say(message);
        vec![effect]
    }

    /// `y` in the source pane: copies the chosen text and says what was
    /// copied; visual mode ends, as in vim.
    pub(super) fn copy_chosen(&mut self) -> Vec<Effect> {
        let Some((id, span)) = self.chosen() else {
            self.say(strings::NOTHING_TO_COPY);
            return Vec::new();
        };
        let article = &self.articles[id];
        let text = span.of(&article.text);
        let first = article.block_at(span.start) + 1;
        let last = article.block_at(span.end.saturating_sub(1).max(span.start)) + 1;
        let paragraphs = if last > first {
            format!("¶ {first}–{last}")
        } else {
            format!("¶ {first}")
        };
        let what = match (self.selection.visual, self.selection.sentence) {
            (Some(a), Some(b)) => {
                let n = a.abs_diff(b) + 1;
                if n == 1 {
                    format!("1 sentence of {paragraphs}")
                } else {
                    format!("{n} sentences of {paragraphs}")
                }
            }
            (None, Some(_)) => format!("1 sentence of {paragraphs}"),
            _ => paragraphs,
        };
        let message = format!("{} {what} ({}).", strings::COPIED, words(text));
        let effect = Effect::Copy(lines_kept(text));
        self.say(message);
        self.selection.visual = None;
        vec![effect]
    }

    /// `y` in the notes pane: copies the selected note's text, or for a
    /// highlight the text it marks.
    pub(super) fn copy_note(&mut self, i: usize) -> Vec<Effect> {
        let note = &self.notes.notes[i];
        let (text, what) = if note.text.trim().is_empty() {
            (note.anchor.quote.as_str(), strings::COPIED_HIGHLIGHT)
        } else {
            (note.text.as_str(), strings::COPIED_NOTE)
        };
        let message = format!("{what} ({}).", words(text));
        let effect = Effect::Copy(lines_kept(text));
        self.say(message);
        vec![effect]
    }

    /// `Y`: copies "Title, ¶ 7, path:line" for what the focused pane
    /// points at.
    /// `u` in the source pane: copies the address of the passage's first
    /// link.
    pub(super) fn copy_link(&mut self) -> Vec<Effect> {
        let Some(url) = self.passage_links().first().map(|l| one_line(&l.url)) else {
            self.say(strings::NO_LINK);
            return Vec::new();
        };
        self.say(format!("{} {url}", strings::COPIED_LINK));
        vec![Effect::Copy(url)]
    }

    pub(super) fn copy_reference(&mut self) -> Vec<Effect> {
        let Some((id, span)) = self.pointed() else {
            self.say(strings::NOTHING_TO_COPY);
            return Vec::new();
        };
        let article = &self.articles[id];
        let text = reference(
            &article.title,
            article.block_at(span.start) + 1,
            &article.display_path,
            line_of(&article.text, span.start),
        );
        self.say(format!("{} {text}", strings::COPIED_REFERENCE));
        vec![Effect::Copy(text)]
    }

    /// `o`: opens the article's file in the user's editor at the line of
    /// what the focused pane points at.
    pub(super) fn open_external(&mut self) -> Vec<Effect> {
        let Some((id, span)) = self.pointed() else {
            return Vec::new();
        };
        let article = &self.articles[id];
        vec![Effect::OpenExternal {
            path: article.path.clone(),
            line: line_of(&article.text, span.start),
        }]
    }

    /// The editor has exited, or could not be started.
    pub(super) fn external_done(&mut self, outcome: Result<(), String>) {
        if let Err(why) = outcome {
            self.say(format!("{} {}", strings::EXTERNAL_FAILED, one_line(&why)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_from_one_at_any_byte() {
        let text = "Title\n\nFirst para.\nstill first\n\nSecond";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 5), 1);
        assert_eq!(line_of(text, 6), 2);
        assert_eq!(line_of(text, text.find("First").unwrap_or(0)), 3);
        assert_eq!(line_of(text, text.find("Second").unwrap_or(0)), 6);
        assert_eq!(line_of(text, 10_000), 6);
    }

    #[test]
    fn a_reference_names_title_paragraph_path_and_line_on_one_line() {
        assert_eq!(
            reference("NATO in Tokyo", 7, "asia/nato.md", 31),
            "NATO in Tokyo, ¶ 7, asia/nato.md:31"
        );
        let hostile = reference("a\u{1b}[2Jb\nc", 1, "x\u{7}.md", 2);
        assert!(!hostile.chars().any(char::is_control), "{hostile:?}");
    }
}
