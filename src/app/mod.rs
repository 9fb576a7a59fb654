//! The reader's state and how actions change it.
//!
//! Nothing here touches the terminal or the file system: `App::update`
//! takes an action and returns the effects the shell must carry out.

pub mod action;
pub mod compare;
pub mod editor;
pub mod find;
pub mod jumps;
pub mod keymap;
pub mod layout;
pub mod notes;
pub mod reading;
pub mod selection;
pub mod view;

use std::sync::Arc;

use crate::analysis::{Analysis, Link};
use crate::config::UiConfig;
use crate::corpus::{Article, Corpus, Problem, Severity};
use crate::app::keymap::Keymap;
use crate::strings;
use crate::text::sanitize::one_line;
use crate::text::wrap::wrap;
use crate::text::Span;
use action::{Action, Effect};
use jumps::{JumpList, Place};
use layout::{Area, Focus, Screen, GUTTER};
use selection::{Selection, Step};
use view::View;

/// A pane that can have the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Library,
    Source,
    KeyPoints,
    Refs,
    /// Shown in place of the key points while `n` has it open.
    Notes,
}

/// A window drawn over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Messages {
        scroll: usize,
    },
    /// The topics shared between articles; with `topic` set, the passages
    /// that mention that topic.
    Topics {
        selected: usize,
        topic: Option<usize>,
        hit: usize,
    },
    /// The results of a library search.
    Results {
        selected: usize,
    },
    /// Two linked passages side by side.
    Compare,
}

/// One entry of the cross-reference pane.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RefItem<'a> {
    /// A passage in another article related to the one under the cursor.
    Link(&'a Link),
    /// An article related to the open one, with its relatedness.
    Related(usize, f32),
}

/// Everything the reader shows.
#[derive(Debug, Clone)]
pub struct App {
    pub articles: Arc<Vec<Article>>,
    pub problems: Vec<Problem>,
    /// What the library was loaded from, for the empty-library message.
    pub sources: Vec<String>,
    /// Key points, topics and links; `None` while they are being computed.
    pub analysis: Option<Arc<Analysis>>,
    pub focus: Pane,
    pub overlay: Option<Overlay>,
    /// The highlighted row of the library pane, and the first row shown.
    pub selected: usize,
    pub list_offset: usize,
    /// The selected entry of the key-point and cross-reference panes.
    pub key_point: usize,
    pub reference: usize,
    /// The article in the source pane.
    pub open: Option<usize>,
    /// The reading state of every article, kept while the program runs.
    pub views: Vec<View>,
    pub jumps: JumpList,
    /// The passage a jump landed on, highlighted in the source pane.
    pub highlight: Option<(usize, Span)>,
    /// The sentence cursor and visual mode in the open article.
    pub selection: Selection,
    pub notes: notes::Notes,
    /// The note editor, while it is open.
    pub editing: Option<notes::Editing>,
    /// A one-off message for the status bar, cleared by the next key.
    pub status: Option<String>,
    /// The search or picker prompt, while it is open.
    pub prompt: Option<find::Prompt>,
    /// The search in the open article and its matches.
    pub find: Option<find::Find>,
    /// The last library search.
    pub results: Option<find::LibraryResults>,
    /// The passages in the compare view.
    pub compare: Option<compare::Compare>,
    /// How far the reader has got in each article.
    pub progress: Vec<crate::state::Progress>,
    /// Bookmarks by letter.
    pub marks: std::collections::BTreeMap<char, Place>,
    /// `m` or `'` waiting for its letter.
    pub pending: Option<reading::Pending>,
    pub width: u16,
    pub height: u16,
    pub ui: UiConfig,
    /// The key bindings in force: they drive input and the help overlay.
    pub keymap: Keymap,
    /// Whether colours may be used (`NO_COLOR` unset).
    pub color: bool,
    /// The colour theme from the config.
    pub theme: crate::config::ThemeConfig,
    /// The library is still being read.
    pub loading: bool,
    /// How far reading or analysing the library has got.
    pub background: Option<Background>,
}

