//! Reading state that survives restarts: places, progress and bookmarks
//! round-trip through the state file, and a restarted reader opens where
//! the user left off.

use std::path::PathBuf;
use std::sync::Arc;

use briefing::app::action::{Action, Effect, Loaded, Msg};
use briefing::app::App;
use briefing::corpus::{self, Corpus, LoadOptions};
use briefing::state::{self, Progress};

use crate::harness::seeds_unanalysed;

fn app() -> App {
    seeds_unanalysed(120, 40)
}

/// An app whose library arrives, as from the loader, with `saved` to
/// restore in it.
fn restored(saved: state::ReadingState) -> App {
    let corpus = corpus::load(&[PathBuf::from("seeds")], &LoadOptions::default()).unwrap();
    let mut app = App::new(Corpus::default(), crate::harness::options("seeds"));
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app.update(Msg::Loaded(Loaded::Library(
        Arc::new(corpus.articles),
        corpus.problems,
        Some(saved),
    )));
    app
}

#[test]
fn places_progress_and_bookmarks_survive_a_restart() {
    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join("state.toml");

    let mut before = app();
    // Read article 0 to the end, leave article 2 half way with a bookmark.
    before.update(Action::Open);
    before.update(Action::Bottom);
    assert_eq!(before.progress()[0], Progress::Read);
    crate::harness::focus(&mut before, briefing::app::Pane::Library);
    before.update(Action::Down);
    before.update(Action::Down);
    before.update(Action::Open);
    before.update(Action::PageDown);
    before.update(Action::NextParagraph);
    assert_eq!(before.progress()[2], Progress::InProgress);
    before.update(Action::SetMark);
    assert!(matches!(
        before.update(Action::MarkKey('a'))[..],
        [Effect::SaveState(_)]
    ));
    before.update(Action::PageDown);
    let left = before.views()[2];
    let seeds = state::Library::new(&[PathBuf::from("seeds")]);
    state::save(&file, &seeds, &before.reading_state()).unwrap();

    // Another library opened and closed in between keeps its own state.
    let other_dir = tempfile::TempDir::new().unwrap();
    std::fs::write(other_dir.path().join("x.txt"), "Other\n\nText.\n").unwrap();
    let other = state::Library::new(&[other_dir.path().to_path_buf()]);
    let mut elsewhere = state::load(&file, &other).unwrap();
    assert_eq!(elsewhere.last, None, "another library starts afresh");
    elsewhere.last = Some("x.txt".into());
    state::save(&file, &other, &elsewhere).unwrap();

    let mut after = restored(state::load(&file, &seeds).unwrap());
    assert_eq!(after.open(), Some(2), "opens the last article");
    assert_eq!(after.views()[2].cursor, left.cursor);
    assert_eq!(after.views()[2].top.byte, left.top.byte);
    assert_eq!(
        after.progress()[..3],
        [Progress::Read, Progress::Unread, Progress::InProgress]
    );
    // The bookmark works across articles and is a jump.
    crate::harness::focus(&mut after, briefing::app::Pane::Library);
    after.update(Action::Top);
    after.update(Action::Open);
    assert_eq!(after.open(), Some(0));
    after.update(Action::JumpToMark);
    after.update(Action::MarkKey('a'));
    assert_eq!(after.open(), Some(2));
    assert!(after.views()[2].cursor < left.cursor || after.views()[2].top.byte < left.top.byte);
    after.update(Action::JumpBack);
    assert_eq!(after.open(), Some(0));
    // An unknown bookmark says so.
    after.update(Action::JumpToMark);
    after.update(Action::MarkKey('z'));
    assert_eq!(after.open(), Some(0));
    assert!(after.status().unwrap().contains("No bookmark z"));
}

#[test]
fn articles_gone_from_the_library_are_skipped_on_restore() {
    let mut saved = app().reading_state();
    saved.last = Some("gone.txt".into());
    saved.articles.insert(
        "gone.txt".into(),
        state::Position {
            top: 5,
            cursor: 5,
            progress: Progress::Read,
        },
    );
    let app = restored(saved);
    assert_eq!(app.open(), Some(0));
    assert!(app.progress().iter().all(|p| *p == Progress::Unread));
}
