//! A compact binary form of an [`Analysis`], for the disk cache. Decoding
//! checks every length and index it reads, so damaged bytes give `None`,
//! never a panic or an analysis that points outside the library.

use super::model::{Analysis, KeyPoint, Link, Occurrence, Stats, Topic};
use crate::text::Span;

/// Appends values: whole numbers as LEB128, floats as 4 little-endian
/// bytes, spans as start and length.
#[derive(Default)]
pub struct Writer(pub Vec<u8>);

impl Writer {
    /// LEB128: seven bits a byte, low bits first, the high bit set on
    /// every byte but the last. Most numbers here are small.
    fn u64(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }
    fn usize(&mut self, v: usize) {
        self.u64(v as u64);
    }
    fn f32(&mut self, v: f32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn bool(&mut self, v: bool) {
        self.0.push(u8::from(v));
    }
    pub fn str(&mut self, s: &str) {
        self.usize(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn span(&mut self, s: Span) {
        self.usize(s.start);
        self.usize(s.end - s.start);
    }
    pub fn list<T>(&mut self, items: &[T], mut f: impl FnMut(&mut Self, &T)) {
        self.usize(items.len());
        for i in items {
            f(self, i);
        }
    }
}

/// Reads what [`Writer`] wrote; every read fails cleanly at the end.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }
    fn u64(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.take(1)?.first()?;
            let bits = u64::from(b & 0x7f);
            // The tenth byte may hold only the top bit.
            if shift == 63 && bits > 1 {
                return None;
            }
            v |= bits << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
    fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }
    fn f32(&mut self) -> Option<f32> {
        Some(f32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn bool(&mut self) -> Option<bool> {
        match self.take(1)? {
            [0] => Some(false),
            [1] => Some(true),
            _ => None,
        }
    }
    pub fn str(&mut self) -> Option<String> {
        let n = self.usize()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    fn span(&mut self) -> Option<Span> {
        let start = self.usize()?;
        let end = start.checked_add(self.usize()?)?;
        Some(Span { start, end })
    }
    pub fn list<T>(&mut self, mut f: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.usize()?;
        // A length can not be more than the bytes left: no huge allocations
        // from a damaged file.
        if n > self.bytes.len() - self.pos {
            return None;
        }
        (0..n).map(|_| f(self)).collect()
    }
    pub fn done(&self) -> bool {
        self.pos == self.bytes.len()
    }
}

pub fn encode(a: &Analysis, w: &mut Writer) {
    w.list(&a.key_points, |w, kps| {
        w.list(kps, |w, k| {
            w.usize(k.sentence);
            w.usize(k.block);
            w.span(k.span);
            w.bool(k.from_author);
        })
    });
    w.list(&a.topics, |w, t| {
        w.str(&t.label);
        w.list(&t.articles, |w, &x| w.usize(x));
        w.list(&t.occurrences, |w, o| {
            w.usize(o.article);
            w.usize(o.block);
            w.span(o.span);
        });
    });
    w.list(&a.links, |w, blocks| {
        w.list(blocks, |w, links| {
            w.list(links, |w, l| {
                w.usize(l.article);
                w.usize(l.block);
                w.span(l.span);
                w.f32(l.score);
                w.list(&l.because, |w, s| w.str(s));
                w.list(&l.highlights, |w, &s| w.span(s));
                w.list(&l.source_highlights, |w, &s| w.span(s));
            })
        })
    });
    w.list(&a.related, |w, r| {
        w.list(r, |w, &(b, s)| {
            w.usize(b);
            w.f32(s);
        })
    });
    w.list(&a.article_vecs, |w, v| {
        w.list(v, |w, &(t, x)| {
            w.u64(u64::from(t));
            w.f32(x);
        })
    });
    let s = &a.stats;
    for v in [s.passages, s.terms, s.candidate_pairs, s.links] {
        w.usize(v);
    }
}

/// Decodes an analysis of `articles` articles; `None` if the bytes are
/// damaged or name an article that is not there.
pub fn decode(r: &mut Reader<'_>, articles: usize) -> Option<Analysis> {
    let article = |r: &mut Reader<'_>| r.usize().filter(|&a| a < articles);
    let key_points = r.list(|r| {
        r.list(|r| {
            Some(KeyPoint {
                sentence: r.usize()?,
                block: r.usize()?,
                span: r.span()?,
                from_author: r.bool()?,
            })
        })
    })?;
    let topics = r.list(|r| {
        Some(Topic {
            label: r.str()?,
            articles: r.list(article)?,
            occurrences: r.list(|r| {
                Some(Occurrence {
                    article: article(r)?,
                    block: r.usize()?,
                    span: r.span()?,
                })
            })?,
        })
    })?;
    let links = r.list(|r| {
        r.list(|r| {
            r.list(|r| {
                Some(Link {
                    article: article(r)?,
                    block: r.usize()?,
                    span: r.span()?,
                    score: r.f32()?,
                    because: r.list(Reader::str)?,
                    highlights: r.list(Reader::span)?,
                    source_highlights: r.list(Reader::span)?,
                })
            })
        })
    })?;
    let related = r.list(|r| r.list(|r| Some((article(r)?, r.f32()?))))?;
    let article_vecs = r.list(|r| r.list(|r| Some((u32::try_from(r.u64()?).ok()?, r.f32()?))))?;
    let stats = Stats {
        passages: r.usize()?,
        terms: r.usize()?,
        candidate_pairs: r.usize()?,
        links: r.usize()?,
    };
    let per_article = [
        key_points.len(),
        links.len(),
        related.len(),
        article_vecs.len(),
    ];
    if per_article.iter().any(|&n| n != articles) {
        return None;
    }
    Some(Analysis {
        key_points,
        topics,
        links,
        related,
        article_vecs,
        stats,
        missing: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_back_and_bad_ones_fail() {
        let values = [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX];
        let mut w = Writer::default();
        for v in values {
            w.u64(v);
        }
        // 0..=127 take a byte, 128 two, u64::MAX ten.
        assert_eq!(w.0[..3], [0, 1, 127]);
        assert_eq!(w.0[3..5], [0x80, 0x01]);
        let mut r = Reader::new(&w.0);
        for v in values {
            assert_eq!(r.u64(), Some(v));
        }
        assert!(r.done());

        // Cut short, too long, and more than 64 bits.
        for bad in [
            &[0x80][..],
            &[0xff; 11][..],
            &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02][..],
        ] {
            assert_eq!(Reader::new(bad).u64(), None, "{bad:?}");
        }
    }

    #[test]
    fn spans_read_back_as_start_and_length() {
        let mut w = Writer::default();
        w.span(Span { start: 5, end: 9 });
        assert_eq!(w.0, [5, 4]);
        assert_eq!(Reader::new(&w.0).span(), Some(Span { start: 5, end: 9 }));
        let mut huge = Writer::default();
        huge.usize(usize::MAX);
        huge.usize(1);
        assert_eq!(Reader::new(&huge.0).span(), None, "end past usize::MAX");
    }
}
