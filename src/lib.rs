//! briefing: a full-screen terminal reader for policy and news briefings.
//!
//! The crate is layered so that each layer only knows the ones below it
//! (ARCHITECTURE.md has the map): `text`, `corpus`, `analysis`, `notes`
//! and `config` are the core, pure functions of their input; `app` holds
//! the reader's state and turns messages into effects without doing I/O;
//! `ui` draws that state with ratatui; `shell` owns the terminal, the
//! files and the threads.

#![forbid(unsafe_code)]

pub mod analysis;
pub mod app;
pub mod cache;
pub mod config;
pub mod corpus;
pub mod durable;
pub mod notes;
pub mod output;
pub mod search;
pub mod shell;
pub mod state;
pub mod strings;
pub mod text;
pub mod ui;
