//! Splitting a run of article text into styled pieces where marks
//! (highlights) start and end, sanitising every piece.

use ratatui::style::Style;
use ratatui::text::Span;

use crate::text::sanitize::clean;
use crate::text::Span as ByteSpan;

/// The text of `span` in `text` as styled pieces: `base`, patched with the
/// style of every mark that covers a piece, in the order of `marks`. Marks
/// are byte spans into `text` on char boundaries, in any order, and may
/// overlap.
pub fn marked(
    text: &str,
    span: ByteSpan,
    marks: &[(ByteSpan, Style)],
    base: Style,
) -> Vec<Span<'static>> {
    let mut cuts = vec![span.start, span.end];
    for (m, _) in marks {
        for at in [m.start, m.end] {
            if span.start < at && at < span.end {
                cuts.push(at);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<Span<'static>> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let style = marks
            .iter()
            .filter(|(m, _)| m.start <= a && b <= m.end)
            .fold(base, |s, (_, st)| s.patch(*st));
        let piece = clean(&text[a..b]).into_owned();
        match out.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(&piece),
            _ => out.push(Span::styled(piece, style)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn overlapping_marks_split_the_text_at_their_edges() {
        let text = "NATO opened a liaison office in Tokyo.";
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let marks = [
            (ByteSpan::new(32, 37), bold),
            (ByteSpan::new(14, 28), bold),
            (ByteSpan::new(22, 31), bold),
        ];
        let pieces = marked(text, ByteSpan::new(5, 37), &marks, Style::new());
        let shown: Vec<(&str, bool)> = pieces
            .iter()
            .map(|p| {
                (
                    p.content.as_ref(),
                    p.style.add_modifier.contains(Modifier::BOLD),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("opened a ", false),
                ("liaison office in", true),
                (" ", false),
                ("Tokyo", true)
            ]
        );
    }

    #[test]
    fn control_characters_are_cleaned_inside_pieces() {
        let text = "a\u{1b}[31mb";
        let pieces = marked(
            text,
            ByteSpan::new(0, text.len()),
            &[(ByteSpan::new(1, 2), Style::new().bold())],
            Style::new(),
        );
        assert_eq!(pieces[1].content, "␛");
        assert!(pieces
            .iter()
            .all(|p| !p.content.chars().any(char::is_control)));
    }
}
