//! What the benchmarks share: a generated library on disk.

#[path = "../../examples/gen-corpus/generator.rs"]
pub mod generator;

use std::path::PathBuf;

/// A generated library of `n` articles (seed 1), written once to a
/// temporary folder and kept there for later runs.
pub fn library_dir(n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("briefing-bench-lib-{n}-seed1"));
    if !dir.join(format!("{:06}.txt", n - 1)).is_file() {
        std::fs::create_dir_all(&dir).expect("bench folder");
        let world = generator::World::new(1);
        for i in 0..n {
            std::fs::write(dir.join(format!("{i:06}.txt")), world.article(1, i))
                .expect("write article");
        }
    }
    dir
}
