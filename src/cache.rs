//! The analysis of a library, kept on disk so that the next start with the
//! same articles and settings does not analyse them again.
//!
//! One file per library, named by its key: a hash of the format version,
//! the analysis settings, and every article's path and content fingerprint
//! in library order. The file holds a magic string, the format version, the
//! key, the payload length and an FNV-1a checksum of the payload, then the
//! payload. A file that is missing, of another version, for another key,
//! truncated, or whose checksum does not match is never trusted: the
//! analysis is computed again and the file rewritten (to a temporary file
//! that is then renamed over it, so a crash leaves the old file or the new
//! one, never half of one).
//!
//! The whole analysis is cached, not per-article parts: every stage depends
//! on the whole library (capitalisation and acronym definitions are learned
//! from all articles before any is tokenised; IDF, topics, links and
//! relatedness are library-wide), so a changed article means analysing the
//! library again.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::codec::{self, Reader, Writer};
use crate::analysis::{Analysis, Settings, Step};
use crate::corpus::Article;

const MAGIC: &[u8; 8] = b"BRFCACHE";
/// Bump when the analysis or its encoding changes meaning.
pub const VERSION: u32 = 1;
const HEADER: usize = 8 + 4 + 8 + 8 + 8;

fn fnv1a(bytes: &[u8], mut h: u64) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// The key of a library and settings.
pub fn key(articles: &[Article], settings: &Settings) -> u64 {
    let mut h = fnv1a(&VERSION.to_le_bytes(), FNV_OFFSET);
    h = fnv1a(
        format!(
            "{}/{}/{}",
            settings.key_points, settings.max_links_per_passage, settings.min_link_score
        )
        .as_bytes(),
        h,
    );
    for a in articles {
        h = fnv1a(a.path.to_string_lossy().as_bytes(), h);
        h = fnv1a(&[0], h);
        h = fnv1a(crate::notes::fingerprint(&a.text).as_bytes(), h);
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

/// Reads a cached analysis, or `None` if the file is missing or not to be
/// trusted.
pub fn read(path: &Path, key: u64, articles: usize) -> Option<Analysis> {
    let bytes = fs::read(path).ok()?;
    let (head, payload) = bytes.split_at_checked(HEADER)?;
    let field = |at: usize| -> Option<u64> {
        Some(u64::from_le_bytes(head.get(at..at + 8)?.try_into().ok()?))
    };
    if &head[..8] != MAGIC
        || head[8..12] != VERSION.to_le_bytes()
        || field(12)? != key
        || field(20)? != payload.len() as u64
        || field(28)? != fnv1a(payload, FNV_OFFSET)
    {
        return None;
    }
    let mut r = Reader::new(payload);
    let analysis = codec::decode(&mut r, articles)?;
    r.done().then_some(analysis)
}

/// Writes `analysis` for `key` to `path`, atomically.
pub fn write(path: &Path, key: u64, analysis: &Analysis) -> std::io::Result<()> {
    let mut w = Writer::default();
    codec::encode(analysis, &mut w);
    let payload = w.0;
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&key.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&fnv1a(&payload, FNV_OFFSET).to_le_bytes());
    out.extend_from_slice(&payload);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let mut f = fs::File::create(&tmp)?;
    f.write_all(&out)?;
    f.sync_all()?;
    drop(f);
    fs::rename(&tmp, path).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

/// The analysis of `articles`: read from `cache_dir` when a trusted copy
/// is there, else computed. `computed` is then called with it before it
/// is written to the cache, so a caller can use it at once. Without a
/// folder, or when writing fails, it is simply computed: the cache never
/// stops analysis.
pub fn compute_cached(
    articles: &[Article],
    settings: &Settings,
    cache_dir: Option<&Path>,
    progress: &dyn Fn(Step),
    computed: &mut dyn FnMut(&Arc<Analysis>),
) -> Arc<Analysis> {
    let key = key(articles, settings);
    let path = cache_dir.map(|dir| file(dir, key));
    if let Some(a) = path.as_ref().and_then(|p| read(p, key, articles.len())) {
        return Arc::new(a);
    }
    let analysis = Arc::new(Analysis::compute_reporting(articles, settings, progress));
    computed(&analysis);
    if let Some(path) = path {
        // A cache that cannot be written costs only time on the next start.
        let _ = write(&path, key, &analysis);
    }
    analysis
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::dump;

    fn library() -> Vec<Article> {
        [
            "NATO opened a liaison office in Tokyo to deepen cyber cooperation with Japan.\n\nFarmers harvested rice across the delta before the monsoon rains arrived.",
            "The Tokyo liaison office will coordinate cyber defence and maritime cooperation.\n\nRice prices rose as the monsoon delayed the harvest in the delta.",
            "Cyber cooperation between Japan and Europe covers maritime security and space.",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Article::new(i, format!("{i}.txt").into(), format!("{i}.txt"), t.to_string()).0
        })
        .collect()
    }

    fn json(arts: &[Article], a: &Analysis) -> String {
        dump::to_json_string(arts, a, true)
    }

    #[test]
    fn a_cached_analysis_reads_back_the_same() {
        let dir = tempfile::tempdir().expect("temp dir");
        let arts = library();
        let s = Settings::default();
        let fresh = Analysis::compute(&arts, &s);
        let (mut computed, steps) = (0, std::cell::Cell::new(0));
        let first = compute_cached(
            &arts,
            &s,
            Some(dir.path()),
            &|_| steps.set(steps.get() + 1),
            &mut |_| computed += 1,
        );
        assert_eq!((computed, steps.get()), (1, Step::COUNT));
        let path = file(dir.path(), key(&arts, &s));
        assert!(path.is_file());
        let again = compute_cached(&arts, &s, Some(dir.path()), &|_| {}, &mut |_| computed += 1);
        assert_eq!(computed, 1, "read from the cache, not computed");
        assert_eq!(json(&arts, &again), json(&arts, &fresh));
        let cached = read(&path, key(&arts, &s), arts.len()).expect("trusted");
        assert_eq!(json(&arts, &first), json(&arts, &fresh));
        assert_eq!(json(&arts, &cached), json(&arts, &fresh));
        assert_eq!(cached.stats(), fresh.stats());
        assert_eq!(cached.relatedness(0, 1), fresh.relatedness(0, 1));
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
        let mut changed = library();
        changed[2].text.push_str(" More.");
        assert_ne!(key(&arts, &s), key(&changed, &s));
    }

    #[test]
    fn a_corrupt_cache_is_ignored_and_rewritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let arts = library();
        let s = Settings::default();
        let want = json(&arts, &Analysis::compute(&arts, &s));
        let k = key(&arts, &s);
        let path = file(dir.path(), k);
        compute_cached(&arts, &s, Some(dir.path()), &|_| {}, &mut |_| {});
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
            assert!(read(&path, k, arts.len()).is_none());
            let got = compute_cached(&arts, &s, Some(dir.path()), &|_| {}, &mut |_| {});
            assert_eq!(json(&arts, &got), want);
            assert_eq!(fs::read(&path).expect("rewritten"), good);
        }
    }

    #[test]
    fn an_unwritable_cache_still_analyses() {
        let dir = tempfile::tempdir().expect("temp dir");
        let blocker = dir.path().join("file");
        fs::write(&blocker, "x").expect("write");
        let arts = library();
        let s = Settings::default();
        let got = compute_cached(&arts, &s, Some(&blocker.join("sub")), &|_| {}, &mut |_| {});
        assert_eq!(
            json(&arts, &got),
            json(&arts, &Analysis::compute(&arts, &s))
        );
    }
}
