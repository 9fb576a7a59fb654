//! Markdown: an article's blocks from its Markdown structure, and the
//! inline markup the reader hides or styles, as byte ranges into the text.
//!
//! The text is never rewritten. What `**`, backticks, `[`, `](url)`, a
//! backslash escape or a container's `>` take is listed as hidden; an
//! entity (`&amp;`) or a line break is listed with the text shown in its
//! place; emphasis, strong text, code and links are listed with their
//! style. Layout shows the rest; every other offset stays an offset into
//! the file.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::segment::{
    is_table_row, looks_like_heading, mark_boilerplate, sentences_of, table_rows, Block, BlockKind,
    Segmented,
};
use super::Span;

/// How an inline range is styled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Inline {
    Emphasis,
    Strong,
    Strikethrough,
    /// A code span.
    Code,
    /// The text of a link.
    Link,
    /// An image's description, shown in its place.
    Image,
}

/// A styled range: the whole construct, markup included (the markup is
/// hidden, so only its text takes the style).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Styled {
    pub span: Span,
    pub inline: Inline,
}

/// Bytes shown as other text: an entity as the character it names, a line
/// break inside a paragraph as a space, a hard line break as `\n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub span: Span,
    pub text: String,
}

/// A link or an image, in the order they appear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The whole construct, `[text](url)` or `<url>`.
    pub span: Span,
    /// The text shown for it.
    pub text: Span,
    /// The destination as written in the file (after escapes and entities
    /// are resolved): untrusted, to be sanitised before it is shown or
    /// copied.
    pub url: String,
    pub image: bool,
    /// An autolink (`<https://…>`): its text is its address.
    pub bare: bool,
}

/// The inline markup of one article. Empty for plain text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markup {
    /// Bytes not shown: sorted and disjoint.
    pub hidden: Vec<Span>,
    /// Bytes shown as other text: sorted, disjoint, and apart from
    /// `hidden`.
    pub shown: Vec<Shown>,
    /// Sorted by start; they nest.
    pub styles: Vec<Styled>,
    /// The code spans' ranges: sorted and disjoint.
    pub code: Vec<Span>,
    /// Sorted by start.
    pub links: Vec<Link>,
    /// The nesting depth (0 for a top-level list) of each list item, by the
    /// start of its marker; sorted.
    pub items: Vec<(usize, u8)>,
}

/// A run of what a span shows: bytes of the text as they are, or other
/// text in place of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seg<'a> {
    pub span: Span,
    /// `None` when the bytes are shown as they are.
    pub text: Option<&'a str>,
}

impl Markup {
    pub fn is_empty(&self) -> bool {
        self.hidden.is_empty() && self.shown.is_empty() && self.styles.is_empty()
    }

    /// Whether `span` is shown exactly as its bytes are.
    pub fn is_plain(&self, span: Span) -> bool {
        !overlaps(&self.hidden, span, |s| *s) && !overlaps(&self.shown, span, |s| s.span)
    }

