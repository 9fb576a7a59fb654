//! The shell: owns the terminal, turns terminal events into actions, runs
//! the effects the app asks for, and always gives the terminal back in the
//! state it found it: on quit, on error, on panic and on SIGTERM, SIGHUP or
//! SIGINT.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crossterm::event::{
    self, Event, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use crossterm::{cursor, execute, terminal};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::Terminal;

use crate::analysis::{Analysis, Step};
use crate::app::action::{Action, Effect};
use crate::app::editor::Edit;
use crate::app::{App, Background, Pane};
use crate::corpus::{Article, Problem};
use crate::app::keymap::{Context, Key, KeyCode};
use crate::notes::{self, Access, Store};
use crate::state::{self, ReadingState};
use crate::strings;
use crate::text::sanitize::one_line;
use crate::ui;

/// Whether the terminal is in the reader's state (raw mode, alternate
/// screen), so that `restore` puts it back only once: a second
/// `LeaveAlternateScreen` after the panic report would restore the saved
/// cursor position and let the shell prompt overwrite the report.
static TAKEN: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back: main screen, cooked mode, cursor shown, mouse
/// reporting off. Safe to call more than once and from a panic hook; does
/// nothing when the terminal is already back.
pub fn restore() {
    if !TAKEN.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = execute!(
        out,
        event::DisableBracketedPaste,
        event::DisableMouseCapture,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Makes a panic restore the terminal before the report is printed.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        eprintln!("briefing stopped on an internal error; the terminal has been restored.");
        eprintln!("Please report this, with the message below:");
        previous(info);
    }));
}

/// Restores the terminal when dropped, so early returns and errors do too.
struct Guard {
    mouse: bool,
}

impl Guard {
    fn enter(mouse: bool) -> io::Result<Guard> {
        let guard = Guard { mouse };
        guard.setup()?;
        Ok(guard)
    }

    fn setup(&self) -> io::Result<()> {
        // Nothing to restore (and nothing written) if there is no terminal
        // to take.
        terminal::enable_raw_mode()
            .map_err(|e| io::Error::new(e.kind(), format!("{} ({e})", strings::NEEDS_TERMINAL)))?;
        TAKEN.store(true, Ordering::SeqCst);
        let mut out = io::stdout();
        execute!(out, terminal::EnterAlternateScreen, cursor::Hide)?;
        // Where the terminal can tell Ctrl-I from Tab, ask it to.
        if terminal::supports_keyboard_enhancement().unwrap_or(false) {
            execute!(
                out,
                event::PushKeyboardEnhancementFlags(
                    event::KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES
                )
            )?;
        }
        if self.mouse {
            execute!(out, event::EnableMouseCapture)?;
        }
        // Pasted text arrives whole, so it can go into a note as typed.
        execute!(out, event::EnableBracketedPaste)?;
        Ok(())
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

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
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            let key = key_from(*k)?;
            if app.editing.is_some() {
                return app
                    .keymap
                    .lookup(Context::Editor, key)
                    .or_else(|| editor_action(key));
            }
            if app.prompt.is_some() {
                return app
                    .keymap
                    .lookup(Context::Prompt, key)
                    .or_else(|| editor_action(key));
            }
            if app.pending.is_some() {
                return Some(match key.code {
                    KeyCode::Char(c) if !key.ctrl && !key.alt => Action::MarkKey(c),
                    _ => Action::Cancel,
                });
            }
            if app.notes.confirm_delete.is_some() {
                return Some(Action::Confirm(key == Key::plain(KeyCode::Char('y'))));
            }
            let context = match (app.overlay, app.focus) {
                (Some(_), _) => Context::Overlay,
                (None, Pane::Library) => Context::Library,
                (None, Pane::Source) => Context::Source,
                (None, Pane::KeyPoints) => Context::KeyPoints,
                (None, Pane::Refs) => Context::Refs,
                (None, Pane::Notes) => Context::Notes,
            };
            app.keymap.lookup(context, key)
        }
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
                entry: ui::entry_at(app, m.column, m.row),
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

/// What a key does in the note editor when no binding claims it.
fn editor_action(key: Key) -> Option<Action> {
    if key.ctrl || key.alt {
        return None;
    }
    let edit = match key.code {
        KeyCode::Char(c) => Edit::Insert(c),
        KeyCode::Enter => Edit::Newline,
        KeyCode::Backspace => Edit::Backspace,
        KeyCode::Delete => Edit::Delete,
        KeyCode::Left => Edit::Left,
        KeyCode::Right => Edit::Right,
        KeyCode::Up => Edit::Up,
        KeyCode::Down => Edit::Down,
        KeyCode::Home => Edit::Home,
        KeyCode::End => Edit::End,
        _ => return None,
    };
    Some(Action::Edit(edit))
}

/// Draws the app and feeds it events until it asks to quit, `next_event`
/// runs dry (`Ok(None)`), or `stop` is set. Generic over the backend and
/// the event source so it can run on a test backend.
pub fn drive<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    stop: &AtomicBool,
    mut next_event: impl FnMut() -> io::Result<Option<Event>>,
    mut on_effect: impl FnMut(Effect, &mut Terminal<B>, &mut App) -> io::Result<bool>,
    mut tick: impl FnMut(&mut App),
) -> io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    loop {
        tick(app);
        // Resize events can arrive late or out of order when the window is
        // dragged; the terminal's own size is the truth.
        let size = terminal.size().map_err(io::Error::other)?;
        if (size.width, size.height) != (app.width, app.height) {
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
            Event::Paste(text) if app.editing.is_some() || app.prompt.is_some() => text
                .chars()
                .map(|c| Action::Edit(Edit::Insert(c)))
                .collect(),
            _ => action_for(&event, app).into_iter().collect(),
        };
        for action in actions {
            for effect in app.update(action) {
                if !on_effect(effect, terminal, app)? {
                    return Ok(());
                }
            }
        }
    }
}

