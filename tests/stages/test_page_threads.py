"""A page's first view shares MiniLM over the CPUs (``page_threads``): the same vectors, the
same findings and the same comparison as one thread, each text embedded once, on real text
(the seed articles and a BASIL triplet)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from parallax.codec.comparison import comparison_to_dict
from parallax.compare.framing import text_findings
from parallax.compare.story import StoryArticle, compare_story
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.embeddings import OnnxMiniLM, embeddings_available
from parallax.model import Article
from parallax.models.text import sentence_spans
from parallax.models.vectors import cached_embedder
from parallax.report.story import page_comparison, story_articles
from parallax.stages.framing import complete_framing
from tests.conftest import EXAMPLES, SHARED_DATA

pytestmark = pytest.mark.skipif(not embeddings_available(), reason="needs MiniLM")

#: A BASIL triplet (dev years): one event told by Fox News, The New York Times and HuffPost.
TRIPLET = ("2014", "b764f81f-6d08-4d7c-b1a8-8961bed0a455")


def _texts() -> list[tuple[str, str]]:
    """(name, text) of the two seed articles, and of the BASIL triplet when the data is here."""
    found = [(p.stem, p.read_text("utf-8")) for p in sorted(EXAMPLES.glob("seeds/*.txt"))]
    for part in (1, 2, 3):
        path = SHARED_DATA / "basil" / "articles" / TRIPLET[0] / f"{TRIPLET[1]}_{part}.json"
        if path.is_file():
            record = json.loads(path.read_text("utf-8"))
            paragraphs = [
                " ".join(p) if isinstance(p, list) else p for p in record["body-paragraphs"]
            ]
            found.append((f"basil-{part}", "\n\n".join(paragraphs)))
    return found


@pytest.fixture(scope="module")
def items() -> list[StoryArticle]:
    """The texts analysed as stored articles of one story, one outlet each."""
    from parallax.nlp.pipeline import analyze_text, load_pipeline

    made = []
    for number, (name, text) in enumerate(_texts()):
        article = Article(
            id=name, source=name, format="text", text=text, raw_text=text, segments=(),
            removals=(), content_hash=name, published=date(2014, 12, 19), outlet=f"outlet {number}",
            language="en",
        )  # fmt: skip
        found = analyze_text(name, text, article.published, nlp=load_pipeline())
        made.append(StoryArticle(article, found.mentions, found.quotes, found.dates, found.claims))
    return made


@pytest.fixture
def embedded(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[int, list[str]]]]:
    """Each call MiniLM makes, ``(threads, texts)``, with the process's findings and vectors
    forgotten before and after."""
    calls: list[tuple[int, list[str]]] = []
    embed = OnnxMiniLM.embed

    def recording(self: OnnxMiniLM, texts: Sequence[str], *, threads: int = 1) -> Any:
        calls.append((threads, list(texts)))
        return embed(self, texts, threads=threads)

    monkeypatch.setattr(OnnxMiniLM, "embed", recording)
    text_findings.cache_clear()
    cached_embedder.cache_clear()
    yield calls
    text_findings.cache_clear()
    cached_embedder.cache_clear()


def _forget() -> None:
    text_findings.cache_clear()
    cached_embedder.cache_clear()


def test_minilm_runs_on_as_many_threads_with_the_same_bits(items: list[StoryArticle]) -> None:
    texts = [item.article.text[s:e] for item in items for s, e in sentence_spans(item.article.text)]
    model = OnnxMiniLM()
    alone = model.embed(texts)
    run = OnnxMiniLM._run
    for threads in (2, 3):
        started: set[int] = set()
        meet = threading.Barrier(threads, timeout=20)

        def meeting(
            rows: list[list[int]], meet: threading.Barrier = meet, started: set[int] = started
        ) -> NDArray[np.float32]:
            if threading.get_ident() not in started:
                started.add(threading.get_ident())
                meet.wait()  # broken unless `threads` threads run at once
            return run(model, rows)

        model._run = meeting  # type: ignore[method-assign]
        shared = model.embed(texts, threads=threads)
        del model._run
        assert len(started) == threads
        assert threading.get_ident() not in started
        assert np.array_equal(alone, shared)  # to the last bit


def test_threaded_findings_and_comparison_equal_one_thread(
    items: list[StoryArticle], embedded: list[tuple[int, list[str]]]
) -> None:
    found: dict[int, tuple[list[Any], dict[str, Any], list[str]]] = {}
    for threads in (1, 2):
        _forget()
        embedded.clear()
        done = complete_framing(None, items, save=False, threads=threads)  # type: ignore[arg-type]
        comparison = compare_story("s", done)
        texts = [text for _, batch in embedded for text in batch]
        found[threads] = ([item.framing for item in done], comparison_to_dict(comparison), texts)
        assert {t for t, _ in embedded} == {threads} | ({1} if threads > 1 else set())
    (one, one_doc, one_texts), (two, two_doc, two_texts) = found[1], found[2]
    assert one == two and one_doc == two_doc
    assert any(framing.biased for framing in one) and any(framing.techniques for framing in one)
    # The same texts embedded (none that no model reads), each once in the view.
    assert sorted(one_texts) == sorted(two_texts)
    assert len(two_texts) == len(set(two_texts))
    assert any(len(batch) > 100 and t == 2 for t, batch in embedded)


def test_texts_past_the_draft_budget_are_computed_whole(
    items: list[StoryArticle],
    embedded: list[tuple[int, list[str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from parallax.compare import framing
    from parallax.stages import framing as stage

    one = [item.framing for item in complete_framing(None, items, save=False)]  # type: ignore[arg-type]
    drafted: list[int] = []
    draft = framing.draft_findings
    monkeypatch.setattr(
        stage, "draft_findings", lambda text: drafted.append(len(text)) or draft(text)
    )
    monkeypatch.setattr(stage, "DRAFT_CHARS", len(items[0].article.text) + 1)
    _forget()
    two = [item.framing for item in complete_framing(None, items, save=False, threads=2)]  # type: ignore[arg-type]
    assert drafted == [len(items[0].article.text)]  # the rest computed by text_findings alone
    assert one == two


def test_page_threads_reach_the_page_and_analyze_keeps_one(
    corpus: Corpus, embedded: list[tuple[int, list[str]]]
) -> None:
    (story,) = [s for s in corpus.stories.list() if len(s.outlets) > 1]
    pages = {}
    for threads in (1, 3):
        _forget()
        embedded.clear()
        corpus.settings = replace(corpus.settings, page_threads=threads)
        comparison, scope = page_comparison(corpus, story, story_articles(corpus, story))
        assert scope is None and comparison is not None
        pages[threads] = comparison_to_dict(comparison)
        assert max(t for t, _ in embedded) == threads
    assert pages[1] == pages[3]
    _forget()
    embedded.clear()
    corpus.compare_stories(workers=1)  # as analyze compares: one thread
    assert embedded and {t for t, _ in embedded} == {1}
    stored = corpus.compare(story.id, stored_only=True)
    assert stored is not None and comparison_to_dict(stored) == pages[1]


def test_analyze_embeds_no_text_twice(
    seed_dir: Path, tmp_path: Path, embedded: list[tuple[int, list[str]]]
) -> None:
    """With vectors and findings stored ahead, the analyze worker's sentence vectors and its
    framing models (the bias model's sentences, the technique spans) share one MiniLM cache."""
    db = tmp_path / "a.db"
    settings = Settings(db=str(db), analyze_workers=1, sentence_vectors=True, analyze_framing=True)
    with Corpus(db, settings=settings) as corpus:
        corpus.ingest([str(seed_dir)])
        corpus.analyze()
    texts = [text for _, batch in embedded for text in batch]
    assert len(texts) > 50 and len(texts) == len(set(texts))
