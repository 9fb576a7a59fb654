//! The reader's configuration: read from `config.toml`, every key optional,
//! unknown keys and wrong types rejected with the file, line and key named.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::analysis::Settings;
use crate::keymap::Keymap;

/// The whole configuration. Missing keys take the built-in defaults.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub library: LibraryConfig,
    pub ui: UiConfig,
    pub analysis: AnalysisConfig,
    pub links: LinksConfig,
    pub notes: NotesConfig,
    pub theme: ThemeConfig,
    /// Key bindings by binding name, replacing that binding's keys.
    pub keys: BTreeMap<String, Vec<String>>,
}

/// The colour theme: `dark` or `light`, and any colours to change. A
/// colour is a name (`red`, `light-blue`, `dark-gray`…), `#rrggbb`, or a
/// number from 0 to 255.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ThemeConfig {
    pub name: String,
    pub accent: Option<String>,
    pub heading: Option<String>,
    pub muted: Option<String>,
    pub cursor: Option<String>,
    pub jump: Option<String>,
    pub search: Option<String>,
    pub note: Option<String>,
    pub shared: Option<String>,
    pub status_bg: Option<String>,
    pub status_fg: Option<String>,
    pub warning: Option<String>,
}

impl Default for ThemeConfig {
    fn default() -> Self {
        ThemeConfig {
            name: "dark".to_string(),
            accent: None,
            heading: None,
            muted: None,
            cursor: None,
            jump: None,
            search: None,
            note: None,
            shared: None,
            status_bg: None,
            status_fg: None,
            warning: None,
        }
    }
}

