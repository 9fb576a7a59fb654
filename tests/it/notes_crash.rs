//! Killing a briefing while it saves never loses an acknowledged note.
//!
//! `crash_writer_child` is not a test of its own: it is `#[ignore]`d and
//! returns at once unless `BRIEFING_NOTES_CRASH` names a notes file. The
//! crash test runs this test binary again (`current_exe()` with
//! `--exact notes_crash::crash_writer_child --nocapture --ignored`) with that variable
//! set: the child then adds notes one by one, saving after each, and prints
//! `ACK:<id>:END` once a save has returned. The parent kills it with SIGKILL
//! at pseudo-random moments (a fixed seed) and checks that the file still
//! parses and holds every acknowledged note.
use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use briefing::notes::{self, Access, Anchor, ArticleRef, Note, Store};
use briefing::text::Span;

const ENV: &str = "BRIEFING_NOTES_CRASH";

#[test]
#[ignore = "helper: runs only as a child process with BRIEFING_NOTES_CRASH set"]
fn crash_writer_child() {
    let Some(path) = std::env::var_os(ENV) else {
        return;
    };
    let text = "A passage about “energy security” in 日本 and elsewhere. ".repeat(4);
    let (mut store, mut all) = Store::open(Path::new(&path));
    if let Access::ReadOnly(reason) = store.access() {
        println!("READONLY:{reason}:END");
        return;
    }
    let mut out = std::io::stdout();
    writeln!(out, "READY:END").unwrap();
    out.flush().unwrap();
    for i in 0.. {
        let s = (i * 7) % 100;
        all.push(Note {
            id: notes::new_id(),
            article: ArticleRef {
                path: format!("asia/{i}.md"),
                fingerprint: notes::fingerprint(&text),
                source: None,
                extraction: None,
            },
            anchor: Anchor::new(&text, Span::new(s, s + 20)),
            text: format!("note {i} #crash\nwith a second line"),
            tags: vec!["crash".into()],
            created: notes::now(),
            updated: notes::now(),
        });
        store.save(&all).unwrap();
        let id = &all[all.len() - 1].id;
        writeln!(out, "ACK:{id}:END").unwrap();
        out.flush().unwrap();
    }
}

/// Every `ACK:<id>:END` in `out`; a line cut short by the kill is ignored.
fn acknowledged(out: &str) -> Vec<String> {
    out.split("ACK:")
        .skip(1)
        .filter_map(|s| s.split_once(":END").map(|(id, _)| id.to_string()))
        .collect()
}

#[test]
fn killed_writers_never_lose_acknowledged_notes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.toml");
    let exe = std::env::current_exe().unwrap();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut acked: HashSet<String> = HashSet::new();
    let mut rounds_with_acks = 0;
    for round in 0..40 {
        let home = crate::common::Home::new();
        let mut child = home
            .command(&exe)
            .args([
                "--exact",
                "notes_crash::crash_writer_child",
                "--nocapture",
                "--ignored",
            ])
            .env(ENV, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        // Read concurrently so the child never blocks on a full pipe, and
        // say when it is ready (it holds the store and starts saving).
        let (ready_tx, ready_rx) = mpsc::channel();
        let reader = thread::spawn(move || {
            let mut s = String::new();
            let mut buf = [0u8; 4096];
            let mut told = false;
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                s.push_str(&String::from_utf8_lossy(&buf[..n]));
                if !told && s.contains("READY:END") {
                    told = true;
                    let _ = ready_tx.send(());
                }
            }
            s
        });
        // Startup may be slow on a loaded machine: wait for it (generously),
        // then let the child save for 0..40 ms before killing it, so kills
        // land at all stages of a save.
        let _ = ready_rx.recv_timeout(Duration::from_secs(30));
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        thread::sleep(Duration::from_micros(seed % 40_000));
        let pid = child.id().to_string();
        let killed = Command::new("kill").args(["-KILL", &pid]).status();
        if !killed.is_ok_and(|s| s.success()) {
            child.kill().unwrap();
        }
        child.wait().unwrap();
        let out = reader.join().unwrap();
        assert!(!out.contains("READONLY:"), "round {round}: {out}");
        let new = acknowledged(&out);
        if !new.is_empty() {
            rounds_with_acks += 1;
        }
        acked.extend(new);

        // The dead child's lock is gone; the file parses and has every
        // acknowledged note.
        let (store, loaded) = Store::open(&path);
        assert_eq!(store.access(), &Access::ReadWrite, "round {round}");
        let ids: HashSet<&str> = loaded.iter().map(|n| n.id.as_str()).collect();
        for id in &acked {
            assert!(
                ids.contains(id.as_str()),
                "round {round}: acknowledged {id} lost"
            );
        }
        assert_eq!(ids.len(), loaded.len(), "round {round}: duplicate ids");
        if path.with_file_name("notes.toml.bak").exists() {
            let (_, backup) = Store::open(&path.with_file_name("notes.toml.bak"));
            assert!(backup.len() <= loaded.len());
        }
    }
    // The test means something only if the children got to save.
    assert!(
        rounds_with_acks >= 3,
        "only {rounds_with_acks} rounds saved anything"
    );
    eprintln!(
        "{} notes acknowledged in {rounds_with_acks} of 40 rounds",
        acked.len()
    );
}
