//! Splits an article's text into blocks (paragraphs, headings, list items,
//! tables, quotes, captions) and sentences, as byte spans into the text.
//!
//! Articles come from the web and from word processors, so the rules are
//! heuristics tuned on real briefings: one line per paragraph or hard-wrapped
//! paragraphs separated by blank lines, headings without full stops, bullet
//! lists without full stops, Markdown tables, comment forms and author bios.
//!
//! Boilerplate is decided here, once, for every reader of the blocks: each
//! rule describes a kind of text (a credit line, a byline, a contents
//! list), never a particular site's wording.

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

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
    /// Code, or in Markdown a block of raw HTML: shown line by line as
    /// written, never read as prose.
    Code,
    /// A Markdown thematic break (`---`), drawn as a line.
    Rule,
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
    /// Text around the article rather than of it: comment forms and
    /// notices, author bios, bylines and datelines, photo captions and
    /// credits, a paragraph's second copy, contents lists, link and reading
    /// lists, FAQ stubs, sharing and newsletter prompts. Shown dimmed;
    /// analysis (links, topics, key points) ignores it.
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
    if is_table_row(t) {
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

/// A line of a pipe table: `| cell | cell`.
pub(crate) fn is_table_row(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('|') && t.len() > 1 && t.matches('|').count() >= 2
}

/// The rows of a pipe table, one per line, each split into its cells, and
/// whether the first is a header: a separator row (`|---|`) follows it.
/// Separator rows are left out.
pub(crate) fn table_rows(text: &str, lines: &[Span]) -> (Vec<Vec<Span>>, bool) {
    let mut rows = Vec::new();
    let mut header = false;
    for &line in lines {
        let cells = parse_table_row(text, line);
        if is_separator_row(text, &cells) {
            header |= rows.len() == 1;
        } else {
            rows.push(cells);
        }
    }
    (rows, header)
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

const LABEL_PREFIXES: [&str; 9] = [
    "source:",
    "sources:",
    "note:",
    "notes:",
    "photo:",
    "image:",
    "caption:",
    "credit:",
    "photo credit:",
];

/// Words that, with a number, title a figure or table: "Figure 2.",
/// "Table 1:", "Fig. 3".
const FIGURE_WORDS: [&str; 8] = [
    "figure", "fig.", "table", "chart", "graph", "map", "exhibit", "graphic",
];

pub(crate) fn is_caption(s: &str) -> bool {
    let start = s.trim().trim_start_matches(|c: char| !c.is_alphanumeric());
    // Every label ends in a colon.
    let labelled = || {
        // Emphasis written out in plain text: "**Source****s****:**".
        let label: String = start
            .chars()
            .flat_map(char::to_lowercase)
            .filter(|&c| !matches!(c, '*' | '_'))
            .take(16)
            .collect();
        LABEL_PREFIXES.iter().any(|p| label.starts_with(p))
    };
    let words = || s.split_whitespace().count();
    (start.contains(':') && labelled() && words() <= 200)
        || (is_figure_title(start) && words() <= 30)
}

/// "Figure 2. Share of ...": a figure or table numbered and titled, as
/// printed above or below it.
fn is_figure_title(s: &str) -> bool {
    let mut words = s.split_whitespace();
    let (Some(label), Some(number)) = (words.next(), words.next()) else {
        return false;
    };
    let number = number.trim_end_matches('*');
    let id = number.trim_end_matches(['.', ':']);
    let titled =
        number.len() > id.len() || words.next().is_some_and(|w| matches!(w, "—" | "–" | "-"));
    titled && is_figure_id(id) && FIGURE_WORDS.contains(&label.to_lowercase().as_str())
}

/// "3", "A-2", "2.1": the number of a figure or table.
fn is_figure_id(id: &str) -> bool {
    id.bytes().any(|b| b.is_ascii_digit())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// Whether `s` opens by pointing at a figure or table: "Figure 3 shows
/// ...", "[Table A-2](#t2) illustrates ...".
pub(crate) fn opens_with_figure(s: &str) -> bool {
    let mut words = s
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split_whitespace();
    let (Some(label), Some(number)) = (words.next(), words.next()) else {
        return false;
    };
    let id = number
        .split(']')
        .next()
        .unwrap_or(number)
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    FIGURE_WORDS.contains(&label.to_lowercase().as_str()) && is_figure_id(id)
}

/// A line that stands alone and reads like a heading: no closing
/// punctuation, not too long, not starting in lower case.
pub(crate) fn looks_like_heading(s: &str) -> bool {
    let t = s.trim();
    let (Some(first), Some(last)) = (t.chars().next(), t.chars().next_back()) else {
        return false;
    };
    if first.is_lowercase()
        || matches!(first, '"' | '“' | '‘' | '\'' | '(' | '[')
        || matches!(
            last,
            '.' | ',' | ';' | '!' | '"' | '”' | '’' | '\'' | ')' | ']' | '…'
        )
    {
        return false;
    }
    let words = t.split_whitespace().count();
    if words > 28 || t.chars().count() > 200 {
        return false;
    }
    !matches!(last, '?' | ':') || words <= 12
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
                let first = i;
                while i < lines.len() && kinds[i] == LineKind::TableRow {
                    i += 1;
                }
                let (rows, header) = table_rows(text, &lines[first..i]);
                let span = Span::new(line.trim(text).start, lines[i - 1].trim(text).end);
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
    let sentences = sentences_of(text, &blocks);
    Segmented { blocks, sentences }
}

/// The sentences of `blocks`: each heading whole, the sentences of other
/// text; none of tables, captions, code or rules.
pub(crate) fn sentences_of(text: &str, blocks: &[Block]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    for (b, blk) in blocks.iter().enumerate() {
        match blk.kind {
            BlockKind::Table { .. } | BlockKind::Caption | BlockKind::Code | BlockKind::Rule => {}
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
    sentences
}

fn block(kind: BlockKind, span: Span, content: Span) -> Block {
    Block {
        kind,
        span,
        content,
        boilerplate: false,
    }
}

/// Lower-case words that a block of boilerplate starts with. Entries ending
/// in a letter match whole words only ("subscribe", not "subscribers").
const JUNK_STARTS: [&str; 37] = [
    "advertisement",
    "also see",
    "also read",
    "read more",
    "read also",
    "read next",
    "see also",
    "related:",
    "related articles",
    "related stories",
    "related links",
    "related content",
    "more on this story",
    "you may also like",
    "you might also like",
    "recommended for you",
    "share this",
    "share on",
    "like this:",
    "subscribe",
    "sign up for",
    "sign up to",
    "click here",
    "follow us",
    "you are commenting using",
    "fill in your details",
    "log out /",
    "notify me of",
    "connecting to %s",
    "comments are closed",
    "all rights reserved",
    "copyright ©",
    "©",
    "this article was originally published",
    "already a subscriber",
    "enter your email",
    "get the latest",
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
    // Only the opening matters: no prefix is longer than this.
    let s = s.trim_start();
    let mut cut = s.len().min(48);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    let lower = s[..cut].trim_end().to_lowercase();
    prefixes.iter().any(|p| {
        lower.starts_with(p)
            && (!p.ends_with(char::is_alphabetic)
                || !lower[p.len()..].starts_with(char::is_alphanumeric))
    })
}

/// Whether `s` contains the lower-case ASCII `word`, in any case.
fn contains_ignoring_case(s: &str, word: &str) -> bool {
    s.as_bytes()
        .windows(word.len())
        .any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
}

/// Words in `s`, lower-cased, with the punctuation around them removed.
fn plain_words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| c.is_whitespace() || matches!(c, '/' | '|' | '(' | ')' | ',' | ';'))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
}

/// News and photo agencies that credit pictures.
const AGENCIES: [&str; 30] = [
    "reuters",
    "afp",
    "ap",
    "associated",
    "press",
    "getty",
    "images",
    "epa",
    "efe",
    "kyodo",
    "jiji",
    "xinhua",
    "yonhap",
    "anadolu",
    "bloomberg",
    "shutterstock",
    "alamy",
    "istock",
    "dpa",
    "ansa",
    "tass",
    "sipa",
    "aap",
    "pa",
    "wire",
    "pool",
    "handout",
    "corbis",
    "news",
    "agency",
];

/// Words of a picture credit besides agency and photographer names.
const CREDIT_WORDS: [&str; 14] = [
    "photo",
    "photos",
    "photograph",
    "picture",
    "image",
    "file",
    "by",
    "via",
    "courtesy",
    "of",
    "staff",
    "photographer",
    "credit",
    "illustration",
];

/// Labels a photo caption or credit starts with.
const PHOTO_LABELS: [&str; 10] = [
    "photo:",
    "photo by",
    "photos:",
    "photograph:",
    "picture:",
    "image:",
    "caption:",
    "credit:",
    "photo credit:",
    "file photo",
];

/// "REUTERS", "AFP/Getty Images", "(Kyodo)", "Jane Doe/AP", "(Photo by Jane
/// Doe/Getty Images)": a short line that is only a picture credit.
fn is_credit_line(s: &str) -> bool {
    let t = s.trim();
    if t.split_whitespace().nth(8).is_some() {
        return false;
    }
    let words: Vec<String> = plain_words(t).collect();
    if words.is_empty()
        || words.len() > 8
        || t.ends_with(['.', '?', '!', ':']) && !t.ends_with(".)")
    {
        return false;
    }
    if starts_with_any(t.trim_start_matches('('), &PHOTO_LABELS) {
        return true;
    }
    // Every word is an agency, a credit word or part of a name.
    let raw: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '|' | '(' | ')' | ','))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let named = raw.iter().all(|w| {
        w.trim_start_matches(|c: char| !c.is_alphanumeric())
            .starts_with(char::is_uppercase)
    });
    let agency = words.iter().any(|w| AGENCIES.contains(&w.as_str()));
    let credit = words.iter().any(|w| CREDIT_WORDS.contains(&w.as_str()));
    let only_credit = words
        .iter()
        .all(|w| AGENCIES.contains(&w.as_str()) || CREDIT_WORDS.contains(&w.as_str()));
    let shouted = raw.iter().any(|w| {
        AGENCIES.contains(&w.to_lowercase().as_str())
            && w.len() > 1
            && w.chars().all(|c| !c.is_lowercase())
    });
    let marked = (t.starts_with('(') && t.ends_with(')')) || t.contains('/');
    (named || only_credit) && (agency || credit) && (only_credit || marked || shouted)
}

/// A caption that ends with its picture credit: "Police stand guard in
/// London on Monday. (Photo by Jane Doe/Reuters)", "... REUTERS/Jane Doe".
fn ends_with_credit(s: &str) -> bool {
    let t = s.trim();
    t.rfind(". ")
        .is_some_and(|end| is_credit_line(&t[end + 1..]))
}

/// A photo caption or credit, however it is labelled.
fn is_photo_caption(s: &str) -> bool {
    (starts_with_any(s, &PHOTO_LABELS) || is_credit_line(s) || ends_with_credit(s))
        && s.split_whitespace().nth(60).is_none()
}

pub(crate) const MONTHS: [&str; 24] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

pub(crate) const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Words of a publication date line besides months and numbers.
const DATE_WORDS: [&str; 22] = [
    "published",
    "updated",
    "posted",
    "last",
    "first",
    "on",
    "at",
    "gmt",
    "utc",
    "bst",
    "cet",
    "et",
    "est",
    "edt",
    "pt",
    "am",
    "pm",
    "ago",
    "hours",
    "hour",
    "minutes",
    "days",
];

/// "By Jane Doe", "By JANE DOE and John Roe | Reuters", "Published 3 March
/// 2024, 10:32 GMT", "BRUSSELS, March 3 (Reuters)": a line that only says
/// who wrote the article, when, or where from.
fn is_byline_or_dateline(s: &str) -> bool {
    let t = s.trim();
    if t.split_whitespace().nth(14).is_some() {
        return false;
    }
    let words: Vec<String> = plain_words(t).collect();
    if words.is_empty() || words.len() > 14 {
        return false;
    }
    let raw: Vec<&str> = t.split_whitespace().collect();
    if words[0] == "by"
        && raw[0].eq_ignore_ascii_case("by")
        && words.len() >= 2
        && words.len() <= 12
    {
        let connectors = [
            "and", "&", "|", "-", "–", "—", "in", "for", "of", "the", "de", "van", "von", "der",
            "la", "le", "da",
        ];
        let names = raw[1..].iter().all(|w| {
            let w = w.trim_matches(|c: char| matches!(c, ',' | '(' | ')' | '|'));
            w.is_empty() || connectors.contains(&w) || w.starts_with(char::is_uppercase)
        });
        let second = &words[1];
        let when = MONTHS.contains(&second.as_str())
            || WEEKDAYS.contains(&second.as_str())
            || second.starts_with(|c: char| c.is_ascii_digit());
        // A sentence ends with a full stop after a word; a byline may end
        // with an initial ("By Jane Q.") but says no more.
        let sentence_end = t.ends_with(['.', '!', '?']) && raw.last().is_none_or(|w| w.len() > 2);
        return names && !when && !sentence_end;
    }
    let is_date_word = |w: &str| {
        MONTHS.contains(&w)
            || WEEKDAYS.contains(&w)
            || DATE_WORDS.contains(&w)
            || w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | '-'))
            || w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .chars()
                .all(|c| c.is_ascii_digit())
                && matches!(
                    w.trim_start_matches(|c: char| c.is_ascii_digit()),
                    "st" | "nd" | "rd" | "th" | "am" | "pm"
                )
                && w.starts_with(|c: char| c.is_ascii_digit())
    };
    let dated = words.iter().any(|w| {
        MONTHS.contains(&w.as_str()) || matches!(w.as_str(), "published" | "updated" | "posted")
    });
    // A place in capitals and an agency may stand before the date.
    let place_or_agency = |w: &str, r: &str| {
        AGENCIES.contains(&w) || (r.len() > 1 && r.chars().all(|c| !c.is_lowercase()))
    };
    let raw_words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '|' | '(' | ')' | ',' | ';'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    dated
        && !t.ends_with(['.', '!', '?'])
        && words
            .iter()
            .zip(&raw_words)
            .all(|(w, r)| is_date_word(w) || place_or_agency(w, r))
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

