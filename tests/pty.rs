//! The real binary in a pseudo-terminal: it draws, takes keys, quits on
//! `q` and on SIGTERM, and always gives the terminal back (main screen,
//! cursor shown, cooked mode). Every wait polls the parsed screen or the
//! byte stream for a condition; the deadlines only guard against hangs.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, ExitStatus, MasterPty, PtySize};

use common::{Home, BIN};

const ROWS: u16 = 30;
const COLS: u16 = 100;
/// A guard against hangs only, generous for a loaded CI machine.
const HANG_GUARD: Duration = Duration::from_secs(180);

/// How many programs the tests run at once. Each analyses the library on
/// every core it finds; a dozen at once on a busy 2-core machine starved
/// the event loops for minutes.
const AT_ONCE: usize = 2;

static RUNNING: (std::sync::Mutex<usize>, std::sync::Condvar) =
    (std::sync::Mutex::new(0), std::sync::Condvar::new());

thread_local! {
    /// Slots this test's thread holds: a test that starts a second program
    /// while the first is still around runs it in the same place.
    static HELD: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// One of the `AT_ONCE` places to run a program, held until dropped.
struct Slot;

impl Slot {
    fn take() -> Slot {
        if HELD.get() == 0 {
            let (count, freed) = &RUNNING;
            let mut n = count.lock().unwrap_or_else(|e| e.into_inner());
            while *n >= AT_ONCE {
                n = freed.wait(n).unwrap_or_else(|e| e.into_inner());
            }
            *n += 1;
        }
        HELD.set(HELD.get() + 1);
        Slot
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        HELD.set(HELD.get() - 1);
        if HELD.get() == 0 {
            let (count, freed) = &RUNNING;
            let mut n = count.lock().unwrap_or_else(|e| e.into_inner());
            *n -= 1;
            freed.notify_one();
        }
    }
}

struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    /// Every byte the program wrote.
    raw: Vec<u8>,
    parser: vt100::Parser,
    disconnected: bool,
    _master: Box<dyn MasterPty + Send>,
    /// The home and XDG folders of the program (and of any shell the test
    /// starts it from), so no test touches the user's own.
    _home: Home,
    _slot: Slot,
}

impl Session {
    fn spawn(cmd: CommandBuilder) -> Session {
        Session::spawn_with_data(cmd, None)
    }

