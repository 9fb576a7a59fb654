//! Web pages and EPUB books as the reader shows them: the title, the
//! blocks, what is left out, where offsets point, and the limits that keep
//! hostile files from hanging or exhausting the loader. Pages are fixtures
//! under `tests/fixtures/html/`; books are built here.

use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use briefing::analysis::{Analysis, Settings};
use briefing::corpus::{self, Article, Corpus, Format, LoadOptions, Severity, TitleFrom};
use briefing::text::segment::BlockKind;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html")
        .join(name)
}

fn load(paths: &[PathBuf]) -> Corpus {
    corpus::load(paths, &LoadOptions::default()).unwrap()
}

fn only(corpus: &Corpus) -> &Article {
    assert_eq!(corpus.articles.len(), 1, "{:?}", corpus.problems);
    &corpus.articles[0]
}

/// Each block as (kind, content text, boilerplate).
fn blocks(a: &Article) -> Vec<(String, String, bool)> {
    a.blocks
        .iter()
        .map(|b| {
            let kind = match &b.kind {
                BlockKind::Heading { level } => format!("h{level}"),
                BlockKind::Paragraph => "p".into(),
                BlockKind::ListItem { .. } => "li".into(),
                BlockKind::Quote => "quote".into(),
                BlockKind::Caption => "caption".into(),
                BlockKind::Code => "code".into(),
                BlockKind::Rule => "rule".into(),
                BlockKind::Table { rows, header } => {
                    format!("table {}x{} header={header}", rows.len(), rows[0].len())
                }
            };
            (kind, b.content.of(&a.text).to_string(), b.boilerplate)
        })
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn a_news_page_shows_its_article_without_the_page_around_it() {
    let c = load(&[fixture("news-page.html")]);
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    let a = only(&c);
    assert_eq!(a.format, Format::Html);
    assert_eq!(a.title, "Baltic states cut their grid loose from Russia");
    assert_eq!(a.title_from, TitleFrom::Document);
    let got = blocks(a);
    let expected: Vec<(&str, &str, bool)> = vec![
        ("h1", "Baltic states cut their grid loose from Russia", false),
        ("p", "Estonia, Latvia and Lithuania disconnected their electricity grids from the Russian-controlled BRELL ring on Saturday, ending a dependence that dated back to the Soviet era.", false),
        ("p", "The three states synchronised with the continental European grid through Poland a day later. Officials said the switch went without “a single outage”, despite fears of sabotage on the undersea cables linking the region to Finland & Sweden.", false),
        ("h2", "Why the switch mattered", false),
        ("p", "For three decades Moscow controlled the frequency of the Baltic grid. Analysts had warned that this gave the Kremlin a lever over the region's energy security.", false),
        ("li", "Frequency control moves from Moscow to the continental European network.", false),
        ("li", "Cable sabotage in the Baltic Sea remains the largest risk.", false),
        ("quote", "We are finally masters of our own grid.", false),
        ("table 3x2 header=true", "| Country | Share of imports from Russia, 2014 |\n|---|---|\n| Lithuania | 24% |\n| Latvia | 17% |", false),
        ("p", "The European Commission paid for much of the synchronisation, which cost about €1.6 billion.", false),
    ];
    let got_ref: Vec<(&str, &str, bool)> = got
        .iter()
        .map(|(k, t, b)| (k.as_str(), t.as_str(), *b))
        .collect();
    assert_eq!(got_ref, expected);
    // The page around the article: navigation, the cookie banner, the
    // byline, share buttons, related links, comments, the search form, the
    // footer and scripts are nowhere in the text.
    for gone in [
        "Marta Kalnina",
        "Skip to content",
        "cookies",
        "Accept all",
        "World",
        "Search",
        "Share on",
        "Email this story",
        "Related stories",
        "anchor",
        "Comments",
        "long overdue",
        "Leave a comment",
        "rights reserved",
        "Privacy",
        "dataLayer",
        "font-family",
        "The Northern Ledger",
    ] {
        assert!(!a.text.contains(gone), "{gone:?} in {:?}", a.text);
    }
    // Offsets are byte offsets into this text.
    let heading = &a.blocks[3];
    assert_eq!(
        &a.text[heading.span.start..heading.span.end],
        "## Why the switch mattered"
    );
    assert_eq!(
        &a.text[heading.content.start..heading.content.end],
        "Why the switch mattered"
    );
    let quote = &a.blocks[7];
    assert_eq!(
        &a.text[quote.span.start..quote.span.end],
        "> We are finally masters of our own grid."
    );
    // No conversion adds a control character.
    assert!(!a.text.chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn the_page_title_loses_its_site_name_and_a_latin1_page_is_decoded() {
    let c = load(&[fixture("briefing-divs.html"), fixture("latin1.html")]);
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    let divs = &c.articles[0];
    // No og:title: <title> without " - Institute for Regional Studies".
    assert_eq!(divs.title, "Sahel security outlook");
    // No <article> or <main>: the element whose paragraphs hold the text.
    let got = blocks(divs);
    assert_eq!(got[0].0, "h1");
    assert_eq!(got.len(), 5, "{got:?}");
    assert!(got[1..].iter().all(|(k, _, b)| k == "p" && !b), "{got:?}");
    for gone in [
        "Home",
        "Research",
        "Publications",
        "Podcasts",
        "rights reserved",
    ] {
        assert!(!divs.text.contains(gone), "{gone:?} in {:?}", divs.text);
    }
    let latin1 = &c.articles[1];
    assert_eq!(latin1.title, "Café talks");
    assert_eq!(
        latin1.text,
        "Ministers met in a café in Liège to discuss the naïve plan.\n"
    );
}

#[test]
fn boilerplate_of_a_page_never_becomes_a_passage_or_key_point() {
    let c = load(&[fixture("news-page.html"), fixture("briefing-divs.html")]);
    let analysis = Analysis::compute(&c.articles, &Settings::default());
    for (i, a) in c.articles.iter().enumerate() {
        for kp in analysis.key_points(i) {
            let text = kp.span.of(&a.text);
            assert!(!text.contains("Marta Kalnina"), "{text}");
            assert!(!text.to_lowercase().contains("cookie"), "{text}");
        }
        for (b, block) in a.blocks.iter().enumerate() {
            if block.boilerplate {
                assert!(analysis.links_for(i, b).is_empty());
            }
        }
    }
}

#[test]
fn malformed_html_still_yields_its_text() {
    let dir = TempDir::new().unwrap();
    let page = write(
        dir.path(),
        "broken.html",
        b"<html><title>Broken <b>page</title><p>First <b>bold <i>both</b> italic</i> para.\
          <p>Second para &amp; &bogus; &#x1F30D; &#0; <<<>>>. </span></div>\
          <ul><li>one<li>two</ul><table><tr><td>a<td>b<tr><td>c</table>\
          <div><p>Unclosed at the end.",
    );
    let c = load(&[page]);
    let a = only(&c);
    assert_eq!(a.title, "Broken <b>page");
    assert_eq!(
        a.text,
        "First bold both italic para.\n\n\
         Second para & &bogus; 🌍 \u{fffd} <<<>>>.\n\n\
         - one\n- two\n\n\
         | a | b |\n| c | |\n\n\
         Unclosed at the end.\n"
    );
    let kinds: Vec<String> = blocks(a).into_iter().map(|b| b.0).collect();
    assert_eq!(kinds, ["p", "p", "li", "li", "table 2x2 header=false", "p"]);
}

#[test]
fn deeply_nested_html_is_flattened_with_a_warning_not_a_crash() {
    let dir = TempDir::new().unwrap();
    let depth = 100_000;
    let mut page = String::from("<html><head><title>Deep</title></head><body>");
    for _ in 0..depth {
        page.push_str("<div>");
    }
    page.push_str("<p>The text at the bottom of the page.</p>");
    for _ in 0..depth {
        page.push_str("</div>");
    }
    page.push_str("<p>And after it.</p></body></html>");
    let path = write(dir.path(), "deep.html", page.as_bytes());
    let c = load(&[path]);
    let a = only(&c);
    assert_eq!(
        a.text,
        "The text at the bottom of the page.\n\nAnd after it.\n"
    );
    assert_eq!(c.problems.len(), 1, "{:?}", c.problems);
    assert_eq!(c.problems[0].severity, Severity::Warning);
    let shown = c.problems[0].to_string();
    assert!(
        shown.contains("deep.html") && shown.contains("flattened"),
        "{shown}"
    );
    // Unclosed, the same nesting reads as well.
    let unclosed = "<div>".repeat(depth) + "Still read.";
    let path = write(dir.path(), "unclosed.html", unclosed.as_bytes());
    assert_eq!(only(&load(&[path])).text, "Still read.\n");
}

/// An EPUB book: `chapters` are (file name, XHTML) in manifest order;
/// `spine` names them by index in reading order.
fn epub(
    title: &str,
    chapters: &[(&str, String)],
    spine: &[usize],
    extra: &[(&str, &[u8])],
) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/epub+zip").unwrap();
    zip.start_file("META-INF/container.xml", deflated).unwrap();
    zip.write_all(
        br#"<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"#,
    )
    .unwrap();
    let mut manifest = String::new();
    for (i, (name, _)) in chapters.iter().enumerate() {
        manifest.push_str(&format!(
            r#"<item id="c{i}" href="text/{name}" media-type="application/xhtml+xml"/>"#
        ));
    }
    manifest.push_str(r#"<item id="css" href="style.css" media-type="text/css"/>"#);
    let itemrefs: String = spine
        .iter()
        .map(|i| format!(r#"<itemref idref="c{i}"/>"#))
        .collect();
    let opf = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:0000</dc:identifier>
    <dc:title>{title}</dc:title>
    <dc:language>en</dc:language>
  </metadata>
  <manifest>{manifest}</manifest>
  <spine>{itemrefs}</spine>
</package>"#
    );
    zip.start_file("OEBPS/content.opf", deflated).unwrap();
    zip.write_all(opf.as_bytes()).unwrap();
    zip.start_file("OEBPS/style.css", deflated).unwrap();
    zip.write_all(b"p { margin: 0 }").unwrap();
    for (name, body) in chapters {
        zip.start_file(format!("OEBPS/text/{name}"), deflated)
            .unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    for (name, bytes) in extra {
        zip.start_file(*name, deflated).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn xhtml(title: &str, body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>{title}</title><link rel="stylesheet" href="../style.css"/></head>
<body>{body}</body>
</html>"#
    )
}

fn three_chapters() -> Vec<u8> {
    epub(
        "The Arctic &amp; the Alliance",
        &[
            (
                "ch2.xhtml",
                xhtml(
                    "Shipping",
                    "<section><h1>Chapter 2: Shipping</h1><p>The northern sea route opens for longer each summer.</p>\
                     <aside class=\"sidebar\"><p>Ice cover fell by a third since 1980.</p></aside></section>",
                ),
            ),
            (
                "ch1.xhtml",
                xhtml(
                    "Bases",
                    "<h1>Chapter 1: Bases</h1><p>Russia has reopened fifty Soviet-era bases.</p>\
                     <ul><li>Nagurskoye</li><li>Kotelny</li></ul>",
                ),
            ),
            (
                "ch3.xhtml",
                xhtml(
                    "Cables",
                    "<p class=\"first\">Undersea cables cross the Arctic shelf.</p><p>Norway patrols them.</p>",
                ),
            ),
        ],
        &[1, 0, 2],
        &[],
    )
}

#[test]
fn an_epub_reads_its_chapters_in_spine_order_each_under_a_heading() {
    let dir = TempDir::new().unwrap();
    let book = write(dir.path(), "arctic.epub", &three_chapters());
    let c = load(&[book]);
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    let a = only(&c);
    assert_eq!(a.format, Format::Epub);
    assert_eq!(a.title, "The Arctic & the Alliance");
    assert_eq!(a.title_from, TitleFrom::Document);
    let got = blocks(a);
    let expected = [
        ("h1", "Chapter 1: Bases"),
        ("p", "Russia has reopened fifty Soviet-era bases."),
        ("li", "Nagurskoye"),
        ("li", "Kotelny"),
        ("h1", "Chapter 2: Shipping"),
        ("p", "The northern sea route opens for longer each summer."),
        // A book's asides are its text: nothing is dropped as furniture.
        ("p", "Ice cover fell by a third since 1980."),
        // A chapter without a heading of its own opens with its title.
        ("h1", "Cables"),
        ("p", "Undersea cables cross the Arctic shelf."),
        ("p", "Norway patrols them."),
    ];
    let got_ref: Vec<(&str, &str)> = got
        .iter()
        .map(|(k, t, _)| (k.as_str(), t.as_str()))
        .collect();
    assert_eq!(got_ref, expected);
    // Offsets point into the book's text as `dump --text` prints it.
    let ch3 = &a.blocks[7];
    assert_eq!(&a.text[ch3.span.start..ch3.span.end], "# Cables");
    assert!(a.text.ends_with("Norway patrols them.\n"));
    assert!(a.source_fingerprint.is_some());
    assert_eq!(a.extraction().as_deref(), Some("EPUB 1"));
}

#[test]
fn a_zip_bomb_epub_is_skipped_with_a_message_naming_it() {
    let dir = TempDir::new().unwrap();
    // 17 MB of one letter compresses to a few kilobytes.
    let huge = format!("<p>{}</p>", "a".repeat(17 * 1024 * 1024));
    let bomb = epub("Bomb", &[("big.xhtml", xhtml("Big", &huge))], &[0], &[]);
    assert!(bomb.len() < 200_000, "{}", bomb.len());
    write(dir.path(), "bomb.epub", &bomb);
    write(dir.path(), "fine.txt", b"A fine article. It loads.");
    let c = load(&[dir.path().to_path_buf()]);
    assert_eq!(c.articles.len(), 1);
    assert_eq!(c.problems.len(), 1, "{:?}", c.problems);
    let p = &c.problems[0];
    assert_eq!(p.severity, Severity::Skipped);
    let shown = p.to_string();
    assert!(shown.contains("bomb.epub"), "{shown}");
    assert!(shown.contains("zip bomb"), "{shown}");
}

#[test]
fn an_epub_with_drm_or_without_a_package_is_skipped_with_a_message() {
    let dir = TempDir::new().unwrap();
    let encryption: &[u8] = br#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
<enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
<enc:CipherData><enc:CipherReference URI="OEBPS/text/ch.xhtml"/></enc:CipherData></enc:EncryptedData></encryption>"#;
    let drm = epub(
        "Locked",
        &[("ch.xhtml", xhtml("Ch", "<p>Secret.</p>"))],
        &[0],
        &[("META-INF/encryption.xml", encryption)],
    );
    write(dir.path(), "locked.epub", &drm);
    // Fonts obfuscated the IDPF way are no DRM: the book reads.
    let fonts: &[u8] = br#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
<enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>
<enc:CipherData><enc:CipherReference URI="OEBPS/font.otf"/></enc:CipherData></enc:EncryptedData></encryption>"#;
    let open = epub(
        "Open",
        &[("ch.xhtml", xhtml("Ch", "<p>Open text.</p>"))],
        &[0],
        &[("META-INF/encryption.xml", fonts)],
    );
    write(dir.path(), "open.epub", &open);
    write(
        dir.path(),
        "notzip.epub",
        b"PK but not really a zip archive",
    );
    let c = load(&[dir.path().to_path_buf()]);
    assert_eq!(only(&c).text, "# Ch\n\nOpen text.\n");
    let mut shown: Vec<String> = c.problems.iter().map(|p| p.to_string()).collect();
    shown.sort();
    assert_eq!(shown.len(), 2, "{shown:?}");
    assert!(
        shown[0].contains("locked.epub: skipped: ") && shown[0].contains("DRM"),
        "{shown:?}"
    );
    assert!(
        shown[1].contains("notzip.epub: skipped: not an EPUB"),
        "{shown:?}"
    );
}

#[test]
fn a_format_is_switched_off_by_leaving_its_extensions_out() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", b"Plain text article.");
    write(dir.path(), "b.html", b"<p>A web page.</p>");
    write(dir.path(), "c.epub", &three_chapters());
    let opts = LoadOptions {
        extensions: vec!["txt".into(), "epub".into()],
        ..LoadOptions::default()
    };
    let c = corpus::load(&[dir.path().to_path_buf()], &opts).unwrap();
    let names: Vec<&str> = c.articles.iter().map(|a| a.display_path.as_str()).collect();
    assert_eq!(names, ["a.txt", "c.epub"]);
}

/// A seed briefing as a web page: its lines as paragraphs, list items and
/// headings, inside a page with navigation, a cookie banner and comments.
fn as_page(text: &str, title: &str) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut body = String::new();
    let mut in_list = false;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let item = line.strip_prefix("- ");
        if item.is_some() != in_list {
            body.push_str(if in_list { "</ul>\n" } else { "<ul>\n" });
            in_list = !in_list;
        }
        match item {
            Some(item) => body.push_str(&format!("<li>{}</li>\n", escape(item))),
            None => body.push_str(&format!("<p>\n  {}\n</p>\n", escape(line))),
        }
    }
    if in_list {
        body.push_str("</ul>\n");
    }
    format!(
        "<!doctype html><html><head><title>{title} | Policy Wire</title></head><body>\
         <div class=\"cookie-notice\"><p>We use cookies to measure Tokyo liaison office traffic.</p></div>\
         <nav><a href=\"/\">Home</a> <a href=\"/asia\">Asia</a> <a href=\"/nato\">NATO</a></nav>\
         <article>{body}</article>\
         <section class=\"comments\"><p>NATO liaison office in Tokyo? About time.</p></section>\
         </body></html>"
    )
}

#[test]
fn a_library_mixing_formats_links_passages_across_them() {
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let seed = |prefix: &str| {
        let entry = std::fs::read_dir(&seeds)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .unwrap();
        std::fs::read_to_string(entry).unwrap()
    };
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "000.html",
        as_page(&seed("000"), "Indivisible security").as_bytes(),
    );
    // 004 as a book of two chapters, split at a paragraph.
    let s4 = seed("004");
    let lines: Vec<&str> = s4.lines().collect();
    let half = lines.len() / 2;
    let chapter = |part: &[&str]| {
        let page = as_page(&part.join("\n"), "x");
        let start = page.find("<article>").unwrap() + "<article>".len();
        let end = page.find("</article>").unwrap();
        xhtml("Part", &page[start..end])
    };
    let book = epub(
        "Pakistan and NATO in Asia",
        &[
            ("one.xhtml", chapter(&lines[..half])),
            ("two.xhtml", chapter(&lines[half..])),
        ],
        &[0, 1],
        &[],
    );
    write(dir.path(), "004.epub", &book);
    write(dir.path(), "001.md", seed("001").as_bytes());
    write(dir.path(), "002.txt", seed("002").as_bytes());
    write(dir.path(), "003.txt", seed("003").as_bytes());
    let c = load(&[dir.path().to_path_buf()]);
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    let formats: Vec<(String, Format)> = c
        .articles
        .iter()
        .map(|a| (a.display_path.clone(), a.format))
        .collect();
    assert_eq!(
        formats,
        [
            ("000.html".to_string(), Format::Html),
            ("001.md".to_string(), Format::Markdown),
            ("002.txt".to_string(), Format::Text),
            ("003.txt".to_string(), Format::Text),
            ("004.epub".to_string(), Format::Epub),
        ]
    );
    let (page, book) = (0, 4);
    assert_eq!(c.articles[page].title, "Indivisible security");
    assert_eq!(c.articles[book].title, "Pakistan and NATO in Asia");
    let analysis = Analysis::compute(&c.articles, &Settings::default());
    let a = &c.articles[page];
    let block = a
        .blocks
        .iter()
        .position(|b| b.content.of(&a.text).contains("liaison office in Tokyo"))
        .unwrap();
    // The page's paragraph is one line, whatever the source's indentation.
    assert!(!a.blocks[block].content.of(&a.text).contains('\n'));
    let links = analysis.links_for(page, block);
    let to_book: Vec<_> = links.iter().filter(|l| l.article == book).collect();
    assert!(!to_book.is_empty(), "{links:?}");
    let target = &c.articles[book];
    let l = to_book[0];
    assert!(target.blocks[l.block].is_prose());
    assert!(
        l.span.of(&target.text).to_lowercase().contains("tokyo"),
        "{}",
        l.span.of(&target.text)
    );
    // And back, from the book to the page.
    let back = analysis.links_for(book, l.block);
    assert!(back.iter().any(|l| l.article == page), "{back:?}");
    // The cookie banner and the comments, which name the same topic, are
    // not in the page's text.
    assert!(!a.text.contains("cookies") && !a.text.contains("About time"));
}

#[test]
fn a_note_on_a_page_survives_a_release_that_converts_it_differently() {
    use briefing::notes::{
        self, find_article, locate, Anchor, ArticleRef, Key, Note, Placement, Store,
    };
    let dir = TempDir::new().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    let page = std::fs::read(fixture("news-page.html")).unwrap();
    write(&lib, "baltic.html", &page);
    write(
        &lib,
        "other.txt",
        b"An unrelated article about fisheries. It loads.",
    );
    let c = load(std::slice::from_ref(&lib));
    let a = &c.articles[0];
    let quote = "Moscow controlled the frequency of the Baltic grid";
    let start = a.text.find(quote).unwrap();
    let note = Note {
        id: notes::new_id(),
        text: "Leverage before 2025 #grid".into(),
        tags: vec!["grid".into()],
        created: notes::now(),
        updated: notes::now(),
        article: ArticleRef::of(a),
        anchor: Anchor::new(
            &a.text,
            briefing::text::Span::new(start, start + quote.len()),
        ),
    };
    let data = dir.path().join("data");
    let file = data.join("briefing/notes.toml");
    let (mut store, _) = Store::open(&file);
    store.save(std::slice::from_ref(&note)).unwrap();
    let saved = std::fs::read_to_string(&file).unwrap();
    let source = a.source_fingerprint.clone().unwrap();
    assert!(saved.contains(&format!("source = \"{source}\"")), "{saved}");
    assert!(saved.contains("extraction = \"HTML 1\""), "{saved}");

    // The notes file as an earlier release would have written it: another
    // conversion, so another text fingerprint and other offsets. The file
    // has moved too, so neither its path nor its text finds it.
    let old = saved
        .replace(&a.fingerprint, "00000000deadbeef")
        .replace("extraction = \"HTML 1\"", "extraction = \"HTML 0\"")
        .replace(
            &format!("start = {start}\n"),
            &format!("start = {}\n", start + 57),
        )
        .replace(
            &format!("end = {}\n", start + quote.len()),
            &format!("end = {}\n", start + 57 + quote.len()),
        );
    assert_ne!(old, saved);
    std::fs::write(&file, &old).unwrap();
    std::fs::create_dir_all(lib.join("archive")).unwrap();
    std::fs::rename(
        lib.join("baltic.html"),
        lib.join("archive/baltic-grid.html"),
    )
    .unwrap();

    let c = load(std::slice::from_ref(&lib));
    let (_, read) = Store::open(&file);
    assert_eq!(read.len(), 1);
    let keys: Vec<Key> = c.articles.iter().map(Key::of).collect();
    let found = find_article(&read[0], &keys).expect("found by the source file");
    assert_eq!(c.articles[found].display_path, "archive/baltic-grid.html");
    let text = &c.articles[found].text;
    match locate(&read[0].anchor, text) {
        Placement::Moved(span) => assert_eq!(span.of(text), quote),
        other => panic!("not placed again by its quote: {other:?}"),
    }
    // Without the source fingerprint the note would be lost.
    let mut bare = read[0].clone();
    bare.article.source = None;
    assert_eq!(find_article(&bare, &keys), None);

    // The export finds it too, under the page's title, with its quote.
    let out = crate::common::Home::with_data(&data)
        .briefing()
        .args(["--no-config", "notes", "export"])
        .arg(&lib)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("## Baltic states cut their grid loose from Russia"),
        "{md}"
    );
    assert!(md.contains(&format!("> {quote}")), "{md}");
}

#[test]
fn dump_text_prints_the_text_that_dump_json_offsets_point_into() {
    let home = crate::common::Home::new();
    let page = fixture("news-page.html");
    let run = |args: &[&str]| {
        let out = home
            .briefing()
            .arg("--no-config")
            .args(args)
            .arg(&page)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let text = String::from_utf8(run(&["dump", "--text"])).unwrap();
    let c = load(std::slice::from_ref(&page));
    assert_eq!(text, c.articles[0].text);
    let json: serde_json::Value = serde_json::from_slice(&run(&["dump", "--json"])).unwrap();
    let passages = json["articles"][0]["passages"].as_array().unwrap();
    assert!(passages.len() >= 5, "{json}");
    let shown: Vec<&str> = passages
        .iter()
        .map(|p| {
            let (s, e) = (p["start"].as_u64().unwrap(), p["end"].as_u64().unwrap());
            &text[s as usize..e as usize]
        })
        .collect();
    assert!(
        shown.contains(&"- Cable sabotage in the Baltic Sea remains the largest risk."),
        "{shown:?}"
    );
    assert!(
        shown.contains(&"> We are finally masters of our own grid."),
        "{shown:?}"
    );
    // Several files: each under its path, as `head` shows them.
    let out = home
        .briefing()
        .args(["--no-config", "dump", "--text"])
        .arg(&page)
        .arg(fixture("latin1.html"))
        .output()
        .unwrap();
    let both = String::from_utf8(out.stdout).unwrap();
    assert!(
        both.starts_with(&format!("==> {} <==\n# Baltic", page.display())),
        "{both}"
    );
    assert!(
        both.ends_with(&format!(
            "\n==> {} <==\nMinisters met in a café in Liège to discuss the naïve plan.\n",
            fixture("latin1.html").display()
        )),
        "{both}"
    );
}

#[test]
fn a_page_keeps_its_links_for_the_status_bar_and_the_link_list() {
    let dir = TempDir::new().expect("temp dir");
    let page = write(
        dir.path(),
        "links.html",
        br##"<html><head><title>Grid links</title></head><body><article>
<h1>Grid links</h1>
<p>The operator published <a href="https://example.org/grid/report?id=7">its  full
report</a> and a <a href="#notes">note</a> on the <a href="/data.csv">data</a> after the switch.</p>
<p>Nothing here links anywhere at all, as plain prose does.</p>
</article></body></html>"##,
    );
    let c = load(&[page]);
    let a = only(&c);
    let links: Vec<(&str, &str)> = a
        .markup
        .links
        .iter()
        .map(|l| (l.text.of(&a.text), l.url.as_str()))
        .collect();
    // An in-page anchor is no address to follow.
    assert_eq!(
        links,
        [
            ("its full report", "https://example.org/grid/report?id=7"),
            ("data", "/data.csv")
        ]
    );
    let mut app = crate::harness::app_on(c.clone(), 120, 30);
    app.update(briefing::app::action::Action::Open);
    crate::harness::focus(&mut app, briefing::app::Pane::Source);
    while !a.blocks[app.views()[0].cursor]
        .content
        .of(&a.text)
        .starts_with("The operator")
    {
        app.update(briefing::app::action::Action::NextParagraph);
    }
    let bar = crate::harness::status(&app);
    assert!(
        bar.contains("link 1/2 (u copies): https://example.org/grid/report?id=7"),
        "{bar}"
    );
}
