//! Loading never crashes: hostile files are skipped or loaded with a
//! warning, and the rest of the library still loads. Fixtures are built in
//! a temporary folder at test time.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

use briefing::corpus::{load, Corpus, LoadOptions, Problem, Severity};
use briefing::text::segment::BlockKind;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&p, bytes).unwrap();
    p
}

fn load_paths(paths: &[PathBuf]) -> Corpus {
    load(paths, &LoadOptions::default()).expect("load does not fail")
}

/// The problems reported for files whose name ends with `name`.
fn problems_for<'a>(c: &'a Corpus, name: &str) -> Vec<&'a Problem> {
    c.problems
        .iter()
        .filter(|p| p.path.ends_with(name))
        .collect()
}

fn assert_skipped(c: &Corpus, name: &str, why: &str) {
    let ps = problems_for(c, name);
    assert_eq!(ps.len(), 1, "one problem for {name}: {:?}", c.problems);
    assert_eq!(ps[0].severity, Severity::Skipped, "{:?}", ps[0]);
    let shown = ps[0].to_string();
    assert!(shown.contains(name), "message names the file: {shown}");
    assert!(
        shown.to_lowercase().contains(why),
        "message says {why:?}: {shown}"
    );
    assert!(
        c.articles.iter().all(|a| !a.path.ends_with(name)),
        "{name} was loaded"
    );
}

#[test]
fn binary_file_is_skipped_with_a_message_naming_it() {
    let dir = TempDir::new().unwrap();
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend((0u8..=255).cycle().take(4096));
    let bin = write(dir.path(), "archive.txt", &bytes);
    write(dir.path(), "good.txt", b"A good article. It loads.");
    let c = load_paths(&[dir.path().to_path_buf()]);
    assert_skipped(&c, "archive.txt", "binary");
    assert_eq!(c.articles.len(), 1);
    assert!(c.articles[0].path.ends_with("good.txt"));
    // Named directly it is skipped the same way.
    let c = load_paths(&[bin]);
    assert_skipped(&c, "archive.txt", "binary");
    assert!(c.articles.is_empty());
}

#[test]
fn invalid_utf8_loads_with_replacement_and_a_warning_naming_the_byte() {
    let dir = TempDir::new().unwrap();
    let p = write(
        dir.path(),
        "latin1.txt",
        b"Caf\xe9 society met in Paris. The talks went well.\n",
    );
    let c = load_paths(&[p]);
    assert_eq!(c.articles.len(), 1);
    let a = &c.articles[0];
    assert!(a.text.starts_with("Caf\u{fffd} society"), "{:?}", a.text);
    let ps = problems_for(&c, "latin1.txt");
    assert_eq!(ps.len(), 1, "{:?}", c.problems);
    assert_eq!(ps[0].severity, Severity::Warning);
    assert!(ps[0].message.contains("byte 3"), "{}", ps[0].message);
    assert!(ps[0].to_string().contains("latin1.txt"));
}

#[test]
fn utf8_bom_is_kept_out_of_the_blocks_and_offsets_match_the_file() {
    let dir = TempDir::new().unwrap();
    let p = write(
        dir.path(),
        "bom.txt",
        "\u{feff}Headline Here\nBody text. More body.\n".as_bytes(),
    );
    let c = load_paths(&[p]);
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    let a = &c.articles[0];
    // The text is the file's bytes, so spans are file offsets; no block
    // shows the byte-order mark.
    assert_eq!(
        a.text.as_bytes(),
        std::fs::read(dir.path().join("bom.txt")).unwrap()
    );
    assert_eq!(a.blocks[0].span.start, 3);
    assert!(a
        .blocks
        .iter()
        .all(|b| !b.span.of(&a.text).contains('\u{feff}')));
    assert_eq!(a.title, "Headline Here");
}

#[test]
fn utf16le_with_bom_is_decoded() {
    let dir = TempDir::new().unwrap();
    let text = "Tōkyō liaison office\nThe office opened in 2026. It is small.\n";
    let bytes: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let p = write(dir.path(), "wide.txt", &bytes);
    let c = load_paths(&[p]);
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    let a = &c.articles[0];
    assert_eq!(a.text, text);
    assert_eq!(a.title, "Tōkyō liaison office");
    assert!(a.words >= 10);
}

