//! The reader's state and how messages change it.
//!
//! Nothing here touches the terminal or the file system: `App::update`
//! takes a [`Msg`] (an action with its moment, news from the loader, the
//! outcome of an effect) and returns the effects the shell must carry out.
//! The state is closed: the shell and the UI read it through methods.

pub mod action;
pub mod compare;
pub mod editor;
pub mod find;
mod follow;
pub mod geometry;
pub mod jumps;
pub mod keymap;
pub mod layout;
mod library;
pub mod lists;
pub mod mode;
pub mod notes;
mod out;
mod overlay;
mod panes;
pub mod reading;
mod reads;
pub mod selection;
pub mod view;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::analysis::{Analysis, Link};
use crate::config::{ThemeConfig, UiConfig};
use crate::corpus::{Article, Corpus, Problem};
use crate::state::Progress;
use crate::strings;
use crate::text::Span;
use action::{Action, Effect, Moment, Msg};
use jumps::{JumpList, Place};
use keymap::{Key, Keymap};
use mode::Mode;
use selection::Selection;
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

/// One entry of the cross-reference pane.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RefItem<'a> {
    /// A passage in another article related to the one under the cursor.
    Link(&'a Link),
    /// An article related to the open one, with its relatedness.
    Related(usize, f32),
}

/// How far the background work has got, for the status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    /// Files read, of how many.
    Reading(usize, usize),
    Analysing(crate::analysis::Step),
}

/// How the reader is set up: everything the app needs from the config and
/// the environment, decided by the shell.
#[derive(Debug, Clone)]
pub struct AppOptions {
    pub ui: UiConfig,
    /// The key bindings in force: they drive input and the help overlay.
    pub keymap: Keymap,
    pub theme: ThemeConfig,
    /// Whether colours may be used (`NO_COLOR` unset).
    pub color: bool,
    /// What the library is loaded from, for the empty-library message.
    pub sources: Vec<String>,
    /// The library is still being read; it arrives as [`Loaded::Library`].
    pub loading: bool,
    /// Problems met before the reader started.
    pub problems: Vec<Problem>,
}

impl Default for AppOptions {
    fn default() -> Self {
        AppOptions {
            ui: UiConfig::default(),
            keymap: Keymap::default(),
            theme: ThemeConfig::default(),
            color: true,
            sources: Vec::new(),
            loading: false,
            problems: Vec::new(),
        }
    }
}

/// Everything the reader shows.
#[derive(Debug, Clone)]
pub struct App {
    articles: Arc<Vec<Article>>,
    problems: Vec<Problem>,
    /// How many of `problems` were met before the library was read: those
    /// stay when the library is read again.
    startup_problems: usize,
    sources: Vec<String>,
    /// Key points, topics and links; `None` while they are being computed.
    analysis: Option<Arc<Analysis>>,
    focus: Pane,
    mode: Mode,
    /// The highlighted row of the library pane, and the first row shown.
    selected: usize,
    list_offset: usize,
    /// The selected entry of the key-point and cross-reference panes.
    key_point: usize,
    reference: usize,
    /// The article in the source pane.
    open: Option<usize>,
    /// The reading state of every article, kept while the program runs.
    views: Vec<View>,
    jumps: JumpList,
    /// The passage a jump landed on, highlighted in the source pane.
    highlight: Option<(usize, Span)>,
    /// The sentence cursor and visual mode in the open article.
    selection: Selection,
    notes: notes::Notes,
    /// Notes made this session, for their ids.
    notes_made: u64,
    /// A one-off message for the status bar, cleared by the next key.
    status: Option<String>,
    /// The title derived from its topics for each article without a title
    /// of its own, once the analysis is there.
    titles: Vec<Option<String>>,
    /// Every status message of this run, oldest first, for the messages
    /// window: the status bar shows one line of one of them for a moment.
    said: Vec<String>,
    /// The search in the open article and its matches.
    find: Option<find::Find>,
    /// How far the reader has got in each article.
    progress: Vec<Progress>,
    /// Bookmarks by letter.
    marks: BTreeMap<char, Place>,
    width: u16,
    height: u16,
    ui: UiConfig,
    keymap: Keymap,
    color: bool,
    theme: ThemeConfig,
    /// The library is still being read.
    loading: bool,
    /// How far reading or analysing the library has got.
    background: Option<Background>,
}

