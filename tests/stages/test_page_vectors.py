"""Vectors stored ahead of the pages of long uncompared stories (``page_vectors_chars``, what
``analyze --no-compare`` does): the first view of such a story's page reads them, runs MiniLM
over no sentence or claim, and shows the same comparison and page, byte for byte, as with
nothing stored (the seed articles: one story, two outlets)."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from parallax.compare.framing import text_findings
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.embeddings import OnnxMiniLM, embeddings_available, text_sha256
from parallax.models.vectors import cached_embedder
from parallax.server.app import create_app
from parallax.stages.compare import prepare
from parallax.stages.vectors import comparison_texts, embedder_name
from parallax.store.vectors import count_sentence_vectors, sentence_vectors
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.skipif(not embeddings_available(), reason="needs MiniLM")


@pytest.fixture(scope="module")
def uncompared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds analysed and grouped, nothing compared (``analyze --no-compare``'s store)."""
    db = tmp_path_factory.mktemp("uncompared") / "corpus.db"
    with Corpus(db, settings=Settings()) as corpus:
        corpus.ingest([str(EXAMPLES / "seeds")])
        corpus.analyze()
        corpus.group_stories()
    return db


def _copy(db: Path, folder: Path) -> Path:
    folder.mkdir()
    shutil.copyfile(db, folder / db.name)
    return folder / db.name


def _first_view(
    db: Path, story_id: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[bytes, bytes, list[str]]:
    """The story's comparison JSON and page HTML as a fresh server process makes them, and
    every text MiniLM embedded meanwhile."""
    embedded: list[str] = []
    embed = OnnxMiniLM.embed

    def recording(self: OnnxMiniLM, texts: Sequence[str], **options: Any) -> Any:
        embedded.extend(texts)
        return embed(self, texts, **options)

    monkeypatch.setattr(OnnxMiniLM, "embed", recording)
    text_findings.cache_clear()
    cached_embedder.cache_clear()
    try:
        with TestClient(create_app(db, settings=Settings())) as client:
            comparison = client.get(f"/api/stories/{story_id}/comparison")
            page = client.get(f"/stories/{story_id}")
    finally:
        text_findings.cache_clear()
        cached_embedder.cache_clear()
        monkeypatch.undo()
    assert comparison.status_code == 200 and page.status_code == 200
    return comparison.content, page.content, embedded


def test_a_long_uncompared_storys_page_reads_its_stored_vectors_and_is_the_same(
    uncompared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain, ahead = _copy(uncompared, tmp_path / "plain"), _copy(uncompared, tmp_path / "ahead")
    with Corpus(ahead, settings=replace(Settings(), page_vectors_chars=1)) as corpus:
        (story,) = [s for s in corpus.stories.list() if len(s.outlets) > 1]
        assert not corpus.stories.compared(story.id)
        report = corpus.embed_for_pages(workers=2)
        items = prepare(corpus.store, story, corpus.outlets.get, stored=False, events=False)[0]
        wanted = {t for i in items for t in comparison_texts(i.article.text, i.claims)}
        stored = sentence_vectors(corpus.store, embedder_name(), [text_sha256(t) for t in wanted])
        assert report.stories == 1 and report.embedded == len(wanted) == len(stored)
        again = corpus.embed_for_pages(workers=1)  # stored already: nothing embedded twice
        assert (again.stories, again.embedded) == (1, 0)
        assert count_sentence_vectors(corpus.store) == len(wanted)
        assert not corpus.stories.compared(story.id)  # vectors only: no comparison stored
    before = _first_view(plain, story.id, monkeypatch)
    after = _first_view(ahead, story.id, monkeypatch)
    assert after[0] == before[0]  # the comparison's JSON, byte for byte
    assert after[1] == before[1]  # the page's HTML
    # With nothing stored the page embedded every sentence and claim (a cause clause only
    # when a conflict rule reads it); now none of them, only the technique spans.
    sentences_and_claims = {t for i in items for t in comparison_texts(i.article.text, ())}
    sentences_and_claims |= {i.article.text[c.start : c.end] for i in items for c in i.claims}
    assert sentences_and_claims <= set(before[2])
    assert not wanted & set(after[2])
    assert len(after[2]) < len(before[2]) / 4


def test_stories_below_the_threshold_or_one_outlets_are_left_alone(uncompared: Path) -> None:
    with Corpus(uncompared, settings=Settings()) as corpus:
        chars = corpus.store.story_text_chars(s.id for s in corpus.stories.list())
    for limit, found in ((max(chars.values()) + 1, 0), (0, 0)):
        with Corpus(uncompared, settings=replace(Settings(), page_vectors_chars=limit)) as corpus:
            report = corpus.embed_for_pages(workers=1)
            assert (report.stories, report.embedded) == (found, 0)
            assert count_sentence_vectors(corpus.store) == 0