#[test]
fn crlf_paragraphs_have_no_carriage_returns() {
    let dir = TempDir::new().unwrap();
    let p = write(
        dir.path(),
        "dos.txt",
        b"A Windows Heading\r\n\r\nFirst paragraph. It has two sentences.\r\nSecond paragraph here.\r\n- a bullet\r\n| A | B |\r\n|---|---|\r\n| 1 | 2 |\r\n",
    );
    let c = load_paths(&[p]);
    let a = &c.articles[0];
    assert_eq!(a.title, "A Windows Heading");
    assert!(a.blocks.len() >= 4, "{:?}", a.blocks);
    for b in &a.blocks {
        assert!(!b.span.of(&a.text).ends_with('\r'));
        if let BlockKind::Table { rows, .. } = &b.kind {
            // A table spans several lines; its cells hold no line ends.
            assert_eq!(rows.len(), 2);
            for cell in rows.iter().flatten() {
                assert!(!cell.of(&a.text).contains(['\r', '\n']));
            }
        } else {
            assert!(
                !b.content.of(&a.text).contains('\r'),
                "{:?}",
                b.content.of(&a.text)
            );
        }
    }
    for s in &a.sentences {
        assert!(!s.span.of(&a.text).contains('\r'));
    }
    assert!(a
        .blocks
        .iter()
        .any(|b| b.content.of(&a.text) == "Second paragraph here."));
}

#[test]
fn empty_and_whitespace_only_files_are_skipped() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "empty.txt", b"");
    write(dir.path(), "blank.md", b"  \n\t\r\n   \n");
    write(dir.path(), "real.md", b"Something to read.");
    let c = load_paths(&[dir.path().to_path_buf()]);
    assert_skipped(&c, "empty.txt", "empty");
    assert_skipped(&c, "blank.md", "whitespace");
    assert_eq!(c.articles.len(), 1);
}

#[test]
fn a_fifty_megabyte_file_loads_under_the_default_limit() {
    assert_eq!(LoadOptions::default().max_file_bytes, 64 * 1024 * 1024);
    let dir = TempDir::new().unwrap();
    let para = "The alliance met again to discuss burden-sharing and the pace of \
                rearmament. Officials said progress was steady but uneven.\n\n";
    let mut text = String::with_capacity(50 * 1024 * 1024 + para.len());
    text.push_str("A Very Long Report\n\n");
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(para);
    }
    let p = write(dir.path(), "huge.txt", text.as_bytes());
    drop(text);
    let c = load_paths(&[p]);
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    let a = &c.articles[0];
    assert_eq!(a.text.len(), fs::metadata(&a.path).unwrap().len() as usize);
    assert!(a.words > 3_000_000, "{} words", a.words);
    assert!(a.blocks.len() > 200_000, "{} blocks", a.blocks.len());
    assert_eq!(a.title, "A Very Long Report");
}

#[test]
fn files_over_the_size_limit_are_skipped() {
    let dir = TempDir::new().unwrap();
    let p = write(dir.path(), "big.txt", &vec![b'a'; 3 * 1024 * 1024]);
    let opts = LoadOptions {
        max_file_bytes: 1024 * 1024,
        ..LoadOptions::default()
    };
    let c = load(&[p], &opts).unwrap();
    assert!(c.articles.is_empty());
    assert_skipped(&c, "big.txt", "limit");
}

#[cfg(unix)]
#[cfg(unix)]
#[test]
fn fifos_and_devices_are_skipped_with_a_message_and_never_opened() {
    let dir = TempDir::new().unwrap();
    let made = Command::new("mkfifo")
        .arg(dir.path().join("x.txt"))
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo");
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.txt")).unwrap();
    write(dir.path(), "ok.txt", b"Fine text.");
    // Loading used to wait forever for a writer to the FIFO, and to read
    // /dev/zero until memory ran out.
    let c = load_paths(&[dir.path().to_path_buf()]);
    assert_skipped(&c, "x.txt", "a fifo, not a regular file");
    assert_skipped(&c, "zero.txt", "a device, not a regular file");
    assert_eq!(c.articles.len(), 1);
    // Named on their own, too.
    let c = load_paths(&[dir.path().join("zero.txt")]);
    assert_skipped(&c, "zero.txt", "not a regular file");
}

#[test]
fn the_size_limit_holds_while_reading() {
    let endless = std::io::repeat(b'a');
    assert_eq!(briefing::corpus::read_at_most(endless, 1000).unwrap(), None);
    let small = &b"twelve bytes"[..];
    assert_eq!(
        briefing::corpus::read_at_most(small, 12)
            .unwrap()
            .as_deref(),
        Some(small)
    );
    assert_eq!(briefing::corpus::read_at_most(small, 11).unwrap(), None);
}

