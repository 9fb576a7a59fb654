//! British and American spellings of one word as one term: "programme"
//! and "program", "defence" and "defense", "organisation" and
//! "organization", "labour" and "labor".
//!
//! Only patterns that are spelling differences in every word they occur
//! in are rewritten by rule (`-isation`, `-yse`); the rest are listed,
//! because the same endings are part of unrelated words ("four" is no
//! "for", "promise" no "promize", "filled" no "filed").

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::sync::OnceLock;

use super::words;

/// British form and its American form; inflected forms follow the stem.
const PAIRS: &[(&str, &str)] = &[
    ("programme", "program"),
    ("programmes", "programs"),
    ("defence", "defense"),
    ("defences", "defenses"),
    ("offence", "offense"),
    ("offences", "offenses"),
    ("licence", "license"),
    ("licences", "licenses"),
    ("pretence", "pretense"),
    ("centre", "center"),
    ("centres", "centers"),
    ("centred", "centered"),
    ("theatre", "theater"),
    ("theatres", "theaters"),
    ("metre", "meter"),
    ("metres", "meters"),
    ("kilometre", "kilometer"),
    ("kilometres", "kilometers"),
    ("litre", "liter"),
    ("litres", "liters"),
    ("fibre", "fiber"),
    ("calibre", "caliber"),
    ("spectre", "specter"),
    ("sombre", "somber"),
    ("manoeuvre", "maneuver"),
    ("manoeuvres", "maneuvers"),
    ("catalogue", "catalog"),
    ("travelled", "traveled"),
    ("travelling", "traveling"),
    ("cancelled", "canceled"),
    ("cancelling", "canceling"),
    ("modelling", "modeling"),
    ("modelled", "modeled"),
    ("labelled", "labeled"),
    ("labelling", "labeling"),
    ("fuelled", "fueled"),
    ("fuelling", "fueling"),
    ("signalled", "signaled"),
    ("signalling", "signaling"),
    ("channelled", "channeled"),
    ("levelled", "leveled"),
    ("counselling", "counseling"),
    ("jewellery", "jewelry"),
    ("aluminium", "aluminum"),
    ("grey", "gray"),
    ("tyre", "tire"),
    ("tyres", "tires"),
    ("cheque", "check"),
    ("sceptical", "skeptical"),
    ("sceptic", "skeptic"),
    ("sceptics", "skeptics"),
    ("scepticism", "skepticism"),
    ("paediatric", "pediatric"),
    ("encyclopaedia", "encyclopedia"),
    ("manoeuvring", "maneuvering"),
    ("judgement", "judgment"),
    ("ageing", "aging"),
    ("enrol", "enroll"),
    ("fulfil", "fulfill"),
    ("instalment", "installment"),
];

/// The Snowball stem of a lower-case word's American spelling, so that
/// "Organisation" and "Organization", "Programme" and "Program" are one
/// term.
pub(crate) fn stem(stemmer: &rust_stemmers::Stemmer, lower: &str) -> String {
    stemmer.stem(&american(lower)).into_owned()
}

/// `lower`, a lower-case word, in American spelling.
pub(crate) fn american(lower: &str) -> Cow<'_, str> {
    static LISTED: OnceLock<HashMap<&str, &str>> = OnceLock::new();
    if let Some(&us) = LISTED
        .get_or_init(|| PAIRS.iter().copied().collect())
        .get(lower)
    {
        return Cow::Borrowed(us);
    }
    // Every rule below rewrites "is", "our" or "ys"; most words have none.
    let b = lower.as_bytes();
    if !(1..b.len()).any(|i| match (b[i - 1], b[i]) {
        (b'i' | b'y', b's') => true,
        (b'o', b'u') => b.get(i + 1) == Some(&b'r'),
        _ => false,
    }) {
        return Cow::Borrowed(lower);
    }
    static ISE: OnceLock<HashSet<&str>> = OnceLock::new();
    static OUR: OnceLock<HashSet<&str>> = OnceLock::new();
    let ise = words::set(&ISE, words::ise_stems());
    let our = words::set(&OUR, words::our_stems());
    if let Some(i) = lower.find("isation") {
        if i > 0 {
            return Cow::Owned(format!(
                "{}ization{}",
                &lower[..i],
                &lower[i + "isation".len()..]
            ));
        }
    }
    // A listed verb under a prefix ("reorganise", "decentralised",
    // "unauthorised") is spelt the American way too, as every "-isation"
    // noun already is: otherwise the verb and its noun are two terms.
    let listed = |stem: &str| {
        ise.contains(stem)
            || ["re", "de", "un", "dis", "over", "under"]
                .iter()
                .any(|p| stem.strip_prefix(p).is_some_and(|s| ise.contains(s)))
    };
    for suffix in ["e", "es", "ed", "ing", "er", "ers"] {
        if let Some(stem) = lower.strip_suffix(suffix) {
            if listed(stem) {
                return Cow::Owned(format!("{}iz{suffix}", &stem[..stem.len() - 2]));
            }
        }
    }
    for suffix in ["", "s", "ed", "ing", "able", "ite", "ites", "ers"] {
        if let Some(stem) = lower.strip_suffix(suffix) {
            if our.contains(stem) {
                return Cow::Owned(format!("{}or{suffix}", &stem[..stem.len() - 3]));
            }
        }
    }
    for (uk, us) in [("analys", "analyz"), ("paralys", "paralyz")] {
        if let Some(rest) = lower.strip_prefix(uk) {
            if matches!(rest, "e" | "es" | "ed" | "ing") {
                return Cow::Owned(format!("{us}{rest}"));
            }
        }
    }
    Cow::Borrowed(lower)
}

#[cfg(test)]
mod tests {
    use super::american;

    #[test]
    fn british_spellings_become_american() {
        for (uk, us) in [
            ("programme", "program"),
            ("defence", "defense"),
            ("organisation", "organization"),
            ("organisations", "organizations"),
            ("organised", "organized"),
            ("militarising", "militarizing"),
            ("recognises", "recognizes"),
            ("reorganised", "reorganized"),
            ("decentralising", "decentralizing"),
            ("unauthorised", "unauthorized"),
            ("labour", "labor"),
            ("favourable", "favorable"),
            ("neighbours", "neighbors"),
            ("centre", "center"),
            ("analysed", "analyzed"),
            ("manoeuvres", "maneuvers"),
        ] {
            assert_eq!(american(uk), us, "{uk}");
        }
    }

    #[test]
    fn look_alikes_are_left_alone() {
        for w in [
            "four", "hour", "tour", "promise", "exercise", "advise", "surprise", "filled",
            "crisis", "analysis", "program", "genre", "massacre", "emphasis", "rise", "wise",
        ] {
            assert_eq!(american(w), w, "{w}");
        }
    }
}
