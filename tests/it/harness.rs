//! What the screen tests share: an app on a library (the seeds, analysed,
//! or any files), terminal events through the real keymap, and the screen
//! as text.

use std::path::PathBuf;
use std::sync::Arc;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

use briefing::analysis::{Analysis, Settings};
use briefing::app::action::{Action, Effect, Loaded, Msg};
use briefing::app::editor::Edit;
use briefing::app::{App, AppOptions};
use briefing::corpus::{self, Corpus, LoadOptions};
use briefing::notes::Access;
use briefing::shell::events;

/// The sample library.
pub fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// Options for a test app: no colours, the library named `source`.
pub fn options(source: &str) -> AppOptions {
    AppOptions {
        color: false,
        sources: vec![source.to_string()],
        ..AppOptions::default()
    }
}

/// An app on `corpus`, `width` × `height`, with an empty notes file that
/// can be written.
pub fn app_on(corpus: Corpus, width: u16, height: u16) -> App {
    let mut app = App::new(corpus, options("test"));
    app.update(Msg::NotesOpened(Vec::new(), Access::ReadWrite));
    app.update(Action::Resize { width, height });
    app
}

/// An app on the seeds, not analysed yet.
pub fn seeds_unanalysed(width: u16, height: u16) -> App {
    let corpus = corpus::load(&[seeds()], &LoadOptions::default()).unwrap();
    app_on(corpus, width, height)
}

/// An app on the seeds with their analysis.
pub fn seeds_app(width: u16, height: u16) -> App {
    let mut app = seeds_unanalysed(width, height);
    analyse(&mut app);
    app
}

/// Hands `app` the analysis of its library, as the loader does.
pub fn analyse(app: &mut App) {
    let analysis = Analysis::compute(app.articles(), &Settings::default());
    app.update(Msg::Loaded(Loaded::Analysis(Arc::new(analysis))));
}

/// `app` drawn on a test backend of its size.
pub fn render(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.width(), app.height())).unwrap();
    terminal.draw(|f| briefing::ui::draw(f, app)).unwrap();
    terminal
}

/// The rows of a buffer as text.
pub fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

/// The screen `app` draws, one line per row, each ending in a newline.
pub fn screen(app: &App) -> String {
    rows(render(app).backend().buffer())
        .into_iter()
        .map(|r| r + "\n")
        .collect()
}

/// The status bar `app` draws.
pub fn status(app: &App) -> String {
    screen(app).lines().last().unwrap_or_default().to_string()
}

/// A key press of a character.
pub fn char_key(c: char) -> Event {
    let modifiers = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    Event::Key(KeyEvent::new(KeyCode::Char(c), modifiers))
}

/// A key press without modifiers (Shift with Shift-Tab).
pub fn key(code: KeyCode) -> Event {
    let modifiers = if code == KeyCode::BackTab {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    Event::Key(KeyEvent::new(code, modifiers))
}

/// Feeds one terminal event to `app` through the real keymap, as the
/// shell does.
pub fn send(app: &mut App, ev: &Event) -> Vec<Effect> {
    match events::action_for(ev, app) {
        Some(action) => app.update(action),
        None => Vec::new(),
    }
}

/// Moves the focus to `pane` with Tab, as the reader would.
pub fn focus(app: &mut App, pane: briefing::app::Pane) {
    for _ in 0..4 {
        if app.focus() == pane {
            return;
        }
        app.update(Action::FocusNext);
    }
    assert_eq!(app.focus(), pane, "Tab does not reach the pane");
}

/// Types `text` into the open note editor, a key at a time; typing asks
/// the shell for nothing.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let edit = if c == '\n' {
            Edit::Newline
        } else {
            Edit::Insert(c)
        };
        assert!(app.update(Action::Edit(edit)).is_empty());
    }
}
