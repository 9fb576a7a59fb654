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

use super::model::{Link, Settings, Topic};
use super::pipeline::{PassageTopics, Weights};
use super::semantic::{Alike, Comparer, Semantic};
use super::terms::Passage;
use super::vecmath::{dot, each_shared, keep_best, keep_first_by, shared, SparseVec};
use crate::corpus::Article;
use crate::text::Span;

/// What linking reads.
pub(crate) struct Context<'a> {
    pub articles: &'a [Article],
    pub docs: &'a [Vec<Passage>],
    pub vecs: &'a [Vec<SparseVec>],
    pub weights: &'a Weights,
    pub topics: &'a [Topic],
    pub topic_keys: &'a [Vec<u32>],
    pub passage_topics: &'a [HashMap<usize, PassageTopics>],
    /// Passage and article vectors from the word table, unless linking is
    /// lexical only.
    pub semantic: Option<&'a Semantic<'a>>,
    /// For each article, the articles whose passages are compared with its
    /// own even where they share no term.
    pub neighbours: &'a [Vec<usize>],
    pub stemmer: &'a (dyn Fn(&str) -> String + Sync),
}

impl Context<'_> {
    fn stem(&self, lower: &str) -> String {
        (self.stemmer)(lower)
    }
}

/// Shared words that stand out this many times as far as a link needs
/// carry it alone, however ordinary the passages' vectors: in a library on
/// one subject every paragraph's vector is close to every other's, and
/// "the liaison office in Tokyo" written in both is evidence enough.
const LEXICAL_ALONE: f32 = 2.0;

/// The combined score of a pair from its shared-words score and the mean
/// of its shared-words and meaning scores.
fn with_meaning(lexical: f32, mean: f32) -> f32 {
    mean.max(lexical / LEXICAL_ALONE)
}

/// Passages with fewer distinct terms than this have their scores scaled
/// down: a one-line passage that shares two words with another has a high
/// cosine that means little.
const SHORT_TERMS: f32 = 12.0;
/// Candidates of a passage, by lexical and vector score, whose word
/// alignment is worked out: aligning costs the product of the two
/// passages' word counts, so only the best few are aligned.
const ALIGNED_CANDIDATES: usize = 10;
/// Candidates of a passage by shared terms alone, before vectors and
/// alignment weigh them: those sharing most.
const LEXICAL_CANDIDATES: usize = 48;
/// Buckets of a passage's sums of shared term weights, by their leading
/// bits: the order of the buckets is the order of the sums.
const SUM_BUCKETS: usize = 1 << 10;

/// The bucket of a sum of shared term weights, which is positive.
fn sum_bucket(sum: f32) -> usize {
    (sum.to_bits() >> 21) as usize
}
/// Two different words at least this alike in the table, once the common
/// component of general text is removed, are shown as a pair that carried
/// a link ("meddling ≈ interfering"); words of one story that are not one
/// thing ("trial", "sentenced") score below it, and unrelated pairs such as
/// "Thursday" and "plan" far below.
pub(crate) const CLOSE_WORDS: f32 = 0.65;
/// Evidence a link needs: a specific shared term or topic counts one, a phrase topic with a specific word two, generic ones
/// ([`GENERIC_EVIDENCE`]) a fraction.
const MIN_EVIDENCE: f32 = 2.0;
const GENERIC_EVIDENCE: f32 = 0.34;
/// A close word pair may be two things of one kind ("barley" and
/// "bread"), not one thing in other words: it counts half.
const PAIR_EVIDENCE: f32 = 0.5;
/// Pairs of passages sampled to learn what unrelated passages of this
/// library score.
const CALIBRATION_PAIRS: usize = 4_000;

/// Mean and spread of one score over pairs of passages of different
/// articles, taken as the library's background.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Background {
    pub mean: f32,
    pub sd: f32,
}

impl Background {
    pub fn of(values: &[f32]) -> Background {
        let n = values.len().max(1) as f32;
        let mean = values.iter().sum::<f32>() / n;
        let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n;
        Background {
            mean,
            sd: var.sqrt().max(1e-3),
        }
    }

    /// How many spreads `v` lies above the background's mean.
    pub fn z(&self, v: f32) -> f32 {
        (v - self.mean) / self.sd
    }
}

/// The library's background for each kind of evidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Calibration {
    pub lexical: Background,
    /// Vector cosine and word alignment, when linking uses meaning.
    pub semantic: Option<(Background, Background)>,
}

/// A calibrated score, in standard deviations above what unrelated
/// passages of the library score, shown to the reader in 0..1.
pub(crate) fn shown_score(z: f32) -> f32 {
    if z <= 0.0 {
        0.0
    } else {
        z / (z + 4.0)
    }
}

/// The calibrated score a shown score stands for: the inverse of
/// [`shown_score`].
pub(crate) fn score_for_shown(s: f32) -> f32 {
    let s = s.clamp(0.0, 0.99);
    4.0 * s / (1.0 - s)
}

/// A deterministic stream of pseudo-random numbers (SplitMix64), so that
/// the same library always gets the same calibration.
pub(crate) struct Sampler(u64);

impl Sampler {
    pub fn new(seed: u64) -> Sampler {
        Sampler(seed)
    }

    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z % n.max(1) as u64) as usize
    }
}

/// Calibrated scores of article pairs.
pub(crate) struct ArticleScores<'a> {
    pub vecs: &'a [SparseVec],
    pub semantic: Option<&'a Semantic<'a>>,
    pub lexical: Background,
    pub vector: Option<Background>,
}

