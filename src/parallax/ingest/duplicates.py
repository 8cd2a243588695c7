"""Near-duplicate fingerprints: MinHash signatures (datasketch) and their LSH band keys.

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


def fingerprint(text: str, settings: Settings) -> Fingerprint:
    """Compute the MinHash signature of ``text`` and its LSH band keys."""
    # datasketch pulls in scipy.integrate and scipy.optimize (a third of a CPU second): only a
    # process that ingests pays for them, not one that reads, compares or serves.
    from datasketch import LeanMinHash, MinHash

    if settings.minhash_perms % settings.minhash_bands:
        raise ValueError("minhash_bands must divide minhash_perms")
    scheme, permutations = _permutations(settings.minhash_perms)
    minhash = MinHash(
        num_perm=settings.minhash_perms, seed=1, permutations=permutations, scheme=scheme
    )
    minhash.update_batch(list(shingles(text, settings.shingle_words)))
    values = LeanMinHash(minhash).hashvalues.astype(np.uint64)
    rows = settings.minhash_perms // settings.minhash_bands
    bands = tuple(
        hashlib.blake2b(values[i * rows : (i + 1) * rows].tobytes(), digest_size=8).digest()
        for i in range(settings.minhash_bands)
    )
    return Fingerprint(values.tobytes(), bands)


@lru_cache(maxsize=4)
def _permutations(perms: int) -> tuple[Any, Any]:
    """Return the hashing scheme and permutations a ``MinHash(perms, seed=1)`` draws (drawn
    once, not for every article: the same random numbers each time)."""
    from datasketch import MinHash

    drawn = MinHash(num_perm=perms, seed=1)
    return drawn.scheme, drawn.permutations


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
