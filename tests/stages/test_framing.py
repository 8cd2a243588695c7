"""Framing findings computed once per article and stored: a later comparison reads them instead
of running the framing models, a new text or model version reads nothing old, and the comparison
is the same with or without them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from parallax.codec.comparison import comparison_to_dict
from parallax.compare import framing
from parallax.compare.framing import text_findings
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.ingest.identity import content_hash
from parallax.models import vectors
from parallax.models.vectors import cached_embedder
from parallax.stages.compare import story_articles
from parallax.stages.framing import findings_from_json, findings_json, stored_framing
from parallax.store.framing import count_framing_findings, framing_findings


def _story_id(corpus: Corpus) -> str:
    (story,) = [story for story in corpus.stories.list() if len(story.outlets) > 1]
    return story.id


def _fail(*_args: object, **_kwargs: object) -> object:
    raise AssertionError("a framing model ran")


def _without_framing_models(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget the process's findings and make every framing model raise if it is called."""
    text_findings.cache_clear()
    for name in ("find_techniques", "score_biases", "loaded_terms"):
        monkeypatch.setattr(framing, name, _fail)


def _count_framing(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Forget the process's findings and count the texts the technique model reads."""
    text_findings.cache_clear()
    calls: list[int] = []
    find_techniques = framing.find_techniques

    def counting(text: str, **options: float) -> object:
        calls.append(len(text))
        return find_techniques(text, **options)

    monkeypatch.setattr(framing, "find_techniques", counting)
    return calls


def test_a_second_comparison_reads_the_stored_findings(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    story_id = _story_id(corpus)
    first = corpus.compare(story_id)  # computed and stored, with each article's findings
    assert first is not None
    articles = sum(len(column.article_ids) for column in first.outlets)
    assert count_framing_findings(corpus.store) == articles == 2
    _without_framing_models(monkeypatch)
    again = corpus.compare(story_id, cache=False)  # computed again, the framing read back
    assert again is not None
    assert comparison_to_dict(again) == comparison_to_dict(first)
    assert any(column.framing.biased_sentences for column in again.outlets)
    assert any(column.framing.techniques for column in again.outlets)


def test_a_page_that_never_writes_stores_no_findings(corpus: Corpus) -> None:
    assert corpus.compare(_story_id(corpus), save=False) is not None
    assert count_framing_findings(corpus.store) == 0


def test_a_new_framing_version_computes_the_findings_again(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    story_id = _story_id(corpus)
    first = corpus.compare(story_id)
    calls = _count_framing(monkeypatch)
    monkeypatch.setattr(framing, "FRAMING_NAME", "parallax.compare.framing.test")
    again = corpus.compare(story_id, cache=False)
    assert len(calls) == 2  # every article read again by the models
    assert first is not None and again is not None
    assert comparison_to_dict(again) == comparison_to_dict(first)
    calls.clear()
    corpus.store.connection.execute("DELETE FROM comparisons")  # computed again, and stored
    corpus.compare(story_id)  # the findings stored under the new version too
    assert count_framing_findings(corpus.store) == 4
    text_findings.cache_clear()
    corpus.compare(story_id, cache=False)
    assert calls == []


def test_a_revised_text_reads_no_stored_findings(corpus: Corpus) -> None:
    story = corpus.stories.get(_story_id(corpus))
    assert story is not None and corpus.compare(story.id) is not None
    items = story_articles(corpus.store, story, corpus.outlets.get)
    assert all(item.framing is not None for item in stored_framing(corpus.store, items))
    text = items[0].article.text.replace("the", "a")
    revised = replace(items[0].article, text=text, content_hash=content_hash(text))
    found = stored_framing(corpus.store, [replace(items[0], article=revised), *items[1:]])
    assert found[0].framing is None
    assert all(item.framing is not None for item in found[1:])


def test_stored_findings_read_back_to_the_same_values(corpus: Corpus) -> None:
    for article in corpus.store.articles():
        found = text_findings(article.text)
        assert found.terms and found.spans
        assert findings_from_json(findings_json(found)) == found


def test_a_comparison_with_everything_stored_loads_no_embedder(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    story_id = _story_id(corpus)
    first = corpus.compare(story_id)  # stores the vectors and findings it computed
    cached_embedder.cache_clear()
    _without_framing_models(monkeypatch)
    monkeypatch.setattr(vectors, "shared_embedder", _fail)  # MiniLM must not even load
    again = corpus.compare(story_id, cache=False)
    assert first is not None and again is not None
    assert comparison_to_dict(again) == comparison_to_dict(first)


LONE = (
    "The city council of Springfield voted on Tuesday to close the old bridge over the river "
    "after engineers found cracks in two of its pillars. Mayor Ann Lee called the decision a "
    "disgrace forced on the city by years of reckless neglect. Repairs will cost $4 million "
    "and take a year, the council said. Residents will have to drive around by the ring road."
)


@pytest.fixture
def framed(seed_dir: Path, tmp_path: Path) -> Iterator[Corpus]:
    """The seed story and a story one article tells, analysed with ``analyze_framing`` on
    and grouped; nothing compared yet."""
    lone = tmp_path / "lone"
    lone.mkdir()
    (lone / "bridge.txt").write_text(LONE, encoding="utf-8")
    db = tmp_path / "f.db"
    with Corpus(
        db, settings=Settings(db=str(db), analyze_workers=1, analyze_framing=True)
    ) as corpus:
        corpus.ingest([str(seed_dir), str(lone)])
        corpus.analyze()
        corpus.group_stories()
        yield corpus
    cached_embedder.cache_clear()
    text_findings.cache_clear()


def test_analyze_stores_the_findings_of_every_article(framed: Corpus) -> None:
    articles = list(framed.store.articles())
    stories = framed.stories.list()
    assert len(articles) == 3 and sorted(len(s.article_ids) for s in stories) == [1, 2]
    hashes = {article.id: article.content_hash for article in articles}
    stored = framing_findings(framed.store, framing.framing_version(), hashes)
    assert set(stored) == set(hashes)  # the lone story's article too
    for article in articles:  # what the comparison would compute, to the last digit
        found = text_findings(article.text, article.language)
        assert findings_from_json(stored[article.id]) == found
        assert found.biased or found.terms


def test_a_page_of_a_never_compared_story_runs_no_framing_model(
    framed: Corpus, corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = _story_id(framed)
    (lone,) = [story.id for story in framed.stories.list() if story.id != shared]
    without = corpus.compare(_story_id(corpus), save=False)  # no findings stored: computed
    _without_framing_models(monkeypatch)
    page = framed.compare(shared, save=False)  # as a page: computes, never writes
    assert framed.compare(lone, save=False) is not None
    assert framed.compare(shared, stored_only=True) is None  # never compared
    framed.compare_stories()
    stored = framed.compare(shared, stored_only=True)
    assert page is not None and stored is not None and without is not None
    assert comparison_to_dict(page) == comparison_to_dict(stored) == comparison_to_dict(without)
    assert any(column.framing.biased_sentences for column in page.outlets)