impl ArticleScores<'_> {
    /// How far articles `a` and `b`, whose shared-terms cosine is
    /// `cosine`, stand out from the library's unrelated pairs, in standard
    /// deviations.
    pub fn z(&self, a: usize, b: usize, cosine: f32) -> f32 {
        let lexical = self.lexical.z(cosine);
        match (self.semantic, self.vector) {
            (Some(sem), Some(vector)) => (lexical + vector.z(sem.article_cosine(a, b))) / 2.0,
            _ => lexical,
        }
    }
}

/// How much the articles' own relatedness adds to a passage pair's
/// score: a passage pair of articles on one story is likelier the same
/// thing than an equally close pair of articles on different stories,
/// which share only the kind of words ("ruling", "appeal", "ban"). Articles
/// less related than usual take nothing away: in a small library on one
/// subject, every pair is about as related as the next.
const ARTICLE_WEIGHT: f32 = 0.5;

/// The shown score of articles `a` and `b` in the related articles listed
/// for either, or 0.0 where neither lists the other.
pub(crate) fn listed_score(related: &[Vec<(usize, f32)>], a: usize, b: usize) -> f32 {
    let listed = |x: usize, y: usize| {
        related
            .get(x)
            .and_then(|r| r.iter().find(|&&(z, _)| z == y))
            .map(|&(_, s)| s)
    };
    listed(a, b).or_else(|| listed(b, a)).unwrap_or(0.0)
}

/// For each article, the articles related to it either way with their
/// shown scores: those it lists, then those listing it that it does not.
/// A pair's entry is its [`listed_score`], found in one short list.
fn related_either_way(related: &[Vec<(usize, f32)>]) -> Vec<Vec<(usize, f32)>> {
    let mut out = related.to_vec();
    for (b, list) in related.iter().enumerate() {
        for &(a, s) in list {
            if !related[a].iter().any(|&(x, _)| x == b) {
                out[a].push((b, s));
            }
        }
    }
    out
}

/// Passages that can link: (article, passage index) by global number.
fn linkable(ctx: &Context) -> Vec<(usize, usize)> {
    passage_ids(ctx.docs)
        .into_iter()
        .filter(|&(a, p)| !ctx.vecs[a][p].is_empty())
        .collect()
}

/// Learns the background from pairs of passages of different articles.
pub(crate) fn calibrate(ctx: &Context) -> Calibration {
    let ids = linkable(ctx);
    let mut rng = Sampler::new(0x5EED_u64 ^ ids.len() as u64);
    let mut pairs = Vec::with_capacity(CALIBRATION_PAIRS);
    let multi = ids.first().is_some_and(|f| ids.iter().any(|x| x.0 != f.0));
    if multi {
        let mut tries = 0;
        while pairs.len() < CALIBRATION_PAIRS && tries < CALIBRATION_PAIRS * 20 {
            tries += 1;
            let (x, y) = (ids[rng.below(ids.len())], ids[rng.below(ids.len())]);
            if x.0 != y.0 {
                pairs.push((x, y));
            }
        }
    }
    let scored: Vec<(f32, f32, f32)> = pairs
        .par_iter()
        .map(|&(x, y)| {
            let lex = dot(&ctx.vecs[x.0][x.1], &ctx.vecs[y.0][y.1]);
            match ctx.semantic {
                Some(sem) => (lex, sem.passage_cosine(x, y), sem.alignment(x, y)),
                None => (lex, 0.0, 0.0),
            }
        })
        .collect();
    let of = |f: fn(&(f32, f32, f32)) -> f32| {
        Background::of(&scored.iter().map(f).collect::<Vec<f32>>())
    };
    Calibration {
        lexical: of(|s| s.0),
        semantic: ctx.semantic.map(|_| (of(|s| s.1), of(|s| s.2))),
    }
}

/// How much a pair's score counts given the shorter passage's number of
/// distinct terms.
fn length_factor(a: usize, b: usize) -> f32 {
    (a.min(b) as f32 / SHORT_TERMS).min(1.0).sqrt()
}

/// What speaks for a link beside its score, in units of evidence: shared
/// terms and topics that are not in nearly every article, and close word
/// pairs. Terms a shared topic accounts for are not counted again.
fn evidence(ctx: &Context, common: &[(u32, f32)], close: &[Alike]) -> f32 {
    let words = ctx.weights.words;
    let topics = || {
        common
            .iter()
            .filter(|&&(t, _)| t as usize >= words)
            .map(|&(t, _)| t)
    };
    let explained = |t: u32| topics().any(|k| ctx.topic_keys[k as usize - words].contains(&t));
    let mut sum = 0.0;
    for &(t, _) in common {
        let generic = ctx.weights.generic[t as usize];
        if (t as usize) >= words {
            let phrase = ctx.topic_keys[t as usize - words].len() >= 2;
            sum += match (phrase, generic) {
                (true, false) => 2.0,
                (false, false) => 1.0,
                _ => GENERIC_EVIDENCE,
            };
        } else if !explained(t) {
            sum += if generic { GENERIC_EVIDENCE } else { 1.0 };
        }
    }
    if let Some(sem) = ctx.semantic {
        let table = sem.table();
        for pair in close {
            let rank = |l| table.rank(sem.table_id(l));
            let generic = rank(pair.x) < GENERIC_RANK && rank(pair.y) < GENERIC_RANK;
            sum += if generic {
                GENERIC_EVIDENCE
            } else {
                PAIR_EVIDENCE
            };
        }
    }
    sum
}

/// Words among the most frequent this many of general English ("prime",
/// "minister", "statement", "Friday") are generic: they occur in every
/// kind of text and say little about a topic on their own.
pub(crate) const GENERIC_RANK: u32 = 1_000;

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

