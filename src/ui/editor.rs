//! The note editor, drawn over the panes: what is being annotated, the
//! note's text with the cursor, and how to save or cancel.

use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::theme::Theme;
use super::{pane, rect, styled};
use crate::app::notes::Editing;
use crate::app::App;
use crate::strings;
use crate::text::sanitize::{clean, one_line};
use crate::text::wrap::{str_width, truncate};

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
    let mut lines = vec![
        Line::from(styled(
            truncate(&quote, width),
            theme.role(crate::text::layout::Role::Quote),
        )),
        Line::from(""),
    ];
    let top = lines.len();
    let room = usize::from(inner.height).saturating_sub(top);
    let (row, col) = editing.editor.cursor();
    // Keep the cursor's line in view; long lines scroll sideways.
    let first = row.saturating_sub(room.saturating_sub(1));
    let cursor_line = &editing.editor.lines()[row];
    let before: String = cursor_line.chars().take(col).collect();
    let before_w = str_width(&clean(&before));
    let shift = before_w.saturating_sub(width.saturating_sub(1));
    for (i, line) in editing
        .editor
        .lines()
        .iter()
        .enumerate()
        .skip(first)
        .take(room)
    {
        let shown = clean(line);
        let shown: String = if i == row {
            skip_cols(&shown, shift)
        } else {
            shown.into_owned()
        };
        lines.push(Line::from(styled(truncate(&shown, width), Style::new())));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let x = inner.x + u16::try_from(before_w - shift).unwrap_or(0);
    let y = inner.y + u16::try_from(top + row - first).unwrap_or(0);
    if x < inner.x + inner.width && y < inner.y + inner.height {
        frame.set_cursor_position(Position { x, y });
    }
}

/// `s` without its first `cols` columns.
fn skip_cols(s: &str, cols: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        if used >= cols {
            out.push(c);
        } else {
            used += str_width(c.encode_utf8(&mut [0; 4]));
        }
    }
    out
}