    /// Starts `cmd` with a home of its own, its data folder (notes and
    /// reading state) `data` when given.
    fn spawn_with_data(mut cmd: CommandBuilder, data: Option<&Path>) -> Session {
        let slot = Slot::take();
        let home = data.map_or_else(Home::new, Home::with_data);
        for name in home.cleared() {
            cmd.env_remove(name);
        }
        for (name, value) in home.vars() {
            cmd.env(name, value);
        }
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        // Only the child holds the slave now, so reads end when it exits.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Session {
            child,
            writer,
            output: rx,
            raw: Vec::new(),
            parser: vt100::Parser::new(
                std::num::NonZeroU16::new(ROWS).unwrap(),
                std::num::NonZeroU16::new(COLS).unwrap(),
                0,
            ),
            disconnected: false,
            _master: pair.master,
            _home: home,
            _slot: slot,
        }
    }

    fn briefing(args: &[&str]) -> Session {
        Session::briefing_with_data(args, None)
    }

    /// The program with its notes in `data` (as `XDG_DATA_HOME`).
    fn briefing_with_data(args: &[&str], data: Option<&Path>) -> Session {
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        Session::spawn_with_data(cmd, data)
    }

    /// Where `text` starts on screen, as (row, column).
    fn find(&self, text: &str) -> Option<(u16, u16)> {
        let screen = self.parser.screen();
        screen.rows(0, COLS).enumerate().find_map(|(row, line)| {
            let at = line.find(text)?;
            Some((row as u16, line[..at].chars().count() as u16))
        })
    }

    /// Takes in whatever output arrives within `wait`.
    fn pump(&mut self, wait: Duration) {
        match self.output.recv_timeout(wait) {
            Ok(bytes) => self.take(&bytes),
            Err(RecvTimeoutError::Timeout) => return,
            Err(RecvTimeoutError::Disconnected) => {
                self.disconnected = true;
                return;
            }
        }
        while let Ok(bytes) = self.output.try_recv() {
            self.take(&bytes);
        }
    }

    fn take(&mut self, bytes: &[u8]) {
        self.raw.extend_from_slice(bytes);
        self.parser.process(bytes);
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Polls until `cond` holds for the session, or panics at the guard.
    fn wait_for(&mut self, what: &str, cond: impl Fn(&Session) -> bool) {
        let deadline = Instant::now() + HANG_GUARD;
        while !cond(self) {
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!(
                    "timed out waiting for {what}; screen:\n{}\nlast bytes: {:?}",
                    self.screen(),
                    String::from_utf8_lossy(&self.raw[self.raw.len().saturating_sub(400)..])
                );
            }
            if self.disconnected {
                // Nothing more will come; one last check.
                assert!(
                    cond(self),
                    "output ended before {what}; screen:\n{}",
                    self.screen()
                );
                return;
            }
            self.pump(Duration::from_millis(50));
        }
    }

    fn wait_for_text(&mut self, text: &str) {
        let t = text.to_string();
        self.wait_for(&format!("{text:?} on screen"), move |s| {
            s.screen().contains(&t)
        });
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush");
    }

    /// Waits for the child to exit and for its last output to arrive.
    fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + HANG_GUARD;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!(
                    "the program did not exit; screen:\n{}\nlast bytes: {:?}",
                    self.screen(),
                    String::from_utf8_lossy(&self.raw[self.raw.len().saturating_sub(400)..])
                );
            }
            self.pump(Duration::from_millis(50));
        };
        // Drain until the reader sees the end of the output.
        while !self.disconnected && Instant::now() < deadline {
            self.pump(Duration::from_millis(50));
        }
        status
    }

    /// The bytes written after the program last entered the alternate
    /// screen.
    fn after_last_enter(&self) -> &[u8] {
        let enter = b"\x1b[?1049h";
        let at = find_last(&self.raw, enter)
            .unwrap_or_else(|| panic!("never entered the alternate screen: {:?}", self.raw));
        &self.raw[at + enter.len()..]
    }

    fn assert_terminal_restored(&self) {
        let tail = self.after_last_enter();
        assert!(
            contains(tail, b"\x1b[?1049l"),
            "did not leave the alternate screen: {:?}",
            String::from_utf8_lossy(tail)
        );
        assert!(
            contains(tail, b"\x1b[?25h"),
            "did not show the cursor: {:?}",
            String::from_utf8_lossy(tail)
        );
        // Mouse reporting, which the default config turns on, is off again.
        assert!(contains(&self.raw, b"\x1b[?1000h"), "mouse was captured");
        assert!(
            contains(tail, b"\x1b[?1000l"),
            "mouse capture left on: {:?}",
            String::from_utf8_lossy(tail)
        );
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Never leave a child behind when a test fails.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The title row of the source pane (right of the library pane).
/// The first seed's title: its first sentence, or once the analysis is
/// in, its topics.
fn is_first_title(title: &str) -> bool {
    title.contains("The claim that") || title.contains("NATO, Japan and Ukraine")
}

fn source_title(s: &Session) -> String {
    s.parser
        .screen()
        .rows(38, COLS - 38)
        .next()
        .unwrap_or_default()
}

/// `stty -a` settings printed after the program ran: `icanon` and `echo`
/// must be on (no leading `-`).
fn assert_cooked(stty_output: &str) {
    let tokens: Vec<&str> = stty_output
        .split(|c: char| c.is_whitespace() || c == ';')
        .collect();
    assert!(
        tokens.contains(&"icanon") && !tokens.contains(&"-icanon"),
        "icanon not restored: {stty_output}"
    );
    assert!(
        tokens.contains(&"echo") && !tokens.contains(&"-echo"),
        "echo not restored: {stty_output}"
    );
}

/// The `stty -a` output: everything after the last time the program left
/// the alternate screen.
fn stty_part(s: &Session) -> String {
    let leave = b"\x1b[?1049l";
    let at = find_last(&s.raw, leave).expect("left the alternate screen");
    String::from_utf8_lossy(&s.raw[at + leave.len()..]).into_owned()
}

#[test]
fn keys_open_an_article_and_q_quits_restoring_the_terminal() {
    let mut s = Session::briefing(&["seeds"]);
    s.wait_for_text("Library (5)");
    assert!(is_first_title(&source_title(&s)), "{}", s.screen());

    s.send("j");
    s.wait_for("the selection to move to the second entry", |s| {
        // The selected entry is drawn in reverse video.
        let inverse = |row| {
            s.parser
                .screen()
                .cell(row, 3)
                .is_some_and(vt100::Cell::inverse)
        };
        // The second entry's title, a row or two below the first entry.
        let second = (2..8u16).find(|&row| {
            let text = s.parser.screen().rows(0, COLS).nth(usize::from(row));
            text.is_some_and(|t| t.contains("As Russia’s") || t.contains("Cyber, NATO"))
        });
        second.is_some_and(inverse) && !inverse(1)
    });
    // The open mark stays on the first entry.
    assert!(s.screen().contains("▸◐ "));
    assert!(is_first_title(&s.screen()));
    s.send("\r");
    s.wait_for("the second article in the source pane", |s| {
        let t = source_title(s);
        t.contains("As Russia’s war in Ukraine") || t.contains("Cyber, NATO and Ukraine")
    });
    s.wait_for_text("001_4b807ec969e869fb.txt");
    s.send("}");
    s.wait_for_text("¶ 2/33");

    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    s.assert_terminal_restored();
}

#[test]
fn raw_mode_is_restored_after_quitting() {
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", "\"$BIN\" seeds; echo STTY-BEGIN; stty -a"]);
    cmd.env("BIN", BIN);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    let mut s = Session::spawn(cmd);
    s.wait_for_text("Library (5)");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_terminal_restored();
    let after = stty_part(&s);
    assert!(after.contains("STTY-BEGIN"), "{after}");
    assert_cooked(&after);
}

/// The pid of the one child of `pid`, from /proc.
fn only_child_of(pid: u32) -> Option<u32> {
    let children = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).ok()?;
    let mut it = children.split_whitespace();
    let first = it.next()?.parse().ok()?;
    it.next().is_none().then_some(first)
}

fn sigterm(pid: u32) {
    let st = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(st.success());
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = Session::briefing(&["seeds"]);
    s.wait_for_text("Library (5)");
    let pid = s.child.process_id().expect("pid");
    sigterm(pid);
    let status = s.wait_exit();
    assert!(status.success(), "SIGTERM is a clean exit: {status:?}");
    s.assert_terminal_restored();
}

