//! Flows through the analysis panes: following cross-references and key
//! points, the jump history across articles, and the topic view, driven by
//! actions and checked on the rendered screen.

use std::path::PathBuf;
use std::sync::Arc;

use briefing::analysis::{Analysis, Settings, Step};
use briefing::app::action::{Action, Loaded, Msg};
use briefing::app::mode::Mode;
use briefing::app::{App, Pane, RefItem};
use briefing::corpus::{self, LoadOptions};

use crate::harness::{screen, seeds_app as app};

fn article_named(app: &App, prefix: &str) -> usize {
    app.articles()
        .iter()
        .position(|a| a.display_path.starts_with(prefix))
        .unwrap()
}

/// Opens the article named `prefix` and focuses its key points.
fn open_key_points(app: &mut App, prefix: &str) -> usize {
    let id = article_named(app, prefix);
    for _ in 0..id {
        app.update(Action::Down);
    }
    assert_eq!(app.selected(), id);
    app.update(Action::Open);
    app.update(Action::FocusNext);
    assert_eq!(app.focus(), Pane::KeyPoints);
    id
}

/// Moves the passage cursor of the open article to the first block whose
/// text contains `needle`.
fn cursor_to(app: &mut App, needle: &str) -> usize {
    let id = app.open().unwrap();
    let target = app.articles()[id]
        .blocks
        .iter()
        .position(|b| b.span.of(&app.articles()[id].text).contains(needle))
        .unwrap();
    crate::harness::focus(app, Pane::Source);
    while app.views()[id].cursor < target {
        app.update(Action::NextParagraph);
    }
    assert_eq!(app.views()[id].cursor, target);
    target
}

#[test]
fn following_a_cross_reference_and_coming_back() {
    let mut app = app(140, 40);
    let from = article_named(&app, "000");
    let tokyo = article_named(&app, "004");
    assert_eq!(app.open(), Some(from));
    let block = cursor_to(&mut app, "liaison office in Tokyo");

    app.update(Action::FocusNext);
    app.update(Action::FocusNext);
    assert_eq!(app.focus(), Pane::Refs);
    let Some(RefItem::Link(link)) = app.ref_items().first().copied() else {
        panic!("no link from the liaison paragraph")
    };
    assert_eq!(link.article, tokyo);
    assert!(
        link.because
            .iter()
            .any(|b| b.starts_with("liaison office in Tokyo")),
        "{:?}",
        link.because
    );
    let (target_block, target_span) = (link.block, link.span);
    let shown = screen(&app);
    assert!(shown.contains("shares: liaison office in Tokyo"), "{shown}");

    app.update(Action::Open);
    assert_eq!(app.open(), Some(tokyo));
    assert_eq!(app.focus(), Pane::Source);
    assert_eq!(app.views()[tokyo].cursor, target_block);
    assert_eq!(app.highlight(), Some((tokyo, target_span)));
    let first_words: String = app.articles()[tokyo].blocks[target_block]
        .content
        .of(&app.articles()[tokyo].text)
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        screen(&app).contains(&first_words),
        "the linked passage is not on screen"
    );

    app.update(Action::JumpBack);
    assert_eq!(app.open(), Some(from));
    assert_eq!(app.views()[from].cursor, block);
    app.update(Action::JumpForward);
    assert_eq!(app.open(), Some(tokyo));
    assert_eq!(app.views()[tokyo].cursor, target_block);
}

#[test]
fn a_key_point_jumps_to_its_sentence() {
    let mut app = app(140, 40);
    let id = open_key_points(&mut app, "004");
    assert!(screen(&app).contains("Key points (5)"));
    app.update(Action::Bottom);
    let kp = app.key_points().last().cloned().unwrap();
    app.update(Action::Open);
    assert_eq!(app.views()[id].cursor, kp.block);
    assert_eq!(app.highlight(), Some((id, kp.span)));
    app.update(Action::JumpBack);
    assert_eq!(app.views()[id].cursor, 0);
}

