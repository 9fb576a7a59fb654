//! The source pane: the open article, wrapped to the pane, with the passage
//! cursor marked in the gutter and jump targets and shared words marked in
//! the text.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::marks::marked;
use super::theme::Theme;
use super::{pane, styled, Shown};
use crate::app::layout::GUTTER;
use crate::app::{App, Pane, RefItem};
use crate::strings;
use crate::text::layout::Piece;
use crate::text::sanitize::clean;
use crate::text::Span as ByteSpan;

/// The gutter mark of a passage with a note, and of one with only
/// highlights.
pub const NOTE_MARK: &str = "✎";
pub const HIGHLIGHT_MARK: &str = "✦";

/// What to mark in the open article: the passage a jump landed on, the
/// words the selected cross-reference shares, and the chosen sentences.
fn marks(app: &App, theme: &Theme) -> Vec<(ByteSpan, Style)> {
    let mut out: Vec<(ByteSpan, Style)> = app
        .highlight()
        .iter()
        .filter(|(a, _)| Some(*a) == app.open())
        .map(|&(_, s)| (s, theme.jump_target()))
        .collect();
    if app.focus() == Pane::Refs {
        if let Some(RefItem::Link(link)) = app.ref_items().get(app.reference()) {
            out.extend(
                link.source_highlights
                    .iter()
                    .map(|&s| (s, theme.shared_term())),
            );
        }
    }
    if let Some(id) = app.open() {
        for (note, placement) in app.notes_in(id) {
            if let Some(span) = placement.span() {
                let style = if note.is_highlight() {
                    theme.highlighted()
                } else {
                    theme.noted()
                };
                out.push((span, style));
            }
        }
    }
    if let Some(find) = app.find().filter(|f| Some(f.article) == app.open()) {
        for (i, &m) in find.matches.iter().enumerate() {
            let style = if Some(i) == find.current {
                theme.search_current()
            } else {
                theme.search_match()
            };
            out.push((m, style));
        }
    }
    if app.selection().sentence.is_some() {
        if let Some(span) = app.selected_span() {
            let style = if app.visual() {
                theme.selection()
            } else {
                theme.sentence()
            };
            out.push((span, style));
        }
    }
    out
}

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, shown: &Shown, theme: &Theme) {
    let focused = app.focus() == Pane::Source;
    let (Some(article), Some(view)) = (app.open_article(), app.open_view()) else {
        let block = pane(strings::SOURCE, area.width, focused, theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let text: Vec<Line<'_>> = if app.loading() {
            vec![Line::from(strings::LOADING)]
        } else {
            strings::empty_library(app.sources())
                .into_iter()
                .map(Line::from)
                .collect()
        };
        frame.render_widget(
            Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    };
    let block = pane(app.title(article.id), area.width, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(app.text_area().width);
    let marks = marks(app, theme);
    // The gutter mark of a passage: ✎ where a note with text starts in
    // it, else ✦ where only highlights do.
    let mut noted: std::collections::HashMap<usize, &str> = std::collections::HashMap::new();
    for (note, p) in app.notes_in(article.id) {
        if let Some(s) = p.span() {
            let mark = noted
                .entry(article.block_at(s.start))
                .or_insert(HIGHLIGHT_MARK);
            if !note.is_highlight() {
                *mark = NOTE_MARK;
            }
        }
    }
    let rows = shown.rows(app, width, usize::from(inner.height));
    // Markdown's styles go under every other mark.
    let on_screen = rows
        .iter()
        .filter_map(|r| r.row.as_ref())
        .flat_map(|r| &r.pieces)
        .filter_map(|p| match p {
            Piece::Text { span, .. } | Piece::Shown { span, .. } => Some(*span),
            Piece::Deco { .. } => None,
        })
        .reduce(|a, b| ByteSpan::new(a.start.min(b.start), a.end.max(b.end)));
    let mut all: Vec<(ByteSpan, Style)> = on_screen
        .map(|range| {
            article
                .markup
                .styles_in(range)
                .map(|s| (s.span, theme.inline(s.inline)))
                .collect()
        })
        .unwrap_or_default();
    all.extend(marks);
    let marks = all;
    let lines: Vec<Line<'_>> = rows
        .iter()
        .map(|r| {
            let Some(row) = &r.row else {
                return Line::from("");
            };
            let on_cursor = r.block == view.cursor;
            let boilerplate = article.blocks[r.block].boilerplate;
            let mut spans = vec![
                styled(if on_cursor { "▌" } else { " " }, theme.cursor_mark()),
                styled(
                    noted
                        .get(&r.block)
                        .filter(|_| row.start == article.blocks[r.block].content.start)
                        .copied()
                        .unwrap_or(" "),
                    theme.noted(),
                ),
            ];
            for piece in &row.pieces {
                match piece {
                    Piece::Text { span, role } => {
                        let mut style = theme.role(*role);
                        if boilerplate {
                            style = style.patch(theme.dim());
                        }
                        spans.extend(marked(&article.text, *span, &marks, style));
                    }
                    Piece::Shown { span, text, role } => {
                        let mut style = theme.role(*role);
                        if boilerplate {
                            style = style.patch(theme.dim());
                        }
                        let style = marks
                            .iter()
                            .filter(|(m, _)| m.start <= span.start && span.start < m.end)
                            .fold(style, |s, (_, st)| s.patch(*st));
                        spans.push(Span::styled(clean(text).into_owned(), style));
                    }
                    Piece::Deco { text, role } => {
                        spans.push(Span::styled(text.clone(), theme.role(*role)))
                    }
                }
            }
            if on_cursor {
                let used: usize = spans.iter().map(Span::width).sum();
                let pad = usize::from(GUTTER) + width;
                spans.push(Span::raw(" ".repeat(pad.saturating_sub(used))));
                Line::from(spans).patch_style(theme.cursor_row())
            } else {
                Line::from(spans)
            }
        })
        .collect();
    // Lines go straight into the buffer: a Paragraph would measure every
    // grapheme again to truncate lines that already fit.
    let buf = frame.buffer_mut();
    for (y, line) in (inner.y..inner.bottom()).zip(&lines) {
        buf.set_line(inner.x, y, line, inner.width);
    }
}
