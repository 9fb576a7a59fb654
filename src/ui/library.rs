//! The library pane: an entry per article with its title, then its length,
//! date and source.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::theme::Theme;
use super::{pane, styled};
use crate::app::lists::LIBRARY_PREFIX;
use crate::app::{App, Pane};
use crate::state::Progress;
use crate::strings;

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus() == Pane::Library;
    let title = format!("{} ({})", strings::LIBRARY, app.articles().len());
    let block = pane(&title, area.width, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let indent = " ".repeat(LIBRARY_PREFIX);
    let width = usize::from(inner.width);
    let lines: Vec<Line<'_>> = app
        .library_entries()
        .into_iter()
        .enumerate()
        .skip(app.list_offset())
        .flat_map(|(i, entry)| {
            let mark = if app.open() == Some(i) { "▸" } else { " " };
            let progress = match app.progress()[i] {
                Progress::Unread => "○ ",
                Progress::InProgress => "◐ ",
                Progress::Read => "● ",
            };
            let mut lines: Vec<Line<'_>> = entry
                .title
                .into_iter()
                .enumerate()
                .map(|(row, text)| {
                    let lead = if row == 0 {
                        vec![
                            styled(mark, theme.cursor_mark()),
                            styled(progress, theme.muted()),
                        ]
                    } else {
                        vec![styled(indent.clone(), Style::new())]
                    };
                    let mut spans = lead;
                    spans.push(styled(text, Style::new()));
                    Line::from(spans)
                })
                .collect();
            lines.push(Line::from(vec![
                styled(indent.clone(), Style::new()),
                styled(entry.about, theme.muted()),
            ]));
            if i == app.selected() {
                for line in &mut lines {
                    let pad = width.saturating_sub(line.width());
                    line.push_span(styled(" ".repeat(pad), Style::new()));
                    *line = std::mem::take(line).patch_style(theme.selected(focused));
                }
            }
            lines
        })
        .take(usize::from(inner.height))
        .collect();
    if lines.is_empty() {
        frame.render_widget(
            Paragraph::new(if app.loading() {
                strings::LOADING
            } else {
                strings::NO_ARTICLES
            })
            .style(theme.muted())
            .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