#[test]
fn a_very_long_key_point_is_shortened_in_the_pane_but_jumps_to_the_whole_sentence() {
    let mut app = app(120, 40);
    let id = open_key_points(&mut app, "001");
    let text = app.articles()[id].text.clone();
    let words = |s: &str| s.split_whitespace().count();
    let long = app
        .key_points()
        .iter()
        .position(|k| words(k.span.of(&text)) > 60)
        .expect("001 has a very long key point");
    for _ in 0..long {
        app.update(Action::Down);
    }
    let kp = app.key_points()[long].clone();
    let area = app.screen().key_points.unwrap();
    let rows: Vec<String> = screen(&app)
        .lines()
        .skip(usize::from(area.y))
        .take(usize::from(area.height))
        .map(|l| {
            l.chars()
                .skip(usize::from(area.x))
                .take(usize::from(area.width))
                .collect()
        })
        .collect();
    let pane = rows.join("\n");
    let sentence = kp.span.of(&text);
    let first: Vec<&str> = sentence.split_whitespace().take(3).collect();
    let last = sentence.split_whitespace().last().unwrap();
    assert!(pane.contains(&first.join(" ")), "{pane}");
    assert!(pane.contains('…') && !pane.contains(last), "{pane}");
    app.update(Action::Open);
    assert_eq!(app.highlight(), Some((id, kp.span)), "the whole sentence");
}

#[test]
fn the_topic_view_lists_passages_and_jumps_to_them() {
    let mut app = app(140, 40);
    app.update(Action::ToggleTopics);
    let topics = Arc::new(app.analysis().unwrap().clone());
    let t = topics
        .topics()
        .iter()
        .position(|t| t.label == "Tokyo liaison office")
        .unwrap();
    for _ in 0..t {
        app.update(Action::Down);
    }
    assert!(screen(&app).contains("Tokyo liaison office"));
    app.update(Action::Open);
    assert_eq!(
        *app.mode(),
        Mode::Topics {
            selected: t,
            topic: Some(t),
            hit: 0
        }
    );
    let shown = screen(&app);
    assert!(
        shown.contains("liaison office in Tokyo") || shown.contains("Tokyo Liaison Office"),
        "{shown}"
    );
    app.update(Action::Down);
    let hit = topics.topics()[t].occurrences[1];
    app.update(Action::Open);
    assert_eq!(*app.mode(), Mode::Normal);
    assert_eq!(app.open(), Some(hit.article));
    assert_eq!(app.views()[hit.article].cursor, hit.block);
    // Esc in a topic goes back to the list, and again closes.
    app.update(Action::ToggleTopics);
    app.update(Action::Open);
    app.update(Action::Close);
    assert!(matches!(*app.mode(), Mode::Topics { topic: None, .. }));
    app.update(Action::Close);
    assert_eq!(*app.mode(), Mode::Normal);
}

#[test]
fn medium_screens_show_the_analysis_beside_the_text() {
    let mut app = app(80, 24);
    assert!(screen(&app).contains("Library"));
    app.update(Action::Open);
    let shown = screen(&app);
    assert!(shown.contains("Key points"), "{shown}");
    assert!(shown.contains("Cross-references"), "{shown}");
    assert!(!shown.contains("Library ("), "{shown}");
}

#[test]
fn panes_say_so_while_the_analysis_runs() {
    let corpus = corpus::load(&[PathBuf::from("seeds")], &LoadOptions::default()).unwrap();
    let mut app = App::new(corpus, crate::harness::options("seeds"));
    app.update(Action::Resize {
        width: 140,
        height: 40,
    });
    assert!(screen(&app).contains("Analysing the library"));
    app.update(Action::ToggleTopics);
    app.update(Action::Open);
    assert!(screen(&app).contains("Analysing the library"));
}

#[test]
fn sentences_and_visual_ranges_choose_what_to_annotate() {
    let mut app = app(140, 40);
    app.update(Action::Open);
    let article = app.articles()[0].clone();
    // Without a sentence cursor the passage under the cursor is chosen.
    assert_eq!(app.selected_span(), Some(article.blocks[0].content));
    // `)` lands on the passage's first sentence, then moves on.
    app.update(Action::NextSentence);
    assert_eq!(app.selected_span(), Some(article.sentences[0].span));
    app.update(Action::NextSentence);
    app.update(Action::NextSentence);
    let third = article.sentences[2];
    assert_eq!(app.selected_span(), Some(third.span));
    assert_eq!(
        app.views()[0].cursor,
        third.block,
        "the passage cursor follows"
    );
    // Visual mode from there, two sentences on: the range covers all three.
    app.update(Action::ToggleVisual);
    assert!(app.visual());
    app.update(Action::Down);
    app.update(Action::NextSentence);
    let fifth = article.sentences[4];
    assert_eq!(app.selected_span().unwrap().start, third.span.start);
    assert_eq!(app.selected_span().unwrap().end, fifth.span.end);
    assert!(screen(&app).contains("VISUAL"));
    // Backwards past the anchor selects towards the start.
    for _ in 0..4 {
        app.update(Action::Up);
    }
    assert_eq!(
        app.selected_span().unwrap().start,
        article.sentences[0].span.start
    );
    assert_eq!(app.selected_span().unwrap().end, third.span.end);
    // Esc leaves visual mode, a second Esc drops the sentence cursor.
    app.update(Action::Cancel);
    assert!(!app.visual());
    app.update(Action::Cancel);
    assert_eq!(
        app.selected_span(),
        Some(article.blocks[app.views()[0].cursor].content)
    );
}

