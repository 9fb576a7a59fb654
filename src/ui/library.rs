//! The library pane: one row per article with its title and word count.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::theme::Theme;
use super::{fit, pane, styled};
use crate::app::{App, Pane};
use crate::state::Progress;
use crate::strings;
use crate::text::wrap::str_width;

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus() == Pane::Library;
    let title = format!("{} ({})", strings::LIBRARY, app.articles().len());
    let block = pane(&title, area.width, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let lines: Vec<Line<'_>> = app
        .articles()
        .iter()
        .enumerate()
        .skip(app.list_offset())
        .take(usize::from(inner.height))
        .map(|(i, a)| {
            let mark = if app.open() == Some(a.id) { "▸" } else { " " };
            let progress = match app.progress()[a.id] {
                Progress::Unread => "○ ",
                Progress::InProgress => "◐ ",
                Progress::Read => "● ",
            };
            let count = strings::word_count(a.words);
            let room = width.saturating_sub(3 + str_width(&count) + 1);
            let mut line = Line::from(vec![
                styled(mark, theme.cursor_mark()),
                styled(progress, theme.muted()),
                styled(fit(&a.title, room), ratatui::style::Style::new()),
                styled(format!(" {count}"), theme.muted()),
            ]);
            if i == app.selected() {
                line = line.patch_style(theme.selected(focused));
            }
            line
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(
            Paragraph::new(if app.loading() {
                strings::LOADING
            } else {
                strings::NO_ARTICLES
            })
            .style(theme.muted()),
            inner,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
