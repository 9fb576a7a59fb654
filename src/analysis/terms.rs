//! Words as analysis sees them: tokens with byte spans, stop words and
//! generic words, Snowball stems, acronyms with the expansions the library
//! defines for them, and the interned vocabulary.
//!
//! Tokenising happens in two passes over the library. The first learns how
//! each word is usually capitalised and which acronyms are defined
//! ("China-Pakistan Economic Corridor (CPEC)"); the second turns every
//! passage into classified tokens, writing an expansion as the acronym's
//! term so that both spellings count as the same thing.

use std::borrow::Cow;
use std::sync::OnceLock;

use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap as HashMap, FxHashSet as HashSet};
use std::hash::BuildHasher;
use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};

use super::words;
use crate::corpus::Article;
use crate::text::Span;

/// Prefixes that make closed compounds with any word and mean the same
/// thing in all of them: "cyberattacks", "cyberspace" and "cyber-hardened"
/// are all "cyber" to analysis.
const COMBINING_FORMS: &[&str] = &["cyber"];

/// The combining form a lower-case word starts with, or is.
pub(crate) fn combining_form(lower: &str) -> Option<&'static str> {
    COMBINING_FORMS
        .iter()
        .find(|f| lower.starts_with(**f) && lower[f.len()..].chars().all(char::is_alphabetic))
        .copied()
}

pub(crate) fn is_stop(lower: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    words::set(&SET, words::stop_words()).contains(lower)
}

pub(crate) fn is_generic(lower: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    words::set(&SET, words::generic_words()).contains(lower)
}

fn is_connector(lower: &str) -> bool {
    words::connectors().contains(&lower)
}

/// What separates a token from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gap {
    /// Only whitespace, or nothing (first token).
    Space,
    /// A hyphen or slash: "Indo-Pacific", "China-Pakistan".
    Joined,
    /// Any other punctuation: commas, brackets, quotes, dashes.
    Break,
}

/// A word as written, before classification.
#[derive(Debug, Clone)]
pub(crate) struct RawToken<'a> {
    /// The word without a possessive "'s".
    pub span: Span,
    /// The word without dots ("U.S." gives "US") or possessive.
    pub word: Cow<'a, str>,
    pub gap: Gap,
    /// The gap before the word holds an opening bracket.
    pub after_paren: bool,
    pub sentence_start: bool,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Splits `span` of `text` into words. The first word is marked as the
/// start of a sentence; callers pass one sentence at a time.
pub(crate) fn raw_tokens(text: &str, span: Span) -> Vec<RawToken<'_>> {
    let s = span.of(text);
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(s.len());
    chars.extend(s.char_indices());
    let mut out: Vec<RawToken> = Vec::with_capacity(s.len() / 4);
    let mut prev_end = 0;
    let mut p = 0;
    while p < chars.len() {
        if !chars[p].1.is_alphanumeric() {
            p += 1;
            continue;
        }
        let first = p;
        let mut seg_len = 0usize;
        loop {
            while p < chars.len() && chars[p].1.is_alphanumeric() {
                seg_len += 1;
                p += 1;
            }
            let (Some(&(_, c)), Some(&(_, next))) = (chars.get(p), chars.get(p + 1)) else {
                break;
            };
            let prev = chars[p - 1].1;
            let dotted =
                c == '.' && seg_len == 1 && prev.is_alphabetic() && next.is_alphabetic() && {
                    // "U.S": the letter after the dot stands alone too.
                    chars.get(p + 2).is_none_or(|&(_, d)| !d.is_alphanumeric())
                };
            let decimal = matches!(c, '.' | ',') && prev.is_ascii_digit() && next.is_ascii_digit();
            if (is_apostrophe(c) && next.is_alphabetic()) || dotted || decimal {
                p += 1;
                seg_len = 0;
                continue;
            }
            break;
        }
        let start = chars[first].0;
        let mut end = chars.get(p).map_or(s.len(), |&(i, _)| i);
        let mut word = &s[start..end];
        for suffix in ["'s", "’s", "'S", "’S"] {
            if word.len() > suffix.len() + 1 && word.ends_with(suffix) {
                end -= suffix.len();
                word = &s[start..end];
            }
        }
        let between = &s[prev_end..start];
        let gap_text = between.trim();
        let gap = if out.is_empty() || gap_text.is_empty() {
            Gap::Space
        } else if matches!(gap_text, "-" | "‐" | "‑" | "/")
            && !between.starts_with(char::is_whitespace)
        {
            Gap::Joined
        } else {
            Gap::Break
        };
        out.push(RawToken {
            span: Span::new(span.start + start, span.start + end),
            word: if word.starts_with(|c: char| c.is_ascii_digit()) || !word.contains('.') {
                Cow::Borrowed(word)
            } else {
                Cow::Owned(word.replace('.', ""))
            },
            gap,
            after_paren: between.contains('('),
            sentence_start: out.is_empty(),
        });
        prev_end = chars.get(p).map_or(s.len(), |&(i, _)| i);
    }
    out
}

