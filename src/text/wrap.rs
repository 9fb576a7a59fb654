//! Soft wrapping by display width, measured per grapheme cluster.
//!
//! Rows are returned as byte ranges into the wrapped string, so that a screen
//! row can always be traced back to the bytes it shows.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::sanitize;

/// Columns taken by one grapheme cluster once sanitised. Whitespace that
/// breaks lines counts as one column, since it is shown as a space.
pub fn grapheme_width(g: &str) -> usize {
    if let [b' '..=b'~'] = g.as_bytes() {
        return 1;
    }
    match sanitize::clean(g) {
        std::borrow::Cow::Borrowed(s) => s.width(),
        std::borrow::Cow::Owned(s) => s.width(),
    }
}

/// Columns taken by `s` once sanitised.
pub fn str_width(s: &str) -> usize {
    clusters(s).map(|(_, g)| grapheme_width(g)).sum()
}

/// The extended grapheme clusters of `s` with their byte offsets, the same
/// as `s.grapheme_indices(true)` but faster through ASCII text.
pub fn clusters(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let len = cluster_len(s, at)?;
        let cluster = (at, &s[at..at + len]);
        at += len;
        Some(cluster)
    })
}

/// The length of the grapheme cluster of `s` that starts at byte `at`, a
/// cluster boundary; `None` at the end.
fn cluster_len(s: &str, at: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    let first = *bytes.get(at)?;
    // An ASCII character is a cluster of its own unless a non-ASCII mark
    // joins it or it is the CR of a CR LF.
    match bytes.get(at + 1) {
        _ if !first.is_ascii() => None,
        None => Some(1),
        Some(&next) if next.is_ascii() && !(first == b'\r' && next == b'\n') => Some(1),
        Some(_) => None,
    }
    .or_else(|| s[at..].graphemes(true).next().map(str::len))
}

/// How many of the bytes of `bytes` from `at` on, at most `max`, are
/// ASCII letters, digits and punctuation a row cannot break after, each a
/// cluster of its own.
fn plain_run(bytes: &[u8], at: usize, max: usize) -> usize {
    let plain = |b: &u8| matches!(b, b'!'..=b'~') && !matches!(b, b'-' | b'/');
    let mut n = 0;
    while n < max && bytes.get(at + n).is_some_and(plain) {
        n += 1;
    }
    // The last one is joined by a non-ASCII mark that follows it.
    if n > 0 && bytes.get(at + n).is_some_and(|b| !b.is_ascii()) {
        n -= 1;
    }
    n
}

fn is_space(g: &str) -> bool {
    g.chars().all(char::is_whitespace)
}

fn breaks_after(g: &str) -> bool {
    matches!(g, "-" | "‐" | "–" | "—" | "/")
}

/// A cluster's width, whether it is whitespace and whether a row may
/// break after it.
fn measure(g: &str) -> (usize, bool, bool) {
    match g.as_bytes() {
        [b' '] => (1, true, false),
        [b'-' | b'/'] => (1, false, true),
        [b'!'..=b'~'] => (1, false, false),
        _ => (grapheme_width(g), is_space(g), breaks_after(g)),
    }
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

/// Breaks `text` into rows of at most `width` columns.
///
/// Takes and returns byte offsets into `text`. Rows break after whitespace
/// or a dash where possible and inside a word only when the word alone is
/// wider than `width`. Whitespace at a break is left out of both rows. A
/// single grapheme wider than `width` gets a row of its own. Empty text
/// yields one empty row.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    wrap_first(text, width, usize::MAX)
}

