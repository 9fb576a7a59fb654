//! Key bindings as data: one table drives both input and the help overlay.

use std::collections::BTreeMap;
use std::fmt;

use super::action::Action;
use super::editor::Edit;

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
    /// The name `[keys]` in the config uses for this binding.
    pub name: &'static str,
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
    /// A line of explanation under a header.
    Text(&'static str),
}

/// The default bindings: the name a config uses for the binding, its
/// context, keys, action and description.
#[rustfmt::skip]
const DEFAULTS: &[(&str, Context, &[&str], Action, &str)] = &[
    ("quit", Context::Global, &["q", "ctrl-c"], Action::Quit, "quit"),
    ("help", Context::Global, &["f1", "?"], Action::ToggleHelp, "show or hide this help (F1 in the text, where ? searches back)"),
    ("pick_article", Context::Global, &["ctrl-p"], Action::Picker, "open an article by name"),
    ("set_mark", Context::Global, &["m"], Action::SetMark, "set a bookmark: m then a letter"),
    ("go_to_mark", Context::Global, &["'"], Action::JumpToMark, "go to a bookmark: ' then its letter"),
    ("search_library", Context::Global, &["F"], Action::LibrarySearch, "search every article"),
    ("focus_next", Context::Global, &["tab"], Action::FocusNext, "focus the next pane"),
    ("focus_previous", Context::Global, &["shift-tab"], Action::FocusPrev, "focus the previous pane"),
    ("topics", Context::Global, &["t"], Action::ToggleTopics, "topics shared between articles"),
    ("jump_back", Context::Global, &["ctrl-o", "backspace", "alt-left"], Action::JumpBack, "jump back"),
    ("jump_forward", Context::Global, &["ctrl-i", "alt-right"], Action::JumpForward, "jump forward again"),
    ("notes", Context::Global, &["n"], Action::ToggleNotes, "show or hide the notes pane"),
    ("messages", Context::Global, &["M"], Action::ToggleMessages, "show all messages"),
    ("suspend", Context::Global, &["ctrl-z"], Action::Suspend, "suspend to the shell (fg resumes)"),
    ("down", Context::Global, &["j", "down"], Action::Down, "down one line / entry"),
    ("up", Context::Global, &["k", "up"], Action::Up, "up one line / entry"),
    ("page_down", Context::Global, &["pgdn", "space", "ctrl-f"], Action::PageDown, "page down"),
    ("page_up", Context::Global, &["pgup", "ctrl-b"], Action::PageUp, "page up"),
    ("top", Context::Global, &["g", "home"], Action::Top, "go to the top"),
    ("bottom", Context::Global, &["G", "end"], Action::Bottom, "go to the bottom"),
    ("open_article", Context::Library, &["enter", "l", "right"], Action::Open, "open the selected article"),
    ("library_pane_search", Context::Library, &["/"], Action::LibrarySearch, "search every article"),
    ("find", Context::Source, &["/"], Action::FindForward, "search this article"),
    ("find_backward", Context::Source, &["?"], Action::FindBackward, "search this article backwards"),
    ("next_match", Context::Source, &["n"], Action::NextMatch, "next match (with no search: the notes pane)"),
    ("previous_match", Context::Source, &["N"], Action::PrevMatch, "previous match"),
    ("next_paragraph", Context::Source, &["}"], Action::NextParagraph, "next paragraph"),
    ("previous_paragraph", Context::Source, &["{"], Action::PrevParagraph, "previous paragraph"),
    ("annotate", Context::Source, &["a"], Action::Annotate, "annotate the passage, sentence or visual range"),
    ("highlight", Context::Source, &["H"], Action::Highlight, "highlight the passage, sentence or visual range (again: remove)"),
    ("copy", Context::Source, &["y"], Action::Copy, "copy the passage, sentence or visual range to the clipboard"),
    ("copy_reference", Context::Global, &["Y"], Action::CopyReference, "copy a reference to what is selected: title, ¶, path:line"),
    ("open_in_editor", Context::Global, &["o"], Action::OpenExternal, "open the selected passage's article in $VISUAL / $EDITOR at its line"),
    ("copy_link_address", Context::Source, &["u"], Action::CopyLink, "copy the passage's first link address (the status bar shows it)"),
    ("links", Context::Source, &["L"], Action::ToggleLinks, "list the article's links, numbered"),
    ("next_sentence", Context::Source, &[")"], Action::NextSentence, "next sentence"),
    ("previous_sentence", Context::Source, &["("], Action::PrevSentence, "previous sentence"),
    ("visual", Context::Source, &["v"], Action::ToggleVisual, "visual mode: choose sentences with j/k, ( ), { }"),
    ("cancel", Context::Source, &["esc"], Action::Cancel, "leave visual mode / drop the sentence cursor"),
    ("back_to_library", Context::Source, &["h", "left"], Action::FocusPrev, "back to the library"),
    ("open_key_point", Context::KeyPoints, &["enter"], Action::Open, "show the key point in the text"),
    ("follow_reference", Context::Refs, &["enter"], Action::Open, "jump to the linked passage or article"),
    ("compare", Context::Refs, &["c"], Action::Compare, "compare the two passages side by side"),
    ("open_note", Context::Notes, &["enter"], Action::Open, "show the note's text in the article"),
    ("edit_note", Context::Notes, &["e"], Action::EditNote, "edit the note"),
    ("delete_note", Context::Notes, &["d"], Action::DeleteNote, "delete the note (asks first)"),
    ("undo_delete", Context::Notes, &["u"], Action::UndoDelete, "restore the last deleted note"),
    ("copy_note", Context::Notes, &["y"], Action::Copy, "copy the note's text to the clipboard"),
    ("copy_key_point", Context::KeyPoints, &["y"], Action::Copy, "copy the key point to the clipboard"),
    ("copy_link", Context::Refs, &["y"], Action::Copy, "copy the linked passage to the clipboard"),
    ("notes_search", Context::Notes, &["/"], Action::NotesSearch, "search the text of the notes listed"),
    ("notes_next_match", Context::Notes, &["n"], Action::NextMatch, "next matching note (with no search: hide the pane)"),
    ("notes_previous_match", Context::Notes, &["N"], Action::PrevMatch, "previous matching note"),
    ("clear_note_search", Context::Notes, &["esc"], Action::Cancel, "clear the note search"),
    ("notes_scope", Context::Notes, &["A"], Action::NotesScope, "this article's notes / all notes"),
    ("tag_filter", Context::Notes, &["#"], Action::CycleTag, "filter by the next tag (then none)"),
    ("reattach_note", Context::Notes, &["r"], Action::Reattach, "attach the note to the text chosen in the source"),
    ("export_notes", Context::Notes, &["E"], Action::ExportNotes, "export all notes as Markdown"),
    ("reload_notes", Context::Notes, &["R"], Action::ReloadNotes, "read the notes file again and merge it with these notes"),
    ("prompt_submit", Context::Prompt, &["enter"], Action::PromptSubmit, "search / open"),
    ("prompt_cancel", Context::Prompt, &["esc"], Action::PromptCancel, "cancel and go back to where you were"),
    ("prompt_quit", Context::Prompt, &["ctrl-c"], Action::Quit, "quit"),
    ("prompt_down", Context::Prompt, &["down", "ctrl-n"], Action::Down, "next article (picker)"),
    ("prompt_up", Context::Prompt, &["up", "ctrl-p"], Action::Up, "previous article (picker)"),
    ("save_note", Context::Editor, &["ctrl-s"], Action::SaveEdit, "save the note"),
    ("cancel_note", Context::Editor, &["esc"], Action::CancelEdit, "cancel (twice if you changed the text)"),
    ("undo_edit", Context::Editor, &["ctrl-z"], Action::Edit(Edit::Undo), "undo"),
    ("redo_edit", Context::Editor, &["ctrl-y"], Action::Edit(Edit::Redo), "redo"),
    ("word_left", Context::Editor, &["ctrl-left", "alt-b"], Action::Edit(Edit::WordLeft), "back one word"),
    ("word_right", Context::Editor, &["ctrl-right", "alt-f"], Action::Edit(Edit::WordRight), "forward one word"),
    ("delete_word_back", Context::Editor, &["ctrl-w", "alt-backspace"], Action::Edit(Edit::DeleteWordBack), "delete the word before the cursor"),
    ("delete_word_forward", Context::Editor, &["alt-d", "ctrl-delete"], Action::Edit(Edit::DeleteWordForward), "delete the word after the cursor"),
    ("close", Context::Overlay, &["esc", "q"], Action::Close, "close (in topics: back to the list)"),
    ("close_help", Context::Overlay, &["?", "f1"], Action::ToggleHelp, "close the help"),
    ("close_topics", Context::Overlay, &["t"], Action::ToggleTopics, "close the topics"),
    ("close_links", Context::Overlay, &["L"], Action::ToggleLinks, "close the link list"),
    ("copy_listed_link", Context::Overlay, &["y", "u"], Action::CopyLink, "copy the selected link's address (link list; 1-9 choose a link)"),
    ("overlay_open", Context::Overlay, &["enter"], Action::Open, "open the topic / jump to the passage or link"),
    ("overlay_down", Context::Overlay, &["j", "down"], Action::Down, "down"),
    ("overlay_up", Context::Overlay, &["k", "up"], Action::Up, "up"),
    ("overlay_page_down", Context::Overlay, &["pgdn", "space"], Action::PageDown, "page down"),
    ("overlay_page_up", Context::Overlay, &["pgup"], Action::PageUp, "page up"),
    ("overlay_top", Context::Overlay, &["g", "home"], Action::Top, "top"),
    ("compare_other_side", Context::Overlay, &["tab", "shift-tab"], Action::FocusNext, "the other side (compare view)"),
    ("overlay_bottom", Context::Overlay, &["G", "end"], Action::Bottom, "bottom"),
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
            .map(|(name, context, keys, action, desc)| Binding {
                name,
                context: *context,
                keys: keys.iter().filter_map(|k| Key::parse(k).ok()).collect(),
                action: *action,
                desc,
            })
            .collect();
        Keymap { bindings }
    }
}

