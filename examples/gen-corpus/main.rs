//! Writes a deterministic library of briefing-like articles for
//! benchmarks:
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --articles 10000 --seed 1 OUT_DIR
//! ```
//!
//! Article `i` is the same for a given seed whatever the library size, so
//! the 10,000-article library holds the 1,000-article one.

mod generator;

use std::path::PathBuf;
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("usage: gen-corpus [--articles N] [--seed S] OUT_DIR");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut articles = 1000usize;
    let mut seed = 1u64;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--articles" => match args.next().and_then(|v| v.parse().ok()) {
                Some(n) => articles = n,
                None => return usage(),
            },
            "--seed" => match args.next().and_then(|v| v.parse().ok()) {
                Some(s) => seed = s,
                None => return usage(),
            },
            "-h" | "--help" => return usage(),
            _ if out.is_none() && !a.starts_with("--") => out = Some(PathBuf::from(a)),
            _ => return usage(),
        }
    }
    let Some(out) = out else { return usage() };
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("gen-corpus: cannot create {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    let world = generator::World::new(seed);
    let mut bytes = 0usize;
    for i in 0..articles {
        let text = world.article(seed, i);
        bytes += text.len();
        let path = out.join(format!("{i:06}.txt"));
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("gen-corpus: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    eprintln!(
        "gen-corpus: {articles} articles, {:.1} MB, in {}",
        bytes as f64 / 1e6,
        out.display()
    );
    ExitCode::SUCCESS
}
