//! The analysis as the rest of the program sees it: what the reader may
//! tune, the key points, topics, links and related articles computed for a
//! library, and the getters that look them up.

use super::links;
use super::vecmath::SparseVec;
use crate::text::Span;

/// What the reader may tune.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Key points per article, kept within 3..=7; an article with fewer
    /// good sentences gets fewer.
    pub key_points: usize,
    pub max_links_per_passage: usize,
    /// Links from one passage into the same other article at most. Where
    /// several passages of an article qualify, those sharing the most
    /// specific evidence with the source are kept.
    pub max_links_per_article: usize,
    /// Passage links scoring below this (0..1) are not shown. A score says
    /// how far a pair stands out from what unrelated passages of the same
    /// library score, so a threshold means the same in any library.
    pub min_link_score: f32,
    /// Whether links and related articles weigh meaning (the shipped word
    /// vectors) beside shared words.
    pub semantic: bool,
}

/// The default threshold of a shown link: about two and two thirds standard
/// deviations above what unrelated passages of the library score.
pub const DEFAULT_MIN_LINK_SCORE: f32 = 0.4;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            key_points: 5,
            max_links_per_passage: 2,
            max_links_per_article: 1,
            min_link_score: DEFAULT_MIN_LINK_SCORE,
            semantic: true,
        }
    }
}

/// A sentence or list item that carries one of an article's main points.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyPoint {
    /// Index into `article.sentences`.
    pub sentence: usize,
    pub block: usize,
    /// The sentence, without any heading glued to its start.
    pub span: Span,
    /// It came from the author's own summary: a "Key takeaways" or
    /// "Summary" section, or a bullet list opening the article.
    pub from_author: bool,
}

impl KeyPoint {
    /// What marks a point from the author's own summary, in the pane and
    /// in reports.
    pub const AUTHOR_MARK: &'static str = "✎";
}

/// Something several articles talk about.
#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    pub label: String,
    /// Articles it occurs in, ascending.
    pub articles: Vec<usize>,
    /// Where it occurs, in library and reading order.
    pub occurrences: Vec<Occurrence>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub article: usize,
    pub block: usize,
    pub span: Span,
}

/// A passage of another article related to a given passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub article: usize,
    pub block: usize,
    /// The target block's span.
    pub span: Span,
    /// How far the pair stands out from unrelated pairs of the library,
    /// 0..1: shared terms and topics, and, unless linking is lexical
    /// only, the passages' meaning and their closest word pairs.
    pub score: f32,
    /// Shared topic labels and words, most telling first, and pairs of
    /// different words the vectors find alike ("meddling ≈ interfering").
    pub because: Vec<String>,
    /// The shared words in the target passage.
    pub highlights: Vec<Span>,
    /// The shared words in the source passage.
    pub source_highlights: Vec<Span>,
}

/// Figures about the work done, for tests and diagnostics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub passages: usize,
    /// Distinct terms kept for matching (topics included).
    pub terms: usize,
    /// Passage pairs whose similarity was accumulated through the index;
    /// comparing every pair would be passages².
    pub candidate_pairs: usize,
    pub links: usize,
}

/// The steps of [`Analysis::compute`] in the order they run, for showing
/// progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Words,
    Topics,
    Weights,
    Related,
    Links,
    KeyPoints,
}

impl Step {
    pub const COUNT: usize = 6;

    /// 1 for the first step.
    pub fn number(self) -> usize {
        self as usize + 1
    }
}

/// Everything computed about a library.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub(super) key_points: Vec<Vec<KeyPoint>>,
    pub(super) topics: Vec<Topic>,
    /// By article, then block; empty for blocks that are no passage.
    pub(super) links: Vec<Vec<Vec<Link>>>,
    pub(super) related: Vec<Vec<(usize, f32)>>,
    pub(super) article_vecs: Vec<SparseVec>,
    pub(super) stats: Stats,
    /// Articles this analysis says nothing about, by article. Empty for a
    /// computed analysis; one entry per article for one carried over from
    /// an earlier library.
    pub(super) missing: Vec<bool>,
}

impl Analysis {
    /// Whether this is what still holds of an earlier library's analysis,
    /// not the analysis of this library.
    pub fn is_carried_over(&self) -> bool {
        !self.missing.is_empty()
    }

    /// Whether this analysis covers `article`: false only for an article
    /// new or changed since the analysis it was carried over from.
    pub fn covers(&self, article: usize) -> bool {
        !self.missing.get(article).copied().unwrap_or(false)
    }

    /// The article's key points in reading order; empty for an unknown
    /// article.
    pub fn key_points(&self, article: usize) -> &[KeyPoint] {
        self.key_points.get(article).map_or(&[], Vec::as_slice)
    }

    /// Topics shared by two or more articles, those in most articles first,
    /// then those in most passages.
    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    /// Related passages of other articles for the passage `block` of
    /// `article`, best first. Empty when nothing is strongly related or the
    /// block is no passage.
    pub fn links_for(&self, article: usize, block: usize) -> &[Link] {
        self.links
            .get(article)
            .and_then(|b| b.get(block))
            .map_or(&[], Vec::as_slice)
    }

    /// Up to ten other articles most related to `article`, best first, all
    /// scoring above zero.
    pub fn related(&self, article: usize) -> &[(usize, f32)] {
        self.related.get(article).map_or(&[], Vec::as_slice)
    }

    /// How related two articles are, symmetric and in 0..=1: the score
    /// [`Analysis::related`] lists for the pair, or 0.0 where neither
    /// lists the other. An article is fully related to itself (1.0); an
    /// unknown article is related to nothing (0.0).
    pub fn relatedness(&self, a: usize, b: usize) -> f32 {
        if a == b {
            return if a < self.article_vecs.len() {
                1.0
            } else {
                0.0
            };
        }
        links::listed_score(&self.related, a, b)
    }

    pub fn stats(&self) -> &Stats {
        &self.stats
    }
}
