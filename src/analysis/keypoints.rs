//! Key points: the few sentences or list items of an article that carry its
//! main points.
//!
//! What the author marked comes first: sentences under a "Key takeaways",
//! "Summary" or similar heading, or a bullet list that opens the article.
//! The rest is ranked by LexRank (PageRank over the cosine-similarity graph
//! of sentence TF-IDF vectors, weighted by the whole library), weighted by
//! position, by how well a sentence stands on its own and by how much
//! specific content it carries, and picked by maximal marginal relevance so
//! that no two points say the same thing.
//!
//! The points cover the article's parts: its headed sections, or, without
//! headings, its opening and its later half. Each part is owed a share of
//! the points in proportion to its length (a main headed section at least
//! one, when there are enough to go round), and a part still owed points
//! lifts its candidates. The opening sentence and the conclusion weigh
//! more (the first paragraph of a section headed "Conclusion", "Looking
//! ahead" and the like, or else the last paragraph), and so does the first
//! sentence of a paragraph.
//!
//! Sentences that lean on what came before weigh less: those opening with a
//! connective or pronoun ("But", "He", "To this end") or pointing at a
//! figure the pane does not show ("Figure 3 shows"), and those that start
//! inside a quotation, run on into a quotation that the next sentence
//! closes, or are mostly quoted. "This paper argues that" is no such
//! opening: it names the article, and a sentence that states the article's
//! claim, or flags the author's point ("To be clear"), weighs more. So do
//! sentences with more to say: those without a name, number or other
//! specific word weigh less, as do punchlines with few content words and
//! throat-clearing ("It is important to note"). Questions and exclamations
//! are never points, nor is a list item that is only a label and a fragment
//! ("Prepared responses: graduated measures ...").

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use super::model::KeyPoint;
use super::pipeline::{term_counts, PassageTopics, Weights};
use super::sections::{heading_key, sections, Section};
use super::terms::Passage;
use super::vecmath::{dot, SparseVec};
use super::words;
use crate::corpus::Article;
use crate::text::segment::{
    count_words, is_caption, looks_like_heading, opens_with_figure, split_links, BlockKind,
};
use crate::text::Span;

const MIN_WORDS: usize = 6;
const RELAXED_MIN_WORDS: usize = 3;
/// Longer articles are ranked among this many sentences picked by a
/// cheaper score, to bound the similarity graph.
const MAX_GRAPH: usize = 300;
const MIN_EDGE: f32 = 0.05;
const DAMPING: f32 = 0.85;
const ITERATIONS: usize = 40;
/// For the article's first sentence; the rest of its first paragraph gets
/// half.
const LEAD_BONUS: f32 = 0.7;
const PARAGRAPH_FIRST_BONUS: f32 = 0.3;
/// For the sentences of the concluding paragraph.
const CONCLUSION_BONUS: f32 = 0.5;
/// MMR bonus for a candidate whose part is still owed a whole point and
/// has none yet.
const COVERAGE: f32 = 0.15;
/// A headed section with at least this share of the article's words is a
/// main section: it is owed a point when there are enough to go round.
const MAIN_SECTION_SHARE: f32 = 0.05;
/// Relevance factor for a sentence without a name, number or rare word.
const VAGUE_FACTOR: f32 = 0.55;
/// Relevance factor for throat-clearing.
const FILLER_FACTOR: f32 = 0.5;
/// A sentence with fewer distinct content words and topics than this
/// carries less: its relevance grows with the logarithm of their number up
/// to here.
const FULL_TERMS: f32 = 10.0;
/// A sentence with more distinct content words and topics than this
/// carries more of the article in one point, and weighs more. Length
/// costs nothing: the pane shortens a long point, and its jump shows the
/// whole sentence.
const RICH_TERMS: f32 = 14.0;
/// Relevance factor for a list item against a sentence of prose.
const LIST_ITEM_FACTOR: f32 = 0.8;
/// Relevance factor for a sentence that opens with a connective or pronoun.
const DEPENDENT_FACTOR: f32 = 0.35;
/// Relevance factor for a sentence that points back inside ("that view").
const REFERS_BACK_FACTOR: f32 = 0.6;
/// Relevance factor for a sentence that starts inside a quotation or is
/// mostly quoted.
const QUOTED_FACTOR: f32 = 0.3;
/// A sentence with more than this share of its words quoted is mostly a
/// quotation.
const MAX_QUOTED_SHARE: f32 = 0.6;

/// Relevance factor for a sentence that states the article's claim.
const CUE_FACTOR: f32 = 1.3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Thesis {
    /// "This commentary argues that ...", "We show ..."
    Claim,
    /// "This article examines ..."
    Purpose,
}

/// Whether `sentence` says what the article itself argues or does.
fn thesis(sentence: &SentenceWords) -> Option<Thesis> {
    let first = sentence.plain.first()?;
    if !["i", "we", "this", "the", "our", "my"]
        .iter()
        .any(|w| first.eq_ignore_ascii_case(w))
    {
        return None;
    }
    let words = sentence.lower_opening(6);
    let verb_at = match words.first().map(String::as_str) {
        Some("i" | "we") => 1,
        Some("this" | "the" | "our" | "my") => {
            words
                .iter()
                .skip(1)
                .take(3)
                .position(|w| words::document_words().contains(&w.as_str()))?
                + 2
        }
        _ => return None,
    };
    let verb = words.get(verb_at)?.as_str();
    if words::claim_verbs().contains(&verb) {
        Some(Thesis::Claim)
    } else if words::purpose_verbs().contains(&verb) && verb_at > 1 {
        Some(Thesis::Purpose)
    } else {
        None
    }
}

/// MMR balance between relevance and novelty.
const LAMBDA: f32 = 0.7;
/// Candidates this similar to a point already picked are left out.
const MAX_OVERLAP: f32 = 0.5;

/// Whether a heading opens the article's conclusion: "Conclusion",
/// "Conclusion & Way Forward", "Looking ahead".
fn is_conclusion_heading(s: &str) -> bool {
    let key = heading_key(s);
    words::conclusion_headings().iter().any(|h| {
        key.strip_prefix(h)
            .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
    })
}

/// `span` without a heading line glued to its start; with `title_cased`,
/// only a heading set in title case.
fn without_glued_heading(text: &str, span: Span, title_cased: bool) -> Span {
    let s = span.of(text);
    let Some(nl) = s.find('\n') else { return span };
    let first = s[..nl].trim();
    let words = first.split_whitespace().count();
    let ends_open = !first.ends_with(['.', '!', '?', ';', ':', ',', '"', '”', ')']);
    if words <= 12
        && ends_open
        && first.chars().next().is_some_and(char::is_uppercase)
        && (!title_cased || title_case(first))
    {
        Span::new(span.start + nl, span.end).trim(text)
    } else {
        span
    }
}

