"""The packaged eventive-noun model: which common nouns of a new story name events."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from parallax.embeddings import OnnxMiniLM
from parallax.models.event_nouns import EventNouns
from parallax.models.event_pairs import load_event_pairs


def test_the_packaged_model_calls_happenings_eventive_and_things_not() -> None:
    model = load_event_pairs()
    assert model.nouns is not None
    # None of these is in the lexicon or has an eventive suffix: without the noun model the
    # trigger finder misses them all.
    happenings = {"coup", "massacre", "ambush", "flood", "wildfire"}
    things = {"table", "coast", "lawyer", "harbour", "window", "street", "doctor", "river"}
    assert not (happenings | things) & model.lexicon
    found = model.eventive_nouns(happenings | things)
    assert found == happenings
    # Decisions are kept per word: asking again answers the same.
    assert model.eventive_nouns(["coup", "table"]) == {"coup"}


def test_processes_sharing_a_decisions_file_embed_a_word_once_and_decide_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packaged = load_event_pairs().nouns
    assert packaged is not None
    shared = tmp_path / "nouns.tsv"
    embedded: list[list[str]] = []
    real = OnnxMiniLM.embed

    def counting(self: OnnxMiniLM, texts: Sequence[str]) -> NDArray[np.float32]:
        embedded.append(list(texts))
        return real(self, texts)

    monkeypatch.setattr(OnnxMiniLM, "embed", counting)
    # Two workers' models (fresh decisions each), as two processes of a pool hold them.
    first, second = (EventNouns(packaged.weights, packaged.bias, packaged.threshold) for _ in "ab")
    alone = EventNouns(packaged.weights, packaged.bias, packaged.threshold)
    first.share(shared)
    second.share(shared)
    words = ["coup", "massacre", "table", "coast", "flood", "lawyer"]
    assert first.eventive(words[:4]) == {"coup", "massacre"}
    assert embedded == [["coast", "coup", "massacre", "table"]]
    # The second embeds only the words the first did not decide, and decides all as alone.
    assert second.eventive(words) == {"coup", "massacre", "flood"}
    assert embedded[1:] == [["flood", "lawyer"]]
    assert first.eventive(["lawyer", "flood"]) == {"flood"}  # read back: nothing embedded
    assert len(embedded) == 2
    assert alone.eventive(words) == second.eventive(words)
    # A line that is not whole or does not match its check is ignored, never believed.
    with shared.open("a", encoding="utf-8") as file:
        file.write("river\t1\t00000000\nstreet\t1")
    late = EventNouns(packaged.weights, packaged.bias, packaged.threshold)
    late.share(shared)
    assert late.eventive(["river", "street", "coup"]) == {"coup"}
    assert embedded[-1] == ["river", "street"]
