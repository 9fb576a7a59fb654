//! briefing: a full-screen terminal reader for policy and news briefings.

#![forbid(unsafe_code)]

pub mod corpus;
pub mod text;