/// Whether `sentence` opens with one of the dependent openings
/// ([`words::dependent_openings`]).
fn opens_dependent(sentence: &SentenceWords) -> bool {
    static FIRST: OnceLock<HashSet<&str>> = OnceLock::new();
    let first = FIRST.get_or_init(|| {
        words::dependent_openings()
            .iter()
            .filter_map(|o| o.split(' ').next())
            .collect()
    });
    let opening = sentence.plain.first().map(|w| w.to_lowercase());
    if !opening.is_some_and(|w| first.contains(w.as_str())) {
        return false;
    }
    let words = sentence.lower_opening(4);
    words::dependent_openings().iter().any(|opening| {
        let mut got = words.iter();
        opening
            .split(' ')
            .all(|o| got.next().is_some_and(|w| w == o))
    })
}

/// Whether `s` starts with one of `phrases`, as whole words and ignoring
/// case.
fn opens_with(s: &str, phrases: &[&str]) -> bool {
    let s = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    // No phrase is longer than this.
    let mut cut = s.len().min(40);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    let lower = s[..cut].to_lowercase();
    phrases
        .iter()
        .any(|p| lower.starts_with(p) && !lower[p.len()..].starts_with(char::is_alphanumeric))
}

/// A sentence's words, split at whitespace, each also without the
/// punctuation around it: read once for all the checks that go word by
/// word.
struct SentenceWords<'a> {
    raw: Vec<&'a str>,
    /// Empty where a word is all punctuation ("—").
    plain: Vec<&'a str>,
}

impl<'a> SentenceWords<'a> {
    fn of(s: &'a str) -> SentenceWords<'a> {
        let raw: Vec<&str> = s.split_whitespace().collect();
        let plain = raw
            .iter()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .collect();
        SentenceWords { raw, plain }
    }

    /// The first `n` words, without punctuation, in lower case.
    fn lower_opening(&self, n: usize) -> Vec<String> {
        self.plain
            .iter()
            .take(n)
            .map(|w| w.to_lowercase())
            .collect()
    }

    /// How many words hold a letter or digit, as [`count_words`] counts.
    fn count(&self) -> usize {
        self.plain.iter().filter(|w| !w.is_empty()).count()
    }
}

/// Whether a clause of `s` (its start, or a start after a comma) opens
/// with one of `phrases`, as whole words, ignoring case and adverbs in
/// "-ly" inside the phrase: "As the world gets smaller, it is critically
/// important to ..." announces as much as "It is important to ...".
fn clause_opens_with(s: &SentenceWords, phrases: &[&str]) -> bool {
    let mut words: Vec<(&str, bool)> = Vec::with_capacity(s.raw.len());
    let mut clause_start = true;
    for (raw, &w) in s.raw.iter().zip(&s.plain) {
        if !w.is_empty() {
            words.push((w, clause_start));
        }
        clause_start = raw.ends_with([',', ';', ':']);
    }
    // `want` is lower case, with a plain apostrophe.
    let is = |word: &str, want: &str| {
        let mut got =
            word.chars()
                .flat_map(char::to_lowercase)
                .map(|c| if c == '’' { '\'' } else { c });
        want.chars().all(|c| got.next() == Some(c)) && got.next().is_none()
    };
    let matches_at = |at: usize, phrase: &str| {
        let mut i = at;
        for (k, want) in phrase.split(' ').enumerate() {
            while k > 0 && i < words.len() && !is(words[i].0, want) && words[i].0.ends_with("ly") {
                i += 1;
            }
            if words.get(i).is_none_or(|(w, _)| !is(w, want)) {
                return false;
            }
            i += 1;
        }
        true
    };
    (0..words.len())
        .filter(|&i| words[i].1)
        .any(|i| phrases.iter().any(|p| matches_at(i, p)))
}

/// How many words of `s`, up to `most`, name or count something:
/// capitalised words past the first, acronyms, and words with digits.
fn specific_words(s: &SentenceWords, most: usize) -> usize {
    s.plain
        .iter()
        .enumerate()
        .filter(|&(i, &w)| {
            (i > 0 && w != "I" && w.starts_with(char::is_uppercase))
                || w.bytes().any(|c| c.is_ascii_digit())
                || w.chars().filter(|c| c.is_uppercase()).nth(1).is_some()
        })
        .take(most)
        .count()
}

/// Whether `sentence` refers back past its start: "that view", "those
/// assets", "such support", "proof of that" (but not "this year" or "such
/// as").
fn refers_back(sentence: &SentenceWords) -> bool {
    let mut words = sentence.plain.iter().copied();
    let is = |w: &str, any: &[&str]| any.iter().any(|a| w.eq_ignore_ascii_case(a));
    let (Some(mut before), Some(mut word)) = (words.next(), words.next()) else {
        return false;
    };
    loop {
        let next = words.next();
        let after = next.unwrap_or("");
        let pointing = if is(word, &["this", "these", "those"]) {
            true
        } else if is(word, &["such"]) {
            !is(after, &["as"])
        } else if is(word, &["that"]) {
            is(before, words::pointing_after())
        } else {
            false
        };
        // "proof of that." ends the sentence on what came before.
        if pointing && (next.is_none() || !is(after, words::time_words())) {
            return true;
        }
        let Some(next) = next else {
            return false;
        };
        (before, word) = (word, next);
    }
}

/// "Prepared responses: graduated measures from ...": a list item that is
/// a short label and a phrase, which means little out of its list.
fn is_label_fragment(s: &str) -> bool {
    let Some(colon) = s.find(':') else {
        return false;
    };
    let (label, rest) = (&s[..colon], &s[colon + 1..]);
    label.split_whitespace().count() <= 5
        && !rest.split_whitespace().any(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            words::auxiliaries().contains(&w.as_str())
        })
}

/// Updates `inside` for the double quotation marks in `s`: curly ones say
/// which way they go, straight ones toggle.
fn track_quotes(s: &str, inside: &mut bool) {
    // Each mark is '"' or starts with the byte 0xC2 or 0xE2, which start a
    // character wherever they occur.
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(k) = bytes[from..]
        .iter()
        .position(|&b| matches!(b, b'"' | 0xC2 | 0xE2))
    {
        let Some(c) = s[from + k..].chars().next() else {
            break;
        };
        match c {
            '“' | '«' | '„' => *inside = true,
            '”' | '»' => *inside = false,
            '"' => *inside = !*inside,
            _ => {}
        }
        from += k + c.len_utf8();
    }
}

/// Whether a block is inside a quotation at each point, read once from
/// its start however many sentences are asked about.
struct Quotes {
    pos: usize,
    inside: bool,
}

