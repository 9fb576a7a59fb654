//! Key and mouse sequences through `tui::action_for` and `App::update`,
//! checked on the screen that `ui::draw` renders into a `TestBackend`.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

use briefing::app::action::Effect;
use briefing::app::mode::Mode;
use briefing::app::{App, Pane};
use briefing::corpus::{load, LoadOptions};
use briefing::shell::events as tui;

use crate::harness::{char_key, key, send};

struct Reader {
    app: App,
    terminal: Terminal<TestBackend>,
}

impl Reader {
    fn new(paths: Vec<PathBuf>, width: u16, height: u16) -> Reader {
        let corpus = load(&paths, &LoadOptions::default()).expect("loads");
        let app = App::new(corpus, crate::harness::options("test"));
        let mut r = Reader {
            app,
            terminal: Terminal::new(TestBackend::new(width, height)).unwrap(),
        };
        r.event(Event::Resize(width, height));
        r
    }

    fn seeds(width: u16, height: u16) -> Reader {
        Reader::new(
            vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")],
            width,
            height,
        )
    }

    /// Feeds one terminal event through the key map and the app, as the
    /// real shell does, and redraws.
    fn event(&mut self, ev: Event) -> Vec<Effect> {
        if let Event::Resize(w, h) = ev {
            self.terminal.backend_mut().resize(w, h);
        }
        let effects = send(&mut self.app, &ev);
        self.draw();
        effects
    }

    fn keys(&mut self, keys: &str) -> Vec<Effect> {
        let mut effects = Vec::new();
        for c in keys.chars() {
            effects.extend(self.event(char_key(c)));
        }
        effects
    }

    fn draw(&mut self) {
        let app = &self.app;
        self.terminal.draw(|f| briefing::ui::draw(f, app)).unwrap();
    }

    fn buffer(&self) -> &Buffer {
        self.terminal.backend().buffer()
    }

    fn rows(&self) -> Vec<String> {
        crate::harness::rows(self.buffer())
    }

    fn screen(&self) -> String {
        self.rows().join("\n")
    }

    fn status(&self) -> String {
        self.rows().last().cloned().unwrap_or_default()
    }

