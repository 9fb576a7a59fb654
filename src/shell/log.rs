//! The debug log that `--log FILE` (or `BRIEFING_LOG`) asks for: what was
//! loaded and skipped, how long each stage of the analysis took, whether
//! the analysis cache was used, and what could not be saved.
//!
//! A [`Log`] is a cheap handle, cloned to every thread that logs. Without a
//! file it does nothing and formats nothing. With one, each line is
//! appended as it is written: seconds since the log was opened, the level,
//! and the message folded onto one line with every control character made
//! visible, since messages carry file names. Writing never reaches the
//! terminal and never fails the program: a line that cannot be written is
//! dropped.

use std::cell::Cell;
use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::analysis::Step;
use crate::corpus::{Corpus, Severity};
use crate::strings;
use crate::text::sanitize::one_line;

/// How much a line matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Warn,
    Info,
    Debug,
}

impl Level {
    fn label(self) -> &'static str {
        match self {
            Level::Error => "ERROR",
            Level::Warn => "WARN",
            Level::Info => "INFO",
            Level::Debug => "DEBUG",
        }
    }
}

struct Sink {
    file: Mutex<File>,
    path: PathBuf,
    start: Instant,
}

/// Where log lines go: a file, or nowhere.
#[derive(Clone, Default)]
pub struct Log {
    sink: Option<Arc<Sink>>,
}

impl fmt::Debug for Log {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.sink.is_some() {
            "Log(file)"
        } else {
            "Log(off)"
        })
    }
}

/// The log file named on the command line, else by `BRIEFING_LOG` (an
/// empty value names none).
pub fn chosen(given: Option<PathBuf>) -> Option<PathBuf> {
    given.or_else(|| {
        std::env::var_os("BRIEFING_LOG")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
}

impl Log {
    /// A log that writes nothing.
    pub fn off() -> Log {
        Log::default()
    }

    /// Opens `path` for appending, creating the file but not its folder,
    /// and writes a first line saying which program started when. The
    /// error names the file. A terminal is refused.
    pub fn open(path: &Path) -> Result<Log, String> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| {
                format!(
                    "cannot open the log file {}: {}",
                    one_line(&path.display().to_string()),
                    one_line(&e.to_string())
                )
            })?;
        // The reader draws on the terminal; log lines there would tear it.
        if std::io::IsTerminal::is_terminal(&file) {
            return Err(format!(
                "cannot log to {}: it is a terminal; name a file",
                one_line(&path.display().to_string())
            ));
        }
        let log = Log {
            sink: Some(Arc::new(Sink {
                file: Mutex::new(file),
                path: path.to_path_buf(),
                start: Instant::now(),
            })),
        };
        log.info(format_args!(
            "briefing {} started at {} (process {})",
            env!("CARGO_PKG_VERSION"),
            crate::notes::now(),
            std::process::id()
        ));
        Ok(log)
    }

    /// The file lines go to, if any.
    pub fn path(&self) -> Option<&Path> {
        self.sink.as_ref().map(|s| s.path.as_path())
    }

    /// Whether lines go anywhere.
    pub fn enabled(&self) -> bool {
        self.sink.is_some()
    }

    pub fn error(&self, message: fmt::Arguments<'_>) {
        self.write(Level::Error, message);
    }

    pub fn warn(&self, message: fmt::Arguments<'_>) {
        self.write(Level::Warn, message);
    }

    pub fn info(&self, message: fmt::Arguments<'_>) {
        self.write(Level::Info, message);
    }

    pub fn debug(&self, message: fmt::Arguments<'_>) {
        self.write(Level::Debug, message);
    }

    fn write(&self, level: Level, message: fmt::Arguments<'_>) {
        let Some(sink) = &self.sink else {
            return;
        };
        let text = line(sink.start.elapsed(), level, &message.to_string());
        // A poisoned lock only means another thread panicked mid-write;
        // the file is still fine to append to.
        let mut file = sink.file.lock().unwrap_or_else(|e| e.into_inner());
        let _ = file.write_all(text.as_bytes());
    }
}

