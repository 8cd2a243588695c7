"""Whom a quote is counted under: named speakers, described unnamed sources, and words that
describe nobody (a bare pronoun, a place the NLP stage did not take for a speaker)."""

from __future__ import annotations

import pytest

from parallax.compare.sourcing import UNNAMED, speaker_key
from parallax.model import Quote


def _quote(speaker: str | None, words: str | None) -> Quote:
    return Quote("a1", 0, 5, "“Yes”", "direct", "test.v1", speaker=speaker, speaker_text=words)


@pytest.mark.parametrize(
    ("speaker", "words", "key"),
    [
        ("Donald Trump", "Trump", ("Donald Trump", True)),
        (None, "a senior  officer", ("a senior officer", False)),
        (None, "Pentagon officials", ("pentagon officials", False)),
        (None, "they", (UNNAMED, False)),
        (None, "Denver", (UNNAMED, False)),
        (None, "New York", (UNNAMED, False)),
        (None, None, (UNNAMED, False)),
    ],
)
def test_speaker_key(speaker: str | None, words: str | None, key: tuple[str, bool]) -> None:
    assert speaker_key(_quote(speaker, words)) == key
