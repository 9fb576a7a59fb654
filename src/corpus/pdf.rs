//! PDF files: their text layer turned into paragraphs in reading order.
//!
//! `pdf-extract` decodes the fonts and hands over every glyph with its
//! position; this module puts the glyphs back into lines, finds columns,
//! drops running headers, footers and page numbers, joins words broken by a
//! hyphen at a line end, and writes paragraphs separated by blank lines
//! (larger type as `#`/`##` headings) for the segmenter.
//!
//! PDF files come from anywhere, so reading one is contained: the document
//! is checked for what would make the parser recurse without end or inflate
//! without limit, each page is read under `catch_unwind`, and the whole read
//! runs on a thread of its own that is given up after [`TIME_LIMIT`].

use std::cell::Cell;
use std::collections::{BTreeSet, HashMap};
use std::io::Read;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;
use std::time::Duration;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::formats::Extracted;

/// Pages read from one file; the rest are left out with a warning.
pub const MAX_PAGES: usize = 2_000;
/// Glyphs (characters) kept from one file.
pub const MAX_GLYPHS: usize = 16 * 1024 * 1024;
/// How long one file may take before it is skipped.
pub const TIME_LIMIT: Duration = Duration::from_secs(20);
/// The most one stream may inflate to.
/// The version of the conversion below; see
/// [`super::html::EXTRACTION_VERSION`].
pub const EXTRACTION_VERSION: u32 = 1;

const MAX_STREAM_BYTES: u64 = 64 * 1024 * 1024;
/// The most all streams of one file together may inflate to.
const MAX_INFLATED_BYTES: u64 = 512 * 1024 * 1024;
/// How deep arrays and dictionaries may nest (the parser recurses on them).
const MAX_NESTING: usize = 256;
/// The largest page side PDF allows, in points (200 inches); columns are
/// looked for only within a few times that.
const MAX_PAGE_SIDE: f64 = 14_400.0;
/// How deep drawings (form XObjects) may call one another.
const MAX_FORM_DEPTH: usize = 12;
/// How many form calls are followed in all when checking a file.
const MAX_FORM_VISITS: usize = 20_000;

/// The message for a file with images and no text.
pub const NO_TEXT_LAYER: &str = "no text layer: a scanned PDF needs OCR first";

thread_local! {
    /// Set on the threads that read PDF files, whose panics are caught.
    static CONTAINED: Cell<bool> = const { Cell::new(false) };
}

/// Whether the current thread reads PDF files, so that a panic on it is
/// caught and reported as a skipped file: the panic hook stays quiet then.
pub fn panic_is_contained() -> bool {
    CONTAINED.with(Cell::get)
}

/// Why contained work gave no result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stopped {
    Panicked,
    TimedOut,
    NoThread(String),
}

/// Runs `job` on a thread of its own, catching its panic and waiting at
/// most `limit` for it.
///
/// Nothing can stop a thread from outside: one that runs over its time is
/// left to finish on its own and its result is dropped.
pub fn contained<T: Send + 'static>(
    limit: Duration,
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Stopped> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("pdf".into())
        // The parser and the content interpreter recurse; nesting is
        // checked first, and this leaves them room within that bound.
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            CONTAINED.with(|c| c.set(true));
            let _ = tx.send(panic::catch_unwind(AssertUnwindSafe(job)));
        })
        .map_err(|e| Stopped::NoThread(e.to_string()))?;
    match rx.recv_timeout(limit) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(_)) | Err(mpsc::RecvTimeoutError::Disconnected) => Err(Stopped::Panicked),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Stopped::TimedOut),
    }
}

/// Reads a PDF file's text, or says why it is skipped.
pub fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    let bytes = bytes.to_vec();
    match contained(TIME_LIMIT, move || read(&bytes)) {
        Ok(r) => r,
        Err(Stopped::Panicked) => Err("could not read this PDF (it is damaged or unusual)".into()),
        Err(Stopped::TimedOut) => Err(format!(
            "could not read this PDF within {} seconds",
            TIME_LIMIT.as_secs()
        )),
        Err(Stopped::NoThread(e)) => Err(format!("could not read this PDF: {e}")),
    }
}

fn read(bytes: &[u8]) -> Result<Extracted, String> {
    if nesting(bytes, true) > MAX_NESTING {
        return Err(too_deep());
    }
    let mut doc = Document::load_mem(bytes).map_err(|e| format!("could not read this PDF: {e}"))?;
    let mut warnings = Vec::new();
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("encrypted PDF: it opens only with a password".into());
    }
    let title = info_title(&doc);
    let pages: Vec<(u32, ObjectId)> = doc.get_pages().into_iter().collect();
    if pages.len() > MAX_PAGES {
        warnings.push(format!(
            "only the first {MAX_PAGES} of its {} pages are read",
            pages.len()
        ));
    }
    let pages = &pages[..pages.len().min(MAX_PAGES)];
    let images = blank_images(&mut doc);
    check_streams(&doc)?;
    check_forms(&doc, pages)?;

    let mut dev = Collector::default();
    let mut unread = Vec::new();
    for &(n, _) in pages {
        if dev.full {
            break;
        }
        let before = dev.pages.len();
        let done = panic::catch_unwind(AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(&doc, &mut dev, n)
        }));
        if !matches!(done, Ok(Ok(()))) {
            unread.push(n);
            // A page that failed half-way keeps what it gave, if anything.
            dev.finish_page();
            if dev.pages.len() == before {
                dev.pages.push(Laid::default());
            }
        }
    }
    if dev.full {
        warnings.push(format!(
            "text cut after {} million characters ({} pages)",
            MAX_GLYPHS / (1024 * 1024),
            dev.pages.len()
        ));
    }
    if !unread.is_empty() {
        warnings.push(format!(
            "could not read page{} {}",
            plural(unread.len()),
            list(&unread)
        ));
    }
    let blank: Vec<u32> = dev
        .pages
        .iter()
        .zip(pages)
        .filter(|(p, (n, _))| p.runs.is_empty() && !unread.contains(n))
        .map(|(_, (n, _))| *n)
        .collect();
    let text = layout_runs(dev.pages);
    if text.trim().is_empty() {
        return Err(if !unread.is_empty() {
            "could not read this PDF: no page of it could be read".to_string()
        } else if images > 0 {
            NO_TEXT_LAYER.to_string()
        } else {
            "no text in this PDF".to_string()
        });
    }
    if images > 0 && !blank.is_empty() {
        warnings.push(format!(
            "page{} {} without a text layer (scanned?) left out",
            plural(blank.len()),
            list(&blank)
        ));
    }
    Ok(Extracted {
        text,
        title,
        warnings,
        source_fingerprint: None,
        links: Vec::new(),
    })
}

