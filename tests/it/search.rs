//! Finding your way: search in an article, library search, the article
//! picker and the compare view, driven by actions and checked on screen.

use briefing::app::action::Action;
use briefing::app::editor::Edit;
use briefing::app::mode::Mode;
use briefing::app::{App, Pane, RefItem};

use crate::harness::{render, screen, seeds_app as app};

fn type_in(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
}

#[test]
fn searching_an_article_highlights_every_match_and_n_moves_between_them() {
    let mut app = app(140, 40);
    app.update(Action::Open);
    let text = app.articles()[0].text.clone();
    let before = app.views()[0];
    app.update(Action::FindForward);
    type_in(&mut app, "tokyo");
    let find = app.find().cloned().unwrap();
    // Smart case: lower case finds "Tokyo" in every spelling.
    assert_eq!(find.matches.len(), text.matches("Tokyo").count());
    assert!(find.matches.iter().all(|m| m.of(&text) == "Tokyo"));
    assert_eq!(find.current, Some(0));
    assert_eq!(
        app.views()[0].cursor,
        app.articles()[0].block_at(find.matches[0].start),
        "moves as you type"
    );
    assert!(screen(&app).contains("/tokyo  1/3"), "{}", screen(&app));
    app.update(Action::PromptSubmit);
    assert!(!matches!(app.mode(), Mode::Prompt(_)));
    assert!(screen(&app).contains("/tokyo 1/3"));
    app.update(Action::NextMatch);
    assert_eq!(app.find().unwrap().current, Some(1));
    app.update(Action::PrevMatch);
    app.update(Action::PrevMatch);
    assert_eq!(
        app.find().unwrap().current,
        Some(2),
        "N wraps round to the end"
    );
    // The search was a jump: Ctrl-O goes back to where it started.
    app.update(Action::JumpBack);
    assert_eq!(app.views()[0].cursor, before.cursor);

    // Upper case matches case exactly; Esc puts the view back.
    app.update(Action::NextParagraph);
    let here = app.views()[0];
    app.update(Action::FindForward);
    type_in(&mut app, "TOKYO");
    assert!(app.find().unwrap().matches.is_empty());
    type_in(&mut app, "\u{8}");
    app.update(Action::PromptCancel);
    assert_eq!(app.views()[0], here);
    assert!(app.find().is_none());
}

#[test]
fn backward_search_starts_before_the_cursor() {
    let mut app = app(140, 40);
    app.update(Action::Open);
    app.update(Action::Bottom);
    app.update(Action::FindBackward);
    type_in(&mut app, "nato");
    let find = app.find().cloned().unwrap();
    assert_eq!(find.current, Some(find.matches.len() - 1));
    app.update(Action::PromptSubmit);
    app.update(Action::NextMatch);
    assert_eq!(
        app.find().unwrap().current,
        Some(find.matches.len() - 2),
        "n goes on backwards"
    );
}

#[test]
fn library_search_groups_results_and_jumps_into_the_article() {
    let mut app = app(120, 40);
    app.update(Action::LibrarySearch);
    type_in(&mut app, "\"liaison office\"");
    app.update(Action::PromptSubmit);
    assert!(matches!(app.mode(), Mode::Results { selected: 0, .. }));
    let t = render(&app);
    let shown = screen(&app);
    assert!(shown.contains("6 matches"), "{shown}");
    assert!(shown.contains("1 match"), "{shown}");
    insta::assert_snapshot!("library_search_120x40", t.backend());

    // The last line is the passage in seed 000.
    let last = app.result_items().len() - 1;
    for _ in 0..last {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    let id = app
        .articles()
        .iter()
        .position(|a| a.display_path.starts_with("000"))
        .unwrap();
    assert_eq!(app.open(), Some(id));
    let find = app.find().cloned().unwrap();
    assert_eq!(
        find.matches[0].of(&app.articles()[id].text),
        "liaison office"
    );
    assert!(app.views()[id].cursor == app.articles()[id].block_at(find.matches[0].start));
    app.update(Action::JumpBack);
    assert_eq!(app.open(), Some(0));

    // Inflected forms match; nothing found says so.
    app.update(Action::LibrarySearch);
    type_in(&mut app, "offices");
    app.update(Action::PromptSubmit);
    assert!(app.result_items().len() > 2);
    app.update(Action::Close);
    app.update(Action::LibrarySearch);
    type_in(&mut app, "zeppelin");
    app.update(Action::PromptSubmit);
    assert_eq!(*app.mode(), Mode::Normal);
    assert!(screen(&app).contains("No article mentions zeppelin"));
}

#[test]
fn the_picker_filters_as_you_type_and_opens_the_choice() {
    let mut app = app(120, 40);
    app.update(Action::Picker);
    let shown = screen(&app);
    assert!(shown.contains("Open article"), "{shown}");
    assert!(shown.contains("The Future of NATO"), "{shown}");
    type_in(&mut app, "futur");
    // The best match comes first; weaker fuzzy matches follow, and an
    // article that does not match at all is gone.
    let shown = screen(&app);
    let first_row = shown.lines().nth(1).unwrap();
    assert!(first_row.contains("The Future of NATO"), "{shown}");
    assert!(!shown.contains("NATO’s Tokyo Liaison"), "{shown}");
    app.update(Action::PromptSubmit);
    let id = app
        .articles()
        .iter()
        .position(|a| a.title == "The Future of NATO")
        .unwrap();
    assert_eq!(app.open(), Some(id));
    assert_eq!(app.focus(), Pane::Source);
    // Down chooses the next match.
    app.update(Action::Picker);
    type_in(&mut app, "00");
    app.update(Action::Down);
    app.update(Action::PromptSubmit);
    assert_ne!(app.open(), Some(id));
}

#[test]
fn the_compare_view_shows_both_passages_and_their_shared_words() {
    let mut app = app(120, 40);
    app.update(Action::Open);
    let text = app.articles()[0].text.clone();
    let target = app.articles()[0]
        .blocks
        .iter()
        .position(|b| b.span.of(&text).contains("liaison office in Tokyo"))
        .unwrap();
    while app.views()[0].cursor < target {
        app.update(Action::NextParagraph);
    }
    app.update(Action::FocusNext);
    app.update(Action::FocusNext);
    let Some(RefItem::Link(link)) = app.ref_items().first().copied() else {
        panic!("no link")
    };
    let other = link.article;
    app.update(Action::Compare);
    assert!(matches!(app.mode(), Mode::Compare(_)));
    let t = render(&app);
    let shown = screen(&app);
    assert!(shown.contains("Those tensions were exposed"), "{shown}");
    assert!(
        shown.contains(
            app.title(other)
                .chars()
                .take(20)
                .collect::<String>()
                .as_str()
        ),
        "{shown}"
    );
    assert!(shown.contains("shares: liaison office in Tokyo"), "{shown}");
    insta::assert_snapshot!("compare_120x40", t.backend());
    // Each side scrolls on its own; Esc goes back.
    app.update(Action::FocusNext);
    app.update(Action::Down);
    let Mode::Compare(c) = app.mode() else {
        panic!("the compare view is open")
    };
    assert_eq!((c.sides[0].scroll, c.sides[1].scroll), (0, 1));
    app.update(Action::Close);
    assert_eq!(*app.mode(), Mode::Normal);
    assert_eq!(app.focus(), Pane::Refs);
}