/// `word` in lower case, written into `buf` unless it already is.
fn lower_case<'a>(word: &'a str, buf: &'a mut String) -> &'a str {
    if !word.is_ascii() {
        *buf = word.to_lowercase();
        buf
    } else if word.bytes().any(|b| b.is_ascii_uppercase()) {
        buf.clear();
        buf.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        buf
    } else {
        word
    }
}

/// The acronym a word is written as: "NATO" itself, or the singular of a
/// plural such as "SSBNs" or "NGOs".
pub(crate) fn plain_acronym(word: &str) -> Option<&str> {
    if is_acronym(word) {
        return Some(word);
    }
    let singular = word.strip_suffix('s')?;
    is_acronym(singular).then_some(singular)
}

/// True for "NATO", "CPEC", "US": two or more letters, all upper case.
pub(crate) fn is_acronym(word: &str) -> bool {
    // Most words fail on their second letter.
    word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
        && (2..=10).contains(&word.chars().filter(|c| c.is_alphabetic()).count())
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// An acronym the library spells out somewhere.
#[derive(Debug, Clone)]
pub(crate) struct Acronym {
    /// The expansion as first written: "China-Pakistan Economic Corridor".
    pub surface: String,
}

/// How a word is classified in a passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A word that can be a term.
    Content,
    /// A function word that may sit inside a phrase.
    Connector,
    /// Anything that ends a phrase: stop and generic words, numbers.
    Other,
}

/// One classified token of a passage.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub span: Span,
    pub kind: Kind,
    /// The interned term of a content token.
    pub term: Option<u32>,
    pub gap: Gap,
    /// Written with a capital and usually capitalised in the library, or an
    /// acronym: it can name something on its own.
    pub name: bool,
    /// Starts with a capital letter.
    pub capital: bool,
    /// Written as an acronym, or an expansion standing for one.
    pub acronym: bool,
    pub sentence_start: bool,
}

/// The tokens of one passage (a prose block).
#[derive(Debug, Clone)]
pub(crate) struct Passage {
    pub block: usize,
    pub tokens: Vec<Token>,
    /// Sentence index into `article.sentences` and its range of `tokens`.
    pub sentences: Vec<(usize, Range<usize>)>,
}

/// Interned term strings: stems in lower case, acronyms as "=NATO".
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocab {
    ids: HashMap<String, u32>,
    pub keys: Vec<String>,
}

impl Vocab {
    pub fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.keys.len() as u32;
        self.ids.insert(key.to_string(), id);
        self.keys.push(key.to_string());
        id
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }
}

/// What classifying knows about a word as written ("Offices"), worked out
/// once per article.
struct Word {
    /// The stem of its term.
    stem: String,
    stop: bool,
    connector: bool,
    /// A number or a single character: never a term.
    trivial: bool,
    /// A stop or generic word: a term only where it is written as a name.
    weak: bool,
    upper: bool,
    name_like: bool,
    /// The acronym the word is written as: itself ("NATO"), its singular
    /// ("SSBNs"), or the library's capitals for a title-case form ("Nato").
    acronym: Option<String>,
    /// The interned stem and acronym, once a token has used them, so that
    /// terms are numbered in the order they are first used.
    term: Option<u32>,
    acronym_term: Option<u32>,
}

/// The words of one article met so far.
#[derive(Default)]
struct Words {
    index: HashMap<String, usize>,
    list: Vec<Word>,
}