fn too_deep() -> String {
    "could not read this PDF: it nests too deeply".to_string()
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Page numbers as "1, 2, 5", the first twenty of them.
fn list(pages: &[u32]) -> String {
    let mut s: Vec<String> = pages.iter().take(20).map(u32::to_string).collect();
    if pages.len() > 20 {
        s.push("…".into());
    }
    s.join(", ")
}

/// The document information's `Title`, unless it is empty or a file
/// name that a converter put there.
fn info_title(doc: &Document) -> Option<String> {
    let info = doc.trailer.get_deref(b"Info", doc).ok()?.as_dict().ok()?;
    let title = lopdf::decode_text_string(info.get_deref(b"Title", doc).ok()?).ok()?;
    let title = title.trim();
    (!junk_title(title)).then(|| title.to_string())
}

/// Titles that name the file or the program rather than the document.
fn junk_title(t: &str) -> bool {
    const EXTENSIONS: [&str; 12] = [
        ".doc", ".docx", ".pdf", ".rtf", ".odt", ".ppt", ".pptx", ".indd", ".tex", ".dvi", ".txt",
        ".qxd",
    ];
    let lower = t.to_lowercase();
    lower.is_empty()
        || !lower.chars().any(char::is_alphabetic)
        || lower.starts_with("microsoft ")
        || lower == "untitled"
        || lower.starts_with("untitled ")
        || lower.starts_with("document")
            && lower["document".len()..]
                .chars()
                .all(|c| c.is_ascii_digit())
        || EXTENSIONS.iter().any(|x| lower.ends_with(x))
}

/// The deepest nesting of arrays and dictionaries in PDF syntax, outside
/// strings (and, in a file, outside stream data).
fn nesting(bytes: &[u8], skip_streams: bool) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' => {
                // A literal string: balanced parentheses, backslash escapes.
                let mut open = 1usize;
                i += 1;
                while i < bytes.len() && open > 0 {
                    match bytes[i] {
                        b'\\' => i += 1,
                        b'(' => open += 1,
                        b')' => open -= 1,
                        _ => {}
                    }
                    i += 1;
                }
                continue;
            }
            b'%' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'<' => {
                while i < bytes.len() && bytes[i] != b'>' {
                    i += 1;
                }
            }
            b's' if skip_streams && bytes[i..].starts_with(b"stream") => {
                let rest = &bytes[i..];
                match rest.windows(9).position(|w| w == b"endstream") {
                    Some(end) => i += end + 9,
                    None => break,
                }
                continue;
            }
            _ => {}
        }
        deepest = deepest.max(depth);
        i += 1;
    }
    deepest
}

/// Replaces every image with an empty drawing, and counts them: the text
/// interpreter would otherwise read image data as drawing commands.
fn blank_images(doc: &mut Document) -> usize {
    let mut n = 0;
    for obj in doc.objects.values_mut() {
        if let Object::Stream(s) = obj {
            let image = matches!(s.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Image");
            if image {
                n += 1;
                let mut dict = Dictionary::new();
                dict.set("Type", Object::Name(b"XObject".to_vec()));
                dict.set("Subtype", Object::Name(b"Form".to_vec()));
                dict.set(
                    "BBox",
                    Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]),
                );
                *s = Stream::new(dict, Vec::new());
            }
        }
    }
    n
}

/// Checks that no stream inflates past the limits, and that none nests
/// too deeply once inflated.
fn check_streams(doc: &Document) -> Result<(), String> {
    let mut total = 0u64;
    for s in doc.objects.values().filter_map(|o| o.as_stream().ok()) {
        let flate = match s.dict.get(b"Filter") {
            Ok(Object::Name(n)) => n == b"FlateDecode",
            Ok(Object::Array(a)) => a
                .iter()
                .any(|f| matches!(f, Object::Name(n) if n == b"FlateDecode")),
            _ => false,
        };
        if !flate {
            if nesting(&s.content, false) > MAX_NESTING {
                return Err(too_deep());
            }
            continue;
        }
        let mut scan = Scan::default();
        let inflated = std::io::copy(
            &mut flate2::read::ZlibDecoder::new(&s.content[..]).take(MAX_STREAM_BYTES + 1),
            &mut scan,
        )
        // A stream that does not inflate is the parser's to report.
        .unwrap_or(0);
        if inflated > MAX_STREAM_BYTES {
            return Err(format!(
                "could not read this PDF: a stream inflates to over {} MB",
                MAX_STREAM_BYTES / (1024 * 1024)
            ));
        }
        if scan.deepest > MAX_NESTING {
            return Err(too_deep());
        }
        total += inflated;
        if total > MAX_INFLATED_BYTES {
            return Err(format!(
                "could not read this PDF: it inflates to over {} MB",
                MAX_INFLATED_BYTES / (1024 * 1024)
            ));
        }
    }
    Ok(())
}