#[test]
fn broken_symlink_is_skipped() {
    let dir = TempDir::new().unwrap();
    std::os::unix::fs::symlink(dir.path().join("nowhere.txt"), dir.path().join("x.txt")).unwrap();
    write(dir.path(), "ok.txt", b"Fine text.");
    let c = load_paths(&[dir.path().to_path_buf()]);
    assert_skipped(&c, "x.txt", "");
    assert_eq!(c.articles.len(), 1);
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let p = write(dir.path(), "secret.txt", b"You cannot read this.");
    write(dir.path(), "open.txt", b"You can read this.");
    fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::File::open(&p).is_ok() {
        eprintln!(
            "unreadable_file_is_skipped: running with permission to read a chmod-000 file \
             (root?); skipping the unreadable-file check"
        );
        fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
        return;
    }
    let c = load_paths(&[dir.path().to_path_buf()]);
    assert_skipped(&c, "secret.txt", "cannot read");
    assert_eq!(c.articles.len(), 1);
    fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
}

#[cfg(unix)]
#[test]
fn symlink_loops_terminate() {
    let dir = TempDir::new().unwrap();
    let sub = dir.path().join("dir");
    fs::create_dir(&sub).unwrap();
    write(&sub, "a.txt", b"Inside the loop. Read once.");
    // dir/link -> dir
    std::os::unix::fs::symlink(&sub, sub.join("link")).unwrap();
    // loop1 -> loop2 -> loop1: cannot be resolved at all.
    std::os::unix::fs::symlink(dir.path().join("loop2"), dir.path().join("loop1")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("loop1"), dir.path().join("loop2")).unwrap();
    let c = load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(
        c.articles.len(),
        1,
        "a.txt once: {:?}",
        c.articles.iter().map(|a| &a.path).collect::<Vec<_>>()
    );
    // Named directly, the looping folder also loads its file once.
    let c = load_paths(&[sub.join("link")]);
    assert_eq!(c.articles.len(), 1);
}

#[test]
fn other_extensions_are_ignored_in_folders_but_read_when_named() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "notes.txt", b"Plain text.");
    write(dir.path(), "NOTES2.MD", b"Markdown in capitals.");
    write(dir.path(), "deep/er/nested.md", b"Nested file.");
    write(dir.path(), "page.html", b"<p>Web page text.</p>");
    let org = write(dir.path(), "plan.org", b"* Plan <b>one</b>");
    write(dir.path(), "data.csv", b"a,b\n1,2\n");
    write(dir.path(), ".hidden.txt", b"Hidden file.");
    let c = load_paths(&[dir.path().to_path_buf()]);
    let mut names: Vec<String> = c.articles.iter().map(|a| a.display_path.clone()).collect();
    names.sort();
    assert_eq!(
        names,
        ["NOTES2.MD", "deep/er/nested.md", "notes.txt", "page.html"],
        "{:?}",
        c.problems
    );
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    let c = load_paths(std::slice::from_ref(&org));
    assert_eq!(c.articles.len(), 1);
    assert_eq!(
        c.articles[0].text, "* Plan <b>one</b>",
        "read as plain text"
    );
    assert_eq!(c.articles[0].display_path, org.display().to_string());
}

#[test]
fn a_nonexistent_path_is_a_load_error_naming_it() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("no-such-folder");
    let err = load(
        &[dir.path().to_path_buf(), missing.clone()],
        &LoadOptions::default(),
    )
    .expect_err("missing path is an error");
    assert_eq!(err.path, missing);
    assert!(err.to_string().contains("no-such-folder"), "{err}");
    assert!(err.message.contains("no such file"), "{err}");
}

