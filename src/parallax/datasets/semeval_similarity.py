"""SemEval-2022 Task 8: pairs of news articles rated for how similar they are.

The CSV holds ``pair_id``, ``lang1``, ``lang2``, ``text1``, ``text2`` (about 1,000 characters
each, the headline run into the body) and ``Overall``, from 1 (very similar) to 4 (very
dissimilar).
"""

from __future__ import annotations

import csv
from pathlib import Path

from parallax.errors import Code, InputError
from parallax.stories.features import StoryInput


def read_pairs(
    pairs_csv: Path, *, languages: tuple[str, str] = ("en", "en")
) -> list[tuple[str, StoryInput, StoryInput, float]]:
    """Return ``(pair id, first, second, Overall)`` for the pairs in the given languages.

    Raises:
        InputError: the file is missing (P114).
    """
    if not pairs_csv.is_file():
        raise InputError(Code.NOT_FOUND, "pairs file is missing", path=str(pairs_csv))
    pairs = []
    with pairs_csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if (row["lang1"], row["lang2"]) != languages:
                continue
            pair_id = row["pair_id"]
            first = StoryInput(f"{pair_id}/1", None, None, row["text1"], None, frozenset())
            second = StoryInput(f"{pair_id}/2", None, None, row["text2"], None, frozenset())
            pairs.append((pair_id, first, second, float(row["Overall"])))
    return pairs
