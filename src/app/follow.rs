//! The library following changes on disk. The shell watches the files
//! and reads the library again; here the library as read again takes the
//! place of the one shown. Articles are matched by path, so every place
//! the reader holds (the open article, the library's selection, views,
//! progress, bookmarks, the jump list, a search) moves to the same
//! article's new number (a file moved with its text unchanged is the same
//! article); in an article whose text changed, the passage
//! under the cursor is found again by its quote, as notes are.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use super::jumps::Place;
use super::mode::Mode;
use super::notes::Target;
use super::selection::Selection;
use super::view::View;
use super::App;
use crate::corpus::{Article, Problem};
use crate::notes::{self, ArticleRef, Placement};
use crate::state::Progress;
use crate::strings;
use crate::text::sanitize::one_line;
use crate::text::Span;

/// How the articles read again relate to those shown before.
struct Matching {
    /// For each article before, its number now, if it is still there.
    now: Vec<Option<usize>>,
    /// For each article now, its number before, if it was there.
    before: Vec<Option<usize>>,
    /// For each article now: it was there before with other text.
    changed: Vec<bool>,
    /// Articles before and now at another path with the same text.
    renamed: Vec<(usize, usize)>,
}

impl Matching {
    fn new(old: &[Article], new: &[Article]) -> Matching {
        let at: HashMap<&Path, usize> = new
            .iter()
            .enumerate()
            .map(|(i, a)| (a.path.as_path(), i))
            .collect();
        let mut now: Vec<Option<usize>> = old
            .iter()
            .map(|a| at.get(a.path.as_path()).copied())
            .collect();
        let mut before = vec![None; new.len()];
        for (o, n) in now.iter().enumerate() {
            if let Some(n) = *n {
                before[n] = Some(o);
            }
        }
        // A file gone and one come with the same text: renamed or moved.
        let mut renamed = Vec::new();
        for o in 0..old.len() {
            if now[o].is_some() {
                continue;
            }
            let same = (0..new.len())
                .find(|&n| before[n].is_none() && new[n].fingerprint == old[o].fingerprint);
            if let Some(n) = same {
                now[o] = Some(n);
                before[n] = Some(o);
                renamed.push((o, n));
            }
        }
        let changed = before
            .iter()
            .enumerate()
            .map(|(n, o)| o.is_some_and(|o| old[o].fingerprint != new[n].fingerprint))
            .collect();
        Matching {
            now,
            before,
            changed,
            renamed,
        }
    }

    /// The number now of the article that was `o`, or, if it is gone, of
    /// the next article before that is still there (the previous one at
    /// the end of the library).
    fn nearest(&self, o: usize) -> Option<usize> {
        self.now[o..]
            .iter()
            .find_map(|n| *n)
            .or_else(|| self.now[..o].iter().rev().find_map(|n| *n))
    }
}

/// `span` of `old`'s text found again in `new`'s text.
fn follow_span(old: &Article, new: &Article, span: Span) -> Option<Span> {
    notes::locate(&notes::Anchor::new(&old.text, span), &new.text).span()
}

/// The sentence of `new` that holds sentence `i` of `old` now.
fn follow_sentence(old: &Article, new: &Article, i: usize) -> Option<usize> {
    let span = follow_span(old, new, old.sentences.get(i)?.span)?;
    let at = new.sentences.partition_point(|s| s.span.end <= span.start);
    (at < new.sentences.len()).then_some(at)
}