    /// What `span` shows, in order: hidden bytes left out, substituted
    /// bytes with their text. A substitution that `span` cuts is kept
    /// whole with its text when `span` holds its start, else left out.
    pub fn visible(&self, span: Span) -> Vec<Seg<'_>> {
        let mut out = Vec::new();
        let mut at = span.start;
        let mut h = first_ending_after(&self.hidden, span.start, |s| *s);
        let mut s = first_ending_after(&self.shown, span.start, |s| s.span);
        while at < span.end {
            let next_hidden = self.hidden.get(h).filter(|x| x.start < span.end);
            let next_shown = self.shown.get(s).filter(|x| x.span.start < span.end);
            let stop = [
                next_hidden.map(|x| x.start),
                next_shown.map(|x| x.span.start),
            ]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(span.end)
            .max(at);
            if stop > at {
                out.push(Seg {
                    span: Span::new(at, stop),
                    text: None,
                });
                at = stop;
                continue;
            }
            match (next_hidden, next_shown) {
                (Some(x), _) if x.start <= at => {
                    at = x.end.min(span.end).max(at);
                    h += 1;
                }
                (_, Some(x)) => {
                    if x.span.start >= span.start {
                        out.push(Seg {
                            span: x.span,
                            text: Some(&x.text),
                        });
                    }
                    at = x.span.end.max(at);
                    s += 1;
                }
                _ => break,
            }
        }
        out
    }

    /// What `span` of `text` shows, as one string.
    pub fn plain<'a>(&self, text: &'a str, span: Span) -> Cow<'a, str> {
        if self.is_plain(span) {
            return Cow::Borrowed(span.of(text));
        }
        let mut out = String::with_capacity(span.len());
        for seg in self.visible(span) {
            out.push_str(seg.text.unwrap_or_else(|| seg.span.of(text)));
        }
        Cow::Owned(out)
    }

    /// Whether any of `span` is markup, stands for other text, is code or
    /// is a bare address: such words are not the article's prose.
    pub fn is_markup_or_code(&self, span: Span) -> bool {
        // An image may stand in a link: the last two links that start
        // before the end of `span` are all that can hold it.
        let before = self.links.partition_point(|l| l.span.start < span.end);
        !self.is_plain(span)
            || overlaps(&self.code, span, |s| *s)
            || self.links[before.saturating_sub(2)..before]
                .iter()
                .any(|l| l.bare && l.span.end > span.start)
    }

    /// The styles that cover any of `span`.
    pub fn styles_in(&self, span: Span) -> impl Iterator<Item = &Styled> {
        self.styles[..self.styles.partition_point(|s| s.span.start < span.end)]
            .iter()
            .filter(move |s| s.span.end > span.start)
    }

    /// The links whose text starts in `span`, in order.
    pub fn links_in(&self, span: Span) -> impl Iterator<Item = &Link> {
        let from = self.links.partition_point(|l| l.text.start < span.start);
        self.links[from..]
            .iter()
            .take_while(move |l| l.text.start < span.end || l.text.start == span.start)
    }

    /// How deep the list item whose marker starts at `marker` is nested.
    pub fn depth(&self, marker: usize) -> u8 {
        self.items
            .binary_search_by_key(&marker, |&(at, _)| at)
            .map_or(0, |i| self.items[i].1)
    }
}

/// Whether any of the sorted, disjoint `items` overlaps `span`.
fn overlaps<T>(items: &[T], span: Span, of: impl Fn(&T) -> Span) -> bool {
    let i = first_ending_after(items, span.start, &of);
    items.get(i).is_some_and(|x| of(x).start < span.end)
}

/// The first of the sorted, disjoint `items` that ends after `at`.
fn first_ending_after<T>(items: &[T], at: usize, of: impl Fn(&T) -> Span) -> usize {
    items.partition_point(|x| of(x).end <= at)
}

/// A block being collected: the first and last byte of what it shows.
struct Leaf {
    kind: LeafKind,
    range: Range<usize>,
    first: Option<usize>,
    last: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LeafKind {
    Paragraph,
    Heading(u8),
    /// The text of a list item written without blank lines around it.
    ItemText,
    Code,
    Html,
    Cell,
}

/// A container the parser is inside.
enum Container {
    Quote,
    List,
    /// A list item: where its marker starts, and whether its first
    /// paragraph has been made its block.
    Item {
        start: usize,
        done: bool,
    },
}

/// What a table being collected holds so far.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<Span>>,
    row: Vec<Span>,
}

/// Parses the Markdown of `text` from byte `from` on (after any front
/// matter) into blocks, sentences and markup.
pub fn parse(text: &str, from: usize) -> (Segmented, Markup) {
    let body = &text[from..];
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut p = Builder {
        text,
        blocks: Vec::new(),
        markup: Markup::default(),
        html: Vec::new(),
        containers: Vec::new(),
        leaf: None,
        table: None,
        visible: Vec::new(),
        open: Vec::new(),
    };
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let range = range.start + from..range.end + from;
        p.event(event, range);
    }
    p.close_implicit();
    let Builder {
        mut blocks,
        mut markup,
        html,
        ..
    } = p;
    mark_boilerplate(text, &mut blocks);
    for i in html {
        blocks[i].boilerplate = true;
    }
    mark_link_rows(text, &markup.links, &mut blocks);
    markup
        .styles
        .sort_by_key(|s| (s.span.start, std::cmp::Reverse(s.span.end)));
    markup.links.sort_by_key(|l| l.span.start);
    markup.items.sort_unstable();
    markup.hidden.sort_by_key(|s| s.start);
    markup.shown.sort_by_key(|s| s.span.start);
    let sentences = sentences_of(text, &blocks);
    (Segmented { blocks, sentences }, markup)
}

