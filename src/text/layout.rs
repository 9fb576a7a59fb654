//! Lays out one block of an article as screen rows of a given width.
//!
//! A row is a list of pieces: either a span of the article's bytes or a
//! decoration (bullet, table border, padding). The UI styles pieces by role
//! and sanitises text pieces as it draws them; every other consumer can map
//! a row back to the bytes it shows through its spans.
//!
//! A block of flowing text longer than [`CHUNK`] bytes is laid out in
//! chunks, each wrapped on its own, so that any part of a block of any
//! length can be laid out without laying out what comes before it. Chunk
//! `k` starts near byte `k` × [`CHUNK`] of the block's text, at the first
//! sentence end after it, else the first space, so where it starts depends
//! only on the text around that byte. A row always starts there, which
//! shows as a line that ends a little early.

use std::borrow::Cow;
use std::ops::Range;

use super::markdown::Markup;
use super::segment::{Block, BlockKind};
use unicode_segmentation::UnicodeSegmentation;

use super::wrap::{grapheme_width, str_width, wrap, wrap_first};
use super::Span;

/// What a piece of a row shows, so the UI can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Text,
    Heading,
    Quote,
    Caption,
    /// A list bullet or number.
    Marker,
    /// Table borders and cell padding.
    Rule,
    TableHeader,
    TableCell,
    /// A Markdown code block, or a block of raw HTML.
    Code,
}

/// One piece of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Bytes of the article, shown as they are once sanitised.
    Text { span: Span, role: Role },
    /// Text that is not in the article: bullets, borders, padding.
    Deco { text: String, role: Role },
    /// Bytes of the article shown as other text: a Markdown entity as the
    /// character it names, a line break as a space. Not yet sanitised.
    Shown {
        span: Span,
        text: String,
        role: Role,
    },
}

impl Piece {
    fn deco(text: impl Into<String>, role: Role) -> Piece {
        Piece::Deco {
            text: text.into(),
            role,
        }
    }
}

/// One screen row of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The first byte of the article this row shows, or for a row that shows
    /// none (a table border) that of the row below it, or above it for the
    /// last. Never less than the start of a row above it in its block.
    pub start: usize,
    pub pieces: Vec<Piece>,
}

impl Row {
    /// Display width in columns of the row.
    pub fn width(&self, text: &str) -> usize {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Text { span, .. } => str_width(span.of(text)),
                Piece::Deco { text, .. } | Piece::Shown { text, .. } => str_width(text),
            })
            .sum()
    }
}

/// What a span of the article shows once markup is hidden, as one string,
/// with where each part of it comes from.
struct Vis<'a> {
    shown: Cow<'a, str>,
    /// Where each part starts in `shown`, the bytes it shows, and whether
    /// it shows them as other text.
    segs: Vec<(usize, Span, bool)>,
    /// Whether `\n` in `shown` starts a new row (code, and hard line
    /// breaks in Markdown).
    lines: bool,
    /// The article's bytes this shows, some perhaps hidden.
    span: Span,
}

