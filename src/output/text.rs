//! `dump --text`: each article's text exactly as the reader holds it, so
//! the byte offsets of `dump --json` can be checked against it.
//!
//! Control characters other than line breaks and tabs are shown as their
//! visible placeholders (as everywhere else), so offsets stay exact for
//! any text without them, which includes every converted format's text.

use std::borrow::Cow;

use crate::corpus::Article;
use crate::text::sanitize::{one_line, replacement};

/// `text` safe for a terminal, its line breaks (`\n`, `\r\n`) and tabs
/// kept as they are.
pub fn kept_exact(text: &str) -> Cow<'_, str> {
    let safe = |c: char, next: Option<char>| {
        matches!(c, '\n' | '\t') || (c == '\r' && next == Some('\n')) || replacement(c).is_none()
    };
    let mut chars = text.chars().peekable();
    let mut all_safe = true;
    while let Some(c) = chars.next() {
        if !safe(c, chars.peek().copied()) {
            all_safe = false;
            break;
        }
    }
    if all_safe {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if safe(c, chars.peek().copied()) {
            out.push(c);
        } else {
            out.push_str(replacement(c).unwrap_or("\u{fffd}"));
        }
    }
    Cow::Owned(out)
}

/// The text of every article: one article's text alone; several, each
/// under a `==> path <==` line and apart by a blank line, as `head` does.
pub fn texts(articles: &[Article]) -> String {
    if let [one] = articles {
        return kept_exact(&one.text).into_owned();
    }
    let mut out = String::new();
    for (i, a) in articles.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!("==> {} <==\n", one_line(&a.display_path)));
        out.push_str(&kept_exact(&a.text));
        if !a.text.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_and_tabs_stay_and_escapes_do_not() {
        assert!(matches!(kept_exact("a\tb\r\nc\n"), Cow::Borrowed(_)));
        assert_eq!(kept_exact("a\u{1b}[2Jb\rc"), "a␛[2Jb c");
        assert_eq!(kept_exact("x\u{202e}y"), "x\u{fffd}y");
    }
}
