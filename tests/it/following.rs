//! The library following changes on disk, as the app sees them: the shell
//! reports that files changed, the app asks for the library (or the notes
//! file) to be read again, and the library read again (or the notes file
//! as it is now) comes back as a message. Here the library is read from a
//! temporary folder that each test changes as an editor or a sync tool
//! would.

use std::path::Path;
use std::sync::Arc;

use briefing::app::action::{Action, Effect, Loaded, Msg};
use briefing::app::mode::Mode;
use briefing::app::{App, Pane};
use briefing::corpus::{self, LoadOptions};
use briefing::notes::{Access, Note, Placement, CONFLICT_TAG};

use crate::harness::{app_on, focus, screen, status, type_text};

/// An article of `n` numbered paragraphs, each with words of its own.
fn numbered(n: usize) -> String {
    (1..=n)
        .map(|i| format!("Paragraph {i} tells of harbour number {i} and its {i} cranes."))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// An app, 120 × 40, on the library in `dir`.
fn app_in(dir: &Path) -> App {
    let corpus = corpus::load(&[dir.to_path_buf()], &LoadOptions::default()).unwrap();
    app_on(corpus, 120, 40)
}

/// What the reader does when the watcher reports a change: it asks for
/// the library to be read again, and gets the library as it is now.
fn files_changed(app: &mut App, dir: &Path) -> Vec<Effect> {
    assert_eq!(app.update(Msg::LibraryChanged), [Effect::ReloadLibrary]);
    let corpus = corpus::load(&[dir.to_path_buf()], &LoadOptions::default()).unwrap();
    app.update(Msg::Loaded(Loaded::Changed(
        Arc::new(corpus.articles),
        corpus.problems,
    )))
}

/// Every status message so far, as the messages window lists them.
fn said(app: &App) -> String {
    app.message_lines(400).join("\n")
}

fn paths(app: &App) -> Vec<&str> {
    app.articles()
        .iter()
        .map(|a| a.display_path.as_str())
        .collect()
}

/// Writes a note on the passage under the cursor.
fn annotate(app: &mut App, text: &str) {
    app.update(Action::Annotate);
    assert!(matches!(app.mode(), Mode::Editor(_)));
    type_text(app, text);
    assert!(matches!(
        app.update(Action::SaveEdit)[..],
        [Effect::SaveNotes(_)]
    ));
}

/// The screen row that shows the text `start`.
fn row_of(app: &App, start: &str) -> usize {
    screen(app)
        .lines()
        .position(|l| l.contains(start))
        .unwrap_or_else(|| panic!("{start:?} is not on screen:\n{}", screen(app)))
}

#[test]
fn an_added_article_appears_in_its_sorted_place_and_the_status_says_so() {
    let dir = tempfile::TempDir::new().unwrap();
    write(
        dir.path(),
        "bravo.txt",
        "Bravo harbour report.\n\nCranes were idle.",
    );
    write(
        dir.path(),
        "delta.txt",
        "Delta harbour report.\n\nShips were late.",
    );
    let mut app = app_in(dir.path());
    focus(&mut app, Pane::Library);
    app.update(Action::Down);
    app.update(Action::Open);
    assert_eq!(app.open_article().unwrap().display_path, "delta.txt");

    write(
        dir.path(),
        "charlie.txt",
        "Charlie harbour report.\n\nQuays were full.",
    );
    assert_eq!(files_changed(&mut app, dir.path()), []);
    assert_eq!(paths(&app), ["bravo.txt", "charlie.txt", "delta.txt"]);
    // The reader stays where it was: on delta, now the third article.
    assert_eq!(app.open(), Some(2));
    assert_eq!(app.selected(), 2);
    assert!(screen(&app).contains("Charlie harbour report"));
    assert!(
        status(&app).contains("1 article added: charlie.txt"),
        "{}",
        status(&app)
    );
}

#[test]
fn the_open_article_deleted_gives_way_to_the_next_and_its_notes_are_kept() {
    let dir = tempfile::TempDir::new().unwrap();
    for (name, title) in [("a.txt", "Alpha"), ("b.txt", "Bravo"), ("c.txt", "Charlie")] {
        write(
            dir.path(),
            name,
            &format!("{title} port notes.\n\n{}", numbered(3)),
        );
    }
    let mut app = app_in(dir.path());
    focus(&mut app, Pane::Library);
    app.update(Action::Down);
    app.update(Action::Open);
    focus(&mut app, Pane::Source);
    app.update(Action::NextSentence);
    annotate(&mut app, "A note on bravo");
    let notes_before = app.notes().notes.clone();

    std::fs::remove_file(dir.path().join("b.txt")).unwrap();
    let effects = files_changed(&mut app, dir.path());
    assert_eq!(paths(&app), ["a.txt", "c.txt"]);
    assert_eq!(app.open_article().unwrap().display_path, "c.txt");
    assert!(screen(&app).contains("Charlie port notes."));
    let shown = status(&app);
    assert!(
        shown.contains("b.txt was deleted; showing c.txt. Its note is kept"),
        "{shown}"
    );
    assert!(said(&app).contains("1 article deleted: b.txt"));
    // The note is kept as it was, and the notes file is not written.
    assert_eq!(app.notes().notes, notes_before);
    assert_eq!(app.notes_elsewhere(), 1);
    assert!(!effects.iter().any(|e| matches!(e, Effect::SaveNotes(_))));
}

#[test]
fn an_edited_open_article_keeps_the_passage_under_the_cursor_on_its_row() {
    let dir = tempfile::TempDir::new().unwrap();
    write(dir.path(), "port.txt", &numbered(40));
    let mut app = app_in(dir.path());
    focus(&mut app, Pane::Source);
    for _ in 0..20 {
        app.update(Action::NextParagraph);
    }
    let cursor = app.open_view().unwrap().cursor;
    let passage = "Paragraph 21 tells";
    let article = app.open_article().unwrap();
    assert!(article.blocks[cursor]
        .span
        .of(&article.text)
        .starts_with(passage));
    let row = row_of(&app, passage);
    assert!(row > 5, "the cursor is well down the screen: row {row}");

    // An editor inserts a paragraph above the cursor, on screen.
    let text = numbered(40).replace(
        "Paragraph 18 tells",
        "A new paragraph about the dredging contract.\n\nParagraph 18 tells",
    );
    write(dir.path(), "port.txt", &text);
    files_changed(&mut app, dir.path());

    let article = app.open_article().unwrap();
    let cursor = app.open_view().unwrap().cursor;
    assert!(
        article.blocks[cursor]
            .span
            .of(&article.text)
            .starts_with(passage),
        "the cursor is on the same passage"
    );
    assert_eq!(row_of(&app, passage), row, "on the same screen row");
    assert!(screen(&app).contains("A new paragraph about the dredging"));
    assert!(status(&app).contains("1 article changed: port.txt"));
}

#[test]
fn notes_of_an_edited_article_follow_their_text_and_the_status_says_how() {
    let dir = tempfile::TempDir::new().unwrap();
    let storm = "Storm damage closed the eastern breakwater for a week.";
    let before = numbered(12).replace(
        "Paragraph 2 tells of harbour number 2 and its 2 cranes.",
        storm,
    );
    write(dir.path(), "port.txt", &before);
    let mut app = app_in(dir.path());
    focus(&mut app, Pane::Source);
    app.update(Action::NextParagraph);
    annotate(&mut app, "On the storm");
    for _ in 0..8 {
        app.update(Action::NextParagraph);
    }
    annotate(&mut app, "On paragraph ten");

    // The storm paragraph goes; a paragraph comes in before paragraph 10.
    let text = numbered(12)
        .replace(
            "Paragraph 2 tells of harbour number 2 and its 2 cranes.\n\n",
            "",
        )
        .replace(
            "Paragraph 10 tells",
            "Inserted paragraph.\n\nParagraph 10 tells",
        );
    write(dir.path(), "port.txt", &text);
    let effects = files_changed(&mut app, dir.path());
    assert!(effects.is_empty(), "the notes file is not rewritten");

    let placed = &app.notes().placed;
    assert_eq!(placed[0], Some((0, Placement::Orphan)));
    let Some((0, Placement::Moved(span))) = placed[1] else {
        panic!("{:?}", placed[1]);
    };
    assert!(span
        .of(&app.open_article().unwrap().text)
        .starts_with("Paragraph 10 tells"));
    let messages = said(&app);
    assert!(
        messages.contains("1 note moved with the text; 1 note not found in the new text (kept"),
        "{messages}"
    );
    // The orphan is still listed, under Orphans.
    app.update(Action::ToggleNotes);
    let shown = screen(&app);
    assert!(shown.contains("Orphans"), "{shown}");
    assert!(shown.contains("On the storm"), "{shown}");
}

/// A note of the app's first article, with `id` and `text`.
fn note_like(app: &App, id: &str, text: &str) -> Note {
    let mut n = app.notes().notes[0].clone();
    n.id = id.into();
    n.text = text.into();
    n.tags = Vec::new();
    n
}

#[test]
fn the_notes_file_changed_elsewhere_is_merged_with_the_notes_here() {
    let dir = tempfile::TempDir::new().unwrap();
    write(dir.path(), "port.txt", &numbered(5));
    let mut app = app_in(dir.path());
    focus(&mut app, Pane::Source);
    annotate(&mut app, "Mine");
    app.update(Msg::NotesSaved(Ok(())));
    let mine = app.notes().notes[0].clone();

    // Another machine adds a note; nothing changed here since the save.
    let theirs = note_like(&app, "theirs", "From the laptop");
    assert_eq!(app.update(Msg::NotesFileChanged), [Effect::ReloadNotes]);
    let effects = app.update(Msg::NotesReread(
        vec![mine.clone(), theirs.clone()],
        Access::ReadWrite,
    ));
    assert_eq!(app.notes().notes, [mine.clone(), theirs.clone()]);
    assert_eq!(effects, [], "the file holds the merge already");

    // Now a note is written here and, before it is saved, the other
    // machine edits its note: both changes are kept and the merge saved.
    app.update(Action::NextParagraph);
    annotate(&mut app, "Mine too");
    let edited = Note {
        text: "From the laptop, edited".into(),
        ..theirs.clone()
    };
    let effects = app.update(Msg::NotesReread(
        vec![mine.clone(), edited.clone()],
        Access::ReadWrite,
    ));
    let texts: Vec<&str> = app.notes().notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["Mine", "From the laptop, edited", "Mine too"]);
    assert!(matches!(&effects[..], [Effect::SaveNotes(n)] if n.len() == 3));
    assert!(!said(&app).contains("#conflict"));
}

