//! Web pages (`.html`, `.htm`, `.xhtml`) as the article they hold.
//!
//! A saved page is mostly not the article: menus, cookie banners, share
//! buttons, comment sections, footers, forms and scripts surround it. The
//! page is tokenized (html5ever's tokenizer: entities, broken markup and
//! raw-text elements as a browser reads them) into a small tree of our own,
//! with its depth capped so no page can exhaust the stack or make the
//! tree quadratic. Boilerplate is dropped by element, role and class/id
//! words, and by link density; the article is the `<article>`, `<main>` or
//! `articleBody` element holding most of the text, else the element whose
//! paragraphs hold most of it, else the page's body.
//!
//! The text is written the way the segmenter reads Markdown: `#` headings,
//! `- ` and `1. ` list items, `> ` quotes, `|` table rows with a `|---|`
//! separator after a header row, one line per paragraph and a blank line
//! between blocks. Link targets are left out; the link text stays.

use std::borrow::Cow;
use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    states::RawKind, BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
    TokenizerOpts,
};

use super::formats::Extracted;
use crate::text::Span;

/// The version of the conversion below. A note records it with the
/// fingerprint of the source file, so that when a release changes what
/// the conversion makes of a page, the note still finds its article.
pub const EXTRACTION_VERSION: u32 = 1;

/// Elements nested deeper than this are flattened into their ancestor at
/// this depth: their text stays, their structure goes.
pub const MAX_DEPTH: usize = 256;

/// How much of a document is the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A saved web page: find the article, drop what surrounds it.
    Page,
    /// A book's chapter: all of it is text, only scripts, styles and
    /// navigation documents are dropped.
    Chapter,
}

/// A document converted to the reader's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Converted {
    pub text: String,
    /// `og:title`, else `<title>` without a site-name suffix, else the
    /// first `<h1>`.
    pub title: Option<String>,
    pub warnings: Vec<String>,
    /// Each link's text in `text`, with its address as the page gives it
    /// (untrusted).
    pub links: Vec<(Span, String)>,
}

/// Reads a saved web page.
pub fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    let (html, mut warnings) = decode(bytes)?;
    let converted = convert(&html, Scope::Page);
    warnings.extend(converted.warnings);
    if converted.text.trim().is_empty() {
        return Err("no readable text in the page".to_string());
    }
    Ok(Extracted {
        text: converted.text,
        title: converted.title,
        warnings,
        source_fingerprint: None,
        links: converted.links,
    })
}

/// Decodes a page's bytes: a byte-order mark first, then the charset a
/// `<meta>` tag or XML declaration names near the top, then UTF-8 if the
/// bytes are valid UTF-8, else Windows-1252 (what browsers read for
/// Latin-1).
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Vec<String>), String> {
    if bytes.is_empty() {
        return Err("empty file".to_string());
    }
    let mut warnings = Vec::new();
    let (encoding, body) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((enc, bom)) => (enc, &bytes[bom..]),
        None => {
            if bytes.iter().take(8192).any(|&b| b == 0) {
                return Err("looks like a binary file (it contains NUL bytes)".to_string());
            }
            let declared = declared_charset(bytes)
                .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
                // A page that says UTF-16 without a byte-order mark is
                // read as UTF-8, as browsers do.
                .map(|e| e.output_encoding());
            let enc = declared.unwrap_or_else(|| {
                if std::str::from_utf8(bytes).is_ok() {
                    encoding_rs::UTF_8
                } else {
                    encoding_rs::WINDOWS_1252
                }
            });
            (enc, bytes)
        }
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        warnings.push(format!("invalid {}, shown as �", encoding.name()));
    }
    Ok((text, warnings))
}

