"""``Corpus.compare_stories``: every story two or more outlets tell is compared ahead of reading."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.cli import app
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.stages.compare import ahead_of_pages
from tests.compare.story_fixtures import SEEDS


def test_stories_are_compared_once_and_then_stay_current(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "c.db")
    corpus.ingest([str(SEEDS)])
    corpus.analyze()
    corpus.group_stories()
    [story] = corpus.stories.list()
    assert corpus.compare(story.id, stored_only=True) is None  # nothing stored yet
    first = corpus.compare_stories()
    assert (first.compared, first.current, first.single_outlet) == (1, 0, 0)
    stored = corpus.compare(story.id, stored_only=True)
    assert stored is not None and {c.outlet for c in stored.outlets} == {
        "The Independent",
        "SouthFront",
    }
    again = corpus.compare_stories()
    assert (again.compared, again.current) == (0, 1)
    corpus.close()


SHORT_SEED, LONG_SEED = "001_ead8df1f51385aab.txt", "000_f1244bfe7fc0ce2e.txt"


def _one_outlet(tmp_path: Path, seed: str, settings: Settings | None = None) -> Corpus:
    corpus = Corpus(tmp_path / "c.db", settings=settings or Settings())
    corpus.ingest([str(SEEDS / seed)])
    corpus.analyze()
    corpus.group_stories()
    return corpus


AHEAD = replace(Settings(), compare_one_outlet_chars=5_000)


def test_a_story_told_by_one_outlet_is_left_for_its_page_by_default(tmp_path: Path) -> None:
    corpus = _one_outlet(tmp_path, LONG_SEED)
    [story] = corpus.stories.list()
    report = corpus.compare_stories()
    assert (report.compared, report.current, report.single_outlet) == (0, 0, 1)
    assert corpus.compare(story.id, stored_only=True) is None
    corpus.close()


def test_a_short_story_told_by_one_outlet_is_left_for_its_page(tmp_path: Path) -> None:
    corpus = _one_outlet(tmp_path, SHORT_SEED, AHEAD)
    [story] = corpus.stories.list()
    chars = corpus.store.story_text_chars([story.id])[story.id]
    assert 0 < chars < AHEAD.compare_one_outlet_chars
    report = corpus.compare_stories()
    assert (report.compared, report.current, report.single_outlet) == (0, 0, 1)
    assert corpus.compare(story.id, stored_only=True) is None
    corpus.close()


def test_a_long_story_told_by_one_outlet_is_compared_ahead_of_its_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its page would run the framing models over all its text while the reader waits: analyze
    stores its comparison instead, the one the page computes with nothing stored, and the page
    then runs no model."""
    from parallax.report.story import page_comparison, story_articles

    corpus = _one_outlet(tmp_path, LONG_SEED, AHEAD)
    [story] = corpus.stories.list()
    assert corpus.store.story_text_chars([story.id])[story.id] >= AHEAD.compare_one_outlet_chars
    computed = corpus.compare(story.id, save=False)  # as a page computed it before
    report = corpus.compare_stories()
    assert (report.compared, report.current, report.single_outlet) == (1, 0, 0)
    assert corpus.compare_stories().current == 1

    def refused(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the page ran a model")

    monkeypatch.setattr("parallax.compare.story.compare_story", refused)
    monkeypatch.setattr("parallax.stages.framing.text_findings", refused)
    assert (
        computed is not None
        and page_comparison(corpus, story, story_articles(corpus, story))[0] == computed
    )
    corpus.close()


def test_one_outlet_stories_ahead_of_pages_follow_the_settings(tmp_path: Path) -> None:
    corpus = _one_outlet(tmp_path, LONG_SEED)
    [story] = corpus.stories.list()
    assert ahead_of_pages(corpus.store, [story], 1, 0) == {story.id}
    assert ahead_of_pages(corpus.store, [story], 1, len(story.article_ids)) == {story.id}
    # A page never computes a story above page_compare_articles: nor does analyze ahead.
    assert ahead_of_pages(corpus.store, [replace(story, article_ids=("a", "b"))], 1, 1) == set()
    assert ahead_of_pages(corpus.store, [story], 0, 0) == set()
    corpus.close()


def test_analyze_compares_unless_told_not_to(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(SEEDS), "--db", db]).exit_code == 0
    skipped = runner.invoke(app, ["analyze", "--db", db, "--no-compare"])
    assert skipped.exit_code == 0 and "comparisons" not in skipped.output
    done = runner.invoke(app, ["analyze", "--db", db])
    assert done.exit_code == 0, done.output
    assert "1 story comparisons computed and stored" in done.output
    with Corpus(db) as corpus:
        [story] = corpus.stories.list()
        assert corpus.compare(story.id, stored_only=True) is not None


def test_compare_prints_each_contradiction_once_with_its_values(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(SEEDS), "--db", db]).exit_code == 0
    assert runner.invoke(app, ["analyze", "--db", db]).exit_code == 0
    with Corpus(db) as corpus:
        [story] = corpus.stories.list()
    shown = runner.invoke(app, ["compare", story.id, "--db", db], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    flat = " ".join(shown.output.split())
    # The cause contradiction is listed once, below the columns, with both values named.
    assert flat.count("“a review of US supplies worldwide” (The Independent)") == 1
    # Each column names the story's contradiction by its number in that list.
    assert "Contradictions" in flat and flat.count("1 (cause): #1 in Contradictions below") == 2