/// What the background loader sends the reader, in this order.
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
}

/// Runs the reader in the real terminal until the user quits or a signal
/// asks it to stop. The library and then its analysis arrive on `loaded`
/// when they are ready; the reader draws and takes keys before then. Notes
/// are saved to `store`.
///
/// The reading state is saved to `state_file` when a bookmark is set and
/// when the reader stops, however it stops. Notes that could not be saved
/// are then written to a recovery file beside the notes file, and where is
/// said on standard error once the terminal is back.
pub fn run(
    app: &mut App,
    mouse: bool,
    loaded: Receiver<Loaded>,
    store: Store,
    state_file: Option<(PathBuf, state::Library)>,
) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    let done = Arc::new(AtomicBool::new(false));
    let store = std::cell::RefCell::new(store);
    // What must not be lost if the watchdog has to end the process: the
    // reading state and any unsaved notes, as of the last loop.
    let last = Arc::new(Mutex::new(Leaving {
        state_file: state_file.clone(),
        state: None,
        notes: None,
    }));
    watchdog(Arc::clone(&stop), Arc::clone(&done), Arc::clone(&last));
    let guard = Guard::enter(mouse)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let next_event = || {
        if event::poll(Duration::from_millis(200))? {
            event::read().map(Some)
        } else {
            Ok(None)
        }
    };
    let on_effect =
        |effect: Effect, terminal: &mut Terminal<CrosstermBackend<io::Stdout>>, app: &mut App| {
            match effect {
                Effect::Quit => return Ok(false),
                Effect::Suspend => {
                    suspend(&guard)?;
                    // Redraw everything, at the size the terminal has now.
                    // Not `terminal.clear()`: in ratatui 0.30 it asks the
                    // terminal for the cursor position and fails when no
                    // answer comes in time, which ended the program on `fg`.
                    let size = terminal.size()?;
                    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
                    app.update(Action::Resize {
                        width: size.width,
                        height: size.height,
                    });
                }
                Effect::SaveNotes => save_notes(&mut store.borrow_mut(), app),
                Effect::ReloadNotes => {
                    let mut store = store.borrow_mut();
                    let notes = store.reload();
                    if app.reload_notes(notes, store.access().clone()) == [Effect::SaveNotes] {
                        save_notes(&mut store, app);
                    }
                }
                Effect::SaveState => {
                    if let Err(why) = save_state(app, state_file.as_ref()) {
                        app.status = Some(format!("{} {why}", strings::STATE_NOT_SAVED));
                    }
                }
                Effect::ExportNotes => {
                    let markdown = notes::export::markdown(&app.export_groups());
                    app.status = Some(
                        match write_new_file(Path::new("."), "briefing-notes", "md", &markdown) {
                            Ok(path) => format!(
                                "{} {}",
                                strings::EXPORTED,
                                one_line(&path.display().to_string())
                            ),
                            Err(e) => format!("{} {e}", strings::EXPORT_FAILED),
                        },
                    );
                }
            }
            Ok(true)
        };
    // Test hook, debug builds only: with BRIEFING_PANIC_AFTER_START set,
    // panic on the main thread once the first frame is on screen, so the
    // pty tests can check the terminal is restored and the report shown.
    #[cfg(debug_assertions)]
    let mut panic_after_start = std::env::var_os("BRIEFING_PANIC_AFTER_START").map(|_| 0u8);
    let mut ticks = 0u32;
    let tick = |app: &mut App| {
        // About once a second: has the briefing that held the notes quit?
        ticks = ticks.wrapping_add(1);
        if ticks.is_multiple_of(5) {
            let mut store = store.borrow_mut();
            if let Some(notes) = store.take_over() {
                if app.reload_notes(notes, store.access().clone()) == [Effect::SaveNotes] {
                    save_notes(&mut store, app);
                }
                if store.access() == &Access::ReadWrite {
                    app.status = Some(strings::NOTES_TAKEN_OVER.to_string());
                }
            }
        }
        #[cfg(debug_assertions)]
        if let Some(frames) = panic_after_start.as_mut() {
            if *frames > 0 {
                panic!("BRIEFING_PANIC_AFTER_START: test panic after the first frame");
            }
            *frames += 1;
        }
        while let Ok(news) = loaded.try_recv() {
            match news {
                Loaded::Reading(done, total) => {
                    app.background = Some(Background::Reading(done, total))
                }
                Loaded::Library(articles, problems, state) => {
                    app.set_library(articles, problems, state.as_ref())
                }
                Loaded::Analysing(step) => app.background = Some(Background::Analysing(step)),
                Loaded::Earlier(a) => app.set_earlier_analysis(a),
                Loaded::Analysis(a) => app.set_analysis(a),
            }
        }
        if let Ok(mut last) = last.lock() {
            if last.state_file.is_some() {
                last.state = Some(app.reading_state());
            }
            last.notes = app.notes.unsaved.is_some().then(|| {
                (
                    store.borrow().path().to_path_buf(),
                    app.notes.notes.clone(),
                    app.notes.unsaved.clone().unwrap_or_default(),
                )
            });
        }
    };
    let result = drive(&mut terminal, app, &stop, next_event, on_effect, tick);
    drop(guard);
    // The watchdog must not end the process while this saves.
    let last = last.lock();
    done.store(true, Ordering::Relaxed);
    drop(last);
    Leaving {
        state_file,
        state: Some(app.reading_state()),
        notes: app.notes.unsaved.clone().map(|why| {
            (
                store.borrow().path().to_path_buf(),
                app.notes.notes.clone(),
                why,
            )
        }),
    }
    .keep();
    result
}

