//! The analysis pipeline: the library tokenised, its topics found, terms
//! weighed and passages turned into vectors ([`Prepared`]), then the
//! stages that rank related articles, link passages and pick key points.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::model::{Analysis, KeyPoint, Link, Settings, Stats, Step};
use super::semantic::Semantic;
use super::terms::{self, Kind, Lexicon, Passage, Vocab};
use super::vecmath::{self, SparseVec};
use super::{keypoints, links, sections, spelling, topics, vectors};
use crate::corpus::Article;
use crate::text::Span;

/// A term that occurs in more than this share of the library's articles
/// (once there are [`COMMON_MIN_ARTICLES`] or more) is common.
///
/// Only common *words* say nothing, and only in a library big enough
/// ([`DF_MIN_ARTICLES`]) for document frequency to mean something: they are
/// then neither topics nor parts of topics. Names and acronyms are never
/// dropped for being common: in a small library on one subject, NATO, China
/// and Japan occur nearly everywhere and are exactly what a reader
/// navigates by. So NATO is a topic like China and Japan. A common topic is
/// faint instead: it weighs little in link and relatedness scores and is
/// no evidence of a link on its own.
const COMMON_SHARE: f32 = 0.8;
const COMMON_MIN_ARTICLES: usize = 4;
const DF_MIN_ARTICLES: usize = 20;
/// Weight factor of a faint topic, in place of [`TOPIC_BOOST`].
const FAINT_TOPIC_WEIGHT: f32 = 0.5;
/// Terms in more passages than this are left out of matching, so that
/// index postings stay short: `max(MIN_POSTING_CAP, passages / 10)`, and
/// never more than [`MAX_POSTING_CAP`].
const MIN_POSTING_CAP: usize = 50;
/// Past this many passages a term is too common to tell passages apart
/// (it is in 1% of a library of 100,000 passages, about 10,000 articles),
/// and scoring every pair that shares it would make linking grow with the
/// square of the library: with the cap, a library twice the size costs
/// about twice as much. Libraries of up to `10 * MAX_POSTING_CAP` passages
/// (about 1,000 articles) are not affected.
const MAX_POSTING_CAP: usize = 1_000;
const TOPIC_BOOST: f32 = 2.0;
/// Shorter passages ("- Strategic Autonomy") and passages in reading
/// lists or tables of contents get no links and are no link targets: their
/// few words match too easily to mean anything.
const MIN_LINK_WORDS: usize = 6;

/// Library-wide term statistics shared by linking and key points.
pub(crate) struct Weights {
    /// Words and acronyms come first; topic `i` is term `words + i`.
    pub words: usize,
    pub idf: Vec<f32>,
    /// Terms left out of matching: too common, or topic-free words.
    pub usable: Vec<bool>,
    /// Terms in nearly every article: words among them are not usable,
    /// topics among them weigh little and prove no link.
    pub faint: Vec<bool>,
    /// Terms common in any English text ("minister", "statement"), and
    /// topics made only of such words ("prime minister"): weak evidence.
    pub generic: Vec<bool>,
}

impl Weights {
    /// Weighted, unit-length vector from raw term counts.
    pub fn vector(&self, counts: &[(u32, f32)]) -> SparseVec {
        let mut v: SparseVec = counts
            .iter()
            .filter(|(t, _)| self.usable[*t as usize])
            .map(|&(t, tf)| {
                let boost = match ((t as usize) >= self.words, self.faint[t as usize]) {
                    (true, false) => TOPIC_BOOST,
                    (true, true) => FAINT_TOPIC_WEIGHT,
                    (false, _) => 1.0,
                };
                (t, (1.0 + tf.ln()) * self.idf[t as usize] * boost)
            })
            .collect();
        vecmath::normalise(&mut v);
        v
    }
}

/// How often each term occurs, sorted by term.
pub(crate) type Counts = Vec<(u32, f32)>;

