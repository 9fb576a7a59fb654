//! Scores key points against the author's own summary.
//!
//! For each article with a summary block (a heading such as "Summary" or
//! "Key takeaways" and the blocks under it, up to the next heading), the
//! block is removed, the rest is analysed as one library with the other
//! articles, and three picks of five sentences each are scored against the
//! summary's sentences:
//!
//! - **briefing**: the article's key points;
//! - **first five**: the first five sentences of prose (paragraphs, list
//!   items and quotes that are not boilerplate), the classic lead baseline;
//! - **TextRank** (with `--textrank`): `benches/textrank.py` runs `sumy`'s
//!   TextRank over the same prose sentences and returns its five picks.
//!
//! Measures, each summed over the articles before dividing:
//!
//! - **ROUGE-1 / ROUGE-2 recall**: the share of the summary's words (word
//!   pairs) found in the picks, each counted at most as often as the picks
//!   hold it. Words are runs of letters and digits, lower-cased; pairs do
//!   not cross sentences.
//! - **coverage**: how many summary points (sentences of the summary) are
//!   covered by at least one pick. A pick covers a point when it holds at
//!   least 30% of the point's distinct content words (words that are not
//!   in [`STOP_WORDS`]). The bench also counts the summary points that
//!   any sentence of the rest covers: the ceiling for any picks.
//!
//! ```sh
//! cargo run --release --example keypoint-quality -- seeds ../shared/devset/articles
//! cargo run --release --example keypoint-quality -- --textrank seeds ../shared/devset/articles
//! ```
//!
//! `--textrank` needs Python 3; the script installs `sumy` into a virtual
//! environment under `target/` the first time. `--show` prints each pick.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::process::Command;

use briefing::analysis::{Analysis, Settings};
use briefing::corpus::{self, Article, LoadOptions};

/// Headings of an author's summary, compared lower-case without emoji or
/// punctuation around them.
const SUMMARY_HEADINGS: &[&str] = &[
    "summary",
    "executive summary",
    "key takeaways",
    "takeaways",
    "key points",
    "key findings",
    "main points",
    "in brief",
    "in short",
    "highlights",
    "tl;dr",
    "tldr",
    "bottom line",
    "the bottom line",
];

/// Words left out when deciding whether a pick covers a summary point.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "being", "between", "both", "but", "by", "can", "could", "do", "does", "for", "from", "had",
    "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "may",
    "more", "most", "much", "must", "no", "not", "of", "on", "one", "only", "or", "other", "our",
    "over", "s", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "those", "through", "to", "under", "up", "very",
    "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who", "why",
    "will", "with", "without", "would", "you",
];

const PICKS: usize = 5;
/// Share of a point's content words a pick must hold to cover it.
const COVER: f64 = 0.3;

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// One article with its summary taken out.
struct Case {
    name: String,
    summary: Vec<String>,
    /// The article without its summary.
    article: Article,
}

