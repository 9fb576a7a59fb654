//! Notes as Markdown for people and as JSON for programs.
//!
//! Titles, paths, quotes, note text and tags come from files and from
//! people, so in Markdown each is sanitised (`crate::text::sanitize`) and
//! escaped: nothing in them can start a heading, list, code block, HTML tag
//! or terminal escape sequence.

use std::fmt::Write;

use serde_json::{json, Value};

use crate::notes::Note;
use crate::text::sanitize::{clean, one_line};

/// `s` made safe inside a Markdown paragraph: one line, sanitised, with
/// every character that could start markup escaped.
fn inline(s: &str) -> String {
    escape(&one_line(s))
}

/// Escapes markup characters in `line` (already sanitised, one line), and
/// what would make the line a list item, heading or rule.
fn escape(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // "- item", "+ item", "1. item", "1) item", "===", "---" at line start.
    let first = out.chars().next();
    if matches!(first, Some('-' | '+' | '=')) {
        out.insert(0, '\\');
    } else if first.is_some_and(|c| c.is_ascii_digit()) {
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        if matches!(out[digits..].chars().next(), Some('.' | ')')) {
            out.insert(digits, '\\');
        }
    }
    out
}

/// A note's text as Markdown lines: each line sanitised and escaped, line
/// breaks kept as hard breaks, blank lines as paragraph breaks.
fn body(text: &str) -> String {
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    for line in text.lines() {
        let line = clean(line.trim());
        let line = line.trim();
        if line.is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
        } else if let Some(p) = paragraphs.last_mut() {
            p.push(escape(line));
        }
    }
    paragraphs
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join("  \n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Notes in the order of their passages in the text.
fn in_text_order<'a>(notes: &[&'a Note]) -> Vec<&'a Note> {
    let mut v = notes.to_vec();
    v.sort_by_key(|n| (n.anchor.start, n.anchor.end));
    v
}

/// Markdown grouped by article, articles in the order given: `## Title`,
/// the path in italics, then each note in text order: the quote as a
/// blockquote, the note text, its tags and dates.
pub fn markdown(groups: &[(String, String, Vec<&Note>)]) -> String {
    let mut out = String::from("# Notes\n");
    for (title, path, notes) in groups {
        let title = if one_line(title).is_empty() {
            inline(path)
        } else {
            inline(title)
        };
        let _ = write!(out, "\n## {title}\n\n*{}*\n", inline(path));
        for n in in_text_order(notes) {
            let quote = inline(&n.anchor.quote);
            if !quote.is_empty() {
                let _ = write!(out, "\n> {quote}\n");
            }
            let text = body(&n.text);
            if n.is_highlight() {
                out.push_str("\n*Highlight*\n");
            } else if !text.is_empty() {
                let _ = write!(out, "\n{text}\n");
            }
            out.push('\n');
            if !n.tags.is_empty() {
                let tags: Vec<String> = n.tags.iter().map(|t| inline(&format!("#{t}"))).collect();
                let _ = write!(out, "Tags: {} · ", tags.join(", "));
            }
            let _ = write!(out, "*created {}", inline(&n.created));
            if n.updated != n.created {
                let _ = write!(out, ", updated {}", inline(&n.updated));
            }
            out.push_str("*\n");
        }
    }
    out
}

/// JSON: `{"version":1,"articles":[{"title","path","notes":[{"id","quote",
/// "text","highlight","tags","created","updated","start","end"}]}]}`, notes
/// in text order; `highlight` is true for a note without text. Strings are as stored (JSON escaping makes them safe to parse).
pub fn json(groups: &[(String, String, Vec<&Note>)]) -> Value {
    let articles: Vec<Value> = groups
        .iter()
        .map(|(title, path, notes)| {
            let notes: Vec<Value> = in_text_order(notes)
                .iter()
                .map(|n| {
                    json!({
                        "id": n.id,
                        "quote": n.anchor.quote,
                        "text": n.text,
                        "highlight": n.is_highlight(),
                        "tags": n.tags,
                        "created": n.created,
                        "updated": n.updated,
                        "start": n.anchor.start,
                        "end": n.anchor.end,
                    })
                })
                .collect();
            json!({ "title": title, "path": path, "notes": notes })
        })
        .collect();
    json!({ "version": 1, "articles": articles })
}

/// [`json`] as text, with every character that could act on a terminal
/// or hide what the text says (C1 controls, DEL, bidi controls, zero-width
/// and other invisible format characters) written as a `\uXXXX` escape,
/// so the text is plain ASCII-safe wherever it is shown. The escapes only
/// change how the JSON is written: parsed, the strings are as stored.
pub fn json_text(groups: &[(String, String, Vec<&Note>)]) -> String {
    escape_invisible(&json(groups).to_string())
}

/// `json` (serialised JSON, whose C0 controls serde has already escaped)
/// with the characters [`json_text`] names escaped. They can only occur
/// inside strings, where an escape means the same character.
fn escape_invisible(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        let hidden = c != ' '
            && !c.is_ascii_graphic()
            && (crate::text::sanitize::replacement(c).is_some()
                || matches!(c, '\u{200c}' | '\u{200d}'));
        if hidden {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_and_control_characters_are_escaped_in_json() {
        let raw = json!({"t": "a\u{9b}6n\u{7f}\u{202e}x\u{200b}\u{e0041}é—✓"}).to_string();
        let escaped = escape_invisible(&raw);
        assert_eq!(
            escaped,
            "{\"t\":\"a\\u009b6n\\u007f\\u202ex\\u200b\\udb40\\udc41é—✓\"}"
        );
        let back: Value = serde_json::from_str(&escaped).expect("still JSON");
        assert_eq!(back, serde_json::from_str::<Value>(&raw).expect("JSON"));
    }

    #[test]
    fn line_starts_that_make_blocks_are_escaped() {
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("12. item"), "12\\. item");
        assert_eq!(escape("2026 was"), "2026 was");
        assert_eq!(escape("# h <b>"), "\\# h \\<b\\>");
        assert_eq!(body("a\n    b\n\n\n- c"), "a  \nb\n\n\\- c");
    }
}
