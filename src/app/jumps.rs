//! The jump list: where the reader was before each jump, across articles,
//! so Ctrl-O and Ctrl-I go back and forward like a browser or vim.

use std::collections::VecDeque;

use super::view::View;

/// A place in the library: an article and the reading state in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub article: usize,
    pub view: View,
}

/// A capped history of places with a cursor into it.
#[derive(Debug, Clone, Default)]
pub struct JumpList {
    back: VecDeque<Place>,
    forward: Vec<Place>,
}

/// How many places are remembered; the oldest are dropped.
const CAP: usize = 100;

fn same_spot(a: &Place, b: &Place) -> bool {
    a.article == b.article && a.view.cursor == b.view.cursor
}

impl JumpList {
    /// Records `from` before a jump. Forward history is dropped, as in a
    /// browser, and a place equal to the last one is not stored twice.
    pub fn push(&mut self, from: Place) {
        self.forward.clear();
        if self.back.back().is_some_and(|last| same_spot(last, &from)) {
            self.back.pop_back();
        }
        self.back.push_back(from);
        if self.back.len() > CAP {
            self.back.pop_front();
        }
    }

    /// Goes back from `current`: returns the place to go to, and remembers
    /// `current` for going forward again.
    pub fn back(&mut self, current: Place) -> Option<Place> {
        let mut to = self.back.pop_back()?;
        // Skip an entry that is where we already are.
        while same_spot(&to, &current) {
            to = self.back.pop_back()?;
        }
        self.forward.push(current);
        Some(to)
    }

    /// Goes forward again after `back`.
    pub fn forward(&mut self, current: Place) -> Option<Place> {
        let to = self.forward.pop()?;
        self.back.push_back(current);
        Some(to)
    }

    /// Each remembered place through `f`, for a library read again:
    /// places `f` has no place for are dropped.
    pub fn follow(&mut self, mut f: impl FnMut(Place) -> Option<Place>) {
        self.back = self.back.drain(..).filter_map(&mut f).collect();
        self.forward = self.forward.drain(..).filter_map(&mut f).collect();
    }

    pub fn can_go_back(&self) -> bool {
        !self.back.is_empty()
    }

    pub fn can_go_forward(&self) -> bool {
        !self.forward.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(article: usize, cursor: usize) -> Place {
        Place {
            article,
            view: View {
                cursor,
                ..View::default()
            },
        }
    }

    #[test]
    fn back_and_forward_walk_the_history() {
        let mut j = JumpList::default();
        j.push(at(0, 3));
        j.push(at(1, 7));
        // Now at article 2.
        assert_eq!(j.back(at(2, 0)), Some(at(1, 7)));
        assert_eq!(j.back(at(1, 7)), Some(at(0, 3)));
        assert_eq!(j.back(at(0, 3)), None);
        assert_eq!(j.forward(at(0, 3)), Some(at(1, 7)));
        assert_eq!(j.forward(at(1, 7)), Some(at(2, 0)));
        assert_eq!(j.forward(at(2, 0)), None);
    }

    #[test]
    fn a_new_jump_drops_forward_history_and_duplicates() {
        let mut j = JumpList::default();
        j.push(at(0, 1));
        j.push(at(0, 1));
        assert_eq!(j.back(at(1, 0)), Some(at(0, 1)));
        assert!(!j.can_go_back());
        j.push(at(0, 1));
        assert!(!j.can_go_forward());
    }

    #[test]
    fn history_is_capped() {
        let mut j = JumpList::default();
        for i in 0..(CAP + 20) {
            j.push(at(i, 0));
        }
        let mut n = 0;
        let mut here = at(usize::MAX, 0);
        while let Some(p) = j.back(here) {
            here = p;
            n += 1;
        }
        assert_eq!(n, CAP);
        assert_eq!(here, at(20, 0));
    }
}
