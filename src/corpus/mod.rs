//! Loads articles from files and folders into a library.
//!
//! An article keeps its text as decoded from the file (for valid UTF-8
//! without a byte-order mark, the file's bytes unchanged) and addresses
//! everything else as byte spans into it. Files that cannot be read are
//! skipped with a message; they never stop the rest of the library loading.

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

pub mod epub;
pub mod formats;
pub mod html;
pub mod pdf;

pub use formats::Format;

use crate::text::markdown::{self, Markup};
use crate::text::sanitize;
use crate::text::segment::{segment, Block, BlockKind, Sentence};
use crate::text::wrap::str_width;

/// Metadata from an optional `+++` TOML front-matter block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
}

/// Where an article's title was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleFrom {
    /// The front matter's `title`.
    FrontMatter,
    /// The title a converted file names for itself (a web page's
    /// `<title>`, a book's metadata).
    Document,
    /// The heading the article opens with.
    Heading,
    /// The article's first sentence, shortened: it has no heading.
    FirstSentence,
    /// The file name: the article has no text to take one from.
    FileName,
}

/// One article of the library.
#[derive(Debug, Clone)]
pub struct Article {
    /// Position in the library, stable while the program runs.
    pub id: usize,
    pub path: PathBuf,
    /// The path as shown to the user: relative to the folder it was found
    /// in, or as given on the command line.
    pub display_path: String,
    pub text: String,
    /// [`crate::text::fnv::fingerprint`] of `text`, by which notes and the
    /// analysis cache recognise the article.
    pub fingerprint: String,
    /// For a converted format (a web page, a book), the fingerprint of the
    /// file's bytes: it holds while a new release converts the file to a
    /// different text, so notes still find the article.
    pub source_fingerprint: Option<String>,
    /// Where the body starts, after any front matter.
    pub body_start: usize,
    pub meta: FrontMatter,
    /// A one-line title, already safe to show.
    pub title: String,
    pub title_from: TitleFrom,
    /// How the file was read: its text as written, or converted.
    pub format: Format,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    /// Markdown's inline markup: what the reader hides, shows otherwise or
    /// styles, and the links. Empty for plain text.
    pub markup: Markup,
    pub words: usize,
}

/// How serious a loading problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The article loaded, but not quite as written.
    Warning,
    /// The file was left out of the library.
    Skipped,
}

/// A problem met while loading one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.severity {
            Severity::Warning => "warning",
            Severity::Skipped => "skipped",
        };
        write!(f, "{}: {what}: {}", self.path.display(), self.message)
    }
}

/// An error that stops loading altogether: a path the user named that is
/// not there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for LoadError {}

/// What to load and what to leave out.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// File name extensions (without the dot, compared case-insensitively)
    /// picked up when walking folders. Files named directly are always read.
    pub extensions: Vec<String>,
    /// Files larger than this are skipped.
    pub max_file_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            extensions: formats::DEFAULT_EXTENSIONS.map(String::from).to_vec(),
            max_file_bytes: 64 * 1024 * 1024,
        }
    }
}

/// The loaded library.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
}

/// Files read between two progress reports.
const PROGRESS_EVERY: usize = 100;

/// Loads every path: folders recursively, files directly. Fails only when a
/// named path does not exist or cannot be examined.
pub fn load(paths: &[PathBuf], opts: &LoadOptions) -> Result<Corpus, LoadError> {
    load_reporting(paths, opts, &|_, _| {})
}

/// [`load`], calling `progress` with the number of files read so far and
/// the number to read, now and then.
pub fn load_reporting(
    paths: &[PathBuf],
    opts: &LoadOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Corpus, LoadError> {
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let meta = named_path(path)?;
        if meta.is_dir() {
            let mut found = Vec::new();
            let mut seen = HashSet::new();
            walk(path, opts, &mut seen, &mut found, &mut problems);
            found.sort();
            for f in found {
                let shown = f.strip_prefix(path).unwrap_or(&f).display().to_string();
                files.push((f, shown));
            }
        } else {
            files.push((path.clone(), path.display().to_string()));
        }
    }
    // Reading, decoding and segmenting each file is independent of the
    // others: do it on all cores, then number the articles in order.
    let total = files.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    progress(0, total);
    let loaded: Vec<_> = files
        .into_par_iter()
        .map(|(path, shown)| {
            let read = read_article(&path, opts).map(|mut extracted| {
                let warnings = std::mem::take(&mut extracted.warnings);
                let (article, more) = Article::from_extracted(0, path.clone(), shown, extracted);
                (article, warnings, more)
            });
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if n.is_multiple_of(PROGRESS_EVERY) {
                progress(n, total);
            }
            (path, read)
        })
        .collect();
    let mut articles = Vec::with_capacity(loaded.len());
    for (path, read) in loaded {
        match read {
            Ok((mut article, warnings, more)) => {
                for message in warnings.into_iter().chain(more) {
                    problems.push(Problem {
                        path: path.clone(),
                        severity: Severity::Warning,
                        message,
                    });
                }
                article.id = articles.len();
                articles.push(article);
            }
            Err(message) => problems.push(Problem {
                path,
                severity: Severity::Skipped,
                message,
            }),
        }
    }
    Ok(Corpus { articles, problems })
}

