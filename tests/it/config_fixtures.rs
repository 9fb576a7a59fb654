//! Every invalid config under `tests/fixtures/config/` fails with a
//! message naming the file, the line and the key; the expected line, key
//! and message are in each fixture's first line:
//! `# expect: line 3, key ui.colour, unknown field`.
//! An unreadable config is named too, and `--no-config` gets the reader
//! going on the defaults whatever config files are about.

use std::path::{Path, PathBuf};
use std::process::Output;

use briefing::shell::config::load;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

struct Expect {
    line: usize,
    key: String,
    message: String,
}

fn expectation(path: &Path) -> Expect {
    let src = std::fs::read_to_string(path).unwrap();
    let first = src.lines().next().unwrap();
    let rest = first
        .strip_prefix("# expect: line ")
        .unwrap_or_else(|| panic!("{}: first line must be `# expect: …`", path.display()));
    let (line, rest) = rest.split_once(", key ").unwrap();
    let (key, message) = rest.split_once(", ").unwrap_or((rest, ""));
    Expect {
        line: line.parse().unwrap(),
        key: key.to_string(),
        message: message.trim().to_string(),
    }
}

fn briefing(args: &[&str], cwd: &Path) -> Output {
    briefing_in(
        &crate::common::Home::with_data(&cwd.join("data")),
        args,
        cwd,
    )
}

fn briefing_in(home: &crate::common::Home, args: &[&str], cwd: &Path) -> Output {
    home.briefing()
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

/// Puts `text` where `home`'s user config lives.
fn user_config(home: &crate::common::Home, text: &str) -> PathBuf {
    let dir = home.config().join("briefing");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("config.toml");
    std::fs::write(&file, text).unwrap();
    file
}

#[test]
fn every_invalid_config_names_file_line_and_key() {
    let files = fixtures();
    assert!(files.len() >= 15, "{files:?}");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for path in files {
        let want = expectation(&path);
        let err = load(&path).expect_err(&path.display().to_string());
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(err.path, path, "{name}");
        assert_eq!(err.line, Some(want.line), "{name}: {err}");
        assert_eq!(err.key.as_deref(), Some(want.key.as_str()), "{name}: {err}");
        assert!(err.message.contains(&want.message), "{name}: {err}");
        // The real binary: exit 2, and one line naming file:line, the key
        // and the message, and how to get going anyway.
        let out = briefing(
            &["--config", path.to_str().unwrap(), seeds.to_str().unwrap()],
            Path::new(env!("CARGO_MANIFEST_DIR")),
        );
        assert_eq!(out.status.code(), Some(2), "{name}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("{name}:{}: key `{}`", want.line, want.key)),
            "{name}: {stderr}"
        );
        assert!(stderr.contains(&want.message), "{name}: {stderr}");
        assert!(stderr.contains("--no-config"), "{name}: {stderr}");
        assert!(!String::from_utf8_lossy(&out.stdout).contains("\x1b[?1049h"));
    }
}

#[test]
fn an_unreadable_config_is_named() {
    // A directory where the file should be: unreadable even for root.
    let dir = tempfile::TempDir::new().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::create_dir(&cfg).unwrap();
    let err = load(&cfg).expect_err("a directory is not a config");
    assert!(err.to_string().contains("config.toml"), "{err}");
    assert!(err.message.contains("cannot read"), "{err}");
    let out = briefing(&["--config", cfg.to_str().unwrap(), "x"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("config.toml: cannot read"), "{stderr}");
    // Found in the user's folder rather than named, it is an error too.
    let home = crate::common::Home::new();
    std::fs::create_dir_all(home.config().join("briefing/config.toml")).unwrap();
    let out = briefing_in(&home, &["x"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}

#[cfg(unix)]
#[test]
fn a_config_without_read_permission_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::TempDir::new().unwrap();
    let cfg = dir.path().join("secret.toml");
    std::fs::write(&cfg, "[ui]\nmouse = false\n").unwrap();
    std::fs::set_permissions(&cfg, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(&cfg).is_ok() {
        eprintln!("a_config_without_read_permission_is_named: running as root; skipped");
        return;
    }
    let err = load(&cfg).expect_err("unreadable");
    assert!(
        err.to_string().contains("secret.toml: cannot read"),
        "{err}"
    );
}

#[test]
fn no_config_starts_on_the_defaults_whatever_config_files_say() {
    let dir = tempfile::TempDir::new().unwrap();
    // A broken config in the user's folder.
    let home = crate::common::Home::with_data(&dir.path().join("data"));
    user_config(&home, "[ui\nbroken");
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    std::fs::write(lib.join("a.txt"), "A title\n\nSome text. More text.\n").unwrap();
    std::fs::write(lib.join("b.csv"), "not, picked, up\n").unwrap();

    let out = briefing_in(&home, &["dump", "--json", "lib"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(2),
        "the broken config is used: {out:?}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("config.toml:1"));

    let out = briefing_in(&home, &["--no-config", "dump", "--json", "lib"], dir.path());
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The default extensions: a.txt only.
    assert_eq!(json["articles"].as_array().unwrap().len(), 1, "{json}");
    // Without a path there is no library in the defaults: a clear message.
    let out = briefing(&["--no-config"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no library to open"));
}

#[test]
fn a_config_toml_in_the_current_folder_is_not_read_unless_named() {
    let dir = tempfile::TempDir::new().unwrap();
    // A Hugo site's config, in the folder the reader is started from.
    std::fs::write(dir.path().join("config.toml"), "baseURL = \"https://x\"\n").unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    std::fs::write(lib.join("a.txt"), "A title\n\nSome text. More text.\n").unwrap();
    let out = briefing(&["dump", "--json", "lib"], dir.path());
    assert!(out.status.success(), "{out:?}");
    // Named by $BRIEFING_CONFIG (as `cargo run` does), it is read.
    let home = crate::common::Home::with_data(&dir.path().join("data"));
    let out = home
        .briefing()
        .args(["dump", "--json", "lib"])
        .current_dir(dir.path())
        .env("BRIEFING_CONFIG", dir.path().join("config.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("baseURL"), "{stderr}");
    assert!(stderr.contains("BRIEFING_CONFIG"), "{stderr}");
}

#[test]
fn a_missing_library_path_names_the_config_file_and_key() {
    let dir = tempfile::TempDir::new().unwrap();
    let home = crate::common::Home::with_data(&dir.path().join("data"));
    let file = user_config(&home, "[library]\npaths = [\"no-such-folder\"]\n");
    let out = briefing_in(&home, &["dump", "--json"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&file.display().to_string()), "{stderr}");
    assert!(stderr.contains("key `library.paths`"), "{stderr}");
    assert!(stderr.contains("no-such-folder"), "{stderr}");
}
