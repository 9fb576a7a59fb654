//! What the reader has chosen in the source pane: the passage under the
//! cursor, a sentence (moved with `(` and `)`), or a range of sentences in
//! visual mode (`v`, then move), as in vim.

use super::App;
use crate::text::Span;

/// The sentence cursor and the visual-mode anchor of the open article,
/// as indices into its sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Selection {
    pub sentence: Option<usize>,
    /// Where visual mode started; the range runs to `sentence`.
    pub visual: Option<usize>,
}

/// How to move the sentence cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    NextSentence,
    PrevSentence,
    /// To the last sentence of the next passage.
    NextPassage,
    /// To the first sentence of the previous passage.
    PrevPassage,
}

impl App {
    /// The first sentence of the block under the passage cursor, or the
    /// nearest one after it. When the block starts above the view, the
    /// first sentence of it that is on the top row or below.
    fn sentence_at_cursor(&self) -> Option<usize> {
        let article = self.open_article()?;
        let view = self.open_view()?;
        let block = view.cursor;
        let top = if view.top.block == block && !view.top.spacer {
            view.top.byte
        } else {
            0
        };
        let i = article
            .sentences
            .partition_point(|s| s.block < block || (s.block == block && s.span.end <= top));
        (i < article.sentences.len())
            .then_some(i)
            .or(article.sentences.len().checked_sub(1))
    }

    /// Moves the sentence cursor (and with it the passage cursor).
    pub(super) fn step_sentence(&mut self, step: Step) {
        let Some(article) = self.open_article() else {
            return;
        };
        let n = article.sentences.len();
        if n == 0 {
            return;
        }
        let current = self
            .selection
            .sentence
            .or_else(|| self.sentence_at_cursor());
        let Some(cur) = current else { return };
        let block_of = |i: usize| article.sentences[i].block;
        let next = match (step, self.selection.sentence) {
            // The first `)` lands on the cursor's passage itself.
            (Step::NextSentence, None) => cur,
            (Step::NextSentence, Some(_)) => (cur + 1).min(n - 1),
            (Step::PrevSentence, _) => cur.saturating_sub(1),
            (Step::NextPassage, _) => {
                let after = article
                    .sentences
                    .partition_point(|s| s.block <= block_of(cur));
                if after >= n {
                    n - 1
                } else {
                    let b = block_of(after);
                    article.sentences.partition_point(|s| s.block <= b) - 1
                }
            }
            (Step::PrevPassage, _) => {
                let first = article
                    .sentences
                    .partition_point(|s| s.block < block_of(cur));
                if first == 0 {
                    0
                } else {
                    let b = block_of(first - 1);
                    article.sentences.partition_point(|s| s.block < b)
                }
            }
        };
        let block = block_of(next);
        let start = article.sentences[next].span.start;
        self.selection.sentence = Some(next);
        if let Some(id) = self.open {
            let (w, h) = self.text_size();
            self.views[id].move_cursor(&self.articles[id], w, h, block, Some(start));
        }
    }

    /// Starts visual mode at the sentence cursor, or leaves it.
    pub(super) fn toggle_visual(&mut self) {
        if self.selection.visual.is_some() {
            self.selection.visual = None;
            return;
        }
        let start = self
            .selection
            .sentence
            .or_else(|| self.sentence_at_cursor());
        self.selection = Selection {
            sentence: start,
            visual: start,
        };
    }

    /// Forgets the sentence cursor once the passage cursor has left its
    /// passage (outside visual mode).
    pub(super) fn settle_selection(&mut self) {
        if self.selection.visual.is_some() {
            return;
        }
        let (Some(article), Some(view)) = (self.open_article(), self.open_view()) else {
            self.selection = Selection::default();
            return;
        };
        if let Some(s) = self.selection.sentence {
            if article
                .sentences
                .get(s)
                .is_none_or(|s| s.block != view.cursor)
            {
                self.selection.sentence = None;
            }
        }
    }

    /// The text a new note would annotate: the visual range, else the
    /// sentence under the sentence cursor, else the passage.
    pub fn selected_span(&self) -> Option<Span> {
        let article = self.open_article()?;
        let sentence = |i: usize| article.sentences.get(i).map(|s| s.span);
        match (self.selection.visual, self.selection.sentence) {
            (Some(a), Some(b)) => {
                let (lo, hi) = (a.min(b), a.max(b));
                Some(Span::new(sentence(lo)?.start, sentence(hi)?.end))
            }
            (None, Some(s)) => sentence(s),
            _ => article
                .blocks
                .get(self.open_view()?.cursor)
                .map(|b| b.content),
        }
    }

    /// Whether visual mode is on.
    pub fn visual(&self) -> bool {
        self.selection.visual.is_some()
    }
}