#[test]
fn sigterm_restores_cooked_mode() {
    if !Path::new("/proc/self/task").exists() {
        eprintln!("sigterm_restores_cooked_mode: no /proc; skipped");
        return;
    }
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", "\"$BIN\" seeds; echo STTY-BEGIN; stty -a"]);
    cmd.env("BIN", BIN);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    let mut s = Session::spawn(cmd);
    s.wait_for_text("Library (5)");
    let sh = s.child.process_id().expect("pid");
    let Some(pid) = only_child_of(sh) else {
        eprintln!("sigterm_restores_cooked_mode: cannot find the child in /proc; skipped");
        s.send("q");
        s.wait_exit();
        return;
    };
    sigterm(pid);
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_terminal_restored();
    let after = stty_part(&s);
    assert!(after.contains("STTY-BEGIN"), "{after}");
    assert_cooked(&after);
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let dir = tempfile::TempDir::new().unwrap();
    let text = "Evil \u{1b}]0;pwned title\u{7} headline \u{1b}[5mblink\n\
                \n\
                A paragraph with an OSC \u{1b}]0;title\u{7} sequence and DCS \u{1b}Pq#0\u{1b}\\ here. \
                An 8-bit CSI \u{9b}6n here and a bidi override \u{202e}txet desrever\u{202c} there.\n\
                \n\
                Backspace\u{8}\u{8}\u{8} and delete \u{7f} and bell \u{7}\u{7} and \u{1b}c reset.\n";
    std::fs::write(dir.path().join("hostile.txt"), text).unwrap();
    let mut s = Session::briefing(&["--no-config", dir.path().to_str().unwrap()]);
    s.wait_for_text("Library (1)");
    s.send("\r");
    s.wait_for_text("␛]0;title␇");
    s.send("G");
    s.wait_for_text("␛c reset");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    for (what, seq) in [
        ("OSC", &b"\x1b]"[..]),
        ("DCS", b"\x1bP"),
        ("RIS", b"\x1bc"),
        ("BEL", b"\x07"),
        ("BS", b"\x08"),
        ("DEL", b"\x7f"),
        ("8-bit CSI", "\u{9b}".as_bytes()),
        ("RLO", "\u{202e}".as_bytes()),
        ("PDF", "\u{202c}".as_bytes()),
        ("cursor report request", b"\x1b[6n"),
        ("blink", b"\x1b[5m"),
    ] {
        assert!(
            !contains(&s.raw, seq),
            "the program wrote {what} ({seq:?}) to the terminal"
        );
    }
    s.assert_terminal_restored();
}

#[test]
#[should_panic(expected = "icanon not restored")]
fn the_cooked_mode_check_catches_raw_mode() {
    // The shape of `stty -a` output on Linux after a program left raw mode on.
    assert_cooked(
        "speed 38400 baud; rows 30; columns 100; line = 0;\n\
         -ignbrk -brkint -ignpar\n\
         isig -icanon -iexten -echo echoe echok -echonl",
    );
}

#[test]
fn a_note_added_in_the_reader_is_there_after_a_restart() {
    let data = tempfile::TempDir::new().unwrap();
    let mut s = Session::briefing_with_data(&["seeds"], Some(data.path()));
    s.wait_for_text("Library");
    // Open the first article, put the sentence cursor on its first
    // sentence, and annotate it.
    s.send("\r");
    s.wait_for("the source pane focused", |s| {
        s.screen().contains("Key points")
    });
    s.send(")");
    s.send("a");
    s.wait_for_text("Ctrl-S saves");
    s.send("Remember this #pty");
    s.wait_for_text("Remember this #pty");
    s.send("\x13");
    s.wait_for("the editor to close", |s| {
        !s.screen().contains("Ctrl-S saves")
    });
    s.send("q");
    assert!(s.wait_exit().success());
    let saved = std::fs::read_to_string(data.path().join("briefing/notes.toml")).unwrap();
    assert!(saved.contains("Remember this #pty"), "{saved}");

    let mut s = Session::briefing_with_data(&["seeds"], Some(data.path()));
    s.wait_for_text("Library");
    s.send("\r");
    s.send("n");
    s.wait_for_text("Remember this #pty");
    assert!(s.screen().contains("Notes (1)"), "{}", s.screen());
    // The annotated sentence is underlined and its passage marked.
    let (row, col) = s
        .find("✎The claim that")
        .unwrap_or_else(|| panic!("no note marker:\n{}", s.screen()));
    let cell = s.parser.screen().cell(row, col + 1).unwrap().clone();
    assert_eq!(cell.contents(), "T");
    assert!(cell.underline(), "the noted text is not underlined");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_terminal_restored();
}

#[test]
fn e_exports_notes_into_the_data_folder_and_shows_the_full_path() {
    let data = tempfile::TempDir::new().unwrap();
    let cwd = tempfile::TempDir::new().unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut cmd = CommandBuilder::new(BIN);
    cmd.arg(seeds.as_os_str());
    cmd.cwd(cwd.path());
    cmd.env("TERM", "xterm-256color");
    let mut s = Session::spawn_with_data(cmd, Some(data.path()));
    s.wait_for_text("Library");
    s.send("\r");
    s.wait_for("the source pane focused", |s| {
        s.screen().contains("Key points")
    });
    s.send("a");
    s.wait_for_text("Ctrl-S saves");
    s.send("Export me");
    s.wait_for_text("Export me");
    s.send("\x13");
    s.wait_for_text("Note saved.");
    s.send("n");
    s.wait_for_text("Notes (1)");
    s.send("E");
    s.wait_for_text("Notes exported to");
    let exports = data.path().join("briefing").join("exports");
    let written: Vec<PathBuf> = std::fs::read_dir(&exports)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let markdown = std::fs::read_to_string(&written[0]).unwrap();
    assert!(markdown.contains("Export me"), "{markdown}");
    let shown = written[0].display().to_string();
    assert!(s.screen().contains(&shown), "{shown}\n{}", s.screen());
    assert_eq!(std::fs::read_dir(cwd.path()).unwrap().count(), 0);
    s.send("q");
    assert!(s.wait_exit().success());
}

// ---- hardening: hostile names, every pane, signals, hangup, panic,
// resizes, suspend, and the main journey ----

/// Escape sequences and controls that must never come out of the program
/// as they went in.
const HOSTILE_SEQS: &[(&str, &str)] = &[
    ("OSC 0 title", "\u{1b}]0;pwned"),
    ("OSC 2 title", "\u{1b}]2;pwned"),
    ("OSC 52 clipboard", "\u{1b}]52;c;"),
    ("OSC 8 hyperlink", "\u{1b}]8;;"),
    ("DCS", "\u{1b}P+q"),
    ("RIS", "\u{1b}c"),
    ("cursor report", "\u{1b}[6n"),
    ("8-bit CSI", "\u{9b}"),
    ("8-bit OSC", "\u{9d}"),
    ("8-bit DCS", "\u{90}"),
    ("BEL", "\u{7}"),
    ("BS", "\u{8}"),
    ("DEL", "\u{7f}"),
    ("RLO", "\u{202e}"),
    ("LRI", "\u{2066}"),
    ("PDI", "\u{2069}"),
    ("LRM", "\u{200e}"),
];

