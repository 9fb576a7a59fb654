//! Terminal events in, frames out: turning crossterm's events into the
//! app's messages, and the loop that draws the app, feeds it events and
//! hands its effects to whoever carries them out.

use std::collections::VecDeque;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crossterm::event::{Event, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};
use ratatui::backend::Backend;
use ratatui::Terminal;

use crate::app::action::{Action, Effect, Moment, Msg};
use crate::app::editor::Edit;
use crate::app::keymap::{Key, KeyCode};
use crate::app::App;
use crate::ui;

/// Translates a key event into the reader's own key type.
pub fn key_from(ev: KeyEvent) -> Option<Key> {
    use crossterm::event::KeyCode as C;
    let code = match ev.code {
        C::Char(c) => KeyCode::Char(c),
        C::Enter => KeyCode::Enter,
        C::Esc => KeyCode::Esc,
        C::Tab => KeyCode::Tab,
        C::BackTab => KeyCode::BackTab,
        C::Backspace => KeyCode::Backspace,
        C::Up => KeyCode::Up,
        C::Down => KeyCode::Down,
        C::Left => KeyCode::Left,
        C::Right => KeyCode::Right,
        C::PageUp => KeyCode::PageUp,
        C::PageDown => KeyCode::PageDown,
        C::Home => KeyCode::Home,
        C::End => KeyCode::End,
        C::Delete => KeyCode::Delete,
        C::Insert => KeyCode::Insert,
        C::F(n) => KeyCode::F(n),
        _ => return None,
    };
    Some(Key {
        code,
        ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
        alt: ev.modifiers.contains(KeyModifiers::ALT),
    })
}

/// The action a terminal event asks for in the app's current state.
pub fn action_for(event: &Event, app: &App) -> Option<Action> {
    match event {
        Event::Key(k) if k.kind != KeyEventKind::Release => app.action_for(key_from(*k)?),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Scroll {
                col: m.column,
                row: m.row,
                lines: 1,
            }),
            MouseEventKind::ScrollUp => Some(Action::Scroll {
                col: m.column,
                row: m.row,
                lines: -1,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                col: m.column,
                row: m.row,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

/// Now, as the moment an action happens.
pub fn now() -> Moment {
    Moment {
        nanos: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)),
        process: std::process::id(),
    }
}

/// What carrying out an effect led to.
#[derive(Debug)]
pub enum After {
    /// The reader stops.
    Quit,
    /// Nothing to tell the app.
    Done,
    /// The outcome, for the app.
    Tell(Msg),
}

/// Draws the app and feeds it events until it asks to quit, `next_event`
/// runs dry (`Ok(None)`), or `stop` is set. `tick` runs at the top of every
/// round and returns news for the app; `on_effect` carries out an effect
/// and says what came of it. Generic over the backend and the event source
/// so it can run on a test backend.
pub fn drive<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    stop: &AtomicBool,
    mut next_event: impl FnMut() -> io::Result<Option<Event>>,
    mut on_effect: impl FnMut(Effect, &mut Terminal<B>) -> io::Result<After>,
    mut tick: impl FnMut(&App) -> Vec<Msg>,
) -> io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    // Gives the app one message and carries out what it asks for, and
    // what those outcomes ask for in turn; false once it asks to quit.
    let mut tell = |app: &mut App, terminal: &mut Terminal<B>, msg: Msg| -> io::Result<bool> {
        let mut queue: VecDeque<Effect> = app.update(msg).into();
        while let Some(effect) = queue.pop_front() {
            match on_effect(effect, terminal)? {
                After::Quit => return Ok(false),
                After::Done => {}
                After::Tell(msg) => queue.extend(app.update(msg)),
            }
        }
        Ok(true)
    };
    loop {
        for msg in tick(app) {
            if !tell(app, terminal, msg)? {
                return Ok(());
            }
        }
        // Resize events can arrive late or out of order when the window is
        // dragged; the terminal's own size is the truth.
        let size = terminal.size().map_err(io::Error::other)?;
        if (size.width, size.height) != (app.width(), app.height()) {
            app.update(Action::Resize {
                width: size.width,
                height: size.height,
            });
        }
        terminal
            .draw(|f| ui::draw(f, app))
            .map_err(io::Error::other)?;
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        let Some(event) = next_event()? else {
            if stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            continue;
        };
        // A paste goes into the note editor as typed text. A resize event
        // carries the size at the time it was sent: when a window is
        // dragged, dozens queue up, and laying the panes out again for each
        // stale size kept keys waiting for seconds. The size check at the
        // top of the loop lays out once, for the size the terminal has now.
        let actions: Vec<Action> = match &event {
            Event::Resize(..) => Vec::new(),
            Event::Paste(text) if app.mode().takes_text() => text
                .chars()
                .map(|c| Action::Edit(Edit::Insert(c)))
                .collect(),
            _ => action_for(&event, app).into_iter().collect(),
        };
        let at = now();
        for action in actions {
            if !tell(app, terminal, Msg::Action(action, at))? {
                return Ok(());
            }
        }
    }
}
