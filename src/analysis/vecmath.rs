//! Sparse-vector maths: term vectors as `(term, weight)` pairs sorted by
//! term, scaled to unit length, and their dot products and shared terms.
//! Linking, relatedness and key points all compare passages this way.

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
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                f(a[i].0, a[i].1 * b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
}

/// Dot product of two sorted sparse vectors.
pub(crate) fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let mut sum = 0.0;
    each_shared(a, b, |_, x| sum += x);
    sum
}

/// Shared terms with their contribution to the dot product, largest first.
pub(crate) fn shared(a: &[(u32, f32)], b: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let mut out: Vec<(u32, f32)> = Vec::new();
    each_shared(a, b, |t, x| out.push((t, x)));
    out.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    out
}