/// The charset named by a `<meta charset>`, a `<meta http-equiv>` content
/// type or an XML declaration in the first 4 kB.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let label_at = |from: usize| -> Option<String> {
        let rest = &lower[from..];
        let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
        let rest = rest.strip_prefix(b"=")?;
        let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let len = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
            .count();
        (len > 0).then(|| String::from_utf8_lossy(&rest[..len]).into_owned())
    };
    if lower.starts_with(b"<?xml") {
        let end = find(&lower, b"?>", 0).unwrap_or(lower.len());
        if let Some(i) = find(&lower[..end], b"encoding", 0) {
            return label_at(i + "encoding".len());
        }
    }
    let mut from = 0;
    while let Some(meta) = find(&lower, b"<meta", from) {
        let end = find(&lower, b">", meta).unwrap_or(lower.len());
        if let Some(i) = find(&lower[..end], b"charset", meta) {
            if let Some(label) = label_at(i + "charset".len()) {
                return Some(label);
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// Converts a decoded document to the reader's text.
pub fn convert(html: &str, scope: Scope) -> Converted {
    let tree = parse(html, scope);
    let mut warnings = Vec::new();
    if tree.flattened {
        warnings.push(format!(
            "elements nested deeper than {MAX_DEPTH} levels were flattened into their parent"
        ));
    }
    let (dropped, root) = match scope {
        Scope::Page => {
            let dropped = tree.page_drops();
            let root = tree.pick_root(&dropped);
            (dropped, root)
        }
        Scope::Chapter => (tree.nodes.iter().map(|n| n.dropped).collect(), 0),
    };
    let (text, links) = Writer::default().write(&tree, root, &dropped);
    let title = tree
        .og_title
        .as_deref()
        .map(collapse)
        .filter(|t| !t.is_empty())
        .or_else(|| {
            Some(without_site_name(&collapse(&tree.title)).to_string()).filter(|t| !t.is_empty())
        })
        .or_else(|| tree.first_h1.map(|h| collapse(&tree.text_of(h))))
        .filter(|t| !t.is_empty());
    Converted {
        text,
        title,
        warnings,
        links,
    }
}

/// "Budget talks stall | Example News" → "Budget talks stall": a suffix
/// after the last separator, if it is a short site name.
fn without_site_name(title: &str) -> &str {
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some(i) = title.rfind(sep) {
            let (head, site) = (&title[..i], &title[i + sep.len()..]);
            if site.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 2 {
                return head.trim();
            }
        }
    }
    title
}

/// Whitespace runs folded to one space, ends trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const NONE: usize = usize::MAX;

#[derive(Debug)]
struct Node {
    /// Lower-case element name; empty for a text node.
    name: String,
    parent: usize,
    children: Vec<usize>,
    /// A text node's text, as in the source (entities decoded).
    text: String,
    /// The element and all it holds are not part of the text.
    dropped: bool,
    /// An element that says it is the page's article.
    candidate: bool,
    /// An element whose class or id names page furniture: dropped unless
    /// it holds the article.
    furniture: bool,
    /// `<a href>`.
    href: Option<String>,
    /// `<ol start>`.
    start: Option<u32>,
}

impl Node {
    /// A node with nothing said about it: the document, a text node (no
    /// name) or an element the tokenizer closes itself.
    fn plain(name: &str, parent: usize, text: String) -> Node {
        Node {
            name: name.to_string(),
            parent,
            children: Vec::new(),
            text,
            dropped: false,
            candidate: false,
            furniture: false,
            start: None,
            href: None,
        }
    }
}

#[derive(Debug, Default)]
struct Tree {
    nodes: Vec<Node>,
    og_title: Option<String>,
    title: String,
    first_h1: Option<usize>,
    flattened: bool,
}

/// Elements with no content and no end tag.
const VOID: [&str; 16] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr", "frame",
];

/// Elements whose start closes an open `<p>`.
const CLOSES_P: [&str; 31] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "dialog",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
    "li",
];

/// Elements that are never the article's text, whatever the scope.
const NEVER_TEXT: [&str; 13] = [
    "head", "script", "style", "template", "noscript", "svg", "math", "iframe", "object", "canvas",
    "select", "textarea", "button",
];

/// Elements that surround an article on a web page.
const PAGE_FURNITURE: [&str; 7] = ["nav", "footer", "aside", "form", "dialog", "menu", "header"];

/// ARIA roles of page furniture.
const FURNITURE_ROLES: [&str; 8] = [
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "dialog",
    "alertdialog",
    "search",
    "menu",
];

/// Words in a class or id that mark page furniture.
const FURNITURE_WORDS: [&str; 38] = [
    "ad",
    "ads",
    "advert",
    "advertisement",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "dateline",
    "comment",
    "comments",
    "consent",
    "cookie",
    "cookies",
    "disqus",
    "footer",
    "gdpr",
    "masthead",
    "menu",
    "modal",
    "nav",
    "navbar",
    "navigation",
    "newsletter",
    "pagination",
    "paywall",
    "popup",
    "promo",
    "recommended",
    "related",
    "replies",
    "share",
    "sharing",
    "sidebar",
    "signup",
    "social",
    "sponsor",
    "subscribe",
];

/// Words in a class or id that mark the article itself, which outweigh
/// furniture words on the same element ("article-comments-count" aside).
const ARTICLE_WORDS: [&str; 6] = ["article", "body", "content", "main", "story", "post"];

/// Whether a class or id value names page furniture: one of its words (split
/// at `-`, `_`, spaces and case changes) is a furniture word and none is an
/// article word.
fn furniture_name(value: &str) -> bool {
    let mut furniture = false;
    for class in value.split_whitespace() {
        let words = class
            .split(['-', '_'])
            .flat_map(split_camel)
            .map(|w| w.to_ascii_lowercase())
            .collect::<Vec<_>>();
        if words.iter().any(|w| ARTICLE_WORDS.contains(&w.as_str())) {
            return false;
        }
        furniture |= words.iter().any(|w| FURNITURE_WORDS.contains(&w.as_str()));
    }
    furniture
}

