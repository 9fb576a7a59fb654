//! What the command says about itself beyond its options: the examples,
//! environment and exit status that `--help` ends with, the manual page
//! (`briefing man`) and the shell completion scripts (`briefing
//! completions SHELL`). All of it is made from the command-line definition
//! and the tables here, so the help, the manual and the completions agree.

use std::io::{self, Write};

use clap::Command;
use roff::{bold, italic, roman, Roff};

/// Examples: what it does, the command line.
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "Read every .txt, .md, .html, .epub and .pdf article in a folder and its subfolders:",
        "briefing ~/briefings",
    ),
    (
        "Read the library named by [library] paths in the config:",
        "briefing",
    ),
    (
        "Write the analysis of a folder as JSON, for scripts:",
        "briefing dump --json ~/briefings > analysis.json",
    ),
    (
        "Read each article's key points and links as a report:",
        "briefing dump --markdown ~/briefings | less",
    ),
    (
        "Write every note, with the passages it annotates, to a file:",
        "briefing notes export --output notes.md",
    ),
    (
        "Read, keeping a debug log of loading, analysis timings, the cache and saves:",
        "briefing --log /tmp/briefing.log ~/briefings",
    ),
    (
        "Install completions for bash, and the manual page:",
        "briefing completions bash > ~/.local/share/bash-completion/completions/briefing\nbriefing man > ~/.local/share/man/man1/briefing.1",
    ),
];

/// Environment variables and what they do.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "BRIEFING_CONFIG",
        "The config file to read when --config is not given.",
    ),
    (
        "BRIEFING_LOG",
        "The debug log to append to when --log is not given.",
    ),
    (
        "NO_COLOR",
        "Set to a value that is not empty to draw the reader without colours.",
    ),
    (
        "XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME",
        "Where the config, the notes and reading state, and the analysis cache are kept (on Linux).",
    ),
];

/// Exit codes and when each is returned.
pub const EXIT_STATUS: &[(&str, &str)] = &[
    (
        "0",
        "Success. Also for --help and --version, and when the reader is stopped by SIGTERM, SIGHUP, SIGINT or SIGQUIT or its terminal goes away: the reading state and notes are kept first.",
    ),
    (
        "1",
        "A failure while running: the terminal could not be used, or the output could not be written (standard output, or the file named by --output).",
    ),
    (
        "2",
        "Nothing was done: bad arguments, a config error, a library path that is not there, no library to open, the reader started without a terminal or with no place for notes, or a log file that cannot be opened.",
    ),
    (
        "101",
        "An internal error: the terminal is restored and the report is printed on standard error.",
    ),
];

/// Files the reader uses, on Linux.
const FILES: &[(&str, &str)] = &[
    (
        "~/.config/briefing/config.toml",
        "The config, unless --config, BRIEFING_CONFIG or --no-config says otherwise.",
    ),
    (
        "~/.local/share/briefing/notes.toml",
        "The notes, unless [notes] path names another file. The reading state (state.toml) and the exports folder (exports/) are beside it.",
    ),
    (
        "~/.cache/briefing/",
        "The analysis of each library, so the next start need not analyse it again. It can be deleted at any time.",
    ),
];

/// Help column width for the text after the options.
const WIDTH: usize = 80;

/// The text `--help` ends with: examples, environment and exit status.
pub fn after_help() -> String {
    let mut out = String::from("Examples:\n");
    for (what, command) in EXAMPLES {
        out.push_str(&wrap(what, 2, 2));
        for line in command.lines() {
            out.push_str(&format!("    {line}\n"));
        }
    }
    out.push_str("\nEnvironment:\n");
    for (name, what) in ENVIRONMENT {
        out.push_str(&format!("  {name}\n"));
        out.push_str(&wrap(what, 6, 6));
    }
    out.push_str("\nExit status:\n");
    for (code, what) in EXIT_STATUS {
        let head = format!("  {code:<5}");
        let body = wrap(what, head.len(), head.len());
        out.push_str(&head);
        out.push_str(&body[head.len()..]);
    }
    out
}

