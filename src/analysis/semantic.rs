//! Meaning beside spelling, from the shipped word vectors: each passage
//! and article as a frequency-weighted (SIF) mean of its words' vectors
//! with the common component of general text removed, and a soft
//! alignment of two passages that pairs each word with its closest
//! counterpart ("meddling" with "interfering", "Beijing" with "China").

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::spelling::american;
use super::terms::{Kind, Passage, Token, Vocab};
use super::vectors::WordVectors;
use crate::corpus::Article;

/// The SIF smoothing constant: words more frequent than about one in a
/// thousand in general text weigh little.
const SIF_A: f32 = 1e-3;
/// The heaviest words of a passage that take part in alignment, which
/// costs the product of the two passages' counts.
const ALIGN_WORDS: usize = 24;

/// A word of the library that the table knows, numbered locally.
pub(crate) type Local = u32;

/// A word of a passage that takes part in alignment.
#[derive(Debug, Clone, Copy)]
struct Word {
    local: Local,
    weight: f32,
    /// The passage's first token of the word.
    token: u32,
}

/// Two different words, one in each of two passages, that the table finds
/// alike.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Alike {
    /// The source passage's word.
    pub x: Local,
    /// The target passage's word.
    pub y: Local,
    pub cosine: f32,
}

/// A content token the table knows: its table id, the idf of its term,
/// whether it is written as a name, and its index in the passage.
type Known = (u32, f32, bool, u32);

/// Which of one article's passages have a vector, their words, and the
/// article vector.
type Built = (Vec<bool>, Vec<Vec<Word>>, Vec<f32>);

/// Passage and article vectors of one library.
pub(crate) struct Semantic<'v> {
    table: &'v WordVectors,
    dims: usize,
    /// The table id of each local word.
    ids: Vec<u32>,
    /// Whether the local word is written as a name somewhere.
    named: Vec<bool>,
    /// The local word's stem, numbered: words one term to the stemmer
    /// ("office", "offices") have the same number.
    stems: Vec<u32>,
    /// Unit vectors of the local words, one after another.
    unit: Vec<f32>,
    /// The same, fixed-point (see [`fixed`]), for comparing words.
    unit_fixed: Vec<i16>,
    /// The unit passage vectors, fixed-point, one after another by global
    /// passage number (an article's passages follow its first); zero
    /// where the table knows none of a passage's words. Candidates are
    /// read all over the library, so they are not behind two pointers.
    passages: Vec<i16>,
    /// The global number of each article's first passage.
    first: Vec<usize>,
    /// By global passage number: whether the passage has a vector.
    has: Vec<bool>,
    /// By article and passage: local words, heaviest first, at most
    /// [`ALIGN_WORDS`].
    words: Vec<Vec<Vec<Word>>>,
    /// By article: the unit article vector, or empty.
    articles: Vec<Vec<f32>>,
}

/// The table id of a content token's word: an acronym (or an expansion
/// standing for one) as its lower-case letters, any other word as written
/// in lower case, or in its American spelling.
pub(crate) fn table_id(
    table: &WordVectors,
    text: &str,
    token: &Token,
    vocab: &Vocab,
) -> Option<u32> {
    let term = token.term?;
    if let Some(acr) = vocab.keys[term as usize].strip_prefix('=') {
        return table.id(&acr.to_lowercase());
    }
    table_id_of_surface(table, token.span.of(text))
}

/// The table id of a word as written, in lower case or its American
/// spelling.
fn table_id_of_surface(table: &WordVectors, written: &str) -> Option<u32> {
    // Nearly every word is short and plain ASCII: lower-cased on the stack.
    let mut buf = [0u8; 32];
    let lower: std::borrow::Cow<str> = match buf.get_mut(..written.len()) {
        Some(short) if written.is_ascii() => {
            short.copy_from_slice(written.as_bytes());
            short.make_ascii_lowercase();
            String::from_utf8_lossy(short)
        }
        _ => written.to_lowercase().replace('’', "'").into(),
    };
    table.id(&lower).or_else(|| table.id(&american(&lower)))
}