fn save_state(app: &App, file: Option<&(PathBuf, state::Library)>) -> Result<(), String> {
    file.map_or(Ok(()), |(f, library)| {
        state::save(f, library, &app.reading_state())
    })
}

fn save_notes(store: &mut Store, app: &mut App) {
    match store.save(&app.notes.notes) {
        Ok(()) => app.notes_saved(),
        Err(why) => app.notes_not_saved(&why, store.access()),
    }
}

/// What is kept when the reader stops, however it stops.
struct Leaving {
    state_file: Option<(PathBuf, state::Library)>,
    state: Option<ReadingState>,
    /// Notes not in the notes file: the file, every note, and why.
    notes: Option<(PathBuf, Vec<notes::Note>, String)>,
}

impl Leaving {
    /// Saves the reading state and writes unsaved notes to a recovery
    /// file, reporting on standard error (the terminal is back by now).
    fn keep(&self) {
        if let (Some((file, library)), Some(state)) = (&self.state_file, &self.state) {
            if let Err(why) = state::save(file, library, state) {
                eprintln!("briefing: {} {}", strings::STATE_NOT_SAVED, one_line(&why));
            }
        }
        let Some((file, notes, why)) = &self.notes else {
            return;
        };
        let shown = one_line(&file.display().to_string());
        eprintln!(
            "briefing: the notes could not be saved to {shown}: {}",
            one_line(why)
        );
        match Store::write_recovery_for(file, notes) {
            Ok(path) => eprintln!(
                "briefing: all {} notes are in {}; put that file in place of {shown} to keep them",
                notes.len(),
                one_line(&path.display().to_string())
            ),
            Err(e) => {
                eprintln!(
                    "briefing: the recovery file could not be written either ({}); the notes follow:",
                    one_line(&e)
                );
                for n in notes {
                    eprintln!(
                        "- {} ({}): {}",
                        one_line(&n.article.path),
                        one_line(&n.anchor.quote),
                        one_line(&n.text)
                    );
                }
            }
        }
    }
}

