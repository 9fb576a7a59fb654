//! Finding your way: the search prompt in an article (`/`, `?`, then `n`
//! and `N`), the library search, and the article picker. The prompt is a
//! one-line editor at the bottom of the screen.

use super::action::Action;
use super::editor::{Edit, Editor};
use super::jumps::Place;
use super::mode::Mode;
use super::view::View;
use super::{step_list, App, Pane, PAGE};
use crate::corpus::Article;
use crate::search::{self, ArticleHits, Query};
use crate::strings;
use crate::text::Span;

/// What the prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// Search the open article, forwards (`/`) or backwards (`?`).
    Find { backward: bool },
    /// Search every article.
    Library,
    /// Pick an article by name.
    Picker,
    /// Search the text of the notes in the notes pane.
    Notes,
}

/// The open prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub editor: Editor,
    /// The highlighted entry of the picker.
    pub selected: usize,
    /// The picker's matches for the text typed, best first: found once
    /// per keystroke, for drawing and for choosing alike.
    pub picked: Vec<usize>,
}

impl Prompt {
    pub fn text(&self) -> String {
        self.editor.text()
    }
}

/// A search in the open article and its matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Find {
    pub article: usize,
    pub query: String,
    pub backward: bool,
    pub matches: Vec<Span>,
    /// The match the cursor is on.
    pub current: Option<usize>,
    /// Where the reader was when the search started, for Esc.
    origin: View,
}

impl Find {
    /// The search in `article`, number `id` now, whose text was read
    /// again: the matches are found afresh and the current one is the
    /// first at or after byte `from`. The place to go back to is `origin`.
    pub(super) fn follow(&mut self, id: usize, article: &Article, from: usize, origin: View) {
        self.article = id;
        self.origin = origin;
        self.matches = search::find_all(&article.text, &self.query)
            .into_iter()
            .filter(|s| s.start >= article.body_start)
            .collect();
        self.current = self
            .matches
            .iter()
            .position(|m| m.start >= from)
            .or((!self.matches.is_empty()).then_some(0));
    }

    /// `n` (`forward`) or `N`: moves to the next match in the search's
    /// direction, or back, round the ends. Whether it went round, or
    /// `None` without matches.
    pub fn step(&mut self, forward: bool) -> Option<bool> {
        let n = self.matches.len();
        if n == 0 {
            return None;
        }
        let ahead = forward != self.backward;
        let i = self.current.unwrap_or(0);
        let next = if ahead { (i + 1) % n } else { (i + n - 1) % n };
        self.current = Some(next);
        Some((ahead && next < i) || (!ahead && next > i))
    }
}

/// The last library search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryResults {
    pub query: String,
    pub articles: Vec<ArticleHits>,
}

/// One line of the library search results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultItem {
    /// An article with this many hits.
    Article { article: usize, hits: usize },
    /// A passage with hits: its article, block and the spans of its hits
    /// as a range into that article's hit list.
    Passage {
        article: usize,
        block: usize,
        first: usize,
        count: usize,
    },
}

/// Passages listed per article in the results, at most.
const PASSAGES_PER_ARTICLE: usize = 3;

impl App {
    pub(super) fn open_prompt(&mut self, kind: PromptKind) {
        if let PromptKind::Find { backward } = kind {
            let Some(id) = self.open else { return };
            self.find = Some(Find {
                article: id,
                query: String::new(),
                backward,
                matches: Vec::new(),
                current: None,
                origin: self.views[id],
            });
        }
        if kind == PromptKind::Notes {
            self.start_note_find();
        }
        let picked = if kind == PromptKind::Picker {
            search::pick(&self.articles, &self.titles, "")
        } else {
            Vec::new()
        };
        self.mode = Mode::Prompt(Prompt {
            kind,
            editor: Editor::new(""),
            selected: 0,
            picked,
        });
    }

