//! Annotating in the reader: choosing text, writing a note in the editor,
//! seeing it highlighted and listed, editing, deleting and restoring it,
//! filtering by tag, and what happens when notes are read-only.

use std::path::PathBuf;

use briefing::app::action::{Action, Effect, Msg};
use briefing::app::mode::Mode;
use briefing::app::notes::Scope;
use briefing::app::{App, Pane};
use briefing::corpus::{self, LoadOptions};
use briefing::notes::{Access, Placement};

use crate::harness::screen;

/// The seeds as `seeds/…` (the export test checks their paths), 140 × 40,
/// with the first article open.
fn app() -> App {
    let corpus = corpus::load(&[PathBuf::from("seeds")], &LoadOptions::default()).unwrap();
    let mut app = crate::harness::app_on(corpus, 140, 40);
    app.update(Action::Open);
    app
}

/// Writes a note on what is chosen and saves it.
fn annotate(app: &mut App, text: &str) {
    app.update(Action::Annotate);
    assert!(matches!(app.mode(), Mode::Editor(_)), "the editor opens");
    crate::harness::type_text(app, text);
    assert!(matches!(
        app.update(Action::SaveEdit)[..],
        [Effect::SaveNotes(_)]
    ));
    assert!(!matches!(app.mode(), Mode::Editor(_)));
}

#[test]
fn a_note_on_a_sentence_is_saved_highlighted_and_listed() {
    let mut app = app();
    app.update(Action::NextSentence);
    app.update(Action::NextSentence);
    let sentence = app.articles()[0].sentences[1];
    annotate(
        &mut app,
        "Strategic ambiguity cuts both ways\n#Ambiguity #nato",
    );

    let note = &app.notes().notes[0];
    assert_eq!(
        note.text,
        "Strategic ambiguity cuts both ways\n#Ambiguity #nato"
    );
    assert_eq!(note.tags, ["ambiguity", "nato"]);
    assert_eq!(note.anchor.quote, sentence.span.of(&app.articles()[0].text));
    assert_eq!(note.article.path, "000_7c178ee40d6fe1ab.txt");
    assert_eq!(
        app.notes().placed[0],
        Some((0, Placement::Exact(sentence.span)))
    );
    assert!(
        !app.visual() && app.selection().sentence.is_none(),
        "the selection is used up"
    );

    // The passage carries the note marker; the notes pane lists it.
    let shown = screen(&app);
    assert!(shown.contains("▌✎Constant repetition"), "{shown}");
    app.update(Action::ToggleNotes);
    assert_eq!(app.focus(), Pane::Notes);
    let shown = screen(&app);
    assert!(shown.contains("Notes (1)"), "{shown}");
    assert!(shown.contains("Strategic ambiguity cuts both"), "{shown}");
    assert!(shown.contains("#ambiguity #nato"), "{shown}");
}

#[test]
fn visual_ranges_and_passages_can_be_annotated_and_jumped_to() {
    let mut app = app();
    // The passage under the cursor.
    app.update(Action::NextParagraph);
    app.update(Action::NextParagraph);
    annotate(&mut app, "whole passage");
    assert_eq!(
        app.notes().notes[0].anchor.quote,
        app.articles()[0].blocks[2]
            .content
            .of(&app.articles()[0].text)
    );
    // A visual range over two passages.
    app.update(Action::NextSentence);
    app.update(Action::ToggleVisual);
    app.update(Action::NextParagraph);
    let range = app.selected_span().unwrap();
    annotate(&mut app, "range");
    assert_eq!(app.notes().notes[1].anchor.start, range.start);
    assert_eq!(app.notes().notes[1].anchor.end, range.end);

    // From the notes pane, Enter jumps to the note's text.
    app.update(Action::Top);
    crate::harness::focus(&mut app, Pane::Source);
    app.update(Action::Top);
    app.update(Action::ToggleNotes);
    app.update(Action::Down);
    app.update(Action::Open);
    assert_eq!(app.focus(), Pane::Source);
    assert_eq!(app.highlight(), Some((0, range)));
}

