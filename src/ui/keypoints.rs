//! The key points pane: the sentences that carry the open article's main
//! points, in reading order. Enter shows one in the text.
//!
//! A very long key point takes at most half the pane, so that it leaves
//! room for the others, and none takes more than the pane: it is shown
//! shortened at a word boundary, ending in `…`, while the jump to it still
//! highlights the whole sentence.

use std::ops::Range;

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::marks::marked;
use super::theme::Theme;
use super::{pane, styled, waiting, List};
use crate::app::{App, Pane};
use crate::strings;
use crate::text::wrap::{str_width, wrap_first};
use crate::text::Span as ByteSpan;

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Pane::KeyPoints;
    let points = app.key_points();
    let title = if points.is_empty() {
        strings::KEY_POINTS.to_string()
    } else {
        format!("{} ({})", strings::KEY_POINTS, points.len())
    };
    let block = pane(&title, area.width, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if waiting(frame, inner, app, theme) {
        return;
    }
    if points.is_empty() {
        frame.render_widget(
            Paragraph::new(strings::NO_KEY_POINTS).style(theme.muted()),
            inner,
        );
        return;
    }
    let Some(list) = list(app, theme, inner.width, inner.height) else {
        return;
    };
    let lines = list.lines(usize::from(inner.height), theme.selected(focused));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The key points as list entries for a pane `width` × `height`; `None`
/// before the analysis or without key points. An entry has at most
/// `height` rows, which is all the pane can show of it: a key point can be
/// a whole article that has no full stops.
pub(super) fn list(app: &App, theme: &Theme, width: u16, height: u16) -> Option<List> {
    let article = app.open_article()?;
    let points = app.key_points();
    if app.analysis.is_none() || points.is_empty() {
        return None;
    }
    let width = usize::from(width.saturating_sub(2)).max(1);
    let items: Vec<Vec<Line<'static>>> = points
        .iter()
        .map(|kp| {
            let text = kp.span.of(&article.text);
            let mark = if kp.from_author { "✎ " } else { "• " };
            let (rows, cut) = shown_rows(text, width, usize::from(height));
            let last = rows.len().saturating_sub(1);
            rows.into_iter()
                .enumerate()
                .map(|(i, r)| {
                    let lead = if i == 0 {
                        styled(mark, theme.role(crate::text::layout::Role::Marker))
                    } else {
                        styled("  ", theme.muted())
                    };
                    let span = ByteSpan::new(kp.span.start + r.start, kp.span.start + r.end);
                    let mut spans = vec![lead];
                    spans.extend(marked(
                        &article.text,
                        span,
                        &[],
                        ratatui::style::Style::new(),
                    ));
                    if cut && i == last {
                        spans.push(styled("…", theme.muted()));
                    }
                    Line::from(spans)
                })
                .collect()
        })
        .collect();
    Some(List {
        item_entry: (0..items.len()).collect(),
        entries: items,
        selected: app.key_point,
    })
}

/// A key point of more words than this takes at most half the pane.
const LONG_WORDS: usize = 40;
/// The fewest rows a long key point is shortened to.
const MIN_ROWS: usize = 3;

/// The rows of a key point `text` wrapped to `width` in a pane `height`
/// rows high, and whether it was shortened: then the last row ends at a
/// word boundary with room for `…` after it. A point longer than the pane
/// is shortened to fit it, and one of more than [`LONG_WORDS`] words to
/// half the pane.
fn shown_rows(text: &str, width: usize, height: usize) -> (Vec<Range<usize>>, bool) {
    let long = text.split_whitespace().nth(LONG_WORDS).is_some();
    let most = if long {
        (height / 2).max(MIN_ROWS)
    } else {
        height
    }
    .min(height)
    .max(1);
    let mut rows = wrap_first(text, width, most + 1);
    if rows.len() <= most {
        return (rows, false);
    }
    rows.truncate(most);
    while let Some(last) = rows.pop() {
        let mut end = last.end;
        // A row can end inside a word, after a hyphen.
        let at_space = text[end..].starts_with(char::is_whitespace);
        if !at_space || str_width(&text[last.start..end]) + 1 > width {
            let Some(space) = text[last.start..end].rfind(char::is_whitespace) else {
                if rows.is_empty() {
                    // One word wider than the pane: shown whole.
                    rows.push(last);
                    return (rows, false);
                }
                continue;
            };
            end = last.start + space;
        }
        let kept = text[last.start..end].trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | ':' | '—' | '–' | '-' | '(')
        });
        if kept.is_empty() {
            continue;
        }
        rows.push(last.start..last.start + kept.len());
        return (rows, true);
    }
    (rows, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, width: usize, height: usize) -> Vec<String> {
        let (rows, cut) = shown_rows(text, width, height);
        let mut out: Vec<String> = rows.iter().map(|r| text[r.clone()].to_string()).collect();
        if cut {
            if let Some(last) = out.last_mut() {
                last.push('…');
            }
        }
        out
    }

    #[test]
    fn a_long_point_is_shortened_at_a_word_boundary() {
        let words: Vec<String> = (0..90).map(|i| format!("word{i}")).collect();
        let text = words.join(" ");
        let rows = shown(&text, 20, 12);
        assert_eq!(rows.len(), 6, "{rows:?}");
        let last = rows.last().map(String::as_str).unwrap_or_default();
        assert!(last.ends_with('…'), "{rows:?}");
        assert!(rows.iter().all(|r| str_width(r) <= 20), "{rows:?}");
        // Every shown word is a whole word of the text.
        for w in rows.join(" ").trim_end_matches('…').split_whitespace() {
            assert!(words.iter().any(|x| x == w), "{w} in {rows:?}");
        }
    }

    #[test]
    fn a_point_that_fits_is_shown_whole() {
        let text = "Allies agreed a joint plan for the eastern flank.";
        assert_eq!(shown(text, 20, 12).join(" "), text);
        // Under the long mark, a point may take more than half the pane.
        let words: Vec<String> = (0..30).map(|i| format!("w{i}")).collect();
        let text = words.join(" ");
        assert_eq!(shown(&text, 20, 12).join(" "), text);
        // Over the pane, it is shortened to fit.
        let rows = shown(&text, 20, 4);
        assert!(rows.len() == 4 && rows[3].ends_with('…'), "{rows:?}");
    }

    #[test]
    fn the_ellipsis_never_follows_a_comma_or_half_a_word() {
        // Rows of exactly the pane's width, and a hyphenated word that
        // wraps after its hyphen.
        let text = "aaaa bbbb, cccc-dddd eeee ffff gggg hhhh iiii jjjj kkkk";
        for width in 5..=12 {
            let (rows, cut) = shown_rows(text, width, 3);
            let end = rows.last().map_or(0, |r| r.end);
            assert!(cut && end > 0, "{width}: {rows:?}");
            assert!(text[end..].starts_with([' ', ',']), "{width}: {rows:?}");
            assert!(!text[..end].ends_with([',', '-']), "{width}: {rows:?}");
            let last = rows.last().map_or("", |r| &text[r.clone()]);
            assert!(str_width(last) < width, "{width}: room for the ellipsis");
        }
    }
}