#[test]
fn a_note_changed_both_here_and_in_the_file_is_kept_in_both_versions() {
    let dir = tempfile::TempDir::new().unwrap();
    write(dir.path(), "port.txt", &numbered(5));
    let mut app = app_in(dir.path());
    focus(&mut app, Pane::Source);
    annotate(&mut app, "Draft");
    app.update(Msg::NotesSaved(Ok(())));
    let id = app.notes().notes[0].id.clone();

    // Edited here…
    app.update(Action::ToggleNotes);
    app.update(Action::EditNote);
    type_text(&mut app, " from the office");
    assert!(matches!(
        app.update(Action::SaveEdit)[..],
        [Effect::SaveNotes(_)]
    ));
    // …and differently in the file.
    let theirs = Note {
        text: "Draft from home".into(),
        updated: "2099-01-01T00:00:00Z".into(),
        ..app.notes().notes[0].clone()
    };
    let effects = app.update(Msg::NotesReread(vec![theirs], Access::ReadWrite));

    let notes = &app.notes().notes;
    assert_eq!(notes.len(), 2, "{notes:#?}");
    assert_eq!(
        (notes[0].id.as_str(), notes[0].text.as_str()),
        (id.as_str(), "Draft from the office")
    );
    assert_eq!(notes[1].id, format!("{id}-conflict"));
    assert_eq!(notes[1].text, "Draft from home");
    assert_eq!(notes[1].tags, [CONFLICT_TAG]);
    assert!(matches!(&effects[..], [Effect::SaveNotes(n)] if n.len() == 2));
    let shown = status(&app);
    assert!(
        shown.contains("1 note changed both here and in the notes file"),
        "{shown}"
    );
    // Both are listed in the notes pane, on the same passage.
    let shown = screen(&app);
    assert!(
        shown.contains("Draft from the office") && shown.contains("Draft from home"),
        "{shown}"
    );
}