impl<'a> Vis<'a> {
    fn new(text: &'a str, markup: &'a Markup, span: Span, lines: bool) -> Vis<'a> {
        if markup.is_plain(span) {
            return Vis {
                shown: Cow::Borrowed(span.of(text)),
                segs: vec![(0, span, false)],
                lines,
                span,
            };
        }
        let mut shown = String::with_capacity(span.len());
        let mut segs = Vec::new();
        for seg in markup.visible(span) {
            segs.push((shown.len(), seg.span, seg.text.is_some()));
            shown.push_str(seg.text.unwrap_or_else(|| seg.span.of(text)));
        }
        Vis {
            shown: Cow::Owned(shown),
            segs,
            lines,
            span,
        }
    }

    /// The end in `shown` of part `i`.
    fn seg_end(&self, i: usize) -> usize {
        self.segs
            .get(i + 1)
            .map_or(self.shown.len(), |&(d, _, _)| d)
    }

    /// The byte of the article shown at `d` in `shown`, or the end of
    /// what is shown for `d` at its end.
    fn source_at(&self, d: usize, fallback: usize) -> usize {
        let i = self.segs.partition_point(|&(start, _, _)| start <= d);
        match i.checked_sub(1).map(|i| (i, self.segs[i])) {
            Some((i, (start, span, false))) if d < self.seg_end(i) => span.start + (d - start),
            Some((i, (_, span, true))) if d < self.seg_end(i) => span.start,
            Some((_, (_, span, _))) => span.end,
            None => fallback,
        }
    }

    /// The pieces that show `r` of `shown`.
    fn pieces(&self, r: Range<usize>, role: Role) -> Vec<Piece> {
        let mut out = Vec::new();
        let from = self
            .segs
            .partition_point(|&(start, _, _)| start <= r.start)
            .saturating_sub(1);
        for i in from..self.segs.len() {
            let (d, span, other) = self.segs[i];
            if d >= r.end {
                break;
            }
            let (a, b) = (r.start.max(d), r.end.min(self.seg_end(i)));
            if a >= b {
                continue;
            }
            out.push(if other {
                Piece::Shown {
                    span,
                    text: self.shown[a..b].to_string(),
                    role,
                }
            } else {
                Piece::Text {
                    span: Span::new(span.start + (a - d), span.start + (b - d)),
                    role,
                }
            });
        }
        out
    }

    /// The ranges of `shown` wrapped to `width`, line by line when lines
    /// count.
    fn rows(&self, width: usize) -> Vec<Range<usize>> {
        if !self.lines {
            return wrap(&self.shown, width);
        }
        let mut out = Vec::new();
        let mut at = 0;
        for raw in self.shown.split('\n') {
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            out.extend(
                wrap(line, width)
                    .into_iter()
                    .map(|r| at + r.start..at + r.end),
            );
            at += raw.len() + 1;
        }
        out
    }
}

/// Rows for what `vis` shows, wrapped to `width` with a hanging indent of
/// `indent` columns; `first`, when given, leads the first row instead.
fn wrapped(
    vis: &Vis<'_>,
    width: usize,
    role: Role,
    first: Option<Piece>,
    indent: usize,
) -> Vec<Row> {
    // Too narrow for the indent and any text: leave the indent out.
    let lead = if width > indent { indent } else { 0 };
    let mut first = first.filter(|_| lead > 0);
    let avail = width.saturating_sub(lead).max(1);
    // A span that shows nothing (all of it inside markup shown elsewhere)
    // starts its row where it starts.
    let fallback = vis.segs.first().map_or(vis.span.start, |s| s.1.start);
    vis.rows(avail)
        .into_iter()
        .map(|r| {
            let start = vis.source_at(r.start, fallback);
            let mut pieces = Vec::with_capacity(2);
            if let Some(p) = first.take() {
                pieces.push(p);
            } else if lead > 0 {
                pieces.push(Piece::deco(" ".repeat(lead), Role::Marker));
            }
            pieces.extend(vis.pieces(r, role));
            Row { start, pieces }
        })
        .collect()
}

/// The length in bytes after which a block of flowing text is laid out in
/// chunks, and about the length of each chunk.
pub const CHUNK: usize = 4096;

/// How far past its target byte a chunk's start is looked for.
const SEARCH: usize = 1024;

/// Whether `c` ends a sentence when a space or the end of a chunk follows.
fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

/// Whether a grapheme cluster starts at `b` when it follows `a`. Only true
/// to the rules when `a` is not a joiner, regional indicator, prepended
/// mark or carriage return, which is how it is called.
fn breaks_between(a: char, b: char) -> bool {
    if b.is_ascii() {
        return true;
    }
    let mut pair = String::with_capacity(8);
    pair.push(a);
    pair.push(b);
    pair.graphemes(true).nth(1).is_some()
}

/// Whether `c` closes a quotation or bracket, so that it may follow a
/// sentence's full stop.
fn closes(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '」' | '』' | '）'
    )
}

