"""Shards, the ledger and the plan, without a model: round trips, torn lines, order, failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.config import Settings
from parallax.errors import ConfigError
from parallax.ingest.outlets import load_outlets
from parallax.model import (
    ArticleAnalysis,
    ArticleResult,
    Claim,
    Mention,
    Quantity,
    Quote,
    RawArticle,
    Rejection,
    TimeExpression,
)
from parallax.runners import work
from parallax.runners.layout import LEDGER, LedgerEntry, OutputDir
from parallax.runners.shards import (
    ShardWriter,
    read_analyses,
    read_articles,
    read_rejections,
)
from parallax.runners.types import Outcome, SourceTask, WorkerConfig
from parallax.stages.ingest import process_article

TEXT = (
    "The minister said on Thursday that 500 drones and missiles were launched overnight, "
    "and that $2 billion in aid would follow."
)


def result() -> ArticleResult:
    raw = RawArticle("feed.jsonl", TEXT, "jsonl", record="1", url="https://southfront.press/a")
    found = process_article(raw, settings=Settings(), outlets=load_outlets())
    assert isinstance(found, ArticleResult)
    return found


def analysis(article_id: str) -> ArticleAnalysis:
    extractor = "parallax.test.v1"
    return ArticleAnalysis(
        article_id=article_id,
        mentions=(Mention(article_id, 4, 12, "minister", "PERSON", "The Minister", extractor, "minister"),),
        quotes=(Quote(article_id, 13, 40, "said on Thursday", "reported", extractor, speaker=None, cue="said", cue_start=13, cue_end=17),),
        dates=(TimeExpression(article_id, 21, 29, "Thursday", "DATE", "2025-07-03", extractor),),
        claims=(
            Claim(article_id, 0, len(TEXT), TEXT, 0.8125, extractor,
                  (Quantity(35, 38, "500", 500, "drones"), Quantity(90, 101, "$2 billion", 2e9, "USD"))),
        ),
    )  # fmt: skip


def entry_for(out: Path, outcome: Outcome) -> LedgerEntry:
    directory = OutputDir(out)
    directory.record(outcome)
    [entry] = directory.finished()
    return entry


def test_shards_give_back_what_was_written(tmp_path: Path) -> None:
    out = OutputDir(tmp_path)
    with out.locked():
        processed = result()
        found = analysis(processed.article.id)
        rejection = Rejection("feed.jsonl", "ingest", "P106", "malformed JSON", "2")
        writer = ShardWriter(tmp_path, "feed.jsonl", "ab" * 32)
        writer.add_article(0, processed, version="v", analysis=found)
        writer.add_rejection(1, rejection)
        counts = writer.commit()
        out.record(Outcome("feed.jsonl", "done", (1, 0), "ab" * 32, counts, "v"))
        [entry] = out.finished()
    [article] = read_articles(tmp_path, entry)
    assert (article.seq, article.result, article.version) == (0, processed, "v")
    assert list(read_rejections(tmp_path, entry)) == [(1, rejection)]
    [(seq, article_id, identity, loaded)] = read_analyses(tmp_path, entry)
    assert (seq, article_id, identity["content_hash"]) == (
        0,
        processed.article.id,
        processed.article.content_hash,
    )
    assert loaded == found
    assert type(loaded.claims[0].quantities[0].value) is int  # as the NLP stage made it


def test_an_aborted_source_leaves_no_file(tmp_path: Path) -> None:
    writer = ShardWriter(tmp_path, "feed.jsonl", "cd" * 32)
    for seq in range(600):  # more than one row group: temporary files exist on disk
        writer.add_rejection(seq, Rejection("feed.jsonl", "ingest", "P106", "bad", str(seq)))
    assert list(tmp_path.rglob(".*.tmp"))
    writer.abort()
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]


def test_a_torn_last_ledger_line_is_ignored(tmp_path: Path) -> None:
    directory = OutputDir(tmp_path)
    directory.record(Outcome("a.txt", "done", (1, 0), "a" * 64, {"articles": 1}, "v"))
    with (tmp_path / LEDGER).open("a") as ledger:
        ledger.write('{"source": "b.txt", "dig')
    assert [entry.name for entry in directory.finished()] == ["a.txt"]
    (tmp_path / LEDGER).write_text('{"oops\n' + (tmp_path / LEDGER).read_text())
    with pytest.raises(ConfigError, match="corrupt line"):
        directory.finished()


def test_sources_keep_their_place_across_runs(tmp_path: Path) -> None:
    directory = OutputDir(tmp_path)
    assert directory.orders(["a", "b"], 1) == [(1, 0), (1, 1)]
    assert directory.orders(["c", "a"], 2) == [(2, 0), (1, 0)]
    for name, order in (("c", (2, 0)), ("a", (1, 0)), ("b", (1, 1))):
        directory.record(Outcome(name, "done", order, name * 64, {}, "v"))
    assert [entry.name for entry in directory.finished()] == ["a", "b", "c"]


def test_one_run_at_a_time(tmp_path: Path) -> None:
    with OutputDir(tmp_path).locked(), pytest.raises(ConfigError, match="another parallax run"):  # noqa: SIM117
        with OutputDir(tmp_path).locked():
            pass


def test_an_unexpected_error_fails_the_source_not_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "feed.txt"
    source.write_text(" date 2025-07-04\n\n" + TEXT + "\n")

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("a bug")

    monkeypatch.setattr(work, "process_source", broken)
    worker = work.SourceWorker(WorkerConfig(Settings(), str(tmp_path / "out")))
    worker._nlp, worker.version = object(), "v"  # no model needed: processing fails first
    task = SourceTask(str(source), str(source), (1, 0))
    outcome = worker.run(task)
    assert (outcome.status, outcome.counts) == ("failed", {"rejections": 1})
    entry = entry_for(tmp_path / "out", outcome)
    [(_, rejection)] = read_rejections(tmp_path / "out", entry)
    assert rejection.code == "P115" and "RuntimeError: a bug" in rejection.reason
    assert OutputDir(tmp_path / "out").done_digests() == {}  # so the next run retries it
    missing = worker.run(SourceTask("gone.txt", str(tmp_path / "gone.txt"), (1, 1)))
    assert missing.status == "failed" and missing.counts == {"rejections": 1}
