//! Links from each passage to related passages of other articles, and the
//! relatedness of whole articles.
//!
//! Passages are unit-length TF-IDF vectors over stemmed words, acronyms
//! (an expansion counts as its acronym) and shared topics (weighted up,
//! except faint ones in nearly every article, which weigh little and are
//! no evidence of a link on their own).
//! Similarities are accumulated through an inverted index from terms to
//! passages, so only pairs that share a term are ever scored; terms in very
//! many passages were left out of the vectors beforehand, which keeps every
//! posting list short.

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::terms::Passage;
use super::{Link, PassageTopics, Settings, Topic, Weights};
use crate::corpus::Article;
use crate::text::Span;

/// Term and weight, sorted by term.
pub(crate) type SparseVec = Vec<(u32, f32)>;

/// Sorts by term and scales to unit length.
pub(crate) fn normalise(v: &mut SparseVec) {
    v.sort_unstable_by_key(|&(t, _)| t);
    let norm = v.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in v.iter_mut() {
            *w /= norm;
        }
    }
}

/// Calls `f` with each term two sorted sparse vectors share and its
/// contribution to their dot product, in term order.
fn each_shared(a: &[(u32, f32)], b: &[(u32, f32)], mut f: impl FnMut(u32, f32)) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                f(a[i].0, a[i].1 * b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
}

/// Dot product of two sorted sparse vectors.
pub(crate) fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let mut sum = 0.0;
    each_shared(a, b, |_, x| sum += x);
    sum
}

/// Shared terms with their contribution to the dot product, largest first.
fn shared(a: &[(u32, f32)], b: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let mut out: Vec<(u32, f32)> = Vec::new();
    each_shared(a, b, |t, x| out.push((t, x)));
    out.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    out
}

/// What linking reads.
pub(crate) struct Context<'a> {
    pub articles: &'a [Article],
    pub docs: &'a [Vec<Passage>],
    pub vecs: &'a [Vec<SparseVec>],
    pub weights: &'a Weights,
    pub readable: &'a [String],
    pub topics: &'a [Topic],
    pub topic_keys: &'a [Vec<u32>],
    pub passage_topics: &'a [HashMap<usize, PassageTopics>],
}

/// Whether a pair is strong enough to show: at or above the threshold,
/// and sharing a multi-word topic or at least two things (topics, or words
/// that no shared topic already accounts for).
fn accept(
    score: f32,
    common: &[(u32, f32)],
    words: usize,
    topic_keys: &[Vec<u32>],
    settings: &Settings,
) -> bool {
    if score < settings.min_link_score {
        return false;
    }
    let topics = || {
        common
            .iter()
            .filter(|&&(t, _)| t as usize >= words)
            .map(|&(t, _)| &topic_keys[t as usize - words])
    };
    if topics().any(|k| k.len() >= 2) {
        return true;
    }
    let loose = common
        .iter()
        .filter(|&&(t, _)| (t as usize) < words && !topics().any(|k| k.contains(&t)))
        .count();
    topics().count() + loose >= 2
}

/// What two passage vectors share that counts as evidence of a link: a
/// faint topic (one in nearly every article, like NATO in a library about
/// NATO) adds a little to the score but proves nothing.
/// The shared terms go into `out` with their contribution to the score.
fn evidence_into(weights: &Weights, a: &[(u32, f32)], b: &[(u32, f32)], out: &mut SparseVec) {
    out.clear();
    each_shared(a, b, |t, x| {
        if !weights.faint[t as usize] {
            out.push((t, x));
        }
    });
}

/// (article, passage index) pairs by global passage number.
fn passage_ids(docs: &[Vec<Passage>]) -> Vec<(usize, usize)> {
    docs.iter()
        .enumerate()
        .flat_map(|(a, ps)| (0..ps.len()).map(move |p| (a, p)))
        .collect()
}

