//! The analysis as JSON, for inspection and for tools outside the reader.
//! Every string is made safe to print: control characters and bidi
//! overrides are replaced and whitespace is folded.

use std::io::{self, Write};

use serde::ser::{Serialize, Serializer};

use super::model::Analysis;
use crate::corpus::Article;
use crate::text::sanitize::one_line;

/// A JSON array written straight from an iterator, so that the output of
/// a big library is never held in memory whole.
struct Stream<F>(F);

impl<F, I> Serialize for Stream<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

// Fields are in alphabetical order, the order of earlier versions of this
// output.

#[derive(serde::Serialize)]
struct Dump<A, L, R, T> {
    articles: A,
    links: L,
    related: R,
    topics: T,
}

#[derive(serde::Serialize)]
struct ArticleOut<K, P> {
    id: usize,
    key_points: K,
    passages: P,
    path: String,
    title: String,
    words: usize,
}

#[derive(serde::Serialize)]
struct KeyPointOut {
    end: usize,
    /// From the author's own summary or key takeaways (✎ in the pane).
    from_author: bool,
    start: usize,
    text: String,
}

#[derive(serde::Serialize)]
struct Range {
    end: usize,
    start: usize,
}

#[derive(serde::Serialize)]
struct Place {
    article: usize,
    end: usize,
    start: usize,
}

#[derive(serde::Serialize)]
struct TopicOut<O> {
    articles: Vec<usize>,
    label: String,
    occurrences: O,
}

#[derive(serde::Serialize)]
struct LinkOut {
    because: Vec<String>,
    from: Place,
    score: f64,
    to: Place,
}

#[derive(serde::Serialize)]
struct Pair {
    a: usize,
    b: usize,
    score: f64,
}

/// Writes the whole analysis as one line of JSON. `related` lists each
/// article's most related articles, or with `all_pairs` every unordered
/// pair once.
pub fn write_json(
    out: &mut impl Write,
    articles: &[Article],
    analysis: &Analysis,
    all_pairs: bool,
) -> io::Result<()> {
    let id = |a: usize| articles.get(a).map_or(a, |x| x.id);
    let arts = Stream(|| {
        articles.iter().enumerate().map(|(a, art)| ArticleOut {
            id: art.id,
            key_points: Stream(move || {
                analysis.key_points(a).iter().map(|k| KeyPointOut {
                    end: k.span.end,
                    from_author: k.from_author,
                    start: k.span.start,
                    text: one_line(&art.markup.plain(&art.text, k.span)),
                })
            }),
            passages: Stream(move || {
                art.blocks.iter().filter(|b| b.is_prose()).map(|b| Range {
                    end: b.span.end,
                    start: b.span.start,
                })
            }),
            path: one_line(&art.display_path),
            title: one_line(&art.title),
            words: art.words,
        })
    });
    let topics = Stream(|| {
        analysis.topics().iter().map(|t| TopicOut {
            articles: t.articles.iter().map(|&a| id(a)).collect(),
            label: one_line(&t.label),
            occurrences: Stream(move || {
                t.occurrences.iter().map(move |o| Place {
                    article: id(o.article),
                    end: o.span.end,
                    start: o.span.start,
                })
            }),
        })
    });
    let links = Stream(|| {
        articles.iter().enumerate().flat_map(move |(a, art)| {
            art.blocks.iter().enumerate().flat_map(move |(b, blk)| {
                analysis.links_for(a, b).iter().map(move |l| LinkOut {
                    because: l.because.iter().map(|s| one_line(s)).collect(),
                    from: Place {
                        article: art.id,
                        end: blk.span.end,
                        start: blk.span.start,
                    },
                    score: f64::from(l.score),
                    to: Place {
                        article: id(l.article),
                        end: l.span.end,
                        start: l.span.start,
                    },
                })
            })
        })
    });
    let n = articles.len();
    let pairs = Stream(|| -> Box<dyn Iterator<Item = Pair> + '_> {
        if all_pairs {
            Box::new((0..n).flat_map(move |a| {
                (a + 1..n).map(move |b| Pair {
                    a: articles[a].id,
                    b: articles[b].id,
                    score: f64::from(analysis.relatedness(a, b)),
                })
            }))
        } else {
            Box::new(articles.iter().enumerate().flat_map(move |(a, art)| {
                analysis.related(a).iter().map(move |&(b, score)| Pair {
                    a: art.id,
                    b: id(b),
                    score: f64::from(score),
                })
            }))
        }
    });
    let dump = Dump {
        articles: arts,
        links,
        related: pairs,
        topics,
    };
    serde_json::to_writer(&mut *out, &dump).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// The whole analysis as a string of JSON, ending in a newline.
