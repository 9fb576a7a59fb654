//! PDF files in the library: what the reader shows of them, and how files
//! it cannot read are skipped.

use std::fs;
use std::path::{Path, PathBuf};

use briefing::analysis::{Analysis, Settings};
use briefing::corpus::{self, Article, Corpus, LoadOptions, Severity, TitleFrom};
use briefing::text::segment::BlockKind;
use tempfile::TempDir;

use crate::pdf_fixtures::{self as fx, BRIEF_HEADER, BRIEF_HEADING, BRIEF_PARAGRAPHS};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p
}

fn load_dir(dir: &Path) -> Corpus {
    corpus::load(&[dir.to_path_buf()], &LoadOptions::default()).unwrap()
}

/// The one article loaded from `bytes` saved as `name`, and the problems.
fn load_one(name: &str, bytes: &[u8]) -> (Option<Article>, Vec<String>) {
    let dir = TempDir::new().unwrap();
    write(dir.path(), name, bytes);
    let c = load_dir(dir.path());
    let problems = c.problems.iter().map(ToString::to_string).collect();
    (c.articles.into_iter().next(), problems)
}

fn skipped_because(name: &str, bytes: &[u8]) -> String {
    let dir = TempDir::new().unwrap();
    write(dir.path(), name, bytes);
    let c = load_dir(dir.path());
    assert!(c.articles.is_empty(), "{name} was loaded");
    assert_eq!(c.problems.len(), 1, "{:?}", c.problems);
    assert_eq!(c.problems[0].severity, Severity::Skipped);
    let shown = c.problems[0].to_string();
    assert!(shown.contains(name), "the message names the file: {shown}");
    shown
}

#[test]
fn the_fixture_brief_breaks_words_at_line_ends() {
    // What the reading tests below undo: without hyphen breaks they would
    // prove nothing about joining them.
    let broken: Vec<String> = BRIEF_PARAGRAPHS
        .iter()
        .flat_map(|p| fx::wrap(p, fx::BRIEF_COLUMN - 2))
        .filter(|l| l.ends_with('-'))
        .collect();
    assert!(broken.len() >= 3, "{broken:?}");
}

#[test]
fn a_two_column_brief_reads_column_by_column_as_whole_paragraphs() {
    let (article, problems) = load_one("brief.pdf", &fx::two_column_brief());
    let a = article.expect("the brief loads");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(a.format, corpus::Format::Pdf);
    assert_eq!(a.title, "Baltic Energy: Storage and Security");
    assert_eq!(a.title_from, TitleFrom::Document);

    let blocks: Vec<(&BlockKind, &str)> = a
        .blocks
        .iter()
        .map(|b| (&b.kind, b.content.of(&a.text)))
        .collect();
    assert!(
        matches!(blocks[0].0, BlockKind::Heading { .. }),
        "{:?}",
        blocks[0]
    );
    assert_eq!(blocks[0].1, BRIEF_HEADING);
    let paragraphs: Vec<&str> = blocks[1..].iter().map(|(_, t)| *t).collect();
    // In order, each whole: the columns are not interleaved, paragraphs go
    // on across columns and pages, and the hyphen breaks are joined (the
    // paragraphs have no hyphen of their own).
    assert_eq!(paragraphs, BRIEF_PARAGRAPHS);
    for b in &a.blocks[1..] {
        assert_eq!(b.kind, BlockKind::Paragraph);
        assert_eq!(b.span.of(&a.text), b.content.of(&a.text));
    }
    assert!(!a.text.contains(BRIEF_HEADER), "{}", a.text);
    assert!(!a.text.contains("Page "), "{}", a.text);
    assert!(!a.text.contains('-'), "{}", a.text);
}

#[test]
fn the_document_title_is_used_unless_a_converter_wrote_a_file_name() {
    let paragraphs = vec![
        "# Water Treaties in Central Asia".to_string(),
        "Upstream dams change the seasons of the rivers below them.".to_string(),
    ];
    let (kept, _) = load_one(
        "kept.pdf",
        &fx::single_column(&paragraphs, Some("Rivers and Rules")),
    );
    let kept = kept.unwrap();
    assert_eq!(kept.title, "Rivers and Rules");
    assert_eq!(kept.title_from, TitleFrom::Document);

    let (junk, _) = load_one(
        "junk.pdf",
        &fx::single_column(&paragraphs, Some("Microsoft Word - draft2.docx")),
    );
    let junk = junk.unwrap();
    assert_ne!(junk.title_from, TitleFrom::Document);
    assert!(!junk.title.contains("Microsoft"), "{}", junk.title);
}

#[test]
fn a_scanned_pdf_is_skipped_with_a_message_about_ocr() {
    let shown = skipped_because("scan.pdf", &fx::scanned());
    assert!(
        shown.contains(briefing::corpus::pdf::NO_TEXT_LAYER),
        "{shown}"
    );
}

#[test]
fn a_truncated_pdf_is_skipped_with_a_message_and_nothing_panics() {
    let whole = fx::two_column_brief();
    let shown = skipped_because("cut.pdf", &whole[..whole.len() / 2]);
    assert!(shown.contains("could not read this PDF"), "{shown}");
}

#[test]
fn files_that_are_not_pdf_inside_are_skipped_with_a_message() {
    let shown = skipped_because("fake.pdf", b"%PDF-1.4\nthis is not a PDF at all\n");
    assert!(shown.contains("could not read this PDF"), "{shown}");
    let shown = skipped_because("empty.pdf", b"");
    assert!(shown.contains("could not read this PDF"), "{shown}");
}

