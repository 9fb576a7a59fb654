//! The reading position in one article: which rows are on screen and which
//! passage the cursor is on.
//!
//! The top of the view is an anchor in the text (a block and a byte), not a
//! screen row, so a resize re-wraps the text and keeps the reader's place.
//! Only the chunks of blocks that are needed are laid out (see
//! [`crate::text::layout`]), so the cost of a frame or a scroll does not
//! grow with the length of the article or of any one block.

use std::collections::HashMap;

use crate::corpus::Article;
use crate::text::layout::{chunk_at, chunk_rows, last_chunk, Row};
use crate::text::segment::BlockKind;

/// A row of the laid-out article: row `row` of chunk `chunk` of block
/// `block`. Row 0 of chunk 0 is the blank spacer row when the block has
/// one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct RowPos {
    pub block: usize,
    pub chunk: usize,
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

/// A chunk of a block laid out: whether a spacer row leads it, and its
/// rows.
type Laid = (bool, Vec<Row>);

/// Chunks laid out at one width, cached for the length of one operation.
struct Doc<'a> {
    article: &'a Article,
    width: usize,
    chunks: HashMap<(usize, usize), Laid>,
    last: HashMap<usize, usize>,
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
            chunks: HashMap::new(),
            last: HashMap::new(),
        }
    }

    fn len(&self) -> usize {
        self.article.blocks.len()
    }

    fn last_chunk(&mut self, b: usize) -> usize {
        let article = self.article;
        *self
            .last
            .entry(b)
            .or_insert_with(|| last_chunk(&article.text, &article.blocks[b]))
    }

    fn layout(&mut self, b: usize, k: usize) -> &Laid {
        let (article, width) = (self.article, self.width);
        self.chunks.entry((b, k)).or_insert_with(|| {
            (
                k == 0 && has_spacer(article, b),
                chunk_rows(&article.text, &article.markup, &article.blocks[b], width, k),
            )
        })
    }

    fn height(&mut self, b: usize, k: usize) -> usize {
        let (spacer, rows) = self.layout(b, k);
        usize::from(*spacer) + rows.len()
    }

    /// The row at `p`: `None` for a spacer row.
    fn row(&mut self, p: RowPos) -> Option<Row> {
        let (spacer, rows) = self.layout(p.block, p.chunk);
        let i = p.row.checked_sub(usize::from(*spacer))?;
        rows.get(i).cloned()
    }

    fn next(&mut self, p: RowPos) -> Option<RowPos> {
        if p.row + 1 < self.height(p.block, p.chunk) {
            Some(RowPos {
                row: p.row + 1,
                ..p
            })
        } else if p.chunk < self.last_chunk(p.block) {
            Some(RowPos {
                block: p.block,
                chunk: p.chunk + 1,
                row: 0,
            })
        } else if p.block + 1 < self.len() {
            Some(RowPos {
                block: p.block + 1,
                chunk: 0,
                row: 0,
            })
        } else {
            None
        }
    }

    fn prev(&mut self, p: RowPos) -> Option<RowPos> {
        if p.row > 0 {
            Some(RowPos {
                row: p.row - 1,
                ..p
            })
        } else if p.chunk > 0 {
            let h = self.height(p.block, p.chunk - 1);
            Some(RowPos {
                block: p.block,
                chunk: p.chunk - 1,
                row: h.saturating_sub(1),
            })
        } else if p.block > 0 {
            Some(self.last_row(p.block - 1))
        } else {
            None
        }
    }

    /// The row `delta` rows below `p` (above when negative), or the first
    /// or last row if that is nearer, and how many rows away it is.
    fn steps(&mut self, mut p: RowPos, delta: isize) -> (RowPos, usize) {
        let mut n = 0;
        while n < delta.unsigned_abs() {
            let step = if delta > 0 {
                self.next(p)
            } else {
                self.prev(p)
            };
            match step {
                Some(q) => p = q,
                None => break,
            }
            n += 1;
        }
        (p, n)
    }

    fn walk(&mut self, p: RowPos, delta: isize) -> RowPos {
        self.steps(p, delta).0
    }

    /// The first row of block `b` that shows text.
    fn first_text_row(&mut self, b: usize) -> RowPos {
        let spacer = self.layout(b, 0).0;
        RowPos {
            block: b,
            chunk: 0,
            row: usize::from(spacer),
        }
    }

    fn last_row(&mut self, b: usize) -> RowPos {
        let k = self.last_chunk(b);
        RowPos {
            block: b,
            chunk: k,
            row: self.height(b, k).saturating_sub(1),
        }
    }

    /// The highest top that still fills the view, or the start.
    fn max_top(&mut self, height: usize) -> RowPos {
        let last = self.last_row(self.len() - 1);
        self.walk(last, -(height.saturating_sub(1) as isize))
    }

    /// The row of block `b` that shows byte `byte`, or the last row that
    /// starts before it.
    fn row_at(&mut self, b: usize, byte: usize) -> RowPos {
        let article = self.article;
        let k = chunk_at(&article.text, &article.blocks[b], byte);
        let (spacer, rows) = self.layout(b, k);
        let i = rows.partition_point(|r| r.start <= byte).saturating_sub(1);
        RowPos {
            block: b,
            chunk: k,
            row: usize::from(*spacer) + i,
        }
    }

    fn resolve(&mut self, anchor: Anchor) -> RowPos {
        let b = anchor.block.min(self.len() - 1);
        if anchor.spacer && self.layout(b, 0).0 {
            return RowPos {
                block: b,
                chunk: 0,
                row: 0,
            };
        }
        self.row_at(b, anchor.byte)
    }

    fn anchor(&mut self, p: RowPos) -> Anchor {
        let start = self.article.blocks[p.block].span.start;
        let spacer = self.layout(p.block, p.chunk).0;
        if spacer && p.row == 0 {
            return Anchor {
                block: p.block,
                byte: start,
                spacer: true,
            };
        }
        Anchor {
            block: p.block,
            byte: self.row(p).map_or(start, |r| r.start),
            spacer: false,
        }
    }

    /// The anchor of the nearest row from `p` on, down or up, that an anchor
    /// can name. Rows that show no text (table borders) may share their
    /// first byte with the next row, and the anchor then names the later.
    fn anchor_near(&mut self, mut p: RowPos, down: bool) -> Anchor {
        loop {
            let a = self.anchor(p);
            if self.resolve(a) == p {
                return a;
            }
            match if down { self.next(p) } else { self.prev(p) } {
                Some(q) => p = q,
                None => return a,
            }
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
            out.push(ScreenRow {
                block: pos.block,
                row: self.row(pos),
            });
            p = self.next(pos);
        }
        out
    }

    /// `top` moved as little as needed for `target` to be among the
    /// `height` rows from it.
    fn show_row(&mut self, top: RowPos, target: RowPos, height: usize) -> RowPos {
        if target < top {
            return target;
        }
        let bottom = self.walk(top, height.saturating_sub(1) as isize);
        if target > bottom {
            self.walk(target, -(height.saturating_sub(1) as isize))
        } else {
            top
        }
    }
}

