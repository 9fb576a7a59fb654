//! Markdown articles as the reader shows them: markup hidden, styles on
//! the words they belong to, links' addresses in the status bar and on
//! the clipboard, search matches and notes on the file's bytes, and an
//! analysis that reads words, not markup.

use std::path::{Path, PathBuf};

use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

use briefing::analysis::{Analysis, Settings};
use briefing::app::action::{Action, Effect, Msg};
use briefing::app::mode::Mode;
use briefing::app::{App, Pane};
use briefing::corpus::{self, Corpus, LoadOptions};
use briefing::notes::{Access, Placement};

use crate::harness::{app_on, char_key, render, rows, screen, send, status, type_text};

fn fixture() -> PathBuf {
    PathBuf::from("tests/fixtures/markdown/constructs.md")
}

fn load(paths: &[PathBuf]) -> Corpus {
    corpus::load(paths, &LoadOptions::default()).unwrap()
}

/// The fixture open in the source pane, `width` × `height`.
fn app(width: u16, height: u16) -> App {
    let mut app = app_on(load(&[fixture()]), width, height);
    app.update(Action::Open);
    crate::harness::focus(&mut app, Pane::Source);
    app
}

/// The cells of the first place `word` is drawn: its row and columns.
fn cells_of(buf: &Buffer, word: &str) -> (u16, Vec<u16>) {
    for y in 0..buf.area.height {
        let symbols: Vec<(u16, &str)> = (0..buf.area.width)
            .map(|x| (x, buf[(x, y)].symbol()))
            .collect();
        let line: String = symbols.iter().map(|(_, s)| *s).collect();
        if let Some(at) = line.find(word) {
            let mut byte = 0;
            let mut xs = Vec::new();
            for (x, s) in &symbols {
                if byte >= at && byte < at + word.len() {
                    xs.push(*x);
                }
                byte += s.len();
            }
            return (y, xs);
        }
    }
    panic!("{word} is not on the screen:\n{}", rows(buf).join("\n"));
}

fn all_have(buf: &Buffer, word: &str, m: Modifier) -> bool {
    let (y, xs) = cells_of(buf, word);
    xs.iter().all(|&x| buf[(x, y)].modifier.contains(m))
}

fn none_has(buf: &Buffer, word: &str, m: Modifier) -> bool {
    let (y, xs) = cells_of(buf, word);
    xs.iter().all(|&x| !buf[(x, y)].modifier.contains(m))
}

#[test]
fn markdown_is_shown_without_its_markup() {
    let app = app(160, 50);
    let shown = screen(&app);
    for visible in [
        "Allied planners agreed on joint munitions pools after the Vilnius summit and",
        "asked for stockpile-v2 reporting & audits.",
        "communique and the annex sits at https://annex.example.net/logistics.",
        "Escaped *asterisks* stay literal.",
        "Depot map of the eastern flank",
        "│ Readiness depends on shared depots across the eastern flank, not on",
        "• Ammunition production rises in three member states",
        "  • Germany expands shell lines",
        "1. Pool the orders",
        "  eastern = \"Rzeszów\"",
        "────────────",
        "│ Member  │ Shells per year │",
        "│ Poland  │ 120,000         │",
        "Internal note for editors.",
        "Setext Subheading",
    ] {
        assert!(shown.contains(visible), "{visible:?} in\n{shown}");
    }
    for markup in [
        "**", "](", "&amp;", "\\*", "```", "<https", "=====", "-----", "---\n", "<!--", "> not",
        "![",
    ] {
        assert!(!shown.contains(markup), "{markup:?} in\n{shown}");
    }
    insta::assert_snapshot!("markdown_160x50", shown);
}

#[test]
fn emphasis_strong_and_links_are_styled_on_their_words_only() {
    let app = app(160, 50);
    let t = render(&app);
    let buf = t.backend().buffer();
    assert!(all_have(buf, "joint munitions pools", Modifier::BOLD));
    assert!(none_has(buf, "Allied planners", Modifier::BOLD));
    assert!(all_have(buf, "Vilnius summit", Modifier::ITALIC));
    assert!(none_has(buf, "after the", Modifier::ITALIC));
    assert!(all_have(buf, "communique", Modifier::UNDERLINED));
    assert!(all_have(buf, "shared depots", Modifier::BOLD));
    assert!(all_have(buf, "three", Modifier::ITALIC));
    assert!(none_has(buf, "member states", Modifier::ITALIC));
}