impl Quotes {
    fn new(block_start: usize) -> Quotes {
        Quotes {
            pos: block_start,
            inside: false,
        }
    }

    /// Whether `at` is inside a quotation. Points are asked in order.
    fn inside_at(&mut self, text: &str, at: usize) -> bool {
        if at > self.pos {
            track_quotes(&text[self.pos..at], &mut self.inside);
            self.pos = at;
        }
        self.inside
    }
}

/// Whether the sentence `span` starts inside a quotation, the share of its
/// words that are quoted, and whether it ends inside one: a quotation that
/// goes on into the next sentence.
fn quotation(text: &str, quotes: &mut Quotes, span: Span) -> (bool, f32, bool) {
    let mut inside = quotes.inside_at(text, span.start);
    let starts_inside = inside;
    let (mut words, mut quoted) = (0usize, 0usize);
    for w in span.of(text).split_whitespace() {
        let opens = w.starts_with(['“', '«', '„']) || (!inside && w.starts_with('"'));
        if inside || opens {
            quoted += 1;
        }
        words += 1;
        track_quotes(w, &mut inside);
    }
    (starts_inside, quoted as f32 / words.max(1) as f32, inside)
}

struct Candidate {
    sentence: usize,
    block: usize,
    span: Span,
    author: bool,
    vec: SparseVec,
    words: usize,
    /// The first candidate of its block.
    first_in_block: bool,
    /// In a section headed as the conclusion.
    concluding: bool,
    /// Relevance factor for leaning on context, 1.0 when it stands alone.
    standalone: f32,
    /// Relevance factor for specific content, 1.0 for a specific claim.
    informative: f32,
}

fn candidates(
    article: &Article,
    passages: &[Passage],
    weights: &Weights,
    topics: &HashMap<usize, PassageTopics>,
    min_words: usize,
) -> Vec<Candidate> {
    let text = &article.text;
    let section = sections(article);
    let headings: HashSet<String> = article
        .blocks
        .iter()
        .filter(|b| b.is_heading())
        .map(|b| heading_key(b.content.of(text)))
        .collect();
    let mut concluding = Vec::with_capacity(article.blocks.len());
    let mut in_conclusion = false;
    for b in &article.blocks {
        if b.is_heading() {
            in_conclusion = is_conclusion_heading(b.content.of(text));
        }
        concluding.push(in_conclusion);
    }
    // In Markdown a line break is often only a wrapped line: a glued
    // heading must also be set in title case.
    let markdown = article.format == crate::corpus::Format::Markdown;
    let mut out = Vec::new();
    for p in passages {
        if section[p.block] == Section::Skip || !article.blocks[p.block].is_prose() {
            continue;
        }
        let mut quotes = Quotes::new(article.blocks[p.block].content.start);
        // In reading order, so that each sentence looks only at its own.
        let block_topics = topics.get(&p.block).map_or(&[][..], Vec::as_slice);
        let mut first_in_block = true;
        for (si, range) in &p.sentences {
            let span = without_glued_heading(text, article.sentences[*si].span, markdown);
            let s = span.of(text);
            let sentence = SentenceWords::of(s);
            let words = sentence.count();
            let list_item = matches!(article.blocks[p.block].kind, BlockKind::ListItem { .. });
            let author = section[p.block] == Section::Author;
            if words < min_words
                || s.trim_end_matches(['"', '”', '’', ')'])
                    .ends_with(['?', '!'])
                || introduces_list(s)
                || is_fragment_of_layout(s, list_item)
                || (!headings.is_empty() && headings.contains(&heading_key(s)))
                || (list_item && !author && is_label_fragment(s))
            {
                continue;
            }
            let from = block_topics.partition_point(|(_, ts)| ts.start < span.start);
            let topics_in = block_topics[from..]
                .iter()
                .take_while(|(_, ts)| ts.start < span.end)
                .filter(|(_, ts)| ts.end <= span.end)
                .map(|&(topic, _)| topic);
            let counts = term_counts(&p.tokens[range.clone()], topics_in, weights.words);
            let (starts_inside, quoted, ends_inside) = quotation(text, &mut quotes, span);
            let mut standalone = 1.0;
            let thesis = thesis(&sentence);
            if thesis.is_some() {
                // "This paper" is the article itself, not the sentence before.
            } else if opens_dependent(&sentence) {
                standalone *= DEPENDENT_FACTOR;
            } else if refers_back(&sentence) || opens_with_figure(s) {
                standalone *= REFERS_BACK_FACTOR;
            }
            if starts_inside || ends_inside || quoted > MAX_QUOTED_SHARE {
                standalone *= QUOTED_FACTOR;
            }
            if list_item {
                standalone *= LIST_ITEM_FACTOR;
            }
            let mut informative =
                VAGUE_FACTOR + (1.0 - VAGUE_FACTOR) * specific_words(&sentence, 2) as f32 / 2.0;
            if clause_opens_with(&sentence, words::filler_openings()) {
                informative *= FILLER_FACTOR;
            }
            if thesis == Some(Thesis::Claim) || opens_with(s, words::emphatic_openings()) {
                informative *= CUE_FACTOR;
            }
            informative *= content_factor(counts.len());
            out.push(Candidate {
                sentence: *si,
                block: p.block,
                span,
                author,
                vec: weights.vector(&counts),
                words,
                first_in_block,
                concluding: concluding[p.block],
                standalone,
                informative,
            });
            first_in_block = false;
        }
    }
    out
}

/// A sentence that is a piece of the page's layout rather than a
/// statement: a table row or box title the converter left as text ("|
/// Figure 3. ...", on any of its lines), a source line, figure title or
/// aside in parentheses, a title set in title case with no closing
/// punctuation (list items are exempt), or a reference whose words are
/// mostly a link's title ("[Title](...), by ...").
fn is_fragment_of_layout(s: &str, list_item: bool) -> bool {
    let t = s.trim();
    if t.lines().any(|l| l.trim_start().starts_with('|'))
        || is_caption(t)
        || (t.starts_with('(') && t.ends_with(')'))
        || (!list_item && looks_like_heading(t) && title_case(t))
    {
        return true;
    }
    if !t.contains("](") {
        return false;
    }
    let (outside, titles) = split_links(t);
    let linked: usize = titles.iter().map(|title| count_words(title)).sum();
    linked > count_words(&outside)
}

/// Whether most words of four letters or more start with a capital.
fn title_case(s: &str) -> bool {
    let (mut long, mut capital) = (0, 0);
    for w in s.split_whitespace() {
        let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        if w.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            long += 1;
            capital += usize::from(w.starts_with(char::is_uppercase));
        }
    }
    long > 0 && capital * 3 >= long * 2
}