/// A candidate target with its scores so far.
#[derive(Clone, Copy)]
struct Candidate {
    global: u32,
    lexical: f32,
    /// The cosine of the two passages' vectors, when linking uses meaning.
    cosine: f32,
    /// See [`length_factor`].
    length: f32,
    /// The calibrated score: lexical and vector evidence first, then with
    /// the word alignment too.
    z: f32,
}

impl Candidate {
    /// Passage `global` with its shared-words score, not yet scored further.
    fn new(global: u32, lexical: f32) -> Candidate {
        Candidate {
            global,
            lexical,
            cosine: 0.0,
            length: 0.0,
            z: 0.0,
        }
    }
}

/// Links for every passage, by article and block, with the number of
/// candidate pairs scored.
pub(crate) fn link_all(
    ctx: &Context,
    cal: &Calibration,
    related: &[Vec<(usize, f32)>],
    settings: &Settings,
) -> (Vec<Vec<Vec<Link>>>, usize) {
    let ids = passage_ids(ctx.docs);
    // Each article's first global and first linkable passage number.
    let (mut first, mut first_linkable) = (Vec::new(), Vec::new());
    let mut global = 0;
    // Linkable passages by their own number, which the postings use: most
    // passages are too short or skipped, and the sums of one source's
    // targets then fit in a core's cache.
    let mut linkable: Vec<u32> = Vec::new();
    let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); ctx.weights.usable.len()];
    for passages in ctx.vecs {
        first.push(global);
        first_linkable.push(linkable.len() as u32);
        for vec in passages {
            if !vec.is_empty() {
                for &(t, w) in vec {
                    postings[t as usize].push((linkable.len() as u32, w));
                }
                linkable.push(global as u32);
            }
            global += 1;
        }
    }
    first_linkable.push(linkable.len() as u32);
    let n = ids.len();
    // Term counts by global number, read for every candidate: one flat
    // array stays in cache where the passages' own vectors would not.
    let terms: Vec<u32> = ids
        .iter()
        .map(|&(a, p)| ctx.vecs[a][p].len() as u32)
        .collect();
    let typical = median_terms(&terms);
    let either_way = related_either_way(related);
    let min_z = score_for_shown(settings.min_link_score);
    let near_z = MUTUAL_SHARE * min_z;
    // Each source passage is scored on its own, on all cores; the sums are
    // taken in the same order as one after another, so results do not
    // depend on the number of threads.
    let found: Vec<(usize, Vec<Link>, Option<Accepted>)> = ids
        .par_iter()
        .map_init(
            || {
                (
                    vec![0.0f32; linkable.len()],
                    Marks::new(n),
                    Vec::<u32>::new(),
                    SparseVec::new(),
                    vec![0u32; SUM_BUCKETS],
                )
            },
            |(acc, marks, touched, common, counts), &(a, p)| {
                let source = &ctx.vecs[a][p];
                if source.is_empty() {
                    return (0, Vec::new(), None);
                }
                // An article's passages are numbered one after another.
                let own = first_linkable[a]..first_linkable[a + 1];
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
                // The passages sharing most with the source, then those of
                // its article's most related articles, each once.
                // Most of the passages touched share only a common word or
                // two. Counting the sums by size finds a bucket above which
                // at least the candidates needed lie, and only those are
                // looked at.
                counts.fill(0);
                for &h in touched.iter() {
                    counts[sum_bucket(acc[h as usize])] += 1;
                }
                let mut above = 0;
                let least = (0..SUM_BUCKETS)
                    .rev()
                    .find(|&k| {
                        above += counts[k] as usize;
                        above >= LEXICAL_CANDIDATES
                    })
                    .unwrap_or(0);
                let mut cands: Vec<Candidate> = Vec::with_capacity(above);
                for &h in touched.iter() {
                    let sum = std::mem::take(&mut acc[h as usize]);
                    if sum_bucket(sum) >= least {
                        cands.push(Candidate::new(linkable[h as usize], sum));
                    }
                }
                touched.clear();
                keep_first_by(&mut cands, LEXICAL_CANDIDATES, |x, y| {
                    y.lexical
                        .total_cmp(&x.lexical)
                        .then_with(|| x.global.cmp(&y.global))
                });
                let semantic = ctx
                    .semantic
                    .zip(cal.semantic)
                    .filter(|(sem, _)| sem.has_vector((a, p)));
                if let Some((sem, _)) = semantic {
                    for c in &cands {
                        marks.insert(c.global);
                    }
                    for &b in &ctx.neighbours[a] {
                        for q in 0..ctx.docs[b].len() {
                            let h = (first[b] + q) as u32;
                            if !marks.contains(h)
                                && terms[h as usize] != 0
                                && sem.has_vector((b, q))
                            {
                                marks.insert(h);
                                cands.push(Candidate::new(h, 0.0));
                            }
                        }
                    }
                    for c in &cands {
                        marks.remove(c.global);
                    }
                }
                for c in &mut cands {
                    c.length = length_factor(source.len(), terms[c.global as usize] as usize);
                    let lexical = cal.lexical.z(c.lexical);
                    c.z = match semantic {
                        Some((sem, (vector, _))) => {
                            c.cosine = sem.passage_cosine((a, p), ids[c.global as usize]);
                            with_meaning(lexical, (lexical + vector.z(c.cosine)) / 2.0)
                        }
                        None => lexical,
                    } * c.length;
                }
                let by_score = |x: &Candidate, y: &Candidate| {
                    y.z.total_cmp(&x.z).then_with(|| x.global.cmp(&y.global))
                };
                keep_first_by(&mut cands, ALIGNED_CANDIDATES, by_score);
                let mut comparer =
                    semantic.map(|(sem, _)| Comparer::new(sem, (a, p), ALIGNED_CANDIDATES));
                // Each aligned candidate with the word pairs found alike.
                let mut aligned: Vec<(Candidate, Vec<Alike>)> = cands
                    .into_iter()
                    .map(|mut c| {
                        let (b, q) = ids[c.global as usize];
                        let mut alike = Vec::new();
                        if let (Some((_, (vector, aligned))), Some(comparer)) =
                            (semantic, comparer.as_mut())
                        {
                            let (align, pairs) = comparer.compare((b, q), Some(CLOSE_WORDS));
                            alike = pairs;
                            let lexical = cal.lexical.z(c.lexical);
                            c.z = with_meaning(
                                lexical,
                                (lexical + vector.z(c.cosine) + aligned.z(align)) / 3.0,
                            ) * c.length;
                        }
                        let listed = either_way[a].iter().find(|&&(x, _)| x == b);
                        c.z += ARTICLE_WEIGHT * score_for_shown(listed.map_or(0.0, |&(_, s)| s));
                        (c, alike)
                    })
                    .collect();
                aligned.sort_by(|x, y| by_score(&x.0, &y.0));
                let mut weigh = |(c, alike): &(Candidate, Vec<Alike>)| {
                    let (b, q) = ids[c.global as usize];
                    evidence_into(ctx.weights, source, &ctx.vecs[b][q], common);
                    let evidence = evidence(ctx, common, alike);
                    (evidence >= MIN_EVIDENCE).then(|| Accepted {
                        target: (b, q),
                        z: c.z,
                        evidence,
                        close: alike.clone(),
                    })
                };
                let mut accepted: Vec<Accepted> = aligned
                    .iter()
                    .take_while(|(c, _)| c.z >= min_z)
                    .filter_map(&mut weigh)
                    .collect();
                // Without a link above the threshold, the best candidate
                // with enough evidence a little below it, if any.
                let nearest = if accepted.is_empty() {
                    aligned
                        .iter()
                        .skip_while(|(c, _)| c.z >= min_z)
                        .take_while(|(c, _)| c.z >= near_z)
                        .find_map(&mut weigh)
                } else {
                    None
                };
                keep_most_specific_per_article(&mut accepted, settings.max_links_per_article);
                let weight =
                    |x: &Accepted| label_weight(ctx.vecs[x.target.0][x.target.1].len(), typical);
                // Only the links kept have their labels written and their
                // shared words marked.
                let links = most_shared(
                    accepted
                        .into_iter()
                        .map(|x| {
                            let evidence = x.evidence;
                            (x, evidence)
                        })
                        .collect(),
                    settings.max_links_per_passage,
                    |x| label_bound(ctx, (a, p), x.target, &x.close) as f32 * weight(x),
                    |x| {
                        let shown = labels(ctx, (a, p), x.target, &x.close);
                        let count = shown.because.len() as f32 * weight(x);
                        (shown, count)
                    },
                )
                .into_iter()
                .map(|(x, shown)| make_link(ctx, (a, p), x.target, x.z, shown))
                .collect();
                (pairs, links, nearest)
            },
        )
        .collect();
    let global = |(b, q): (usize, usize)| first[b] + q;
    let nearest: Vec<Option<usize>> = found
        .iter()
        .map(|(_, _, near)| near.as_ref().map(|x| global(x.target)))
        .collect();
    let mut out: Vec<Vec<Vec<Link>>> = ctx
        .articles
        .iter()
        .map(|art| vec![Vec::new(); art.blocks.len()])
        .collect();
    let mut pairs = 0usize;
    for (g, (&(a, p), (touched, mut links, near))) in ids.iter().zip(found).enumerate() {
        pairs += touched;
        // Passages that are each other's nearest in the whole library link
        // at a slightly lower bar: in a small library on one subject every
        // pair stands out less from the background.
        if let Some(x) = near.filter(|x| nearest[global(x.target)] == Some(g)) {
            let shown = labels(ctx, (a, p), x.target, &x.close);
            links.push(make_link(ctx, (a, p), x.target, x.z, shown));
        }
        out[a][ctx.docs[a][p].block] = links;
    }
    (out, pairs)
}