fn split_camel(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    for i in 1..bytes.len() {
        if bytes[i].is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase() {
            out.push(&s[start..i]);
            start = i;
        }
    }
    out.push(&s[start..]);
    out
}

/// Builds the tree from the tokenizer's tokens.
struct Builder {
    tree: Tree,
    /// Open elements, innermost last; the document node is at the bottom.
    stack: Vec<usize>,
    scope: Scope,
    in_title: bool,
    /// How many elements of each name are open, so that looking for one
    /// that is not open costs nothing.
    open_count: std::collections::HashMap<String, usize>,
    /// How many open elements are article candidates.
    open_candidates: usize,
}

impl Builder {
    fn new(scope: Scope) -> Builder {
        let mut tree = Tree::default();
        tree.nodes
            .push(Node::plain("#document", NONE, String::new()));
        Builder {
            tree,
            stack: vec![0],
            scope,
            in_title: false,
            open_count: std::collections::HashMap::new(),
            open_candidates: 0,
        }
    }

    fn top(&self) -> usize {
        self.stack.last().copied().unwrap_or(0)
    }

    fn add(&mut self, node: Node) -> usize {
        let id = self.tree.nodes.len();
        let parent = node.parent;
        self.tree.nodes.push(node);
        self.tree.nodes[parent].children.push(id);
        id
    }

    fn text(&mut self, s: &str) {
        if self.in_title {
            self.tree.title.push_str(s);
            return;
        }
        let top = self.top();
        if matches!(self.tree.nodes[top].name.as_str(), "script" | "style") {
            return;
        }
        if let Some(&last) = self.tree.nodes[top].children.last() {
            if self.tree.nodes[last].name.is_empty() {
                self.tree.nodes[last].text.push_str(s);
                return;
            }
        }
        self.add(Node::plain("", top, s.to_string()));
    }

    /// The position in the stack of the innermost open `name`, looking no
    /// further out than an element in `stops`.
    fn open(&self, name: &str, stops: &[&str]) -> Option<usize> {
        if self.open_count.get(name).is_none_or(|&n| n == 0) {
            return None;
        }
        for (i, &n) in self.stack.iter().enumerate().rev() {
            let open = self.tree.nodes[n].name.as_str();
            if open == name {
                return Some(i);
            }
            if stops.contains(&open) {
                return None;
            }
        }
        None
    }

    fn close(&mut self, name: &str, stops: &[&str]) {
        if let Some(i) = self.open(name, stops) {
            while self.stack.len() > i.max(1) {
                self.pop();
            }
        }
    }

    fn push(&mut self, id: usize) {
        let node = &self.tree.nodes[id];
        *self.open_count.entry(node.name.clone()).or_default() += 1;
        self.open_candidates += usize::from(node.candidate);
        self.stack.push(id);
    }

    fn pop(&mut self) {
        if let Some(id) = self.stack.pop() {
            let node = &self.tree.nodes[id];
            if let Some(n) = self.open_count.get_mut(&node.name) {
                *n = n.saturating_sub(1);
            }
            self.open_candidates -= usize::from(node.candidate);
        }
    }

