//! The Markdown report of `briefing dump --markdown`, on the seeds and on
//! hostile text.

use std::path::PathBuf;

use briefing::analysis::{Analysis, Settings};
use briefing::corpus::{self, LoadOptions};
use briefing::output::report;

fn seeds_report() -> String {
    let corpus = corpus::load(&[PathBuf::from("seeds")], &LoadOptions::default()).unwrap();
    let analysis = Analysis::compute(&corpus.articles, &Settings::default());
    report::markdown(&corpus.articles, &analysis)
}

#[test]
fn every_article_has_a_section_with_its_key_points() {
    let md = seeds_report();
    assert!(md.starts_with("# Briefing analysis\n"));
    assert_eq!(md.matches("\n## ").count(), 5);
    assert_eq!(md.matches("\n### Key points\n").count(), 5);
    assert!(md.contains("\n## The Future of NATO\n"));
    // Seed 004's first takeaway is its first key point, marked as the
    // author's; its fifth point is extracted, and not marked.
    let tokyo = &md[md.find("## NATO’s Tokyo Liaison Office").unwrap()..];
    let points = &tokyo[tokyo.find("### Key points").unwrap()..];
    assert!(
        points.contains("✎ marks the author's own summary.")
            && points.contains("1. ✎ NATO’s Tokyo Liaison Office (2026) formalizes"),
        "{points}"
    );
    let fifth = points.lines().find(|l| l.starts_with("5. ")).unwrap();
    assert!(!fifth.contains('✎'), "{points}");
}

#[test]
fn links_quote_both_passages_and_say_what_they_share() {
    let md = seeds_report();
    let from = md.find("> Those tensions were exposed last summer when NATO failed to open a liaison office in Tokyo.").unwrap();
    let after = &md[from..];
    let entry = &after[after.find("\n- **").unwrap()..];
    assert!(
        entry.starts_with("\n- **NATO’s Tokyo Liaison Office"),
        "{entry}"
    );
    let line = entry.lines().nth(1).unwrap();
    assert!(line.contains("shares: liaison office in Tokyo"), "{line}");
    assert!(
        entry.lines().nth(3).unwrap().trim_start().starts_with("> "),
        "{entry}"
    );
}

#[test]
fn hostile_text_cannot_add_markup_or_control_sequences() {
    let dir = tempfile::TempDir::new().unwrap();
    let evil = "# Injected heading \u{1b}]0;title\u{7}\n\nThe Tokyo liaison office opened. \u{1b}[2J It *matters* to NATO.\n";
    std::fs::write(dir.path().join("a.txt"), evil).unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "Tokyo liaison office news\n\nNATO opened the Tokyo liaison office. It matters.\n",
    )
    .unwrap();
    let out = crate::common::Home::new()
        .briefing()
        .args(["--no-config", "dump", "--markdown"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(!md.chars().any(|c| c.is_control() && c != '\n'), "{md:?}");
    assert!(md
        .lines()
        .filter(|l| l.starts_with('#'))
        .all(|l| l == "# Briefing analysis" || l.starts_with("## ") || l.starts_with("### ")));
    assert!(md.contains("\n## Injected heading ␛\\]0;title␇\n"), "{md}");
    assert!(md.contains("\\*matters\\*"), "{md}");
    // Quoted article text never carries an unescaped emphasis marker.
    for line in md
        .lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with("> ") || l.starts_with("1. "))
    {
        assert!(!line.replace("\\*", "").contains('*'), "{line}");
    }
}
