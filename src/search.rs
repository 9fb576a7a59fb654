//! Finding text: literal matches inside one article with smart case, a
//! word-aware search across the library that tolerates inflection and
//! keeps quoted phrases together, and fuzzy filtering of article names.
//!
//! All positions are byte spans into the articles' texts.

use std::collections::BTreeSet;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

use crate::corpus::Article;
use crate::text::Span;

/// Every match of `query` in `text`, left to right, not overlapping. Smart
/// case: a query with an upper-case letter matches case exactly, else case
/// is ignored.
pub fn find_all(text: &str, query: &str) -> Vec<Span> {
    if query.is_empty() {
        return Vec::new();
    }
    if query.chars().any(char::is_uppercase) {
        return text
            .match_indices(query)
            .map(|(i, m)| Span::new(i, i + m.len()))
            .collect();
    }
    let needle: Vec<char> = query.chars().collect();
    let fold = |c: char| c.to_lowercase().next().unwrap_or(c);
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, _)) = chars.peek().copied() {
        let mut it = text[start..].char_indices();
        let mut end = start;
        let matched = needle.iter().all(|&n| match it.next() {
            Some((i, c)) if fold(c) == n => {
                end = start + i + c.len_utf8();
                true
            }
            _ => false,
        });
        if matched {
            out.push(Span::new(start, end));
            while chars.peek().is_some_and(|&(i, _)| i < end) {
                chars.next();
            }
        } else {
            chars.next();
        }
    }
    out
}

/// A library search: words and quoted phrases, all of which must occur
/// in an article. A passage is listed only if it holds every quoted
/// phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    terms: Vec<Term>,
}

/// A word, or a phrase in quotes, as a sequence of stems.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    stems: Vec<String>,
    quoted: bool,
}

/// The hits of a library search in one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleHits {
    pub article: usize,
    /// Every hit, in text order.
    pub hits: Vec<Span>,
}

fn stemmer() -> Stemmer {
    Stemmer::create(Algorithm::English)
}

/// The words of `text` with their spans and lower-cased stems.
fn words(stemmer: &Stemmer, text: &str, from: usize) -> Vec<(Span, String)> {
    text[from..]
        .unicode_word_indices()
        .map(|(i, w)| {
            let w = w
                .trim_end_matches(['\'', '’'])
                .trim_end_matches("'s")
                .trim_end_matches("’s");
            (
                Span::new(from + i, from + i + w.len()),
                stemmer.stem(&w.to_lowercase()).into_owned(),
            )
        })
        .collect()
}

