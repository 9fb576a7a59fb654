//! Getting text out of the reader: `y` copies the passage, sentence,
//! visual range or note (through the terminal's clipboard sequence), `Y`
//! copies a reference to the passage, `o` opens the article in the user's
//! editor at the passage's line.

use std::path::PathBuf;

use briefing::app::action::{Action, Effect, Msg};
use briefing::app::editor::Edit;
use briefing::app::{App, Pane, RefItem};
use briefing::corpus::{self, LoadOptions};
use briefing::shell::effects::osc52;

use crate::harness::{char_key, focus, send, status};

/// The seeds as `seeds/…`, 140 × 40, with the first article open.
fn app() -> App {
    let corpus = corpus::load(&[PathBuf::from("seeds")], &LoadOptions::default()).unwrap();
    let mut app = crate::harness::app_on(corpus, 140, 40);
    app.update(Action::Open);
    app
}

fn copied(effects: &[Effect]) -> String {
    match effects {
        [Effect::Copy(text)] => text.clone(),
        other => panic!("not one copy: {other:?}"),
    }
}

#[test]
fn y_copies_the_passage_under_the_cursor_and_says_what_it_copied() {
    let mut app = app();
    send(&mut app, &char_key('}'));
    let article = &app.articles()[0];
    let block = article.blocks[1].content;
    let text = block.of(&article.text).to_string();
    let words = text.split_whitespace().count();
    let effects = send(&mut app, &char_key('y'));
    assert_eq!(copied(&effects), text);
    assert_eq!(status(&app).trim(), format!("Copied ¶ 2 ({words} words)."));
}

#[test]
fn y_in_visual_mode_copies_the_range_and_ends_visual_mode() {
    let mut app = app();
    send(&mut app, &char_key(')'));
    send(&mut app, &char_key('v'));
    send(&mut app, &char_key(')'));
    assert!(app.visual());
    let article = &app.articles()[0];
    let (a, b) = (article.sentences[0].span, article.sentences[1].span);
    let range = article.text[a.start..b.end].to_string();
    let effects = send(&mut app, &char_key('y'));
    assert_eq!(copied(&effects), range);
    assert!(!app.visual(), "visual mode ends, as in vim");
    assert!(
        status(&app).contains("Copied 2 sentences of ¶ 1"),
        "{}",
        status(&app)
    );
}

#[test]
fn y_on_hostile_text_copies_it_with_its_controls_made_visible() {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("evil.txt"),
        "Evil\n\nRun \u{1b}]52;c;cm0gLXJmIH4K\u{7} this \u{9b}2J now.\nSecond line.\n",
    )
    .unwrap();
    let corpus = corpus::load(&[dir.path().to_path_buf()], &LoadOptions::default()).unwrap();
    let mut app = crate::harness::app_on(corpus, 120, 30);
    app.update(Action::Open);
    send(&mut app, &char_key('}'));
    let text = copied(&send(&mut app, &char_key('y')));
    assert!(
        text.contains("Run ␛]52;c;cm0gLXJmIH4K␇ this �2J now."),
        "{text:?}"
    );
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    // What reaches the terminal: OSC 52 framing around Base64 only.
    let seq = osc52(&text);
    let inner = &seq["\u{1b}]52;c;".len()..seq.len() - 1];
    assert!(inner
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)));
}

#[test]
fn y_in_the_notes_pane_copies_the_note_text() {
    let mut app = app();
    app.update(Action::Annotate);
    for c in "Tokyo office\n#nato".chars() {
        let edit = if c == '\n' {
            Edit::Newline
        } else {
            Edit::Insert(c)
        };
        app.update(Action::Edit(edit));
    }
    app.update(Action::SaveEdit);
    app.update(Action::ToggleNotes);
    assert_eq!(app.focus(), Pane::Notes);
    let effects = send(&mut app, &char_key('y'));
    assert_eq!(copied(&effects), "Tokyo office\n#nato");
    assert_eq!(status(&app).trim(), "Copied the note (3 words).");
}