/// Where chunk `k` of the text in `span` starts, or `None` when the text
/// is too short to have it.
///
/// The start is the first place at or after byte `k` × [`CHUNK`] of the
/// span (and within [`SEARCH`] bytes of it) that follows a sentence end,
/// else that follows a space, else the second grapheme cluster there, else
/// the first char boundary.
fn chunk_start(text: &str, span: Span, k: usize) -> Option<usize> {
    if k == 0 {
        return Some(span.start);
    }
    let target = span.start.saturating_add(k.saturating_mul(CHUNK));
    if target >= span.end {
        return None;
    }
    let from = (target..span.end).find(|&i| text.is_char_boundary(i))?;
    let mut to = (from + SEARCH).min(span.end);
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let window = &text[from..to];
    let mut after_space = None;
    let mut prev: Option<(usize, char)> = None;
    for (i, c) in window.char_indices() {
        if let Some((p, before)) = prev {
            if before.is_whitespace() && !c.is_whitespace() {
                let ended = window[..p]
                    .trim_end_matches(char::is_whitespace)
                    .trim_end_matches(closes)
                    .chars()
                    .next_back()
                    .is_some_and(ends_sentence);
                if (ended || after_space.is_none()) && breaks_between(before, c) {
                    if ended {
                        return Some(from + i);
                    }
                    after_space = Some(from + i);
                }
            } else if matches!(before, '。' | '！' | '？')
                && !c.is_whitespace()
                && !closes(c)
                && breaks_between(before, c)
            {
                // CJK text has no spaces after its full stops.
                return Some(from + i);
            }
        }
        prev = Some((i, c));
    }
    after_space
        .or_else(|| window.grapheme_indices(true).nth(1).map(|(i, _)| from + i))
        .or(Some(from))
}

/// The index of the last chunk of `block`'s layout.
pub fn last_chunk(text: &str, block: &Block) -> usize {
    if matches!(block.kind, BlockKind::Table { .. } | BlockKind::Rule) {
        return 0;
    }
    let span = block.content;
    let mut k = span.len().saturating_sub(1) / CHUNK;
    while k > 0 && chunk_start(text, span, k).is_none() {
        k -= 1;
    }
    k
}

/// The index of the chunk of `block`'s layout that shows byte `byte` (the
/// first chunk for bytes before it, the last for bytes after it).
pub fn chunk_at(text: &str, block: &Block, byte: usize) -> usize {
    let last = last_chunk(text, block);
    let span = block.content;
    let mut k = (byte.saturating_sub(span.start) / CHUNK).min(last);
    while k > 0 && chunk_start(text, span, k).is_some_and(|s| s > byte) {
        k -= 1;
    }
    k
}

/// Lays out chunk `k` of `block` of `text` in rows of at most `width`
/// columns (except where a single grapheme is wider than `width`), showing
/// what `markup` leaves of the text. Empty past the last chunk.
pub fn chunk_rows(text: &str, markup: &Markup, block: &Block, width: usize, k: usize) -> Vec<Row> {
    let width = width.max(1);
    let (role, lead, indent) = match &block.kind {
        BlockKind::Table { rows, header } => {
            return if k == 0 {
                table_rows(text, markup, block, rows, *header, width)
            } else {
                Vec::new()
            };
        }
        BlockKind::Rule => {
            return if k == 0 {
                vec![Row {
                    start: block.span.start,
                    pieces: vec![Piece::deco("─".repeat(width.min(RULE_WIDTH)), Role::Rule)],
                }]
            } else {
                Vec::new()
            };
        }
        BlockKind::Paragraph => (Role::Text, None, 0),
        BlockKind::Heading { .. } => (Role::Heading, None, 0),
        BlockKind::Caption => (Role::Caption, None, 0),
        BlockKind::Code => (Role::Code, Some(Piece::deco("  ", Role::Code)), 2),
        BlockKind::Quote => (Role::Quote, Some(Piece::deco("│ ", Role::Rule)), 2),
        BlockKind::ListItem { marker } => {
            let m = marker.of(text);
            let nested = "  ".repeat(usize::from(markup.depth(marker.start)));
            let shown = if m.chars().any(|c| c.is_ascii_digit()) {
                format!("{nested}{m} ")
            } else {
                format!("{nested}• ")
            };
            let indent = str_width(&shown);
            (Role::Text, Some(Piece::deco(shown, Role::Marker)), indent)
        }
    };
    let content = block.content;
    let Some(start) = chunk_start(text, content, k) else {
        return Vec::new();
    };
    let end = chunk_start(text, content, k + 1).unwrap_or(content.end);
    // The bullet or quote rule leads the block's first row only.
    let first = lead.filter(|_| k == 0);
    let lines = block.kind == BlockKind::Code || !markup.is_empty();
    let vis = Vis::new(text, markup, Span::new(start, end), lines);
    wrapped(&vis, width, role, first, indent)
}