#[test]
fn editing_deleting_and_restoring() {
    let mut app = app();
    annotate(&mut app, "first thought");
    app.update(Action::ToggleNotes);
    app.update(Action::EditNote);
    let Mode::Editor(editing) = app.mode() else {
        panic!("the editor is open")
    };
    assert_eq!(editing.editor.text(), "first thought");
    crate::harness::type_text(&mut app, ", revised #later");
    assert!(matches!(
        app.update(Action::SaveEdit)[..],
        [Effect::SaveNotes(_)]
    ));
    assert_eq!(app.notes().notes[0].text, "first thought, revised #later");
    assert_eq!(app.notes().notes[0].tags, ["later"]);

    // Delete asks first; anything but y keeps the note.
    app.update(Action::DeleteNote);
    assert!(screen(&app).contains("Delete this note?"));
    assert!(app.update(Action::Confirm(false)).is_empty());
    assert_eq!(app.notes().notes.len(), 1);
    app.update(Action::DeleteNote);
    assert!(matches!(
        app.update(Action::Confirm(true))[..],
        [Effect::SaveNotes(_)]
    ));
    assert!(app.notes().notes.is_empty());
    assert!(matches!(
        app.update(Action::UndoDelete)[..],
        [Effect::SaveNotes(_)]
    ));
    assert_eq!(app.notes().notes[0].text, "first thought, revised #later");
}

#[test]
fn esc_asks_before_throwing_away_a_changed_note() {
    let mut app = app();
    app.update(Action::Annotate);
    crate::harness::type_text(&mut app, "half a thought");
    app.update(Action::CancelEdit);
    assert!(matches!(app.mode(), Mode::Editor(e) if e.confirm_discard));
    assert!(screen(&app).contains("Esc again discards"));
    crate::harness::type_text(&mut app, " more");
    assert!(
        matches!(app.mode(), Mode::Editor(e) if !e.confirm_discard),
        "typing goes on editing"
    );
    app.update(Action::CancelEdit);
    app.update(Action::CancelEdit);
    assert!(!matches!(app.mode(), Mode::Editor(_)));
    assert!(app.notes().notes.is_empty());
    // An unchanged editor closes at once.
    app.update(Action::Annotate);
    app.update(Action::CancelEdit);
    assert!(!matches!(app.mode(), Mode::Editor(_)));
}

#[test]
fn tags_filter_and_scope_lists_all_notes() {
    let mut app = app();
    annotate(&mut app, "about #japan");
    app.update(Action::NextParagraph);
    annotate(&mut app, "about #china");
    // A note in another article.
    crate::harness::focus(&mut app, Pane::Library);
    app.update(Action::Down);
    app.update(Action::Open);
    annotate(&mut app, "elsewhere #japan");
    app.update(Action::ToggleNotes);
    assert_eq!(app.note_items().len(), 1, "this article's notes");
    app.update(Action::NotesScope);
    assert_eq!(app.notes().scope, Scope::All);
    assert_eq!(app.note_items().len(), 3);
    app.update(Action::CycleTag);
    assert_eq!(app.notes().tag.as_deref(), Some("china"));
    assert_eq!(app.note_items().len(), 1);
    app.update(Action::CycleTag);
    assert_eq!(app.notes().tag.as_deref(), Some("japan"));
    assert_eq!(app.note_items().len(), 2);
    assert!(screen(&app).contains("All notes (2) #japan"));
    app.update(Action::CycleTag);
    assert_eq!(app.notes().tag, None);
    // Export groups by article in library order.
    let groups = briefing::notes::by_article(&app.notes().notes, app.articles());
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].2.len(), 2);
    assert_eq!(groups[1].1, "seeds/001_4b807ec969e869fb.txt");
}

