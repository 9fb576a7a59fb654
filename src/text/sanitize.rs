//! Turns untrusted text into text that is safe to hand to the terminal.
//!
//! Article text, file names, titles and notes may contain control characters,
//! escape sequences and bidi overrides. None of them may reach the terminal as
//! such: each is replaced by a visible placeholder, so the whole sequence is
//! shown as inert text instead of being acted on.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

/// How many columns a tab expands to.
pub const TAB_WIDTH: usize = 4;

/// The text shown in place of `c`, or `None` when `c` is safe to show as is.
///
/// Newline and carriage return are shown as a space: callers that care about
/// line structure split lines before they get here.
pub fn replacement(c: char) -> Option<&'static str> {
    const C0: [&str; 32] = [
        "␀", "␁", "␂", "␃", "␄", "␅", "␆", "␇", "␈", "    ", " ", "␋", "␌", " ", "␎", "␏", "␐",
        "␑", "␒", "␓", "␔", "␕", "␖", "␗", "␘", "␙", "␚", "␛", "␜", "␝", "␞", "␟",
    ];
    match c {
        '\u{0}'..='\u{1f}' => Some(C0[c as usize]),
        '\u{7f}' => Some("␡"),
        // C1 controls, among them the 8-bit CSI (U+009B) and OSC (U+009D).
        '\u{80}'..='\u{9f}' => Some("�"),
        // Bidi embeddings, overrides and isolates, and the invisible marks.
        '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{061c}' => Some("�"),
        // Line and paragraph separators, and other invisible format characters
        // that would make text look different from what it is.
        '\u{2028}' | '\u{2029}' => Some(" "),
        '\u{feff}'
        | '\u{200b}'
        | '\u{180e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206a}'..='\u{206f}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{e0000}'..='\u{e007f}' => Some("�"),
        // A soft hyphen is invisible unless a line breaks at it.
        '\u{ad}' => Some("-"),
        _ => None,
    }
}

/// `s` with every unsafe character replaced by its placeholder.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| replacement(c).is_some()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match replacement(c) {
            Some(r) => out.push_str(r),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `s` cleaned and with runs of whitespace (newlines included) folded into
/// one space: for titles, file names and other one-line labels.
pub fn one_line(s: &str) -> String {
    let plain = s.bytes().all(|b| (b' '..=b'~').contains(&b))
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ");
    if plain {
        return s.to_string();
    }
    let cleaned = clean(s);
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `s` cleaned line by line, its line breaks kept as `\n` (a `\r\n`
/// counts as one): for text that leaves the reader with its lines, such as
/// a copy to the clipboard.
pub fn lines_kept(s: &str) -> String {
    s.lines()
        .map(|l| clean(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The display width in columns of `s` once cleaned.
pub fn width(s: &str) -> usize {
    clean(s).width()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_kept_keeps_line_breaks_and_cleans_the_rest() {
        let out = lines_kept("one\u{1b}[2J\r\ntwo\u{9b}\n\nthree\u{7}");
        assert_eq!(out, "one␛[2J\ntwo�\n\nthree␇");
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'));
    }

    #[test]
    fn escape_sequences_become_inert_text() {
        let s = "a\u{1b}]0;pwned\u{7}b\u{1b}[31mred\u{9b}2J";
        let out = clean(s);
        assert!(!out.chars().any(|c| c.is_control()), "{out:?}");
        assert_eq!(out, "a␛]0;pwned␇b␛[31mred�2J");
    }

    #[test]
    fn bidi_overrides_are_replaced_but_zwj_emoji_survive() {
        assert_eq!(clean("x\u{202e}y\u{2066}z"), "x�y�z");
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(clean(family), family);
        // Zero-width spaces, tag characters and soft hyphens are shown.
        assert_eq!(clean("a\u{200b}b\u{e0041}c\u{ad}d"), "a�b�c-d");
    }

    #[test]
    fn tabs_expand_and_lines_fold() {
        assert_eq!(clean("a\tb"), "a    b");
        assert_eq!(one_line("  Title\r\n  with\tbreak "), "Title with break");
        assert_eq!(one_line("Plain title, 2024"), "Plain title, 2024");
        assert_eq!(one_line("two  spaces "), "two spaces");
        assert_eq!(
            one_line("bell\x07 and \x1b[31mred"),
            one_line(&clean("bell\x07 and \x1b[31mred"))
        );
        assert!(!one_line("bell\x07 and \x1b[31mred").contains(['\x07', '\x1b']));
    }
}
