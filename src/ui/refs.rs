//! The cross-reference pane: passages in other articles related to the
//! paragraph under the cursor, each with why it is linked, then the
//! articles most related to the open one.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::marks::marked;
use super::theme::Theme;
use super::{fit, pane, styled, waiting, List};
use crate::app::lists::{no_links_rows, snippet_rows, SNIPPET_ROWS};
use crate::app::{App, Pane, RefItem};
use crate::strings;
use crate::text::layout::Piece;
use crate::text::sanitize::{clean, one_line};
use crate::text::wrap::truncate;
use crate::text::Span as ByteSpan;

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus() == Pane::Refs;
    let block = pane(strings::REFS, area.width, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if waiting(frame, inner, app, theme) {
        return;
    }
    let Some(list) = list(app, theme, inner.width) else {
        return;
    };
    let lines = list.lines(usize::from(inner.height), theme.selected(focused));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The cross-references and related articles as list entries for a pane
/// `width` columns wide; `None` before the analysis.
pub(super) fn list(app: &App, theme: &Theme, width: u16) -> Option<List> {
    let shape = app.refs_shape(width)?;
    let width = usize::from(width).max(4);
    let items = app.ref_items();
    let links = items
        .iter()
        .filter(|i| matches!(i, RefItem::Link(_)))
        .count();
    // Entries of the pane: headers and items; `item_entry[i]` is the entry
    // that shows item `i`.
    let mut blocks: Vec<Vec<Line<'static>>> = Vec::new();
    if links == 0 {
        blocks.push(
            no_links_rows(width)
                .into_iter()
                .map(|r| Line::from(styled(&strings::NO_LINKS[r], theme.muted())))
                .collect(),
        );
    }
    for (i, item) in items.iter().enumerate() {
        if i == links {
            blocks.push(vec![
                Line::from(""),
                Line::from(styled(strings::RELATED_ARTICLES, theme.title(false))),
            ]);
        }
        let mut lines = Vec::new();
        match item {
            RefItem::Link(link) => {
                let target = &app.articles()[link.article];
                let score = format!(" {:.2}", link.score);
                lines.push(Line::from(vec![
                    styled("↗ ", theme.cursor_mark()),
                    styled(
                        fit(app.title(target.id), width.saturating_sub(2 + score.len())),
                        theme.title(false),
                    ),
                    styled(score, theme.muted()),
                ]));
                let marks: Vec<(ByteSpan, Style)> = link
                    .highlights
                    .iter()
                    .map(|&s| (s, theme.shared_term()))
                    .collect();
                // The passage without its list marker or markup.
                let (rows, more) = snippet_rows(target, link, width);
                for (r, row) in rows.into_iter().enumerate() {
                    let mut spans = vec![styled("  ", Style::new())];
                    for piece in &row.pieces {
                        match piece {
                            Piece::Text { span, .. } => {
                                spans.extend(marked(&target.text, *span, &marks, Style::new()))
                            }
                            Piece::Shown { text, .. } => {
                                spans.push(styled(clean(text).into_owned(), Style::new()))
                            }
                            Piece::Deco { .. } => {}
                        }
                    }
                    if more && r + 1 == SNIPPET_ROWS {
                        spans.push(styled("…", theme.muted()));
                    }
                    lines.push(Line::from(spans));
                }
                let because = one_line(&link.because.join(", "));
                lines.push(Line::from(styled(
                    truncate(&format!("  {} {because}", strings::BECAUSE), width),
                    theme.muted(),
                )));
            }
            RefItem::Related(article, score) => {
                let score = format!(" {score:.2}");
                lines.push(Line::from(vec![
                    styled("  ", Style::new()),
                    styled(
                        fit(app.title(*article), width.saturating_sub(2 + score.len())),
                        Style::new(),
                    ),
                    styled(score, theme.muted()),
                ]));
            }
        }
        blocks.push(lines);
    }
    Some(List {
        entries: blocks,
        shape,
    })
}
