//! The reader's mode: at most one modal thing is open at a time (a prompt,
//! the note editor, an overlay, a question), and it owns its state. Input,
//! drawing and the status line all read the mode, so which of them takes a
//! key is decided here and nowhere else.

use super::action::Action;
use super::compare::Compare;
use super::editor::Edit;
use super::find::{LibraryResults, Prompt};
use super::keymap::{Context, Key, KeyCode, Keymap};
use super::notes::Editing;
use super::reading::Pending;
use super::Pane;

/// What has the keys besides the panes.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Mode {
    /// The panes have the keys.
    #[default]
    Normal,
    /// `m` or `'` waiting for its letter.
    Mark(Pending),
    /// The search or picker prompt.
    Prompt(Prompt),
    /// The note editor.
    Editor(Editing),
    /// Waiting for `y` to delete the note with this id.
    ConfirmDelete(String),
    /// The key help, scrolled by `scroll` lines.
    Help { scroll: usize },
    /// The loading messages, scrolled by `scroll` lines.
    Messages { scroll: usize },
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
        results: LibraryResults,
    },
    /// Two linked passages side by side.
    Compare(Compare),
    /// The open article's links, numbered, with the selected one.
    Links { selected: usize },
}

impl Mode {
    /// Whether the mode draws a window over the panes that takes the
    /// overlay key bindings.
    pub fn is_overlay(&self) -> bool {
        matches!(
            self,
            Mode::Help { .. }
                | Mode::Messages { .. }
                | Mode::Topics { .. }
                | Mode::Results { .. }
                | Mode::Compare(_)
                | Mode::Links { .. }
        )
    }

    /// The action `key` asks for in this mode, with `focus` the focused
    /// pane and `keymap` the bindings in force.
    pub fn action_for(&self, key: Key, focus: Pane, keymap: &Keymap) -> Option<Action> {
        let context = match self {
            Mode::Editor(_) => {
                return keymap.lookup(Context::Editor, key).or_else(|| typed(key));
            }
            Mode::Prompt(_) => {
                return keymap.lookup(Context::Prompt, key).or_else(|| typed(key));
            }
            Mode::Mark(_) => {
                return Some(match key.code {
                    KeyCode::Char(c) if !key.ctrl && !key.alt => Action::MarkKey(c),
                    _ => Action::Cancel,
                });
            }
            Mode::ConfirmDelete(_) => {
                return Some(Action::Confirm(key == Key::plain(KeyCode::Char('y'))));
            }
            Mode::Links { .. } => match key.code {
                // A link's number chooses it, as in newsboat.
                KeyCode::Char(c @ '1'..='9') if !key.ctrl && !key.alt => {
                    return Some(Action::Choose(c as usize - '0' as usize));
                }
                _ => Context::Overlay,
            },
            m if m.is_overlay() => Context::Overlay,
            _ => match focus {
                Pane::Library => Context::Library,
                Pane::Source => Context::Source,
                Pane::KeyPoints => Context::KeyPoints,
                Pane::Refs => Context::Refs,
                Pane::Notes => Context::Notes,
            },
        };
        keymap.lookup(context, key)
    }

    /// Whether pasted text is typed in: the editor and the prompt take it.
    pub fn takes_text(&self) -> bool {
        matches!(self, Mode::Editor(_) | Mode::Prompt(_))
    }
}

/// What a key does in the note editor or the prompt when no binding
/// claims it.
fn typed(key: Key) -> Option<Action> {
    if key.ctrl || key.alt {
        return None;
    }
    let edit = match key.code {
        KeyCode::Char(c) => Edit::Insert(c),
        KeyCode::Enter => Edit::Newline,
        KeyCode::Backspace => Edit::Backspace,
        KeyCode::Delete => Edit::Delete,
        KeyCode::Left => Edit::Left,
        KeyCode::Right => Edit::Right,
        KeyCode::Up => Edit::Up,
        KeyCode::Down => Edit::Down,
        KeyCode::Home => Edit::Home,
        KeyCode::End => Edit::End,
        _ => return None,
    };
    Some(Action::Edit(edit))
}