/// The metadata of a path the user named, or why it cannot be used.
fn named_path(path: &Path) -> Result<fs::Metadata, LoadError> {
    fs::metadata(path).map_err(|e| LoadError {
        path: path.to_path_buf(),
        message: match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
            _ => e.to_string(),
        },
    })
}

/// Checks that every named path is there, as `load` would, without
/// reading anything: for failing fast before loading in the background.
pub fn check(paths: &[PathBuf]) -> Result<(), LoadError> {
    paths.iter().try_for_each(|p| named_path(p).map(|_| ()))
}

fn walk(
    dir: &Path,
    opts: &LoadOptions,
    seen: &mut HashSet<PathBuf>,
    out: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
) {
    let canonical = match fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => {
            problems.push(Problem {
                path: dir.to_path_buf(),
                severity: Severity::Skipped,
                message: e.to_string(),
            });
            return;
        }
    };
    if !seen.insert(canonical) {
        // A symlink back to a folder already walked.
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(Problem {
                path: dir.to_path_buf(),
                severity: Severity::Skipped,
                message: format!("cannot read folder: {e}"),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, opts, seen, out, problems),
            Ok(_) => {
                let ext = path
                    .extension()
                    .map(|e| e.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                if opts.extensions.iter().any(|x| x.eq_ignore_ascii_case(&ext)) {
                    out.push(path);
                }
            }
            Err(e) => problems.push(Problem {
                path,
                severity: Severity::Skipped,
                message: e.to_string(),
            }),
        }
    }
}

/// Reads a file and turns it into text as its [`Format`] says. Returns the
/// text with any warnings, or why the file was skipped.
///
/// Only regular files are read: opening a FIFO would wait for a writer
/// forever, and a device (a link to `/dev/zero`) never ends. The size
/// limit holds while reading too, for files whose size says nothing (those
/// in `/proc`, or one that grows as it is read).
fn read_article(path: &Path, opts: &LoadOptions) -> Result<formats::Extracted, String> {
    let meta = fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    let over = |bytes: u64| {
        format!(
            "file is {} MB, over the limit of {} MB (library.max_file_mb)",
            bytes / (1024 * 1024),
            opts.max_file_bytes / (1024 * 1024)
        )
    };
    if meta.len() > opts.max_file_bytes {
        return Err(over(meta.len()));
    }
    let file = fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    // Replaced by something else since it was looked at.
    match file.metadata() {
        Ok(m) if m.is_file() => {}
        Ok(m) => return Err(not_regular(&m)),
        Err(e) => return Err(format!("cannot read: {e}")),
    }
    let bytes = read_at_most(file, opts.max_file_bytes)
        .map_err(|e| format!("cannot read: {e}"))?
        .ok_or_else(|| over(opts.max_file_bytes.saturating_add(1)))?;
    formats::extract(Format::of(path), &bytes)
}

/// Everything `from` holds, or `None` if that is more than `limit` bytes
/// (reading stops there).
pub fn read_at_most(from: impl std::io::Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    from.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Why a file that is not a regular file is skipped.
fn not_regular(meta: &fs::Metadata) -> String {
    let kind = {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            let t = meta.file_type();
            if t.is_fifo() {
                "a FIFO"
            } else if t.is_char_device() || t.is_block_device() {
                "a device"
            } else if t.is_socket() {
                "a socket"
            } else {
                "not a regular file"
            }
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            "not a regular file"
        }
    };
    format!("{kind}, not a regular file: only regular files are read")
}

