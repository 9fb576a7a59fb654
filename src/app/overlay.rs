//! Keys in the windows drawn over the panes: the help, the loading
//! messages, the shared topics, the library search results and the link
//! list.

use super::action::{Action, Effect};
use super::mode::Mode;
use super::{step_list, App, PAGE};
use crate::strings;
use crate::text::sanitize::one_line;

impl App {
    /// Keys in the help, the messages or the topics.
    pub(super) fn update_overlay(&mut self, action: Action) {
        let max = self.max_scroll();
        let step = |s: usize| {
            match action {
                Action::Down => s + 1,
                Action::Up => s.saturating_sub(1),
                Action::PageDown => s + 10,
                Action::PageUp => s.saturating_sub(10),
                Action::Top => 0,
                Action::Bottom => usize::MAX,
                _ => s,
            }
            .min(max)
        };
        self.mode = match (&self.mode, action) {
            (
                Mode::Topics {
                    selected,
                    topic: Some(_),
                    ..
                },
                Action::Close,
            ) => Mode::Topics {
                selected: *selected,
                topic: None,
                hit: 0,
            },
            (_, Action::Close) => Mode::Normal,
            (Mode::Help { .. }, Action::ToggleHelp)
            | (Mode::Messages { .. }, Action::ToggleMessages)
            | (Mode::Topics { .. }, Action::ToggleTopics) => Mode::Normal,
            (Mode::Help { scroll }, _) => Mode::Help {
                scroll: step(*scroll),
            },
            (Mode::Messages { scroll }, _) => Mode::Messages {
                scroll: step(*scroll),
            },
            (
                &Mode::Topics {
                    selected,
                    topic,
                    hit,
                },
                _,
            ) => return self.update_topics(selected, topic, hit, action),
            _ => return,
        };
    }

    fn update_topics(&mut self, selected: usize, topic: Option<usize>, hit: usize, action: Action) {
        let Some(analysis) = self.analysis.clone() else {
            return;
        };
        let topics = analysis.topics();
        match topic {
            None if action == Action::Open && selected < topics.len() => {
                self.mode = Mode::Topics {
                    selected,
                    topic: Some(selected),
                    hit: 0,
                };
            }
            None => {
                let selected = step_list(selected, topics.len(), action, PAGE);
                self.mode = Mode::Topics {
                    selected,
                    topic: None,
                    hit: 0,
                };
            }
            Some(t) => {
                let hits = &topics[t].occurrences;
                if action == Action::Open {
                    if let Some(o) = hits.get(hit) {
                        self.mode = Mode::Normal;
                        self.jump_to(o.article, o.block, o.span);
                    }
                } else {
                    let hit = step_list(hit, hits.len(), action, PAGE);
                    self.mode = Mode::Topics {
                        selected,
                        topic,
                        hit,
                    };
                }
            }
        }
    }

    /// `L` in the source pane: the open article's links, the first of the
    /// passage under the cursor selected.
    pub(super) fn open_links(&mut self) {
        let (Some(article), Some(view)) = (self.open_article(), self.open_view()) else {
            return;
        };
        if article.markup.links.is_empty() {
            self.say(strings::NO_LINK_ADDRESSES);
            return;
        }
        let passage = article.blocks.get(view.cursor).map(|b| b.span);
        let selected = passage
            .and_then(|p| {
                article
                    .markup
                    .links
                    .iter()
                    .position(|l| l.text.start >= p.start)
            })
            .unwrap_or(0)
            .min(article.markup.links.len() - 1);
        self.mode = Mode::Links { selected };
    }

    /// Keys in the link list.
    pub(super) fn update_links(&mut self, action: Action) -> Vec<Effect> {
        let Mode::Links { selected } = self.mode else {
            return Vec::new();
        };
        let Some(article) = self.open_article() else {
            self.mode = Mode::Normal;
            return Vec::new();
        };
        let (id, links) = (article.id, &article.markup.links);
        let len = links.len();
        match action {
            Action::Close | Action::ToggleLinks => self.mode = Mode::Normal,
            Action::Choose(n) if (1..=len).contains(&n) => {
                self.mode = Mode::Links { selected: n - 1 }
            }
            Action::Open => {
                if let Some(link) = links.get(selected) {
                    let (block, text) = (article.block_at(link.text.start), link.text);
                    self.mode = Mode::Normal;
                    self.jump_to(id, block, text);
                }
            }
            Action::Copy | Action::CopyLink => {
                if let Some(url) = links.get(selected).map(|l| one_line(&l.url)) {
                    self.mode = Mode::Normal;
                    self.say(format!("{} {url}", strings::COPIED_LINK));
                    return vec![Effect::Copy(url)];
                }
            }
            _ => {
                self.mode = Mode::Links {
                    selected: step_list(selected, len, action, PAGE),
                }
            }
        }
        Vec::new()
    }

    /// Keys in the library search results.
    pub(super) fn update_results(&mut self, action: Action) {
        let len = self.result_items().len();
        let Mode::Results { selected, .. } = &mut self.mode else {
            return;
        };
        match action {
            Action::Close => self.mode = Mode::Normal,
            Action::Open => {
                let selected = *selected;
                self.open_result(selected);
            }
            _ => *selected = step_list(*selected, len, action, PAGE),
        }
    }
}
