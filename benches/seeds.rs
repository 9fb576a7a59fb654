//! Timing of the seed library: loading and segmenting the five briefings,
//! analysing them, and drawing one frame of the reader. Run with
//! `cargo bench --bench seeds`; prints the median and fastest of many runs.

// The reader's allocator (see `src/main.rs`), so this measures what it runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use briefing::analysis::{Analysis, Settings};
use briefing::app::action::{Action, Loaded, Msg};
use briefing::app::{App, AppOptions};
use briefing::corpus::{self, LoadOptions};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// Runs `f` repeatedly for about a second and reports its median and
/// fastest times.
fn bench<T>(name: &str, mut f: impl FnMut() -> T) {
    let mut times = Vec::new();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(1) || times.len() < 10 {
        let t = Instant::now();
        black_box(f());
        times.push(t.elapsed());
    }
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "{name:<40} median {:>9.3} ms   fastest {:>9.3} ms   ({} runs)",
        ms(median),
        ms(times[0]),
        times.len()
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let seeds = [PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")];
    let opts = LoadOptions::default();
    let load = || corpus::load(&seeds, &opts).expect("seeds load");
    bench("load and segment the 5 seeds", load);
    let corpus = load();
    let settings = Settings::default();
    bench("analyse the 5 seeds", || {
        Analysis::compute(&corpus.articles, &settings)
    });

    let analysis = Arc::new(Analysis::compute(&corpus.articles, &settings));
    let mut app = App::new(
        corpus,
        AppOptions {
            sources: vec!["seeds".into()],
            ..AppOptions::default()
        },
    );
    app.update(Msg::Loaded(Loaded::Analysis(analysis)));
    app.update(Action::Resize {
        width: 200,
        height: 60,
    });
    app.update(Action::Open);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test terminal");
    bench("draw one 200x60 frame", || {
        terminal
            .draw(|f| briefing::ui::draw(f, &app))
            .expect("draw");
    });
    bench("scroll one line and draw", || {
        app.update(Action::Down);
        terminal
            .draw(|f| briefing::ui::draw(f, &app))
            .expect("draw");
    });
}
