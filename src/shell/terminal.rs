//! The terminal: taking it (raw mode, alternate screen, mouse, bracketed
//! paste) and always giving it back in the state it was found, on quit,
//! on error, on panic, on a signal, and around a suspend.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::{cursor, event, execute, terminal};

use crate::strings;

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
        // Reading a PDF catches its panics and skips the file.
        if crate::corpus::pdf::panic_is_contained() {
            return;
        }
        restore();
        eprintln!("briefing stopped on an internal error; the terminal has been restored.");
        eprintln!("Please report this, with the message below:");
        previous(info);
    }));
}

/// Restores the terminal when dropped, so early returns and errors do too.
pub struct Guard {
    mouse: bool,
}

impl Guard {
    pub fn enter(mouse: bool) -> io::Result<Guard> {
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

/// Hands the terminal to `run` (a program the user works in, such as an
/// editor) and takes it again afterwards, whatever `run` returned.
pub fn handing_over<T>(guard: &Guard, run: impl FnOnce() -> T) -> io::Result<T> {
    restore();
    let outcome = run();
    guard.setup()?;
    Ok(outcome)
}

/// Hands the terminal back and stops the process until the shell resumes
/// it, then takes the terminal again.
pub fn suspend(guard: &Guard) -> io::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    guard.setup()
}
