//! The integration tests, as one test binary: the library driven as the
//! reader drives it (keys through the real keymap, screens drawn on a test
//! backend), and the built command run with a home of its own. The
//! pseudo-terminal tests are a binary of their own (`tests/pty.rs`).

// Test helpers outside `#[test]` functions unwrap freely too.
#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;
mod harness;

mod analysis_scale;
mod analysis_seeds;
mod command_line;
mod config_fixtures;
mod feedback;
mod flows;
mod following;
mod formats;
mod fuzz_regressions;
mod getting_text_out;
mod highlights;
mod hostile;
mod layers;
mod layout;
mod link_labels;
mod loading;
mod long_blocks;
mod markdown;
mod navigation;
mod note_editor;
mod notes_anchor;
mod notes_cli;
mod notes_crash;
mod notes_export;
mod notes_flow;
mod notes_store;
mod pdf;
mod pdf_fixtures;
mod properties;
mod reading;
mod report;
mod search;
mod seeds;
mod snapshots;