    fn start(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        const SCOPE: [&str; 7] = ["table", "td", "th", "caption", "html", "template", "button"];
        match name {
            "title" if !self.in_foreign() => {
                if !tag.self_closing {
                    self.in_title = true;
                    return TokenSinkResult::RawData(RawKind::Rcdata);
                }
                return TokenSinkResult::Continue;
            }
            "meta" => {
                let attr = |n: &str| {
                    tag.attrs
                        .iter()
                        .find(|a| &*a.name.local == n)
                        .map(|a| a.value.to_string())
                };
                let property = attr("property").or_else(|| attr("name"));
                if property.as_deref() == Some("og:title") && self.tree.og_title.is_none() {
                    self.tree.og_title = attr("content");
                }
                return TokenSinkResult::Continue;
            }
            _ => {}
        }
        if CLOSES_P.contains(&name) {
            self.close("p", &SCOPE);
        }
        match name {
            "li" => self.close("li", &["ul", "ol", "menu", "table"]),
            "dt" | "dd" => {
                self.close("dt", &["dl", "table"]);
                self.close("dd", &["dl", "table"]);
            }
            "tr" => self.close("tr", &["table"]),
            "td" | "th" => {
                self.close("td", &["tr", "table"]);
                self.close("th", &["tr", "table"]);
            }
            "thead" | "tbody" | "tfoot" => {
                for section in ["thead", "tbody", "tfoot"] {
                    self.close(section, &["table"]);
                }
            }
            "option" => self.close("option", &["select"]),
            _ => {}
        }
        if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            let top = self.top();
            if matches!(
                self.tree.nodes[top].name.as_str(),
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            ) {
                self.pop();
            }
        }
        let void = VOID.contains(&name) || tag.self_closing;
        if !void && self.stack.len() > MAX_DEPTH {
            self.tree.flattened = true;
            return TokenSinkResult::Continue;
        }
        let node = self.element(tag);
        let id = self.add(node);
        if name == "h1" && self.tree.first_h1.is_none() {
            self.tree.first_h1 = Some(id);
        }
        if void {
            return TokenSinkResult::Continue;
        }
        self.push(id);
        match name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }

    fn in_foreign(&self) -> bool {
        ["svg", "math"]
            .iter()
            .any(|n| self.open_count.get(*n).is_some_and(|&c| c > 0))
    }

    fn element(&self, tag: &Tag) -> Node {
        let name: &str = &tag.name;
        let attr = |n: &str| {
            tag.attrs
                .iter()
                .find(|a| &*a.name.local == n)
                .map(|a| &*a.value)
        };
        let mut dropped = NEVER_TEXT.contains(&name);
        let mut candidate = false;
        let mut furniture = false;
        match self.scope {
            Scope::Page => {
                let role = attr("role").unwrap_or("").to_ascii_lowercase();
                dropped |= PAGE_FURNITURE.contains(&name)
                    && !(name == "header" && self.inside_article())
                    || FURNITURE_ROLES.contains(&role.as_str())
                    || attr("hidden").is_some()
                    || attr("aria-hidden") == Some("true")
                    || attr("aria-modal") == Some("true");
                furniture = ["class", "id"]
                    .iter()
                    .any(|a| attr(a).is_some_and(furniture_name));
                candidate = matches!(name, "article" | "main")
                    || role == "main"
                    || role == "article"
                    || attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("articleBody"));
            }
            Scope::Chapter => {
                let kind = attr("epub:type").unwrap_or("");
                dropped |= name == "nav"
                    && ["toc", "landmarks", "page-list"]
                        .iter()
                        .any(|t| kind.split_whitespace().any(|k| k == *t));
            }
        }
        Node {
            name: name.to_string(),
            parent: self.top(),
            children: Vec::new(),
            text: String::new(),
            dropped,
            candidate,
            furniture,
            start: attr("start").and_then(|s| s.trim().parse().ok()),
            href: (name == "a")
                .then(|| attr("href").map(str::trim))
                .flatten()
                .filter(|h| !h.is_empty() && !h.starts_with('#') && !h.starts_with("javascript:"))
                .map(str::to_string),
        }
    }

    fn inside_article(&self) -> bool {
        self.open_candidates > 0
    }

    fn end(&mut self, tag: &Tag) {
        let name: &str = &tag.name;
        match name {
            "title" if self.in_title => self.in_title = false,
            "br" => {
                let top = self.top();
                self.add(Node::plain("br", top, String::new()));
            }
            "body" | "html" => {}
            _ => self.close(name, &[]),
        }
    }
}

/// The tokenizer hands tokens to a shared reference.
struct Sink(RefCell<Builder>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut b = self.0.borrow_mut();
        match token {
            Token::CharacterTokens(t) => b.text(&t),
            Token::NullCharacterToken => b.text("\u{fffd}"),
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => return b.start(&tag),
                TagKind::EndTag => b.end(&tag),
            },
            Token::DoctypeToken(_)
            | Token::CommentToken(_)
            | Token::EOFToken
            | Token::ParseError(_) => {}
        }
        TokenSinkResult::Continue
    }
}

fn parse(html: &str, scope: Scope) -> Tree {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(
        Sink(RefCell::new(Builder::new(scope))),
        TokenizerOpts::default(),
    );
    // The sink never asks to stop for a script, so this reads all input.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.into_inner().tree
}

/// Text amounts under each node, counted in non-space characters.
struct Amounts {
    /// Text that is not dropped.
    kept: Vec<usize>,
    /// Of that, text inside links.
    linked: Vec<usize>,
    links: Vec<usize>,
}