struct Builder<'t> {
    text: &'t str,
    blocks: Vec<Block>,
    markup: Markup,
    /// Blocks of raw HTML, shown dimmed.
    html: Vec<usize>,
    containers: Vec<Container>,
    leaf: Option<Leaf>,
    table: Option<Table>,
    /// The runs of the open leaf that are shown: bytes as they are (`None`)
    /// or with other text.
    visible: Vec<(Span, Option<String>)>,
    /// Inline styles and links not closed yet.
    open: Vec<Open>,
}

/// An inline style or link not closed yet.
struct Open {
    start: usize,
    inline: Inline,
    /// A link's address and whether it is an autolink.
    link: Option<(String, bool)>,
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        let span = Span::new(range.start, range.end);
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(end) => self.end(end, range),
            Event::Text(t) => {
                // Code is shown as the file has it, tabs and all.
                let code = self.leaf.as_ref().is_some_and(|l| l.kind == LeafKind::Code);
                if code || span.of(self.text) == &*t {
                    self.show(span, None);
                } else {
                    self.show(span, Some(t.into_string()));
                }
            }
            Event::Code(t) => {
                let inner = code_inner(self.text, span, &t);
                self.markup.styles.push(Styled {
                    span,
                    inline: Inline::Code,
                });
                self.markup.code.push(span);
                if inner.of(self.text) == &*t {
                    self.show(inner, None);
                } else {
                    self.show(inner, Some(t.into_string()));
                }
            }
            Event::SoftBreak => {
                let shown = (span.of(self.text) != " ").then(|| " ".to_string());
                self.show(span, shown);
            }
            Event::HardBreak => self.show(span, Some("\n".to_string())),
            Event::Html(_) => {
                // Lines of an HTML block, shown as they are.
                self.show(span, None);
            }
            Event::InlineHtml(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                // Nothing shown: markup around text.
                self.note_leaf(span);
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => self.note_leaf(span),
            Event::Rule => {
                self.close_implicit();
                self.item_without_text();
                let s = span.trim(self.text);
                self.blocks.push(new_block(BlockKind::Rule, s, s));
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        let leaf = |kind| Leaf {
            kind,
            range: range.clone(),
            first: None,
            last: range.start,
        };
        match tag {
            Tag::Paragraph => {
                self.close_implicit();
                self.leaf = Some(leaf(LeafKind::Paragraph));
            }
            Tag::Heading { level, .. } => {
                self.close_implicit();
                self.leaf = Some(leaf(LeafKind::Heading(level as u8)));
            }
            Tag::CodeBlock(_) => {
                self.close_implicit();
                self.leaf = Some(leaf(LeafKind::Code));
            }
            Tag::HtmlBlock => {
                self.close_implicit();
                self.leaf = Some(leaf(LeafKind::Html));
            }
            Tag::BlockQuote(_) => {
                self.close_implicit();
                self.item_without_text();
                self.containers.push(Container::Quote);
            }
            Tag::List(_) => {
                self.close_implicit();
                self.item_without_text();
                self.containers.push(Container::List);
            }
            Tag::Item => {
                self.close_implicit();
                self.containers.push(Container::Item {
                    start: range.start,
                    done: false,
                });
            }
            Tag::Table(_) => {
                self.close_implicit();
                self.item_without_text();
                self.table = Some(Table::default());
            }
            Tag::TableCell => self.leaf = Some(leaf(LeafKind::Cell)),
            Tag::Emphasis => self.open(range.start, Inline::Emphasis, None),
            Tag::Strong => self.open(range.start, Inline::Strong, None),
            Tag::Strikethrough => self.open(range.start, Inline::Strikethrough, None),
            Tag::Link {
                dest_url,
                link_type,
                ..
            } => {
                let bare = matches!(link_type, LinkType::Autolink | LinkType::Email);
                self.open(
                    range.start,
                    Inline::Link,
                    Some((dest_url.into_string(), bare)),
                )
            }
            Tag::Image { dest_url, .. } => self.open(
                range.start,
                Inline::Image,
                Some((dest_url.into_string(), false)),
            ),
            Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::TableHead
            | Tag::TableRow
            | Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, end: TagEnd, range: Range<usize>) {
        match end {
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::TableCell => self.close_leaf(),
            TagEnd::BlockQuote(_) | TagEnd::List(_) => {
                self.close_implicit();
                self.containers.pop();
            }
            TagEnd::Item => {
                self.close_implicit();
                self.containers.pop();
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    let trimmed = Span::new(range.start, range.end).trim(self.text);
                    // A cell of only whitespace (U+2029 counts) may start
                    // before the trimmed table.
                    let cells = t.rows.iter().flatten();
                    let span = Span::new(
                        cells
                            .clone()
                            .map(|c| c.start)
                            .fold(trimmed.start, usize::min),
                        cells.map(|c| c.end).fold(trimmed.end, usize::max),
                    );
                    if !t.rows.is_empty() {
                        self.blocks.push(new_block(
                            BlockKind::Table {
                                rows: t.rows,
                                header: true,
                            },
                            span,
                            span,
                        ));
                    }
                }
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image => {
                if let Some(Open {
                    start,
                    inline,
                    link,
                }) = self.open.pop()
                {
                    let span = Span::new(start, range.end);
                    self.markup.styles.push(Styled { span, inline });
                    if let Some((url, bare)) = link {
                        let text = self.text_within(span);
                        self.markup.links.push(Link {
                            span,
                            text,
                            url,
                            image: inline == Inline::Image,
                            bare,
                        });
                    }
                }
            }
            TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::MetadataBlock(_) => {}
        }
    }

    fn open(&mut self, start: usize, inline: Inline, link: Option<(String, bool)>) {
        self.open.push(Open {
            start,
            inline,
            link,
        });
    }

    /// An item that opens with a list, a quote, a table or a rule has no
    /// text of its own: its marker is not carried to a paragraph further
    /// down, past those blocks.
    fn item_without_text(&mut self) {
        if let Some(Container::Item { done, .. }) = self.containers.last_mut() {
            *done = true;
        }
    }

    /// The part of `span` the open leaf shows.
    fn text_within(&self, span: Span) -> Span {
        let inside: Vec<Span> = self
            .visible
            .iter()
            .map(|(s, _)| *s)
            .filter(|s| span.start <= s.start && s.end <= span.end)
            .collect();
        match (inside.first(), inside.last()) {
            (Some(a), Some(b)) => Span::new(a.start, b.end),
            _ => Span::new(span.start, span.start),
        }
    }

    /// Records that the open leaf shows `span`, as it is or as `shown`.
    fn show(&mut self, span: Span, shown: Option<String>) {
        if self.leaf.is_none() {
            // Text directly in a list item: its first paragraph.
            self.leaf = Some(Leaf {
                kind: LeafKind::ItemText,
                range: span.start..span.end,
                first: None,
                last: span.start,
            });
        }
        self.note_leaf(span);
        if let Some(leaf) = &mut self.leaf {
            leaf.first.get_or_insert(span.start);
            leaf.last = leaf.last.max(span.end);
        }
        self.visible.push((span, shown));
    }

    /// Widens the open leaf to take in `span` without showing it.
    fn note_leaf(&mut self, span: Span) {
        if let Some(leaf) = &mut self.leaf {
            leaf.range.end = leaf.range.end.max(span.end);
        }
    }

    /// Ends text written directly in a list item, where a nested list or
    /// another block starts.
    fn close_implicit(&mut self) {
        if self
            .leaf
            .as_ref()
            .is_some_and(|l| l.kind == LeafKind::ItemText)
        {
            self.close_leaf();
        }
    }

    fn close_leaf(&mut self) {
        let Some(leaf) = self.leaf.take() else {
            return;
        };
        let visible = std::mem::take(&mut self.visible);
        let Some(first) = leaf.first else {
            if leaf.kind == LeafKind::Cell {
                if let Some(t) = &mut self.table {
                    let at = leaf.range.start;
                    t.row.push(Span::new(at, at));
                }
            }
            return;
        };
        let mut content = Span::new(first, leaf.last);
        if matches!(leaf.kind, LeafKind::Code | LeafKind::Html) {
            // The code's last line break ends the block, not a line.
            let s = content.of(self.text);
            content.end = content.start + s.trim_end_matches(['\n', '\r']).len();
        }
        if leaf.kind == LeafKind::Html {
            let t = content.of(self.text).trim();
            if t.starts_with("<!--") && t.ends_with("-->") {
                self.markup
                    .hidden
                    .push(Span::new(leaf.range.start, leaf.range.end));
                return;
            }
        }
        // Whatever the leaf's content holds besides what it shows is markup.
        let mut at = content.start;
        for (span, shown) in visible {
            let start = span.start.max(at).min(content.end);
            let span = Span::new(start, span.end.min(content.end).max(start));
            if span.start > at {
                self.markup.hidden.push(Span::new(at, span.start));
            }
            if let Some(text) = shown {
                if !span.is_empty() {
                    self.markup.shown.push(Shown { span, text });
                }
            }
            at = span.end;
        }
        if at < content.end {
            self.markup.hidden.push(Span::new(at, content.end));
        }
        let trimmed = Span::new(leaf.range.start, leaf.range.end.max(content.end)).trim(self.text);
        let whole = Span::new(
            trimmed.start.min(content.start),
            trimmed.end.max(content.end),
        );
        let in_quote = self
            .containers
            .iter()
            .rev()
            .find(|c| !matches!(c, Container::List))
            .is_some_and(|c| matches!(c, Container::Quote));
        let depth = self
            .containers
            .iter()
            .filter(|c| matches!(c, Container::List))
            .count()
            .saturating_sub(1);
        let item = match self.containers.last_mut() {
            Some(Container::Item { start, done }) if !*done => {
                *done = true;
                Some(*start)
            }
            _ => None,
        };
        let blank = content.of(self.text).trim().is_empty();
        let (kind, span) = match leaf.kind {
            LeafKind::Paragraph | LeafKind::ItemText | LeafKind::Heading(_) if blank => return,
            LeafKind::Cell => {
                if let Some(t) = &mut self.table {
                    t.row.push(content);
                }
                return;
            }
            LeafKind::Heading(level) => (BlockKind::Heading { level }, whole),
            LeafKind::Code => (BlockKind::Code, whole),
            LeafKind::Html => {
                self.html.push(self.blocks.len());
                (BlockKind::Code, whole)
            }
            LeafKind::Paragraph | LeafKind::ItemText => match item {
                Some(start) => {
                    let marker = marker_at(self.text, start);
                    self.markup.items.push((marker.start, depth as u8));
                    (
                        BlockKind::ListItem { marker },
                        Span::new(marker.start, content.end),
                    )
                }
                _ if in_quote => (BlockKind::Quote, Span::new(whole.start, content.end)),
                _ => (BlockKind::Paragraph, content),
            },
        };
        let shown = content.of(self.text);
        let kind = match kind {
            BlockKind::Paragraph if is_pipe_table(shown) => {
                let (rows, header) = table_rows(self.text, &line_spans(self.text, content));
                BlockKind::Table { rows, header }
            }
            BlockKind::Paragraph if super::segment::is_caption(shown) => BlockKind::Caption,
            // Pages saved as Markdown often mark a heading only by standing
            // alone on its line, as plain text does.
            BlockKind::Paragraph if !shown.contains('\n') && looks_like_heading(shown) => {
                BlockKind::Heading { level: 2 }
            }
            k => k,
        };
        self.blocks.push(new_block(kind, span, content));
    }
}

/// A paragraph of `|`-separated rows: a table whose delimiter row
/// (`|---|`) the converter that wrote the page left out, so the parser read
/// it as text. Its first line is a row of at least two cells, and at least
/// one line in three holds a `|` (a cell's text may wrap onto lines of its
/// own, each then a row of its own).
fn is_pipe_table(shown: &str) -> bool {
    let lines = shown.lines().filter(|l| !l.trim().is_empty());
    let (total, rows) = lines.fold((0, 0), |(t, r), l| {
        (t + 1, r + usize::from(l.contains('|')))
    });
    shown.lines().next().is_some_and(is_table_row) && total >= 2 && rows * 3 >= total
}

/// The non-blank lines of `span`, trimmed.
fn line_spans(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    for line in span.of(text).split_inclusive('\n') {
        let trimmed = Span::new(start, start + line.len()).trim(text);
        start += line.len();
        if !trimmed.is_empty() {
            out.push(trimmed);
        }
    }
    out
}

/// Blocks that are only links, such as a row of site links or a list of
/// downloads: boilerplate, as [`mark_boilerplate`] finds them in plain
/// text. Here the links are known from the parse, and a block's span may
/// end before the address of its last link.
fn mark_link_rows(text: &str, links: &[Link], blocks: &mut [Block]) {
    for b in blocks.iter_mut().filter(|b| !b.boilerplate) {
        let (start, end) = (b.content.start, b.content.end);
        let inside: Vec<&Link> = links
            .iter()
            .filter(|l| l.span.start < end && l.span.end > start)
            .collect();
        if inside.is_empty() {
            continue;
        }
        let mut outside = String::new();
        let mut at = start;
        for l in &inside {
            if l.span.start > at {
                outside.push_str(&text[at..l.span.start]);
                outside.push(' ');
            }
            at = at.max(l.span.end);
        }
        if at < end {
            outside.push_str(&text[at..end]);
        }
        b.boilerplate = super::segment::only_links(&outside, inside.len());
    }
}

/// The list marker (`-`, `1.`) of the item that starts at `start`.
fn marker_at(text: &str, start: usize) -> Span {
    let rest = &text[start..];
    let lead = rest.len() - rest.trim_start().len();
    let len = rest[lead..]
        .find(char::is_whitespace)
        .unwrap_or(rest.len() - lead);
    Span::new(start + lead, start + lead + len)
}

/// The bytes of a code span that hold its code: inside the backticks,
/// without the one space each side that the backticks may be padded with.
fn code_inner(text: &str, span: Span, code: &str) -> Span {
    let s = span.of(text);
    let ticks = s.len() - s.trim_start_matches('`').len();
    let close = s.len() - s.trim_end_matches('`').len();
    if ticks + close > s.len() {
        return Span::new(span.start, span.start);
    }
    let mut inner = Span::new(span.start + ticks, span.end - close);
    let t = inner.of(text);
    if t.len() >= 2
        && t.starts_with([' ', '\n'])
        && t.ends_with([' ', '\n'])
        && t.len() > code.len()
    {
        inner = Span::new(inner.start + 1, inner.end - 1);
    }
    inner
}

fn new_block(kind: BlockKind, span: Span, content: Span) -> Block {
    Block {
        kind,
        span,
        content,
        boilerplate: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::layout::{block_rows, Piece};

    const FIXTURE: &str = include_str!("../../tests/fixtures/markdown/constructs.md");

    fn shown(text: &str, markup: &Markup, span: Span) -> String {
        markup.plain(text, span).into_owned()
    }

    /// Each block's kind and what it shows.
    fn blocks(text: &str) -> Vec<(BlockKind, String)> {
        let (seg, m) = parse(text, 0);
        seg.blocks
            .iter()
            .map(|b| (b.kind.clone(), shown(text, &m, b.content)))
            .collect()
    }

    #[test]
    fn inline_markup_is_hidden_and_the_text_kept() {
        let text = "Some **bold**, _em_, `code` and [a link](https://e.org/x \"T\") \\*x\\* &amp; <https://a.b/c>.\n";
        let (seg, m) = parse(text, 0);
        assert_eq!(seg.blocks.len(), 1);
        assert_eq!(
            shown(text, &m, seg.blocks[0].content),
            "Some bold, em, code and a link *x* & https://a.b/c."
        );
        let hidden: Vec<&str> = m.hidden.iter().map(|s| s.of(text)).collect();
        assert_eq!(
            hidden,
            [
                "**",
                "**",
                "_",
                "_",
                "`",
                "`",
                "[",
                "](https://e.org/x \"T\")",
                "\\",
                "\\",
                "<",
                ">"
            ]
        );
        assert_eq!(m.shown.len(), 1);
        assert_eq!(
            (m.shown[0].span.of(text), m.shown[0].text.as_str()),
            ("&amp;", "&")
        );
        let styled: Vec<(&str, Inline)> = m
            .styles
            .iter()
            .map(|s| (s.span.of(text), s.inline))
            .collect();
        assert_eq!(
            styled,
            [
                ("**bold**", Inline::Strong),
                ("_em_", Inline::Emphasis),
                ("`code`", Inline::Code),
                ("[a link](https://e.org/x \"T\")", Inline::Link),
                ("<https://a.b/c>", Inline::Link),
            ]
        );
        let links: Vec<(&str, &str, bool)> = m
            .links
            .iter()
            .map(|l| (l.text.of(text), l.url.as_str(), l.bare))
            .collect();
        assert_eq!(
            links,
            [
                ("a link", "https://e.org/x", false),
                ("https://a.b/c", "https://a.b/c", true)
            ]
        );
    }

    #[test]
    fn every_block_construct_has_its_kind() {
        let got = blocks(FIXTURE);
        let find = |s: &str| {
            got.iter()
                .find(|(_, t)| t.starts_with(s))
                .map(|(k, _)| k.clone())
                .unwrap_or_else(|| panic!("{s} in {got:#?}"))
        };
        assert_eq!(find("Alliance Logistics"), BlockKind::Heading { level: 1 });
        assert_eq!(find("Munitions Planning"), BlockKind::Heading { level: 1 });
        assert_eq!(find("Setext Subheading"), BlockKind::Heading { level: 2 });
        assert_eq!(find("Allied planners"), BlockKind::Paragraph);
        assert_eq!(find("Readiness depends"), BlockKind::Quote);
        assert_eq!(find("[depots]"), BlockKind::Code);
        assert_eq!(find("<div"), BlockKind::Code);
        assert!(matches!(
            find("Germany expands"),
            BlockKind::ListItem { .. }
        ));
        assert!(matches!(
            find("Pool the orders"),
            BlockKind::ListItem { .. }
        ));
        assert!(got.iter().any(|(k, _)| *k == BlockKind::Rule));
        assert!(got
            .iter()
            .any(|(k, _)| matches!(k, BlockKind::Table { .. })));
        // The comment is shown nowhere; the quote's second line has no `>`.
        assert!(got.iter().all(|(_, t)| !t.contains("<!--")));
        assert!(got.iter().all(|(_, t)| !t.contains("\n>")));
        assert_eq!(
            got.iter().find(|(k, _)| *k == BlockKind::Quote).map(|(_, t)| t.as_str()),
            Some("Readiness depends on shared depots across the eastern flank, not on national reserves alone.")
        );
    }

    #[test]
    fn pipe_rows_without_a_delimiter_row_are_a_table() {
        let text = "Ports handle most bulk goods in the region.\n\n\
                    | Port | **Tonnes** | Share\n\
                    | Rotterdam | 440 | 31%\n\
                    | Antwerp | 270 \n\
                    (provisional)\n\
                    | Hamburg | 110 | 8%\n\n\
                    | Calls for a Moratorium\n\
                    Some stakeholders point to the lack of baseline data.\n\
                    Others want a pause until 2030.\n";
        let seg = parse(text, 0).0;
        let kinds: Vec<&BlockKind> = seg.blocks.iter().map(|b| &b.kind).collect();
        let BlockKind::Table { rows, header } = kinds[1] else {
            panic!("{kinds:?}");
        };
        assert!(!header);
        let cells: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(|c| c.of(text)).collect())
            .collect();
        assert_eq!(
            cells,
            [
                vec!["Port", "**Tonnes**", "Share"],
                vec!["Rotterdam", "440", "31%"],
                vec!["Antwerp", "270"],
                vec!["(provisional)"],
                vec!["Hamburg", "110", "8%"],
            ]
        );
        // A box whose title line alone has a bar is prose.
        assert_eq!(*kinds[2], BlockKind::Paragraph);
        assert_eq!(kinds.len(), 3);
    }

    #[test]
    fn rows_and_lists_of_links_are_boilerplate_and_prose_with_a_link_is_not() {
        let text = "Ports handle most bulk goods in the region.\n\n[Citation](https://example.org#c)[Subscribe](https://example.org/s) > R123\n\n- [April 22, 2026 (Version 53)](https://example.org/a.pdf)\n- [Download PDF (598KB)](https://example.org/r.pdf)\n\nSee the [port statistics](https://example.org/p) for the monthly volumes of each port.\n";
        let seg = parse(text, 0).0;
        let junk: Vec<bool> = seg.blocks.iter().map(|b| b.boilerplate).collect();
        assert_eq!(junk, [false, true, true, true, false], "{:?}", seg.blocks);
    }

    #[test]
    fn a_short_line_standing_alone_is_a_heading_as_in_plain_text() {
        let got = blocks("Summary\n\nPorts handle most bulk goods.\n\nThe Strait and Its Shipping Lanes\n\nShips wait to transit.\n");
        assert_eq!(got[0], (BlockKind::Heading { level: 2 }, "Summary".into()));
        assert_eq!(got[1].0, BlockKind::Paragraph);
        assert_eq!(got[2].0, BlockKind::Heading { level: 2 });
        // A sentence, or a paragraph of several lines, stays a paragraph.
        let got = blocks("Ships wait to transit.\n\nShips wait\nto transit\n");
        assert!(
            got.iter().all(|(k, _)| *k == BlockKind::Paragraph),
            "{got:?}"
        );
    }

    #[test]
    fn nested_items_know_their_depth_and_html_is_dimmed() {
        let (seg, m) = parse(FIXTURE, 0);
        let depth = |s: &str| {
            let b = seg
                .blocks
                .iter()
                .find(|b| b.content.of(FIXTURE).starts_with(s))
                .expect(s);
            match b.kind {
                BlockKind::ListItem { marker } => m.depth(marker.start),
                _ => panic!("{s} is no list item"),
            }
        };
        assert_eq!(depth("Ammunition"), 0);
        assert_eq!(depth("Germany"), 1);
        assert_eq!(depth("Transport"), 0);
        let html = seg
            .blocks
            .iter()
            .find(|b| b.content.of(FIXTURE).starts_with("<div"))
            .expect("the HTML block");
        assert!(html.boilerplate && !html.is_prose());
        // Code and HTML have no sentences, so the analysis never reads them.
        assert!(seg.sentences.iter().all(
            |s| !s.span.of(FIXTURE).contains("depots]") && !s.span.of(FIXTURE).contains("<div")
        ));
    }

    #[test]
    fn links_are_found_by_the_passage_that_shows_them() {
        let (seg, m) = parse(FIXTURE, 0);
        let para = seg
            .blocks
            .iter()
            .find(|b| b.content.of(FIXTURE).starts_with("Allied"))
            .expect("the paragraph");
        let urls: Vec<&str> = m.links_in(para.span).map(|l| l.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://example.org/communique?id=42",
                "https://annex.example.net/logistics"
            ]
        );
    }

    #[test]
    fn markdown_wraps_what_it_shows_and_keeps_offsets_into_the_file() {
        let text = "Allied **planners** agreed on `joint` pools &amp; [depots](https://e.org/d) in\n   the east.\n";
        let (seg, m) = parse(text, 0);
        let rows = block_rows(text, &m, &seg.blocks[0], 20);
        let lines: Vec<String> = rows
            .iter()
            .map(|r| {
                r.pieces
                    .iter()
                    .map(|p| match p {
                        Piece::Text { span, .. } => span.of(text).to_string(),
                        Piece::Deco { text, .. } | Piece::Shown { text, .. } => text.clone(),
                    })
                    .collect()
            })
            .collect();
        assert_eq!(
            lines,
            [
                "Allied planners",
                "agreed on joint",
                "pools & depots in",
                "the east."
            ]
        );
        for r in &rows {
            assert!(r.width(text) <= 20);
            for p in &r.pieces {
                if let Piece::Text { span, .. } = p {
                    assert!(m.is_plain(*span), "{:?} shows markup", span.of(text));
                }
            }
        }
        // Each row starts at the byte of the file it shows first.
        assert_eq!(&text[rows[0].start..rows[0].start + 6], "Allied");
        assert_eq!(&text[rows[1].start..rows[1].start + 6], "agreed");
        assert_eq!(&text[rows[3].start..rows[3].start + 3], "the");
    }

    #[test]
    fn code_blocks_keep_their_lines_and_indent() {
        let text = "```\nfn main() {\n    go();\n}\n```\n";
        let (seg, m) = parse(text, 0);
        assert_eq!(seg.blocks[0].kind, BlockKind::Code);
        let lines: Vec<String> = block_rows(text, &m, &seg.blocks[0], 40)
            .iter()
            .map(|r| {
                r.pieces
                    .iter()
                    .map(|p| match p {
                        Piece::Text { span, .. } => span.of(text).to_string(),
                        Piece::Deco { text, .. } | Piece::Shown { text, .. } => text.clone(),
                    })
                    .collect()
            })
            .collect();
        assert_eq!(lines, ["  fn main() {", "      go();", "  }"]);
    }
}
