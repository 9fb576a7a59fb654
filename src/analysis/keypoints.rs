//! Key points: the few sentences or list items of an article that carry its
//! main points.
//!
//! What the author marked comes first: sentences under a "Key takeaways",
//! "Summary" or similar heading, or a bullet list that opens the article.
//! The rest is ranked by LexRank (PageRank over the cosine-similarity graph
//! of sentence TF-IDF vectors, weighted by the whole library), weighted by
//! position and by how well a sentence stands on its own, and picked by
//! maximal marginal relevance so that no two points say the same thing.
//!
//! Briefings state their claims up front, so the lead, the first sentence
//! of each paragraph and the concluding paragraph weigh more. Sentences
//! that lean on what came before weigh less: those opening with a
//! connective or pronoun ("But", "He", "To this end"), and those that start
//! inside a quotation or are mostly quoted. Questions are never points.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::links::{dot, SparseVec};
use super::terms::Passage;
use super::{KeyPoint, PassageTopics, Weights};
use crate::corpus::Article;
use crate::text::segment::BlockKind;
use crate::text::Span;

/// Headings of the author's own summary.
const AUTHOR_HEADINGS: &[&str] = &[
    "key takeaways",
    "takeaways",
    "key takeaway",
    "summary",
    "executive summary",
    "in short",
    "in brief",
    "highlights",
    "key points",
    "key findings",
    "main points",
    "tl;dr",
    "tldr",
    "bottom line",
    "the bottom line",
];

/// Headings of sections that hold no argument: contents, reading lists,
/// glossaries.
const SKIP_HEADINGS: &[&str] = &[
    "table of contents",
    "contents",
    "further reading",
    "references",
    "sources",
    "bibliography",
    "notes",
    "footnotes",
    "glossary",
    "key terms",
    "how to use",
    "about the author",
    "related",
    "read more",
    "comments",
];

const MIN_WORDS: usize = 6;
const RELAXED_MIN_WORDS: usize = 3;
/// Longer articles are ranked among this many sentences picked by a
/// cheaper score, to bound the similarity graph.
const MAX_GRAPH: usize = 300;
const MIN_EDGE: f32 = 0.05;
const DAMPING: f32 = 0.85;
const ITERATIONS: usize = 40;
/// The lead is the first paragraph, or every paragraph that starts within
/// this share of the article's candidate words, so that a long report's
/// introduction counts as its lead as well.
const LEAD_SHARE: f32 = 0.12;
const LEAD_BONUS: f32 = 0.8;
const PARAGRAPH_FIRST_BONUS: f32 = 0.4;
const CONCLUSION_BONUS: f32 = 0.4;
/// Relevance factor for a sentence that opens with a connective or pronoun.
const DEPENDENT_FACTOR: f32 = 0.35;
/// Relevance factor for a sentence that starts inside a quotation or is
/// mostly quoted.
const QUOTED_FACTOR: f32 = 0.3;
/// A sentence with more than this share of its words quoted is mostly a
/// quotation.
const MAX_QUOTED_SHARE: f32 = 0.6;

/// Openings that make a sentence lean on the one before it. Matched as
/// whole words at the sentence start, case-insensitively.
const DEPENDENT_OPENINGS: &[&str] = &[
    "but",
    "or",
    "and",
    "so",
    "yet",
    "nor",
    "he",
    "she",
    "they",
    "it",
    "his",
    "her",
    "their",
    "its",
    "this",
    "that",
    "these",
    "those",
    "such",
    "instead",
    "however",
    "moreover",
    "furthermore",
    "also",
    "still",
    "thus",
    "hence",
    "therefore",
    "then",
    "meanwhile",
    "nevertheless",
    "nonetheless",
    "indeed",
    "otherwise",
    "besides",
    "likewise",
    "similarly",
    "conversely",
    "consequently",
    "accordingly",
    "again",
    "here",
    "to this end",
    "to that end",
    "in addition",
    "in turn",
    "as a result",
    "even so",
    "after all",
    "despite this",
    "despite that",
    "for example",
    "for instance",
    "in other words",
    "on the other hand",
    "at the same time",
    "by contrast",
    "in contrast",
];
/// MMR balance between relevance and novelty.
const LAMBDA: f32 = 0.7;
/// Candidates this similar to a point already picked are left out.
const MAX_OVERLAP: f32 = 0.5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Normal,
    Author,
    Skip,
}