impl Tree {
    fn text_of(&self, node: usize) -> String {
        let mut out = String::new();
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            out.push_str(&self.nodes[n].text);
            out.push(' ');
            stack.extend(self.nodes[n].children.iter().rev());
        }
        out
    }

    /// Children come after their parents in `nodes`, so one backwards pass
    /// adds every node's amounts into its parent's.
    fn amounts(&self) -> Amounts {
        let n = self.nodes.len();
        let mut a = Amounts {
            kept: vec![0; n],
            linked: vec![0; n],
            links: vec![0; n],
        };
        for i in (0..n).rev() {
            let node = &self.nodes[i];
            if node.dropped {
                continue;
            }
            if node.name.is_empty() {
                a.kept[i] = node.text.chars().filter(|c| !c.is_whitespace()).count();
            }
            if node.name == "a" {
                a.linked[i] = a.kept[i];
                a.links[i] += 1;
            }
            if node.parent != NONE {
                let p = node.parent;
                a.kept[p] += a.kept[i];
                a.linked[p] += a.linked[i];
                a.links[p] += a.links[i];
            }
        }
        a
    }

    /// What a page leaves out: the furniture the elements name, and link
    /// lists (a menu, "related stories"): three links or more that hold
    /// most of their container's text.
    fn page_drops(&self) -> Vec<bool> {
        let a = self.amounts();
        // Whether a node holds an article candidate: class names are too
        // loose a sign to drop the article with its wrapper
        // ("page has-sidebar").
        let mut holds_candidate: Vec<bool> = self.nodes.iter().map(|n| n.candidate).collect();
        for i in (1..self.nodes.len()).rev() {
            let p = self.nodes[i].parent;
            holds_candidate[p] |= holds_candidate[i];
        }
        let total = a.kept[0];
        self.nodes
            .iter()
            .enumerate()
            .map(|(i, node)| {
                let furniture = node.furniture
                    && !holds_candidate[i]
                    && !matches!(node.name.as_str(), "html" | "body")
                    // Nor is a wrapper with most of the page's text.
                    && a.kept[i] * 10 < total * 7;
                let link_list = matches!(
                    node.name.as_str(),
                    "ul" | "ol" | "div" | "section" | "table" | "dl"
                ) && !holds_candidate[i]
                    && a.links[i] >= 3
                    && a.linked[i] * 10 > a.kept[i] * 7;
                node.dropped || furniture || link_list
            })
            .collect()
    }

    /// The element that holds the article, given what is dropped.
    fn pick_root(&self, dropped: &[bool]) -> usize {
        let n = self.nodes.len();
        let mut kept = vec![0usize; n];
        let mut paragraphs = vec![0usize; n];
        for i in (0..n).rev() {
            if dropped[i] {
                continue;
            }
            let node = &self.nodes[i];
            if node.name.is_empty() {
                kept[i] = node.text.chars().filter(|c| !c.is_whitespace()).count();
            }
            if node.parent != NONE {
                kept[node.parent] += kept[i];
                if node.name == "p" {
                    paragraphs[node.parent] += kept[i];
                }
            }
        }
        let live = |i: usize| {
            let mut x = i;
            while x != NONE {
                if dropped[x] {
                    return false;
                }
                x = self.nodes[x].parent;
            }
            true
        };
        let total = kept[0];
        let best = (0..n)
            .filter(|&i| self.nodes[i].candidate && live(i))
            .max_by_key(|&i| (kept[i], std::cmp::Reverse(i)));
        if let Some(mut best) = best {
            // Nodes are numbered in document order, so a node's subtree is
            // the run of numbers up to its last descendant.
            let mut end: Vec<usize> = (1..=n).collect();
            for i in (1..n).rev() {
                let p = self.nodes[i].parent;
                end[p] = end[p].max(end[i]);
            }
            // A candidate inside the best that holds nearly all its text is
            // the more precise choice (an <article> in <main>).
            while let Some(j) = (best + 1..end[best])
                .filter(|&j| self.nodes[j].candidate && live(j) && kept[j] * 10 >= kept[best] * 8)
                .max_by_key(|&j| (kept[j], std::cmp::Reverse(j)))
            {
                best = j;
            }
            if kept[best] * 10 >= total * 3 || kept[best] >= 500 {
                return best;
            }
        }
        let all_paragraphs: usize = paragraphs.iter().sum();
        let by_paragraphs = (0..n)
            .filter(|&i| live(i))
            .max_by_key(|&i| (paragraphs[i], std::cmp::Reverse(i)));
        match by_paragraphs {
            Some(i) if paragraphs[i] > 0 && paragraphs[i] * 10 >= all_paragraphs * 6 => i,
            _ => 0,
        }
    }
}

/// What the writer is inside of, innermost last.
#[derive(Debug)]
enum Context {
    List { ordered: bool, next: u32 },
    Item,
    Quote,
    Table(Table),
    Cell,
    Pre,
    Heading(u8),
}

#[derive(Debug, Default)]
struct Table {
    rows: Vec<Row>,
    in_head: bool,
}

#[derive(Debug, Default)]
struct Row {
    cells: Vec<String>,
    header: bool,
}

/// Writes the tree as the reader's text.
#[derive(Default)]
struct Writer {
    out: String,
    /// The block being written: inline text with spaces folded.
    line: String,
    space: bool,
    context: Vec<Context>,
    /// The marker of the list item whose text `line` holds.
    marker: Option<String>,
    last_was_item: bool,
    /// The link being written: its address and its text so far.
    link: Option<(String, String)>,
    /// Each link's text and address, in the order written.
    links: Vec<(String, String)>,
}

