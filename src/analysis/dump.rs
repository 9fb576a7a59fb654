//! The analysis as JSON, for inspection and for tools outside the reader.
//! Every string is made safe to print: control characters and bidi
//! overrides are replaced and whitespace is folded.

use serde_json::{json, Value};

use super::Analysis;
use crate::corpus::Article;
use crate::text::sanitize::one_line;

/// The whole analysis as one JSON value. `related` lists each article's
/// most related articles, or with `all_pairs` every unordered pair once.
pub fn to_json(articles: &[Article], analysis: &Analysis, all_pairs: bool) -> Value {
    let arts: Vec<Value> = articles
        .iter()
        .enumerate()
        .map(|(a, art)| {
            let key_points: Vec<Value> = analysis
                .key_points(a)
                .iter()
                .map(|k| json!({"text": one_line(k.span.of(&art.text)), "start": k.span.start, "end": k.span.end}))
                .collect();
            let passages: Vec<Value> = art
                .blocks
                .iter()
                .filter(|b| b.is_prose())
                .map(|b| json!({"start": b.span.start, "end": b.span.end}))
                .collect();
            json!({
                "id": art.id,
                "path": one_line(&art.display_path),
                "title": one_line(&art.title),
                "words": art.words,
                "key_points": key_points,
                "passages": passages,
            })
        })
        .collect();
    let topics: Vec<Value> = analysis
        .topics()
        .iter()
        .map(|t| {
            let occurrences: Vec<Value> = t
                .occurrences
                .iter()
                .map(|o| json!({"article": articles.get(o.article).map_or(o.article, |x| x.id), "start": o.span.start, "end": o.span.end}))
                .collect();
            let ids: Vec<usize> = t.articles.iter().map(|&a| articles.get(a).map_or(a, |x| x.id)).collect();
            json!({"label": one_line(&t.label), "articles": ids, "occurrences": occurrences})
        })
        .collect();
    let mut links = Vec::new();
    for (a, art) in articles.iter().enumerate() {
        for (b, blk) in art.blocks.iter().enumerate() {
            for l in analysis.links_for(a, b) {
                let target = articles.get(l.article).map_or(l.article, |x| x.id);
                let because: Vec<String> = l.because.iter().map(|s| one_line(s)).collect();
                links.push(json!({
                    "from": {"article": art.id, "start": blk.span.start, "end": blk.span.end},
                    "to": {"article": target, "start": l.span.start, "end": l.span.end},
                    "score": l.score,
                    "because": because,
                }));
            }
        }
    }
    let mut related = Vec::new();
    if all_pairs {
        for a in 0..articles.len() {
            for b in a + 1..articles.len() {
                related.push(json!({"a": articles[a].id, "b": articles[b].id, "score": analysis.relatedness(a, b)}));
            }
        }
    } else {
        for (a, art) in articles.iter().enumerate() {
            for &(b, score) in analysis.related(a) {
                related.push(
                    json!({"a": art.id, "b": articles.get(b).map_or(b, |x| x.id), "score": score}),
                );
            }
        }
    }
    json!({"articles": arts, "topics": topics, "links": links, "related": related})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Settings;
    use std::path::PathBuf;

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
        let v = to_json(&arts, &analysis, true);
        let s = v.to_string();
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
        let links = v["links"].as_array().cloned().unwrap_or_default();
        assert!(!links.is_empty());
        for l in links {
            assert_ne!(l["from"]["article"], l["to"]["article"]);
            assert!(l["because"].as_array().is_some_and(|b| !b.is_empty()));
        }
    }
}
