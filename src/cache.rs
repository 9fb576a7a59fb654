//! The analysis of a library, kept on disk so that the next start with the
//! same articles and settings does not analyse them again.
//!
//! An analysis file is named by its key: a hash of the format version, the
//! analysis settings, and every article's path and content fingerprint in
//! library order. It holds a magic string, the format version, the key,
//! the payload length and an FNV-1a checksum of the payload, then the
//! payload: the program version, the articles it is for (path and
//! fingerprint) and the analysis. A file that is missing, of another
//! format or program version, for another key or other articles,
//! truncated, or whose checksum does not match is never trusted: the
//! analysis is computed again and the file rewritten (to a temporary file
//! that is then renamed over it, so a crash leaves the old file or the new
//! one, never half of one).
//!
//! A small file per library, named by the paths it was opened from, holds
//! the key of its latest analysis, so that the folder keeps one analysis
//! per library and a start that finds the library changed can show what
//! still holds of the earlier analysis at once. The whole analysis is
//! computed again all the same: every stage depends on the whole library
//! (capitalisation and acronym definitions are learned from all articles
//! before any is tokenised; IDF, topics, links and relatedness are
//! library-wide), so per-article results cannot be reused exactly.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::codec::{self, Reader, Writer};
use crate::analysis::{Analysis, Settings, Step};
use crate::corpus::Article;
use crate::text::fnv;

const MAGIC: &[u8; 8] = b"BRFCACHE";
/// Bump when the analysis or its encoding changes meaning.
pub const VERSION: u32 = 20;
const HEADER: usize = 8 + 4 + 8 + 8 + 8;
/// The program that wrote a file. Another release may segment text
/// differently, so that its block and sentence numbers mean other things:
/// its files are not trusted either.
const PROGRAM: &str = concat!("briefing ", env!("CARGO_PKG_VERSION"));

/// Who an article is: its path and the fingerprint of its text. Articles
/// with the same identity have the same text, blocks and sentences.
type Identity = (String, String);

fn identities(articles: &[Article]) -> Vec<Identity> {
    articles
        .iter()
        .map(|a| (a.path.to_string_lossy().into_owned(), a.fingerprint.clone()))
        .collect()
}

fn key_of(ids: &[Identity], settings: &Settings) -> u64 {
    let mut h = fnv::hash(&VERSION.to_le_bytes());
    h = fnv::extend(
        h,
        format!(
            "{}/{}/{}/{}/{}",
            settings.key_points,
            settings.max_links_per_passage,
            settings.max_links_per_article,
            settings.min_link_score,
            settings.semantic
        )
        .as_bytes(),
    );
    for (path, fingerprint) in ids {
        h = fnv::extend(h, path.as_bytes());
        h = fnv::extend(h, &[0]);
        h = fnv::extend(h, fingerprint.as_bytes());
    }
    h
}

/// The cache file for a key in `dir`.
pub fn file(dir: &Path, key: u64) -> PathBuf {
    dir.join(format!("analysis-{key:016x}.bin"))
}

/// The platform's cache folder for briefing, if there is one.
pub fn default_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "briefing").map(|d| d.cache_dir().to_path_buf())
}

/// The name of the library opened from `paths`: a hash of the paths, made
/// absolute, in order. The reading state is kept under the same name.
pub fn library_id(paths: &[PathBuf]) -> u64 {
    let mut h = fnv::hash(b"library");
    for p in paths {
        let p = fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        h = fnv::extend(h, p.to_string_lossy().as_bytes());
        h = fnv::extend(h, &[0]);
    }
    h
}

/// Where one library's analysis is cached: a cache folder, and the
/// library's name in it, made from the paths it was opened from. The
/// folder keeps one analysis per library: the latest.
#[derive(Debug, Clone)]
pub struct Library {
    dir: PathBuf,
    id: u64,
}

