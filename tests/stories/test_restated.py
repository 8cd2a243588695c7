"""Reports of one date that say the same in other words (the seeds' SouthFront article), and
reports of one date by different doers (BASIL 2010, dev data)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import numpy as np
import pytest
from numpy.typing import NDArray

from parallax.embeddings import embeddings_available
from parallax.stories.restated import (
    SAME_DEVELOPMENT,
    doers,
    restated_texts,
    same_developments,
)
from tests.conftest import SHARED_DATA

ANNOUNCED = (
    "U.S. President Donald Trump announced the resumption of arms deliveries to Ukraine,"
    " marking a shift in Washington’s stance amid escalating Russian attacks."
)
CONFIRMED = (
    "President Trump confirmed that the U.S. would resume weapons shipments to Ukraine,"
    " emphasizing the need to bolster Kyiv’s defense capabilities."
)
STATED = (
    "“We must help Ukraine; they must be able to defend themselves,” Trump stated,"
    " acknowledging the severe impact of Russian strikes."
)


@pytest.mark.skipif(not embeddings_available(), reason="needs the embeddings extra")
def test_one_date_one_actor_one_meaning() -> None:
    from parallax.models.vectors import cached_embedder

    embed = cached_embedder().embed
    keys = ["2025-07-08|published"] * 3
    assert same_developments(keys, [[ANNOUNCED], [CONFIRMED], [STATED]], embed) == [(0, 1)]
    # Another date: never one development, whatever the words.
    assert same_developments(["2025-07-08|published", "2025-07-07|stated"], [[ANNOUNCED], [CONFIRMED]], embed) == []  # fmt: skip


BASIL_2010 = SHARED_DATA / "basil" / "articles" / "2010"
NAACP = "97b1305c-13ca-4b74-a56a-f459bd79dfaf"  # 2 Fox News, 3 HuffPost (13 July 2010)
STEELE = "2b95d2cf-e979-4f9c-ae27-9a5370934f23"  # 2 Fox News (4 July 2010)


def _sentence(name: str, opening: str) -> str:
    """The sentence of a BASIL 2010 article (dev data) that begins with ``opening``."""
    record = json.loads((BASIL_2010 / f"{name}.json").read_text(encoding="utf-8"))
    for paragraph in record["body-paragraphs"]:
        text = " ".join(paragraph) if isinstance(paragraph, list) else str(paragraph)
        for sentence in re.split(r"(?<=[a-z]{3}[.!?])\s+(?=[A-Z])", text):
            if sentence.startswith(opening):
                return sentence
    raise AssertionError(f"{opening!r} is not in {name}")


def test_the_doer_is_the_subject_or_the_speaker_after_a_quote() -> None:
    assert doers(ANNOUNCED) & doers(CONFIRMED) == {"Trump"}
    assert "Trump" in doers(STATED)
    leaders = (
        "KANSAS CITY, Mo. — Leaders of the country's largest civil rights organization accused"
    )
    assert doers(leaders) == {"Leaders"}
    assert doers("It also follows a request to Lerner from the committee.") == set()
    # No verb these words know ends the subject: not found, so it joins nothing.
    assert doers("Радослав Сикорский призвал США возобновить поставки.") == set()
    # After a quote that opens the sentence, its speaker (an apostrophe closes no “…”).
    lew = "“Today’s ruling provides certainty,” Treasury Secretary Jacob J. Lew said."
    assert {"Jacob", "Lew"} <= doers(lew)
    assert doers('"I want to see the birth certificate," said Trump in an interview') == {"Trump"}


@pytest.mark.skipif(not BASIL_2010.is_dir(), reason=f"BASIL is not at {BASIL_2010}")
@pytest.mark.skipif(not embeddings_available(), reason="needs the embeddings extra")
def test_two_doers_of_one_day_are_two_developments() -> None:
    """BASIL: the NAACP's resolution and the tea party organizers' reply (13 July 2010), Jim
    DeMint's and Bill Kristol's calls on Steele ("Fox News Sunday", 4 July 2010)
    say much the same in much the same words (MiniLM cosine over the threshold) but are
    different developments: their doers differ."""
    from parallax.models.vectors import cached_embedder

    embed = cached_embedder().embed
    pairs = [
        (
            _sentence(f"{NAACP}_2", "The NAACP adopted a resolution"),
            _sentence(f"{NAACP}_3", "Tea party organizers disputed claims"),
        ),
        (
            _sentence(f"{STEELE}_2", "Speaking on"),
            _sentence(f"{STEELE}_2", "Weekly Standard Editor Bill Kristol"),
        ),
    ]
    for first, second in pairs:
        vectors = embed([first, second])
        unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        assert float(unit[0] @ unit[1]) >= SAME_DEVELOPMENT
        assert not doers(first) & doers(second)
        assert same_developments(["2010-07-13|stated"] * 2, [[first], [second]], embed) == []


@pytest.mark.skipif(not embeddings_available(), reason="needs the embeddings extra")
def test_only_reports_that_share_a_doer_with_another_development_are_embedded() -> None:
    """A report without a doer ("It also …") and a development by another doer (Zelensky)
    decide nothing: they are not embedded, and the pairs are those of embedding every report
    and keeping the close ones of a common doer."""
    from parallax.models.vectors import cached_embedder

    cached = cached_embedder().embed
    embedded: list[str] = []

    def embed(texts: Sequence[str]) -> NDArray[np.float32]:
        embedded.extend(texts)
        return cached(texts)

    nobody = "It also follows weeks of Russian strikes on Kyiv."
    zelensky = "Ukrainian President Volodymyr Zelensky thanked Washington for the decision."
    keys = ["2025-07-08|published"] * 3
    reports = [[ANNOUNCED, nobody], [CONFIRMED], [zelensky]]
    assert restated_texts(keys, reports) == [ANNOUNCED, CONFIRMED]
    assert same_developments(keys, reports, embed) == [(0, 1)]
    assert embedded == [ANNOUNCED, CONFIRMED]
    # Every report embedded, every pair of reports of two developments read: the same pairs.
    texts = [text for found in reports for text in found]
    vector = dict(zip(texts, cached(texts), strict=True))
    everything = [
        (i, j)
        for i in range(3)
        for j in range(i + 1, 3)
        if any(
            float(vector[a] @ vector[b]) >= SAME_DEVELOPMENT and doers(a) & doers(b)
            for a in reports[i]
            for b in reports[j]
        )
    ]
    assert everything == [(0, 1)]
