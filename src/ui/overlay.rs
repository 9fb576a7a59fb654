//! Windows drawn over the panes: the key help, generated from the key
//! table that drives input, and the loading messages.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::theme::Theme;
use super::{entries, fit, pane, styled};
use crate::app::App;
use crate::keymap::{Context, Keymap};
use crate::strings;
use crate::text::sanitize::one_line;
use crate::text::wrap::{str_width, truncate, truncate_start};

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
    show_with(
        frame,
        area,
        title,
        strings::HELP_FOOTER,
        lines,
        scroll,
        theme,
    );
}

fn show_with(
    frame: &mut Frame<'_>,
    area: Rect,
    title: &str,
    footer: &str,
    lines: Vec<Line<'static>>,
    scroll: usize,
    theme: &Theme,
) {
    if area.width < 4 || area.height < 3 {
        return;
    }
    let footer = Line::from(styled(format!(" {footer} "), theme.muted()));
    let block = pane(title, area.width, true, theme).title_bottom(footer);
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
    for ctx in Context::ALL {
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

/// The topics shared between articles, or with a topic open, every passage
/// that mentions it as a keyword-in-context line.
pub fn topics(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    (selected, topic, hit): (usize, Option<usize>, usize),
    theme: &Theme,
) {
    let area = centered(
        area,
        area.width.saturating_sub(6).max(20),
        area.height.saturating_sub(2).max(3),
    );
    let inner_w = usize::from(area.width.saturating_sub(2));
    let inner_h = usize::from(area.height.saturating_sub(2));
    let Some(analysis) = &app.analysis else {
        show_with(
            frame,
            area,
            strings::TOPICS_TITLE,
            strings::TOPICS_FOOTER,
            vec![Line::from(strings::ANALYSING)],
            0,
            theme,
        );
        return;
    };
    let all = analysis.topics();
    let sel = theme.selected(true);
    match topic.and_then(|t| all.get(t)) {
        None => {
            let items: Vec<Vec<Line<'static>>> = all
                .iter()
                .map(|t| {
                    let count = format!(
                        "{} articles · {} passages",
                        t.articles.len(),
                        t.occurrences.len()
                    );
                    let room = inner_w.saturating_sub(str_width(&count) + 3);
                    vec![Line::from(vec![
                        styled(format!(" {} ", fit(&t.label, room)), Style::new()),
                        styled(count, theme.muted()),
                    ])]
                })
                .collect();
            let lines = if items.is_empty() {
                vec![Line::from(strings::NO_TOPICS)]
            } else {
                entries(items, Some(selected.min(all.len() - 1)), inner_h, sel)
            };
            show_with(
                frame,
                area,
                strings::TOPICS_TITLE,
                strings::TOPICS_FOOTER,
                lines,
                0,
                theme,
            );
        }
        Some(t) => {
            let title_w = (inner_w / 4).clamp(8, 30);
            let side = inner_w.saturating_sub(title_w + 3 + str_width(&t.label)) / 2;
            let items: Vec<Vec<Line<'static>>> = t
                .occurrences
                .iter()
                .map(|o| {
                    let a = &app.articles[o.article];
                    let block = a.blocks[o.block].content;
                    let before = one_line(&a.text[block.start.min(o.span.start)..o.span.start]);
                    let after = one_line(&a.text[o.span.end..block.end.max(o.span.end)]);
                    let word = one_line(o.span.of(&a.text));
                    let left = truncate_start(&before, side);
                    let pad = " ".repeat(side.saturating_sub(str_width(&left)));
                    vec![Line::from(vec![
                        styled(format!(" {} ", fit(&a.title, title_w)), theme.muted()),
                        styled(format!("{pad}{left} "), Style::new()),
                        styled(word, theme.shared_term()),
                        styled(format!(" {}", truncate(&after, side)), Style::new()),
                    ])]
                })
                .collect();
            let title = format!("{}: {}", strings::TOPICS_TITLE, one_line(&t.label));
            let lines = entries(
                items,
                Some(hit.min(t.occurrences.len().saturating_sub(1))),
                inner_h,
                sel,
            );
            show_with(frame, area, &title, strings::TOPICS_FOOTER, lines, 0, theme);
        }
    }
}
