//! Keys and the mouse in the panes, when no modal thing has them: moving
//! through the library and the text, following key points and
//! cross-references, and the jump history that takes the reader back.

use super::action::{Action, Effect, Moment};
use super::find::PromptKind;
use super::jumps::Place;
use super::lists::{first_entry, LibraryEntry};
use super::mode::Mode;
use super::reading::Pending;
use super::selection::{Selection, Step};
use super::{step_list, App, Pane, RefItem, PAGE};
use crate::text::Span;

impl App {
    /// An action in the panes.
    pub(super) fn update_panes(&mut self, action: Action, at: Moment) -> Vec<Effect> {
        let cursor_before = self.open_view().map(|v| v.cursor);
        let open_before = self.open;
        let mut effects = Vec::new();
        match action {
            Action::ToggleHelp => self.mode = Mode::Help { scroll: 0 },
            Action::ToggleMessages => self.mode = Mode::Messages { scroll: 0 },
            Action::ToggleTopics => {
                self.mode = Mode::Topics {
                    selected: 0,
                    topic: None,
                    hit: 0,
                }
            }
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(3),
            Action::NextMatch if self.finding() => self.step_match(true),
            Action::NextMatch if self.finding_notes() => self.step_note_match(true),
            Action::NextMatch | Action::ToggleNotes => self.toggle_notes(),
            Action::PrevMatch if self.focus == Pane::Notes => self.step_note_match(false),
            Action::PrevMatch => self.step_match(false),
            Action::NotesSearch if self.focus == Pane::Notes => self.open_prompt(PromptKind::Notes),
            Action::FindForward => self.open_prompt(PromptKind::Find { backward: false }),
            Action::FindBackward => self.open_prompt(PromptKind::Find { backward: true }),
            Action::LibrarySearch => self.open_prompt(PromptKind::Library),
            Action::Picker => self.open_prompt(PromptKind::Picker),
            Action::Compare => self.open_compare(),
            Action::SetMark => self.mode = Mode::Mark(Pending::SetMark),
            Action::JumpToMark => self.mode = Mode::Mark(Pending::JumpToMark),
            Action::Annotate if self.focus == Pane::Source => self.annotate(),
            Action::Highlight if self.focus == Pane::Source => effects = self.highlight_chosen(at),
            Action::Copy if self.focus == Pane::Source => effects = self.copy_chosen(),
            Action::Copy if self.focus == Pane::Notes => {
                if let Some(i) = self.selected_note() {
                    effects = self.copy_note(i);
                }
            }
            Action::Copy if matches!(self.focus, Pane::KeyPoints | Pane::Refs) => {
                effects = self.copy_pointed()
            }
            Action::CopyReference => effects = self.copy_reference(),
            Action::CopyLink if self.focus == Pane::Source => effects = self.copy_link(),
            Action::ToggleLinks if self.focus == Pane::Source => self.open_links(),
            Action::OpenExternal => effects = self.open_external(),
            Action::JumpBack => self.jump_back(),
            Action::JumpForward => self.jump_forward(),
            Action::Open if self.focus == Pane::Notes => {
                effects = self.update_notes_pane(action, at)
            }
            Action::Open => self.open_selected(),
            Action::Scroll { col, row, lines } => self.wheel(col, row, lines),
            Action::Click { col, row } => effects = self.click(col, row, at),
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
                Pane::Notes => effects = self.update_notes_pane(action, at),
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

    pub(super) fn update_library(&mut self, action: Action) {
        // A page is the entries on screen less one, as in a pager.
        let h = self.list_height();
        let mut used = 0;
        let shown = self
            .library_entries()
            .iter()
            .skip(self.list_offset)
            .take_while(|e| {
                used += e.height();
                used <= h
            })
            .count();
        let page = shown.saturating_sub(1).max(1);
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
    pub(super) fn open_selected(&mut self) {
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
    pub(super) fn jump_to(&mut self, article: usize, block: usize, highlight: Span) {
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
    pub(super) fn visit(&mut self, to: Place, highlight: Option<Span>) {
        if let Some(here) = self.place() {
            self.jumps.push(here);
        }
        self.show(to, highlight);
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
        let hit = |a: Option<super::layout::Area>| a.is_some_and(|a| a.contains(col, row));
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

    fn click(&mut self, col: u16, row: u16, at: Moment) -> Vec<Effect> {
        let screen = self.screen();
        let entry = self.entry_at(col, row);
        if let Some(lib) = screen.library.filter(|a| a.contains(col, row)) {
            self.focus = Pane::Library;
            let inner = lib.inner();
            if inner.contains(col, row) {
                if let Some(i) = self.library_entry_at(usize::from(row - inner.y)) {
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
                    return self.update_notes_pane(Action::Open, at);
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
    pub(super) fn refit(&mut self) {
        if let Some(id) = self.open {
            let (w, h) = self.text_size();
            self.views[id].clamp(&self.articles[id], w, h);
        }
        self.keep_selection_visible();
    }

    /// Scrolls the library so that the selected entry is shown and, when
    /// the last entry is on screen, no blank rows are left below it.
    fn keep_selection_visible(&mut self) {
        let h = self.list_height();
        let heights: Vec<usize> = self
            .library_entries()
            .iter()
            .map(LibraryEntry::height)
            .collect();
        let Some(last) = heights.len().checked_sub(1) else {
            self.list_offset = 0;
            return;
        };
        let selected = self.selected.min(last);
        let mut first = self.list_offset.min(selected);
        first = first.max(first_entry(&heights, Some(selected), h));
        // The first entry from which every entry to the end fits.
        let mut fill = heights.len();
        let mut used = 0;
        while fill > 0 && used + heights[fill - 1] <= h {
            fill -= 1;
            used += heights[fill];
        }
        self.list_offset = first.min(fill);
    }
}
