//! Topics shared between articles: named things, acronyms, multi-word
//! phrases and a few domain words ("cyber", "maritime"), each found in two
//! or more articles.
//!
//! Names and acronyms are topics however many articles they occur in
//! (NATO, China and Japan in a library about NATO in Asia). A lone common
//! word is a topic only if it is a domain word and not in nearly every
//! article; words starting with a combining form count as the form
//! ("cyberattacks" is "cyber").
//!
//! A candidate is a window of one to four content words inside a phrase
//! (content words joined by spaces, hyphens or connecting words like "of"
//! and "in"). Its key is the sorted set of its terms, so "liaison office in
//! Tokyo" and "Tokyo Liaison Office" have the same key, and so does the
//! "liaison office in Tokyo" window of "the NATO Liaison Office in Tokyo".
//! Common words (in nearly every article of a big library) are skipped
//! inside phrases like connecting words. A short key whose articles all
//! hold a longer topic containing it ("NATO Tokyo office") is taken to be
//! a short reference to that topic and merged into it.
//!
//! Windows never cut through a word joined by a hyphen to a lower-case
//! word ("trans-Atlantic", "secretary-general"), and a name followed by a
//! generic head noun ("Asia Pacific region") is the name alone. A topic is
//! dropped when every occurrence of it lies inside a longer topic's, when
//! it is a lone demonym or compass word ("Chinese", "West"), when every
//! occurrence is followed by a number, which no term holds ("Chapter" of
//! "Chapter 11": a name cut short), or when it is a phrase of broad words
//! only ("task force", "legal framework"): a phrase needs one word that is
//! neither on the broad list nor frequent in the library's passages nor in
//! nearly every article ("NATO's role" in a library about NATO). Windows
//! of an acronym alone are kept even inside a longer name: "NATO" of "NATO
//! Liaison Office".

use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet, FxHasher};

use super::model::{Occurrence, Topic};
use super::pipeline::Tokens;
use super::terms::{Gap, Kind, Lexicon, Passage, Token, Vocab};
use super::words;
use crate::corpus::Article;
use crate::text::{sanitize, Span};

const MAX_WINDOW: usize = 4;

/// Suffixes of demonyms and of compass adjectives: "Chinese", "Russian",
/// "European", "British", "Western".
const DEMONYM_SUFFIXES: &[&str] = &["ese", "ian", "ean", "ish", "ern"];

/// A word in more than this share of the library's passages, and in more
/// than [`FREQUENT_MIN_PASSAGES`], is not distinctive enough to make a
/// phrase a topic.
const MAX_DISTINCTIVE_SHARE: f32 = 0.1;
const FREQUENT_MIN_PASSAGES: usize = 3;
/// Connecting words allowed in a row inside a phrase ("in the").
const MAX_CONNECTORS: usize = 2;

/// One place a candidate key occurs.
#[derive(Clone, Copy)]
struct Place {
    article: u32,
    block: u32,
    span: Span,
}

#[derive(Default)]
struct Candidate {
    places: Vec<Place>,
    /// Ascending.
    articles: Vec<u32>,
}

/// The topics found, and each article's passages' topic occurrences.
pub(crate) struct Found {
    pub topics: Vec<Topic>,
    /// The terms of each topic's key, by topic index.
    pub keys: Vec<Vec<u32>>,
}

