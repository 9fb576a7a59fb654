//! Key bindings as data: one table drives both input and the help overlay.

use std::fmt;

use crate::app::action::Action;

/// A key as the reader sees it, independent of the terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Delete,
    Insert,
    F(u8),
}

/// A key with its modifiers. Shift is folded into the character (`G`) or
/// the code (`BackTab`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// Parses a key name: `j`, `G`, `?`, `space`, `enter`, `ctrl-o`,
    /// `alt-x`, `shift-tab`, `pgdn`, `f1`.
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut ctrl = false;
        let mut alt = false;
        let mut shift = false;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("ctrl-") && rest.len() > 5 {
                ctrl = true;
                rest = &rest[5..];
            } else if lower.starts_with("alt-") && rest.len() > 4 {
                alt = true;
                rest = &rest[4..];
            } else if lower.starts_with("shift-") && rest.len() > 6 {
                shift = true;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if shift { c.to_ascii_uppercase() } else { c }),
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if shift => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n) if (1..=24).contains(&n) => KeyCode::F(n),
                    _ => return Err(format!("unknown key name `{s}`")),
                },
                _ => return Err(format!("unknown key name `{s}`")),
            },
        };
        Ok(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            write!(f, "Ctrl-")?;
        }
        if self.alt {
            write!(f, "Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => write!(f, "Space"),
            KeyCode::Char(c) if self.ctrl => write!(f, "{}", c.to_ascii_uppercase()),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => write!(f, "Enter"),
            KeyCode::Esc => write!(f, "Esc"),
            KeyCode::Tab => write!(f, "Tab"),
            KeyCode::BackTab => write!(f, "Shift-Tab"),
            KeyCode::Backspace => write!(f, "Backspace"),
            KeyCode::Up => write!(f, "↑"),
            KeyCode::Down => write!(f, "↓"),
            KeyCode::Left => write!(f, "←"),
            KeyCode::Right => write!(f, "→"),
            KeyCode::PageUp => write!(f, "PgUp"),
            KeyCode::PageDown => write!(f, "PgDn"),
            KeyCode::Home => write!(f, "Home"),
            KeyCode::End => write!(f, "End"),
            KeyCode::Delete => write!(f, "Del"),
            KeyCode::Insert => write!(f, "Ins"),
            KeyCode::F(n) => write!(f, "F{n}"),
        }
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Everywhere unless an overlay or pane binds the key itself.
    Global,
    Library,
    Source,
    KeyPoints,
    Refs,
    Notes,
    /// While the help, messages, topics or search results are open.
    Overlay,
    /// While the search or picker prompt is open; other keys type.
    Prompt,
    /// While the note editor is open; other keys type.
    Editor,
}

impl Context {
    /// Every context, in the order the help lists them.
    pub const ALL: [Context; 9] = [
        Context::Global,
        Context::Library,
        Context::Source,
        Context::KeyPoints,
        Context::Refs,
        Context::Notes,
        Context::Overlay,
        Context::Prompt,
        Context::Editor,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Library => "Library pane",
            Context::Source => "Source pane",
            Context::KeyPoints => "Key points pane",
            Context::Refs => "Cross-references pane",
            Context::Notes => "Notes pane",
            Context::Editor => "Note editor",
            Context::Prompt => "Search and picker prompt",
            Context::Overlay => "Help, messages and topics",
        }
    }
}

/// One line of the key table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    pub desc: &'static str,
}