pub fn to_json_string(articles: &[Article], analysis: &Analysis, all_pairs: bool) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail, and serde_json writes UTF-8.
    let _ = write_json(&mut out, articles, analysis, all_pairs);
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Settings;
    use std::path::PathBuf;

    #[test]
    fn key_points_say_which_are_the_authors() {
        let arts = crate::analysis::test_library(&[crate::analysis::WITH_TAKEAWAYS]);
        let analysis = Analysis::compute(&arts, &Settings::default());
        let v: serde_json::Value =
            serde_json::from_str(&to_json_string(&arts, &analysis, false)).expect("valid JSON");
        let points = v["articles"][0]["key_points"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let author: Vec<bool> = points
            .iter()
            .map(|k| k["from_author"].as_bool().expect("a bool"))
            .collect();
        assert_eq!(&author[..2], &[true, true], "{points:?}");
        assert!(author[2..].iter().all(|&x| !x), "{points:?}");
        assert!(points[0]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("Ports matter")));
    }

    #[test]
    fn shape_and_sanitised_strings() {
        let texts = [
            "Evil\u{1b}[31m title\nThe liaison office in Tokyo opened to coordinate cyber defence with partners.\nAnother sentence here talks about maritime security and cyber defence.\nA third sentence says ports and cyber defence matter.",
            "Tokyo notes\nThe Tokyo liaison office coordinates cyber defence for maritime partners.\nMore text on cyber defence and maritime security follows here.\nFinal words about ports and partners close it.",
        ];
        let arts: Vec<Article> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                Article::new(
                    i,
                    PathBuf::from(format!("{i}\u{202e}.txt")),
                    format!("{i}\u{202e}.txt"),
                    t.to_string(),
                )
                .0
            })
            .collect();
        let analysis = Analysis::compute(
            &arts,
            &Settings {
                min_link_score: 0.05,
                ..Settings::default()
            },
        );
        let s = to_json_string(&arts, &analysis, true);
        let v: serde_json::Value = serde_json::from_str(&s).expect("valid JSON");
        assert!(!s.contains('\u{1b}') && !s.contains('\u{202e}'), "{s}");
        let a0 = &v["articles"][0];
        assert_eq!(a0["id"], 0);
        assert_eq!(a0["passages"].as_array().map(Vec::len), Some(3));
        assert!(a0["key_points"][0]["text"]
            .as_str()
            .is_some_and(|t| !t.contains('\n')));
        assert_eq!(
            v["related"].as_array().map(Vec::len),
            Some(1),
            "one unordered pair"
        );
        assert!(
            v["topics"]
                .as_array()
                .is_some_and(|t| t.iter().any(|t| t["label"]
                    .as_str()
                    .is_some_and(|l| l.contains("liaison office")))),
            "{s}"
        );
        assert_eq!(a0["key_points"][0]["from_author"], false);
        let links = v["links"].as_array().cloned().unwrap_or_default();
        assert!(!links.is_empty());
        for l in links {
            assert_ne!(l["from"]["article"], l["to"]["article"]);
            assert!(l["because"].as_array().is_some_and(|b| !b.is_empty()));
        }
    }
}
