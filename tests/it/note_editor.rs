//! The note editor: soft wrap, undo and redo, word movement, through the
//! real keymap.

use std::path::PathBuf;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use briefing::app::action::{Action, Effect};
use briefing::app::mode::Mode;
use briefing::app::App;
use briefing::corpus::{self, LoadOptions};

use crate::harness::{char_key, key, screen, send};

fn app() -> App {
    let corpus = corpus::load(&[PathBuf::from("seeds")], &LoadOptions::default()).unwrap();
    let mut app = crate::harness::app_on(corpus, 100, 30);
    app.update(Action::Open);
    app
}

fn with(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

fn ctrl(c: char) -> Event {
    with(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn type_keys(app: &mut App, text: &str) {
    for c in text.chars() {
        send(app, &char_key(c));
    }
}

fn text(app: &App) -> String {
    match app.mode() {
        Mode::Editor(editing) => editing.editor.text(),
        other => panic!("the editor is not open: {other:?}"),
    }
}

#[test]
fn long_lines_wrap_in_the_editor_instead_of_scrolling_sideways() {
    let mut app = app();
    send(&mut app, &char_key('a'));
    let words: Vec<String> = (1..=40).map(|i| format!("w{i:02}")).collect();
    type_keys(&mut app, &words.join(" "));
    let shown = screen(&app);
    // Every word of the one long line is on screen, over several rows.
    for w in &words {
        assert!(shown.contains(w.as_str()), "{w} not shown:\n{shown}");
    }
    let first = shown.lines().position(|l| l.contains("w01")).unwrap();
    let last = shown.lines().position(|l| l.contains("w40")).unwrap();
    assert!(last > first, "one row:\n{shown}");
    assert_eq!(text(&app).lines().count(), 1, "the wrap is only drawn");
}

#[test]
fn ctrl_z_undoes_and_ctrl_y_redoes_in_the_editor() {
    let mut app = app();
    send(&mut app, &char_key('a'));
    type_keys(&mut app, "Tokyo liaison office");
    send(&mut app, &ctrl('w'));
    assert_eq!(text(&app), "Tokyo liaison ");
    send(&mut app, &ctrl('z'));
    assert_eq!(text(&app), "Tokyo liaison office");
    assert!(
        matches!(app.mode(), Mode::Editor(_)),
        "Ctrl-Z does not suspend here"
    );
    send(&mut app, &ctrl('y'));
    assert_eq!(text(&app), "Tokyo liaison ");
    let effects = send(&mut app, &ctrl('s'));
    assert!(matches!(effects[..], [Effect::SaveNotes(_)]));
    assert_eq!(app.notes().notes[0].text, "Tokyo liaison");
}

#[test]
fn word_keys_move_and_delete_by_words() {
    let mut app = app();
    send(&mut app, &char_key('a'));
    type_keys(&mut app, "one two three");
    send(&mut app, &with(KeyCode::Left, KeyModifiers::CONTROL));
    send(&mut app, &with(KeyCode::Char('b'), KeyModifiers::ALT));
    // At the start of "two".
    type_keys(&mut app, "X");
    assert_eq!(text(&app), "one Xtwo three");
    send(&mut app, &with(KeyCode::Right, KeyModifiers::CONTROL));
    send(&mut app, &with(KeyCode::Char('d'), KeyModifiers::ALT));
    assert_eq!(text(&app), "one Xtwo ");
    send(&mut app, &key(KeyCode::Home));
    send(&mut app, &with(KeyCode::Char('f'), KeyModifiers::ALT));
    type_keys(&mut app, "Y");
    assert_eq!(text(&app), "one YXtwo ");
}
