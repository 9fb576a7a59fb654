//! The status bar: the open article, the reading position, problems and
//! key hints.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::styled;
use super::theme::Theme;
use crate::app::action::Action;
use crate::app::App;
use crate::corpus::Severity;
use crate::strings;
use crate::text::wrap::{str_width, truncate};

/// "Top", "Bot", "All" or a percentage, as in vim, for the rows on screen.
fn position(app: &App) -> Option<String> {
    let article = app.open_article()?;
    let view = app.open_view()?;
    let (w, h) = app.text_size();
    let rows = view.screen(article, w, h);
    let last = rows.last()?;
    let at_top = view.top.block == 0 && view.top.byte <= article.blocks.first()?.content.start;
    let at_bottom = view.screen(article, w, h + 1).len() == rows.len();
    let where_ = match (at_top, at_bottom) {
        (true, true) => "All".to_string(),
        (true, false) => "Top".to_string(),
        (false, true) => "Bot".to_string(),
        _ => {
            let byte = last
                .row
                .as_ref()
                .map_or(article.blocks[last.block].span.start, |r| r.start);
            format!("{}%", byte * 100 / article.text.len().max(1))
        }
    };
    Some(format!(
        "¶ {}/{} · {where_}",
        view.cursor + 1,
        article.blocks.len()
    ))
}

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let keymap = &app.keymap;
    if area.height == 0 {
        return;
    }
    let width = usize::from(area.width);
    let mut left: Vec<Span<'_>> = Vec::new();
    if app.screen().source.is_none() && app.screen().library.is_none() {
        left.push(styled(strings::TOO_SMALL, theme.warning()));
    } else {
        if let Some(a) = app.open_article() {
            left.push(styled(format!(" {} ", a.display_path), theme.status()));
        }
        if let Some(pos) = position(app) {
            left.push(styled(format!(" {pos} "), theme.status()));
        }
        let warnings = app
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .count();
        if !app.problems.is_empty() {
            left.push(styled(
                format!(" {} ", strings::problems_hint(app.skipped(), warnings)),
                theme.warning(),
            ));
        }
    }
    let hint = |action: Action, what: &str| keymap.key_for(action).map(|k| format!("{k} {what}"));
    let hints: Vec<String> = [
        hint(Action::FocusNext, "focus"),
        hint(Action::ToggleHelp, "help"),
        hint(Action::Quit, "quit"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let right = format!("{} ", hints.join(" · "));
    let used: usize = left.iter().map(|s| str_width(&s.content)).sum();
    let mut spans = left;
    if used + str_width(&right) < width {
        spans.push(styled(
            " ".repeat(width - used - str_width(&right)),
            theme.status(),
        ));
        spans.push(styled(right, theme.status()));
    } else if used < width {
        spans.push(styled(" ".repeat(width - used), theme.status()));
    }
    let line = Line::from(spans);
    let line = if line.width() > width {
        Line::from(truncate(&line.to_string(), width)).style(theme.status())
    } else {
        line
    };
    frame.render_widget(Paragraph::new(line).style(theme.status()), area);
}