/// A set of the library's passages, a bit each, for the candidates of one
/// source. It is emptied by removing what was inserted.
struct Marks(Vec<u64>);

impl Marks {
    fn new(passages: usize) -> Marks {
        Marks(vec![0; passages.div_ceil(64)])
    }

    fn contains(&self, h: u32) -> bool {
        self.0[(h >> 6) as usize] & (1 << (h & 63)) != 0
    }

    fn insert(&mut self, h: u32) {
        self.0[(h >> 6) as usize] |= 1 << (h & 63);
    }

    fn remove(&mut self, h: u32) {
        self.0[(h >> 6) as usize] &= !(1 << (h & 63));
    }
}

/// The share of the threshold that two passages need when each is the
/// other's best match in the library and neither has a link above it.
const MUTUAL_SHARE: f32 = 0.9;

/// A target passage that scored above the threshold with enough evidence.
struct Accepted {
    target: (usize, usize),
    z: f32,
    evidence: f32,
    close: Vec<Alike>,
}

/// Keeps, of the passages accepted from one article, the `per_article`
/// that share the most specific evidence with the source, in score order.
/// Articles on one story are close all through, so the best-scoring
/// passage of such an article is often one that merely shares the story,
/// while the passage sharing the same fact has more distinct evidence.
fn keep_most_specific_per_article(accepted: &mut Vec<Accepted>, per_article: usize) {
    // A passage is kept unless enough of its article's rank before it: more
    // evidence, or as much and a higher score (an earlier place).
    let keep: Vec<bool> = accepted
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let before = accepted.iter().enumerate().filter(|&(j, y)| {
                y.target.0 == x.target.0
                    && (y.evidence > x.evidence || (y.evidence == x.evidence && j < i))
            });
            before.count() < per_article
        })
        .collect();
    let mut keep = keep.into_iter();
    accepted.retain(|_| keep.next().unwrap_or(false));
}

