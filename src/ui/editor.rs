//! The note editor, drawn over the panes: what is being annotated, the
//! note's text with the cursor, and how to save or cancel.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::theme::Theme;
use super::{pane, rect, styled};
use crate::app::notes::Editing;
use crate::app::App;
use crate::strings;
use crate::text::sanitize::one_line;
use crate::text::wrap::truncate;

pub fn draw(frame: &mut Frame<'_>, app: &App, editing: &Editing, theme: &Theme) {
    let area: Rect = rect(app.overlay_area().unwrap_or_default());
    if area.width < 8 || area.height < 5 {
        return;
    }
    let footer = if editing.confirm_discard {
        strings::DISCARD
    } else {
        strings::EDITOR_FOOTER
    };
    let block =
        pane(strings::EDITOR_TITLE, area.width, true, theme).title_bottom(Line::from(styled(
            format!(
                " {} ",
                truncate(footer, usize::from(area.width.saturating_sub(4)))
            ),
            theme.muted(),
        )));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let quote = format!("“{}”", one_line(&editing.quote));
    let heading = vec![
        Line::from(styled(
            truncate(&quote, width),
            theme.role(crate::text::layout::Role::Quote),
        )),
        Line::from(""),
    ];
    let top = u16::try_from(heading.len()).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(heading), inner);
    // The text below the quote, soft-wrapped, the cursor a reversed cell.
    // The editor holds only text that is safe to draw (see
    // `app::editor::NoteEditor`).
    let text = Rect {
        y: inner.y + top.min(inner.height),
        height: inner.height.saturating_sub(top),
        ..inner
    };
    frame.render_widget(editing.editor.textarea(), text);
}
