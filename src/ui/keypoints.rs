//! The key points pane: the sentences that carry the open article's main
//! points, in reading order. Enter shows one in the text.
//!
//! A very long key point is shown shortened, ending in `…`; which rows
//! each point gets is worked out in `app::lists`, where clicks are
//! hit-tested too.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::theme::Theme;
use super::{pane, styled, waiting, List};
use crate::analysis::KeyPoint;
use crate::app::lists::{key_point_rows, key_point_text};
use crate::app::{App, Pane};
use crate::strings;
use crate::text::sanitize::clean;

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus() == Pane::KeyPoints;
    let points = app.key_points();
    let title = if points.is_empty() {
        strings::KEY_POINTS.to_string()
    } else {
        format!("{} ({})", strings::KEY_POINTS, points.len())
    };
    let block = pane(&title, area.width, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if waiting(frame, inner, app, theme) {
        return;
    }
    if points.is_empty() {
        frame.render_widget(
            Paragraph::new(strings::NO_KEY_POINTS)
                .style(theme.muted())
                .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    let Some(list) = list(app, theme, inner.width, inner.height) else {
        return;
    };
    let lines = list.lines(usize::from(inner.height), theme.selected(focused));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The key points as list entries for a pane inside of `width` ×
/// `height`; `None` before the analysis or without key points.
pub(super) fn list(app: &App, theme: &Theme, width: u16, height: u16) -> Option<List> {
    let article = app.open_article()?;
    let shape = app.key_points_shape(width, height)?;
    let rows = key_point_rows(app, usize::from(width), usize::from(height));
    let entries: Vec<Vec<Line<'static>>> = app
        .key_points()
        .iter()
        .zip(rows)
        .map(|(kp, (rows, cut))| {
            let text = key_point_text(article, kp.span);
            let mark = format!(
                "{} ",
                if kp.from_author {
                    KeyPoint::AUTHOR_MARK
                } else {
                    "•"
                }
            );
            let last = rows.len().saturating_sub(1);
            rows.into_iter()
                .enumerate()
                .map(|(i, r)| {
                    let lead = if i == 0 {
                        styled(mark.as_str(), theme.role(crate::text::layout::Role::Marker))
                    } else {
                        styled("  ", theme.muted())
                    };
                    let mut spans = vec![lead];
                    spans.push(ratatui::text::Span::raw(clean(&text[r]).into_owned()));
                    if cut && i == last {
                        spans.push(styled("…", theme.muted()));
                    }
                    Line::from(spans)
                })
                .collect()
        })
        .collect();
    Some(List { entries, shape })
}