/// A `[keys]` entry that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError {
    /// The binding name, as written in the config.
    pub name: String,
    pub message: String,
}

impl Keymap {
    /// The default bindings with the keys of the named bindings replaced by
    /// `overrides` (binding name → key names). Fails on an unknown binding
    /// name, an unknown key name, or one key given to two bindings of the
    /// same context.
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>) -> Result<Keymap, KeyError> {
        let mut map = Keymap::default();
        for (name, keys) in overrides {
            let err = |message: String| KeyError {
                name: name.clone(),
                message,
            };
            let Some(b) = map.bindings.iter_mut().find(|b| b.name == name) else {
                return Err(err(format!("unknown action `{name}`; the actions are listed in the README and in config.toml")));
            };
            b.keys = keys
                .iter()
                .map(|k| Key::parse(k))
                .collect::<Result<_, _>>()
                .map_err(err)?;
        }
        for (i, a) in map.bindings.iter().enumerate() {
            for b in &map.bindings[i + 1..] {
                if let Some(k) = a
                    .keys
                    .iter()
                    .find(|k| a.context == b.context && b.keys.contains(k))
                {
                    let (name, other) = if overrides.contains_key(b.name) {
                        (b.name, a.name)
                    } else {
                        (a.name, b.name)
                    };
                    return Err(KeyError {
                        name: name.to_string(),
                        message: format!("{k} is bound to both `{name}` and `{other}`"),
                    });
                }
            }
        }
        map.check_ways_out()?;
        Ok(map)
    }

    /// Every pane, overlay, prompt and the editor keeps a key that leaves
    /// it: otherwise a config could make the reader impossible to quit.
    fn check_ways_out(&self) -> Result<(), KeyError> {
        let keys_of = |name: &str| {
            self.bindings
                .iter()
                .find(|b| b.name == name)
                .map_or(&[][..], |b| &b.keys[..])
        };
        for (name, what) in [
            ("quit", "nothing would quit"),
            ("close", "help, messages and topics could not be closed"),
            ("prompt_cancel", "a search could not be cancelled"),
            (
                "cancel_note",
                "the note editor could not be left without saving",
            ),
        ] {
            if keys_of(name).is_empty() {
                return Err(KeyError {
                    name: name.to_string(),
                    message: format!("needs at least one key, or {what}"),
                });
            }
        }
        let quit = keys_of("quit");
        for pane in [
            Context::Library,
            Context::Source,
            Context::KeyPoints,
            Context::Refs,
            Context::Notes,
        ] {
            if !quit
                .iter()
                .any(|k| self.lookup(pane, *k) == Some(Action::Quit))
            {
                return Err(KeyError {
                    name: "quit".to_string(),
                    message: format!(
                        "every key of `quit` does something else in the {}, so nothing quits there",
                        pane.title().to_lowercase()
                    ),
                });
            }
        }
        Ok(())
    }

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
        lines.push(HelpLine::Blank);
        lines.push(HelpLine::Header(crate::strings::CLIPBOARD_TITLE));
        lines.extend(
            crate::strings::CLIPBOARD_HELP
                .iter()
                .map(|t| HelpLine::Text(t)),
        );
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
        for (_, _, keys, _, _) in DEFAULTS {
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
    fn overrides_replace_keys_and_are_checked() {
        let keys = |pairs: &[(&str, &[&str])]| -> BTreeMap<String, Vec<String>> {
            pairs
                .iter()
                .map(|(n, k)| (n.to_string(), k.iter().map(|s| s.to_string()).collect()))
                .collect()
        };
        let km =
            Keymap::with_overrides(&keys(&[("quit", &["ctrl-q"]), ("next_paragraph", &["J"])]))
                .expect("valid");
        assert_eq!(
            km.lookup(Context::Source, Key::ctrl('q')),
            Some(Action::Quit)
        );
        assert_eq!(
            km.lookup(Context::Source, Key::plain(KeyCode::Char('q'))),
            None
        );
        assert_eq!(
            km.lookup(Context::Source, Key::plain(KeyCode::Char('J'))),
            Some(Action::NextParagraph)
        );
        let err = Keymap::with_overrides(&keys(&[("fly", &["x"])])).expect_err("unknown action");
        assert_eq!(err.name, "fly");
        let err =
            Keymap::with_overrides(&keys(&[("quit", &["hyper-q"])])).expect_err("unknown key");
        assert!(err.message.contains("hyper-q"), "{}", err.message);
        let err = Keymap::with_overrides(&keys(&[("topics", &["j"])])).expect_err("taken");
        assert_eq!(err.name, "topics");
        assert!(err.message.contains("`down`"), "{}", err.message);
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
