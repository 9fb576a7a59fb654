//! The reading position in one article: which rows are on screen and which
//! passage the cursor is on.
//!
//! The top of the view is an anchor in the text (a block and a byte), not a
//! screen row, so a resize re-wraps the text and keeps the reader's place.
//! Only the blocks that are needed are laid out, so the cost of a frame or a
//! scroll does not grow with the length of the article.

use std::collections::HashMap;

use crate::corpus::Article;
use crate::text::layout::{block_rows, Row};
use crate::text::segment::BlockKind;

/// A row of the laid-out article: `row` counts within the block, and row 0
/// is the blank spacer row when the block has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct RowPos {
    pub block: usize,
    pub row: usize,
}

/// Where the top of the view is, independent of the width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Anchor {
    pub block: usize,
    /// The first byte shown on the top row.
    pub byte: usize,
    /// The top row is the blank row above `block`.
    pub spacer: bool,
}

/// One row on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenRow {
    pub block: usize,
    /// `None` for the blank row that separates blocks.
    pub row: Option<Row>,
}

/// The reading state of one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct View {
    pub top: Anchor,
    /// The block the passage cursor is on.
    pub cursor: usize,
}

/// Blocks laid out at one width, cached for the length of one operation.
struct Doc<'a> {
    article: &'a Article,
    width: usize,
    cache: HashMap<usize, (bool, Vec<Row>)>,
}

/// Whether a blank row separates block `b` from the one before it. Items
/// of one list stay together.
fn has_spacer(article: &Article, b: usize) -> bool {
    if b == 0 {
        return false;
    }
    let is_item = |i: usize| matches!(article.blocks[i].kind, BlockKind::ListItem { .. });
    !(is_item(b) && is_item(b - 1))
}

impl<'a> Doc<'a> {
    fn new(article: &'a Article, width: usize) -> Self {
        Doc {
            article,
            width: width.max(1),
            cache: HashMap::new(),
        }
    }

    fn len(&self) -> usize {
        self.article.blocks.len()
    }

    fn layout(&mut self, b: usize) -> &(bool, Vec<Row>) {
        let (article, width) = (self.article, self.width);
        self.cache.entry(b).or_insert_with(|| {
            (
                has_spacer(article, b),
                block_rows(&article.text, &article.blocks[b], width),
            )
        })
    }

    fn height(&mut self, b: usize) -> usize {
        let (spacer, rows) = self.layout(b);
        usize::from(*spacer) + rows.len()
    }

    fn next(&mut self, p: RowPos) -> Option<RowPos> {
        if p.row + 1 < self.height(p.block) {
            Some(RowPos {
                block: p.block,
                row: p.row + 1,
            })
        } else if p.block + 1 < self.len() {
            Some(RowPos {
                block: p.block + 1,
                row: 0,
            })
        } else {
            None
        }
    }

    fn prev(&mut self, p: RowPos) -> Option<RowPos> {
        if p.row > 0 {
            Some(RowPos {
                block: p.block,
                row: p.row - 1,
            })
        } else if p.block > 0 {
            let h = self.height(p.block - 1);
            Some(RowPos {
                block: p.block - 1,
                row: h.saturating_sub(1),
            })
        } else {
            None
        }
    }

    fn walk(&mut self, mut p: RowPos, delta: isize) -> RowPos {
        for _ in 0..delta.unsigned_abs() {
            let step = if delta > 0 {
                self.next(p)
            } else {
                self.prev(p)
            };
            match step {
                Some(q) => p = q,
                None => break,
            }
        }
        p
    }

    /// The first row of block `b` that shows text.
    fn first_text_row(&mut self, b: usize) -> RowPos {
        let spacer = self.layout(b).0;
        RowPos {
            block: b,
            row: usize::from(spacer),
        }
    }

    fn last_row(&mut self, b: usize) -> RowPos {
        RowPos {
            block: b,
            row: self.height(b).saturating_sub(1),
        }
    }

    /// The highest top that still fills the view, or the start.
    fn max_top(&mut self, height: usize) -> RowPos {
        let last = self.last_row(self.len() - 1);
        self.walk(last, -(height.saturating_sub(1) as isize))
    }

