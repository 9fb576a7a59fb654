//! How soon the reader shows something, run as a user would run it: the
//! real binary in a 200×60 pseudo-terminal on a generated library. Run with
//! `cargo bench --bench first_frame`.
//!
//! For each start it prints the time until the first frame is on screen,
//! until the library list is filled in, and until the analysis is in (the
//! status bar no longer says "analysing" or "updating"). A cold start has
//! an empty analysis cache; a warm start finds the cache the cold start
//! wrote. A changed start comes after one article was edited: it also
//! times when the earlier analysis shows for the unchanged articles (the
//! status bar says "updating").
//!
//! The library has 10,000 articles unless `BRIEFING_BENCH_ARTICLES` says
//! otherwise; `BRIEFING_BENCH_RUNS` sets the starts of each kind (3).

mod common;

// The reader's allocator (see `src/main.rs`), so this measures what it runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

const ROWS: u16 = 60;
const COLS: u16 = 200;
const BIN: &str = env!("CARGO_BIN_EXE_briefing");
/// Only a guard against a start that never finishes.
const GIVE_UP: Duration = Duration::from_secs(600);

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Seconds until each milestone of one start.
struct Start {
    first_frame: f64,
    library: f64,
    /// The earlier analysis shows while the library is analysed again.
    earlier: f64,
    analysis: f64,
}

fn start(library: &Path, home: &Path) -> Start {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("openpty");
    let mut cmd = CommandBuilder::new(BIN);
    cmd.arg("--no-config");
    cmd.arg(library);
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_DATA_HOME", home.join("data"));
    cmd.env("XDG_CACHE_HOME", home.join("cache"));
    let began = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let size = |n: u16| std::num::NonZeroU16::new(n).expect("a size");
    let mut screen = vt100::Parser::new(size(ROWS), size(COLS), 0);
    let mut wait = |done: &dyn Fn(&str) -> bool| until(&rx, &mut writer, &mut screen, began, done);
    let first_frame = wait(&|s| s.contains("help"));
    let library = wait(&|s| s.contains("Library (") && !s.contains("loading"));
    let analysed = |s: &str| {
        s.contains("Key points")
            && !s.contains("loading")
            && !s.contains("analysing")
            && !s.contains("updating")
    };
    let earlier = wait(&|s| s.contains("updating…") || analysed(s));
    let analysis = wait(&analysed);
    // Quitting right after the analysis arrives waits until it is in the
    // cache for the next start.
    writer.write_all(b"q").expect("quit");
    let _ = child.wait();
    assert!(
        cached(&home.join("cache").join("briefing")),
        "the analysis was not cached"
    );
    Start {
        first_frame,
        library,
        earlier,
        analysis,
    }
}

/// Seconds from `began` until the screen passes `done`. Like a real
/// terminal, it answers the program's request for the device attributes,
/// which the program waits for when it asks what the keyboard can do.
fn until(
    rx: &Receiver<Vec<u8>>,
    answer: &mut impl Write,
    screen: &mut vt100::Parser,
    began: Instant,
    done: &dyn Fn(&str) -> bool,
) -> f64 {
    loop {
        if done(&screen.screen().contents()) {
            return began.elapsed().as_secs_f64();
        }
        assert!(began.elapsed() < GIVE_UP, "the reader did not get there");
        if let Ok(bytes) = rx.recv_timeout(Duration::from_millis(20)) {
            if bytes.windows(3).any(|w| w == b"\x1b[c") {
                answer.write_all(b"\x1b[?62;22c").expect("answer");
            }
            screen.process(&bytes);
        }
    }
}

/// Whether a finished analysis cache file is in `dir`.
fn cached(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().ends_with(".bin"))
    })
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    // `cargo bench` passes `--bench`; a filter naming another bench skips
    // this one.
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args
        .iter()
        .any(|a| !a.starts_with("--") && !"first_frame".contains(a.as_str()))
    {
        return;
    }
    let n = env_number("BRIEFING_BENCH_ARTICLES", 10_000);
    let runs = env_number("BRIEFING_BENCH_RUNS", 3).max(1);
    let generated = common::library_dir(n);
    println!("first_frame: {n} articles, {runs} starts of each kind, medians in ms");
    println!(
        "{:<8} {:>12} {:>12} {:>12} {:>12}",
        "cache", "first frame", "library", "earlier", "analysis"
    );
    let (mut cold, mut warm, mut changed) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let home = tempfile::tempdir().expect("temp dir");
        // A copy of the library, so that editing an article leaves the
        // generated one as it is.
        let library = home.path().join("library");
        std::fs::create_dir_all(&library).expect("library copy");
        for entry in std::fs::read_dir(&generated).expect("generated library") {
            let path = entry.expect("entry").path();
            std::fs::copy(&path, library.join(path.file_name().expect("a name")))
                .expect("copy article");
        }
        cold.push(start(&library, home.path()));
        warm.push(start(&library, home.path()));
        let last = library.join(format!("{:06}.txt", n - 1));
        let mut text = std::fs::read_to_string(&last).expect("last article");
        text.push_str("\nA paragraph added since the last start.\n");
        std::fs::write(&last, text).expect("edit");
        changed.push(start(&library, home.path()));
    }
    for (name, starts) in [("cold", cold), ("warm", warm), ("changed", changed)] {
        let ms = |f: fn(&Start) -> f64| median(starts.iter().map(f).collect()) * 1000.0;
        let earlier = if name == "changed" {
            format!("{:.1}", ms(|s| s.earlier))
        } else {
            "-".to_string()
        };
        println!(
            "{name:<8} {:>12.1} {:>12.1} {earlier:>12} {:>12.1}",
            ms(|s| s.first_frame),
            ms(|s| s.library),
            ms(|s| s.analysis)
        );
    }
}
