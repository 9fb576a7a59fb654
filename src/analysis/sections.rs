//! The section of an article each block belongs to, from the headings
//! above it: the author's own summary, a section that holds no argument
//! (contents, reading lists, glossaries), or the rest. Key points prefer
//! the author's summary; neither key points nor links come from skipped
//! sections.

use super::words;
use crate::corpus::Article;
use crate::text::segment::BlockKind;

/// What part of an article a block is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    /// The body of the article.
    Normal,
    /// The author's own summary: a "Key takeaways" or "Summary" section,
    /// or a bullet list opening the article.
    Author,
    /// A heading, or a section that holds no argument.
    Skip,
}

/// A heading as compared with the heading lists: without leading and
/// trailing symbols, in lower case.
pub(crate) fn heading_key(s: &str) -> String {
    s.trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The section a heading opens.
pub(crate) fn classify_heading(s: &str) -> Section {
    let key = heading_key(s);
    if words::author_headings().contains(&key.as_str()) {
        Section::Author
    } else if words::skip_headings()
        .iter()
        .any(|h| key == *h || key.starts_with(&format!("{h} ")))
    {
        Section::Skip
    } else {
        Section::Normal
    }
}

/// The section each block belongs to; headings count as `Skip`.
pub(crate) fn sections(article: &Article) -> Vec<Section> {
    let text = &article.text;
    let mut current = Section::Normal;
    let mut seen_paragraph = false;
    article
        .blocks
        .iter()
        .map(|b| {
            if b.is_heading() {
                current = classify_heading(b.content.of(text));
                return Section::Skip;
            }
            let leading_list = !seen_paragraph
                && matches!(b.kind, BlockKind::ListItem { .. })
                && current == Section::Normal;
            if !b.boilerplate && matches!(b.kind, BlockKind::Paragraph | BlockKind::Quote) {
                seen_paragraph = true;
            }
            if leading_list {
                Section::Author
            } else {
                current
            }
        })
        .collect()
}