/// What the first pass learns about the library's words.
pub(crate) struct Lexicon {
    stemmer: Stemmer,
    /// Lower-case word → (times capitalised, times in lower case), counted
    /// away from sentence starts.
    case: HashMap<String, (u32, u32)>,
    /// The stems of the words in `case`, as [`Lexicon::term_stem`] gives
    /// them, and whether they are [`Lexicon::name_like`], worked out once
    /// for the library.
    known: HashMap<String, (String, bool)>,
    pub acronyms: HashMap<String, Acronym>,
    /// Acronyms written in capitals somewhere in the library.
    capitals: HashSet<String>,
    /// The acronyms' expansions as a trie over their stems, so that finding
    /// the expansion at a word costs the length of the match, not the
    /// number of acronyms the library defines.
    expansions: Trie,
}

/// A trie over stem sequences. Node 0 is the root.
#[derive(Default)]
struct Trie {
    /// Stem → its id in `edges`.
    stems: HashMap<String, u32>,
    /// (node, stem id) → child node.
    edges: HashMap<(u32, u32), u32>,
    /// The acronym whose expansion ends at each node, the alphabetically
    /// first if several do.
    ends: Vec<Option<String>>,
}

impl Trie {
    fn insert(&mut self, stems: &[String], acronym: &str) {
        if self.ends.is_empty() {
            self.ends.push(None);
        }
        let mut node = 0u32;
        for stem in stems {
            let next_stem = self.stems.len() as u32;
            let id = *self.stems.entry(stem.clone()).or_insert(next_stem);
            let next_node = self.ends.len() as u32;
            node = *self.edges.entry((node, id)).or_insert(next_node);
            if node == next_node {
                self.ends.push(None);
            }
        }
        let end = &mut self.ends[node as usize];
        if end.as_deref().is_none_or(|e| acronym < e) {
            *end = Some(acronym.to_string());
        }
    }

    fn child(&self, node: u32, stem: &str) -> Option<u32> {
        let id = *self.stems.get(stem)?;
        self.edges.get(&(node, id)).copied()
    }
}

/// What the first pass learns from one article.
#[derive(Default)]
struct Learned {
    case: HashMap<String, (u32, u32)>,
    capitals: HashSet<String>,
    /// Acronym, expansion stems and surface, in reading order.
    defs: Vec<(String, Vec<String>, String)>,
}

/// Sentences that shout ("⚡ KEY TAKEAWAYS") have no acronyms.
fn shouting(tokens: &[RawToken]) -> bool {
    let (mut long, mut caps) = (0, 0);
    for t in tokens.iter().filter(|t| t.word.chars().nth(2).is_some()) {
        long += 1;
        caps += usize::from(is_acronym(&t.word));
    }
    long >= 3 && caps * 2 > long
}

/// The prose sentences of an article with their raw tokens.
pub(crate) fn sentence_tokens(
    article: &Article,
) -> impl Iterator<Item = (usize, Vec<RawToken<'_>>)> + '_ {
    article
        .sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| article.blocks[s.block].is_prose())
        .map(|(i, s)| {
            let mut toks = raw_tokens(&article.text, s.span);
            if !article.markup.is_empty() {
                // Markdown: words of link targets, entities and code are
                // not the article's prose.
                let opens = toks.first().is_some_and(|t| t.sentence_start);
                toks.retain(|t| !article.markup.is_markup_or_code(t.span));
                if let Some(first) = toks.first_mut() {
                    first.sentence_start |= opens;
                }
            }
            if shouting(&toks) {
                for t in &mut toks {
                    t.word = Cow::Owned(t.word.to_lowercase());
                }
            }
            (i, toks)
        })
}