/// A library whose articles, titles and file names all carry every
/// hostile sequence, and whose articles share topics so every pane has
/// entries.
fn hostile_library(dir: &Path) {
    let e: String = HOSTILE_SEQS.iter().map(|(_, s)| *s).collect();
    let texts = [
        format!(
            "Tokyo liaison office {e} opens\n\nNATO opened the Tokyo liaison office {e} in 2026. \
             The Tokyo liaison office links NATO with Japan.\n\n- bullet {e} item\n\n\
             | cell {e} | b |\n|---|---|\n| 1 | 2 |\n"
        ),
        format!(
            "{e} second\n\nJapan welcomed the Tokyo liaison office {e} of NATO. Japan and NATO \
             will meet again about the Tokyo liaison office.\n"
        ),
    ];
    let names = [
        "evil\u{1b}]0;pwned\u{7}.txt".to_string(),
        format!("name{e}.txt").replace('/', "_"),
    ];
    for (name, text) in names.iter().zip(&texts) {
        std::fs::write(dir.join(name), text).unwrap();
    }
    // A skipped file with a hostile name, for the messages overlay.
    std::fs::write(
        dir.join(format!("empty\u{1b}]2;pwned\u{7}{}.txt", "\u{9b}")),
        "",
    )
    .unwrap();
}

fn assert_nothing_hostile_written(s: &Session) {
    for (what, seq) in HOSTILE_SEQS {
        assert!(
            !contains(&s.raw, seq.as_bytes()),
            "the program wrote {what} ({seq:?}) to the terminal"
        );
    }
    // The program never sets the window title at all.
    assert!(!contains(&s.raw, b"\x1b]0;"), "window title set");
    assert!(!contains(&s.raw, b"\x1b]2;"), "window title set");
}

#[test]
fn hostile_file_names_and_text_in_every_pane_never_reach_the_terminal() {
    let dir = tempfile::TempDir::new().unwrap();
    hostile_library(dir.path());
    let mut s = Session::briefing(&["--no-config", dir.path().to_str().unwrap()]);
    s.wait_for_text("Library (2)");
    s.wait_for_text("evil␛]0;pwned␇");
    // Each article, read to the end.
    for i in 0..2 {
        s.send("\x1b[1;1H"); // stray input: an unknown escape is ignored
        s.send(if i == 0 { "\r" } else { "hj\r" });
        s.wait_for_text("␛]0;pwned");
        s.send("}}}G");
        s.wait_for_text("¶ ");
    }
    // Key points and cross-references, once the analysis is in: the
    // topics overlay lists shared topics only then.
    s.send("t");
    s.wait_for_text("2 articles · ");
    s.send("t");
    s.wait_for("the topics to close", |s| {
        !s.screen().contains("Shared topics")
    });
    s.send("\t");
    s.wait_for_text("Key points");
    s.send("j\t");
    s.wait_for_text("Cross-references");
    s.send("j\r");
    // The topics view, a topic's passages, help, messages, notes.
    // Overlays are closed with `t`, F1 and `q` rather than Esc: an Esc
    // still unread when the next key arrives is read as Alt-key.
    s.send("t");
    s.wait_for_text("Shared topics");
    s.send("\r");
    s.wait_for_text("Shared topics: ");
    s.send("t");
    s.wait_for("the topics to close", |s| {
        !s.screen().contains("Shared topics")
    });
    s.send("\x1bOP");
    s.wait_for_text("Keys");
    s.send("\x1bOP");
    s.wait_for("the help to close", |s| !s.screen().contains("Keys"));
    s.send("M");
    s.wait_for_text("Messages");
    s.wait_for_text("skipped");
    s.send("q");
    s.wait_for("the messages to close", |s| {
        !s.screen().contains("Messages")
    });
    s.send("n");
    s.wait_for_text("Notes");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    assert_nothing_hostile_written(&s);
    // The C1 controls and bidi marks went out as visible U+FFFD. (vt100's
    // screen model drops U+FFFD, so it is checked in the bytes.)
    assert!(contains(&s.raw, "␛[6n���␇␈␡".as_bytes()), "controls shown");
    assert!(contains(&s.raw, "�".as_bytes()), "C1 shown as U+FFFD");
    s.assert_terminal_restored();
}