/// How far the background work has got, for the status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    /// Files read, of how many.
    Reading(usize, usize),
    Analysing(crate::analysis::Step),
}

impl App {
    pub fn new(corpus: Corpus, sources: Vec<String>, ui: UiConfig) -> App {
        let n = corpus.articles.len();
        App {
            views: vec![View::default(); n],
            open: (n > 0).then_some(0),
            articles: Arc::new(corpus.articles),
            problems: corpus.problems,
            sources,
            analysis: None,
            focus: Pane::Library,
            overlay: None,
            selected: 0,
            list_offset: 0,
            key_point: 0,
            reference: 0,
            jumps: JumpList::default(),
            highlight: None,
            selection: Selection::default(),
            notes: notes::Notes::default(),
            editing: None,
            status: None,
            prompt: None,
            find: None,
            results: None,
            compare: None,
            progress: vec![crate::state::Progress::Unread; n],
            marks: std::collections::BTreeMap::new(),
            pending: None,
            width: 80,
            height: 24,
            ui,
            keymap: Keymap::default(),
            color: true,
            theme: crate::config::ThemeConfig::default(),
            loading: false,
            background: None,
        }
    }

    /// Hands the app the library once it has loaded in the background,
    /// with the reading state to restore in it.
    pub fn set_library(
        &mut self,
        articles: Arc<Vec<Article>>,
        problems: Vec<Problem>,
        state: Option<&crate::state::ReadingState>,
    ) {
        let n = articles.len();
        self.views = vec![View::default(); n];
        self.progress = vec![crate::state::Progress::Unread; n];
        self.open = (n > 0).then_some(0);
        self.articles = articles;
        self.problems.extend(problems);
        self.loading = false;
        let notes = std::mem::take(&mut self.notes.notes);
        let read_only = self.notes.read_only.clone();
        self.set_notes(
            notes,
            read_only.map_or(
                crate::notes::Access::ReadWrite,
                crate::notes::Access::ReadOnly,
            ),
        );
        if let Some(state) = state {
            self.restore_reading(state);
        }
        self.refit();
    }

    /// Hands the app the finished analysis.
    pub fn set_analysis(&mut self, analysis: Arc<Analysis>) {
        self.replace_analysis(analysis);
        self.background = None;
    }

    /// Hands the app what still holds of the library's previous analysis,
    /// to show while the library is analysed again.
    pub fn set_earlier_analysis(&mut self, analysis: Arc<Analysis>) {
        self.replace_analysis(analysis);
    }

    /// Shows `analysis` in place of the one shown, if any. An open topic
    /// stays open if the new analysis has it too, found by its label, and
    /// selections are kept within the new lists.
    fn replace_analysis(&mut self, analysis: Arc<Analysis>) {
        if let (
            Some(Overlay::Topics {
                selected,
                topic,
                hit,
            }),
            Some(old),
        ) = (self.overlay, &self.analysis)
        {
            let now = analysis.topics();
            let find = |i: usize| {
                let label = &old.topics().get(i)?.label;
                now.iter().position(|t| &t.label == label)
            };
            let topic = topic.and_then(find);
            let hits = topic.map_or(0, |t| now[t].occurrences.len());
            self.overlay = Some(Overlay::Topics {
                selected: topic
                    .or_else(|| find(selected))
                    .unwrap_or(selected.min(now.len().saturating_sub(1))),
                topic,
                hit: hit.min(hits.saturating_sub(1)),
            });
        }
        self.analysis = Some(analysis);
        self.key_point = self
            .key_point
            .min(self.key_points().len().saturating_sub(1));
        self.reference = self.reference.min(self.ref_items().len().saturating_sub(1));
    }

    pub fn screen(&self) -> Screen {
        let focus = match self.focus {
            Pane::Library => Focus::Library,
            Pane::Source => Focus::Source,
            Pane::KeyPoints | Pane::Refs | Pane::Notes => Focus::Side,
        };
        layout::screen(self.width, self.height, self.ui.library_width, focus)
    }

