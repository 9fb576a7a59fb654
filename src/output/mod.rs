//! What the commands print: the library as JSON (written by
//! `analysis::dump`) or as a Markdown report, and notes exported as
//! Markdown or JSON. Everything from files or people is sanitised here.

pub mod notes;
pub mod report;

pub use crate::analysis::dump as json;