/// Decodes file bytes: UTF-8 (with or without a byte-order mark) or UTF-16
/// with a byte-order mark. Refuses binary and empty files.
pub fn decode(bytes: &[u8]) -> Result<(String, Vec<String>), String> {
    let mut warnings = Vec::new();
    let text = if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        utf16(rest, u16::from_le_bytes, &mut warnings)
    } else if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        utf16(rest, u16::from_be_bytes, &mut warnings)
    } else {
        // A UTF-8 byte-order mark stays in the text, so offsets are offsets
        // into the file; segmentation starts after it.
        let body = bytes;
        if body.iter().take(8192).any(|&b| b == 0) {
            return Err("looks like a binary file (it contains NUL bytes)".to_string());
        }
        match std::str::from_utf8(body) {
            Ok(s) => s.to_string(),
            Err(e) => {
                let text = String::from_utf8_lossy(body).into_owned();
                let bad = text.matches('\u{fffd}').count();
                if bad * 10 > text.chars().count().max(1) {
                    return Err("looks like a binary file (mostly invalid UTF-8)".to_string());
                }
                warnings.push(format!(
                    "invalid UTF-8 at byte {} ({bad} bad sequence{}), shown as �",
                    e.valid_up_to(),
                    if bad == 1 { "" } else { "s" }
                ));
                text
            }
        }
    };
    if text.trim().is_empty() {
        return Err(if text.is_empty() {
            "empty file".to_string()
        } else {
            "file holds only whitespace".to_string()
        });
    }
    Ok((text, warnings))
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, warnings: &mut Vec<String>) -> String {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    let text: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{fffd}'))
        .collect();
    if text.contains('\u{fffd}') || bytes.len() % 2 == 1 {
        warnings.push("invalid UTF-16, shown as �".to_string());
    }
    text
}

impl Article {
    /// Builds an article from its decoded text. Returns it with any
    /// warnings about its front matter.
    pub fn new(
        id: usize,
        path: PathBuf,
        display_path: String,
        text: String,
    ) -> (Article, Vec<String>) {
        let mut warnings = Vec::new();
        let (meta, body_start) = front_matter(&text, &mut warnings);
        let format = Format::of(&path);
        let (seg, markup) = match format {
            Format::Markdown => markdown::parse(&text, body_start),
            Format::Text | Format::Html | Format::Epub | Format::Pdf => {
                (segment(&text, body_start), Markup::default())
            }
        };
        let words = if markup.is_empty() {
            text[body_start..].unicode_words().count()
        } else {
            seg.blocks
                .iter()
                .filter(|b| !matches!(b.kind, BlockKind::Rule))
                .map(|b| markup.plain(&text, b.content).unicode_words().count())
                .sum()
        };
        let (title, title_from) = meta
            .title
            .as_deref()
            .map(sanitize::one_line)
            .filter(|t| !t.is_empty())
            .map(|t| (t, TitleFrom::FrontMatter))
            .or_else(|| detect_title(&text, &markup, &seg.blocks, &seg.sentences))
            .unwrap_or_else(|| (file_stem_title(&path), TitleFrom::FileName));
        let article = Article {
            id,
            format,
            path,
            display_path: sanitize::one_line(&display_path),
            fingerprint: crate::text::fnv::fingerprint(&text),
            source_fingerprint: None,
            text,
            body_start,
            meta,
            title,
            title_from,
            blocks: seg.blocks,
            sentences: seg.sentences,
            markup,
            words,
        };
        (article, warnings)
    }

    /// Builds an article from a file's extracted text: as [`Article::new`],
    /// but a title the file names for itself comes before any taken from
    /// the text.
    pub fn from_extracted(
        id: usize,
        path: PathBuf,
        display_path: String,
        extracted: formats::Extracted,
    ) -> (Article, Vec<String>) {
        let (mut article, warnings) = Article::new(id, path, display_path, extracted.text);
        article
            .markup
            .links
            .extend(
                extracted
                    .links
                    .into_iter()
                    .map(|(span, url)| markdown::Link {
                        span,
                        text: span,
                        url,
                        image: false,
                        bare: false,
                    }),
            );
        article.source_fingerprint = extracted.source_fingerprint;
        let own = extracted
            .title
            .as_deref()
            .map(sanitize::one_line)
            .filter(|t| !t.is_empty());
        if let Some(title) = own {
            if article.title_from != TitleFrom::FrontMatter {
                article.title = shorten(&title);
                article.title_from = TitleFrom::Document;
            }
        }
        (article, warnings)
    }

