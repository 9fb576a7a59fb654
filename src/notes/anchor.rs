//! Anchoring a note to a passage and finding the passage again after the
//! article changed.

use std::collections::HashMap;

use super::Anchor;
use crate::text::fnv;
use crate::text::Span;

/// How many characters of context an anchor keeps either side.
const CONTEXT_CHARS: usize = 40;
/// Lowest similarity (0..1) for a fuzzy match to count.
const MIN_SIMILARITY: f32 = 0.6;
/// Candidate windows scored for a fuzzy match, at most.
const MAX_CANDIDATES: usize = 16;
/// Rough budget of token comparisons for scoring the candidates.
const ALIGN_BUDGET: usize = 4_000_000;

/// Where a note's passage is in the current text of its article.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Placement {
    /// At the stored offsets, unchanged.
    Exact(Span),
    /// The same quote, elsewhere in the text.
    Moved(Span),
    /// A passage like the quote (similarity 0..1); the quote was edited.
    Approximate(Span, f32),
    /// Not found.
    Orphan,
}

impl Placement {
    pub fn span(&self) -> Option<Span> {
        match *self {
            Placement::Exact(s) | Placement::Moved(s) | Placement::Approximate(s, _) => Some(s),
            Placement::Orphan => None,
        }
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The last `n` characters of `s`.
fn last_chars(s: &str, n: usize) -> &str {
    let cut = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if n == 0 {
        ""
    } else {
        &s[cut..]
    }
}

/// The first `n` characters of `s`.
fn first_chars(s: &str, n: usize) -> &str {
    let cut = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..cut]
}

impl Anchor {
    /// The anchor of `span` in `text`. A span past the end is clamped and one
    /// that cuts a character is widened to whole characters.
    pub fn new(text: &str, span: Span) -> Anchor {
        let start = floor_boundary(text, span.start.min(span.end));
        let end = ceil_boundary(text, span.end.max(start));
        Anchor {
            quote: text[start..end].to_string(),
            before: last_chars(&text[..start], CONTEXT_CHARS).to_string(),
            after: first_chars(&text[end..], CONTEXT_CHARS).to_string(),
            start,
            end,
        }
    }
}

/// Finds `anchor`'s passage in `text`: 1. at its offsets if the quote is
/// still there; 2. else the occurrence of the quote whose context matches
/// best; 3. else the passage most like the quote and its context, if similar
/// enough; 4. else `Orphan`. Spans are always on character boundaries.
///
/// Step 3 works on words: candidate windows are where the quote's and the
/// context's words line up in the text, and only those are aligned word by
/// word, so a 1 MB article costs one pass over its words.
pub fn locate(anchor: &Anchor, text: &str) -> Placement {
    let (s, e) = (anchor.start, anchor.end);
    if s <= e
        && e <= text.len()
        && text.is_char_boundary(s)
        && text.is_char_boundary(e)
        && text[s..e] == anchor.quote
    {
        return Placement::Exact(Span::new(s, e));
    }
    if anchor.quote.is_empty() {
        return Placement::Orphan;
    }
    if let Some(span) = find_exact(anchor, text) {
        return Placement::Moved(span);
    }
    match find_fuzzy(anchor, text) {
        Some((span, sim)) => Placement::Approximate(span, sim),
        None => Placement::Orphan,
    }
}

/// Characters the context at `start..end` in `text` shares with the anchor's
/// context: the common suffix of what comes before and the common prefix of
/// what comes after.
fn context_score(anchor: &Anchor, text: &str, start: usize, end: usize) -> usize {
    let before = anchor
        .before
        .chars()
        .rev()
        .zip(text[..start].chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let after = anchor
        .after
        .chars()
        .zip(text[end..].chars())
        .take_while(|(a, b)| a == b)
        .count();
    before + after
}

/// The occurrence of the quote with the best matching context; ties go to
/// the one nearest the old offset.
fn find_exact(anchor: &Anchor, text: &str) -> Option<Span> {
    let q = &anchor.quote;
    let mut best: Option<(usize, usize, usize)> = None; // (score, distance, start)
    let mut from = 0;
    while let Some(i) = text[from..].find(q.as_str()) {
        let start = from + i;
        let end = start + q.len();
        let score = context_score(anchor, text, start, end);
        let dist = start.abs_diff(anchor.start);
        if best.is_none_or(|(bs, bd, _)| score > bs || (score == bs && dist < bd)) {
            best = Some((score, dist, start));
        }
        // Next character, so overlapping occurrences are seen too.
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    best.map(|(_, _, s)| Span::new(s, s + q.len()))
}

/// A word of text: its hash (lower-cased) and byte range.
#[derive(Debug, Clone, Copy)]
struct Token {
    hash: u64,
    start: usize,
    end: usize,
}

/// Scripts written without spaces between words: each character is a word.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff
        | 0x0e00..=0x0eff | 0x1000..=0x109f | 0x20000..=0x3ffff)
}

/// The words of `s`: runs of letters and digits, with each character of an
/// unspaced script (CJK, kana, Thai…) a word of its own.
fn tokens(s: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, u64)> = None;
    let mut buf = [0u8; 4];
    let push_char = |h: u64, c: char, buf: &mut [u8; 4]| -> u64 {
        c.to_lowercase()
            .fold(h, |h, l| fnv::extend(h, l.encode_utf8(buf).as_bytes()))
    };
    for (i, c) in s.char_indices() {
        if is_unspaced(c) {
            if let Some((st, h)) = cur.take() {
                out.push(Token {
                    hash: h,
                    start: st,
                    end: i,
                });
            }
            out.push(Token {
                hash: push_char(fnv::OFFSET, c, &mut buf),
                start: i,
                end: i + c.len_utf8(),
            });
        } else if c.is_alphanumeric() {
            let (st, h) = cur.unwrap_or((i, fnv::OFFSET));
            cur = Some((st, push_char(h, c, &mut buf)));
        } else if let Some((st, h)) = cur.take() {
            out.push(Token {
                hash: h,
                start: st,
                end: i,
            });
        }
    }
    if let Some((st, h)) = cur {
        out.push(Token {
            hash: h,
            start: st,
            end: s.len(),
        });
    }
    out
}

