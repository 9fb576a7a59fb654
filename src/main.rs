//! The `briefing` command: parses arguments, loads the config and the
//! library, and runs the reader.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;

use clap::{Parser, Subcommand};

use briefing::analysis::{dump, Analysis};
use briefing::app::App;
use briefing::config::{self, Config};
use briefing::corpus::{self, LoadOptions};
use briefing::report;
use briefing::text::sanitize::one_line;
use briefing::tui;

/// A full-screen terminal reader for policy and news briefings.
#[derive(Debug, Parser)]
#[command(name = "briefing", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Folders (searched recursively for .txt and .md files) or files to
    /// open instead of the library in the config.
    paths: Vec<PathBuf>,
    /// Read this config file instead of ./config.toml or the user config.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config", global = true)]
    config: Option<PathBuf>,
    /// Ignore every config file and use the built-in defaults.
    #[arg(long, global = true)]
    no_config: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the library's articles, key points, shared topics, passage
    /// links and related articles as one JSON object.
    #[command(group = clap::ArgGroup::new("format").required(true).args(["json", "markdown"]))]
    Dump {
        /// Print one JSON object, for scripts.
        #[arg(long)]
        json: bool,
        /// Print a Markdown report, for people: each article's key points
        /// and its links, quoted.
        #[arg(long)]
        markdown: bool,
        /// List the relatedness of every pair of articles, not only each
        /// article's most related ones.
        #[arg(long)]
        all_pairs: bool,
        /// Folders or files to analyse instead of the configured library.
        paths: Vec<PathBuf>,
    },
}

enum DumpFormat {
    Json { all_pairs: bool },
    Markdown,
}

/// Exit codes: 0 success, 1 a failure while running, 2 bad arguments,
/// config or paths.
const EXIT_USAGE: u8 = 2;
const EXIT_FAILURE: u8 = 1;

fn load_config(cli: &Cli) -> Result<Config, String> {
    if cli.no_config {
        return Ok(Config::default());
    }
    if let Some(path) = &cli.config {
        return Config::load(path).map_err(|e| one_line(&e.to_string()));
    }
    for path in config::default_locations() {
        if path.is_file() {
            return Config::load(&path).map_err(|e| one_line(&e.to_string()));
        }
    }
    Ok(Config::default())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match load_config(&cli) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("briefing: config error: {e}");
            eprintln!("briefing: fix the file, or start with --no-config to use the defaults");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let (given, dump) = match &cli.command {
        Some(Command::Dump {
            paths,
            all_pairs,
            markdown,
            ..
        }) => {
            let format = if *markdown {
                DumpFormat::Markdown
            } else {
                DumpFormat::Json {
                    all_pairs: *all_pairs,
                }
            };
            (paths.clone(), Some(format))
        }
        None => (cli.paths.clone(), None),
    };
    let paths = if given.is_empty() {
        config.library.paths.clone()
    } else {
        given
    };
    if paths.is_empty() {
        eprintln!("briefing: no library to open: pass a folder or file (briefing PATH), or set [library] paths in config.toml");
        return ExitCode::from(EXIT_USAGE);
    }
    let opts = LoadOptions {
        extensions: config.library.extensions.clone(),
        max_file_bytes: config.library.max_file_mb.saturating_mul(1024 * 1024),
    };
    let corpus = match corpus::load(&paths, &opts) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("briefing: {}", one_line(&e.to_string()));
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let settings = config.analysis_settings();
    if let Some(format) = dump {
        for p in &corpus.problems {
            eprintln!("briefing: {}", one_line(&p.to_string()));
        }
        let analysis = Analysis::compute(&corpus.articles, &settings);
        let mut out = std::io::stdout().lock();
        let written = match format {
            DumpFormat::Json { all_pairs } => {
                let json = dump::to_json(&corpus.articles, &analysis, all_pairs);
                serde_json::to_writer(&mut out, &json)
                    .map_err(std::io::Error::from)
                    .and_then(|()| writeln!(out))
            }
            DumpFormat::Markdown => {
                out.write_all(report::markdown(&corpus.articles, &analysis).as_bytes())
            }
        };
        if let Err(e) = written {
            eprintln!("briefing: cannot write the dump: {e}");
            return ExitCode::from(EXIT_FAILURE);
        }
        return ExitCode::SUCCESS;
    }
    let sources = paths
        .iter()
        .map(|p| one_line(&p.display().to_string()))
        .collect();
    let mut app = App::new(corpus, sources, config.ui.clone());
    app.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let (tx, rx) = mpsc::channel();
    let articles = std::sync::Arc::clone(&app.articles);
    std::thread::spawn(move || {
        // Sending fails only if the reader has already quit.
        let _ = tx.send(Analysis::compute(&articles, &settings));
    });
    tui::install_panic_hook();
    if let Err(e) = tui::run(&mut app, config.ui.mouse, rx) {
        eprintln!("briefing: {e}");
        return ExitCode::from(EXIT_FAILURE);
    }
    ExitCode::SUCCESS
}
