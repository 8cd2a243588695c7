"""``parallax analyze`` over several worker processes builds the store one process builds."""

from __future__ import annotations

import sqlite3
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import parallax.nlp.pipeline
import parallax.stages.analyze
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.datasets.timeline17 import detokenize, read_timeline17
from parallax.embeddings import EMBEDDERS
from parallax.minilm_int8 import INT8_SWITCH
from parallax.nlp.pipeline import BATCH_CHARS, load_pipeline
from tests.nlp.conftest import SHARED_DATA
from tests.runners.conftest import store_dump

# Small batches, so that the dozen articles of the sample make several batches, each cut into
# pieces for the workers, and batch boundaries fall between undated and dated articles.
COMMIT_EVERY = 3
#: A store's rows, by table.
Dump = dict[str, list[tuple[Any, ...]]]


def _build(sample: Path, db: Path, workers: int) -> Dump:
    settings = Settings(
        db=str(db), commit_every=COMMIT_EVERY, sentence_vectors=True, analyze_framing=True
    )
    with Corpus(db, settings=settings) as corpus:
        corpus.ingest([str(sample)])
        report = corpus.analyze(workers=workers)
        assert report.analyzed == corpus.articles.count() > 2 * COMMIT_EVERY
        corpus.group_stories()
        corpus.compare_stories()
    connection = sqlite3.connect(db)
    comparisons = connection.execute(
        "SELECT story_id, key, version, document FROM comparisons ORDER BY story_id"
    ).fetchall()
    vectors = connection.execute("SELECT * FROM sentence_vectors ORDER BY 1, 2").fetchall()
    stories = connection.execute("SELECT * FROM article_embeddings ORDER BY 1").fetchall()
    framing = connection.execute("SELECT * FROM framing_findings ORDER BY 1, 2, 3").fetchall()
    connection.close()
    return store_dump(db) | {
        "comparisons": comparisons,
        "sentence_vectors": vectors,
        "article_embeddings": stories,
        "framing_findings": framing,
    }


@pytest.fixture(scope="module")
def one_process(sample: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Dump]:
    """The store one process builds of the sample (the default batch budget and memory zone),
    built once for the module, and its contents: what the other ways of building it must
    equal."""
    db = tmp_path_factory.mktemp("one-process") / "one.db"
    return db, _build(sample, db, workers=1)