/// How much each label of a link counts when a passage's links are capped,
/// given the target passage's number of distinct terms and the library's
/// typical (median) number: a passage longer than typical shares more
/// words with anything by chance, so its labels count for less; a shorter
/// one gains nothing, so a headline is not favoured.
fn label_weight(target_terms: usize, typical: usize) -> f32 {
    let typical = typical.max(1) as f32;
    (typical / (target_terms as f32).max(typical)).sqrt()
}

/// The median number of distinct terms of the passages that can link
/// (those with any).
fn median_terms(terms: &[u32]) -> usize {
    let mut counts: Vec<u32> = terms.iter().copied().filter(|&t| t > 0).collect();
    if counts.is_empty() {
        return 1;
    }
    let mid = counts.len() / 2;
    *counts.select_nth_unstable(mid).1 as usize
}

/// Of `links` (in score order, each with its evidence) the `cap` that show
/// the most shared names, terms, topics and alike word pairs, then the most
/// specific evidence, then the highest score; listed in score order with
/// their labels. In a library of articles on one story every passage
/// stands out against most passages of the other articles; the links
/// sharing most are those on the same fact.
///
/// `label` gives a link's labels and how much they count (at
/// [`link_all`]'s call, their number times [`label_weight`]), which costs;
/// `bound` is cheap and never less than that, so only the links that may
/// still make the cut are labelled.
fn most_shared<T, L>(
    links: Vec<(T, f32)>,
    cap: usize,
    bound: impl Fn(&T) -> f32,
    label: impl Fn(&T) -> (L, f32),
) -> Vec<(T, L)> {
    if cap == 0 {
        return Vec::new();
    }
    // (labels, evidence, place in score order): the lesser comes first.
    let first = |x: &(f32, f32, usize), y: &(f32, f32, usize)| {
        y.0.total_cmp(&x.0)
            .then_with(|| y.1.total_cmp(&x.1))
            .then_with(|| x.2.cmp(&y.2))
    };
    let mut hopeful: Vec<(f32, f32, usize)> = links
        .iter()
        .enumerate()
        .map(|(i, (link, evidence))| (bound(link), *evidence, i))
        .collect();
    hopeful.sort_by(first);
    let mut labelled: Vec<((f32, f32, usize), L)> = Vec::new();
    for best_left in hopeful {
        if labelled.len() >= cap {
            labelled.sort_by(|x, y| first(&x.0, &y.0));
            if first(&labelled[cap - 1].0, &best_left).is_lt() {
                break;
            }
        }
        let (l, count) = label(&links[best_left.2].0);
        labelled.push(((count, best_left.1, best_left.2), l));
    }
    labelled.sort_by(|x, y| first(&x.0, &y.0));
    labelled.truncate(cap);
    labelled.sort_unstable_by_key(|x| x.0 .2);
    let mut links: Vec<Option<T>> = links.into_iter().map(|(link, _)| Some(link)).collect();
    labelled
        .into_iter()
        .filter_map(|((_, _, i), l)| Some((links[i].take()?, l)))
        .collect()
}

/// At least as many as the labels [`labels`] shows for a link, worked out
/// without writing any: the shared terms it would list, and up to three
/// alike word pairs.
fn label_bound(
    ctx: &Context,
    (a, p): (usize, usize),
    (b, q): (usize, usize),
    close: &[Alike],
) -> usize {
    let mut common: Vec<u32> = Vec::new();
    each_shared(&ctx.vecs[a][p], &ctx.vecs[b][q], |t, _| common.push(t));
    let pairs = if ctx.semantic.is_some() {
        close.len().min(3)
    } else {
        0
    };
    listed_terms(ctx, &common).len() + pairs
}

/// Of the terms two passages share, those their link's labels list: every
/// shared topic but a single word inside a shared phrase topic, and every
/// shared word that no shared topic accounts for. In the order of `common`.
fn listed_terms(ctx: &Context, common: &[u32]) -> Vec<u32> {
    let words = ctx.weights.words as u32;
    let keys = || {
        common
            .iter()
            .filter(|&&t| t >= words)
            .map(|&t| &ctx.topic_keys[(t - words) as usize])
    };
    let in_phrase = |t: u32| keys().any(|k| k.len() >= 2 && k.contains(&t));
    let explained = |t: u32| keys().any(|k| k.contains(&t));
    common
        .iter()
        .copied()
        .filter(|&t| {
            if t >= words {
                !matches!(ctx.topic_keys[(t - words) as usize].as_slice(), [only] if in_phrase(*only))
            } else {
                !explained(t)
            }
        })
        .collect()
}

/// What a link shows: its labels, most telling first, the spans of the
/// alike word pairs in the source and the target, and the terms and topics
/// the two passages share.
struct Labels {
    because: Vec<String>,
    pair_spans: (Vec<Span>, Vec<Span>),
    common: Vec<(u32, f32)>,
    shared_topics: Vec<usize>,
}

