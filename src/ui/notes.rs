//! The notes pane: the open article's notes, or all notes, each with its
//! quote, its text and its article; notes whose text is gone from their
//! article are listed last as orphans. Notes of articles in other libraries
//! are only counted in the title.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::theme::Theme;
use super::{pane, styled, List};
use crate::app::lists::{orphans_header, NoteRows};
use crate::app::notes::Scope;
use crate::app::{App, Pane};
use crate::notes::Placement;
use crate::strings;
use crate::text::sanitize::one_line;
use crate::text::wrap::{truncate, wrap};

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus() == Pane::Notes;
    let items = app.note_items();
    let mut title = match app.notes().scope {
        Scope::Article => strings::NOTES.to_string(),
        Scope::All => strings::ALL_NOTES.to_string(),
    };
    title.push_str(&format!(" ({})", items.len()));
    if let Some(tag) = &app.notes().tag {
        title.push_str(&format!(" #{}", one_line(tag)));
    }
    let elsewhere = app.notes_elsewhere();
    if app.notes().scope == Scope::All && elsewhere > 0 {
        title.push_str(&format!(" · {elsewhere} {}", strings::NOTES_ELSEWHERE));
    }
    if app.notes().read_only.is_some() {
        title.push_str(" · read-only");
    }
    let block = pane(&title, area.width, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width).max(4);
    if items.is_empty() {
        let text: Vec<Line<'_>> = wrap(strings::NO_NOTES, width)
            .into_iter()
            .map(|r| Line::from(&strings::NO_NOTES[r]))
            .collect();
        frame.render_widget(Paragraph::new(text).style(theme.muted()), inner);
        return;
    }
    let Some(list) = list(app, theme, inner.width) else {
        return;
    };
    let lines = list.lines(usize::from(inner.height), theme.selected(focused));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The listed notes as entries for a pane `width` columns wide; `None`
/// when there are none.
pub(super) fn list(app: &App, theme: &Theme, width: u16) -> Option<List> {
    let shape = app.notes_shape(width)?;
    let items = app.note_items();
    let width = usize::from(width).max(4);
    let mut blocks: Vec<Vec<Line<'static>>> = Vec::new();
    let mut orphans_shown = false;
    // The note search's matches are marked in the notes' text.
    let query = app.notes().find.as_ref().map_or("", |f| f.query.as_str());
    for &i in &items {
        let note = &app.notes().notes[i];
        let placed = app.notes().placed[i];
        let orphan = placed.is_some_and(|(_, p)| p == Placement::Orphan);
        if orphan && !orphans_shown {
            orphans_shown = true;
            let header: Vec<Line<'static>> = orphans_header(width)
                .into_iter()
                .map(|r| Line::from(styled(&strings::ORPHANS[r], theme.warning())))
                .collect();
            blocks.push(header);
        }
        let mut lines = Vec::new();
        let rows = NoteRows::new(note, width);
        for (n, r) in rows.quote_rows.iter().enumerate() {
            let lead = match (n, note.is_highlight()) {
                (0, true) => "✦ ",
                (0, false) => "✎ ",
                _ => "  ",
            };
            lines.push(Line::from(vec![
                styled(lead, theme.cursor_mark()),
                styled(
                    &rows.quote[r.clone()],
                    theme.role(crate::text::layout::Role::Quote),
                ),
            ]));
        }
        for row in &rows.text_rows {
            let mut spans = vec![styled("  ", Style::new())];
            let mut at = 0;
            for m in crate::search::find_all(row, query) {
                spans.push(styled(&row[at..m.start], Style::new()));
                spans.push(styled(&row[m.start..m.end], theme.search_match()));
                at = m.end;
            }
            spans.push(styled(&row[at..], Style::new()));
            lines.push(Line::from(spans));
        }
        if note.is_highlight() {
            lines.push(Line::from(styled(
                format!("  {}", strings::HIGHLIGHT),
                theme.muted(),
            )));
        }
        if rows.more {
            lines.push(Line::from(styled("  …", theme.muted())));
        }
        let article = placed.map_or_else(
            || one_line(&note.article.path),
            |(a, _)| app.title(a).to_string(),
        );
        let mut meta = String::from(" ");
        for tag in &note.tags {
            meta.push_str(&format!(" #{}", one_line(tag)));
        }
        if matches!(placed, Some((_, Placement::Approximate(..)))) {
            meta.push_str(&format!(" ({})", strings::APPROXIMATE));
        }
        meta.push_str(&format!(" — {article}"));
        lines.push(Line::from(styled(truncate(&meta, width), theme.muted())));
        blocks.push(lines);
    }
    Some(List {
        entries: blocks,
        shape,
    })
}