/// "With your current subscription plan you can comment on stories. ...":
/// a notice about commenting that addresses the reader and names an
/// account, a subscription or the rules.
fn is_comment_notice(s: &str) -> bool {
    if !(s.contains("omment") || s.contains("OMMENT")) || s.split_whitespace().nth(80).is_some() {
        return false;
    }
    let words: Vec<String> = plain_words(s).collect();
    let has = |ws: &[&str]| words.iter().any(|w| ws.contains(&w.as_str()));
    let lower = s.to_lowercase();
    has(&[
        "comment",
        "comments",
        "commenting",
        "commenter",
        "commenters",
    ]) && has(&["you", "your", "please"])
        && (lower.contains("subscri")
            || lower.contains("display name")
            || lower.contains("log in")
            || lower.contains("sign in")
            || lower.contains("account")
            || lower.contains("profile")
            || lower.contains("guidelines")
            || lower.contains("moderat")
            || lower.contains("community"))
}

/// "Sign up for our daily newsletter", "Get our briefing in your inbox":
/// a prompt to subscribe.
fn is_subscription_prompt(s: &str) -> bool {
    let asked = ["newsletter", "inbox", "mail", "unsubscribe"];
    if s.split_whitespace().nth(40).is_some() || !asked.iter().any(|w| contains_ignoring_case(s, w))
    {
        return false;
    }
    let words: Vec<String> = plain_words(s).collect();
    let has = |ws: &[&str]| words.iter().any(|w| ws.contains(&w.as_str()));
    let lower = s.to_lowercase();
    let asks = lower.contains("sign up") || has(&["subscribe", "get", "delivered", "enter"]);
    asks && (has(&["newsletter", "newsletters", "inbox", "unsubscribe"])
        || lower.contains("email address")
        || lower.contains("e-mail address"))
}

