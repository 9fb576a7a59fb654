//! Snapshots of the screen drawn on ratatui's `TestBackend`, with the real
//! seed briefings. Update with `INSTA_UPDATE=always cargo test --test
//! snapshots` and read every changed `.snap` file before committing it.

use std::sync::Arc;

use briefing::analysis::Analysis;
use briefing::app::action::{Action, Loaded, Msg};
use briefing::app::{App, Pane};
use briefing::text::segment::BlockKind;

use crate::harness::{render, rows, seeds_app};

#[test]
fn main_screen_120x40() {
    let app = seeds_app(120, 40);
    let t = render(&app);
    let screen = rows(t.backend().buffer()).join("\n");
    assert!(screen.contains("Library (5)"));
    assert!(screen.contains("The Future of NATO"));
    insta::assert_snapshot!("main_120x40", t.backend());
}

#[test]
fn main_screen_80x24() {
    let app = seeds_app(80, 24);
    let t = render(&app);
    insta::assert_snapshot!("main_80x24", t.backend());
}

#[test]
fn reading_with_key_points_and_cross_references_80x24() {
    let mut app = seeds_app(80, 24);
    app.update(Action::Open);
    let t = render(&app);
    let screen = rows(t.backend().buffer()).join("\n");
    assert!(screen.contains("Key points (5)"), "{screen}");
    assert!(screen.contains("Cross-references"), "{screen}");
    insta::assert_snapshot!("reading_80x24", t.backend());
}

#[test]
fn cross_references_of_the_liaison_paragraph_140x40() {
    let mut app = seeds_app(140, 40);
    app.update(Action::Open);
    let text = &app.articles()[0].text;
    let target = app.articles()[0]
        .blocks
        .iter()
        .position(|b| b.span.of(text).contains("liaison office in Tokyo"))
        .unwrap();
    while app.views()[0].cursor < target {
        app.update(Action::NextParagraph);
    }
    app.update(Action::FocusNext);
    app.update(Action::FocusNext);
    assert_eq!(app.focus(), Pane::Refs);
    let t = render(&app);
    let screen = rows(t.backend().buffer()).join("\n");
    assert!(
        screen.contains("shares: liaison office in Tokyo"),
        "{screen}"
    );
    insta::assert_snapshot!("refs_liaison_140x40", t.backend());
}

