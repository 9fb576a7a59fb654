//! The layout as a new reader meets it: the library's width and entries,
//! lists that stay filled after a resize, messages that wrap, and
//! overlays sized to the screen.

use briefing::app::action::Action;
use briefing::app::Pane;

use crate::harness::{focus, render, rows, screen, seeds_app};

/// The text of each library entry's title rows, without the `…` that
/// ends a shortened one.
fn shown_titles(app: &briefing::app::App) -> Vec<String> {
    app.library_entries()
        .iter()
        .map(|e| e.title.join(" ").trim_end_matches('…').to_string())
        .collect()
}

#[test]
fn every_title_is_recognisable_from_110_columns() {
    for width in [110, 120, 160, 200] {
        let app = seeds_app(width, 40);
        let lib = app.screen().library.expect("the library is shown");
        assert!(lib.width >= 24, "{width}: {}", lib.width);
        let shown = screen(&app);
        for (id, title) in shown_titles(&app).iter().enumerate() {
            let full = app.title(id);
            // The whole title, or at least its first 40 columns, at a word.
            assert!(
                title == full || (title.chars().count() >= 40 && full.starts_with(title.as_str())),
                "{width}: {title:?} of {full:?}"
            );
            let first_row = &app.library_entries()[id].title[0];
            assert!(
                shown.contains(first_row.as_str()),
                "{width}: {first_row}\n{shown}"
            );
        }
    }
}

#[test]
fn library_entries_give_length_and_source_under_the_title() {
    let app = seeds_app(120, 40);
    let entries = app.library_entries();
    assert!(
        entries[0].about.starts_with("1,324 words · 000_7c178ee40"),
        "{}",
        entries[0].about
    );
    let shown = screen(&app);
    assert!(shown.contains("1,324 words · 000_7c178ee40"), "{shown}");
}

#[test]
fn the_library_fills_the_pane_again_after_the_window_grows() {
    let mut app = seeds_app(100, 30);
    focus(&mut app, Pane::Library);
    app.update(Action::Bottom);
    assert_eq!(app.selected(), 4);
    app.update(Action::Resize {
        width: 100,
        height: 4,
    });
    assert_eq!(app.list_offset(), 4, "only the last entry fits");
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    assert_eq!(app.list_offset(), 0, "every entry fits again");
    let shown = screen(&app);
    for row in app.library_entries().iter().map(|e| e.title[0].clone()) {
        assert!(shown.contains(row.as_str()), "{row}\n{shown}");
    }
}

#[test]
fn a_click_on_any_row_of_an_entry_opens_its_article() {
    let mut app = seeds_app(120, 40);
    let lib = app.screen().library.expect("library").inner();
    let entries = app.library_entries();
    // The second entry's last row: below the first entry and its own title.
    let row = lib.y + (entries[0].height() + entries[1].height() - 1) as u16;
    assert_eq!(app.library_entry_at(usize::from(row - lib.y)), Some(1));
    app.update(Action::Click {
        col: lib.x + 4,
        row,
    });
    assert_eq!(app.open(), Some(1));
    let below = lib.y + entries.iter().map(|e| e.height()).sum::<usize>() as u16;
    assert_eq!(app.library_entry_at(usize::from(below - lib.y)), None);
}

#[test]
fn paging_the_library_moves_by_the_entries_on_screen() {
    let mut app = seeds_app(100, 8);
    focus(&mut app, Pane::Library);
    // Seven rows: two entries of two or three rows each fit.
    app.update(Action::PageDown);
    assert!(app.selected() >= 1, "{}", app.selected());
    let shown = rows(render(&app).backend().buffer()).join("\n");
    let selected = &app.library_entries()[app.selected()].title[0];
    assert!(shown.contains(selected.as_str()), "{shown}");
}