impl Query {
    /// Parses a query: words, and phrases in double quotes ("…" or “…”).
    pub fn parse(query: &str) -> Query {
        let stemmer = stemmer();
        let normalised = query.replace(['“', '”'], "\"");
        let mut terms = Vec::new();
        for (i, part) in normalised.split('"').enumerate() {
            let stems: Vec<String> = words(&stemmer, part, 0)
                .into_iter()
                .map(|(_, s)| s)
                .collect();
            if i % 2 == 1 {
                if !stems.is_empty() {
                    terms.push(Term {
                        stems,
                        quoted: true,
                    });
                }
            } else {
                terms.extend(stems.into_iter().map(|s| Term {
                    stems: vec![s],
                    quoted: false,
                }));
            }
        }
        Query { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The articles where every term occurs, most hits first, with their
    /// hits in the passages that hold every quoted phrase (all passages
    /// with a hit when there is none).
    pub fn search(&self, articles: &[Article]) -> Vec<ArticleHits> {
        if self.terms.is_empty() {
            return Vec::new();
        }
        let stemmer = stemmer();
        let mut out: Vec<ArticleHits> = articles
            .iter()
            .filter_map(|a| {
                let words = words(&stemmer, &a.text, a.body_start);
                let mut hits = Vec::new();
                // The passages holding every quoted phrase so far; `None`
                // until a phrase is met.
                let mut passages: Option<BTreeSet<usize>> = None;
                for term in &self.terms {
                    let before = hits.len();
                    for start in 0..words.len() {
                        let fits =
                            term.stems.iter().enumerate().all(|(k, stem)| {
                                words.get(start + k).is_some_and(|w| &w.1 == stem)
                            });
                        if fits {
                            hits.push(Span::new(
                                words[start].0.start,
                                words[start + term.stems.len() - 1].0.end,
                            ));
                        }
                    }
                    if hits.len() == before {
                        return None;
                    }
                    if term.quoted {
                        let holding: BTreeSet<usize> =
                            hits[before..].iter().map(|h| a.block_at(h.start)).collect();
                        passages = Some(match passages {
                            Some(p) => p.intersection(&holding).copied().collect(),
                            None => holding,
                        });
                    }
                }
                if let Some(passages) = passages {
                    hits.retain(|h| passages.contains(&a.block_at(h.start)));
                    if hits.is_empty() {
                        return None;
                    }
                }
                hits.sort_by_key(|s| s.start);
                hits.dedup();
                Some(ArticleHits {
                    article: a.id,
                    hits,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            b.hits
                .len()
                .cmp(&a.hits.len())
                .then(a.article.cmp(&b.article))
        });
        out
    }
}

/// The articles whose title, file name or title as shown (`shown[id]`,
/// where an article is shown under another title) fuzzily matches
/// `query`, best first; all of them, in library order, for an empty query.
pub fn pick(articles: &[Article], shown: &[Option<String>], query: &str) -> Vec<usize> {
    if query.trim().is_empty() {
        return (0..articles.len()).collect();
    }
    let mut matcher = Matcher::new(Config::DEFAULT);
    let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize)> = articles
        .iter()
        .filter_map(|a| {
            let also = shown.get(a.id).and_then(Option::as_deref).unwrap_or("");
            let haystack = format!("{also} {} {}", a.title, a.display_path);
            pattern
                .score(Utf32Str::new(&haystack, &mut buf), &mut matcher)
                .map(|s| (s, a.id))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn article(id: usize, name: &str, text: &str) -> Article {
        Article::new(id, PathBuf::from(name), name.to_string(), text.to_string()).0
    }

    fn shown<'a>(text: &'a str, spans: &[Span]) -> Vec<&'a str> {
        spans.iter().map(|s| s.of(text)).collect()
    }

    #[test]
    fn smart_case_ignores_case_only_for_lower_case_queries() {
        let text = "NATO, Nato and nato — “NATO’s” office";
        assert_eq!(
            shown(text, &find_all(text, "nato")),
            ["NATO", "Nato", "nato", "NATO"]
        );
        assert_eq!(shown(text, &find_all(text, "NATO")), ["NATO", "NATO"]);
        assert!(find_all(text, "").is_empty());
        let cjk = "東京の連絡事務所、東京";
        assert_eq!(shown(cjk, &find_all(cjk, "東京")), ["東京", "東京"]);
    }

    #[test]
    fn library_search_stems_words_and_keeps_phrases_together() {
        let a = article(
            0,
            "a.txt",
            "NATO opened liaison offices in Tokyo. Officials said so.",
        );
        let b = article(1, "b.txt", "An office of liaison in Tokyo was discussed.");
        let c = article(
            2,
            "c.txt",
            "The Tokyo liaison office opened. The liaison office in Tokyo again.",
        );
        let all = [a, b, c];
        let q = Query::parse("liaison office");
        let hits = q.search(&all);
        assert_eq!(
            hits.iter().map(|h| h.article).collect::<Vec<_>>(),
            [2, 0, 1]
        );
        assert_eq!(shown(&all[0].text, &hits[1].hits), ["liaison", "offices"]);

        let phrase = Query::parse("\"liaison office\"");
        let hits = phrase.search(&all);
        assert_eq!(hits.iter().map(|h| h.article).collect::<Vec<_>>(), [2, 0]);
        assert_eq!(
            shown(&all[2].text, &hits[0].hits),
            ["liaison office", "liaison office"]
        );
        assert!(Query::parse("liaison \"office of Tokyo\"")
            .search(&all)
            .is_empty());
    }

    #[test]
    fn only_passages_holding_every_quoted_phrase_are_results() {
        let a = article(
            0,
            "a.txt",
            "Title\n\nThe liaison office in Tokyo opened.\n\nTokyo hosted talks.\n\nA liaison office elsewhere.",
        );
        let b = article(
            1,
            "b.txt",
            "Title\n\nTokyo alone.\n\nA liaison office, but not there.",
        );
        let c = article(2, "c.txt", "Title\n\nTokyo and more Tokyo, Tokyo.");
        let all = [a, b, c];
        let hits = Query::parse("\"liaison office\" Tokyo").search(&all);
        assert_eq!(hits.iter().map(|h| h.article).collect::<Vec<_>>(), [0, 1]);
        assert_eq!(
            shown(&all[0].text, &hits[0].hits),
            ["liaison office", "Tokyo", "liaison office"]
        );
        assert_eq!(shown(&all[1].text, &hits[1].hits), ["liaison office"]);

        let both = Query::parse("\"liaison office\" \"Tokyo\"").search(&all);
        assert_eq!(both.iter().map(|h| h.article).collect::<Vec<_>>(), [0]);
        assert_eq!(
            shown(&all[0].text, &both[0].hits),
            ["liaison office", "Tokyo"]
        );
    }

    #[test]
    fn the_picker_filters_titles_and_file_names_fuzzily() {
        let all = [
            article(0, "000_security.txt", "Security is indivisible\n\nText."),
            article(1, "004_tokyo.txt", "NATO's Tokyo Liaison Office\n\nText."),
            article(2, "003_future.txt", "The Future of NATO\n\nText."),
        ];
        assert_eq!(pick(&all, &[], ""), [0, 1, 2]);
        assert_eq!(pick(&all, &[], "tkyo"), [1]);
        assert_eq!(pick(&all, &[], "futnato")[0], 2);
        assert_eq!(pick(&all, &[], "003"), [2]);
        assert!(pick(&all, &[], "zzz").is_empty());
    }
}
