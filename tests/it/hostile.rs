//! Untrusted text never reaches the terminal as a control sequence.
//!
//! A library of hostile articles (escape sequences of every kind, C0 and C1
//! controls, bidi overrides and invisible format characters in the text, in
//! titles, front matter, tables and lists) with hostile file names, and a
//! hostile note, rendered in every pane and overlay to a `TestBackend`: no
//! cell may hold a control, bidi or invisible format character. The
//! Markdown of `dump --markdown` and `notes export` is checked the same way.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use briefing::analysis::{Analysis, Settings};
use briefing::app::action::{Loaded, Msg};
use briefing::app::mode::Mode;
use briefing::app::{App, Pane};
use briefing::corpus::{load, LoadOptions};

use crate::harness::{char_key, send};

/// Every escape sequence and control the library is built from. Each
/// article carries all of them, so any pane that shows any part of any
/// article meets them.
const EVIL: &[&str] = &[
    "\u{1b}]0;pwned title\u{7}",                // OSC 0: window title
    "\u{1b}]2;pwned title 2\u{1b}\\",           // OSC 2, ST-terminated
    "\u{1b}]52;c;cm0gLXJmIH4K\u{7}",            // OSC 52: clipboard write
    "\u{1b}]8;;https://evil.example/\u{1b}\\x", // OSC 8: hyperlink
    "\u{1b}P+q544e\u{1b}\\",                    // DCS: XTGETTCAP
    "\u{1b}[2J\u{1b}[H",                        // CSI: clear, home
    "\u{1b}[6n",                                // CSI: cursor report request
    "\u{1b}[?1049l",                            // leave the alternate screen
    "\u{1b}c",                                  // RIS: full reset
    "\u{9b}31m",                                // 8-bit CSI
    "\u{9d}0;c1 title\u{9c}",                   // 8-bit OSC and ST
    "\u{90}c1 dcs\u{9c}",                       // 8-bit DCS
    "\u{7}\u{8}\u{7f}\u{0b}\u{0c}\u{1}\u{1f}",  // BEL BS DEL VT FF SOH US
    "\u{202e}txet desrever\u{202c}",            // RLO … PDF
    "\u{202a}\u{202b}\u{202d}",                 // LRE RLE LRO
    "\u{2066}\u{2067}\u{2068}isolated\u{2069}", // LRI RLI FSI … PDI
    "\u{200e}\u{200f}\u{61c}",                  // LRM RLM ALM
    "\u{feff}\u{2060}\u{2061}\u{206a}\u{fff9}", // BOM, word joiner, …
    "a\u{2028}b\u{2029}c",                      // line / paragraph separators
];

fn evil() -> String {
    EVIL.concat()
}

/// Characters that must never be in a rendered cell or in Markdown output.
pub fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{061c}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{feff}'
                | '\u{2060}'..='\u{2064}'
                | '\u{206a}'..='\u{206f}'
                | '\u{fff9}'..='\u{fffb}'
        )
}

/// A library of hostile articles that share topics (so key points, links,
/// related articles and topics are all populated), under hostile names.
fn hostile_library(dir: &Path) -> Vec<PathBuf> {
    let e = evil();
    let articles = [
        format!(
            "+++\ntitle = \"Front {e} matter title\"\nsource = \"{esc}\"\n+++\n\
             Tokyo liaison office {e} opens\n\n\
             NATO opened the Tokyo liaison office in 2026 {e}. The Tokyo liaison \
             office links NATO with Japan and the Indo-Pacific partners.\n\n\
             - bullet {e} about the Tokyo liaison office\n\
             1. numbered {e} item on Indo-Pacific defence spending\n\n\
             | Partner {e} | Spending |\n|---|---|\n| Japan {e} | 4.2% |\n\n\
             > A quote {e} about NATO and Japan.\n\n\
             Tabs\tinside\ttext and a lone \r carriage return and \r\n CRLF.\n",
            esc = "\\u001b]0;title\\u0007"
        ),
        format!(
            "{e}\n\n\
             The Tokyo liaison office of NATO {e} was discussed in Brussels. Japan \
             welcomed the Tokyo liaison office and Indo-Pacific defence spending \
             rose by 4.2% a year.\n\n\
             Officials said NATO and Japan {e} would meet again. The Indo-Pacific \
             partners welcomed the step.\n"
        ),
        format!(
            "## Indo-Pacific defence spending {e}\n\n\
             Indo-Pacific defence spending grew {e} as Japan and NATO deepened ties \
             through the Tokyo liaison office. Analysts expect more.\n"
        ),
    ];
    let names = [
        "evil\u{1b}]0;pwned\u{7}.txt",
        "name\u{1b}[31m\u{202e}gpj.txt",
        "c1\u{9b}2J\u{2066}\u{7f}.md",
    ];
    let mut paths = Vec::new();
    for (name, text) in names.iter().zip(&articles) {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        paths.push(p);
    }
    // A hostile folder name too, and a file in it that will be skipped (so
    // the messages overlay shows a hostile path).
    let sub = dir.join("sub\u{1b}]8;;x\u{7}dir");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("empty\u{1b}[5m.txt"), "").unwrap();
    std::fs::write(sub.join("binary\u{9b}.txt"), b"\0\0\0\x1b]0;x\x07").unwrap();
    paths
}

