//! Splits an article's text into blocks (paragraphs, headings, list items,
//! tables, quotes, captions) and sentences, as byte spans into the text.
//!
//! Articles come from the web and from word processors, so the rules are
//! heuristics tuned on real briefings: one line per paragraph or hard-wrapped
//! paragraphs separated by blank lines, headings without full stops, bullet
//! lists without full stops, Markdown tables, comment forms and author bios.

use super::Span;

/// What a block is, as far as reading and analysis care.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading; `level` is 1 for a title-like heading and grows for
    /// Markdown `##` levels. Plain-text headings are level 2.
    Heading {
        level: u8,
    },
    Paragraph,
    /// A bullet or numbered item; `marker` is the bullet itself.
    ListItem {
        marker: Span,
    },
    /// A Markdown block quote line (`> ...`).
    Quote,
    /// A source line or photo caption ("Sources: SIPRI (2025)").
    Caption,
    /// A Markdown table: one entry per row, one span per cell. Separator
    /// rows (`|---|`) are left out; `header` tells whether the first row
    /// was followed by one.
    Table {
        rows: Vec<Vec<Span>>,
        header: bool,
    },
}

/// A run of text the reader shows as one unit: the passage cursor moves by
/// blocks, and analysis links passages at block level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// The whole block, from its first to its last visible byte.
    pub span: Span,
    /// The text to show and analyse: the block without list markers,
    /// `#` or `>` prefixes.
    pub content: Span,
    /// Comment forms, author bios, sharing prompts: shown dimmed, ignored
    /// by analysis.
    pub boilerplate: bool,
}

impl Block {
    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading { .. })
    }

    /// True for blocks whose sentences carry the article's argument.
    pub fn is_prose(&self) -> bool {
        !self.boilerplate
            && matches!(
                self.kind,
                BlockKind::Paragraph | BlockKind::ListItem { .. } | BlockKind::Quote
            )
    }
}

/// A sentence, or a whole list item or heading that has no full stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index of the block the sentence belongs to.
    pub block: usize,
}

/// The structure of one text.
#[derive(Debug, Clone, Default)]
pub struct Segmented {
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
}

/// One line of the text, without its terminator (`\n`, `\r\n` or `\r`).
fn lines(text: &str, from: usize) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = from;
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(Span::new(start, i));
                i += 1;
                start = i;
            }
            b'\r' => {
                out.push(Span::new(start, i));
                i += if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        out.push(Span::new(start, bytes.len()));
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum LineKind {
    Blank,
    Text,
    /// Markdown heading with its level and the span after the `#`s.
    Hash(u8, Span),
    Bullet {
        marker: Span,
        content: Span,
    },
    Quote(Span),
    TableRow,
}

fn bullet_marker(line: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    for m in ["- ", "* ", "• ", "◦ ", "▪ ", "‣ ", "– ", "+ "] {
        if trimmed.starts_with(m) && trimmed.len() > m.len() {
            return Some(indent + m.len());
        }
    }
    // "1. ", "12) ", "a) "
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &trimmed[digits..];
    if (1..=3).contains(&digits) && (rest.starts_with(". ") || rest.starts_with(") ")) {
        return Some(indent + digits + 2);
    }
    None
}

fn classify(text: &str, line: Span) -> LineKind {
    let s = line.of(text);
    let t = s.trim();
    if t.is_empty() {
        return LineKind::Blank;
    }
    let lead = s.len() - s.trim_start().len();
    if t.starts_with('#') {
        let level = t.bytes().take_while(|&b| b == b'#').count();
        let rest = &t[level..];
        if level <= 6 && rest.starts_with(' ') && !rest.trim().is_empty() {
            let start = line.start + lead + level;
            return LineKind::Hash(
                level as u8,
                Span::new(start, line.start + lead + t.len()).trim(text),
            );
        }
    }
    if t.starts_with('|') && t.len() > 1 && t.matches('|').count() >= 2 {
        return LineKind::TableRow;
    }
    if let Some(rest) = t.strip_prefix('>') {
        if !rest.trim().is_empty() {
            let start = line.start + lead + 1;
            return LineKind::Quote(Span::new(start, line.start + lead + t.len()).trim(text));
        }
    }
    if let Some(m) = bullet_marker(s) {
        let marker = Span::new(line.start + lead, line.start + m).trim(text);
        let content = Span::new(line.start + m, line.end).trim(text);
        return LineKind::Bullet { marker, content };
    }
    LineKind::Text
}

/// Whether paragraphs are hard-wrapped (consecutive short lines form one
/// paragraph) rather than written one line per paragraph.
fn is_hard_wrapped(text: &str, lines: &[Span], kinds: &[LineKind]) -> bool {
    let mut continued = 0usize;
    let mut wrapped_like = 0usize;
    for i in 0..lines.len().saturating_sub(1) {
        if kinds[i] == LineKind::Text && kinds[i + 1] == LineKind::Text {
            continued += 1;
            let n = lines[i].of(text).chars().count();
            if (30..=100).contains(&n) {
                wrapped_like += 1;
            }
        }
    }
    continued >= 2 && wrapped_like * 4 >= continued * 3
}

fn parse_table_row(text: &str, line: Span) -> Vec<Span> {
    let t = line.trim(text);
    let s = t.of(text);
    let inner_start = t.start + usize::from(s.starts_with('|'));
    let inner_end = t.end - usize::from(s.ends_with('|') && s.len() > 1);
    let mut cells = Vec::new();
    let mut cell_start = inner_start;
    let bytes = text.as_bytes();
    let mut i = inner_start;
    while i < inner_end {
        if bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
            cells.push(Span::new(cell_start, i).trim(text));
            cell_start = i + 1;
        }
        i += 1;
    }
    cells.push(Span::new(cell_start, inner_end).trim(text));
    cells
}

