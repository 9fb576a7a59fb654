//! Reading aids computed from the whole library, without I/O: each
//! article's key points, topics shared between articles, links from every
//! passage to related passages of other articles, and how related whole
//! articles are.
//!
//! Everything is computed once by [`Analysis::compute`]; the getters only
//! look results up. A passage is a block that [`Block::is_prose`] accepts.
//!
//! The public types live in `model` and are re-exported here; `pipeline`
//! runs the stages, `carry` keeps what holds of an earlier analysis, and
//! the stages themselves are `terms`, `topics`, `links` and `keypoints`,
//! over `sections`, `vecmath`, `semantic` and the word lists in `words`.
//! `titles` names an article without a title of its own by its topics.
//!
//! [`Block::is_prose`]: crate::text::segment::Block::is_prose

mod carry;
#[doc(hidden)]
pub mod codec;
pub mod dump;
mod keypoints;
mod links;
mod model;
mod pipeline;
#[doc(hidden)]
pub mod quality;
mod sections;
mod semantic;
mod spelling;
mod terms;
mod titles;
mod topics;
mod variants;
mod vecmath;
pub mod vectors;
mod words;

pub use model::{
    Analysis, KeyPoint, Link, Occurrence, Settings, Stats, Step, Topic, DEFAULT_MIN_LINK_SCORE,
};
pub use pipeline::stages;

#[cfg(test)]
use crate::corpus::Article;

/// A library of articles made from `texts`, named `0.txt`, `1.txt`…, for
/// the analysis tests.
#[cfg(test)]
pub(crate) fn test_library(texts: &[&str]) -> Vec<Article> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Article::new(
                i,
                std::path::PathBuf::from(format!("{i}.txt")),
                format!("{i}.txt"),
                t.to_string(),
            )
            .0
        })
        .collect()
}

/// An article that opens with the author's key takeaways, two list items,
/// followed by prose of its own.
#[cfg(test)]
pub(crate) const WITH_TAKEAWAYS: &str = "Rail and ports\nKey takeaways\n- Ports matter more than ever for the trade of the whole region.\n- Railways now carry most of the new freight volume inland.\nIntroduction\nPorts and railways compete for freight across the region today. Ports handle bulk goods while railways move containers inland quickly. Trucks fill the remaining gaps in the road network.\nPlanners expect the trend to continue for several more seasons, because ports stay congested.";
