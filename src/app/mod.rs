//! The reader's state and how actions change it.
//!
//! Nothing here touches the terminal or the file system: `App::update`
//! takes an action and returns the effects the shell must carry out.

pub mod action;
pub mod layout;
pub mod view;

use crate::config::UiConfig;
use crate::corpus::{Article, Corpus, Problem, Severity};
use action::{Action, Effect};
use layout::{Area, Screen, GUTTER};
use view::View;

/// A pane that can have the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Library,
    Source,
}

/// A window drawn over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: usize },
    Messages { scroll: usize },
}

/// Everything the reader shows.
#[derive(Debug, Clone)]
pub struct App {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
    /// What the library was loaded from, for the empty-library message.
    pub sources: Vec<String>,
    pub focus: Pane,
    pub overlay: Option<Overlay>,
    /// The highlighted row of the library pane, and the first row shown.
    pub selected: usize,
    pub list_offset: usize,
    /// The article in the source pane.
    pub open: Option<usize>,
    /// The reading state of every article, kept while the program runs.
    pub views: Vec<View>,
    pub width: u16,
    pub height: u16,
    pub ui: UiConfig,
    /// Whether colours may be used (`NO_COLOR` unset).
    pub color: bool,
}

impl App {
    pub fn new(corpus: Corpus, sources: Vec<String>, ui: UiConfig) -> App {
        let n = corpus.articles.len();
        App {
            views: vec![View::default(); n],
            open: (n > 0).then_some(0),
            articles: corpus.articles,
            problems: corpus.problems,
            sources,
            focus: Pane::Library,
            overlay: None,
            selected: 0,
            list_offset: 0,
            width: 80,
            height: 24,
            ui,
            color: true,
        }
    }

    pub fn screen(&self) -> Screen {
        layout::screen(
            self.width,
            self.height,
            self.ui.library_width,
            self.focus == Pane::Library,
        )
    }

    /// The text area of the source pane: right of the gutter, at most
    /// `ui.text_width` wide. `(0, 0)` when the pane is hidden.
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
                self.width.saturating_sub(2 + GUTTER),
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
        if let Some(overlay) = self.overlay {
            self.update_overlay(overlay, action);
            return Vec::new();
        }
        match action {
            Action::ToggleHelp => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::ToggleMessages => self.overlay = Some(Overlay::Messages { scroll: 0 }),
            Action::FocusNext | Action::FocusPrev => {
                self.focus = match self.focus {
                    Pane::Library if self.open.is_some() => Pane::Source,
                    _ => Pane::Library,
                };
                self.refit();
            }
            Action::Open => self.open_selected(),
            Action::Scroll { col, row, lines } => self.wheel(col, row, lines),
            Action::Click { col, row } => self.click(col, row),
            _ => match self.focus {
                Pane::Library => self.update_library(action),
                Pane::Source => self.update_source(action),
            },
        }
        Vec::new()
    }

    fn update_overlay(&mut self, overlay: Overlay, action: Action) {
        let step = |s: usize| match action {
            Action::Down => s + 1,
            Action::Up => s.saturating_sub(1),
            Action::PageDown => s + 10,
            Action::PageUp => s.saturating_sub(10),
            Action::Top => 0,
            _ => s,
        };
        self.overlay = match (overlay, action) {
            (_, Action::Close) => None,
            (Overlay::Help { .. }, Action::ToggleHelp)
            | (Overlay::Messages { .. }, Action::ToggleMessages) => None,
            (Overlay::Help { scroll }, _) => Some(Overlay::Help {
                scroll: step(scroll),
            }),
            (Overlay::Messages { scroll }, _) => Some(Overlay::Messages {
                scroll: step(scroll),
            }),
        };
    }

    fn update_library(&mut self, action: Action) {
        let n = self.articles.len();
        if n == 0 {
            return;
        }
        let page = self.list_height().saturating_sub(1).max(1);
        self.selected = match action {
            Action::Down => (self.selected + 1).min(n - 1),
            Action::Up => self.selected.saturating_sub(1),
            Action::PageDown => (self.selected + page).min(n - 1),
            Action::PageUp => self.selected.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => n - 1,
            _ => self.selected,
        };
        self.keep_selection_visible();
    }

    fn update_source(&mut self, action: Action) {
        let Some(id) = self.open else { return };
        let (w, h) = self.text_size();
        let article = &self.articles[id];
        let view = &mut self.views[id];
        let page = h.saturating_sub(2).max(1) as isize;
        match action {
            Action::Down => view.scroll(article, w, h, 1),
            Action::Up => view.scroll(article, w, h, -1),
            Action::PageDown => view.scroll(article, w, h, page),
            Action::PageUp => view.scroll(article, w, h, -page),
            Action::Top => view.jump_to_end(article, w, h, false),
            Action::Bottom => view.jump_to_end(article, w, h, true),
            Action::NextParagraph => view.move_cursor(article, w, h, view.cursor + 1),
            Action::PrevParagraph => view.move_cursor(article, w, h, view.cursor.saturating_sub(1)),
            _ => {}
        }
    }

    fn open_selected(&mut self) {
        if self.focus == Pane::Library && self.selected < self.articles.len() {
            self.open = Some(self.selected);
            self.focus = Pane::Source;
            self.refit();
        }
    }

    fn wheel(&mut self, col: u16, row: u16, lines: i16) {
        let screen = self.screen();
        let action = if lines > 0 { Action::Down } else { Action::Up };
        let steps = usize::from(lines.unsigned_abs()) * usize::from(self.ui.scroll_lines.max(1));
        if screen.library.is_some_and(|a| a.contains(col, row)) {
            for _ in 0..steps {
                self.update_library(action);
            }
        } else if screen.source.is_some_and(|a| a.contains(col, row)) {
            if let Some(id) = self.open {
                let (w, h) = self.text_size();
                let delta = if lines > 0 {
                    steps as isize
                } else {
                    -(steps as isize)
                };
                self.views[id].scroll(&self.articles[id], w, h, delta);
            }
        }
    }

    fn click(&mut self, col: u16, row: u16) {
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
            let Some(id) = self.open else { return };
            let inner = src.inner();
            if inner.contains(col, row) {
                let (w, h) = self.text_size();
                let rows = self.views[id].screen(&self.articles[id], w, h);
                if let Some(r) = rows.get(usize::from(row - inner.y)) {
                    self.views[id].cursor = r.block;
                }
            }
        }
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
