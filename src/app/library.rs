//! The library and its analysis as they arrive from the loader: the
//! articles with the reading state to restore in them, then an earlier
//! analysis to show meanwhile, then the fresh one.

use std::sync::Arc;

use super::action::Loaded;
use super::find::PromptKind;
use super::mode::Mode;
use super::view::View;
use super::{App, Background};
use crate::analysis::Analysis;
use crate::corpus::{Article, Problem};
use crate::notes::Access;
use crate::state::{Progress, ReadingState};

impl App {
    pub(super) fn loaded(&mut self, news: Loaded) {
        match news {
            Loaded::Reading(done, total) => {
                self.background = Some(Background::Reading(done, total))
            }
            Loaded::Library(articles, problems, state) => {
                self.set_library(articles, problems, state.as_ref())
            }
            Loaded::Analysing(step) => self.background = Some(Background::Analysing(step)),
            Loaded::Earlier(analysis) => self.replace_analysis(analysis),
            Loaded::Analysis(analysis) => {
                self.replace_analysis(analysis);
                self.background = None;
            }
            Loaded::Changed(articles, problems) => self.library_changed(articles, problems),
        }
    }

    /// Takes the library once it has loaded in the background, with the
    /// reading state to restore in it.
    pub(super) fn set_library(
        &mut self,
        articles: Arc<Vec<Article>>,
        problems: Vec<Problem>,
        state: Option<&ReadingState>,
    ) {
        let n = articles.len();
        self.views = vec![View::default(); n];
        self.progress = vec![Progress::Unread; n];
        self.open = (n > 0).then_some(0);
        self.articles = articles;
        self.titles = vec![None; n];
        self.problems.extend(problems);
        self.loading = false;
        let notes = std::mem::take(&mut self.notes.notes);
        let access = self
            .notes
            .read_only
            .clone()
            .map_or(Access::ReadWrite, Access::ReadOnly);
        self.set_notes(notes, access);
        if let Some(state) = state {
            self.restore_reading(state);
        }
        // A picker open while the library loaded lists the articles now.
        if let Mode::Prompt(prompt) = &mut self.mode {
            if prompt.kind == PromptKind::Picker {
                prompt.picked = crate::search::pick(&self.articles, &self.titles, &prompt.text());
            }
        }
        self.refit();
    }

    /// Shows `analysis` in place of the one shown, if any. An open topic
    /// stays open if the new analysis has it too, found by its label, and
    /// selections are kept within the new lists.
    pub(super) fn replace_analysis(&mut self, analysis: Arc<Analysis>) {
        if let (
            Mode::Topics {
                selected,
                topic,
                hit,
            },
            Some(old),
        ) = (&self.mode, &self.analysis)
        {
            let now = analysis.topics();
            let find = |i: usize| {
                let label = &old.topics().get(i)?.label;
                now.iter().position(|t| &t.label == label)
            };
            let topic = topic.and_then(find);
            let hits = topic.map_or(0, |t| now[t].occurrences.len());
            self.mode = Mode::Topics {
                selected: topic
                    .or_else(|| find(*selected))
                    .unwrap_or((*selected).min(now.len().saturating_sub(1))),
                topic,
                hit: (*hit).min(hits.saturating_sub(1)),
            };
        }
        self.titles = self
            .articles
            .iter()
            .map(|a| analysis.derived_title(a))
            .collect();
        self.analysis = Some(analysis);
        // Titles change the library's entries.
        self.refit();
        self.key_point = self
            .key_point
            .min(self.key_points().len().saturating_sub(1));
        self.reference = self.reference.min(self.ref_items().len().saturating_sub(1));
    }
}