impl Lexicon {
    /// Learns capitalisation and acronym definitions from the prose of
    /// every article.
    pub fn learn(articles: &[Article]) -> Lexicon {
        let mut lex = Lexicon {
            stemmer: Stemmer::create(Algorithm::English),
            case: HashMap::default(),
            known: HashMap::default(),
            acronyms: HashMap::default(),
            capitals: HashSet::default(),
            expansions: Trie::default(),
        };
        let mut learned: Vec<Learned> = articles.par_iter().map(|a| lex.learn_one(a)).collect();
        lex.case = learned
            .par_iter_mut()
            .map(|one| std::mem::take(&mut one.case))
            .reduce(HashMap::default, |a, b| {
                super::pipeline::merge_counts(a, b, |x, (cap, low)| {
                    x.0 += cap;
                    x.1 += low;
                })
            });
        let mut defs: HashMap<String, HashMap<Vec<String>, (usize, String)>> = HashMap::default();
        for one in &mut learned {
            lex.capitals.extend(std::mem::take(&mut one.capitals));
        }
        for one in learned {
            for (acr, stems, surface) in one.defs {
                let e = defs
                    .entry(acr)
                    .or_default()
                    .entry(stems)
                    .or_insert((0, surface));
                e.0 += 1;
            }
        }
        let known: Vec<(String, (String, bool))> = lex
            .case
            .par_iter()
            .map(|(w, _)| (w.clone(), (lex.term_stem(w), lex.name_like(w))))
            .collect();
        lex.known = known.into_iter().collect();
        let names: Vec<(&str, u32)> = lex
            .known
            .iter()
            .filter(|(_, (_, name))| *name)
            .map(|(w, _)| (w.as_str(), lex.case.get(w).map_or(0, |c| c.0 + c.1)))
            .collect();
        let variants = super::variants::name_variants(&names);
        // A canonical spelling keeps its own stem, so it can be read while
        // its variants take it.
        for (variant, canonical) in variants {
            if let Some(stem) = lex.known.get(&canonical).map(|k| k.0.clone()) {
                if let Some(known) = lex.known.get_mut(&variant) {
                    known.0 = stem;
                }
            }
        }
        for (acr, forms) in defs {
            let best = forms
                .into_iter()
                .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then_with(|| b.0.cmp(&a.0)));
            if let Some((stems, (_, surface))) = best {
                if stems.len() >= 2 {
                    lex.expansions.insert(&stems, &acr);
                    lex.acronyms.insert(
                        acr,
                        Acronym {
                            surface: crate::text::sanitize::one_line(&surface),
                        },
                    );
                }
            }
        }
        lex
    }

    /// Capitalisation counts and acronym definitions of one article.
    fn learn_one(&self, article: &Article) -> Learned {
        let mut out = Learned::default();
        let mut buf = String::new();
        for (_, toks) in sentence_tokens(article) {
            for t in &toks {
                if let Some(acr) = plain_acronym(&t.word) {
                    if !out.capitals.contains(acr) {
                        out.capitals.insert(acr.to_string());
                    }
                }
                if t.sentence_start || is_acronym(&t.word) {
                    continue;
                }
                let lower = lower_case(&t.word, &mut buf);
                let e = match out.case.get_mut(lower) {
                    Some(e) => e,
                    None => out.case.entry(lower.to_string()).or_default(),
                };
                if starts_upper(&t.word) {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                }
            }
            for i in 1..toks.len() {
                if toks[i].after_paren && is_acronym(&toks[i].word) {
                    if let Some(range) = expansion_before(&toks[..i], &toks[i].word) {
                        let words = &toks[range.clone()];
                        let stems: Vec<String> = words
                            .iter()
                            .map(|t| t.word.to_lowercase())
                            .filter(|w| !is_stop(w))
                            .map(|w| self.stem(&w))
                            .collect();
                        let surface = article.text
                            [words[0].span.start..words[words.len() - 1].span.end]
                            .to_string();
                        out.defs.push((toks[i].word.to_string(), stems, surface));
                    }
                }
            }
        }
        out
    }

    /// The word's stem, as [`super::spelling::stem`] gives it.
    pub fn stem(&self, lower: &str) -> String {
        super::spelling::stem(&self.stemmer, lower)
    }

    /// The stem that makes a lower-case word's term: a combining form
    /// stands for every word it starts ("cyberattacks" is "cyber").
    fn term_stem(&self, lower: &str) -> String {
        self.stem(combining_form(lower).unwrap_or(lower))
    }

    /// The acronym a title-case word of four or more letters stands for,
    /// where the library writes it in capitals elsewhere: "Nato", "Aukus".
    /// Shorter words are left alone: "Us" and "Who" are words.
    fn title_case_acronym(&self, written: &str) -> Option<String> {
        let mut chars = written.chars();
        let first = chars.next()?;
        let rest = chars.as_str();
        if !first.is_uppercase()
            || rest.chars().count() < 3
            || !rest.chars().all(|c| c.is_lowercase())
        {
            return None;
        }
        let upper = written.to_uppercase();
        self.capitals.contains(&upper).then_some(upper)
    }

    /// Usually written with a capital away from sentence starts.
    pub fn name_like(&self, lower: &str) -> bool {
        self.case
            .get(lower)
            .is_some_and(|&(cap, low)| cap > 0 && cap >= 2 * low)
    }

    /// Turns the prose of `article` into passages of classified tokens.
    /// The passages of every article, on all cores. Terms are numbered as
    /// if the articles were read one after another.
    pub fn all_passages(&self, articles: &[Article]) -> (Vec<Vec<Passage>>, Vocab) {
        let local: Vec<(Vec<Passage>, Vocab)> = articles
            .par_iter()
            .map(|a| {
                let mut v = Vocab::default();
                (self.passages(a, &mut v), v)
            })
            .collect();
        let (mut docs, locals): (Vec<Vec<Passage>>, Vec<Vocab>) = local.into_iter().unzip();
        // Each term's first occurrence, reading the articles in order, is
        // found per shard of the terms on all cores; numbering them in
        // that order is all that is left to do one after another.
        let shards = rayon::current_num_threads() * 4;
        let shard_of: Vec<Vec<usize>> = locals
            .par_iter()
            .map(|v| {
                v.keys
                    .iter()
                    .map(|k| FxBuildHasher.hash_one(k) as usize % shards)
                    .collect()
            })
            .collect();
        let mut firsts: Vec<(u32, u32)> = (0..shards)
            .into_par_iter()
            .flat_map_iter(|shard| {
                let mut seen: HashSet<&str> = HashSet::default();
                let mut out = Vec::new();
                for (a, (v, of)) in locals.iter().zip(&shard_of).enumerate() {
                    for (i, k) in v.keys.iter().enumerate() {
                        if of[i] == shard && seen.insert(k) {
                            out.push((a as u32, i as u32));
                        }
                    }
                }
                out
            })
            .collect();
        firsts.par_sort_unstable();
        let mut vocab = Vocab::default();
        for (a, i) in firsts {
            vocab.intern(&locals[a as usize].keys[i as usize]);
        }
        let ids: Vec<Vec<u32>> = locals
            .par_iter()
            .map(|v| v.keys.iter().map(|k| vocab.ids[k.as_str()]).collect())
            .collect();
        docs.par_iter_mut().zip(ids).for_each(|(passages, ids)| {
            for t in passages.iter_mut().flat_map(|p| &mut p.tokens) {
                if let Some(term) = t.term.as_mut() {
                    *term = ids[*term as usize];
                }
            }
        });
        (docs, vocab)
    }

    /// Turns the prose of `article` into passages of classified tokens.
    pub fn passages(&self, article: &Article, vocab: &mut Vocab) -> Vec<Passage> {
        let mut out: Vec<Passage> = Vec::new();
        let mut words = Words::default();
        for (si, raw) in sentence_tokens(article) {
            let block = article.sentences[si].block;
            if out.last().is_none_or(|p| p.block != block) {
                out.push(Passage {
                    block,
                    tokens: Vec::new(),
                    sentences: Vec::new(),
                });
            }
            let Some(passage) = out.last_mut() else {
                continue;
            };
            let from = passage.tokens.len();
            self.classify(&raw, &mut words, vocab, &mut passage.tokens);
            let to = passage.tokens.len();
            passage.sentences.push((si, from..to));
        }
        out
    }

    /// What classifying needs to know about a word as written.
    fn word(&self, written: &str) -> Word {
        let lower = written.to_lowercase();
        let acronym = plain_acronym(written)
            .map(str::to_string)
            .or_else(|| self.title_case_acronym(written));
        let (stem, name_like) = match self.known.get(&lower) {
            Some((stem, name_like)) => (stem.clone(), *name_like),
            None => (self.term_stem(&lower), self.name_like(&lower)),
        };
        Word {
            stem,
            stop: is_stop(&lower),
            connector: is_connector(&lower),
            trivial: written.starts_with(|c: char| c.is_ascii_digit())
                || lower.chars().nth(1).is_none(),
            weak: is_stop(&lower) || is_generic(&lower),
            upper: starts_upper(written),
            name_like,
            acronym,
            term: None,
            acronym_term: None,
        }
    }

    fn classify(
        &self,
        raw: &[RawToken],
        words: &mut Words,
        vocab: &mut Vocab,
        out: &mut Vec<Token>,
    ) {
        let idx: Vec<usize> = raw
            .iter()
            .map(|t| match words.index.get(&*t.word) {
                Some(&i) => i,
                None => {
                    words.index.insert(t.word.to_string(), words.list.len());
                    words.list.push(self.word(&t.word));
                    words.list.len() - 1
                }
            })
            .collect();
        let mut last_expansion: Option<String> = None;
        let mut i = 0;
        while i < raw.len() {
            let t = &raw[i];
            if let Some((acr, end)) = self.expansion_at(raw, &words.list, &idx, i) {
                out.push(Token {
                    span: Span::new(t.span.start, raw[end - 1].span.end),
                    kind: Kind::Content,
                    term: Some(vocab.intern(&format!("={acr}"))),
                    gap: t.gap,
                    name: true,
                    capital: true,
                    acronym: true,
                    sentence_start: t.sentence_start,
                });
                last_expansion = Some(acr);
                i = end;
                continue;
            }
            let w = &mut words.list[idx[i]];
            let echo = t.after_paren
                && w.acronym.is_some()
                && last_expansion.is_some()
                && last_expansion == w.acronym;
            last_expansion = None;
            let (kind, term) = if echo {
                (Kind::Other, None)
            } else if let Some(acr) = &w.acronym {
                let term = *w
                    .acronym_term
                    .get_or_insert_with(|| vocab.intern(&format!("={acr}")));
                (Kind::Content, Some(term))
            } else if w.connector {
                (Kind::Connector, None)
            } else if w.trivial || (w.weak && !(w.upper && !t.sentence_start && w.name_like)) {
                (Kind::Other, None)
            } else {
                let term = *w.term.get_or_insert_with(|| vocab.intern(&w.stem));
                (Kind::Content, Some(term))
            };
            out.push(Token {
                span: t.span,
                kind,
                term,
                gap: t.gap,
                name: w.acronym.is_some() || (w.upper && kind == Kind::Content && w.name_like),
                capital: w.upper,
                acronym: w.acronym.is_some(),
                sentence_start: t.sentence_start,
            });
            i += 1;
        }
    }

    /// An acronym's expansion starting at `raw[i]`, as the acronym and the
    /// index just past the expansion's last word.
    fn expansion_at(
        &self,
        raw: &[RawToken],
        words: &[Word],
        idx: &[usize],
        i: usize,
    ) -> Option<(String, usize)> {
        let word = |j: usize| &words[idx[j]];
        if word(i).stop {
            return None;
        }
        // Every expansion skips the same stop words and stops at the same
        // breaks; only the stems compared differ, so one walk down the trie
        // finds them all. The deepest match is the longest.
        let mut node = self.expansions.child(0, &word(i).stem)?;
        let mut best: Option<(String, usize)> = None;
        let mut j = i + 1;
        loop {
            if let Some(acr) = &self.expansions.ends[node as usize] {
                best = Some((acr.clone(), j));
            }
            while j < raw.len() && raw[j].gap != Gap::Break && word(j).stop {
                j += 1;
            }
            if j >= raw.len() || raw[j].gap == Gap::Break {
                break;
            }
            match self.expansions.child(node, &word(j).stem) {
                Some(next) => {
                    node = next;
                    j += 1;
                }
                None => break,
            }
        }
        best
    }
}