impl Writer {
    fn write(
        mut self,
        tree: &Tree,
        root: usize,
        dropped: &[bool],
    ) -> (String, Vec<(Span, String)>) {
        let mut stack: Vec<(usize, bool)> = vec![(root, false)];
        while let Some((n, leaving)) = stack.pop() {
            let node = &tree.nodes[n];
            if leaving {
                self.leave(node);
                continue;
            }
            if dropped[n] {
                continue;
            }
            if node.name.is_empty() {
                self.text(&node.text);
                continue;
            }
            self.enter(node);
            stack.push((n, true));
            stack.extend(node.children.iter().rev().map(|&c| (c, false)));
        }
        self.flush();
        self.out.push('\n');
        // Each link's text is found in order after the one before, where
        // the blocks put it.
        let mut from = 0;
        let mut links = Vec::new();
        for (text, url) in self.links {
            if let Some(at) = self.out[from..].find(&text) {
                let span = Span::new(from + at, from + at + text.len());
                from = span.end;
                links.push((span, url));
            }
        }
        (self.out, links)
    }

    fn in_cell(&self) -> bool {
        self.context.iter().any(|c| matches!(c, Context::Cell))
    }

    fn in_pre(&self) -> bool {
        self.context.iter().any(|c| matches!(c, Context::Pre))
    }

    /// Inside an item or a cell, blocks run together as one line.
    fn inline_blocks(&self) -> bool {
        matches!(self.context.last(), Some(Context::Item | Context::Cell))
            || self.in_cell()
            || self
                .context
                .iter()
                .any(|c| matches!(c, Context::Heading(_)))
    }

    fn enter(&mut self, node: &Node) {
        let name = node.name.as_str();
        if let Some(href) = &node.href {
            self.link = Some((href.clone(), String::new()));
        }
        match name {
            "br" => {
                if self.in_pre() {
                    self.line.push('\n');
                } else {
                    self.space = true;
                }
            }
            "img" | "input" | "wbr" => {}
            "hr" => self.block_break(),
            "ul" | "ol" | "menu" | "dl" if !self.in_cell() => {
                self.flush();
                self.context.push(Context::List {
                    ordered: name == "ol",
                    next: node.start.unwrap_or(1),
                });
            }
            "li" | "dt" | "dd" if !self.in_cell() => {
                self.flush();
                let (ordered, next) = match self.context.iter_mut().rev().find_map(|c| match c {
                    Context::List { ordered, next } => Some((ordered, next)),
                    _ => None,
                }) {
                    Some((ordered, next)) => {
                        let n = *next;
                        *next += 1;
                        (*ordered, n)
                    }
                    None => (false, 1),
                };
                if name == "li" {
                    let depth = self
                        .context
                        .iter()
                        .filter(|c| matches!(c, Context::List { .. }))
                        .count();
                    let indent = "  ".repeat(depth.saturating_sub(1));
                    self.marker = Some(if ordered {
                        format!("{indent}{next}. ")
                    } else {
                        format!("{indent}- ")
                    });
                }
                self.context.push(Context::Item);
            }
            "blockquote" if !self.inline_blocks() => {
                self.flush();
                self.context.push(Context::Quote);
            }
            "table" if !self.in_cell() => {
                self.flush();
                self.context.push(Context::Table(Table::default()));
            }
            "thead" => {
                if let Some(Context::Table(t)) = self.context.last_mut() {
                    t.in_head = true;
                }
            }
            "tbody" | "tfoot" => {
                if let Some(Context::Table(t)) = self.context.last_mut() {
                    t.in_head = false;
                }
            }
            "tr" if !self.in_cell() => {
                if let Some(Context::Table(t)) = self.context.last_mut() {
                    let header = t.in_head;
                    t.rows.push(Row {
                        cells: Vec::new(),
                        header,
                    });
                }
            }
            "td" | "th" if !self.in_cell() => {
                if let Some(Context::Table(t)) = self.context.last_mut() {
                    if t.rows.is_empty() {
                        t.rows.push(Row::default());
                    }
                    if let Some(row) = t.rows.last_mut() {
                        row.header = row.header || (name == "th" && row.cells.is_empty());
                        if name == "td" && !t.in_head {
                            row.header = false;
                        }
                    }
                    self.line.clear();
                    self.space = false;
                    self.context.push(Context::Cell);
                }
            }
            "pre" if !self.inline_blocks() => {
                self.flush();
                self.context.push(Context::Pre);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if !self.inline_blocks() => {
                self.flush();
                let level = name.as_bytes()[1] - b'0';
                self.context.push(Context::Heading(level));
            }
            _ if is_block(name) => self.block_break(),
            _ => {}
        }
    }

    fn leave(&mut self, node: &Node) {
        let name = node.name.as_str();
        if node.href.is_some() {
            if let Some((url, text)) = self.link.take() {
                let text = collapse(&text);
                if !text.is_empty() {
                    self.links.push((text, url));
                }
            }
        }
        let popped = match (name, self.context.last()) {
            ("ul" | "ol" | "menu" | "dl", Some(Context::List { .. }))
            | ("li" | "dt" | "dd", Some(Context::Item))
            | ("blockquote", Some(Context::Quote))
            | ("pre", Some(Context::Pre))
            | ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", Some(Context::Heading(_))) => {
                self.flush();
                self.context.pop();
                return;
            }
            ("td" | "th", Some(Context::Cell)) => {
                self.context.pop();
                let cell = std::mem::take(&mut self.line);
                self.space = false;
                if let Some(Context::Table(t)) = self.context.last_mut() {
                    if let Some(row) = t.rows.last_mut() {
                        row.cells.push(cell.trim().to_string());
                    }
                }
                return;
            }
            ("table", Some(Context::Table(_))) => self.context.pop(),
            _ => None,
        };
        if let Some(Context::Table(table)) = popped {
            self.table(table);
            return;
        }
        if is_block(name) {
            self.block_break();
        }
    }