/// One line of the key help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpLine<'a> {
    Blank,
    Header(&'static str),
    Binding(&'a Binding),
}

/// The default bindings: context, keys, action, description.
#[rustfmt::skip]
const DEFAULTS: &[(Context, &[&str], Action, &str)] = &[
    (Context::Global, &["q", "ctrl-c"], Action::Quit, "quit"),
    (Context::Global, &["f1", "?"], Action::ToggleHelp, "show or hide this help (F1 in the text, where ? searches back)"),
    (Context::Global, &["ctrl-p"], Action::Picker, "open an article by name"),
    (Context::Global, &["m"], Action::SetMark, "set a bookmark: m then a letter"),
    (Context::Global, &["'"], Action::JumpToMark, "go to a bookmark: ' then its letter"),
    (Context::Global, &["F"], Action::LibrarySearch, "search every article"),
    (Context::Global, &["tab"], Action::FocusNext, "focus the next pane"),
    (Context::Global, &["shift-tab"], Action::FocusPrev, "focus the previous pane"),
    (Context::Global, &["t"], Action::ToggleTopics, "topics shared between articles"),
    (Context::Global, &["ctrl-o", "backspace", "alt-left"], Action::JumpBack, "jump back"),
    (Context::Global, &["ctrl-i", "alt-right"], Action::JumpForward, "jump forward again"),
    (Context::Global, &["n"], Action::ToggleNotes, "show or hide the notes pane"),
    (Context::Global, &["M"], Action::ToggleMessages, "show loading messages"),
    (Context::Global, &["ctrl-z"], Action::Suspend, "suspend to the shell (fg resumes)"),
    (Context::Global, &["j", "down"], Action::Down, "down one line / entry"),
    (Context::Global, &["k", "up"], Action::Up, "up one line / entry"),
    (Context::Global, &["pgdn", "space", "ctrl-f"], Action::PageDown, "page down"),
    (Context::Global, &["pgup", "ctrl-b"], Action::PageUp, "page up"),
    (Context::Global, &["g", "home"], Action::Top, "go to the top"),
    (Context::Global, &["G", "end"], Action::Bottom, "go to the bottom"),
    (Context::Library, &["enter", "l", "right"], Action::Open, "open the selected article"),
    (Context::Library, &["/"], Action::LibrarySearch, "search every article"),
    (Context::Source, &["/"], Action::FindForward, "search this article"),
    (Context::Source, &["?"], Action::FindBackward, "search this article backwards"),
    (Context::Source, &["n"], Action::NextMatch, "next match (with no search: the notes pane)"),
    (Context::Source, &["N"], Action::PrevMatch, "previous match"),
    (Context::Source, &["}"], Action::NextParagraph, "next paragraph"),
    (Context::Source, &["{"], Action::PrevParagraph, "previous paragraph"),
    (Context::Source, &["a"], Action::Annotate, "annotate the passage, sentence or visual range"),
    (Context::Source, &[")"], Action::NextSentence, "next sentence"),
    (Context::Source, &["("], Action::PrevSentence, "previous sentence"),
    (Context::Source, &["v"], Action::ToggleVisual, "visual mode: choose sentences with j/k, ( ), { }"),
    (Context::Source, &["esc"], Action::Cancel, "leave visual mode / drop the sentence cursor"),
    (Context::Source, &["h", "left"], Action::FocusPrev, "back to the library"),
    (Context::KeyPoints, &["enter"], Action::Open, "show the key point in the text"),
    (Context::Refs, &["enter"], Action::Open, "jump to the linked passage or article"),
    (Context::Refs, &["c"], Action::Compare, "compare the two passages side by side"),
    (Context::Notes, &["enter"], Action::Open, "show the note's text in the article"),
    (Context::Notes, &["e"], Action::EditNote, "edit the note"),
    (Context::Notes, &["d"], Action::DeleteNote, "delete the note (asks first)"),
    (Context::Notes, &["u"], Action::UndoDelete, "restore the last deleted note"),
    (Context::Notes, &["A"], Action::NotesScope, "this article's notes / all notes"),
    (Context::Notes, &["#"], Action::CycleTag, "filter by the next tag (then none)"),
    (Context::Notes, &["r"], Action::Reattach, "attach the note to the text chosen in the source"),
    (Context::Notes, &["E"], Action::ExportNotes, "export all notes as Markdown"),
    (Context::Prompt, &["enter"], Action::PromptSubmit, "search / open"),
    (Context::Prompt, &["esc"], Action::PromptCancel, "cancel and go back to where you were"),
    (Context::Prompt, &["ctrl-c"], Action::Quit, "quit"),
    (Context::Prompt, &["down", "ctrl-n"], Action::Down, "next article (picker)"),
    (Context::Prompt, &["up", "ctrl-p"], Action::Up, "previous article (picker)"),
    (Context::Editor, &["ctrl-s"], Action::SaveEdit, "save the note"),
    (Context::Editor, &["esc"], Action::CancelEdit, "cancel (twice if you changed the text)"),
    (Context::Overlay, &["esc", "q"], Action::Close, "close (in topics: back to the list)"),
    (Context::Overlay, &["?"], Action::ToggleHelp, "close the help"),
    (Context::Overlay, &["t"], Action::ToggleTopics, "close the topics"),
    (Context::Overlay, &["enter"], Action::Open, "open the topic / jump to the passage"),
    (Context::Overlay, &["j", "down"], Action::Down, "down"),
    (Context::Overlay, &["k", "up"], Action::Up, "up"),
    (Context::Overlay, &["pgdn", "space"], Action::PageDown, "page down"),
    (Context::Overlay, &["pgup"], Action::PageUp, "page up"),
    (Context::Overlay, &["g", "home"], Action::Top, "top"),
    (Context::Overlay, &["tab", "shift-tab"], Action::FocusNext, "the other side (compare view)"),
    (Context::Overlay, &["G", "end"], Action::Bottom, "bottom"),
];

/// The bindings in force.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = DEFAULTS
            .iter()
            .map(|(context, keys, action, desc)| Binding {
                context: *context,
                keys: keys.iter().filter_map(|k| Key::parse(k).ok()).collect(),
                action: *action,
                desc,
            })
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    /// The action bound to `key` in `context`. Pane bindings win over
    /// global ones; in an overlay only overlay bindings and Ctrl-C apply,
    /// and in the note editor only its own bindings.
    pub fn lookup(&self, context: Context, key: Key) -> Option<Action> {
        let find = |ctx: Context| {
            self.bindings
                .iter()
                .find(|b| b.context == ctx && b.keys.contains(&key))
                .map(|b| b.action)
        };
        match context {
            Context::Overlay => {
                find(Context::Overlay).or_else(|| (key == Key::ctrl('c')).then_some(Action::Quit))
            }
            // Everything else types into the note.
            Context::Editor | Context::Prompt => find(context),
            ctx => find(ctx).or_else(|| find(Context::Global)),
        }
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The key help: a header per context, then its bindings.
    pub fn help(&self) -> Vec<HelpLine<'_>> {
        let mut lines = Vec::new();
        for ctx in Context::ALL {
            let mut bindings = self.bindings.iter().filter(|b| b.context == ctx).peekable();
            if bindings.peek().is_none() {
                continue;
            }
            if !lines.is_empty() {
                lines.push(HelpLine::Blank);
            }
            lines.push(HelpLine::Header(ctx.title()));
            lines.extend(bindings.map(HelpLine::Binding));
        }
        lines
    }

    /// The first key bound to `action` in `context` or globally, for hints.
    pub fn key_for(&self, action: Action) -> Option<Key> {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .and_then(|b| b.keys.first().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_key_names() {
        assert_eq!(Key::parse("ctrl-o"), Ok(Key::ctrl('o')));
        assert_eq!(Key::parse("G"), Ok(Key::plain(KeyCode::Char('G'))));
        assert_eq!(Key::parse("shift-tab"), Ok(Key::plain(KeyCode::BackTab)));
        assert_eq!(Key::parse("space"), Ok(Key::plain(KeyCode::Char(' '))));
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("f99").is_err());
    }

    #[test]
    fn every_default_key_parses() {
        for (_, keys, _, _) in DEFAULTS {
            for k in *keys {
                assert!(Key::parse(k).is_ok(), "{k}");
            }
        }
    }

    #[test]
    fn pane_bindings_win_and_overlays_capture_keys() {
        let km = Keymap::default();
        let l = Key::plain(KeyCode::Char('l'));
        assert_eq!(km.lookup(Context::Library, l), Some(Action::Open));
        assert_eq!(
            km.lookup(Context::Source, Key::plain(KeyCode::Char('}'))),
            Some(Action::NextParagraph)
        );
        assert_eq!(
            km.lookup(Context::Library, Key::plain(KeyCode::Char('}'))),
            None
        );
        assert_eq!(
            km.lookup(Context::Overlay, Key::plain(KeyCode::Char('q'))),
            Some(Action::Close)
        );
        assert_eq!(
            km.lookup(Context::Overlay, Key::plain(KeyCode::Char('n'))),
            None
        );
        // The editor and the prompt take every key that is not theirs.
        assert_eq!(
            km.lookup(Context::Editor, Key::plain(KeyCode::Char('q'))),
            None
        );
        assert_eq!(
            km.lookup(Context::Prompt, Key::plain(KeyCode::Char('j'))),
            None
        );
        assert_eq!(
            km.lookup(Context::Overlay, Key::ctrl('c')),
            Some(Action::Quit)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        let km = Keymap::default();
        let mut seen = std::collections::HashSet::new();
        for b in km.bindings() {
            for k in &b.keys {
                assert!(
                    seen.insert((b.context, *k)),
                    "{k} bound twice in {:?}",
                    b.context
                );
            }
        }
    }
}