#[test]
fn capital_y_copies_title_paragraph_path_and_line() {
    let mut app = app();
    for _ in 0..3 {
        send(&mut app, &char_key('}'));
    }
    let article = &app.articles()[0];
    let start = article.blocks[3].content.start;
    let line = article.text[..start].matches('\n').count() + 1;
    let expected = format!("{}, ¶ 4, 000_7c178ee40d6fe1ab.txt:{line}", article.title);
    let effects = send(&mut app, &char_key('Y'));
    assert_eq!(copied(&effects), expected);
    assert!(status(&app).contains(&expected[..30]), "{}", status(&app));
}

#[test]
fn before_the_analysis_the_key_points_pane_has_nothing_to_copy_or_open() {
    let mut app = app();
    focus(&mut app, Pane::KeyPoints);
    assert!(send(&mut app, &char_key('y')).is_empty());
    assert!(status(&app).contains("Nothing to copy"), "{}", status(&app));
    assert!(send(&mut app, &char_key('o')).is_empty());
}

#[test]
fn y_big_y_and_o_act_on_the_selected_key_point_cross_reference_and_entry() {
    let mut app = app();
    crate::harness::analyse(&mut app);
    // The second key point of the first article.
    focus(&mut app, Pane::KeyPoints);
    send(&mut app, &char_key('j'));
    let point = app.key_points()[1].span;
    let article = &app.articles()[0];
    let sentence = point.of(&article.text).to_string();
    let line = article.text[..point.start].matches('\n').count() + 1;
    let path = article.path.clone();
    assert_eq!(copied(&send(&mut app, &char_key('y'))), sentence);
    assert!(
        status(&app).trim().starts_with("Copied ¶ "),
        "{}",
        status(&app)
    );
    let reference = copied(&send(&mut app, &char_key('Y')));
    assert!(reference.ends_with(&format!(":{line}")), "{reference}");
    assert_eq!(
        send(&mut app, &char_key('o')),
        [Effect::OpenExternal { path, line }]
    );
    // The first cross-reference of a passage that has one: the linked
    // passage in the other article.
    focus(&mut app, Pane::Source);
    let mut tries = 0;
    while app
        .ref_items()
        .iter()
        .all(|r| !matches!(r, RefItem::Link(_)))
    {
        send(&mut app, &char_key('}'));
        tries += 1;
        assert!(tries < 100, "no passage of the first article has a link");
    }
    let Some(RefItem::Link(link)) = app.ref_items().first().copied() else {
        panic!("links come first");
    };
    let (target, span) = (link.article, link.span);
    focus(&mut app, Pane::Refs);
    let linked = &app.articles()[target];
    let (passage, title) = (span.of(&linked.text).to_string(), linked.title.clone());
    let reference = copied(&send(&mut app, &char_key('Y')));
    assert!(reference.starts_with(&title), "{reference}");
    assert_eq!(copied(&send(&mut app, &char_key('y'))), passage);
    assert!(
        status(&app).contains(&format!(" of {title}")),
        "{}",
        status(&app)
    );
    // A library entry: the article from its first line.
    focus(&mut app, Pane::Library);
    send(&mut app, &char_key('j'));
    let second = app.articles()[1].path.clone();
    assert_eq!(
        send(&mut app, &char_key('o')),
        [Effect::OpenExternal {
            path: second,
            line: 1
        }]
    );
}

#[test]
fn o_asks_for_the_article_at_the_passage_line_and_reports_a_failed_start() {
    let mut app = app();
    send(&mut app, &char_key('}'));
    send(&mut app, &char_key('}'));
    let article = &app.articles()[0];
    let start = article.blocks[2].content.start;
    let line = article.text[..start].matches('\n').count() + 1;
    assert!(line > 1);
    let path = article.path.clone();
    let effects = send(&mut app, &char_key('o'));
    assert_eq!(effects, [Effect::OpenExternal { path, line }]);
    app.update(Msg::ExternalDone(Ok(())));
    assert!(!status(&app).contains("Could not"), "{}", status(&app));
    app.update(Msg::ExternalDone(Err(
        "nvim: No such file or directory (os error 2)".into(),
    )));
    assert_eq!(
        status(&app).trim(),
        "Could not open the article: nvim: No such file or directory (os error 2)"
    );
}
