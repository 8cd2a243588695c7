"""A story's neutral title, stored when it is compared and shown wherever the story is named.

On the seeds (The Independent and SouthFront tell one story, no shared headline) the grouper
calls the story by SouthFront's headline; once compared it is called what its page shows, in
the CLI, the list pages, their JSON and CSV twins, the API and an article's breadcrumbs.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from parallax.cli import app
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.model import Story
from parallax.query import StoryQuery
from parallax.report.headline import story_headline
from parallax.server.app import create_app
from parallax.server.stories import served_story_view
from parallax.store.sqlite import SQLiteStore
from tests.conftest import EXAMPLES


@dataclass(frozen=True)
class Seeds:
    """The compared seed corpus and what it was called before and after the comparison."""

    db: Path
    story_id: str
    southfront: str  # SouthFront's headline, the grouper's choice
    before: str  # the story's title before it was compared
    page: str  # the title the story's page shows


def _page_title(corpus: Corpus, story_id: str) -> str:
    story = corpus.stories.get(story_id)
    assert story is not None
    return story_headline(served_story_view(corpus, story)).title


def _grouper_titles(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as connection:
        return dict(connection.execute("SELECT id, title FROM stories").fetchall())


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Seeds:
    db = tmp_path_factory.mktemp("titles") / "seeds.db"
    with Corpus(db, settings=Settings()) as corpus:
        corpus.ingest([str(EXAMPLES / "seeds")])
        corpus.analyze()
        corpus.group_stories()
        (story,) = corpus.stories.list()
        corpus.compare_stories()
        southfront = next(a for a in corpus.articles.list() if a.outlet == "SouthFront")
        assert southfront.title
        return Seeds(db, story.id, southfront.title, story.title, _page_title(corpus, story.id))


def test_a_compared_story_stores_the_title_its_page_shows(seeds: Seeds) -> None:
    assert seeds.before == seeds.southfront  # not compared yet: the grouper's headline
    assert seeds.page != seeds.southfront
    with Corpus(seeds.db, settings=Settings()) as corpus:
        story = corpus.stories.get(seeds.story_id)
        assert story is not None and story.title == seeds.page
        assert [s.title for s in corpus.stories.list()] == [seeds.page]
    # The grouper's choice is kept beside it.
    assert _grouper_titles(seeds.db) == {seeds.story_id: seeds.southfront}


def test_comparing_again_writes_nothing(seeds: Seeds) -> None:
    with Corpus(seeds.db, settings=Settings()) as corpus:
        changes = corpus.store.connection.total_changes
        report = corpus.compare_stories()
        corpus.compare(seeds.story_id)
        assert (report.compared, report.current) == (0, 1)
        assert corpus.store.connection.total_changes == changes
        assert corpus.stories.get(seeds.story_id).title == seeds.page  # type: ignore[union-attr]


def test_a_story_that_gains_an_article_is_titled_again_when_compared(
    seeds: Seeds, tmp_path: Path
) -> None:
    db = tmp_path / "more.db"
    shutil.copy(seeds.db, db)
    with Corpus(db, settings=Settings()) as corpus:
        independent = next(a for a in corpus.articles.list() if a.outlet == "The Independent")
        # A third outlet reports the story under SouthFront's very headline: now two outlets
        # share one wording, and that is the story's title.
        record = {
            "url": "https://www.bbc.com/news/world-europe-seeds",
            "title": seeds.southfront,
            "published": "2025-07-09",
            "text": independent.text[:3000],
        }
        more = tmp_path / "more.jsonl"
        more.write_text(json.dumps(record) + "\n")
        corpus.ingest([str(more)])
        corpus.analyze()
        corpus.group_stories()
        story = corpus.stories.get(seeds.story_id)
        assert story is not None and "BBC" in story.outlets
        assert story.title == seeds.page  # grouped, not compared yet: the title stored before
        assert corpus.compare_stories().compared == 1
        assert corpus.stories.get(seeds.story_id).title == seeds.southfront  # type: ignore[union-attr]
        assert _page_title(corpus, seeds.story_id) == seeds.southfront


def test_a_one_outlet_story_is_titled_by_its_first_headline_and_lists_sort_by_titles(
    seeds: Seeds, tmp_path: Path
) -> None:
    first = "Quarry blasts crack village walls"  # sorts between the seeds' two titles
    records = [
        {
            "url": f"https://www.bbc.com/news/quarry-{day}",
            "title": title,
            "published": f"2025-03-0{day}",
            "text": "Villagers near the Alder quarry said blasting cracked walls in their homes "
            f"and the council will meet on day {day} to review the quarry licence again.",
        }
        for day, title in ((5, "Council to review quarry licence"), (2, first))
    ]
    with _beside_the_seeds(seeds, records, tmp_path / "one") as (corpus, story):
        stored = "SELECT neutral_title FROM stories WHERE id = ?"
        assert corpus.store.connection.execute(stored, (story.id,)).fetchone()[0] is None
        assert corpus.compare_stories().compared == 0  # one outlet: nothing to set side by side
        assert corpus.store.connection.execute(stored, (story.id,)).fetchone()[0] == first
        assert corpus.stories.get(story.id).title == first  # type: ignore[union-attr]
        assert _page_title(corpus, story.id) == first

        # By the titles shown ("Quarry …" < "Trump …"), not the grouper's ("Between …" first).
        def ids(sort: str) -> list[str]:
            return [s.id for s in corpus.stories.page(StoryQuery(sort=sort)).items]

        assert ids("title") == [story.id, seeds.story_id]
        assert ids("-title") == [seeds.story_id, story.id]


@pytest.fixture(scope="module")
def web(seeds: Seeds) -> Iterator[TestClient]:
    with TestClient(create_app(seeds.db, settings=Settings())) as client:
        yield client


def test_lists_and_the_api_name_the_story_by_its_neutral_title(
    seeds: Seeds, web: TestClient
) -> None:
    for path in ("/stories", "/", "/outlets/southfront"):  # the home page lists articles too
        html = web.get(path, headers={"accept": "text/html"}).text
        listed = html[html.index('<ul class="stories">') :]
        listed = listed[: listed.index("</ul>")]
        assert seeds.page in listed and seeds.southfront not in listed, path
    (row,) = web.get("/stories.json").json()["rows"]
    assert row["title"] == seeds.page
    assert seeds.page in web.get("/stories.csv").text
    (item,) = web.get("/api/stories").json()["items"]
    assert item["title"] == seeds.page
    assert web.get(f"/api/stories/{seeds.story_id}").json()["title"] == seeds.page
    html = web.get(f"/stories/{seeds.story_id}", headers={"accept": "text/html"}).text
    assert f"<h1>{seeds.page}</h1>" in html


def test_an_articles_breadcrumbs_name_its_story_by_the_neutral_title(
    seeds: Seeds, web: TestClient
) -> None:
    with Corpus(seeds.db, settings=Settings()) as corpus:
        article = next(a for a in corpus.articles.list() if a.outlet == "SouthFront")
    html = web.get(f"/articles/{article.id}", headers={"accept": "text/html"}).text
    crumbs = html[html.index('class="breadcrumbs"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert f">{seeds.page}</a>" in crumbs


def test_the_cli_lists_stored_titles_without_reading_articles(
    seeds: Seeds, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unread(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a story list read an article")

    for method in ("article", "analysis", "story_headlines"):
        monkeypatch.setattr(SQLiteStore, method, unread)
    runner = CliRunner()
    listed = runner.invoke(app, ["stories", "--db", str(seeds.db)], env={"COLUMNS": "400"})
    assert listed.exit_code == 0, listed.output
    assert seeds.page in listed.output and seeds.southfront not in listed.output
    compared = runner.invoke(app, ["compare", seeds.story_id, "--db", str(seeds.db)])
    assert compared.exit_code != 0  # comparing reads the articles, which the patch forbids


def test_a_one_outlet_story_without_headlines_is_named_without_a_comparison(
    seeds: Seeds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [
        {
            "url": f"https://www.bbc.com/news/quarry-{day}",
            "published": f"2025-03-0{day}",
            "text": "Villagers near the Alder quarry said blasting cracked walls in their homes "
            f"and the Harrow council will meet on day {day} to review the quarry licence again.",
        }
        for day in (5, 2)
    ]
    with _beside_the_seeds(seeds, records, tmp_path / "untitled") as (corpus, story):
        assert len(story.outlets) == 1 and story.entities
        assert not any(title for title, _ in corpus.store.story_headlines(story.id))

        def refused(*_args: object, **_kwargs: object) -> None:
            raise AssertionError("a one-outlet story was compared to be named")

        with monkeypatch.context() as patch:
            patch.setattr("parallax.compare.story.compare_story", refused)
            assert corpus.compare_stories().compared == 0
        stored = "SELECT neutral_title FROM stories WHERE id = ?"
        title = corpus.store.connection.execute(stored, (story.id,)).fetchone()[0]
        # The title its page shows from the full comparison (its key names and dates).
        assert title == _page_title(corpus, story.id)
        assert title.endswith("2025-03-02 to 2025-03-05")


@contextmanager
def _beside_the_seeds(
    seeds: Seeds, records: list[dict[str, str]], stem: Path
) -> Iterator[tuple[Corpus, Story]]:
    """A copy of the seeds' store with ``records`` ingested, analysed and grouped: the corpus
    and the one story the records make."""
    source = stem.with_suffix(".jsonl")
    source.write_text("".join(json.dumps(record) + "\n" for record in records))
    db = stem.with_suffix(".db")
    shutil.copy(seeds.db, db)
    with Corpus(db, settings=Settings()) as corpus:
        corpus.ingest([str(source)])
        corpus.analyze()
        corpus.group_stories()
        (story,) = [s for s in corpus.stories.list() if s.id != seeds.story_id]
        yield corpus, story