/// Counts the content words of `tokens` and the `topics` they hold, topic
/// `i` as term `words + i`.
pub(crate) fn term_counts(
    tokens: &[terms::Token],
    topics: impl Iterator<Item = usize>,
    words: usize,
) -> Counts {
    let content = tokens.iter().filter_map(|t| match (t.kind, t.term) {
        (Kind::Content, Some(term)) => Some(term),
        _ => None,
    });
    let topics = topics.map(|i| (words + i) as u32);
    count_weighted(content.chain(topics).map(|t| (t, 1.0)))
}

/// Adds up the weights of each term.
fn count_weighted(terms: impl Iterator<Item = (u32, f32)>) -> Counts {
    let mut all: Vec<(u32, f32)> = terms.collect();
    all.sort_unstable_by_key(|&(t, _)| t);
    let mut out: Counts = Vec::with_capacity(all.len());
    for (t, n) in all {
        match out.last_mut() {
            Some(last) if last.0 == t => last.1 += n,
            _ => out.push((t, n)),
        }
    }
    out
}

/// Topic occurrences of one passage: topic index and span, in reading
/// order.
pub(crate) type PassageTopics = Vec<(usize, Span)>;

/// The library turned into terms, topics and vectors: everything linking
/// and key points read.
pub(crate) struct Prepared {
    pub docs: Vec<Vec<Passage>>,
    pub found: topics::Found,
    pub passage_topics: Vec<HashMap<usize, PassageTopics>>,
    /// Raw term counts per article and passage.
    pub counts: Vec<Vec<Counts>>,
    pub weights: Weights,
    /// Passage vectors for linking; empty for passages that take no links.
    pub vecs: Vec<Vec<SparseVec>>,
    /// Passage and article vectors, unless linking is lexical only or the
    /// word table cannot be read.
    pub semantic: Option<Semantic<'static>>,
    pub stemmer: rust_stemmers::Stemmer,
}

/// The library's passages as classified tokens, with what the first pass
/// learned and which terms are in nearly every article.
pub(crate) struct Tokens {
    pub lex: Lexicon,
    pub vocab: Vocab,
    pub docs: Vec<Vec<Passage>>,
    /// Terms in nearly every article.
    pub ubiquitous: Vec<bool>,
    /// Words too common to be topics or parts of them.
    pub common: Vec<bool>,
    /// Terms written as a name somewhere, and acronyms.
    pub named: Vec<bool>,
}

