//! The lists of the panes (the library, key points, notes,
//! cross-references) as rows: which text goes on which row of each entry, and which entry shows
//! which item. The UI styles these rows and the mouse hit-tests them, so a
//! click lands on the entry that is drawn under it.

use std::ops::Range;

use super::layout::Area;
use super::{App, RefItem};
use crate::analysis::Link;
use crate::corpus::Article;
use crate::notes::Note;
use crate::strings;
use crate::text::layout::{first_rows, Row};
use crate::text::sanitize::one_line;
use crate::text::wrap::{str_width, truncate, wrap, wrap_first};

/// Rows of a passage snippet shown under each link.
pub const SNIPPET_ROWS: usize = 3;
/// Rows of quote and of note text shown per note at most.
pub const QUOTE_ROWS: usize = 2;
pub const TEXT_ROWS: usize = 4;

/// Columns of an article's title the library shows at least, on as many
/// rows as that takes, two or three.
const TITLE_COLS: usize = 56;
/// Columns before the title of a library entry: the open mark and the
/// reading progress.
pub const LIBRARY_PREFIX: usize = 3;

/// An article's entry in the library: its title on two rows, or three in
/// a narrow pane (shortened at a word, ending in `…`, when longer),
/// then a line of its length, date and source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryEntry {
    pub title: Vec<String>,
    pub about: String,
}

impl LibraryEntry {
    /// The entry of `article`, shown as `title`, in a pane inside `width`
    /// wide.
    pub fn new(article: &Article, title: &str, width: usize) -> LibraryEntry {
        let room = width.saturating_sub(LIBRARY_PREFIX).max(1);
        let most = TITLE_COLS.div_ceil(room).clamp(2, 3);
        let (rows, cut) = shown_rows(title, room, most);
        let mut lines: Vec<String> = rows.iter().map(|r| title[r.clone()].to_string()).collect();
        if cut {
            if let Some(last) = lines.last_mut() {
                last.push('…');
            }
        }
        let meta = &article.meta;
        let about: Vec<String> = [
            Some(strings::word_count(article.words)),
            meta.date.as_deref().map(one_line),
            Some(
                meta.source
                    .as_deref()
                    .map(one_line)
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| article.display_path.clone()),
            ),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
        LibraryEntry {
            title: lines,
            about: truncate(&about.join(" · "), room),
        }
    }

    /// Rows of the whole entry.
    pub fn height(&self) -> usize {
        self.title.len() + 1
    }
}

/// How a list's entries (items and headers) sit in a pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    /// Rows of each entry.
    pub heights: Vec<usize>,
    /// The entry that shows each item.
    pub item_entry: Vec<usize>,
    /// The selected item.
    pub selected: usize,
}

impl Shape {
    /// The entry that shows the selected item.
    pub fn selected_entry(&self) -> Option<usize> {
        self.item_entry
            .get(self.selected.min(self.item_entry.len().saturating_sub(1)))
            .copied()
    }

    /// The first entry shown in `height` rows, so that the selected entry
    /// fits below it.
    pub fn first(&self, height: usize) -> usize {
        first_entry(&self.heights, self.selected_entry(), height)
    }

    /// The item drawn on `row` (counted from the top of the pane's inside)
    /// of a pane `height` rows high.
    pub fn item_at(&self, height: usize, row: usize) -> Option<usize> {
        let mut top = 0;
        for (entry, h) in self.heights.iter().enumerate().skip(self.first(height)) {
            if row < top + h {
                return self.item_entry.iter().position(|&e| e == entry);
            }
            top += h;
        }
        None
    }
}

/// The first entry to show so that entry `selected` fits in `height`
/// rows below it.
pub fn first_entry(heights: &[usize], selected: Option<usize>, height: usize) -> usize {
    let mut first = 0;
    if let Some(sel) = selected.filter(|&s| s < heights.len()) {
        while first < sel && heights[first..=sel].iter().sum::<usize>() > height {
            first += 1;
        }
    }
    first
}

