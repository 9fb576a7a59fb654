//! Windows drawn over the panes: the key help, generated from the key
//! table that drives input, and the loading messages.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::theme::Theme;
use super::{entries, fit, pane, rect, styled};
use crate::app::{App, Overlay};
use crate::keymap::{Binding, HelpLine};
use crate::strings;
use crate::text::sanitize::{clean, one_line};
use crate::text::wrap::{str_width, truncate, truncate_start};

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
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}

/// The key help, generated from the bindings that drive input.
fn help_lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
    let help = app.keymap.help();
    let keys_of = |b: &Binding| {
        b.keys
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let column = help
        .iter()
        .filter_map(|l| match l {
            HelpLine::Binding(b) => Some(str_width(&keys_of(b))),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        + 2;
    help.into_iter()
        .map(|line| match line {
            HelpLine::Blank => Line::from(""),
            HelpLine::Header(title) => Line::from(styled(title, bold)),
            HelpLine::Binding(b) => {
                let keys = keys_of(b);
                let pad = " ".repeat(column - str_width(&keys));
                Line::from(vec![
                    styled(format!("  {keys}{pad}"), theme.key()),
                    styled(b.desc, Style::new()),
                ])
            }
        })
        .collect()
}

pub fn help(frame: &mut Frame<'_>, app: &App, scroll: usize, theme: &Theme) {
    let area = rect(app.overlay_area(Overlay::Help { scroll }));
    show(
        frame,
        area,
        strings::HELP_TITLE,
        help_lines(app, theme),
        scroll,
        theme,
    );
}

pub fn messages(frame: &mut Frame<'_>, app: &App, scroll: usize, theme: &Theme) {
    let area = app.overlay_area(Overlay::Messages { scroll });
    let width = usize::from(area.inner().width.max(1));
    let lines = app
        .message_lines(width)
        .into_iter()
        .map(Line::from)
        .collect();
    show(
        frame,
        rect(area),
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
    app: &App,
    (selected, topic, hit): (usize, Option<usize>, usize),
    theme: &Theme,
) {
    let area = rect(app.overlay_area(Overlay::Topics {
        selected,
        topic,
        hit,
    }));
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
                    let before =
                        clean(&a.text[block.start.min(o.span.start)..o.span.start]).into_owned();
                    let after = clean(&a.text[o.span.end..block.end.max(o.span.end)]).into_owned();
                    let word = one_line(o.span.of(&a.text));
                    let left = truncate_start(&before, side);
                    let pad = " ".repeat(side.saturating_sub(str_width(&left)));
                    vec![Line::from(vec![
                        styled(format!(" {} ", fit(&a.title, title_w)), theme.muted()),
                        styled(format!("{pad}{left}"), Style::new()),
                        styled(word, theme.shared_term()),
                        styled(truncate(&after, side), Style::new()),
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