fn is_separator_row(text: &str, cells: &[Span]) -> bool {
    cells.iter().all(|c| {
        let s = c.of(text);
        !s.is_empty() && s.contains('-') && s.chars().all(|ch| matches!(ch, '-' | ':' | ' '))
    })
}

const LABEL_PREFIXES: [&str; 7] = [
    "source:",
    "sources:",
    "photo:",
    "image:",
    "caption:",
    "credit:",
    "photo credit:",
];

fn is_caption(s: &str) -> bool {
    let lower = s.trim().to_lowercase();
    LABEL_PREFIXES.iter().any(|p| lower.starts_with(p)) && s.split_whitespace().count() <= 30
}

/// A line that stands alone and reads like a heading: no closing
/// punctuation, not too long, not starting in lower case.
fn looks_like_heading(s: &str) -> bool {
    let t = s.trim();
    let words = t.split_whitespace().count();
    if words == 0 || words > 28 || t.chars().count() > 200 {
        return false;
    }
    let Some(first) = t.chars().next() else {
        return false;
    };
    if first.is_lowercase() || matches!(first, '"' | '“' | '‘' | '\'' | '(' | '[') {
        return false;
    }
    let Some(last) = t.chars().last() else {
        return false;
    };
    match last {
        '.' | ',' | ';' | '!' | '"' | '”' | '’' | '\'' | ')' | ']' | '…' => false,
        '?' | ':' => words <= 12,
        _ => true,
    }
}