fn heading_key(s: &str) -> String {
    s.trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn classify_heading(s: &str) -> Section {
    let key = heading_key(s);
    if AUTHOR_HEADINGS.contains(&key.as_str()) {
        Section::Author
    } else if SKIP_HEADINGS
        .iter()
        .any(|h| key == *h || key.starts_with(&format!("{h} ")))
    {
        Section::Skip
    } else {
        Section::Normal
    }
}

/// The section each block belongs to; headings count as `Skip`.
pub(crate) fn sections(article: &Article) -> Vec<Section> {
    let text = &article.text;
    let mut current = Section::Normal;
    let mut seen_paragraph = false;
    article
        .blocks
        .iter()
        .map(|b| {
            if b.is_heading() {
                current = classify_heading(b.content.of(text));
                return Section::Skip;
            }
            let leading_list = !seen_paragraph
                && matches!(b.kind, BlockKind::ListItem { .. })
                && current == Section::Normal;
            if !b.boilerplate && matches!(b.kind, BlockKind::Paragraph | BlockKind::Quote) {
                seen_paragraph = true;
            }
            if leading_list {
                Section::Author
            } else {
                current
            }
        })
        .collect()
}

/// `span` without a heading line glued to its start.
fn without_glued_heading(text: &str, span: Span) -> Span {
    let s = span.of(text);
    let Some(nl) = s.find('\n') else { return span };
    let first = s[..nl].trim();
    let words = first.split_whitespace().count();
    let ends_open = !first.ends_with(['.', '!', '?', ';', ':', ',', '"', '”', ')']);
    if words <= 12 && ends_open && first.chars().next().is_some_and(char::is_uppercase) {
        Span::new(span.start + nl, span.end).trim(text)
    } else {
        span
    }
}

/// Whether `sentence` opens with one of [`DEPENDENT_OPENINGS`].
fn opens_dependent(sentence: &str) -> bool {
    let words: Vec<String> = sentence
        .split_whitespace()
        .take(4)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    DEPENDENT_OPENINGS.iter().any(|opening| {
        let want: Vec<&str> = opening.split(' ').collect();
        words.len() >= want.len() && words.iter().zip(&want).all(|(w, o)| w == o)
    })
}

/// Updates `inside` for the double quotation marks in `s`: curly ones say
/// which way they go, straight ones toggle.
fn track_quotes(s: &str, inside: &mut bool) {
    for c in s.chars() {
        match c {
            '“' | '«' | '„' => *inside = true,
            '”' | '»' => *inside = false,
            '"' => *inside = !*inside,
            _ => {}
        }
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

/// Whether the sentence `span` starts inside a quotation, and the share of
/// its words that are quoted.
fn quotation(text: &str, quotes: &mut Quotes, span: Span) -> (bool, f32) {
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
    (starts_inside, quoted as f32 / words.max(1) as f32)
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
    /// Relevance factor for leaning on context, 1.0 when it stands alone.
    standalone: f32,
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
            let span = without_glued_heading(text, article.sentences[*si].span);
            let s = span.of(text);
            let words = s
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            if words < min_words
                || s.trim_end_matches(['"', '”', '’', ')']).ends_with('?')
                || headings.contains(&heading_key(s))
            {
                continue;
            }
            let from = block_topics.partition_point(|(_, ts)| ts.start < span.start);
            let topics_in = block_topics[from..]
                .iter()
                .take_while(|(_, ts)| ts.start < span.end)
                .filter(|(_, ts)| ts.end <= span.end)
                .map(|&(topic, _)| topic);
            let counts = super::term_counts(&p.tokens[range.clone()], topics_in, weights.words);
            let (starts_inside, quoted) = quotation(text, &mut quotes, span);
            let mut standalone = 1.0;
            if opens_dependent(s) {
                standalone *= DEPENDENT_FACTOR;
            }
            if starts_inside || quoted > MAX_QUOTED_SHARE {
                standalone *= QUOTED_FACTOR;
            }
            out.push(Candidate {
                sentence: *si,
                block: p.block,
                span,
                author: section[p.block] == Section::Author,
                vec: weights.vector(&counts),
                words,
                first_in_block,
                standalone,
            });
            first_in_block = false;
        }
    }
    out
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

/// Picks up to `want` of `pool` by maximal marginal relevance, after the
/// already `selected`. Near-duplicates of a pick are left out unless too
/// few remain.
fn mmr(
    pool: &[usize],
    relevance: &[f32],
    vecs: &[&SparseVec],
    selected: &mut Vec<usize>,
    want: usize,
) {
    let top = pool
        .iter()
        .map(|&i| relevance[i])
        .fold(0.0f32, f32::max)
        .max(f32::MIN_POSITIVE);
    let start = selected.len();
    for strict in [true, false] {
        let mut rejected: HashSet<usize> = HashSet::default();
        let goal = if strict { want } else { want.min(3) };
        while selected.len() - start < goal {
            let mut best: Option<(usize, f32)> = None;
            for &i in pool {
                if selected.contains(&i) || rejected.contains(&i) {
                    continue;
                }
                let overlap = selected
                    .iter()
                    .map(|&j| dot(vecs[i], vecs[j]))
                    .fold(0.0f32, f32::max);
                if strict && overlap > MAX_OVERLAP {
                    rejected.insert(i);
                    continue;
                }
                let score = LAMBDA * relevance[i] / top - (1.0 - LAMBDA) * overlap;
                if best.is_none_or(|(_, b)| score > b) {
                    best = Some((i, score));
                }
            }
            match best {
                Some((i, _)) => selected.push(i),
                None => break,
            }
        }
    }
}

/// How much each candidate's position says it carries a claim: the lead,
/// the first sentence of a paragraph and the concluding paragraph weigh
/// more. Positions are shares of the article's candidate words, so that
/// the prior means the same for a short item and a long report.
fn position_prior(cands: &[Candidate]) -> Vec<f32> {
    let total: usize = cands.iter().map(|c| c.words).sum::<usize>().max(1);
    let first_block = cands.iter().find(|c| !c.author).map(|c| c.block);
    let last_block = cands.iter().rev().find(|c| !c.author).map(|c| c.block);
    let mut before = 0usize;
    let mut block_start_share = 0.0f32;
    cands
        .iter()
        .map(|c| {
            if c.first_in_block {
                block_start_share = before as f32 / total as f32;
            }
            before += c.words;
            let mut prior = 1.0;
            if c.author {
                return prior;
            }
            if Some(c.block) == first_block {
                prior += LEAD_BONUS;
            } else if block_start_share < LEAD_SHARE {
                prior += LEAD_BONUS * (1.0 - 0.5 * block_start_share / LEAD_SHARE);
            }
            if c.first_in_block {
                prior += PARAGRAPH_FIRST_BONUS;
            }
            if Some(c.block) == last_block && last_block != first_block {
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
        let mut order: Vec<usize> = (0..cands.len()).collect();
        order.sort_by(|&a, &b| {
            cands[b]
                .author
                .cmp(&cands[a].author)
                .then_with(|| cheap(&cands[b]).total_cmp(&cheap(&cands[a])))
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
        .map(|((r, c), p)| (r * n).sqrt() * p * c.standalone)
        .collect();
    let refs: Vec<&SparseVec> = vecs.iter().collect();
    let authors: Vec<usize> = (0..cands.len()).filter(|&i| cands[i].author).collect();
    let others: Vec<usize> = (0..cands.len()).filter(|&i| !cands[i].author).collect();
    let mut selected = Vec::new();
    if authors.len() >= want {
        mmr(&authors, &relevance, &refs, &mut selected, want);
    } else {
        selected.extend(&authors);
        mmr(
            &others,
            &relevance,
            &refs,
            &mut selected,
            want - authors.len(),
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
        let text = "Relations with Russia\nRussia closed the two offices in Moscow last year.";
        let span = without_glued_heading(text, Span::new(0, text.len()));
        assert_eq!(
            span.of(text),
            "Russia closed the two offices in Moscow last year."
        );
        let text = "A sentence that ends.\nAnother one.";
        assert_eq!(
            without_glued_heading(text, Span::new(0, text.len())),
            Span::new(0, text.len())
        );
    }

    #[test]
    fn lexrank_prefers_the_central_sentence() {
        let v = |terms: &[u32]| {
            let mut v: SparseVec = terms.iter().map(|&t| (t, 1.0)).collect();
            crate::analysis::links::normalise(&mut v);
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
            crate::analysis::links::normalise(&mut v);
            v
        };
        let vecs = [v(&[1, 2, 3]), v(&[1, 2, 3]), v(&[7, 8]), v(&[4, 5])];
        let refs: Vec<&SparseVec> = vecs.iter().collect();
        let mut picked = Vec::new();
        mmr(&[0, 1, 2, 3], &[1.0, 0.99, 0.5, 0.4], &refs, &mut picked, 3);
        assert_eq!(picked, [0, 2, 3], "the duplicate of the best is skipped");
        let mut picked = Vec::new();
        mmr(&[0, 1], &[1.0, 0.99], &refs[..2], &mut picked, 2);
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
        let (inside, share) = quotation(text, &mut Quotes::new(0), Span::new(start, text.len()));
        assert!(inside && share > MAX_QUOTED_SHARE, "{share}");
        let text = "He said \"a b\" and went home.";
        let (inside, share) = quotation(text, &mut Quotes::new(0), Span::new(0, text.len()));
        assert!(!inside && share < MAX_QUOTED_SHARE, "{share}");
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
}