/// The best substrings of `window` aligned with `quote` (word-level edit
/// distance, free start and end in the window): (distance, first, last+1)
/// for each end position reaching the smallest distance (a few at most), so
/// the caller can let the context decide between, say, stopping before an
/// inserted word and taking it in.
fn align(quote: &[u64], window: &[Token]) -> Vec<(usize, usize, usize)> {
    let n = quote.len();
    // Column over the quote for the current window position: (cost, start).
    let mut prev: Vec<(usize, usize)> = (0..=n).map(|i| (i, 0)).collect();
    let mut cur = prev.clone();
    let mut best: Vec<(usize, usize, usize)> = Vec::new();
    for (j, t) in window.iter().enumerate() {
        cur[0] = (0, j + 1);
        for i in 1..=n {
            let sub = (
                prev[i - 1].0 + usize::from(quote[i - 1] != t.hash),
                prev[i - 1].1,
            );
            let del = (prev[i].0 + 1, prev[i].1);
            let ins = (cur[i - 1].0 + 1, cur[i - 1].1);
            cur[i] = [sub, del, ins]
                .into_iter()
                .min_by_key(|c| c.0)
                .unwrap_or(sub);
        }
        let (d, st) = cur[n];
        if st <= j {
            match best.first() {
                Some(b) if d > b.0 => {}
                Some(b) if d == b.0 => {
                    if best.len() < 8 {
                        best.push((d, st, j + 1));
                    }
                }
                _ => best = vec![(d, st, j + 1)],
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    best
}

/// How much of `want` (context words) appears in `have` (0..1).
fn overlap(want: &[u64], have: &[Token]) -> f32 {
    if want.is_empty() {
        return 0.0;
    }
    let mut pool: Vec<u64> = have.iter().map(|t| t.hash).collect();
    let mut hits = 0;
    for w in want {
        if let Some(p) = pool.iter().position(|h| h == w) {
            pool.swap_remove(p);
            hits += 1;
        }
    }
    hits as f32 / want.len() as f32
}

fn find_fuzzy(anchor: &Anchor, text: &str) -> Option<(Span, f32)> {
    let qt = tokens(&anchor.quote);
    if qt.is_empty() {
        return None;
    }
    let q: Vec<u64> = qt.iter().map(|t| t.hash).collect();
    let before: Vec<u64> = tokens(&anchor.before).iter().map(|t| t.hash).collect();
    let after: Vec<u64> = tokens(&anchor.after).iter().map(|t| t.hash).collect();
    let n = q.len() as isize;

    // Offsets of each needle word relative to the quote's first word.
    let mut want: HashMap<u64, Vec<isize>> = HashMap::new();
    for (i, &h) in q.iter().enumerate() {
        want.entry(h).or_default().push(i as isize);
    }
    for (k, &h) in before.iter().rev().enumerate() {
        want.entry(h).or_default().push(-(k as isize) - 1);
    }
    for (k, &h) in after.iter().enumerate() {
        want.entry(h).or_default().push(n + k as isize);
    }

    // One pass over the text's words: each match votes for the diagonal
    // (text word index minus needle offset) where the quote would start.
    let words = tokens(text);
    let mut votes: HashMap<isize, u32> = HashMap::new();
    for (p, t) in words.iter().enumerate() {
        if let Some(offs) = want.get(&t.hash) {
            for &o in offs {
                *votes.entry(p as isize - o).or_default() += 1;
            }
        }
    }
    if votes.is_empty() {
        return None;
    }
    // Smooth over nearby diagonals (words inserted or removed in the quote)
    // and keep the best, well-separated ones.
    let slack = (n / 4).max(2);
    let mut diags: Vec<(isize, u32)> = votes.into_iter().collect();
    diags.sort_unstable();
    let mut smoothed: Vec<(u32, isize)> = Vec::with_capacity(diags.len());
    let (mut lo, mut hi, mut sum) = (0usize, 0usize, 0u32);
    for &(d, _) in &diags {
        while hi < diags.len() && diags[hi].0 <= d + slack {
            sum += diags[hi].1;
            hi += 1;
        }
        while diags[lo].0 < d - slack {
            sum -= diags[lo].1;
            lo += 1;
        }
        smoothed.push((sum, d));
    }
    smoothed.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let win_len = (n + 2 * slack) as usize;
    let per = (q.len() * win_len).max(1);
    let max_cand = (ALIGN_BUDGET / per).clamp(1, MAX_CANDIDATES);
    let mut chosen: Vec<isize> = Vec::new();
    for &(_, d) in &smoothed {
        if chosen.len() >= max_cand {
            break;
        }
        if chosen.iter().all(|&c| (c - d).abs() > slack) {
            chosen.push(d);
        }
    }

    let mut best: Option<(f32, usize, Span, f32)> = None; // (score, distance, span, similarity)
    for d in chosen {
        let lo = (d - slack).max(0) as usize;
        let hi = ((d + n + slack).max(0) as usize).min(words.len());
        if lo >= hi {
            continue;
        }
        for (dist, a, b) in align(&q, &words[lo..hi]) {
            let (a, b) = (lo + a, lo + b);
            let sim = 1.0 - dist as f32 / (q.len().max(b - a)) as f32;
            let ctx_before = overlap(&before, &words[a.saturating_sub(before.len())..a]);
            let ctx_after = overlap(&after, &words[b..(b + after.len()).min(words.len())]);
            let ctx = if before.is_empty() && after.is_empty() {
                0.0
            } else if before.is_empty() {
                ctx_after
            } else if after.is_empty() {
                ctx_before
            } else {
                (ctx_before + ctx_after) / 2.0
            };
            let score = 0.8 * sim + 0.2 * ctx;
            let span = widen(
                anchor,
                text,
                &qt,
                Span::new(words[a].start, words[b - 1].end),
            );
            let near = span.start.abs_diff(anchor.start);
            if best.is_none_or(|(bs, bn, _, _)| score > bs || (score == bs && near < bn)) {
                best = Some((score, near, span, sim));
            }
        }
    }
    let (score, _, span, sim) = best?;
    // Accept a close quote, or a fairly close one in the right place.
    (sim >= MIN_SIMILARITY || score >= MIN_SIMILARITY).then_some((span, sim.clamp(0.0, 1.0)))
}

/// `span` (from the first to the last matched word) widened by the quote's
/// leading and trailing non-word characters (quotation marks, full stop)
/// where the text has them too.
fn widen(anchor: &Anchor, text: &str, qt: &[Token], span: Span) -> Span {
    let (mut s, mut e) = (span.start, span.end);
    if let (Some(first), Some(last)) = (qt.first(), qt.last()) {
        let lead = &anchor.quote[..first.start];
        let trail = &anchor.quote[last.end..];
        if !lead.is_empty() && text[..s].ends_with(lead) {
            s -= lead.len();
        }
        if !trail.is_empty() && text[e..].starts_with(trail) {
            e += trail.len();
        }
    }
    Span::new(s, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor_of(text: &str, quote: &str) -> Anchor {
        let s = text.find(quote).expect("quote in text");
        Anchor::new(text, Span::new(s, s + quote.len()))
    }

    const ART: &str = "The summit opened on Monday. Ministers discussed energy security \
        at length, and the delegation from Japan proposed a joint reserve of liquefied \
        natural gas. Critics said the plan was vague. The talks continue on Tuesday.";

    #[test]
    fn anchor_keeps_context_on_char_boundaries() {
        let text = "“Ünïcödé” 日本語のテキスト 🎉 and more";
        let s = text.find('日').expect("cjk");
        // A span cutting characters is widened to whole ones.
        let a = Anchor::new(text, Span::new(s + 1, s + 7));
        assert_eq!(a.quote, "日本語");
        assert_eq!(a.before, "“Ünïcödé” ");
        assert!(text.is_char_boundary(a.start) && text.is_char_boundary(a.end));
        let long = "x".repeat(100) + "QUOTE" + &"y".repeat(100);
        let a = anchor_of(&long, "QUOTE");
        assert_eq!(a.before.chars().count(), CONTEXT_CHARS);
        assert_eq!(a.after.chars().count(), CONTEXT_CHARS);
        let a = Anchor::new("abc", Span::new(2, 99));
        assert_eq!((a.quote.as_str(), a.start, a.end), ("c", 2, 3));
    }

    #[test]
    fn unchanged_text_is_exact() {
        let a = anchor_of(ART, "joint reserve");
        let p = locate(&a, ART);
        assert_eq!(p, Placement::Exact(Span::new(a.start, a.end)));
    }

    #[test]
    fn inserted_text_moves_the_quote() {
        let a = anchor_of(ART, "joint reserve");
        let edited = format!("BREAKING: an update. {ART}");
        let s = edited.find("joint reserve").expect("q");
        assert_eq!(locate(&a, &edited), Placement::Moved(Span::new(s, s + 13)));
    }

    #[test]
    fn context_picks_among_occurrences() {
        let text = "On Monday the talks stalled. On Tuesday the talks resumed.";
        let second = text.rfind("the talks").expect("q");
        let a = Anchor::new(text, Span::new(second, second + 9));
        let edited = format!("Intro. {text} On Friday the talks ended.");
        let want = edited.find("Tuesday the talks").expect("q") + 8;
        assert_eq!(locate(&a, &edited).span(), Some(Span::new(want, want + 9)));
    }

    #[test]
    fn an_edited_word_is_approximate() {
        let a = anchor_of(
            ART,
            "the delegation from Japan proposed a joint reserve of liquefied natural gas.",
        );
        let edited = ART.replace("proposed", "suggested");
        let want_s = edited.find("the delegation").expect("q");
        let want_e = edited.find("gas.").expect("q") + 4;
        match locate(&a, &edited) {
            Placement::Approximate(span, sim) => {
                assert_eq!(span, Span::new(want_s, want_e));
                assert!(sim > 0.8 && sim < 1.0, "{sim}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn edits_at_either_end_of_the_quote_stay_inside_the_span() {
        let q = "Ministers discussed energy security at length";
        let a = anchor_of(ART, q);
        for (from, to, want) in [
            (
                "Ministers discussed",
                "Officials discussed",
                "Officials discussed energy security at length",
            ),
            (
                "at length",
                "at great length",
                "Ministers discussed energy security at great length",
            ),
            (
                "at length",
                "at lenght",
                "Ministers discussed energy security at lenght",
            ),
        ] {
            let edited = ART.replacen(from, to, 1);
            match locate(&a, &edited) {
                Placement::Approximate(span, _) => assert_eq!(span.of(&edited), want),
                other => panic!("{to}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_deleted_passage_is_orphaned() {
        let a = anchor_of(ART, "Critics said the plan was vague.");
        let edited = ART.replace("Critics said the plan was vague. ", "");
        assert_eq!(locate(&a, &edited), Placement::Orphan);
        assert_eq!(locate(&a, ""), Placement::Orphan);
    }

    #[test]
    fn tokens_split_cjk_by_character() {
        let t = tokens("Tokyo 東京 is-big");
        let words: Vec<&str> = t
            .iter()
            .map(|t| &"Tokyo 東京 is-big"[t.start..t.end])
            .collect();
        assert_eq!(words, ["Tokyo", "東", "京", "is", "big"]);
        assert_eq!(tokens("ABC")[0].hash, tokens("abc")[0].hash);
    }
}
