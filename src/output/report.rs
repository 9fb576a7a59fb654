//! The analysis as a Markdown report for people: per article, its key
//! points and its links to passages in other articles, quoted.
//!
//! Article text is untrusted, so every piece of it is sanitised and folded
//! to one line before it is quoted; nothing from an article can start a
//! Markdown heading, list or code block of its own.

use std::fmt::Write;

use crate::analysis::{Analysis, KeyPoint};
use crate::corpus::Article;
use crate::text::sanitize::one_line;
use crate::text::wrap::truncate;
use crate::text::Span;

/// Longest quote, in columns, before it is shortened with an ellipsis.
const QUOTE_COLS: usize = 400;

/// `s` made safe to stand inside Markdown text: one line, sanitised, with
/// the characters that would start markup escaped.
fn inline(s: &str) -> String {
    let line = one_line(s);
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn quote(article: &Article, span: Span) -> String {
    format!(
        "> {}",
        inline(&truncate(
            &one_line(&article.markup.plain(&article.text, span)),
            QUOTE_COLS,
        ))
    )
}

/// The whole report.
pub fn markdown(articles: &[Article], analysis: &Analysis) -> String {
    let mut out = String::from("# Briefing analysis\n");
    for a in articles {
        let _ = write!(
            out,
            "\n## {}\n\n*{} · {} words*\n",
            inline(&a.title),
            inline(&a.display_path),
            a.words
        );
        let points = analysis.key_points(a.id);
        if !points.is_empty() {
            out.push_str("\n### Key points\n\n");
            if points.iter().any(|kp| kp.from_author) {
                let _ = write!(
                    out,
                    "{} marks the author's own summary.\n\n",
                    KeyPoint::AUTHOR_MARK
                );
            }
            for (i, kp) in points.iter().enumerate() {
                let mark = if kp.from_author {
                    format!("{} ", KeyPoint::AUTHOR_MARK)
                } else {
                    String::new()
                };
                let _ = writeln!(
                    out,
                    "{}. {mark}{}",
                    i + 1,
                    inline(&a.markup.plain(&a.text, kp.span))
                );
            }
        }
        let linked: Vec<usize> = (0..a.blocks.len())
            .filter(|&b| !analysis.links_for(a.id, b).is_empty())
            .collect();
        if !linked.is_empty() {
            out.push_str("\n### Links to other articles\n");
            for b in linked {
                let _ = write!(out, "\n{}\n\n", quote(a, a.blocks[b].content));
                for link in analysis.links_for(a.id, b) {
                    let target = &articles[link.article];
                    let because: Vec<String> = link.because.iter().map(|s| inline(s)).collect();
                    let _ = writeln!(
                        out,
                        "- **{}** (score {:.2}; shares: {})\n\n  {}\n",
                        inline(&target.title),
                        link.score,
                        because.join(", "),
                        quote(target, target.blocks[link.block].content)
                    );
                }
            }
        }
        let related = analysis.related(a.id);
        if !related.is_empty() {
            out.push_str("\n### Related articles\n\n");
            for &(b, score) in related {
                let _ = writeln!(out, "- {} ({score:.2})", inline(&articles[b].title));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_authors_own_summary_points_are_marked() {
        let arts = crate::analysis::test_library(&[crate::analysis::WITH_TAKEAWAYS]);
        let analysis = Analysis::compute(&arts, &crate::analysis::Settings::default());
        let report = markdown(&arts, &analysis);
        assert!(
            report.contains("✎ marks the author's own summary."),
            "{report}"
        );
        assert!(report.contains("1. ✎ Ports matter more"), "{report}");
        assert!(report.contains("2. ✎ Railways now carry"), "{report}");
        let third = report
            .lines()
            .find(|l| l.starts_with("3. "))
            .expect("a third point");
        assert!(!third.contains('✎'), "{report}");
    }

    #[test]
    fn markup_and_controls_in_article_text_are_neutralised() {
        assert_eq!(inline("# Heading *bold*"), "\\# Heading \\*bold\\*");
        assert_eq!(inline("a\u{1b}]0;x\u{7}\nb"), "a␛\\]0;x␇ b");
        assert_eq!(inline("<script>"), "\\<script\\>");
    }
}