fn heading_key(s: &str) -> String {
    s.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The article's summary sentences and its text without the summary, if
/// it has one.
fn strip_summary(article: &Article) -> Option<(Vec<String>, String)> {
    let text = &article.text;
    let blocks = &article.blocks;
    let start = blocks.iter().position(|b| {
        b.is_heading() && SUMMARY_HEADINGS.contains(&heading_key(b.content.of(text)).as_str())
    })?;
    let end = blocks
        .iter()
        .skip(start + 1)
        .position(|b| b.is_heading())
        .map_or(blocks.len(), |i| i + start + 1);
    if end == start + 1 {
        return None;
    }
    let summary = article
        .sentences
        .iter()
        .filter(|s| (start + 1..end).contains(&s.block) && blocks[s.block].is_prose())
        .map(|s| s.span.of(text).to_string())
        .collect();
    let cut_from = blocks[start].span.start;
    let cut_to = blocks.get(end).map_or(text.len(), |b| b.span.start);
    let rest = format!("{}{}", &text[..cut_from], &text[cut_to..]);
    Some((summary, rest))
}

/// The prose sentences of an article, in reading order.
fn prose(article: &Article) -> Vec<String> {
    article
        .sentences
        .iter()
        .filter(|s| article.blocks[s.block].is_prose())
        .map(|s| s.span.of(&article.text).to_string())
        .collect()
}

/// Clipped n-gram matches of `picks` against `reference`, and the
/// reference's n-gram count.
fn rouge(picks: &[String], reference: &[String], n: usize) -> (usize, usize) {
    let grams = |sentences: &[String]| {
        let mut counts: HashMap<Vec<String>, usize> = HashMap::new();
        for s in sentences {
            for g in words(s).windows(n) {
                *counts.entry(g.to_vec()).or_default() += 1;
            }
        }
        counts
    };
    let (have, want) = (grams(picks), grams(reference));
    let matched = want
        .iter()
        .map(|(g, &c)| c.min(have.get(g).copied().unwrap_or(0)))
        .sum();
    (matched, want.values().sum())
}

fn content(s: &str) -> HashSet<String> {
    words(s)
        .into_iter()
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

/// How many of `reference`'s points some pick covers.
fn covered(picks: &[String], reference: &[String]) -> usize {
    let picks: Vec<HashSet<String>> = picks.iter().map(|p| content(p)).collect();
    reference
        .iter()
        .filter(|point| {
            let want = content(point);
            !want.is_empty()
                && picks
                    .iter()
                    .any(|p| want.intersection(p).count() as f64 / want.len() as f64 >= COVER)
        })
        .count()
}

#[derive(Default)]
struct Score {
    r1: (usize, usize),
    r2: (usize, usize),
    points: (usize, usize),
}

impl Score {
    fn add(&mut self, picks: &[String], reference: &[String]) {
        let (m, t) = rouge(picks, reference, 1);
        self.r1 = (self.r1.0 + m, self.r1.1 + t);
        let (m, t) = rouge(picks, reference, 2);
        self.r2 = (self.r2.0 + m, self.r2.1 + t);
        self.points = (
            self.points.0 + covered(picks, reference),
            self.points.1 + reference.len(),
        );
    }

    fn row(&self, name: &str) -> String {
        let ratio = |(m, t): (usize, usize)| m as f64 / t.max(1) as f64;
        format!(
            "| {name} | {:.3} | {:.3} | {}/{} |",
            ratio(self.r1),
            ratio(self.r2),
            self.points.0,
            self.points.1
        )
    }
}

/// Runs `benches/textrank.py` over each case's prose sentences; its picks
/// by case name.
fn textrank(cases: &[Case]) -> Result<HashMap<String, Vec<String>>, String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let input = dir.join("target/keypoint-quality-inputs.json");
    let docs: Vec<serde_json::Value> = cases
        .iter()
        .map(
            |c| serde_json::json!({"name": c.name, "sentences": prose(&c.article), "picks": PICKS}),
        )
        .collect();
    let json = serde_json::to_string(&docs).map_err(|e| e.to_string())?;
    std::fs::write(&input, json).map_err(|e| format!("{}: {e}", input.display()))?;
    let out = Command::new("python3")
        .arg(dir.join("benches/textrank.py"))
        .arg(&input)
        .output()
        .map_err(|e| format!("python3: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let with_textrank = args.iter().any(|a| a == "--textrank");
    let show = args.iter().any(|a| a == "--show");
    let mut dirs: Vec<PathBuf> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    if dirs.is_empty() {
        dirs.push(PathBuf::from("seeds"));
    }
    let library = corpus::load(&dirs, &LoadOptions::default()).map_err(|e| format!("{e:?}"))?;

    // Every article goes into the analysed library, so that word weights
    // are those of a real library; only those with a summary are scored.
    let mut cases = Vec::new();
    let mut articles = Vec::new();
    for a in &library.articles {
        let id = articles.len();
        match strip_summary(a) {
            Some((summary, rest)) => {
                let (article, _) =
                    Article::new(id, a.path.clone(), a.display_path.clone(), rest.clone());
                cases.push((id, summary));
                articles.push(article);
            }
            None => {
                let (article, _) =
                    Article::new(id, a.path.clone(), a.display_path.clone(), a.text.clone());
                articles.push(article);
            }
        }
    }
    let settings = Settings {
        key_points: PICKS,
        ..Settings::default()
    };
    let analysis = Analysis::compute(&articles, &settings);
    let cases: Vec<Case> = cases
        .into_iter()
        .map(|(id, summary)| Case {
            name: articles[id].display_path.clone(),
            summary,
            article: articles[id].clone(),
        })
        .collect();
    let picks_of = |c: &Case| -> Vec<String> {
        analysis
            .key_points(c.article.id)
            .iter()
            .map(|k| k.span.of(&c.article.text).to_string())
            .collect()
    };
    let ranked = if with_textrank {
        match textrank(&cases) {
            Ok(r) => Some(r),
            Err(e) => {
                eprintln!("TextRank left out: {e}");
                None
            }
        }
    } else {
        None
    };

    let (mut ours, mut lead, mut tr) = (Score::default(), Score::default(), Score::default());
    let mut coverable = (0, 0);
    println!(
        "{} articles, {} with an author's summary\n",
        articles.len(),
        cases.len()
    );
    for c in &cases {
        let mine = picks_of(c);
        let first: Vec<String> = prose(&c.article).into_iter().take(PICKS).collect();
        // The ceiling for any picks: summary sentences some sentence of
        // the rest covers.
        let all = prose(&c.article);
        coverable.0 += c
            .summary
            .iter()
            .filter(|p| covered(&all, std::slice::from_ref(p)) == 1)
            .count();
        coverable.1 += c.summary.len();
        ours.add(&mine, &c.summary);
        lead.add(&first, &c.summary);
        let theirs = ranked.as_ref().and_then(|r| r.get(&c.name));
        if let Some(t) = theirs {
            tr.add(t, &c.summary);
        }
        println!(
            "{}: {} summary points; covered by briefing {}, first five {}{}",
            c.name,
            c.summary.len(),
            covered(&mine, &c.summary),
            covered(&first, &c.summary),
            theirs.map_or(String::new(), |t| format!(
                ", TextRank {}",
                covered(t, &c.summary)
            ))
        );
        if show {
            let list = |name: &str, picks: &[String]| {
                println!("  {name}:");
                for p in picks {
                    println!("    - {p}");
                }
            };
            println!("  summary (covered by b = briefing, f = first five, t = TextRank):");
            for point in &c.summary {
                let by = |picks: &[String], mark: &'static str| {
                    if covered(picks, std::slice::from_ref(point)) == 1 {
                        mark
                    } else {
                        "."
                    }
                };
                println!(
                    "    [{}{}{}] {point}",
                    by(&mine, "b"),
                    by(&first, "f"),
                    theirs.map_or(".", |t| by(t, "t"))
                );
            }
            list("briefing", &mine);
            list("first five", &first);
            if let Some(t) = theirs {
                list("TextRank", t);
            }
        }
    }
    println!("\n| picks | ROUGE-1 recall | ROUGE-2 recall | summary points covered |");
    println!("|---|---|---|---|");
    println!("{}", ours.row("briefing key points"));
    println!("{}", lead.row("first five sentences"));
    if ranked.is_some() {
        println!("{}", tr.row("TextRank (sumy)"));
    }
    println!(
        "\n{}/{} summary sentences are covered by some sentence of the rest: \
         no picks can cover more.",
        coverable.0, coverable.1
    );
    Ok(())
}