/// Splits `text` (from byte `from` on, to skip front matter) into blocks and
/// sentences.
pub fn segment(text: &str, from: usize) -> Segmented {
    let lines = lines(text, from);
    let kinds: Vec<LineKind> = lines.iter().map(|&l| classify(text, l)).collect();
    let hard_wrapped = is_hard_wrapped(text, &lines, &kinds);

    let mut blocks: Vec<Block> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        match kinds[i] {
            LineKind::Blank => i += 1,
            LineKind::Hash(level, content) => {
                blocks.push(block(
                    BlockKind::Heading { level },
                    line.trim(text),
                    content,
                ));
                i += 1;
            }
            LineKind::Quote(content) => {
                let mut span = line.trim(text);
                let mut content = content;
                i += 1;
                while hard_wrapped && i < lines.len() {
                    let LineKind::Quote(more) = kinds[i] else {
                        break;
                    };
                    span.end = lines[i].trim(text).end;
                    content.end = more.end;
                    i += 1;
                }
                blocks.push(block(BlockKind::Quote, span, content));
            }
            LineKind::TableRow => {
                let start = line.trim(text).start;
                let mut end = line.trim(text).end;
                let mut rows = Vec::new();
                let mut header = false;
                while i < lines.len() && kinds[i] == LineKind::TableRow {
                    let cells = parse_table_row(text, lines[i]);
                    if is_separator_row(text, &cells) {
                        header |= rows.len() == 1;
                    } else {
                        rows.push(cells);
                    }
                    end = lines[i].trim(text).end;
                    i += 1;
                }
                let span = Span::new(start, end);
                blocks.push(block(BlockKind::Table { rows, header }, span, span));
            }
            LineKind::Bullet { marker, content } => {
                let mut content = content;
                i += 1;
                // Indented continuation lines of a hard-wrapped item.
                while hard_wrapped
                    && i < lines.len()
                    && kinds[i] == LineKind::Text
                    && lines[i].of(text).starts_with([' ', '\t'])
                {
                    content.end = lines[i].trim(text).end;
                    i += 1;
                }
                let span = Span::new(marker.start, content.end);
                blocks.push(block(BlockKind::ListItem { marker }, span, content));
            }
            LineKind::Text => {
                let mut span = line.trim(text);
                let mut n = 1;
                i += 1;
                while hard_wrapped && i < lines.len() && kinds[i] == LineKind::Text {
                    span.end = lines[i].trim(text).end;
                    n += 1;
                    i += 1;
                }
                let s = span.of(text);
                let next_is_content = i < lines.len();
                let kind = if is_caption(s) {
                    BlockKind::Caption
                } else if n == 1 && next_is_content && looks_like_heading(s) {
                    BlockKind::Heading { level: 2 }
                } else {
                    BlockKind::Paragraph
                };
                blocks.push(block(kind, span, span));
            }
        }
    }
    mark_boilerplate(text, &mut blocks);

    let mut sentences = Vec::new();
    for (b, blk) in blocks.iter().enumerate() {
        match blk.kind {
            BlockKind::Table { .. } | BlockKind::Caption => {}
            BlockKind::Heading { .. } => sentences.push(Sentence {
                span: blk.content,
                block: b,
            }),
            _ => sentences.extend(
                split_sentences(text, blk.content)
                    .into_iter()
                    .map(|span| Sentence { span, block: b }),
            ),
        }
    }
    Segmented { blocks, sentences }
}

fn block(kind: BlockKind, span: Span, content: Span) -> Block {
    Block {
        kind,
        span,
        content,
        boilerplate: false,
    }
}

/// Lower-case words that a block of boilerplate starts with.
const JUNK_STARTS: [&str; 24] = [
    "advertisement",
    "also see",
    "also read",
    "read more",
    "read also",
    "related:",
    "related articles",
    "related stories",
    "share this",
    "share on",
    "like this:",
    "subscribe",
    "sign up for",
    "click here",
    "follow us",
    "you are commenting using",
    "fill in your details",
    "log out /",
    "notify me of",
    "connecting to %s",
    "all rights reserved",
    "copyright ©",
    "©",
    "this article was originally published",
];

const COMMENT_FORM_STARTS: [&str; 5] = [
    "leave a reply",
    "leave a comment",
    "post a comment",
    "add a comment",
    "join the conversation",
];

const BIO_WORDS: [&str; 26] = [
    "professor",
    "director",
    "fellow",
    "author",
    "adviser",
    "advisor",
    "student",
    "freshman",
    "sophomore",
    "junior",
    "senior",
    "journalist",
    "editor",
    "correspondent",
    "analyst",
    "researcher",
    "scholar",
    "writer",
    "lecturer",
    "graduate",
    "majoring",
    "columnist",
    "contributor",
    "reporter",
    "commentator",
    "phd",
];

fn starts_with_any(s: &str, prefixes: &[&str]) -> bool {
    let lower = s.trim().to_lowercase();
    prefixes.iter().any(|p| lower.starts_with(p))
}

/// "Brad Glosserman is deputy director of ...": two to four capitalised
/// words followed by "is", "serves as" or "was", and a job word.
fn is_author_bio(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() > 90 || words.len() < 4 {
        return false;
    }
    let name_len = words
        .iter()
        .take(5)
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    if !(2..=4).contains(&name_len) {
        return false;
    }
    let verb = words[name_len..].join(" ");
    if !(verb.starts_with("is ") || verb.starts_with("serves as") || verb.starts_with("was ")) {
        return false;
    }
    let lower = s.to_lowercase();
    BIO_WORDS.iter().any(|w| lower.contains(w))
}