fn signal(pid: u32, sig: &str) {
    let st = std::process::Command::new("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(st.success());
}

#[test]
fn sighup_sigint_and_sigquit_restore_the_terminal() {
    for sig in ["HUP", "INT", "QUIT"] {
        let mut s = Session::briefing(&["seeds"]);
        s.wait_for_text("Library (5)");
        let pid = s.child.process_id().expect("pid");
        signal(pid, sig);
        let status = s.wait_exit();
        assert!(status.success(), "SIG{sig} is a clean exit: {status:?}");
        s.assert_terminal_restored();
    }
}

#[test]
fn the_program_exits_when_the_pty_closes_and_saves_the_reading_state() {
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let _slot = Slot::take();
    let home = Home::new();
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(["seeds"]);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    for name in home.cleared() {
        cmd.env_remove(name);
    }
    for (name, value) in home.vars() {
        cmd.env(name, value);
    }
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    // Read until the first frame is drawn, open the third article, read
    // until it is on screen, then stop reading and close every handle on
    // the master side: the terminal hangs up.
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut screen = vt100::Parser::new(
            std::num::NonZeroU16::new(ROWS).unwrap(),
            std::num::NonZeroU16::new(COLS).unwrap(),
            0,
        );
        let mut buf = [0u8; 8192];
        // The library, then the status bar naming the third article's file:
        // the library lists titles, so it shows only once that article is
        // open.
        let mut waiting_for: &[&str] = &["Library", "002_bbe585cf3864ca75.txt"];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            screen.process(&buf[..n]);
            if screen.screen().contents().contains(waiting_for[0]) {
                let _ = tx.send(());
                waiting_for = &waiting_for[1..];
                if waiting_for.is_empty() {
                    break;
                }
            }
        }
        // `reader` is dropped here.
    });
    rx.recv_timeout(HANG_GUARD).expect("the first frame");
    writer.write_all(b"jj\r").unwrap();
    writer.flush().unwrap();
    rx.recv_timeout(HANG_GUARD)
        .expect("the third article on screen");
    drop(writer);
    drop(pair.master);
    let deadline = Instant::now() + HANG_GUARD;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the program kept running after its terminal closed");
        }
        thread::sleep(Duration::from_millis(50));
    };
    // A hangup is a stop like SIGHUP; an I/O error on the dead terminal is
    // reported with exit code 1. Either way it stopped, and it saved where
    // the reader was.
    eprintln!("exit after the pty closed: {status:?}");
    let state = home.data().join("briefing/state.toml");
    let saved = std::fs::read_to_string(&state)
        .unwrap_or_else(|e| panic!("no reading state saved at {}: {e}", state.display()));
    assert!(
        saved.contains("last = \"002_bbe585cf3864ca75.txt\""),
        "{saved}"
    );
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the panic hook is in debug builds only"
)]
fn a_panic_restores_the_terminal_and_then_prints_a_report() {
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(["seeds"]);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("BRIEFING_PANIC_AFTER_START", "1");
    cmd.env("RUST_BACKTRACE", "0");
    let mut s = Session::spawn(cmd);
    let status = s.wait_exit();
    assert!(!status.success(), "a panic is a failure: {status:?}");
    s.assert_terminal_restored();
    // The report comes after the terminal left the alternate screen, so it
    // is readable on the main screen.
    let after = stty_part(&s);
    assert!(
        after.contains("briefing stopped on an internal error"),
        "no report after the restore: {after:?}"
    );
    assert!(after.contains("BRIEFING_PANIC_AFTER_START"), "{after:?}");
    assert!(s.screen().contains("internal error"), "{}", s.screen());
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the panic hook is in debug builds only"
)]
fn a_panic_leaves_cooked_mode_behind() {
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", "\"$BIN\" seeds; echo STTY-BEGIN; stty -a"]);
    cmd.env("BIN", BIN);
    cmd.env("BRIEFING_PANIC_AFTER_START", "1");
    cmd.env("RUST_BACKTRACE", "0");
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    let mut s = Session::spawn(cmd);
    s.wait_exit();
    s.assert_terminal_restored();
    let after = stty_part(&s);
    assert!(after.contains("STTY-BEGIN"), "{after}");
    assert_cooked(&after);
}