/// How many rows down from `from` `to` is, looking at most `limit` rows.
fn count_to(doc: &mut Doc<'_>, from: RowPos, to: RowPos, limit: usize) -> usize {
    let mut p = from;
    let mut n = 0;
    while p < to && n < limit {
        match doc.next(p) {
            Some(q) => p = q,
            None => break,
        }
        n += 1;
    }
    n
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
        let mut new = doc.walk(top, delta);
        if delta > 0 {
            // Back up by as many rows as the view would show past the end,
            // but not above where it was.
            let below = height.saturating_sub(1);
            let (_, shown) = doc.steps(new, below as isize);
            new = doc.walk(new, -((below - shown) as isize)).max(top);
        }
        self.top = doc.anchor_near(new, delta >= 0);
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
            self.top = doc.anchor_near(max, true);
            self.cursor = article.blocks.len() - 1;
        } else {
            self.top = Anchor::default();
            self.cursor = 0;
        }
    }

    /// Moves the cursor to block `b` and scrolls as little as needed to
    /// show it, its first row first if it is taller than the view. With
    /// `byte`, a byte of the block, the row that shows it is shown too.
    pub fn move_cursor(
        &mut self,
        article: &Article,
        width: usize,
        height: usize,
        b: usize,
        byte: Option<usize>,
    ) {
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
        let mut new_top = if first < top {
            first
        } else if last > bottom {
            let fit = doc.walk(last, -(height.saturating_sub(1) as isize));
            fit.min(first)
        } else {
            top
        };
        if let Some(byte) = byte {
            let target = doc.row_at(b, byte);
            new_top = doc.show_row(new_top, target, height);
        }
        self.top = doc.anchor_near(new_top, true);
    }

    /// Moves the cursor to block `b` after a jump, with the block a quarter
    /// of the way down the view so the text before it gives context. With
    /// `byte`, a byte of the block, that puts the block's start there only
    /// if the row that shows `byte` is then on screen too, and the row that
    /// shows `byte` there if not.
    pub fn reveal(
        &mut self,
        article: &Article,
        width: usize,
        height: usize,
        b: usize,
        byte: Option<usize>,
    ) {
        if article.blocks.is_empty() {
            return;
        }
        let b = b.min(article.blocks.len() - 1);
        self.cursor = b;
        let mut doc = Doc::new(article, width);
        let max = doc.max_top(height);
        let above = -((height / 4) as isize);
        let first = doc.first_text_row(b);
        let mut top = doc.walk(first, above).min(max);
        if let Some(byte) = byte {
            let target = doc.row_at(b, byte);
            if target > doc.walk(top, height.saturating_sub(1) as isize) {
                top = doc.walk(target, above).min(max);
            }
        }
        self.top = doc.anchor_near(top, true);
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

    /// The view of `new`, the article's text read again, that keeps the
    /// reader's place in `old`, its text before: the passage under the
    /// cursor is found again by its quote and context, as notes are, and
    /// stays on the same screen row where the text allows. A passage that
    /// is gone leaves the cursor near the same byte.
    pub fn follow(&self, old: &Article, new: &Article, width: usize, height: usize) -> View {
        if old.blocks.is_empty() || new.blocks.is_empty() {
            return View::default();
        }
        let cursor = self.cursor.min(old.blocks.len() - 1);
        let passage = old.blocks[cursor].span;
        let found =
            crate::notes::locate(&crate::notes::Anchor::new(&old.text, passage), &new.text).span();
        let block = new.block_at(found.map_or(passage.start, |s| s.start).min(new.text.len()));
        // Where the passage's first row was on screen, counted from the top
        // row; `None` when the cursor's block starts far above the view.
        let mut doc = Doc::new(old, width);
        let top = doc.resolve(self.top);
        let first = doc.first_text_row(cursor);
        let limit = height.max(1) * 2;
        let offset = if first >= top {
            let n = count_to(&mut doc, top, first, limit);
            (doc.walk(top, n as isize) == first).then_some(n as isize)
        } else {
            let n = count_to(&mut doc, first, top, limit);
            (doc.walk(first, n as isize) == top).then_some(-(n as isize))
        };
        let mut doc = Doc::new(new, width);
        let max = doc.max_top(height);
        let top = match offset {
            Some(offset) => {
                let first = doc.first_text_row(block);
                doc.walk(first, -offset).min(max)
            }
            None => {
                // Keep the same byte of the passage on the top row.
                let into = self.top.byte.saturating_sub(passage.start);
                let start = new.blocks[block].span.start;
                let byte = (start + into).min(new.blocks[block].span.end);
                doc.row_at(block, byte)
            }
        };
        let mut view = View {
            top: doc.anchor_near(top, true),
            cursor: block,
        };
        view.keep_cursor_on_screen(&mut doc, height);
        view
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
    use crate::text::layout::{block_rows, Piece, CHUNK};
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
        v.move_cursor(&a, 40, 10, 12, None);
        let rows = v.screen(&a, 40, 10);
        assert!(rows.iter().any(|r| r.block == 12 && r.row.is_some()));
        assert_eq!(v.cursor, 12);
        v.move_cursor(&a, 40, 10, 2, None);
        let rows = v.screen(&a, 40, 10);
        assert!(rows.iter().any(|r| r.block == 2 && r.row.is_some()));
    }

    #[test]
    fn revealing_puts_the_block_near_the_top() {
        let a = long_article();
        let mut v = View::default();
        v.reveal(&a, 40, 12, 15, None);
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

    #[test]
    fn scrolling_up_through_a_table_does_not_stick_on_its_borders() {
        let mut text = String::from("Intro paragraph.\n\n| A | B |\n|---|---|\n");
        for i in 0..12 {
            text.push_str(&format!("| row {i} | cell {i} |\n"));
        }
        text.push_str("\nAfter the table.");
        let a = article(&text);
        let mut v = View::default();
        v.scroll(&a, 40, 4, 1000);
        let mut tops = vec![v.top];
        for _ in 0..40 {
            v.scroll(&a, 40, 4, -1);
            tops.push(v.top);
        }
        assert_eq!(
            v.top,
            Anchor::default(),
            "stuck at {:?}",
            &tops[tops.len() - 3..]
        );
    }

    /// A short paragraph, one of about 5 chunks and another short one.
    fn giant_article() -> Article {
        let mut giant = String::new();
        let mut i = 0;
        while giant.len() < 5 * CHUNK {
            giant.push_str(&format!("Sentence {i} goes on for a few words, 東京 too. "));
            i += 1;
        }
        article(&format!("Before it.\n\n{}\n\nAfter it.", giant.trim_end()))
    }

    /// Every row of the article at `width`, from the top.
    fn all_rows(a: &Article, width: usize) -> Vec<ScreenRow> {
        View::default().screen(a, width, a.text.len() + 10)
    }

    fn at_row(rows: &[ScreenRow], a: &Article, i: usize) -> View {
        let r = &rows[i];
        View {
            top: Anchor {
                block: r.block,
                byte: r
                    .row
                    .as_ref()
                    .map_or(a.blocks[r.block].span.start, |row| row.start),
                spacer: r.row.is_none(),
            },
            cursor: r.block,
        }
    }

    #[test]
    fn the_rows_of_a_giant_block_are_its_layout_and_each_window_is_a_slice_of_them() {
        let a = giant_article();
        assert!(last_chunk(&a.text, &a.blocks[1]) >= 4);
        let rows = all_rows(&a, 37);
        let giant: Vec<Row> = rows
            .iter()
            .filter(|r| r.block == 1)
            .filter_map(|r| r.row.clone())
            .collect();
        assert_eq!(giant, block_rows(&a.text, &a.markup, &a.blocks[1], 37));
        let h = 9;
        for i in (0..rows.len() - h).step_by(7) {
            let v = at_row(&rows, &a, i);
            assert_eq!(v.screen(&a, 37, h), rows[i..i + h], "window at row {i}");
            for delta in [1, -1, 5, -5] {
                let mut w = v;
                w.scroll(&a, 37, h, delta);
                let j = (i as isize + delta).clamp(0, (rows.len() - h) as isize) as usize;
                assert_eq!(w.screen(&a, 37, h)[0], rows[j], "row {i} by {delta}");
            }
        }
    }

    #[test]
    fn the_end_of_a_giant_block_is_one_jump_away() {
        let a = giant_article();
        let rows = all_rows(&a, 50);
        let mut v = View::default();
        v.jump_to_end(&a, 50, 12, true);
        assert_eq!(v.screen(&a, 50, 12), rows[rows.len() - 12..]);
        v.scroll(&a, 50, 12, -1);
        assert_eq!(v.screen(&a, 50, 12)[0], rows[rows.len() - 13]);
    }

    #[test]
    fn jumps_into_a_giant_block_show_the_byte_they_jump_to() {
        let a = giant_article();
        let target = a.text.find("Sentence 300 ").expect("in the text");
        let shows = |v: &View, h: usize| {
            v.screen(&a, 40, h)
                .iter()
                .filter_map(|r| r.row.as_ref())
                .flat_map(|row| &row.pieces)
                .any(|p| matches!(p, Piece::Text { span, .. } if span.contains(target)))
        };
        let mut v = View::default();
        v.move_cursor(&a, 40, 10, 1, Some(target));
        assert!(shows(&v, 10), "{:?}", v.top);
        assert_eq!(v.cursor, 1);
        // From below as well as from above.
        v.jump_to_end(&a, 40, 10, false);
        v.jump_to_end(&a, 40, 10, true);
        v.move_cursor(&a, 40, 10, 1, Some(target));
        assert!(shows(&v, 10), "{:?}", v.top);
        let mut v = View::default();
        v.reveal(&a, 40, 12, 1, Some(target));
        assert!(shows(&v, 12), "{:?}", v.top);
        // A short block is revealed as if there were no byte to show.
        let (mut with, mut without) = (View::default(), View::default());
        with.reveal(&a, 40, 12, 2, Some(a.blocks[2].content.start + 3));
        without.reveal(&a, 40, 12, 2, None);
        assert_eq!(with, without);
    }

    #[test]
    fn resizing_in_a_giant_block_keeps_the_top_byte_on_the_top_row() {
        let a = giant_article();
        let rows = all_rows(&a, 40);
        let i = rows.len() / 2;
        let mut v = at_row(&rows, &a, i);
        let byte = v.top.byte;
        for width in [25, 61, 40] {
            v.clamp(&a, width, 10);
            let top = v.screen(&a, width, 10);
            let (first, second) = (&top[0], &top[1]);
            let start = first.row.as_ref().map_or(0, |r| r.start);
            let next = second.row.as_ref().map_or(usize::MAX, |r| r.start);
            assert!(
                start <= byte && byte < next,
                "{width}: {start} {byte} {next}"
            );
        }
        assert_eq!(v.screen(&a, 40, 10), rows[i..i + 10]);
    }
}
