//! The lists of the side panes (key points, notes, cross-references) as
//! rows: which text goes on which row of each entry, and which entry shows
//! which item. The UI styles these rows and the mouse hit-tests them, so a
//! click lands on the entry that is drawn under it.

use std::ops::Range;

use super::layout::Area;
use super::{App, RefItem};
use crate::analysis::Link;
use crate::corpus::Article;
use crate::notes::Note;
use crate::strings;
use crate::text::sanitize::one_line;
use crate::text::wrap::{wrap, wrap_first};

/// Rows of a passage snippet shown under each link.
pub const SNIPPET_ROWS: usize = 3;
/// Rows of quote and of note text shown per note at most.
pub const QUOTE_ROWS: usize = 2;
pub const TEXT_ROWS: usize = 4;

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

    /// Rows of the whole entry.
    pub fn height(&self) -> usize {
        self.quote_rows.len() + self.text_rows.len() + usize::from(self.more) + 1
    }
}

/// The rows of the orphans' header in a notes pane `width` wide.
pub fn orphans_header(width: usize) -> Vec<Range<usize>> {
    wrap(strings::ORPHANS, width)
}

/// The rows of a link's passage snippet (ranges into the passage without
/// its list marker), and whether the passage goes on beyond them.
pub fn snippet_rows(target: &Article, link: &Link, width: usize) -> (Vec<Range<usize>>, bool) {
    let shown = target.blocks[link.block].content;
    let mut rows = wrap_first(
        shown.of(&target.text),
        width.saturating_sub(2),
        SNIPPET_ROWS + 1,
    );
    let more = rows.len() > SNIPPET_ROWS;
    rows.truncate(SNIPPET_ROWS);
    (rows, more)
}

/// The rows of each key point in a pane `width` × `height`: at most
/// `height`, which is all the pane can show of it (a key point can be a
/// whole article that has no full stops).
pub fn key_point_rows(app: &App, width: usize, height: usize) -> Vec<Vec<Range<usize>>> {
    let Some(article) = app.open_article() else {
        return Vec::new();
    };
    app.key_points()
        .iter()
        .map(|kp| {
            wrap_first(
                kp.span.of(&article.text),
                width.saturating_sub(2).max(1),
                height,
            )
        })
        .collect()
}

impl App {
    /// The key points as a list in a pane inside of `width` × `height`;
    /// `None` before the analysis or without key points.
    pub fn key_points_shape(&self, width: u16, height: u16) -> Option<Shape> {
        if self.analysis.is_none() || self.key_points().is_empty() {
            return None;
        }
        let rows = key_point_rows(self, usize::from(width), usize::from(height));
        Some(Shape {
            heights: rows.iter().map(Vec::len).collect(),
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
            // "No links".
            heights.push(1);
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