#[test]
fn many_hostile_files_in_one_folder_do_not_stop_the_rest() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", b"\x00\x00\x00");
    write(dir.path(), "b.txt", b"");
    write(dir.path(), "c.txt", b"\xff\xfe\x00"); // odd-length UTF-16
    write(dir.path(), "d.txt", b"\xfe\xff\xd8\x00"); // lone surrogate
    write(dir.path(), "e.txt", &[0xc3; 100]); // all invalid UTF-8
    write(
        dir.path(),
        "f.txt",
        b"+++\ntitle = \n+++\nBody after broken front matter.",
    );
    write(dir.path(), "g.txt", b"Readable article. It is fine.");
    let c = load_paths(&[dir.path().to_path_buf()]);
    let loaded: Vec<&str> = c.articles.iter().map(|a| a.display_path.as_str()).collect();
    assert!(loaded.contains(&"g.txt"), "{loaded:?}");
    assert!(loaded.contains(&"f.txt"), "{loaded:?}");
    // Every file either loaded or has a problem.
    for name in [
        "a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt", "g.txt",
    ] {
        assert!(
            loaded.contains(&name) || !problems_for(&c, name).is_empty(),
            "{name} vanished silently"
        );
    }
    assert_skipped(&c, "a.txt", "binary");
    assert_skipped(&c, "e.txt", "binary");
    // Ids are positions in the library.
    for (i, a) in c.articles.iter().enumerate() {
        assert_eq!(a.id, i);
    }
}

// ---- the real binary ----

fn briefing(args: &[&str]) -> Output {
    crate::common::Home::new()
        .briefing()
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs")
}

