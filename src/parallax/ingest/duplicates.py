"""Near-duplicate fingerprints: MinHash signatures (datasketch's) and their LSH band keys.

The store keeps each article's band keys in an indexed table, so finding candidates for a
new article is one indexed lookup however large the corpus grows, and survives restarts.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import numpy as np

from parallax.config import Settings
from parallax.model import Fingerprint

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int) -> set[bytes]:
    """Return the set of ``size``-word shingles of ``text`` (lower-cased words)."""
    words = [word.lower() for word in _WORD.findall(text)]
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def shingle_hashes(text: str, size: int) -> bytes:
    """Return datasketch's 32-bit SHA-1 hash (``sha1_hash32``) of every shingle of ``text``, in
    order and with repeats, as little-endian 4-byte words: the hashes of :func:`shingles`.

    The words are joined and lower-cased at once (a word has no space, and no letter lowers
    into one), and each shingle is a slice of the joined text's bytes, not a join of its own;
    the slices' bounds come from the words' byte lengths in one numpy pass.
    """
    found = _WORD.findall(text)
    if not found:
        return b""
    data = " ".join(found).lower().encode("utf-8")
    if len(found) < size:
        return hashlib.sha1(data).digest()[:4]
    # No UTF-8 encoding of a character other than the space holds the byte of a space.
    lengths = np.fromiter(map(len, data.split(b" ")), dtype=np.intp, count=len(found))
    ends = np.cumsum(lengths + 1) - 1  # where each word ends in ``data``
    starts = ends - lengths
    count = len(found) - size + 1
    sha1 = hashlib.sha1
    return b"".join(
        [sha1(data[start:end]).digest()[:4]
         for start, end in zip(starts[:count].tolist(), ends[size - 1 :].tolist(), strict=True)]
    )  # fmt: skip


def _fmix32(values: Any) -> Any:
    """MurmurHash3's 32-bit finalizer, which datasketch's ``affine32`` scheme applies to each
    input hash before its permutations (uint32 arithmetic wraps, as it must)."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def signature(text: str, settings: Settings) -> Any:
    """Return the MinHash hash values of ``text``'s shingles as ``uint64``: those of a datasketch
    ``MinHash(num_perm=settings.minhash_perms, seed=1)`` updated with :func:`shingles`.

    That MinHash's default scheme (``affine32``, datasketch 2) is applied here with numpy: its
    permutations to the hashes of :func:`shingle_hashes` (a minimum over every shingle, repeats
    included, is the minimum over the set). datasketch itself is not imported (it pulls in SciPy:
    half a CPU second of every ingest's start); a test compares the two.
    """
    a, b = _permutations(settings.minhash_perms)
    values = np.full(settings.minhash_perms, np.iinfo(np.uint32).max, dtype=np.uint32)
    hashes = shingle_hashes(text, settings.shingle_words)
    if hashes:
        mixed = _fmix32(np.frombuffer(hashes, dtype="<u4").astype(np.uint32))
        values = np.minimum(values, (mixed[:, None] * a + b).min(axis=0))
    return values.astype(np.uint64)


def fingerprint(text: str, settings: Settings) -> Fingerprint:
    """Compute the MinHash signature of ``text`` and its LSH band keys."""
    if settings.minhash_perms % settings.minhash_bands:
        raise ValueError("minhash_bands must divide minhash_perms")
    values = signature(text, settings)
    rows = settings.minhash_perms // settings.minhash_bands
    bands = tuple(
        hashlib.blake2b(values[i * rows : (i + 1) * rows].tobytes(), digest_size=8).digest()
        for i in range(settings.minhash_bands)
    )
    return Fingerprint(values.tobytes(), bands)


#: The seed of datasketch's ``MinHash`` (its default), from which the permutations are drawn.
_SEED = 1


@lru_cache(maxsize=4)
def _permutations(perms: int) -> tuple[Any, Any]:
    """Return the ``affine32`` permutations ``(a, b)`` (``h -> a*h + b`` in uint32) that a
    datasketch ``MinHash(num_perm=perms, seed=1)`` draws, drawn as it draws them: from one
    ``RandomState(seed)``, ``perms`` odd multipliers and then ``perms`` offsets (once per
    process, not for every article: the same random numbers each time)."""
    generator = np.random.RandomState(_SEED)
    a = generator.randint(0, 1 << 31, perms, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, perms, dtype=np.uint32)
    return a, b


def similarity(left: bytes, right: bytes) -> float:
    """Estimate the Jaccard similarity of two stored signatures."""
    a = np.frombuffer(left, dtype=np.uint64)
    b = np.frombuffer(right, dtype=np.uint64)
    return float(np.count_nonzero(a == b)) / len(a) if len(a) == len(b) and len(a) else 0.0


def nearest(
    fingerprint: Fingerprint, candidates: Iterable[tuple[str, bytes]], *, threshold: float
) -> tuple[str, float] | None:
    """Return the candidate ``(id, signature)`` most similar to ``fingerprint`` at or above
    ``threshold``, with its similarity (the first of equals); None when none reaches it."""
    best: tuple[str, float] | None = None
    for candidate_id, signature in candidates:
        score = similarity(fingerprint.signature, signature)
        if score >= threshold and (best is None or score > best[1]):
            best = (candidate_id, score)
    return best
