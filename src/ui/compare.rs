//! The compare view: two linked passages side by side, the words they
//! share marked, each side scrolling on its own.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::marks::marked;
use super::theme::Theme;
use super::{pane, rect, styled};
use crate::app::compare::{Compare, Side};
use crate::app::App;
use crate::strings;
use crate::text::sanitize::one_line;
use crate::text::wrap::{truncate, wrap_first};
use crate::text::Span;

fn side(frame: &mut Frame<'_>, area: Rect, app: &App, s: &Side, focused: bool, theme: &Theme) {
    let article = &app.articles()[s.article];
    let block = pane(app.title(article.id), area.width, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let content = article.blocks[s.block].content;
    let marks: Vec<(Span, Style)> = s.shared.iter().map(|&m| (m, theme.shared_term())).collect();
    let width = usize::from(inner.width.saturating_sub(1)).max(1);
    // Only as far as the rows on screen: the passage may be a whole book.
    let shown = s.scroll + usize::from(inner.height) + 1;
    let rows = wrap_first(content.of(&article.text), width, shown);
    let scroll = s.scroll.min(rows.len().saturating_sub(1));
    let lines: Vec<Line<'static>> = rows
        .into_iter()
        .skip(scroll)
        .map(|r| {
            Line::from(marked(
                &article.text,
                Span::new(content.start + r.start, content.start + r.end),
                &marks,
                Style::new(),
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn draw(frame: &mut Frame<'_>, app: &App, c: &Compare, theme: &Theme) {
    let area = rect(app.overlay_area().unwrap_or_default());
    if area.width < 10 || area.height < 6 {
        return;
    }
    frame.render_widget(Clear, area);
    let because = format!(" {} {} ", strings::BECAUSE, one_line(&c.because.join(", ")));
    let footer = format!(" {} ", strings::COMPARE_FOOTER);
    let outer = pane(strings::COMPARE_TITLE, area.width, false, theme)
        .title_bottom(Line::from(styled(
            truncate(&because, usize::from(area.width / 2)),
            theme.muted(),
        )))
        .title_bottom(Line::from(styled(footer, theme.muted())).right_aligned());
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let half = inner.width / 2;
    let left = Rect {
        width: half,
        ..inner
    };
    let right = Rect {
        x: inner.x + half,
        width: inner.width - half,
        ..inner
    };
    side(frame, left, app, &c.sides[0], c.focus == 0, theme);
    side(frame, right, app, &c.sides[1], c.focus == 1, theme);
}