/// A sink that keeps only the deepest nesting of what passes through it,
/// chunk by chunk (a bracket split over chunks is counted where it ends).
#[derive(Default)]
struct Scan {
    deepest: usize,
}

impl std::io::Write for Scan {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.deepest = self.deepest.max(nesting(buf, false));
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Checks that drawings (form XObjects) do not call themselves, directly
/// or through others, and do not nest past [`MAX_FORM_DEPTH`]: the text
/// interpreter follows them by recursion.
fn check_forms(doc: &Document, pages: &[(u32, ObjectId)]) -> Result<(), String> {
    let mut visits = 0;
    for &(_, id) in pages {
        let Some(res) = page_resources(doc, id) else {
            continue;
        };
        visit_forms(doc, res, &mut Vec::new(), &mut visits)?;
    }
    Ok(())
}

/// A page's resources, its own or inherited from the page tree.
fn page_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let mut dict = doc.get_dictionary(page).ok()?;
    for _ in 0..32 {
        if let Ok(r) = dict.get_deref(b"Resources", doc).and_then(Object::as_dict) {
            return Some(r);
        }
        dict = dict
            .get_deref(b"Parent", doc)
            .and_then(Object::as_dict)
            .ok()?;
    }
    None
}

fn visit_forms(
    doc: &Document,
    res: &Dictionary,
    stack: &mut Vec<ObjectId>,
    visits: &mut usize,
) -> Result<(), String> {
    let Ok(xobjects) = res.get_deref(b"XObject", doc).and_then(Object::as_dict) else {
        return Ok(());
    };
    for (_, obj) in xobjects.iter() {
        let Ok(id) = obj.as_reference() else {
            continue;
        };
        let Ok(form) = doc.get_object(id).and_then(Object::as_stream) else {
            continue;
        };
        if !draws_others(form) {
            continue;
        }
        *visits += 1;
        if stack.contains(&id) || stack.len() >= MAX_FORM_DEPTH || *visits > MAX_FORM_VISITS {
            return Err(
                "could not read this PDF: its drawings call one another without end".into(),
            );
        }
        // A form without resources of its own uses those it is called with.
        let inner = form
            .dict
            .get_deref(b"Resources", doc)
            .and_then(Object::as_dict)
            .unwrap_or(res);
        stack.push(id);
        visit_forms(doc, inner, stack, visits)?;
        stack.pop();
    }
    Ok(())
}

/// Whether a drawing's content calls other drawings (has a `Do`).
fn draws_others(form: &Stream) -> bool {
    let content = form
        .decompressed_content()
        .unwrap_or_else(|_| form.content.clone());
    let delimiter =
        |b: Option<&u8>| b.is_none_or(|b| b.is_ascii_whitespace() || b"/[]<>()%".contains(b));
    content.windows(2).enumerate().any(|(i, w)| {
        w == b"Do"
            && delimiter(i.checked_sub(1).and_then(|j| content.get(j)))
            && delimiter(content.get(i + 2))
    })
}

/// One glyph as drawn: its top-left origin in points from the page's
/// top-left corner, its advance and its size.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub size: f64,
    pub text: String,
}

/// A page's glyphs in the order the file draws them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
}

/// Receives glyphs from `pdf-extract`.
#[derive(Default)]
struct Collector {
    /// The pages read so far, each as runs once it is done: runs take far
    /// less room than glyphs.
    pages: Vec<Laid>,
    /// The glyphs of the page being drawn.
    current: Vec<Glyph>,
    /// Whether the last page begun is still being drawn.
    open: bool,
    glyphs: usize,
    full: bool,
    top: f64,
    left: f64,
}

