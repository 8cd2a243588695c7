"""The embedding signal: a hand-built embedder, and the real MiniLM (in the base install)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest
from numpy.typing import NDArray

from parallax.document_vectors import cut_at_word, document_vectors
from parallax.embeddings import (
    EMBEDDERS,
    PACKAGES,
    ArticleEmbedding,
    embed_articles,
    text_sha256,
)
from parallax.stories import StoryIndex, StoryInput, StorySettings
from tests.stories.conftest import SEEDS, seed_input


@pytest.fixture(scope="module")
def seeds() -> list[StoryInput]:
    """The two seed articles as the grouper sees them (tests/stories/conftest.py's fixture)."""
    return [seed_input(path) for path in sorted(SEEDS.glob("*.txt"))]


class TopicEmbedder:
    """Embed a text as the unit vector of the topic words it contains (a stand-in model)."""

    name = "test.topics.v1"
    dimension = 3
    topics = ("quake", "bank", "film")

    def __init__(self) -> None:
        self.calls: list[int] = []

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        self.calls.append(len(texts))
        rows = np.array(
            [[text.lower().count(topic) + 0.01 for topic in self.topics] for text in texts],
            dtype=np.float32,
        )
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def item(article_id: str, text: str) -> StoryInput:
    return StoryInput(article_id, date(2025, 3, 1), None, text, None, frozenset())


def test_the_embedders_are_registered_with_versions() -> None:
    assert EMBEDDERS.versioned_name("minilm") == "parallax.embedders.minilm.v1"
    assert EMBEDDERS.versioned_name("minilm-torch") == "parallax.embedders.minilm-torch.v1"


def test_the_embedding_is_a_signal_and_batches_are_embedded_together() -> None:
    embedder = TopicEmbedder()
    index = StoryIndex(StorySettings(embed_batch=2), embedder=embedder)
    texts = [
        "Quake shakes the coast of Chile near Iquique",
        "Chile quake: Iquique coast shaken again",
        "Bank raises rates",
    ]
    assignments = index.assign_all(item(str(n), text) for n, text in enumerate(texts))
    assert embedder.calls == [2, 1]
    candidate = assignments[1].candidates[0]
    assert candidate.embedding == pytest.approx(1.0, abs=1e-3)
    assert assignments[1].story_id == assignments[0].story_id
    assert index.snapshot()["embedder"] == "test.topics.v1"


def test_embeddings_computed_ahead_are_used_only_when_they_fit() -> None:
    texts = [
        "Quake shakes the coast of Chile near Iquique",
        "Chile quake: Iquique coast shaken again",
        "Bank raises rates",
        "Film festival opens",
    ]
    items = [item(str(n), text) for n, text in enumerate(texts)]
    plain = StoryIndex(embedder=TopicEmbedder()).assign_all(items)
    embedder = TopicEmbedder()
    index = StoryIndex(embedder=embedder)
    ahead = embed_articles(embedder, [(i.title, i.text) for i in items], embed_chars=1000)
    stale = ArticleEmbedding(ahead[2].embedder, text_sha256("another text"), ahead[2].vector)
    other = ArticleEmbedding("test.other.v1", ahead[3].text_sha256, ahead[3].vector)
    known = {"0": ahead[0], "1": ahead[1], "2": stale, "3": other}
    embedder.calls.clear()
    assert index.assign_all(items, known=known) == plain
    assert embedder.calls == [2]  # the stale text and the other embedder's vector
    assert ahead[0].text_sha256 == text_sha256(index.embed_text(items[0]))
    back = ArticleEmbedding.from_bytes(ahead[0].embedder, ahead[0].text_sha256, ahead[0].to_bytes())
    assert back.vector.tobytes() == ahead[0].vector.tobytes()


def test_a_snapshot_needs_the_same_embedder() -> None:
    index = StoryIndex(embedder=TopicEmbedder())
    with pytest.raises(ValueError, match="embedder"):
        StoryIndex.from_snapshot(index.snapshot())


def test_minilm_onnx_embeds_stories_apart(seeds: list[StoryInput]) -> None:
    # The MiniLM packages are part of the base install, so this runs everywhere.
    from parallax.embeddings import load_embedder

    embedder = load_embedder("minilm")
    index = StoryIndex()
    texts = [index.embed_text(seed) for seed in seeds]
    rates = "The central bank raised interest rates by a quarter point to fight inflation."
    vectors = embedder.embed([*texts, rates])
    assert vectors.shape == (3, 384)
    assert np.linalg.norm(vectors, axis=1) == pytest.approx(1.0, abs=1e-5)
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2]) + 0.3
    # Padding to the longest text of a batch must not change a short text's vector: each text
    # is run alone, so a vector is the same to the last bit in any batch (the run workers
    # embed ahead of grouping, in other batches).
    for text, vector in zip([*texts, rates], vectors, strict=True):
        assert embedder.embed([text])[0].tobytes() == vector.tobytes()


