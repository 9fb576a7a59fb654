//! The layout as a new reader meets it: the library's width and entries,
//! lists that stay filled after a resize, messages that wrap, and
//! overlays sized to the screen.

use briefing::app::action::{Action, Msg};
use briefing::app::geometry::HelpRow;
use briefing::app::{Pane, RefItem};
use briefing::corpus::TitleFrom;
use briefing::notes::Access;
use briefing::text::wrap::str_width;

use crate::harness::{focus, render, rows, screen, seeds_app, status};

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

#[test]
fn the_key_help_fits_the_screen_and_wraps_its_descriptions() {
    for (w, h) in [(80, 24), (120, 40), (200, 60), (50, 20)] {
        let mut app = seeds_app(w, h);
        app.update(Action::ToggleHelp);
        let area = app.overlay_area().expect("the help is open");
        assert!(area.width <= w && area.x + area.width <= w, "{w}x{h}");
        let inner = usize::from(area.inner().width);
        let rows = app.help_rows(inner);
        // Every row fits, and each description reads whole across its rows.
        let mut descs: Vec<String> = Vec::new();
        for row in &rows {
            if let HelpRow::Binding { keys, desc } = row {
                assert!(
                    str_width(keys) + str_width(desc) <= inner,
                    "{w}x{h}: {row:?}"
                );
                if keys.trim().is_empty() {
                    let last = descs.last_mut().expect("a binding before");
                    if !last.is_empty() {
                        last.push(' ');
                    }
                    last.push_str(desc);
                } else {
                    descs.push(desc.clone());
                }
            }
        }
        assert!(
            descs
                .iter()
                .any(|d| d == "show or hide this help (F1 in the text, where ? searches back)"),
            "{w}x{h}: {descs:?}"
        );
        assert!(descs
            .iter()
            .any(|d| d == "jump to the linked passage or article"));
    }
    // Where there is room the help is as wide as its widest line, not more.
    let mut app = seeds_app(200, 60);
    app.update(Action::ToggleHelp);
    let wide = app.overlay_area().expect("help").width;
    assert!(wide > 64 && wide < 120, "{wide}");
}

#[test]
fn help_overlay_120x40() {
    let mut app = seeds_app(120, 40);
    app.update(Action::ToggleHelp);
    let shown = screen(&app);
    assert!(shown.contains("show or hide this help (F1 in the text, where ? searches back)"));
    insta::assert_snapshot!("help_120x40", render(&app).backend());
}

#[test]
fn every_status_message_is_kept_in_the_messages_window() {
    let corpus = briefing::corpus::load(&[crate::harness::seeds()], &Default::default()).unwrap();
    let mut app = briefing::app::App::new(corpus, crate::harness::options("seeds"));
    let why = "notes.toml:3: key `version`: this file was written by a newer briefing \
               and is kept as it is until you update";
    app.update(Msg::NotesOpened(Vec::new(), Access::ReadOnly(why.into())));
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    // The bar cuts the warning short and says where to read it all.
    let bar = status(&app);
    assert!(bar.contains("Notes are read-only: notes.toml:3"), "{bar}");
    assert!(bar.contains("M shows all"), "{bar}");
    app.update(Action::ToggleMessages);
    let window = app.message_lines(60).join(" ");
    assert!(
        window.contains(&format!("Notes are read-only: {why}")),
        "{window}"
    );
    // Said again, it is kept once.
    app.update(Msg::NotesOpened(Vec::new(), Access::ReadOnly(why.into())));
    let window = app.message_lines(200);
    let times = window
        .iter()
        .filter(|l| l.starts_with("Notes are read-only:"))
        .count();
    assert_eq!(times, 1, "{window:#?}");
    // A message of a key is there too after the bar has moved on.
    app.update(Action::Close);
    app.update(Action::Open);
    app.update(Action::SetMark);
    app.update(Action::MarkKey('1'));
    let said = status(&app);
    assert!(!said.trim().is_empty());
    app.update(Action::Down);
    assert!(!status(&app).contains(said.trim()), "the bar moved on");
    app.update(Action::ToggleMessages);
    let shown = screen(&app);
    assert!(shown.contains(said.trim()), "{said}\n{shown}");
}

#[test]
fn the_note_that_nothing_is_linked_wraps_in_its_pane() {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let mut app = seeds_app(w, h);
        app.update(Action::Open);
        let blocks = app.articles()[0].blocks.len();
        let mut found = false;
        for _ in 0..blocks {
            let links = app
                .ref_items()
                .iter()
                .filter(|i| matches!(i, RefItem::Link(_)))
                .count();
            if links == 0 && app.analysis().is_some() {
                found = true;
                break;
            }
            app.update(Action::NextParagraph);
        }
        assert!(found, "a paragraph without links");
        let refs = app
            .screen()
            .refs
            .expect("the cross-references show")
            .inner();
        let t = render(&app);
        let buf = t.backend().buffer();
        let shown: Vec<String> = (refs.y..refs.y + refs.height)
            .map(|y| {
                (refs.x..refs.x + refs.width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect();
        let words = "Nothing in other articles is strongly related to this paragraph.";
        let flat = shown
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(flat.contains(words), "{w}x{h}: {shown:#?}");
    }
}

#[test]
fn articles_without_a_heading_are_titled_by_their_topics() {
    let app = seeds_app(120, 40);
    let analysis = app.analysis().expect("analysed");
    for a in app.articles().iter() {
        let derived = analysis.derived_title(a);
        eprintln!("{}: {:?} -> {derived:?}", a.display_path, a.title_from);
        match a.title_from {
            TitleFrom::FirstSentence => {
                let title = derived.expect("a title from the topics");
                assert_eq!(app.title(a.id), title);
                assert!(str_width(&title) <= 60, "{title}");
                // Every topic named is in the article's own words.
                let text = a.text.to_lowercase();
                for part in title.split(" and ").flat_map(|p| p.split(", ")) {
                    assert!(
                        text.contains(&part.to_lowercase()),
                        "{part} in {}",
                        a.display_path
                    );
                }
            }
            _ => {
                assert_eq!(derived, None);
                assert_eq!(app.title(a.id), a.title);
            }
        }
    }
    // The first sentence stays the title until the analysis is there.
    let app = crate::harness::seeds_unanalysed(120, 40);
    assert_eq!(app.title(0), app.articles()[0].title);
}
