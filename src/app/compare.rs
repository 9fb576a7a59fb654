//! The compare view: a passage and a passage it is linked to, side by
//! side, with the words they share marked, so a reader sees how two
//! sources treat one topic.

use super::action::Action;
use super::mode::Mode;
use super::{App, Pane, RefItem};
use crate::text::Span;

/// One side of the compare view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    pub article: usize,
    pub block: usize,
    /// The shared words in this passage.
    pub shared: Vec<Span>,
    /// Rows scrolled.
    pub scroll: usize,
}

/// The two passages being compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compare {
    pub sides: [Side; 2],
    /// What the link says they share.
    pub because: Vec<String>,
    /// The side that scrolls with j/k (0 left, 1 right).
    pub focus: usize,
}

impl App {
    /// Opens the compare view on the selected cross-reference.
    pub(super) fn open_compare(&mut self) {
        if self.focus != Pane::Refs {
            return;
        }
        let (Some(id), Some(view)) = (self.open, self.open_view()) else {
            return;
        };
        let Some(RefItem::Link(link)) = self.ref_items().get(self.reference).copied() else {
            return;
        };
        let left = Side {
            article: id,
            block: view.cursor,
            shared: link.source_highlights.clone(),
            scroll: 0,
        };
        let right = Side {
            article: link.article,
            block: link.block,
            shared: link.highlights.clone(),
            scroll: 0,
        };
        self.mode = Mode::Compare(Compare {
            sides: [left, right],
            because: link.because.clone(),
            focus: 0,
        });
    }
}

impl Compare {
    /// A key in the compare view; false once it closes.
    pub fn update(&mut self, action: Action) -> bool {
        let side = &mut self.sides[self.focus];
        match action {
            Action::Close => return false,
            Action::FocusNext | Action::FocusPrev => self.focus = 1 - self.focus,
            Action::Down => side.scroll += 1,
            Action::Up => side.scroll = side.scroll.saturating_sub(1),
            Action::PageDown => side.scroll += 10,
            Action::PageUp => side.scroll = side.scroll.saturating_sub(10),
            Action::Top => side.scroll = 0,
            _ => {}
        }
        true
    }
}
