//! Notes in the reader: where each note sits in its article now, the notes
//! pane's list, and adding, editing, deleting, restoring and re-attaching
//! notes. Saving is an effect the shell carries out; time stamps and ids
//! come from the moment of the action.

use std::collections::BTreeSet;

use super::action::{Action, Effect, Moment};
use super::editor::NoteEditor;
use super::mode::Mode;
use super::{step_list, App, Pane, PAGE};
use crate::notes::{self, Access, Anchor, ArticleRef, Note, Placement};
use crate::strings;
use crate::text::Span;

/// Which notes the notes pane lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    Article,
    All,
}

/// What the editor is writing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A new note on `span` of article `article`.
    New { article: usize, span: Span },
    /// The note with this id.
    Existing { id: String },
    /// A new note on a passage of an article that was deleted from the
    /// library while the note was being written: it is kept like the
    /// other notes of that article.
    Removed { article: ArticleRef, anchor: Anchor },
}

/// The note editor while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editing {
    pub editor: NoteEditor,
    pub target: Target,
    /// The text being annotated, for the editor's heading.
    pub quote: String,
    /// The text as it was when the editor opened.
    original: String,
    /// Esc was pressed once on changed text; a second Esc discards it.
    pub confirm_discard: bool,
}

/// A search in the text of the listed notes (`/` in the notes pane).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteFind {
    pub query: String,
    /// The entry selected when the search started, for Esc.
    origin: usize,
}

/// All notes and the notes pane's state.
#[derive(Debug, Clone, Default)]
pub struct Notes {
    pub notes: Vec<Note>,
    /// The notes as the notes file held them when it was last read or
    /// written here: what a change made elsewhere is merged against.
    pub base: Vec<Note>,
    /// Per note: the article it belongs to and where it sits there now.
    pub placed: Vec<Option<(usize, Placement)>>,
    /// `None` while notes can be saved; else why not.
    pub read_only: Option<String>,
    /// Why the notes in memory are not in the notes file, since the last
    /// save failed; `None` once a save succeeds.
    pub unsaved: Option<String>,
    /// Deleted this session, newest last; `u` restores them.
    pub deleted: Vec<Note>,
    pub scope: Scope,
    /// Only notes with this tag are listed.
    pub tag: Option<String>,
    /// The selected entry of the notes pane.
    pub selected: usize,
    /// Whether the notes pane is shown (in place of the key points).
    pub shown: bool,
    /// The search in the notes' text, if any.
    pub find: Option<NoteFind>,
}

/// What a key in the editor leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Stay,
    Close,
    Save,
}

impl Editing {
    /// A key in the editor: typing, cancelling (twice on changed text),
    /// saving.
    pub fn update(&mut self, action: Action) -> Step {
        match action {
            Action::Edit(edit) => {
                self.editor.apply(edit);
                self.confirm_discard = false;
            }
            Action::CancelEdit => {
                if self.editor.text() == self.original || self.confirm_discard {
                    return Step::Close;
                }
                self.confirm_discard = true;
            }
            Action::SaveEdit => return Step::Save,
            _ => {}
        }
        Step::Stay
    }
}

impl Notes {
    /// Lists this article's notes or all notes, in turn.
    pub fn toggle_scope(&mut self) {
        self.scope = match self.scope {
            Scope::Article => Scope::All,
            Scope::All => Scope::Article,
        };
        self.selected = 0;
    }

    /// Filters by the next tag in use, then by none.
    pub fn next_tag(&mut self) {
        let tags: BTreeSet<&String> = self.notes.iter().flat_map(|n| &n.tags).collect();
        self.tag = match &self.tag {
            None => tags.first().map(|t| (*t).clone()),
            Some(t) => tags
                .iter()
                .skip_while(|x| **x != t)
                .nth(1)
                .map(|t| (*t).clone()),
        };
        self.selected = 0;
    }
}

impl App {
    /// Takes the notes as the notes file holds them and whether they can
    /// be saved.
    pub(super) fn open_notes(&mut self, notes: Vec<Note>, access: Access) {
        self.notes.base = notes.clone();
        self.set_notes(notes, access);
    }