    /// Keys while the prompt is open.
    pub(super) fn update_prompt(&mut self, action: Action) {
        let Mode::Prompt(prompt) = &mut self.mode else {
            return;
        };
        match action {
            Action::Edit(Edit::Newline) | Action::PromptSubmit => self.submit_prompt(),
            Action::Edit(edit) => {
                prompt.editor.apply(edit);
                prompt.selected = 0;
                match prompt.kind {
                    PromptKind::Find { .. } => self.refresh_find(),
                    PromptKind::Picker => {
                        prompt.picked = search::pick(&self.articles, &self.titles, &prompt.text())
                    }
                    PromptKind::Notes => {
                        let query = prompt.text();
                        self.refresh_note_find(query);
                    }
                    PromptKind::Library => {}
                }
            }
            Action::PromptCancel => {
                let kind = prompt.kind;
                if kind == PromptKind::Notes {
                    self.cancel_note_find();
                }
                if let (PromptKind::Find { .. }, Some(find)) = (kind, self.find.take()) {
                    self.views[find.article] = find.origin;
                }
                self.mode = Mode::Normal;
            }
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                prompt.selected = step_list(prompt.selected, prompt.picked.len(), action, PAGE);
            }
            _ => {}
        }
    }

    /// Re-runs the article search as the query changes and moves to the
    /// first match from where the search started.
    fn refresh_find(&mut self) {
        let (Mode::Prompt(prompt), Some(find)) = (&self.mode, self.find.as_mut()) else {
            return;
        };
        let article = &self.articles[find.article];
        find.query = prompt.text();
        find.matches = search::find_all(&article.text, &find.query)
            .into_iter()
            .filter(|s| s.start >= article.body_start)
            .collect();
        let from = article
            .blocks
            .get(find.origin.cursor)
            .map_or(0, |b| b.span.start);
        find.current = if find.backward {
            find.matches
                .iter()
                .rposition(|m| m.start < from)
                .or(find.matches.len().checked_sub(1))
        } else {
            find.matches
                .iter()
                .position(|m| m.start >= from)
                .or((!find.matches.is_empty()).then_some(0))
        };
        let (id, origin, current) = (find.article, find.origin, find.current);
        self.views[id] = origin;
        if current.is_some() {
            self.show_match();
        }
    }

    /// Moves the passage cursor to the current match.
    fn show_match(&mut self) {
        let Some(find) = &self.find else { return };
        let Some(m) = find.current.and_then(|i| find.matches.get(i)) else {
            return;
        };
        let id = find.article;
        let block = self.articles[id].block_at(m.start);
        let (w, h) = self.text_size();
        self.views[id].move_cursor(&self.articles[id], w, h, block, Some(m.start));
    }

    fn submit_prompt(&mut self) {
        let Mode::Prompt(prompt) = std::mem::take(&mut self.mode) else {
            return;
        };
        let text = prompt.text();
        match prompt.kind {
            PromptKind::Find { .. } => {
                if self.find.as_ref().is_some_and(|f| f.matches.is_empty()) {
                    self.say(format!("{} {}", strings::NOT_FOUND, text.trim()));
                    if let Some(find) = self.find.take() {
                        self.views[find.article] = find.origin;
                    }
                } else if let Some(find) = &self.find {
                    // The search is a jump: Ctrl-O goes back to where it began.
                    self.jumps.push(Place {
                        article: find.article,
                        view: find.origin,
                    });
                }
            }
            PromptKind::Library => {
                let query = Query::parse(&text);
                if query.is_empty() {
                    return;
                }
                let articles = query.search(&self.articles);
                if articles.is_empty() {
                    self.say(format!("{} {}", strings::NO_ARTICLE_MENTIONS, text.trim()));
                    return;
                }
                self.mode = Mode::Results {
                    selected: 0,
                    results: LibraryResults {
                        query: text,
                        articles,
                    },
                };
            }
            PromptKind::Notes => self.submit_note_find(),
            PromptKind::Picker => {
                if let Some(&article) = prompt.picked.get(prompt.selected) {
                    self.visit(
                        Place {
                            article,
                            view: self.views[article],
                        },
                        None,
                    );
                }
            }
        }
    }

    /// `n` and `N`: the next match in the search's direction, or back.
    pub(super) fn step_match(&mut self, forward: bool) {
        let Some(wrapped) = self.find.as_mut().and_then(|f| f.step(forward)) else {
            return;
        };
        if wrapped {
            self.say(strings::SEARCH_WRAPPED.to_string());
        }
        self.show_match();
    }

    /// Whether `n` and `N` step through matches now.
    pub fn finding(&self) -> bool {
        self.focus == Pane::Source
            && self
                .find
                .as_ref()
                .is_some_and(|f| Some(f.article) == self.open && !f.matches.is_empty())
    }

    /// The lines of the library search results.
    pub fn result_items(&self) -> Vec<ResultItem> {
        let Mode::Results { results, .. } = &self.mode else {
            return Vec::new();
        };
        let mut items = Vec::new();
        for a in &results.articles {
            items.push(ResultItem::Article {
                article: a.article,
                hits: a.hits.len(),
            });
            let article = &self.articles[a.article];
            let mut i = 0;
            let mut passages = 0;
            while i < a.hits.len() && passages < PASSAGES_PER_ARTICLE {
                let block = article.block_at(a.hits[i].start);
                let count = a.hits[i..]
                    .iter()
                    .take_while(|h| article.block_at(h.start) == block)
                    .count();
                items.push(ResultItem::Passage {
                    article: a.article,
                    block,
                    first: i,
                    count,
                });
                i += count;
                passages += 1;
            }
        }
        items
    }

    /// Enter in the results: jump to the passage (or the article's first
    /// hit) with every hit in that article marked for `n` and `N`.
    pub(super) fn open_result(&mut self, selected: usize) {
        let Some(item) = self.result_items().get(selected).copied() else {
            return;
        };
        let (article, first) = match item {
            ResultItem::Article { article, .. } => (article, 0),
            ResultItem::Passage { article, first, .. } => (article, first),
        };
        let Mode::Results { results, .. } = &self.mode else {
            return;
        };
        let Some(hits) = results.articles.iter().find(|a| a.article == article) else {
            return;
        };
        let matches = hits.hits.clone();
        let span = matches[first];
        let query = results.query.clone();
        let block = self.articles[article].block_at(span.start);
        self.mode = Mode::Normal;
        self.jump_to(article, block, span);
        self.highlight = None;
        self.find = Some(Find {
            article,
            query,
            backward: false,
            matches,
            current: Some(first),
            origin: self.views[article],
        });
    }
}