    /// The rows of the source pane's text area (without borders), each
    /// with its gutter.
    fn source_rows(&self) -> Vec<String> {
        let src = self.app.screen().source.expect("source pane shown");
        let buf = self.buffer();
        (src.y + 1..src.y + src.height - 1)
            .map(|y| {
                (src.x + 1..src.x + src.width - 1)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect()
    }

    /// The source pane's top border, which carries the article's title.
    fn source_title_row(&self) -> String {
        let src = self.app.screen().source.expect("source pane shown");
        let buf = self.buffer();
        (src.x..src.x + src.width)
            .map(|x| buf[(x, src.y)].symbol())
            .collect()
    }

    fn corner(&self, x: u16, y: u16) -> String {
        self.buffer()[(x, y)].symbol().to_string()
    }
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

/// The first `n` words of `s`, ignoring the gutter and borders.
fn words(s: &str, n: usize) -> String {
    s.trim_matches(|c: char| c.is_whitespace() || "▌│┃".contains(c))
        .split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first row of the source pane that shows text.
fn first_text_row(r: &Reader) -> String {
    r.source_rows()
        .into_iter()
        .find(|row| !row.trim().is_empty())
        .expect("a row with text")
}

#[test]
fn enter_opens_the_selected_article_and_focuses_the_source() {
    let mut r = Reader::seeds(120, 40);
    assert_eq!(r.app.focus(), Pane::Library);
    assert_eq!(r.app.open(), Some(0));
    r.keys("j");
    assert_eq!(r.app.selected(), 1);
    assert_eq!(r.app.open(), Some(0), "moving the selection does not open");
    let effects = r.event(key(KeyCode::Enter));
    assert!(effects.is_empty());
    assert_eq!(r.app.open(), Some(1));
    assert_eq!(r.app.focus(), Pane::Source);
    let title = r.source_title_row();
    assert!(title.contains("As Russia’s war in Ukraine"), "{title}");
    // The source pane now has the thick border, the library the plain one.
    let src_x = r.app.screen().source.unwrap().x;
    assert_eq!(r.corner(src_x, 0), "┏");
    assert_eq!(r.corner(0, 0), "┌");
    assert!(
        r.status().contains("001_4b807ec969e869fb.txt"),
        "{}",
        r.status()
    );
    // The open article is marked in the library, and as being read; the
    // first article, opened at start, is in progress too.
    let rows = r.rows();
    let lib = usize::from(r.app.screen().library.unwrap().width);
    let entry = |title: &str| {
        rows.iter()
            .position(|row| row.chars().take(lib).collect::<String>().contains(title))
    };
    let (Some(second), Some(third)) = (entry("As Russia’s war"), entry("The Indo-Pac")) else {
        panic!("{}", rows.join("\n"));
    };
    assert!(rows[second].starts_with("│▸◐ "), "{}", rows[second]);
    assert!(rows[third].starts_with("│ ○ "), "{}", rows[third]);
    assert!(rows[1].starts_with("│ ◐ "), "{}", rows[1]);
}

#[test]
fn tab_and_shift_tab_switch_focus() {
    let mut r = Reader::seeds(120, 40);
    let src_x = r.app.screen().source.unwrap().x;
    assert_eq!(r.corner(0, 0), "┏");
    assert_eq!(r.corner(src_x, 0), "┌");
    r.event(key(KeyCode::Tab));
    assert_eq!(r.app.focus(), Pane::Source);
    assert_eq!(r.corner(0, 0), "┌");
    assert_eq!(r.corner(src_x, 0), "┏");
    r.event(key(KeyCode::Tab));
    assert_eq!(r.app.focus(), Pane::KeyPoints);
    r.event(key(KeyCode::Tab));
    assert_eq!(r.app.focus(), Pane::Refs);
    r.event(key(KeyCode::Tab));
    assert_eq!(r.app.focus(), Pane::Library);
    r.event(key(KeyCode::BackTab));
    assert_eq!(r.app.focus(), Pane::Refs);
    r.event(key(KeyCode::BackTab));
    r.event(key(KeyCode::BackTab));
    assert_eq!(r.app.focus(), Pane::Source);
    r.event(key(KeyCode::BackTab));
    assert_eq!(r.app.focus(), Pane::Library);
    assert_eq!(r.corner(0, 0), "┏");
    // `h` in the source pane goes back to the library too.
    r.event(key(KeyCode::Enter));
    r.keys("h");
    assert_eq!(r.app.focus(), Pane::Library);
}

#[test]
fn scrolling_keys_move_the_text_and_the_status_shows_top_and_bot() {
    let mut r = Reader::seeds(120, 40);
    r.event(key(KeyCode::Enter));
    assert!(r.status().contains("· Top"), "{}", r.status());
    let first = first_text_row(&r);

    r.keys("j");
    let after_j = first_text_row(&r);
    assert_ne!(after_j, first, "j scrolls one row");
    assert_eq!(r.source_rows()[0], r.source_rows()[0]);
    r.keys("k");
    assert_eq!(first_text_row(&r), first, "k scrolls back");
    assert!(r.status().contains("· Top"));

    let rows_before = r.source_rows();
    r.event(key(KeyCode::PageDown));
    let rows_after = r.source_rows();
    // A page down keeps a little context: the last rows of the old page
    // are near the top of the new one, and the first row is gone.
    assert!(!rows_after.contains(&rows_before[0]));
    let last_text = rows_before
        .iter()
        .rev()
        .find(|row| !row.trim().is_empty())
        .unwrap();
    let text_of = |row: &str| row.chars().skip(2).collect::<String>();
    assert!(
        rows_after[..3]
            .iter()
            .any(|row| text_of(row) == text_of(last_text)),
        "{rows_after:#?}"
    );
    assert!(r.status().contains('%'), "{}", r.status());

    r.keys("G");
    assert!(r.status().contains("· Bot"), "{}", r.status());
    let rows = r.source_rows();
    let last = rows
        .iter()
        .rev()
        .find(|row| !row.trim().is_empty())
        .unwrap();
    assert!(last.trim_end().ends_with("2019)."), "{rows:#?}");
    // The cursor is on the last block, the bio.
    assert!(r.status().contains("¶ 22/22"), "{}", r.status());

    r.keys("g");
    assert!(r.status().contains("· Top"), "{}", r.status());
    assert!(r.status().contains("¶ 1/22"), "{}", r.status());
    assert_eq!(first_text_row(&r), first);

    // Space and End/Home are page down / bottom / top too.
    r.keys(" ");
    assert!(r.status().contains('%'));
    r.event(key(KeyCode::End));
    assert!(r.status().contains("· Bot"));
    r.event(key(KeyCode::Home));
    assert!(r.status().contains("· Top"));
}

#[test]
fn braces_move_the_passage_cursor_and_highlight_it() {
    let mut r = Reader::seeds(120, 40);
    r.event(key(KeyCode::Enter));
    let marked = |r: &Reader| -> Vec<String> {
        r.source_rows()
            .into_iter()
            .filter(|row| row.starts_with('▌'))
            .collect()
    };
    assert_eq!(r.app.views()[0].cursor, 0);
    assert!(marked(&r)[0].contains("The claim that"));

    r.keys("}");
    assert_eq!(r.app.views()[0].cursor, 1);
    let m = marked(&r);
    assert!(m.len() >= 2, "every row of paragraph 2: {m:#?}");
    assert!(
        m[0].contains("Constant repetition has not answered"),
        "{m:#?}"
    );
    assert!(m[m.len() - 1].contains("practice?"), "{m:#?}");
    assert!(r.status().contains("¶ 2/22"), "{}", r.status());
    // Rows of other paragraphs are not marked.
    assert!(r
        .source_rows()
        .iter()
        .filter(|row| row.contains("The claim that"))
        .all(|row| !row.starts_with('▌')));

    r.keys("}}}");
    assert_eq!(r.app.views()[0].cursor, 4);
    assert!(marked(&r)[0].contains("Every conversation starts"));
    r.keys("{");
    assert_eq!(r.app.views()[0].cursor, 3);
    assert!(marked(&r)[0].contains("As the world gets smaller"));

    // Moving far down scrolls the cursor into view.
    for _ in 0..15 {
        r.keys("}");
    }
    assert_eq!(r.app.views()[0].cursor, 18);
    let m = marked(&r);
    assert!(!m.is_empty(), "cursor off screen");
    assert!(m[0].contains("Ultimately, nothing happened"), "{m:#?}");
    assert!(!r.status().contains("· Top"));
    // `{` at the top stays at 0.
    r.keys("g{{");
    assert_eq!(r.app.views()[0].cursor, 0);
}

#[test]
fn each_article_keeps_its_scroll_position() {
    let mut r = Reader::seeds(120, 40);
    r.event(key(KeyCode::Enter));
    r.event(key(KeyCode::PageDown));
    r.keys("jj}}");
    let view0 = r.app.views()[0];
    let screen0 = r.source_rows();
    assert_ne!(view0.top.block, 0);

    // Open the third article, scroll it.
    r.keys("h");
    r.keys("jj");
    r.event(key(KeyCode::Enter));
    assert_eq!(r.app.open(), Some(2));
    assert!(r.status().contains("· Top"));
    r.keys("G");
    let view2 = r.app.views()[2];
    assert!(r.status().contains("· Bot"));

    // Back to the first: where it was left.
    r.keys("h");
    r.keys("g");
    r.event(key(KeyCode::Enter));
    assert_eq!(r.app.open(), Some(0));
    assert_eq!(r.app.views()[0], view0);
    assert_eq!(r.source_rows(), screen0);
    // And the third kept its place too.
    r.keys("h");
    r.keys("jj");
    r.event(key(KeyCode::Enter));
    assert_eq!(r.app.views()[2], view2);
    assert!(r.status().contains("· Bot"));
}

#[test]
fn a_resize_keeps_the_top_block_and_its_text() {
    let mut r = Reader::seeds(120, 40);
    r.event(key(KeyCode::Enter));
    r.keys("jjjjjjjjjjjjjjjjj");
    let top = r.app.views()[0].top;
    let old_first = first_text_row(&r);
    let first_words = words(&old_first, 3);
    assert!(!first_words.is_empty());

    r.event(Event::Resize(70, 40));
    assert_eq!(r.app.width(), 70);
    assert_eq!(r.app.views()[0].top.block, top.block, "top block kept");
    assert!(r.app.views()[0].top.byte <= top.byte);
    // The text that was first on top is still on the top row: the row
    // holding the anchor byte.
    let new_first = first_text_row(&r);
    let first_word = words(&old_first, 1);
    assert!(
        new_first.contains(&first_word),
        "{first_word:?} not on the top row after resize: {new_first:?}"
    );
    // The panes re-tile the narrower screen.
    assert!(r.rows().iter().all(|row| row.chars().count() == 70));

    // Back to the old width: the same block is still on top.
    r.event(Event::Resize(120, 40));
    assert_eq!(r.app.views()[0].top.block, top.block);
}

#[test]
fn a_resize_round_trip_puts_back_the_same_top_row() {
    let mut r = Reader::seeds(120, 40);
    r.event(key(KeyCode::Enter));
    r.keys("jjjjjjjjjjjjjjjjj");
    let before = first_text_row(&r);
    let top = r.app.views()[0].top;
    r.event(Event::Resize(70, 40));
    r.event(Event::Resize(120, 40));
    assert_eq!(r.app.views()[0].top, top, "anchor drifted");
    assert_eq!(first_text_row(&r), before);

    // Dragging the edge: every width from 120 down to 60 and back.
    let view = r.app.views()[0];
    for w in (60..120).rev().chain(61..=120) {
        r.event(Event::Resize(w, 40));
    }
    assert_eq!(
        r.app.views()[0].top,
        view.top,
        "anchor drifted while dragging"
    );
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_it_and_clicks_open_articles() {
    let mut r = Reader::seeds(120, 40);
    let src = r.app.screen().source.unwrap();
    let lib = r.app.screen().library.unwrap();
    let first = first_text_row(&r);

    // Wheel over the source pane scrolls it, even with the library focused.
    r.event(mouse(MouseEventKind::ScrollDown, src.x + 10, src.y + 5));
    assert_eq!(r.app.focus(), Pane::Library);
    assert_ne!(first_text_row(&r), first);
    assert_eq!(r.app.selected(), 0, "library selection untouched");
    r.event(mouse(MouseEventKind::ScrollUp, src.x + 10, src.y + 5));
    // The passage cursor followed the text down, so compare without the gutter.
    assert_eq!(words(&first_text_row(&r), 30), words(&first, 30));

    // Wheel over the library moves its selection.
    r.event(mouse(MouseEventKind::ScrollDown, lib.x + 5, lib.y + 3));
    assert_eq!(r.app.selected(), 3, "scroll_lines = 3");
    assert_eq!(
        words(&first_text_row(&r), 30),
        words(&first, 30),
        "source untouched"
    );

    // A click on the fifth entry of the library opens that article.
    let above: usize = r.app.library_entries()[..4]
        .iter()
        .map(|e| e.height())
        .sum();
    r.event(mouse(
        MouseEventKind::Down(MouseButton::Left),
        lib.x + 5,
        lib.y + 1 + above as u16,
    ));
    assert_eq!(r.app.open(), Some(4));
    assert_eq!(r.app.selected(), 4);
    assert_eq!(r.app.focus(), Pane::Source);
    assert!(r.source_title_row().contains("NATO’s Tokyo Liaison Office"));

    // A click below the last entry opens nothing.
    r.event(mouse(
        MouseEventKind::Down(MouseButton::Left),
        lib.x + 5,
        lib.y + 20,
    ));
    assert_eq!(r.app.open(), Some(4));
    assert_eq!(r.app.focus(), Pane::Library);

    // A click on a source row puts the passage cursor there.
    let rows = r.source_rows();
    let y = rows
        .iter()
        .position(|row| row.contains("Introduction"))
        .unwrap();
    r.event(mouse(
        MouseEventKind::Down(MouseButton::Left),
        src.x + 10,
        src.y + 1 + u16::try_from(y).unwrap(),
    ));
    assert_eq!(r.app.focus(), Pane::Source);
    let cursor = r.app.views()[4].cursor;
    let a = &r.app.articles()[4];
    assert_eq!(a.blocks[cursor].content.of(&a.text), "Introduction");
}

#[test]
fn question_mark_opens_help_and_esc_closes_it() {
    let mut r = Reader::seeds(80, 24);
    r.keys("?");
    assert_eq!(*r.app.mode(), Mode::Help { scroll: 0 });
    let screen = r.screen();
    assert!(screen.contains("┏ Keys ━"), "{screen}");
    assert!(screen.contains("show or hide this help"), "{screen}");
    // Keys do not reach the panes while help is open.
    r.keys("jj");
    assert_eq!(r.app.selected(), 0);
    r.event(key(KeyCode::Esc));
    assert_eq!(*r.app.mode(), Mode::Normal);
    assert!(!r.screen().contains("┏ Keys ━"));
    // `?` toggles it, `q` closes it rather than quitting.
    r.keys("?");
    assert!(r.app.mode().is_overlay());
    assert!(r.keys("q").is_empty());
    assert_eq!(*r.app.mode(), Mode::Normal);
    // The messages overlay opens with M.
    r.keys("M");
    assert!(r.screen().contains("No problems while loading"));
    r.event(key(KeyCode::Esc));
    assert_eq!(*r.app.mode(), Mode::Normal);
}

#[test]
fn q_quits_from_either_pane_and_ctrl_c_from_an_overlay() {
    let mut r = Reader::seeds(80, 24);
    assert_eq!(r.keys("q"), vec![Effect::Quit]);
    r.event(key(KeyCode::Enter));
    assert_eq!(r.app.focus(), Pane::Source);
    assert_eq!(r.keys("q"), vec![Effect::Quit]);
    // In the text `?` searches backwards; F1 is the help there.
    r.event(key(KeyCode::F(1)));
    assert!(matches!(r.app.mode(), Mode::Help { .. }));
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(r.event(ctrl_c), vec![Effect::Quit]);
}

#[test]
fn the_shell_loop_runs_a_session_on_a_test_backend() {
    use ratatui::backend::Backend;
    let corpus = load(
        &[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")],
        &LoadOptions::default(),
    )
    .unwrap();
    let mut app = App::new(corpus, crate::harness::options("seeds"));
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    assert_eq!(terminal.backend().size().unwrap().width, 100);
    let mut events = vec![
        Event::Resize(100, 30),
        char_key('j'),
        key(KeyCode::Enter),
        char_key('}'),
        char_key('q'),
        char_key('j'), // never read: q quits before it
    ]
    .into_iter();
    let stop = AtomicBool::new(false);
    let mut quits = 0;
    tui::drive(
        &mut terminal,
        &mut app,
        &stop,
        || Ok(events.next()),
        |effect, _| {
            assert_eq!(effect, Effect::Quit);
            quits += 1;
            Ok(tui::After::Quit)
        },
        |_| Vec::new(),
    )
    .unwrap();
    assert_eq!(quits, 1);
    assert_eq!(app.open(), Some(1));
    assert_eq!(app.views()[1].cursor, 1);
    assert_eq!(events.count(), 1, "stopped right after q");
    // The last frame drawn shows the second article with the cursor on
    // its second paragraph.
    let buf = terminal.backend().buffer();
    let screen: String = (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect();
    assert!(
        screen.contains("┃▌ NATO has shifted from expeditionary"),
        "{screen}"
    );

    // A stop flag set (as by SIGTERM) ends the loop after one frame even
    // when no event ever comes.
    let stop = AtomicBool::new(true);
    let mut polls = 0;
    tui::drive(
        &mut terminal,
        &mut app,
        &stop,
        || {
            polls += 1;
            Ok(None)
        },
        |_, _| Ok(tui::After::Done),
        |_| Vec::new(),
    )
    .unwrap();
    assert_eq!(polls, 0);
}

// ---- hostile text never reaches the terminal ----

fn hostile_dir() -> tempfile::TempDir {
    let dir = tempfile::TempDir::new().unwrap();
    let text = "Evil \u{1b}]0;pwned title\u{7} headline \u{1b}[31mred\u{1b}[0m\n\
                \n\
                A paragraph with an OSC \u{1b}]0;title\u{7} sequence and CSI \u{1b}[2J clear. \
                An 8-bit CSI \u{9b}31m here and a bidi override \u{202e}txet desrever\u{202c} there.\n\
                \n\
                - bullet \u{1b}[1mbold\u{1b}[0m item\n\
                | cell \u{1b}[5m | \u{7f}del |\n\
                |---|---|\n\
                | \u{202e}x | \u{1b}P sixel \u{1b}\\ |\n\
                \n\
                Tabs\tand\u{8}backspaces and other C0 controls \u{1}\u{2}\u{3} and a lone \r carriage return.\n";
    std::fs::write(dir.path().join("hostile.txt"), text).unwrap();
    // A file name with an escape sequence in it.
    std::fs::write(
        dir.path().join("name\u{1b}[31m\u{202e}.txt"),
        "Plain body. Nothing odd.",
    )
    .unwrap();
    dir
}

fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}'
        )
}

fn assert_clean(r: &Reader, when: &str) {
    let buf = r.buffer();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            assert!(
                !sym.chars().any(is_unsafe),
                "{when}: cell ({x},{y}) holds {sym:?}\n{}",
                r.screen()
            );
        }
    }
}

#[test]
fn no_rendered_cell_holds_a_control_character() {
    let dir = hostile_dir();
    for (w, h) in [(120, 40), (80, 24), (50, 20), (30, 8)] {
        let mut r = Reader::new(vec![dir.path().to_path_buf()], w, h);
        assert_eq!(r.app.articles().len(), 2);
        assert_clean(&r, "library");
        for i in 0..2 {
            r.event(key(KeyCode::Tab));
            r.keys("g");
            for _ in 0..i {
                r.keys("j");
            }
            r.event(key(KeyCode::Enter));
            assert_clean(&r, "opened");
            for _ in 0..8 {
                r.keys("}");
                assert_clean(&r, "cursor moved");
            }
            r.keys("G");
            assert_clean(&r, "bottom");
        }
        r.keys("?");
        assert_clean(&r, "help");
        r.event(key(KeyCode::Esc));
        r.keys("M");
        assert_clean(&r, "messages");
    }
    // The hostile sequences are shown as inert text.
    let mut r = Reader::new(vec![dir.path().join("hostile.txt")], 120, 40);
    r.event(key(KeyCode::Enter));
    let screen = r.screen();
    assert!(screen.contains("␛]0;title␇"), "{screen}");
    assert!(screen.contains("␛[31m"), "{screen}");
}

#[test]
fn k_scrolls_help_back_up_at_once_after_overscrolling() {
    let mut r = Reader::seeds(80, 24);
    r.keys("?");
    // Scroll well past the end of the help text.
    r.keys("jjjjjjjjjjjjjjjjjjjj");
    let at_end = r.screen();
    assert!(
        at_end.contains("close"),
        "the last section is shown:\n{at_end}"
    );
    r.keys("k");
    assert_ne!(
        r.screen(),
        at_end,
        "one `k` scrolls the help back up a line"
    );
}
