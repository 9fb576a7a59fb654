//! Shared by the integration tests that start a process: each process gets
//! a home and XDG folders of its own, whatever the environment running the
//! tests holds, so no test reads or writes the user's config, notes,
//! reading state or analysis cache.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The built reader.
pub const BIN: &str = env!("CARGO_BIN_EXE_briefing");

/// Variables that would send briefing to some other config, however the
/// tests were started (`.cargo/config.toml` sets the first for `cargo run`).
const CLEARED: [&str; 3] = ["BRIEFING_CONFIG", "XDG_RUNTIME_DIR", "XDG_DATA_DIRS"];

/// A home folder for one process, with the XDG folders inside it.
pub struct Home {
    dir: tempfile::TempDir,
    data: PathBuf,
}

impl Home {
    pub fn new() -> Home {
        let dir = tempfile::TempDir::new().expect("temp home");
        let data = dir.path().join("data");
        Home { dir, data }
    }

    /// A home whose data folder (`XDG_DATA_HOME`, where the notes and the
    /// reading state live) is `data`, so a test can look at it or share
    /// it between runs.
    pub fn with_data(data: &Path) -> Home {
        Home {
            data: data.to_path_buf(),
            ..Home::new()
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `XDG_DATA_HOME`.
    pub fn data(&self) -> &Path {
        &self.data
    }

    /// `XDG_CONFIG_HOME`.
    pub fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    /// Every variable to set, and its value.
    pub fn vars(&self) -> Vec<(&'static str, PathBuf)> {
        let home = self.dir.path();
        vec![
            ("HOME", home.to_path_buf()),
            ("XDG_DATA_HOME", self.data.clone()),
            ("XDG_STATE_HOME", home.join("state")),
            ("XDG_CACHE_HOME", home.join("cache")),
            ("XDG_CONFIG_HOME", self.config()),
        ]
    }

    /// Variables to remove.
    pub fn cleared(&self) -> &'static [&'static str] {
        &CLEARED
    }

    /// `program` with this home.
    pub fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut cmd = Command::new(program);
        for name in CLEARED {
            cmd.env_remove(name);
        }
        cmd.envs(self.vars());
        cmd
    }

    /// The reader with this home.
    pub fn briefing(&self) -> Command {
        self.command(BIN)
    }
}

impl Default for Home {
    fn default() -> Self {
        Home::new()
    }
}
