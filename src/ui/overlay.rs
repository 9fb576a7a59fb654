//! Windows drawn over the panes: the key help, generated from the key
//! table that drives input, and the loading messages.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::theme::Theme;
use super::{pane, styled};
use crate::app::App;
use crate::keymap::{Context, Keymap};
use crate::strings;
use crate::text::sanitize::one_line;

/// A centred box of at most `w` × `h` cells inside `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn show(
    frame: &mut Frame<'_>,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    scroll: usize,
    theme: &Theme,
) {
    if area.width < 4 || area.height < 3 {
        return;
    }
    let block = pane(title, area.width, true, theme).title_bottom(Line::from(styled(
        format!(" {} ", strings::HELP_FOOTER),
        theme.muted(),
    )));
    let inner = block.inner(area);
    let max_scroll = lines.len().saturating_sub(usize::from(inner.height));
    let scroll = u16::try_from(scroll.min(max_scroll)).unwrap_or(u16::MAX);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}

/// The help lines: one section per context, one line per binding.
pub fn help_lines(keymap: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for ctx in [
        Context::Global,
        Context::Library,
        Context::Source,
        Context::Overlay,
    ] {
        let bindings: Vec<_> = keymap
            .bindings()
            .iter()
            .filter(|b| b.context == ctx)
            .collect();
        if bindings.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::from(""));
        }
        lines.push(Line::from(styled(
            ctx.title(),
            Style::new().add_modifier(ratatui::style::Modifier::BOLD),
        )));
        for b in bindings {
            let keys: Vec<String> = b.keys.iter().map(ToString::to_string).collect();
            lines.push(Line::from(vec![
                styled(format!("  {:<22}", keys.join(", ")), theme.key()),
                styled(b.desc, Style::new()),
            ]));
        }
    }
    lines
}

pub fn help(frame: &mut Frame<'_>, area: Rect, keymap: &Keymap, scroll: usize, theme: &Theme) {
    let lines = help_lines(keymap, theme);
    let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    show(
        frame,
        centered(area, 64, h),
        strings::HELP_TITLE,
        lines,
        scroll,
        theme,
    );
}

pub fn messages(frame: &mut Frame<'_>, area: Rect, app: &App, scroll: usize, theme: &Theme) {
    let lines: Vec<Line<'static>> = if app.problems.is_empty() {
        vec![Line::from(strings::NO_MESSAGES)]
    } else {
        app.problems
            .iter()
            .map(|p| Line::from(one_line(&p.to_string())))
            .collect()
    };
    let h = area.height.saturating_sub(4).max(3);
    show(
        frame,
        centered(area, area.width.saturating_sub(8).max(20), h),
        strings::MESSAGES_TITLE,
        lines,
        scroll,
        theme,
    );
}
