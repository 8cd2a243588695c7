"""``Corpus.compare_stories``: every story two or more outlets tell is compared ahead of reading."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from parallax.cli import app
from parallax.corpus import Corpus
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


def test_a_story_told_by_one_outlet_is_left_for_later(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "c.db")
    corpus.ingest([str(next(SEEDS.glob("*.txt")))])
    corpus.analyze()
    corpus.group_stories()
    report = corpus.compare_stories()
    assert (report.compared, report.current, report.single_outlet) == (0, 0, 1)
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
