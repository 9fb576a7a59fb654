//! Names a library writes in more than one way, so that they count as one
//! term: two transliterations of one name ("Ioannidis" and "Ioanidis"), and
//! a short form of a long compound name ("Yugansk" for "Yuganskneftegas").
//!
//! Only words the library capitalises as names are compared, and only long
//! ones: among short words one letter makes another word ("Clark",
//! "Clarke"), among long names it is nearly always a spelling.

use rustc_hash::FxHashMap as HashMap;

/// Names shorter than this, in letters, are never spelling variants.
const MIN_SPELLED: usize = 7;
/// A short form has at least this many letters, and at most half those of
/// the long name: "Yugansk" is "Yuganskneftegas", while "Gazprom" and
/// "Gazpromneft" are two companies, and "Russia" and "Russian" are the
/// stemmer's business.
const MIN_SHORT_FORM: usize = 6;

/// Groups of variants of one name, each as (variant, the group's
/// canonical spelling), for every name in a group of two or more. `names`
/// are lower-case words with how often each occurs; the canonical
/// spelling is the most frequent one.
pub(crate) fn name_variants(names: &[(&str, u32)]) -> Vec<(String, String)> {
    let words: Vec<Vec<char>> = names
        .iter()
        .map(|(w, _)| w.chars().collect::<Vec<char>>())
        .collect();
    let usable = |i: usize| words[i].iter().all(|c| c.is_alphabetic());
    let mut groups = UnionFind::new(names.len());
    // Two words one edit apart (a letter changed, added, dropped or two
    // swapped) share a form with one letter deleted, or one is such a form
    // of the other.
    let mut deleted: HashMap<String, Vec<usize>> = HashMap::default();
    let mut whole: HashMap<&str, usize> = HashMap::default();
    for (i, w) in words.iter().enumerate() {
        if !usable(i) || w.len() < MIN_SPELLED {
            continue;
        }
        whole.insert(names[i].0, i);
        for skip in 1..w.len() {
            let key: String = w
                .iter()
                .enumerate()
                .filter(|&(k, _)| k != skip)
                .map(|(_, c)| c)
                .collect();
            deleted.entry(key).or_default().push(i);
        }
    }
    for (key, same) in &deleted {
        let mut members: Vec<usize> = same.clone();
        if let Some(&j) = whole.get(key.as_str()) {
            members.push(j);
        }
        members.sort_unstable();
        members.dedup();
        for (k, &x) in members.iter().enumerate() {
            for &y in &members[k + 1..] {
                if one_edit_apart(&words[x], &words[y]) {
                    groups.join(x, y);
                }
            }
        }
    }
    // A short form is the start of a long name.
    let mut sorted: Vec<usize> = (0..names.len()).filter(|&i| usable(i)).collect();
    sorted.sort_unstable_by(|&x, &y| names[x].0.cmp(names[y].0));
    for (k, &i) in sorted.iter().enumerate() {
        if words[i].len() < MIN_SHORT_FORM {
            continue;
        }
        let short = names[i].0;
        for &j in sorted[k + 1..]
            .iter()
            .take_while(|&&j| names[j].0.starts_with(short))
        {
            if words[j].len() >= 2 * words[i].len() {
                groups.join(i, j);
            }
        }
    }
    let mut canonical: HashMap<usize, usize> = HashMap::default();
    let mut sizes: HashMap<usize, usize> = HashMap::default();
    for i in 0..names.len() {
        let root = groups.find(i);
        *sizes.entry(root).or_default() += 1;
        let best = canonical.entry(root).or_insert(i);
        let better = names[i].1 > names[*best].1
            || (names[i].1 == names[*best].1 && names[i].0 < names[*best].0);
        if better {
            *best = i;
        }
    }
    let mut out: Vec<(String, String)> = (0..names.len())
        .filter_map(|i| {
            let root = groups.find(i);
            (sizes[&root] >= 2).then(|| {
                (
                    names[i].0.to_string(),
                    names[canonical[&root]].0.to_string(),
                )
            })
        })
        .collect();
    out.sort_unstable();
    out
}

/// Whether at most one letter changed, added or dropped, or two neighbouring
/// letters swapped, turns `a` into `b`; the first letter stays.
fn one_edit_apart(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.first() != long.first() || long.len() - short.len() > 1 {
        return false;
    }
    let start = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        let end = short.len()
            - short
                .iter()
                .rev()
                .zip(long.iter().rev())
                .take_while(|(x, y)| x == y)
                .count();
        // One letter changed, or two neighbours swapped.
        end <= start + 1
            || (end == start + 2
                && short[start] == long[start + 1]
                && short[start + 1] == long[start])
    } else {
        short[start..] == long[start + 1..]
    }
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind((0..n).collect())
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical_of(names: &[(&str, u32)], word: &str) -> Option<String> {
        name_variants(names)
            .into_iter()
            .find(|(v, _)| v == word)
            .map(|(_, c)| c)
    }

    #[test]
    fn transliterations_one_letter_apart_are_one_name() {
        let names = [("ioannidis", 3), ("ioanidis", 1), ("kenteris", 9)];
        assert_eq!(
            canonical_of(&names, "ioanidis").as_deref(),
            Some("ioannidis")
        );
        assert_eq!(
            canonical_of(&names, "ioannidis").as_deref(),
            Some("ioannidis")
        );
        assert_eq!(canonical_of(&names, "kenteris"), None);
    }

    #[test]
    fn swapped_and_changed_letters_count_as_one_edit() {
        let names = [
            ("gaddafi", 2),
            ("gadafi", 1),
            ("qaddafi", 1),
            ("hussein", 1),
            ("hussien", 1),
        ];
        assert_eq!(canonical_of(&names, "hussien").as_deref(), Some("hussein"));
        // A different first letter is a different name.
        assert_eq!(canonical_of(&names, "qaddafi"), None);
    }

    #[test]
    fn a_short_form_of_a_long_name_is_that_name() {
        let names = [
            ("yuganskneftegas", 4),
            ("yugansk", 6),
            ("russia", 5),
            ("russian", 5),
        ];
        assert_eq!(
            canonical_of(&names, "yuganskneftegas").as_deref(),
            Some("yugansk")
        );
        // Inflections are the stemmer's business, not a short form.
        assert_eq!(canonical_of(&names, "russia"), None);
    }

    #[test]
    fn short_names_one_letter_apart_stay_apart() {
        let names = [("clark", 3), ("clarke", 3), ("thanou", 4), ("thanos", 1)];
        assert!(name_variants(&names).is_empty());
    }

    #[test]
    fn two_edits_are_two_words() {
        let names = [
            ("minister", 3),
            ("ministry", 3),
            ("gazprom", 3),
            ("gazpromneft", 1),
        ];
        assert!(name_variants(&names).is_empty());
    }

    #[test]
    fn one_edit_is_a_change_an_insertion_a_deletion_or_a_swap() {
        let w = |s: &str| s.chars().collect::<Vec<char>>();
        assert!(one_edit_apart(&w("hussein"), &w("hussien")));
        assert!(one_edit_apart(&w("ioanidis"), &w("ioannidis")));
        assert!(one_edit_apart(&w("kenteris"), &w("kentaris")));
        assert!(!one_edit_apart(&w("minister"), &w("ministry")));
        assert!(!one_edit_apart(&w("abcdefg"), &w("bbcdefg")));
        assert!(!one_edit_apart(&w("abcdefg"), &w("abcxefgh")));
    }
}