struct Reader {
    app: App,
    terminal: Terminal<TestBackend>,
}

impl Reader {
    fn new(dir: &Path, width: u16, height: u16) -> Reader {
        let corpus = load(&[dir.to_path_buf()], &LoadOptions::default()).unwrap();
        assert_eq!(corpus.articles.len(), 3, "{:?}", corpus.problems);
        // Three articles are too few for the calibrated threshold to mean
        // much; a low one gives every pane something to show.
        let settings = Settings {
            min_link_score: 0.05,
            ..Settings::default()
        };
        let analysis = Analysis::compute(&corpus.articles, &settings);
        // Every pane has something to show.
        assert!(!analysis.topics().is_empty(), "shared topics");
        assert!(
            (0..3).all(|a| !analysis.key_points(a).is_empty()),
            "key points"
        );
        assert!(
            (0..3).any(|a| {
                (0..corpus.articles[a].blocks.len()).any(|b| !analysis.links_for(a, b).is_empty())
            }),
            "cross-references"
        );
        let mut app = App::new(
            corpus,
            briefing::app::AppOptions {
                sources: vec![format!("src{}", evil())],
                color: false,
                ..Default::default()
            },
        );
        app.update(Msg::Loaded(Loaded::Analysis(Arc::new(analysis))));
        let mut r = Reader {
            app,
            terminal: Terminal::new(TestBackend::new(width, height)).unwrap(),
        };
        r.event(Event::Resize(width, height));
        r
    }

    fn event(&mut self, ev: Event) {
        if let Event::Resize(w, h) = ev {
            self.terminal.backend_mut().resize(w, h);
        }
        send(&mut self.app, &ev);
        let app = &self.app;
        self.terminal.draw(|f| briefing::ui::draw(f, app)).unwrap();
    }

    fn keys(&mut self, keys: &str) {
        for c in keys.chars() {
            self.event(char_key(c));
        }
    }

    fn key(&mut self, code: KeyCode) {
        let mods = if code == KeyCode::BackTab {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        self.event(Event::Key(KeyEvent::new(code, mods)));
    }

    fn ctrl(&mut self, c: char) {
        self.event(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )));
    }

    fn screen(&self) -> String {
        crate::harness::rows(self.terminal.backend().buffer()).join("\n")
    }

    fn assert_clean(&self, when: &str) {
        let buf = self.terminal.backend().buffer();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                let sym = buf[(x, y)].symbol();
                assert!(
                    !sym.chars().any(forbidden),
                    "{when}: cell ({x},{y}) holds {sym:?}\n{}",
                    self.screen()
                );
            }
        }
    }
}

/// Writes a note whose text holds every hostile sequence on the sentence
/// under the cursor of the open article, through the editor as typed.
fn add_hostile_note(r: &mut Reader) {
    r.keys(")a");
    assert!(matches!(r.app.mode(), Mode::Editor(_)), "the editor opened");
    r.assert_clean("note editor, empty");
    for c in format!("note #tag{} text", evil()).chars() {
        r.app.update(briefing::app::action::Action::Edit(
            briefing::app::editor::Edit::Insert(c),
        ));
    }
    r.event(Event::FocusGained);
    r.assert_clean("note editor with hostile text");
    r.ctrl('s');
    assert!(
        !matches!(r.app.mode(), Mode::Editor(_)),
        "the note was saved"
    );
}