/// The words before an acronym in brackets that spell it out, found by
/// matching the acronym's letters backwards against word initials. Stop
/// words may be skipped, and so may one content word ("Intermediate-Range
/// Nuclear Forces (INF)").
pub(crate) fn expansion_before(before: &[RawToken], acronym: &str) -> Option<Range<usize>> {
    let letters: Vec<char> = acronym
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let mut li = letters.len();
    let mut end = before.len();
    let mut skipped = 0;
    let mut start = None;
    let limit = letters.len() + 4;
    for j in (0..before.len()).rev() {
        if before.len() - j > limit {
            return None;
        }
        if j + 1 < before.len() && before[j + 1].gap == Gap::Break {
            return None;
        }
        let word = before[j].word.to_lowercase();
        let initial = word.chars().next()?;
        if li > 0 && initial == letters[li - 1] {
            li -= 1;
            if li == 0 {
                start = Some(j);
                break;
            }
        } else if is_stop(&word) {
            if j + 1 == end {
                end = j;
            }
        } else {
            skipped += 1;
            if skipped > 1 || j + 1 == end {
                return None;
            }
        }
    }
    let start = start?;
    let content = before[start..end]
        .iter()
        .filter(|t| !is_stop(&t.word.to_lowercase()))
        .count();
    (content >= 2 && starts_upper(&before[start].word)).then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        raw_tokens(s, Span::new(0, s.len()))
            .into_iter()
            .map(|t| t.word.into_owned())
            .collect()
    }

    #[test]
    fn tokens_keep_dotted_abbreviations_decimals_and_drop_possessives() {
        assert_eq!(
            words("U.S. ambassador to NATO’s office, 4.2% growth"),
            ["US", "ambassador", "to", "NATO", "office", "4.2", "growth"]
        );
        let s = "the Indo-Pacific (CPEC) and China’s";
        let toks = raw_tokens(s, Span::new(0, s.len()));
        assert_eq!(toks[2].gap, Gap::Joined);
        assert!(toks[3].after_paren && toks[3].gap == Gap::Break);
        assert_eq!(toks[5].span.of(s), "China");
        assert!(toks[0].sentence_start && !toks[1].sentence_start);
    }

    #[test]
    fn stemming_unifies_inflections() {
        let lex = Lexicon::learn(&[]);
        assert_eq!(lex.stem("offices"), lex.stem("office"));
        assert_eq!(lex.stem("deterring"), lex.stem("deter"));
        assert_eq!(lex.stem("alliances"), lex.stem("alliance"));
        assert_ne!(lex.stem("policy"), lex.stem("police"));
        assert_eq!(lex.stem("organisation"), lex.stem("organization"));
        assert_eq!(lex.stem("modernisations"), lex.stem("modernization"));
        assert_eq!(
            lex.stem("Programme".to_lowercase().as_str()),
            lex.stem("program")
        );
        assert_eq!(lex.stem("defence"), lex.stem("defense"));
    }

    #[test]
    fn acronym_expansions_are_found_backwards() {
        let find = |s: &str, acr: &str| {
            let toks = raw_tokens(s, Span::new(0, s.len()));
            let i = toks
                .iter()
                .position(|t| t.word == acr)
                .expect("acronym present");
            expansion_before(&toks[..i], acr)
                .map(|r| s[toks[r.start].span.start..toks[r.end - 1].span.end].to_string())
        };
        assert_eq!(
            find(
                "integration via the China-Pakistan Economic Corridor (CPEC) and",
                "CPEC"
            )
            .as_deref(),
            Some("China-Pakistan Economic Corridor")
        );
        assert_eq!(
            find("the People’s Republic of China (PRC), or", "PRC").as_deref(),
            Some("People’s Republic of China")
        );
        assert_eq!(
            find("the Intermediate-Range Nuclear Forces (INF) Treaty", "INF").as_deref(),
            Some("Intermediate-Range Nuclear Forces")
        );
        assert_eq!(
            find(
                "Stockholm International Peace Research Institute (SIPRI, 2025)",
                "SIPRI"
            )
            .as_deref(),
            Some("Stockholm International Peace Research Institute")
        );
        assert_eq!(find("a great deal of work (CPEC)", "CPEC"), None);
        assert_eq!(find("with partners (US, Japan, India)", "US"), None);
    }

    #[test]
    fn shouting_sentences_have_no_acronyms() {
        let s = "WHAT HAPPENS NEXT FOR NATO";
        assert!(shouting(&raw_tokens(s, Span::new(0, s.len()))));
        let s = "NATO and CPEC are acronyms in a normal sentence";
        assert!(!shouting(&raw_tokens(s, Span::new(0, s.len()))));
    }
}
