//! The command line around the reader: completion scripts, the manual
//! page, `--help` with its examples and exit status (checked against what
//! the program really returns), and the debug log of `--log` and
//! `BRIEFING_LOG`.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::Home;

/// A home whose config file is not valid and names no library, so a
/// command that succeeds with it read neither.
fn home_with_a_broken_config() -> Home {
    let home = Home::new();
    let dir = home.config().join("briefing");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), "[ui]\nno_such_key = 1\n").unwrap();
    home
}

fn run(home: &Home, args: &[&str]) -> Output {
    home.briefing()
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Runs `args` with the broken config and checks it succeeded without
/// reading the config or writing to the data folder; returns its output.
fn without_config(args: &[&str]) -> String {
    let home = home_with_a_broken_config();
    let out = run(&home, args);
    assert!(
        out.status.success(),
        "{args:?}: {:?} {}",
        out.status,
        text(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    assert!(!home.data().exists(), "{args:?} wrote to the data folder");
    assert!(!home.path().join("cache").exists(), "{args:?} made a cache");
    text(&out.stdout)
}

#[test]
fn bash_completion_knows_every_command_and_option() {
    let script = without_config(&["completions", "bash"]);
    assert!(script.contains("complete -F _briefing"), "{script}");
    for word in [
        "dump",
        "notes",
        "export",
        "completions",
        "man",
        "--log",
        "--config",
        "--no-config",
        "--json",
        "--markdown",
        "--all-pairs",
        "--output",
    ] {
        assert!(script.contains(word), "{word} missing from:\n{script}");
    }
    // The shells `completions` itself completes.
    assert!(
        script.contains("bash elvish fish powershell zsh"),
        "{script}"
    );
}

#[test]
fn every_shell_gets_a_script_naming_the_commands() {
    for (shell, marker) in [
        ("zsh", "#compdef briefing"),
        ("fish", "complete -c briefing"),
        ("elvish", "edit:completion:arg-completer[briefing]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = without_config(&["completions", shell]);
        assert!(script.contains(marker), "{shell}:\n{script}");
        assert!(script.contains("dump"), "{shell}:\n{script}");
        assert!(script.contains("export"), "{shell}:\n{script}");
    }
}

#[test]
fn an_unknown_shell_is_refused_naming_the_shells() {
    let out = run(&Home::new(), &["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("'tcsh'"), "{err}");
    assert!(err.contains("bash, elvish, fish, powershell, zsh"), "{err}");
}

#[test]
fn the_manual_page_has_its_sections_and_every_command() {
    let page = without_config(&["man"]);
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{page}");
    assert!(page.contains(".TH briefing 1"), "{page}");
    let sections: Vec<&str> = page
        .lines()
        .filter_map(|l| l.strip_prefix(".SH "))
        .collect();
    assert_eq!(
        sections,
        [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "OPTIONS",
            "COMMANDS",
            "EXAMPLES",
            "ENVIRONMENT",
            "FILES",
            "\"EXIT STATUS\"",
            "VERSION",
        ],
        "{page}"
    );
    let commands: Vec<&str> = page
        .lines()
        .filter_map(|l| l.strip_prefix(".SS "))
        .collect();
    assert_eq!(
        commands,
        [
            "\"briefing dump\"",
            "\"briefing notes export\"",
            "\"briefing completions\"",
            "\"briefing man\"",
        ],
        "{page}"
    );
    for option in ["\\-\\-log", "\\-\\-json", "\\-\\-output", "BRIEFING_LOG"] {
        assert!(page.contains(option), "{option} missing from:\n{page}");
    }
    // The same exit codes as --help, one paragraph each.
    let at = page.find(".SH \"EXIT STATUS\"").unwrap();
    let codes: Vec<&str> = page[at..]
        .lines()
        .skip_while(|l| *l != ".TP")
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|w| w[0] == ".TP")
        .map(|w| w[1])
        .take_while(|l| !l.starts_with(".SH"))
        .collect();
    assert_eq!(
        codes,
        ["\\fB0\\fR", "\\fB1\\fR", "\\fB2\\fR", "\\fB101\\fR"],
        "{page}"
    );
}

/// The exit codes `--help` lists under "Exit status:".
fn documented_codes(help: &str) -> Vec<String> {
    let at = help
        .find("\nExit status:\n")
        .expect("an exit status section");
    help[at..]
        .lines()
        .skip(2)
        .filter_map(|l| l.strip_prefix("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

#[test]
fn help_ends_with_examples_environment_and_exit_status() {
    let help = without_config(&["--help"]);
    let examples = help.find("\nExamples:\n").expect("examples");
    let environment = help.find("\nEnvironment:\n").expect("environment");
    let status = help.find("\nExit status:\n").expect("exit status");
    assert!(examples < environment && environment < status, "{help}");
    for example in [
        "    briefing ~/briefings\n",
        "    briefing dump --json ~/briefings > analysis.json\n",
        "    briefing notes export --output notes.md\n",
        "    briefing --log /tmp/briefing.log ~/briefings\n",
        "    briefing completions bash > ",
        "    briefing man > ",
    ] {
        assert!(help.contains(example), "{example:?} missing from:\n{help}");
    }
    for name in ["BRIEFING_CONFIG", "BRIEFING_LOG", "NO_COLOR"] {
        assert!(help.contains(&format!("\n  {name}\n")), "{help}");
    }
    assert!(help.contains("--log <FILE>"), "{help}");
    assert_eq!(documented_codes(&help), ["0", "1", "2", "101"], "{help}");
    // The short help points to the long one.
    let short = without_config(&["-h"]);
    assert!(!short.contains("Exit status:"), "{short}");
    assert!(
        short.contains("Run `briefing --help` for examples, the environment and the exit status."),
        "{short}"
    );
}

#[test]
fn the_exit_codes_in_the_help_are_the_ones_returned() {
    let home = Home::new();
    let dir = tempfile::TempDir::new().unwrap();
    let bad_config = dir.path().join("bad.toml");
    std::fs::write(&bad_config, "[ui]\ncolour = 1\n").unwrap();
    let missing = dir.path().join("missing");
    let unwritable = missing.join("notes.md");
    let cases: Vec<(Vec<&str>, i32)> = vec![
        (vec!["--version"], 0),
        (vec!["completions", "fish"], 0),
        // Bad arguments.
        (vec!["dump", "seeds"], 2),
        (vec!["--frobnicate"], 2),
        // A config error.
        (
            vec![
                "--config",
                bad_config.to_str().unwrap(),
                "dump",
                "--json",
                "seeds",
            ],
            2,
        ),
        // A library path that is not there.
        (
            vec!["--no-config", "dump", "--json", missing.to_str().unwrap()],
            2,
        ),
        // No library to open.
        (vec!["--no-config"], 2),
        // The reader without a terminal.
        (vec!["--no-config", "seeds"], 2),
        // A log file that cannot be opened.
        (
            vec![
                "--no-config",
                "--log",
                unwritable.to_str().unwrap(),
                "dump",
                "--json",
                "seeds",
            ],
            2,
        ),
        // An output that cannot be written.
        (
            vec![
                "--no-config",
                "notes",
                "export",
                "--output",
                unwritable.to_str().unwrap(),
                "seeds",
            ],
            1,
        ),
    ];
    let help = text(&run(&home, &["--help"]).stdout);
    let documented = documented_codes(&help);
    for (args, code) in cases {
        let out = run(&home, &args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(documented.contains(&code.to_string()), "{code}: {help}");
        if code != 0 {
            assert!(!out.stderr.is_empty(), "{args:?} said nothing");
        }
    }
}

/// A library of two short articles, one with a hostile file name, and an
/// empty file that loading skips.
fn library(dir: &Path) -> PathBuf {
    let lib = dir.join("library");
    std::fs::create_dir(&lib).unwrap();
    std::fs::write(
        lib.join("tokyo.txt"),
        "# NATO in Tokyo\n\nNATO opened a liaison office in Tokyo to deepen cyber cooperation with Japan.\n\nThe office will coordinate maritime security with partners in the region.\n",
    )
    .unwrap();
    std::fs::write(
        lib.join("evil\u{1b}]0;pwned\u{7}\u{9b}31m name.txt"),
        "# Rice harvest\n\nFarmers harvested rice across the delta before the monsoon rains arrived.\n\nThe Tokyo liaison office will coordinate cyber defence with Japan.\n",
    )
    .unwrap();
    std::fs::write(lib.join("empty.txt"), "").unwrap();
    lib
}

/// The log's lines, each checked for its time stamp, level and clean text.
fn log_lines(file: &Path) -> Vec<String> {
    let log = std::fs::read_to_string(file).unwrap();
    assert!(log.ends_with('\n'), "{log}");
    let lines: Vec<String> = log.lines().map(str::to_string).collect();
    for line in &lines {
        assert!(!line.chars().any(char::is_control), "{line:?}");
        let mut words = line.split_whitespace();
        let seconds = words.next().unwrap();
        let (whole, millis) = seconds.split_once('.').unwrap();
        assert!(
            whole.chars().all(|c| c.is_ascii_digit())
                && millis.len() == 3
                && millis.chars().all(|c| c.is_ascii_digit()),
            "{line:?}"
        );
        let level = words.next().unwrap();
        assert!(
            ["ERROR", "WARN", "INFO", "DEBUG"].contains(&level),
            "{line:?}"
        );
    }
    lines
}

fn has(lines: &[String], level: &str, text: &str) -> bool {
    lines
        .iter()
        .any(|l| l.contains(&format!(" {level:<5} ")) && l.contains(text))
}

#[test]
fn the_log_tells_what_was_loaded_skipped_and_how_long_each_step_took() {
    let dir = tempfile::TempDir::new().unwrap();
    let lib = library(dir.path());
    let log = dir.path().join("briefing.log");
    let home = Home::new();
    let lib_arg = lib.to_str().unwrap();
    let with = run(
        &home,
        &[
            "--no-config",
            "--log",
            log.to_str().unwrap(),
            "dump",
            "--json",
            lib_arg,
        ],
    );
    assert!(with.status.success(), "{}", text(&with.stderr));
    let lines = log_lines(&log);
    let all = lines.join("\n");
    assert!(has(&lines, "INFO", "briefing 0.1.0 started at "), "{all}");
    assert!(
        has(
            &lines,
            "INFO",
            "config: none read, the built-in defaults apply"
        ),
        "{all}"
    );
    assert!(
        has(&lines, "INFO", &format!("load: reading {lib_arg}")),
        "{all}"
    );
    assert!(has(&lines, "DEBUG", "tokyo.txt ("), "{all}");
    assert!(
        has(&lines, "DEBUG", "evil␛]0;pwned␇�31m name.txt ("),
        "the hostile name, made visible: {all}"
    );
    assert!(
        has(&lines, "WARN", "empty.txt: skipped: empty file"),
        "{all}"
    );
    assert!(has(&lines, "INFO", "load: 2 articles read in "), "{all}");
    assert!(
        has(&lines, "INFO", "; files skipped: 1, warnings: 0"),
        "{all}"
    );
    for step in [
        "step 1/6 (words) took ",
        "step 2/6 (shared topics) took ",
        "step 3/6 (term weights) took ",
        "step 4/6 (related articles) took ",
        "step 5/6 (cross-references) took ",
        "step 6/6 (key points) took ",
    ] {
        assert!(has(&lines, "DEBUG", step), "{step}: {all}");
    }
    assert!(
        has(&lines, "INFO", "analysis: 2 articles analysed in "),
        "{all}"
    );
    // Nothing of the log on the terminal: the output is the same without it.
    let without = run(&home, &["--no-config", "dump", "--json", lib_arg]);
    assert_eq!(text(&with.stderr), text(&without.stderr));
    assert_eq!(with.stdout, without.stdout);

    // A second run appends.
    let again = run(
        &home,
        &[
            "--no-config",
            "--log",
            log.to_str().unwrap(),
            "dump",
            "--markdown",
            lib_arg,
        ],
    );
    assert!(again.status.success());
    let more = log_lines(&log);
    assert_eq!(&more[..lines.len()], &lines[..]);
    assert!(has(&more[lines.len()..], "INFO", "started at "), "{more:?}");
}

#[test]
fn briefing_log_names_the_log_when_log_is_not_given() {
    let dir = tempfile::TempDir::new().unwrap();
    let from_env = dir.path().join("env.log");
    let given = dir.path().join("given.log");
    let home = Home::new();
    let out = home
        .briefing()
        .env("BRIEFING_LOG", &from_env)
        .args(["--no-config", "notes", "export", "seeds"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines = log_lines(&from_env);
    assert!(
        has(&lines, "INFO", "notes: 0 notes read from "),
        "{lines:?}"
    );
    assert!(has(&lines, "INFO", "load: 5 articles read"), "{lines:?}");

    // --log wins.
    std::fs::remove_file(&from_env).unwrap();
    let out = home
        .briefing()
        .env("BRIEFING_LOG", &from_env)
        .args(["--no-config", "--log", given.to_str().unwrap()])
        .args(["notes", "export", "seeds"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(given.exists());
    assert!(!from_env.exists());
}

#[test]
fn a_log_in_a_missing_folder_is_an_error_naming_it_before_anything_runs() {
    let dir = tempfile::TempDir::new().unwrap();
    let log = dir.path().join("no such folder").join("briefing.log");
    let home = Home::new();
    // The reader would say it needs a terminal; the log is checked first.
    for args in [
        vec!["--no-config", "--log", log.to_str().unwrap(), "seeds"],
        vec![
            "--no-config",
            "--log",
            log.to_str().unwrap(),
            "dump",
            "--json",
            "seeds",
        ],
    ] {
        let out = run(&home, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        let err = text(&out.stderr);
        assert!(
            err.starts_with(&format!(
                "briefing: cannot open the log file {}: ",
                log.display()
            )),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(!log.parent().unwrap().exists());
    }
}