impl Collector {
    /// Turns the glyphs of the page being drawn into its runs.
    fn finish_page(&mut self) {
        if self.open {
            if let Some(page) = self.pages.last_mut() {
                page.runs = runs(&self.current);
            }
        }
        self.current.clear();
        self.open = false;
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.top = media_box.ury;
        self.left = media_box.llx;
        self.finish_page();
        self.pages.push(Laid {
            width: (media_box.urx - media_box.llx).abs(),
            height: (media_box.ury - media_box.lly).abs(),
            runs: Vec::new(),
        });
        self.open = true;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.finish_page();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        if !self.open || self.full {
            return Ok(());
        }
        // Control characters never belong to a page's text.
        let text: String = char
            .chars()
            .filter(|&c| c == ' ' || crate::text::sanitize::replacement(c).is_none())
            .collect();
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size * scale;
        let (x, y) = (trm.m31 - self.left, self.top - trm.m32);
        if text.is_empty() || !(x.is_finite() && y.is_finite() && size.is_finite()) {
            return Ok(());
        }
        self.glyphs += 1;
        if self.glyphs > MAX_GLYPHS {
            self.full = true;
            return Ok(());
        }
        {
            self.current.push(Glyph {
                x,
                y,
                width: width * size,
                size,
                text,
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A stretch of text on one baseline with no wide gap in it.
#[derive(Debug, Clone)]
struct Run {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
}

/// A line of one column.
#[derive(Debug, Clone)]
struct Line {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
    /// Where the column (or the part of it between two full-width lines)
    /// this line is in begins; lines of one flow read on from each other.
    flow: usize,
    page: usize,
}

/// The pages' text in reading order, as paragraphs and headings separated
/// by blank lines.
pub fn layout(pages: &[Page]) -> String {
    layout_runs(
        pages
            .iter()
            .map(|p| Laid {
                width: p.width,
                height: p.height,
                runs: runs(&p.glyphs),
            })
            .collect(),
    )
}

/// A page's size and its text as runs.
#[derive(Debug, Clone, Default)]
struct Laid {
    width: f64,
    height: f64,
    runs: Vec<Run>,
}

fn layout_runs(pages: Vec<Laid>) -> String {
    let running = running_rows(&pages);
    let widths: Vec<f64> = pages.iter().map(|p| p.width).collect();
    let mut lines = Vec::new();
    let mut flow = 0;
    for (n, page) in pages.into_iter().enumerate() {
        let drop = running.get(n).map_or(&[][..], Vec::as_slice);
        let body: Vec<Run> = page
            .runs
            .into_iter()
            .filter(|r| !drop.iter().any(|y| (r.y - y).abs() < 1.0))
            .collect();
        let mut pieces = Vec::new();
        order(body, page.width, 0, &mut pieces);
        for piece in pieces {
            flow += 1;
            for mut l in lines_of(piece) {
                l.flow = flow;
                l.page = n;
                lines.push(l);
            }
        }
    }
    paragraphs(&lines, &widths)
}

/// Glyphs into runs: a run ends where the baseline moves, the text goes
/// back, or a gap wider than a couple of spaces opens (a column gutter).
fn runs(glyphs: &[Glyph]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut space = false;
    for g in glyphs {
        if g.text.trim().is_empty() {
            space = true;
            continue;
        }
        let size = g.size.max(1.0);
        if let Some(r) = out.last_mut() {
            let same_line = (g.y - r.y).abs() < 0.3 * size.min(r.size);
            let gap = g.x - r.x1;
            if same_line && gap > -0.5 * size && gap < 1.2 * size {
                if space || gap > 0.2 * size {
                    r.text.push(' ');
                }
                r.text.push_str(&g.text);
                r.x1 = r.x1.max(g.x + g.width);
                r.size = r.size.max(size);
                space = false;
                continue;
            }
        }
        out.push(Run {
            x0: g.x,
            x1: g.x + g.width,
            y: g.y,
            size,
            text: g.text.clone(),
        });
        space = false;
    }
    out
}

/// Text with digits as `#` and case and spacing folded: a running header
/// or footer with its page number reads the same on every page.
fn shape(s: &str) -> String {
    let mut out = String::new();
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            w.chars()
                .map(|c| if c.is_ascii_digit() { '#' } else { c })
                .flat_map(char::to_lowercase),
        );
    }
    out
}

/// Whether a line is only a page number: "7", "- 7 -", "Page 7",
/// "7 of 12", "7/12", "vii".
fn page_number(s: &str) -> bool {
    let t = s.trim_matches(|c: char| c.is_whitespace() || c == '-' || c == '–' || c == '—');
    let lower = t.to_lowercase();
    let t = lower.strip_prefix("page").unwrap_or(&lower).trim();
    let numeral = |w: &str| {
        (!w.is_empty() && w.len() <= 4 && w.chars().all(|c| c.is_ascii_digit())) || roman(w)
    };
    let parts: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty() && *w != "of")
        .collect();
    matches!(parts.len(), 1 | 2) && parts.iter().all(|w| numeral(w))
}

/// Whether `w` is a lower-case Roman numeral from 1 to 39, as front
/// matter is numbered.
fn roman(w: &str) -> bool {
    let units = w.trim_start_matches('x');
    w.len() - units.len() <= 3
        && !w.is_empty()
        && ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"].contains(&units)
}

/// The baselines, page by page, of the rows that are running headers, footers or page
/// numbers: among the top and bottom two rows of each page that lie in the
/// top or bottom 15% of it, those whose text (numbers aside) comes back at
/// about the same height on half the pages or on three, those that carry
/// the page's number, and lone page numbers.
fn running_rows(pages: &[Laid]) -> Vec<Vec<f64>> {
    let mut edges: Vec<(usize, f64, String)> = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let mut rows: Vec<(f64, Vec<&Run>)> = Vec::new();
        let mut sorted: Vec<&Run> = page.runs.iter().collect();
        sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
        for r in sorted {
            match rows.last_mut() {
                Some((y, row)) if (r.y - *y).abs() < 1.0 => row.push(r),
                _ => rows.push((r.y, vec![r])),
            }
        }
        let k = rows.len();
        let height = page.height;
        for (i, (y, row)) in rows.into_iter().enumerate() {
            let margin = y < height * 0.15 || y > height * 0.85;
            if (i < 2 || i + 2 >= k) && margin {
                let text = row.iter().map(|r| r.text.as_str()).collect::<Vec<_>>();
                edges.push((n, y, text.join(" ")));
            }
        }
    }
    // Half the pages, or three pages of a long document: running heads
    // that name the chapter come back only on that chapter's pages.
    let needed = pages.len().div_ceil(2).clamp(2, 3);
    let mut by_shape: HashMap<String, Vec<(usize, f64)>> = HashMap::new();
    for (n, y, text) in &edges {
        by_shape.entry(shape(text)).or_default().push((*n, *y));
    }
    // A head or foot that starts or ends with the page's number, which
    // goes up with the page: "Chapter 2: Naming 5" on page 7, "6 Guide"
    // on page 8. The offset between the two that most pages share marks
    // such rows.
    let number = |text: &str| {
        let as_number = |w: &str| (w.len() <= 5).then(|| w.parse::<i64>().ok()).flatten();
        let mut words = text.split_whitespace();
        let first = words.next();
        first
            .and_then(as_number)
            .or_else(|| words.next_back().and_then(as_number))
    };
    let mut offsets: HashMap<i64, BTreeSet<usize>> = HashMap::new();
    for (n, _, text) in &edges {
        if let Some(k) = number(text) {
            offsets.entry(k - *n as i64).or_default().insert(*n);
        }
    }
    let numbered = offsets
        .into_iter()
        .filter(|(_, on)| pages.len() >= 2 && on.len() >= needed)
        .max_by_key(|(offset, on)| (on.len(), -offset))
        .map(|(offset, _)| offset);
    let mut out = vec![Vec::new(); pages.len()];
    for (n, y, text) in &edges {
        let repeated = pages.len() >= 2
            && by_shape.get(&shape(text)).is_some_and(|rows| {
                let on: BTreeSet<usize> = rows
                    .iter()
                    .filter(|(_, y2)| (y - y2).abs() < 3.0)
                    .map(|(p, _)| *p)
                    .collect();
                on.len() >= needed
            });
        let numbered = numbered.is_some_and(|o| number(text) == Some(*n as i64 + o));
        if repeated || numbered || page_number(text) {
            out[*n].push(*y);
        }
    }
    out
}

/// Puts a page's runs in reading order as pieces of one flow each: where
/// a gutter splits the runs, the runs above, across and below it in turn,
/// the left column before the right; otherwise all of them.
fn order(mut runs: Vec<Run>, width: f64, depth: usize, out: &mut Vec<Vec<Run>>) {
    if runs.is_empty() {
        return;
    }
    let gutter = if depth < 3 {
        gutter(&runs, width)
    } else {
        None
    };
    let Some((gl, gr)) = gutter else {
        out.push(runs);
        return;
    };
    runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let (mut left, mut right) = (Vec::new(), Vec::new());
    let flush = |left: &mut Vec<Run>, right: &mut Vec<Run>, out: &mut Vec<Vec<Run>>| {
        order(std::mem::take(left), width, depth + 1, out);
        order(std::mem::take(right), width, depth + 1, out);
    };
    for r in runs {
        if r.x1 <= gl + 0.5 {
            left.push(r);
        } else if r.x0 >= gr - 0.5 {
            right.push(r);
        } else {
            // Across the gutter: a title or a full-width paragraph ends the
            // columns above it.
            flush(&mut left, &mut right, out);
            match out.last_mut() {
                Some(piece) if piece.iter().all(|p| p.x0 < gl && p.x1 > gr) => piece.push(r),
                _ => out.push(vec![r]),
            }
        }
    }
    flush(&mut left, &mut right, out);
}

/// The widest vertical gap between runs that has text on both sides over
/// at least three lines, as (left edge, right edge); runs wider than half
/// the text do not close a gap (they are read across it).
fn gutter(runs: &[Run], width: f64) -> Option<(f64, f64)> {
    const BIN: f64 = 2.0;
    let lo = runs.iter().map(|r| r.x0).fold(f64::INFINITY, f64::min);
    let hi = runs.iter().map(|r| r.x1).fold(f64::NEG_INFINITY, f64::max);
    let span = hi - lo;
    if span.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater)
        || span > width.clamp(1.0, MAX_PAGE_SIDE) * 4.0
    {
        return None;
    }
    let narrow: Vec<&Run> = runs.iter().filter(|r| r.x1 - r.x0 < span * 0.5).collect();
    let bins = (span / BIN).ceil() as usize + 1;
    let mut cover = vec![0usize; bins];
    for r in &narrow {
        let a = ((r.x0 - lo) / BIN).floor() as usize;
        let b = (((r.x1 - lo) / BIN).ceil() as usize).min(bins);
        for c in &mut cover[a.min(bins)..b] {
            *c += 1;
        }
    }
    let tolerance = narrow.len() / 25;
    let size = median(runs.iter().map(|r| r.size).collect()).unwrap_or(10.0);
    let mut best: Option<(f64, f64)> = None;
    let mut i = 0;
    while i < bins {
        if cover[i] > tolerance {
            i += 1;
            continue;
        }
        let start = i;
        while i < bins && cover[i] <= tolerance {
            i += 1;
        }
        if start == 0 || i >= bins {
            continue;
        }
        let (gl, gr) = (lo + start as f64 * BIN, lo + i as f64 * BIN);
        let middle = (gl + gr) / 2.0 - lo;
        if gr - gl < (0.8 * size).max(6.0) || middle < span * 0.2 || middle > span * 0.8 {
            continue;
        }
        let left: Vec<&&Run> = narrow.iter().filter(|r| r.x1 <= gl + 0.5).collect();
        let right: Vec<&&Run> = narrow.iter().filter(|r| r.x0 >= gr - 0.5).collect();
        let rows = |side: &[&&Run]| {
            let mut ys: Vec<i64> = side.iter().map(|r| r.y.round() as i64).collect();
            ys.sort_unstable();
            ys.dedup();
            ys
        };
        let (ly, ry) = (rows(&left), rows(&right));
        let beside = ly.iter().filter(|y| ry.binary_search(y).is_ok()).count();
        let side_by_side = ly.len() >= 3 && ry.len() >= 3 && {
            let (l0, l1) = (ly[0], ly[ly.len() - 1]);
            let (r0, r1) = (ry[0], ry[ry.len() - 1]);
            beside >= 3 || l0.max(r0) < l1.min(r1)
        };
        if side_by_side && best.is_none_or(|(a, b)| gr - gl > b - a) {
            best = Some((gl, gr));
        }
    }
    best
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(v[v.len() / 2])
}