impl App {
    pub fn new(corpus: Corpus, options: AppOptions) -> App {
        let n = corpus.articles.len();
        let mut problems = options.problems;
        let startup_problems = problems.len();
        problems.extend(corpus.problems);
        App {
            views: vec![View::default(); n],
            open: (n > 0).then_some(0),
            articles: Arc::new(corpus.articles),
            problems,
            startup_problems,
            sources: options.sources,
            analysis: None,
            focus: Pane::Library,
            mode: Mode::Normal,
            selected: 0,
            list_offset: 0,
            key_point: 0,
            reference: 0,
            jumps: JumpList::default(),
            highlight: None,
            selection: Selection::default(),
            notes: notes::Notes::default(),
            notes_made: 0,
            status: None,
            said: Vec::new(),
            titles: Vec::new(),
            find: None,
            progress: vec![Progress::Unread; n],
            marks: BTreeMap::new(),
            width: 80,
            height: 24,
            ui: options.ui,
            keymap: options.keymap,
            color: options.color,
            theme: options.theme,
            loading: options.loading,
            background: None,
        }
    }

    /// Applies one message and returns what the shell must do.
    pub fn update(&mut self, msg: impl Into<Msg>) -> Vec<Effect> {
        match msg.into() {
            Msg::Action(action, at) => return self.act(action, at),
            Msg::Loaded(news) => self.loaded(news),
            Msg::NotesOpened(notes, access) => self.open_notes(notes, access),
            Msg::NotesReread(notes, access) => return self.reload_notes(notes, access),
            Msg::NotesTakenOver => {
                if self.notes.read_only.is_none() {
                    self.say(strings::NOTES_TAKEN_OVER.to_string());
                }
            }
            Msg::LibraryChanged => return vec![Effect::ReloadLibrary],
            Msg::NotesFileChanged => return vec![Effect::ReloadNotes],
            Msg::NotesSaved(Ok(())) => self.notes_saved(),
            Msg::NotesSaved(Err((why, access))) => self.notes_not_saved(&why, &access),
            Msg::Exported(Ok(path)) => {
                let shown = crate::text::sanitize::one_line(&path.display().to_string());
                self.say(format!("{} {shown}", strings::EXPORTED));
            }
            Msg::Exported(Err(why)) => {
                self.say(format!("{} {why}", strings::EXPORT_FAILED));
            }
            Msg::StateNotSaved(why) => {
                self.say(format!("{} {why}", strings::STATE_NOT_SAVED));
            }
            Msg::ExternalDone(outcome) => self.external_done(outcome),
        }
        Vec::new()
    }

    /// The action `key` asks for in the current mode and pane.
    pub fn action_for(&self, key: Key) -> Option<Action> {
        self.mode.action_for(key, self.focus, &self.keymap)
    }

    /// Shows `message` in the status bar until the next key and keeps it
    /// in the messages window.
    fn say(&mut self, message: impl Into<String>) {
        let message = message.into();
        // The same message again (the notes file read-only, once for the
        // notes and once for the library) is kept once.
        if self.said.last() != Some(&message) {
            if self.said.len() == SAID_KEPT {
                self.said.remove(0);
            }
            self.said.push(message.clone());
        }
        self.status = Some(message);
    }

    /// A user's action.
    fn act(&mut self, action: Action, at: Moment) -> Vec<Effect> {
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
        match &mut self.mode {
            Mode::Normal => self.update_panes(action, at),
            Mode::Editor(_) => self.update_editing(action, at),
            Mode::ConfirmDelete(_) => self.update_confirm(action),
            Mode::Prompt(_) => {
                self.update_prompt(action);
                Vec::new()
            }
            Mode::Mark(pending) => {
                let pending = *pending;
                self.mode = Mode::Normal;
                self.finish_pending(pending, action)
            }
            Mode::Compare(compare) => {
                if !compare.update(action) {
                    self.mode = Mode::Normal;
                }
                Vec::new()
            }
            Mode::Help { .. } | Mode::Messages { .. } | Mode::Topics { .. } => {
                self.update_overlay(action);
                Vec::new()
            }
            Mode::Results { .. } => {
                self.update_results(action);
                Vec::new()
            }
            Mode::Links { .. } => self.update_links(action),
        }
    }

    /// Asks for the notes to be saved.
    fn save_notes(&self) -> Vec<Effect> {
        vec![Effect::SaveNotes(self.notes.notes.clone())]
    }

    /// Asks for the reading state to be saved.
    fn save_state(&self) -> Vec<Effect> {
        vec![Effect::SaveState(self.reading_state())]
    }

    fn place(&self) -> Option<Place> {
        self.open.map(|article| Place {
            article,
            view: self.views[article],
        })
    }
}

/// Entries moved by a page key in the smaller lists.
pub(crate) const PAGE: usize = 5;

/// Status messages the messages window keeps, the newest.
const SAID_KEPT: usize = 200;

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