/// The first `max` rows of what `span` of `text` shows, wrapped to `width`
/// as one run of text, for a passage quoted in a narrow pane: its markup
/// left out, its line breaks shown as spaces.
pub fn first_rows(text: &str, markup: &Markup, span: Span, width: usize, max: usize) -> Vec<Row> {
    let vis = Vis::new(text, markup, span, false);
    wrap_first(&vis.shown, width.max(1), max)
        .into_iter()
        .map(|r| Row {
            start: vis.source_at(r.start, span.start),
            pieces: vis.pieces(r, Role::Text),
        })
        .collect()
}

/// The widest a thematic break is drawn.
const RULE_WIDTH: usize = 72;

/// Lays out `block` of `text` in rows of at most `width` columns (except
/// where a single grapheme is wider than `width`): the rows of all its
/// chunks in order.
pub fn block_rows(text: &str, markup: &Markup, block: &Block, width: usize) -> Vec<Row> {
    (0..=last_chunk(text, block))
        .flat_map(|k| chunk_rows(text, markup, block, width, k))
        .collect()
}

/// Column widths for a table in `avail` columns, from each column's
/// `natural` width (its widest cell), `words` (the width of each word and
/// whether it is in the heading row) and `least` width (its widest
/// grapheme).
///
/// A table that fits is drawn at its natural widths. Otherwise every
/// column first gets its longest word, so that cells break only at spaces,
/// and what is left goes to the columns by how much more their cells
/// hold. When even the words do not fit, columns give way where that
/// breaks the fewest words, headings above all.
fn fit_columns(
    natural: &[usize],
    words: &[Vec<(usize, bool)>],
    least: &[usize],
    avail: usize,
) -> Vec<usize> {
    if natural.iter().sum::<usize>() <= avail {
        return natural.to_vec();
    }
    let word_width: Vec<usize> = words
        .iter()
        .zip(natural)
        .map(|(ws, &n)| ws.iter().map(|&(w, _)| w).max().unwrap_or(1).min(n))
        .collect();
    let mut widths = word_width.clone();
    let used: usize = widths.iter().sum();
    if used <= avail {
        let spare = avail - used;
        let wants: Vec<usize> = natural.iter().zip(&widths).map(|(&n, &w)| n - w).collect();
        let total: usize = wants.iter().sum();
        for (w, &want) in widths.iter_mut().zip(&wants) {
            *w += want * spare / total.max(1);
        }
        // Hand out what rounding left over, to the columns that want most.
        let mut left = avail.saturating_sub(widths.iter().sum());
        while left > 0 {
            let Some(c) = (0..widths.len())
                .filter(|&c| widths[c] < natural[c])
                .max_by_key(|&c| natural[c] - widths[c])
            else {
                break;
            };
            widths[c] += 1;
            left -= 1;
        }
        return widths;
    }
    let mut over = used - avail;
    while over > 0 {
        // Narrow the column where one column less breaks the fewest words,
        // a heading's counting for three, and that has given least so far;
        // of those, the one with the most text.
        let cost = |c: usize| -> usize {
            let broken: usize = words[c]
                .iter()
                .filter(|&&(w, _)| w == widths[c])
                .map(|&(_, heading)| if heading { 3 } else { 1 })
                .sum();
            broken + word_width[c] - widths[c]
        };
        let Some(c) = (0..widths.len())
            .filter(|&c| widths[c] > least[c])
            .min_by_key(|&c| (cost(c), std::cmp::Reverse(natural[c])))
        else {
            break;
        };
        widths[c] -= 1;
        over -= 1;
    }
    widths
}

fn border(widths: &[usize], left: &str, mid: &str, right: &str) -> String {
    let inner: Vec<String> = widths.iter().map(|&w| "─".repeat(w + 2)).collect();
    format!("{left}{}{right}", inner.join(mid))
}