fn mark_boilerplate(text: &str, blocks: &mut [Block]) {
    let n = blocks.len();
    // A comment form runs from its "Leave a Reply" to the end of the article.
    if let Some(start) = blocks
        .iter()
        .enumerate()
        .skip(n / 2)
        .find(|(_, b)| {
            b.content.of(text).split_whitespace().count() <= 6
                && starts_with_any(b.content.of(text), &COMMENT_FORM_STARTS)
        })
        .map(|(i, _)| i)
    {
        for b in &mut blocks[start..] {
            b.boilerplate = true;
        }
    }
    for b in blocks.iter_mut() {
        let s = b.content.of(text);
        if s.split_whitespace().count() <= 25 && starts_with_any(s, &JUNK_STARTS) {
            b.boilerplate = true;
        }
    }
    // Author bios stand among the last paragraphs, possibly under an
    // "About the author" heading.
    let live: Vec<usize> = (0..n).filter(|&i| !blocks[i].boilerplate).collect();
    for &i in live.iter().rev().take(2) {
        let s = blocks[i].content.of(text);
        if blocks[i].kind == BlockKind::Paragraph && is_author_bio(s) {
            blocks[i].boilerplate = true;
            if i > 0
                && blocks[i - 1].is_heading()
                && starts_with_any(blocks[i - 1].content.of(text), &["about the author"])
            {
                blocks[i - 1].boilerplate = true;
            }
        }
    }
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 48] = [
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "adm",
    "gov", "sen", "rep", "rev", "hon", "pres", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "no", "nos", "vs", "v", "approx", "dept", "est", "fig",
    "figs", "ft", "mt", "e.g", "i.e", "cf", "al", "op",
];

/// Words that start a sentence even after an abbreviation like "U.S.".
const SENTENCE_STARTERS: [&str; 24] = [
    "The",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "A",
    "An",
    "As",
    "However",
    "Its",
    "Their",
    "His",
    "Her",
    "There",
    "Meanwhile",
];

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»' | '›')
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

/// Does a full stop after `word` (the text between the last space and the
/// stop) end a sentence, given the word that follows?
fn period_ends_sentence(word: &str, next_word: &str) -> bool {
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if word.is_empty() {
        return true;
    }
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    let mut chars = word.chars();
    // A single initial, as in "Julianne S. Smith".
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return false;
        }
    }
    // Dotted abbreviations: "U.S", "a.m", "Ph.D".
    if word.contains('.')
        && word
            .split('.')
            .all(|p| p.chars().count() <= 2 && !p.is_empty())
    {
        let next = next_word.trim_start_matches(|c: char| !c.is_alphanumeric());
        return SENTENCE_STARTERS.contains(&next);
    }
    true
}

/// Splits the text of `span` into sentence spans (trimmed, in order, never
/// empty). Text without a sentence end is one sentence.
pub fn split_sentences(text: &str, span: Span) -> Vec<Span> {
    let s = span.of(text);
    let mut out: Vec<Span> = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_terminal(c) {
            continue;
        }
        // The end of the terminal run with any closing quotes or brackets.
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if is_terminal(d) || is_closer(d) {
                end = j + d.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let rest = &s[end..];
        if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let next_word = rest.split_whitespace().next().unwrap_or("");
        let Some(next) = next_word.chars().next() else {
            break;
        };
        if next.is_lowercase() {
            continue;
        }
        if c == '.' && !s[i..end].contains("..") {
            // After the whitespace before the word, which may be wider
            // than one byte (U+2029, U+3000).
            let word_start = s[..i]
                .char_indices()
                .rfind(|&(_, c)| c.is_whitespace())
                .map_or(0, |(p, c)| p + c.len_utf8());
            if !period_ends_sentence(&s[word_start..i], next_word) {
                continue;
            }
        }
        push_sentence(
            text,
            &mut out,
            Span::new(span.start + start, span.start + end),
        );
        start = end;
    }
    if start < s.len() {
        push_sentence(text, &mut out, Span::new(span.start + start, span.end));
    }
    out
}

