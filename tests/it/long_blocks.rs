//! Reading an article whose middle is one paragraph of about 300 KB: the
//! reader scrolls through it, finds, jumps, resizes, annotates and reports
//! its position in it as it does in ordinary paragraphs. Driven by actions
//! and checked on the rendered screen.

use std::path::PathBuf;

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use ratatui::Terminal;

use briefing::app::action::{Action, Msg};
use briefing::app::editor::Edit;
use briefing::app::view::ScreenRow;
use briefing::app::{App, Pane};
use briefing::corpus::{Article, Corpus};
use briefing::notes::{self, Access, ArticleRef, Note};

use crate::harness::{screen, status};

/// The giant paragraph is block 2 of 5.
const GIANT: usize = 2;

fn text() -> String {
    let mut giant = String::new();
    for i in 0..4000 {
        giant.push_str(&format!(
            "Sentence {i} is about burden sharing in the alliance. "
        ));
        if i % 500 == 250 {
            giant.push_str(&format!("Quokka {i} is a rare word. "));
        }
    }
    format!(
        "A long read\n\nThe opening paragraph.\n\n{}\n\nThe closing paragraph.\n\nLast words.\n",
        giant.trim_end()
    )
}

fn app() -> App {
    let (article, _) = Article::new(0, PathBuf::from("long.txt"), "long.txt".into(), text());
    let corpus = Corpus {
        articles: vec![article],
        problems: Vec::new(),
    };
    let mut app = crate::harness::app_on(corpus, 120, 30);
    app.update(Action::Open);
    assert_eq!(app.focus(), Pane::Source);
    assert_eq!(app.articles()[0].blocks.len(), 5);
    app
}

fn buffer(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(app.width(), app.height())).unwrap();
    terminal.draw(|f| briefing::ui::draw(f, app)).unwrap();
    terminal.backend().buffer().clone()
}

fn rows(app: &App) -> Vec<ScreenRow> {
    let (w, h) = app.text_size();
    app.views()[0].screen(&app.articles()[0], w, h)
}

fn type_in(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
}

/// Goes to the first match of `query`, as `/` and Enter do.
fn find(app: &mut App, query: &str) {
    app.update(Action::FindForward);
    type_in(app, query);
    app.update(Action::PromptSubmit);
}

#[test]
fn lines_and_pages_scroll_by_rows_through_the_giant_paragraph() {
    let mut app = app();
    find(&mut app, "Sentence 2000 ");
    let before = rows(&app);
    assert!(before.iter().all(|r| r.block == GIANT));
    let h = before.len();
    app.update(Action::Down);
    assert_eq!(rows(&app)[..h - 1], before[1..]);
    app.update(Action::Up);
    app.update(Action::Up);
    assert_eq!(rows(&app)[1..], before[..h - 1]);
    app.update(Action::Down);
    assert_eq!(rows(&app), before);
    app.update(Action::PageDown);
    let page = rows(&app);
    assert!(page[0].row.as_ref().unwrap().start > before[0].row.as_ref().unwrap().start);
    assert_eq!(page[..2], before[h - 2..], "a page keeps two rows");
    app.update(Action::PageUp);
    assert_eq!(rows(&app), before);
}

#[test]
fn the_status_bar_tells_where_in_the_giant_paragraph_the_reader_is() {
    let mut app = app();
    assert!(status(&app).contains("¶ 1/5 · Top"), "{}", status(&app));
    find(&mut app, "Sentence 2000 ");
    let s = status(&app);
    assert!(s.contains("¶ 3/5 · "), "{s}");
    let percent: usize = s
        .split(" · ")
        .nth(1)
        .and_then(|p| p.split('%').next())
        .and_then(|p| p.trim().parse().ok())
        .unwrap_or_else(|| panic!("no percentage in {s}"));
    assert!((45..=55).contains(&percent), "{s}");
    app.update(Action::Bottom);
    assert!(status(&app).contains("¶ 5/5 · Bot"), "{}", status(&app));
    assert!(screen(&app).contains("Last words."));
    app.update(Action::Top);
    assert!(status(&app).contains("¶ 1/5 · Top"), "{}", status(&app));
}

