//! Anchoring notes to passages and finding them again after articles change.
use briefing::notes::{find_article, fingerprint, locate, Anchor, ArticleRef, Note, Placement};
use briefing::text::Span;

const ART: &str = "“We will not be rushed,” the minister said on Monday. \
The delegation from Japan proposed a joint reserve of liquefied natural gas, \
to be held in three ports. 🎉 Critics said the plan was vague and costly. \
東京の会議は火曜日に続きます。 The talks continue on Tuesday, and the \
delegation from Korea proposed a joint reserve of crude oil.";

fn span_of(text: &str, quote: &str) -> Span {
    let s = text.find(quote).unwrap();
    Span::new(s, s + quote.len())
}

fn anchor_of(text: &str, quote: &str) -> Anchor {
    Anchor::new(text, span_of(text, quote))
}

fn on_boundaries(text: &str, p: Placement) {
    if let Some(s) = p.span() {
        assert!(s.start <= s.end && s.end <= text.len(), "{s:?}");
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{s:?}"
        );
    }
}

#[test]
fn unchanged_article_is_exact() {
    for q in [
        "joint reserve of liquefied",
        "“We will not be rushed,”",
        "🎉",
        "火曜日",
    ] {
        let a = anchor_of(ART, q);
        assert_eq!(a.quote, q);
        assert_eq!(locate(&a, ART), Placement::Exact(span_of(ART, q)));
    }
}

#[test]
fn text_inserted_before_moves_the_quote() {
    let q = "Critics said the plan was vague";
    let a = anchor_of(ART, q);
    let edited = format!("Update, 14:00: the ministry issued a statement. ✍️\n\n{ART}");
    let p = locate(&a, &edited);
    assert_eq!(p, Placement::Moved(span_of(&edited, q)));
    assert_eq!(p.span().unwrap().of(&edited), q);
}

#[test]
fn context_picks_the_right_one_of_two_occurrences() {
    // "proposed a joint reserve of" occurs twice; the note is on the second.
    let q = "proposed a joint reserve of";
    let second = ART.rfind(q).unwrap();
    let a = Anchor::new(ART, Span::new(second, second + q.len()));
    let edited = ART.replacen("on Monday.", "on Monday, in a long and heated session.", 1);
    let want = edited.rfind(q).unwrap();
    assert_eq!(
        locate(&a, &edited),
        Placement::Moved(Span::new(want, want + q.len()))
    );
    // And on the first, with the text moved the other way.
    let a = anchor_of(ART, q);
    let edited = ART.replacen("“We will not be rushed,” the minister", "He", 1);
    let want = edited.find(q).unwrap();
    assert_eq!(
        locate(&a, &edited),
        Placement::Moved(Span::new(want, want + q.len()))
    );
}

#[test]
fn an_edited_word_gives_an_approximate_match_with_the_right_span() {
    let q = "The delegation from Japan proposed a joint reserve of liquefied natural gas";
    let a = anchor_of(ART, q);
    let edited = ART.replacen("Japan proposed", "Japan suggested", 1);
    let want = span_of(
        &edited,
        "The delegation from Japan suggested a joint reserve of liquefied natural gas",
    );
    match locate(&a, &edited) {
        Placement::Approximate(span, sim) => {
            assert_eq!(span, want);
            assert!((0.8..1.0).contains(&sim), "{sim}");
        }
        other => panic!("expected Approximate, got {other:?}"),
    }
}

#[test]
fn an_edited_quote_keeps_its_quotation_marks() {
    let q = "“We will not be rushed,”";
    let a = anchor_of(ART, q);
    let edited = ART.replacen("not be rushed", "never be rushed", 1);
    let want = span_of(&edited, "“We will never be rushed,”");
    match locate(&a, &edited) {
        Placement::Approximate(span, _) => assert_eq!(span, want),
        other => panic!("expected Approximate, got {other:?}"),
    }
}

#[test]
fn an_edited_cjk_quote_is_found_by_characters() {
    let q = "東京の会議は火曜日に続きます";
    let a = anchor_of(ART, q);
    let edited = ART.replacen("火曜日", "水曜日", 1);
    let want = span_of(&edited, "東京の会議は水曜日に続きます");
    let p = locate(&a, &edited);
    on_boundaries(&edited, p);
    match p {
        Placement::Approximate(span, sim) => {
            assert_eq!(span, want);
            assert!(sim > 0.8, "{sim}");
        }
        other => panic!("expected Approximate, got {other:?}"),
    }
}

#[test]
fn a_deleted_passage_is_orphaned() {
    let q = "Critics said the plan was vague and costly.";
    let a = anchor_of(ART, q);
    let edited = ART.replacen(q, "", 1);
    assert_eq!(locate(&a, &edited), Placement::Orphan);
    assert_eq!(locate(&a, &edited).span(), None);
    // Rewritten beyond recognition is orphaned too.
    let edited = ART.replacen(q, "Opposition figures welcomed it warmly.", 1);
    assert_eq!(locate(&a, &edited), Placement::Orphan);
}