impl App {
    /// Takes the library as read again after files changed on disk, keeps
    /// every place the reader holds, shows what still holds of the
    /// analysis until the fresh one arrives, and says what changed.
    pub(super) fn library_changed(&mut self, articles: Arc<Vec<Article>>, problems: Vec<Problem>) {
        self.problems.truncate(self.startup_problems);
        if self.loading {
            // The first reading has not arrived yet: this one takes its place.
            self.set_library(articles, problems, None);
            return;
        }
        self.problems.extend(problems);
        let old = std::mem::replace(&mut self.articles, articles);
        let new = Arc::clone(&self.articles);
        let m = Matching::new(&old, &new);
        let shown = |a: &Article| one_line(&a.display_path);
        let added: Vec<String> = (0..new.len())
            .filter(|&n| m.before[n].is_none())
            .map(|n| shown(&new[n]))
            .collect();
        let changed: Vec<String> = (0..new.len())
            .filter(|&n| m.changed[n])
            .map(|n| shown(&new[n]))
            .collect();
        let removed: Vec<String> = (0..old.len())
            .filter(|&o| m.now[o].is_none())
            .map(|o| shown(&old[o]))
            .collect();
        let renamed: Vec<String> = m
            .renamed
            .iter()
            .map(|&(o, n)| format!("{} → {}", shown(&old[o]), shown(&new[n])))
            .collect();
        if added.is_empty() && changed.is_empty() && removed.is_empty() && renamed.is_empty() {
            return;
        }
        let (w, h) = self.text_size();
        // Where a place in the library before is now.
        let follow = |place: Place| -> Option<Place> {
            let n = m.now[place.article]?;
            let view = if m.changed[n] {
                place.view.follow(&old[place.article], &new[n], w, h)
            } else {
                place.view
            };
            Some(Place { article: n, view })
        };
        self.views = (0..new.len())
            .map(|n| match m.before[n] {
                Some(o) => follow(Place {
                    article: o,
                    view: self.views[o],
                })
                .map_or_else(View::default, |p| p.view),
                None => View::default(),
            })
            .collect();
        self.progress = m
            .before
            .iter()
            .map(|o| o.map_or(Progress::Unread, |o| self.progress[o]))
            .collect();
        self.titles = m
            .before
            .iter()
            .map(|o| o.and_then(|o| self.titles.get(o).cloned().flatten()))
            .collect();
        self.marks = std::mem::take(&mut self.marks)
            .into_iter()
            .filter_map(|(c, p)| follow(p).map(|p| (c, p)))
            .collect();
        self.jumps.follow(follow);
        self.highlight = self.highlight.and_then(|(o, span)| {
            let n = m.now[o]?;
            let span = if m.changed[n] {
                follow_span(&old[o], &new[n], span)?
            } else {
                span
            };
            Some((n, span))
        });

        // The open article, or the next one if it is gone.
        let open_before = self.open;
        let mut gone = None;
        self.open = match open_before {
            Some(o) => m.now[o].or_else(|| {
                gone = Some(o);
                m.nearest(o)
            }),
            None => None,
        }
        .or((!new.is_empty()).then_some(0));
        self.selected = match (gone, m.now.get(self.selected).copied().flatten()) {
            (None, Some(n)) => n,
            _ => self.open.unwrap_or(0),
        };
        self.follow_selection(&old, &m, open_before);
        self.follow_mode(&old, &m);

        // Notes: placed again in the new texts; say how those of changed
        // articles fared.
        let before: Vec<Option<(usize, Placement)>> = std::mem::take(&mut self.notes.placed);
        self.place_notes();
        let (mut moved, mut lost) = (0, 0);
        for (was, is) in before.iter().zip(&self.notes.placed) {
            let (Some((o, was)), Some((n, is))) = (was, is) else {
                continue;
            };
            if m.now[*o] != Some(*n) || !m.changed[*n] {
                continue;
            }
            match (was.span(), is.span()) {
                (Some(_), None) => lost += 1,
                (Some(a), Some(b)) if a != b || matches!(is, Placement::Approximate(..)) => {
                    moved += 1
                }
                _ => {}
            }
        }

        // What still holds of the analysis, until the fresh one arrives.
        if let Some(analysis) = self.analysis.clone() {
            let earlier: Vec<Option<usize>> = (0..new.len())
                .map(|n| m.before[n].filter(|_| !m.changed[n]))
                .collect();
            self.replace_analysis(Arc::new(analysis.carry_over(&earlier)));
        }
        self.refit();

        self.say(strings::library_changed(
            &added, &changed, &renamed, &removed,
        ));
        if moved + lost > 0 {
            self.say(strings::notes_followed(moved, lost));
        }
        if let Some(o) = gone {
            let keys: Vec<(&str, &str)> = vec![(&old[o].display_path, &old[o].fingerprint)];
            let kept = self
                .notes
                .notes
                .iter()
                .filter(|n| notes::find_article(n, &keys).is_some())
                .count();
            let now = self.open.map(|n| shown(&new[n]));
            self.say(strings::open_article_deleted(
                &shown(&old[o]),
                now.as_deref(),
                kept,
            ));
        }
    }

    /// The sentence cursor, visual mode and search of the open article,
    /// which was article `open_before` of `old`.
    fn follow_selection(&mut self, old: &[Article], m: &Matching, open_before: Option<usize>) {
        let new = Arc::clone(&self.articles);
        let same = match (open_before, self.open) {
            (Some(o), Some(n)) => (m.now[o] == Some(n)).then_some((o, n)),
            _ => None,
        };
        let Some((o, n)) = same else {
            self.selection = Selection::default();
            self.find = None;
            return;
        };
        if !m.changed[n] {
            if let Some(find) = self.find.as_mut() {
                find.article = n;
            }
            return;
        }
        let sentence = |i: Option<usize>| i.and_then(|i| follow_sentence(&old[o], &new[n], i));
        self.selection = Selection {
            sentence: sentence(self.selection.sentence),
            visual: sentence(self.selection.visual),
        };
        if self.selection.sentence.is_none() {
            self.selection.visual = None;
        }
        let view = self.views[n];
        let from = new[n].blocks.get(view.cursor).map_or(0, |b| b.span.start);
        if let Some(find) = self.find.as_mut() {
            find.follow(n, &new[n], from, view);
        }
    }

    /// The modal thing open, where it names articles by number.
    fn follow_mode(&mut self, old: &[Article], m: &Matching) {
        let new = Arc::clone(&self.articles);
        match &mut self.mode {
            // Both name passages of the library as it was: reopened, they
            // show it as it is.
            Mode::Compare(_) | Mode::Results { .. } => self.mode = Mode::Normal,
            Mode::Prompt(prompt) if prompt.kind == super::find::PromptKind::Picker => {
                prompt.picked = crate::search::pick(&new, &self.titles, &prompt.text());
            }
            Mode::Editor(editing) => {
                if let Target::New { article, span } = editing.target {
                    editing.target = match m.now[article] {
                        Some(n) if !m.changed[n] => Target::New { article: n, span },
                        Some(n) => match follow_span(&old[article], &new[n], span) {
                            Some(span) => Target::New { article: n, span },
                            None => removed_target(&old[article], span),
                        },
                        None => removed_target(&old[article], span),
                    };
                }
            }
            _ => {}
        }
    }
}

/// The target of a new note on `span` of `article`, whose passage is no
/// longer in the library: the note keeps the article and passage as they
/// were, like any note of an article that is gone.
fn removed_target(article: &Article, span: Span) -> Target {
    Target::Removed {
        article: ArticleRef::of(article),
        anchor: notes::Anchor::new(&article.text, span),
    }
}