fn labels(
    ctx: &Context,
    (a, p): (usize, usize),
    (b, q): (usize, usize),
    close: &[Alike],
) -> Labels {
    let words = ctx.weights.words;
    let common = shared(&ctx.vecs[a][p], &ctx.vecs[b][q]);
    let shared_topics: Vec<usize> = common
        .iter()
        .filter(|&&(t, _)| t as usize >= words)
        .map(|&(t, _)| t as usize - words)
        .collect();
    // Words and single names that a shared phrase topic already accounts
    // for are not listed again; phrase topics lead, then names, then words,
    // then word pairs the vectors find alike, then faint topics (NATO in a
    // library about NATO).
    let ids: Vec<u32> = common.iter().map(|&(t, _)| t).collect();
    // A shared word is shown as the source passage writes it.
    let written = |art: usize, pi: usize, term: u32| -> Option<String> {
        let passage = &ctx.docs[art][pi];
        let t = passage.tokens.iter().find(|t| t.term == Some(term))?;
        let s = t.span.of(&ctx.articles[art].text);
        Some(if t.name {
            s.to_string()
        } else {
            s.to_lowercase()
        })
    };
    let mut ranked: Vec<(u8, String)> = Vec::new();
    for t in listed_terms(ctx, &ids) {
        let entry = if (t as usize) >= words {
            let key = &ctx.topic_keys[t as usize - words];
            let rank = if ctx.weights.faint[t as usize] {
                4
            } else {
                u8::from(key.len() == 1)
            };
            // As each passage writes it, so that the label is true of
            // both word for word: "North Atlantic Treaty Organization ≈
            // NATO" where the two write one topic differently.
            let i = t as usize - words;
            let label = match topic_written(ctx, a, p, i).next() {
                Some(x) => {
                    let theirs: Vec<String> = topic_written(ctx, b, q, i).collect();
                    let alike = theirs.iter().any(|y| y.eq_ignore_ascii_case(&x)) || {
                        let ours = content_stems(ctx, &x);
                        theirs.iter().any(|y| content_stems(ctx, y) == ours)
                    };
                    match theirs.first() {
                        Some(y) if !alike => format!("{x} ≈ {y}"),
                        _ => x,
                    }
                }
                None => ctx.topics[i].label.clone(),
            };
            (rank, label)
        } else {
            // A name written two ways ("Ioannidis" and "Ioanidis") is
            // shown both ways, so that the label is true of each passage.
            match (written(a, p, t), written(b, q, t)) {
                (Some(x), Some(y))
                    if !x.eq_ignore_ascii_case(&y)
                        && ctx.stem(&x.to_lowercase()) != ctx.stem(&y.to_lowercase()) =>
                {
                    (2, format!("{x} ≈ {y}"))
                }
                (Some(x), _) => (2, x),
                (None, _) => continue,
            }
        };
        if !ranked.iter().any(|(_, b)| b.eq_ignore_ascii_case(&entry.1)) {
            ranked.push(entry);
        }
    }
    // Close word pairs, as each passage writes its word.
    let mut pair_spans: (Vec<Span>, Vec<Span>) = (Vec::new(), Vec::new());
    if let Some(sem) = ctx.semantic {
        let token_of = |(art, pi): (usize, usize), l| -> Option<(Span, &str)> {
            let t = &ctx.docs[art][pi].tokens[sem.first_token((art, pi), l)?];
            Some((t.span, t.span.of(&ctx.articles[art].text)))
        };
        for pair in close.iter().take(3) {
            if let (Some((sx, wx)), Some((sy, wy))) =
                (token_of((a, p), pair.x), token_of((b, q), pair.y))
            {
                pair_spans.0.push(sx);
                pair_spans.1.push(sy);
                ranked.push((3, format!("{wx} ≈ {wy}")));
            }
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
    Labels {
        because,
        pair_spans,
        common,
        shared_topics,
    }
}

/// The link with `labels`, and the words the two passages share marked.
fn make_link(
    ctx: &Context,
    (a, p): (usize, usize),
    (b, q): (usize, usize),
    z: f32,
    labels: Labels,
) -> Link {
    let words = ctx.weights.words;
    let Labels {
        because,
        pair_spans,
        common,
        shared_topics,
    } = labels;
    let terms: HashSet<u32> = common
        .iter()
        .map(|&(t, _)| t)
        .filter(|&t| (t as usize) < words)
        .collect();
    let highlight = |art: usize, pi: usize, extra: &[Span]| {
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
        spans.extend_from_slice(extra);
        merge(spans)
    };
    Link {
        article: b,
        block: ctx.docs[b][q].block,
        span: ctx.articles[b].blocks[ctx.docs[b][q].block].span,
        score: shown_score(z),
        because,
        highlights: highlight(b, q, &pair_spans.1),
        source_highlights: highlight(a, p, &pair_spans.0),
    }
}

/// Each way passage `p` of article `a` writes topic `i`, on one line, in
/// reading order.
fn topic_written<'c>(
    ctx: &'c Context,
    a: usize,
    p: usize,
    i: usize,
) -> impl Iterator<Item = String> + 'c {
    ctx.passage_topics[a]
        .get(&ctx.docs[a][p].block)
        .into_iter()
        .flatten()
        .filter(move |&&(topic, _)| topic == i)
        .map(move |&(_, span)| {
            crate::text::sanitize::one_line(span.of(&ctx.articles[a].text))
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .to_string()
        })
        .filter(|l| !l.is_empty())
}