/// The first `max` rows of [`wrap`]`(text, width)`, found without going
/// further into `text` than they need: a row is final once the next has
/// begun.
pub fn wrap_first(text: &str, width: usize, max: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut start = 0;
    let mut col = 0;
    // Where the next row would start if we broke at the last opportunity,
    // and the columns used before that point.
    let mut opportunity: Option<(usize, usize)> = None;
    let mut prev_allows_break = false;
    let mut i = 0;
    while let Some(len) = cluster_len(text, i) {
        if rows.len() >= max {
            rows.truncate(max);
            return rows;
        }
        if !prev_allows_break {
            // Letters that fit on the row only take up columns.
            let run = plain_run(text.as_bytes(), i, width.saturating_sub(col));
            if run > 0 {
                col += run;
                i += run;
                continue;
            }
        }
        let (at, g) = (i, &text[i..i + len]);
        i += len;
        let (w, space, allows_break) = measure(g);
        if at == start && space && !rows.is_empty() {
            start = i;
            continue;
        }
        if prev_allows_break && !space {
            opportunity = Some((at, col));
        }
        if !space && col > 0 && col + w > width {
            if let Some((next, used)) = opportunity.filter(|&(next, _)| next > start) {
                rows.push(start..trim_end(text, start, next));
                start = next;
                col -= used;
            }
            // What follows the opportunity may itself still be too wide
            // with this grapheme: break again, before it.
            if col > 0 && col + w > width {
                rows.push(start..at);
                start = at;
                col = 0;
            }
            opportunity = None;
        }
        col += w;
        prev_allows_break = space || allows_break;
    }
    if start < text.len() || rows.is_empty() {
        let end = trim_end(text, start, text.len());
        if end > start || rows.is_empty() {
            rows.push(start..end);
        }
    }
    rows.truncate(max);
    rows
}

/// Cuts `s` to at most `width` columns, ending in `…` when anything was cut.
pub fn truncate(s: &str, width: usize) -> String {
    if str_width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut col = 0;
    for g in s.graphemes(true) {
        let w = grapheme_width(g);
        if col + w + 1 > width {
            break;
        }
        out.push_str(g);
        col += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Keeps the last `width` columns of `s`, starting with `…` when anything
/// was cut.
pub fn truncate_start(s: &str, width: usize) -> String {
    if str_width(s) <= width {
        return s.to_string();
    }
    let mut kept: Vec<&str> = Vec::new();
    let mut col = 0;
    for g in s.graphemes(true).rev() {
        let w = grapheme_width(g);
        if col + w + 1 > width {
            break;
        }
        kept.push(g);
        col += w;
    }
    let mut out = String::from(if width > 0 { "…" } else { "" });
    out.extend(kept.into_iter().rev());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn breaks_at_spaces_and_drops_them() {
        assert_eq!(rows("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(rows("aaaa bbbb", 4), ["aaaa", "bbbb"]);
    }

    #[test]
    fn long_words_are_split() {
        assert_eq!(rows("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn breaks_after_dashes() {
        assert_eq!(
            rows("security—and defence", 10),
            ["security—", "and", "defence"]
        );
    }

    #[test]
    fn wide_graphemes_count_twice() {
        // Each CJK character is two columns wide.
        assert_eq!(rows("東京連絡事務所", 6), ["東京連", "絡事務", "所"]);
        let flag = "🇯🇵 Japan";
        assert_eq!(str_width("🇯🇵"), 2);
        assert_eq!(rows(flag, 3), ["🇯🇵", "Jap", "an"]);
    }

    #[test]
    fn a_wide_grapheme_after_a_break_opportunity_still_fits() {
        // Found by tests/properties.rs: the text after the dash was kept
        // whole on the next row though it was wider than the width.
        assert_eq!(
            rows("liaison\"liaison—東京", 3),
            ["lia", "iso", "n\"l", "iai", "son", "—", "東", "京"]
        );
        assert!(wrap("liaison—東京", 3)
            .into_iter()
            .all(|r| str_width(&"liaison—東京"[r]) <= 3));
    }

    #[test]
    fn clusters_are_the_extended_grapheme_clusters() {
        for s in [
            "",
            "plain ascii, with CR LF\r\nand a lone CR\r",
            "e\u{301}te\u{301}\u{302} a\u{200d}b",
            "🇯🇵🇯 flags 🇯🇵🇰🇷x",
            "👨\u{200d}👩\u{200d}👧 family\t\u{1b}[31m",
            "\u{600}1 prepended, \u{e0041}tag",
            "東京\u{3000}連絡",
        ] {
            let ours: Vec<(usize, &str)> = clusters(s).collect();
            let theirs: Vec<(usize, &str)> = s.grapheme_indices(true).collect();
            assert_eq!(ours, theirs, "{s:?}");
        }
    }

    #[test]
    fn truncates_with_ellipsis() {
        assert_eq!(truncate("Tokyo liaison office", 10), "Tokyo lia…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate_start("the Tokyo liaison office", 8), "… office");
        assert_eq!(truncate_start("short", 10), "short");
    }
}
