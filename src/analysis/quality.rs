//! Measuring cross-references against labelled passage pairs: which
//! expected links are found, how many links land on pairs that must not
//! link, links per passage, and whether every label is true of the
//! passages it joins. Read by the seed test and the `link-quality`
//! example; not part of the reader.
//!
//! A labelled pair names two articles by file name and locates one
//! passage in each by a quote, an exact substring of the passage. A pair
//! counts as linked when any link joins a passage overlapping one quote
//! with a passage overlapping the other, in either direction.

use serde::Deserialize;

use super::model::{Analysis, Link};
use crate::corpus::Article;
use crate::text::Span;

/// A labelled pair of passages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    pub a: String,
    pub a_quote: String,
    pub b: String,
    pub b_quote: String,
    /// "same" when both name the shared thing in the same words,
    /// "differs" when not; absent for pairs that must not link.
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub why: String,
}

/// Expected links and pairs that must not link.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    #[serde(default)]
    pub link: Vec<Pair>,
    #[serde(default)]
    pub not_link: Vec<Pair>,
}

impl Labels {
    /// Labels from TOML (`[[link]]` and `[[not_link]]` tables).
    pub fn from_toml(text: &str) -> Result<Labels, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// Expected links from a Markdown table whose rows are
    /// `| id | file A | file B | topic | quote A | quote B | same/differs |`,
    /// and must-not pairs listed as `- a.txt ↔ b.txt` under a heading
    /// that starts with "Pairs that should NOT be linked". Each must-not
    /// pair covers every passage of the two articles.
    pub fn from_markdown(text: &str) -> Labels {
        let mut labels = Labels::default();
        let mut must_not = false;
        for line in text.lines() {
            let line = line.trim();
            if let Some(title) = line.strip_prefix('#') {
                must_not = title
                    .trim_start_matches('#')
                    .trim()
                    .to_lowercase()
                    .starts_with("pairs that should not be linked");
                continue;
            }
            if must_not {
                if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
                    let files: Vec<&str> = rest
                        .split(['↔', ','])
                        .map(str::trim)
                        .filter(|f| !f.is_empty())
                        .collect();
                    if let [a, b] = files[..] {
                        labels.not_link.push(Pair {
                            a: a.to_string(),
                            a_quote: String::new(),
                            b: b.to_string(),
                            b_quote: String::new(),
                            kind: None,
                            why: String::new(),
                        });
                    }
                }
                continue;
            }
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            if cells.len() >= 9 && cells[1].starts_with('L') && cells[1][1..].parse::<u32>().is_ok()
            {
                labels.link.push(Pair {
                    a: cells[2].to_string(),
                    a_quote: cells[5].to_string(),
                    b: cells[3].to_string(),
                    b_quote: cells[6].to_string(),
                    kind: Some(cells[7].to_string()),
                    why: cells[4].to_string(),
                });
            }
        }
        labels
    }
}

/// What a library's links scored against a set of labels.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub expected: usize,
    pub found: usize,
    /// Of the expected links, those whose two passages word the shared
    /// thing differently.
    pub expected_differs: usize,
    pub found_differs: usize,
    /// Must-not pairs (with quotes) that got a link, or links on must-not
    /// article pairs (without quotes).
    pub false_links: usize,
    pub must_not: usize,
    pub links: usize,
    pub passages: usize,
    /// Links whose every label is true of both passages.
    pub true_labels: usize,
    /// The labels that are not, each with the two articles' titles.
    pub untrue: Vec<String>,
    /// Labelled pairs whose files or quotes were not found, with why.
    pub unusable: Vec<String>,
}

impl Report {
    pub fn links_per_passage(&self) -> f32 {
        self.links as f32 / self.passages.max(1) as f32
    }
}

/// The article named `file`, by the last part of its path.
fn article_named(articles: &[Article], file: &str) -> Option<usize> {
    articles
        .iter()
        .position(|a| a.path.file_name().is_some_and(|n| n == file))
}

