"""The packaged eventive-noun model: which common nouns of a new story name events."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from parallax.embeddings import OnnxMiniLM
from parallax.minilm_int8 import INT8_SWITCH
from parallax.models.event_nouns import (
    DECIDED_FILE,
    EventNouns,
    decided_file,
    decisions_key,
    read_decided,
    write_decided,
)
from parallax.models.event_pairs import load_event_pairs


def _count_embeddings(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Record every batch of texts MiniLM embeds from now on (the list fills as it runs)."""
    embedded: list[list[str]] = []
    real = OnnxMiniLM.embed

    def counting(self: OnnxMiniLM, texts: Sequence[str]) -> NDArray[np.float32]:
        embedded.append(list(texts))
        return real(self, texts)

    monkeypatch.setattr(OnnxMiniLM, "embed", counting)
    return embedded


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
    embedded = _count_embeddings(monkeypatch)
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


def _fresh(model: EventNouns) -> EventNouns:
    """The model without decisions computed ahead, nor any decision kept."""
    return EventNouns(model.weights, model.bias, model.threshold)


@pytest.mark.parametrize("int8", ["0", "1"], ids=["fp32", "int8"])
def test_the_packaged_decisions_fit_the_packaged_model_and_are_the_ones_it_takes(
    int8: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(INT8_SWITCH, int8)  # each MiniLM has its own file
    packaged = load_event_pairs().nouns
    assert packaged is not None and packaged.decided is not None
    decided = read_decided(decided_file(packaged.decided), decisions_key(packaged))
    # Fails when the model is trained again, or the embedder changes, without writing the
    # decisions again (python -m parallax.training.event_noun_table): they are then ignored.
    assert len(decided) > 50_000
    assert 0 < sum(decided.values()) < len(decided)
    words = sorted(decided)
    sample = words[::2500] + [word for word in words if decided[word]][::400]
    assert {decided[word] for word in sample} == {True, False}
    fresh = _fresh(packaged)
    for word in sample:  # each met alone, as in a text
        assert (word in fresh.eventive([word])) is decided[word], word


def test_a_word_decided_ahead_is_not_embedded_and_is_decided_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    packaged = load_event_pairs().nouns
    assert packaged is not None and packaged.decided is not None
    embedded = _count_embeddings(monkeypatch)
    ahead = EventNouns(
        packaged.weights, packaged.bias, packaged.threshold, decided=packaged.decided
    )
    words = ["coup", "massacre", "table", "coast", "covfefe", "blorptastic"]
    found = ahead.eventive(words)
    assert embedded == [["blorptastic", "covfefe"]]  # not English words: not in the table
    assert found == _fresh(packaged).eventive(words)
    assert {"coup", "massacre"} <= found and not {"table", "coast"} & found


def test_decisions_written_for_another_model_are_ignored(tmp_path: Path) -> None:
    packaged = load_event_pairs().nouns
    assert packaged is not None
    other = EventNouns(packaged.weights, packaged.bias + 5.0, packaged.threshold)
    path = tmp_path / DECIDED_FILE
    written = write_decided(path, other, ["table", "coast", "river"])
    assert written == {"table": True, "coast": True, "river": True}  # a bias of +5: all events
    assert read_decided(path, decisions_key(other)) == written
    assert read_decided(path, decisions_key(packaged)) == {}
    misled = EventNouns(packaged.weights, packaged.bias, packaged.threshold, decided=path)
    assert misled.eventive(["table", "coast", "river"]) == frozenset()