impl Library {
    /// The library opened from `paths`, cached in `dir`.
    pub fn new(dir: PathBuf, paths: &[PathBuf]) -> Library {
        Library {
            dir,
            id: library_id(paths),
        }
    }

    /// The file naming the key of the library's latest analysis.
    fn latest_file(&self) -> PathBuf {
        self.dir.join(format!("library-{:016x}", self.id))
    }

    fn latest(&self) -> Option<u64> {
        let text = fs::read_to_string(self.latest_file()).ok()?;
        u64::from_str_radix(text.trim(), 16).ok()
    }

    /// Records `key` as the library's latest analysis and removes the one
    /// it replaces.
    fn set_latest(&self, key: u64) -> std::io::Result<()> {
        let before = self.latest();
        if before == Some(key) {
            return Ok(());
        }
        write_atomically(&self.latest_file(), format!("{key:016x}\n").as_bytes())?;
        if let Some(before) = before {
            let _ = fs::remove_file(file(&self.dir, before));
        }
        Ok(())
    }
}

/// A cache file's articles and analysis, if it can be trusted: the right
/// magic, version, length and checksum, and bytes that decode cleanly.
fn read_file(path: &Path) -> Option<(u64, Vec<Identity>, Analysis)> {
    let bytes = fs::read(path).ok()?;
    let (head, payload) = bytes.split_at_checked(HEADER)?;
    let field = |at: usize| -> Option<u64> {
        Some(u64::from_le_bytes(head.get(at..at + 8)?.try_into().ok()?))
    };
    if &head[..8] != MAGIC
        || head[8..12] != VERSION.to_le_bytes()
        || field(20)? != payload.len() as u64
        || field(28)? != fnv::hash(payload)
    {
        return None;
    }
    let mut r = Reader::new(payload);
    if r.str()? != PROGRAM {
        return None;
    }
    let ids = r.list(|r| Some((r.str()?, r.str()?)))?;
    let analysis = codec::decode(&mut r, ids.len())?;
    r.done().then_some((field(12)?, ids, analysis))
}