/// Two maps of counts as one, adding with `add` where both have a key. The
/// smaller map goes into the bigger one.
pub(crate) fn merge_counts<K: Eq + std::hash::Hash, V: Default>(
    a: HashMap<K, V>,
    b: HashMap<K, V>,
    add: impl Fn(&mut V, V),
) -> HashMap<K, V> {
    let (mut big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    for (k, v) in small {
        add(big.entry(k).or_default(), v);
    }
    big
}

/// The least number of items a task takes, so that a parallel fold over
/// `n` items makes one accumulator per thread, not one per small task:
/// the accumulators are as long as the vocabulary.
fn per_thread(n: usize) -> usize {
    n.div_ceil(rayon::current_num_threads()).max(1)
}

/// Whether a term in `df` of `n` articles is in nearly every one.
fn in_most(n: usize, df: usize) -> bool {
    n >= COMMON_MIN_ARTICLES && df as f32 > COMMON_SHARE * n as f32
}

impl Tokens {
    pub fn new(articles: &[Article]) -> Tokens {
        let lex = Lexicon::learn(articles);
        let (docs, vocab) = lex.all_passages(articles);

        // Per term: the number of articles it is in, and whether it is
        // written as a name somewhere.
        let terms = vocab.len();
        let (article_df, named) = docs
            .par_iter()
            .with_min_len(per_thread(docs.len()))
            .fold(
                || (vec![0usize; terms], vec![false; terms]),
                |(mut df, mut named), passages| {
                    let mut seen: Vec<u32> = Vec::new();
                    for t in passages.iter().flat_map(|p| &p.tokens) {
                        if let Some(term) = t.term {
                            seen.push(term);
                            named[term as usize] |= t.name;
                        }
                    }
                    seen.sort_unstable();
                    seen.dedup();
                    for t in seen {
                        df[t as usize] += 1;
                    }
                    (df, named)
                },
            )
            .reduce_with(|(mut df, mut named), (df2, named2)| {
                df.iter_mut().zip(df2).for_each(|(x, y)| *x += y);
                named.iter_mut().zip(named2).for_each(|(x, y)| *x |= y);
                (df, named)
            })
            .unwrap_or_else(|| (vec![0; terms], vec![false; terms]));
        let named: Vec<bool> = named
            .into_iter()
            .zip(&vocab.keys)
            .map(|(named, k)| named || k.starts_with('='))
            .collect();
        let n = articles.len();
        let ubiquitous: Vec<bool> = article_df.iter().map(|&df| in_most(n, df)).collect();
        let common: Vec<bool> = ubiquitous
            .iter()
            .zip(&named)
            .map(|(&u, &named)| u && !named && n >= DF_MIN_ARTICLES)
            .collect();
        Tokens {
            lex,
            vocab,
            docs,
            ubiquitous,
            common,
            named,
        }
    }

    /// Finds the topics shared between articles.
    pub fn topics(&self, articles: &[Article]) -> topics::Found {
        topics::find(articles, self)
    }
}

impl Prepared {
    pub fn new(articles: &[Article], semantic: bool, progress: &dyn Fn(Step)) -> Prepared {
        progress(Step::Words);
        let tokens = Tokens::new(articles);
        progress(Step::Topics);
        let found = tokens.topics(articles);
        progress(Step::Weights);
        Prepared::from_parts(articles, tokens, found, semantic)
    }

    pub fn from_parts(
        articles: &[Article],
        tokens: Tokens,
        found: topics::Found,
        semantic: bool,
    ) -> Prepared {
        let Tokens {
            lex,
            vocab,
            docs,
            ubiquitous,
            ..
        } = tokens;
        let n = articles.len();
        let in_most = |df: usize| in_most(n, df);
        let mut passage_topics: Vec<HashMap<usize, PassageTopics>> = vec![HashMap::default(); n];
        for (i, topic) in found.topics.iter().enumerate() {
            for o in &topic.occurrences {
                passage_topics[o.article]
                    .entry(o.block)
                    .or_default()
                    .push((i, o.span));
            }
        }
        passage_topics.par_iter_mut().for_each(|blocks| {
            for occurrences in blocks.values_mut() {
                occurrences.sort_unstable_by_key(|&(topic, span)| (span.start, topic));
            }
        });

        let words = vocab.len();
        let total_terms = words + found.topics.len();
        let counts: Vec<Vec<Counts>> = docs
            .par_iter()
            .zip(&passage_topics)
            .map(|(passages, topics)| {
                passages
                    .iter()
                    .map(|p| {
                        let topics_in = topics.get(&p.block).map_or(&[][..], Vec::as_slice);
                        term_counts(&p.tokens, topics_in.iter().map(|&(t, _)| t), words)
                    })
                    .collect()
            })
            .collect();
        let passage_df = counts
            .par_iter()
            .with_min_len(per_thread(counts.len()))
            .fold(
                || vec![0usize; total_terms],
                |mut df, per| {
                    for &(t, _) in per.iter().flatten() {
                        df[t as usize] += 1;
                    }
                    df
                },
            )
            .reduce_with(|mut a, b| {
                a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                a
            })
            .unwrap_or_else(|| vec![0; total_terms]);
        let total_passages: usize = docs.iter().map(Vec::len).sum();
        let cap = MIN_POSTING_CAP
            .max(total_passages / 10)
            .min(MAX_POSTING_CAP);
        let idf: Vec<f32> = passage_df
            .iter()
            .map(|&df| (1.0 + total_passages as f32 / df.max(1) as f32).ln())
            .collect();
        let faint: Vec<bool> = ubiquitous
            .iter()
            .copied()
            .chain(found.topics.iter().map(|t| in_most(t.articles.len())))
            .collect();
        let usable: Vec<bool> = (0..total_terms)
            .map(|t| passage_df[t] > 0 && passage_df[t] <= cap && (t >= words || !faint[t]))
            .collect();
        let readable = readable_words(articles, &docs, &vocab, &lex);
        let table = vectors::shipped().ok();
        let generic_word: Vec<bool> = readable
            .iter()
            .map(|w| {
                table.is_some_and(|t| {
                    t.id(&w.to_lowercase())
                        .is_some_and(|id| t.rank(id) < links::GENERIC_RANK)
                })
            })
            .collect();
        let generic: Vec<bool> = generic_word
            .iter()
            .copied()
            .chain(
                found
                    .keys
                    .iter()
                    .map(|key| key.iter().all(|&t| generic_word[t as usize])),
            )
            .collect();
        let weights = Weights {
            words,
            idf,
            usable,
            faint,
            generic,
        };
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        let semantic = table.filter(|_| semantic).map(|t| {
            let stem = |w: &str| spelling::stem(&stemmer, w);
            Semantic::new(t, articles, &docs, &vocab, &weights.idf, &stem)
        });
        let vecs: Vec<Vec<SparseVec>> = counts
            .par_iter()
            .zip(&docs)
            .zip(articles)
            .map(|((per, passages), art)| {
                let section = sections::sections(art);
                per.iter()
                    .zip(passages)
                    .map(|(c, p)| {
                        let words = art.blocks[p.block]
                            .content
                            .of(&art.text)
                            .split_whitespace()
                            .count();
                        if section[p.block] == sections::Section::Skip || words < MIN_LINK_WORDS {
                            SparseVec::new()
                        } else {
                            weights.vector(c)
                        }
                    })
                    .collect()
            })
            .collect();
        Prepared {
            docs,
            found,
            passage_topics,
            counts,
            weights,
            vecs,
            semantic,
            stemmer,
        }
    }
}

/// Articles whose passages are compared with an article's own even where
/// they share no term: its most related ones.
const NEIGHBOURS: usize = 10;

/// Links for every passage, with the number of candidate pairs scored.
fn link_stage(
    articles: &[Article],
    prep: &Prepared,
    related: &[Vec<(usize, f32)>],
    settings: &Settings,
) -> (Vec<Vec<Vec<Link>>>, usize) {
    let neighbours: Vec<Vec<usize>> = related
        .iter()
        .map(|r| r.iter().take(NEIGHBOURS).map(|&(b, _)| b).collect())
        .collect();
    let stem = |w: &str| spelling::stem(&prep.stemmer, w);
    let ctx = links::Context {
        articles,
        docs: &prep.docs,
        vecs: &prep.vecs,
        weights: &prep.weights,
        topics: &prep.found.topics,
        topic_keys: &prep.found.keys,
        passage_topics: &prep.passage_topics,
        semantic: prep.semantic.as_ref(),
        neighbours: &neighbours,
        stemmer: &stem,
    };
    let calibration = links::calibrate(&ctx);
    links::link_all(&ctx, &calibration, related, settings)
}

/// Each article's weighted term vector.
fn article_vectors(prep: &Prepared) -> Vec<SparseVec> {
    prep.counts
        .par_iter()
        .map(|per| {
            prep.weights
                .vector(&count_weighted(per.iter().flatten().copied()))
        })
        .collect()
}

/// Candidate related articles per article before vectors rescore them.
const RELATED_CANDIDATES: usize = 50;
/// Article pairs sampled to learn what unrelated articles score.
const RELATED_CALIBRATION_PAIRS: usize = 4_000;

/// What unrelated articles of the library score, for calibrating article
/// pairs: with vectors, the shared-terms cosine and the vector cosine are
/// each measured against the library's own pairs of articles and averaged.
fn article_calibration<'a>(
    prep: &'a Prepared,
    article_vecs: &'a [SparseVec],
) -> links::ArticleScores<'a> {
    let n = article_vecs.len();
    let mut rng = links::Sampler::new(0xA27 ^ n as u64);
    let sample: Vec<(usize, usize)> = if n < 2 {
        Vec::new()
    } else {
        (0..RELATED_CALIBRATION_PAIRS)
            .map(|_| (rng.below(n), rng.below(n)))
            .filter(|(a, b)| a != b)
            .collect()
    };
    let sem = prep.semantic.as_ref();
    let lexical = links::Background::of(
        &sample
            .iter()
            .map(|&(a, b)| vecmath::dot(&article_vecs[a], &article_vecs[b]))
            .collect::<Vec<f32>>(),
    );
    let vector = sem.map(|sem| {
        links::Background::of(
            &sample
                .iter()
                .map(|&(a, b)| sem.article_cosine(a, b))
                .collect::<Vec<f32>>(),
        )
    });
    links::ArticleScores {
        vecs: article_vecs,
        semantic: sem,
        lexical,
        vector,
    }
}

