//! The shell: everything that touches the outside world on the reader's
//! behalf. It owns the terminal, reads the config, runs the loader thread
//! and carries out the effects the app asks for; the app itself stays a
//! pure function of its state and the actions it is given.

pub mod config;