/// A line that is mostly web addresses or links: a row of site links
/// ("[Share](…)[Subscribe](…)"), a download link, an entry of a contents
/// list.
fn is_link_line(s: &str) -> bool {
    if !s.contains("http") && !s.contains("www.") && !s.contains("](") {
        return false;
    }
    let (outside, links) = outside_links(s);
    let words = outside.split_whitespace().count();
    let urls = outside
        .split_whitespace()
        .filter(|w| {
            let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
            w.starts_with("http://") || w.starts_with("https://") || w.starts_with("www.")
        })
        .count();
    (urls > 0 && (urls * 2 >= words || words - urls <= 3)) || only_links(&outside, links)
}

/// Whether a block with `links` links and `outside` their text says next
/// to nothing else: separators ("|", ">", "·") and at most three words.
pub(crate) fn only_links(outside: &str, links: usize) -> bool {
    links > 0 && count_words(outside) <= 3
}

/// How many words `s` holds: runs between spaces with a letter or digit,
/// so that dashes, bars and bullets do not count.
pub(crate) fn count_words(s: &str) -> usize {
    // Plain ASCII splits byte by byte; a vertical tab is whitespace to
    // `split_whitespace` but not to `split_ascii_whitespace`.
    if s.is_ascii() && !s.contains('\x0B') {
        return s
            .split_ascii_whitespace()
            .filter(|w| w.bytes().any(|b| b.is_ascii_alphanumeric()))
            .count();
    }
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// `s` without its Markdown links (`[text](target)`), and how many there
/// were. A link whose text began on an earlier line (`… title](target)`)
/// counts from the start of `s`.
fn outside_links(s: &str) -> (String, usize) {
    let (outside, titles) = split_links(s);
    (outside, titles.len())
}

/// `s` without its Markdown links (`[title](target)`), and the links'
/// titles.
pub(crate) fn split_links(s: &str) -> (String, Vec<&str>) {
    let mut outside = String::new();
    let mut titles = Vec::new();
    let mut rest = s;
    while let Some(at) = rest.find("](") {
        let Some(close) = rest[at + 2..].find(')') else {
            break;
        };
        let target = &rest[at + 2..at + 2 + close];
        if target.contains(char::is_whitespace) {
            outside.push_str(&rest[..at + 2]);
            rest = &rest[at + 2..];
            continue;
        }
        let open = rest[..at].rfind('[');
        outside.push_str(&rest[..open.unwrap_or(0)]);
        outside.push(' ');
        titles.push(&rest[open.map_or(0, |o| o + 1)..at]);
        rest = &rest[at + 3 + close..];
    }
    outside.push_str(rest);
    (outside, titles)
}

/// Headings (or lone lines) that open a list of links, contents or
/// questions: everything up to the next heading is boilerplate.
const LIST_TITLES: [&str; 30] = [
    "table of contents",
    "disclaimer",
    "legal disclaimer",
    "legal notice",
    "copyright notice",
    "terms of use",
    "terms and conditions",
    "privacy policy",
    "footnotes",
    "endnotes",
    "references",
    "bibliography",
    "works cited",
    "contents",
    "in this article",
    "on this page",
    "jump to",
    "related",
    "related articles",
    "related stories",
    "related links",
    "related content",
    "read more",
    "see also",
    "more on this story",
    "further reading",
    "frequently asked questions",
    "faq",
    "faqs",
    "you may also like",
];

/// A block of "Label: value" lines, as saved pages print a document's
/// type, number, date and source above it.
fn is_metadata(s: &str) -> bool {
    let mut lines = s.lines().filter(|l| !l.trim().is_empty()).peekable();
    lines.peek().is_some() && lines.all(is_metadata_line) && s.trim().contains('\n')
}

/// "**Report No.:** R123": a short label, a colon and a short value.
fn is_metadata_line(line: &str) -> bool {
    let Some((label, value)) = line.split_once(':') else {
        return false;
    };
    let label = label.trim_matches(|c: char| !c.is_alphanumeric());
    let label_words = label.split_whitespace().count();
    (1..=4).contains(&label_words)
        && label.chars().next().is_some_and(char::is_uppercase)
        && !value.trim().is_empty()
        && value.split_whitespace().count() <= 8
}

/// Runs of at least two one-line "Label: value" paragraphs: metadata
/// printed one field per line.
fn mark_metadata_runs(text: &str, blocks: &mut [Block]) {
    let field = |b: &Block| {
        matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading { .. })
            && is_metadata_line(b.content.of(text))
    };
    let mut i = 0;
    while i < blocks.len() {
        let run = blocks[i..].iter().take_while(|b| field(b)).count();
        if run >= 2 {
            for b in &mut blocks[i..i + run] {
                b.boilerplate = true;
            }
        }
        i += run.max(1);
    }
}