/// The rows of a note's entry: its quote, its text and whether the text
/// goes on beyond the rows shown. The entry ends with one line about the
/// note (tags, article).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteRows {
    /// The quote on one line, and its rows as ranges into it.
    pub quote: String,
    pub quote_rows: Vec<Range<usize>>,
    /// The rows of the note's text, each on one line.
    pub text_rows: Vec<String>,
    pub more: bool,
}

impl NoteRows {
    pub fn new(note: &Note, width: usize) -> NoteRows {
        let quote = one_line(&note.anchor.quote);
        let quote_rows = wrap(&quote, width.saturating_sub(2))
            .into_iter()
            .take(QUOTE_ROWS)
            .collect();
        let mut text_rows = Vec::new();
        let mut more = false;
        for line in note.text.lines() {
            let line = one_line(line);
            for r in wrap(&line, width.saturating_sub(2)) {
                if text_rows.len() < TEXT_ROWS {
                    text_rows.push(line[r].to_string());
                } else {
                    more = true;
                }
            }
        }
        NoteRows {
            quote,
            quote_rows,
            text_rows,
            more,
        }
    }

    /// Rows of the whole entry (a highlight shows one row saying so in
    /// place of its empty text).
    pub fn height(&self) -> usize {
        let highlight = self.text_rows.is_empty() && !self.more;
        self.quote_rows.len() + self.text_rows.len() + usize::from(self.more || highlight) + 1
    }
}

/// The rows of the orphans' header in a notes pane `width` wide.
pub fn orphans_header(width: usize) -> Vec<Range<usize>> {
    wrap(strings::ORPHANS, width)
}

/// The rows of the note that no passage is linked, in a pane `width` wide.
pub fn no_links_rows(width: usize) -> Vec<Range<usize>> {
    wrap(strings::NO_LINKS, width)
}

/// The rows of a link's passage snippet (the passage without its list
/// marker or Markdown's markup), and whether the passage goes on beyond
/// them.
pub fn snippet_rows(target: &Article, link: &Link, width: usize) -> (Vec<Row>, bool) {
    let shown = target.blocks[link.block].content;
    let mut rows = first_rows(
        &target.text,
        &target.markup,
        shown,
        width.saturating_sub(2),
        SNIPPET_ROWS + 1,
    );
    let more = rows.len() > SNIPPET_ROWS;
    rows.truncate(SNIPPET_ROWS);
    (rows, more)
}

/// The rows of each key point in a pane inside of `width` × `height`, as
/// ranges into the key point's text as shown (see [`key_point_text`]), and
/// whether it was shortened (then
/// its last row is followed by `…`). A very long key point takes at most
/// half the pane, so that it leaves room for the others, and none takes
/// more than the pane: it is shortened at a word boundary, while the jump
/// to it still highlights the whole sentence.
pub fn key_point_rows(app: &App, width: usize, height: usize) -> Vec<(Vec<Range<usize>>, bool)> {
    let Some(article) = app.open_article() else {
        return Vec::new();
    };
    app.key_points()
        .iter()
        .map(|kp| {
            shown_rows(
                &key_point_text(article, kp.span),
                width.saturating_sub(2).max(1),
                height,
            )
        })
        .collect()
}

/// What the sentence at `span` of `article` shows: for Markdown, without
/// its markup.
pub fn key_point_text(article: &crate::corpus::Article, span: crate::text::Span) -> String {
    article.markup.plain(&article.text, span).into_owned()
}

/// A key point of more words than this takes at most half the pane.
const LONG_WORDS: usize = 40;
/// The fewest rows a long key point is shortened to.
const MIN_ROWS: usize = 3;

