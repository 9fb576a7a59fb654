//! Finding, reading and checking the config file: the file named on the
//! command line or by `$BRIEFING_CONFIG`, else the user's own; its paths
//! resolved against its folder; its key bindings resolved by the app's
//! keymap, so that a bad binding is reported like any other bad key.

use std::fs;
use std::path::{Path, PathBuf};

use crate::app::keymap::Keymap;
use crate::config::{Config, ConfigError};
use crate::text::sanitize::one_line;

/// The variable that names a config file when `--config` does not. The
/// repository's `.cargo/config.toml` sets it, so that `cargo run` opens the
/// seeds with the repository's `config.toml`.
pub const CONFIG_VARIABLE: &str = "BRIEFING_CONFIG";

/// The config file to read when none is named on the command line: the
/// one `$BRIEFING_CONFIG` names (it must exist), else `config.toml` in the
/// platform's config folder if there is one. A `config.toml` in the
/// current folder is never read unless named: it may belong to something
/// else (a web site, a Rust project).
pub fn default_location() -> Option<(PathBuf, bool)> {
    if let Some(named) = std::env::var_os(CONFIG_VARIABLE).filter(|v| !v.is_empty()) {
        return Some((PathBuf::from(named), true));
    }
    directories::ProjectDirs::from("", "", "briefing")
        .map(|dirs| (dirs.config_dir().join("config.toml"), false))
}

/// The config the command line asks for, the keymap it makes, and the
/// file it was read from (none for the built-in defaults): the file named
/// by `--config`, else by `$BRIEFING_CONFIG`, else the user's own if there
/// is one; `--no-config` takes the defaults. The error is one line, ready
/// to show.
pub fn choose(
    named: Option<&Path>,
    no_config: bool,
) -> Result<(Config, Keymap, Option<PathBuf>), String> {
    let defaults = || Ok((Config::default(), Keymap::default(), None));
    if no_config {
        return defaults();
    }
    let (path, must_exist) = match named {
        Some(path) => (path.to_path_buf(), true),
        None => match default_location() {
            Some(found) => found,
            None => return defaults(),
        },
    };
    if !must_exist && !path.exists() {
        return defaults();
    }
    match load(&path) {
        Ok((config, keymap)) => Ok((config, keymap, Some(path))),
        Err(e) if named.is_none() && must_exist => Err(format!(
            "{} (named by {CONFIG_VARIABLE})",
            one_line(&e.to_string()),
        )),
        Err(e) => Err(one_line(&e.to_string())),
    }
}

/// Reads and checks a configuration file, and builds the keymap it asks
/// for. Relative library and notes paths are resolved against the file's
/// folder.
pub fn load(path: &Path) -> Result<(Config, Keymap), ConfigError> {
    let src = fs::read_to_string(path).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        line: None,
        key: None,
        message: format!("cannot read: {e}"),
    })?;
    let (mut config, keymap) = parse(&src).map_err(|mut e| {
        e.path = path.to_path_buf();
        e
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    config.library.paths = config
        .library
        .paths
        .iter()
        .map(|p| resolve(base, p))
        .collect();
    if !config.notes.path.as_os_str().is_empty() {
        config.notes.path = resolve(base, &config.notes.path);
    }
    Ok((config, keymap))
}

/// Parses configuration text and resolves its key bindings; the error's
/// path is left empty.
pub fn parse(src: &str) -> Result<(Config, Keymap), ConfigError> {
    let config = Config::parse(src)?;
    let keymap = Keymap::with_overrides(&config.keys)
        .map_err(|e| ConfigError::at_key(src, &format!("keys.{}", e.name), &e.message))?;
    Ok((config, keymap))
}

/// `~/x` is taken from the home folder, a relative path from `base`.
fn resolve(base: &Path, p: &Path) -> PathBuf {
    if let Ok(rest) = p.strip_prefix("~") {
        if let Some(home) = directories::BaseDirs::new() {
            return home.home_dir().join(rest);
        }
    }
    if p.is_relative() {
        base.join(p)
    } else {
        p.to_path_buf()
    }
}

/// The notes file to use: the configured one, else `notes.toml` in the
/// platform's data folder (`$XDG_DATA_HOME/briefing` on Linux).
pub fn notes_file(config: &Config) -> Option<PathBuf> {
    if !config.notes.path.as_os_str().is_empty() {
        return Some(config.notes.path.clone());
    }
    directories::ProjectDirs::from("", "", "briefing").map(|d| d.data_dir().join("notes.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_bindings_are_checked_with_line_and_key() {
        let err =
            parse("[keys]\nquit = [\"ctrl-q\"]\nfly = [\"x\"]\n").expect_err("unknown action");
        assert_eq!((err.line, err.key.as_deref()), (Some(3), Some("keys.fly")));
        let err = parse("[keys]\nquit = [\"hyper-q\"]\n").expect_err("unknown key");
        assert_eq!((err.line, err.key.as_deref()), (Some(2), Some("keys.quit")));
        assert!(
            err.message.contains("unknown key name `hyper-q`"),
            "{}",
            err.message
        );
        let err = parse("\n[keys]\ntopics = [\"j\"]\n").expect_err("taken");
        assert_eq!(
            (err.line, err.key.as_deref()),
            (Some(3), Some("keys.topics"))
        );
        assert!(
            err.message
                .contains("j is bound to both `topics` and `down`"),
            "{}",
            err.message
        );
        let ok = parse("[keys]\nquit = [\"ctrl-q\"]\n").expect("valid");
        assert_eq!(ok.0.keys["quit"], ["ctrl-q"]);
    }

    #[test]
    fn every_pane_keeps_a_way_out() {
        let err = parse("[keys]\nquit = []\n").expect_err("nothing quits");
        assert_eq!((err.line, err.key.as_deref()), (Some(2), Some("keys.quit")));
        assert!(
            err.message.contains("nothing would quit"),
            "{}",
            err.message
        );
        // Enter opens in the library pane, so it cannot quit there.
        let err = parse("[keys]\nquit = [\"enter\"]\n").expect_err("shadowed");
        assert!(err.message.contains("library pane"), "{}", err.message);
        for name in ["close", "prompt_cancel", "cancel_note"] {
            let err = parse(&format!("[keys]\n{name} = []\n")).expect_err(name);
            assert_eq!(err.key.as_deref(), Some(format!("keys.{name}").as_str()));
        }
    }

    #[test]
    fn a_bad_colour_names_its_line_and_key() {
        let err = parse("[theme]\nname = \"dark\"\naccent = \"bluish\"\n").expect_err("bad colour");
        assert_eq!(
            (err.line, err.key.as_deref()),
            (Some(3), Some("theme.accent"))
        );
        assert!(err.message.contains("is not a colour"), "{}", err.message);
    }
}