#[test]
fn a_renamed_open_article_stays_open_in_its_new_place() {
    let dir = tempfile::TempDir::new().unwrap();
    write(
        dir.path(),
        "alpha.txt",
        "Alpha harbour report.\n\nCranes were idle.",
    );
    write(dir.path(), "bravo.txt", &numbered(30));
    let mut app = app_in(dir.path());
    focus(&mut app, Pane::Library);
    app.update(Action::Down);
    app.update(Action::Open);
    for _ in 0..10 {
        app.update(Action::NextParagraph);
    }
    let view = *app.open_view().unwrap();

    std::fs::rename(dir.path().join("bravo.txt"), dir.path().join("0-bravo.txt")).unwrap();
    files_changed(&mut app, dir.path());
    assert_eq!(paths(&app), ["0-bravo.txt", "alpha.txt"]);
    assert_eq!(app.open(), Some(0));
    assert_eq!(*app.open_view().unwrap(), view, "the same place");
    let shown = status(&app);
    assert!(
        shown.contains("1 article renamed: bravo.txt → 0-bravo.txt"),
        "{shown}"
    );
}

#[test]
fn a_note_being_written_when_its_article_is_deleted_is_kept_for_that_article() {
    let dir = tempfile::TempDir::new().unwrap();
    write(dir.path(), "alpha.txt", &numbered(4));
    write(
        dir.path(),
        "bravo.txt",
        "Bravo harbour report.\n\nShips were late.",
    );
    let mut app = app_in(dir.path());
    focus(&mut app, Pane::Source);
    app.update(Action::NextSentence);
    app.update(Action::Annotate);
    type_text(&mut app, "Half written");

    std::fs::remove_file(dir.path().join("alpha.txt")).unwrap();
    files_changed(&mut app, dir.path());
    assert!(
        matches!(app.mode(), Mode::Editor(_)),
        "the editor stays open"
    );
    assert!(matches!(
        app.update(Action::SaveEdit)[..],
        [Effect::SaveNotes(_)]
    ));
    let note = &app.notes().notes[0];
    assert_eq!(note.text, "Half written");
    assert_eq!(note.article.path, "alpha.txt");
    assert!(note.anchor.quote.starts_with("Paragraph 1 tells"));
    assert_eq!(app.notes_elsewhere(), 1);
}
