//! The notes file: round trip, broken files, backups, failing saves, and
//! two briefings at once.
//!
//! `lock_holder_child` is not a test of its own: it is `#[ignore]`d and does
//! nothing unless `BRIEFING_NOTES_HOLD` names a notes file. The
//! cross-process test runs this test binary again with that variable set,
//! so the child opens the store, says so, and holds it until its stdin
//! closes. `read_only_probe_child` is the same kind of helper: run as an
//! unprivileged user, it opens a store in a read-only folder, which root
//! could write into.
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::Stdio;

use briefing::notes::{self, Access, Anchor, ArticleRef, Note, Store};
use briefing::text::Span;

/// Held by the test that starts a child process and by the one that needs
/// a released lock to be free at once: a child started in between holds a
/// copy of every open file until it runs, locks included.
static CHILDREN: std::sync::Mutex<()> = std::sync::Mutex::new(());

const TEXT: &str = "Ministers met in Brussels. “Energy security” was the theme — 日本 too.";

fn note(i: usize, text: &str) -> Note {
    let s = TEXT.find("Energy").unwrap();
    Note {
        id: notes::new_id(),
        article: ArticleRef {
            path: format!("europe/brief-{i}.md"),
            fingerprint: notes::fingerprint(TEXT),
            source: None,
            extraction: None,
        },
        anchor: Anchor::new(TEXT, Span::new(s, s + "Energy security”".len())),
        text: text.to_string(),
        tags: notes::tags(text),
        created: notes::now(),
        updated: notes::now(),
    }
}

fn read_only_reason(store: &Store) -> String {
    match store.access() {
        Access::ReadOnly(r) => r.clone(),
        Access::ReadWrite => panic!("expected read-only"),
    }
}

#[test]
fn notes_round_trip_through_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/folder/notes.toml");
    let (mut store, loaded) = Store::open(&path);
    assert!(loaded.is_empty());
    assert_eq!(store.access(), &Access::ReadWrite);
    assert_eq!(store.path(), path);
    let all = vec![
        note(
            1,
            "Check the #NATO-Japan angle.\nSecond line with \"quotes\" and '''triple'''.",
        ),
        note(
            2,
            "Emoji 🎉, CJK 日本語, tab\there, backslash \\ and \u{1b}[31m escape",
        ),
        note(3, ""),
        note(4, "crlf\r\nline\rcr\n[[notes]]\nid = \"fake\"\n\n"),
    ];
    store.save(&all).unwrap();
    let src = fs::read_to_string(&path).unwrap();
    assert!(src.contains("version = 1"), "{src}");
    assert!(
        src.contains("[[notes]]") && src.contains("[notes.anchor]"),
        "{src}"
    );
    drop(store);
    let (store, loaded) = Store::open(&path);
    assert_eq!(store.access(), &Access::ReadWrite);
    assert_eq!(loaded, all);
    assert_eq!(loaded[0].tags, ["nato-japan"]);
}

/// Writes a sound file with two notes and returns its bytes.
fn good_file(path: &Path) -> String {
    let (mut store, _) = Store::open(path);
    store.save(&[note(1, "one"), note(2, "two")]).unwrap();
    fs::read_to_string(path).unwrap()
}

fn line_of(src: &str, needle: &str, nth: usize) -> usize {
    src.lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .nth(nth)
        .unwrap()
        .0
        + 1
}

#[test]
fn broken_files_are_read_only_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.toml");
    let good = good_file(&path);

    // (edited file, expected line, expected key in the reason)
    let wrong_type = {
        let i = good.match_indices("start = ").nth(1).unwrap().0;
        let end = i + good[i..].find('\n').unwrap();
        format!("{}start = \"twelve\"{}", &good[..i], &good[end..])
    };
    let unknown_key = good.replacen("text = \"two\"", "text = \"two\"\ncolour = \"red\"", 1);
    let bad_toml = good.replacen("text = \"two\"", "text = \"two", 1);
    let versioned = good.replacen("version = 1", "version = 7", 1);
    let cases = [
        (
            wrong_type.clone(),
            line_of(&wrong_type, "twelve", 0),
            Some("notes[1].anchor.start"),
        ),
        (
            unknown_key.clone(),
            line_of(&unknown_key, "colour", 0),
            Some("notes[1].colour"),
        ),
        (
            bad_toml.clone(),
            line_of(&bad_toml, "text = \"two", 0),
            Some("notes[1].text"),
        ),
        (
            versioned.clone(),
            line_of(&versioned, "version = 7", 0),
            Some("version"),
        ),
    ];
    for (src, line, key) in cases {
        fs::write(&path, &src).unwrap();
        let (mut store, loaded) = Store::open(&path);
        let reason = read_only_reason(&store);
        let name = path.display().to_string();
        assert!(
            reason.starts_with(&format!("{name}:{line}:")),
            "line {line}: {reason}"
        );
        if let Some(key) = key {
            assert!(reason.contains(&format!("key `{key}`")), "{key}: {reason}");
        }
        assert!(reason.contains("read-only"), "{reason}");
        // The notes that can be read are still shown.
        assert!(loaded.iter().any(|n| n.text == "one"), "{reason}");
        let err = store.save(&[note(9, "new")]).unwrap_err();
        assert!(err.contains(&name), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), src, "file untouched");
        // Fixed by the user, a reload makes the store writable again.
        fs::write(&path, &good).unwrap();
        let loaded = store.reload();
        assert_eq!(store.access(), &Access::ReadWrite);
        assert_eq!(loaded.len(), 2);
        store.save(&loaded).unwrap();
    }
}

