//! The layer rules, checked on the source: the app and the analysis never
//! touch the terminal or the file system, the UI only reads the app, and
//! no module uses one above it (see ARCHITECTURE.md).

use std::path::{Path, PathBuf};

/// The modules from the bottom up; a module may use only those below it.
const LAYERS: &[(&str, usize)] = &[
    ("durable", 0),
    ("text", 0),
    ("corpus", 1),
    ("analysis", 2),
    ("notes", 2),
    ("search", 2),
    ("cache", 3),
    ("config", 3),
    ("output", 3),
    ("strings", 3),
    ("state", 4),
    ("app", 5),
    ("ui", 6),
    ("shell", 7),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every Rust file of module `name`, with its code lines (comments left
/// out).
fn module(name: &str) -> Vec<(PathBuf, Vec<String>)> {
    let dir = src().join(name);
    let mut files = Vec::new();
    if dir.is_dir() {
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
    } else {
        files.push(src().join(format!("{name}.rs")));
    }
    files
        .into_iter()
        .map(|f| {
            let code = std::fs::read_to_string(&f)
                .unwrap()
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .map(str::to_string)
                .collect();
            (f, code)
        })
        .collect()
}

#[test]
fn app_and_analysis_touch_neither_terminal_nor_files() {
    for name in ["app", "analysis"] {
        for (file, code) in module(name) {
            for line in &code {
                // The note editor's model is ratatui-textarea's, which
                // keeps text and a cursor and does no terminal I/O.
                let line = if file.ends_with("app/editor.rs") {
                    line.replace("ratatui_textarea", "")
                } else {
                    line.clone()
                };
                for banned in ["ratatui", "crossterm", "std::fs", "fs::read", "fs::write"] {
                    assert!(
                        !line.contains(banned),
                        "{} uses {banned}: {line}",
                        file.display()
                    );
                }
            }
        }
    }
}

#[test]
fn the_ui_only_reads_the_app() {
    for (file, code) in module("ui") {
        for line in &code {
            assert!(
                !line.contains("&mut App"),
                "{} takes the app mutably: {line}",
                file.display()
            );
        }
    }
}

#[test]
fn no_module_uses_one_above_it() {
    let rank = |m: &str| LAYERS.iter().find(|(n, _)| *n == m).map(|&(_, r)| r);
    for &(name, own) in LAYERS {
        for (file, code) in module(name) {
            for line in &code {
                for (i, _) in line.match_indices("crate::") {
                    let used: String = line[i + 7..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if used == name {
                        continue;
                    }
                    let r = rank(&used)
                        .unwrap_or_else(|| panic!("{}: unknown module {used}", file.display()));
                    assert!(
                        r < own,
                        "{} ({name}) uses {used}, which is not below it: {line}",
                        file.display()
                    );
                }
            }
        }
    }
}

#[test]
fn every_module_is_in_a_layer() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    for line in lib.lines() {
        if let Some(m) = line.strip_prefix("pub mod ") {
            let m = m.trim_end_matches(';');
            assert!(
                LAYERS.iter().any(|(n, _)| *n == m),
                "lib.rs declares {m}, which has no layer here"
            );
        }
    }
}