#[test]
fn deep_nesting_is_refused_before_the_parser_recurses() {
    let mut bytes = b"%PDF-1.4\n1 0 obj\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'[', 200_000));
    bytes.extend(b"\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    let shown = skipped_because("deep.pdf", &bytes);
    assert!(shown.contains("nests too deeply"), "{shown}");
}

#[test]
fn a_drawing_that_calls_itself_is_refused() {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::load_mem(&fx::two_column_brief()).unwrap();
    let form_id = doc.new_object_id();
    // A form whose resources name itself, drawn by the first page.
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 10.into(), 10.into()],
            "Resources" => dictionary! { "XObject" => dictionary! { "Loop" => form_id } },
        },
        b"/Loop Do".to_vec(),
    );
    doc.objects.insert(form_id, Object::Stream(form));
    let first = *doc.get_pages().get(&1).unwrap();
    doc.add_page_contents(first, b"/Loop Do".to_vec()).unwrap();
    doc.get_dictionary_mut(first).unwrap().set(
        "Resources",
        dictionary! {
            "XObject" => dictionary! { "Loop" => form_id },
        },
    );
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let shown = skipped_because("loop.pdf", &bytes);
    assert!(shown.contains("call one another"), "{shown}");
}

#[test]
fn a_folder_of_text_and_pdf_links_across_formats() {
    // The seed library, with one seed made a PDF.
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let dir = TempDir::new().unwrap();
    for entry in fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(&path).unwrap();
        if name.starts_with("004") {
            let paragraphs: Vec<String> = text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string)
                .collect();
            write(
                dir.path(),
                "004_tokyo.pdf",
                &fx::single_column(&paragraphs, None),
            );
        } else {
            write(dir.path(), &name, text.as_bytes());
        }
    }
    let c = load_dir(dir.path());
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    let arts = c.articles;
    let find = |prefix: &str| {
        arts.iter()
            .position(|a| a.display_path.starts_with(prefix))
            .unwrap()
    };
    let (a0, a4) = (find("000"), find("004"));
    assert_eq!(arts[a4].format, corpus::Format::Pdf);
    assert_eq!(arts[a0].format, corpus::Format::Text);
    let analysis = Analysis::compute(&arts, &Settings::default());
    let block = arts[a0]
        .blocks
        .iter()
        .position(|b| {
            b.content
                .of(&arts[a0].text)
                .contains("liaison office in Tokyo")
        })
        .unwrap();
    let links = analysis.links_for(a0, block);
    let to_pdf = links
        .iter()
        .find(|l| l.article == a4)
        .unwrap_or_else(|| panic!("no link to the PDF: {links:?}"));
    let target = &arts[a4];
    let passage = target.blocks[to_pdf.block].span.of(&target.text);
    assert!(passage.contains("Tokyo"), "{passage}");
    assert!(to_pdf
        .highlights
        .iter()
        .any(|s| s.of(&target.text).to_lowercase().contains("tokyo")));
}

#[test]
fn a_pdf_that_opens_without_a_password_is_read_and_one_that_needs_one_is_skipped() {
    let paragraphs = vec!["Sanctions enforcement depends on shipping registries.".to_string()];
    let plain = fx::single_column(&paragraphs, Some("Shadow Fleets"));
    let (open, problems) = load_one("open.pdf", &fx::encrypted(&plain, ""));
    let open = open.expect("a PDF with an empty user password is read");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(open.title, "Shadow Fleets");
    assert!(open.text.contains("shipping registries"), "{}", open.text);

    let shown = skipped_because("locked.pdf", &fx::encrypted(&plain, "secret"));
    assert!(shown.contains("encrypted PDF"), "{shown}");
    assert!(shown.contains("password"), "{shown}");
}

#[test]
fn scanned_pages_among_text_pages_are_left_out_with_a_warning() {
    let spec = fx::Spec {
        pages: vec![
            vec![fx::text(
                72.0,
                300.0,
                10.0,
                "The text layer of the first page.",
            )],
            Vec::new(),
        ],
        title: None,
        image_pages: vec![1],
    };
    let (article, problems) = load_one("mixed.pdf", &fx::build(&spec));
    let a = article.expect("the page with text is read");
    assert_eq!(a.text, "The text layer of the first page.");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("mixed.pdf") && problems[0].contains("page 2 without a text layer"),
        "{problems:?}"
    );
}

/// The brief with the page size taken off every page but `keep`: the
/// interpreter panics on a page without one.
fn brief_without_page_size(keep: &[u32]) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(&fx::two_column_brief()).unwrap();
    let pages = doc.get_pages();
    let parent = doc
        .get_dictionary(pages[&1])
        .unwrap()
        .get(b"Parent")
        .unwrap()
        .as_reference()
        .unwrap();
    doc.get_dictionary_mut(parent).unwrap().remove(b"MediaBox");
    for n in keep {
        let size: Vec<lopdf::Object> = vec![0.into(), 0.into(), 612.into(), 792.into()];
        doc.get_dictionary_mut(pages[n])
            .unwrap()
            .set("MediaBox", size);
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_page_the_interpreter_panics_on_is_left_out_with_a_warning() {
    let (article, problems) = load_one("partly.pdf", &brief_without_page_size(&[1, 3]));
    let a = article.expect("pages 1 and 3 are read");
    assert!(
        a.text.starts_with("# Gas Storage and Grid Security"),
        "{}",
        a.text
    );
    assert!(a.text.contains("taken nationally."), "{}", a.text);
    assert!(!a.text.contains("Financing remains"), "{}", a.text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("could not read page 2"),
        "{problems:?}"
    );
}

#[test]
fn a_pdf_the_interpreter_panics_on_throughout_is_skipped() {
    let shown = skipped_because("broken.pdf", &brief_without_page_size(&[]));
    assert!(shown.contains("no page of it could be read"), "{shown}");
}