#[test]
fn the_backup_holds_the_previous_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.toml");
    let (mut store, _) = Store::open(&path);
    let first = vec![note(1, "first")];
    store.save(&first).unwrap();
    assert!(!dir.path().join("notes.toml.bak").exists());
    let v1 = fs::read(&path).unwrap();
    let second = vec![note(1, "first"), note(2, "second")];
    store.save(&second).unwrap();
    assert_eq!(fs::read(dir.path().join("notes.toml.bak")).unwrap(), v1);
    let v2 = fs::read(&path).unwrap();
    store.save(&second[1..]).unwrap();
    assert_eq!(fs::read(dir.path().join("notes.toml.bak")).unwrap(), v2);
    // No temporary files are left behind.
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["notes.toml", "notes.toml.bak", "notes.toml.lock"]);
}

#[test]
fn a_file_changed_behind_our_back_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.toml");
    let (mut store, _) = Store::open(&path);
    store.save(&[note(1, "mine")]).unwrap();
    let edited = fs::read_to_string(&path)
        .unwrap()
        .replace("mine", "edited by hand");
    fs::write(&path, &edited).unwrap();
    let err = store.save(&[note(1, "mine"), note(2, "more")]).unwrap_err();
    assert!(err.contains("changed on disk"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);
    let loaded = store.reload();
    assert_eq!(loaded[0].text, "edited by hand");
    store.save(&loaded).unwrap();
}

#[cfg(unix)]
#[test]
fn saving_into_a_read_only_folder_fails_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ro");
    fs::create_dir(&folder).unwrap();
    let path = folder.join("notes.toml");
    let (mut store, _) = Store::open(&path);
    store.save(&[note(1, "kept")]).unwrap();
    let before = fs::read(&path).unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
    let probe = folder.join("probe");
    if fs::write(&probe, b"x").is_ok() {
        // Root ignores folder permissions; the parent-is-a-file test covers it.
        let _ = fs::remove_file(&probe);
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: running as root, a 0o555 folder is still writable");
        return;
    }
    let err = store.save(&[note(1, "kept"), note(2, "lost?")]);
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
    let err = err.unwrap_err();
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(err.to_lowercase().contains("permission denied"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
    // Writable again, the same store saves.
    store.save(&[note(1, "kept"), note(2, "saved")]).unwrap();
}

#[test]
fn saving_under_a_regular_file_fails_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    fs::write(&file, b"precious").unwrap();
    let path = file.join("notes.toml");
    let (mut store, loaded) = Store::open(&path);
    assert!(loaded.is_empty());
    // Known from the start, not only at the first save.
    let reason = read_only_reason(&store);
    assert!(reason.contains(&path.display().to_string()), "{reason}");
    assert!(
        reason.contains(&format!("{} is a file, not a folder", file.display())),
        "{reason}"
    );
    let err = store.save(&[note(1, "x")]).unwrap_err();
    assert!(
        err.contains(&format!("{} is a file, not a folder", file.display())),
        "{err}"
    );
    assert_eq!(fs::read(&file).unwrap(), b"precious");
}

#[test]
fn a_second_store_on_a_fresh_install_is_read_only_from_the_start_and_takes_over() {
    let _no_children = CHILDREN.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    // Nothing saved yet: not even the folder exists.
    let path = dir.path().join("briefing/notes.toml");
    let (mut first, _) = Store::open(&path);
    assert_eq!(first.access(), &Access::ReadWrite);
    let (mut second, _) = Store::open(&path);
    let reason = read_only_reason(&second);
    assert!(reason.contains("is open in another briefing"), "{reason}");
    assert_eq!(second.take_over(), None, "the first still holds it");
    first.save(&[note(1, "by the first")]).unwrap();
    drop(first);
    let loaded = second.take_over().expect("taken over");
    assert_eq!(second.access(), &Access::ReadWrite);
    assert_eq!(loaded.len(), 1, "the first one's notes are read again");
    second
        .save(&[note(1, "by the first"), note(2, "by the second")])
        .unwrap();
    assert_eq!(second.take_over(), None, "nothing more to take over");
}

