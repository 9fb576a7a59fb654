//! The commands that print instead of opening the reader: `dump` and
//! `notes export`. They read the library and the notes file and write to
//! standard output or a file; what they write is made in `output`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::log::{self, Log, Stages};
use crate::analysis::{Analysis, Settings};
use crate::corpus::{self, Corpus, LoadError, LoadOptions};
use crate::notes::{self, Access, Store};
use crate::output;
use crate::text::sanitize::one_line;

/// How a command failed: on its arguments or setup (exit code 2), or
/// while running (exit code 1). Each carries its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    Usage(String),
    Failed(String),
}

/// Reads the library at `paths` for a command, logging what was read.
pub fn load(paths: &[PathBuf], opts: &LoadOptions, log: &Log) -> Result<Corpus, LoadError> {
    for p in paths {
        log.info(format_args!("load: reading {}", p.display()));
    }
    let start = Instant::now();
    let corpus = corpus::load(paths, opts).inspect_err(|e| log.error(format_args!("load: {e}")))?;
    log::loaded(log, &corpus, start.elapsed());
    Ok(corpus)
}

/// `dump`: the library's articles, key points, topics, links and related
/// articles, as JSON or as a Markdown report, on standard output. The
/// problems met loading the library go to standard error.
pub fn dump(
    corpus: Corpus,
    settings: &Settings,
    markdown: bool,
    all_pairs: bool,
    log: &Log,
) -> Result<(), Failure> {
    for p in &corpus.problems {
        eprintln!("briefing: {}", one_line(&p.to_string()));
    }
    let stages = Stages::new(log);
    let analysis =
        Analysis::compute_reporting(&corpus.articles, settings, &|step| stages.step(step));
    stages.finish(corpus.articles.len());
    if markdown {
        return write_out(None, &output::report::markdown(&corpus.articles, &analysis));
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = output::json::write_json(&mut out, &corpus.articles, &analysis, all_pairs)
        .and_then(|()| out.flush())
        .map_err(|e| Failure::Failed(format!("cannot write the output: {e}")));
    // The process ends here: freeing a big library's analysis piece by
    // piece would only delay the exit.
    std::mem::forget(analysis);
    std::mem::forget(corpus);
    written
}

/// `dump --text`: every article's text as the reader holds it, on
/// standard output. The problems met loading go to standard error.
pub fn dump_text(corpus: &Corpus) -> Result<(), Failure> {
    for p in &corpus.problems {
        eprintln!("briefing: {}", one_line(&p.to_string()));
    }
    write_out(None, &output::text::texts(&corpus.articles))
}

/// `notes export`: every note in `notes_file`, grouped by the article of
/// `corpus` it belongs to, as Markdown or JSON, to `to` or standard output.
pub fn export_notes(
    corpus: &Corpus,
    notes_file: Option<&Path>,
    json: bool,
    to: Option<&Path>,
    log: &Log,
) -> Result<(), Failure> {
    let Some(file) = notes_file else {
        return Err(Failure::Usage(
            "no notes file: set [notes] path in config.toml".to_string(),
        ));
    };
    let (store, notes) = Store::open(file);
    log.info(format_args!(
        "notes: {} notes read from {}",
        notes.len(),
        file.display()
    ));
    if let Access::ReadOnly(why) = store.access() {
        log.warn(format_args!("notes: {why}"));
        eprintln!("briefing: note: {}", one_line(why));
    }
    let groups = notes::by_article(&notes, &corpus.articles);
    let text = if json {
        format!("{}\n", output::notes::json_text(&groups))
    } else {
        output::notes::markdown(&groups)
    };
    write_out(to, &text)
}

/// Writes a command's output to `file`, or to standard output.
fn write_out(file: Option<&Path>, text: &str) -> Result<(), Failure> {
    match file {
        Some(path) => std::fs::write(path, text).map_err(|e| {
            format!(
                "cannot write {}: {e}",
                one_line(&path.display().to_string())
            )
        }),
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write the output: {e}")),
    }
    .map_err(Failure::Failed)
}
