//! The `briefing` command: parses the arguments, opens the debug log if
//! one is asked for, picks the config and the library they name, and
//! dispatches to the reader (`shell::read`), to a command that prints
//! (`shell::commands`), or to the completions and manual page
//! (`shell::manual`), which need neither config nor library.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use briefing::analysis::Settings;
use briefing::app::keymap::Keymap;
use briefing::app::AppOptions;
use briefing::config::Config;
use briefing::corpus::{self, LoadOptions};
use briefing::shell::commands::{self, Failure};
use briefing::shell::log::{self, Log};
use briefing::shell::{self, config as shell_config, manual};
use briefing::strings;
use briefing::text::sanitize::{clean, one_line};

// The analysis makes and frees many small strings and vectors on every
// core; mimalloc's per-thread heaps serve them faster than the system
// allocator. Its `no_thp` feature keeps it off transparent huge pages,
// which the kernel zeroes 2 MB at a time on first touch. The benchmarks
// and the profiling example set the same allocator, so they measure what
// the reader runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A full-screen terminal reader for policy and news briefings.
#[derive(Debug, Parser)]
#[command(
    name = "briefing",
    version,
    about,
    after_help = "Run `briefing --help` for examples, the environment and the exit status.",
    after_long_help = manual::after_help()
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Folders (searched recursively for .txt, .md, .html, .epub and .pdf
    /// files) or files to open instead of the library in the config.
    #[arg(value_hint = clap::ValueHint::AnyPath)]
    paths: Vec<PathBuf>,
    /// Read this config file instead of the one $BRIEFING_CONFIG names or
    /// the user's config.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "no_config",
        global = true,
        value_hint = clap::ValueHint::FilePath
    )]
    config: Option<PathBuf>,
    /// Ignore every config file and use the built-in defaults.
    #[arg(long, global = true)]
    no_config: bool,
    /// Append a debug log to FILE: files loaded and skipped, analysis
    /// timings, analysis cache hits and misses, and what could not be
    /// saved. Nothing is logged to the terminal. Default: $BRIEFING_LOG.
    #[arg(long, value_name = "FILE", global = true, value_hint = clap::ValueHint::FilePath)]
    log: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the library's articles, key points, shared topics, passage
    /// links and related articles.
    #[command(group = clap::ArgGroup::new("format").required(true).args(["json", "markdown", "text"]))]
    Dump {
        /// Print one JSON object, for scripts.
        #[arg(long)]
        json: bool,
        /// Print a Markdown report, for people: each article's key points
        /// and its links, quoted.
        #[arg(long)]
        markdown: bool,
        /// Print each article's text as the reader holds it (for a web
        /// page or a book, the text converted from it), for checking the
        /// offsets of --json. Several articles each come under a
        /// `==> PATH <==` line.
        #[arg(long)]
        text: bool,
        /// List the relatedness of every pair of articles, not only each
        /// article's most related ones.
        #[arg(long)]
        all_pairs: bool,
        /// Folders or files to analyse instead of the configured library.
        #[arg(value_hint = clap::ValueHint::AnyPath)]
        paths: Vec<PathBuf>,
    },
    /// Work with your notes.
    Notes {
        #[command(subcommand)]
        command: NotesCommand,
    },
    /// Print a completion script for a shell.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page, in roff (read it with `briefing man | man -l -`).
    Man,
}

