//! The source pane: the open article, wrapped to the pane, with the passage
//! cursor marked in the gutter.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::theme::Theme;
use super::{pane, styled};
use crate::app::layout::GUTTER;
use crate::app::{App, Pane};
use crate::strings;
use crate::text::layout::Piece;
use crate::text::sanitize::clean;

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Pane::Source;
    let (Some(article), Some(view)) = (app.open_article(), app.open_view()) else {
        let block = pane(strings::SOURCE, area.width, focused, theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let text: Vec<Line<'_>> = strings::empty_library(&app.sources)
            .into_iter()
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(text), inner);
        return;
    };
    let block = pane(&article.title, area.width, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let text_area = app.text_area();
    let width = usize::from(text_area.width);
    let rows = view.screen(article, width, usize::from(inner.height));
    let lines: Vec<Line<'_>> = rows
        .iter()
        .map(|r| {
            let on_cursor = r.block == view.cursor;
            let boilerplate = article.blocks[r.block].boilerplate;
            let gutter = if on_cursor && r.row.is_some() {
                "▌ "
            } else {
                "  "
            };
            let mut spans = vec![styled(gutter, theme.cursor_mark())];
            if let Some(row) = &r.row {
                for piece in &row.pieces {
                    let (text, role) = match piece {
                        Piece::Text { span, role } => {
                            (clean(span.of(&article.text)).into_owned(), *role)
                        }
                        Piece::Deco { text, role } => (text.clone(), *role),
                    };
                    let mut style = theme.role(role);
                    if boilerplate {
                        style = style.patch(theme.dim());
                    }
                    spans.push(Span::styled(text, style));
                }
            }
            let line = Line::from(spans);
            if on_cursor && r.row.is_some() {
                let pad = usize::from(GUTTER) + width;
                let used = line.width();
                let mut line = line;
                line.spans
                    .push(Span::raw(" ".repeat(pad.saturating_sub(used))));
                line.patch_style(theme.cursor_row())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
