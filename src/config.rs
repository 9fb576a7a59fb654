//! The reader's configuration as parsed from the text of `config.toml`:
//! every key optional, unknown keys, wrong types and bad values rejected
//! with the line and key named. Parsing only: reading the file, resolving
//! its paths and checking the key bindings against the keymap happen in
//! `shell::config`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Deserializer};

use crate::analysis::Settings;

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
    /// Key bindings by binding name, replacing that binding's keys. The
    /// names and keys are resolved by the app's keymap.
    pub keys: BTreeMap<String, Vec<String>>,
}

/// The colour theme: `dark` or `light`, and any colours to change. A
/// colour is a name (`red`, `light-blue`, `dark-gray`…), `#rrggbb`, or a
/// number from 0 to 255.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ThemeConfig {
    pub name: String,
    pub accent: Option<Colour>,
    pub heading: Option<Colour>,
    pub muted: Option<Colour>,
    pub cursor: Option<Colour>,
    pub jump: Option<Colour>,
    pub search: Option<Colour>,
    pub note: Option<Colour>,
    pub shared: Option<Colour>,
    pub status_bg: Option<Colour>,
    pub status_fg: Option<Colour>,
    pub warning: Option<Colour>,
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

/// A colour named in the config, parsed once when the config is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// One of the sixteen terminal colours.
    Named(Named),
    /// A colour of the 256-colour palette.
    Indexed(u8),
    Rgb(u8, u8, u8),
}

/// The sixteen terminal colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
}

impl Colour {
    /// Parses a colour name (`red`, `light-blue`, `Dark_Grey`), `#rrggbb`,
    /// or a number from 0 to 255.
    pub fn parse(s: &str) -> Option<Colour> {
        let name: String = s
            .to_lowercase()
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .collect();
        let named = match name.as_str() {
            "black" => Named::Black,
            "red" => Named::Red,
            "green" => Named::Green,
            "yellow" => Named::Yellow,
            "blue" => Named::Blue,
            "magenta" => Named::Magenta,
            "cyan" => Named::Cyan,
            "gray" | "grey" => Named::Gray,
            "darkgray" | "darkgrey" => Named::DarkGray,
            "lightred" => Named::LightRed,
            "lightgreen" => Named::LightGreen,
            "lightyellow" => Named::LightYellow,
            "lightblue" => Named::LightBlue,
            "lightmagenta" => Named::LightMagenta,
            "lightcyan" => Named::LightCyan,
            "white" => Named::White,
            _ => {
                if let Ok(i) = s.parse::<u8>() {
                    return Some(Colour::Indexed(i));
                }
                let hex = s.strip_prefix('#').filter(|h| h.len() == 6)?;
                let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
                return Some(Colour::Rgb(byte(0)?, byte(2)?, byte(4)?));
            }
        };
        Some(Colour::Named(named))
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Colour, D::Error> {
        let s = String::deserialize(d)?;
        Colour::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(
                "is not a colour: use a name like \"light-blue\", \"#rrggbb\" or 0 to 255",
            )
        })
    }
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
    /// Cross-references from one passage into the same article at most.
    pub max_per_article: usize,
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
            max_per_article: s.max_links_per_article,
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
    /// Whether the running reader follows changes to the library's files
    /// and to the notes file.
    pub watch: bool,
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
            extensions: crate::corpus::formats::DEFAULT_EXTENSIONS
                .map(String::from)
                .to_vec(),
            max_file_mb: 64,
            watch: true,
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

impl ConfigError {
    /// An error about dotted `key`, on the line of `src` that sets it.
    pub fn at_key(src: &str, key: &str, message: &str) -> ConfigError {
        ConfigError {
            path: PathBuf::new(),
            line: line_of_key(src, key),
            key: Some(key.to_string()),
            message: message.to_string(),
        }
    }
}

impl Config {
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
            max_links_per_article: self.links.max_per_article,
            min_link_score: self.links.min_score,
            semantic: self.analysis.semantic,
        }
    }

    fn check(&self, src: &str) -> Result<(), ConfigError> {
        let bad = |key: &str, message: &str| ConfigError::at_key(src, key, message);
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
        if !(3..=7).contains(&self.analysis.key_points) {
            return Err(bad("analysis.key_points", "must be between 3 and 7"));
        }
        if self.links.max_per_passage == 0 {
            return Err(bad("links.max_per_passage", "must be at least 1"));
        }
        if self.links.max_per_article == 0 {
            return Err(bad("links.max_per_article", "must be at least 1"));
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