    /// The text area of the source pane: right of the gutter, at most
    /// `ui.text_width` wide. Empty when the pane is hidden.
    pub fn text_area(&self) -> Area {
        let Some(src) = self.screen().source else {
            return Area::default();
        };
        let inner = src.inner();
        // One column of margin keeps text off the right border.
        let mut width = inner.width.saturating_sub(GUTTER + 1);
        if self.ui.text_width > 0 {
            width = width.min(self.ui.text_width);
        }
        Area {
            x: inner.x + GUTTER,
            y: inner.y,
            width,
            height: inner.height,
        }
    }

    /// Width and height in cells that the open article is laid out in.
    pub fn text_size(&self) -> (usize, usize) {
        let a = self.text_area();
        // Views keep working while the pane is hidden on a narrow screen.
        let (w, h) = if a.width == 0 {
            (
                self.width.saturating_sub(3 + GUTTER),
                self.height.saturating_sub(3),
            )
        } else {
            (a.width, a.height)
        };
        (usize::from(w.max(1)), usize::from(h.max(1)))
    }

    fn list_height(&self) -> usize {
        let h = self
            .screen()
            .library
            .map_or(self.height.saturating_sub(3), |a| a.inner().height);
        usize::from(h.max(1))
    }

    pub fn open_article(&self) -> Option<&Article> {
        self.open.and_then(|i| self.articles.get(i))
    }

    pub fn open_view(&self) -> Option<&View> {
        self.open.and_then(|i| self.views.get(i))
    }

