//! FNV-1a 64: the one hash behind article fingerprints, note anchors, the
//! notes file's change check and the analysis cache's keys and checksums.
//! Stable across runs, platforms and Rust versions, unlike std's hasher.

/// The hash of no bytes, where every FNV-1a hash starts.
pub const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// `h`, the hash of some bytes, continued over `bytes`.
pub fn extend(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(PRIME);
    }
    h
}

/// The hash of `bytes`.
pub fn hash(bytes: &[u8]) -> u64 {
    extend(OFFSET, bytes)
}

/// A fingerprint of an article's text: its hash as 16 lower case hex
/// digits.
pub fn fingerprint(text: &str) -> String {
    format!("{:016x}", hash(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_fnv1a_64() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(fingerprint(""), "cbf29ce484222325");
        assert_eq!(fingerprint("a"), "af63dc4c8601ec8c");
        assert_eq!(fingerprint("foobar"), "85944171f73967e8");
        assert_eq!(extend(hash(b"foo"), b"bar"), hash(b"foobar"));
    }
}
