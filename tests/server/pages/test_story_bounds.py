"""A story page of bounded size and cost: the timeline stored at grouping and read on the page
(never when stale), and long lists that show their first items and link to the rest."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parallax.comparison import StoryComparison
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.embeddings import embeddings_available
from parallax.model import Story, TimelineEntry, TimelineSource, now
from parallax.report.story import story_view
from parallax.server.app import create_app
from parallax.server.pages import story_articles
from parallax.server.pages.render import TEMPLATES
from tests.server.pages.test_story_pages import seed_story

BIG = "Big Outlet"


@pytest.fixture
def db(web_db: Path, tmp_path: Path) -> Path:
    """A copy of the web corpus that a test may write to."""
    copy = tmp_path / "corpus.db"
    shutil.copyfile(web_db, copy)
    return copy


def _stored(corpus: Corpus) -> dict[str, tuple[str, str]]:
    rows = corpus.store.connection.execute("SELECT story_id, key, entries FROM story_timelines")
    return {row[0]: (row[1], row[2]) for row in rows}


def _tamper(corpus: Corpus, story_id: str) -> str:
    """Rewrite the summary of a story's stored timeline (its key kept); return the new one."""
    entries = _stored(corpus)[story_id][1]
    document = json.loads(entries)
    document[0]["summary"] = "Written into the stored timeline only"
    corpus.store.connection.execute(
        "UPDATE story_timelines SET entries = ? WHERE story_id = ?",
        (json.dumps(document), story_id),
    )
    return str(document[0]["summary"])


def test_grouping_stores_each_timeline_as_it_would_be_built(db: Path) -> None:
    with Corpus(db, settings=Settings()) as corpus:
        stories = corpus.stories.list()
        assert set(_stored(corpus)) == {story.id for story in stories}
        for story in stories:
            assert corpus.stories.timeline(story.id) == corpus.stories.timeline_of(
                story.article_ids
            )
        assert any(corpus.stories.timeline(story.id) for story in stories)
        assert corpus.stories.store_timelines() == 0  # nothing changed: nothing built


