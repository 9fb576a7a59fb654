//! Times each stage of loading and analysing a library once, to see where
//! the time goes:
//!
//! ```sh
//! cargo run --release --example profile -- PATH
//! ```

// The reader's allocator (see `src/main.rs`), so this measures what it runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::time::Instant;

use briefing::analysis::{stages, Settings};
use briefing::corpus::{self, LoadOptions};

/// Resident and peak resident memory in MB, from /proc where there is one.
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or_else(|| "?".to_string(), |kb| format!("{:.0}", kb / 1024.0))
    };
    format!(
        "rss {:>5} MB, peak {:>5} MB",
        field("VmRSS:"),
        field("VmHWM:")
    )
}

/// CPU seconds used by the process so far, from /proc where there is one.
fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in brackets and may hold
    // spaces: utime and stime are the 12th and 13th, in clock ticks of
    // 1/100 s.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<f64> = after
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0.0))
        .collect();
    (fields.get(11).unwrap_or(&0.0) + fields.get(12).unwrap_or(&0.0)) / 100.0
}

fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let (t, c) = (Instant::now(), cpu());
    let out = f();
    eprintln!(
        "{name:<28} {:>7.3} s wall {:>7.2} s cpu   {}",
        t.elapsed().as_secs_f64(),
        cpu() - c,
        memory()
    );
    out
}

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let corpus = timed("load and segment", || {
        corpus::load(&paths, &LoadOptions::default())
    });
    let Ok(corpus) = corpus else {
        eprintln!("profile: cannot load {paths:?}");
        std::process::exit(2);
    };
    let arts = &corpus.articles;
    let bytes: usize = arts.iter().map(|a| a.text.len()).sum();
    eprintln!("{} articles, {:.1} MB", arts.len(), bytes as f64 / 1e6);
    let settings = Settings::default();
    let tokens = timed("tokenise", || stages::tokenise(arts));
    if std::env::var("ONLY_TOKENISE").is_ok() {
        drop(tokens);
        let t = timed("tokenise", || stages::tokenise(arts));
        drop(t);
        return;
    }
    let topics = timed("topics", || stages::topics(arts, &tokens));
    eprintln!("  {topics} topics");
    drop(tokens);
    let prep = timed("prepare (all of the above)", || {
        stages::prepare(arts, &settings)
    });
    let links = timed("link", || stages::link(arts, &prep, &settings));
    eprintln!("  {links} links");
    timed("related", || stages::related(&prep));
    timed("key points", || stages::key_points(arts, &prep, &settings));
    drop(prep);
    timed("full analysis", || {
        briefing::analysis::Analysis::compute(arts, &settings)
    });
}
