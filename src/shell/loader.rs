//! The loader thread: reads the library, then analyses it (or takes the
//! analysis from the cache), and sends the reader news as it goes.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::thread::JoinHandle;

use crate::analysis::Settings;
use crate::app::action::Loaded;
use crate::cache::{self, Ready};
use crate::corpus::{self, Corpus, LoadOptions, Problem, Severity};
use crate::state::ReadingState;

/// The running loader.
pub struct Loader {
    pub news: Receiver<Loaded>,
    thread: JoinHandle<()>,
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
    ) -> Loader {
        let (tx, news) = mpsc::channel();
        let cache = cache::default_dir().map(|dir| cache::Library::new(dir, &paths));
        let saving = Arc::new(AtomicBool::new(false));
        let thread = std::thread::spawn({
            let saving = Arc::clone(&saving);
            move || {
                // Sending fails only if the reader has already quit.
                let report = |done, total| {
                    let _ = tx.send(Loaded::Reading(done, total));
                };
                let corpus = match corpus::load_reporting(&paths, &opts, &report) {
                    Ok(c) => c,
                    Err(e) => Corpus {
                        articles: Vec::new(),
                        problems: vec![Problem {
                            path: e.path.clone(),
                            severity: Severity::Skipped,
                            message: e.message,
                        }],
                    },
                };
                let articles = Arc::new(corpus.articles);
                let _ = tx.send(Loaded::Library(
                    Arc::clone(&articles),
                    corpus.problems,
                    saved,
                ));
                let mut sent = false;
                let analysis = cache::compute_cached(
                    &articles,
                    &settings,
                    cache.as_ref(),
                    &|step| {
                        let _ = tx.send(Loaded::Analysing(step));
                    },
                    &mut |ready| match ready {
                        Ready::Earlier(earlier) => {
                            let _ = tx.send(Loaded::Earlier(Arc::new(earlier)));
                        }
                        Ready::Fresh(fresh) => {
                            saving.store(true, Ordering::SeqCst);
                            let _ = tx.send(Loaded::Analysis(Arc::clone(fresh)));
                            sent = true;
                        }
                    },
                );
                saving.store(false, Ordering::SeqCst);
                if !sent {
                    let _ = tx.send(Loaded::Analysis(analysis));
                }
            }
        });
        Loader {
            news,
            thread,
            saving,
        }
    }

    /// Whether a fresh analysis is being written to the cache.
    pub fn saving(&self) -> bool {
        self.saving.load(Ordering::SeqCst)
    }

    /// Waits for the loader to finish.
    pub fn wait(self) {
        let _ = self.thread.join();
    }
}
