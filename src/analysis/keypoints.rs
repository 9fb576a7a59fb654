//! Key points: the few sentences or list items of an article that carry its
//! main points.
//!
//! What the author marked comes first: sentences under a "Key takeaways",
//! "Summary" or similar heading, or a bullet list that opens the article.
//! The rest is ranked by LexRank (PageRank over the cosine-similarity graph
//! of sentence TF-IDF vectors, weighted by the whole library), with a mild
//! preference for early sentences, and picked by maximal marginal relevance
//! so that no two points say the same thing.

use std::collections::{HashMap, HashSet};

use super::links::{dot, SparseVec};
use super::terms::{Kind, Passage};
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
const LEAD_BONUS: f32 = 0.3;
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

struct Candidate {
    sentence: usize,
    block: usize,
    span: Span,
    author: bool,
    vec: SparseVec,
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
            let mut counts: HashMap<u32, f32> = HashMap::new();
            for t in &p.tokens[range.clone()] {
                if let (Kind::Content, Some(term)) = (t.kind, t.term) {
                    *counts.entry(term).or_default() += 1.0;
                }
            }
            for &(topic, ts) in topics.get(&p.block).map_or(&[][..], Vec::as_slice) {
                if span.start <= ts.start && ts.end <= span.end {
                    *counts.entry(weights.topic(topic)).or_default() += 1.0;
                }
            }
            out.push(Candidate {
                sentence: *si,
                block: p.block,
                span,
                author: section[p.block] == Section::Author,
                vec: weights.vector(&counts),
            });
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
    let mut postings: HashMap<u32, Vec<(usize, f32)>> = HashMap::new();
    for (i, v) in vecs.iter().enumerate() {
        for &(t, w) in v {
            postings.entry(t).or_default().push((i, w));
        }
    }
    let mut edges: Vec<Vec<(usize, f32)>> = vec![Vec::new(); n];
    let mut acc: HashMap<usize, f32> = HashMap::new();
    for (i, v) in vecs.iter().enumerate() {
        for &(t, w) in v {
            for &(j, x) in postings.get(&t).map_or(&[][..], Vec::as_slice) {
                if j != i {
                    *acc.entry(j).or_default() += w * x;
                }
            }
        }
        edges[i] = acc.drain().filter(|&(_, s)| s >= MIN_EDGE).collect();
        edges[i].sort_by_key(|&(j, _)| j);
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
        let mut rejected: HashSet<usize> = HashSet::new();
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
    let n = cands.len().max(1) as f32;
    let relevance: Vec<f32> = rank
        .iter()
        .enumerate()
        .map(|(i, r)| r * (1.0 + LEAD_BONUS * (1.0 - i as f32 / n)))
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