#[derive(Debug, Subcommand)]
enum NotesCommand {
    /// Write every note, grouped by article, with the quotes it annotates.
    Export {
        /// Markdown reads well in any viewer; JSON is for scripts.
        #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
        output: Option<PathBuf>,
        /// The library the notes are about, instead of the configured one
        /// (used for titles and to find moved articles).
        #[arg(value_hint = clap::ValueHint::AnyPath)]
        paths: Vec<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    Markdown,
    Json,
}

/// Exit codes, as `manual::EXIT_STATUS` describes them: 0 success, 1 a
/// failure while running, 2 nothing done (bad arguments, config, paths,
/// log file or no terminal).
const EXIT_USAGE: u8 = 2;
const EXIT_FAILURE: u8 = 1;

/// The arguments, or clap's message (help and version on standard output,
/// errors on standard error) with every line sanitised: an argument can be
/// a hostile file name, and clap quotes it back as given.
fn parse_args() -> Result<Cli, ExitCode> {
    let e = match Cli::try_parse() {
        Ok(cli) => return Ok(cli),
        Err(e) => e,
    };
    let text = e.render().to_string();
    let clean: Vec<String> = text.lines().map(|l| clean(l).into_owned()).collect();
    let text = clean.join("\n");
    if e.use_stderr() {
        eprintln!("{}", text.trim_end());
    } else {
        let _ = writeln!(std::io::stdout().lock(), "{}", text.trim_end());
    }
    Err(ExitCode::from(
        u8::try_from(e.exit_code()).unwrap_or(EXIT_USAGE),
    ))
}

fn main() -> ExitCode {
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match cli.command {
        Some(Command::Completions { shell }) => {
            return print(&manual::completions(shell, Cli::command()));
        }
        Some(Command::Man) => {
            let mut page = Vec::new();
            return match manual::man(Cli::command(), &mut page) {
                Ok(()) => print(&page),
                Err(e) => {
                    eprintln!("briefing: cannot make the manual page: {e}");
                    ExitCode::from(EXIT_FAILURE)
                }
            };
        }
        _ => {}
    }
    let log = match log::chosen(cli.log.clone()) {
        None => Log::off(),
        Some(file) => match Log::open(&file) {
            Ok(log) => log,
            Err(e) => {
                eprintln!("briefing: {e}");
                return ExitCode::from(EXIT_USAGE);
            }
        },
    };
    let (config, keymap, config_file) =
        match shell_config::choose(cli.config.as_deref(), cli.no_config) {
            Ok(c) => c,
            Err(e) => {
                log.error(format_args!("config error: {e}"));
                eprintln!("briefing: config error: {e}");
                eprintln!("briefing: fix the file, or start with --no-config to use the defaults");
                return ExitCode::from(EXIT_USAGE);
            }
        };
    match &config_file {
        Some(file) => log.info(format_args!("config: read {}", file.display())),
        None => log.info(format_args!(
            "config: none read, the built-in defaults apply"
        )),
    }
    let given = match &cli.command {
        Some(Command::Dump { paths, .. })
        | Some(Command::Notes {
            command: NotesCommand::Export { paths, .. },
        }) => paths.clone(),
        Some(Command::Completions { .. } | Command::Man) | None => cli.paths.clone(),
    };
    let from_config = given.is_empty();
    let paths = if from_config {
        config.library.paths.clone()
    } else {
        given
    };
    if paths.is_empty() {
        log.error(format_args!("no library to open"));
        eprintln!("briefing: no library to open: pass a folder or file (briefing PATH), or set [library] paths in config.toml");
        return ExitCode::from(EXIT_USAGE);
    }
    let opts = LoadOptions {
        extensions: config.library.extensions.clone(),
        max_file_bytes: config.library.max_file_mb.saturating_mul(1024 * 1024),
    };
    if let Err(e) = corpus::check(&paths) {
        log.error(format_args!("load: {e}"));
        match config_file.as_ref().filter(|_| from_config) {
            Some(file) => eprintln!(
                "briefing: {}: key `library.paths`: {}",
                one_line(&file.display().to_string()),
                one_line(&e.to_string())
            ),
            None => eprintln!("briefing: {}", one_line(&e.to_string())),
        }
        return ExitCode::from(EXIT_USAGE);
    }
    let settings = config.analysis_settings();
    let notes_file = shell_config::notes_file(&config);
    let Some(command) = cli.command else {
        // The reader opens at once and reads the library in the background.
        return read(opts, paths, &config, keymap, settings, notes_file, log);
    };
    let corpus = match commands::load(&paths, &opts, &log) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("briefing: {}", one_line(&e.to_string()));
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let done = match command {
        Command::Dump { text: true, .. } => commands::dump_text(&corpus),
        Command::Dump {
            json: _,
            markdown,
            all_pairs,
            ..
        } => commands::dump(corpus, &settings, markdown, all_pairs, &log),
        Command::Notes {
            command: NotesCommand::Export { format, output, .. },
        } => commands::export_notes(
            &corpus,
            notes_file.as_deref(),
            format == ExportFormat::Json,
            output.as_deref(),
            &log,
        ),
        // Printed before the config was read.
        Command::Completions { .. } | Command::Man => Ok(()),
    };
    match done {
        Ok(()) => {
            log.info(format_args!("done"));
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(e)) => {
            log.error(format_args!("{e}"));
            eprintln!("briefing: {e}");
            ExitCode::from(EXIT_USAGE)
        }
        Err(Failure::Failed(e)) => {
            log.error(format_args!("{e}"));
            eprintln!("briefing: {e}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

/// Writes what `completions` or `man` made to standard output.
fn print(bytes: &[u8]) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("briefing: cannot write the output: {e}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

/// Runs the full-screen reader.
fn read(
    opts: LoadOptions,
    paths: Vec<PathBuf>,
    config: &Config,
    keymap: Keymap,
    settings: Settings,
    notes_file: Option<PathBuf>,
    log: Log,
) -> ExitCode {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        log.error(format_args!("standard output is not a terminal"));
        eprintln!("{}", strings::NEEDS_TERMINAL);
        return ExitCode::from(EXIT_USAGE);
    }
    let Some(notes_file) = notes_file else {
        log.error(format_args!("no place for notes"));
        eprintln!("briefing: no place for notes: set [notes] path in config.toml");
        return ExitCode::from(EXIT_USAGE);
    };
    let options = AppOptions {
        ui: config.ui.clone(),
        keymap,
        theme: config.theme.clone(),
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        sources: paths
            .iter()
            .map(|p| one_line(&p.display().to_string()))
            .collect(),
        loading: true,
        problems: Vec::new(),
    };
    let watch = config.library.watch;
    match shell::read(paths, opts, settings, options, &notes_file, watch, &log) {
        Ok(()) => {
            log.info(format_args!("reader: stopped"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            log.error(format_args!("reader: {e}"));
            eprintln!("briefing: {e}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}