/// Reads a cached analysis, or `None` if the file is missing, not to be
/// trusted, or for another library or settings.
fn read(path: &Path, key: u64, ids: &[Identity]) -> Option<Analysis> {
    let (k, cached, analysis) = read_file(path)?;
    (k == key && cached == ids).then_some(analysis)
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let mut f = fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    fs::rename(&tmp, path).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

/// Writes the analysis of the articles `ids` for `key` to `path`,
/// atomically.
fn write(path: &Path, key: u64, ids: &[Identity], analysis: &Analysis) -> std::io::Result<()> {
    let mut w = Writer::default();
    w.str(PROGRAM);
    w.list(ids, |w, (path, fingerprint)| {
        w.str(path);
        w.str(fingerprint);
    });
    codec::encode(analysis, &mut w);
    let payload = w.0;
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&key.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&fnv::hash(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    write_atomically(path, &out)
}

/// An analysis ready for the reader.
pub enum Ready<'a> {
    /// What still holds of the library's previous analysis
    /// ([`Analysis::carry_over`]), while it is analysed again.
    Earlier(Analysis),
    /// The fresh analysis, before it is written to the cache.
    Fresh(&'a Arc<Analysis>),
    /// The fresh analysis could not be written to the cache, and why: the
    /// next start analyses the library again.
    NotCached(std::io::Error),
}

/// The analysis of `articles`: read from the cache when a trusted copy
/// is there, else computed. When it is computed and the library's earlier
/// analysis is in the cache, `ready` gets what still holds of that first,
/// then the fresh analysis before it is written to the cache, so a caller
/// can use each at once. Without a cache, or when writing fails, it is
/// simply computed: the cache never stops analysis.
pub fn compute_cached(
    articles: &[Article],
    settings: &Settings,
    cache: Option<&Library>,
    progress: &dyn Fn(Step),
    ready: &mut dyn FnMut(Ready<'_>),
) -> Arc<Analysis> {
    let ids = identities(articles);
    let key = key_of(&ids, settings);
    if let Some(cache) = cache {
        let path = file(&cache.dir, key);
        if let Some(a) = read(&path, key, &ids) {
            let _ = cache.set_latest(key);
            return Arc::new(a);
        }
        if let Some((_, before, a)) = cache.latest().and_then(|k| read_file(&file(&cache.dir, k))) {
            ready(Ready::Earlier(a.carry_over(&same_articles(&before, &ids))));
        }
    }
    let analysis = Arc::new(Analysis::compute_reporting(articles, settings, progress));
    ready(Ready::Fresh(&analysis));
    if let Some(cache) = cache {
        // A cache that cannot be written costs only time on the next start.
        match write(&file(&cache.dir, key), key, &ids, &analysis) {
            Ok(()) => {
                let _ = cache.set_latest(key);
            }
            Err(e) => ready(Ready::NotCached(e)),
        }
    }
    analysis
}

/// For each article now, the index of the same article before, if it was
/// there with the same text.
fn same_articles(before: &[Identity], now: &[Identity]) -> Vec<Option<usize>> {
    let at: HashMap<&Identity, usize> = before.iter().enumerate().map(|(i, id)| (id, i)).collect();
    now.iter().map(|id| at.get(id).copied()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::dump;

    const TEXTS: [&str; 3] = [
        "NATO opened a liaison office in Tokyo to deepen cyber cooperation with Japan.\n\nFarmers harvested rice across the delta before the monsoon rains arrived.",
        "The Tokyo liaison office will coordinate cyber defence and maritime cooperation.\n\nRice prices rose as the monsoon delayed the harvest in the delta.",
        "Cyber cooperation between Japan and Europe covers maritime security and space.",
    ];

    fn library_of(texts: &[&str]) -> Vec<Article> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                Article::new(
                    i,
                    format!("{i}.txt").into(),
                    format!("{i}.txt"),
                    t.to_string(),
                )
                .0
            })
            .collect()
    }

    fn library() -> Vec<Article> {
        library_of(&TEXTS)
    }

    /// The library with its last article one sentence longer.
    fn edited() -> Vec<Article> {
        let last = format!("{} More.", TEXTS[2]);
        library_of(&[TEXTS[0], TEXTS[1], &last])
    }

    fn key(articles: &[Article], settings: &Settings) -> u64 {
        key_of(&identities(articles), settings)
    }

    fn json(arts: &[Article], a: &Analysis) -> String {
        dump::to_json_string(arts, a, true)
    }

    fn cache_in(dir: &Path) -> Library {
        Library::new(dir.to_path_buf(), &[PathBuf::from("library")])
    }

    /// A cache in a fresh temporary folder, removed with the folder.
    fn temp_cache() -> (tempfile::TempDir, Library) {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = cache_in(dir.path());
        (dir, cache)
    }

    /// Runs [`compute_cached`] and says what it handed over on the way:
    /// an earlier analysis, if any, and whether it computed a fresh one.
    fn run(
        arts: &[Article],
        s: &Settings,
        cache: Option<&Library>,
    ) -> (Arc<Analysis>, Option<Analysis>, bool) {
        let (a, earlier, fresh, unsaved) = run_saving(arts, s, cache);
        assert!(unsaved.is_none(), "{unsaved:?}");
        (a, earlier, fresh)
    }

    /// As [`run`], with why the fresh analysis was not cached, if it was
    /// not.
    fn run_saving(
        arts: &[Article],
        s: &Settings,
        cache: Option<&Library>,
    ) -> (
        Arc<Analysis>,
        Option<Analysis>,
        bool,
        Option<std::io::Error>,
    ) {
        let (mut earlier, mut fresh, mut unsaved) = (None, false, None);
        let a = compute_cached(arts, s, cache, &|_| {}, &mut |ready| match ready {
            Ready::Earlier(a) => earlier = Some(a),
            Ready::Fresh(_) => fresh = true,
            Ready::NotCached(e) => unsaved = Some(e),
        });
        (a, earlier, fresh, unsaved)
    }

    fn analysis_files(dir: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = fs::read_dir(dir)
            .expect("cache folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.to_string_lossy().ends_with(".bin"))
            .collect();
        files.sort();
        files
    }

    #[test]
    fn a_cached_analysis_reads_back_the_same() {
        let (dir, cache) = temp_cache();
        let arts = library();
        let s = Settings::default();
        let fresh = Analysis::compute(&arts, &s);
        let steps = std::cell::Cell::new(0);
        let mut computed = 0;
        let first = compute_cached(
            &arts,
            &s,
            Some(&cache),
            &|_| steps.set(steps.get() + 1),
            &mut |ready| {
                assert!(matches!(ready, Ready::Fresh(_)), "nothing earlier to show");
                computed += 1;
            },
        );
        assert_eq!((computed, steps.get()), (1, Step::COUNT));
        let path = file(dir.path(), key(&arts, &s));
        assert!(path.is_file());
        let (again, earlier, recomputed) = run(&arts, &s, Some(&cache));
        assert!(earlier.is_none() && !recomputed, "read from the cache");
        assert_eq!(json(&arts, &again), json(&arts, &fresh));
        let cached = read(&path, key(&arts, &s), &identities(&arts)).expect("trusted");
        assert_eq!(json(&arts, &first), json(&arts, &fresh));
        assert_eq!(json(&arts, &cached), json(&arts, &fresh));
        assert_eq!(cached.stats(), fresh.stats());
        assert_eq!(cached.relatedness(0, 1), fresh.relatedness(0, 1));
        assert!(!cached.is_carried_over());
    }

    #[test]
    fn other_settings_or_text_make_another_key() {
        let arts = library();
        let s = Settings::default();
        let other = Settings {
            key_points: 3,
            ..Settings::default()
        };
        assert_ne!(key(&arts, &s), key(&arts, &other));
        assert_ne!(key(&arts, &s), key(&edited(), &s));
    }

    #[test]
    fn a_changed_library_shows_what_still_holds_then_replaces_its_analysis() {
        let (dir, cache) = temp_cache();
        // Three articles are too few for a calibrated threshold to mean
        // much; a low one keeps the links this test follows.
        let s = Settings {
            min_link_score: 0.05,
            ..Settings::default()
        };
        let before = library();
        let (old, ..) = run(&before, &s, Some(&cache));
        assert_eq!(
            analysis_files(dir.path()),
            [file(dir.path(), key(&before, &s))]
        );

        // A new article first in the library moves every other one down,
        // and the last one is rewritten.
        let mut texts = vec!["Fishing quotas in the Baltic were cut again this year."];
        texts.extend(&TEXTS[..2]);
        texts.push("Space debris worries insurers of satellites in low orbit.");
        let mut after = library_of(&texts);
        for (i, a) in after.iter_mut().enumerate().skip(1).take(2) {
            a.path = format!("{}.txt", i - 1).into();
        }
        let (new, earlier, fresh) = run(&after, &s, Some(&cache));
        assert!(fresh);
        assert_eq!(
            json(&after, &new),
            json(&after, &Analysis::compute(&after, &s))
        );
        let earlier = earlier.expect("the earlier analysis was carried over");
        assert!(earlier.is_carried_over());
        assert_eq!(
            (0..4).map(|i| earlier.covers(i)).collect::<Vec<_>>(),
            [false, true, true, false]
        );
        for (now, then) in [(1, 0), (2, 1)] {
            assert_eq!(earlier.key_points(now), old.key_points(then));
        }
        assert!(earlier.key_points(0).is_empty() && earlier.key_points(3).is_empty());
        // The liaison office passage linked to both other articles; the
        // link to the rewritten one is gone, the other renumbered.
        let linked = |a: &Analysis, from: usize| -> Vec<usize> {
            let mut to: Vec<usize> = a.links_for(from, 0).iter().map(|l| l.article).collect();
            to.sort_unstable();
            to
        };
        assert_eq!(linked(&old, 0), [1, 2]);
        assert_eq!(linked(&earlier, 1), [2]);
        assert_eq!(
            earlier.related(1).iter().map(|r| r.0).collect::<Vec<_>>(),
            [2]
        );
        assert!(earlier
            .topics()
            .iter()
            .all(|t| t.articles.iter().all(|&a| a == 1 || a == 2)));
        // Only the latest analysis of the library is kept.
        assert_eq!(
            analysis_files(dir.path()),
            [file(dir.path(), key(&after, &s))]
        );
    }

    #[test]
    fn a_corrupt_cache_is_ignored_and_rewritten() {
        let (dir, cache) = temp_cache();
        let arts = library();
        let s = Settings::default();
        let want = json(&arts, &Analysis::compute(&arts, &s));
        let k = key(&arts, &s);
        let path = file(dir.path(), k);
        run(&arts, &s, Some(&cache));
        let good = fs::read(&path).expect("written");

        // One flipped payload byte, a truncated file, garbage, and a file
        // for another version: each is recomputed and rewritten.
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x55;
        let mut other_version = good.clone();
        other_version[8] ^= 1;
        for bad in [
            flipped,
            good[..good.len() / 2].to_vec(),
            b"not a cache".to_vec(),
            other_version,
        ] {
            fs::write(&path, &bad).expect("damage");
            assert!(read(&path, k, &identities(&arts)).is_none());
            let (got, earlier, fresh) = run(&arts, &s, Some(&cache));
            assert!(fresh && earlier.is_none(), "a damaged file shows nothing");
            assert_eq!(json(&arts, &got), want);
            assert_eq!(fs::read(&path).expect("rewritten"), good);
        }
    }

    #[test]
    fn a_file_from_another_release_is_not_trusted() {
        let (dir, cache) = temp_cache();
        let s = Settings::default();
        let before = library();
        run(&before, &s, Some(&cache));
        let path = file(dir.path(), key(&before, &s));
        // The same file as another release would write it: only the
        // program version differs, and the checksum fits.
        let mut bytes = fs::read(&path).expect("written");
        let at = HEADER + 1;
        assert_eq!(&bytes[at..at + PROGRAM.len()], PROGRAM.as_bytes());
        bytes[at + PROGRAM.len() - 1] ^= 1;
        let sum = fnv::hash(&bytes[HEADER..]);
        bytes[28..36].copy_from_slice(&sum.to_le_bytes());
        fs::write(&path, &bytes).expect("rewrite");
        assert!(read_file(&path).is_none());

        // Neither read back nor carried over to a changed library.
        let (_, earlier, fresh) = run(&edited(), &s, Some(&cache));
        assert!(fresh && earlier.is_none());
        let (_, earlier, fresh) = run(&before, &s, Some(&cache));
        assert!(
            fresh && earlier.is_some(),
            "the file written since is trusted"
        );
    }

    #[test]
    fn an_unwritable_cache_still_analyses_and_says_why() {
        let dir = tempfile::tempdir().expect("temp dir");
        let blocker = dir.path().join("file");
        fs::write(&blocker, "x").expect("write");
        let arts = library();
        let s = Settings::default();
        let cache = cache_in(&blocker.join("sub"));
        let (got, _, fresh, unsaved) = run_saving(&arts, &s, Some(&cache));
        assert!(fresh);
        assert!(unsaved.is_some());
        assert_eq!(
            json(&arts, &got),
            json(&arts, &Analysis::compute(&arts, &s))
        );
        let (_, _, fresh) = run(&arts, &s, None);
        assert!(fresh);
    }
}
