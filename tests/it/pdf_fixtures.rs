//! PDF documents made for the tests and the benchmarks: text drawn where
//! a test says, in Courier (every glyph 0.6 of the type size wide), so the
//! layout of every page is known exactly.

#![allow(dead_code)]

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};

pub const PAGE_WIDTH: f64 = 612.0;
pub const PAGE_HEIGHT: f64 = 792.0;

/// One string drawn at `x` points from the left and with its baseline `y`
/// points from the top of the page.
#[derive(Debug, Clone)]
pub struct Text {
    pub x: f64,
    pub y: f64,
    pub size: f64,
    pub text: String,
}

pub fn text(x: f64, y: f64, size: f64, s: &str) -> Text {
    Text {
        x,
        y,
        size,
        text: s.to_string(),
    }
}

/// What goes into a test document.
#[derive(Debug, Clone, Default)]
pub struct Spec {
    pub pages: Vec<Vec<Text>>,
    /// The document information's `Title`.
    pub title: Option<String>,
    /// Pages that hold a full-page image (and whatever text they have).
    pub image_pages: Vec<usize>,
}

/// The bytes of a PDF file made from `spec`.
pub fn build(spec: &Spec) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Courier",
        "Encoding" => "WinAnsiEncoding",
        "FirstChar" => 32,
        "LastChar" => 126,
        "Widths" => vec![Object::Integer(600); 95],
    });
    let image_id = (!spec.image_pages.is_empty()).then(|| {
        doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Image",
                "Width" => 8,
                "Height" => 8,
                "ColorSpace" => "DeviceGray",
                "BitsPerComponent" => 8,
            },
            (0..64u8).map(|i| i.wrapping_mul(37)).collect(),
        ))
    });
    let mut kids = Vec::new();
    for (n, items) in spec.pages.iter().enumerate() {
        let mut ops = Vec::new();
        if spec.image_pages.contains(&n) {
            ops.push(Operation::new("q", vec![]));
            ops.push(Operation::new(
                "cm",
                vec![
                    PAGE_WIDTH.into(),
                    0.into(),
                    0.into(),
                    PAGE_HEIGHT.into(),
                    0.into(),
                    0.into(),
                ],
            ));
            ops.push(Operation::new("Do", vec!["Im1".into()]));
            ops.push(Operation::new("Q", vec![]));
        }
        for t in items {
            ops.push(Operation::new("BT", vec![]));
            ops.push(Operation::new("Tf", vec!["F1".into(), t.size.into()]));
            ops.push(Operation::new(
                "Td",
                vec![t.x.into(), (PAGE_HEIGHT - t.y).into()],
            ));
            ops.push(Operation::new(
                "Tj",
                vec![Object::string_literal(t.text.as_bytes())],
            ));
            ops.push(Operation::new("ET", vec![]));
        }
        let content = Content { operations: ops };
        let content_id = doc.add_object(Stream::new(
            dictionary! {},
            content.encode().expect("content encodes"),
        ));
        kids.push(Object::Reference(doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
        })));
    }
    let count = kids.len() as i64;
    let mut resources = dictionary! { "Font" => dictionary! { "F1" => font_id } };
    if let Some(image_id) = image_id {
        resources.set("XObject", dictionary! { "Im1" => image_id });
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), PAGE_WIDTH.into(), PAGE_HEIGHT.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog_id);
    if let Some(title) = &spec.title {
        let info_id = doc.add_object(dictionary! {
            "Title" => Object::string_literal(title.as_bytes()),
            "Producer" => Object::string_literal("briefing tests"),
        });
        doc.trailer.set("Info", info_id);
    }
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("document saves");
    out
}

/// `s` with its typographic punctuation made ASCII and anything else
/// outside ASCII left out, as Courier here draws only ASCII.
pub fn ascii(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '‘' | '’' => Some('\''),
            '“' | '”' => Some('"'),
            '–' | '—' => Some('-'),
            c if c.is_ascii() => Some(c),
            _ => None,
        })
        .collect()
}

