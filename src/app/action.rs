//! What the app is told and what it asks for: the user's actions, news
//! from the loader and the outcomes of effects come in as a [`Msg`]; the
//! work only the shell can do goes out as an [`Effect`] that carries the
//! data it needs.

use std::path::PathBuf;
use std::sync::Arc;

use super::editor::Edit;
use crate::analysis::{Analysis, Step};
use crate::corpus::{Article, Problem};
use crate::notes::{Access, Note};
use crate::state::ReadingState;

/// A request from the user, already independent of how it was typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    /// Stop the program and return to the shell until `fg`.
    Suspend,
    FocusNext,
    FocusPrev,
    ToggleHelp,
    ToggleMessages,
    /// Show the topics shared between articles.
    ToggleTopics,
    /// Go back to where the last jump started, or forward again.
    JumpBack,
    JumpForward,
    /// Close the open overlay.
    Close,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    PrevParagraph,
    NextParagraph,
    /// Move the sentence cursor.
    PrevSentence,
    NextSentence,
    /// Start or leave visual mode, to choose a range of sentences.
    ToggleVisual,
    /// Leave visual mode and drop the sentence cursor.
    Cancel,
    /// Write a note on the chosen passage, sentence or range.
    Annotate,
    /// Show or hide the notes pane.
    ToggleNotes,
    /// In the notes pane: edit, delete, restore the last deleted, list
    /// this article's or all notes, filter by the next tag, re-attach the
    /// selected note to the chosen text, export all notes.
    EditNote,
    DeleteNote,
    UndoDelete,
    NotesScope,
    CycleTag,
    Reattach,
    ExportNotes,
    /// Read the notes file again and merge it with the notes in memory.
    ReloadNotes,
    /// Mark the chosen passage, sentence or range with an empty note, or
    /// take that mark away again.
    Highlight,
    /// Copy the chosen text (or the selected note) to the clipboard.
    Copy,
    /// Copy a reference to the chosen passage: title, paragraph, path and
    /// line.
    CopyReference,
    /// Copy the address of the first link in the passage under the
    /// cursor, or in the link list of the selected link.
    CopyLink,
    /// Show or hide the list of the open article's links.
    ToggleLinks,
    /// Choose the entry with this number (from 1) in a numbered list.
    Choose(usize),
    /// Open the article in the user's editor at the passage's line.
    OpenExternal,
    /// A key typed into the note editor.
    Edit(Edit),
    SaveEdit,
    CancelEdit,
    /// The answer to a yes/no question.
    Confirm(bool),
    /// Search the open article forwards or backwards.
    FindForward,
    FindBackward,
    /// The next or previous match; with no search, `NextMatch` shows the
    /// notes pane (both are on `n`).
    NextMatch,
    PrevMatch,
    /// Search every article.
    LibrarySearch,
    /// Search the text of the notes listed in the notes pane.
    NotesSearch,
    /// Pick an article by name.
    Picker,
    /// Show the selected cross-reference beside the passage it links.
    Compare,
    /// Set a bookmark, or jump to one: the next key names it.
    SetMark,
    JumpToMark,
    /// The letter that names a bookmark.
    MarkKey(char),
    /// Run or close the prompt.
    PromptSubmit,
    PromptCancel,
    /// Open the selected entry: an article, key point, cross-reference or
    /// topic.
    Open,
    /// The mouse wheel turned over a screen cell; positive `lines` scroll
    /// down.
    Scroll {
        col: u16,
        row: u16,
        lines: i16,
    },
    /// A left click on a screen cell.
    Click {
        col: u16,
        row: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },
}

/// The moment an action happened, as the shell's clock and process saw
/// it: notes take their time stamps and ids from it, so that
/// `App::update` never reads the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Moment {
    /// Nanoseconds since the Unix epoch.
    pub nanos: u64,
    /// The process id, so two readers never make the same note id.
    pub process: u32,
}

impl Moment {
    /// Whole seconds since the Unix epoch.
    pub fn secs(self) -> u64 {
        self.nanos / 1_000_000_000
    }
}

/// Everything `App::update` is given.
#[derive(Debug, Clone)]
pub enum Msg {
    /// What the user asked for, and when.
    Action(Action, Moment),
    /// News from the background loader.
    Loaded(Loaded),
    /// The notes file as read when the reader started, and whether it can
    /// be written.
    NotesOpened(Vec<Note>, Access),
    /// The notes file as read again (after `R`, or when another briefing
    /// that held it quit): merged with the notes in memory.
    NotesReread(Vec<Note>, Access),
    /// The notes file was free again and this reader took it over.
    NotesTakenOver,
    /// Files of the library were added, changed or deleted on disk.
    LibraryChanged,
    /// The notes file was changed on disk by another program (not by this
    /// reader's own saves).
    NotesFileChanged,
    /// The outcome of [`Effect::SaveNotes`]; on failure, why, and whether
    /// the file can still be written.
    NotesSaved(Result<(), (String, Access)>),
    /// The outcome of [`Effect::ExportNotes`]: the file written, or why not.
    Exported(Result<PathBuf, String>),
    /// [`Effect::SaveState`] failed, for this reason.
    StateNotSaved(String),
    /// [`Effect::OpenExternal`] is over: the program ran (whatever its exit
    /// status), or why it could not be started.
    ExternalDone(Result<(), String>),
}

/// An action with no moment: for scripted input (tests, benchmarks), where
/// note time stamps are not looked at. Note ids stay unique within the app.
impl From<Action> for Msg {
    fn from(action: Action) -> Msg {
        Msg::Action(action, Moment::default())
    }
}

/// What the background loader sends the reader, in this order.
#[derive(Debug, Clone)]
pub enum Loaded {
    /// Files read so far, of how many.
    Reading(usize, usize),
    /// The library, the problems met reading it, and the saved reading
    /// state to restore in it.
    Library(Arc<Vec<Article>>, Vec<Problem>, Option<ReadingState>),
    /// The step the analysis has reached.
    Analysing(Step),
    /// What still holds of the library's previous analysis, to show while
    /// it is analysed again.
    Earlier(Arc<Analysis>),
    Analysis(Arc<Analysis>),
    /// The library read again after files changed on disk, and the
    /// problems met reading it; its analysis follows as at the start.
    Changed(Arc<Vec<Article>>, Vec<Problem>),
}

/// Something only the shell can do, returned by `App::update`. Its outcome
/// comes back as a [`Msg`].
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    Suspend,
    /// Write these notes (all of them) to the notes file.
    SaveNotes(Vec<Note>),
    /// Write this Markdown to a new file in the current folder.
    ExportNotes(String),
    /// Read the notes file again and hand it back as `Msg::NotesReread`.
    ReloadNotes,
    /// Read the library again and analyse it, handing it back as
    /// [`Loaded::Changed`] and the analysis after it.
    ReloadLibrary,
    /// Write this reading state (places, progress, bookmarks).
    SaveState(ReadingState),
    /// Put this text on the system clipboard (through the terminal).
    Copy(String),
    /// Hand the terminal to the user's editor or pager on `path` at
    /// `line` (counted from 1), and take it back when that program exits.
    OpenExternal {
        path: PathBuf,
        line: usize,
    },
}
