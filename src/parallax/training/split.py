"""The seeded held-out split every trainer uses: the same ids in, the same halves out."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from typing import TypeVar

VALIDATION_SEED = 13
VALIDATION_FRACTION = 0.2

Id = TypeVar("Id", int, str)


def held_out_split(
    ids: Sequence[Id], *, seed: int = VALIDATION_SEED, fraction: float = VALIDATION_FRACTION
) -> tuple[list[Id], list[Id]]:
    """Split ``ids`` into sorted (kept, held out) lists; the same for the same ids and seed.

    The ids are sorted before the seeded shuffle, so their order in ``ids`` does not matter.
    """
    shuffled = sorted(ids)
    random.Random(seed).shuffle(shuffled)
    cut = round(fraction * len(shuffled))
    return sorted(shuffled[cut:]), sorted(shuffled[:cut])


def linked_roots(links: Iterable[tuple[str, str]]) -> list[str]:
    """Return each link's group, named by one of its members: links that share an end,
    directly or through others, are one group (pairs sharing a sentence or an article)."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    firsts = []
    for first, second in links:
        parent[root(first)] = root(second)
        firsts.append(first)
    return [root(first) for first in firsts]
