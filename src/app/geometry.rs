//! Where things are on the screen, worked out from the state alone: the
//! panes, the text area of the source pane, the overlays. Drawing and
//! mouse clicks both use these, so what is drawn is what is clicked.

use super::keymap::{Binding, HelpLine};
use super::layout::{self, Area, Focus, Screen, GUTTER};
use super::mode::Mode;
use super::{App, Pane};
use crate::strings;
use crate::text::sanitize::one_line;
use crate::text::wrap::{str_width, wrap};

/// Columns before a binding's keys in the key help.
const HELP_INDENT: usize = 2;
/// The narrowest a description column is beside the keys.
const HELP_MIN_DESC: usize = 20;

/// A row of the key help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpRow {
    Blank,
    Header(&'static str),
    /// A binding's keys (blank on the rows a description runs on to),
    /// padded to the column the descriptions start at, and a row of its
    /// description.
    Binding {
        keys: String,
        desc: String,
    },
}

/// A binding's keys as the help lists them.
fn help_keys(b: &Binding) -> String {
    b.keys
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

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
                let want = u16::try_from(self.help_width() + 2).unwrap_or(u16::MAX);
                let inner = usize::from(want.min(w).saturating_sub(2));
                let lines = u16::try_from(self.help_rows(inner).len() + 2).unwrap_or(u16::MAX);
                layout::overlay(w, h, want, lines)
            }
            Mode::Messages { .. } => layout::overlay(
                w,
                h,
                w.saturating_sub(8).max(20),
                h.saturating_sub(4).max(3),
            ),
            Mode::Topics { .. } | Mode::Results { .. } | Mode::Compare(_) | Mode::Links { .. } => {
                wide()
            }
            Mode::Prompt(p) if p.kind == super::find::PromptKind::Picker => wide(),
            Mode::Editor(_) => layout::overlay(w, h, 72.min(w), 16.min(h)),
            _ => return None,
        })
    }

    /// The columns the key help takes when nothing in it is wrapped.
    fn help_width(&self) -> usize {
        let (column, desc) = self.help_columns();
        HELP_INDENT + column + desc
    }

    /// The widest keys of a binding plus the gap after them, and the
    /// widest description.
    fn help_columns(&self) -> (usize, usize) {
        let mut keys = 0;
        let mut desc = 0;
        for line in self.keymap.help() {
            if let HelpLine::Binding(b) = line {
                keys = keys.max(str_width(&help_keys(b)));
                desc = desc.max(str_width(b.desc));
            }
        }
        (keys + 2, desc)
    }

    /// The key help as rows of a window inside `width` wide: each
    /// binding's keys in a column and its description beside them, wrapped
    /// at words; on a screen too narrow for that, the description goes on
    /// the rows below its keys.
    pub fn help_rows(&self, width: usize) -> Vec<HelpRow> {
        let (column, _) = self.help_columns();
        let beside = width >= HELP_INDENT + column + HELP_MIN_DESC;
        let rest = if beside {
            HELP_INDENT + column
        } else {
            2 * HELP_INDENT
        };
        let mut rows = Vec::new();
        for line in self.keymap.help() {
            match line {
                HelpLine::Blank => rows.push(HelpRow::Blank),
                HelpLine::Header(title) => rows.push(HelpRow::Header(title)),
                HelpLine::Text(text) => {
                    let room = width.saturating_sub(HELP_INDENT).max(1);
                    for r in wrap(text, room) {
                        rows.push(HelpRow::Binding {
                            keys: " ".repeat(HELP_INDENT),
                            desc: text[r].to_string(),
                        });
                    }
                }
                HelpLine::Binding(b) => {
                    let keys = format!("{}{}", " ".repeat(HELP_INDENT), help_keys(b));
                    let room = width.saturating_sub(rest).max(1);
                    let desc: Vec<String> = wrap(b.desc, room)
                        .into_iter()
                        .map(|r| b.desc[r].to_string())
                        .collect();
                    if beside {
                        for (i, d) in desc.into_iter().enumerate() {
                            let lead = if i == 0 { keys.as_str() } else { "" };
                            rows.push(HelpRow::Binding {
                                keys: format!("{lead:rest$}"),
                                desc: d,
                            });
                        }
                    } else {
                        rows.push(HelpRow::Binding {
                            keys,
                            desc: String::new(),
                        });
                        for d in desc {
                            rows.push(HelpRow::Binding {
                                keys: " ".repeat(rest),
                                desc: d,
                            });
                        }
                    }
                }
            }
        }
        rows
    }

    /// The messages window, wrapped to `width` columns: the notes file's
    /// state, the problems met loading the library, then every message the
    /// status bar showed, oldest first.
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
            .chain(self.said.iter().cloned())
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
            Mode::Help { .. } => self.help_rows(usize::from(inner.width)).len(),
            Mode::Messages { .. } => self.message_lines(usize::from(inner.width.max(1))).len(),
            // The others scroll by their selection.
            _ => 0,
        };
        lines.saturating_sub(usize::from(inner.height))
    }
}
