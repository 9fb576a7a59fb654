//! The English word lists analysis reads: stop words, generic words,
//! headings, sentence openings, spelling stems. Each list is a text file
//! in `words/`, one word or phrase a line, with `#` comment lines naming
//! the list and what reads it. The files are compiled in with
//! `include_str!` and each is parsed once, on first use, keeping the
//! file's order.

use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

/// The entries of a word list: its lines in file order, without blank
/// lines and `#` comment lines.
fn parse(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// A word list as a set, built once into `cell`.
pub(crate) fn set(
    cell: &'static OnceLock<HashSet<&'static str>>,
    list: &'static [&'static str],
) -> &'static HashSet<&'static str> {
    cell.get_or_init(|| list.iter().copied().collect())
}

/// A function per list, returning its entries, and for the tests every
/// list's file name and text.
macro_rules! word_lists {
    ($($(#[doc = $doc:literal])* $name:ident;)*) => {
        $(
            $(#[doc = $doc])*
            pub(crate) fn $name() -> &'static [&'static str] {
                static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
                LIST.get_or_init(|| parse(include_str!(concat!("words/", stringify!($name), ".txt"))))
            }
        )*

        #[cfg(test)]
        const ALL: &[(&str, &str)] = &[
            $((stringify!($name), include_str!(concat!("words/", stringify!($name), ".txt")))),*
        ];
    };
}

word_lists! {
    /// Function words that carry no topic.
    stop_words;
    /// Words of news about anything: neither topics nor link evidence.
    generic_words;
    /// Function words that may sit inside a multi-word name or phrase.
    connectors;
    /// Head nouns that add nothing to the name before them.
    head_words;
    /// Compass points, which only qualify a name.
    compass_words;
    /// Offices, titles and broad words of any policy or news text.
    broad_words;
    /// Common words that name a field of policy on their own.
    domain_words;
    /// Words that make a topic junk: dates, captions and credits.
    junk_words;
    /// Headings of the author's own summary.
    author_headings;
    /// Headings of sections that hold no argument.
    skip_headings;
    /// Headings of an article's conclusion.
    conclusion_headings;
    /// Openings that make a sentence lean on the one before it.
    dependent_openings;
    /// Phrases that announce a point instead of making it.
    filler_openings;
    /// Openings that flag the author's own main point.
    emphatic_openings;
    /// Words for the article itself in "This paper argues ...".
    document_words;
    /// Verbs by which an article states its claim.
    claim_verbs;
    /// Verbs by which an article says what it does.
    purpose_verbs;
    /// Auxiliary and modal verbs.
    auxiliaries;
    /// Words after which "that" points back.
    pointing_after;
    /// Words after "this" or "these" that say when.
    time_words;
    /// Words in "-our" whose American form drops the "u".
    our_stems;
    /// Verbs in "-ise" whose American form is "-ize".
    ise_stems;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_list_is_non_empty_without_duplicates_or_stray_whitespace() {
        for (name, text) in ALL {
            let entries = parse(text);
            assert!(!entries.is_empty(), "{name} is empty");
            let mut seen = HashSet::new();
            for e in &entries {
                assert!(seen.insert(*e), "{name} lists {e:?} twice");
            }
            for line in text.lines() {
                assert_eq!(line, line.trim(), "{name} has stray whitespace: {line:?}");
                assert!(!line.contains('\t'), "{name} has a tab: {line:?}");
                if !line.starts_with('#') {
                    assert!(!line.is_empty(), "{name} has a blank line");
                    assert!(!line.contains("  "), "{name} has a double space: {line:?}");
                }
            }
            assert!(
                text.ends_with('\n') && !text.ends_with("\n\n"),
                "{name} ends badly"
            );
        }
    }

    #[test]
    fn lists_keep_their_order() {
        assert_eq!(stop_words().first(), Some(&"a"));
        assert_eq!(
            connectors(),
            ["of", "in", "the", "a", "an", "for", "on", "at"]
        );
    }
}