class KeyedEmbedder:
    """Embed a text as the vector of the first key word it contains."""

    name = "test.keyed.v1"
    dimension = 3
    vectors: ClassVar[dict[str, NDArray[np.float32]]] = {
        "alpha": np.array([1.0, 0.0, 0.0], dtype=np.float32),
        "beta": np.array([0.8, 0.6, 0.0], dtype=np.float32),
        "both": np.array([0.9, 0.3, 0.0], dtype=np.float32) / np.float32(np.hypot(0.9, 0.3)),
    }

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        return np.stack(
            [next(v for k, v in self.vectors.items() if k in text.lower()) for text in texts]
        )


def test_a_headline_does_not_merge_full_text_stories_on_headline_weights() -> None:
    # Headlines weigh the embedding 3 to 1 against the text; stories of full articles are
    # compared with the full-text weights (0.5 to 1), even when a headline matched both.
    index = StoryIndex(StorySettings.tuned_for("minilm"), embedder=KeyedEmbedder())
    quake = "alpha: earthquake strikes Iquique port city coast, tsunami warning, evacuations"
    volcano = "beta: volcano erupts on Sicily, Etna lava and ash close airports and villages"
    first, second = index.assign(item("q", quake)), index.assign(item("v", volcano))
    assert second.opened
    headline = index.assign(
        StoryInput("h", date(2025, 3, 1), "both Iquique Etna", "", None, frozenset())
    )
    assert not headline.opened and len(headline.candidates) == 2
    assert min(c.score for c in headline.candidates) >= headline.threshold
    assert headline.merged == ()
    assert {s["id"]: s["short_only"] for s in index.snapshot()["stories"]} == {
        first.story_id: False,
        second.story_id: False,
    }


def test_a_document_vector_leans_on_its_head() -> None:
    text = "Quake in Chile. " + "The bank and the film festival. " * 30
    lead_only = document_vectors(TopicEmbedder(), [text], head_weight=0.0)[0]
    mixed = document_vectors(TopicEmbedder(), [text])[0]
    quake = TopicEmbedder.topics.index("quake")
    assert np.linalg.norm(mixed) == pytest.approx(1.0, abs=1e-6)
    assert mixed[quake] > 3 * lead_only[quake]
    assert cut_at_word("Quake in Chile kills many", 18) == "Quake in Chile"
    assert document_vectors(TopicEmbedder(), []).shape == (0, 3)


def test_the_base_install_carries_the_minilm_packages() -> None:
    root = Path(__file__).resolve().parents[1]
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    required = {re.split(r"[<>=!~ ]", line, maxsplit=1)[0] for line in project["dependencies"]}
    locked = (root / "requirements.lock").read_text(encoding="utf-8").splitlines()
    for package in PACKAGES:
        assert package in required
        assert any(line.startswith(f"{package}==") for line in locked)


