//! The file formats the library reads, and how each becomes the text the
//! reader shows.
//!
//! Plain text and Markdown are shown as written, so every offset points
//! into the file on disk. A PDF's text is rebuilt from its pages, so its
//! offsets point into that text.

use std::path::Path;

/// How a file is read, chosen by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, and any file named directly whose extension is not
    /// known.
    Text,
    /// `.md` and `.markdown`.
    Markdown,
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
            "pdf" => Format::Pdf,
            _ => Format::Text,
        }
    }

    /// The name shown to the user.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "Markdown",
            Format::Pdf => "PDF",
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
}

/// Turns a file's bytes into text, or says why it cannot be read.
pub fn extract(format: Format, bytes: &[u8]) -> Result<Extracted, String> {
    match format {
        Format::Text | Format::Markdown => super::decode(bytes).map(|(text, warnings)| Extracted {
            text,
            title: None,
            warnings,
        }),
        Format::Pdf => super::pdf::extract(bytes),
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
    }
}