    /// The conversion that made the text from the file ("HTML 1"), for a
    /// converted format.
    pub fn extraction(&self) -> Option<String> {
        self.format
            .extraction_version()
            .map(|v| format!("{} {v}", self.format.name()))
    }

    /// The index of the block that contains byte `pos`, or the last block
    /// that starts before it.
    pub fn block_at(&self, pos: usize) -> usize {
        self.blocks
            .partition_point(|b| b.span.start <= pos)
            .saturating_sub(1)
    }
}

fn file_stem_title(path: &Path) -> String {
    sanitize::one_line(
        &path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    )
}

/// Parses a `+++` front-matter block at the start of `text`, after any
/// byte-order mark. Returns the metadata and where the body starts.
fn front_matter(text: &str, warnings: &mut Vec<String>) -> (FrontMatter, usize) {
    let start = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[start..first_line_end].trim_end() != "+++" {
        return (FrontMatter::default(), start);
    }
    let body = first_line_end + 1;
    let mut pos = body;
    let close = loop {
        if pos >= text.len() {
            warnings.push(
                "front matter opened with +++ on line 1 is never closed; shown as text".to_string(),
            );
            return (FrontMatter::default(), start);
        }
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == "+++" {
            break (pos, (end + 1).min(text.len()));
        }
        pos = end + 1;
    };
    let toml_src = &text[body..close.0];
    let mut meta = FrontMatter::default();
    match toml_src.parse::<toml::Table>() {
        Ok(table) => {
            for (key, value) in table {
                let s = match &value {
                    toml::Value::String(s) => s.clone(),
                    toml::Value::Datetime(d) => d.to_string(),
                    other => other.to_string(),
                };
                match key.as_str() {
                    "title" => meta.title = Some(s),
                    "source" => meta.source = Some(s),
                    "date" => meta.date = Some(s),
                    "author" => meta.author = Some(s),
                    _ => warnings.push(format!(
                        "front matter: unknown key `{}` (known: title, source, date, author)",
                        sanitize::one_line(&key)
                    )),
                }
            }
        }
        Err(e) => {
            let line = e
                .span()
                .map_or(1, |s| toml_src[..s.start].matches('\n').count() + 2);
            warnings.push(format!(
                "front matter, line {line}: {}",
                sanitize::one_line(e.message())
            ));
        }
    }
    (meta, close.1)
}

/// Section labels that open many briefings but name no article.
const SECTION_LABELS: [&str; 22] = [
    "key takeaways",
    "takeaways",
    "summary",
    "executive summary",
    "introduction",
    "table of contents",
    "contents",
    "overview",
    "in short",
    "in brief",
    "abstract",
    "background",
    "at a glance",
    "tl;dr",
    "tldr",
    "highlights",
    "key points",
    "key findings",
    "conclusion",
    "analysis",
    "opinion",
    "commentary",
];

fn is_section_label(s: &str) -> bool {
    let letters = s
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim()
        .to_lowercase();
    SECTION_LABELS.contains(&letters.trim_end_matches(':'))
}

const TITLE_MAX_COLS: usize = 90;

/// Words a shortened title should not end on.
const DANGLING: [&str; 22] = [
    "a", "an", "the", "of", "to", "in", "on", "for", "with", "by", "as", "at", "and", "or", "but",
    "that", "since", "from", "its", "their", "is", "are",
];

/// The title a reader would recognise: a heading-like first line that is
/// not a section label, else the first sentence, shortened.
fn detect_title(
    text: &str,
    markup: &Markup,
    blocks: &[Block],
    sentences: &[Sentence],
) -> Option<(String, TitleFrom)> {
    let first = blocks.iter().position(|b| {
        !b.boilerplate
            && !matches!(b.kind, BlockKind::Rule)
            && !is_section_label(&markup.plain(text, b.content))
    })?;
    let b = &blocks[first];
    if matches!(b.kind, BlockKind::Heading { .. }) {
        return Some((
            shorten(&sanitize::one_line(&markup.plain(text, b.content))),
            TitleFrom::Heading,
        ));
    }
    let sentence = sentences
        .iter()
        .find(|s| s.block >= first && blocks[s.block].is_prose())?;
    let s = sanitize::one_line(&markup.plain(text, sentence.span));
    Some((shorten(strip_dateline(&s)), TitleFrom::FirstSentence))
}