/// Up to ten most related articles of each article, best first, by the
/// calibrated article score; a small library compares every pair.
fn related_stage(scores: &links::ArticleScores) -> Vec<Vec<(usize, f32)>> {
    if scores.semantic.is_none() {
        return links::related_all(scores.vecs, 10);
    }
    let n = scores.vecs.len();
    // Candidates with their shared-terms cosine.
    let candidates: Vec<Vec<(usize, f32)>> = if n <= 2 * RELATED_CANDIDATES {
        (0..n)
            .map(|a| {
                (0..n)
                    .filter(|&b| b != a)
                    .map(|b| (b, vecmath::dot(&scores.vecs[a], &scores.vecs[b])))
                    .collect()
            })
            .collect()
    } else {
        links::related_all(scores.vecs, RELATED_CANDIDATES)
    };
    candidates
        .par_iter()
        .enumerate()
        .map(|(a, cands)| {
            let mut best: Vec<(usize, f32)> = cands
                .iter()
                .map(|&(b, cosine)| (b, links::shown_score(scores.z(a, b, cosine))))
                .filter(|&(_, s)| s > 0.0)
                .collect();
            vecmath::keep_best(&mut best, 10);
            best
        })
        .collect()
}

fn key_point_stage(
    articles: &[Article],
    prep: &Prepared,
    settings: &Settings,
) -> Vec<Vec<KeyPoint>> {
    articles
        .par_iter()
        .enumerate()
        .map(|(a, art)| {
            keypoints::select(
                art,
                &prep.docs[a],
                &prep.weights,
                &prep.passage_topics[a],
                settings.key_points,
            )
        })
        .collect()
}

