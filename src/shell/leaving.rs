//! What must outlive the reader: the reading state and any notes that
//! could not be saved are kept when it stops, however it stops, and a
//! watchdog makes sure it does stop when its terminal goes away.

use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::log::Log;
use super::terminal::restore;
use crate::notes::{Note, Store};
use crate::state::{self, ReadingState};
use crate::strings;
use crate::text::sanitize::one_line;

/// What is kept when the reader stops, however it stops.
pub struct Leaving {
    pub state_file: Option<(PathBuf, state::Library)>,
    pub state: Option<ReadingState>,
    /// Notes not in the notes file: the file, every note, and why.
    pub notes: Option<(PathBuf, Vec<Note>, String)>,
    pub log: Log,
}

impl Leaving {
    /// Saves the reading state and writes unsaved notes to a recovery
    /// file, reporting on standard error (the terminal is back by now).
    pub fn keep(&self) {
        let log = &self.log;
        if let (Some((file, library)), Some(state)) = (&self.state_file, &self.state) {
            match state::save(file, library, state) {
                Ok(()) => log.info(format_args!(
                    "state: reading state saved to {}",
                    file.display()
                )),
                Err(why) => {
                    log.error(format_args!(
                        "state: cannot save to {}: {why}",
                        file.display()
                    ));
                    eprintln!("briefing: {} {}", strings::STATE_NOT_SAVED, one_line(&why));
                }
            }
        }
        let Some((file, notes, why)) = &self.notes else {
            return;
        };
        let shown = one_line(&file.display().to_string());
        log.error(format_args!(
            "notes: {} notes could not be saved to {shown}: {why}",
            notes.len()
        ));
        eprintln!(
            "briefing: the notes could not be saved to {shown}: {}",
            one_line(why)
        );
        match Store::write_recovery_for(file, notes) {
            Ok(path) => {
                log.info(format_args!(
                    "notes: recovery file written: {}",
                    path.display()
                ));
                eprintln!(
                    "briefing: all {} notes are in {}; put that file in place of {shown} to keep them",
                    notes.len(),
                    one_line(&path.display().to_string())
                );
            }
            Err(e) => {
                log.error(format_args!(
                    "notes: the recovery file could not be written: {e}"
                ));
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

/// Interrupt signals and whether they are the reader's to act on.
#[derive(Clone, Default)]
pub struct Interrupts {
    /// Set by SIGINT and SIGQUIT.
    pub arrived: Arc<AtomicBool>,
    /// The terminal is handed over to another program; interrupts are
    /// that program's.
    pub handed_over: Arc<AtomicBool>,
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
///
/// An interrupt (SIGINT, SIGQUIT) sets `stop` too, unless the terminal is
/// handed over to another program (`o`): Ctrl-C typed there reaches every
/// process of the terminal's foreground group, the reader among them, and
/// is meant for that program.
pub fn watchdog(
    stop: Arc<AtomicBool>,
    done: Arc<AtomicBool>,
    last: Arc<Mutex<Leaving>>,
    interrupts: Interrupts,
) {
    use std::io::IsTerminal;
    let watch_tty = io::stdin().is_terminal();
    std::thread::spawn(move || {
        let tick = Duration::from_millis(10);
        while !stop.load(Ordering::Relaxed) {
            if done.load(Ordering::Relaxed) {
                return;
            }
            if interrupts.arrived.swap(false, Ordering::SeqCst)
                && !interrupts.handed_over.load(Ordering::SeqCst)
            {
                stop.store(true, Ordering::Relaxed);
            }
            if watch_tty && !io::stdin().is_terminal() {
                stop.store(true, Ordering::Relaxed);
            }
            std::thread::sleep(tick);
        }
        for _ in 0..200 {
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
            last.log.warn(format_args!(
                "reader: the main loop did not stop within two seconds; leaving without it"
            ));
            last.keep();
        }
        std::process::exit(0);
    });
}
