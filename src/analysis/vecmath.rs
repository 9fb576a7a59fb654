//! Sparse-vector maths: term vectors as `(term, weight)` pairs sorted by
//! term, scaled to unit length, and their dot products and shared terms.
//! Linking, relatedness and key points all compare passages this way.

use std::cmp::Ordering;

/// Term and weight, sorted by term.
pub(crate) type SparseVec = Vec<(u32, f32)>;

/// Sorts by term and scales to unit length.
pub(crate) fn normalise(v: &mut SparseVec) {
    v.sort_unstable_by_key(|&(t, _)| t);
    let norm = v.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in v.iter_mut() {
            *w /= norm;
        }
    }
}

/// Calls `f` with each term two sorted sparse vectors share and its
/// contribution to their dot product, in term order.
pub(crate) fn each_shared(a: &[(u32, f32)], b: &[(u32, f32)], mut f: impl FnMut(u32, f32)) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let ((x, v), (y, w)) = (a[i], b[j]);
        if x == y {
            f(x, v * w);
        }
        // Which side moves on is worked out, not branched on: in two
        // vectors' terms it is as good as random, and a processor that
        // guesses wrong half the time spends most of the loop recovering.
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
}

/// Dot product of two sorted sparse vectors.
pub(crate) fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let mut sum = 0.0;
    each_shared(a, b, |_, x| sum += x);
    sum
}

/// Highest score first, ties in order of the first member.
fn best_first<T: Ord>(x: &(T, f32), y: &(T, f32)) -> Ordering {
    y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0))
}

/// Keeps the first `limit` of `v` in the total order `order`, sorted: what
/// a full sort keeps, for the cost of sorting only those kept.
pub(crate) fn keep_first_by<T>(
    v: &mut Vec<T>,
    limit: usize,
    order: impl Fn(&T, &T) -> Ordering + Copy,
) {
    if v.len() > limit {
        v.select_nth_unstable_by(limit, order);
        v.truncate(limit);
    }
    v.sort_unstable_by(order);
}

/// Keeps the `limit` pairs of highest score in `v`, in [`best_first`]
/// order.
pub(crate) fn keep_best<T: Ord>(v: &mut Vec<(T, f32)>, limit: usize) {
    keep_first_by(v, limit, best_first);
}

/// Shared terms with their contribution to the dot product, largest first.
pub(crate) fn shared(a: &[(u32, f32)], b: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let mut out: Vec<(u32, f32)> = Vec::new();
    each_shared(a, b, |t, x| out.push((t, x)));
    out.sort_by(best_first);
    out
}

#[cfg(test)]
mod tests {
    use super::{dot, each_shared, keep_best};

    #[test]
    fn shared_terms_are_found_in_order_whichever_side_runs_out_first() {
        let a = [(1, 0.5), (4, 0.5), (6, 0.5), (9, 0.5)];
        let b = [(0, 1.0), (4, 2.0), (5, 1.0), (9, 4.0), (12, 1.0)];
        let mut met = Vec::new();
        each_shared(&a, &b, |t, x| met.push((t, x)));
        assert_eq!(met, [(4, 1.0), (9, 2.0)]);
        let mut back = Vec::new();
        each_shared(&b, &a, |t, x| back.push((t, x)));
        assert_eq!(back, met);
        assert_eq!(dot(&a, &b), 3.0);
        assert_eq!(dot(&a, &a), 1.0);
        assert_eq!(dot(&a, &[]), 0.0);
        assert_eq!(dot(&[(2, 1.0)], &[(3, 1.0)]), 0.0);
    }

    #[test]
    fn keeping_the_best_matches_a_full_sort() {
        // Ties in score, kept in order of index.
        let all: Vec<(usize, f32)> = (0..40)
            .map(|i| (i, ((i * 7919) % 13) as f32 / 4.0))
            .collect();
        for limit in [0, 1, 5, 13, 39, 40, 60] {
            let mut sorted = all.clone();
            sorted.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
            sorted.truncate(limit);
            let mut kept = all.clone();
            keep_best(&mut kept, limit);
            assert_eq!(kept, sorted, "limit {limit}");
        }
    }
}