impl Analysis {
    /// Analyses the library. Cost grows about linearly with its size.
    pub fn compute(articles: &[Article], settings: &Settings) -> Analysis {
        Analysis::compute_reporting(articles, settings, &|_| {})
    }

    /// Analyses the library, calling `progress` as each step starts.
    pub fn compute_reporting(
        articles: &[Article],
        settings: &Settings,
        progress: &dyn Fn(Step),
    ) -> Analysis {
        let prep = Prepared::new(articles, settings.semantic, progress);
        progress(Step::Related);
        let article_vecs = article_vectors(&prep);
        let scores = article_calibration(&prep, &article_vecs);
        let related = related_stage(&scores);
        progress(Step::Links);
        let (links, candidate_pairs) = link_stage(articles, &prep, &related, settings);
        progress(Step::KeyPoints);
        let key_points = key_point_stage(articles, &prep, settings);
        let stats = Stats {
            passages: prep.docs.iter().map(Vec::len).sum(),
            terms: prep.weights.usable.iter().filter(|&&u| u).count(),
            candidate_pairs,
            links: links.iter().flatten().map(Vec::len).sum(),
        };
        Analysis {
            key_points,
            topics: prep.found.topics,
            links,
            related,
            article_vecs,
            stats,
            missing: Vec::new(),
        }
    }
}

