//! Windows drawn over the panes: the key help, generated from the key
//! table that drives input, and the loading messages.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::marks::marked;
use super::theme::Theme;
use super::{entries, fit, pane, rect, styled};
use crate::app::find::{LibraryResults, Prompt, ResultItem};
use crate::app::geometry::HelpRow;
use crate::app::App;
use crate::strings;
use crate::text::sanitize::{clean, one_line};
use crate::text::wrap::{str_width, truncate, truncate_start};
use crate::text::Span;

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
pub fn help(frame: &mut Frame<'_>, app: &App, scroll: usize, theme: &Theme) {
    let area = app.overlay_area().unwrap_or_default();
    let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
    let lines = app
        .help_rows(usize::from(area.inner().width))
        .into_iter()
        .map(|row| match row {
            HelpRow::Blank => Line::from(""),
            HelpRow::Header(title) => Line::from(styled(title, bold)),
            HelpRow::Binding { keys, desc } => {
                Line::from(vec![styled(keys, theme.key()), styled(desc, Style::new())])
            }
        })
        .collect();
    show(frame, rect(area), strings::HELP_TITLE, lines, scroll, theme);
}

pub fn messages(frame: &mut Frame<'_>, app: &App, scroll: usize, theme: &Theme) {
    let area = app.overlay_area().unwrap_or_default();
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
    let area = rect(app.overlay_area().unwrap_or_default());
    let inner_w = usize::from(area.width.saturating_sub(2));
    let inner_h = usize::from(area.height.saturating_sub(2));
    let Some(analysis) = app.analysis() else {
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
                    let a = &app.articles()[o.article];
                    let block = a.blocks[o.block].content;
                    let before =
                        clean(&a.text[block.start.min(o.span.start)..o.span.start]).into_owned();
                    let after = clean(&a.text[o.span.end..block.end.max(o.span.end)]).into_owned();
                    let word = one_line(o.span.of(&a.text));
                    let left = truncate_start(&before, side);
                    let pad = " ".repeat(side.saturating_sub(str_width(&left)));
                    vec![Line::from(vec![
                        styled(
                            format!(" {} ", fit(app.title(a.id), title_w)),
                            theme.muted(),
                        ),
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

/// `text` around `at` within `within`: about `chars` characters in all,
/// split either side of `at` as the passage allows.
fn window(text: &str, within: Span, at: Span, chars: usize) -> Span {
    let left: Vec<usize> = text[within.start..at.start]
        .char_indices()
        .map(|(i, _)| within.start + i)
        .collect();
    let take_left = left.len().min(chars / 2);
    let start = if take_left == left.len() {
        within.start
    } else {
        left[left.len() - take_left]
    };
    let right = chars.saturating_sub(take_left);
    let end = text[at.end..within.end]
        .char_indices()
        .nth(right)
        .map_or(within.end, |(i, _)| at.end + i);
    Span::new(start, end)
}

/// The library search results: each article with its number of hits, then
/// up to three of its passages with the hits marked.
pub fn results(
    frame: &mut Frame<'_>,
    app: &App,
    (selected, results): (usize, &LibraryResults),
    theme: &Theme,
) {
    let area = app.overlay_area().unwrap_or_default();
    let inner_w = usize::from(area.inner().width);
    let items = app.result_items();
    let lines: Vec<Vec<Line<'static>>> = items
        .iter()
        .map(|item| match *item {
            ResultItem::Article { article, hits } => {
                let count = format!(" {hits} {}", if hits == 1 { "match" } else { "matches" });
                let room = inner_w.saturating_sub(str_width(&count) + 2);
                vec![Line::from(vec![
                    styled(
                        format!(" {}", fit(app.title(article), room)),
                        theme.title(false),
                    ),
                    styled(count, theme.muted()),
                ])]
            }
            ResultItem::Passage {
                article,
                block,
                first,
                count,
            } => {
                let a = &app.articles()[article];
                let hits = results
                    .articles
                    .iter()
                    .find(|h| h.article == article)
                    .map_or(&[][..], |h| &h.hits[first..first + count]);
                let shown = window(
                    &a.text,
                    a.blocks[block].content,
                    hits[0],
                    inner_w.saturating_sub(6),
                );
                let marks: Vec<(Span, Style)> =
                    hits.iter().map(|&h| (h, theme.search_match())).collect();
                let mut spans = vec![styled("    ", Style::new())];
                if shown.start > a.blocks[block].content.start {
                    spans.push(styled("…", theme.muted()));
                }
                spans.extend(marked(&a.text, shown, &marks, Style::new()));
                vec![Line::from(spans)]
            }
        })
        .collect();
    let title = format!("{}: {}", strings::RESULTS_TITLE, one_line(&results.query));
    let inner_h = usize::from(area.inner().height);
    let body = entries(
        lines,
        Some(selected.min(items.len().saturating_sub(1))),
        inner_h,
        theme.selected(true),
    );
    show_with(
        frame,
        rect(area),
        &title,
        strings::RESULTS_FOOTER,
        body,
        0,
        theme,
    );
}

/// The open article's links, numbered: the text each shows and its
/// address.
pub fn links(frame: &mut Frame<'_>, app: &App, selected: usize, theme: &Theme) {
    let area = app.overlay_area().unwrap_or_default();
    let inner_w = usize::from(area.inner().width);
    let Some(article) = app.open_article() else {
        return;
    };
    let links = &article.markup.links;
    let number_w = links.len().to_string().len();
    let items: Vec<Vec<Line<'static>>> = links
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let number = format!(" {:>number_w$}. ", i + 1);
            let shown = one_line(&article.markup.plain(&article.text, l.text));
            let shown = if l.image {
                format!("{} {shown}", strings::IMAGE)
            } else {
                shown
            };
            let room = inner_w.saturating_sub(str_width(&number) + 1);
            let url = one_line(&l.url);
            if l.bare {
                // An autolink's text is its address.
                let room = inner_w.saturating_sub(str_width(&number) + 1);
                return vec![Line::from(vec![
                    styled(number, theme.key()),
                    styled(truncate(&url, room), Style::new()),
                ])];
            }
            // The text whole when the address fits after it, else at
            // least half the row.
            let text_w =
                str_width(&shown).min((room / 2).max(room.saturating_sub(str_width(&url) + 3)));
            let text = fit(&shown, text_w);
            let url_room = room.saturating_sub(str_width(&text) + 3);
            vec![Line::from(vec![
                styled(number, theme.key()),
                styled(text, Style::new()),
                styled(format!(" · {}", truncate(&url, url_room)), theme.muted()),
            ])]
        })
        .collect();
    let body = entries(
        items,
        Some(selected.min(links.len().saturating_sub(1))),
        usize::from(area.inner().height),
        theme.selected(true),
    );
    let title = format!("{} ({})", strings::LINKS_TITLE, links.len());
    show_with(
        frame,
        rect(area),
        &title,
        strings::LINKS_FOOTER,
        body,
        0,
        theme,
    );
}

/// The article picker, above the prompt: the articles matching what is
/// typed, best first.
pub fn picker(frame: &mut Frame<'_>, app: &App, prompt: &Prompt, theme: &Theme) {
    let area = app.overlay_area().unwrap_or_default();
    let inner_w = usize::from(area.inner().width);
    let found = &prompt.picked;
    let items: Vec<Vec<Line<'static>>> = found
        .iter()
        .map(|&i| {
            let a = &app.articles()[i];
            let path = format!("  {}", a.display_path);
            let room = inner_w.saturating_sub(str_width(&path) + 1);
            vec![Line::from(vec![
                styled(format!(" {}", fit(app.title(a.id), room)), Style::new()),
                styled(truncate(&path, inner_w), theme.muted()),
            ])]
        })
        .collect();
    let body = if items.is_empty() {
        vec![Line::from(strings::NO_MATCHES)]
    } else {
        entries(
            items,
            Some(prompt.selected.min(found.len() - 1)),
            usize::from(area.inner().height),
            theme.selected(true),
        )
    };
    show_with(
        frame,
        rect(area),
        strings::PICKER_TITLE,
        strings::PICKER_FOOTER,
        body,
        0,
        theme,
    );
}