/// A paragraph as lines of at most `width` characters. A word that does
/// not fit and has at least eight letters is broken with a hyphen, three
/// letters or more on each side, as a typesetter would.
pub fn wrap(paragraph: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in paragraph.split_whitespace() {
        let fits =
            |line: &str, w: &str| line.len() + usize::from(!line.is_empty()) + w.len() <= width;
        if fits(&line, word) {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        let letters = word.chars().all(|c| c.is_ascii_lowercase());
        let room = width.saturating_sub(line.len() + usize::from(!line.is_empty()) + 1);
        if letters && word.len() >= 8 && room >= 3 && word.len() - room.min(word.len() - 3) >= 3 {
            let cut = room.min(word.len() - 3);
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&word[..cut]);
            line.push('-');
            lines.push(std::mem::take(&mut line));
            line.push_str(&word[cut..]);
        } else {
            lines.push(std::mem::take(&mut line));
            line.push_str(word);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Paragraphs set in one column at 10 points, a blank line between
/// paragraphs, 60 lines a page.
pub fn single_column(paragraphs: &[String], title: Option<&str>) -> Vec<u8> {
    let mut pages = vec![Vec::new()];
    let mut row = 0;
    for p in paragraphs {
        for line in wrap(&ascii(p), 78) {
            if row == 60 {
                pages.push(Vec::new());
                row = 0;
            }
            let y = 72.0 + row as f64 * 11.0;
            if let Some(page) = pages.last_mut() {
                page.push(text(72.0, y, 10.0, &line));
            }
            row += 1;
        }
        row += 1;
    }
    build(&Spec {
        pages,
        title: title.map(str::to_string),
        image_pages: Vec::new(),
    })
}

/// The title drawn over the two columns of the first page.
pub const BRIEF_HEADING: &str = "Gas Storage and Grid Security";
/// The running header of every page.
pub const BRIEF_HEADER: &str = "Baltic Energy Review - Policy Brief 7";

/// The paragraphs of the two-column brief, as a reader should get them.
pub const BRIEF_PARAGRAPHS: [&str; 7] = [
    "Winter demand across the Baltic states rose again this year, and the regional operators now treat storage as a question of national security rather than of commerce alone. Ministers meeting in Riga agreed that reserves must cover ninety days of peak consumption.",
    "The interconnector between Finland and Estonia was damaged in October, and repairs took seven weeks. During that time the remaining links carried more than their rated load, and operators postponed maintenance to keep prices stable.",
    "Cyber incidents against control systems are the second concern. Operators reported repeated intrusion attempts on substations, and the regulators asked for independent audits of every vendor that has remote access to the grid.",
    "Financing remains the obstacle. Storage sites need long contracts to attract investors, but the commission prefers short tenders that keep competition open. A compromise would pair public guarantees with capacity payments for the first decade.",
    "Synchronisation with the continental grid is due next year. It removes the dependence on the old frequency control, yet it also shifts the responsibility for balancing to three small operators with limited reserves and tight budgets.",
    "The brief recommends a shared reserve, a joint register of critical equipment, and exercises that test the response to a simultaneous failure of two interconnectors during a cold spell.",
    "Regional cooperation has improved since the last review, but the institutions still meet only twice a year, and decisions on emergency supply are taken nationally.",
];

/// Characters per column line in the brief.
pub const BRIEF_COLUMN: usize = 36;

/// A two-column brief of three pages: a running header, a footer with the
/// page number, the title across both columns on the first page, and
/// words broken with a hyphen at line ends. Columns hold 12 lines;
/// paragraphs have their first line indented and a blank line between
/// them. The file draws each page's right column
/// before its left, so reading order has to come from the positions.
pub fn two_column_brief() -> Vec<u8> {
    // Each line, and whether it starts a paragraph.
    let mut lines: Vec<Option<(String, bool)>> = Vec::new();
    for p in BRIEF_PARAGRAPHS {
        if !lines.is_empty() {
            lines.push(None);
        }
        let wrapped = wrap(p, BRIEF_COLUMN - 2);
        lines.extend(
            wrapped
                .into_iter()
                .enumerate()
                .map(|(i, l)| Some((l, i == 0))),
        );
    }
    let mut pages: Vec<Vec<Text>> = Vec::new();
    let mut rest = lines.as_slice();
    let mut n = 0;
    while !rest.is_empty() {
        n += 1;
        let top = if n == 1 { 130.0 } else { 100.0 };
        let mut columns = Vec::new();
        for x in [72.0, 324.0] {
            // A column does not start with the blank line between two
            // paragraphs.
            while rest.first().is_some_and(Option::is_none) {
                rest = &rest[1..];
            }
            let take = rest.len().min(12);
            let column: Vec<Text> = rest[..take]
                .iter()
                .enumerate()
                .filter_map(|(i, l)| {
                    l.as_ref().map(|(l, first)| {
                        let indent = if *first { 12.0 } else { 0.0 };
                        text(x + indent, top + i as f64 * 13.0, 10.0, l)
                    })
                })
                .collect();
            rest = &rest[take..];
            columns.push(column);
        }
        let mut page = vec![text(72.0, 40.0, 9.0, BRIEF_HEADER)];
        if n == 1 {
            page.push(text(72.0, 90.0, 18.0, BRIEF_HEADING));
        }
        columns.reverse();
        page.extend(columns.into_iter().flatten());
        pages.push(page);
    }
    let total = pages.len();
    for (n, page) in pages.iter_mut().enumerate() {
        let footer = format!("Page {} of {total}", n + 1);
        page.push(text(270.0, 760.0, 9.0, &footer));
    }
    build(&Spec {
        pages,
        title: Some("Baltic Energy: Storage and Security".into()),
        image_pages: Vec::new(),
    })
}

/// Two pages that are only images, as a scanner makes them.
pub fn scanned() -> Vec<u8> {
    build(&Spec {
        pages: vec![Vec::new(), Vec::new()],
        title: None,
        image_pages: vec![0, 1],
    })
}

/// `pdf` encrypted (RC4, 128-bit key) with `user_password` to open it.
pub fn encrypted(pdf: &[u8], user_password: &str) -> Vec<u8> {
    use lopdf::{EncryptionState, EncryptionVersion, Permissions};
    let mut doc = Document::load_mem(pdf).expect("test document loads");
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::string_literal(b"0123456789abcdef".to_vec()),
            Object::string_literal(b"0123456789abcdef".to_vec()),
        ]),
    );
    let version = EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password,
        key_length: 128,
        permissions: Permissions::all(),
    };
    let state = EncryptionState::try_from(version).expect("encryption state");
    doc.encrypt(&state).expect("document encrypts");
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("document saves");
    out
}
