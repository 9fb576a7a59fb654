//! The shell: everything that touches the outside world on the reader's
//! behalf. It reads the config, owns the terminal, runs the loader thread,
//! turns terminal events into messages and carries out the effects the
//! app asks for; the app itself stays a function of its state and the
//! messages it is given.

pub mod commands;
pub mod config;
pub mod effects;
pub mod events;
mod leaving;
mod loader;
pub mod log;
pub mod manual;
pub mod terminal;
mod watch;

use std::cell::RefCell;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crossterm::event;
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use crate::analysis::Settings;
use crate::app::action::{Action, Effect, Loaded, Msg};
use crate::app::{App, AppOptions};
use crate::corpus::{Corpus, LoadOptions, Problem, Severity};
use crate::notes::Store;
use crate::state;
use crate::strings;
use crate::text::sanitize::one_line;
use effects::Effects;
use events::After;
use leaving::{watchdog, Interrupts, Leaving};
use loader::Loader;
use log::Log;
use terminal::Guard;

/// Runs the full-screen reader on the library at `paths`, with notes in
/// `notes_file` and the reading state beside it. The reader opens at once
/// and reads the library in the background. With `watch`, it follows
/// changes to the library's files and the notes file made while it runs.
/// What it does goes to `log`.
pub fn read(
    paths: Vec<PathBuf>,
    opts: LoadOptions,
    settings: Settings,
    mut options: AppOptions,
    notes_file: &Path,
    watch: bool,
    log: &Log,
) -> io::Result<()> {
    let mouse = options.ui.mouse;
    let (store, notes) = Store::open(notes_file);
    log.info(format_args!(
        "notes: {} notes read from {}",
        notes.len(),
        notes_file.display()
    ));
    if let crate::notes::Access::ReadOnly(why) = store.access() {
        log.warn(format_args!("notes: {why}"));
    }
    // The reading state lives beside the notes; a file that cannot be read
    // is reported and left alone.
    let state_file = notes_file.with_file_name("state.toml");
    let library = state::Library::new(&paths);
    let (saved, state_file) = match state::load(&state_file, &library) {
        Ok(saved) => {
            if state_file.exists() {
                log.info(format_args!(
                    "state: reading state read from {}",
                    state_file.display()
                ));
            } else {
                log.info(format_args!(
                    "state: no reading state yet in {}",
                    state_file.display()
                ));
            }
            (Some(saved), Some((state_file, library)))
        }
        Err(why) => {
            log.warn(format_args!(
                "state: {} ignored: {why}",
                state_file.display()
            ));
            options.problems.push(Problem {
                path: state_file,
                severity: Severity::Warning,
                message: format!("{} {}", strings::STATE_IGNORED, one_line(&why)),
            });
            (None, None)
        }
    };
    let exports = effects::exports_beside(notes_file);
    let watch = if watch {
        let mut own = vec![
            notes_file.with_file_name("state.toml"),
            store.lock_path(),
            store.backup_path(),
            exports.clone(),
        ];
        own.extend(crate::cache::default_dir());
        own.extend(log.path().map(Path::to_path_buf));
        let scope = watch::Scope {
            library: paths.clone(),
            extensions: opts.extensions.clone(),
            notes_file: notes_file.to_path_buf(),
            own,
        };
        match watch::start(scope, log) {
            Ok((watch, failed)) => {
                for (path, why) in failed {
                    options.problems.push(Problem {
                        path,
                        severity: Severity::Warning,
                        message: format!("{} {}", strings::NOT_WATCHED, one_line(&why)),
                    });
                }
                Some(watch)
            }
            Err(why) => {
                log.warn(format_args!("watch: {why}"));
                options.problems.push(Problem {
                    path: paths.first().cloned().unwrap_or_default(),
                    severity: Severity::Warning,
                    message: format!("{} {}", strings::NOT_WATCHED, one_line(&why)),
                });
                None
            }
        }
    } else {
        None
    };
    let mut app = App::new(Corpus::default(), options);
    app.update(Msg::NotesOpened(notes, store.access().clone()));
    let loader = Loader::start(
        paths.clone(),
        opts.clone(),
        settings.clone(),
        saved,
        log.clone(),
    );
    terminal::install_panic_hook();
    let effects = Effects {
        store,
        state_file,
        unsaved: None,
        exports,
        log: log.clone(),
        follow_notes: watch.is_some(),
    };
    let reading = RefCell::new(Reading {
        loader,
        wanted: false,
        delivered: false,
        paths,
        opts,
        settings,
    });
    let outcome = run(&mut app, mouse, &reading, watch.as_ref(), effects, log);
    let loader = reading.into_inner().loader;
    if loader.saving() {
        log.info(format_args!(
            "cache: waiting for the analysis to be saved before leaving"
        ));
        eprintln!("{}", strings::SAVING_ANALYSIS);
        loader.wait();
    }
    outcome
}