fn table_rows(
    text: &str,
    markup: &Markup,
    block: &Block,
    rows: &[Vec<Span>],
    header: bool,
    width: usize,
) -> Vec<Row> {
    let shown: Vec<Vec<Vis<'_>>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|&c| Vis::new(text, markup, c, false))
                .collect()
        })
        .collect();
    let ncols = rows.iter().map(Vec::len).max().unwrap_or(0);
    // Each column costs its width plus two spaces of padding and a border.
    let overhead = 3 * ncols + 1;
    // A column is never narrower than its widest grapheme (a flag, a CJK
    // character), or the grid would be wider than `width`.
    let mut least = vec![1usize; ncols];
    for r in &shown {
        for (c, cell) in r.iter().enumerate() {
            let widest = cell.shown.graphemes(true).map(grapheme_width).max();
            least[c] = least[c].max(widest.unwrap_or(1));
        }
    }
    if ncols == 0 || width < overhead + least.iter().sum::<usize>() {
        // Too narrow to draw a grid: one wrapped line per row.
        return rows
            .iter()
            .flat_map(|r| {
                let span = Span::new(
                    r.first().map_or(block.span.start, |c| c.start),
                    r.last().map_or(block.span.start, |c| c.end),
                );
                let vis = Vis::new(text, markup, span, false);
                wrapped(&vis, width, Role::TableCell, None, 0)
            })
            .collect();
    }
    let mut natural = vec![1usize; ncols];
    let mut words: Vec<Vec<(usize, bool)>> = vec![Vec::new(); ncols];
    for (ri, r) in shown.iter().enumerate() {
        for (c, cell) in r.iter().enumerate() {
            let cell = &cell.shown;
            natural[c] = natural[c].max(str_width(cell));
            let heading = header && ri == 0;
            words[c].extend(cell.split_whitespace().map(|w| (str_width(w), heading)));
        }
    }
    let avail = width - overhead;
    let mut widths = fit_columns(&natural, &words, &least, avail);
    for (w, &l) in widths.iter_mut().zip(&least) {
        *w = (*w).max(l);
    }
    // Give back what that took from the widest columns that can spare it.
    while widths.iter().sum::<usize>() > avail {
        let Some((c, _)) = widths
            .iter()
            .enumerate()
            .filter(|&(c, &w)| w > least[c])
            .max_by_key(|&(_, &w)| w)
        else {
            break;
        };
        widths[c] -= 1;
    }
    let mut out = vec![Row {
        start: block.span.start,
        pieces: vec![Piece::deco(border(&widths, "┌", "┬", "┐"), Role::Rule)],
    }];
    for (ri, r) in rows.iter().enumerate() {
        let role = if header && ri == 0 {
            Role::TableHeader
        } else {
            Role::TableCell
        };
        // Each cell's lines: where each starts, its pieces and its width.
        let cells: Vec<Vec<(usize, Vec<Piece>, usize)>> = (0..ncols)
            .map(|c| match (r.get(c), shown[ri].get(c)) {
                (Some(cell), Some(vis)) => vis
                    .rows(widths[c])
                    .into_iter()
                    .map(|x| {
                        let used = str_width(&vis.shown[x.clone()]);
                        (
                            vis.source_at(x.start, cell.start),
                            vis.pieces(x, role),
                            used,
                        )
                    })
                    .collect(),
                _ => Vec::new(),
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let row_start = r.first().map_or(block.span.start, |c| c.start);
        for line in 0..height {
            let mut pieces = vec![Piece::deco("│ ", Role::Rule)];
            for (c, lines) in cells.iter().enumerate() {
                let used = match lines.get(line) {
                    Some((_, shown, used)) if !shown.is_empty() => {
                        pieces.extend(shown.iter().cloned());
                        *used
                    }
                    _ => 0,
                };
                let sep = if c + 1 == ncols { " │" } else { " │ " };
                pieces.push(Piece::deco(
                    format!("{}{sep}", " ".repeat(widths[c].saturating_sub(used))),
                    Role::Rule,
                ));
            }
            let start = cells
                .iter()
                .find_map(|l| l.get(line).map(|s| s.0))
                .unwrap_or(row_start);
            out.push(Row { start, pieces });
        }
        if header && ri == 0 && rows.len() > 1 {
            let next = rows[1].first().map_or(row_start, |c| c.start);
            out.push(Row {
                start: next,
                pieces: vec![Piece::deco(border(&widths, "├", "┼", "┤"), Role::Rule)],
            });
        }
    }
    let last = out.last().map_or(block.span.start, |r| r.start);
    out.push(Row {
        start: last,
        pieces: vec![Piece::deco(border(&widths, "└", "┴", "┘"), Role::Rule)],
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment::segment;
    use crate::text::wrap::wrap;

    fn render(text: &str, row: &Row) -> String {
        row.pieces
            .iter()
            .map(|p| match p {
                Piece::Text { span, .. } => span.of(text).to_string(),
                Piece::Deco { text, .. } | Piece::Shown { text, .. } => text.clone(),
            })
            .collect()
    }

    #[test]
    fn tables_are_drawn_as_aligned_grids() {
        let text = "| Metric | Pakistan |\n|---|---|\n| Defense Spending (% GDP) | 2.8% |\n";
        let seg = segment(text, 0);
        let rows = block_rows(text, &Markup::default(), &seg.blocks[0], 60);
        let lines: Vec<String> = rows.iter().map(|r| render(text, r)).collect();
        assert_eq!(
            lines,
            [
                "┌──────────────────────────┬──────────┐",
                "│ Metric                   │ Pakistan │",
                "├──────────────────────────┼──────────┤",
                "│ Defense Spending (% GDP) │ 2.8%     │",
                "└──────────────────────────┴──────────┘",
            ]
        );
    }

    #[test]
    fn table_columns_share_the_width_by_content_and_break_at_spaces() {
        let text =
            "| Metric | Pakistan | Vietnam | Indonesia | Global Best |\n|---|---|---|---|---|\n\
                    | Defense Spending (% GDP) | 2.8% | 2.4% | 0.9% | 3.5% |\n\
                    | Trade with China (% Total) | 22% | 28% | 25% | 30% |\n";
        let seg = segment(text, 0);
        let words = [
            "Metric",
            "Pakistan",
            "Vietnam",
            "Indonesia",
            "Global",
            "Best",
            "Defense",
            "Spending",
            "China",
            "Total)",
        ];
        // From the width where every word fits to the natural width.
        for width in 54..80 {
            let rows = block_rows(text, &Markup::default(), &seg.blocks[0], width);
            let lines: Vec<String> = rows.iter().map(|r| render(text, r)).collect();
            let all = lines.join("\n");
            for w in words {
                assert!(
                    lines.iter().any(|l| l.contains(w)),
                    "{width}: {w} broken\n{all}"
                );
            }
            assert!(
                rows.iter().all(|r| r.width(text) <= width),
                "{width}\n{all}"
            );
        }
        // Narrower, the short headings stay whole while the long first
        // column gives way.
        let rows = block_rows(text, &Markup::default(), &seg.blocks[0], 52);
        let lines: Vec<String> = rows.iter().map(|r| render(text, r)).collect();
        for w in ["Pakistan", "Vietnam", "Indonesia"] {
            assert!(
                lines.iter().any(|l| l.contains(w)),
                "{w}\n{}",
                lines.join("\n")
            );
        }
    }

    #[test]
    fn narrow_tables_wrap_cells_within_the_width() {
        let text = "| Metric | Pakistan | Vietnam |\n|---|---|---|\n| Defense Spending (% GDP) | 2.8% | 2.4% |\n";
        let seg = segment(text, 0);
        for width in [12, 20, 30] {
            for row in block_rows(text, &Markup::default(), &seg.blocks[0], width) {
                assert!(
                    row.width(text) <= width,
                    "{width}: {:?}",
                    render(text, &row)
                );
            }
        }
    }

    #[test]
    fn list_items_hang_under_their_bullet() {
        let text = "- Joint munitions pools combined reserves\n";
        let seg = segment(text, 0);
        let lines: Vec<String> = block_rows(text, &Markup::default(), &seg.blocks[0], 20)
            .iter()
            .map(|r| render(text, r))
            .collect();
        assert_eq!(
            lines,
            ["• Joint munitions", "  pools combined", "  reserves"]
        );
    }

    /// A paragraph of `n` bytes or a little more, of numbered sentences.
    fn long_paragraph(n: usize) -> String {
        let mut s = String::new();
        let mut i = 0;
        while s.len() < n {
            s.push_str(&format!(
                "Sentence {i} of the long paragraph runs on a while. "
            ));
            i += 1;
        }
        s.trim_end().to_string()
    }

    fn paragraph(text: &str) -> Block {
        let seg = segment(text, 0);
        assert_eq!(seg.blocks.len(), 1);
        seg.blocks[0].clone()
    }

    fn chunk_starts(text: &str, block: &Block) -> Vec<usize> {
        (0..=last_chunk(text, block))
            .map(|k| chunk_rows(text, &Markup::default(), block, 40, k)[0].start)
            .collect()
    }

    #[test]
    fn blocks_up_to_a_chunk_long_are_wrapped_whole() {
        let text = long_paragraph(CHUNK - 100);
        let b = paragraph(&text);
        assert_eq!(last_chunk(&text, &b), 0);
        let starts: Vec<usize> = block_rows(&text, &Markup::default(), &b, 33)
            .iter()
            .map(|r| r.start)
            .collect();
        let whole: Vec<usize> = wrap(&text, 33).iter().map(|r| r.start).collect();
        assert_eq!(starts, whole);
    }

    #[test]
    fn long_blocks_are_cut_after_sentence_ends_near_each_chunk() {
        let text = long_paragraph(5 * CHUNK + 10);
        let b = paragraph(&text);
        assert_eq!(last_chunk(&text, &b), 5);
        let starts = chunk_starts(&text, &b);
        for (k, &s) in starts.iter().enumerate().skip(1) {
            assert!(
                (k * CHUNK..k * CHUNK + SEARCH).contains(&s),
                "chunk {k} at {s}"
            );
            assert!(
                text[..s].ends_with(". "),
                "chunk {k}: {:?}",
                &text[s - 10..s]
            );
        }
        for byte in [0, 1, CHUNK - 1, CHUNK, starts[2], starts[2] - 1, text.len()] {
            let k = chunk_at(&text, &b, byte);
            assert!(starts[k] <= byte || k == 0, "{byte} in chunk {k}");
            assert!(starts.get(k + 1).is_none_or(|&next| byte < next), "{byte}");
        }
        // The chunks' rows are the block's rows.
        let all: Vec<Row> = (0..=5)
            .flat_map(|k| chunk_rows(&text, &Markup::default(), &b, 40, k))
            .collect();
        assert_eq!(all, block_rows(&text, &Markup::default(), &b, 40));
        assert!(chunk_rows(&text, &Markup::default(), &b, 40, 6).is_empty());
    }

    #[test]
    fn list_items_keep_their_hanging_indent_in_every_chunk() {
        let text = format!("- {}", long_paragraph(2 * CHUNK));
        let seg = segment(&text, 0);
        let b = &seg.blocks[0];
        assert!(matches!(b.kind, BlockKind::ListItem { .. }));
        let rows = block_rows(&text, &Markup::default(), b, 30);
        assert_eq!(render(&text, &rows[0]).chars().next(), Some('•'));
        assert!(rows[1..].iter().all(|r| render(&text, r).starts_with("  ")));
        assert!(rows.iter().all(|r| r.width(&text) <= 30));
    }

    #[test]
    fn text_without_spaces_is_cut_after_full_stops_or_between_graphemes() {
        let cjk = "東京連絡事務所は開設された。".repeat(CHUNK / 20);
        let b = paragraph(&cjk);
        let starts = chunk_starts(&cjk, &b);
        assert!(starts.len() > 1);
        for &s in &starts[1..] {
            assert!(cjk[..s].ends_with('。'), "{s}");
        }
        let word = "x\u{301}y".repeat(CHUNK);
        let b = paragraph(&word);
        for &s in &chunk_starts(&word, &b)[1..] {
            assert!(
                word[s..].starts_with('x') || word[s..].starts_with('y'),
                "{s}"
            );
        }
        // One grapheme of a letter and thousands of marks is cut anyway.
        let zalgo = format!("a{}", "\u{301}".repeat(CHUNK));
        let b = paragraph(&zalgo);
        assert_eq!(last_chunk(&zalgo, &b), 1);
        for row in block_rows(&zalgo, &Markup::default(), &b, 10) {
            assert!(zalgo.is_char_boundary(row.start));
        }
    }
}