#[cfg(unix)]
#[test]
fn a_read_only_data_folder_reports_the_real_error() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let data = dir.path().join("briefing");
    fs::create_dir(&data).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o555)).unwrap();
    let writable = fs::write(data.join("probe"), "").is_ok();
    let reason = if writable {
        // Root writes into any folder: the store is opened by this test
        // binary run again as an unprivileged user.
        let _no_children = CHILDREN.lock().unwrap_or_else(|e| e.into_inner());
        let _ = fs::remove_file(data.join("probe"));
        let out = crate::common::Home::new()
            .command(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "notes_store::read_only_probe_child",
                "--nocapture",
                "--ignored",
            ])
            .env("BRIEFING_NOTES_PROBE", &data)
            .uid(65534)
            .gid(65534)
            .output();
        let Ok(out) = out else {
            eprintln!("cannot run as an unprivileged user here; skipped");
            return;
        };
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let Some(reason) = stdout
            .lines()
            .find_map(|l| l.strip_prefix("REASON:"))
            .map(str::to_string)
        else {
            panic!("the child said no reason: {out:?}");
        };
        reason
    } else {
        read_only_reason(&Store::open(&data.join("notes.toml")).0)
    };
    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).unwrap();
    assert!(
        reason.to_lowercase().contains("permission denied"),
        "{reason}"
    );
    assert!(!reason.contains("No such file"), "{reason}");
}

/// Run by `a_read_only_data_folder_reports_the_real_error` as an
/// unprivileged user when the tests run as root.
#[test]
#[ignore = "helper: runs only as a child process with BRIEFING_NOTES_PROBE set"]
fn read_only_probe_child() {
    let Some(data) = std::env::var_os("BRIEFING_NOTES_PROBE") else {
        return;
    };
    let (store, _) = Store::open(&Path::new(&data).join("notes.toml"));
    println!("REASON:{}", read_only_reason(&store));
}

#[test]
fn a_second_store_on_the_same_file_is_read_only_until_the_first_goes() {
    let _no_children = CHILDREN.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.toml");
    let (mut first, _) = Store::open(&path);
    first.save(&[note(1, "by the first")]).unwrap();
    let (mut second, loaded) = Store::open(&path);
    let reason = read_only_reason(&second);
    let pid = std::process::id();
    assert!(
        reason.contains(&format!(
            "is open in another briefing (pid {pid}); notes are read-only here"
        )),
        "{reason}"
    );
    assert!(reason.contains(&path.display().to_string()), "{reason}");
    assert_eq!(loaded.len(), 1, "notes shown as loaded");
    assert!(second.save(&loaded).is_err());
    // Still locked: reload keeps it read-only.
    second.reload();
    assert!(matches!(second.access(), Access::ReadOnly(_)));
    first
        .save(&[note(1, "by the first"), note(2, "again")])
        .unwrap();
    drop(first);
    let loaded = second.reload();
    assert_eq!(second.access(), &Access::ReadWrite);
    assert_eq!(loaded.len(), 2);
    second.save(&loaded).unwrap();
}

/// Run by `another_process_holds_the_lock`; see the file's doc comment.
#[test]
#[ignore = "helper: runs only as a child process with BRIEFING_NOTES_HOLD set"]
fn lock_holder_child() {
    let Some(path) = std::env::var_os("BRIEFING_NOTES_HOLD") else {
        return;
    };
    let (store, _) = Store::open(Path::new(&path));
    println!("HOLDING {:?}", store.access() == &Access::ReadWrite);
    std::io::stdout().flush().unwrap();
    // Hold the store until the parent closes our stdin.
    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
    drop(store);
}

#[test]
fn another_process_holds_the_lock() {
    let _no_children = CHILDREN.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.toml");
    let home = crate::common::Home::new();
    let mut child = home
        .command(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "notes_store::lock_holder_child",
            "--nocapture",
            "--ignored",
        ])
        .env("BRIEFING_NOTES_HOLD", &path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while !line.contains("HOLDING") {
        line.clear();
        assert!(out.read_line(&mut line).unwrap() > 0, "child quit early");
    }
    assert!(line.contains("HOLDING true"), "{line}");
    let (mut store, _) = Store::open(&path);
    let reason = read_only_reason(&store);
    assert!(
        reason.contains(&format!("(pid {})", child.id())),
        "{reason}"
    );
    drop(child.stdin.take());
    assert!(child.wait().unwrap().success());
    store.reload();
    assert_eq!(store.access(), &Access::ReadWrite);
    store.save(&[note(1, "after the other quit")]).unwrap();
}