#[test]
fn read_only_notes_refuse_changes_and_say_why() {
    let corpus = corpus::load(&[PathBuf::from("seeds")], &LoadOptions::default()).unwrap();
    let mut app = App::new(corpus, crate::harness::options("seeds"));
    app.update(Msg::NotesOpened(
        Vec::new(),
        Access::ReadOnly("notes.toml:3: key `version`: bad".into()),
    ));
    app.update(Action::Resize {
        width: 140,
        height: 40,
    });
    app.update(Action::Open);
    app.update(Action::Annotate);
    assert!(!matches!(app.mode(), Mode::Editor(_)));
    let shown = screen(&app);
    assert!(
        shown.contains("Notes are read-only: notes.toml:3: key `version`"),
        "{shown}"
    );
}

/// A copy of `note` on another library's article.
fn elsewhere(note: &briefing::notes::Note, id: &str) -> briefing::notes::Note {
    let mut n = note.clone();
    n.id = id.to_string();
    n.article.path = "central-bank/minutes.txt".into();
    n.article.fingerprint = "not-in-this-library".into();
    n
}

#[test]
fn notes_of_another_library_are_not_orphans_and_cannot_be_reattached() {
    let mut app = app();
    app.update(Action::NextSentence);
    annotate(&mut app, "here");
    let here = app.notes().notes[0].clone();
    // A note whose article is open but whose text is gone: an orphan.
    let mut orphan = here.clone();
    orphan.id = "orphan".into();
    orphan.anchor.quote = "text that is nowhere in the article".into();
    orphan.anchor.before = String::new();
    orphan.anchor.after = String::new();
    let others = vec![here, elsewhere(&app.notes().notes[0], "other"), orphan];
    app.update(Msg::NotesOpened(others, Access::ReadWrite));
    app.update(Action::ToggleNotes);
    app.update(Action::NotesScope);
    assert_eq!(app.notes().scope, Scope::All);
    let listed: Vec<&str> = app
        .note_items()
        .iter()
        .map(|&i| app.notes().notes[i].id.as_str())
        .collect();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(!listed.contains(&"other"), "{listed:?}");
    assert_eq!(app.notes_elsewhere(), 1);
    let shown = screen(&app);
    assert!(shown.contains("· 1 in other"), "{shown}");
    assert!(shown.contains("Orphans"), "the real orphan is still one");
    // `r` on every listed note never touches the other library's note.
    for _ in 0..2 {
        app.update(Action::Reattach);
        app.update(Action::Down);
    }
    let other = app.notes().notes.iter().find(|n| n.id == "other").unwrap();
    assert_eq!(other.article.path, "central-bank/minutes.txt");
}

#[test]
fn a_failed_save_is_explained_in_full_in_messages_and_a_reload_merges() {
    let mut app = app();
    app.update(Action::NextSentence);
    annotate(&mut app, "mine");
    let why = "notes not saved: /data/notes.toml changed on disk since it was read; \
               reload it before adding notes; notes are read-only here";
    app.update(Msg::NotesSaved(Err((
        why.to_string(),
        Access::ReadOnly("changed on disk".into()),
    ))));
    assert!(app.notes().unsaved.is_some());
    app.update(Action::ToggleMessages);
    let lines = app.message_lines(400).join(" ");
    assert!(lines.contains("Notes NOT saved"), "{lines}");
    assert!(
        lines.contains("changed on disk since it was read"),
        "{lines}"
    );
    assert!(!lines.contains("No problems"), "{lines}");
    // The file as another program left it: one note of its own.
    let theirs = elsewhere(&app.notes().notes[0], "theirs");
    let effects = app.update(Msg::NotesReread(vec![theirs], Access::ReadWrite));
    assert!(
        matches!(effects[..], [Effect::SaveNotes(_)]),
        "the merge is saved"
    );
    let ids: Vec<&str> = app.notes().notes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(ids.contains(&"theirs"));
    assert_eq!(app.notes().read_only, None);
    app.update(Msg::NotesSaved(Ok(())));
    assert_eq!(app.notes().unsaved, None);
    // The window no longer says the notes are unsaved; what the status
    // bar said on the way stays listed.
    let lines = app.message_lines(400);
    assert!(!lines[0].starts_with("Notes NOT saved"), "{lines:#?}");
    assert!(lines
        .iter()
        .any(|l| l.contains("changed on disk since it was read")));
}
