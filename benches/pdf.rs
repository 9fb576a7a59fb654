//! Loading a folder of 100 PDF files (generated articles set in one
//! column, about two pages each). Run with `cargo bench --bench pdf`.

#[path = "../examples/gen-corpus/generator.rs"]
mod generator;
#[path = "../tests/it/pdf_fixtures.rs"]
mod pdf_fixtures;

// The reader's allocator (see `src/main.rs`), so this measures what it runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::sync::OnceLock;

use briefing::corpus::{self, LoadOptions};

const FILES: usize = 100;

fn main() {
    divan::main();
}

/// The generated PDF files, written once to a temporary folder.
fn pdf_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("briefing-bench-pdf-{FILES}"));
        std::fs::create_dir_all(&dir).expect("bench folder");
        let world = generator::World::new(1);
        for i in 0..FILES {
            let text = world.article(1, i);
            let paragraphs: Vec<String> = text
                .split("\n\n")
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|p| !p.is_empty())
                .collect();
            let bytes = pdf_fixtures::single_column(&paragraphs, None);
            std::fs::write(dir.join(format!("{i:03}.pdf")), bytes).expect("write PDF");
        }
        dir
    })
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn load_100_pdfs() -> usize {
    let c = corpus::load(&[pdf_dir().clone()], &LoadOptions::default()).expect("folder loads");
    assert_eq!(c.articles.len(), FILES, "{:?}", c.problems);
    c.articles.len()
}
