//! EPUB books (`.epub`) as one text: the chapters in the spine's reading
//! order, each through the web page conversion with nothing of it dropped
//! as page furniture, each opening with its heading.
//!
//! A book is a zip archive, and an archive can claim anything about its
//! sizes: every entry is read through a limit on the bytes it really
//! decompresses to, and the whole book through another, so a zip bomb is
//! skipped with a message rather than filling memory. Books whose content
//! is encrypted (DRM) are skipped too.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{Cursor, Read};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::formats::Extracted;
use super::html::{self, Scope};

/// The version of the conversion below; see [`html::EXTRACTION_VERSION`].
pub const EXTRACTION_VERSION: u32 = 1;

/// The most a book may decompress to, all entries read together.
pub const MAX_TOTAL_BYTES: u64 = 64 * 1024 * 1024;
/// The most one entry of a book may decompress to.
pub const MAX_ENTRY_BYTES: u64 = 16 * 1024 * 1024;
/// The most entries a book's archive may hold.
pub const MAX_ENTRIES: usize = 10_000;

/// Encryption algorithms that only obfuscate embedded fonts: a book that
/// uses them is not protected by DRM.
const FONT_OBFUSCATION: [&str; 2] = [
    "http://www.idpf.org/2008/embedding",
    "http://ns.adobe.com/pdf/enc#RC",
];

/// Reads an EPUB book.
pub fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    let mut book = Book::open(bytes)?;
    if let Some(encryption) = book.entry_if_there("META-INF/encryption.xml")? {
        let encrypted = elements(&text_of(&encryption))
            .into_iter()
            .filter(|e| e.name.ends_with("encryptionmethod"))
            .filter_map(|e| e.attr("algorithm").map(str::to_string))
            .any(|alg| !FONT_OBFUSCATION.contains(&alg.as_str()));
        if encrypted {
            return Err("the book is encrypted (DRM) and cannot be read".to_string());
        }
    }
    let container = book.entry("META-INF/container.xml")?;
    let opf_path = elements(&text_of(&container))
        .into_iter()
        .find(|e| e.name == "rootfile")
        .and_then(|e| e.attr("full-path").map(str::to_string))
        .ok_or("META-INF/container.xml names no package document (rootfile)")?;
    let opf = text_of(&book.entry(&opf_path)?);
    let package = Package::parse(&opf);
    let base = opf_path.rfind('/').map_or("", |i| &opf_path[..=i]);

    let mut warnings = Vec::new();
    let mut text = String::new();
    for idref in &package.spine {
        let Some((href, media)) = package.manifest.get(idref) else {
            warnings.push(format!(
                "the spine names `{idref}`, which the manifest lacks"
            ));
            continue;
        };
        let path = resolve(base, href);
        let html_name = [".xhtml", ".html", ".htm"]
            .iter()
            .any(|ext| path.to_ascii_lowercase().ends_with(ext));
        let readable = match media.as_str() {
            "application/xhtml+xml" | "text/html" => true,
            // Some books leave the media type out.
            "" => html_name,
            _ => false,
        };
        if !readable {
            continue;
        }
        let bytes = match book.entry(&path) {
            Ok(b) => b,
            Err(e) if e.starts_with("missing") => {
                warnings.push(e);
                continue;
            }
            Err(e) => return Err(e),
        };
        let (page, more) = html::decode(&bytes).map_err(|e| format!("{path}: {e}"))?;
        warnings.extend(more.into_iter().map(|w| format!("{path}: {w}")));
        let chapter = html::convert(&page, Scope::Chapter);
        warnings.extend(chapter.warnings.into_iter().map(|w| format!("{path}: {w}")));
        let body = chapter.text.trim();
        if body.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        // Each chapter opens with a heading, so the reader can tell where
        // one ends: its own, else its document title.
        if !body.starts_with('#') {
            if let Some(title) = chapter.title.filter(|t| Some(t) != package.title.as_ref()) {
                text.push_str("# ");
                text.push_str(&title);
                text.push_str("\n\n");
            }
        }
        text.push_str(body);
    }
    if text.trim().is_empty() {
        return Err("the book holds no readable chapters".to_string());
    }
    text.push('\n');
    Ok(Extracted {
        text,
        title: package.title,
        warnings,
        source_fingerprint: None,
        links: Vec::new(),
    })
}

/// The archive and how much of the decompression budget is left.
struct Book<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    left: u64,
}