def test_two_workers_build_the_store_one_builds(
    sample: Path, one_process: tuple[Path, Dump], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, one = one_process

    def here(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("with two workers this process must not run the NLP")

    # The workers are spawned: they import the real function; only this process would fail.
    monkeypatch.setattr(parallax.stages.analyze, "analyze_batch", here)
    two = _build(sample, tmp_path / "two.db", workers=2)
    assert one["analyses"] and one["mentions"] and one["entities"] and one["story_articles"]
    assert one["comparisons"], "the sample has a story told by two outlets"
    assert one["sentence_vectors"], "the workers embed the sentences the comparison reads"
    assert len(one["article_embeddings"]) == len(one["articles"]), "and each article for stories"
    assert len(one["framing_findings"]) == len(one["articles"]), "and each article's framing"
    for table in one:
        assert two[table] == one[table], table


def test_two_workers_keep_the_fp32_minilm_of_a_corpus_built_with_it(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A regression guard (main passes it: fp32 was its default). The int8 MiniLM is the
    # default (the fork server and the workers start without the switch); a corpus made with
    # the fp32 one, as every corpus before was, keeps it in every worker.
    fp32, int8 = EMBEDDERS.versioned_name("minilm"), EMBEDDERS.versioned_name("minilm-int8")
    monkeypatch.delenv(INT8_SWITCH, raising=False)
    dumps = {}
    for workers in (1, 2):
        db = tmp_path / f"fp32-{workers}.db"
        monkeypatch.setenv(INT8_SWITCH, "0")
        Corpus(db, settings=Settings(db=str(db))).close()  # made when fp32 was the default
        monkeypatch.delenv(INT8_SWITCH)
        dumps[workers] = _build(sample, db, workers=workers)
    two = dumps[2]
    assert two["sentence_vectors"] and len(two["article_embeddings"]) == len(two["articles"])
    assert {row[0] for row in two["sentence_vectors"]} == {fp32}
    assert {row[1] for row in two["article_embeddings"]} == {fp32}
    assert all(int8 not in row[2] for row in two["comparisons"])
    for table in two:
        assert two[table] == dumps[1][table], table


def test_batches_read_ahead_are_the_batches_one_process_takes(sample: Path, tmp_path: Path) -> None:
    undated = tmp_path / "undated"  # text files carry no date: they sort first
    undated.mkdir()
    for n in range(4):
        text = f"Council vote number {n}. The council met on a rainy evening and voted again."
        (undated / f"vote-{n}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "ahead.db"
    with Corpus(db, settings=Settings(db=str(db))) as corpus:
        corpus.ingest([str(sample), str(undated)])
        store, version = corpus.store, corpus.analysis_version()
        ahead = list(parallax.stages.analyze.pending_batches(store, version, COMMIT_EVERY))
        taken = []
        while batch := store.articles_to_analyze(version, limit=COMMIT_EVERY):
            taken.append(batch)
            with store.transaction():
                for article_id, _text, _published, _language in batch:
                    store.save_analysis(article_id, version, mentions=(), quotes=(), dates=(),
                                        claims=(), analyzed_at="now")  # fmt: skip
    dates = [item[2] for batch in ahead for item in batch]
    assert 0 < dates.count(None) < len(dates)
    assert ahead == taken


@pytest.mark.parametrize(("setting", "pool"), [(1, None), (2, 2), (0, "cpus"), (None, "cpus")])
def test_the_setting_chooses_the_pool(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: int, pool: Any
) -> None:
    import parallax.runners.local as local

    sizes: list[int] = []

    def recording(
        batches: Any, *, model: str, workers: int, vectors: bool, stories: Any, framing: bool
    ) -> Any:
        sizes.append(workers)
        nlp = load_pipeline(model)
        return (parallax.stages.analyze.analyze_batch(batch, nlp=nlp) for batch in batches)

    monkeypatch.setattr(local, "analyze_local", recording)
    monkeypatch.setattr(local, "default_workers", lambda: 3)
    db = tmp_path / "set.db"
    settings = Settings(db=str(db), commit_every=COMMIT_EVERY)  # by default, one per CPU
    if setting is not None:
        settings = replace(settings, analyze_workers=setting)
    with Corpus(db, settings=settings) as corpus:
        corpus.ingest([str(sample)])
        assert corpus.analyze().analyzed == corpus.articles.count()
    assert sizes == ([] if pool is None else [3 if pool == "cpus" else pool])


def test_the_memory_zone_changes_nothing_stored(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each batch is analysed inside spaCy's memory zone (its new words freed after it; past
    # WORDS_KEPT new words, here from the first batch): the store ends as it did when every
    # word was kept for the life of the process.
    monkeypatch.setattr(parallax.stages.analyze, "WORDS_KEPT", 0)
    zoned = _build(sample, tmp_path / "zoned.db", workers=1)
    monkeypatch.setattr(parallax.stages.analyze, "released", lambda _nlp: nullcontext())
    kept = _build(sample, tmp_path / "kept.db", workers=1)
    assert zoned["analyses"] and zoned["mentions"] and zoned["comparisons"]
    for table in zoned:
        assert kept[table] == zoned[table], table


def test_the_character_budget_changes_nothing_stored(
    sample: Path, one_process: tuple[Path, Dump], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each nlp.pipe batch holds at most BATCH_CHARS characters: at the sample's longest text,
    # no text is cut and most batches hold one article; the store ends as with the default
    # budget, which holds the sample's batches whole.
    whole_db, whole = one_process
    connection = sqlite3.connect(whole_db)
    (longest,) = connection.execute("SELECT max(length(text)) FROM articles").fetchone()
    connection.close()
    monkeypatch.setattr(parallax.nlp.pipeline, "BATCH_CHARS", longest)
    alone = _build(sample, tmp_path / "alone.db", workers=1)
    assert whole["analyses"] and whole["mentions"] and whole["comparisons"]
    for table in whole:
        assert alone[table] == whole[table], table


def test_two_workers_store_what_one_stores_of_a_text_parsed_in_pieces(
    sample: Path, tmp_path: Path
) -> None:
    # A Timeline17 article over BATCH_CHARS (60,128 characters, one paragraph) is parsed in
    # two pieces whose docs are joined: in the pool's workers as in this process.
    topics = read_timeline17(SHARED_DATA / "comparison" / "timeline17")
    texts = (detokenize(article.text) for topic in topics for article in topic.articles)
    text = min((text for text in texts if len(text) > BATCH_CHARS), key=len)
    folder = tmp_path / "long"
    folder.mkdir()
    (folder / "long.txt").write_text(text, encoding="utf-8")
    stores = []
    for workers in (1, 2):
        db = tmp_path / f"long-{workers}.db"
        with Corpus(db, settings=Settings(db=str(db))) as corpus:
            corpus.ingest([str(sample), str(folder)])
            assert corpus.analyze(workers=workers).analyzed == corpus.articles.count()
        stores.append(store_dump(db))
    one, two = stores
    connection = sqlite3.connect(tmp_path / "long-1.db")
    (last,) = connection.execute("SELECT max(span_end) FROM mentions").fetchone()
    connection.close()
    assert last > BATCH_CHARS  # the second piece's mentions, with offsets into the whole text
    for table in one:
        assert two[table] == one[table], table
