//! Text handling that knows nothing about articles or terminals: line
//! splitting, sentence segmentation, display width, wrapping, sanitising
//! and hashing.
//!
//! Every position is a byte offset into the `&str` the caller passes in,
//! unless a function's doc comment says otherwise.

pub mod fnv;
pub mod layout;
pub mod markdown;
pub mod sanitize;
pub mod segment;
pub mod wrap;

/// A half-open byte range `start..end` into an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn contains(&self, byte: usize) -> bool {
        self.start <= byte && byte < self.end
    }

    /// The text this span covers in `text`.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// This span with leading and trailing whitespace of `text` removed.
    pub fn trim(&self, text: &str) -> Span {
        let s = self.of(text);
        let lead = s.len() - s.trim_start().len();
        let trimmed = s.trim();
        Span::new(self.start + lead, self.start + lead + trimmed.len())
    }
}
