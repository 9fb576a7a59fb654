//! Where things are on the screen, worked out from the state alone: the
//! panes, the text area of the source pane, the overlays. Drawing and
//! mouse clicks both use these, so what is drawn is what is clicked.

use super::layout::{self, Area, Focus, Screen, GUTTER};
use super::mode::Mode;
use super::{App, Pane};
use crate::strings;
use crate::text::sanitize::one_line;
use crate::text::wrap::wrap;

impl App {
    /// The panes as laid out with the focus where it is.
    pub fn screen(&self) -> Screen {
        self.screen_for(self.focus)
    }

    /// The panes as laid out once `pane` has the focus.
    fn screen_for(&self, pane: Pane) -> Screen {
        let focus = match pane {
            Pane::Library => Focus::Library,
            Pane::Source => Focus::Source,
            Pane::KeyPoints | Pane::Refs | Pane::Notes => Focus::Side,
        };
        layout::screen(self.width, self.height, self.ui.library_width, focus)
    }

    /// The text area of the source pane: right of the gutter, at most
    /// `ui.text_width` wide. Empty when the pane is hidden.
    pub fn text_area(&self) -> Area {
        self.text_area_for(self.focus)
    }

    fn text_area_for(&self, pane: Pane) -> Area {
        let Some(src) = self.screen_for(pane).source else {
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
        self.text_size_for(self.focus)
    }

    /// The text size the source pane will have once `pane` has the focus.
    pub(super) fn text_size_for(&self, pane: Pane) -> (usize, usize) {
        let a = self.text_area_for(pane);
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

    /// The inside of the library pane as laid out when it has the focus
    /// (on a medium or narrow screen it shows only then).
    pub(super) fn library_inner(&self) -> Area {
        self.screen_for(Pane::Library)
            .library
            .map_or(Area::default(), |a| a.inner())
    }

    /// Rows of the library list on screen.
    pub(super) fn list_height(&self) -> usize {
        usize::from(self.library_inner().height.max(1))
    }

    /// Where the current mode's window is drawn, if it has one: the
    /// overlays, the picker and the note editor.
    pub fn overlay_area(&self) -> Option<Area> {
        let (w, h) = (self.width, self.height);
        let wide = || {
            layout::overlay(
                w,
                h,
                w.saturating_sub(6).max(20),
                h.saturating_sub(2).max(3),
            )
        };
        Some(match &self.mode {
            Mode::Help { .. } => {
                let lines = u16::try_from(self.keymap.help().len() + 2).unwrap_or(u16::MAX);
                layout::overlay(w, h, 64, lines)
            }
            Mode::Messages { .. } => layout::overlay(
                w,
                h,
                w.saturating_sub(8).max(20),
                h.saturating_sub(4).max(3),
            ),
            Mode::Topics { .. } | Mode::Results { .. } | Mode::Compare(_) => wide(),
            Mode::Prompt(p) if p.kind == super::find::PromptKind::Picker => wide(),
            Mode::Editor(_) => layout::overlay(w, h, 72.min(w), 16.min(h)),
            _ => return None,
        })
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

    /// How far the open scrolling overlay can scroll: its lines less those
    /// shown.
    pub(super) fn max_scroll(&self) -> usize {
        let Some(inner) = self.overlay_area().map(|a| a.inner()) else {
            return 0;
        };
        let lines = match self.mode {
            Mode::Help { .. } => self.keymap.help().len(),
            Mode::Messages { .. } => self.message_lines(usize::from(inner.width.max(1))).len(),
            // The others scroll by their selection.
            _ => 0,
        };
        lines.saturating_sub(usize::from(inner.height))
    }
}