/// A flow's runs as lines, top to bottom, each left to right.
fn lines_of(mut runs: Vec<Run>) -> Vec<Line> {
    runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<(f64, Vec<Run>)> = Vec::new();
    for r in runs {
        match lines.last_mut() {
            Some((y, row)) if (r.y - *y).abs() < 0.4 * r.size => row.push(r),
            _ => lines.push((r.y, vec![r])),
        }
    }
    lines
        .into_iter()
        .map(|(y, mut row)| {
            row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let mut text = String::new();
            let mut end = f64::NEG_INFINITY;
            for r in &row {
                if !text.is_empty() && r.x0 > end + 0.1 * r.size {
                    text.push(' ');
                }
                text.push_str(&r.text);
                end = r.x1;
            }
            Line {
                x0: row.iter().map(|r| r.x0).fold(f64::INFINITY, f64::min),
                x1: row.iter().map(|r| r.x1).fold(f64::NEG_INFINITY, f64::max),
                y,
                size: row.iter().map(|r| r.size).fold(0.0, f64::max),
                text: text.trim().to_string(),
                flow: 0,
                page: 0,
            }
        })
        .filter(|l| !l.text.is_empty())
        .collect()
}

/// The size most of the text is set in.
fn body_size(lines: &[Line]) -> f64 {
    let mut by_size: HashMap<i64, usize> = HashMap::new();
    for l in lines {
        *by_size.entry((l.size * 2.0).round() as i64).or_default() += l.text.len();
    }
    by_size
        .into_iter()
        .max_by_key(|&(size, n)| (n, -size))
        .map_or(10.0, |(size, _)| size as f64 / 2.0)
}