    fn resolve(&mut self, anchor: Anchor) -> RowPos {
        let b = anchor.block.min(self.len() - 1);
        let (spacer, rows) = self.layout(b);
        let spacer = *spacer;
        if anchor.spacer && spacer {
            return RowPos { block: b, row: 0 };
        }
        let i = rows
            .partition_point(|r| r.start <= anchor.byte)
            .saturating_sub(1);
        RowPos {
            block: b,
            row: usize::from(spacer) + i,
        }
    }

    fn anchor(&mut self, p: RowPos) -> Anchor {
        let start = self.article.blocks[p.block].span.start;
        let (spacer, rows) = self.layout(p.block);
        if *spacer && p.row == 0 {
            return Anchor {
                block: p.block,
                byte: start,
                spacer: true,
            };
        }
        let i = p.row - usize::from(*spacer);
        Anchor {
            block: p.block,
            byte: rows.get(i).map_or(start, |r| r.start),
            spacer: false,
        }
    }

    /// The rows from `top` down, at most `height` of them.
    fn rows_from(&mut self, top: RowPos, height: usize) -> Vec<ScreenRow> {
        let mut out = Vec::with_capacity(height);
        let mut p = Some(top);
        while let Some(pos) = p {
            if out.len() >= height {
                break;
            }
            let (spacer, rows) = self.layout(pos.block);
            let row = if *spacer && pos.row == 0 {
                None
            } else {
                rows.get(pos.row - usize::from(*spacer)).cloned()
            };
            out.push(ScreenRow {
                block: pos.block,
                row,
            });
            p = self.next(pos);
        }
        out
    }
}

impl View {
    /// The rows on screen for a text area of `width` × `height`.
    pub fn screen(&self, article: &Article, width: usize, height: usize) -> Vec<ScreenRow> {
        if article.blocks.is_empty() || height == 0 {
            return Vec::new();
        }
        let mut doc = Doc::new(article, width);
        let top = doc.resolve(self.top);
        doc.rows_from(top, height)
    }

    /// Scrolls by `delta` rows (down when positive), never past the point
    /// where the last row reaches the bottom, and keeps the cursor on screen.
    pub fn scroll(&mut self, article: &Article, width: usize, height: usize, delta: isize) {
        if article.blocks.is_empty() {
            return;
        }
        let mut doc = Doc::new(article, width);
        let top = doc.resolve(self.top);
        let max = doc.max_top(height);
        let mut new = doc.walk(top, delta);
        if delta > 0 && new > max {
            new = max.max(top);
        }
        self.top = doc.anchor(new);
        self.keep_cursor_on_screen(&mut doc, height);
    }

    /// Goes to the start (`end` false) or the end of the article.
    pub fn jump_to_end(&mut self, article: &Article, width: usize, height: usize, end: bool) {
        if article.blocks.is_empty() {
            return;
        }
        let mut doc = Doc::new(article, width);
        if end {
            let max = doc.max_top(height);
            self.top = doc.anchor(max);
            self.cursor = article.blocks.len() - 1;
        } else {
            self.top = Anchor::default();
            self.cursor = 0;
        }
    }

    /// Moves the cursor to block `b` and scrolls as little as needed to
    /// show it, its first row first if it is taller than the view.
    pub fn move_cursor(&mut self, article: &Article, width: usize, height: usize, b: usize) {
        if article.blocks.is_empty() {
            return;
        }
        let b = b.min(article.blocks.len() - 1);
        self.cursor = b;
        let mut doc = Doc::new(article, width);
        let top = doc.resolve(self.top);
        let first = doc.first_text_row(b);
        let last = doc.last_row(b);
        let bottom = doc.walk(top, height.saturating_sub(1) as isize);
        let new_top = if first < top {
            first
        } else if last > bottom {
            let fit = doc.walk(last, -(height.saturating_sub(1) as isize));
            fit.min(first)
        } else {
            top
        };
        self.top = doc.anchor(new_top);
    }

    /// Moves the cursor to block `b` after a jump, with the block a quarter
    /// of the way down the view so the text before it gives context.
    pub fn reveal(&mut self, article: &Article, width: usize, height: usize, b: usize) {
        if article.blocks.is_empty() {
            return;
        }
        let b = b.min(article.blocks.len() - 1);
        self.cursor = b;
        let mut doc = Doc::new(article, width);
        let first = doc.first_text_row(b);
        let max = doc.max_top(height);
        let top = doc.walk(first, -((height / 4) as isize)).min(max);
        self.top = doc.anchor(top);
    }

