//! The fuzz targets' checks (`fuzz/fuzz_targets/check.rs`) run in
//! `cargo test` on the seeds and on every input in
//! `tests/fuzz_regressions/` (crash inputs found by fuzzing and by the
//! property tests, named `pipeline-*` or `wrap-*`).

#[path = "../../fuzz/fuzz_targets/check.rs"]
mod check;

use std::path::Path;

#[test]
fn the_pipeline_check_passes_on_the_seeds() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut texts: Vec<Vec<u8>> = std::fs::read_dir(seeds)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    texts.sort();
    for (i, t) in texts.iter().enumerate() {
        // Two articles (a cut at half), a size and an action script per seed.
        let mut data = vec![80 + i as u8 * 20, 24 + i as u8 * 5, 0xa5 ^ i as u8, 128];
        data.extend_from_slice(&t[..t.len().min(6000)]);
        check::pipeline(&data);
        check::wrap_text(&data[3..]);
    }
}

#[test]
fn crash_inputs_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let data = std::fs::read(&path).unwrap();
        if name.starts_with("pipeline-") {
            check::pipeline(&data);
            n += 1;
        } else if name.starts_with("wrap-") {
            check::wrap_text(&data);
            n += 1;
        }
    }
    assert!(n > 0, "no regression inputs found");
}
