//! Segmentation and title detection on the real briefings in `seeds/`.

use std::path::PathBuf;

use briefing::corpus::{load, Article, Corpus, LoadOptions};
use briefing::text::segment::{Block, BlockKind};
use briefing::text::wrap::str_width;

fn seeds() -> Corpus {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let corpus = load(&[dir], &LoadOptions::default()).expect("seeds load");
    assert_eq!(corpus.articles.len(), 5, "five seed briefings");
    assert!(
        corpus.problems.is_empty(),
        "no problems expected: {:?}",
        corpus.problems
    );
    corpus
}

/// The seed whose file name starts with `prefix` ("000" .. "004").
fn seed<'a>(corpus: &'a Corpus, prefix: &str) -> &'a Article {
    corpus
        .articles
        .iter()
        .find(|a| a.display_path.starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}"))
}

fn sentence_texts(a: &Article) -> Vec<&str> {
    a.sentences.iter().map(|s| s.span.of(&a.text)).collect()
}

/// The one sentence that contains the first byte of `phrase`; it must
/// contain the whole phrase.
fn assert_phrase_in_one_sentence(a: &Article, phrase: &str) {
    let at = a
        .text
        .find(phrase)
        .unwrap_or_else(|| panic!("{phrase:?} not in {}", a.display_path));
    let s = a
        .sentences
        .iter()
        .find(|s| s.span.start <= at && at < s.span.end)
        .unwrap_or_else(|| panic!("no sentence holds the start of {phrase:?}"));
    assert!(
        s.span.end >= at + phrase.len(),
        "{phrase:?} straddles a sentence boundary: sentence is {:?}",
        s.span.of(&a.text)
    );
}

fn block_containing<'a>(a: &'a Article, needle: &str) -> &'a Block {
    let at = a.text.find(needle).expect("needle in text");
    a.blocks
        .iter()
        .find(|b| b.span.start <= at && at < b.span.end)
        .unwrap_or_else(|| panic!("no block holds {needle:?}"))
}

#[test]
fn abbreviations_do_not_split_sentences() {
    let c = seeds();
    let a000 = seed(&c, "000");
    assert_phrase_in_one_sentence(a000, "U.S. ambassador");
    assert_phrase_in_one_sentence(a000, "St. Andrew's University");
    assert_phrase_in_one_sentence(
        a000,
        "Julianne Smith, U.S. ambassador to NATO, explained that “in an era of strategic competition",
    );
    assert_phrase_in_one_sentence(seed(&c, "003"), "Oct. 21-22");

    // The Julianne Smith sentence starts with her name and runs to the end
    // of the quotation that closes the paragraph.
    let smith = sentence_texts(a000)
        .into_iter()
        .find(|s| s.contains("Julianne Smith"))
        .expect("sentence");
    assert!(
        smith.starts_with("Julianne Smith, U.S. ambassador"),
        "{smith}"
    );
    assert!(smith.ends_with("like-minded countries.”"), "{smith}");

    // "U.S. Assistant Secretary" in 002 does not end a sentence either.
    assert_phrase_in_one_sentence(
        seed(&c, "002"),
        "Former U.S. Assistant Secretary of Defense Ely Ratner",
    );
}

#[test]
fn quotations_ending_in_punctuation_end_after_the_closing_quote() {
    let c = seeds();
    let a = seed(&c, "000");
    let texts = sentence_texts(a);
    let i = texts
        .iter()
        .position(|s| s.ends_with("elsewhere in the world.”"))
        .unwrap_or_else(|| panic!("no sentence ends after the quote: {texts:#?}"));
    assert!(
        texts[i].starts_with("Foreign Ministry spokesperson Wang Wenbin"),
        "{}",
        texts[i]
    );
    assert!(
        texts[i + 1].starts_with("If expectations are calibrated"),
        "next sentence: {}",
        texts[i + 1]
    );
    // ... and it is in the next paragraph.
    assert_eq!(a.sentences[i + 1].block, a.sentences[i].block + 1);

    // A quotation ending a sentence mid-paragraph: 003's “... with each other.”
    let a003 = seed(&c, "003");
    let texts = sentence_texts(a003);
    let j = texts
        .iter()
        .position(|s| s.ends_with("between their forces, and with each other.”"))
        .unwrap_or_else(|| panic!("{texts:#?}"));
    assert!(texts[j].starts_with("To this end, Stoltenberg stated"));
    assert!(texts[j + 1].starts_with("In regards to crisis management"));
}