@pytest.mark.skipif(not embeddings_available(), reason="needs the embeddings extra")
def test_timelines_are_stored_with_the_texts_minilm_reads_embedded_ahead(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``store_timelines`` embeds the restated developments' texts of every story in one call
    shared by two threads, then finishes each timeline without embedding: the same entries
    as each story's timeline built alone (the seeds' SouthFront article tells one development
    twice, so MiniLM decides)."""
    from parallax.models.vectors import CachedEmbedder, cached_embedder

    ahead: list[tuple[int, int]] = []
    prefetch = CachedEmbedder.prefetch

    def counted(self: CachedEmbedder, texts: Sequence[str], *, threads: int = 1) -> int:
        ahead.append((len(texts), threads))
        return prefetch(self, texts, threads=threads)

    monkeypatch.setattr(CachedEmbedder, "prefetch", counted)
    with Corpus(db, settings=Settings()) as corpus:
        corpus.store.connection.execute("DELETE FROM story_timelines")
        cached_embedder.cache_clear()  # nothing embedded before
        stories = corpus.stories.list()
        assert corpus.stories.store_timelines(threads=2) == len(stories)
        assert len(ahead) == 1 and ahead[0][0] > 0 and ahead[0][1] == 2
        assert len(cached_embedder()) == ahead[0][0]  # finishing embedded nothing more
        cached_embedder.cache_clear()
        for story in stories:
            assert corpus.stories.timeline(story.id) == corpus.stories.timeline_of(
                story.article_ids
            )
    cached_embedder.cache_clear()


def test_the_page_reads_the_stored_timeline_and_never_a_stale_one(db: Path) -> None:
    with Corpus(db, settings=Settings()) as corpus:
        story = seed_story(corpus)
        built = corpus.stories.timeline_of(story.article_ids)
        summary = _tamper(corpus, story.id)
        assert corpus.stories.timeline(story.id)[0].summary == summary
    with TestClient(create_app(db, settings=Settings())) as client:
        assert summary in client.get(f"/stories/{story.id}").text
    with Corpus(db, settings=Settings()) as corpus:
        # The analysis of one of the story's articles is written again: the stored timeline
        # is stale, so the page builds it again rather than show it.
        corpus.store.connection.execute(
            "UPDATE analyses SET analyzed_at = ? WHERE article_id = ?",
            (now(), story.article_ids[0]),
        )
        assert corpus.stories.timeline(story.id) == built
        assert corpus.stories.store_timelines() == 1
        assert corpus.stories.timeline(story.id) == built


def test_a_timeline_stored_by_another_builder_is_not_served(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Corpus(db, settings=Settings()) as corpus:
        story = seed_story(corpus)
        summary = _tamper(corpus, story.id)
        monkeypatch.setattr("parallax.resources.stories._builder_fingerprint", lambda: b"new")
        assert corpus.stories.timeline(story.id)[0].summary != summary


def test_timelines_of_stories_merged_away_are_dropped(db: Path) -> None:
    with Corpus(db, settings=Settings()) as corpus:
        corpus.store.connection.execute(
            "INSERT INTO story_timelines (story_id, key, entries) VALUES ('sgone', 'k', '[]')"
        )
        corpus.stories.store_timelines()
        assert "sgone" not in _stored(corpus)


def _no_comparison(
    self: Corpus, story_id: str, *, stored_only: bool = False, save: bool = True, threads: int = 1
) -> StoryComparison | None:
    return None


@pytest.fixture
def big(db: Path) -> Iterator[tuple[TestClient, Story]]:
    """The app over a corpus with a story of 25 articles from one outlet (and no comparison,
    which these tests do not look at)."""
    records = [
        {
            "url": f"https://big.example/{number}",
            "title": f"Big headline number {number}",
            "outlet": BIG,
            "published": (date(2025, 1, 1) + timedelta(days=number)).isoformat(),
            "text": f"Article {number} of the big story, with enough words to be kept. " * 3,
        }
        for number in range(25)
    ]
    source = db.parent / "big.jsonl"
    source.write_text("".join(json.dumps(record) + "\n" for record in records))
    with Corpus(db, settings=Settings()) as corpus:
        corpus.ingest([str(source)])
        ids = tuple(a.id for a in corpus.articles.list() if a.outlet == BIG)
        story = Story("sbig", "Big story", ids, (), (BIG,), date(2025, 1, 1), date(2025, 1, 25),
                      "tests")  # fmt: skip
        with corpus.store.transaction():
            for article_id in ids:
                corpus.store.record_assignment(
                    article_id, story.id, {}, grouper="tests", assigned_at=now()
                )
            corpus.store.replace_stories([story], removed=[], updated_at=now())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Corpus, "compare", _no_comparison)
        with TestClient(create_app(db, settings=Settings())) as client:
            yield client, story


def test_a_long_outlet_list_shows_its_first_articles_and_links_to_the_rest(
    big: tuple[TestClient, Story], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, story = big
    html = client.get(f"/stories/{story.id}").text
    rest = f"/stories/{story.id}/articles?outlet=Big%20Outlet"
    glance = html[html.index('<table class="glance">') : html.index("</table>")]
    assert glance.count('class="in-parallax"') == 10
    assert f'<a href="{rest}">… and 15 more</a>' in glance
    column = html[html.index('class="column-articles"') :]
    column = column[: column.index("</ul>")]
    # page_list_items (10): the column's list as long as the glance's
    assert column.count("<li>") == 10 and f'<a href="{rest}">… and 15 more</a>' in column
    monkeypatch.setattr(story_articles, "STORY_ARTICLES", 10)
    titles: list[str] = []
    url: str | None = rest
    while url:
        page = client.get(url)
        assert page.status_code == 200
        titles += re.findall(r'class="title" href="[^"]+">(Big headline number \d+)<', page.text)
        found = re.search(r'rel="next" href="([^"]+)"', page.text)
        url = found.group(1).replace("&amp;", "&") if found else None
    assert sorted(titles) == sorted(f"Big headline number {n}" for n in range(25))
    assert len(titles) == 25
    assert client.get(f"{rest}&page=4").status_code == 404
    assert client.get(f"/stories/{story.id}/articles?outlet=Nobody").status_code == 404
    every = client.get(f"/stories/{story.id}/articles").text
    assert "25 articles" in every and every.count('class="article-row"') == 10


def test_a_long_timeline_shows_its_first_entries_and_says_how_many_more(db: Path) -> None:
    with Corpus(db, settings=Settings()) as corpus:
        view = story_view(corpus, seed_story(corpus))
    sources = tuple(
        TimelineSource(view.articles[0].id, "Some outlet", 0, 4, f"source {n}") for n in range(55)
    )
    entries = tuple(
        TimelineEntry(
            f"2025-01-{1 + n % 28:02d}", "day", "stated", f"Development {n}", sources, "t"
        )
        for n in range(60)
    )
    path = "/stories/x"
    page = TEMPLATES.get_template("story.html").render(
        request=None, path=path, view=replace(view, timeline=entries)
    )
    # the page's bounds (parallax.report.bounded.PageBounds): 20 entries, 5 sources each
    assert page.count('<p class="what">Development') == 20
    assert "Development 19<" in page and "Development 20<" not in page
    assert "… and 40 more in <a href" in page
    assert f'/stories/{view.story.id}/report.html#timeline-heading">' in page
    assert page.count("and 50 more articles") == 20
    report = TEMPLATES.get_template("story.html").render(
        request=None, path=path, view=replace(view, timeline=entries[:20])
    )
    assert "more in <a href" not in report


@pytest.mark.skipif(not embeddings_available(), reason="needs the embeddings extra")
def test_minilm_is_made_ready_while_many_articles_are_grouped(db: Path) -> None:
    from parallax.embeddings import shared_embedder
    from parallax.resources.stories import WARM_ARTICLES

    shared_embedder.cache_clear()
    try:
        with Corpus(db, settings=Settings()) as corpus:
            with corpus.stories.warming(WARM_ARTICLES - 1):
                pass
            assert "session" not in vars(shared_embedder("minilm"))  # a few: none made
            with corpus.stories.warming(WARM_ARTICLES):
                pass
            assert "session" in vars(shared_embedder("minilm"))  # made, and waited for
    finally:
        shared_embedder.cache_clear()