#[test]
fn search_and_n_bring_each_match_in_the_giant_paragraph_on_screen() {
    let mut app = app();
    app.update(Action::FindForward);
    type_in(&mut app, "quokka");
    assert!(screen(&app).contains("Quokka 250 "), "moves as you type");
    app.update(Action::PromptSubmit);
    for i in [750, 1250, 1750] {
        app.update(Action::NextMatch);
        assert!(screen(&app).contains(&format!("Quokka {i} ")), "{i}");
        assert_eq!(app.views()[0].cursor, GIANT);
    }
    app.update(Action::PrevMatch);
    assert!(screen(&app).contains("Quokka 1250 "));
}

#[test]
fn paragraph_moves_leave_and_reenter_the_giant_paragraph() {
    let mut app = app();
    find(&mut app, "Quokka 2250");
    app.update(Action::NextParagraph);
    assert_eq!(app.views()[0].cursor, GIANT + 1);
    assert!(screen(&app).contains("The closing paragraph."));
    app.update(Action::PrevParagraph);
    assert_eq!(app.views()[0].cursor, GIANT);
    app.update(Action::PrevParagraph);
    assert_eq!(app.views()[0].cursor, GIANT - 1);
    let s = screen(&app);
    assert!(
        s.contains("The opening paragraph.") && s.contains("Sentence 0 "),
        "{s}"
    );
}

#[test]
fn resizing_in_the_giant_paragraph_keeps_the_top_row_and_comes_back() {
    let mut app = app();
    find(&mut app, "Sentence 3000 ");
    let before = rows(&app);
    let top = before[0].row.as_ref().unwrap().start;
    for (width, height) in [(90, 24), (200, 50), (61, 20)] {
        app.update(Action::Resize { width, height });
        let first = rows(&app)[0].row.clone().unwrap();
        let second = rows(&app)[1].row.clone().unwrap();
        assert!(first.start <= top && top < second.start, "{width}x{height}");
    }
    app.update(Action::Resize {
        width: 120,
        height: 30,
    });
    assert_eq!(rows(&app), before);
}

#[test]
fn a_note_in_the_middle_of_the_giant_paragraph_is_underlined_where_it_is() {
    let mut app = app();
    find(&mut app, "Quokka 1750");
    // The sentence cursor starts on the screen, not at the block's start.
    app.update(Action::NextSentence);
    let sentence = app.selected_span().unwrap();
    let a = &app.articles()[0];
    assert!(sentence.start > a.blocks[GIANT].content.start + 50_000);
    let quote = sentence.of(&a.text).to_string();
    let note = Note {
        id: notes::new_id(),
        text: "Worth a note".into(),
        tags: Vec::new(),
        created: notes::now(),
        updated: notes::now(),
        article: ArticleRef {
            path: a.display_path.clone(),
            fingerprint: notes::fingerprint(&a.text),
            source: None,
            extraction: None,
        },
        anchor: notes::Anchor::new(&a.text, sentence),
    };
    app.update(Msg::NotesOpened(vec![note], Access::ReadWrite));
    app.update(Action::Cancel);
    let b = buffer(&app);
    let s = screen(&app);
    let words: Vec<&str> = quote.split_whitespace().collect();
    let opening = words[..2].join(" ");
    let (y, line) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(&opening))
        .unwrap_or_else(|| panic!("{quote:?} not on screen:\n{s}"));
    // The opening words, not an earlier word of the same spelling (the
    // library pane is on the same row).
    let col = line[..line.find(&opening).unwrap()].chars().count();
    let cell = &b[(col as u16, y as u16)];
    assert!(
        cell.modifier.contains(Modifier::UNDERLINED),
        "{:?} at {col},{y}",
        cell
    );
}
