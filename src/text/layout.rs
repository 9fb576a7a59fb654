//! Lays out one block of an article as screen rows of a given width.
//!
//! A row is a list of pieces: either a span of the article's bytes or a
//! decoration (bullet, table border, padding). The UI styles pieces by role
//! and sanitises text pieces as it draws them; every other consumer can map
//! a row back to the bytes it shows through its spans.

use super::segment::{Block, BlockKind};
use unicode_segmentation::UnicodeSegmentation;

use super::wrap::{grapheme_width, str_width, wrap};
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
}

/// One piece of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Bytes of the article, shown as they are once sanitised.
    Text { span: Span, role: Role },
    /// Text that is not in the article: bullets, borders, padding.
    Deco { text: String, role: Role },
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
    /// none (a table border) the byte of the nearest text below it.
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
                Piece::Deco { text, .. } => str_width(text),
            })
            .sum()
    }
}

/// Rows for text wrapped to `width` with a hanging indent: `first` leads
/// the first row and `indent` every other.
fn wrapped(
    text: &str,
    span: Span,
    width: usize,
    role: Role,
    first: Option<Piece>,
    indent: usize,
) -> Vec<Row> {
    // Too narrow for the marker and any text: leave the marker out.
    let first = first.filter(|_| width > indent);
    let lead = first.as_ref().map_or(0, |_| indent);
    let avail = width.saturating_sub(lead).max(1);
    let mut first = first;
    wrap(span.of(text), avail)
        .into_iter()
        .map(|r| {
            let piece_span = Span::new(span.start + r.start, span.start + r.end);
            let mut pieces = Vec::with_capacity(2);
            if let Some(p) = first.take() {
                pieces.push(p);
            } else if lead > 0 {
                pieces.push(Piece::deco(" ".repeat(lead), Role::Marker));
            }
            if !piece_span.is_empty() {
                pieces.push(Piece::Text {
                    span: piece_span,
                    role,
                });
            }
            Row {
                start: piece_span.start,
                pieces,
            }
        })
        .collect()
}

/// Lays out `block` of `text` in rows of at most `width` columns (except
/// where a single grapheme is wider than `width`).
pub fn block_rows(text: &str, block: &Block, width: usize) -> Vec<Row> {
    let width = width.max(1);
    match &block.kind {
        BlockKind::Paragraph => wrapped(text, block.content, width, Role::Text, None, 0),
        BlockKind::Heading { .. } => wrapped(text, block.content, width, Role::Heading, None, 0),
        BlockKind::Caption => wrapped(text, block.content, width, Role::Caption, None, 0),
        BlockKind::Quote => wrapped(
            text,
            block.content,
            width,
            Role::Quote,
            Some(Piece::deco("│ ", Role::Rule)),
            2,
        ),
        BlockKind::ListItem { marker } => {
            let m = marker.of(text);
            let shown = if m.chars().any(|c| c.is_ascii_digit()) {
                format!("{m} ")
            } else {
                "• ".to_string()
            };
            let indent = str_width(&shown);
            wrapped(
                text,
                block.content,
                width,
                Role::Text,
                Some(Piece::deco(shown, Role::Marker)),
                indent,
            )
        }
        BlockKind::Table { rows, header } => table_rows(text, block, rows, *header, width),
    }
}

/// Column widths for a table of natural widths `natural` in `avail` columns.
fn fit_columns(natural: &[usize], avail: usize) -> Vec<usize> {
    let total: usize = natural.iter().sum();
    if total <= avail {
        return natural.to_vec();
    }
    let n = natural.len().max(1);
    let mut widths: Vec<usize> = natural
        .iter()
        .map(|&w| (w * avail / total.max(1)).max(1))
        .collect();
    // Hand out what rounding left over, narrowest column first.
    let mut left = avail.saturating_sub(widths.iter().sum());
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| widths[i]);
    for &i in order.iter().cycle().take(n * 4) {
        if left == 0 {
            break;
        }
        if widths[i] < natural[i] {
            widths[i] += 1;
            left -= 1;
        }
    }
    widths
}

fn border(widths: &[usize], left: &str, mid: &str, right: &str) -> String {
    let inner: Vec<String> = widths.iter().map(|&w| "─".repeat(w + 2)).collect();
    format!("{left}{}{right}", inner.join(mid))
}

fn table_rows(
    text: &str,
    block: &Block,
    rows: &[Vec<Span>],
    header: bool,
    width: usize,
) -> Vec<Row> {
    let ncols = rows.iter().map(Vec::len).max().unwrap_or(0);
    // Each column costs its width plus two spaces of padding and a border.
    let overhead = 3 * ncols + 1;
    // A column is never narrower than its widest grapheme (a flag, a CJK
    // character), or the grid would be wider than `width`.
    let mut least = vec![1usize; ncols];
    for r in rows {
        for (c, cell) in r.iter().enumerate() {
            let widest = cell.of(text).graphemes(true).map(grapheme_width).max();
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
                wrapped(text, span, width, Role::TableCell, None, 0)
            })
            .collect();
    }
    let mut natural = vec![1usize; ncols];
    for r in rows {
        for (c, cell) in r.iter().enumerate() {
            natural[c] = natural[c].max(str_width(cell.of(text)));
        }
    }
    let avail = width - overhead;
    let mut widths = fit_columns(&natural, avail);
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
        let cells: Vec<Vec<Span>> = (0..ncols)
            .map(|c| match r.get(c) {
                Some(cell) => wrap(cell.of(text), widths[c])
                    .into_iter()
                    .map(|x| Span::new(cell.start + x.start, cell.start + x.end))
                    .collect(),
                None => Vec::new(),
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let row_start = r.first().map_or(block.span.start, |c| c.start);
        for line in 0..height {
            let mut pieces = vec![Piece::deco("│ ", Role::Rule)];
            for (c, lines) in cells.iter().enumerate() {
                let used = match lines.get(line) {
                    Some(span) if !span.is_empty() => {
                        pieces.push(Piece::Text { span: *span, role });
                        str_width(span.of(text))
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
                .find_map(|l| l.get(line).map(|s| s.start))
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
    let last = rows
        .last()
        .and_then(|r| r.first())
        .map_or(block.span.start, |c| c.start);
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

    fn render(text: &str, row: &Row) -> String {
        row.pieces
            .iter()
            .map(|p| match p {
                Piece::Text { span, .. } => span.of(text).to_string(),
                Piece::Deco { text, .. } => text.clone(),
            })
            .collect()
    }

    #[test]
    fn tables_are_drawn_as_aligned_grids() {
        let text = "| Metric | Pakistan |\n|---|---|\n| Defense Spending (% GDP) | 2.8% |\n";
        let seg = segment(text, 0);
        let rows = block_rows(text, &seg.blocks[0], 60);
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
    fn narrow_tables_wrap_cells_within_the_width() {
        let text = "| Metric | Pakistan | Vietnam |\n|---|---|---|\n| Defense Spending (% GDP) | 2.8% | 2.4% |\n";
        let seg = segment(text, 0);
        for width in [12, 20, 30] {
            for row in block_rows(text, &seg.blocks[0], width) {
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
        let lines: Vec<String> = block_rows(text, &seg.blocks[0], 20)
            .iter()
            .map(|r| render(text, r))
            .collect();
        assert_eq!(
            lines,
            ["• Joint munitions", "  pools combined", "  reserves"]
        );
    }
}