/// How much a sentence's count of distinct content words and topics says
/// it carries: a punchline says less, and a sentence rich in them says
/// more, growing with the square root of the count.
fn content_factor(terms: usize) -> f32 {
    let terms = terms as f32;
    if terms < FULL_TERMS {
        (1.0 + terms).ln() / (1.0 + FULL_TERMS).ln()
    } else {
        (terms.max(RICH_TERMS) / RICH_TERMS).sqrt()
    }
}

/// Words that end a sentence leading into a list that completes it:
/// "... for certain purposes, including".
const LIST_LEAD_INS: [&str; 6] = ["including", "include", "includes", "following", "as", "are"];

/// A sentence that only leads into a list ("... as follows:", "...
/// purposes, including") says nothing until the list: it is no point.
fn introduces_list(s: &str) -> bool {
    let t = s.trim_end();
    if t.ends_with([':', '—', '–']) {
        return true;
    }
    let ended = t.ends_with(|c: char| !c.is_alphanumeric());
    let last = t
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    !ended && LIST_LEAD_INS.contains(&last.as_str())
}

/// LexRank scores of `vecs`, computed over the pairs that share a term.
pub(crate) fn lexrank(vecs: &[SparseVec]) -> Vec<f32> {
    let n = vecs.len();
    if n == 0 {
        return Vec::new();
    }
    let mut postings: HashMap<u32, Vec<(usize, f32)>> = HashMap::default();
    for (i, v) in vecs.iter().enumerate() {
        for &(t, w) in v {
            postings.entry(t).or_default().push((i, w));
        }
    }
    let mut edges: Vec<Vec<(usize, f32)>> = vec![Vec::new(); n];
    let (mut acc, mut touched) = (vec![0.0f32; n], Vec::new());
    for (i, v) in vecs.iter().enumerate() {
        for &(t, w) in v {
            for &(j, x) in postings.get(&t).map_or(&[][..], Vec::as_slice) {
                if j != i {
                    if acc[j] == 0.0 {
                        touched.push(j);
                    }
                    acc[j] += w * x;
                }
            }
        }
        touched.sort_unstable();
        touched.dedup();
        edges[i] = touched
            .drain(..)
            .map(|j| (j, std::mem::take(&mut acc[j])))
            .filter(|&(_, s)| s >= MIN_EDGE)
            .collect();
    }
    let degree: Vec<f32> = edges
        .iter()
        .map(|e| e.iter().map(|&(_, s)| s).sum())
        .collect();
    let mut rank = vec![1.0 / n as f32; n];
    for _ in 0..ITERATIONS {
        let dangling: f32 = (0..n).filter(|&i| degree[i] == 0.0).map(|i| rank[i]).sum();
        let base = (1.0 - DAMPING) / n as f32 + DAMPING * dangling / n as f32;
        let mut next = vec![base; n];
        for (j, e) in edges.iter().enumerate() {
            if degree[j] > 0.0 {
                for &(i, s) in e {
                    next[i] += DAMPING * rank[j] * s / degree[j];
                }
            }
        }
        rank = next;
    }
    rank
}

/// The part of the article each candidate belongs to, and how many points
/// each part is owed.
struct Coverage {
    part: Vec<usize>,
    quota: Vec<f32>,
}

impl Coverage {
    /// Parts are the headed sections, or the halves of an article without
    /// headings; `want` points are shared among the candidates that are not
    /// the author's.
    fn new(article: &Article, cands: &[Candidate], want: usize) -> Coverage {
        let mut section_of_block = Vec::with_capacity(article.blocks.len());
        let mut section = 0usize;
        for b in &article.blocks {
            section += usize::from(b.is_heading());
            section_of_block.push(section);
        }
        let others = || cands.iter().filter(|c| !c.author);
        let total = others().map(|c| c.words).sum::<usize>().max(1);
        let sections_seen = {
            let mut seen: Vec<usize> = others().map(|c| section_of_block[c.block]).collect();
            seen.dedup();
            seen
        };
        let headed = sections_seen.len() >= 2;
        let mut part = Vec::with_capacity(cands.len());
        let mut words = Vec::new();
        let mut before = 0usize;
        for c in cands {
            if c.author {
                part.push(usize::MAX);
                continue;
            }
            let p = if headed {
                sections_seen
                    .iter()
                    .position(|&s| s == section_of_block[c.block])
                    .unwrap_or(0)
            } else {
                // A sentence belongs to the half its middle is in.
                usize::from(2 * before + c.words >= total)
            };
            before += c.words;
            if words.len() <= p {
                words.resize(p + 1, 0usize);
            }
            words[p] += c.words;
            part.push(p);
        }
        let main = |w: usize| headed && w as f32 >= MAIN_SECTION_SHARE * total as f32;
        let mains = words.iter().filter(|&&w| main(w)).count().max(1);
        // Each main section is owed an equal share of the points, up to one.
        let floor = (want as f32 / mains as f32).min(1.0);
        let quota = words
            .iter()
            .map(|&w| {
                let share = w as f32 / total as f32;
                (want as f32 * share).max(if main(w) { floor } else { 0.0 })
            })
            .collect();
        Coverage { part, quota }
    }

    /// How many of `selected` each part holds.
    fn picked(&self, selected: &[usize]) -> Vec<usize> {
        let mut picked = vec![0; self.quota.len()];
        for &j in selected {
            if let Some(n) = picked.get_mut(self.part[j]) {
                *n += 1;
            }
        }
        picked
    }

    /// The MMR bonus of candidate `i`, given how many points each part
    /// already has.
    fn bonus(&self, i: usize, picked: &[usize]) -> f32 {
        let p = self.part[i];
        let (Some(&quota), Some(&picked)) = (self.quota.get(p), picked.get(p)) else {
            return 0.0;
        };
        // A part's first point counts most.
        COVERAGE * (quota - picked as f32).clamp(0.0, 1.0) / (1 + picked) as f32
    }
}

