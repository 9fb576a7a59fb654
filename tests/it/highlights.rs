//! Highlights (a note without text, made and taken away with one key) and
//! searching the notes' text from the notes pane.

use std::path::PathBuf;

use briefing::app::action::{Action, Effect, Msg};
use briefing::app::mode::Mode;
use briefing::app::{App, Pane};
use briefing::corpus::{self, LoadOptions};
use briefing::notes::{self, Access, Placement};

use crate::harness::{char_key, key, screen, send, status};

fn app() -> App {
    let corpus = corpus::load(&[PathBuf::from("seeds")], &LoadOptions::default()).unwrap();
    let mut app = crate::harness::app_on(corpus, 140, 40);
    app.update(Action::Open);
    app
}

fn saved(effects: &[Effect]) -> Vec<notes::Note> {
    match effects {
        [Effect::SaveNotes(notes)] => notes.clone(),
        other => panic!("not one save: {other:?}"),
    }
}

#[test]
fn one_key_highlights_the_passage_and_is_saved_as_a_note_without_text() {
    let mut app = app();
    let passage = app.articles()[0].blocks[0].content;
    let notes = saved(&send(&mut app, &char_key('H')));
    assert_eq!(notes.len(), 1);
    assert!(notes[0].text.is_empty() && notes[0].tags.is_empty());
    assert!(notes[0].is_highlight());
    assert_eq!(notes[0].anchor.quote, passage.of(&app.articles()[0].text));
    assert_eq!(app.notes().placed[0], Some((0, Placement::Exact(passage))));
    assert_eq!(status(&app).trim(), "Highlighted.");

    // The passage has the highlight mark, and the notes pane says what it is.
    let shown = screen(&app);
    assert!(shown.contains("▌✦The claim that"), "{shown}");
    send(&mut app, &char_key('n'));
    assert_eq!(app.focus(), Pane::Notes);
    let shown = screen(&app);
    assert!(shown.contains("✦ The claim that"), "{shown}");
    assert!(shown.contains("  highlight"), "{shown}");

    // It is exported as a highlight.
    let groups = notes::by_article(&app.notes().notes, app.articles());
    let md = briefing::output::notes::markdown(&groups);
    assert!(md.contains("*Highlight*"), "{md}");
    let json = briefing::output::notes::json(&groups);
    assert_eq!(json["articles"][0]["notes"][0]["highlight"], true);
}

#[test]
fn the_key_again_takes_the_highlight_away_and_u_restores_it() {
    let mut app = app();
    send(&mut app, &char_key(')'));
    send(&mut app, &char_key('v'));
    send(&mut app, &char_key(')'));
    let notes = saved(&send(&mut app, &char_key('H')));
    assert_eq!(notes.len(), 1);
    assert!(!app.visual(), "visual mode ends");
    let article = &app.articles()[0];
    let range =
        article.text[article.sentences[0].span.start..article.sentences[1].span.end].to_string();
    assert_eq!(notes[0].anchor.quote, range);

    // The sentence cursor is inside the highlighted range: the key takes it away.
    let notes = saved(&send(&mut app, &char_key('H')));
    assert!(notes.is_empty());
    assert_eq!(
        status(&app).trim(),
        "Highlight removed; u in the notes pane restores it."
    );
    send(&mut app, &char_key('n'));
    let notes = saved(&send(&mut app, &char_key('u')));
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].anchor.quote, range);
}

#[test]
fn a_note_with_text_is_left_alone_by_the_highlight_key() {
    let mut app = app();
    app.update(Action::Annotate);
    crate::harness::type_text(&mut app, "keep me");
    app.update(Action::SaveEdit);
    let notes = saved(&send(&mut app, &char_key('H')));
    assert_eq!(notes.len(), 2, "a highlight is added beside the note");
    let notes = saved(&send(&mut app, &char_key('H')));
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "keep me");
}

#[test]
fn a_highlight_is_given_text_with_the_edit_key_and_becomes_a_note() {
    let mut app = app();
    send(&mut app, &char_key('H'));
    send(&mut app, &char_key('n'));
    send(&mut app, &char_key('e'));
    assert!(matches!(app.mode(), Mode::Editor(_)));
    // Saving it still empty keeps it a highlight, without complaint.
    assert!(app.update(Action::SaveEdit).is_empty());
    assert!(!status(&app).contains("Empty"), "{}", status(&app));
    assert!(app.notes().notes[0].is_highlight());
    send(&mut app, &char_key('e'));
    crate::harness::type_text(&mut app, "Why #indivisible");
    let notes = saved(&app.update(Action::SaveEdit));
    assert_eq!(notes[0].text, "Why #indivisible");
    assert_eq!(notes[0].tags, ["indivisible"]);
    assert!(!notes[0].is_highlight());
    assert!(screen(&app).contains("▌✎The claim that"));
}

