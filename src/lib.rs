//! briefing: a full-screen terminal reader for policy and news briefings.
//!
//! The crate is layered so that each layer only knows the ones below it:
//! `text`, `corpus` and `config` form the pure core; `app` holds the reader's
//! state and turns actions into effects without doing I/O; `ui` draws that
//! state with ratatui; `tui` is the thin shell that owns the terminal.

#![forbid(unsafe_code)]

pub mod analysis;
pub mod app;
pub mod cache;
pub mod config;
pub mod corpus;
pub mod durable;
pub mod notes;
pub mod report;
pub mod search;
pub mod state;
pub mod strings;
pub mod shell;
pub mod text;
pub mod ui;