/// The quote's byte span in the article, if it occurs.
fn quote_span(article: &Article, quote: &str) -> Option<Span> {
    let start = article.text.find(quote)?;
    Some(Span::new(start, start + quote.len()))
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Every link of the library as (source article, source span, link).
fn all_links<'a>(
    articles: &'a [Article],
    analysis: &'a Analysis,
) -> impl Iterator<Item = (usize, Span, &'a Link)> + 'a {
    articles.iter().enumerate().flat_map(move |(i, art)| {
        art.blocks.iter().enumerate().flat_map(move |(b, block)| {
            analysis
                .links_for(i, b)
                .iter()
                .map(move |l| (i, block.span, l))
        })
    })
}

/// Whether a link joins (a, span a) and (b, span b), either way round.
/// An empty span stands for the whole article.
fn joins(from: (usize, Span), link: &Link, a: (usize, Span), b: (usize, Span)) -> bool {
    let hit = |x: (usize, Span), y: (usize, Span)| {
        from.0 == x.0
            && link.article == y.0
            && (x.1.is_empty() || overlaps(from.1, x.1))
            && (y.1.is_empty() || overlaps(link.span, y.1))
    };
    hit(a, b) || hit(b, a)
}

/// The words of a text in lower case.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The Snowball stem of a lower-case word in American spelling.
fn stem(word: &str) -> String {
    use rust_stemmers::{Algorithm, Stemmer};
    super::spelling::stem(&Stemmer::create(Algorithm::English), word)
}

/// Whether `word` occurs in `text` in some form: a word with the same
/// stem (law, laws; missed, missing), one starting with it (cyber,
/// cyberspace), or, for an acronym, the initials of a run of words.
fn occurs(word: &str, text: &[String]) -> bool {
    let stemmed = stem(word);
    let initials = || {
        let letters: Vec<char> = word.chars().collect();
        let firsts: Vec<char> = text
            .iter()
            .filter(|w| !super::terms::is_stop(w))
            .filter_map(|w| w.chars().next())
            .collect();
        letters.len() >= 2 && firsts.windows(letters.len()).any(|w| w == letters)
    };
    let form = super::terms::combining_form(word);
    text.iter().any(|w| {
        w == word
            || w.starts_with(word)
            || stem(w) == stemmed
            || form.is_some() && super::terms::combining_form(w) == form
    }) || initials()
}

/// Whether every label of `link` is true: its words other than stop
/// words occur in both passages, or, for a pair "x ≈ y", x in the source
/// and y in the target.
pub fn labels_true(source: &str, target: &str, link: &Link) -> bool {
    let (s, t) = (words(source), words(target));
    let content = |label: &str| -> Vec<String> {
        words(label)
            .into_iter()
            .filter(|w| !super::terms::is_stop(w))
            .collect()
    };
    link.because
        .iter()
        .all(|label| match label.split_once('≈') {
            Some((x, y)) => {
                content(x).iter().all(|w| occurs(w, &s)) && content(y).iter().all(|w| occurs(w, &t))
            }
            None => content(label)
                .iter()
                .all(|w| occurs(w, &s) && occurs(w, &t)),
        })
}

/// Scores the library's links against `labels`.
pub fn evaluate(articles: &[Article], analysis: &Analysis, labels: &Labels) -> Report {
    let mut report = Report::default();
    let locate = |file: &str, quote: &str| -> Result<(usize, Span), String> {
        let a = article_named(articles, file).ok_or_else(|| format!("no article {file}"))?;
        if quote.is_empty() {
            return Ok((a, Span::new(0, 0)));
        }
        let span =
            quote_span(&articles[a], quote).ok_or_else(|| format!("{file}: no {quote:?}"))?;
        Ok((a, span))
    };
    let links: Vec<(usize, Span, &Link)> = all_links(articles, analysis).collect();
    let mut both = |pair: &Pair| match (
        locate(&pair.a, &pair.a_quote),
        locate(&pair.b, &pair.b_quote),
    ) {
        (Ok(a), Ok(b)) => Some((a, b)),
        (Err(e), _) | (_, Err(e)) => {
            report.unusable.push(e);
            None
        }
    };
    let mut expected = Vec::new();
    for pair in &labels.link {
        let Some((a, b)) = both(pair) else {
            continue;
        };
        expected.push((pair, a, b));
    }
    let mut must_not = Vec::new();
    for pair in &labels.not_link {
        if let Some((a, b)) = both(pair) {
            must_not.push((pair, a, b));
        }
    }
    for (pair, a, b) in expected {
        let found = links.iter().any(|&(x, s, l)| joins((x, s), l, a, b));
        let differs = pair.kind.as_deref() == Some("differs");
        report.expected += 1;
        report.expected_differs += usize::from(differs);
        report.found += usize::from(found);
        report.found_differs += usize::from(found && differs);
    }
    for (pair, a, b) in must_not {
        report.must_not += 1;
        let hits = links
            .iter()
            .filter(|&&(x, s, l)| joins((x, s), l, a, b))
            .count();
        report.false_links += if pair.a_quote.is_empty() {
            hits
        } else {
            usize::from(hits > 0)
        };
    }
    report.links = links.len();
    report.passages = articles
        .iter()
        .map(|a| a.blocks.iter().filter(|b| b.is_prose()).count())
        .sum();
    for &(x, s, l) in &links {
        let (source, target) = (
            s.of(&articles[x].text),
            l.span.of(&articles[l.article].text),
        );
        if labels_true(source, target, l) {
            report.true_labels += 1;
            continue;
        }
        for label in &l.because {
            let one = Link {
                because: vec![label.clone()],
                ..l.clone()
            };
            if !labels_true(source, target, &one) {
                report.untrue.push(format!(
                    "{label:?}: {} -> {}",
                    articles[x].title, articles[l.article].title
                ));
            }
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(because: &[&str]) -> Link {
        Link {
            article: 1,
            block: 0,
            span: Span::new(0, 0),
            score: 0.5,
            because: because.iter().map(|s| s.to_string()).collect(),
            highlights: Vec::new(),
            source_highlights: Vec::new(),
        }
    }

    #[test]
    fn labels_must_be_true_of_both_passages() {
        let s = "NATO opened a liaison office in Tokyo; Beijing objected to meddling.";
        let t = "The Tokyo Liaison Offices worried China, which spoke of interfering.";
        assert!(labels_true(s, t, &link(&["Tokyo liaison office"])));
        assert!(labels_true(s, t, &link(&["Beijing ≈ China"])));
        assert!(labels_true(s, t, &link(&["meddling ≈ interfering"])));
        // Stop words carry no claim; content words still must occur.
        assert!(labels_true(s, t, &link(&["liaison office in Tokyo"])));
        assert!(!labels_true(s, t, &link(&["liaison office in Osaka"])));
        let spelled = "The North Atlantic Treaty Organization met.";
        let nato = &link(&["North Atlantic Treaty Organization"]);
        assert!(!labels_true(spelled, "NATO met in Brussels.", nato));
        let both = &link(&["North Atlantic Treaty Organization ≈ NATO"]);
        assert!(labels_true(spelled, "NATO met in Brussels.", both));
        assert!(!labels_true(s, t, &link(&["shared", "informal"])));
        assert!(!labels_true(s, t, &link(&["China ≈ Beijing"])));
        assert!(!labels_true(s, t, &link(&["Beijing"])));
        let s = "The North Atlantic Treaty Organization met.";
        assert!(labels_true(s, "NATO met.", &link(&["NATO"])));
    }

    #[test]
    fn markdown_rows_and_must_not_pairs_are_read() {
        let md = "# Expected\n\n| id | file A | file B | topic | quote A | quote B | wording |\n\
                  |---|---|---|---|---|---|---|\n\
                  | L01 | a.txt | b.txt | a thing | one quote | other quote | differs |\n\n\
                  ## Pairs that should NOT be linked\n\n- a.txt ↔ c.txt\n";
        let l = Labels::from_markdown(md);
        assert_eq!(l.link.len(), 1);
        assert_eq!(l.link[0].b_quote, "other quote");
        assert_eq!(l.link[0].kind.as_deref(), Some("differs"));
        assert_eq!(l.not_link.len(), 1);
        assert_eq!(
            (l.not_link[0].a.as_str(), l.not_link[0].b.as_str()),
            ("a.txt", "c.txt")
        );
    }
}