def test_minilm_runs_texts_of_one_length_together_with_the_vectors_of_each_alone() -> None:
    from parallax.embeddings import OnnxMiniLM

    # The fp32 model on purpose: the int8 one runs each text alone (tests/test_minilm_int8.py).
    embedder = OnnxMiniLM()
    subjects = ("The council", "The mayor", "Our reporter", "A spokesman for the ministry")
    verbs = ("voted on", "spoke about", "rejected", "described in detail")
    objects = ("the budget.", "the new bridge over the river.", "a plan.", "taxes on Friday.")
    texts = [f"{s} {v} {o}" for s in subjects for v in verbs for o in objects]
    lengths = [sum(e.attention_mask) for e in embedder.tokenizer.encode_batch(texts)]
    runs: list[int] = []
    run = embedder._run

    def counted(rows: list[list[int]]) -> NDArray[np.float32]:
        runs.append(len(rows))
        return run(rows)

    embedder._run = counted  # type: ignore[method-assign]
    try:
        together = embedder.embed(texts)
    finally:
        del embedder._run
    # One run per length (a bucket holds at most BUCKET texts), several texts in most runs.
    assert len(runs) < len(texts) and max(runs) > 1
    assert sorted(runs) == sorted(n for length in set(lengths) for n in _cut(lengths.count(length)))
    for text, vector in zip(texts, together, strict=True):
        assert embedder.embed([text])[0].tobytes() == vector.tobytes()


def _cut(count: int) -> list[int]:
    from parallax.embeddings import BUCKET

    return [min(BUCKET, count - start) for start in range(0, count, BUCKET)]


def test_minilm_makes_its_onnx_session_when_it_first_runs_a_text() -> None:
    from parallax.embeddings import OnnxMiniLM

    embedder = OnnxMiniLM()
    # Built, named and tokenising, but no session yet: a grouper whose vectors are all
    # stored never makes one.
    assert embedder.name == EMBEDDERS.versioned_name("minilm")
    assert len(embedder.tokenizer.encode("The council voted.").ids) > 2
    assert "session" not in vars(embedder)
    vector = embedder.embed(["The council voted on the budget."])
    assert "session" in vars(embedder) and "input_ids" in embedder.inputs
    other = OnnxMiniLM()
    assert other.embed(["The council voted on the budget."]).tobytes() == vector.tobytes()


def test_texts_embedded_ahead_on_two_threads_have_the_vectors_of_one_call() -> None:
    import threading

    from parallax.embeddings import OnnxMiniLM
    from parallax.models.vectors import CachedEmbedder

    embedder = OnnxMiniLM()
    subjects = ("The council", "The mayor", "Our reporter", "A spokesman for the ministry")
    texts = [f"{s} voted on {o}" for s in subjects for o in ("the budget.", "a plan.", "taxes.")]
    threads: set[str] = set()
    run = embedder._run

    def counted(rows: list[list[int]]) -> NDArray[np.float32]:
        threads.add(threading.current_thread().name)
        return run(rows)

    embedder._run = counted  # type: ignore[method-assign]
    cached = CachedEmbedder(embedder)
    assert cached.prefetch([*texts, texts[0]], threads=2) == len(texts)
    assert len(threads) == 2 and threading.current_thread().name not in threads
    threads.clear()
    ahead = cached.embed(texts)
    assert not threads  # every vector was kept: nothing more is run
    assert ahead.tobytes() == OnnxMiniLM().embed(texts).tobytes()


def test_minilm_can_make_its_session_ahead_on_a_thread() -> None:
    from parallax.embeddings import OnnxMiniLM, shared_embedder
    from parallax.models.vectors import warm_up

    shared_embedder.cache_clear()
    try:
        embedder = shared_embedder("minilm")
        assert isinstance(embedder, OnnxMiniLM) and "session" not in vars(embedder)
        warm_up("minilm").join()
        assert "session" in vars(embedder)
    finally:
        shared_embedder.cache_clear()