#[test]
fn bullet_lines_without_full_stops_are_one_item_each() {
    let c = seeds();
    let a001 = seed(&c, "001");
    for item in [
        "Clarifying red lines in cyber and space adopt explicit collective defense criteria and establish a rapid attribution and response cell",
        "Turning promises into power launch a coordinated defense industrial surge with joint munitions stockpiles and interoperable air and missile defenses",
        "Cementing a persistent forward presence on the eastern flank including Black Sea and High North task forces while building practical ties with Indo Pacific democracies",
        "In Retrospect",
    ] {
        // The first occurrence is the table-of-contents bullet.
        let b = block_containing(a001, item);
        assert!(
            matches!(b.kind, BlockKind::ListItem { .. }),
            "{item:?} is {:?}",
            b.kind
        );
        assert_eq!(b.content.of(&a001.text), item);
        let idx = a001.blocks.iter().position(|x| x == b).expect("block");
        let sentences: Vec<_> = a001.sentences.iter().filter(|s| s.block == idx).collect();
        assert_eq!(sentences.len(), 1, "{item:?}");
        assert_eq!(sentences[0].span.of(&a001.text), item);
    }
    // The table of contents is four items between its heading and the
    // first section heading.
    let toc = a001
        .blocks
        .iter()
        .position(|b| b.content.of(&a001.text) == "Table of Contents")
        .expect("toc heading");
    assert!(a001.blocks[toc].is_heading());
    for k in 1..=4 {
        assert!(matches!(
            a001.blocks[toc + k].kind,
            BlockKind::ListItem { .. }
        ));
    }
    assert!(a001.blocks[toc + 5].is_heading());

    let a004 = seed(&c, "004");
    for item in [
        "Geographic centrality for regional trade corridors.",
        "Established diplomatic channels with both Western and Eastern blocs.",
        "Institutional stability via the Federal Constitutional Court (2025).",
        "Regional polarization limiting diplomatic maneuverability.",
    ] {
        let b = block_containing(a004, item);
        assert!(matches!(b.kind, BlockKind::ListItem { .. }), "{item:?}");
        assert_eq!(b.content.of(&a004.text), item);
        let idx = a004.blocks.iter().position(|x| x == b).expect("block");
        assert_eq!(
            a004.sentences.iter().filter(|s| s.block == idx).count(),
            1,
            "{item:?}"
        );
    }
    // Key terms without full stops: "Strategic Autonomy" is its own item.
    let b = block_containing(a004, "- Strategic Autonomy");
    assert_eq!(b.content.of(&a004.text), "Strategic Autonomy");
}

#[test]
fn boilerplate_is_marked_and_nothing_else_in_000() {
    let c = seeds();
    let a000 = seed(&c, "000");
    let junk: Vec<&str> = a000
        .blocks
        .iter()
        .filter(|b| b.boilerplate)
        .map(|b| b.content.of(&a000.text))
        .collect();
    assert_eq!(junk.len(), 1, "{junk:#?}");
    assert!(junk[0].starts_with("Brad Glosserman is"), "{}", junk[0]);
    assert!(a000.blocks.last().expect("blocks").boilerplate);

    let a003 = seed(&c, "003");
    let bio = block_containing(a003, "Oliver Gao is");
    assert!(bio.boilerplate);
    let form_start = a003
        .blocks
        .iter()
        .position(|b| b.content.of(&a003.text) == "Leave a Reply")
        .expect("comment form");
    for b in &a003.blocks[form_start..] {
        assert!(
            b.boilerplate,
            "{:?} not boilerplate",
            b.content.of(&a003.text)
        );
    }
    assert_eq!(
        a003.blocks.last().expect("blocks").content.of(&a003.text),
        "Connecting to %s"
    );
    // The article body before the bio is not boilerplate.
    let bio_idx = a003.blocks.iter().position(|b| b == bio).expect("bio");
    assert_eq!(bio_idx + 1, form_start);
    for b in &a003.blocks[..bio_idx] {
        assert!(!b.boilerplate, "{:?}", b.content.of(&a003.text));
    }
    // Boilerplate blocks carry no prose.
    assert!(a003.blocks[form_start..].iter().all(|b| !b.is_prose()));
}

#[test]
fn titles_are_what_a_reader_would_recognise() {
    let c = seeds();
    assert_eq!(
        seed(&c, "002").title,
        "The Indo-Pacific Defense Pact That Won’t Be: Security Without a Signature"
    );
    assert_eq!(seed(&c, "003").title, "The Future of NATO");

    let t004 = &seed(&c, "004").title;
    assert_ne!(t004, "⚡ KEY TAKEAWAYS");
    assert!(!t004.to_lowercase().contains("key takeaways"), "{t004}");
    assert!(t004.contains("Tokyo Liaison Office"), "{t004}");

    let t001 = &seed(&c, "001").title;
    assert!(!t001.starts_with("Brussels"), "{t001}");
    assert!(t001.starts_with("As Russia’s war in Ukraine"), "{t001}");

    let t000 = &seed(&c, "000").title;
    assert!(
        t000.starts_with("The claim that “security is indivisible,”"),
        "{t000}"
    );

    for a in &c.articles {
        let words = a.title.split_whitespace().count();
        assert!(
            (1..=16).contains(&words),
            "{}: title has {words} words: {}",
            a.display_path,
            a.title
        );
        assert!(
            str_width(&a.title) <= 90,
            "{}: title is {} columns: {}",
            a.display_path,
            str_width(&a.title),
            a.title
        );
        assert!(!a.title.contains('\n') && a.title.trim() == a.title);
    }
}