/// What loading the library came to: each article read, each file
/// skipped or read with a warning and why, and the totals.
pub fn loaded(log: &Log, corpus: &Corpus, took: Duration) {
    if !log.enabled() {
        return;
    }
    for a in &corpus.articles {
        log.debug(format_args!(
            "load: read {} ({} bytes, {} words, {} blocks)",
            a.path.display(),
            a.text.len(),
            a.words,
            a.blocks.len()
        ));
    }
    for p in &corpus.problems {
        log.warn(format_args!("load: {p}"));
    }
    let skipped = corpus
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Skipped)
        .count();
    log.info(format_args!(
        "load: {} articles read in {}; files skipped: {skipped}, warnings: {}",
        corpus.articles.len(),
        ms(took),
        corpus.problems.len() - skipped
    ));
}

/// Times the steps of an analysis from the progress it reports: each
/// step's time is logged when the next one starts, and the last one's and
/// the total when [`Stages::finish`] is called.
pub struct Stages<'a> {
    log: &'a Log,
    start: Instant,
    current: Cell<Option<(Step, Instant)>>,
}

impl<'a> Stages<'a> {
    pub fn new(log: &'a Log) -> Stages<'a> {
        Stages {
            log,
            start: Instant::now(),
            current: Cell::new(None),
        }
    }

    /// Whether any step has started.
    pub fn started(&self) -> bool {
        self.current.get().is_some()
    }

    /// `step` starts now.
    pub fn step(&self, step: Step) {
        let now = Instant::now();
        self.end(now);
        self.current.set(Some((step, now)));
    }

    fn end(&self, now: Instant) {
        if let Some((step, since)) = self.current.take() {
            self.log.debug(format_args!(
                "analysis: step {}/{} ({}) took {}",
                step.number(),
                Step::COUNT,
                strings::step(step),
                ms(now.duration_since(since))
            ));
        }
    }

    /// The analysis is done: logs the last step and the total.
    pub fn finish(&self, articles: usize) {
        let now = Instant::now();
        self.end(now);
        self.log.info(format_args!(
            "analysis: {articles} articles analysed in {}",
            ms(now.duration_since(self.start))
        ));
    }
}

/// One line of the log, ending in a newline.
pub fn line(since_start: Duration, level: Level, message: &str) -> String {
    format!(
        "{:>10.3} {:<5} {}\n",
        since_start.as_secs_f64(),
        level.label(),
        one_line(message)
    )
}

/// `d` in milliseconds, for timings.
pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_has_the_time_the_level_and_one_clean_line() {
        let l = line(
            Duration::from_millis(1_234),
            Level::Warn,
            "skipped evil\u{1b}[2J\nname.txt\u{9b}: too big",
        );
        assert_eq!(l, "     1.234 WARN  skipped evil␛[2J name.txt�: too big\n");
        assert!(!l.trim_end().chars().any(char::is_control), "{l:?}");
    }

    #[test]
    fn lines_are_appended_to_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("briefing.log");
        std::fs::write(&path, "earlier run\n").expect("write");
        let log = Log::open(&path).expect("open");
        assert!(log.enabled());
        log.debug(format_args!("cache: {}", "hit"));
        let clone = log.clone();
        std::thread::spawn(move || clone.error(format_args!("from a thread")))
            .join()
            .expect("thread");
        let text = std::fs::read_to_string(&path).expect("read");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert_eq!(lines[0], "earlier run");
        assert!(lines[1].contains(" INFO  briefing "), "{text}");
        assert!(lines[2].ends_with(" DEBUG cache: hit"), "{text}");
        assert!(lines[3].ends_with(" ERROR from a thread"), "{text}");
    }

    #[test]
    fn a_file_in_a_missing_folder_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("no such folder").join("briefing.log");
        let e = Log::open(&path).expect_err("opened");
        assert!(e.starts_with("cannot open the log file "), "{e}");
        assert!(e.contains(&path.display().to_string()), "{e}");
        assert!(!path.parent().is_some_and(Path::exists));
    }

    #[test]
    fn an_unset_log_writes_nothing() {
        let log = Log::off();
        assert!(!log.enabled());
        log.error(format_args!("nowhere"));
    }
}