/// Makes sure the program stops when its terminal goes away or a signal
/// asks it to, even if the main loop cannot notice: once the terminal
/// hangs up, crossterm's event reader loops forever on the read that
/// returns 0 or EIO, inside `event::poll`, and never comes back to check
/// `stop`. The watchdog sets `stop` when standard input stops being a
/// terminal (a hangup, whether or not SIGHUP arrives), and if the main loop
/// has not finished (`done`) two seconds after `stop` was set, restores the
/// terminal and exits. Notes are saved atomically, so the exit cannot leave
/// a half-written notes file.
fn watchdog(stop: Arc<AtomicBool>, done: Arc<AtomicBool>, last: Arc<Mutex<Leaving>>) {
    use std::io::IsTerminal;
    let watch_tty = io::stdin().is_terminal();
    std::thread::spawn(move || {
        let tick = Duration::from_millis(100);
        while !stop.load(Ordering::Relaxed) {
            if done.load(Ordering::Relaxed) {
                return;
            }
            if watch_tty && !io::stdin().is_terminal() {
                stop.store(true, Ordering::Relaxed);
            }
            std::thread::sleep(tick);
        }
        for _ in 0..20 {
            if done.load(Ordering::Relaxed) {
                return;
            }
            std::thread::sleep(tick);
        }
        let last = last.lock();
        if done.load(Ordering::Relaxed) {
            return;
        }
        restore();
        if let Ok(last) = last {
            last.keep();
        }
        std::process::exit(0);
    });
}

/// Writes `contents` to a new file `<stem>-<date>.<ext>` in `dir`, adding
/// `-2`, `-3`… rather than overwriting anything. Returns its path.
fn write_new_file(dir: &Path, stem: &str, ext: &str, contents: &str) -> io::Result<PathBuf> {
    let date: String = notes::now().chars().take(10).collect();
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{stem}-{date}.{ext}")
        } else {
            format!("{stem}-{date}-{n}.{ext}")
        };
        let path = dir.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(contents.as_bytes())?;
                f.sync_all()?;
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("too many exports today in this folder"))
}

/// Hands the terminal back and stops the process until the shell resumes
/// it, then takes the terminal again.
fn suspend(guard: &Guard) -> io::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    guard.setup()
}