/// Content-word runs of a passage as lists of token indices; `common`
/// tokens are skipped over like connecting words.
fn runs(p: &Passage, common: &[bool]) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    let mut connectors = 0;
    for (i, t) in p.tokens.iter().enumerate() {
        let breaks = t.sentence_start || t.gap == Gap::Break;
        if breaks || t.kind == Kind::Other || connectors > MAX_CONNECTORS {
            if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
            connectors = 0;
        }
        match t.kind {
            Kind::Content => match t.term {
                Some(term) if !common[term as usize] => {
                    run.push(i);
                    connectors = 0;
                }
                _ => {}
            },
            Kind::Connector => connectors += 1,
            Kind::Other => {}
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// A capitalised word that continues a name, as opposed to an acronym
/// standing next to one ("NATO Tokyo office").
fn continues_name(t: &Token) -> bool {
    t.kind != Kind::Connector && t.capital && !t.sentence_start && !t.acronym
}

/// Whether tokens `first..=last` of a passage stand inside a longer
/// capitalised name, looking past connecting words. A word hyphenated to
/// a capitalised word before it is inside a name even when that word opens
/// the sentence ("Indo-Pacific ties").
fn longer_name(p: &Passage, first: usize, last: usize) -> bool {
    let toks = &p.tokens;
    if first > 0 && toks[first].gap == Gap::Joined {
        let before = &toks[first - 1];
        if before.kind == Kind::Content && before.capital && !before.acronym {
            return true;
        }
    }
    let mut i = first;
    while i > 0 && toks[i].gap != Gap::Break && !toks[i].sentence_start {
        i -= 1;
        if toks[i].kind != Kind::Connector {
            if continues_name(&toks[i]) {
                return true;
            }
            break;
        }
    }
    let mut j = last + 1;
    while j < toks.len() && toks[j].gap != Gap::Break && !toks[j].sentence_start {
        if toks[j].kind != Kind::Connector {
            return continues_name(&toks[j]);
        }
        j += 1;
    }
    false
}

/// Maximal capitalised names of two or more words, common words included:
/// "Indo-Pacific", "Cold War", "Ministry of Foreign Affairs".
fn names(p: &Passage) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut seq: Vec<usize> = Vec::new();
    let mut pending = 0;
    let mut flush = |seq: &mut Vec<usize>| {
        if seq.len() >= 2 {
            out.push(std::mem::take(seq));
        }
        seq.clear();
    };
    for (i, t) in p.tokens.iter().enumerate() {
        if t.sentence_start || t.gap == Gap::Break {
            flush(&mut seq);
            pending = 0;
        }
        if t.kind == Kind::Content && t.capital && (!t.sentence_start || t.name) {
            seq.push(i);
            pending = 0;
        } else if t.kind == Kind::Connector && !seq.is_empty() && pending < MAX_CONNECTORS {
            pending += 1;
        } else {
            flush(&mut seq);
            pending = 0;
        }
    }
    flush(&mut seq);
    out
}

/// Whether tokens `first..=last` of a passage cut through a compound: they
/// follow a lower-case prefix ("Atlantic" of "trans-Atlantic"), or end in a
/// lower-case word that a hyphen joins to another ("assistant secretary" of
/// "assistant secretary-general"). A name before a hyphen still names
/// itself: "China-based", and so does a combining form: "cyber-hardened".
fn cuts_compound(p: &Passage, first: usize, last: usize, text: &str) -> bool {
    let lower = |t: &Token| {
        t.span
            .of(text)
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
    };
    let toks = &p.tokens;
    (first > 0 && toks[first].gap == Gap::Joined && lower(&toks[first - 1]))
        || (lower(&toks[last])
            && toks
                .get(last + 1)
                .is_some_and(|n| n.gap == Gap::Joined && lower(n))
            && super::terms::combining_form(&toks[last].span.of(text).to_lowercase()).is_none())
}

/// A single word that only qualifies a name: a demonym or a compass point.
fn qualifier(label: &str) -> bool {
    let lower = label.to_lowercase();
    words::compass_words().contains(&lower.as_str())
        || (lower.chars().count() >= 5
            && lower.chars().all(char::is_alphabetic)
            && DEMONYM_SUFFIXES.iter().any(|s| lower.ends_with(s)))
}

/// Topics all of whose occurrences lie inside a longer occurrence of
/// another topic.
fn contained(topics: &[&Topic]) -> HashSet<usize> {
    let mut by_block: HashMap<(usize, usize), Vec<(usize, Span)>> = HashMap::default();
    for (i, t) in topics.iter().enumerate() {
        for o in &t.occurrences {
            by_block
                .entry((o.article, o.block))
                .or_default()
                .push((i, o.span));
        }
    }
    (0..topics.len())
        .into_par_iter()
        .filter(|&i| {
            topics[i].occurrences.iter().all(|o| {
                by_block[&(o.article, o.block)].iter().any(|&(j, s)| {
                    j != i
                        && s.start <= o.span.start
                        && o.span.end <= s.end
                        && s.end - s.start > o.span.end - o.span.start
                })
            })
        })
        .collect()
}

/// Whether every element of the ascending `small` is in the ascending
/// `big`.
fn is_subset(small: &[u32], big: &[u32]) -> bool {
    let mut rest = big;
    small.iter().all(|x| match rest.binary_search(x) {
        Ok(i) => {
            rest = &rest[i + 1..];
            true
        }
        Err(_) => false,
    })
}

/// Whether a topic with this label is junk: a date, a caption word, or a
/// phrase made only of words common in any English text ("prime
/// minister", "meeting on Friday", "joint statement").
fn junk(label: &str, terms: usize) -> bool {
    let words: Vec<String> = label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    use crate::text::segment::{MONTHS, WEEKDAYS};
    if words.iter().any(|w| {
        let w = w.as_str();
        words::junk_words().contains(&w) || MONTHS.contains(&w) || WEEKDAYS.contains(&w)
    }) {
        return true;
    }
    let Ok(table) = super::vectors::shipped() else {
        return false;
    };
    terms >= 2
        && words.iter().all(|w| {
            super::terms::is_stop(w)
                || table
                    .id(w)
                    .is_some_and(|id| table.rank(id) < super::links::GENERIC_RANK)
        })
}

/// Whether every occurrence is followed straight away by a number, as
/// "Chapter" and "filed for Chapter" are in "filed for Chapter 11": the
/// phrase is a name cut before its number, which no term holds.
fn cut_before_number(occurrences: &[Occurrence], articles: &[Article]) -> bool {
    !occurrences.is_empty()
        && occurrences.iter().all(|o| {
            let after = articles[o.article].text[o.span.end..].strip_prefix(' ');
            after.is_some_and(|rest| {
                let digits =
                    rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                digits > 0 && !rest[digits..].starts_with(char::is_alphanumeric)
            })
        })
}

fn ends_badly(word: &str) -> bool {
    word.ends_with("ly") || word.ends_with("ed")
}

/// Calls `emit` with the key (sorted distinct terms) and span of every
/// phrase of a passage that may be a topic: the windows of its content-word
/// runs that keep to the rules above, and its whole capitalised names.
fn phrases(
    p: &Passage,
    text: &str,
    stats: &TermStats,
    common: &[bool],
    key: &mut Vec<u32>,
    mut emit: impl FnMut(&[u32], Span),
) {
    for run in runs(p, common) {
        for start in 0..run.len() {
            for len in 1..=MAX_WINDOW.min(run.len() - start) {
                let window = &run[start..start + len];
                let toks = || window.iter().map(|&i| &p.tokens[i]);
                let (first, last) = (&p.tokens[window[0]], &p.tokens[window[len - 1]]);
                if len == 1 && !first.name && !first.term.is_some_and(|t| stats.domain[t as usize])
                {
                    continue;
                }
                // Part of a longer name: "Indo" of "Indo-Pacific", "North
                // Atlantic" of "North Atlantic Council". Whole names come
                // from `names` below. An acronym names itself wherever it
                // stands: "NATO" of "NATO Liaison Office".
                if !(len == 1 && first.acronym)
                    && toks().all(|t| t.name)
                    && longer_name(p, window[0], window[len - 1])
                {
                    continue;
                }
                if cuts_compound(p, window[0], window[len - 1], text) {
                    continue;
                }
                if len > 1
                    && words::head_words().contains(&last.span.of(text))
                    && toks().take(len - 1).any(|t| t.name)
                {
                    continue;
                }
                if len > 1 {
                    let (first, last) = (first.span.of(text), last.span.of(text));
                    let lowercase = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
                    if (lowercase(first) && first.ends_with("ly"))
                        || (lowercase(last) && ends_badly(last))
                    {
                        continue;
                    }
                }
                key.clear();
                key.extend(toks().filter_map(|t| t.term));
                key.sort_unstable();
                key.dedup();
                if key.len() == len {
                    emit(key, Span::new(first.span.start, last.span.end));
                }
            }
        }
    }
    for seq in names(p) {
        key.clear();
        key.extend(seq.iter().filter_map(|&i| p.tokens[i].term));
        key.sort_unstable();
        key.dedup();
        if let (true, Some(&first), Some(&last)) = (key.len() >= 2, seq.first(), seq.last()) {
            emit(
                key,
                Span::new(p.tokens[first].span.start, p.tokens[last].span.end),
            );
        }
    }
}

/// A set of 64-bit fingerprints as bits, shared between threads. A
/// fingerprint is present once its bit is set; different fingerprints may
/// share a bit.
struct BitTable {
    words: Vec<AtomicU64>,
    shift: u32,
}

impl BitTable {
    /// A table of at least `bits` bits (a power of two).
    fn new(bits: usize) -> BitTable {
        let bits = bits.clamp(1 << 12, 1 << 32).next_power_of_two();
        BitTable {
            words: (0..bits / 64).map(|_| AtomicU64::new(0)).collect(),
            shift: 64 - bits.trailing_zeros(),
        }
    }

    fn slot(&self, fingerprint: u64) -> (usize, u64) {
        let bit = (fingerprint >> self.shift) as usize;
        (bit / 64, 1 << (bit % 64))
    }

    /// Sets the fingerprint's bit; returns whether it was already set.
    fn insert(&self, fingerprint: u64) -> bool {
        let (word, mask) = self.slot(fingerprint);
        self.words[word].fetch_or(mask, Ordering::Relaxed) & mask != 0
    }

    fn contains(&self, fingerprint: u64) -> bool {
        let (word, mask) = self.slot(fingerprint);
        self.words[word].load(Ordering::Relaxed) & mask != 0
    }
}

fn fingerprint(key: &[u32]) -> u64 {
    let mut h = FxHasher::default();
    key.hash(&mut h);
    // The finaliser of SplitMix64, so that the top bits depend on every
    // term.
    let mut z = h.finish();
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// One article's shared phrases: their keys one after another, each ended
/// by `u32::MAX`, and the places by shard, each with the start of its key.
type ArticlePhrases = (Vec<u32>, Vec<Vec<(usize, Place)>>);
const SHARDS: usize = 16;

/// Articles whose phrases are gathered together before they are merged
/// into the candidates, which bounds the memory the gathering takes.
const CHUNK: usize = 2048;

/// The phrases in two or more articles with all their places, longest
/// first.
///
/// Most phrases of a big library occur in one article only, and keeping
/// their places would take more memory than the library itself. A first
/// pass marks each article's phrases in a table of bits, and a phrase
/// whose bit an earlier article has set is marked again in a second
/// table. The second pass keeps only phrases marked twice: every phrase in
/// two or more articles, and a few that merely share a bit with one, which
/// exact counting then drops.
fn shared_phrases(
    articles: &[Article],
    docs: &[Vec<Passage>],
    stats: &TermStats,
    common: &[bool],
) -> Vec<(Vec<u32>, Candidate)> {
    let tokens: usize = docs.iter().flatten().map(|p| p.tokens.len()).sum();
    let (once, twice) = (BitTable::new(tokens * 16), BitTable::new(tokens * 16));
    docs.par_iter().enumerate().for_each_init(
        || (HashSet::<u64>::default(), Vec::new()),
        |(mine, key), (a, passages)| {
            mine.clear();
            for p in passages {
                phrases(p, &articles[a].text, stats, common, key, |k, _| {
                    mine.insert(fingerprint(k));
                });
            }
            for &f in mine.iter() {
                if once.insert(f) {
                    twice.insert(f);
                }
            }
        },
    );
    // Candidates are merged in shards by fingerprint, one shard per task.
    let mut shards: Vec<HashMap<Vec<u32>, Candidate>> =
        (0..SHARDS).map(|_| HashMap::default()).collect();
    for (c, chunk) in docs.chunks(CHUNK).enumerate() {
        let found: Vec<ArticlePhrases> = chunk
            .par_iter()
            .enumerate()
            .map_init(Vec::new, |key, (i, passages)| {
                let a = c * CHUNK + i;
                let mut terms: Vec<u32> = Vec::new();
                let mut places: Vec<Vec<(usize, Place)>> = vec![Vec::new(); SHARDS];
                for p in passages {
                    phrases(p, &articles[a].text, stats, common, key, |k, span| {
                        let f = fingerprint(k);
                        if twice.contains(f) {
                            places[f as usize % SHARDS].push((
                                terms.len(),
                                Place {
                                    article: a as u32,
                                    block: p.block as u32,
                                    span,
                                },
                            ));
                            terms.extend_from_slice(k);
                            terms.push(u32::MAX);
                        }
                    });
                }
                (terms, places)
            })
            .collect();
        shards
            .par_iter_mut()
            .enumerate()
            .for_each(|(shard, cands)| {
                for (terms, places) in &found {
                    for &(at, place) in &places[shard] {
                        let len = terms[at..].iter().position(|&t| t == u32::MAX).unwrap_or(0);
                        let key = &terms[at..at + len];
                        let cand = match cands.get_mut(key) {
                            Some(cand) => cand,
                            None => cands.entry(key.to_vec()).or_default(),
                        };
                        if cand.articles.last() != Some(&place.article) {
                            cand.articles.push(place.article);
                        }
                        cand.places.push(place);
                    }
                }
            });
    }
    let mut cands: Vec<(Vec<u32>, Candidate)> = shards
        .into_iter()
        .flatten()
        .filter(|(_, c)| c.articles.len() >= 2)
        .collect();
    // Longest keys first, so a short key meets the longer topics it may
    // belong to.
    cands.par_sort_unstable_by(|(a, _), (b, _)| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    cands
}

/// Finds topics shared by two or more articles. `tokens.common[term]`
/// marks words too frequent in the library to be topics or parts of them;
/// `tokens.ubiquitous[term]` marks terms in nearly every article, which a
/// lone common word must not be.
pub(crate) fn find(articles: &[Article], tokens: &Tokens) -> Found {
    let Tokens {
        lex,
        vocab,
        docs,
        ubiquitous,
        common,
        named,
    } = tokens;
    let stats = term_stats(docs, vocab, lex, named);
    let cands = shared_phrases(articles, docs, &stats, common);
    let mut accepted: Vec<(Vec<u32>, Candidate, Vec<Place>)> = Vec::new();
    let mut by_term: HashMap<u32, Vec<usize>> = HashMap::default();
    for (key, cand) in cands {
        let host = if key.len() >= 2 {
            // Accepted topics holding every term of the key: walk the
            // shortest list and look the others up (each list is ascending).
            let lists: Option<Vec<&Vec<usize>>> = key.iter().map(|t| by_term.get(t)).collect();
            let mut lists = lists.unwrap_or_default();
            lists.sort_by_key(|l| l.len());
            match lists.split_first() {
                Some((shortest, rest)) => shortest
                    .iter()
                    .copied()
                    .filter(|h| rest.iter().all(|l| l.binary_search(h).is_ok()))
                    .filter(|&h| {
                        accepted[h].0.len() > key.len()
                            && is_subset(&cand.articles, &accepted[h].1.articles)
                    })
                    .max_by_key(|&h| {
                        (
                            accepted[h].1.articles.len(),
                            accepted[h].1.places.len(),
                            std::cmp::Reverse(h),
                        )
                    }),
                None => None,
            }
        } else {
            None
        };
        match host {
            Some(h) => accepted[h].2.extend(cand.places),
            None => {
                for &t in &key {
                    by_term.entry(t).or_default().push(accepted.len());
                }
                accepted.push((key, cand, Vec::new()));
            }
        }
    }

    let mut topics: Vec<(Topic, Vec<u32>)> = accepted
        .into_par_iter()
        .map(|(key, cand, absorbed)| {
            let mut label = label(articles, vocab, lex, &key, &cand.places, &absorbed);
            if let [only] = key.as_slice() {
                if stats.domain[*only as usize] {
                    // "Cyberattacks" opening a sentence is still "cyber".
                    let lower = label.to_lowercase();
                    label = super::terms::combining_form(&lower).map_or(lower, str::to_string);
                }
            }
            let mut places = cand.places;
            places.extend(absorbed);
            let occurrences = dedupe(places);
            let mut articles: Vec<usize> = occurrences.iter().map(|o| o.article).collect();
            articles.dedup();
            (
                Topic {
                    label,
                    articles,
                    occurrences,
                },
                key,
            )
        })
        .filter(|(t, key)| {
            t.articles.len() >= 2
                && !t.label.is_empty()
                && !junk(&t.label, key.len())
                && !cut_before_number(&t.occurrences, articles)
                && match key.as_slice() {
                    [only] if vocab.keys[*only as usize].starts_with('=') => true,
                    [only] if stats.named[*only as usize] => !qualifier(&t.label),
                    [only] => lone_word(&stats, *only as usize, ubiquitous),
                    _ => key.iter().any(|&term| {
                        stats.distinctive[term as usize] && !ubiquitous[term as usize]
                    }),
                }
        })
        .collect();
    merge_expansions(&mut topics, vocab);
    let inside = contained(&topics.iter().map(|(t, _)| t).collect::<Vec<_>>());
    let mut i = 0;
    topics.retain(|_| {
        i += 1;
        !inside.contains(&(i - 1))
    });
    let n = articles.len();
    topics.par_sort_by_cached_key(|(t, _)| listing(t, n));
    let (topics, keys) = topics.into_iter().unzip();
    Found { topics, keys }
}

/// The initials of a phrase's words other than stop words, in capitals:
/// "North Atlantic Treaty Organization" gives "NATO".
fn initials(label: &str) -> String {
    label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !super::terms::is_stop(&w.to_lowercase()))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Folds a phrase topic spelling out an acronym topic ("North Atlantic
/// Treaty Organization" beside "NATO"), or the start of one ("North
/// Atlantic Treaty"), into the acronym's topic: one thing, one label.
fn merge_expansions(topics: &mut Vec<(Topic, Vec<u32>)>, vocab: &Vocab) {
    // Sorted, so that the acronyms starting with some letters are a range.
    let mut acronyms: Vec<(&str, usize)> = topics
        .iter()
        .enumerate()
        .filter_map(|(i, (_, key))| match key.as_slice() {
            [only] => vocab.keys[*only as usize].strip_prefix('=').map(|a| (a, i)),
            _ => None,
        })
        .collect();
    if acronyms.is_empty() {
        return;
    }
    acronyms.sort_unstable();
    let mut into: Vec<(usize, usize)> = topics
        .par_iter()
        .enumerate()
        .filter_map(|(i, (t, key))| {
            if key.len() < 2 {
                return None;
            }
            let letters = initials(&t.label);
            if letters.chars().count() < 2 {
                return None;
            }
            let from = acronyms.partition_point(|&(acr, _)| acr < letters.as_str());
            let host = acronyms[from..]
                .iter()
                .take_while(|(acr, _)| acr.starts_with(&letters))
                .filter(|(acr, _)| letters.len() * 4 >= acr.len() * 3)
                .map(|&(_, h)| h)
                .min()?;
            Some((i, host))
        })
        .collect();
    if into.is_empty() {
        return;
    }
    // Stable: each host takes its expansions in list order.
    into.sort_by_key(|&(_, h)| h);
    for group in into.chunk_by(|x, y| x.1 == y.1) {
        let moved: Vec<Occurrence> = group
            .iter()
            .flat_map(|&(i, _)| topics[i].0.occurrences.iter().copied())
            .collect();
        let host = &mut topics[group[0].1].0;
        host.occurrences.extend(moved);
        host.occurrences.sort_by_key(|o| {
            (
                o.article,
                o.block,
                o.span.start,
                std::cmp::Reverse(o.span.end),
            )
        });
        host.occurrences.dedup_by(|b, a| {
            a.article == b.article && a.block == b.block && b.span.start < a.span.end
        });
        host.articles = host.occurrences.iter().map(|o| o.article).collect();
        host.articles.dedup();
    }
    let gone: HashSet<usize> = into.iter().map(|&(i, _)| i).collect();
    let mut i = 0;
    topics.retain(|_| {
        i += 1;
        !gone.contains(&(i - 1))
    });
}

/// How well a topic tells its articles apart from the rest of a library
/// of `articles`: high for one many passages of a few articles dwell on
/// (a liaison office two reports discuss), low for one every article
/// mentions (NATO in a library on NATO), however often.
pub(crate) fn weight(t: &Topic, articles: usize) -> f32 {
    // Occurrences are in reading order, so a passage's are together.
    let mut blocks: Vec<(usize, usize)> =
        t.occurrences.iter().map(|o| (o.article, o.block)).collect();
    blocks.dedup();
    let spread = (articles.max(t.articles.len()) + 1) as f32 / t.articles.len().max(1) as f32;
    (1.0 + blocks.len() as f32).ln() * spread.ln()
}

/// Where a topic is listed: by [`weight`], heaviest first; ties go by
/// label.
fn listing(t: &Topic, articles: usize) -> (std::cmp::Reverse<u32>, String) {
    // Weights are never negative, so their bits order as they do.
    (
        std::cmp::Reverse(weight(t, articles).to_bits()),
        t.label.clone(),
    )
}

/// Sorts topics as they are listed.
pub(crate) fn sort(topics: &mut [Topic], articles: usize) {
    topics.sort_by_cached_key(|t| listing(t, articles));
}

/// What topic finding knows about each term.
struct TermStats {
    /// Acronyms, and words not on the broad list that are names or not
    /// frequent in the library: terms that can make a phrase a topic.
    distinctive: Vec<bool>,
    /// Written as a name somewhere, or an acronym.
    named: Vec<bool>,
    broad: Vec<bool>,
    /// On [`words::domain_words`].
    domain: Vec<bool>,
}

fn term_stats(docs: &[Vec<Passage>], vocab: &Vocab, lex: &Lexicon, named: &[bool]) -> TermStats {
    let broad_stems: HashSet<String> = words::broad_words().iter().map(|w| lex.stem(w)).collect();
    let domain_stems: HashSet<String> = words::domain_words().iter().map(|w| lex.stem(w)).collect();
    let mut df = vec![0usize; vocab.len()];
    let mut passages = 0usize;
    for p in docs.iter().flatten() {
        passages += 1;
        let mut seen: Vec<u32> = p.tokens.iter().filter_map(|t| t.term).collect();
        seen.sort_unstable();
        seen.dedup();
        for t in seen {
            df[t as usize] += 1;
        }
    }
    let broad: Vec<bool> = vocab.keys.iter().map(|k| broad_stems.contains(k)).collect();
    let distinctive = vocab
        .keys
        .iter()
        .enumerate()
        .map(|(i, key)| {
            key.starts_with('=')
                || (!broad[i]
                    && (named[i]
                        || df[i] <= FREQUENT_MIN_PASSAGES
                        || df[i] as f32 <= MAX_DISTINCTIVE_SHARE * passages as f32))
        })
        .collect();
    TermStats {
        distinctive,
        domain: vocab
            .keys
            .iter()
            .enumerate()
            .map(|(i, k)| domain_stems.contains(k) && !named[i])
            .collect(),
        named: named.to_vec(),
        broad,
    }
}

/// Whether a lone common word (no name, no acronym) is a topic: a domain
/// word ("cyber") that is not in nearly every article. A common word
/// everywhere says nothing, however small the library; a name everywhere
/// still names something.
fn lone_word(stats: &TermStats, term: usize, ubiquitous: &[bool]) -> bool {
    stats.domain[term] && !stats.broad[term] && !ubiquitous[term]
}

/// Occurrences in reading order, keeping the longest of any that overlap
/// in one block.
fn dedupe(mut places: Vec<Place>) -> Vec<Occurrence> {
    places.sort_by_key(|p| {
        (
            p.article,
            p.block,
            p.span.start,
            std::cmp::Reverse(p.span.end),
        )
    });
    let mut out: Vec<Occurrence> = Vec::new();
    for p in places {
        if let Some(last) = out.last_mut() {
            if last.article == p.article as usize
                && last.block == p.block as usize
                && p.span.start < last.span.end
            {
                last.span.end = last.span.end.max(p.span.end);
                continue;
            }
        }
        out.push(Occurrence {
            article: p.article as usize,
            block: p.block as usize,
            span: p.span,
        });
    }
    out
}

/// A readable label: the most frequent written form of the full key, with
/// words lower-cased wherever some occurrence writes them in lower case
/// ("Tokyo Liaison Office" and "liaison office in Tokyo" give "Tokyo
/// liaison office"). Acronyms the library spells out read "CPEC
/// (China-Pakistan Economic Corridor)".
fn label(
    articles: &[Article],
    vocab: &Vocab,
    lex: &Lexicon,
    key: &[u32],
    places: &[Place],
    absorbed: &[Place],
) -> String {
    if let [only] = key {
        if let Some(acr) = vocab.keys[*only as usize].strip_prefix('=') {
            return match lex.acronyms.get(acr) {
                Some(def) => format!("{acr} ({})", def.surface),
                None => acr.to_string(),
            };
        }
    }
    let surface = |p: &Place| sanitize::one_line(p.span.of(&articles[p.article as usize].text));
    let mut counts: HashMap<String, (usize, String)> = HashMap::default();
    let mut seen = HashSet::default();
    for p in places
        .iter()
        .filter(|p| seen.insert((p.article, p.block, p.span)))
    {
        let s = surface(p);
        let e = counts.entry(s.to_lowercase()).or_insert((0, s));
        e.0 += 1;
    }
    let Some((_, (_, form))) = counts.into_iter().max_by(|a, b| {
        a.1 .0
            .cmp(&b.1 .0)
            .then_with(|| b.0.len().cmp(&a.0.len()))
            .then_with(|| b.0.cmp(&a.0))
    }) else {
        return String::new();
    };
    // Which of the form's words some occurrence writes in lower case.
    let words: Vec<&str> = form.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let mut lower_somewhere = vec![false; words.len()];
    for p in places.iter().chain(absorbed) {
        if lower_somewhere.iter().all(|&l| l) {
            break;
        }
        for w in surface(p)
            .split_whitespace()
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        {
            for (l, found) in lower.iter().zip(lower_somewhere.iter_mut()) {
                *found |= l == w;
            }
        }
    }
    words
        .iter()
        .zip(lower)
        .zip(lower_somewhere)
        .map(|((w, lw), lower_somewhere)| {
            if lower_somewhere && !super::terms::is_acronym(w) {
                lw
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topic(label: &str, places: &[(usize, usize)]) -> Topic {
        let occurrences: Vec<Occurrence> = places
            .iter()
            .map(|&(article, block)| Occurrence {
                article,
                block,
                span: Span::new(0, 1),
            })
            .collect();
        let mut articles: Vec<usize> = places.iter().map(|p| p.0).collect();
        articles.dedup();
        Topic {
            label: label.to_string(),
            articles,
            occurrences,
        }
    }

    #[test]
    fn topics_that_tell_articles_apart_come_first() {
        // In ten articles: one in every article, however often, tells
        // less than one two articles dwell on.
        let everywhere: Vec<(usize, usize)> =
            (0..10).flat_map(|a| (0..4).map(move |b| (a, b))).collect();
        let mut topics = vec![
            topic("NATO", &everywhere),
            topic("in passing", &[(3, 0), (7, 2)]),
            topic("liaison office", &[(0, 1), (0, 2), (0, 5), (4, 1), (4, 3)]),
        ];
        sort(&mut topics, 10);
        let order: Vec<&str> = topics.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(order, ["liaison office", "in passing", "NATO"]);
        // With two articles every topic is in both: passages decide.
        let mut two = vec![
            topic("once", &[(0, 0), (1, 0)]),
            topic("often", &[(0, 0), (0, 1), (1, 0), (1, 2)]),
        ];
        sort(&mut two, 2);
        assert_eq!(two[0].label, "often");
    }

    #[test]
    fn dates_captions_and_generic_phrases_are_junk() {
        for label in [
            "June",
            "meeting on Friday",
            "Photo",
            "prime minister",
            "joint statement",
        ] {
            assert!(junk(label, label.split(' ').count()), "{label}");
        }
        for label in [
            "Tokyo liaison office",
            "collective defense",
            "NATO",
            "Japan",
        ] {
            assert!(!junk(label, label.split(' ').count()), "{label}");
        }
    }

    #[test]
    fn expansions_give_their_acronym() {
        assert_eq!(initials("North Atlantic Treaty Organization"), "NATO");
        assert_eq!(initials("Partnership for Peace Programme"), "PPP");
        assert_eq!(initials("Court of Arbitration for Sport"), "CAS");
    }
    use crate::analysis::{terms, Analysis, Settings};

    use crate::analysis::test_library as library;

    fn labels(a: &Analysis) -> Vec<String> {
        a.topics().iter().map(|t| t.label.clone()).collect()
    }

    #[test]
    fn word_order_inflection_and_connecting_words_unify() {
        let arts = library(&[
            "Officials said NATO failed to open a liaison office in Tokyo last summer after long talks.",
            "The NATO Liaison Office in Tokyo opened. Critics of the Tokyo Liaison Office were loud. The NATO Tokyo office grew.",
            "NATO met in Brussels to talk about weather and budgets for the coming season.",
            "NATO planners discussed rail links and depots with partners across the region.",
        ]);
        let a = Analysis::compute(&arts, &Settings::default());
        let tokyo: Vec<&Topic> = a
            .topics()
            .iter()
            .filter(|t| t.label.to_lowercase().contains("liaison office"))
            .collect();
        assert_eq!(tokyo.len(), 1, "{:?}", labels(&a));
        let t = tokyo[0];
        assert_eq!(t.label, "liaison office in Tokyo");
        assert_eq!(t.articles, [0, 1]);
        let spans: Vec<&str> = t
            .occurrences
            .iter()
            .map(|o| o.span.of(&arts[o.article].text))
            .collect();
        assert_eq!(
            spans,
            [
                "liaison office in Tokyo",
                "Liaison Office in Tokyo",
                "Tokyo Liaison Office",
                "Tokyo office"
            ]
        );
        // A name in every article of a small library still names something.
        let nato = a.topics().iter().find(|t| t.label == "NATO");
        assert_eq!(
            nato.map(|t| t.articles.clone()),
            Some(vec![0, 1, 2, 3]),
            "{:?}",
            labels(&a)
        );
    }

    #[test]
    fn acronyms_and_expansions_are_one_topic() {
        let arts = library(&[
            "Pakistan deepened its integration via the China-Pakistan Economic Corridor (CPEC) during the boom.",
            "Economists doubt that the China-Pakistan Economic Corridor can pay for itself soon.",
            "Critics of CPEC point to debt and to slow progress on the western route.",
        ]);
        let a = Analysis::compute(&arts, &Settings::default());
        let cpec: Vec<&Topic> = a
            .topics()
            .iter()
            .filter(|t| t.label.starts_with("CPEC"))
            .collect();
        assert_eq!(cpec.len(), 1, "{:?}", labels(&a));
        assert_eq!(cpec[0].label, "CPEC (China-Pakistan Economic Corridor)");
        assert_eq!(cpec[0].articles, [0, 1, 2]);
        assert!(
            !labels(&a)
                .iter()
                .any(|l| l.contains("Economic Corridor") && !l.starts_with("CPEC")),
            "{:?}",
            labels(&a)
        );
    }

    #[test]
    fn a_name_and_its_prefix_are_one_topic_in_either_spelling() {
        let arts = library(&[
            "Sweden entered the North Atlantic Treaty Organisation after a long debate in parliament.",
            "Founded in 1949, the North Atlantic Treaty Organization protects its members.",
            "Finland became part of the North Atlantic Treaty Organization after the war began.",
            "Farmers sold apples and pears at the autumn fair in the valley.",
        ]);
        let a = Analysis::compute(&arts, &Settings::default());
        let l = labels(&a);
        let atlantic: Vec<&String> = l.iter().filter(|l| l.contains("Atlantic")).collect();
        assert_eq!(atlantic.len(), 1, "{l:?}");
        assert!(
            atlantic[0].starts_with("North Atlantic Treaty Organi"),
            "{l:?}"
        );
        let t = a.topics().iter().find(|t| t.label.contains("Atlantic"));
        assert_eq!(t.map(|t| t.articles.clone()), Some(vec![0, 1, 2]));
    }

    #[test]
    fn hyphenated_fragments_and_generic_heads_are_no_topics() {
        let arts = library(&[
            "Leaders praised trans-Atlantic ties and the Euro-Atlantic area. Ships sailed to the Asia-Pacific region. The assistant secretary-general spoke.",
            "Storms crossed the mid-Atlantic and the Euro-Atlantic community. Partners in the Asia Pacific region agreed. An Assistant Secretary of State came.",
            "Trade with the Asia-Pacific grew while Euro-Atlantic budgets shrank.",
        ]);
        let a = Analysis::compute(&arts, &Settings::default());
        let l = labels(&a);
        assert!(!l.iter().any(|l| l == "Atlantic"), "{l:?}");
        assert!(l.iter().any(|l| l == "Euro-Atlantic"), "{l:?}");
        let asia: Vec<&Topic> = a
            .topics()
            .iter()
            .filter(|t| t.label.starts_with("Asia"))
            .collect();
        assert_eq!(asia.len(), 1, "{l:?}");
        assert_eq!(asia[0].label, "Asia-Pacific");
        assert_eq!(asia[0].articles, [0, 1, 2]);
        assert!(
            !l.iter().any(|l| l.to_lowercase() == "assistant secretary"),
            "{l:?}"
        );
    }

    #[test]
    fn names_cut_before_their_number_are_no_topics() {
        let topics_of =
            |texts: &[&str]| labels(&Analysis::compute(&library(texts), &Settings::default()));
        let l = topics_of(&[
            "Yukos filed for Chapter 11 protection in Houston. Lawyers for Yukos met the court.",
            "The firm filed for Chapter 11 in Houston last week, and Yukos said it would appeal.",
            "A judge in Houston heard the Yukos case on a cold morning.",
        ]);
        assert!(!l.iter().any(|l| l.contains("Chapter")), "{l:?}");
        assert!(
            ["Houston", "Yukos"]
                .iter()
                .all(|n| l.contains(&n.to_string())),
            "{l:?}"
        );
        // A name that is not always followed by a number stays a topic.
        let l = topics_of(&[
            "Ministers met in Vilnius 2023 and again in Vilnius in the spring.",
            "The summit in Vilnius set new goals for the alliance.",
        ]);
        assert!(l.iter().any(|l| l == "Vilnius"), "{l:?}");
    }

    #[test]
    fn demonyms_compass_words_and_broad_phrases_are_no_topics() {
        let arts = library(&[
            "Chinese ships shadowed the fleet while the West watched. A task force drafted a legal framework. Scholars debated strategic autonomy at length.",
            "Chinese envoys met the West in Geneva. The task force cited the legal framework. Europe seeks strategic autonomy in defence.",
            "Farmers sold apples and pears at the autumn fair in the valley.",
        ]);
        let a = Analysis::compute(&arts, &Settings::default());
        let l = labels(&a);
        for junk in ["Chinese", "West", "task force", "legal framework"] {
            assert!(!l.iter().any(|l| l == junk), "{junk} in {l:?}");
        }
        assert!(l.iter().any(|l| l == "strategic autonomy"), "{l:?}");
        assert!(qualifier("Russian") && qualifier("Western") && qualifier("north"));
        assert!(!qualifier("Japan") && !qualifier("Tokyo") && !qualifier("Paris"));
    }

    #[test]
    fn topics_inside_longer_topics_everywhere_are_dropped() {
        let occ = |block, start, end| Occurrence {
            article: 0,
            block,
            span: Span::new(start, end),
        };
        let topic = |label: &str, occurrences| Topic {
            label: label.to_string(),
            articles: vec![0],
            occurrences,
        };
        let topics = [
            topic(
                "Atlantic Treaty Organization",
                vec![occ(1, 6, 20), occ(2, 0, 20)],
            ),
            topic("Treaty", vec![occ(1, 8, 12), occ(2, 3, 7)]),
            topic("Organization", vec![occ(1, 12, 20), occ(3, 0, 8)]),
        ];
        assert_eq!(
            contained(&topics.iter().collect::<Vec<_>>()),
            HashSet::from_iter([1])
        );
    }

    #[test]
    fn generic_words_and_single_lowercase_words_are_not_topics() {
        let arts = library(&[
            "Countries said last year that new rules were needed. However, reports vary in March.",
            "Countries said this year that new rules were needed. However, reports vary on Monday.",
        ]);
        let a = Analysis::compute(&arts, &Settings::default());
        for l in labels(&a) {
            let lower = l.to_lowercase();
            for junk in [
                "said",
                "year",
                "new",
                "countries",
                "however",
                "march",
                "monday",
                "reports",
            ] {
                assert!(
                    !lower.split_whitespace().any(|w| w == junk),
                    "junk topic {l:?}"
                );
            }
        }
    }

    #[test]
    fn a_name_everywhere_is_a_topic_a_common_word_everywhere_is_not() {
        let arts = library(&[
            "Japan said maritime security policy in the region matters this year. Cyberattacks hit ports.",
            "Japan expanded maritime patrols and new security policy for the region. Cyber defence improved.",
            "Japan and maritime partners discussed security policy in the region last year.",
            "Japan hosted maritime drills under a security policy for the region. Rice harvests grew.",
            "Farmers in Japan sold rice after maritime storms; security policy in the region was calm.",
        ]);
        let a = Analysis::compute(&arts, &Settings::default());
        let l = labels(&a);
        let japan = a.topics().iter().find(|t| t.label == "Japan");
        assert_eq!(japan.map(|t| t.articles.len()), Some(5), "{l:?}");
        for junk in [
            "maritime", "said", "year", "new", "security", "policy", "region", "rice",
        ] {
            assert!(!l.iter().any(|x| x == junk), "{junk} in {l:?}");
        }
        // A domain word in only some articles is a topic, in every form.
        let cyber = a.topics().iter().find(|t| t.label == "cyber");
        assert_eq!(cyber.map(|t| t.articles.clone()), Some(vec![0, 1]), "{l:?}");
    }

    #[test]
    fn combining_forms_and_inflections_join_their_topic() {
        let arts = library(&[
            "Cyberattacks on ports rose, and the liaison offices in Tokyo were busy.",
            "Planners wanted cyber-hardened grids and a bigger Tokyo Liaison Office.",
            "Drills in cyberspace tested the cyber units of the navy.",
            "Farmers sold apples and pears at the autumn fair in the valley.",
        ]);
        let a = Analysis::compute(&arts, &Settings::default());
        let l = labels(&a);
        let cyber = a.topics().iter().find(|t| t.label == "cyber");
        let Some(cyber) = cyber else {
            panic!("no cyber topic in {l:?}")
        };
        let forms: Vec<&str> = cyber
            .occurrences
            .iter()
            .map(|o| o.span.of(&arts[o.article].text))
            .collect();
        assert_eq!(forms, ["Cyberattacks", "cyber", "cyberspace", "cyber"]);
        assert_eq!(cyber.articles, [0, 1, 2]);
        let tokyo = a.topics().iter().find(|t| t.label.contains("iaison"));
        assert_eq!(tokyo.map(|t| t.articles.clone()), Some(vec![0, 1]), "{l:?}");
        assert_eq!(
            terms::combining_form("cyberspace"),
            Some("cyber"),
            "a combining form"
        );
        assert_eq!(terms::combining_form("cyber"), Some("cyber"));
        assert_eq!(terms::combining_form("cyb"), None);
    }

    #[test]
    fn common_words_are_dropped_only_in_a_big_library() {
        // Twenty articles: "naval" is in all of them and says nothing; the
        // name in all of them still names something.
        let texts: Vec<String> = (0..20)
            .map(|i| {
                format!(
                    "Naval officers from Japan met in port {i}. They discussed naval drills and subject{i} matters."
                )
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let a = Analysis::compute(&library(&refs), &Settings::default());
        let l = labels(&a);
        assert!(l.iter().any(|x| x == "Japan"), "{l:?}");
        assert!(!l.iter().any(|x| x.contains("naval")), "{l:?}");
        // In a small library the same phrase is a topic: one word in every
        // one of four articles is no evidence that it says nothing.
        let small = library(&[
            "Naval drills near Japan grew in size.",
            "Naval drills off Japan alarmed fishermen.",
            "Japan skipped the naval parade in spring.",
            "Japan and the naval staff argued about budgets.",
        ]);
        let a = Analysis::compute(&small, &Settings::default());
        let l = labels(&a);
        assert!(
            l.iter().any(|x| x.to_lowercase() == "naval drills"),
            "{l:?}"
        );
        assert!(!l.iter().any(|x| x == "naval"), "{l:?}");
    }
}
