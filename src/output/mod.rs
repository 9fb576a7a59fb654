//! What the commands print: the library as JSON (written by
//! `analysis::dump`), as a Markdown report or as the articles' text, and
//! notes exported as Markdown or JSON. Everything from files or people is sanitised here.

pub mod notes;
pub mod report;
pub mod text;

pub use crate::analysis::dump as json;