    /// How many files were skipped while loading.
    pub fn skipped(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Skipped)
            .count()
    }

    /// The key points of the open article (empty until analysed).
    pub fn key_points(&self) -> &[crate::analysis::KeyPoint] {
        match (&self.analysis, self.open) {
            (Some(a), Some(id)) => a.key_points(id),
            _ => &[],
        }
    }

    /// The cross-reference entries for the passage under the cursor,
    /// followed by the articles most related to the open one.
    pub fn ref_items(&self) -> Vec<RefItem<'_>> {
        let (Some(a), Some(id), Some(view)) = (&self.analysis, self.open, self.open_view()) else {
            return Vec::new();
        };
        let mut items: Vec<RefItem<'_>> = a
            .links_for(id, view.cursor)
            .iter()
            .map(RefItem::Link)
            .collect();
        items.extend(
            a.related(id)
                .iter()
                .map(|&(b, score)| RefItem::Related(b, score)),
        );
        items
    }

    /// Where `overlay` is drawn.
    pub fn overlay_area(&self, overlay: Overlay) -> Area {
        let (w, h) = (self.width, self.height);
        match overlay {
            Overlay::Help { .. } => {
                let lines = u16::try_from(self.keymap.help().len() + 2).unwrap_or(u16::MAX);
                layout::overlay(w, h, 64, lines)
            }
            Overlay::Messages { .. } => layout::overlay(
                w,
                h,
                w.saturating_sub(8).max(20),
                h.saturating_sub(4).max(3),
            ),
            Overlay::Topics { .. } | Overlay::Results { .. } | Overlay::Compare => layout::overlay(
                w,
                h,
                w.saturating_sub(6).max(20),
                h.saturating_sub(2).max(3),
            ),
        }
    }

    /// The loading messages, wrapped to `width` columns.
    pub fn message_lines(&self, width: usize) -> Vec<String> {
        let notes = [
            self.notes
                .unsaved
                .as_ref()
                .map(|why| format!("{} {why}", strings::NOTES_UNSAVED_MESSAGE)),
            self.notes
                .read_only
                .as_ref()
                .map(|why| format!("{} {why}", strings::NOTES_READ_ONLY_MESSAGE)),
        ];
        let lines: Vec<String> = notes
            .into_iter()
            .flatten()
            .chain(self.problems.iter().map(|p| p.to_string()))
            .collect();
        if lines.is_empty() {
            return vec![strings::NO_MESSAGES.to_string()];
        }
        lines
            .iter()
            .flat_map(|line| {
                let line = one_line(line);
                wrap(&line, width)
                    .into_iter()
                    .map(|r| line[r].to_string())
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// How far a scrolling overlay can scroll: its lines less those shown.
    fn max_scroll(&self, overlay: Overlay) -> usize {
        let inner = self.overlay_area(overlay).inner();
        let lines = match overlay {
            Overlay::Help { .. } => self.keymap.help().len(),
            Overlay::Messages { .. } => self.message_lines(usize::from(inner.width.max(1))).len(),
            // These scroll by their selection.
            Overlay::Topics { .. } | Overlay::Results { .. } | Overlay::Compare => 0,
        };
        lines.saturating_sub(usize::from(inner.height))
    }

    fn place(&self) -> Option<Place> {
        self.open.map(|article| Place {
            article,
            view: self.views[article],
        })
    }

    /// Applies one action and returns what the shell must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Quit => return vec![Effect::Quit],
            Action::Suspend => return vec![Effect::Suspend],
            Action::Resize { width, height } => {
                self.width = width;
                self.height = height;
                self.refit();
                return Vec::new();
            }
            _ => {}
        }
        if !matches!(action, Action::Scroll { .. }) {
            self.status = None;
        }
        if self.editing.is_some() {
            return self.update_editing(action);
        }
        if self.notes.confirm_delete.is_some() {
            return self.update_confirm(action);
        }
        if self.prompt.is_some() {
            self.update_prompt(action);
            return Vec::new();
        }
        if let Some(pending) = self.pending.take() {
            return self.finish_pending(pending, action);
        }
        if let Some(overlay) = self.overlay {
            self.update_overlay(overlay, action);
            return Vec::new();
        }
        let cursor_before = self.open_view().map(|v| v.cursor);
        let open_before = self.open;
        let mut effects = Vec::new();
        match action {
            Action::ToggleHelp => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::ToggleMessages => self.overlay = Some(Overlay::Messages { scroll: 0 }),
            Action::ToggleTopics => {
                self.overlay = Some(Overlay::Topics {
                    selected: 0,
                    topic: None,
                    hit: 0,
                })
            }
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(3),
            Action::NextMatch if self.finding() => self.step_match(true),
            Action::NextMatch | Action::ToggleNotes => self.toggle_notes(),
            Action::PrevMatch => self.step_match(false),
            Action::FindForward => self.open_prompt(find::PromptKind::Find { backward: false }),
            Action::FindBackward => self.open_prompt(find::PromptKind::Find { backward: true }),
            Action::LibrarySearch => self.open_prompt(find::PromptKind::Library),
            Action::Picker => self.open_prompt(find::PromptKind::Picker),
            Action::Compare => self.open_compare(),
            Action::SetMark => self.pending = Some(reading::Pending::SetMark),
            Action::JumpToMark => self.pending = Some(reading::Pending::JumpToMark),
            Action::Annotate if self.focus == Pane::Source => self.annotate(),
            Action::JumpBack => self.jump_back(),
            Action::JumpForward => self.jump_forward(),
            Action::Open if self.focus == Pane::Notes => effects = self.update_notes_pane(action),
            Action::Open => self.open_selected(),
            Action::Scroll { col, row, lines } => self.wheel(col, row, lines),
            Action::Click { col, row, entry } => effects = self.click(col, row, entry),
            _ => match self.focus {
                Pane::Library => self.update_library(action),
                Pane::Source => self.update_source(action),
                Pane::KeyPoints => {
                    self.key_point =
                        step_list(self.key_point, self.key_points().len(), action, PAGE)
                }
                Pane::Refs => {
                    self.reference = step_list(self.reference, self.ref_items().len(), action, PAGE)
                }
                Pane::Notes => effects = self.update_notes_pane(action),
            },
        }
        if self.open != open_before || self.open_view().map(|v| v.cursor) != cursor_before {
            self.reference = 0;
        }
        if self.open != open_before {
            self.key_point = 0;
            self.selection = Selection::default();
            if self
                .find
                .as_ref()
                .is_some_and(|f| Some(f.article) != self.open)
            {
                self.find = None;
            }
        } else {
            self.settle_selection();
        }
        self.track_progress();
        effects
    }

    fn cycle_focus(&mut self, by: usize) {
        if self.open.is_none() {
            self.focus = Pane::Library;
            return;
        }
        let side = if self.notes.shown {
            Pane::Notes
        } else {
            Pane::KeyPoints
        };
        let order = [Pane::Library, Pane::Source, side, Pane::Refs];
        let i = order.iter().position(|&p| p == self.focus).unwrap_or(0);
        self.focus = order[(i + by) % order.len()];
        self.refit();
    }

    fn update_overlay(&mut self, overlay: Overlay, action: Action) {
        let step = |s: usize| {
            match action {
                Action::Down => s + 1,
                Action::Up => s.saturating_sub(1),
                Action::PageDown => s + 10,
                Action::PageUp => s.saturating_sub(10),
                Action::Top => 0,
                Action::Bottom => usize::MAX,
                _ => s,
            }
            .min(self.max_scroll(overlay))
        };
        if overlay == Overlay::Compare {
            return self.update_compare(action);
        }
        if let Overlay::Results { selected } = overlay {
            match action {
                Action::Close => self.overlay = None,
                Action::Open => self.open_result(selected),
                _ => {
                    let selected = step_list(selected, self.result_items().len(), action, PAGE);
                    self.overlay = Some(Overlay::Results { selected });
                }
            }
            return;
        }
        self.overlay = match (overlay, action) {
            (
                Overlay::Topics {
                    selected,
                    topic: Some(_),
                    ..
                },
                Action::Close,
            ) => Some(Overlay::Topics {
                selected,
                topic: None,
                hit: 0,
            }),
            (_, Action::Close) => None,
            (Overlay::Help { .. }, Action::ToggleHelp)
            | (Overlay::Messages { .. }, Action::ToggleMessages)
            | (Overlay::Topics { .. }, Action::ToggleTopics) => None,
            (Overlay::Help { scroll }, _) => Some(Overlay::Help {
                scroll: step(scroll),
            }),
            (Overlay::Messages { scroll }, _) => Some(Overlay::Messages {
                scroll: step(scroll),
            }),
            (
                Overlay::Topics {
                    selected,
                    topic,
                    hit,
                },
                _,
            ) => return self.update_topics(selected, topic, hit, action),
            (other @ (Overlay::Results { .. } | Overlay::Compare), _) => Some(other),
        };
    }

    fn update_topics(&mut self, selected: usize, topic: Option<usize>, hit: usize, action: Action) {
        let Some(analysis) = self.analysis.clone() else {
            return;
        };
        let topics = analysis.topics();
        match topic {
            None if action == Action::Open && selected < topics.len() => {
                self.overlay = Some(Overlay::Topics {
                    selected,
                    topic: Some(selected),
                    hit: 0,
                });
            }
            None => {
                let selected = step_list(selected, topics.len(), action, PAGE);
                self.overlay = Some(Overlay::Topics {
                    selected,
                    topic: None,
                    hit: 0,
                });
            }
            Some(t) => {
                let hits = &topics[t].occurrences;
                if action == Action::Open {
                    if let Some(o) = hits.get(hit) {
                        self.overlay = None;
                        self.jump_to(o.article, o.block, o.span);
                    }
                } else {
                    let hit = step_list(hit, hits.len(), action, PAGE);
                    self.overlay = Some(Overlay::Topics {
                        selected,
                        topic,
                        hit,
                    });
                }
            }
        }
    }

    fn update_library(&mut self, action: Action) {
        let page = self.list_height().saturating_sub(1).max(1);
        self.selected = step_list(self.selected, self.articles.len(), action, page);
        self.keep_selection_visible();
    }

    fn update_source(&mut self, action: Action) {
        let Some(id) = self.open else { return };
        let (w, h) = self.text_size();
        let page = h.saturating_sub(2).max(1) as isize;
        if self.selection.visual.is_some() {
            let step = match action {
                Action::Down | Action::NextSentence => Step::NextSentence,
                Action::Up | Action::PrevSentence => Step::PrevSentence,
                Action::NextParagraph => Step::NextPassage,
                Action::PrevParagraph => Step::PrevPassage,
                Action::ToggleVisual | Action::Cancel => return self.toggle_visual(),
                _ => return,
            };
            return self.step_sentence(step);
        }
        match action {
            Action::NextSentence => return self.step_sentence(Step::NextSentence),
            Action::PrevSentence => return self.step_sentence(Step::PrevSentence),
            Action::ToggleVisual => return self.toggle_visual(),
            Action::Cancel => {
                self.selection = Selection::default();
                self.find = None;
                return;
            }
            _ => {}
        }
        let article = &self.articles[id];
        let view = &mut self.views[id];
        match action {
            Action::Down => view.scroll(article, w, h, 1),
            Action::Up => view.scroll(article, w, h, -1),
            Action::PageDown => view.scroll(article, w, h, page),
            Action::PageUp => view.scroll(article, w, h, -page),
            Action::Top => view.jump_to_end(article, w, h, false),
            Action::Bottom => view.jump_to_end(article, w, h, true),
            Action::NextParagraph => view.move_cursor(article, w, h, view.cursor + 1, None),
            Action::PrevParagraph => {
                view.move_cursor(article, w, h, view.cursor.saturating_sub(1), None)
            }
            _ => {}
        }
    }

    /// Enter: opens the selected article, or follows the selected key point
    /// or cross-reference.
    fn open_selected(&mut self) {
        match self.focus {
            Pane::Library if self.selected < self.articles.len() => {
                if self.open != Some(self.selected) {
                    if let Some(here) = self.place() {
                        self.jumps.push(here);
                    }
                }
                self.open = Some(self.selected);
                self.highlight = None;
                self.focus = Pane::Source;
                self.refit();
            }
            Pane::KeyPoints => {
                let Some(id) = self.open else { return };
                if let Some(kp) = self.key_points().get(self.key_point).cloned() {
                    self.jump_to(id, kp.block, kp.span);
                }
            }
            Pane::Refs => match self.ref_items().get(self.reference).copied() {
                Some(RefItem::Link(link)) => {
                    let (article, block, span) = (link.article, link.block, link.span);
                    self.jump_to(article, block, span);
                }
                Some(RefItem::Related(article, _)) => {
                    self.visit(
                        Place {
                            article,
                            view: self.views[article],
                        },
                        None,
                    );
                }
                None => {}
            },
            _ => {}
        }
    }

    /// Opens `place`, highlighting `highlight` there, with the focus on the
    /// source pane.
    fn show(&mut self, place: Place, highlight: Option<Span>) {
        self.open = Some(place.article);
        self.views[place.article] = place.view;
        self.selected = place.article;
        self.highlight = highlight.map(|s| (place.article, s));
        self.focus = Pane::Source;
        self.refit();
    }

    /// Jumps to block `block` of `article`, remembering where we were.
    pub fn jump_to(&mut self, article: usize, block: usize, highlight: Span) {
        if article >= self.articles.len() {
            return;
        }
        let (w, h) = self.text_size_for(Pane::Source);
        let mut view = self.views[article];
        view.reveal(&self.articles[article], w, h, block, Some(highlight.start));
        self.visit(Place { article, view }, Some(highlight));
    }

    /// Goes to `to` as a jump: where the reader was goes into the jump
    /// history first.
    fn visit(&mut self, to: Place, highlight: Option<Span>) {
        if let Some(here) = self.place() {
            self.jumps.push(here);
        }
        self.show(to, highlight);
    }

    /// The text size the source pane will have once `pane` has the focus.
    fn text_size_for(&mut self, pane: Pane) -> (usize, usize) {
        let focus = self.focus;
        self.focus = pane;
        let size = self.text_size();
        self.focus = focus;
        size
    }

    fn jump_back(&mut self) {
        let Some(here) = self.place() else { return };
        if let Some(to) = self.jumps.back(here) {
            self.show(to, None);
        }
    }

    fn jump_forward(&mut self) {
        let Some(here) = self.place() else { return };
        if let Some(to) = self.jumps.forward(here) {
            self.show(to, None);
        }
    }

    fn wheel(&mut self, col: u16, row: u16, lines: i16) {
        let screen = self.screen();
        let action = if lines > 0 { Action::Down } else { Action::Up };
        let steps = usize::from(lines.unsigned_abs()) * usize::from(self.ui.scroll_lines.max(1));
        let hit = |a: Option<Area>| a.is_some_and(|a| a.contains(col, row));
        if hit(screen.library) {
            for _ in 0..steps {
                self.update_library(action);
            }
        } else if hit(screen.source) {
            if let Some(id) = self.open {
                let (w, h) = self.text_size();
                let delta = if lines > 0 {
                    steps as isize
                } else {
                    -(steps as isize)
                };
                self.views[id].scroll(&self.articles[id], w, h, delta);
            }
        } else if hit(screen.key_points) {
            self.key_point = step_list(self.key_point, self.key_points().len(), action, PAGE);
        } else if hit(screen.refs) {
            self.reference = step_list(self.reference, self.ref_items().len(), action, PAGE);
        }
    }

    fn click(&mut self, col: u16, row: u16, entry: Option<usize>) -> Vec<Effect> {
        let screen = self.screen();
        if let Some(lib) = screen.library.filter(|a| a.contains(col, row)) {
            self.focus = Pane::Library;
            let inner = lib.inner();
            if inner.contains(col, row) {
                let i = self.list_offset + usize::from(row - inner.y);
                if i < self.articles.len() {
                    self.selected = i;
                    self.open_selected();
                }
            }
        } else if let Some(src) = screen.source.filter(|a| a.contains(col, row)) {
            self.focus = Pane::Source;
            let Some(id) = self.open else {
                return Vec::new();
            };
            let inner = src.inner();
            if inner.contains(col, row) {
                let (w, h) = self.text_size();
                let rows = self.views[id].screen(&self.articles[id], w, h);
                if let Some(r) = rows.get(usize::from(row - inner.y)) {
                    self.views[id].cursor = r.block;
                }
            }
        } else if screen.key_points.is_some_and(|a| a.contains(col, row)) {
            if self.notes.shown {
                self.focus = Pane::Notes;
                if let Some(i) = entry {
                    self.notes.selected = i;
                    return self.update_notes_pane(Action::Open);
                }
            } else {
                self.focus = Pane::KeyPoints;
                if let Some(i) = entry {
                    self.key_point = i;
                    self.open_selected();
                }
            }
        } else if screen.refs.is_some_and(|a| a.contains(col, row)) {
            self.focus = Pane::Refs;
            if let Some(i) = entry {
                self.reference = i;
                self.open_selected();
            }
        }
        Vec::new()
    }

    /// Re-fits views and the library list after the screen changed.
    fn refit(&mut self) {
        if let Some(id) = self.open {
            let (w, h) = self.text_size();
            self.views[id].clamp(&self.articles[id], w, h);
        }
        self.keep_selection_visible();
    }

    fn keep_selection_visible(&mut self) {
        let h = self.list_height();
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + h {
            self.list_offset = self.selected + 1 - h;
        }
    }
}

/// Entries moved by a page key in the smaller lists.
pub(crate) const PAGE: usize = 5;

/// Moves a list selection of `len` entries by one action; a page is
/// `page` entries.
pub(crate) fn step_list(selected: usize, len: usize, action: Action, page: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    match action {
        Action::Down => (selected + 1).min(last),
        Action::Up => selected.saturating_sub(1),
        Action::PageDown => (selected + page).min(last),
        Action::PageUp => selected.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => last,
        _ => selected.min(last),
    }
}
