//! `briefing notes export` on a notes file written through the store.

use std::path::{Path, PathBuf};

use briefing::corpus::{self, LoadOptions};
use briefing::notes::{self, Anchor, ArticleRef, Note, Store};

/// Writes one note on the first sentence of seed 004 into
/// `data/briefing/notes.toml`, as the reader would.
fn write_note(data: &Path) -> Note {
    write_note_saying(data, "Watch the #interoperability angle")
}

/// Saves one note saying `text` on the second sentence of seed 004.
fn write_note_saying(data: &Path, text: &str) -> Note {
    let corpus = corpus::load(&[PathBuf::from("seeds")], &LoadOptions::default()).unwrap();
    let a = corpus
        .articles
        .iter()
        .find(|a| a.display_path.starts_with("004"))
        .unwrap();
    let note = Note {
        id: notes::new_id(),
        text: text.into(),
        tags: vec!["interoperability".into()],
        created: notes::now(),
        updated: notes::now(),
        article: ArticleRef {
            path: a.display_path.clone(),
            fingerprint: notes::fingerprint(&a.text),
            source: None,
            extraction: None,
        },
        anchor: Anchor::new(&a.text, a.sentences[1].span),
    };
    let (mut store, existing) = Store::open(&data.join("briefing/notes.toml"));
    assert!(existing.is_empty());
    store.save(std::slice::from_ref(&note)).unwrap();
    note
}

fn export(data: &Path, args: &[&str]) -> std::process::Output {
    crate::common::Home::with_data(data)
        .briefing()
        .args(["--no-config", "notes", "export"])
        .args(args)
        .arg("seeds")
        .output()
        .unwrap()
}

#[test]
fn markdown_groups_notes_under_their_article_with_the_quote() {
    let data = tempfile::TempDir::new().unwrap();
    let note = write_note(data.path());
    let out = export(data.path(), &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("## NATO’s Tokyo Liaison Office (2026) formalizes"),
        "{md}"
    );
    assert!(
        md.contains(&format!(
            "> {}",
            note.anchor
                .quote
                .split_whitespace()
                .take(4)
                .collect::<Vec<_>>()
                .join(" ")
        )),
        "{md}"
    );
    assert!(
        md.contains("Watch the #interoperability angle")
            || md.contains("Watch the \\#interoperability angle"),
        "{md}"
    );
}

#[test]
fn json_goes_to_the_named_file() {
    let data = tempfile::TempDir::new().unwrap();
    let note = write_note(data.path());
    let file = data.path().join("out.json");
    let out = export(
        data.path(),
        &["--format", "json", "--output", file.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let first = &json["articles"][0];
    // The article by its path, not only its file name.
    assert_eq!(first["path"], "seeds/004_f63db3840d110e6e.txt");
    assert_eq!(first["notes"][0]["id"], note.id.as_str());
    assert_eq!(first["notes"][0]["quote"], note.anchor.quote.as_str());
    assert_eq!(first["notes"][0]["start"], note.anchor.start);
}

#[test]
fn json_escapes_controls_bidi_and_invisible_characters() {
    let data = tempfile::TempDir::new().unwrap();
    let note = write_note_saying(
        data.path(),
        "C1 \u{9b}6n \u{9d}0;t DEL \u{7f} RLO \u{202e}x ZW \u{200b} BOM \u{feff}",
    );
    let out = export(data.path(), &["--format", "json"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for c in [
        '\u{9b}', '\u{9d}', '\u{7f}', '\u{202e}', '\u{200b}', '\u{feff}',
    ] {
        assert!(!text.contains(c), "{c:?} written raw: {text}");
    }
    assert!(text.contains("\\u009b6n"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["articles"][0]["notes"][0]["text"], note.text.as_str());
}