#[test]
fn rapid_resizes_while_keys_arrive_do_not_panic() {
    let mut s = Session::briefing(&["seeds"]);
    s.wait_for_text("Library (5)");
    let sizes: &[(u16, u16)] = &[
        (1, 1),
        (2, 1),
        (1, 3),
        (5, 2),
        (24, 80),
        (3, 300),
        (200, 500),
        (10, 40),
        (30, 61),
        (30, 109),
        (30, 110),
        (12, 59),
    ];
    let keys = ["j", "}", "\t", "G", "t", "\x1b", "j", "\t"];
    for key in keys {
        for &(rows, cols) in sizes {
            s._master
                .resize(PtySize {
                    rows,
                    cols,
                    pixel_width: 0,
                    pixel_height: 0,
                })
                .unwrap();
            s.send(key);
            s.pump(Duration::from_millis(1));
        }
    }
    s._master
        .resize(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    // A fresh screen, so the wait is for a frame drawn after the keys and
    // resizes were sent (queued output of earlier tall sizes can end it
    // sooner, never later).
    s.parser = vt100::Parser::new(
        std::num::NonZeroU16::new(ROWS).unwrap(),
        std::num::NonZeroU16::new(COLS).unwrap(),
        0,
    );
    s.wait_for("a whole frame at the final size", |s| {
        s.parser
            .screen()
            .rows(0, COLS)
            .nth(usize::from(ROWS) - 1)
            .is_some_and(|row| !row.trim().is_empty())
    });
    // SIGTERM ends it from whatever pane or overlay the keys left open.
    // (Not Ctrl-C: after this storm a Ctrl-C is sometimes not taken as
    // quit while other keys still work; that is a known open problem.)
    sigterm(s.child.process_id().expect("pid"));
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_terminal_restored();
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_resumes_with_a_full_redraw() {
    if !Path::new("/bin/bash").exists() {
        eprintln!("ctrl_z_suspends…: no /bin/bash for job control; skipped");
        return;
    }
    let mut cmd = CommandBuilder::new("/bin/bash");
    cmd.args(["--norc", "--noprofile", "-i"]);
    cmd.env("PS1", "READY$ ");
    cmd.env("BIN", BIN);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    let mut s = Session::spawn(cmd);
    s.wait_for_text("READY$");
    s.send("\"$BIN\" seeds\r");
    s.wait_for_text("Library (5)");
    s.send("j\r");
    s.wait_for_text("001_4b807ec969e869fb.txt");
    s.send("\x1a"); // Ctrl-Z
    s.wait_for("the shell to report the stopped job", |s| {
        s.screen().contains("Stopped") && !s.screen().contains("Library (5)")
    });
    // Back in the shell: main screen, cooked mode (the shell echoes).
    let left = s.raw.len();
    s.send("fg\r");
    s.wait_for("a full redraw after fg", |s| {
        let screen = s.screen();
        screen.contains("Key points") && screen.contains("001_4b807ec969e869fb.txt")
    });
    let resumed = &s.raw[left..];
    assert!(
        contains(resumed, b"\x1b[?1049h"),
        "the alternate screen was entered again"
    );
    // The reader state survived: same article open.
    s.send("q");
    s.wait_for("the shell prompt after quitting", |s| {
        s.screen().contains("READY$") && !s.screen().contains("Library (5)")
    });
    s.assert_terminal_restored();
    s.send("exit\r");
    s.wait_exit();
}

#[test]
fn journey_open_read_follow_a_reference_come_back_annotate_and_quit() {
    let data = tempfile::TempDir::new().unwrap();
    let mut s = Session::briefing_with_data(&["seeds"], Some(data.path()));
    s.wait_for_text("Library (5)");
    // Open the first article and read a little.
    s.send("\r");
    s.wait_for("the source pane focused, key points beside it", |s| {
        s.screen().contains("Key points") && is_first_title(&source_title(s))
    });
    s.send("jjk");
    s.wait_for_text("¶ 1/");
    // At 100 columns the left column shows key points and
    // cross-references; Tab twice reaches the cross-references, whose
    // first entry links the first passage to another article.
    s.send("\t\t");
    s.wait_for("a cross-reference to follow (the analysis is in)", |s| {
        s.screen().contains("↗ ")
    });
    s.send("\r");
    s.wait_for("the linked article in the source pane", |s| {
        let t = source_title(s);
        !is_first_title(&t) && !t.trim().is_empty()
    });
    let target = source_title(&s);
    // Back where we were with Ctrl-O.
    s.send("\x0f");
    s.wait_for("the first article again after Ctrl-O", |s| {
        is_first_title(&source_title(s))
    });
    // Forward again with Alt-→ and back with Backspace.
    s.send("\x1b[1;3C");
    s.wait_for("forward to the linked article", |s| {
        source_title(s) == target
    });
    s.send("\x7f");
    s.wait_for("back again", |s| is_first_title(&source_title(s)));
    // Annotate the first sentence.
    s.send(")a");
    s.wait_for_text("Ctrl-S saves");
    s.send("Journey note #e2e");
    s.wait_for_text("Journey note #e2e");
    s.send("\x13");
    s.wait_for("the editor to close", |s| {
        !s.screen().contains("Ctrl-S saves")
    });
    s.send("n");
    s.wait_for_text("Notes (1)");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_terminal_restored();
    let saved = std::fs::read_to_string(data.path().join("briefing/notes.toml")).unwrap();
    assert!(saved.contains("Journey note #e2e"), "{saved}");
}

#[test]
fn a_restart_opens_the_article_where_the_reader_left_off() {
    let data = tempfile::TempDir::new().unwrap();
    let mut s = Session::briefing_with_data(&["seeds"], Some(data.path()));
    s.wait_for_text("Library");
    s.send("jj\r");
    s.wait_for("the third article open", |s| {
        source_title(s).contains("Indo-Pacific Defense Pact")
    });
    s.send(" ");
    s.wait_for("a page down", |s| !s.screen().contains("· Top"));
    let status = |s: &Session| s.screen().lines().last().unwrap_or("").to_string();
    let before = status(&s);
    s.send("q");
    assert!(s.wait_exit().success());
    let saved = std::fs::read_to_string(data.path().join("briefing/state.toml")).unwrap();
    assert!(
        saved.contains("last = \"002_bbe585cf3864ca75.txt\""),
        "{saved}"
    );

    let mut s = Session::briefing_with_data(&["seeds"], Some(data.path()));
    s.wait_for("the same article", |s| {
        source_title(s).contains("Indo-Pacific Defense Pact")
    });
    let pos = before
        .split("¶")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    s.wait_for("the same passage", move |s| {
        s.screen().contains(&format!("¶ {pos}"))
    });
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn quitting_with_unsaved_notes_writes_a_recovery_file_and_says_where() {
    let data = tempfile::TempDir::new().unwrap();
    // Not following changes on disk, the reader does not merge a notes
    // file another program wrote: it refuses to save over it.
    let config = data.path().join("config.toml");
    std::fs::write(&config, "[library]\nwatch = false\n").unwrap();
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", "\"$BIN\" --config \"$CONFIG\" seeds; echo EXITED-$?"]);
    cmd.env("BIN", BIN);
    cmd.env("CONFIG", &config);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    let mut s = Session::spawn_with_data(cmd, Some(data.path()));
    s.wait_for_text("Library (5)");
    s.send("\r");
    s.wait_for("the source pane focused", |s| {
        s.screen().contains("Key points")
    });
    // Another program writes the notes file behind the reader's back, so
    // the save is refused rather than throwing its contents away.
    let file = data.path().join("briefing/notes.toml");
    std::fs::write(&file, "version = 1\n# edited elsewhere\n").unwrap();
    s.send(")a");
    s.wait_for_text("Ctrl-S saves");
    s.send("Unsaved thought");
    s.wait_for_text("Unsaved thought");
    s.send("\x13");
    s.wait_for_text("Notes NOT saved");
    s.send("q");
    s.wait_for_text("EXITED-0");
    s.assert_terminal_restored();
    let screen = s.screen();
    assert!(screen.contains("notes could not be saved"), "{screen}");
    assert!(screen.contains("notes.toml.recovered-"), "{screen}");
    let recovered: Vec<_> = std::fs::read_dir(data.path().join("briefing"))
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("notes.toml.recovered-")
        })
        .collect();
    assert_eq!(recovered.len(), 1, "one recovery file");
    let text = std::fs::read_to_string(recovered[0].path()).unwrap();
    assert!(text.contains("Unsaved thought"), "{text}");
    // The file the other program wrote is untouched.
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "version = 1\n# edited elsewhere\n"
    );
}