    /// Takes the notes to hold and whether they can be saved.
    pub(super) fn set_notes(&mut self, notes: Vec<Note>, access: Access) {
        self.notes.read_only = match access {
            Access::ReadWrite => None,
            Access::ReadOnly(why) => Some(why),
        };
        if let Some(why) = &self.notes.read_only {
            self.say(format!("{} {why}", strings::NOTES_READ_ONLY));
        }
        self.notes.notes = notes;
        self.place_notes();
    }

    /// Finds each note's article and its place in the article's text.
    pub(super) fn place_notes(&mut self) {
        let keys: Vec<notes::Key> = self.articles.iter().map(notes::Key::of).collect();
        self.notes.placed = self
            .notes
            .notes
            .iter()
            .map(|n| {
                notes::find_article(n, &keys)
                    .map(|i| (i, notes::locate(&n.anchor, &self.articles[i].text)))
            })
            .collect();
    }

    /// The notes the notes pane lists, as indices into `notes.notes`: in
    /// library and text order, orphans (notes whose article is open but
    /// whose text is gone) last. Notes of articles that are not in this
    /// library are not listed: their text cannot be shown, and attaching
    /// one here would move it to an unrelated article. They are counted by
    /// [`App::notes_elsewhere`], and kept and exported like any other.
    pub fn note_items(&self) -> Vec<usize> {
        let wanted = |i: &usize| {
            let n = &self.notes.notes[*i];
            let in_scope = match (self.notes.scope, self.notes.placed[*i]) {
                (_, None) => false,
                (Scope::All, Some(_)) => true,
                (Scope::Article, Some((a, _))) => Some(a) == self.open,
            };
            in_scope && self.notes.tag.as_ref().is_none_or(|t| n.tags.contains(t))
        };
        let mut items: Vec<usize> = (0..self.notes.notes.len()).filter(wanted).collect();
        items.sort_by_key(|&i| match self.notes.placed[i] {
            Some((a, p)) => match p.span() {
                Some(s) => (0, a, s.start),
                None => (1, a, 0),
            },
            None => (1, usize::MAX, 0),
        });
        items
    }

    /// How many notes belong to articles that are not in this library.
    pub fn notes_elsewhere(&self) -> usize {
        if self.loading {
            return 0;
        }
        self.notes.placed.iter().filter(|p| p.is_none()).count()
    }

