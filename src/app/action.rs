//! What the user can ask for, and what the app asks the shell to do.

use super::editor::Edit;

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
    /// A left click on a screen cell; `entry` is the list entry drawn
    /// there, if any, as the UI lays the lists out.
    Click {
        col: u16,
        row: u16,
        entry: Option<usize>,
    },
    Resize {
        width: u16,
        height: u16,
    },
}

/// Something only the shell can do, returned by `App::update`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Quit,
    Suspend,
    /// Write all notes to the notes file.
    SaveNotes,
    /// Write all notes to a Markdown file.
    ExportNotes,
    /// Read the notes file again; the shell hands the notes to
    /// `App::reload_notes`.
    ReloadNotes,
    /// Write the reading state (places, progress, bookmarks).
    SaveState,
}
