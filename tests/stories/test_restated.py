"""Reports of one date that say the same in other words (the seeds' SouthFront article)."""

from __future__ import annotations

import pytest

from parallax.embeddings import embeddings_available
from parallax.stories.restated import actors, same_developments

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


def test_actors_are_names_not_a_sentences_first_word_or_titles() -> None:
    assert actors(ANNOUNCED) == {"Donald", "Trump", "Washington", "Ukraine", "Russian"}
    assert actors(CONFIRMED) == {"Trump", "US", "Ukraine", "Kyiv"}


@pytest.mark.skipif(not embeddings_available(), reason="needs the embeddings extra")
def test_one_date_one_actor_one_meaning() -> None:
    from parallax.models.vectors import cached_embedder

    embed = cached_embedder().embed
    keys = ["2025-07-08|published"] * 3
    assert same_developments(keys, [[ANNOUNCED], [CONFIRMED], [STATED]], embed) == [(0, 1)]
    # Another date: never one development, whatever the words.
    assert same_developments(["2025-07-08|published", "2025-07-07|stated"], [[ANNOUNCED], [CONFIRMED]], embed) == []  # fmt: skip