    /// The notes placed in article `article`, with their spans.
    pub fn notes_in(&self, article: usize) -> impl Iterator<Item = (&Note, Placement)> + '_ {
        self.notes
            .notes
            .iter()
            .zip(&self.notes.placed)
            .filter_map(move |(n, p)| p.filter(|(a, _)| *a == article).map(|(_, p)| (n, p)))
    }

    pub(super) fn selected_note(&self) -> Option<usize> {
        self.note_items().get(self.notes.selected).copied()
    }

    fn refuse_if_read_only(&mut self) -> bool {
        if let Some(why) = &self.notes.read_only {
            self.say(format!("{} {why}", strings::NOTES_READ_ONLY));
            return true;
        }
        false
    }

    /// Opens the editor on a new note for what the reader has chosen.
    pub(super) fn annotate(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        let (Some(article), Some(span)) = (self.open, self.selected_span()) else {
            return;
        };
        let quote = span.of(&self.articles[article].text).to_string();
        self.mode = Mode::Editor(Editing {
            editor: NoteEditor::new(""),
            target: Target::New { article, span },
            quote,
            original: String::new(),
            confirm_discard: false,
        });
    }

    fn edit_selected(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        let Some(i) = self.selected_note() else {
            return;
        };
        let n = &self.notes.notes[i];
        let editor = NoteEditor::new(&n.text);
        // As the editor holds it, so that an unchanged note closes at once.
        let original = editor.text();
        self.mode = Mode::Editor(Editing {
            editor,
            target: Target::Existing { id: n.id.clone() },
            quote: n.anchor.quote.clone(),
            original,
            confirm_discard: false,
        });
    }

    /// The one-key highlight: marks the chosen text with a note without
    /// text, or, where highlights already overlap the chosen text, takes
    /// them away (`u` in the notes pane restores them).
    pub(super) fn highlight_chosen(&mut self, at: Moment) -> Vec<Effect> {
        if self.refuse_if_read_only() {
            return Vec::new();
        }
        let (Some(article), Some(span)) = (self.open, self.selected_span()) else {
            return Vec::new();
        };
        self.selection.visual = None;
        let overlapping = |i: usize| {
            self.notes.notes[i].is_highlight()
                && self.notes.placed[i].is_some_and(|(a, p)| {
                    a == article
                        && p.span()
                            .is_some_and(|s| s.start < span.end && span.start < s.end)
                })
        };
        let gone: Vec<usize> = (0..self.notes.notes.len())
            .filter(|&i| overlapping(i))
            .collect();
        if !gone.is_empty() {
            for i in gone.into_iter().rev() {
                let note = self.notes.notes.remove(i);
                self.notes.deleted.push(note);
            }
            self.place_notes();
            self.say(strings::HIGHLIGHT_REMOVED);
            return self.save_notes();
        }
        self.add_note(article, span, String::new(), at);
        self.place_notes();
        self.say(strings::HIGHLIGHTED);
        self.save_notes()
    }

    /// Adds a new note (a highlight when `text` is empty) on `span` of
    /// `article`, made at `at`.
    fn add_note(&mut self, article: usize, span: Span, text: String, at: Moment) {
        let id = notes::id_at(at.nanos, at.process, self.notes_made);
        self.notes_made += 1;
        let a = &self.articles[article];
        let now = notes::rfc3339(at.secs());
        self.notes.notes.push(Note {
            id,
            article: ArticleRef::of(a),
            anchor: Anchor::new(&a.text, span),
            tags: notes::tags(&text),
            text,
            created: now.clone(),
            updated: now,
        });
    }

    /// The positions in the notes pane's list of the notes whose text
    /// matches the note search.
    pub fn note_matches(&self) -> Vec<usize> {
        let Some(find) = self.notes.find.as_ref().filter(|f| !f.query.is_empty()) else {
            return Vec::new();
        };
        self.note_items()
            .iter()
            .enumerate()
            .filter(|(_, &i)| {
                !crate::search::find_all(&self.notes.notes[i].text, &find.query).is_empty()
            })
            .map(|(pos, _)| pos)
            .collect()
    }

    /// Whether `n` and `N` step through matching notes now.
    pub(super) fn finding_notes(&self) -> bool {
        self.focus == Pane::Notes
            && self
                .notes
                .find
                .as_ref()
                .is_some_and(|f| !f.query.is_empty())
    }

    /// `/` in the notes pane: a note search starts from the selected note.
    pub(super) fn start_note_find(&mut self) {
        self.notes.find = Some(NoteFind {
            query: String::new(),
            origin: self.notes.selected,
        });
    }

    /// The note search as typed so far: selects the first matching note
    /// from where it started, or goes back there while nothing matches.
    pub(super) fn refresh_note_find(&mut self, query: String) {
        let Some(find) = self.notes.find.as_mut() else {
            return;
        };
        find.query = query;
        let origin = find.origin;
        let matches = self.note_matches();
        self.notes.selected = matches
            .iter()
            .find(|&&m| m >= origin)
            .or(matches.first())
            .copied()
            .unwrap_or(origin);
    }

    /// Esc in the note search prompt: back to where it started.
    pub(super) fn cancel_note_find(&mut self) {
        if let Some(find) = self.notes.find.take() {
            self.notes.selected = find.origin;
        }
    }

    /// Enter in the note search prompt: keeps the search for `n` and `N`,
    /// or says nothing matched.
    pub(super) fn submit_note_find(&mut self) {
        let Some(query) = self.notes.find.as_ref().map(|f| f.query.clone()) else {
            return;
        };
        if query.is_empty() {
            self.notes.find = None;
        } else if self.note_matches().is_empty() {
            self.say(format!("{} {}", strings::NO_NOTE_MATCHES, query.trim()));
            self.cancel_note_find();
        }
    }

    /// `n` and `N` in the notes pane: the next or previous matching note,
    /// round the ends.
    pub(super) fn step_note_match(&mut self, forward: bool) {
        let matches = self.note_matches();
        let (Some(&first), Some(&last)) = (matches.first(), matches.last()) else {
            return;
        };
        let at = self.notes.selected;
        let next = if forward {
            matches.iter().find(|&&m| m > at).copied()
        } else {
            matches.iter().rev().find(|&&m| m < at).copied()
        };
        self.notes.selected = next.unwrap_or_else(|| {
            self.say(strings::SEARCH_WRAPPED);
            if forward {
                first
            } else {
                last
            }
        });
    }

    /// Keys while the editor is open.
    pub(super) fn update_editing(&mut self, action: Action, at: Moment) -> Vec<Effect> {
        let Mode::Editor(editing) = &mut self.mode else {
            return Vec::new();
        };
        match editing.update(action) {
            Step::Stay => Vec::new(),
            Step::Close => {
                self.mode = Mode::Normal;
                Vec::new()
            }
            Step::Save => self.save_edit(at),
        }
    }

    fn save_edit(&mut self, at: Moment) -> Vec<Effect> {
        let Mode::Editor(editing) = std::mem::take(&mut self.mode) else {
            return Vec::new();
        };
        let text = editing.editor.text().trim_end().to_string();
        if text.trim().is_empty() {
            // A highlight given no text stays a highlight.
            if !editing.original.trim().is_empty() || matches!(editing.target, Target::New { .. }) {
                self.say(strings::EMPTY_NOTE);
            }
            return Vec::new();
        }
        let now = notes::rfc3339(at.secs());
        match editing.target {
            Target::New { article, span } => {
                self.add_note(article, span, text, at);
                self.selection = Default::default();
            }
            Target::Removed { article, anchor } => {
                let id = notes::id_at(at.nanos, at.process, self.notes_made);
                self.notes_made += 1;
                self.notes.notes.push(Note {
                    id,
                    tags: notes::tags(&text),
                    text,
                    created: now.clone(),
                    updated: now,
                    article,
                    anchor,
                });
                self.selection = Default::default();
            }
            Target::Existing { id } => {
                if let Some(n) = self.notes.notes.iter_mut().find(|n| n.id == id) {
                    n.tags = notes::tags(&text);
                    n.text = text;
                    n.updated = now;
                }
            }
        }
        self.place_notes();
        self.say(strings::NOTE_SAVED.to_string());
        self.save_notes()
    }

    /// Keys while a deletion waits for confirmation.
    pub(super) fn update_confirm(&mut self, action: Action) -> Vec<Effect> {
        let Mode::ConfirmDelete(id) = std::mem::take(&mut self.mode) else {
            return Vec::new();
        };
        if action != Action::Confirm(true) {
            return Vec::new();
        }
        let Some(i) = self.notes.notes.iter().position(|n| n.id == id) else {
            return Vec::new();
        };
        let note = self.notes.notes.remove(i);
        self.notes.deleted.push(note);
        self.place_notes();
        self.say(strings::NOTE_DELETED.to_string());
        self.save_notes()
    }

    /// Keys in the notes pane.
    pub(super) fn update_notes_pane(&mut self, action: Action, at: Moment) -> Vec<Effect> {
        match action {
            Action::Open => {
                if let Some((article, span)) = self
                    .selected_note()
                    .and_then(|i| self.notes.placed[i])
                    .and_then(|(a, p)| p.span().map(|s| (a, s)))
                {
                    let block = self.articles[article].block_at(span.start);
                    self.jump_to(article, block, span);
                }
            }
            Action::EditNote => self.edit_selected(),
            Action::DeleteNote => {
                if !self.refuse_if_read_only() {
                    if let Some(i) = self.selected_note() {
                        self.mode = Mode::ConfirmDelete(self.notes.notes[i].id.clone());
                    }
                }
            }
            Action::UndoDelete => {
                if !self.refuse_if_read_only() {
                    if let Some(note) = self.notes.deleted.pop() {
                        self.notes.notes.push(note);
                        self.place_notes();
                        self.say(strings::NOTE_RESTORED.to_string());
                        return self.save_notes();
                    }
                }
            }
            Action::Cancel => self.notes.find = None,
            Action::NotesScope => self.notes.toggle_scope(),
            Action::CycleTag => self.notes.next_tag(),
            Action::Reattach => return self.reattach(at),
            Action::ExportNotes => {
                let groups = notes::by_article(&self.notes.notes, &self.articles);
                return vec![Effect::ExportNotes(crate::output::notes::markdown(&groups))];
            }
            Action::ReloadNotes => return vec![Effect::ReloadNotes],
            _ => {
                self.notes.selected =
                    step_list(self.notes.selected, self.note_items().len(), action, PAGE)
            }
        }
        Vec::new()
    }

    /// Moves the selected note's anchor to what is chosen in the source
    /// pane: how an orphan gets a home again.
    fn reattach(&mut self, at: Moment) -> Vec<Effect> {
        if self.refuse_if_read_only() {
            return Vec::new();
        }
        let (Some(i), Some(article), Some(span)) =
            (self.selected_note(), self.open, self.selected_span())
        else {
            return Vec::new();
        };
        let a = &self.articles[article];
        let n = &mut self.notes.notes[i];
        n.article = ArticleRef::of(a);
        n.anchor = Anchor::new(&a.text, span);
        n.updated = notes::rfc3339(at.secs());
        self.place_notes();
        self.say(strings::NOTE_REATTACHED.to_string());
        self.save_notes()
    }

    /// Shows or hides the notes pane, focusing it when shown.
    pub(super) fn toggle_notes(&mut self) {
        self.notes.shown = !self.notes.shown;
        if self.notes.shown {
            self.focus = Pane::Notes;
            self.notes.selected = 0;
        } else if self.focus == Pane::Notes {
            self.focus = Pane::Source;
        }
        self.refit();
    }

    /// The shell could not save the notes: they stay in memory and the
    /// next change tries again.
    pub(super) fn notes_not_saved(&mut self, why: &str, access: &Access) {
        self.say(format!("{} {why}", strings::NOTES_NOT_SAVED));
        self.notes.unsaved = Some(why.to_string());
        if let Access::ReadOnly(reason) = access {
            self.notes.read_only = Some(reason.clone());
        }
    }

    /// The shell saved the notes: the file holds them now.
    pub(super) fn notes_saved(&mut self) {
        self.notes.base = self.notes.notes.clone();
        if self.notes.unsaved.take().is_some() {
            self.say(strings::NOTES_SAVED_AGAIN.to_string());
        }
    }

    /// The notes file as read again (after `R`, when another program
    /// changed it, or when another briefing that held it quit), and whether
    /// it can be written now: merged note by note with the notes here
    /// ([`notes::merge`]); a note changed differently on both sides is kept
    /// in both versions and the status bar says so. Asks for a save when
    /// the merge holds anything the file lacks.
    pub(super) fn reload_notes(&mut self, on_disk: Vec<Note>, access: Access) -> Vec<Effect> {
        let merged = notes::merge(&self.notes.base, &self.notes.notes, on_disk.clone());
        let differs = merged.notes != on_disk;
        let writable = access == Access::ReadWrite;
        // Deleted notes that came back from the file are no longer ours to
        // restore.
        let ids: BTreeSet<&str> = merged.notes.iter().map(|n| n.id.as_str()).collect();
        self.notes.deleted.retain(|n| !ids.contains(n.id.as_str()));
        self.notes.base = on_disk;
        self.set_notes(merged.notes, access);
        if writable {
            self.say(strings::NOTES_RELOADED.to_string());
        }
        if merged.conflicts > 0 {
            self.say(strings::notes_in_conflict(merged.conflicts));
        }
        if writable && (differs || self.notes.unsaved.is_some()) {
            self.save_notes()
        } else {
            Vec::new()
        }
    }
}