/// Picks up to `want` of `pool` by maximal marginal relevance, after the
/// already `selected`, lifting the parts of the article still owed points.
/// Near-duplicates of a pick are left out unless too few remain.
fn mmr(
    pool: &[usize],
    relevance: &[f32],
    vecs: &[&SparseVec],
    coverage: Option<&Coverage>,
    selected: &mut Vec<usize>,
    want: usize,
) {
    let top = pool
        .iter()
        .map(|&i| relevance[i])
        .fold(0.0f32, f32::max)
        .max(f32::MIN_POSITIVE);
    let start = selected.len();
    // Each candidate's largest overlap with a pick so far, kept up to date
    // as picks are added rather than worked out again each round.
    let mut overlaps: Vec<f32> = pool
        .iter()
        .map(|&i| {
            selected
                .iter()
                .map(|&j| dot(vecs[i], vecs[j]))
                .fold(0.0f32, f32::max)
        })
        .collect();
    for strict in [true, false] {
        let mut rejected: HashSet<usize> = HashSet::default();
        let goal = if strict { want } else { want.min(3) };
        while selected.len() - start < goal {
            let mut best: Option<(usize, f32)> = None;
            let picked = coverage.map(|c| c.picked(selected));
            for (k, &i) in pool.iter().enumerate() {
                if selected.contains(&i) || rejected.contains(&i) {
                    continue;
                }
                let overlap = overlaps[k];
                if strict && overlap > MAX_OVERLAP {
                    rejected.insert(i);
                    continue;
                }
                let score = LAMBDA * relevance[i] / top - (1.0 - LAMBDA) * overlap
                    + coverage
                        .zip(picked.as_deref())
                        .map_or(0.0, |(c, p)| c.bonus(i, p));
                if best.is_none_or(|(_, b)| score > b) {
                    best = Some((i, score));
                }
            }
            match best {
                Some((i, _)) => {
                    for (overlap, &k) in overlaps.iter_mut().zip(pool) {
                        *overlap = overlap.max(dot(vecs[k], vecs[i]));
                    }
                    selected.push(i);
                }
                None => break,
            }
        }
    }
}

/// How much each candidate's position says it carries a claim: the
/// article's opening sentence, the first sentence of a paragraph and the
/// conclusion weigh more. The conclusion is the first paragraph of a
/// section headed as one ("Conclusion", "Looking ahead"), or else the
/// last paragraph.
fn position_prior(cands: &[Candidate]) -> Vec<f32> {
    let first_block = cands.iter().find(|c| !c.author).map(|c| c.block);
    // A headed conclusion's first paragraph states it.
    let conclusion_block = cands
        .iter()
        .find(|c| c.concluding && !c.author)
        .or_else(|| cands.iter().rev().find(|c| !c.author))
        .map(|c| c.block);
    cands
        .iter()
        .map(|c| {
            let mut prior = 1.0;
            if c.author {
                return prior;
            }
            if Some(c.block) == first_block {
                prior += if c.first_in_block {
                    LEAD_BONUS
                } else {
                    LEAD_BONUS / 2.0
                };
            }
            if c.first_in_block {
                prior += PARAGRAPH_FIRST_BONUS;
            }
            if Some(c.block) == conclusion_block && conclusion_block != first_block {
                prior += CONCLUSION_BONUS;
            }
            prior
        })
        .collect()
}