/// Adds a sentence, folding a piece with no letters or digits (a lone
/// ellipsis) into its neighbour.
fn push_sentence(text: &str, out: &mut Vec<Span>, span: Span) {
    let span = span.trim(text);
    if span.is_empty() {
        return;
    }
    let has_words = |sp: &Span| sp.of(text).chars().any(char::is_alphanumeric);
    match out.last_mut() {
        Some(last) if !has_words(last) => last.end = span.end,
        Some(last) if !has_words(&span) => last.end = span.end,
        _ => out.push(span),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(s: &str) -> Vec<&str> {
        split_sentences(s, Span::new(0, s.len()))
            .iter()
            .map(|sp| sp.of(s))
            .collect()
    }

    #[test]
    fn multibyte_whitespace_before_a_full_stop_does_not_panic() {
        // Found by tests/hostile.rs: U+2029 and U+3000 are whitespace of
        // three bytes; the word before a full stop starts after them.
        assert_eq!(sentences("a\u{2029}b. Next."), ["a\u{2029}b.", "Next."]);
        assert_eq!(
            sentences("x\u{3000}Dr. Who. Then."),
            ["x\u{3000}Dr. Who.", "Then."]
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let s = "Julianne Smith, U.S. ambassador to NATO, explained that it works. Next one.";
        assert_eq!(
            sentences(s),
            [
                "Julianne Smith, U.S. ambassador to NATO, explained that it works.",
                "Next one."
            ]
        );
        assert_eq!(
            sentences("Meetings on Oct. 21-22 went well. Then rain.").len(),
            2
        );
        assert_eq!(
            sentences("He studied at St. Andrew's University in Osaka. Fine.").len(),
            2
        );
        assert_eq!(sentences("It came from the U.S. The end.").len(), 2);
    }

    #[test]
    fn quotations_that_end_in_punctuation() {
        let s = "He said “stop seeking to sow chaos.” The ministry agreed. “Is it?” she asked.";
        assert_eq!(
            sentences(s),
            [
                "He said “stop seeking to sow chaos.”",
                "The ministry agreed.",
                "“Is it?” she asked."
            ]
        );
        assert_eq!(
            sentences("The claim that “security is indivisible,” the guiding principle, holds.")
                .len(),
            1
        );
    }

    #[test]
    fn decimals_and_lone_ellipses_stay_inside() {
        assert_eq!(
            sentences("Spending grew by 4.2% annually. More follows.").len(),
            2
        );
        assert_eq!(sentences("It is happening. ... Do not think so.").len(), 2);
    }

    #[test]
    fn one_line_per_paragraph_with_headings_bullets_and_tables() {
        let text = "Title Line\nIntro paragraph. Two sentences.\n- bullet one\n- bullet two\n| A | B |\n|---|---|\n| 1 | 2 |\nSources: World Bank\nLast line.";
        let seg = segment(text, 0);
        let kinds: Vec<_> = seg
            .blocks
            .iter()
            .map(|b| std::mem::discriminant(&b.kind))
            .collect();
        assert_eq!(seg.blocks.len(), 7, "{:?}", seg.blocks);
        assert!(seg.blocks[0].is_heading());
        assert_eq!(seg.blocks[1].kind, BlockKind::Paragraph);
        assert!(matches!(seg.blocks[2].kind, BlockKind::ListItem { .. }));
        assert_eq!(seg.blocks[2].content.of(text), "bullet one");
        match &seg.blocks[4].kind {
            BlockKind::Table { rows, header } => {
                assert!(header);
                assert_eq!(rows.len(), 2);
                assert_eq!(rows[1][1].of(text), "2");
            }
            other => panic!("not a table: {other:?}"),
        }
        assert_eq!(seg.blocks[5].kind, BlockKind::Caption);
        assert_eq!(kinds.len(), 7);
        let item_sentences: Vec<_> = seg.sentences.iter().filter(|s| s.block == 2).collect();
        assert_eq!(item_sentences.len(), 1);
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined_and_crlf_is_handled() {
        let text = "A heading\r\n\r\nThis paragraph has been wrapped by the author at about\r\nsixty columns, the way e-mail and plain text files often\r\nare, and it should read as one paragraph.\r\n\r\nA second paragraph that is also long enough to wrap\r\nonto a second line of text for the reader to follow.\r\n";
        let seg = segment(text, 0);
        assert_eq!(seg.blocks.len(), 3, "{:?}", seg.blocks);
        assert!(seg.blocks[1].span.of(text).ends_with("one paragraph."));
        assert!(!seg.blocks[2].span.of(text).ends_with('\r'));
    }

    #[test]
    fn comment_forms_and_bios_are_boilerplate() {
        let text = "Headline\nBody text that matters. More of it.\nAnother paragraph.\nOliver Gao is a freshman majoring in International Studies at Johns Hopkins University.\nLeave a Reply\nYou are commenting using your account.\nConnecting to %s";
        let seg = segment(text, 0);
        let junk: Vec<bool> = seg.blocks.iter().map(|b| b.boilerplate).collect();
        assert_eq!(junk, [false, false, false, true, true, true, true]);
    }
}