/// Links for every passage, by article and block, with the number of
/// candidate pairs scored.
pub(crate) fn link_all(ctx: &Context, settings: &Settings) -> (Vec<Vec<Vec<Link>>>, usize) {
    let ids = passage_ids(ctx.docs);
    let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); ctx.weights.usable.len()];
    for (g, &(a, p)) in ids.iter().enumerate() {
        for &(t, w) in &ctx.vecs[a][p] {
            postings[t as usize].push((g as u32, w));
        }
    }
    let n = ids.len();
    // Each source passage is scored on its own, on all cores; the sums are
    // taken in the same order as one after another, so results do not
    // depend on the number of threads.
    let found: Vec<(usize, Vec<Link>)> = ids
        .par_iter()
        .enumerate()
        .map_init(
            || (vec![0.0f32; n], Vec::<u32>::new(), SparseVec::new()),
            |(acc, touched, common), (g, &(a, p))| {
                let source = &ctx.vecs[a][p];
                // An article's passages are numbered one after another.
                let own = (g - p) as u32..(g - p + ctx.docs[a].len()) as u32;
                for &(t, w) in source {
                    for &(h, x) in &postings[t as usize] {
                        if own.contains(&h) {
                            continue;
                        }
                        // Weights are positive, so a sum of zero is a
                        // passage not met yet.
                        if acc[h as usize] == 0.0 {
                            touched.push(h);
                        }
                        acc[h as usize] += w * x;
                    }
                }
                let pairs = touched.len();
                let mut cands: Vec<(u32, f32)> = Vec::new();
                for &g in touched.iter() {
                    let score = acc[g as usize];
                    if score >= settings.min_link_score {
                        cands.push((g, score));
                    }
                    acc[g as usize] = 0.0;
                }
                touched.clear();
                cands.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
                // The evidence is weighed for the best pairs only, until
                // enough are accepted.
                let links = cands
                    .into_iter()
                    .filter(|&(g, score)| {
                        let (b, q) = ids[g as usize];
                        evidence_into(ctx.weights, source, &ctx.vecs[b][q], common);
                        accept(score, common, ctx.weights.words, ctx.topic_keys, settings)
                    })
                    .take(settings.max_links_per_passage)
                    .map(|(g, score)| make_link(ctx, (a, p), ids[g as usize], score))
                    .collect();
                (pairs, links)
            },
        )
        .collect();
    let mut out: Vec<Vec<Vec<Link>>> = ctx
        .articles
        .iter()
        .map(|art| vec![Vec::new(); art.blocks.len()])
        .collect();
    let mut pairs = 0usize;
    for (&(a, p), (touched, links)) in ids.iter().zip(found) {
        pairs += touched;
        out[a][ctx.docs[a][p].block] = links;
    }
    (out, pairs)
}