/// The library's reading in the background: the loader at work (or done),
/// and whether the library must be read again.
struct Reading {
    loader: Loader,
    /// Files changed on disk since the loader started.
    wanted: bool,
    /// The loader has sent the library it read: a newer one may take over.
    delivered: bool,
    paths: Vec<PathBuf>,
    opts: LoadOptions,
    settings: Settings,
}

impl Reading {
    /// News for the app: what the loader sent, and, when the library must
    /// be read again, a newer loader taking over once this one has sent
    /// the library it read (the first reading carries the saved reading
    /// state, which must not be lost).
    fn news(&mut self, log: &Log) -> Vec<Msg> {
        let news: Vec<Msg> = self
            .loader
            .news
            .try_iter()
            .inspect(|n| {
                if matches!(n, Loaded::Library(..) | Loaded::Changed(..)) {
                    self.delivered = true;
                }
            })
            .map(Msg::Loaded)
            .collect();
        if self.wanted && self.delivered {
            log.info(format_args!(
                "load: files changed on disk; reading the library again"
            ));
            self.wanted = false;
            self.delivered = false;
            self.loader = self.loader.again(
                self.paths.clone(),
                self.opts.clone(),
                self.settings.clone(),
                log.clone(),
            );
        }
        news
    }
}

/// Runs the reader in the real terminal until the user quits or a signal
/// asks it to stop. The library and then its analysis arrive from
/// `loader`; the reader draws and takes keys before then.
///
/// The reading state is saved when a bookmark is set and when the reader
/// stops, however it stops. Notes that could not be saved are then written
/// to a recovery file beside the notes file, and where is said on standard
/// error once the terminal is back.
fn run(
    app: &mut App,
    mouse: bool,
    reading: &RefCell<Reading>,
    watch: Option<&watch::Watch>,
    effects: Effects,
    log: &Log,
) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    // Interrupts stop the reader through the watchdog, which lets them
    // pass while another program has the terminal.
    let interrupts = Interrupts::default();
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGQUIT] {
        signal_hook::flag::register(sig, Arc::clone(&interrupts.arrived))?;
    }
    let done = Arc::new(AtomicBool::new(false));
    let notes_path = effects.store.path().to_path_buf();
    // What must not be lost if the watchdog has to end the process: the
    // reading state and any unsaved notes, as of the last loop.
    let last = Arc::new(Mutex::new(Leaving {
        state_file: effects.state_file.clone(),
        state: None,
        notes: None,
        log: log.clone(),
    }));
    let effects = RefCell::new(effects);
    watchdog(
        Arc::clone(&stop),
        Arc::clone(&done),
        Arc::clone(&last),
        interrupts.clone(),
    );
    let guard = Guard::enter(mouse)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    log.info(format_args!(
        "reader: terminal taken, {}x{}",
        size.width, size.height
    ));
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
    let on_effect = |effect: Effect, terminal: &mut Terminal<CrosstermBackend<io::Stdout>>| {
        let outcome = match effect {
            Effect::Suspend => {
                terminal::suspend(&guard)?;
                None
            }
            Effect::Copy(text) => {
                use std::io::Write;
                let out = terminal.backend_mut();
                out.write_all(effects::osc52(&text).as_bytes())?;
                out.flush()?;
                return Ok(After::Done);
            }
            Effect::OpenExternal { path, line } => {
                let commands = effects::editor_commands(|v| std::env::var(v).ok(), &path, line);
                interrupts.handed_over.store(true, Ordering::SeqCst);
                let ran = terminal::handing_over(&guard, || {
                    commands.and_then(|c| effects::run_external(&c))
                });
                interrupts.arrived.store(false, Ordering::SeqCst);
                interrupts.handed_over.store(false, Ordering::SeqCst);
                Some(ran?)
            }
            Effect::ReloadLibrary => {
                reading.borrow_mut().wanted = true;
                return Ok(After::Done);
            }
            effect => return Ok(effects.borrow_mut().carry_out(effect)),
        };
        // Redraw everything, at the size the terminal has now. Not
        // `terminal.clear()`: in ratatui 0.30 it asks the terminal for the
        // cursor position and fails when no answer comes in time, which
        // ended the program on `fg`.
        let size = terminal.size()?;
        terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
        Ok(After::Tell(match outcome {
            Some(ran) => Msg::ExternalDone(ran),
            None => Msg::from(Action::Resize {
                width: size.width,
                height: size.height,
            }),
        }))
    };
    // Test hook, debug builds only: with BRIEFING_PANIC_AFTER_START set,
    // panic on the main thread once the first frame is on screen, so the
    // pty tests can check the terminal is restored and the report shown.
    #[cfg(debug_assertions)]
    let mut panic_after_start = std::env::var_os("BRIEFING_PANIC_AFTER_START").map(|_| 0u8);
    let mut ticks = 0u32;
    let tick = |app: &App| {
        if let Ok(mut last) = last.lock() {
            if last.state_file.is_some() {
                last.state = Some(app.reading_state());
            }
            last.notes = effects
                .borrow()
                .unsaved
                .clone()
                .map(|(notes, why)| (notes_path.clone(), notes, why));
        }
        #[cfg(debug_assertions)]
        if let Some(frames) = panic_after_start.as_mut() {
            if *frames > 0 {
                panic!("BRIEFING_PANIC_AFTER_START: test panic after the first frame");
            }
            *frames += 1;
        }
        let mut news = Vec::new();
        // About once a second: has the briefing that held the notes quit?
        ticks = ticks.wrapping_add(1);
        if ticks.is_multiple_of(5) {
            news.extend(effects.borrow_mut().take_over());
        }
        for changes in watch.iter().flat_map(|w| w.news.try_iter()) {
            if changes.library {
                news.push(Msg::LibraryChanged);
            }
            // The reader's own saves change the file too: only a file that
            // is not what was last read or written here is news.
            if changes.notes && effects.borrow().store.changed_on_disk() {
                log.info(format_args!("notes: the notes file changed on disk"));
                news.push(Msg::NotesFileChanged);
            }
        }
        news.extend(reading.borrow_mut().news(log));
        news
    };
    let result = events::drive(&mut terminal, app, &stop, next_event, on_effect, tick);
    drop(guard);
    if stop.load(Ordering::Relaxed) {
        log.info(format_args!(
            "reader: stopping on a signal or because the terminal went away"
        ));
    }
    // The watchdog must not end the process while this saves.
    let last = last.lock();
    done.store(true, Ordering::Relaxed);
    drop(last);
    let effects = effects.into_inner();
    Leaving {
        state_file: effects.state_file,
        state: Some(app.reading_state()),
        notes: effects.unsaved.map(|(notes, why)| (notes_path, notes, why)),
        log: log.clone(),
    }
    .keep();
    result
}