#[test]
fn every_pane_and_overlay_renders_hostile_text_as_inert_symbols() {
    let dir = tempfile::TempDir::new().unwrap();
    hostile_library(dir.path());
    for (w, h) in [(160, 50), (120, 40), (100, 30), (80, 24), (50, 20), (30, 8)] {
        let when = |what: &str| format!("{w}x{h} {what}");
        let mut r = Reader::new(dir.path(), w, h);
        r.assert_clean(&when("library"));
        for i in 0..3 {
            // Open article i from the library.
            crate::harness::focus(&mut r.app, Pane::Library);
            r.keys("g");
            for _ in 0..i {
                r.keys("j");
            }
            r.key(KeyCode::Enter);
            assert_eq!(r.app.open(), Some(i));
            r.assert_clean(&when("source"));
            for _ in 0..10 {
                r.keys("}");
                r.assert_clean(&when("passage cursor moved"));
            }
            r.keys("G");
            r.assert_clean(&when("bottom"));
            r.keys("g))v)");
            r.assert_clean(&when("sentence cursor and visual mode"));
            r.key(KeyCode::Esc);
            r.key(KeyCode::Esc);
            // Key points, then cross-references, each with a selection
            // moved through every entry and opened.
            r.key(KeyCode::Tab);
            assert_eq!(r.app.focus(), Pane::KeyPoints);
            r.assert_clean(&when("key points"));
            for _ in 0..8 {
                r.keys("j");
                r.assert_clean(&when("key points moved"));
            }
            r.key(KeyCode::Enter);
            r.assert_clean(&when("key point opened"));
            r.key(KeyCode::Tab);
            r.key(KeyCode::Tab);
            if r.app.focus() != Pane::Refs {
                crate::harness::focus(&mut r.app, Pane::Refs);
            }
            r.event(Event::FocusGained);
            r.assert_clean(&when("cross-references"));
            for _ in 0..6 {
                r.keys("j");
                r.assert_clean(&when("cross-references moved"));
            }
            r.key(KeyCode::Enter);
            r.assert_clean(&when("cross-reference followed"));
            r.ctrl('o');
            r.assert_clean(&when("jumped back"));
        }
        // The topics view: the list, each topic's passages, a jump.
        r.keys("t");
        assert!(matches!(r.app.mode(), Mode::Topics { .. }));
        r.assert_clean(&when("topics"));
        for _ in 0..4 {
            r.key(KeyCode::Enter);
            r.assert_clean(&when("topic passages"));
            r.keys("j");
            r.assert_clean(&when("topic passage moved"));
            r.key(KeyCode::Esc);
            r.keys("j");
            r.assert_clean(&when("next topic"));
        }
        r.key(KeyCode::Enter);
        r.key(KeyCode::Enter);
        r.assert_clean(&when("jumped from a topic"));
        if r.app.mode().is_overlay() {
            r.key(KeyCode::Esc);
            r.key(KeyCode::Esc);
        }
        // Help and messages, scrolled to the end.
        r.key(KeyCode::F(1));
        r.assert_clean(&when("help"));
        r.keys("GGjjjjjjjjjjjjjjjj");
        r.assert_clean(&when("help scrolled"));
        r.key(KeyCode::Esc);
        r.keys("M");
        assert!(matches!(r.app.mode(), Mode::Messages { .. }));
        r.assert_clean(&when("messages"));
        r.keys("jjjjjjjj");
        r.assert_clean(&when("messages scrolled"));
        r.key(KeyCode::Esc);
        // A hostile note: the editor, the notes pane, the note in the text.
        crate::harness::focus(&mut r.app, Pane::Source);
        r.keys("g");
        add_hostile_note(&mut r);
        r.assert_clean(&when("after saving the note"));
        r.keys("n");
        crate::harness::focus(&mut r.app, Pane::Notes);
        r.event(Event::FocusGained);
        r.assert_clean(&when("notes pane"));
        if w >= 100 {
            assert!(r.screen().contains("note #tag␛"), "{}", r.screen());
        }
        r.keys("A");
        r.assert_clean(&when("all notes"));
        r.keys("#");
        r.assert_clean(&when("notes filtered by tag"));
        r.keys("#");
        r.key(KeyCode::Enter);
        r.assert_clean(&when("note shown in the text"));
        crate::harness::focus(&mut r.app, Pane::Notes);
        r.keys("e");
        r.assert_clean(&when("note editor, editing the hostile note"));
        r.key(KeyCode::Esc);
        r.key(KeyCode::Esc);
        r.keys("d");
        r.assert_clean(&when("delete question"));
        r.keys("n");
        // A status message built from the notes export path.
        r.app
            .update(Msg::StateNotSaved(format!("status {}", evil())));
        r.event(Event::FocusGained);
        r.assert_clean(&when("status message"));
    }
    // The hostile sequences are there, as visible symbols.
    let r = Reader::new(dir.path(), 200, 50);
    let screen = r.screen();
    assert!(screen.contains("␛]0;pwned"), "{screen}");
    // C1 controls and bidi overrides are shown, as U+FFFD.
    assert!(
        screen.contains("␛[6n␛[?1049l␛c�31m�0;c1 title��c1 dcs�"),
        "{screen}"
    );
}