/// Heading level of a line by its size against the body's: `#` from half
/// as large again, `##` from 15% larger; long lines are never headings.
fn heading(line: &Line, body: f64) -> Option<usize> {
    if line.text.chars().count() > 150 {
        None
    } else if line.size >= body * 1.5 {
        Some(1)
    } else if line.size >= body * 1.15 {
        Some(2)
    } else {
        None
    }
}

/// Whether a line ends a sentence (or a label), so the next line in
/// another column or on another page starts a new paragraph.
fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    t.ends_with(['.', '!', '?', ':', ';'])
}

/// Lines into paragraphs. A new paragraph starts where the gap above a
/// line is clearly wider than the flow's usual line spacing, where a line
/// is indented against the one above, where the type size changes, and
/// after a line that ends a sentence early (the next line's first word
/// would have fitted on it). In another column or on another page, a
/// paragraph goes on unless the new line is indented or the last one ended
/// a sentence early.
fn paragraphs(lines: &[Line], page_widths: &[f64]) -> String {
    let body = body_size(lines);
    let mut spacing: HashMap<usize, f64> = HashMap::new();
    {
        let mut gaps: HashMap<usize, Vec<f64>> = HashMap::new();
        for w in lines.windows(2) {
            if w[0].flow == w[1].flow && (w[0].size - body).abs() < 0.5 {
                gaps.entry(w[0].flow).or_default().push(w[1].y - w[0].y);
            }
        }
        for (flow, g) in gaps {
            if let Some(m) = median(g.into_iter().filter(|g| *g > 0.0).collect()) {
                spacing.insert(flow, m);
            }
        }
    }
    let mut edges: HashMap<usize, (f64, f64)> = HashMap::new();
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for l in lines {
        let e = edges
            .entry(l.flow)
            .or_insert((f64::INFINITY, f64::NEG_INFINITY));
        *e = (e.0.min(l.x0), e.1.max(l.x1));
        *counts.entry(l.flow).or_default() += 1;
    }
    // A flow of a line or two does not show where its lines end: take the
    // usual width of the longer flows, or else the page less a margin as
    // wide as the left one.
    let usual_width = median(
        edges
            .iter()
            .filter(|(f, _)| counts.get(f).is_some_and(|&n| n >= 3))
            .map(|(_, e)| e.1 - e.0)
            .collect(),
    );
    for l in lines {
        if counts.get(&l.flow).is_some_and(|&n| n < 3) {
            if let Some(e) = edges.get_mut(&l.flow) {
                let page = page_widths.get(l.page).copied().unwrap_or(0.0);
                let width = usual_width.unwrap_or(page - 2.0 * e.0);
                e.1 = e.1.max(e.0 + width);
            }
        }
    }
    // Whether a line is indented against its flow's left edge.
    let indented = |l: &Line| {
        edges
            .get(&l.flow)
            .is_some_and(|e| l.x0 - e.0 > 0.8 * l.size)
    };
    let ends_early = |p: &Line, next: &Line| {
        let first = next.text.split_whitespace().next().unwrap_or("");
        let per_char = (next.x1 - next.x0) / next.text.chars().count().max(1) as f64;
        let room = edges.get(&p.flow).map_or(0.0, |e| e.1 - p.x1);
        ends_sentence(&p.text) && room > (first.chars().count() + 1) as f64 * per_char
    };
    let mut out = String::new();
    let mut para = String::new();
    let mut level: Option<usize> = None;
    let flush = |out: &mut String, para: &mut String, level: Option<usize>| {
        if para.is_empty() {
            return;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        if let Some(n) = level {
            out.push_str(&"#".repeat(n));
            out.push(' ');
        }
        match bullet(para) {
            Some(item) => {
                out.push_str("- ");
                out.push_str(item);
            }
            None => out.push_str(para),
        }
        para.clear();
    };
    let mut prev: Option<&Line> = None;
    for l in lines {
        let this_level = heading(l, body);
        let new = match prev {
            None => true,
            Some(_) if bullet(&l.text).is_some() => true,
            Some(p) if contents_entry(&p.text) => true,
            Some(p) if this_level != level || (p.size - l.size).abs() > 0.5 => true,
            Some(p) if this_level.is_some() => p.flow != l.flow || l.y - p.y > 2.0 * l.size,
            Some(p) if p.flow != l.flow => indented(l) || ends_early(p, l),
            Some(p) => {
                let usual = spacing.get(&l.flow).copied().unwrap_or(l.size * 1.2);
                let wide = l.y - p.y > usual * 1.3 + 0.5;
                // A list item's lines after the first hang under its text.
                let hanging = bullet(&para).is_some();
                wide || !hanging && l.x0 - p.x0 > 0.8 * l.size || ends_early(p, l)
            }
        };
        if new {
            flush(&mut out, &mut para, level);
            para.push_str(&l.text);
        } else {
            join_line(&mut para, &l.text);
        }
        level = this_level;
        prev = Some(l);
    }
    flush(&mut out, &mut para, level);
    out
}

/// The text of a bulleted list item, without its bullet.
fn bullet(s: &str) -> Option<&str> {
    const BULLETS: [char; 9] = ['•', '◦', '▪', '‣', '●', '○', '■', '□', '–'];
    let rest = s.strip_prefix(BULLETS)?;
    rest.starts_with(char::is_whitespace)
        .then(|| rest.trim_start())
}

/// Whether a line is an entry of a contents list: dot leaders, then a
/// page number.
fn contents_entry(s: &str) -> bool {
    let t = s.trim_end();
    let number = t.trim_end_matches(|c: char| c.is_ascii_digit());
    number.len() < t.len() && number.trim_end().ends_with("....")
}

/// Prefixes that keep their hyphen when a line breaks after them
/// ("self-\nreliant" is "self-reliant").
const HYPHENATED_PREFIXES: [&str; 12] = [
    "self", "well", "ex", "all", "half", "cross", "quasi", "so", "ill", "vice", "co", "non",
];

/// Appends the next line of a paragraph.
///
/// The hyphenation rule: a line that ends in a letter and a hyphen, with
/// the next line starting in a lower-case letter, is one word broken in
/// two, and the hyphen goes ("secu-\nrity" is "security"). The hyphen stays
/// (and no space is put in) when the next line starts with a capital or a
/// digit ("Franco-\nGerman"), when the word already has a hyphen in it
/// ("state-of-the-\nart"), and after the prefixes in
/// [`HYPHENATED_PREFIXES`]. A soft hyphen at a line end always goes.
fn join_line(para: &mut String, next: &str) {
    if let Some(stem) = para.strip_suffix('\u{ad}') {
        let len = stem.len();
        para.truncate(len);
        para.push_str(next);
        return;
    }
    let hyphen = para.ends_with('-') || para.ends_with('\u{2010}');
    let before = para.trim_end_matches(['-', '\u{2010}']).chars().next_back();
    if !hyphen || !before.is_some_and(char::is_alphabetic) {
        para.push(' ');
        para.push_str(next);
        return;
    }
    let word_start = para.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let word = &para[word_start..];
    let stem = word.trim_end_matches(['-', '\u{2010}']);
    let keep = !next.starts_with(char::is_lowercase)
        || stem.contains(['-', '\u{2010}'])
        || HYPHENATED_PREFIXES
            .iter()
            .any(|p| stem.eq_ignore_ascii_case(p));
    if !keep {
        let cut = para.len() - (word.len() - stem.len());
        para.truncate(cut);
    }
    para.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(x: f64, y: f64, size: f64, text: &str) -> Vec<Glyph> {
        let w = size * 0.6;
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + i as f64 * w,
                y,
                width: w,
                size,
                text: c.to_string(),
            })
            .collect()
    }

    fn page(lines: &[(f64, f64, f64, &str)]) -> Page {
        Page {
            width: 612.0,
            height: 792.0,
            glyphs: lines
                .iter()
                .flat_map(|&(x, y, s, t)| glyphs(x, y, s, t))
                .collect(),
        }
    }

    #[test]
    fn hyphenated_line_ends_are_joined_unless_the_hyphen_is_real() {
        let joined = |a: &str, b: &str| {
            let mut p = a.to_string();
            join_line(&mut p, b);
            p
        };
        assert_eq!(
            joined("national secu-", "rity matters"),
            "national security matters"
        );
        assert_eq!(
            joined("the Franco-", "German treaty"),
            "the Franco-German treaty"
        );
        assert_eq!(joined("a self-", "reliant state"), "a self-reliant state");
        assert_eq!(
            joined("state-of-the-", "art tools"),
            "state-of-the-art tools"
        );
        assert_eq!(joined("in 2019-", "2020"), "in 2019- 2020");
        assert_eq!(joined("soft\u{ad}", "ly"), "softly");
        assert_eq!(joined("a plain", "line"), "a plain line");
    }

    #[test]
    fn bullets_become_list_items_whose_lines_hang() {
        let text = layout(&[page(&[
            (72.0, 100.0, 10.0, "The features are:"),
            (72.0, 112.0, 10.0, "• Thread-safety. No global variables"),
            (84.0, 124.0, 10.0, "are used."),
            (72.0, 136.0, 10.0, "• Portability."),
            (72.0, 148.0, 10.0, "1 Introduction ........ 1"),
            (72.0, 160.0, 10.0, "2 Usage ........ 2"),
        ])]);
        assert_eq!(
            text,
            "The features are:\n\n- Thread-safety. No global variables are used.\n\n\
             - Portability.\n\n1 Introduction ........ 1\n\n2 Usage ........ 2"
        );
    }

    #[test]
    fn page_numbers_are_recognised_and_words_are_not() {
        for s in ["7", "- 7 -", "Page 7", "page 7 of 12", "7/12", "vii"] {
            assert!(page_number(s), "{s}");
        }
        for s in ["7 ministers met", "Page one", "1 2 3", "Civil"] {
            assert!(!page_number(s), "{s}");
        }
    }

    #[test]
    fn converter_titles_are_junk_and_real_ones_are_kept() {
        for t in [
            "",
            "  ",
            "Microsoft Word - brief.docx",
            "draft3.pdf",
            "Untitled",
            "Document1",
        ] {
            assert!(junk_title(t.trim()), "{t:?}");
        }
        for t in ["Energy Security in the Baltic", "Documents of the Council"] {
            assert!(!junk_title(t), "{t:?}");
        }
    }

    #[test]
    fn nesting_is_measured_outside_strings_and_streams() {
        assert_eq!(nesting(b"<< /A [1 [2]] >>", true), 3);
        assert_eq!(nesting(b"(a(b)[[[[\\)) [1]", true), 1);
        assert_eq!(nesting(b"stream\n[[[[[[\nendstream [x]", true), 1);
        assert_eq!(nesting(b"<48656c6c6f> [1]", true), 1);
        assert!(nesting(&[b'['; 10_000], true) > MAX_NESTING);
    }

    #[test]
    fn two_columns_read_left_then_right_under_a_full_width_title() {
        let text = layout(&[page(&[
            (72.0, 60.0, 20.0, "A Title Across"),
            (72.0, 100.0, 10.0, "Left one. It goes on"),
            (320.0, 100.0, 10.0, "Right one goes on and"),
            (72.0, 112.0, 10.0, "left two goes on and"),
            (320.0, 112.0, 10.0, "right two goes on and"),
            (72.0, 124.0, 10.0, "left ends."),
            (320.0, 124.0, 10.0, "right ends."),
        ])]);
        assert_eq!(
            text,
            "# A Title Across\n\nLeft one. It goes on left two goes on and left ends.\n\n\
             Right one goes on and right two goes on and right ends."
        );
    }

    #[test]
    fn three_columns_read_one_after_the_other() {
        let mut lines = Vec::new();
        for (x, name) in [(72.0, "first"), (250.0, "second"), (428.0, "third")] {
            for row in 0..4 {
                let y = 100.0 + row as f64 * 12.0;
                let text = if row == 3 {
                    format!("{name} ends.")
                } else {
                    format!("{name} column, line {row}")
                };
                lines.push((x, y, 10.0, text));
            }
        }
        let lines: Vec<(f64, f64, f64, &str)> = lines
            .iter()
            .map(|(x, y, s, t)| (*x, *y, *s, t.as_str()))
            .collect();
        assert_eq!(
            layout(&[page(&lines)]),
            "first column, line 0 first column, line 1 first column, line 2 first ends.\n\n\
             second column, line 0 second column, line 1 second column, line 2 second ends.\n\n\
             third column, line 0 third column, line 1 third column, line 2 third ends."
        );
    }

    #[test]
    fn running_headers_footers_and_page_numbers_go() {
        let pages: Vec<Page> = (1..=3)
            .map(|n| {
                let num = n.to_string();
                let body = format!("Body text of page {n}.");
                page(&[
                    (72.0, 40.0, 9.0, "Policy Brief 12"),
                    (72.0, 300.0, 10.0, &body),
                    (300.0, 760.0, 9.0, &num),
                ])
            })
            .collect();
        let text = layout(&pages);
        assert_eq!(
            text,
            "Body text of page 1.\n\nBody text of page 2.\n\nBody text of page 3."
        );
    }

    #[test]
    fn heads_that_carry_the_page_number_go_whatever_their_words() {
        let heads = [
            "Chapter 1: Scope 3",
            "4 Energy Guide",
            "Chapter 2: Terms 5",
            "6 Energy Guide",
        ];
        let pages: Vec<Page> = heads
            .iter()
            .enumerate()
            .map(|(n, head)| {
                let body = format!("Body {n}, with the year 2026 in it.");
                page(&[(72.0, 40.0, 9.0, head), (72.0, 300.0, 10.0, &body)])
            })
            .collect();
        assert_eq!(
            layout(&pages),
            "Body 0, with the year 2026 in it.\n\nBody 1, with the year 2026 in it.\n\n\
             Body 2, with the year 2026 in it.\n\nBody 3, with the year 2026 in it."
        );
    }

    #[test]
    fn a_paragraph_goes_on_across_a_page_when_its_sentence_does() {
        let pages = vec![
            page(&[(72.0, 100.0, 10.0, "It starts here and")]),
            page(&[(72.0, 100.0, 10.0, "ends on the next page.")]),
        ];
        assert_eq!(layout(&pages), "It starts here and ends on the next page.");
    }

    #[test]
    fn gaps_and_indents_start_paragraphs() {
        let text = layout(&[page(&[
            (72.0, 100.0, 10.0, "First paragraph line one"),
            (72.0, 112.0, 10.0, "and line two."),
            (72.0, 136.0, 10.0, "After a gap, line one"),
            (72.0, 148.0, 10.0, "and two"),
            (84.0, 160.0, 10.0, "Indented start"),
            (72.0, 172.0, 10.0, "goes on."),
        ])]);
        assert_eq!(
            text,
            "First paragraph line one and line two.\n\nAfter a gap, line one and two\n\nIndented start goes on."
        );
    }

    #[test]
    fn contained_work_reports_a_panic_and_a_job_over_its_time() {
        assert_eq!(contained(TIME_LIMIT, || 2 + 2), Ok(4));
        assert_eq!(
            contained(TIME_LIMIT, || -> u8 { panic!("hostile input") }),
            Err(Stopped::Panicked)
        );
        // The job waits for a message sent only after the limit has passed,
        // so it is over its time however fast the machine is.
        let (tx, rx) = mpsc::channel::<()>();
        let waited = contained(Duration::ZERO, move || rx.recv().is_ok());
        assert_eq!(waited, Err(Stopped::TimedOut));
        let _ = tx.send(());
    }
}