/// The stems of a phrase's words other than stop words, sorted and each
/// once: "liaison office in Tokyo" and "Tokyo Liaison Office" give the
/// same set.
fn content_stems(ctx: &Context, phrase: &str) -> Vec<String> {
    let mut out: Vec<String> = label_words(phrase)
        .into_iter()
        .filter(|w| !super::terms::is_stop(w))
        .map(|w| ctx.stem(&w))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
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
                keep_best(&mut best, limit);
                best
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::vecmath::normalise;
    use crate::analysis::{Analysis, Settings};

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
    fn calibration_measures_against_the_background() {
        let bg = Background::of(&[0.1, 0.2, 0.3]);
        assert!((bg.mean - 0.2).abs() < 1e-6);
        assert!(bg.z(0.2).abs() < 1e-6);
        assert!(bg.z(0.5) > 3.0, "{}", bg.z(0.5));
        // A background without spread still gives finite scores.
        assert!(Background::of(&[0.0; 10]).z(1.0).is_finite());
        // Shown scores grow with the calibrated one, stay in 0..1, and the
        // threshold setting is their inverse.
        let mut last = 0.0;
        for z in [0.5f32, 1.0, 2.0, 3.0, 6.0, 20.0] {
            let s = shown_score(z);
            assert!(s > last && s < 1.0);
            assert!((score_for_shown(s) - z).abs() < 1e-3, "{z}");
            last = s;
        }
        assert_eq!(shown_score(-1.0), 0.0);
    }

    #[test]
    fn sum_buckets_keep_the_order_of_the_sums() {
        let sums = [
            1e-30f32,
            1e-6,
            0.001,
            0.0011,
            0.05,
            0.3,
            0.31,
            0.9,
            1.0,
            2.5,
            f32::MAX,
        ];
        let buckets: Vec<usize> = sums.iter().map(|&s| sum_bucket(s)).collect();
        assert!(buckets.windows(2).all(|w| w[0] <= w[1]), "{buckets:?}");
        assert!(buckets.iter().all(|&b| b < SUM_BUCKETS));
        // Sums far apart are told apart.
        assert!(sum_bucket(0.1) < sum_bucket(0.2));
        assert!(sum_bucket(0.2) < sum_bucket(0.3));
    }

    #[test]
    fn either_way_lists_give_each_pair_its_listed_score() {
        // 0 lists 1 and 2; 2 lists 0 with its own score; 3 lists 1 only.
        let related = vec![
            vec![(1, 0.5), (2, 0.4)],
            vec![],
            vec![(0, 0.3)],
            vec![(1, 0.2)],
        ];
        let either = related_either_way(&related);
        for (a, list) in either.iter().enumerate() {
            for b in 0..4 {
                let found = list.iter().find(|&&(x, _)| x == b);
                assert_eq!(
                    found.map_or(0.0, |&(_, s)| s),
                    listed_score(&related, a, b),
                    "{a} and {b}"
                );
            }
        }
        assert_eq!(either[1], vec![(0, 0.5), (3, 0.2)]);
    }

    #[test]
    fn labels_of_passages_longer_than_typical_count_for_less() {
        assert_eq!(label_weight(10, 30), 1.0);
        assert_eq!(label_weight(30, 30), 1.0);
        assert!((label_weight(120, 30) - 0.5).abs() < 1e-6);
        assert!(label_weight(60, 30) < label_weight(40, 30));
        // Eight labels of a passage four times the typical length count as
        // four of a typical one.
        assert!((8.0 * label_weight(120, 30) - 4.0).abs() < 1e-5);
        assert_eq!(median_terms(&[0, 5, 40, 0, 9, 12, 30]), 12);
        assert_eq!(median_terms(&[0, 0]), 1);
    }

    #[test]
    fn a_passage_lists_the_links_that_share_most() {
        // An article with the link's labels, and its evidence.
        let link = |article: usize, because: &'static [&'static str], evidence: f32| {
            ((article, because), evidence)
        };
        // In score order, as the selection sees them.
        let all = || {
            vec![
                link(1, &["Yukos", "Russian"], 2.0),
                link(2, &["Chapter 11", "Houston", "Yukos", "auction"], 5.0),
                link(3, &["Yukos", "sale", "court"], 3.0),
                link(4, &["Yukos", "bankruptcy", "US"], 3.5),
            ]
        };
        let labelled = std::cell::Cell::new(0);
        let label = |&(_, because): &(usize, &[&str])| {
            labelled.set(labelled.get() + 1);
            (because.join(", "), because.len() as f32)
        };
        let kept = |cap: usize, slack: usize| -> Vec<usize> {
            most_shared(all(), cap, |(_, b)| (b.len() + slack) as f32, label)
                .into_iter()
                .map(|((article, _), _)| article)
                .collect()
        };
        for slack in [0, 1, 5] {
            assert_eq!(kept(0, slack), Vec::<usize>::new());
            assert_eq!(kept(1, slack), [2]);
            assert_eq!(kept(2, slack), [2, 4]);
            assert_eq!(kept(3, slack), [2, 3, 4]);
            assert_eq!(kept(9, slack), [1, 2, 3, 4]);
        }
        // With a bound that is exact, the links that cannot make the cut
        // are never labelled.
        labelled.set(0);
        assert_eq!(kept(1, 0), [2]);
        assert_eq!(labelled.get(), 1);
        let kept_labels = most_shared(all(), 1, |(_, b)| b.len() as f32, label);
        assert_eq!(kept_labels[0].1, "Chapter 11, Houston, Yukos, auction");
    }

    #[test]
    fn of_each_article_the_passages_with_most_evidence_are_kept_in_score_order() {
        let accepted = |target: (usize, usize), z: f32, evidence: f32| Accepted {
            target,
            z,
            evidence,
            close: Vec::new(),
        };
        // In score order, as the selection sees them.
        let all = || {
            vec![
                accepted((1, 4), 5.0, 2.5),
                accepted((2, 0), 4.0, 3.0),
                accepted((1, 7), 3.5, 6.0),
                accepted((1, 2), 3.0, 4.0),
                accepted((3, 1), 2.9, 2.0),
            ]
        };
        let targets = |v: &[Accepted]| v.iter().map(|x| x.target).collect::<Vec<_>>();
        let mut one = all();
        keep_most_specific_per_article(&mut one, 1);
        assert_eq!(targets(&one), [(2, 0), (1, 7), (3, 1)]);
        let mut two = all();
        keep_most_specific_per_article(&mut two, 2);
        assert_eq!(targets(&two), [(2, 0), (1, 7), (1, 2), (3, 1)]);
        let mut every = all();
        keep_most_specific_per_article(&mut every, 5);
        assert_eq!(targets(&every), targets(&all()));
    }

    #[test]
    fn sampling_is_repeatable() {
        let draw = |seed| {
            let mut s = Sampler::new(seed);
            (0..20).map(|_| s.below(7)).collect::<Vec<_>>()
        };
        assert_eq!(draw(1), draw(1));
        assert_ne!(draw(1), draw(2));
        assert!(draw(3).iter().all(|&x| x < 7));
    }

    /// A library of two stories told twice in other words, and unrelated
    /// filler, so that the background is the library's own.
    fn stories() -> Vec<crate::corpus::Article> {
        library(&[
            "Officials accused Moscow of meddling in the parliamentary election campaign through hacked email accounts and fake news sites.\n\n\
             The harvest of wheat and barley was gathered early this year after a long dry summer across the southern plains.\n\n\
             A new library opened downtown with reading rooms, a cafe and a hall for concerts on weekend evenings.",
            "The government said Russia had been interfering in the parliamentary vote by breaking into email accounts and spreading false stories online.\n\n\
             Football supporters travelled across the country for the cup final, which ended in a penalty shootout after extra time.\n\n\
             Museum curators restored a series of medieval paintings that had been damaged by damp in the cellar.",
            "Farmers brought in the wheat and barley crop ahead of schedule because the summer was so dry in the southern plains.\n\n\
             The orchestra announced a season of symphonies, with guest conductors from three continents and free student tickets.\n\n\
             A chef opened a restaurant serving dishes from the mountains, with bread baked each morning in a wood oven.",
        ])
    }

    fn linked(a: &Analysis, from: (usize, usize), to: (usize, usize)) -> Option<Link> {
        a.links_for(from.0, from.1)
            .iter()
            .find(|l| (l.article, l.block) == to)
            .cloned()
    }

    #[test]
    fn paraphrases_link_through_meaning_and_unrelated_passages_do_not() {
        let arts = stories();
        let settings = Settings {
            min_link_score: 0.2,
            ..Settings::default()
        };
        let analysis = Analysis::compute(&arts, &settings);
        let link = linked(&analysis, (0, 0), (1, 0)).expect("meddling links interfering");
        assert!(
            link.because.iter().any(|b| b.contains('≈')),
            "{:?}",
            link.because
        );
        assert!(linked(&analysis, (0, 1), (2, 0)).is_some(), "the harvest");
        for (x, art) in arts.iter().enumerate() {
            for b in 0..art.blocks.len() {
                for l in analysis.links_for(x, b) {
                    let pair = [(x, b), (l.article, l.block)];
                    assert!(
                        pair.contains(&(0, 0)) && pair.contains(&(1, 0))
                            || pair.contains(&(0, 1)) && pair.contains(&(2, 0)),
                        "unexpected link {pair:?}: {:?}",
                        l.because
                    );
                }
            }
        }
    }

    #[test]
    fn without_meaning_only_shared_words_count() {
        let arts = stories();
        let settings = Settings {
            min_link_score: 0.2,
            semantic: false,
            ..Settings::default()
        };
        let analysis = Analysis::compute(&arts, &settings);
        for (x, art) in arts.iter().enumerate() {
            for b in 0..art.blocks.len() {
                for l in analysis.links_for(x, b) {
                    assert!(
                        l.because.iter().all(|w| !w.contains('≈')),
                        "{:?}",
                        l.because
                    );
                }
            }
        }
    }

    /// The analysis with a low bar for links, so that a missing link is
    /// missing for want of evidence, not of score.
    fn loosely(arts: &[crate::corpus::Article]) -> Analysis {
        let settings = Settings {
            min_link_score: 0.05,
            ..Settings::default()
        };
        Analysis::compute(arts, &settings)
    }

    #[test]
    fn one_generic_phrase_is_no_evidence() {
        let arts = library(&[
            "The prime minister said on Friday that the meeting had been useful and that talks would go on.\n\n\
             Engineers finished the bridge over the estuary two years late and far over its budget.",
            "Pupils at the village school planted an orchard of apple trees, and the prime minister said on Friday it was a fine idea.\n\n\
             A storm flooded the coastal road and closed the harbour to fishing boats for a week.",
            "Astronomers reported a comet that will pass close to the sun next spring and may be seen without a telescope.\n\n\
             Shops in the old town will stay open later in December for the holiday market.",
        ]);
        let analysis = loosely(&arts);
        assert!(
            linked(&analysis, (0, 0), (1, 0)).is_none(),
            "{:?}",
            analysis.links_for(0, 0)
        );
    }

    #[test]
    fn a_name_spelt_two_ways_links_and_the_label_shows_both() {
        let arts = library(&[
            "The sprinter's lawyer, Gregory Ioannidis, said the tribunal had cleared his client of missing the test in Athens.\n\n\
             Engineers finished the bridge over the estuary two years late and far over its budget.",
            "Lawyer Grigoris Ioanidis told reporters in Athens the tribunal's decision to clear the sprinter was fair.\n\n\
             A storm flooded the coastal road and closed the harbour to fishing boats for a week.",
            "Astronomers reported a comet that will pass close to the sun next spring and may be seen without a telescope.\n\n\
             Shops in the old town will stay open later in December for the holiday market.",
        ]);
        let analysis = loosely(&arts);
        let link = linked(&analysis, (0, 0), (1, 0)).expect("the lawyer's two spellings link");
        assert!(
            link.because.iter().any(|b| b == "Ioannidis ≈ Ioanidis"),
            "{:?}",
            link.because
        );
    }
}