/// The article's key points in reading order.
pub(crate) fn select(
    article: &Article,
    passages: &[Passage],
    weights: &Weights,
    topics: &HashMap<usize, PassageTopics>,
    wanted: usize,
) -> Vec<KeyPoint> {
    let want = wanted.clamp(3, 7);
    let mut cands = candidates(article, passages, weights, topics, MIN_WORDS);
    if cands.len() < 3 {
        cands = candidates(article, passages, weights, topics, RELAXED_MIN_WORDS);
    }
    if cands.len() > MAX_GRAPH {
        // The cheaper score: how much weighted vocabulary a sentence holds.
        let cheap = |c: &Candidate| {
            c.vec
                .iter()
                .map(|&(t, _)| weights.idf[t as usize])
                .sum::<f32>()
                / (c.vec.len() as f32 + 1.0).sqrt()
        };
        let scores: Vec<f32> = cands.iter().map(cheap).collect();
        let mut order: Vec<usize> = (0..cands.len()).collect();
        order.sort_by(|&a, &b| {
            cands[b]
                .author
                .cmp(&cands[a].author)
                .then_with(|| scores[b].total_cmp(&scores[a]))
        });
        let keep: HashSet<usize> = order.into_iter().take(MAX_GRAPH).collect();
        let mut i = 0;
        cands.retain(|_| {
            i += 1;
            keep.contains(&(i - 1))
        });
    }
    let vecs: Vec<SparseVec> = cands.iter().map(|c| c.vec.clone()).collect();
    let rank = lexrank(&vecs);
    let prior = position_prior(&cands);
    let n = cands.len() as f32;
    let relevance: Vec<f32> = rank
        .iter()
        .zip(&cands)
        .zip(&prior)
        // The square root keeps centrality from drowning out position and
        // standing alone, which say more about a claim in a short article.
        .map(|((r, c), p)| (r * n).sqrt() * p * c.standalone * c.informative)
        .collect();
    let refs: Vec<&SparseVec> = vecs.iter().collect();
    let authors: Vec<usize> = (0..cands.len()).filter(|&i| cands[i].author).collect();
    let others: Vec<usize> = (0..cands.len()).filter(|&i| !cands[i].author).collect();
    let mut selected = Vec::new();
    if authors.len() >= want {
        mmr(&authors, &relevance, &refs, None, &mut selected, want);
    } else {
        selected.extend(&authors);
        let rest = want - authors.len();
        let coverage = Coverage::new(article, &cands, rest);
        mmr(
            &others,
            &relevance,
            &refs,
            Some(&coverage),
            &mut selected,
            rest,
        );
    }
    selected.sort_unstable();
    selected
        .into_iter()
        .map(|i| KeyPoint {
            sentence: cands[i].sentence,
            block: cands[i].block,
            span: cands[i].span,
            from_author: cands[i].author,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sections::classify_heading;
    use crate::analysis::{Analysis, Settings};
    use std::path::PathBuf;

    fn article(text: &str) -> Article {
        Article::new(0, PathBuf::from("a.txt"), "a.txt".into(), text.to_string()).0
    }

    #[test]
    fn headings_are_classified_with_emoji_and_caps() {
        assert_eq!(classify_heading("⚡ KEY TAKEAWAYS"), Section::Author);
        assert_eq!(classify_heading("Executive Summary:"), Section::Author);
        assert_eq!(classify_heading("📚 FURTHER READING"), Section::Skip);
        assert_eq!(
            classify_heading("📚 HOW TO USE THIS IN YOUR EXAM"),
            Section::Skip
        );
        assert_eq!(
            classify_heading("Core Analysis: The Mechanisms"),
            Section::Normal
        );
    }

    #[test]
    fn glued_headings_are_cut_off() {
        let whole = |text: &str| Span::new(0, text.len());
        let text = "Relations with Russia\nRussia closed the two offices in Moscow last year.";
        let span = without_glued_heading(text, whole(text), false);
        assert_eq!(
            span.of(text),
            "Russia closed the two offices in Moscow last year."
        );
        let text = "A sentence that ends.\nAnother one.";
        assert_eq!(without_glued_heading(text, whole(text), false), whole(text));
        // Markdown wraps lines: only a title-cased line is a heading.
        let text = "Estimated Effect of Spending Levels on the Backlog\nSpending fell in 2025.";
        let span = without_glued_heading(text, whole(text), true);
        assert_eq!(span.of(text), "Spending fell in 2025.");
        let text = "The ports of the region handle more\nfreight every year than ever.";
        assert_eq!(without_glued_heading(text, whole(text), true), whole(text));
    }

    #[test]
    fn pieces_of_layout_are_no_points() {
        for s in [
            "| Figure 3. Estimated Effect of Spending Levels",
            "Sources: Department of Transportation, Status of the Nation's Highways, 2024.",
            "Notes: FY2024 totals include actual transactions and balances.",
            "(P.L. 119-37, Division C, Title II, §733)",
            "Percentage Compliance of Audits During FY2020 and FY2023, per Species Group",
            "CRS Report R48762, [Data Center Energy Infrastructure: Federal Permit Requirements](https://example.org/R48762), by Jane Doe.",
        ] {
            assert!(is_fragment_of_layout(s, false), "{s}");
        }
        for s in [
            "The ports of the region handle more freight every year.",
            "Congress passed the [Highway Act](https://example.org/act) in 2021 to fund repairs of bridges.",
            "Prepared responses for every member state",
            "NATO opened its first office in Asia in 2026 (in Tokyo).",
        ] {
            assert!(!is_fragment_of_layout(s, true), "{s}");
        }
        assert!(!is_fragment_of_layout(
            "Ministers agreed the budget on Tuesday",
            false
        ));
    }

    #[test]
    fn sentences_rich_in_content_weigh_more_and_punchlines_less() {
        assert!(content_factor(3) < content_factor(9));
        assert!(content_factor(9) < content_factor(FULL_TERMS as usize));
        assert_eq!(content_factor(FULL_TERMS as usize), 1.0);
        assert_eq!(content_factor(RICH_TERMS as usize), 1.0);
        assert!(content_factor(RICH_TERMS as usize + 4) > 1.0);
        assert!((content_factor(4 * RICH_TERMS as usize) - 2.0).abs() < 1e-6);
    }

    #[test]
    fn lexrank_prefers_the_central_sentence() {
        let v = |terms: &[u32]| {
            let mut v: SparseVec = terms.iter().map(|&t| (t, 1.0)).collect();
            crate::analysis::vecmath::normalise(&mut v);
            v
        };
        let rank = lexrank(&[v(&[1, 2]), v(&[1, 2, 3, 4]), v(&[3, 4]), v(&[9])]);
        assert!(
            rank[1] > rank[0] && rank[1] > rank[2] && rank[0] > rank[3],
            "{rank:?}"
        );
    }

    #[test]
    fn mmr_skips_redundant_points() {
        let v = |terms: &[u32]| {
            let mut v: SparseVec = terms.iter().map(|&t| (t, 1.0)).collect();
            crate::analysis::vecmath::normalise(&mut v);
            v
        };
        let vecs = [v(&[1, 2, 3]), v(&[1, 2, 3]), v(&[7, 8]), v(&[4, 5])];
        let refs: Vec<&SparseVec> = vecs.iter().collect();
        let mut picked = Vec::new();
        mmr(
            &[0, 1, 2, 3],
            &[1.0, 0.99, 0.5, 0.4],
            &refs,
            None,
            &mut picked,
            3,
        );
        assert_eq!(picked, [0, 2, 3], "the duplicate of the best is skipped");
        let mut picked = Vec::new();
        mmr(&[0, 1], &[1.0, 0.99], &refs[..2], None, &mut picked, 2);
        assert_eq!(picked, [0, 1], "too few left: duplicates fill up to three");
    }

    fn points(text: &str) -> Vec<String> {
        let arts = vec![article(text)];
        let settings = Settings {
            key_points: 3,
            ..Settings::default()
        };
        let a = Analysis::compute(&arts, &settings);
        a.key_points(0)
            .iter()
            .map(|k| k.span.of(text).to_string())
            .collect()
    }

    /// An article whose one central claim is made twice: in `first`, in the
    /// middle of the second paragraph, and in `second`, later. The other
    /// sentences share no words.
    fn twice(first: &str, second: &str) -> String {
        format!(
            "Gardeners plant tulips along the river banks every spring.\n\n\
             Bakers sell fresh bread at the market square daily. {first} Farmers grow wheat on the northern hills.\n\n\
             Painters restore murals in the old chapel slowly. {second} Fishermen land cod at the harbour before dawn.\n\n\
             Choirs rehearse hymns in the cathedral on weekends."
        )
    }

    const CLAIM: &str = "Ports, railways and canals carry the freight of the whole region.";

    #[test]
    fn the_plain_claim_wins_when_both_stand_alone() {
        let text = twice(
            CLAIM,
            "Ports, railways and canals carry the freight of the whole region now.",
        );
        let kp = points(&text);
        assert!(kp.iter().any(|k| k == CLAIM), "{kp:?}");
    }

    #[test]
    fn sentences_opening_with_a_connective_or_pronoun_lose() {
        for opening in ["But", "Or", "He says", "To this end,", "Instead,", "Those"] {
            let dependent = format!(
                "{opening} ports, railways and canals carry the freight of the whole region."
            );
            let text = twice(&dependent, CLAIM);
            let kp = points(&text);
            assert!(kp.iter().any(|k| k == CLAIM), "{opening}: {kp:?}");
            assert!(!kp.contains(&dependent), "{opening}: {kp:?}");
        }
        let opens_dependent = |s: &str| opens_dependent(&SentenceWords::of(s));
        assert!(opens_dependent("That being said, it holds."));
        assert!(!opens_dependent("Thatcher said so."));
        assert!(!opens_dependent("Theirs is a port."));
    }

    #[test]
    fn quotations_lose_to_plain_statements() {
        let mostly =
            "Officials said “ports, railways and canals carry the freight of the whole region.”";
        let text = twice(mostly, CLAIM);
        let kp = points(&text);
        assert!(
            kp.iter().any(|k| k == CLAIM) && !kp.iter().any(|k| k == mostly),
            "{kp:?}"
        );

        // The claim's first telling starts inside a quotation opened by the
        // sentence before it.
        let text = twice(
            &format!("A minister wrote: “Trade is slow this season. {CLAIM}”"),
            CLAIM,
        );
        let second = text.rfind(CLAIM).unwrap_or_default();
        let arts = vec![article(&text)];
        let a = Analysis::compute(
            &arts,
            &Settings {
                key_points: 3,
                ..Settings::default()
            },
        );
        assert!(
            a.key_points(0).iter().any(|k| k.span.start == second),
            "the unquoted telling is chosen"
        );

        let text = "x “a b c. d e f” g.";
        let start = text.find("d e").unwrap_or_default();
        let (inside, share, _) = quotation(text, &mut Quotes::new(0), Span::new(start, text.len()));
        assert!(inside && share > MAX_QUOTED_SHARE, "{share}");
        let text = "He said \"a b\" and went home.";
        let (inside, share, ends) = quotation(text, &mut Quotes::new(0), Span::new(0, text.len()));
        assert!(!inside && !ends && share < MAX_QUOTED_SHARE, "{share}");
    }

    #[test]
    fn sentence_words_count_as_count_words_does() {
        for s in [
            "The EU cut 5% of duty — in Lyon… “quoted”",
            "  spaced\u{a0}out\u{b}words -- ... ",
            "",
        ] {
            assert_eq!(SentenceWords::of(s).count(), count_words(s), "{s:?}");
        }
    }

    #[test]
    fn quotation_marks_are_found_among_other_characters() {
        let mut inside = false;
        track_quotes("café — «oui» “so… ", &mut inside);
        assert!(inside);
        track_quotes("done” — ¡ok! ", &mut inside);
        assert!(!inside);
        track_quotes("he said \"yes", &mut inside);
        assert!(inside);
        track_quotes("\" and „then", &mut inside);
        assert!(inside);
    }

    #[test]
    fn quotes_read_once_agree_with_reading_from_the_block_start() {
        let text = "He said “we will stay. We will win.” Then \"they left. Quietly.\" Done. “Open. Still open.";
        let mut quotes = Quotes::new(0);
        let mut from_start = Vec::new();
        let mut once = Vec::new();
        for (at, _) in text.char_indices().filter(|&(_, c)| c == ' ') {
            let mut inside = false;
            track_quotes(&text[..at], &mut inside);
            from_start.push(inside);
            once.push(quotes.inside_at(text, at));
        }
        assert_eq!(once, from_start);
        assert!(once.contains(&true) && once.contains(&false));
    }

    #[test]
    fn paragraph_openings_and_conclusions_beat_earlier_middles() {
        // Without the position prior the earlier telling would win.
        let text = twice(CLAIM, "");
        let later = format!(
            "{}\n\n{CLAIM} Sailors mend nets on the quay.",
            text.trim_end()
        );
        let arts = vec![article(&later)];
        let a = Analysis::compute(
            &arts,
            &Settings {
                key_points: 3,
                ..Settings::default()
            },
        );
        let last = later.rfind(CLAIM).unwrap_or_default();
        assert!(
            a.key_points(0).iter().any(|k| k.span.start == last),
            "the concluding paragraph's opening is chosen"
        );

        let text = format!(
            "Gardeners plant tulips along the river banks every spring.\n\n\
             Bakers sell fresh bread at the market square daily. {CLAIM} Farmers grow wheat on the northern hills.\n\n\
             {CLAIM} Painters restore murals in the old chapel slowly.\n\n\
             Fishermen land cod at the harbour before dawn. Choirs rehearse hymns in the cathedral on weekends."
        );
        let arts = vec![article(&text)];
        let a = Analysis::compute(
            &arts,
            &Settings {
                key_points: 3,
                ..Settings::default()
            },
        );
        let opening = text.rfind(CLAIM).unwrap_or_default();
        assert!(
            a.key_points(0).iter().any(|k| k.span.start == opening),
            "the paragraph's opening is chosen"
        );
    }

    #[test]
    fn author_points_come_first_and_junk_never() {
        let text = "Headline Of The Piece\n⚡ KEY TAKEAWAYS\n- The first finding is that ports matter more than ever for trade.\n- The second finding is that railways carry most of the new freight volume.\nIntroduction\nPorts and railways compete for freight across the whole region today. Ports handle bulk goods while railways move containers inland quickly. Trucks fill the remaining gaps in the network of roads.\nWhat does this mean for you?\nAdvertisement - scroll to continue reading the article\nSources: Ministry of Transport (2025)\nRailways gained share because ports were congested for most of the season. Planners expect the trend to continue for several more seasons.";
        let arts = vec![article(text)];
        let a = Analysis::compute(
            &arts,
            &Settings {
                key_points: 4,
                ..Settings::default()
            },
        );
        let kp = a.key_points(0);
        assert_eq!(kp.len(), 4);
        assert!(kp[0].from_author && kp[1].from_author && !kp[2].from_author);
        assert!(
            kp.windows(2).all(|w| w[0].span.start < w[1].span.start),
            "reading order"
        );
        for k in kp {
            let b = &arts[0].blocks[k.block];
            assert!(b.is_prose(), "{:?}", k.span.of(text));
            let s = k.span.of(text);
            assert!(
                !s.contains('?') && !s.starts_with("Advertisement") && !s.starts_with("Sources"),
                "{s}"
            );
        }
    }

    fn key_points_of(text: &str, wanted: usize) -> Vec<KeyPoint> {
        let a = Analysis::compute(
            &[article(text)],
            &Settings {
                key_points: wanted,
                ..Settings::default()
            },
        );
        a.key_points(0).to_vec()
    }

    fn points_of(text: &str, wanted: usize) -> Vec<String> {
        let arts = vec![article(text)];
        let a = Analysis::compute(
            &arts,
            &Settings {
                key_points: wanted,
                ..Settings::default()
            },
        );
        a.key_points(0)
            .iter()
            .map(|k| k.span.of(text).to_string())
            .collect()
    }

    #[test]
    fn a_headed_conclusion_is_stated_in_its_first_paragraph() {
        assert!(is_conclusion_heading("Conclusion & Way Forward"));
        assert!(is_conclusion_heading("📌 IN RETROSPECT"));
        assert!(is_conclusion_heading("Looking ahead:"));
        assert!(!is_conclusion_heading("Conclusive evidence"));
        assert!(!is_conclusion_heading("Context & Historical Background"));
        // Without the heading the last paragraph's telling would win.
        let text = format!(
            "Gardeners plant tulips along the river banks every spring.\n\n\
             Bakers sell fresh bread at the market square daily.\n\n\
             Conclusion\n\n\
             Painters restore murals in the old chapel slowly. {CLAIM}\n\n\
             Fishermen land cod at the harbour before dawn. {CLAIM}"
        );
        let first = text.find(CLAIM).unwrap_or_default();
        let kp = key_points_of(&text, 3);
        assert!(kp.iter().any(|k| k.span.start == first), "{kp:?}");
        assert!(
            kp.iter()
                .all(|k| k.span.of(&text) != CLAIM || k.span.start == first),
            "{kp:?}"
        );
    }

    #[test]
    fn thesis_statements_stand_alone() {
        let thesis = |s: &str| thesis(&SentenceWords::of(s));
        assert_eq!(
            thesis("This IPSC Commentary argues that the pact is mistimed."),
            Some(Thesis::Claim)
        );
        assert_eq!(
            thesis("We show why India will not join."),
            Some(Thesis::Claim)
        );
        assert_eq!(
            thesis("This article examines the mechanisms of the shift."),
            Some(Thesis::Purpose)
        );
        assert_eq!(thesis("This argues for caution."), None);
        assert_eq!(thesis("The minister argues that ports matter."), None);
        assert_eq!(thesis("This study group met in May."), None);
        let claim = "This paper argues that ports, railways and canals carry the freight of the whole region.";
        let text = twice(claim, CLAIM);
        let kp = points(&text);
        assert!(kp.iter().any(|k| k == claim), "{kp:?}");
        assert!(opens_with(
            "To be clear, though, military action is off the table.",
            words::emphatic_openings()
        ));
    }

    #[test]
    fn a_sentence_that_ends_inside_a_quotation_loses() {
        let open = "Ports, railways and canals carry the freight of the whole region, a minister said: “We see it.";
        let text = twice(&format!("{open} Trade will slow.”"), CLAIM);
        let kp = points(&text);
        assert!(kp.iter().any(|k| k == CLAIM), "{kp:?}");
        assert!(!kp.iter().any(|k| k == open), "{kp:?}");
        let (starts, share, ends) = quotation(open, &mut Quotes::new(0), Span::new(0, open.len()));
        assert!(!starts && share < MAX_QUOTED_SHARE && ends, "{share}");
    }

    #[test]
    fn the_later_half_gets_points_when_the_opening_is_more_central() {
        // The opening repeats one theme, so LexRank alone would take it
        // three times; the later half makes distinct claims.
        let text = "Ports across the region handled record freight volumes in 2024.\n\n\
             Freight volumes at the region's ports rose for the third year running.\n\n\
             Port operators expect freight volumes to keep rising in the region.\n\n\
             Regional ports added berths to cope with growing freight volumes.\n\n\
             The railway authority will electrify the northern line by 2027.\n\n\
             Airlines cut domestic flights after fuel taxes doubled in March.\n\n\
             Customs officers seized 40 tonnes of counterfeit goods at the border.";
        let kp = points_of(text, 3);
        let later = text.find("The railway authority").unwrap_or_default();
        let later_points = kp
            .iter()
            .filter(|k| text.find(k.as_str()).unwrap_or_default() >= later)
            .count();
        assert!(later_points >= 1, "{kp:?}");
        let port_points = kp.iter().filter(|k| k.contains("freight")).count();
        assert!(port_points <= 2, "{kp:?}");
    }

    #[test]
    fn each_headed_section_gets_a_fair_chance() {
        let text = "Trade In The Region\n\n\
             Ports\n\n\
             Ports across the region handled record freight volumes in 2024. Freight volumes at the region's ports rose for the third year running. Port operators expect freight volumes to keep rising in the region. Regional ports added berths to cope with growing freight volumes. Freight through the ports doubled since 2015.\n\n\
             Railways\n\n\
             The railway authority will electrify the northern line by 2027.\n\n\
             Customs\n\n\
             Customs officers seized 40 tonnes of counterfeit goods at the border.";
        let kp = points_of(text, 3);
        assert!(kp.iter().any(|k| k.contains("electrify")), "{kp:?}");
        assert!(kp.iter().any(|k| k.contains("counterfeit")), "{kp:?}");
    }

    #[test]
    fn slogans_throat_clearing_and_exclamations_lose_to_specific_claims() {
        let text = "The finance ministry cut the fuel duty by 5% on Monday.\n\n\
             The trend of the world is surging forward with great momentum today.\n\n\
             It is important to note that the world is changing quickly for everyone.\n\n\
             What a remarkable change for the people of the whole world this is!\n\n\
             Truckers in Lyon and Marseille welcomed the cut after weeks of protests.\n\n\
             The European Commission will review the measure in September 2026.";
        let kp = points_of(text, 3);
        assert_eq!(kp.len(), 3, "{kp:?}");
        for k in &kp {
            assert!(
                !k.contains("surging") && !k.contains("important to note") && !k.ends_with('!'),
                "{kp:?}"
            );
        }
        let filler = |s: &str| clause_opens_with(&SentenceWords::of(s), words::filler_openings());
        let specific_words = |s: &str, most: usize| specific_words(&SentenceWords::of(s), most);
        assert!(filler("It is important to note that it rains."));
        assert!(filler(
            "As the world gets smaller, it is critically important to fill in the blanks."
        ));
        assert!(!filler("It is importantly a port."));
        assert!(!filler("Officials said it is important to act."));
        assert_eq!(specific_words("The EU cut 5% of duty in Lyon.", 9), 3);
        assert_eq!(specific_words("The EU cut 5% of duty in Lyon.", 2), 2);
        assert_eq!(
            specific_words("The trend of the world is surging forward.", 9),
            0
        );
    }

    #[test]
    fn label_fragments_in_lists_are_no_points_but_sentences_in_lists_are() {
        assert!(is_label_fragment(
            "Prepared responses: graduated measures from public attribution to sanctions."
        ));
        assert!(!is_label_fragment(
            "Prepared responses: allies will answer attacks with graduated measures."
        ));
        assert!(!is_label_fragment(
            "Allies will answer attacks on satellites with graduated measures."
        ));
        let text = "Allies are preparing a joint answer to attacks on satellites and networks.\n\n\
             - Prepared responses: graduated measures from public attribution to sanctions and asset protection.\n\
             - Rapid process: pre-agreed playbooks, legal review in parallel, and timelines in hours.\n\
             - The attribution cell will report to the North Atlantic Council within a day.\n\n\
             Officials expect the plan to be adopted at the summit in Vilnius next July.";
        let kp = points_of(text, 3);
        assert!(kp.iter().all(|k| !k.contains(':')), "{kp:?}");
        assert!(kp.iter().any(|k| k.contains("attribution cell")), "{kp:?}");
    }

    #[test]
    fn sentences_that_lead_into_a_list_are_no_points() {
        assert!(introduces_list(
            "Withdrawals may be exempt from the penalty if used for certain purposes, including"
        ));
        assert!(introduces_list(
            "Possible options could include the following:"
        ));
        assert!(!introduces_list(
            "Congress created the accounts in 2025, including a $1,000 credit for each child."
        ));
        assert!(!introduces_list("The options on the table are clear."));
    }

    #[test]
    fn sentences_that_point_back_are_recognised() {
        let refers_back = |s: &str| refers_back(&SentenceWords::of(s));
        assert!(refers_back(
            "An informal survey revealed no dissent from that view."
        ));
        assert!(refers_back("NATO and Japan took those concerns to heart."));
        assert!(refers_back("The chief said it was further proof of that."));
        assert!(!refers_back("The minister said that ports matter."));
        assert!(!refers_back("Exports rose this year, the ministry said."));
        assert!(!refers_back("Goods such as steel and grain were exempt."));
    }
}