impl ThemeConfig {
    fn colours(&self) -> [(&'static str, &Option<String>); 11] {
        [
            ("accent", &self.accent),
            ("heading", &self.heading),
            ("muted", &self.muted),
            ("cursor", &self.cursor),
            ("jump", &self.jump),
            ("search", &self.search),
            ("note", &self.note),
            ("shared", &self.shared),
            ("status_bg", &self.status_bg),
            ("status_fg", &self.status_fg),
            ("warning", &self.warning),
        ]
    }
}

/// Whether `s` names a colour: a terminal colour name, `#rrggbb`, or 0–255.
fn is_colour(s: &str) -> bool {
    const NAMES: [&str; 18] = [
        "black",
        "red",
        "green",
        "yellow",
        "blue",
        "magenta",
        "cyan",
        "gray",
        "grey",
        "darkgray",
        "darkgrey",
        "lightred",
        "lightgreen",
        "lightyellow",
        "lightblue",
        "lightmagenta",
        "lightcyan",
        "white",
    ];
    let name: String = s
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .collect();
    NAMES.contains(&name.as_str())
        || s.parse::<u8>().is_ok()
        || (s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit()))
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NotesConfig {
    /// The notes file; empty means `notes.toml` in the platform's data
    /// folder. Relative paths are relative to the config file's folder.
    pub path: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AnalysisConfig {
    /// Key points listed per article (3 to 7).
    pub key_points: usize,
    /// Whether links weigh meaning (the shipped word vectors) beside
    /// shared words; false makes linking purely lexical.
    pub semantic: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LinksConfig {
    /// Cross-references listed per passage at most.
    pub max_per_passage: usize,
    /// The score, from 0 to 1, a link needs to be listed.
    pub min_score: f32,
}

impl Default for AnalysisConfig {
    fn default() -> Self {
        let s = Settings::default();
        AnalysisConfig {
            key_points: s.key_points,
            semantic: s.semantic,
        }
    }
}

impl Default for LinksConfig {
    fn default() -> Self {
        let s = Settings::default();
        LinksConfig {
            max_per_passage: s.max_links_per_passage,
            min_score: s.min_link_score,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LibraryConfig {
    /// Folders and files that make up the library, relative to the config
    /// file's folder.
    pub paths: Vec<PathBuf>,
    /// File name extensions picked up in folders.
    pub extensions: Vec<String>,
    /// Files larger than this many megabytes are skipped.
    pub max_file_mb: u64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct UiConfig {
    /// Width in columns of the library pane.
    pub library_width: u16,
    /// The widest the text of an article is set, in columns; 0 fills the pane.
    pub text_width: u16,
    /// Lines scrolled by one turn of the mouse wheel.
    pub scroll_lines: u16,
    /// Whether the reader takes the mouse.
    pub mouse: bool,
}

impl Default for LibraryConfig {
    fn default() -> Self {
        LibraryConfig {
            paths: Vec::new(),
            extensions: vec!["txt".into(), "md".into()],
            max_file_mb: 64,
        }
    }
}

impl Default for UiConfig {
    fn default() -> Self {
        UiConfig {
            library_width: 38,
            text_width: 100,
            scroll_lines: 3,
            mouse: true,
        }
    }
}

/// A configuration file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line of the problem, when known.
    pub line: Option<usize>,
    /// The dotted key at fault, when known (`ui.library_width`).
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(key) = &self.key {
            write!(f, ": key `{key}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Reads and checks a configuration file. Relative library paths are
    /// resolved against the file's folder.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let src = fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            line: None,
            key: None,
            message: format!("cannot read: {e}"),
        })?;
        let mut config = Config::parse(&src).map_err(|mut e| {
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
        Ok(config)
    }

    /// Parses configuration text; the error's path is left empty.
    pub fn parse(src: &str) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(src).map_err(|e| {
            let line = e
                .span()
                .map(|s| src[..s.start.min(src.len())].matches('\n').count() + 1);
            let key = line.and_then(|l| key_at_line(src, l));
            let message = e.message().trim().to_string();
            ConfigError {
                path: PathBuf::new(),
                line,
                key,
                message,
            }
        })?;
        config.check(src)?;
        Ok(config)
    }

    /// The analysis settings this configuration asks for.
    pub fn analysis_settings(&self) -> Settings {
        Settings {
            key_points: self.analysis.key_points,
            max_links_per_passage: self.links.max_per_passage,
            min_link_score: self.links.min_score,
            semantic: self.analysis.semantic,
        }
    }

    fn check(&self, src: &str) -> Result<(), ConfigError> {
        let bad = |key: &str, message: &str| ConfigError {
            path: PathBuf::new(),
            line: line_of_key(src, key),
            key: Some(key.to_string()),
            message: message.to_string(),
        };
        if self.ui.library_width < 10 {
            return Err(bad("ui.library_width", "must be at least 10"));
        }
        if self.ui.text_width != 0 && self.ui.text_width < 20 {
            return Err(bad(
                "ui.text_width",
                "must be 0 (fill the pane) or at least 20",
            ));
        }
        if self.theme.name != "dark" && self.theme.name != "light" {
            return Err(bad("theme.name", "must be \"dark\" or \"light\""));
        }
        for (name, value) in self.theme.colours() {
            if value.as_deref().is_some_and(|v| !is_colour(v)) {
                return Err(bad(
                    &format!("theme.{name}"),
                    "is not a colour: use a name like \"light-blue\", \"#rrggbb\" or 0 to 255",
                ));
            }
        }
        if let Err(e) = Keymap::with_overrides(&self.keys) {
            return Err(bad(&format!("keys.{}", e.name), &e.message));
        }
        if !(3..=7).contains(&self.analysis.key_points) {
            return Err(bad("analysis.key_points", "must be between 3 and 7"));
        }
        if self.links.max_per_passage == 0 {
            return Err(bad("links.max_per_passage", "must be at least 1"));
        }
        if !(0.0..=1.0).contains(&self.links.min_score) {
            return Err(bad("links.min_score", "must be between 0 and 1"));
        }
        if self.library.max_file_mb == 0 {
            return Err(bad("library.max_file_mb", "must be at least 1"));
        }
        Ok(())
    }
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

/// The dotted key defined or opened on 1-based `line` of `src`: the key
/// before `=`, prefixed with the table header above it.
fn key_at_line(src: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = src.lines().collect();
    let text = lines.get(line.checked_sub(1)?)?.trim();
    // An unclosed header (`[ui`) still names its table.
    let header = |t: &str| {
        t.strip_prefix('[')
            .map(|t| t.strip_suffix(']').unwrap_or(t))
            .map(|t| t.trim_matches(['[', ']']).trim().to_string())
    };
    if let Some(table) = header(text) {
        return Some(table);
    }
    let (key, _) = text.split_once('=')?;
    let key = key.trim().trim_matches('"');
    let table = lines[..line - 1]
        .iter()
        .rev()
        .find_map(|l| header(l.trim()));
    Some(match table {
        Some(t) => format!("{t}.{key}"),
        None => key.to_string(),
    })
}

/// The 1-based line on which dotted `key` is set in `src`.
fn line_of_key(src: &str, key: &str) -> Option<usize> {
    let (table, name) = key.rsplit_once('.').unwrap_or(("", key));
    let mut current = String::new();
    for (i, line) in src.lines().enumerate() {
        let t = line.trim();
        if let Some(h) = t.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            current = h.trim().to_string();
        } else if let Some((k, _)) = t.split_once('=') {
            if current == table && k.trim().trim_matches('"') == name {
                return Some(i + 1);
            }
        }
    }
    None
}

impl NotesConfig {
    /// The notes file to use: the configured one, else `notes.toml` in the
    /// platform's data folder (`$XDG_DATA_HOME/briefing` on Linux).
    pub fn file(&self) -> Option<PathBuf> {
        if !self.path.as_os_str().is_empty() {
            return Some(self.path.clone());
        }
        directories::ProjectDirs::from("", "", "briefing").map(|d| d.data_dir().join("notes.toml"))
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_config_states_the_defaults() {
        let mut shipped =
            Config::parse(include_str!("../config.toml")).expect("config.toml parses");
        assert_eq!(shipped.library.paths, [PathBuf::from("seeds")]);
        shipped.library.paths.clear();
        assert_eq!(shipped, Config::default());
    }

    #[test]
    fn key_bindings_are_checked_with_line_and_key() {
        let err = Config::parse("[keys]\nquit = [\"ctrl-q\"]\nfly = [\"x\"]\n")
            .expect_err("unknown action");
        assert_eq!((err.line, err.key.as_deref()), (Some(3), Some("keys.fly")));
        let err = Config::parse("[keys]\nquit = [\"hyper-q\"]\n").expect_err("unknown key");
        assert_eq!((err.line, err.key.as_deref()), (Some(2), Some("keys.quit")));
        assert!(
            err.message.contains("unknown key name `hyper-q`"),
            "{}",
            err.message
        );
        let err = Config::parse("\n[keys]\ntopics = [\"j\"]\n").expect_err("taken");
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
        let ok = Config::parse("[keys]\nquit = [\"ctrl-q\"]\n").expect("valid");
        assert_eq!(ok.keys["quit"], ["ctrl-q"]);
    }

    #[test]
    fn every_pane_keeps_a_way_out() {
        let err = Config::parse("[keys]\nquit = []\n").expect_err("nothing quits");
        assert_eq!((err.line, err.key.as_deref()), (Some(2), Some("keys.quit")));
        assert!(
            err.message.contains("nothing would quit"),
            "{}",
            err.message
        );
        // Enter opens in the library pane, so it cannot quit there.
        let err = Config::parse("[keys]\nquit = [\"enter\"]\n").expect_err("shadowed");
        assert!(err.message.contains("library pane"), "{}", err.message);
        for name in ["close", "prompt_cancel", "cancel_note"] {
            let err = Config::parse(&format!("[keys]\n{name} = []\n")).expect_err(name);
            assert_eq!(err.key.as_deref(), Some(format!("keys.{name}").as_str()));
        }
    }

    #[test]
    fn themes_and_colours_are_checked() {
        assert!(Config::parse("[theme]\nname = \"light\"\naccent = \"#1e66f5\"\nmuted = \"244\"\nnote = \"Light-Green\"\n").is_ok());
        let err = Config::parse("[theme]\nname = \"solarized\"\n").expect_err("unknown theme");
        assert_eq!(
            (err.line, err.key.as_deref()),
            (Some(2), Some("theme.name"))
        );
        let err = Config::parse("[theme]\nname = \"dark\"\naccent = \"bluish\"\n")
            .expect_err("bad colour");
        assert_eq!(
            (err.line, err.key.as_deref()),
            (Some(3), Some("theme.accent"))
        );
    }

    #[test]
    fn empty_config_is_the_defaults() {
        assert_eq!(Config::parse(""), Ok(Config::default()));
    }

    #[test]
    fn unknown_keys_name_line_and_key() {
        let err =
            Config::parse("[ui]\nlibrary_width = 30\ncolour = \"red\"\n").expect_err("rejected");
        assert_eq!(err.line, Some(3));
        assert_eq!(err.key.as_deref(), Some("ui.colour"));
        assert!(err.message.contains("unknown field"), "{}", err.message);
    }

    #[test]
    fn wrong_types_name_line_and_key() {
        let err = Config::parse("[library]\npaths = [\"seeds\"]\nmax_file_mb = \"big\"\n")
            .expect_err("rejected");
        assert_eq!(err.line, Some(3));
        assert_eq!(err.key.as_deref(), Some("library.max_file_mb"));
    }

    #[test]
    fn unknown_tables_are_named() {
        let err = Config::parse("[colours]\nx = 1\n").expect_err("rejected");
        assert_eq!(err.key.as_deref(), Some("colours"));
        assert_eq!(err.line, Some(1));
    }

    #[test]
    fn values_out_of_range_are_rejected() {
        let err = Config::parse("[ui]\nlibrary_width = 2\n").expect_err("rejected");
        assert_eq!(err.key.as_deref(), Some("ui.library_width"));
        assert_eq!(err.line, Some(2));
    }
}
