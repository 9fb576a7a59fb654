//! The status bar: the open article, the reading position, problems and
//! key hints.

use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::theme::Theme;
use super::{styled, Shown};
use crate::analysis::Step;
use crate::app::action::Action;
use crate::app::find::PromptKind;
use crate::app::mode::Mode;
use crate::app::reading::Pending;
use crate::app::{App, Background, Pane};
use crate::corpus::Severity;
use crate::strings;
use crate::text::sanitize::{clean, one_line};
use crate::text::wrap::{str_width, truncate};

/// "Top", "Bot", "All" or a percentage, as in vim, for the rows on screen.
fn position(app: &App, shown: &Shown) -> Option<String> {
    let article = app.open_article()?;
    let view = app.open_view()?;
    let (w, h) = app.text_size();
    let rows = shown.rows(app, w, h);
    let last = rows.last()?;
    let at_top = view.top.block == 0 && view.top.byte <= article.blocks.first()?.content.start;
    let at_bottom = shown.at_end();
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

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, shown: &Shown, theme: &Theme) {
    if area.height == 0 {
        return;
    }
    let width = usize::from(area.width);
    let screen = app.screen();
    if [
        screen.library,
        screen.source,
        screen.key_points,
        screen.refs,
    ]
    .iter()
    .all(Option::is_none)
    {
        let line = Line::from(styled(truncate(strings::TOO_SMALL, width), theme.warning()));
        frame.render_widget(Paragraph::new(line).style(theme.status()), area);
        return;
    }
    if let Mode::Prompt(prompt) = app.mode() {
        let lead = match prompt.kind {
            PromptKind::Find { backward: false } => "/",
            PromptKind::Find { backward: true } => "?",
            PromptKind::Library => strings::PROMPT_LIBRARY,
            PromptKind::Picker => strings::PROMPT_PICKER,
            PromptKind::Notes => strings::PROMPT_NOTES,
        };
        let text = clean(&prompt.text()).into_owned();
        let mut spans = vec![
            styled(lead, theme.key()),
            styled(text.clone(), Style::new()),
        ];
        let count =
            match prompt.kind {
                PromptKind::Find { .. } => app.find().filter(|f| !f.query.is_empty()).map(|find| {
                    match find.matches.len() {
                        0 => format!("  {}", strings::NOT_FOUND.trim_end_matches(':')),
                        n => format!("  {}/{n}", find.current.map_or(0, |i| i + 1)),
                    }
                }),
                PromptKind::Picker => Some(format!(
                    "  {}/{}",
                    prompt.picked.len(),
                    app.articles().len()
                )),
                PromptKind::Notes => app
                    .notes()
                    .find
                    .as_ref()
                    .filter(|f| !f.query.is_empty())
                    .map(|_| note_count(app)),
                PromptKind::Library => None,
            };
        if let Some(count) = count {
            spans.push(styled(count, theme.muted()));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        let col = str_width(lead) + str_width(&text);
        if let Ok(x) = u16::try_from(col) {
            if x < area.width {
                frame.set_cursor_position(Position {
                    x: area.x + x,
                    y: area.y,
                });
            }
        }
        return;
    }
    // A question or a message takes the whole line until the next key.
    let message = match app.mode() {
        Mode::ConfirmDelete(_) => Some((strings::CONFIRM_DELETE.to_string(), theme.warning())),
        Mode::Mark(Pending::SetMark) => Some((strings::MARK_PENDING.to_string(), theme.key())),
        Mode::Mark(Pending::JumpToMark) => {
            Some((strings::JUMP_TO_MARK_PENDING.to_string(), theme.key()))
        }
        _ => app.status().map(|m| (one_line(m), theme.warning())),
    };
    if let Some((text, style)) = message {
        // A message too long for the bar says where to read all of it.
        let more = app
            .keymap()
            .key_for(Action::ToggleMessages)
            .map(|k| format!(" {k} {} ", strings::MORE))
            .filter(|more| str_width(&text) + 1 > width && str_width(more) + 12 < width)
            .unwrap_or_default();
        let room = width.saturating_sub(1 + str_width(&more));
        let mut spans = vec![styled(format!(" {}", truncate(&text, room)), style)];
        if !more.is_empty() {
            let used = 1 + str_width(&truncate(&text, room));
            spans.push(styled(
                " ".repeat(width.saturating_sub(used + str_width(&more))),
                style,
            ));
            spans.push(styled(more, theme.key()));
        }
        let line = Line::from(spans);
        frame.render_widget(Paragraph::new(line).style(theme.status()), area);
        return;
    }
    // What must show, by priority: the position, problems, the analysis
    // state and the help key; the file name and other hints fill the rest.
    let mut fixed: Vec<Span<'_>> = Vec::new();
    if let Some(pos) = position(app, shown) {
        fixed.push(styled(format!(" {pos} "), theme.status()));
    }
    if !app.problems().is_empty() {
        let warnings = app
            .problems()
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .count();
        fixed.push(styled(
            format!(" {} ", strings::problems_hint(app.skipped(), warnings)),
            theme.warning(),
        ));
    }
    if let Some(find) = app
        .find()
        .filter(|f| Some(f.article) == app.open() && !f.matches.is_empty())
    {
        let at = find.current.map_or(0, |i| i + 1);
        let lead = if find.backward { '?' } else { '/' };
        fixed.push(styled(
            format!(" {lead}{} {at}/{} ", clean(&find.query), find.matches.len()),
            theme.status(),
        ));
    }
    if let Some(find) = app
        .notes()
        .find
        .as_ref()
        .filter(|f| app.focus() == Pane::Notes && !f.query.is_empty())
    {
        fixed.push(styled(
            format!(
                " {}{} {} ",
                strings::NOTES_FIND,
                clean(&find.query),
                note_count(app).trim()
            ),
            theme.status(),
        ));
    }
    if app.visual() {
        fixed.push(styled(format!(" {} ", strings::VISUAL), theme.title(true)));
    }
    let updating = app.analysis().is_some_and(|a| a.is_carried_over());
    if app.loading() || updating || (app.analysis().is_none() && !app.articles().is_empty()) {
        fixed.push(styled(format!(" {} ", progress(app)), theme.status()));
    }
    let hint =
        |action: Action, what: &str| app.keymap().key_for(action).map(|k| format!("{k} {what}"));
    let all_hints: Vec<String> = [
        hint(Action::FocusNext, "focus"),
        hint(Action::ToggleHelp, "help"),
        hint(Action::Quit, "quit"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let fixed_w: usize = fixed.iter().map(|s| str_width(&s.content)).sum();
    let mut right = format!("{} ", all_hints.join(" · "));
    if fixed_w + str_width(&right) + 12 > width {
        right = hint(Action::ToggleHelp, "help")
            .map(|h| format!("{h} "))
            .unwrap_or_default();
    }
    let room = width.saturating_sub(fixed_w + str_width(&right));
    let mut spans: Vec<Span<'_>> = Vec::new();
    let links = app.passage_links();
    if let Some(link) = links.first().filter(|_| app.focus() == Pane::Source) {
        // The passage's link stands where the file name would.
        let count = if links.len() > 1 {
            format!(" 1/{}", links.len())
        } else {
            String::new()
        };
        let key = app
            .keymap()
            .key_for(Action::CopyLink)
            .map(|k| format!(" ({k} copies)"))
            .unwrap_or_default();
        let lead = format!(" {}{count}{key}: ", strings::LINK);
        if room > str_width(&lead) + 4 {
            spans.push(styled(lead.clone(), theme.status()));
            spans.push(styled(
                truncate(&one_line(&link.url), room - str_width(&lead) - 1),
                theme.status(),
            ));
        }
    } else if let Some(a) = app.open_article() {
        if room > 4 {
            spans.push(styled(
                format!(" {}", truncate(&a.display_path, room - 2)),
                theme.status(),
            ));
        }
    }
    spans.extend(fixed);
    let used: usize = spans.iter().map(|s| str_width(&s.content)).sum();
    if used + str_width(&right) <= width {
        spans.push(styled(
            " ".repeat(width - used - str_width(&right)),
            theme.status(),
        ));
        spans.push(styled(right, theme.status()));
    }
    let line = Line::from(spans);
    let line = if line.width() > width {
        Line::from(truncate(&line.to_string(), width))
    } else {
        line
    };
    frame.render_widget(Paragraph::new(line).style(theme.status()), area);
}

/// Where the selected note is among the notes that match the note search
/// ("  2/5"), or that none does.
fn note_count(app: &App) -> String {
    let matches = app.note_matches();
    match matches.len() {
        0 => format!("  {}", strings::NOT_FOUND.trim_end_matches(':')),
        n => {
            let at = matches
                .iter()
                .position(|&m| m == app.notes().selected)
                .map_or(0, |i| i + 1);
            format!("  {at}/{n}")
        }
    }
}

/// What the background work is doing, as far as it has said.
fn progress(app: &App) -> String {
    let doing = if app.analysis().is_some() {
        strings::UPDATING_SHORT
    } else {
        strings::ANALYSING_SHORT
    };
    match app.background() {
        Some(Background::Reading(done, total)) if app.loading() && total > 0 => {
            format!("{} {done}/{total}", strings::LOADING_SHORT)
        }
        _ if app.loading() => strings::LOADING_SHORT.to_string(),
        Some(Background::Analysing(step)) => format!(
            "{} {}/{}: {}",
            doing,
            step.number(),
            Step::COUNT,
            strings::step(step)
        ),
        _ => doing.to_string(),
    }
}