#[test]
fn markdown_table_in_004_is_one_table_block() {
    let c = seeds();
    let a = seed(&c, "004");
    let tables: Vec<&Block> = a
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Table { .. }))
        .collect();
    assert_eq!(tables.len(), 1, "one table");
    let t = tables[0];
    assert!(t.span.of(&a.text).starts_with("| Metric | Pakistan"));
    assert!(t.span.of(&a.text).ends_with("| 30% |"));
    let BlockKind::Table { rows, header } = &t.kind else {
        unreachable!()
    };
    assert!(header, "first row is a header");
    let cells: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(|c| c.of(&a.text)).collect())
        .collect();
    assert_eq!(
        cells,
        vec![
            vec!["Metric", "Pakistan", "Vietnam", "Indonesia", "Global Best"],
            vec!["Defense Spending (% GDP)", "2.8%", "2.4%", "0.9%", "3.5%"],
            vec!["Trade with China (% Total)", "22%", "28%", "25%", "30%"],
        ],
        "header plus two data rows"
    );
    // Tables have no sentences; the caption below is a caption.
    let idx = a.blocks.iter().position(|b| b == t).expect("table");
    assert!(a.sentences.iter().all(|s| s.block != idx));
    assert_eq!(a.blocks[idx + 1].kind, BlockKind::Caption);
}

#[test]
fn spans_are_valid_ordered_and_disjoint() {
    let c = seeds();
    for a in &c.articles {
        let text = &a.text;
        let ok = |start: usize, end: usize| {
            start <= end
                && end <= text.len()
                && text.is_char_boundary(start)
                && text.is_char_boundary(end)
        };
        assert!(!a.blocks.is_empty());
        let mut prev_end = a.body_start;
        for b in &a.blocks {
            assert!(ok(b.span.start, b.span.end), "{}: {:?}", a.display_path, b);
            assert!(ok(b.content.start, b.content.end));
            assert!(
                b.span.start >= prev_end,
                "blocks overlap in {}",
                a.display_path
            );
            assert!(b.content.start >= b.span.start && b.content.end <= b.span.end);
            assert!(!b.span.is_empty());
            assert_eq!(b.span.of(text).trim(), b.span.of(text));
            if let BlockKind::ListItem { marker } = b.kind {
                assert!(ok(marker.start, marker.end));
                assert!(marker.end <= b.content.start);
            }
            if let BlockKind::Table { rows, .. } = &b.kind {
                for cell in rows.iter().flatten() {
                    assert!(ok(cell.start, cell.end));
                    assert!(cell.start >= b.span.start && cell.end <= b.span.end);
                }
            }
            prev_end = b.span.end;
        }
        let mut prev_end = 0;
        let mut prev_block = 0;
        assert!(!a.sentences.is_empty());
        for s in &a.sentences {
            assert!(ok(s.span.start, s.span.end), "{}: {:?}", a.display_path, s);
            assert!(!s.span.is_empty());
            assert!(
                s.span.start >= prev_end,
                "{}: sentences overlap or out of order at {:?}",
                a.display_path,
                s.span.of(text)
            );
            assert!(s.block >= prev_block && s.block < a.blocks.len());
            let b = &a.blocks[s.block];
            assert!(s.span.start >= b.content.start && s.span.end <= b.content.end);
            assert_eq!(s.span.of(text).trim(), s.span.of(text));
            prev_end = s.span.end;
            prev_block = s.block;
        }
    }
}

#[test]
fn no_sentence_starts_in_lower_case_or_ends_mid_abbreviation() {
    // A cheap global check on all seeds: a sentence that ends with a known
    // abbreviation ("U.S.", "Oct.", "St.") was split in the wrong place.
    let c = seeds();
    for a in &c.articles {
        for s in sentence_texts(a) {
            for abbr in [" U.S.", " Oct.", " St.", " Mr.", " Dr."] {
                assert!(
                    !s.ends_with(abbr),
                    "{}: sentence ends in {abbr:?}: {s}",
                    a.display_path
                );
            }
            let first = s.chars().next().expect("non-empty");
            assert!(
                !first.is_lowercase(),
                "{}: sentence starts in lower case: {s}",
                a.display_path
            );
        }
    }
}
