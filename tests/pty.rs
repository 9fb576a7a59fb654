//! The real binary in a pseudo-terminal: it draws, takes keys, quits on
//! `q` and on SIGTERM, and always gives the terminal back (main screen,
//! cursor shown, cooked mode). Every wait polls the parsed screen or the
//! byte stream for a condition; the deadlines only guard against hangs.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, ExitStatus, MasterPty, PtySize};

const ROWS: u16 = 30;
const COLS: u16 = 100;
/// A guard against hangs only, generous for a loaded CI machine.
const HANG_GUARD: Duration = Duration::from_secs(30);

const BIN: &str = env!("CARGO_BIN_EXE_briefing");

struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    /// Every byte the program wrote.
    raw: Vec<u8>,
    parser: vt100::Parser,
    disconnected: bool,
    _master: Box<dyn MasterPty + Send>,
    /// Where the program keeps its notes unless the test says otherwise,
    /// so no test writes into the real data folder.
    _data: tempfile::TempDir,
}

impl Session {
    fn spawn(mut cmd: CommandBuilder) -> Session {
        let data = tempfile::TempDir::new().expect("temp dir");
        if cmd.get_env("XDG_DATA_HOME").is_none() {
            cmd.env("XDG_DATA_HOME", data.path());
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
            _data: data,
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
        if let Some(data) = data {
            cmd.env("XDG_DATA_HOME", data);
        }
        Session::spawn(cmd)
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
                panic!("the program did not exit; screen:\n{}", self.screen());
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
    assert!(
        source_title(&s).contains("The claim that"),
        "{}",
        s.screen()
    );

    s.send("j");
    s.wait_for("the selection to move to the second entry", |s| {
        // The selected entry is drawn in reverse video.
        let inverse = |row| {
            s.parser
                .screen()
                .cell(row, 3)
                .is_some_and(vt100::Cell::inverse)
        };
        inverse(2) && !inverse(1)
    });
    // The open mark stays on the first entry.
    assert!(s.screen().contains("▸◐ The claim that"));
    s.send("\r");
    s.wait_for("the second article in the source pane", |s| {
        source_title(s).contains("As Russia’s war in Ukraine")
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