fn unit_length(v: &mut [f32]) -> bool {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 1e-6 {
        v.iter_mut().for_each(|x| *x /= norm);
        true
    } else {
        false
    }
}

/// The dot product of two vectors of equal length, summed in eight lanes
/// so that the compiler can use vector instructions.
pub(crate) fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 8];
    let (xs, ys) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = xs
        .remainder()
        .iter()
        .zip(ys.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in xs.zip(ys) {
        for i in 0..8 {
            lanes[i] += x[i] * y[i];
        }
    }
    lanes.iter().sum::<f32>() + tail
}

/// A unit vector's components in fixed point, one unit as `FIXED_ONE`:
/// half the memory of `f32` and an integer dot product, exact to about
/// 1e-4 in a cosine. Zeros pad it to whole [`FIXED_CHUNK`]s.
fn fixed(v: &[f32]) -> Vec<i16> {
    let mut out: Vec<i16> = v
        .iter()
        .map(|x| (x.clamp(-1.0, 1.0) * FIXED_ONE).round() as i16)
        .collect();
    out.resize(v.len().next_multiple_of(FIXED_CHUNK), 0);
    out
}

const FIXED_ONE: f32 = i16::MAX as f32;

/// Fixed-point components are multiplied this many at a time: eight
/// multiply-and-add steps of 16-bit pairs, which the compiler emits for
/// [`dot_fixed`]'s lanes on any x86-64 processor.
const FIXED_CHUNK: usize = 16;

/// The cosine of two fixed-point unit vectors of equal length. No sum
/// overflows: by Cauchy–Schwarz every partial sum of products of two unit
/// vectors' components is at most one unit squared, and integer sums are
/// exact in any order.
fn dot_fixed(a: &[i16], b: &[i16]) -> f32 {
    let (xs, x_rest) = a.as_chunks::<FIXED_CHUNK>();
    let (ys, y_rest) = b.as_chunks::<FIXED_CHUNK>();
    let mut lanes = [0i32; FIXED_CHUNK];
    for (x, y) in xs.iter().zip(ys) {
        for (lane, (&x, &y)) in lanes.iter_mut().zip(x.iter().zip(y)) {
            *lane += i32::from(x) * i32::from(y);
        }
    }
    let rest: i32 = x_rest
        .iter()
        .zip(y_rest)
        .map(|(&x, &y)| i32::from(x) * i32::from(y))
        .sum();
    (lanes.iter().sum::<i32>() + rest) as f32 / (FIXED_ONE * FIXED_ONE)
}