fn title_key(s: &str) -> String {
    s.trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Blocks near the start or end of an article, where bylines and
/// datelines stand.
const BYLINE_REACH: usize = 6;

pub(crate) fn mark_boilerplate(text: &str, blocks: &mut [Block]) {
    let n = blocks.len();
    // A comment form runs from its "Leave a Reply" to the end of the article.
    if let Some(start) = blocks
        .iter()
        .enumerate()
        .skip(n / 2)
        .find(|(_, b)| {
            let s = b.content.of(text);
            starts_with_any(s, &COMMENT_FORM_STARTS) && s.split_whitespace().nth(6).is_none()
        })
        .map(|(i, _)| i)
    {
        for b in &mut blocks[start..] {
            b.boilerplate = true;
        }
    }
    for (i, b) in blocks.iter_mut().enumerate() {
        let s = b.content.of(text);
        let near_edge = i < BYLINE_REACH || i + 3 >= n;
        // The cheap tests on a block's opening come before counting words.
        b.boilerplate |= (starts_with_any(s, &JUNK_STARTS)
            && s.split_whitespace().nth(25).is_none())
            || is_photo_caption(s)
            || (near_edge && is_byline_or_dateline(s))
            || (!b.is_heading() && is_comment_notice(s))
            || is_subscription_prompt(s)
            || is_link_line(s)
            || is_metadata(s);
        // "Sources: ..." stays: it says where figures come from.
        if b.kind == BlockKind::Caption && starts_with_any(s, &PHOTO_LABELS) {
            b.boilerplate = true;
        }
    }
    mark_metadata_runs(text, blocks);
    mark_title_reprints(text, blocks);
    mark_listings(text, blocks);
    mark_second_copies(text, blocks);
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

/// A heading printed again below itself as a paragraph, alone or with a
/// date or report-number stamp run on ("<title>Updated April 21, 2026
/// (R123)"), perhaps with a short line of links after it: a saved page's
/// masthead. Headings of fewer than three words are too common a start of
/// a sentence to tell.
fn mark_title_reprints(text: &str, blocks: &mut [Block]) {
    let mut headings: Vec<String> = Vec::new();
    for b in blocks.iter_mut() {
        let s = b.content.of(text);
        if b.is_heading() {
            let key = title_key(s);
            if key.split_whitespace().nth(2).is_some() {
                headings.push(key);
            }
            continue;
        }
        let lower = s
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .trim_end()
            .to_lowercase();
        if headings.iter().any(|h| {
            lower
                .strip_prefix(h.as_str())
                .is_some_and(|r| is_stamp(r.trim()))
        }) {
            b.boilerplate = true;
        }
    }
}

/// What may follow a reprinted title on a masthead: nothing, or a date
/// or report-number stamp ("Updated April 21, 2026 (R123)"), and at most a
/// short line after it, such as a "Jump to Main Text" link.
fn is_stamp(rest: &str) -> bool {
    let (rest, _) = split_links(rest);
    let (first, after) = rest.trim().split_once('\n').unwrap_or((rest.trim(), ""));
    let first = first.trim();
    after.split_whitespace().nth(8).is_none()
        && (first.is_empty()
            || (first.split_whitespace().nth(8).is_none()
                && first.contains(|c: char| c.is_ascii_digit())
                && !first.ends_with(['.', '!', '?'])))
}

/// Contents, link lists, reading lists and FAQs: the title and what follows
/// it up to the next heading. A table of contents without bullets ends at
/// the first line that is not one of the article's later headings.
fn mark_listings(text: &str, blocks: &mut [Block]) {
    let mut headings: Option<Vec<(usize, String)>> = None;
    let mut i = 0;
    while i < blocks.len() {
        // The longest title, with room for emoji around it.
        if blocks[i].content.len() > 48 {
            i += 1;
            continue;
        }
        let key = title_key(blocks[i].content.of(text));
        let titled = LIST_TITLES.contains(&key.as_str())
            && (blocks[i].is_heading() || key.split(' ').count() <= 4);
        if !titled {
            i += 1;
            continue;
        }
        blocks[i].boilerplate = true;
        let contents = matches!(
            key.as_str(),
            "table of contents" | "contents" | "in this article" | "on this page" | "jump to"
        );
        let mut j = i + 1;
        while j < blocks.len() {
            let b = &blocks[j];
            let later_heading = contents && {
                let k = title_key(b.content.of(text));
                headings
                    .get_or_insert_with(|| {
                        blocks
                            .iter()
                            .enumerate()
                            .filter(|(_, b)| b.is_heading())
                            .map(|(i, b)| (i, title_key(b.content.of(text))))
                            .collect()
                    })
                    .iter()
                    .any(|(h, hk)| *h > j && *hk == k)
            };
            let part = if contents {
                matches!(b.kind, BlockKind::ListItem { .. }) || later_heading
            } else {
                !b.is_heading()
            };
            if !part {
                break;
            }
            blocks[j].boilerplate = true;
            j += 1;
        }
        i = j;
    }
}

/// A paragraph printed twice, word for word: the second copy is boilerplate, and both are
/// when it is a picture caption. A heading is never a second copy (a
/// contents list names it first), and short items may repeat.
fn mark_second_copies(text: &str, blocks: &mut [Block]) {
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    for i in 0..blocks.len() {
        let b = &blocks[i];
        if matches!(b.kind, BlockKind::Table { .. }) {
            continue;
        }
        let s = b.content.of(text);
        if s.split_whitespace().nth(5).is_none() {
            continue;
        }
        match first.entry(s) {
            Entry::Occupied(_) if blocks[i].is_heading() => {}
            Entry::Occupied(e) => {
                let f = *e.get();
                blocks[i].boilerplate = true;
                if blocks[f].kind == BlockKind::Caption
                    || is_photo_caption(blocks[f].content.of(text))
                    || single_line_caption(blocks[f].content.of(text))
                {
                    blocks[f].boilerplate = true;
                }
            }
            Entry::Vacant(e) => {
                e.insert(i);
            }
        }
    }
}

/// A repeated line that reads like a picture caption rather than a pull
/// quote: one short sentence about who is seen where, in the present tense.
fn single_line_caption(s: &str) -> bool {
    let words: Vec<String> = plain_words(s).collect();
    words.len() <= 30
        && split_sentences(s, Span::new(0, s.len())).len() == 1
        && !s.contains(['“', '"'])
        && words.iter().any(|w| {
            matches!(
                w.as_str(),
                "pictured"
                    | "seen"
                    | "stands"
                    | "stand"
                    | "gather"
                    | "gathers"
                    | "walks"
                    | "walk"
                    | "speaks"
                    | "arrives"
                    | "arrive"
                    | "attend"
                    | "attends"
                    | "poses"
                    | "pose"
                    | "looks"
                    | "holds"
                    | "hold"
                    | "waves"
                    | "shakes"
                    | "march"
                    | "marches"
                    | "left"
                    | "right"
                    | "centre"
                    | "center"
            )
        })
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
        // A footnote number run onto a full stop after a word: "... or
        // the cloud.97 Cloud computing ...".
        let digits = s[end..].bytes().take_while(u8::is_ascii_digit).count();
        if c == '.'
            && (1..=3).contains(&digits)
            && s[end + digits..].starts_with(char::is_whitespace)
            && s[..i]
                .chars()
                .rev()
                .take(3)
                .filter(|c| c.is_lowercase())
                .count()
                == 3
        {
            end += digits;
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
    fn a_footnote_number_after_a_full_stop_ends_the_sentence() {
        assert_eq!(
            sentences(
                "Users pay for what they use in the cloud.97 Cloud services grew by 12.5 percent."
            ),
            [
                "Users pay for what they use in the cloud.97",
                "Cloud services grew by 12.5 percent."
            ]
        );
        assert_eq!(
            sentences("Rosneft paid $9.4bn in 2004. Section 4.2 The rules apply."),
            [
                "Rosneft paid $9.4bn in 2004.",
                "Section 4.2 The rules apply."
            ]
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
    fn a_title_printed_again_with_a_date_stamp_is_boilerplate() {
        let title = "# Funding the Highway Bridges Programme\n\n";
        let masthead = "Funding the Highway Bridges ProgrammeUpdated April 20, 2026   (R47194)";
        assert!(is_junk(
            &format!("{title}{masthead}\n\n{}", among_prose("Roads.")),
            masthead
        ));
        // In Markdown the next line, a link, is part of the paragraph.
        let text = format!(
            "{title}{masthead}\n[Jump to Main Text of Report](https://example.org#c)\n\n{}",
            among_prose("Roads.")
        );
        let seg = crate::text::markdown::parse(&text, 0).0;
        let block = seg
            .blocks
            .iter()
            .find(|b| b.content.of(&text).starts_with(masthead));
        assert!(block.is_some_and(|b| b.boilerplate), "{:?}", seg.blocks);
        for sentence in [
            "Funding the highway bridges programme took until 2026.",
            "Funding the Highway Bridges Programme updated in 2026 is a plan for roads",
        ] {
            let text = format!("{title}{}", among_prose(sentence));
            assert!(!is_junk(&text, sentence), "{sentence}");
        }
        // A title run into a paragraph of prose leaves the prose alone.
        let prose = "Funding the Highway Bridges Programme\nThe programme began in 2021 and pays for repairs of the worst bridges in every state.";
        let text = format!("{title}{}", among_prose(prose));
        let seg = crate::text::markdown::parse(&text, 0).0;
        let block = seg.blocks.iter().find(|b| b.content.of(&text) == prose);
        assert!(block.is_some_and(|b| !b.boilerplate), "{:?}", seg.blocks);
        // A short heading is an ordinary start of a sentence.
        let sentence = "Background checks began in 2024";
        let text = format!("## Background\n\n{}", among_prose(sentence));
        assert!(!is_junk(&text, sentence));
    }

    #[test]
    fn comment_forms_and_bios_are_boilerplate() {
        let text = "Headline\nBody text that matters. More of it.\nAnother paragraph.\nOliver Gao is a freshman majoring in International Studies at Johns Hopkins University.\nLeave a Reply\nYou are commenting using your account.\nConnecting to %s";
        let seg = segment(text, 0);
        let junk: Vec<bool> = seg.blocks.iter().map(|b| b.boilerplate).collect();
        assert_eq!(junk, [false, false, false, true, true, true, true]);
    }

    /// Which blocks of `text` are boilerplate, by their text.
    fn junk(text: &str) -> Vec<(String, bool)> {
        segment(text, 0)
            .blocks
            .iter()
            .map(|b| (b.content.of(text).to_string(), b.boilerplate))
            .collect()
    }

    fn is_junk(text: &str, line: &str) -> bool {
        let blocks = junk(text);
        blocks
            .iter()
            .find(|(s, _)| s == line)
            .unwrap_or_else(|| panic!("no block {line:?} in {blocks:?}"))
            .1
    }

    /// An article of plain prose with `line` as its third paragraph.
    fn among_prose(line: &str) -> String {
        format!(
            "Ministers met in the capital on Tuesday to discuss the budget.\n\n\
             The talks lasted six hours and ended without an agreement.\n\n\
             {line}\n\n\
             Officials said the next round would take place in two weeks.\n\n\
             The finance minister promised to publish a draft by the end of May.\n\n\
             Opposition leaders called the delay a sign of a divided cabinet.\n\n\
             Markets barely moved on the news."
        )
    }

    #[test]
    fn photo_captions_and_credits_are_boilerplate() {
        for line in [
            "Photo: Jane Doe for the Daily Courier",
            "(Photo by Jane Doe/Getty Images)",
            "Photo by Jane Doe/AFP",
            "REUTERS",
            "Reuters",
            "AFP/Getty Images",
            "(Kyodo)",
            "Jane Doe/AP",
            "Image: European Commission",
            "File photo",
            "FILE PHOTO: Workers unload containers at the port of Rotterdam",
            "Delegates arrive for the summit in Vilnius on Monday. (Photo by Jane Doe/Reuters)",
            "Delegates arrive for the summit in Vilnius on Monday. REUTERS/Jane Doe",
        ] {
            assert!(is_junk(&among_prose(line), line), "{line}");
        }
    }

    #[test]
    fn source_lines_with_emphasis_written_out_are_captions() {
        assert!(is_caption(
            "**Source****s****: **Federal Highway Administration (FHWA); Federal Transit Administration (FTA)."
        ));
        assert!(is_caption("_Source:_ Congressional Budget Office, 2025."));
        assert!(!is_caption(
            "**Sources** of revenue for the trust fund have not kept pace with spending."
        ));
    }

    #[test]
    fn prose_that_mentions_an_agency_or_a_photo_stays() {
        for line in [
            "Reuters reported that the talks had collapsed late on Monday.",
            "The ministry told Reuters and AFP that it would appeal the ruling.",
            "TOKYO (Kyodo) -- The government approved a record defence budget on Friday.",
            "A photo of the two leaders shaking hands was published on Tuesday.",
            "Photographers were kept away from the meeting by police.",
            "Reuters Institute Digital News Report",
        ] {
            assert!(!is_junk(&among_prose(line), line), "{line}");
        }
    }

    #[test]
    fn bylines_and_datelines_are_boilerplate() {
        for line in [
            "By Jane Doe",
            "By JANE DOE",
            "By Jane Doe and John Roe | Reuters",
            "By Jane Doe, Staff Writer",
            "Published 3 March 2024, 10:32 GMT",
            "Updated: March 3, 2024",
            "BRUSSELS, March 3 (Reuters)",
        ] {
            let text = format!(
                "A Headline About The Budget\n\n{line}\n\n{}",
                among_prose("More text follows here, as usual.")
            );
            assert!(is_junk(&text, line), "{line}");
        }
    }

    #[test]
    fn sentences_opening_with_by_stay_prose() {
        for line in [
            "By 2030, the alliance expects to spend two percent of its output on defence.",
            "By pairing deterrence with dialogue, allies hope to avoid escalation.",
            "By Monday the talks had collapsed.",
            "By March, Parliament will have voted on the bill.",
        ] {
            let text = format!(
                "A Headline About The Budget\n\n{line}\n\n{}",
                among_prose("More text.")
            );
            assert!(!is_junk(&text, line), "{line}");
        }
    }

    #[test]
    fn comment_notices_are_boilerplate_but_reported_comments_are_not() {
        let notice = "With your current subscription plan you can comment on stories. Before writing your first comment, please create a display name in your account page.";
        assert!(is_junk(&among_prose(notice), notice));
        let prose =
            "The minister declined to comment on the account of the meeting given by his deputy.";
        assert!(!is_junk(&among_prose(prose), prose));
    }

    #[test]
    fn newsletter_prompts_are_boilerplate_but_newsletters_in_prose_are_not() {
        for line in [
            "Sign up for our weekly newsletter on European defence.",
            "Get the morning briefing delivered to your inbox.",
            "Subscribe to our newsletter",
        ] {
            assert!(is_junk(&among_prose(line), line), "{line}");
        }
        for line in [
            "Subscribers to the state pension scheme will pay 2% more next year.",
            "The party's newsletter accused the minister of misleading voters.",
            "The government will sign up to the treaty next month, our correspondent says.",
        ] {
            assert!(!is_junk(&among_prose(line), line), "{line}");
        }
    }

    #[test]
    fn contents_lists_are_boilerplate_and_the_sections_they_name_are_not() {
        let text = "A Report On Ports\n\nThe ports of the region handle more freight every year.\n\nTable of Contents\n- Ports and trade\n- Railways\n\nPorts and trade\n\nPorts handle most bulk goods in the region today.\n\nRailways\n\nRailways carry containers inland from the coast.";
        let blocks = junk(text);
        let flagged: Vec<&str> = blocks
            .iter()
            .filter(|(_, j)| *j)
            .map(|(s, _)| s.as_str())
            .collect();
        assert_eq!(
            flagged,
            ["Table of Contents", "Ports and trade", "Railways"]
        );
        let seg = segment(text, 0);
        assert!(
            seg.blocks
                .iter()
                .filter(|b| b.is_heading() && !b.boilerplate)
                .count()
                >= 2
        );
    }

    #[test]
    fn link_lists_reading_lists_and_faq_stubs_are_boilerplate() {
        for line in [
            "Read more: Ministers fail to agree on the budget",
            "Related: The port that changed a region",
            "https://example.org/news/1 https://example.org/news/2",
            "More at https://example.org/report",
            "[Citation](https://example.org#citation)[Subscribe](https://example.org/alerts)[Share/Save](https://example.org#share) > [Reports](https://example.org/r) > R123",
            "[Download PDF (598KB)](https://example.org/r.pdf)   | [Version History](https://example.org#)",
            "Standard Deductions and Tax Rates, 2017](https://example.org#_Toc22767)",
        ] {
            assert!(is_junk(&among_prose(line), line), "{line}");
        }
        for prose in [
            "The full report is published at https://example.org/report and runs to 300 pages of tables and maps.",
            "For the election procedures and data since 1913, see the report [Speakers of the House](https://example.org/r) by its author.",
        ] {
            assert!(!is_junk(&among_prose(prose), prose), "{prose}");
        }

        let text = "A Report On Ports\n\nPorts handle most bulk goods in the region today.\n\nFurther Reading\n- A History of Ports — Jane Doe (2001)\n\nFrequently Asked Questions\n\nThe office coordinates standards between the partners.\n\nWhat does this mean for trade?";
        let blocks = junk(text);
        assert_eq!(
            blocks.iter().map(|(_, j)| *j).collect::<Vec<_>>(),
            [false, false, true, true, true, true, true],
            "{blocks:?}"
        );
    }

    #[test]
    fn disclaimers_reference_lists_and_document_metadata_are_boilerplate() {
        let text = "Ports and Trade\n\n**Product Type:** Reports\n**Report No.:** R123\n**Publication Date:** 04/10/2026\n\nPorts handle most bulk goods in the region today.\n\nFootnotes\n\nSee the 2024 port statistics, table 4.\n\nDisclaimer:\n\nThis document was prepared by the research service and should not be relied upon for any other purpose.";
        let blocks = junk(text);
        assert_eq!(
            blocks.iter().map(|(_, j)| *j).collect::<Vec<_>>(),
            [false, true, true, true, false, true, true, true, true],
            "{blocks:?}"
        );
        // A paragraph with a colon in each line is not metadata.
        let prose = "Ministers agreed on three points: the budget, the timetable and the review of the port authority.\nOfficials said: the review starts in June and reports to parliament before the end of the year.";
        assert!(!is_metadata(prose));
    }

    #[test]
    fn numbered_figure_and_table_titles_are_captions() {
        for line in [
            "Figure 2. Share of Foreign-Held Treasury Securities (2002-2025)",
            "| Table 1. Tax Brackets and Rates, 2026",
            "Fig. 3: Port volumes by month",
            "**Table A-1.** Counties by poverty rate",
        ] {
            let seg = segment(line, 0);
            assert_eq!(seg.blocks[0].kind, BlockKind::Caption, "{line}");
        }
        for line in [
            "Figure skating drew the largest audience of the games.",
            "Table 1 shows that poverty fell in most counties.",
        ] {
            let seg = segment(line, 0);
            assert_ne!(seg.blocks[0].kind, BlockKind::Caption, "{line}");
        }
        assert!(opens_with_figure(
            "Table 1 shows that poverty fell in most counties."
        ));
        assert!(opens_with_figure(
            "[Figure 3](https://example.org#f3) provides data on the breakdown."
        ));
        assert!(!opens_with_figure(
            "Figure skating drew the largest audience."
        ));
        assert!(!opens_with_figure("The table shows 3 counties."));
    }

    #[test]
    fn a_paragraph_printed_twice_is_boilerplate_the_second_time() {
        let repeated = "The treaty commits every member to defend the others if attacked.";
        let text = among_prose(repeated).replace("Markets barely moved on the news.", repeated);
        let seg = segment(&text, 0);
        let copies: Vec<bool> = seg
            .blocks
            .iter()
            .filter(|b| b.content.of(&text) == repeated)
            .map(|b| b.boilerplate)
            .collect();
        assert_eq!(copies, [false, true]);

        let caption = "Delegates arrive for the summit in Vilnius on Monday";
        let text = format!("{caption}\n\n{}\n\n{caption}", among_prose("Nothing else."));
        let seg = segment(&text, 0);
        assert!(seg
            .blocks
            .iter()
            .filter(|b| b.content.of(&text) == caption)
            .all(|b| b.boilerplate));

        let short = "Yes, it will.";
        assert!(!is_junk(
            &among_prose(short).replace("Markets barely moved on the news.", short),
            short
        ));
    }
}
