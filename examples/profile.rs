//! Times each stage of loading and analysing a library once, to see where
//! the time goes:
//!
//! ```sh
//! cargo run --release --example profile -- PATH
//! cargo run --release --example profile -- --lexical PATH   # semantic = false
//! cargo run --release --example profile -- --repeat 3 PATH   # least of 3 runs
//! ```
//!
//! With `--repeat N` the link, related and key point stages run N times
//! and the least CPU time is shown: on a shared machine the least is the
//! steadiest figure to compare two builds by.

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

/// Runs `f` `n` times and shows the least wall and CPU time of a run.
fn least<T>(name: &str, n: usize, f: impl Fn() -> T) -> T {
    let (mut wall, mut spent) = (f64::MAX, f64::MAX);
    let mut out = None;
    for _ in 0..n {
        let (t, c) = (Instant::now(), cpu());
        out = Some(f());
        wall = wall.min(t.elapsed().as_secs_f64());
        spent = spent.min(cpu() - c);
    }
    eprintln!(
        "{name:<28} {wall:>7.3} s wall {spent:>7.2} s cpu   {}",
        memory()
    );
    out.expect("at least one run")
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let lexical = args.iter().any(|a| a == "--lexical");
    args.retain(|a| a != "--lexical");
    let repeat = match args.iter().position(|a| a == "--repeat") {
        Some(i) if i + 1 < args.len() => {
            let n = args[i + 1].parse::<usize>().unwrap_or(1).max(1);
            args.drain(i..i + 2);
            n
        }
        _ => 1,
    };
    let paths: Vec<PathBuf> = args.into_iter().map(PathBuf::from).collect();
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
    let settings = Settings {
        semantic: !lexical,
        ..Settings::default()
    };
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
    let links = least("link", repeat, || stages::link(arts, &prep, &settings));
    eprintln!("  {links} links");
    least("related", repeat, || stages::related(&prep));
    least("key points", repeat, || {
        stages::key_points(arts, &prep, &settings)
    });
    drop(prep);
    timed("full analysis", || {
        briefing::analysis::Analysis::compute(arts, &settings)
    });
}