#[test]
fn the_passage_link_is_in_the_status_bar_and_u_copies_its_address() {
    let mut app = app(120, 40);
    assert!(!status(&app).contains("link"), "{}", status(&app));
    assert!(matches!(send(&mut app, &char_key('u'))[..], []));
    assert!(status(&app).contains("No link in this passage."));
    while !app.articles()[0].blocks[app.views()[0].cursor]
        .content
        .of(&app.articles()[0].text)
        .starts_with("Allied")
    {
        app.update(Action::NextParagraph);
    }
    let bar = status(&app);
    assert!(
        bar.contains("link 1/2 (u copies): https://example.org/communique?id=42"),
        "{bar}"
    );
    match &send(&mut app, &char_key('u'))[..] {
        [Effect::Copy(url)] => assert_eq!(url, "https://example.org/communique?id=42"),
        other => panic!("{other:?}"),
    }
    assert!(status(&app).contains("Copied the link: https://example.org/communique?id=42"));
}

#[test]
fn a_link_address_with_control_characters_is_shown_and_copied_inert() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.md");
    std::fs::write(
        &path,
        "# Hostile\n\nSee [the report](https://e.org/&#27;]52;c;cHduZWQ=&#7;x) now.\n",
    )
    .unwrap();
    let mut app = app_on(load(&[path]), 120, 30);
    app.update(Action::Open);
    crate::harness::focus(&mut app, Pane::Source);
    app.update(Action::NextParagraph);
    let url = &app.passage_links()[0].url;
    assert!(
        url.contains('\u{1b}'),
        "the address holds an escape: {url:?}"
    );
    let bar = status(&app);
    assert!(bar.contains("https://e.org/␛]52;c;cHduZWQ=␇x"), "{bar}");
    match &send(&mut app, &char_key('u'))[..] {
        [Effect::Copy(copied)] => {
            assert!(!copied.chars().any(char::is_control), "{copied:?}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_search_match_inside_bold_text_highlights_the_matching_cells() {
    let mut app = app(160, 50);
    app.update(Action::FindForward);
    type_text(&mut app, "munitions pools");
    app.update(Action::PromptSubmit);
    let find = app.find().cloned().unwrap();
    assert_eq!(find.matches.len(), 1);
    let text = &app.articles()[0].text;
    assert_eq!(find.matches[0].of(text), "munitions pools");
    assert_eq!(&text[find.matches[0].end..find.matches[0].end + 2], "**");
    let t = render(&app);
    let buf = t.backend().buffer();
    // The current match is drawn bold, underlined and reversed without
    // colours; the bold word before it is only bold.
    assert!(all_have(buf, "munitions pools", Modifier::REVERSED));
    assert!(none_has(buf, "joint", Modifier::REVERSED));
    assert!(none_has(buf, " after", Modifier::REVERSED));
}

#[test]
fn a_note_on_text_with_markup_anchors_to_the_file_and_is_found_again() {
    let mut app = app(160, 50);
    while !app.articles()[0].blocks[app.views()[0].cursor]
        .content
        .of(&app.articles()[0].text)
        .starts_with("Readiness")
    {
        app.update(Action::NextParagraph);
    }
    app.update(Action::Annotate);
    assert!(matches!(app.mode(), Mode::Editor(_)));
    type_text(&mut app, "Depots matter");
    let saved = match &app.update(Action::SaveEdit)[..] {
        [Effect::SaveNotes(notes)] => notes.clone(),
        other => panic!("{other:?}"),
    };
    let article = &app.articles()[0];
    let block = article.blocks[app.views()[0].cursor].content;
    assert_eq!(saved[0].anchor.quote, block.of(&article.text));
    assert!(saved[0].anchor.quote.contains("**shared depots**"));
    assert!(saved[0].anchor.quote.contains("\n> not"));
    assert_eq!(app.notes().placed[0], Some((0, Placement::Exact(block))));

    // Read back by another reader, the note lands on the same bytes and
    // its words are drawn as noted (underlined and italic without colours).
    let mut again = app_on(load(&[fixture()]), 160, 50);
    again.update(Msg::NotesOpened(saved, Access::ReadWrite));
    again.update(Action::Open);
    assert_eq!(again.notes().placed[0], Some((0, Placement::Exact(block))));
    let t = render(&again);
    let buf = t.backend().buffer();
    assert!(all_have(buf, "Readiness depends on", Modifier::UNDERLINED));
    assert!(all_have(buf, "shared depots", Modifier::BOLD));
}

/// Two briefings that link to the same address, whose words would make a
/// topic of their own if they were read as text.
fn linked_pair(dir: &Path) -> Vec<PathBuf> {
    let url = "https://kestrelgate.example.org/Kestrelgate-Brightwater-Dashboard";
    let a = dir.join("a.md");
    let b = dir.join("b.md");
    std::fs::write(
        &a,
        format!(
            "# Depots in the east\n\nAllied planners pooled munitions in eastern depots, says the \
             [communique]({url}). Ministers backed the munitions pool. See <{url}> and \
             `Kestrelgate_Brightwater` for the audit.\n\nThe munitions depots will be audited \
             each spring by allied inspectors, the [annex]({url}) adds.\n"
        ),
    )
    .unwrap();
    std::fs::write(
        &b,
        format!(
            "# Munitions depots\n\nMinisters agreed that munitions depots in the east need allied \
             audits ([report]({url})). The munitions pool grows, as <{url}> and \
             `Kestrelgate_Brightwater` show.\n\nAllied inspectors audit the munitions depots \
             each spring, the [communique]({url}) says.\n"
        ),
    )
    .unwrap();
    vec![a, b]
}

#[test]
fn topics_and_key_points_hold_words_not_link_addresses_or_markup() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = load(&linked_pair(dir.path()));
    let analysis = Analysis::compute(&corpus.articles, &Settings::default());
    let labels: Vec<String> = analysis
        .topics()
        .iter()
        .map(|t| t.label.to_lowercase())
        .collect();
    assert!(!labels.is_empty(), "the articles share topics");
    assert!(
        labels
            .iter()
            .any(|l| l.contains("munitions") || l.contains("depot")),
        "{labels:?}"
    );
    for l in &labels {
        for part in [
            "kestrelgate",
            "brightwater",
            "dashboard",
            "example",
            "https",
            "/",
        ] {
            assert!(!l.contains(part), "{part} in {labels:?}");
        }
    }
    for (a, article) in corpus.articles.iter().enumerate() {
        for kp in analysis.key_points(a) {
            let quoted = article.markup.plain(&article.text, kp.span);
            assert!(!quoted.contains("](") && !quoted.contains('<'), "{quoted}");
        }
    }
}

#[test]
fn dump_of_markdown_names_no_address_as_a_topic() {
    let dir = tempfile::tempdir().unwrap();
    let paths = linked_pair(dir.path());
    let home = crate::common::Home::new();
    let out = home
        .briefing()
        .args(["dump", "--json", "--no-config"])
        .args(&paths)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let topics = json["topics"].as_array().unwrap();
    assert!(!topics.is_empty(), "{json}");
    let text = serde_json::to_string(&json["topics"]).unwrap();
    for part in [
        "Kestrelgate",
        "Brightwater",
        "Dashboard",
        "example.org",
        "https",
    ] {
        assert!(!text.contains(part), "{part} in {text}");
    }
    let kps = serde_json::to_string(&json["articles"][0]["key_points"]).unwrap();
    assert!(!kps.contains("](") && !kps.contains("**"), "{kps}");
}

#[test]
fn the_link_list_numbers_every_link_and_copies_or_shows_the_chosen_one() {
    let mut app = app(120, 40);
    let at_paragraph = |app: &App, opening: &str| {
        let a = &app.articles()[0];
        a.blocks[app.views()[0].cursor]
            .content
            .of(&a.text)
            .starts_with(opening)
    };
    while !at_paragraph(&app, "Allied") {
        app.update(Action::NextParagraph);
    }
    send(&mut app, &char_key('L'));
    assert_eq!(app.mode(), &Mode::Links { selected: 0 });
    let shown = screen(&app);
    for line in [
        "Links (3)",
        " 1. communique · https://example.org/communique?id=42",
        " 2. https://annex.example.net/logistics ",
        " 3. [image] Depot map of the eastern flank · https://img.example.com/depot.png",
    ] {
        assert!(shown.contains(line), "{line:?} in\n{shown}");
    }
    // A number chooses a link; y copies its address and closes the list.
    send(&mut app, &char_key('2'));
    assert_eq!(app.mode(), &Mode::Links { selected: 1 });
    match &send(&mut app, &char_key('y'))[..] {
        [Effect::Copy(url)] => assert_eq!(url, "https://annex.example.net/logistics"),
        other => panic!("{other:?}"),
    }
    assert_eq!(app.mode(), &Mode::Normal);
    // Enter shows the chosen link's passage in the text.
    send(&mut app, &char_key('L'));
    send(&mut app, &char_key('3'));
    send(
        &mut app,
        &crate::harness::key(crossterm::event::KeyCode::Enter),
    );
    assert_eq!(app.mode(), &Mode::Normal);
    assert!(at_paragraph(&app, "Depot map"));
    // A number past the last link changes nothing; Esc closes.
    send(&mut app, &char_key('L'));
    assert_eq!(
        app.mode(),
        &Mode::Links { selected: 2 },
        "the passage's link"
    );
    send(&mut app, &char_key('9'));
    assert_eq!(app.mode(), &Mode::Links { selected: 2 });
    send(
        &mut app,
        &crate::harness::key(crossterm::event::KeyCode::Esc),
    );
    assert_eq!(app.mode(), &Mode::Normal);
}

#[test]
fn plain_text_has_no_links_to_list() {
    let mut app = crate::harness::seeds_unanalysed(120, 40);
    app.update(Action::Open);
    crate::harness::focus(&mut app, Pane::Source);
    send(&mut app, &char_key('L'));
    assert_eq!(app.mode(), &Mode::Normal);
    assert!(status(&app).contains("This article has no links."));
    assert!(send(&mut app, &char_key('u')).is_empty());
}
