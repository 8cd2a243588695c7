"""SemEval-2022 Task 8: pairs of news articles rated for how similar they are.

The CSV holds ``pair_id``, ``lang1``, ``lang2``, ``text1``, ``text2`` (about 1,000 characters
each, the headline run into the body) and ``Overall``, from 1 (very similar) to 4 (very
dissimilar).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class LanguagePair:
    """One rated pair of articles with their languages (ISO 639-1)."""

    pair_id: str
    lang1: str
    lang2: str
    first: str
    second: str
    overall: float

    @property
    def key(self) -> str:
        """The language pair, its codes in alphabetical order (``de-en``, ``en-zh``)."""
        return "-".join(sorted((self.lang1, self.lang2)))

    @property
    def similarity(self) -> float:
        """``5 - Overall``: 4 for one story, 1 for unrelated articles."""
        return 5.0 - self.overall

    @property
    def articles(self) -> tuple[str, str]:
        """The two articles' ids (the pair id is ``FIRST_SECOND``)."""
        first, _, second = self.pair_id.partition("_")
        return first, second or self.pair_id

    def inputs(self) -> tuple[StoryInput, StoryInput]:
        """The two articles as the story grouper reads them."""
        return (
            StoryInput(f"{self.pair_id}/1", None, None, self.first, None, frozenset(), self.lang1),
            StoryInput(f"{self.pair_id}/2", None, None, self.second, None, frozenset(), self.lang2),
        )


def read_language_pairs(
    pairs_csv: Path, *, keys: Iterable[str] | None = None
) -> list[LanguagePair]:
    """Return the pairs of every language pair, or of those whose key is in ``keys``.

    Raises:
        InputError: the file is missing (P114).
    """
    if not pairs_csv.is_file():
        raise InputError(Code.NOT_FOUND, "pairs file is missing", path=str(pairs_csv))
    wanted = None if keys is None else set(keys)
    with pairs_csv.open(encoding="utf-8", newline="") as handle:
        pairs = [
            LanguagePair(
                row["pair_id"], row["lang1"], row["lang2"], row["text1"], row["text2"],
                float(row["Overall"]),
            )
            for row in csv.DictReader(handle)
        ]  # fmt: skip
    return [p for p in pairs if wanted is None or p.key in wanted]