/// Starts the reader on the seeds with `--log log` and its analysis cache
/// in `cache`, waits until the log has `last`, quits, and returns the log
/// and every byte the reader wrote to the terminal.
fn read_with_log(log: &Path, cache: &Path, last: &str) -> (String, Vec<u8>) {
    let mut cmd = CommandBuilder::new("sh");
    cmd.args([
        "-c",
        "XDG_CACHE_HOME=\"$CACHE\" exec \"$BIN\" --log \"$LOG\" seeds",
    ]);
    cmd.env("BIN", BIN);
    cmd.env("CACHE", cache);
    cmd.env("LOG", log);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    let mut s = Session::spawn(cmd);
    s.wait_for_text("Library (5)");
    s.wait_for(&format!("{last:?} in the log"), |_| {
        std::fs::read_to_string(log).is_ok_and(|t| t.contains(last))
    });
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_terminal_restored();
    (std::fs::read_to_string(log).unwrap(), s.raw.clone())
}

#[test]
fn the_log_follows_the_reader_and_the_next_start_hits_the_cache() {
    let dir = tempfile::TempDir::new().unwrap();
    let cache = dir.path().join("cache");
    let first = dir.path().join("first.log");
    let (log, raw) = read_with_log(&first, &cache, "cache: writing the fresh analysis took");
    for line in [
        "INFO  config: none read, the built-in defaults apply",
        "INFO  notes: 0 notes read from ",
        "INFO  state: no reading state yet in ",
        "INFO  load: reading seeds",
        "DEBUG load: read seeds/004_f63db3840d110e6e.txt (",
        "INFO  load: 5 articles read in ",
        "INFO  reader: terminal taken, 100x30",
        "INFO  cache: miss after ",
        "DEBUG analysis: step 6/6 (key points) took ",
        "INFO  analysis: 5 articles analysed in ",
        "INFO  state: reading state saved to ",
        "INFO  reader: stopped",
    ] {
        assert!(log.contains(line), "{line:?} missing from:\n{log}");
    }
    // The log is never drawn.
    for text in ["load: read", "DEBUG", "cache: miss"] {
        assert!(
            !contains(&raw, text.as_bytes()),
            "{text:?} written to the terminal"
        );
    }

    let second = dir.path().join("second.log");
    let (log, raw) = read_with_log(&second, &cache, "cache: hit");
    assert!(
        log.contains("INFO  cache: hit: the analysis of 5 articles read in "),
        "{log}"
    );
    assert!(!log.contains("analysis: step"), "{log}");
    assert!(!contains(&raw, b"cache: hit"));
}

#[test]
fn a_terminal_is_no_log_file() {
    let mut s = Session::briefing(&["--no-config", "--log", "/dev/tty", "seeds"]);
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 2, "{status:?}");
    let screen = s.screen();
    assert!(
        screen.contains("briefing: cannot log to /dev/tty: it is a terminal; name a file"),
        "{screen}"
    );
    // The reader never started.
    assert!(!contains(&s.raw, b"\x1b[?1049h"), "{screen}");
}

