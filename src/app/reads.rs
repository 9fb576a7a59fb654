//! What the UI, the shell and the tests may read of the app: its state
//! through methods, never its fields.

use super::find::Find;
use super::jumps::JumpList;
use super::keymap::Keymap;
use super::mode::Mode;
use super::notes::Notes;
use super::selection::Selection;
use super::view::View;
use super::{App, Background, Pane, RefItem};
use crate::analysis::{Analysis, KeyPoint};
use crate::config::{ThemeConfig, UiConfig};
use crate::corpus::{Article, Problem, Severity};
use crate::state::Progress;
use crate::text::Span;

impl App {
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// What the library was loaded from, for the empty-library message.
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// Key points, topics and links; `None` while they are being computed.
    pub fn analysis(&self) -> Option<&Analysis> {
        self.analysis.as_deref()
    }

    pub fn focus(&self) -> Pane {
        self.focus
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The highlighted entry of the library pane.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The first library entry shown.
    pub fn list_offset(&self) -> usize {
        self.list_offset
    }

    /// The title article `id` is shown under: its own, or for an article
    /// without one, a title from its topics once the analysis is there,
    /// and its first sentence until then.
    pub fn title(&self, id: usize) -> &str {
        self.titles
            .get(id)
            .and_then(Option::as_deref)
            .unwrap_or(&self.articles[id].title)
    }

    /// The selected entry of the key-point pane.
    pub fn key_point(&self) -> usize {
        self.key_point
    }

    /// The selected entry of the cross-reference pane.
    pub fn reference(&self) -> usize {
        self.reference
    }

    /// The article in the source pane.
    pub fn open(&self) -> Option<usize> {
        self.open
    }

    /// The reading place in every article.
    pub fn views(&self) -> &[View] {
        &self.views
    }

    pub fn jumps(&self) -> &JumpList {
        &self.jumps
    }

    /// The passage a jump landed on, highlighted in the source pane.
    pub fn highlight(&self) -> Option<(usize, Span)> {
        self.highlight
    }

    /// The sentence cursor and visual mode in the open article.
    pub fn selection(&self) -> Selection {
        self.selection
    }

    pub fn notes(&self) -> &Notes {
        &self.notes
    }

    /// A one-off message for the status bar.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// The search in the open article and its matches.
    pub fn find(&self) -> Option<&Find> {
        self.find.as_ref()
    }

    /// How far the reader has got in each article.
    pub fn progress(&self) -> &[Progress] {
        &self.progress
    }

    pub fn width(&self) -> u16 {
        self.width
    }

    pub fn height(&self) -> u16 {
        self.height
    }

    pub fn ui(&self) -> &UiConfig {
        &self.ui
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// Whether colours may be used.
    pub fn color(&self) -> bool {
        self.color
    }

    pub fn theme(&self) -> &ThemeConfig {
        &self.theme
    }

    /// Whether the library is still being read.
    pub fn loading(&self) -> bool {
        self.loading
    }

    /// How far reading or analysing the library has got.
    pub fn background(&self) -> Option<Background> {
        self.background
    }

    pub fn open_article(&self) -> Option<&Article> {
        self.open.and_then(|i| self.articles.get(i))
    }

    pub fn open_view(&self) -> Option<&View> {
        self.open.and_then(|i| self.views.get(i))
    }

    /// The links in the passage under the cursor of the open article, in
    /// order.
    pub fn passage_links(&self) -> Vec<&crate::text::markdown::Link> {
        let (Some(article), Some(view)) = (self.open_article(), self.open_view()) else {
            return Vec::new();
        };
        match article.blocks.get(view.cursor) {
            Some(block) => article.markup.links_in(block.span).collect(),
            None => Vec::new(),
        }
    }

    /// How many files were skipped while loading.
    pub fn skipped(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Skipped)
            .count()
    }

    /// The key points of the open article (empty until analysed).
    pub fn key_points(&self) -> &[KeyPoint] {
        match (&self.analysis, self.open) {
            (Some(a), Some(id)) => a.key_points(id),
            _ => &[],
        }
    }

    /// The cross-reference entries for the passage under the cursor,
    /// followed by the articles most related to the open one.
    pub fn ref_items(&self) -> Vec<RefItem<'_>> {
        let (Some(a), Some(id), Some(view)) = (&self.analysis, self.open, self.open_view()) else {
            return Vec::new();
        };
        let mut items: Vec<RefItem<'_>> = a
            .links_for(id, view.cursor)
            .iter()
            .map(RefItem::Link)
            .collect();
        items.extend(
            a.related(id)
                .iter()
                .map(|&(b, score)| RefItem::Related(b, score)),
        );
        items
    }
}