#[test]
fn the_reader_draws_while_the_library_loads() {
    let mut app = App::new(
        briefing::corpus::Corpus::default(),
        briefing::app::AppOptions {
            sources: vec!["seeds".into()],
            color: false,
            loading: true,
            ..Default::default()
        },
    );
    app.update(Action::Resize {
        width: 140,
        height: 40,
    });
    let shown = screen(&app);
    assert!(shown.contains("Reading the library…"), "{shown}");
    assert!(shown.contains("loading…"), "{shown}");
    app.update(Msg::Loaded(Loaded::Reading(300, 1000)));
    let shown = screen(&app);
    assert!(shown.contains("loading… 300/1000"), "{shown}");
    // Keys work meanwhile.
    app.update(Action::ToggleHelp);
    app.update(Action::Close);
    let corpus = corpus::load(&[PathBuf::from("seeds")], &LoadOptions::default()).unwrap();
    let mut saved = briefing::state::ReadingState {
        version: briefing::state::VERSION,
        ..Default::default()
    };
    saved.last = Some("003_15d983ff8c9557b7.txt".into());
    app.update(Msg::Loaded(Loaded::Library(
        Arc::new(corpus.articles),
        corpus.problems,
        Some(saved),
    )));
    assert!(!app.loading());
    assert_eq!(
        app.open(),
        Some(3),
        "the reading state is restored once the articles are in"
    );
    let shown = screen(&app);
    assert!(shown.contains("Library (5)"), "{shown}");
    assert!(!shown.contains("loading…"), "{shown}");
    assert!(shown.contains("analysing…"), "{shown}");
    app.update(Msg::Loaded(Loaded::Analysing(Step::Links)));
    let shown = screen(&app);
    assert!(
        shown.contains("analysing… 5/6: cross-references"),
        "{shown}"
    );
    let analysis = Analysis::compute(app.articles(), &Settings::default());
    app.update(Msg::Loaded(Loaded::Analysis(Arc::new(analysis))));
    let shown = screen(&app);
    assert!(!shown.contains("analysing"), "{shown}");
    assert_eq!(app.background(), None);
}

#[test]
fn clicking_a_cross_reference_or_key_point_follows_it() {
    use crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let click = |app: &App, column: u16, row: u16| {
        let ev = Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        });
        briefing::shell::events::action_for(&ev, app).unwrap()
    };
    let mut app = app(140, 40);
    app.update(Action::Open);
    // The first paragraph with two cross-references or more.
    let id = app.open().unwrap();
    let analysis = app.analysis().unwrap();
    let block = (0..app.articles()[id].blocks.len())
        .find(|&b| analysis.links_for(id, b).len() >= 2)
        .unwrap();
    let needle = app.articles()[id].blocks[block]
        .span
        .of(&app.articles()[id].text)
        .chars()
        .take(40)
        .collect::<String>();
    cursor_to(&mut app, &needle);
    let refs = app.screen().refs.unwrap();
    let shown = screen(&app);
    // The second link's title line, inside the cross-references pane.
    let (row, _) = shown
        .lines()
        .enumerate()
        .filter(|(_, l)| {
            l.chars()
                .skip(usize::from(refs.x))
                .collect::<String>()
                .contains("↗ ")
        })
        .nth(1)
        .unwrap();
    let second = app.ref_items()[1];
    let RefItem::Link(link) = second else {
        panic!("not a link")
    };
    let (article, block) = (link.article, link.block);
    let action = click(&app, refs.x + 3, row as u16);
    assert_eq!(
        action,
        Action::Click {
            col: refs.x + 3,
            row: row as u16,
        }
    );
    assert_eq!(app.entry_at(refs.x + 3, row as u16), Some(1));
    app.update(action);
    assert_eq!(
        (app.open(), app.views()[article].cursor),
        (Some(article), block)
    );

    // A key point: the first one's first row.
    let kp = app.screen().key_points.unwrap();
    let action = click(&app, kp.x + 3, kp.y + 1);
    app.update(action);
    assert_eq!(app.focus(), briefing::app::Pane::Source);
    let first = app.key_points()[0].clone();
    assert_eq!(app.views()[article].cursor, first.block);
}