#[test]
fn stale_offsets_inside_a_character_do_not_panic() {
    let mut a = anchor_of(ART, "火曜日");
    a.start += 1;
    a.end += 1;
    let p = locate(&a, ART);
    assert_eq!(p, Placement::Moved(span_of(ART, "火曜日")));
    a.start = ART.len() + 10;
    a.end = ART.len() + 20;
    assert!(matches!(locate(&a, ART), Placement::Moved(_)));
}

/// A tiny deterministic generator, so the test is the same on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn spans_are_always_on_char_boundaries_with_multibyte_text() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..300 {
        // Any byte offsets, even inside characters.
        let a = rng.below(ART.len());
        let b = rng.below(ART.len());
        let anchor = Anchor::new(ART, Span::new(a.min(b), a.max(b)));
        assert!(ART.is_char_boundary(anchor.start) && ART.is_char_boundary(anchor.end));
        assert_eq!(&ART[anchor.start..anchor.end], anchor.quote);
        // Edit the article somewhere: insert, delete or replace a few chars.
        let chars: Vec<(usize, char)> = ART.char_indices().collect();
        let ci = rng.below(chars.len());
        let cj = (ci + rng.below(12)).min(chars.len());
        let i = chars[ci].0;
        let j = chars.get(cj).map_or(ART.len(), |c| c.0);
        let repl = ["", "✨", "ä new ", "日本", "’"][rng.below(5)];
        let edited = format!("{}{repl}{}", &ART[..i], &ART[j..]);
        let p = locate(&anchor, &edited);
        on_boundaries(&edited, p);
        if let Placement::Exact(s) | Placement::Moved(s) = p {
            assert_eq!(s.of(&edited), anchor.quote);
        }
    }
}

#[test]
fn a_megabyte_article_is_searched_quickly_enough() {
    // 1 MB of varied filler with the passage near the end, edited.
    let mut rng = Rng(42);
    let words = [
        "energy",
        "security",
        "ministers",
        "said",
        "the",
        "of",
        "and",
        "talks",
        "gas",
        "reserve",
        "Japan",
        "Korea",
        "policy",
        "on",
        "Monday",
        "plan",
        "costly",
        "vague",
    ];
    let mut text = String::new();
    while text.len() < 1_000_000 {
        text.push_str(words[rng.below(words.len())]);
        text.push(if rng.below(12) == 0 { '.' } else { ' ' });
    }
    let passage = " The committee finally agreed to publish the full audit of the strategic \
        petroleum reserve before the end of the year. ";
    text.push_str(passage);
    text.push_str("Closing words follow here.");
    let a = anchor_of(&text, passage.trim());
    let edited = format!(
        "Preface. {}",
        text.replacen("full audit", "complete audit", 1)
    );
    let want = span_of(
        &edited,
        passage.trim().replacen("full", "complete", 1).as_str(),
    );
    match locate(&a, &edited) {
        Placement::Approximate(span, _) => assert_eq!(span, want),
        other => panic!("expected Approximate, got {other:?}"),
    }
    // A deleted passage in a megabyte of common words stays an orphan.
    let gone = text.replacen(passage, " ", 1);
    assert_eq!(locate(&a, &gone), Placement::Orphan);
}

fn note(path: &str, fp: &str) -> Note {
    Note {
        id: "n1".into(),
        article: ArticleRef {
            path: path.into(),
            fingerprint: fp.into(),
            source: None,
            extraction: None,
        },
        anchor: anchor_of(ART, "joint reserve"),
        text: "note".into(),
        tags: vec![],
        created: "2026-01-01T00:00:00Z".into(),
        updated: "2026-01-01T00:00:00Z".into(),
    }
}

#[test]
fn renamed_or_moved_files_are_found_by_fingerprint() {
    let fp = fingerprint(ART);
    assert_eq!(fp, fingerprint(ART), "stable");
    assert_eq!(fp.len(), 16);
    assert_ne!(fp, fingerprint(&ART.replace("Monday", "Sunday")));
    let n = note("asia/energy.md", &fp);
    let other = fingerprint("another article");
    // Moved to another folder.
    let lib = [
        ("europe/a.md", other.as_str()),
        ("archive/2026/energy.md", fp.as_str()),
    ];
    assert_eq!(find_article(&n, &lib), Some(1));
    // Moved, and a different file now sits at the old path: the text wins.
    let lib = [
        ("asia/energy.md", other.as_str()),
        ("energy-old.md", fp.as_str()),
    ];
    assert_eq!(find_article(&n, &lib), Some(1));
    // Edited in place.
    let lib = [
        ("x.md", other.as_str()),
        ("asia/energy.md", "0000000000000000"),
    ];
    assert_eq!(find_article(&n, &lib), Some(1));
    // Exact match preferred over a copy elsewhere.
    let lib = [("copy.md", fp.as_str()), ("asia/energy.md", fp.as_str())];
    assert_eq!(find_article(&n, &lib), Some(1));
    // Gone.
    assert_eq!(find_article(&n, &[("x.md", other.as_str())]), None);
    // Found by fingerprint, the passage is still exactly where it was.
    assert!(matches!(locate(&n.anchor, ART), Placement::Exact(_)));
}