#[test]
fn topic_view_120x40() {
    let mut app = seeds_app(120, 40);
    app.update(Action::ToggleTopics);
    let t = render(&app);
    insta::assert_snapshot!("topics_120x40", t.backend());
    let analysis = app.analysis().unwrap();
    let tokyo = analysis
        .topics()
        .iter()
        .position(|t| t.label == "Tokyo liaison office")
        .unwrap();
    for _ in 0..tokyo {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    let t = render(&app);
    insta::assert_snapshot!("topic_tokyo_120x40", t.backend());
}

#[test]
fn help_overlay_80x24() {
    let mut app = seeds_app(80, 24);
    app.update(Action::ToggleHelp);
    let t = render(&app);
    let screen = rows(t.backend().buffer()).join("\n");
    assert!(screen.contains("Keys"), "{screen}");
    assert!(screen.contains("quit"), "{screen}");
    insta::assert_snapshot!("help_80x24", t.backend());
}

#[test]
fn source_pane_at_the_table_of_004_200x40() {
    let mut app = seeds_app(200, 40);
    let id = open_seed(&mut app, "004");
    assert_eq!(app.open(), Some(id));
    assert_eq!(app.focus(), Pane::Source);
    let table = app.articles()[id]
        .blocks
        .iter()
        .position(|b| matches!(b.kind, BlockKind::Table { .. }))
        .unwrap();
    while app.views()[id].cursor < table {
        app.update(Action::NextParagraph);
    }
    let t = render(&app);
    let screen = rows(t.backend().buffer());
    // The header and both data rows are on screen, their cells aligned.
    let find = |needle: &str| {
        screen
            .iter()
            .find(|r| r.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{}", screen.join("\n")))
            .clone()
    };
    let header = find("Metric");
    let row1 = find("Defense Spending (% GDP)");
    let row2 = find("Trade with China (% Total)");
    let col = |row: &str, cell: &str| row.find(cell).map(|b| row[..b].chars().count());
    assert_eq!(
        col(&header, "Pakistan"),
        col(&row1, "2.8%"),
        "\n{header}\n{row1}"
    );
    assert_eq!(col(&row1, "2.8%"), col(&row2, "22%"), "\n{row1}\n{row2}");
    insta::assert_snapshot!("table_004_200x40", t.backend());
}

#[test]
fn narrow_screen_50x20() {
    let mut app = seeds_app(50, 20);
    let t = render(&app);
    insta::assert_snapshot!("narrow_50x20_library", t.backend());
    // On a narrow screen opening shows only the source pane.
    app.update(Action::Open);
    let t = render(&app);
    let screen = rows(t.backend().buffer()).join("\n");
    assert!(!screen.contains("Library ("), "{screen}");
    insta::assert_snapshot!("narrow_50x20_source", t.backend());
}

#[test]
fn tiny_screens_do_not_panic() {
    for (w, h) in [
        (1, 1),
        (3, 2),
        (0, 0),
        (0, 5),
        (5, 0),
        (2, 3),
        (4, 4),
        (10, 4),
        (59, 3),
    ] {
        let mut app = seeds_app(w, h);
        render(&app);
        for action in [
            Action::Open,
            Action::Down,
            Action::NextParagraph,
            Action::PageDown,
            Action::Bottom,
            Action::ToggleHelp,
            Action::Close,
            Action::FocusNext,
            Action::FocusNext,
            Action::Down,
            Action::Open,
            Action::ToggleTopics,
            Action::Open,
        ] {
            app.update(action);
            render(&app);
        }
        app.update(Action::Close);
        app.update(Action::ToggleMessages);
        render(&app);
    }
    let app = seeds_app(3, 2);
    let t = render(&app);
    insta::assert_snapshot!("tiny_3x2", t.backend());
    let app = seeds_app(1, 1);
    let t = render(&app);
    insta::assert_snapshot!("tiny_1x1", t.backend());
}

/// The seeds app and their analysis as carried over from a library in
/// which article `changed` was different.
fn changed_since_earlier(changed: usize) -> (App, Arc<Analysis>, Analysis) {
    let app = seeds_app(120, 40);
    let full = Arc::new(app.analysis().unwrap().clone());
    let earlier: Vec<Option<usize>> = (0..app.articles().len())
        .map(|i| (i != changed).then_some(i))
        .collect();
    let carried = full.carry_over(&earlier);
    (app, full, carried)
}

#[test]
fn an_earlier_analysis_shows_for_unchanged_articles_while_updating() {
    let (mut app, full, carried) = changed_since_earlier(1);
    app.update(Msg::Loaded(Loaded::Earlier(Arc::new(carried))));
    app.update(Msg::Loaded(Loaded::Analysing(
        briefing::analysis::Step::Links,
    )));
    let screen = rows(render(&app).backend().buffer()).join("\n");
    assert!(screen.contains("updating… 5/6"), "{screen}");
    assert!(!screen.contains("new or changed"), "article 0 is unchanged");
    let point = &app.articles()[0].text[full.key_points(0)[0].span.start..];
    let first_words: String = point.chars().take(20).collect();
    assert!(screen.contains(&first_words), "{screen}");

    app.update(Action::Down);
    app.update(Action::Open);
    let screen = rows(render(&app).backend().buffer()).join("\n");
    assert!(screen.contains("This article is new or"), "{screen}");

    app.update(Msg::Loaded(Loaded::Analysis(full)));
    let screen = rows(render(&app).backend().buffer()).join("\n");
    assert!(!screen.contains("new or changed") && !screen.contains("updating"));
}

#[test]
fn an_open_topic_stays_open_when_the_fresh_analysis_arrives() {
    // The earlier analysis lacks article 0, so it has fewer topics and
    // its last topic sits elsewhere in the fresh list.
    let (mut app, full, carried) = changed_since_earlier(0);
    let position = |a: &Analysis, label: &str| a.topics().iter().position(|t| t.label == label);
    let last = carried.topics().last().unwrap().label.clone();
    assert_ne!(position(&carried, &last), position(&full, &last));
    assert!(carried.topics().len() < full.topics().len());
    app.update(Msg::Loaded(Loaded::Earlier(Arc::new(carried.clone()))));
    app.update(Action::ToggleTopics);
    for _ in 0..carried.topics().len() {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    for _ in 0..100 {
        app.update(Action::Down);
    }
    app.update(Msg::Loaded(Loaded::Analysis(Arc::clone(&full))));
    let briefing::app::mode::Mode::Topics {
        selected,
        topic,
        hit,
    } = *app.mode()
    else {
        panic!("the topics stay open");
    };
    let t = topic.expect("the same topic stays open");
    assert_eq!(full.topics()[t].label, last);
    assert_eq!(selected, t);
    assert!(hit < full.topics()[t].occurrences.len());
    // Moving and opening in the fresh list works.
    app.update(Action::Up);
    app.update(Action::Open);
    let screen = rows(render(&app).backend().buffer()).join("\n");
    assert!(!screen.contains("Shared topics:"), "{screen}");
}

#[test]
fn main_screen_200x60() {
    let app = seeds_app(200, 60);
    insta::assert_snapshot!("main_200x60", render(&app).backend());
}

/// The screen with its colours: the text, then each cell's style as a
/// letter, then what each letter stands for.
fn styled_screen(app: &App) -> String {
    let t = render(app);
    let buf = t.backend().buffer();
    let mut styles: Vec<String> = Vec::new();
    let letters: Vec<char> = ('a'..='z').chain('A'..='Z').chain('0'..='9').collect();
    let mut map = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            let style = format!("fg {:?} · bg {:?} · {:?}", cell.fg, cell.bg, cell.modifier);
            let i = styles.iter().position(|s| *s == style).unwrap_or_else(|| {
                styles.push(style);
                styles.len() - 1
            });
            map.push(letters.get(i).copied().unwrap_or('?'));
        }
        map.push('\n');
    }
    let legend: String = styles
        .iter()
        .zip(&letters)
        .map(|(s, l)| format!("{l}: {s}\n"))
        .collect();
    format!("{}\n\n{map}\n{legend}", rows(buf).join("\n"))
}

/// The seeds in colour with the theme `name`, showing every element a
/// theme colours: focused and other borders, headings, bullets, the
/// passage cursor, a jump target, search matches, words a link shares,
/// scores, hints and the status bar.
fn every_element(name: &str) -> App {
    let corpus = briefing::corpus::load(&[crate::harness::seeds()], &Default::default()).unwrap();
    let mut options = crate::harness::options("seeds");
    options.color = true;
    options.theme.name = name.to_string();
    let mut app = App::new(corpus, options);
    app.update(Msg::NotesOpened(
        Vec::new(),
        briefing::notes::Access::ReadWrite,
    ));
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    crate::harness::analyse(&mut app);
    open_seed(&mut app, "004");
    app.update(Action::FindForward);
    for c in "nato".chars() {
        app.update(Action::Edit(briefing::app::editor::Edit::Insert(c)));
    }
    app.update(Action::PromptSubmit);
    // The first key point after the author's own whose passage has a
    // cross-reference: the jump target, a link and its shared words.
    crate::harness::focus(&mut app, Pane::KeyPoints);
    let points = app.key_points().len();
    let mut tries = 0;
    loop {
        app.update(Action::Down);
        app.update(Action::Open);
        crate::harness::focus(&mut app, Pane::KeyPoints);
        if app
            .ref_items()
            .iter()
            .any(|r| matches!(r, briefing::app::RefItem::Link(_)))
        {
            break;
        }
        tries += 1;
        assert!(tries < points, "no key point of 004 has a cross-reference");
    }
    crate::harness::focus(&mut app, Pane::Refs);
    app
}

#[test]
fn dark_theme_120x40() {
    let app = every_element("dark");
    insta::assert_snapshot!("theme_dark_120x40", styled_screen(&app));
}

#[test]
fn light_theme_120x40() {
    let app = every_element("light");
    insta::assert_snapshot!("theme_light_120x40", styled_screen(&app));
}

/// The seeds at `width` × `height` with article 004 open at its table.
fn at_the_table_of_004(width: u16, height: u16) -> App {
    let mut app = seeds_app(width, height);
    let id = open_seed(&mut app, "004");
    let table = app.articles()[id]
        .blocks
        .iter()
        .position(|b| matches!(b.kind, BlockKind::Table { .. }))
        .unwrap();
    while app.views()[id].cursor < table {
        app.update(Action::NextParagraph);
    }
    app
}

#[test]
fn table_of_004_at_120x40_and_80x24() {
    for (w, h, name) in [(120, 40, "table_004_120x40"), (80, 24, "table_004_80x24")] {
        let app = at_the_table_of_004(w, h);
        let t = render(&app);
        let screen = rows(t.backend().buffer()).join("\n");
        if w == 120 {
            // A column fewer than the words need: one heading word gives.
            for heading in ["Metric", "Pakistan", "Vietnam", "Indonesia"] {
                assert!(screen.contains(heading), "{w}x{h}: {heading}\n{screen}");
            }
        }
        insta::assert_snapshot!(name, t.backend());
    }
}

/// Opens the seed whose file name starts with `prefix` from the library
/// pane; returns its index.
fn open_seed(app: &mut App, prefix: &str) -> usize {
    let id = app
        .articles()
        .iter()
        .position(|a| a.display_path.starts_with(prefix))
        .unwrap();
    for _ in 0..id {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    id
}
