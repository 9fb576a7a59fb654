//! What still holds of an earlier library's analysis for the library as it
//! is now, while the library is analysed again.

use super::model::{Analysis, Link, Occurrence, Stats, Topic};
use super::topics;

/// For each article now, `f` of the same article in an earlier library of
/// `n` articles (`earlier[i]`), or the default where there is none.
fn per_article<T: Default>(earlier: &[Option<usize>], n: usize, f: impl Fn(usize) -> T) -> Vec<T> {
    earlier
        .iter()
        .map(|e| e.filter(|&e| e < n).map_or_else(T::default, &f))
        .collect()
}

impl Analysis {
    /// What still holds of `self`, the analysis of an earlier library, for
    /// a library whose article `i` is the earlier article `earlier[i]`,
    /// unchanged, or is new or changed (`None`). Everything said about
    /// unchanged articles is kept as it was; anything about an article that
    /// is new, changed or gone is left out, and topics left in fewer than
    /// two articles are dropped. Scores are the earlier library's: this is
    /// something to read while the library is analysed again.
    pub fn carry_over(&self, earlier: &[Option<usize>]) -> Analysis {
        let n = self.key_points.len();
        let mut now: Vec<Option<usize>> = vec![None; n];
        for (i, e) in earlier.iter().enumerate() {
            if let Some(slot) = e.and_then(|e| now.get_mut(e)) {
                *slot = Some(i);
            }
        }
        let mut topics: Vec<Topic> = self
            .topics
            .iter()
            .filter_map(|t| {
                let mut occurrences: Vec<Occurrence> = t
                    .occurrences
                    .iter()
                    .filter_map(|o| {
                        Some(Occurrence {
                            article: now[o.article]?,
                            ..*o
                        })
                    })
                    .collect();
                occurrences.sort_by_key(|o| (o.article, o.span.start));
                let mut articles: Vec<usize> = occurrences.iter().map(|o| o.article).collect();
                articles.dedup();
                (articles.len() >= 2).then(|| Topic {
                    label: t.label.clone(),
                    articles,
                    occurrences,
                })
            })
            .collect();
        topics::sort(&mut topics, n);
        let links = per_article(earlier, n, |e| {
            self.links[e]
                .iter()
                .map(|ls| {
                    ls.iter()
                        .filter_map(|l| {
                            Some(Link {
                                article: now[l.article]?,
                                ..l.clone()
                            })
                        })
                        .collect()
                })
                .collect()
        });
        let related = per_article(earlier, n, |e| {
            self.related[e]
                .iter()
                .filter_map(|&(b, s)| Some((now[b]?, s)))
                .collect()
        });
        let stats = Stats {
            links: links.iter().flatten().map(Vec::len).sum(),
            ..self.stats.clone()
        };
        Analysis {
            key_points: per_article(earlier, n, |e| self.key_points[e].clone()),
            topics,
            links,
            related,
            article_vecs: per_article(earlier, n, |e| self.article_vecs[e].clone()),
            stats,
            missing: earlier.iter().map(|e| e.is_none_or(|e| e >= n)).collect(),
        }
    }
}