impl<'a> Book<'a> {
    fn open(bytes: &'a [u8]) -> Result<Book<'a>, String> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| format!("not an EPUB book (cannot read it as a zip archive: {e})"))?;
        if archive.len() > MAX_ENTRIES {
            return Err(format!(
                "the book's archive has {} entries, over the limit of {MAX_ENTRIES}",
                archive.len()
            ));
        }
        Ok(Book {
            archive,
            left: MAX_TOTAL_BYTES,
        })
    }

    fn entry_if_there(&mut self, name: &str) -> Result<Option<Vec<u8>>, String> {
        if self.archive.index_for_name(name).is_none() {
            return Ok(None);
        }
        self.entry(name).map(Some)
    }

    /// An entry's bytes, read through the limits: what counts is what it
    /// decompresses to, not what its header claims.
    fn entry(&mut self, name: &str) -> Result<Vec<u8>, String> {
        let limit = MAX_ENTRY_BYTES.min(self.left);
        let file = match self.archive.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => {
                return Err(format!("missing entry {name} in the book's archive"))
            }
            Err(e) => return Err(format!("cannot read {name} in the book's archive: {e}")),
        };
        let mut bytes = Vec::new();
        file.take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read {name} in the book's archive: {e}"))?;
        if bytes.len() as u64 > limit {
            return Err(if limit == MAX_ENTRY_BYTES {
                format!(
                    "{name} decompresses to more than {} MB, over the limit for one entry (a zip bomb?)",
                    MAX_ENTRY_BYTES / (1024 * 1024)
                )
            } else {
                format!(
                    "the book decompresses to more than {} MB, over the limit (a zip bomb?)",
                    MAX_TOTAL_BYTES / (1024 * 1024)
                )
            });
        }
        self.left -= bytes.len() as u64;
        Ok(bytes)
    }
}

/// An XML document's text, as its declaration or byte-order mark says.
fn text_of(bytes: &[u8]) -> String {
    match html::decode(bytes) {
        Ok((text, _)) => text.into_owned(),
        Err(_) => String::new(),
    }
}

/// A start tag of an XML document: its lower-case name, attributes and the
/// text up to the next tag.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

struct Elements(RefCell<Vec<Element>>);

impl TokenSink for Elements {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut all = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => all.push(Element {
                name: tag.name.to_string(),
                attrs: tag
                    .attrs
                    .iter()
                    .map(|a| (a.name.local.to_string(), a.value.to_string()))
                    .collect(),
                text: String::new(),
            }),
            Token::CharacterTokens(t) => {
                if let Some(last) = all.last_mut() {
                    last.text.push_str(&t);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The start tags of an XML document, in order. The HTML tokenizer reads
/// the plain XML of a package document well: names come out lower-case,
/// entities decoded.
fn elements(xml: &str) -> Vec<Element> {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(xml));
    let tokenizer = Tokenizer::new(Elements(RefCell::new(Vec::new())), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.into_inner()
}

/// What the package document (OPF) says.
#[derive(Debug, Default)]
struct Package {
    title: Option<String>,
    /// Manifest id → (href, media type).
    manifest: HashMap<String, (String, String)>,
    /// Manifest ids in reading order.
    spine: Vec<String>,
}

impl Package {
    fn parse(opf: &str) -> Package {
        let mut package = Package::default();
        for e in elements(opf) {
            match e.name.as_str() {
                "dc:title" | "title" if package.title.is_none() => {
                    let title = e.text.split_whitespace().collect::<Vec<_>>().join(" ");
                    package.title = Some(title).filter(|t| !t.is_empty());
                }
                "item" => {
                    if let (Some(id), Some(href)) = (e.attr("id"), e.attr("href")) {
                        let media = e.attr("media-type").unwrap_or("").to_ascii_lowercase();
                        package
                            .manifest
                            .insert(id.to_string(), (href.to_string(), media));
                    }
                }
                "itemref" => {
                    if let Some(id) = e.attr("idref") {
                        package.spine.push(id.to_string());
                    }
                }
                _ => {}
            }
        }
        package
    }
}

/// The archive path of `href` (a URL relative to the package document in
/// folder `base`): fragment dropped, percent-escapes decoded, `.` and `..`
/// resolved.
fn resolve(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or("");
    let joined = if href.starts_with('/') {
        href.trim_start_matches('/').to_string()
    } else {
        format!("{base}{href}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    percent_decode(&parts.join("/"))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spine_entries_without_a_media_type_are_read_by_their_name() {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let files: [(&str, &str); 4] = [
            (
                "META-INF/container.xml",
                r#"<container><rootfiles><rootfile full-path="book.opf"/></rootfiles></container>"#,
            ),
            (
                "book.opf",
                r#"<package><metadata><dc:title>T</dc:title></metadata><manifest>
                   <item id="c" href="c.xhtml"/><item id="s" href="s.css"/></manifest>
                   <spine><itemref idref="s"/><itemref idref="c"/><itemref idref="gone"/></spine></package>"#,
            ),
            ("c.xhtml", "<html><body><p>Chapter text.</p></body></html>"),
            ("s.css", "p { color: red }"),
        ];
        for (name, text) in files {
            zip.start_file(name, options).expect("zip entry");
            zip.write_all(text.as_bytes()).expect("zip write");
        }
        let bytes = zip.finish().expect("zip").into_inner();
        let book = extract(&bytes).expect("reads");
        assert_eq!(book.text, "Chapter text.\n");
        assert_eq!(book.title.as_deref(), Some("T"));
        assert_eq!(
            book.warnings,
            ["the spine names `gone`, which the manifest lacks"]
        );
    }

    #[test]
    fn hrefs_resolve_against_the_package_folder() {
        assert_eq!(
            resolve("OEBPS/", "text/ch%201.xhtml#top"),
            "OEBPS/text/ch 1.xhtml"
        );
        assert_eq!(resolve("OEBPS/", "../ch.xhtml"), "ch.xhtml");
        assert_eq!(resolve("", "./a/./b.xhtml"), "a/b.xhtml");
        assert_eq!(resolve("x/", "100%"), "x/100%");
    }
}