fn make_link(ctx: &Context, (a, p): (usize, usize), (b, q): (usize, usize), score: f32) -> Link {
    let words = ctx.weights.words;
    let common = shared(&ctx.vecs[a][p], &ctx.vecs[b][q]);
    let shared_topics: Vec<usize> = common
        .iter()
        .filter(|&&(t, _)| t as usize >= words)
        .map(|&(t, _)| t as usize - words)
        .collect();
    // Words and single names that a shared phrase topic already accounts
    // for are not listed again; phrase topics lead, then names, then words,
    // then faint topics (NATO in a library about NATO).
    let explained: HashSet<u32> = shared_topics
        .iter()
        .flat_map(|&i| ctx.topic_keys[i].iter().copied())
        .collect();
    let phrase_terms: HashSet<u32> = shared_topics
        .iter()
        .filter(|&&i| ctx.topic_keys[i].len() >= 2)
        .flat_map(|&i| ctx.topic_keys[i].iter().copied())
        .collect();
    let mut ranked: Vec<(u8, String)> = Vec::new();
    for &(t, _) in &common {
        let entry = if (t as usize) >= words {
            let key = &ctx.topic_keys[t as usize - words];
            if key.len() == 1 && phrase_terms.contains(&key[0]) {
                continue;
            }
            let rank = if ctx.weights.faint[t as usize] {
                3
            } else {
                u8::from(key.len() == 1)
            };
            (rank, ctx.topics[t as usize - words].label.clone())
        } else if explained.contains(&t) {
            continue;
        } else {
            (2, ctx.readable[t as usize].clone())
        };
        if !ranked.iter().any(|(_, b)| b.eq_ignore_ascii_case(&entry.1)) {
            ranked.push(entry);
        }
    }
    ranked.sort_by_key(|&(rank, _)| rank);
    let labels: Vec<(String, Vec<String>)> = ranked
        .into_iter()
        .map(|(_, label)| {
            let words = label_words(&label);
            (label, words)
        })
        .collect();
    let because: Vec<String> = labels
        .iter()
        .filter(|(_, short)| !labels.iter().any(|(_, long)| run_of(short, long)))
        .map(|(label, _)| label.clone())
        .collect();
    let terms: HashSet<u32> = common
        .iter()
        .map(|&(t, _)| t)
        .filter(|&t| (t as usize) < words)
        .collect();
    let highlight = |art: usize, pi: usize| {
        let passage = &ctx.docs[art][pi];
        let mut spans: Vec<Span> = passage
            .tokens
            .iter()
            .filter(|t| t.term.is_some_and(|x| terms.contains(&x)))
            .map(|t| t.span)
            .collect();
        if let Some(occ) = ctx.passage_topics[art].get(&passage.block) {
            spans.extend(
                occ.iter()
                    .filter(|(i, _)| shared_topics.contains(i))
                    .map(|&(_, s)| s),
            );
        }
        merge(spans)
    };
    Link {
        article: b,
        block: ctx.docs[b][q].block,
        span: ctx.articles[b].blocks[ctx.docs[b][q].block].span,
        score: score.clamp(0.0, 1.0),
        because,
        highlights: highlight(b, q),
        source_highlights: highlight(a, p),
    }
}

/// A label's words in lower case, split at anything not alphanumeric.
fn label_words(label: &str) -> Vec<String> {
    label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether the words `short` are a run inside the longer `long`: "Tokyo"
/// of "Tokyo liaison office", "Atlantic" of "Euro-Atlantic".
fn run_of(short: &[String], long: &[String]) -> bool {
    !short.is_empty() && short.len() < long.len() && long.windows(short.len()).any(|w| w == short)
}

/// Sorted spans with overlapping ones joined.
fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by_key(|s| (s.start, s.end));
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// Up to this many articles, related articles are found by comparing
/// every pair that shares a term, which is exact.
const RELATED_EXACT_UP_TO: usize = 2_000;
/// Past that, an article looks for candidates only through its most
/// telling terms, and each term only through the articles where it weighs
/// most; every pair that shares a term would grow with the square of the
/// library.
const RELATED_PROBE_TERMS: usize = 64;
const RELATED_POSTING_CAP: usize = 256;
/// Candidates, ranked by what the probe found, that are then scored in full.
const RELATED_RESCORED: usize = 50;

/// Indices of the `n` heaviest entries of `items`, by `weight`.
fn heaviest<T>(items: &[T], n: usize, weight: impl Fn(&T) -> f32) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    if order.len() > n {
        order.select_nth_unstable_by(n, |&x, &y| {
            weight(&items[y])
                .total_cmp(&weight(&items[x]))
                .then_with(|| x.cmp(&y))
        });
        order.truncate(n);
    }
    order
}