#[test]
fn any_size_from_one_cell_to_very_large_renders_without_panic() {
    let dir = tempfile::TempDir::new().unwrap();
    hostile_library(dir.path());
    let mut r = Reader::new(dir.path(), 80, 24);
    r.key(KeyCode::Enter);
    let sizes: Vec<(u16, u16)> = (1..=12)
        .flat_map(|w| (1..=6).map(move |h| (w, h)))
        .chain([
            (1, 1),
            (500, 1),
            (1, 300),
            (600, 200),
            (37, 3),
            (61, 9),
            (109, 4),
        ])
        .collect();
    for (w, h) in sizes {
        r.event(Event::Resize(w, h));
        r.assert_clean(&format!("{w}x{h}"));
        // Keys arriving at that size.
        r.keys("j}G)v)");
        r.key(KeyCode::Esc);
        r.key(KeyCode::Esc);
        r.key(KeyCode::Tab);
        r.keys("jt");
        r.key(KeyCode::Enter);
        r.key(KeyCode::Esc);
        r.key(KeyCode::Esc);
        r.keys("?M");
        r.key(KeyCode::Esc);
        r.keys("n");
        r.assert_clean(&format!("{w}x{h} after keys"));
    }
}

// ---- the Markdown outputs of the real binary ----

fn run(args: &[&str], data: &Path) -> std::process::Output {
    crate::common::Home::with_data(data)
        .briefing()
        .args(args)
        .output()
        .unwrap()
}

fn assert_markdown_clean(md: &str, what: &str) {
    if let Some((i, c)) = md.char_indices().find(|&(_, c)| forbidden(c)) {
        panic!(
            "{what}: {c:?} at byte {i}: {:?}",
            &md[i.saturating_sub(40)..(i + 40).min(md.len())]
        );
    }
}

/// `briefing dump FORMAT` of a hostile library, which must succeed.
fn dump_hostile_library(format: &str) -> std::process::Output {
    let dir = tempfile::TempDir::new().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    hostile_library(&lib);
    let out = run(
        &["--no-config", "dump", format, lib.to_str().unwrap()],
        dir.path(),
    );
    assert!(out.status.success(), "{out:?}");
    out
}

#[test]
fn dump_markdown_of_a_hostile_library_is_clean() {
    let out = dump_hostile_library("--markdown");
    let md = String::from_utf8(out.stdout).unwrap();
    assert_markdown_clean(&md, "dump --markdown");
    assert!(md.contains("␛"), "the sequences are shown as symbols: {md}");
    // The skipped files' messages on stderr are clean too.
    let err = String::from_utf8_lossy(&out.stderr);
    assert_markdown_clean(&err, "dump stderr");
    assert!(err.contains("skipped"), "{err}");
}

#[test]
fn dump_json_of_a_hostile_library_is_clean_once_decoded() {
    let out = dump_hostile_library("--json");
    let raw = String::from_utf8(out.stdout).unwrap();
    assert_markdown_clean(&raw, "dump --json");
    // A tool that decodes the JSON and prints a string prints it safely:
    // the sequences are replaced, not escaped back into existence.
    fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
            _ => {}
        }
    }
    let value: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let mut all = Vec::new();
    strings(&value, &mut all);
    assert!(!all.is_empty());
    for s in &all {
        assert_markdown_clean(s, "a decoded dump --json string");
    }
    assert!(
        all.iter().any(|s| s.contains('␛')),
        "the sequences are shown as symbols: {all:?}"
    );
}

#[test]
fn notes_export_markdown_of_hostile_notes_is_clean() {
    let dir = tempfile::TempDir::new().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    hostile_library(&lib);
    let data = dir.path().join("data");
    // A notes file written by the reader itself: annotate through the app
    // and save with the real store.
    let corpus = load(std::slice::from_ref(&lib), &LoadOptions::default()).unwrap();
    let mut app = App::new(
        corpus,
        briefing::app::AppOptions {
            sources: Vec::new(),
            color: false,
            ..Default::default()
        },
    );
    let store_path = data.join("briefing/notes.toml");
    std::fs::create_dir_all(store_path.parent().unwrap()).unwrap();
    let (mut store, notes) = briefing::notes::Store::open(&store_path);
    app.update(Msg::NotesOpened(notes, store.access().clone()));
    crate::harness::focus(&mut app, Pane::Source);
    use briefing::app::action::{Action, Effect};
    use briefing::app::editor::Edit;
    let mut saved = false;
    for action in [Action::NextSentence, Action::Annotate]
        .into_iter()
        .chain(
            format!("hostile note {} #t{}ag", evil(), "\u{1b}[31m")
                .chars()
                .map(|c| Action::Edit(Edit::Insert(c))),
        )
        .chain([Action::SaveEdit])
    {
        for effect in app.update(action) {
            if let Effect::SaveNotes(notes) = effect {
                store.save(&notes).unwrap();
                saved = true;
            }
        }
    }
    assert!(saved, "the note was saved");
    let out = run(
        &["--no-config", "notes", "export", lib.to_str().unwrap()],
        &data,
    );
    assert!(out.status.success(), "{out:?}");
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("hostile note"), "{md}");
    assert_markdown_clean(&md, "notes export");
}
