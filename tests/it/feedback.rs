//! What the reader says back, driven through the real keymap: a saved
//! note, a key waiting for its letter, the counts of a backwards search
//! and of the picker, and library results with quoted phrases.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use briefing::app::action::{Effect, Msg};
use briefing::app::find::ResultItem;
use briefing::app::mode::Mode;
use briefing::app::{App, Pane};
use briefing::notes::Access;

use crate::harness::{char_key, key, seeds_app, send, status};

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn type_keys(app: &mut App, text: &str) {
    for c in text.chars() {
        send(app, &char_key(c));
    }
}

/// The seeds at 140 × 40 with the first article open in the source pane.
fn reading() -> App {
    let mut app = seeds_app(140, 40);
    send(&mut app, &key(KeyCode::Enter));
    assert_eq!(app.focus(), Pane::Source);
    app
}

#[test]
fn ctrl_s_in_the_note_editor_says_the_note_is_saved() {
    let mut app = reading();
    send(&mut app, &char_key('a'));
    assert!(matches!(app.mode(), Mode::Editor(_)));
    type_keys(&mut app, "worth a reply");
    let effects = send(&mut app, &ctrl('s'));
    assert!(matches!(effects[..], [Effect::SaveNotes(_)]));
    assert!(status(&app).contains("Note saved."), "{}", status(&app));
    app.update(Msg::NotesSaved(Ok(())));
    assert!(status(&app).contains("Note saved."), "{}", status(&app));

    // A save that fails says so instead.
    send(&mut app, &char_key('a'));
    type_keys(&mut app, "another");
    send(&mut app, &ctrl('s'));
    app.update(Msg::NotesSaved(Err((
        "disk full".into(),
        Access::ReadWrite,
    ))));
    let line = status(&app);
    assert!(line.contains("Notes NOT saved"), "{line}");
    assert!(!line.contains("Note saved."), "{line}");
}

#[test]
fn m_and_quote_say_a_letter_is_expected_until_it_comes() {
    let mut app = reading();
    assert!(!status(&app).contains("press a letter"));
    send(&mut app, &char_key('m'));
    assert!(
        status(&app).contains("mark: press a letter"),
        "{}",
        status(&app)
    );
    assert!(!status(&app).contains("go to mark"), "{}", status(&app));
    send(&mut app, &char_key('b'));
    assert!(!status(&app).contains("press a letter"), "{}", status(&app));

    send(&mut app, &char_key('\''));
    assert!(
        status(&app).contains("go to mark: press a letter"),
        "{}",
        status(&app)
    );
    send(&mut app, &key(KeyCode::Esc));
    assert_eq!(*app.mode(), Mode::Normal);
    assert!(!status(&app).contains("press a letter"), "{}", status(&app));
}

#[test]
fn a_backwards_search_shows_a_question_mark_in_the_status() {
    let mut app = reading();
    send(&mut app, &char_key('G'));
    send(&mut app, &char_key('?'));
    type_keys(&mut app, "tokyo");
    assert!(status(&app).starts_with("?tokyo"), "{}", status(&app));
    send(&mut app, &key(KeyCode::Enter));
    let line = status(&app);
    assert!(line.contains(" ?tokyo 3/3 "), "{line}");
    assert!(!line.contains("/tokyo"), "{line}");

    send(&mut app, &char_key('/'));
    type_keys(&mut app, "tokyo");
    send(&mut app, &key(KeyCode::Enter));
    assert!(status(&app).contains(" /tokyo "), "{}", status(&app));
}

#[test]
fn the_picker_counts_its_own_matches_not_the_article_search() {
    let mut app = reading();
    send(&mut app, &char_key('/'));
    type_keys(&mut app, "tokyo");
    send(&mut app, &key(KeyCode::Enter));
    assert!(status(&app).contains("/tokyo 1/3"), "{}", status(&app));

    let all = app.articles().len();
    send(&mut app, &ctrl('p'));
    let line = status(&app);
    assert!(line.starts_with("open: "), "{line}");
    assert!(line.contains(&format!("{all}/{all}")), "{line}");
    assert!(!line.contains("/3"), "{line}");
    type_keys(&mut app, "futnato");
    let Mode::Prompt(prompt) = app.mode() else {
        panic!("the picker closed");
    };
    let picked = prompt.picked.len();
    assert!(picked > 0 && picked < all, "{picked}");
    let line = status(&app);
    assert!(
        line.contains(&format!("open: futnato  {picked}/{all}")),
        "{line}"
    );
}

#[test]
fn library_results_are_only_passages_holding_every_quoted_phrase() {
    let mut app = reading();
    send(&mut app, &char_key('F'));
    type_keys(&mut app, "\"liaison office\" Tokyo");
    send(&mut app, &key(KeyCode::Enter));
    assert!(matches!(app.mode(), Mode::Results { .. }));
    let passages: Vec<String> = app
        .result_items()
        .into_iter()
        .filter_map(|item| match item {
            ResultItem::Passage { article, block, .. } => {
                let a = &app.articles()[article];
                Some(a.blocks[block].span.of(&a.text).to_lowercase())
            }
            ResultItem::Article { .. } => None,
        })
        .collect();
    assert!(!passages.is_empty());
    for p in &passages {
        assert!(p.contains("liaison office"), "{p}");
    }
    // The seeds mention Tokyo without the phrase too: those passages are
    // not listed.
    let tokyo_only = app.articles().iter().any(|a| {
        a.blocks.iter().any(|b| {
            let t = b.span.of(&a.text).to_lowercase();
            t.contains("tokyo") && !t.contains("liaison office")
        })
    });
    assert!(tokyo_only);
}
