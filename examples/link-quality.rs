//! Prints how well cross-references match labelled passage pairs: the
//! seed briefings' labels in `tests/fixtures/links/seeds.toml`, and any
//! other labelled library given on the command line as a folder of
//! articles with an `expected-links.md` beside it (such as a development
//! set of news articles).
//!
//! ```sh
//! cargo run --release --example link-quality [-- ARTICLES_DIR EXPECTED.md]
//! ```
//!
//! For each set, with linking by meaning and without: expected links found
//! (all, and those worded differently on each side), false links on pairs
//! that must not link, links per passage, and the share of links whose
//! labels are true of both passages.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use briefing::analysis::quality::{evaluate, Labels};
use briefing::analysis::{Analysis, Settings};
use briefing::corpus::{self, LoadOptions};

fn measure(name: &str, dir: &Path, labels: &Labels) -> Result<(), String> {
    let articles = corpus::load(&[dir.to_path_buf()], &LoadOptions::default())
        .map_err(|e| e.to_string())?
        .articles;
    for semantic in [true, false] {
        let settings = Settings {
            semantic,
            ..Settings::default()
        };
        let analysis = Analysis::compute(&articles, &settings);
        let r = evaluate(&articles, &analysis, labels);
        for problem in &r.unusable {
            eprintln!("{name}: unusable label: {problem}");
        }
        for label in &r.untrue {
            eprintln!("{name}: untrue label {label}");
        }
        println!(
            "{name:<8} {:<8} found {:>2}/{:<2} differs {:>2}/{:<2} false links {:>3} (on {} pairs) links/passage {:.2} true labels {}/{} ({:.0}%)",
            if semantic { "meaning" } else { "lexical" },
            r.found,
            r.expected,
            r.found_differs,
            r.expected_differs,
            r.false_links,
            r.must_not,
            r.links_per_passage(),
            r.true_labels,
            r.links,
            100.0 * r.true_labels as f32 / r.links.max(1) as f32,
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seeds = root.join("tests/fixtures/links/seeds.toml");
    let mut sets: Vec<(String, PathBuf, Labels)> = Vec::new();
    match std::fs::read_to_string(&seeds).map(|t| Labels::from_toml(&t)) {
        Ok(Ok(labels)) => sets.push(("seeds".into(), root.join("seeds"), labels)),
        Ok(Err(e)) => {
            eprintln!("{}: {e}", seeds.display());
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("{}: {e}", seeds.display());
            return ExitCode::FAILURE;
        }
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [dir, expected] = &args[..] {
        match std::fs::read_to_string(expected) {
            Ok(text) => sets.push(("devset".into(), dir.into(), Labels::from_markdown(&text))),
            Err(e) => {
                eprintln!("{expected}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    for (name, dir, labels) in &sets {
        if let Err(e) = measure(name, dir, labels) {
            eprintln!("{}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
