//! Benchmarks of a generated library (see `examples/gen-corpus`) and of
//! drawing very long articles. Run with `cargo bench --bench scale`.
//!
//! The library has 1,000 articles (about 5 MB) unless
//! `BRIEFING_BENCH_ARTICLES` says otherwise; `benches/scale.sh` times whole
//! runs of 1k, 10k and 50k articles.

mod common;

// The reader's allocator (see `src/main.rs`), so this measures what it runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use common::generator;

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use briefing::analysis::{stages, Analysis, Settings};
use briefing::app::action::{Action, Loaded, Msg};
use briefing::app::{App, AppOptions};
use briefing::corpus::{self, Article, Corpus, LoadOptions};
use divan::Bencher;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn main() {
    divan::main();
}

fn articles_wanted() -> usize {
    std::env::var("BRIEFING_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

fn library_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| common::library_dir(articles_wanted()))
}

fn library() -> &'static [Article] {
    static LIB: OnceLock<Vec<Article>> = OnceLock::new();
    LIB.get_or_init(|| {
        corpus::load(&[library_dir().clone()], &LoadOptions::default())
            .expect("library loads")
            .articles
    })
}

/// Reading the library as 1,000 (or `BRIEFING_BENCH_ARTICLES`) saved web
/// pages: decoding, extracting the article and segmenting it.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn load_html_pages(bencher: Bencher) {
    let dir = html_library_dir(articles_wanted());
    bencher.bench(|| {
        let c = corpus::load(std::slice::from_ref(&dir), &LoadOptions::default())
            .expect("library loads");
        assert_eq!(
            c.articles.len(),
            articles_wanted(),
            "{:?}",
            c.problems.first()
        );
        c.articles.len()
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn load_and_segment() -> usize {
    corpus::load(&[library_dir().clone()], &LoadOptions::default())
        .expect("library loads")
        .articles
        .len()
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn tokenise(b: Bencher) {
    let arts = library();
    b.bench(|| stages::tokenise(arts));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn topics(b: Bencher) {
    let arts = library();
    let tokens = stages::tokenise(arts);
    b.bench(|| stages::topics(arts, &tokens));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn key_points(b: Bencher) {
    let arts = library();
    let prep = stages::prepare(arts, &Settings::default());
    let s = Settings::default();
    b.bench(|| stages::key_points(arts, &prep, &s));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn link(b: Bencher) {
    let arts = library();
    let prep = stages::prepare(arts, &Settings::default());
    let s = Settings::default();
    b.bench(|| stages::link(arts, &prep, &s));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn related(b: Bencher) {
    let arts = library();
    let prep = stages::prepare(arts, &Settings::default());
    b.bench(|| stages::related(&prep));
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn full_analysis(b: Bencher) {
    let arts = library();
    let s = Settings::default();
    b.bench(|| Analysis::compute(arts, &s));
}

/// A reader with one article open at 200x60.
fn reader(text: String) -> App {
    let (article, _) = Article::new(0, PathBuf::from("long.txt"), "long.txt".into(), text);
    let arts = vec![article];
    let analysis = Arc::new(Analysis::compute(&arts, &Settings::default()));
    let corpus = Corpus {
        articles: arts,
        problems: Vec::new(),
    };
    let mut app = App::new(
        corpus,
        AppOptions {
            sources: vec!["bench".into()],
            ..AppOptions::default()
        },
    );
    app.update(Msg::Loaded(Loaded::Analysis(analysis)));
    app.update(Action::Resize {
        width: 200,
        height: 60,
    });
    app.update(Action::Open);
    app
}

/// Long articles: 1 MB of ordinary paragraphs, one 1 MB paragraph, one
/// 1 MB line of words without a full stop (so one sentence, and the key
/// point), and one 5 MB line.
fn long_text(kind: &str) -> String {
    let world = generator::World::new(1);
    match kind {
        "1MB sentence" => {
            let words = [
                "alliance",
                "東京",
                "burden-sharing",
                "rearmament",
                "🇯🇵",
                "x",
            ];
            let mut s = String::new();
            for w in words.iter().cycle() {
                if s.len() >= 1 << 20 {
                    break;
                }
                s.push_str(w);
                s.push(' ');
            }
            s
        }
        "1MB paragraphs" => {
            let mut s = String::new();
            let mut i = 0;
            while s.len() < 1 << 20 {
                s.push_str(&world.article(7, i));
                i += 1;
            }
            s
        }
        "1MB paragraph" => world.long_paragraph(7, 1 << 20),
        _ => world.long_paragraph(7, 5 << 20),
    }
}

const LONG: &[&str] = &[
    "1MB paragraphs",
    "1MB paragraph",
    "1MB sentence",
    "5MB line",
];

#[divan::bench(args = LONG, sample_count = 20, sample_size = 1)]
fn draw_frame(b: Bencher, kind: &str) {
    let app = reader(long_text(kind));
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test terminal");
    b.bench_local(|| {
        terminal
            .draw(|f| briefing::ui::draw(f, &app))
            .expect("draw");
    });
}

#[divan::bench(args = LONG, sample_count = 20, sample_size = 1)]
fn scroll_one_line_and_draw(b: Bencher, kind: &str) {
    let mut app = reader(long_text(kind));
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test terminal");
    b.bench_local(|| {
        app.update(Action::Down);
        terminal
            .draw(|f| briefing::ui::draw(f, &app))
            .expect("draw");
    });
}

/// A reader of `kind` with the top of the view half way through the text.
fn reader_in_the_middle(kind: &str) -> App {
    let mut app = reader(long_text(kind));
    let half = app.articles()[0].text.len() / 2;
    while app.views()[0].top.byte < half {
        app.update(Action::PageDown);
    }
    app
}

#[divan::bench(args = LONG, sample_count = 20, sample_size = 1)]
fn scroll_up_one_line_and_draw(b: Bencher, kind: &str) {
    let mut app = reader_in_the_middle(kind);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test terminal");
    b.bench_local(|| {
        app.update(Action::Up);
        terminal
            .draw(|f| briefing::ui::draw(f, &app))
            .expect("draw");
    });
}

/// `G` from the middle of the text, and the frame after it.
#[divan::bench(args = LONG, sample_count = 20, sample_size = 1)]
fn jump_to_end_and_draw(b: Bencher, kind: &str) {
    let app = reader_in_the_middle(kind);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test terminal");
    b.with_inputs(|| app.clone()).bench_local_values(|mut app| {
        app.update(Action::Bottom);
        terminal
            .draw(|f| briefing::ui::draw(f, &app))
            .expect("draw");
        app
    });
}

/// The generated library of `n` articles as saved web pages: each
/// article's blocks as HTML headings, list items and paragraphs, inside a
/// page with a cookie banner, navigation, share links, related links,
/// comments and a footer.
pub fn html_library_dir(n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("briefing-bench-html-{n}-seed1"));
    if !dir.join(format!("{:06}.html", n - 1)).is_file() {
        std::fs::create_dir_all(&dir).expect("bench folder");
        let world = generator::World::new(1);
        for i in 0..n {
            std::fs::write(dir.join(format!("{i:06}.html")), page(&world.article(1, i)))
                .expect("write page");
        }
    }
    dir
}

fn page(text: &str) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut body = String::new();
    let mut title = String::new();
    for block in text.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        if title.is_empty() {
            // The generator's first line is the title.
            title = escape(block.trim_start_matches("# "));
            body.push_str(&format!("<h1>{title}</h1>\n"));
        } else if let Some(h) = block.strip_prefix("## ") {
            body.push_str(&format!("<h2>{}</h2>\n", escape(h)));
        } else if block.starts_with("- ") {
            body.push_str("<ul>\n");
            for item in block.lines() {
                body.push_str(&format!(
                    "  <li>{}</li>\n",
                    escape(item.trim_start_matches("- "))
                ));
            }
            body.push_str("</ul>\n");
        } else {
            body.push_str(&format!("<p>\n      {}\n    </p>\n", escape(block)));
        }
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Policy Wire</title>
<meta property="og:title" content="{title}">
<style>body {{ font-family: serif }}</style>
<script>window.dataLayer = window.dataLayer || [];</script></head>
<body>
<div class="cookie-banner"><p>We use cookies.</p><button>Accept</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/energy">Energy</a></li></ul></nav></header>
<main><article>
<div class="share"><a href="/s1">Share</a> <a href="/s2">Tweet</a> <a href="/s3">Email</a></div>
{body}
<aside class="related"><ul><li><a href="/a">Another story</a></li><li><a href="/b">A second story</a></li><li><a href="/c">A third story</a></li></ul></aside>
</article>
<section id="comments"><h2>Comments</h2><p>First!</p></section></main>
<footer><p>All rights reserved.</p></footer>
</body></html>
"#
    )
}
