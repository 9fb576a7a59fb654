//! Exporting notes as Markdown and JSON.
use briefing::notes::{Anchor, ArticleRef, Note};
use briefing::output::notes as export;

fn note(id: &str, quote: &str, start: usize, text: &str, tags: &[&str]) -> Note {
    Note {
        id: id.into(),
        article: ArticleRef {
            path: "p".into(),
            fingerprint: "f".into(),
            source: None,
            extraction: None,
        },
        anchor: Anchor {
            quote: quote.into(),
            before: String::new(),
            after: String::new(),
            start,
            end: start + quote.len(),
        },
        text: text.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        created: "2026-11-23T13:20:05Z".into(),
        updated: "2026-11-24T08:00:00Z".into(),
    }
}

#[test]
fn markdown_groups_notes_by_article_in_text_order() {
    let late = note(
        "a2",
        "the talks continue",
        900,
        "Follow up on Tuesday.",
        &[],
    );
    let early = note(
        "a1",
        "a joint reserve",
        120,
        "Check the #NATO-Japan angle.\nSecond line.",
        &["nato-japan"],
    );
    let other = note(
        "b1",
        "Critics said",
        40,
        "Who are the critics?",
        &["critics", "energy"],
    );
    let groups = vec![
        (
            "Energy talks".to_string(),
            "asia/energy.md".to_string(),
            vec![&late, &early],
        ),
        (
            "Reactions".to_string(),
            "europe/reactions.md".to_string(),
            vec![&other],
        ),
    ];
    let md = export::markdown(&groups);
    let pos = |s: &str| {
        md.find(s)
            .unwrap_or_else(|| panic!("{s:?} missing in\n{md}"))
    };
    assert!(pos("## Energy talks") < pos("*asia/energy.md*"));
    assert!(pos("*asia/energy.md*") < pos("> a joint reserve"));
    // Text order within an article, articles in the order given.
    assert!(pos("> a joint reserve") < pos("> the talks continue"));
    assert!(pos("> the talks continue") < pos("## Reactions"));
    assert!(pos("## Reactions") < pos("> Critics said"));
    // The note text follows its quote and keeps its line break.
    assert!(pos("> a joint reserve") < pos("Check the \\#NATO-Japan angle.  \nSecond line."));
    assert!(md.contains("Tags: \\#critics, \\#energy"), "{md}");
    assert!(md.contains("2026-11-23T13:20:05Z") && md.contains("2026-11-24T08:00:00Z"));
    // Each blockquote is one line, followed by a blank line.
    for line in md.lines().filter(|l| l.starts_with('>')) {
        assert!(!line[1..].contains('>'), "{line}");
    }
}

#[test]
fn hostile_text_cannot_inject_markup_or_escapes() {
    let evil = note(
        "x",
        "# Heading\n<script>alert(1)</script>\u{1b}]0;pwned\u{7}",
        5,
        "# not a heading\n<script>alert(2)</script>\n- not a list\n    not code\n\u{1b}[2J\u{9b}31m`code` [link](javascript:x) ![img](y)\n---",
        &["<b>", "x\u{1b}[31m"],
    );
    let groups = vec![(
        "# Title\u{1b}[31m <img src=x onerror=alert(3)>\n## Sub".to_string(),
        "evil/\u{202e}gpj.md".to_string(),
        vec![&evil],
    )];
    let md = export::markdown(&groups);
    assert!(!md.chars().any(|c| c.is_control() && c != '\n'), "{md:?}");
    assert!(!md.contains('\u{202e}'));
    for line in md.lines() {
        // The only headings are the export's own.
        if line.starts_with('#') {
            assert!(
                line == "# Notes" || line.starts_with("## \\# Title"),
                "{line}"
            );
        }
        assert!(
            !line.starts_with("- ") && !line.starts_with("    ") && line != "---",
            "{line}"
        );
        // No raw HTML, code spans or links.
        for (i, c) in line.char_indices() {
            if matches!(c, '<' | '`' | '[') {
                assert_eq!(&line[i - 1..i], "\\", "unescaped {c} in {line}");
            }
        }
    }
    assert!(md.contains("\\<script\\>alert(2)\\</script\\>"), "{md}");
    assert!(
        md.contains("␛"),
        "escape shown as a visible placeholder: {md}"
    );
}

#[test]
fn json_has_the_documented_shape() {
    let b = note("n2", "second", 50, "two", &["x"]);
    let a = note("n1", "first \"quoted\"", 10, "one\nline", &[]);
    let groups = vec![("Title".to_string(), "dir/a.md".to_string(), vec![&b, &a])];
    let v = export::json(&groups);
    assert_eq!(v["version"], 1);
    let art = &v["articles"][0];
    assert_eq!(art["title"], "Title");
    assert_eq!(art["path"], "dir/a.md");
    let notes = art["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0]["id"], "n1", "text order");
    assert_eq!(notes[0]["quote"], "first \"quoted\"");
    assert_eq!(notes[0]["text"], "one\nline");
    assert_eq!(notes[0]["start"], 10);
    assert_eq!(notes[0]["end"], 10 + "first \"quoted\"".len());
    assert_eq!(notes[1]["tags"], serde_json::json!(["x"]));
    let mut keys: Vec<&String> = notes[0].as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "created",
            "end",
            "highlight",
            "id",
            "quote",
            "start",
            "tags",
            "text",
            "updated"
        ]
    );
    assert_eq!(notes[0]["highlight"], false);
    // Round-trips through text.
    let s = serde_json::to_string(&v).unwrap();
    assert_eq!(serde_json::from_str::<serde_json::Value>(&s).unwrap(), v);
}