    /// Fits the view to a new size. The anchor keeps its byte, so the text
    /// that was on top stays on top and a resize and back is a no-op.
    pub fn clamp(&mut self, article: &Article, width: usize, height: usize) {
        if article.blocks.is_empty() {
            return;
        }
        self.top.block = self.top.block.min(article.blocks.len() - 1);
        let mut doc = Doc::new(article, width);
        self.keep_cursor_on_screen(&mut doc, height);
    }

    fn keep_cursor_on_screen(&mut self, doc: &mut Doc<'_>, height: usize) {
        let top = doc.resolve(self.top);
        let rows = doc.rows_from(top, height.max(1));
        let shown: Vec<usize> = rows
            .iter()
            .filter(|r| r.row.is_some())
            .map(|r| r.block)
            .collect();
        if let (Some(&first), Some(&last)) = (shown.first(), shown.last()) {
            self.cursor = self.cursor.clamp(first, last);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn article(text: &str) -> Article {
        Article::new(0, PathBuf::from("t.txt"), "t.txt".into(), text.to_string()).0
    }

    fn long_article() -> Article {
        let paras: Vec<String> = (0..30)
            .map(|i| {
                format!(
                    "Paragraph {i} has some words in it that wrap at narrow widths. It ends here."
                )
            })
            .collect();
        article(&paras.join("\n\n"))
    }

    #[test]
    fn scrolling_stops_at_the_end_and_moves_the_cursor_along() {
        let a = long_article();
        let mut v = View::default();
        v.scroll(&a, 40, 10, 1000);
        let rows = v.screen(&a, 40, 10);
        assert_eq!(rows.len(), 10);
        assert_eq!(rows.last().map(|r| r.block), Some(29));
        assert!(v.cursor >= rows[0].block, "cursor {} left behind", v.cursor);
        v.scroll(&a, 40, 10, -1000);
        assert_eq!(v.top, Anchor::default());
    }

    #[test]
    fn resizing_keeps_the_top_text_in_place() {
        let a = long_article();
        let mut v = View::default();
        v.scroll(&a, 40, 10, 17);
        let before = v.screen(&a, 40, 10)[0].clone();
        let byte = before
            .row
            .as_ref()
            .map_or(a.blocks[before.block].span.start, |r| r.start);
        v.clamp(&a, 25, 10);
        let after = v.screen(&a, 25, 10)[0].clone();
        assert_eq!(after.block, before.block);
        let start = after
            .row
            .as_ref()
            .map_or(a.blocks[after.block].span.start, |r| r.start);
        assert!(start <= byte, "top moved past the text that was on top");
    }

    #[test]
    fn moving_the_cursor_scrolls_it_into_view() {
        let a = long_article();
        let mut v = View::default();
        v.move_cursor(&a, 40, 10, 12);
        let rows = v.screen(&a, 40, 10);
        assert!(rows.iter().any(|r| r.block == 12 && r.row.is_some()));
        assert_eq!(v.cursor, 12);
        v.move_cursor(&a, 40, 10, 2);
        let rows = v.screen(&a, 40, 10);
        assert!(rows.iter().any(|r| r.block == 2 && r.row.is_some()));
    }

    #[test]
    fn revealing_puts_the_block_near_the_top() {
        let a = long_article();
        let mut v = View::default();
        v.reveal(&a, 40, 12, 15);
        let rows = v.screen(&a, 40, 12);
        let at = rows
            .iter()
            .position(|r| r.block == 15 && r.row.is_some())
            .expect("shown");
        assert!((1..=4).contains(&at), "block 15 at row {at}");
        assert_eq!(v.cursor, 15);
    }

    #[test]
    fn list_items_are_not_separated_but_paragraphs_are() {
        let a = article("Intro paragraph here.\n- one\n- two\nAfter.");
        let rows = View::default().screen(&a, 40, 20);
        let blanks: Vec<usize> = rows
            .iter()
            .filter(|r| r.row.is_none())
            .map(|r| r.block)
            .collect();
        assert_eq!(blanks, [1, 3]);
    }
}
