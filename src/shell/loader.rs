//! The loader thread: reads the library, then analyses it (or takes the
//! analysis from the cache), and sends the reader news as it goes.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Instant;

use super::log::{self, Log, Stages};
use crate::analysis::Settings;
use crate::app::action::Loaded;
use crate::cache::{self, Ready};
use crate::corpus::{self, Corpus, LoadOptions, Problem, Severity};
use crate::state::ReadingState;

/// The running loader.
pub struct Loader {
    pub news: Receiver<Loaded>,
    thread: Option<JoinHandle<()>>,
    /// Set when a newer loader has taken over: this one's analysis, not
    /// started yet, is no longer wanted.
    superseded: Arc<AtomicBool>,
    /// Set while a fresh analysis the reader has been sent is written to
    /// the cache.
    saving: Arc<AtomicBool>,
}

impl Loader {
    /// Starts reading `paths` and analysing them; `saved` is the reading
    /// state to restore in the library once it is read.
    pub fn start(
        paths: Vec<PathBuf>,
        opts: LoadOptions,
        settings: Settings,
        saved: Option<ReadingState>,
        log: Log,
    ) -> Loader {
        Loader::spawn(paths, opts, settings, Err(saved), log)
    }

    /// Takes over from `self` to read the library again after changes on
    /// disk: the library is read at once and sent as [`Loaded::Changed`];
    /// it is analysed once `self` has finished, so that one analysis runs
    /// at a time, and not at all if a newer loader takes over before then.
    pub fn again(
        &mut self,
        paths: Vec<PathBuf>,
        opts: LoadOptions,
        settings: Settings,
        log: Log,
    ) -> Loader {
        self.superseded.store(true, Ordering::SeqCst);
        let previous = self.thread.take();
        Loader::spawn(paths, opts, settings, Ok(previous), log)
    }

    /// `again` is `Ok` with the loader to wait for when the library is read
    /// again, `Err` with the saved reading state when it is first read.
    fn spawn(
        paths: Vec<PathBuf>,
        opts: LoadOptions,
        settings: Settings,
        again: Result<Option<JoinHandle<()>>, Option<ReadingState>>,
        log: Log,
    ) -> Loader {
        let (tx, news) = mpsc::channel();
        let cache_dir = cache::default_dir();
        match &cache_dir {
            Some(dir) => log.info(format_args!("cache: folder {}", dir.display())),
            None => log.warn(format_args!(
                "cache: no cache folder on this system; the analysis is not kept"
            )),
        }
        let cache = cache_dir.map(|dir| cache::Library::new(dir, &paths));
        let saving = Arc::new(AtomicBool::new(false));
        let superseded = Arc::new(AtomicBool::new(false));
        let thread = std::thread::spawn({
            let saving = Arc::clone(&saving);
            let superseded = Arc::clone(&superseded);
            move || {
                // Sending fails only if the reader has already quit.
                let report = |done, total| {
                    let _ = tx.send(Loaded::Reading(done, total));
                };
                for p in &paths {
                    log.info(format_args!("load: reading {}", p.display()));
                }
                let start = Instant::now();
                // Read again while an earlier reading is still analysing,
                // the library is read on threads of its own: waiting for
                // the analysis's threads would hold the change back.
                let read = || corpus::load_reporting(&paths, &opts, &report);
                let read = match (
                    &again,
                    rayon::ThreadPoolBuilder::new().num_threads(2).build(),
                ) {
                    (Ok(_), Ok(pool)) => pool.install(read),
                    _ => read(),
                };
                let corpus = match read {
                    Ok(c) => {
                        log::loaded(&log, &c, start.elapsed());
                        c
                    }
                    Err(e) => {
                        log.error(format_args!("load: {e}"));
                        Corpus {
                            articles: Vec::new(),
                            problems: vec![Problem {
                                path: e.path.clone(),
                                severity: Severity::Skipped,
                                message: e.message,
                            }],
                        }
                    }
                };
                let articles = Arc::new(corpus.articles);
                match again {
                    Ok(previous) => {
                        let _ = tx.send(Loaded::Changed(Arc::clone(&articles), corpus.problems));
                        if let Some(previous) = previous {
                            let _ = previous.join();
                        }
                    }
                    Err(saved) => {
                        let _ = tx.send(Loaded::Library(
                            Arc::clone(&articles),
                            corpus.problems,
                            saved,
                        ));
                    }
                }
                if superseded.load(Ordering::SeqCst) {
                    log.info(format_args!(
                        "load: a newer reading of the library took over before this one was analysed"
                    ));
                    return;
                }
                let mut sent = false;
                let start = Instant::now();
                let stages = Stages::new(&log);
                let mut fresh_at = None;
                let analysis = cache::compute_cached(
                    &articles,
                    &settings,
                    cache.as_ref(),
                    &|step| {
                        if !stages.started() && cache.is_some() {
                            log.info(format_args!(
                                "cache: miss after {}: analysing the library",
                                log::ms(start.elapsed())
                            ));
                        }
                        stages.step(step);
                        let _ = tx.send(Loaded::Analysing(step));
                    },
                    &mut |ready| {
                        match ready {
                        Ready::Earlier(earlier) => {
                            log.info(format_args!(
                                "cache: the library changed since its analysis was cached; showing what still holds of it"
                            ));
                            let _ = tx.send(Loaded::Earlier(Arc::new(earlier)));
                        }
                        Ready::Fresh(fresh) => {
                            stages.finish(articles.len());
                            fresh_at = Some(Instant::now());
                            saving.store(true, Ordering::SeqCst);
                            let _ = tx.send(Loaded::Analysis(Arc::clone(fresh)));
                            sent = true;
                        }
                        Ready::NotCached(e) => log.warn(format_args!(
                            "cache: the fresh analysis could not be written, so the next start analyses again: {e}"
                        )),
                    }
                    },
                );
                saving.store(false, Ordering::SeqCst);
                match fresh_at {
                    Some(at) if cache.is_some() => log.info(format_args!(
                        "cache: writing the fresh analysis took {}",
                        log::ms(at.elapsed())
                    )),
                    Some(_) => {}
                    None => log.info(format_args!(
                        "cache: hit: the analysis of {} articles read in {}",
                        articles.len(),
                        log::ms(start.elapsed())
                    )),
                }
                if !sent {
                    let _ = tx.send(Loaded::Analysis(analysis));
                }
            }
        });
        Loader {
            news,
            thread: Some(thread),
            saving,
            superseded,
        }
    }

    /// Whether a fresh analysis is being written to the cache.
    pub fn saving(&self) -> bool {
        self.saving.load(Ordering::SeqCst)
    }

    /// Waits for the loader to finish.
    pub fn wait(self) {
        if let Some(thread) = self.thread {
            let _ = thread.join();
        }
    }
}
