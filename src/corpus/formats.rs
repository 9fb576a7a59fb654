//! The file formats the library reads, and how each becomes the text the
//! reader shows.
//!
//! Plain text and Markdown are shown as written, so every offset points
//! into the file on disk. Converted formats (web pages, EPUB books, PDF
//! documents) are shown as the text their conversion makes, and offsets
//! point into that text; `briefing dump --text` prints it.

use std::path::Path;

/// The extensions read from folders unless the config says otherwise: one
/// or more for each format.
pub const DEFAULT_EXTENSIONS: [&str; 7] = ["txt", "md", "markdown", "html", "htm", "epub", "pdf"];

/// How a file is read, chosen by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, and any file named directly whose extension is not
    /// known.
    Text,
    /// `.md` and `.markdown`.
    Markdown,
    /// `.html`, `.htm` and `.xhtml`: a saved web page, read for its article.
    Html,
    /// `.epub`: a book, its chapters in reading order.
    Epub,
    /// `.pdf`: the text layer, in reading order (see [`super::pdf`]).
    Pdf,
}

impl Format {
    /// The format of `path`, by its extension, case-insensitively.
    pub fn of(path: &Path) -> Format {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "epub" => Format::Epub,
            "pdf" => Format::Pdf,
            _ => Format::Text,
        }
    }

    /// The name shown to the user.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
            Format::Epub => "EPUB",
            Format::Pdf => "PDF",
        }
    }

    /// The version of this format's conversion to text, for formats that
    /// are converted; `None` for those shown as written.
    pub fn extraction_version(self) -> Option<u32> {
        match self {
            Format::Text | Format::Markdown => None,
            Format::Html => Some(super::html::EXTRACTION_VERSION),
            Format::Epub => Some(super::epub::EXTRACTION_VERSION),
            Format::Pdf => Some(super::pdf::EXTRACTION_VERSION),
        }
    }
}

/// A file's text as the reader shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    pub text: String,
    /// The title the file names for itself, if its format has one.
    pub title: Option<String>,
    /// Anything the reader should know about how the text was read.
    pub warnings: Vec<String>,
    /// For a converted format, the fingerprint of the file's bytes.
    pub source_fingerprint: Option<String>,
    /// Links a converted format keeps: each link's text in `text`, with its
    /// address (untrusted).
    pub links: Vec<(crate::text::Span, String)>,
}

/// Turns a file's bytes into text, or says why it cannot be read.
pub fn extract(format: Format, bytes: &[u8]) -> Result<Extracted, String> {
    match format {
        Format::Text | Format::Markdown => super::decode(bytes).map(|(text, warnings)| Extracted {
            text,
            title: None,
            warnings,
            source_fingerprint: None,
            links: Vec::new(),
        }),
        Format::Html | Format::Epub | Format::Pdf => {
            let converted = match format {
                Format::Html => super::html::extract(bytes),
                Format::Epub => super::epub::extract(bytes),
                _ => super::pdf::extract(bytes),
            };
            converted.map(|e| Extracted {
                source_fingerprint: Some(format!("{:016x}", crate::text::fnv::hash(bytes))),
                ..e
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_picks_the_format_whatever_its_case() {
        assert_eq!(Format::of(Path::new("a/b.MD")), Format::Markdown);
        assert_eq!(Format::of(Path::new("b.markdown")), Format::Markdown);
        assert_eq!(Format::of(Path::new("b.txt")), Format::Text);
        assert_eq!(Format::of(Path::new("Brief.PDF")), Format::Pdf);
        assert_eq!(Format::of(Path::new("README")), Format::Text);
        assert_eq!(Format::of(Path::new("page.HTM")), Format::Html);
        assert_eq!(Format::of(Path::new("page.xhtml")), Format::Html);
        assert_eq!(Format::of(Path::new("book.epub")), Format::Epub);
    }
}
