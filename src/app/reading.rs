//! Reading progress and bookmarks, and turning the reader's places into
//! the reading state that is saved between runs and back.

use std::collections::BTreeMap;

use super::action::{Action, Effect};
use super::jumps::Place;
use super::view::{Anchor, View};
use super::App;
use crate::corpus::Article;
use crate::state::{Mark, Position, Progress, ReadingState, VERSION};
use crate::strings;

/// A key that waits for a letter: `m` to set a bookmark, `'` to jump to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    SetMark,
    JumpToMark,
}

fn position(article: &Article, view: &View, progress: Progress) -> Position {
    let cursor = article.blocks.get(view.cursor).map_or(0, |b| b.span.start);
    Position {
        top: view.top.byte,
        cursor,
        progress,
    }
}

fn view_at(article: &Article, p: &Position) -> View {
    let top = p.top.min(article.text.len());
    View {
        top: Anchor {
            block: article.block_at(top),
            byte: top,
            spacer: false,
        },
        cursor: article.block_at(p.cursor.min(article.text.len())),
    }
}

impl App {
    /// The state to save: every article's place and progress, the open
    /// article, and the bookmarks.
    pub fn reading_state(&self) -> ReadingState {
        let mut articles = BTreeMap::new();
        for (a, (view, progress)) in self
            .articles
            .iter()
            .zip(self.views.iter().zip(&self.progress))
        {
            if *progress != Progress::Unread {
                articles.insert(a.display_path.clone(), position(a, view, *progress));
            }
        }
        let marks = self
            .marks
            .iter()
            .map(|(c, place)| {
                let a = &self.articles[place.article];
                (
                    c.to_string(),
                    Mark {
                        article: a.display_path.clone(),
                        position: position(a, &place.view, Progress::Unread),
                    },
                )
            })
            .collect();
        ReadingState {
            version: VERSION,
            last: self.open_article().map(|a| a.display_path.clone()),
            articles,
            marks,
        }
    }

    /// Puts the reader back where the saved state says: places and
    /// progress of the articles still in the library, the bookmarks, and
    /// the last open article.
    pub(super) fn restore_reading(&mut self, state: &ReadingState) {
        let find = |path: &str| self.articles.iter().position(|a| a.display_path == path);
        for (path, p) in &state.articles {
            if let Some(i) = find(path) {
                self.views[i] = view_at(&self.articles[i], p);
                self.progress[i] = p.progress;
            }
        }
        for (c, m) in &state.marks {
            if let (Some(i), Some(letter)) = (find(&m.article), c.chars().next()) {
                self.marks.insert(
                    letter,
                    Place {
                        article: i,
                        view: view_at(&self.articles[i], &m.position),
                    },
                );
            }
        }
        if let Some(i) = state.last.as_deref().and_then(find) {
            self.open = Some(i);
            self.selected = i;
        }
        self.refit();
    }

    /// Notes the reader's progress in the open article: opened means in
    /// progress, and once the end has been on screen it is read.
    pub(super) fn track_progress(&mut self) {
        let Some(id) = self.open else { return };
        let (w, h) = self.text_size();
        let view = self.views[id];
        let article = &self.articles[id];
        let at_end = view.screen(article, w, h + 1).len() <= h;
        let p = &mut self.progress[id];
        if at_end {
            *p = Progress::Read;
        } else if *p == Progress::Unread {
            *p = Progress::InProgress;
        }
    }

    /// The letter after `m` or `'`.
    pub(super) fn finish_pending(&mut self, pending: Pending, action: Action) -> Vec<Effect> {
        let Action::MarkKey(letter) = action else {
            return Vec::new();
        };
        if !letter.is_ascii_alphanumeric() {
            self.say(strings::BAD_MARK.to_string());
            return Vec::new();
        }
        match pending {
            Pending::SetMark => {
                let Some(here) = self.place() else {
                    return Vec::new();
                };
                self.marks.insert(letter, here);
                self.say(format!("{} {letter}", strings::MARK_SET));
                self.save_state()
            }
            Pending::JumpToMark => {
                match self.marks.get(&letter).copied() {
                    Some(to) => self.visit(to, None),
                    None => self.say(format!("{} {letter}", strings::NO_MARK)),
                }
                Vec::new()
            }
        }
    }
}
