//! The checks the fuzz targets run, shared with `tests/fuzz_regressions.rs`
//! so every crash input found becomes a regression test in `cargo test`.
//!
//! `pipeline`: bytes → decode → article → analysis → every pane drawn at a
//! size taken from the input, with a few actions, and the Markdown report.
//! Nothing may panic, and no drawn cell or Markdown line may hold a
//! control, bidi or invisible format character.
//!
//! `wrap_text`: wrapping keeps rows within the width and shows every
//! non-whitespace grapheme once, in order.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;

use briefing::analysis::{Analysis, Settings};
use briefing::app::action::{Action, Loaded, Msg};
use briefing::app::{App, AppOptions};
use briefing::corpus::{decode, Article, Corpus};
use briefing::text::layout::block_rows;
use briefing::text::wrap::{grapheme_width, wrap};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

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

const ACTIONS: [Action; 16] = [
    Action::Open,
    Action::NextParagraph,
    Action::Bottom,
    Action::FocusNext,
    Action::Down,
    Action::ToggleTopics,
    Action::ToggleHelp,
    Action::ToggleMessages,
    Action::NextSentence,
    Action::ToggleVisual,
    Action::PageDown,
    Action::JumpBack,
    Action::Close,
    Action::ToggleNotes,
    Action::Top,
    Action::PrevParagraph,
];

pub fn pipeline(data: &[u8]) {
    if data.len() < 4 {
        return;
    }
    let width = u16::from(data[0]) % 200 + 1;
    let height = u16::from(data[1]) % 70 + 1;
    let script = data[2];
    let body = &data[4..];
    let cut = body.len() * usize::from(data[3]) / 256;
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for (i, part) in [&body[..cut], &body[cut..]].into_iter().enumerate() {
        match decode(part) {
            Ok((text, _warnings)) => {
                let (a, _) = Article::new(
                    articles.len(),
                    PathBuf::from(format!("f{i}.txt")),
                    format!("f{i}.txt"),
                    text,
                );
                check_article(&a);
                articles.push(a);
            }
            Err(message) => problems.push(briefing::corpus::Problem {
                path: PathBuf::from(format!("f{i}.txt")),
                severity: briefing::corpus::Severity::Skipped,
                message,
            }),
        }
    }
    let analysis = Analysis::compute(&articles, &Settings::default());
    let md = briefing::output::report::markdown(&articles, &analysis);
    assert!(!md.chars().any(forbidden), "report: {md:?}");
    let mut app = App::new(
        Corpus { articles, problems },
        AppOptions {
            sources: vec!["fuzz".into()],
            ..AppOptions::default()
        },
    );
    app.update(Msg::Loaded(Loaded::Analysis(Arc::new(analysis))));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    app.update(Action::Resize { width, height });
    let draw = |terminal: &mut Terminal<TestBackend>, app: &App| {
        terminal.draw(|f| briefing::ui::draw(f, app)).expect("draw");
        let buf = terminal.backend().buffer();
        for cell in buf.content() {
            assert!(
                !cell.symbol().chars().any(forbidden),
                "cell holds {:?}",
                cell.symbol()
            );
        }
    };
    draw(&mut terminal, &app);
    for (i, action) in ACTIONS.iter().enumerate() {
        if script & (1 << (i % 8)) != 0 || i >= 8 && script.count_ones() as usize % 2 == 1 {
            app.update(*action);
            draw(&mut terminal, &app);
        }
    }
}

/// Structural invariants of one segmented article.
fn check_article(a: &Article) {
    let text = &a.text;
    let mut prev_end = 0;
    for b in &a.blocks {
        assert!(b.span.start <= b.span.end && b.span.end <= text.len());
        assert!(text.is_char_boundary(b.span.start) && text.is_char_boundary(b.span.end));
        assert!(b.span.start >= prev_end, "blocks overlap");
        prev_end = b.span.end;
        for w in [1, 2, 7, 40] {
            for row in block_rows(text, &a.markup, b, w) {
                let rw = row.width(text);
                assert!(
                    w < 2 || rw <= w || row_is_one_grapheme(text, &row),
                    "row {rw} wider than {w}"
                );
            }
        }
    }
    let mut prev = 0;
    for s in &a.sentences {
        assert!(s.span.start >= prev, "sentences out of order");
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        let b = &a.blocks[s.block];
        assert!(b.span.start <= s.span.start && s.span.end <= b.span.end);
        prev = s.span.end;
    }
}

fn row_is_one_grapheme(text: &str, row: &briefing::text::layout::Row) -> bool {
    use unicode_segmentation_free::graphemes_of;
    row.pieces.iter().all(|p| match p {
        briefing::text::layout::Piece::Text { span, .. } => graphemes_of(span.of(text)) <= 1,
        briefing::text::layout::Piece::Shown { text, .. } => graphemes_of(text) <= 1,
        briefing::text::layout::Piece::Deco { .. } => true,
    })
}

/// Counting graphemes without a direct dependency: wrapping `s` at width 1
/// yields one row per grapheme (or per wider grapheme).
mod unicode_segmentation_free {
    pub fn graphemes_of(s: &str) -> usize {
        super::wrap(s, 1).len()
    }
}

pub fn wrap_text(data: &[u8]) {
    let Some((&w, rest)) = data.split_first() else {
        return;
    };
    let width = usize::from(w % 40) + 2;
    let text = String::from_utf8_lossy(rest);
    let text = text.as_ref();
    let rows = wrap(text, width);
    let mut shown = String::new();
    let mut prev = 0;
    for r in &rows {
        assert!(r.start >= prev && r.start <= r.end && r.end <= text.len());
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        prev = r.end;
        let row = &text[r.clone()];
        let cols: usize = briefing::text::wrap::str_width(row);
        let one = wrap(row, 1).len() <= 1;
        assert!(cols <= width || one, "row {row:?} is {cols} > {width}");
        shown.extend(row.chars().filter(|c| !c.is_whitespace()));
    }
    let all: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert_eq!(shown, all, "every non-whitespace character once, in order");
    let _ = grapheme_width;
}