/// A stand-in editor: writes its arguments, one a line, to `args.txt`
/// beside itself, and exits.
fn recording_editor(dir: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join("editor.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/args.txt\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

#[test]
fn o_opens_the_editor_at_the_passage_line_and_the_reader_redraws_after() {
    let dir = tempfile::TempDir::new().unwrap();
    let script = recording_editor(dir.path());
    let mut cmd = CommandBuilder::new(BIN);
    cmd.arg("seeds");
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("VISUAL");
    // A command with an argument, split into words without a shell.
    cmd.env("EDITOR", format!("{} --wait", script.display()));
    let mut s = Session::spawn(cmd);
    s.wait_for_text("Library (5)");
    s.send("\r");
    s.wait_for("the source pane focused", |s| {
        s.screen().contains("Key points")
    });
    s.send("}}");
    s.wait_for_text("¶ 3/");
    let before = s.raw.len();
    s.send("o");
    let args_file = dir.path().join("args.txt");
    s.wait_for("the editor to run", |_| args_file.exists());
    s.wait_for("the reader to be drawn again", |s| {
        s.raw.len() > before && contains(&s.raw[before..], b"\x1b[?1049h") && {
            let screen = s.screen();
            screen.contains("Key points") && screen.contains("¶ 3/")
        }
    });
    let args = std::fs::read_to_string(&args_file).unwrap();
    let args: Vec<&str> = args.lines().collect();
    assert_eq!(args.len(), 3, "{args:?}");
    assert_eq!(args[0], "--wait");
    // The third passage of the seed starts on its fifth line.
    assert_eq!(args[1], "+5");
    assert!(args[2].ends_with("000_7c178ee40d6fe1ab.txt"), "{args:?}");
    let handed = &s.raw[before..];
    assert!(
        contains(handed, b"\x1b[?1049l"),
        "the alternate screen was left for the editor"
    );
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_terminal_restored();
}

#[test]
fn an_editor_that_cannot_start_leaves_the_reader_working_and_says_why() {
    let mut cmd = CommandBuilder::new(BIN);
    cmd.arg("seeds");
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("VISUAL");
    cmd.env("EDITOR", "/nonexistent/briefing-test-editor");
    let mut s = Session::spawn(cmd);
    s.wait_for_text("Library (5)");
    s.send("\r");
    s.wait_for("the source pane focused", |s| {
        s.screen().contains("Key points")
    });
    s.send("o");
    s.wait_for_text("Could not open the article");
    assert!(
        s.screen().contains("/nonexistent/briefing-test-editor"),
        "{}",
        s.screen()
    );
    // Keys still work in the reader, and it quits cleanly.
    s.send("}");
    s.wait_for_text("¶ 2/");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_terminal_restored();
}

#[test]
fn ctrl_c_in_the_editor_is_the_editors_and_the_reader_carries_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::TempDir::new().unwrap();
    // An editor interrupted by Ctrl-C: the interrupt reaches the whole
    // foreground process group, the reader included. The editor carries
    // on past the reader's two-second grace for stopping.
    let script = dir.path().join("editor.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\ntrap '' INT\nkill -INT 0\nsleep 3\ntouch \"$(dirname \"$0\")/done\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut cmd = CommandBuilder::new(BIN);
    cmd.arg("seeds");
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("VISUAL");
    cmd.env("EDITOR", script.as_os_str());
    let mut s = Session::spawn(cmd);
    s.wait_for_text("Library (5)");
    s.send("\r");
    s.wait_for("the source pane focused", |s| {
        s.screen().contains("Key points")
    });
    let before = s.raw.len();
    s.send("o");
    let done = dir.path().join("done");
    s.wait_for("the editor to finish", |_| done.exists());
    s.wait_for("the reader to be drawn again", |s| {
        contains(&s.raw[before..], b"\x1b[?1049h") && s.screen().contains("Key points")
    });
    s.send("}");
    s.wait_for_text("¶ 2/");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_terminal_restored();
}

/// An article of `n` numbered paragraphs, each with words of its own.
fn numbered(n: usize) -> String {
    (1..=n)
        .map(|i| format!("Paragraph {i} tells of harbour number {i} and its {i} cranes."))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The screen row that shows `text`, if any.
fn row_of(s: &Session, text: &str) -> Option<u16> {
    s.find(text).map(|(row, _)| row)
}

#[test]
fn an_article_added_on_disk_appears_in_the_library_pane_in_its_place() {
    let lib = tempfile::TempDir::new().unwrap();
    std::fs::write(
        lib.path().join("alpha.txt"),
        "Alpha harbour report.\n\nThe cranes were idle.",
    )
    .unwrap();
    std::fs::write(
        lib.path().join("charlie.txt"),
        "Charlie harbour report.\n\nThe quays were full.",
    )
    .unwrap();
    let mut s = Session::briefing(&[lib.path().to_str().unwrap()]);
    s.wait_for_text("Library (2)");
    s.wait_for_text("charlie.txt");

    std::fs::write(
        lib.path().join("bravo.txt"),
        "Bravo harbour report.\n\nThe ships were late.",
    )
    .unwrap();
    s.wait_for_text("Library (3)");
    s.wait_for_text("1 article added: bravo.txt");
    let (alpha, bravo, charlie) = (
        row_of(&s, "alpha.txt").unwrap(),
        row_of(&s, "bravo.txt").unwrap(),
        row_of(&s, "charlie.txt").unwrap(),
    );
    assert!(alpha < bravo && bravo < charlie, "{}", s.screen());
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_terminal_restored();
}

#[test]
fn an_edit_above_the_cursor_keeps_the_same_passage_under_it_on_its_row() {
    let lib = tempfile::TempDir::new().unwrap();
    let file = lib.path().join("port.txt");
    std::fs::write(&file, numbered(40)).unwrap();
    let mut s = Session::briefing(&[lib.path().to_str().unwrap()]);
    s.wait_for_text("Library (1)");
    s.send("\r");
    s.wait_for_text("¶ 1/40");
    s.send(&"}".repeat(12));
    s.wait_for_text("¶ 13/40");
    let passage = "▌ Paragraph 13 tells";
    s.wait_for_text(passage);
    let row = row_of(&s, passage).unwrap();
    assert!(
        row_of(&s, "Paragraph 11 tells").is_some_and(|r| r < row),
        "paragraph 11 is on screen above the cursor:\n{}",
        s.screen()
    );

    // An editor inserts a paragraph above the cursor, on screen.
    let edited = numbered(40).replace(
        "Paragraph 11 tells",
        "A new paragraph about the dredging contract.\n\nParagraph 11 tells",
    );
    std::fs::write(&file, edited).unwrap();
    // The status bar, drawn last, says the article changed once the
    // frame with the new text is on screen.
    s.wait_for("the changed article drawn", |s| {
        let screen = s.screen();
        screen.contains("1 article changed: port.txt")
            && screen.contains("A new paragraph about the dredging")
    });
    assert_eq!(
        row_of(&s, passage),
        Some(row),
        "the same passage under the cursor, on the same row:\n{}",
        s.screen()
    );
    // The next key clears the message: the cursor is on the 14th of 41
    // paragraphs now.
    s.send("\x1b");
    s.wait_for_text("¶ 14/41");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_terminal_restored();
}

#[test]
fn a_notes_file_written_by_another_program_is_merged_and_saved_with_new_notes() {
    let data = tempfile::TempDir::new().unwrap();
    let mut s = Session::briefing_with_data(&["seeds"], Some(data.path()));
    s.wait_for_text("Library (5)");
    s.send("\r");
    s.wait_for("the source pane focused", |s| {
        s.screen().contains("Key points")
    });
    // A note written here and saved.
    s.send(")a");
    s.wait_for_text("Ctrl-S saves");
    s.send("Written here");
    s.send("\x13");
    s.wait_for_text("Note saved.");
    let file = data.path().join("briefing/notes.toml");
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("Written here"), "{saved}");
    // Another machine's sync tool adds a note of its own to the file.
    let theirs = saved
        .split("[[notes]]")
        .nth(1)
        .unwrap()
        .replace("text = \"Written here\"", "text = \"From the laptop\"")
        .replacen("id = \"", "id = \"laptop-", 1);
    std::fs::write(&file, format!("{saved}\n[[notes]]{theirs}")).unwrap();
    s.wait_for_text("Notes file read again and merged");
    s.send("n");
    s.wait_for_text("Notes (2)");
    s.wait_for_text("From the laptop");
    // A note added now is saved with both. Shift-Tab goes back to the
    // source pane, whose border is drawn heavy when focused.
    s.send("\x1b[Z");
    s.wait_for("the source pane focused again", |s| {
        s.parser
            .screen()
            .rows(0, COLS)
            .next()
            .is_some_and(|top| top.chars().nth(38) == Some('┏'))
    });
    s.send(")a");
    s.wait_for_text("Ctrl-S saves");
    s.send("Written later");
    s.send("\x13");
    s.wait_for_text("Notes (3)");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_terminal_restored();
    let saved = std::fs::read_to_string(&file).unwrap();
    for text in ["Written here", "From the laptop", "Written later"] {
        assert!(saved.contains(text), "{text} in {saved}");
    }
}