#[test]
fn binary_exits_2_naming_a_missing_path() {
    let out = briefing(&["/no/such/path"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/no/such/path"), "{err}");
    // It never entered the alternate screen.
    assert!(!String::from_utf8_lossy(&out.stdout).contains("\x1b[?1049h"));
}

#[test]
fn binary_exits_2_naming_file_line_and_key_of_a_bad_config() {
    let dir = TempDir::new().unwrap();
    let cfg = write(
        dir.path(),
        "bad.toml",
        b"# comment\n[ui]\nlibrary_width = 30\ncolour = \"red\"\n",
    );
    let out = briefing(&["--config", cfg.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.toml"), "{err}");
    assert!(err.contains(":4"), "line 4 named: {err}");
    assert!(err.contains("ui.colour"), "key named: {err}");

    // A wrong type too.
    let cfg = write(
        dir.path(),
        "types.toml",
        b"[library]\nmax_file_mb = \"big\"\n",
    );
    let out = briefing(&["--config", cfg.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("types.toml:2"), "{err}");
    assert!(err.contains("library.max_file_mb"), "{err}");

    // A config file that does not exist.
    let out = briefing(&["--config", "/no/such/config.toml"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/config.toml"));
}

#[test]
fn binary_help_and_version_exit_0() {
    let out = briefing(&["--help"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("--config"), "{help}");
    assert!(help.contains("--no-config"), "{help}");

    let out = briefing(&["--version"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v = String::from_utf8_lossy(&out.stdout);
    assert!(v.contains(env!("CARGO_PKG_VERSION")), "{v}");
}

#[test]
fn binary_rejects_config_and_no_config_together() {
    let out = briefing(&["--config", "config.toml", "--no-config", "seeds"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}

// ---- more bad input ----

#[test]
fn nul_bytes_early_mean_binary_and_late_ones_are_shown_as_symbols() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "early.txt",
        b"Text with a \x00 NUL near the start.",
    );
    let mut late = b"A title\n\n".to_vec();
    while late.len() < 9000 {
        late.extend_from_slice(b"Plain words in a long paragraph. ");
    }
    late.extend_from_slice(b"\x00 after the sniffed part.\n");
    write(dir.path(), "late.txt", &late);
    let c = load_paths(&[dir.path().to_path_buf()]);
    assert_skipped(&c, "early.txt", "binary");
    assert_eq!(c.articles.len(), 1);
    assert!(c.articles[0].text.contains('\0'));
    // Drawn, the NUL is a visible symbol.
    let mut app = crate::harness::app_on(c, 120, 40);
    app.update(briefing::app::action::Action::Bottom);
    let screen = render(&app, 120, 40);
    assert!(!screen.contains('\0'));
}

#[test]
fn utf16be_with_bom_is_decoded_and_bad_utf16_warns() {
    let dir = TempDir::new().unwrap();
    let text = "Tōkyō liaison office\r\nThe office opened in 2026. It is small.\r\n";
    let be: Vec<u8> = [0xfe, 0xff]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    write(dir.path(), "be.txt", &be);
    // A lone surrogate in the middle of otherwise good UTF-16LE.
    let mut le: Vec<u8> = vec![0xff, 0xfe];
    le.extend("Good start. ".encode_utf16().flat_map(u16::to_le_bytes));
    le.extend(0xd800u16.to_le_bytes());
    le.extend(" good end.".encode_utf16().flat_map(u16::to_le_bytes));
    write(dir.path(), "lone.txt", &le);
    let c = load_paths(&[dir.path().to_path_buf()]);
    let be = c
        .articles
        .iter()
        .find(|a| a.path.ends_with("be.txt"))
        .unwrap();
    assert_eq!(be.text, text);
    assert_eq!(be.title, "Tōkyō liaison office");
    let lone = c
        .articles
        .iter()
        .find(|a| a.path.ends_with("lone.txt"))
        .unwrap();
    assert!(lone.text.contains('\u{fffd}'));
    let ps = problems_for(&c, "lone.txt");
    assert_eq!(ps.len(), 1, "{:?}", c.problems);
    assert_eq!(ps[0].severity, Severity::Warning);
    assert!(ps[0].message.contains("UTF-16"), "{}", ps[0].message);
}

#[test]
fn cr_only_and_mixed_line_endings_split_like_lf() {
    let dir = TempDir::new().unwrap();
    let lf = "A Heading Here\n\nFirst paragraph. Two sentences.\n\n- item one\n- item two\n\nLast paragraph.\n";
    write(dir.path(), "lf.txt", lf.as_bytes());
    write(dir.path(), "cr.txt", lf.replace('\n', "\r").as_bytes());
    let mixed = "A Heading Here\r\n\rFirst paragraph. Two sentences.\n\r\n- item one\r- item two\n\n\rLast paragraph.\r\n";
    write(dir.path(), "mixed.txt", mixed.as_bytes());
    let c = load_paths(&[dir.path().to_path_buf()]);
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    let shape = |name: &str| {
        let a = c.articles.iter().find(|a| a.path.ends_with(name)).unwrap();
        for b in &a.blocks {
            assert!(!b.span.of(&a.text).contains(['\r', '\n']), "{name}: {b:?}");
        }
        (
            a.title.clone(),
            a.blocks
                .iter()
                .map(|b| {
                    (
                        b.content.of(&a.text).to_string(),
                        format!("{:?}", b.kind).chars().take(6).collect::<String>(),
                    )
                })
                .collect::<Vec<_>>(),
            a.sentences
                .iter()
                .map(|s| s.span.of(&a.text).to_string())
                .collect::<Vec<_>>(),
        )
    };
    let want = shape("lf.txt");
    assert_eq!(want.1.len(), 5, "{want:?}");
    assert_eq!(shape("cr.txt"), want);
    assert_eq!(shape("mixed.txt"), want);
}

/// The screen `app` draws on a `width` × `height` test backend.
fn render(app: &briefing::app::App, width: u16, height: u16) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    t.draw(|f| briefing::ui::draw(f, app)).unwrap();
    let buf = t.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

#[test]
fn a_single_five_megabyte_line_loads_renders_and_scrolls() {
    use briefing::app::action::Action;
    use briefing::app::view::View;
    let dir = TempDir::new().unwrap();
    let mut line = String::from("START ");
    let words = [
        "alliance",
        "東京",
        "burden-sharing",
        "rearmament",
        "🇯🇵",
        "x",
    ];
    let mut i = 0;
    while line.len() < 5 * 1024 * 1024 {
        line.push_str(words[i % words.len()]);
        line.push(' ');
        i += 1;
    }
    line.push_str("END");
    let p = write(dir.path(), "line.txt", line.as_bytes());
    let c = load_paths(&[p]);
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    let a = &c.articles[0];
    assert_eq!(a.blocks.len(), 1);
    // View::scroll directly, at the width the reader would use.
    let mut v = View::default();
    let (w, h) = (80, 30);
    v.scroll(a, w, h, 5);
    let rows = v.screen(a, w, h);
    assert_eq!(rows.len(), h);
    // Far past the end: stops with the last row at the bottom.
    v.scroll(a, w, h, 1_000_000_000);
    assert!(v.top.byte > line.len() - 10_000, "{v:?}");
    // In the app: open, page down, bottom, top.
    let mut app = crate::harness::app_on(c, 100, 30);
    app.update(Action::Open);
    let first = render(&app, 100, 30);
    assert!(first.contains("┃▌ START alliance"), "{first}");
    app.update(Action::PageDown);
    let page = render(&app, 100, 30);
    assert!(!page.contains("┃▌ START alliance"), "{page}");
    app.update(Action::Bottom);
    let bottom = render(&app, 100, 30);
    assert!(bottom.contains(" END"), "{bottom}");
}

#[test]
fn ten_thousand_small_files_all_load_and_the_library_pane_works() {
    use briefing::app::action::Action;
    let dir = TempDir::new().unwrap();
    for i in 0..10_000 {
        fs::write(
            dir.path().join(format!("f{i:05}.txt")),
            format!("Item {i}\n\nA short body about item {i}. It ends here.\n"),
        )
        .unwrap();
    }
    let c = load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(c.articles.len(), 10_000);
    assert!(c.problems.is_empty(), "{:?}", &c.problems[..1]);
    let mut app = crate::harness::app_on(c, 120, 40);
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains("Library (10,000)") || screen.contains("Library (10000)"),
        "{screen}"
    );
    assert!(screen.contains("Item 0 "), "{screen}");
    app.update(Action::Bottom);
    assert_eq!(app.selected(), 9_999);
    let screen = render(&app, 120, 40);
    assert!(screen.contains("Item 9999 "), "{screen}");
    app.update(Action::Up);
    app.update(Action::Open);
    assert_eq!(app.open(), Some(9_998));
    assert!(render(&app, 120, 40).contains("item 9998"));
    app.update(Action::Top);
    app.update(Action::PageDown);
    assert!(app.selected() > 0);
}

#[test]
fn the_binary_reports_every_bad_file_and_keeps_going() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00");
    write(dir.path(), "empty.txt", b"");
    write(dir.path(), "blank.txt", b" \r\n\t ");
    write(
        dir.path(),
        "bom16.txt",
        b"\xff\xfeA\x00 \x00t\x00i\x00t\x00l\x00e\x00",
    );
    write(dir.path(), "bad.txt", b"Caf\xe9 society. Fine otherwise.");
    write(dir.path(), "good.txt", b"A good article. It loads.");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("loopA.txt"), dir.path().join("loopB.txt"))
            .unwrap();
        std::os::unix::fs::symlink(dir.path().join("loopB.txt"), dir.path().join("loopA.txt"))
            .unwrap();
    }
    let out = briefing(&[
        "--no-config",
        "dump",
        "--json",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    for (name, why) in [
        ("binary.txt", "binary"),
        ("empty.txt", "empty"),
        ("blank.txt", "whitespace"),
        ("bad.txt", "invalid UTF-8"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(name) && l.contains(why)),
            "{name}: {err}"
        );
    }
    #[cfg(unix)]
    assert!(
        err.contains("loopA.txt") && err.contains("loopB.txt"),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["articles"].as_array().unwrap().len(), 3, "{json}");
}

#[test]
fn loading_reports_files_read_of_the_total() {
    let dir = TempDir::new().unwrap();
    for i in 0..250 {
        write(dir.path(), &format!("{i:03}.txt"), b"A short article.");
    }
    let seen = std::sync::Mutex::new(Vec::new());
    let corpus = briefing::corpus::load_reporting(
        &[dir.path().to_path_buf()],
        &LoadOptions::default(),
        &|done, total| seen.lock().unwrap().push((done, total)),
    )
    .unwrap();
    assert_eq!(corpus.articles.len(), 250);
    let mut seen = seen.into_inner().unwrap();
    assert_eq!(seen.first(), Some(&(0, 250)));
    seen.sort();
    assert_eq!(seen, [(0, 250), (100, 250), (200, 250)]);
}

#[test]
fn without_a_terminal_the_reader_says_so_and_writes_nothing_else() {
    let home = crate::common::Home::new();
    let out = home
        .briefing()
        .arg("seeds")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(std::process::Stdio::null())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        out.stdout.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "briefing needs a terminal; use `briefing dump` for scripts\n"
    );
    assert!(!home.data().exists(), "nothing written to the data folder");
}

#[test]
fn argument_errors_never_echo_escape_sequences() {
    let evil = "x\u{1b}]0;pwned\u{7}\u{1b}]52;c;aGk=\u{7}\u{9b}6n";
    for args in [
        vec!["notes", evil],
        vec!["notes", "export", "--format", evil],
    ] {
        // As on a terminal, where clap writes its messages as they are.
        let out = crate::common::Home::new()
            .briefing()
            .args(&args)
            .env("CLICOLOR_FORCE", "1")
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains('\u{1b}'), "{err:?}");
        assert!(!err.contains('\u{7}'), "{err:?}");
        assert!(!err.contains('\u{9b}'), "{err:?}");
        assert!(err.contains("6n"), "the argument is named: {err}");
    }
    // Help still goes to standard output, whole.
    let out = briefing(&["--help"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Usage:"));
}
