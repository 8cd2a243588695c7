"""The seeded held-out split every trainer uses: the same ids in, the same halves out."""

from __future__ import annotations

import random
from collections.abc import Sequence
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
