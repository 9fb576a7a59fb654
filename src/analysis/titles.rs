//! A short title for an article that has no title of its own (no front
//! matter title and no opening heading), made from the topics it dwells on
//! most: "NATO, Tokyo liaison office and strategic autonomy" reads better in a
//! list than its first sentence cut short. Every word of such a title is a
//! topic label found in the article's own text, so it says only what the
//! article is about.

use super::Analysis;
use crate::corpus::{Article, TitleFrom};
use crate::text::sanitize::one_line;
use crate::text::wrap::str_width;

/// Topics a derived title names at most, and at least.
const TOPICS: usize = 3;
const MIN_TOPICS: usize = 2;
/// The fewest passages of the article a topic must appear in to be named.
const MIN_PASSAGES: usize = 2;
/// The widest a derived title may be.
const MAX_COLS: usize = 60;

impl Analysis {
    /// The title to show for `article` in place of its first sentence, or
    /// `None` when it has a title of its own, the analysis does not cover
    /// it, or too few topics stand out in it.
    pub fn derived_title(&self, article: &Article) -> Option<String> {
        if article.title_from != TitleFrom::FirstSentence || !self.covers(article.id) {
            return None;
        }
        // The topics by how many passages of this article mention them;
        // of those as many, the one that best tells articles apart first,
        // as the topic list has them.
        let mut counted: Vec<(usize, &str)> = self
            .topics()
            .iter()
            .filter_map(|t| {
                let mut blocks: Vec<usize> = t
                    .occurrences
                    .iter()
                    .filter(|o| o.article == article.id)
                    .map(|o| o.block)
                    .collect();
                blocks.sort_unstable();
                blocks.dedup();
                (blocks.len() >= MIN_PASSAGES).then_some((blocks.len(), t.label.as_str()))
            })
            .collect();
        counted.sort_by_key(|c| std::cmp::Reverse(c.0));
        let mut chosen: Vec<String> = Vec::new();
        for (_, label) in counted {
            let label = one_line(label);
            let lower = label.to_lowercase();
            let overlaps = chosen.iter().any(|c| {
                let c = c.to_lowercase();
                c.contains(&lower) || lower.contains(&c)
            });
            if !label.is_empty() && !overlaps {
                chosen.push(label);
            }
            if chosen.len() == TOPICS {
                break;
            }
        }
        // Fewer topics if the title would be too wide.
        while chosen.len() >= MIN_TOPICS {
            let title = capitalise(&list(&chosen));
            if str_width(&title) <= MAX_COLS {
                return Some(title);
            }
            chosen.pop();
        }
        None
    }
}

/// "A", "A and B", "A, B and C".
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `s` with its first letter in upper case.
fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_are_listed_as_in_a_sentence() {
        let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(list(&items(&["NATO"])), "NATO");
        assert_eq!(list(&items(&["NATO", "Japan"])), "NATO and Japan");
        assert_eq!(
            list(&items(&["cyber", "NATO", "Ukraine"])),
            "cyber, NATO and Ukraine"
        );
    }

    #[test]
    fn a_title_starts_with_a_capital() {
        assert_eq!(
            capitalise("strategic autonomy and NATO"),
            "Strategic autonomy and NATO"
        );
        assert_eq!(capitalise("Indo-Pacific"), "Indo-Pacific");
        assert_eq!(capitalise(""), "");
    }
}