/// The analysis step by step, for benchmarks and profiling. Not a stable
/// interface: each function runs one stage of [`Analysis::compute`] on the
/// output of the stages before it.
#[doc(hidden)]
pub mod stages {
    use super::*;

    /// Tokenised passages (first and second pass over the text).
    pub struct Tokenised(pub(crate) Tokens);
    /// Tokens, topics, weights and passage vectors.
    pub struct Prepared(pub(crate) super::Prepared);

    pub fn tokenise(articles: &[Article]) -> Tokenised {
        Tokenised(Tokens::new(articles))
    }

    /// Finds the shared topics; returns how many.
    pub fn topics(articles: &[Article], tokens: &Tokenised) -> usize {
        tokens.0.topics(articles).topics.len()
    }

    /// Tokenises, finds topics and weighs terms: everything linking and key
    /// points read.
    pub fn prepare(articles: &[Article], settings: &Settings) -> Prepared {
        Prepared(super::Prepared::new(articles, settings.semantic, &|_| {}))
    }

    /// Ranks articles by relatedness; returns the number of related pairs.
    pub fn related(prep: &Prepared) -> usize {
        let vecs = article_vectors(&prep.0);
        related_stage(&article_calibration(&prep.0, &vecs))
            .iter()
            .map(Vec::len)
            .sum()
    }

    /// Ranks articles, then links every passage; returns the number of
    /// links.
    pub fn link(articles: &[Article], prep: &Prepared, settings: &Settings) -> usize {
        let vecs = article_vectors(&prep.0);
        let scores = article_calibration(&prep.0, &vecs);
        let related = related_stage(&scores);
        link_stage(articles, &prep.0, &related, settings)
            .0
            .iter()
            .flatten()
            .map(Vec::len)
            .sum()
    }

    /// Picks every article's key points; returns how many.
    pub fn key_points(articles: &[Article], prep: &Prepared, settings: &Settings) -> usize {
        key_point_stage(articles, &prep.0, settings)
            .iter()
            .map(Vec::len)
            .sum()
    }
}

/// For each word term, the form most often written: lower case unless the
/// word is usually capitalised. Acronyms read as themselves.
fn readable_words(
    articles: &[Article],
    docs: &[Vec<Passage>],
    vocab: &Vocab,
    lex: &Lexicon,
) -> Vec<String> {
    let forms: HashMap<(u32, String), usize> = docs
        .par_iter()
        .zip(articles)
        .with_min_len(per_thread(docs.len()))
        .fold(HashMap::default, |mut forms, (passages, art)| {
            let mut written: HashMap<(u32, &str), usize> = HashMap::default();
            for t in passages.iter().flat_map(|p| &p.tokens) {
                match t.term {
                    Some(term) if !vocab.keys[term as usize].starts_with('=') => {
                        *written.entry((term, t.span.of(&art.text))).or_default() += 1;
                    }
                    _ => {}
                }
            }
            for ((term, s), n) in written {
                let lower = s.to_lowercase();
                let form = if lex.name_like(&lower) {
                    s.to_string()
                } else {
                    lower
                };
                *forms.entry((term, form)).or_default() += n;
            }
            forms
        })
        .reduce(HashMap::default, |a, b| merge_counts(a, b, |x, y| *x += y));
    // The most frequent form, and of those the first in sort order.
    let mut best: Vec<Option<(usize, String)>> = vec![None; vocab.len()];
    for ((term, form), n) in forms {
        let slot = &mut best[term as usize];
        if slot
            .as_ref()
            .is_none_or(|(m, f)| n > *m || (n == *m && form < *f))
        {
            *slot = Some((n, form));
        }
    }
    best.into_iter()
        .enumerate()
        .map(|(i, f)| match vocab.keys[i].strip_prefix('=') {
            Some(acr) => acr.to_string(),
            None => f
                .map(|(_, s)| crate::text::sanitize::one_line(&s))
                .unwrap_or_else(|| vocab.keys[i].clone()),
        })
        .collect()
}