/// `text` wrapped at [`WIDTH`], its first line indented by `first`
/// spaces and the rest by `rest`, each line ending in a newline.
fn wrap(text: &str, first: usize, rest: usize) -> String {
    let mut out = String::new();
    let mut line = " ".repeat(first);
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.len() + 1 + word.len() > WIDTH {
            out.push_str(&line);
            out.push('\n');
            line = " ".repeat(rest);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// The manual page for `cmd`, in roff: clap_mangen's title, name,
/// synopsis, description and options, then every command with its own
/// options, the examples, environment, files, exit status and version.
pub fn man(cmd: Command, out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    let page = clap_mangen::Man::new(cmd.clone());
    let mut text: Vec<u8> = Vec::new();
    page.render_title(&mut text)?;
    page.render_name_section(&mut text)?;
    page.render_synopsis_section(&mut text)?;
    page.render_description_section(&mut text)?;
    page.render_options_section(&mut text)?;

    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    roff.text([roman(
        "Without a command, briefing opens the reader on the PATHS given, or on the library in the config. \
         To open a folder named like a command, write it as ./NAME.",
    )]);
    let name = cmd.get_name().to_string();
    for sub in cmd.get_subcommands() {
        command_section(&mut roff, &name, sub);
    }
    roff.control("SH", ["EXAMPLES"]);
    for (what, command) in EXAMPLES {
        roff.control("PP", []);
        roff.text([roman(*what)]);
        roff.control("RS", ["4"]);
        roff.control("nf", []);
        for line in command.lines() {
            roff.text([bold(line)]);
        }
        roff.control("fi", []);
        roff.control("RE", []);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, what) in ENVIRONMENT {
        roff.control("TP", []);
        roff.text([bold(*name)]);
        roff.text([roman(*what)]);
    }
    roff.control("SH", ["FILES"]);
    for (name, what) in FILES {
        roff.control("TP", []);
        roff.text([italic(*name)]);
        roff.text([roman(*what)]);
    }
    roff.control("SH", ["EXIT STATUS"]);
    for (code, what) in EXIT_STATUS {
        roff.control("TP", []);
        roff.text([bold(*code)]);
        roff.text([roman(*what)]);
    }
    roff.to_writer(&mut text)?;
    page.render_version_section(&mut text)?;
    out.write_all(&once_preamble(&String::from_utf8_lossy(&text)).into_bytes())
}

/// `page` with the lines every rendered part starts with (the definition
/// of the apostrophe string) kept only where they first appear.
fn once_preamble(page: &str) -> String {
    let mut seen = Vec::new();
    let mut out = String::with_capacity(page.len());
    for line in page.split_inclusive('\n') {
        let preamble = line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq");
        if preamble {
            if seen.contains(&line) {
                continue;
            }
            seen.push(line);
        }
        out.push_str(line);
    }
    out
}

/// A subsection for the command `sub` of `parent` (or one for each of its
/// own commands): its synopsis, what it does and its own options. The
/// options every command takes are in OPTIONS already.
fn command_section(roff: &mut Roff, parent: &str, sub: &Command) {
    if sub.is_hide_set() {
        return;
    }
    let path = format!("{parent} {}", sub.get_name());
    if sub.has_subcommands() {
        for inner in sub.get_subcommands() {
            command_section(roff, &path, inner);
        }
        return;
    }
    roff.control("SS", [path.as_str()]);
    let usage = sub.clone().render_usage().to_string();
    let usage = usage.trim_start_matches("Usage:").trim();
    roff.text([bold(usage)]);
    if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
        roff.control("PP", []);
        roff.text([roman(about.to_string())]);
    }
    for arg in sub.get_arguments() {
        if arg.is_hide_set() || arg.is_global_set() {
            continue;
        }
        let id = arg.get_id().as_str();
        if id == "help" || id == "version" {
            continue;
        }
        let names = match (arg.get_short(), arg.get_long()) {
            (Some(s), Some(l)) => format!("-{s}, --{l}"),
            (Some(s), None) => format!("-{s}"),
            (None, Some(l)) => format!("--{l}"),
            (None, None) => {
                let value = arg
                    .get_value_names()
                    .and_then(|v| v.first())
                    .map_or_else(|| id.to_uppercase(), ToString::to_string);
                match (arg.get_action(), arg.is_required_set()) {
                    (clap::ArgAction::Append, _) => format!("[{value}]..."),
                    (_, true) => value,
                    (_, false) => format!("[{value}]"),
                }
            }
        };
        let takes_value = arg.get_action().takes_values();
        let value = match (arg.get_long(), arg.get_value_names()) {
            (Some(_), Some(v)) if takes_value => {
                v.first().map(|v| format!(" {v}")).unwrap_or_default()
            }
            _ => String::new(),
        };
        roff.control("TP", []);
        roff.text([bold(names), italic(value)]);
        let possible: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        let mut help = arg
            .get_long_help()
            .or_else(|| arg.get_help())
            .map(ToString::to_string)
            .unwrap_or_default();
        if !help.is_empty() && !help.ends_with('.') {
            help.push('.');
        }
        if !possible.is_empty() {
            help.push_str(&format!(" One of: {}.", possible.join(", ")));
        }
        if let Some(default) = arg.get_default_values().first().filter(|_| takes_value) {
            help.push_str(&format!(" Default: {}.", default.to_string_lossy()));
        }
        roff.text([roman(help)]);
    }
}

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell, mut cmd: Command) -> Vec<u8> {
    let mut script = Vec::new();
    let name = cmd.get_name().to_string();
    clap_complete::generate(shell, &mut cmd, name, &mut script);
    script
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let text = "Nothing was done: bad arguments, a config error, a library path that is not there, no library to open.";
        let out = wrap(text, 7, 7);
        for line in out.lines() {
            assert!(line.len() <= WIDTH, "{line:?}");
            assert!(line.starts_with("       "), "{line:?}");
        }
        assert!(out.lines().count() > 1, "{out}");
        let words: Vec<&str> = out.split_whitespace().collect();
        assert_eq!(words, text.split_whitespace().collect::<Vec<_>>());
    }

    #[test]
    fn exit_codes_line_up_after_their_number() {
        let text = after_help();
        let at = text.find("Exit status:\n").expect("section");
        let lines: Vec<&str> = text[at..].lines().skip(1).collect();
        assert!(lines[0].starts_with("  0    Success."), "{text}");
        assert!(
            lines.iter().any(|l| l.starts_with("  2    Nothing")),
            "{text}"
        );
        assert!(
            lines.iter().any(|l| l.starts_with("  101  An internal")),
            "{text}"
        );
        for l in &lines {
            assert!(l.len() <= WIDTH, "{l:?}");
        }
    }
}