    fn block_break(&mut self) {
        if self.inline_blocks() {
            self.space = true;
        } else {
            self.flush();
        }
    }

    fn text(&mut self, s: &str) {
        if self.in_pre() {
            for c in s.chars() {
                match c {
                    '\r' => {}
                    '\t' => self.line.push_str("    "),
                    '\n' => self.line.push('\n'),
                    c if c.is_control() => self.line.push('\u{fffd}'),
                    c => self.line.push(c),
                }
            }
            return;
        }
        if let Some((_, text)) = &mut self.link {
            text.push_str(s);
        }
        for c in s.chars() {
            if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.line.is_empty() {
                    self.line.push(' ');
                }
                self.space = false;
                self.line.push(if c.is_control() { '\u{fffd}' } else { c });
            }
        }
    }

    /// Ends the block being written, if it holds any text.
    fn flush(&mut self) {
        let line = std::mem::take(&mut self.line);
        self.space = false;
        let marker = self.marker.take();
        if self.in_pre() {
            for l in line
                .lines()
                .map(str::trim_end)
                .filter(|l| !l.trim().is_empty())
            {
                self.push_block(l.trim_start().to_string(), false);
            }
            return;
        }
        let text = line.trim();
        if text.is_empty() {
            // An item whose text is all in a nested list keeps its marker
            // for nothing.
            return;
        }
        let heading = self.context.iter().rev().find_map(|c| match c {
            Context::Heading(level) => Some(*level),
            _ => None,
        });
        let line = match (heading, marker) {
            (_, Some(marker)) => format!("{marker}{text}"),
            (Some(level), None) => format!("{} {text}", "#".repeat(usize::from(level))),
            (None, None) => text.to_string(),
        };
        let item = self.context.iter().any(|c| matches!(c, Context::Item));
        self.push_block(line, item);
    }

    fn push_block(&mut self, line: String, item: bool) {
        let quoted = self.context.iter().any(|c| matches!(c, Context::Quote));
        if !self.out.is_empty() {
            self.out.push_str(if item && self.last_was_item {
                "\n"
            } else {
                "\n\n"
            });
        }
        if quoted {
            self.out.push_str("> ");
        }
        self.out.push_str(&line);
        self.last_was_item = item;
    }

    fn table(&mut self, table: Table) {
        let rows: Vec<Row> = table
            .rows
            .into_iter()
            .filter(|r| r.cells.iter().any(|c| !c.is_empty()))
            .collect();
        let columns = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        if columns <= 1 {
            // A table used for layout: its cells are paragraphs.
            for cell in rows.into_iter().flat_map(|r| r.cells) {
                if !cell.is_empty() {
                    self.push_block(cell, false);
                }
            }
            return;
        }
        let mut lines = Vec::with_capacity(rows.len() + 1);
        for (i, row) in rows.iter().enumerate() {
            let mut line = String::from("|");
            for c in 0..columns {
                let cell = row.cells.get(c).map_or("", String::as_str);
                if !cell.is_empty() {
                    line.push(' ');
                    line.push_str(&cell.replace('|', "\\|"));
                }
                line.push_str(" |");
            }
            lines.push(line);
            if i == 0 && row.header {
                lines.push(format!("|{}", "---|".repeat(columns)));
            }
        }
        self.push_block(lines.join("\n"), false);
    }
}