/// For each article, up to `limit` other articles with the highest cosine
/// similarity above zero, best first. In a library of more than
/// [`RELATED_EXACT_UP_TO`] articles the candidates are found through each
/// article's heaviest terms and each term's heaviest articles (the
/// "champion lists" of search engines): the scores shown are exact, but an
/// article related only through light terms may be missed.
pub(crate) fn related_all(vecs: &[SparseVec], limit: usize) -> Vec<Vec<(usize, f32)>> {
    let exact = vecs.len() <= RELATED_EXACT_UP_TO;
    let (probe_terms, posting_cap) = if exact {
        (usize::MAX, usize::MAX)
    } else {
        (RELATED_PROBE_TERMS, RELATED_POSTING_CAP)
    };
    let terms = vecs
        .iter()
        .filter_map(|v| v.last())
        .map(|&(t, _)| t as usize + 1)
        .max()
        .unwrap_or(0);
    let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); terms];
    for (a, v) in vecs.iter().enumerate() {
        for &(t, w) in v {
            postings[t as usize].push((a as u32, w));
        }
    }
    postings.par_iter_mut().for_each(|list| {
        if list.len() > posting_cap {
            let keep = heaviest(list, posting_cap, |&(_, w)| w);
            let mut kept: Vec<(u32, f32)> = keep.into_iter().map(|i| list[i]).collect();
            kept.sort_unstable_by_key(|&(a, _)| a);
            *list = kept;
        }
    });
    vecs.par_iter()
        .enumerate()
        .map_init(
            || (vec![0.0f32; vecs.len()], Vec::new()),
            |(acc, touched), (a, v)| {
                for i in heaviest(v, probe_terms, |&(_, w)| w) {
                    let (t, w) = v[i];
                    for &(b, x) in &postings[t as usize] {
                        let b = b as usize;
                        if b != a {
                            if acc[b] == 0.0 {
                                touched.push(b);
                            }
                            acc[b] += w * x;
                        }
                    }
                }
                let mut best: Vec<(usize, f32)> = touched
                    .drain(..)
                    .map(|b| (b, std::mem::take(&mut acc[b])))
                    .filter(|&(_, s)| s > 0.0)
                    .collect();
                if !exact {
                    let keep = heaviest(&best, RELATED_RESCORED, |&(_, s)| s);
                    best = keep
                        .into_iter()
                        .map(|i| (best[i].0, dot(v, &vecs[best[i].0])))
                        .collect();
                }
                for s in best.iter_mut() {
                    s.1 = s.1.clamp(0.0, 1.0);
                }
                best.retain(|&(_, s)| s > 0.0);
                best.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
                best.truncate(limit);
                best
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Analysis, Prepared};

    use crate::analysis::test_library as library;

    #[test]
    fn vectors_dot_and_merge() {
        let mut v = vec![(3, 4.0), (1, 3.0)];
        normalise(&mut v);
        assert_eq!(v, [(1, 0.6), (3, 0.8)]);
        assert!((dot(&v, &v) - 1.0).abs() < 1e-6);
        assert_eq!(dot(&v, &[(2, 1.0)]), 0.0);
        assert_eq!(
            merge(vec![Span::new(5, 9), Span::new(0, 3), Span::new(2, 4)]),
            [Span::new(0, 4), Span::new(5, 9)]
        );
    }

    fn part_of(short: &str, long: &str) -> bool {
        run_of(&label_words(short), &label_words(long))
    }

    #[test]
    fn fragments_of_a_longer_label_are_not_listed() {
        assert!(part_of("Tokyo", "Tokyo liaison office"));
        assert!(part_of("Atlantic", "Euro-Atlantic"));
        assert!(part_of(
            "north atlantic treaty",
            "North Atlantic Treaty Organization"
        ));
        assert!(!part_of("Tokyo liaison office", "Tokyo liaison office"));
        assert!(!part_of("Asia", "Asian Pacific"));
    }

    #[test]
    fn threshold_and_evidence_rules() {
        let s = Settings::default();
        // Words 0..10; topic 0 (term 10) is the phrase of words 1 and 2,
        // topic 1 (term 11) the single name 3.
        let keys = vec![vec![1, 2], vec![3]];
        let w = 10;
        assert!(
            !accept(
                s.min_link_score - 0.01,
                &[(10, 0.5), (4, 0.1)],
                w,
                &keys,
                &s
            ),
            "below the threshold"
        );
        assert!(
            accept(0.9, &[(10, 0.5)], w, &keys, &s),
            "a multi-word topic is enough"
        );
        assert!(
            !accept(0.9, &[(11, 0.5), (3, 0.2)], w, &keys, &s),
            "a single name and its own word are one thing"
        );
        assert!(accept(0.9, &[(11, 0.5), (5, 0.2)], w, &keys, &s));
        assert!(
            !accept(0.9, &[(5, 0.9)], w, &keys, &s),
            "one shared word is not enough"
        );
        assert!(accept(0.9, &[(5, 0.5), (6, 0.4)], w, &keys, &s));
    }

    /// Scores every pair of passages of different articles directly.
    fn brute_force(
        prep: &Prepared,
        settings: &Settings,
    ) -> HashMap<(usize, usize), Vec<(usize, usize)>> {
        let ids = passage_ids(&prep.docs);
        let words = prep.weights.words;
        let mut out = HashMap::default();
        for &(x, p) in &ids {
            let mut c: Vec<(usize, usize, f32)> = ids
                .iter()
                .filter(|&&(y, _)| y != x)
                .filter_map(|&(y, q)| {
                    let mut sh = Vec::new();
                    evidence_into(&prep.weights, &prep.vecs[x][p], &prep.vecs[y][q], &mut sh);
                    let score = dot(&prep.vecs[x][p], &prep.vecs[y][q]);
                    accept(score, &sh, words, &prep.found.keys, settings).then_some((
                        y,
                        prep.docs[y][q].block,
                        score,
                    ))
                })
                .collect();
            c.sort_by(|l, r| r.2.total_cmp(&l.2));
            c.truncate(settings.max_links_per_passage);
            out.insert(
                (x, prep.docs[x][p].block),
                c.into_iter().map(|(y, b, _)| (y, b)).collect(),
            );
        }
        out
    }

    #[test]
    fn index_linking_equals_brute_force() {
        let arts = library(&[
            "NATO opened a liaison office in Tokyo to deepen cyber cooperation with Japan.\n\nFarmers harvested rice across the delta before the monsoon rains arrived.",
            "The Tokyo liaison office will coordinate cyber defence and maritime cooperation.\n\nRice prices rose as the monsoon delayed the harvest in the delta.",
            "Cyber cooperation between Japan and Europe covers maritime security and space.\n\nA quiet paragraph about gardening tools and spring flowers.",
            "Shipping lanes and maritime security dominate talks with Japan on cyber threats.",
        ]);
        let settings = Settings {
            min_link_score: 0.05,
            ..Settings::default()
        };
        let analysis = Analysis::compute(&arts, &settings);
        let reference = brute_force(&Prepared::new(&arts, &|_| {}), &settings);
        let mut links = 0;
        for (x, art) in arts.iter().enumerate() {
            for (b, blk) in art.blocks.iter().enumerate() {
                let got: Vec<(usize, usize)> = analysis
                    .links_for(x, b)
                    .iter()
                    .map(|l| (l.article, l.block))
                    .collect();
                let want = reference.get(&(x, b)).cloned().unwrap_or_default();
                assert_eq!(got, want, "article {x} block {b}");
                assert!(blk.is_prose() || got.is_empty());
                links += got.len();
            }
        }
        assert!(links >= 4, "{links}");
        // The rice paragraphs find each other, not the cyber ones.
        let rice = analysis.links_for(0, 1);
        assert_eq!(rice.first().map(|l| (l.article, l.block)), Some((1, 1)));
        assert!(
            rice[0].because.iter().any(|w| w == "rice"),
            "{:?}",
            rice[0].because
        );
        assert_eq!(
            rice[0]
                .highlights
                .iter()
                .map(|s| s.of(&arts[1].text))
                .filter(|w| *w == "Rice")
                .count(),
            1
        );
        assert!(
            analysis.links_for(2, 1).is_empty(),
            "gardening relates to nothing"
        );
        assert!(
            analysis.stats().candidate_pairs
                < analysis.stats().passages * analysis.stats().passages
        );
    }
}