/// The rows of a key point `text` wrapped to `width` in a pane `height`
/// rows high, and whether it was shortened: then the last row ends at a
/// word boundary with room for `…` after it. A point longer than the pane
/// is shortened to fit it, and one of more than [`LONG_WORDS`] words to
/// half the pane.
fn shown_rows(text: &str, width: usize, height: usize) -> (Vec<Range<usize>>, bool) {
    let long = text.split_whitespace().nth(LONG_WORDS).is_some();
    let most = if long {
        (height / 2).max(MIN_ROWS)
    } else {
        height
    }
    .min(height)
    .max(1);
    let mut rows = wrap_first(text, width, most + 1);
    if rows.len() <= most {
        return (rows, false);
    }
    rows.truncate(most);
    while let Some(last) = rows.pop() {
        let mut end = last.end;
        // A row can end inside a word, after a hyphen.
        let at_space = text[end..].starts_with(char::is_whitespace);
        if !at_space || str_width(&text[last.start..end]) + 1 > width {
            let Some(space) = text[last.start..end].rfind(char::is_whitespace) else {
                if rows.is_empty() {
                    // One word wider than the pane: shown whole.
                    rows.push(last);
                    return (rows, false);
                }
                continue;
            };
            end = last.start + space;
        }
        let kept = text[last.start..end].trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | ':' | '—' | '–' | '-' | '(')
        });
        if kept.is_empty() {
            continue;
        }
        rows.push(last.start..last.start + kept.len());
        return (rows, true);
    }
    (rows, false)
}

impl App {
    /// The library's entries in its pane: the title shown for each
    /// article, wrapped to the pane's width.
    pub fn library_entries(&self) -> Vec<LibraryEntry> {
        let width = usize::from(self.library_inner().width);
        self.articles
            .iter()
            .map(|a| LibraryEntry::new(a, self.title(a.id), width))
            .collect()
    }

    /// The article drawn on `row` (counted from the top of the pane's
    /// inside) of the library.
    pub fn library_entry_at(&self, row: usize) -> Option<usize> {
        let mut top = 0;
        for (i, entry) in self
            .library_entries()
            .iter()
            .enumerate()
            .skip(self.list_offset)
        {
            top += entry.height();
            if row < top {
                return Some(i);
            }
        }
        None
    }

    /// The key points as a list in a pane inside of `width` × `height`;
    /// `None` before the analysis or without key points.
    pub fn key_points_shape(&self, width: u16, height: u16) -> Option<Shape> {
        if self.analysis.is_none() || self.key_points().is_empty() {
            return None;
        }
        let rows = key_point_rows(self, usize::from(width), usize::from(height));
        Some(Shape {
            heights: rows.iter().map(|(rows, _)| rows.len()).collect(),
            item_entry: (0..rows.len()).collect(),
            selected: self.key_point,
        })
    }

    /// The listed notes as a list in a pane inside `width` wide; `None`
    /// when there are none.
    pub fn notes_shape(&self, width: u16) -> Option<Shape> {
        let items = self.note_items();
        if items.is_empty() {
            return None;
        }
        let width = usize::from(width).max(4);
        let mut heights = Vec::new();
        let mut item_entry = Vec::with_capacity(items.len());
        let mut orphans_shown = false;
        for &i in &items {
            let orphan =
                self.notes.placed[i].is_some_and(|(_, p)| p == crate::notes::Placement::Orphan);
            if orphan && !orphans_shown {
                orphans_shown = true;
                heights.push(orphans_header(width).len());
            }
            item_entry.push(heights.len());
            heights.push(NoteRows::new(&self.notes.notes[i], width).height());
        }
        Some(Shape {
            heights,
            item_entry,
            selected: self.notes.selected,
        })
    }