/// Elements that start and end a block of text.
fn is_block(name: &str) -> bool {
    CLOSES_P.contains(&name)
        || matches!(
            name,
            "#document"
                | "body"
                | "html"
                | "center"
                | "caption"
                | "legend"
                | "summary"
                | "tr"
                | "td"
                | "th"
                | "dt"
                | "dd"
                | "li"
                | "option"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str) -> Converted {
        convert(html, Scope::Page)
    }

    #[test]
    fn a_site_name_after_the_last_separator_leaves_the_title() {
        assert_eq!(
            without_site_name("Budget talks stall | Example News"),
            "Budget talks stall"
        );
        assert_eq!(
            without_site_name("Sahel - what next - Institute"),
            "Sahel - what next"
        );
        // Too short a title to have a site name cut off.
        assert_eq!(without_site_name("Sahel | Institute"), "Sahel | Institute");
        assert_eq!(
            without_site_name("A title - with a dash that goes on for many words"),
            "A title - with a dash that goes on for many words"
        );
    }

    #[test]
    fn the_title_is_og_title_then_title_then_the_first_h1() {
        let og = "<meta property=og:title content='From &amp; og'><title>T | S</title><h1>H</h1>";
        assert_eq!(page(og).title.as_deref(), Some("From & og"));
        assert_eq!(
            page("<title>Two words | Site</title><h1>H</h1>")
                .title
                .as_deref(),
            Some("Two words")
        );
        assert_eq!(
            page("<h1>Only a <em>heading</em></h1><p>x</p>")
                .title
                .as_deref(),
            Some("Only a heading")
        );
        assert_eq!(page("<p>No title at all.</p>").title, None);
    }

    #[test]
    fn the_charset_comes_from_the_bom_then_meta_then_the_bytes() {
        let text = |b: &[u8]| decode(b).map(|(t, _)| t.into_owned());
        assert_eq!(text(b"\xef\xbb\xbf<p>caf\xc3\xa9"), Ok("<p>café".into()));
        assert_eq!(
            text(b"<meta charset=\"latin1\"><p>caf\xe9"),
            Ok("<meta charset=\"latin1\"><p>café".into())
        );
        assert_eq!(
            text(b"<?xml version='1.0' encoding='ISO-8859-1'?><p>\xe9"),
            Ok("<?xml version='1.0' encoding='ISO-8859-1'?><p>é".into())
        );
        // Undeclared: UTF-8 if it is, else Windows-1252 (curly quotes).
        assert_eq!(text(b"<p>caf\xc3\xa9"), Ok("<p>café".into()));
        assert_eq!(text(b"<p>\x93quoted\x94"), Ok("<p>“quoted”".into()));
        assert!(decode(b"").is_err());
        assert!(decode(b"<p>\x00\x01binary").is_err());
    }

    #[test]
    fn class_words_mark_furniture_unless_they_name_the_article() {
        assert!(furniture_name("cookie-banner"));
        assert!(furniture_name("shareTools"));
        assert!(furniture_name("x comments_list"));
        assert!(!furniture_name("article-comments-count"));
        assert!(!furniture_name("story-body"));
        assert!(!furniture_name("adventure shadow"));
    }

    #[test]
    fn ordered_lists_nested_lists_and_pre() {
        let c = page(
            "<ol start=3><li>third<ul><li>inner</li></ul></li><li>fourth</li></ol>\
             <pre>line one\n  line two</pre><p>a<br>b</p>",
        );
        assert_eq!(
            c.text,
            "3. third\n  - inner\n4. fourth\n\nline one\n\nline two\n\na b\n"
        );
    }

    #[test]
    fn a_wrapper_named_like_furniture_keeps_the_article_it_holds() {
        let c = page(
            "<body class=\"has-sidebar\"><div id=\"page-wrapper\" class=\"with-sidebar\">\
             <div class=\"sidebar\"><p>Popular now</p></div>\
             <article><p>The article itself.</p></article></div></body>",
        );
        assert_eq!(c.text, "The article itself.\n");
        // Without article markup, a wrapper with most of the text stays.
        let c = page(
            "<div class=\"promo-layout\"><p>First paragraph of the piece.</p>\
             <p>Second paragraph of the piece.</p></div><div class=\"promo\">Buy now</div>",
        );
        assert_eq!(
            c.text,
            "First paragraph of the piece.\n\nSecond paragraph of the piece.\n"
        );
    }

    proptest::proptest! {
        #[test]
        fn any_input_converts_without_control_characters(s in "(<[a-z/!]{0,3}[ a-z=\"]{0,4}>?|&[a-z#0-9]{0,5};?|[\\x00-\\x1f]|[^<&]{0,8}){0,40}") {
            let c = page(&s);
            proptest::prop_assert!(!c.text.chars().any(|ch| ch.is_control() && ch != '\n'));
            let c = convert(&s, Scope::Chapter);
            proptest::prop_assert!(!c.text.chars().any(|ch| ch.is_control() && ch != '\n'));
        }
    }
}