/// "Brussels – As Russia's war ..." → "As Russia's war ...".
fn strip_dateline(s: &str) -> &str {
    for dash in [" – ", " — ", " - "] {
        if let Some(i) = s.find(dash) {
            let place = &s[..i];
            let words = place.split_whitespace().count();
            if (1..=3).contains(&words) && place.chars().next().is_some_and(char::is_uppercase) {
                return &s[i + dash.len()..];
            }
        }
    }
    s
}

/// Shortens a sentence to a title: whole if it fits, else cut at a clause
/// boundary near the limit or at a word, with an ellipsis.
fn shorten(s: &str) -> String {
    let s = s.trim().trim_end_matches(['.', ':', ';', ',']);
    if str_width(s) <= TITLE_MAX_COLS {
        return s.to_string();
    }
    // Clause boundaries outside quotation marks.
    let mut in_quote = false;
    let mut best_clause = None;
    let mut last_word_end = None;
    let mut col = 0;
    for (i, g) in s.grapheme_indices(true) {
        match g {
            "“" | "‘" => in_quote = true,
            "”" | "’" if !s[i + g.len()..].starts_with(char::is_alphanumeric) => {
                in_quote = false
            }
            "\"" => in_quote = !in_quote,
            _ => {}
        }
        col += str_width(g);
        if col > TITLE_MAX_COLS - 1 {
            break;
        }
        if g == " " {
            last_word_end = Some(i);
            let before = s[..i].trim_end();
            if !in_quote
                && (before.ends_with(',')
                    || before.ends_with(';')
                    || before.ends_with(':')
                    || s[i..].starts_with(" —")
                    || s[i..].starts_with(" –"))
            {
                best_clause = Some(i);
            }
        }
    }
    let cut = match (best_clause, last_word_end) {
        (Some(c), _) if c * 10 >= TITLE_MAX_COLS * 7 => {
            return s[..c].trim_end_matches([',', ';', ':', ' ']).to_string()
        }
        (_, Some(w)) => w,
        _ => return crate::text::wrap::truncate(s, TITLE_MAX_COLS),
    };
    let mut words: Vec<&str> = s[..cut].split_whitespace().collect();
    while words.len() > 3
        && words
            .last()
            .is_some_and(|w| DANGLING.contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    let joined = words.join(" ");
    format!("{}…", joined.trim_end_matches([',', ';', ':', '—', '–']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        Article::new(0, PathBuf::from("a.txt"), "a.txt".into(), text.to_string()).0
    }

    #[test]
    fn front_matter_overrides_title() {
        let a = article("+++\ntitle = \"Given title\"\nauthor = \"A. Writer\"\ndate = 2026-01-02\n+++\nFirst line heading\nBody.");
        assert_eq!(a.title, "Given title");
        assert_eq!(a.meta.author.as_deref(), Some("A. Writer"));
        assert_eq!(a.meta.date.as_deref(), Some("2026-01-02"));
        assert!(a.text[a.body_start..].starts_with("First line"));
    }

    #[test]
    fn broken_front_matter_is_a_warning_with_a_line() {
        let (a, warnings) = Article::new(
            0,
            "a.txt".into(),
            "a.txt".into(),
            "+++\ntitle = \"ok\"\nauthor = \n+++\nBody text here.".into(),
        );
        assert_eq!(a.title, "Body text here");
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("line 3"), "{warnings:?}");
    }

    #[test]
    fn long_first_sentences_are_shortened() {
        let a = article("The claim that “security is indivisible,” the guiding principle of liberal democracies since Russia’s invasion of Ukraine, sounds reassuring but, upon a little reflection, quickly becomes unsatisfying.\n\nMore.");
        assert!(a.title.ends_with('…'), "{}", a.title);
        assert!(str_width(&a.title) <= TITLE_MAX_COLS);
        assert!(a
            .title
            .starts_with("The claim that “security is indivisible,”"));
    }

    #[test]
    fn decode_handles_boms_and_refuses_binary() {
        assert_eq!(
            decode(b"\xef\xbb\xbfhello").map(|r| r.0),
            Ok("\u{feff}hello".to_string())
        );
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("hé".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).map(|r| r.0), Ok("hé".to_string()));
        assert!(decode(b"\x00\x01\x02binary").is_err());
        assert!(decode(b"").is_err());
        assert!(decode(b"  \n\t ").is_err());
        let (text, warnings) = decode(b"caf\xe9 au lait").expect("loads");
        assert_eq!(text, "caf\u{fffd} au lait");
        assert!(warnings[0].contains("byte 3"));
    }
}