impl<'v> Semantic<'v> {
    /// Vectors for every passage and article. `idf` weighs each term by
    /// how rare it is in the library, so that a word in nearly every
    /// passage aligns with little weight; `stem` is the stemmer that makes
    /// the library's terms.
    pub fn new(
        table: &'v WordVectors,
        articles: &[Article],
        docs: &[Vec<Passage>],
        vocab: &Vocab,
        idf: &[f32],
        stem: &(dyn Fn(&str) -> String + Sync),
    ) -> Semantic<'v> {
        let dims = table.dims();
        let found: Vec<Vec<Vec<Known>>> = docs
            .par_iter()
            .zip(articles)
            .map(|(passages, art)| {
                passages
                    .iter()
                    .map(|p| {
                        p.tokens
                            .iter()
                            .enumerate()
                            .filter(|(_, t)| t.kind == Kind::Content)
                            .filter_map(|(i, t)| {
                                let id = table_id(table, &art.text, t, vocab)?;
                                let idf = t.term.map_or(1.0, |x| idf[x as usize]);
                                Some((id, idf, t.name, i as u32))
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let mut ids: Vec<u32> = found
            .iter()
            .flatten()
            .flatten()
            .map(|&(id, ..)| id)
            .collect();
        ids.par_sort_unstable();
        ids.dedup();
        let local: HashMap<u32, Local> = ids
            .iter()
            .enumerate()
            .map(|(i, &id)| (id, i as Local))
            .collect();
        let mut unit = vec![0.0f32; ids.len() * dims];
        unit.par_chunks_mut(dims.max(1))
            .zip(&ids)
            .for_each(|(v, &id)| {
                // Frequent words all lean towards the common component;
                // without it, close words stand out from merely frequent
                // ones.
                table.add_to(id, 1.0, v);
                table.remove_common(v);
                unit_length(v);
            });
        let mut named = vec![false; ids.len()];
        for &(id, _, name, _) in found.iter().flatten().flatten() {
            named[local[&id] as usize] |= name;
        }
        let stemmed: Vec<String> = ids.par_iter().map(|&id| stem(table.word(id))).collect();
        let mut numbered: HashMap<&str, u32> = HashMap::default();
        let stems = stemmed
            .iter()
            .map(|s| {
                let next = numbered.len() as u32;
                *numbered.entry(s).or_insert(next)
            })
            .collect();
        let unit_fixed = unit.chunks(dims).flat_map(fixed).collect();
        let mut sem = Semantic {
            table,
            dims,
            ids,
            named,
            stems,
            unit,
            unit_fixed,
            passages: Vec::new(),
            first: Vec::new(),
            has: Vec::new(),
            words: Vec::new(),
            articles: Vec::new(),
        };
        // Each article writes its passages' vectors into its own part of
        // the one array.
        let stride = sem.stride();
        let mut flat = vec![0i16; found.iter().map(Vec::len).sum::<usize>() * stride];
        let mut parts: Vec<&mut [i16]> = Vec::with_capacity(found.len());
        let mut rest = flat.as_mut_slice();
        for article in &found {
            let (part, after) = rest.split_at_mut(article.len() * stride);
            parts.push(part);
            rest = after;
        }
        let built: Vec<Built> = found
            .par_iter()
            .zip(parts)
            .map(|(passages, part)| {
                let mut article = vec![0.0f32; dims];
                let mut has = Vec::with_capacity(passages.len());
                let mut words = Vec::with_capacity(passages.len());
                for (p, slot) in passages.iter().zip(part.chunks_mut(stride)) {
                    let mut v = vec![0.0f32; dims];
                    let mut weights: HashMap<Local, Word> = HashMap::default();
                    for &(id, idf, _, token) in p {
                        let w = table.sif_weight(id, SIF_A);
                        let l = local[&id];
                        sem.add_local(l, w, &mut v);
                        weights
                            .entry(l)
                            .or_insert(Word {
                                local: l,
                                weight: 0.0,
                                token,
                            })
                            .weight = w * idf;
                    }
                    article.iter_mut().zip(&v).for_each(|(a, x)| *a += x);
                    table.remove_common(&mut v);
                    let vector = unit_length(&mut v);
                    if vector {
                        slot.copy_from_slice(&fixed(&v));
                    }
                    let mut w: Vec<Word> = weights.into_values().collect();
                    w.sort_unstable_by(|x, y| {
                        y.weight
                            .total_cmp(&x.weight)
                            .then_with(|| x.local.cmp(&y.local))
                    });
                    w.truncate(ALIGN_WORDS);
                    has.push(vector);
                    words.push(w);
                }
                table.remove_common(&mut article);
                if !unit_length(&mut article) {
                    article = Vec::new();
                }
                (has, words, article)
            })
            .collect();
        sem.passages = flat;
        for (has, w, a) in built {
            sem.first.push(sem.has.len());
            sem.has.extend(has);
            sem.words.push(w);
            sem.articles.push(a);
        }
        sem
    }

    fn unit_of(&self, l: Local) -> &[f32] {
        let i = l as usize * self.dims;
        &self.unit[i..i + self.dims]
    }

    /// The length of a fixed-point vector, padded to whole chunks.
    fn stride(&self) -> usize {
        self.dims.next_multiple_of(FIXED_CHUNK)
    }

    fn unit_fixed_of(&self, l: Local) -> &[i16] {
        let i = l as usize * self.stride();
        &self.unit_fixed[i..i + self.stride()]
    }

    fn add_local(&self, l: Local, weight: f32, out: &mut [f32]) {
        for (o, x) in out.iter_mut().zip(self.unit_of(l)) {
            *o += weight * x;
        }
    }

    /// Cosine similarity of two passages' vectors; 0 where either has none.
    pub fn passage_cosine(&self, x: (usize, usize), y: (usize, usize)) -> f32 {
        // A passage without a vector is zeros, so its cosines are 0.
        dot_fixed(self.passage(x), self.passage(y))
    }

    fn passage(&self, (a, p): (usize, usize)) -> &[i16] {
        let i = (self.first[a] + p) * self.stride();
        &self.passages[i..i + self.stride()]
    }

    /// Whether the passage has a vector.
    pub fn has_vector(&self, (a, p): (usize, usize)) -> bool {
        self.has[self.first[a] + p]
    }

    /// Cosine similarity of two articles' vectors; 0 where either has none.
    pub fn article_cosine(&self, a: usize, b: usize) -> f32 {
        let (x, y) = (&self.articles[a], &self.articles[b]);
        if x.is_empty() || y.is_empty() {
            0.0
        } else {
            dot(x, y)
        }
    }

    fn word_cosine(&self, x: Local, y: Local) -> f32 {
        if x == y {
            1.0
        } else {
            dot_fixed(self.unit_fixed_of(x), self.unit_fixed_of(y))
        }
    }

    /// The soft word alignment of two passages, symmetric, in 0..=1: the
    /// mean of the two directions, each the weighted mean over one
    /// passage's words of the best cosine with a word of the other.
    pub fn alignment(&self, a: (usize, usize), b: (usize, usize)) -> f32 {
        Comparer::new(self, a, 1).compare(b, None).0
    }

    /// The table id of a local word.
    pub fn table_id(&self, l: Local) -> u32 {
        self.ids[l as usize]
    }

    /// The index in passage `p` of article `a` of its first token of the
    /// local word `l`, if it is one of the passage's aligned words.
    pub fn first_token(&self, (a, p): (usize, usize), l: Local) -> Option<usize> {
        self.words[a][p]
            .iter()
            .find(|w| w.local == l)
            .map(|w| w.token as usize)
    }

    /// The table the vectors come from.
    pub fn table(&self) -> &'v WordVectors {
        self.table
    }
}

/// Compares one passage with others word by word. The passages compared
/// with one source share many words, so each word's cosines with the
/// source's words are worked out once.
pub(crate) struct Comparer<'s, 'v> {
    sem: &'s Semantic<'v>,
    source: &'s [Word],
    /// By word of another passage: where its column is in `columns`.
    column_of: HashMap<Local, u32>,
    /// A column per word: its cosine with each source word.
    columns: Vec<[f32; ALIGN_WORDS]>,
}

impl<'s, 'v> Comparer<'s, 'v> {
    /// A comparer of passage `p` of article `a` with about `passages`
    /// others.
    pub fn new(sem: &'s Semantic<'v>, (a, p): (usize, usize), passages: usize) -> Comparer<'s, 'v> {
        let words = passages * ALIGN_WORDS;
        Comparer {
            sem,
            source: &sem.words[a][p],
            column_of: HashMap::with_capacity_and_hasher(words, Default::default()),
            columns: Vec::with_capacity(words),
        }
    }

    /// The alignment of the source with passage `p` of article `b` and,
    /// when `close` is given, the pairs of words at least that alike,
    /// closest first: each word in at most one pair, and no pair of words
    /// one term to the stemmer ("office" and "offices"), which the shared
    /// terms already count.
    pub fn compare(&mut self, (b, q): (usize, usize), close: Option<f32>) -> (f32, Vec<Alike>) {
        let sem = self.sem;
        let (xs, ys) = (self.source, &sem.words[b][q][..]);
        let mut at = [0u32; ALIGN_WORDS];
        for (k, y) in at.iter_mut().zip(ys) {
            let columns = &mut self.columns;
            *k = *self.column_of.entry(y.local).or_insert_with(|| {
                let mut column = [0.0f32; ALIGN_WORDS];
                for (c, x) in column.iter_mut().zip(xs) {
                    *c = sem.word_cosine(x.local, y.local);
                }
                columns.push(column);
                columns.len() as u32 - 1
            });
        }
        let column = |j: usize| &self.columns[at[j] as usize][..xs.len()];
        // Each source word's best cosine, and each other word's; no
        // cosine is NaN, so the plain comparison is `max`.
        let mut row_best = [0.0f32; ALIGN_WORDS];
        let mut column_best = [0.0f32; ALIGN_WORDS];
        for (j, best) in column_best.iter_mut().enumerate().take(ys.len()) {
            for (r, &c) in row_best.iter_mut().zip(column(j)) {
                *r = if c > *r { c } else { *r };
                *best = if c > *best { c } else { *best };
            }
        }
        let mut alike: Vec<Alike> = Vec::new();
        if let Some(min) = close {
            for (i, x) in xs.iter().enumerate() {
                // No pair of this word reaches `min` when its best does not.
                if row_best[i] < min {
                    continue;
                }
                let named_x = sem.named[x.local as usize];
                let mut best: Option<Alike> = None;
                for (j, y) in ys.iter().enumerate() {
                    let c = column(j)[i];
                    // Two names alike are mostly two things of a kind:
                    // India and Pakistan, the Atlantic and the Pacific.
                    if y.local != x.local
                        && !(named_x && sem.named[y.local as usize])
                        && best.is_none_or(|b| c >= b.cosine)
                    {
                        best = Some(Alike {
                            x: x.local,
                            y: y.local,
                            cosine: c,
                        });
                    }
                }
                if let Some(pair) = best.filter(|b| b.cosine >= min) {
                    alike.push(pair);
                }
            }
        }
        let (mut forward, mut total) = (0.0f32, 0.0f32);
        for (x, best) in xs.iter().zip(row_best) {
            forward += x.weight * best;
            total += x.weight;
        }
        let forward = if total > 0.0 { forward / total } else { 0.0 };
        let (mut backward, mut total) = (0.0f32, 0.0f32);
        for (y, best) in ys.iter().zip(column_best) {
            backward += y.weight * best;
            total += y.weight;
        }
        let backward = if total > 0.0 { backward / total } else { 0.0 };
        alike.sort_by(|l, r| r.cosine.total_cmp(&l.cosine));
        let mut used: Vec<Local> = Vec::new();
        alike.retain(|pair| {
            let keep = !used.contains(&pair.x)
                && !used.contains(&pair.y)
                && sem.stems[pair.x as usize] != sem.stems[pair.y as usize];
            if keep {
                used.extend([pair.x, pair.y]);
            }
            keep
        });
        ((forward + backward) / 2.0, alike)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_point_cosines_match_floating_point_ones() {
        let mut x: Vec<f32> = (0..100)
            .map(|i| ((i * 37 % 101) as f32 - 50.0) / 7.0)
            .collect();
        let mut y: Vec<f32> = (0..100)
            .map(|i| ((i * 53 % 97) as f32 - 40.0) / 3.0)
            .collect();
        assert!(unit_length(&mut x) && unit_length(&mut y));
        let (fx, fy) = (fixed(&x), fixed(&y));
        assert_eq!(fx.len(), 112);
        assert!((dot_fixed(&fx, &fy) - dot(&x, &y)).abs() < 1e-3);
        // Unpadded lengths give the same sum.
        assert_eq!(dot_fixed(&fx[..100], &fy[..100]), dot_fixed(&fx, &fy));
        assert_eq!(dot_fixed(&fx[..7], &fy[..7]), {
            let s: i32 = fx[..7]
                .iter()
                .zip(&fy[..7])
                .map(|(&a, &b)| i32::from(a) * i32::from(b))
                .sum();
            s as f32 / (FIXED_ONE * FIXED_ONE)
        });
        assert!((dot_fixed(&fx, &fx) - 1.0).abs() < 1e-3);
        let neg: Vec<f32> = x.iter().map(|v| -v).collect();
        assert!((dot_fixed(&fx, &fixed(&neg)) + 1.0).abs() < 1e-3);
        // All of the length in one component: the largest sum there is.
        let mut one = vec![0.0f32; 100];
        one[7] = 1.0;
        assert!((dot_fixed(&fixed(&one), &fixed(&one)) - 1.0).abs() < 1e-4);
    }
}