#[test]
fn highlights_are_read_back_from_the_notes_file_as_highlights() {
    let mut app = app();
    let notes = saved(&send(&mut app, &char_key('H')));
    let dir = tempfile::TempDir::new().unwrap();
    let (mut store, _) = notes::Store::open(&dir.path().join("notes.toml"));
    store.save(&notes).unwrap();
    let (_, read) = notes::Store::open(&dir.path().join("notes.toml"));
    assert_eq!(read, notes);
    let mut again = crate::harness::app_on(
        corpus::load(&[PathBuf::from("seeds")], &LoadOptions::default()).unwrap(),
        140,
        40,
    );
    again.update(Msg::NotesOpened(read, Access::ReadWrite));
    again.update(Action::Open);
    assert!(screen(&again).contains("▌✦The claim that"));
}

/// Three notes on the first three passages.
fn app_with_notes() -> App {
    let mut app = app();
    for (i, text) in [
        "Tokyo liaison office",
        "ambiguity cuts both ways",
        "tokyo again",
    ]
    .into_iter()
    .enumerate()
    {
        if i > 0 {
            send(&mut app, &char_key('}'));
        }
        app.update(Action::Annotate);
        crate::harness::type_text(&mut app, text);
        app.update(Action::SaveEdit);
    }
    send(&mut app, &char_key('n'));
    assert_eq!(app.focus(), Pane::Notes);
    app
}

fn selected_text(app: &App) -> String {
    let i = app.note_items()[app.notes().selected];
    app.notes().notes[i].text.clone()
}

#[test]
fn slash_in_the_notes_pane_searches_note_text_and_n_steps_through_matches() {
    let mut app = app_with_notes();
    send(&mut app, &char_key('/'));
    assert!(matches!(app.mode(), Mode::Prompt(_)));
    for c in "tokyo".chars() {
        send(&mut app, &char_key(c));
    }
    assert_eq!(selected_text(&app), "Tokyo liaison office");
    assert!(
        status(&app).contains("search notes: tokyo  1/2"),
        "{}",
        status(&app)
    );
    send(&mut app, &key(crossterm::event::KeyCode::Enter));
    assert!(matches!(app.mode(), Mode::Normal));
    assert!(status(&app).contains("notes/tokyo 1/2"), "{}", status(&app));
    // The match is marked in a note that is not selected; the rest of its
    // text is not.
    let terminal = crate::harness::render(&app);
    let buf = terminal.backend().buffer();
    let rows = crate::harness::rows(buf);
    let (y, row) = rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.contains("  tokyo again"))
        .expect("the third note is listed");
    let x = row[..row.find("tokyo again").unwrap()].chars().count() as u16;
    let reversed = |x: u16| {
        buf[(x, y as u16)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    };
    assert!(reversed(x) && reversed(x + 4), "the match is marked");
    assert!(!reversed(x + 6), "the rest is not");

    send(&mut app, &char_key('n'));
    assert_eq!(selected_text(&app), "tokyo again");
    assert_eq!(
        app.focus(),
        Pane::Notes,
        "n steps, it does not hide the pane"
    );
    send(&mut app, &char_key('n'));
    assert_eq!(selected_text(&app), "Tokyo liaison office");
    assert!(status(&app).contains("went round"), "{}", status(&app));
    send(&mut app, &char_key('N'));
    assert_eq!(selected_text(&app), "tokyo again");

    // Esc clears the search; n hides the pane again.
    send(&mut app, &key(crossterm::event::KeyCode::Esc));
    assert!(!status(&app).contains("notes/"), "{}", status(&app));
    send(&mut app, &char_key('n'));
    assert!(!app.notes().shown);
}

#[test]
fn a_note_search_that_finds_nothing_says_so_and_esc_goes_back() {
    let mut app = app_with_notes();
    send(&mut app, &char_key('j'));
    send(&mut app, &char_key('/'));
    for c in "Tokyo".chars() {
        send(&mut app, &char_key(c));
    }
    assert_eq!(selected_text(&app), "Tokyo liaison office");
    send(&mut app, &key(crossterm::event::KeyCode::Esc));
    assert_eq!(
        selected_text(&app),
        "ambiguity cuts both ways",
        "back where it started"
    );

    send(&mut app, &char_key('/'));
    for c in "berlin".chars() {
        send(&mut app, &char_key(c));
    }
    assert!(
        status(&app).contains("berlin  Not found"),
        "{}",
        status(&app)
    );
    send(&mut app, &key(crossterm::event::KeyCode::Enter));
    assert_eq!(status(&app).trim(), "No note says berlin");
    assert_eq!(selected_text(&app), "ambiguity cuts both ways");
}