    /// The cross-references and related articles as a list in a pane
    /// inside `width` wide, headers included; `None` before the analysis.
    pub fn refs_shape(&self, width: u16) -> Option<Shape> {
        self.open?;
        self.analysis.as_ref()?;
        let width = usize::from(width).max(4);
        let items = self.ref_items();
        let links = items
            .iter()
            .filter(|i| matches!(i, RefItem::Link(_)))
            .count();
        let mut heights = Vec::new();
        let mut item_entry = Vec::with_capacity(items.len());
        if links == 0 {
            heights.push(no_links_rows(width).len());
        }
        for (i, item) in items.iter().enumerate() {
            if i == links {
                // A blank line and "Related articles".
                heights.push(2);
            }
            item_entry.push(heights.len());
            heights.push(match item {
                RefItem::Link(link) => {
                    let (rows, _) = snippet_rows(&self.articles[link.article], link, width);
                    // The title, the snippet, and why they are linked.
                    rows.len() + 2
                }
                RefItem::Related(..) => 1,
            });
        }
        Some(Shape {
            heights,
            item_entry,
            selected: self.reference,
        })
    }

    /// The list item under a screen cell in the key points, notes or
    /// cross-reference pane.
    pub fn entry_at(&self, col: u16, row: u16) -> Option<usize> {
        let screen = self.screen();
        let inside = |a: Option<Area>| a.map(|a| a.inner()).filter(|a| a.contains(col, row));
        let (area, shape) = if let Some(a) = inside(screen.key_points) {
            let shape = if self.notes.shown {
                self.notes_shape(a.width)
            } else {
                self.key_points_shape(a.width, a.height)
            };
            (a, shape?)
        } else if let Some(a) = inside(screen.refs) {
            (a, self.refs_shape(a.width)?)
        } else {
            return None;
        };
        shape.item_at(usize::from(area.height), usize::from(row - area.y))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, width: usize, height: usize) -> Vec<String> {
        let (rows, cut) = shown_rows(text, width, height);
        let mut out: Vec<String> = rows.iter().map(|r| text[r.clone()].to_string()).collect();
        if cut {
            if let Some(last) = out.last_mut() {
                last.push('…');
            }
        }
        out
    }

    #[test]
    fn a_long_point_is_shortened_at_a_word_boundary() {
        let words: Vec<String> = (0..90).map(|i| format!("word{i}")).collect();
        let text = words.join(" ");
        let rows = shown(&text, 20, 12);
        assert_eq!(rows.len(), 6, "{rows:?}");
        let last = rows.last().map(String::as_str).unwrap_or_default();
        assert!(last.ends_with('…'), "{rows:?}");
        assert!(rows.iter().all(|r| str_width(r) <= 20), "{rows:?}");
        // Every shown word is a whole word of the text.
        for w in rows.join(" ").trim_end_matches('…').split_whitespace() {
            assert!(words.iter().any(|x| x == w), "{w} in {rows:?}");
        }
    }

    #[test]
    fn a_point_that_fits_is_shown_whole() {
        let text = "Allies agreed a joint plan for the eastern flank.";
        assert_eq!(shown(text, 20, 12).join(" "), text);
        // Under the long mark, a point may take more than half the pane.
        let words: Vec<String> = (0..30).map(|i| format!("w{i}")).collect();
        let text = words.join(" ");
        assert_eq!(shown(&text, 20, 12).join(" "), text);
        // Over the pane, it is shortened to fit.
        let rows = shown(&text, 20, 4);
        assert!(rows.len() == 4 && rows[3].ends_with('…'), "{rows:?}");
    }

    #[test]
    fn the_ellipsis_never_follows_a_comma_or_half_a_word() {
        // Rows of exactly the pane's width, and a hyphenated word that
        // wraps after its hyphen.
        let text = "aaaa bbbb, cccc-dddd eeee ffff gggg hhhh iiii jjjj kkkk";
        for width in 5..=12 {
            let (rows, cut) = shown_rows(text, width, 3);
            let end = rows.last().map_or(0, |r| r.end);
            assert!(cut && end > 0, "{width}: {rows:?}");
            assert!(text[end..].starts_with([' ', ',']), "{width}: {rows:?}");
            assert!(!text[..end].ends_with([',', '-']), "{width}: {rows:?}");
            let last = rows.last().map_or("", |r| &text[r.clone()]);
            assert!(str_width(last) < width, "{width}: room for the ellipsis");
        }
    }
}
