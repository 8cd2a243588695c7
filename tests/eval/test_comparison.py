"""The corpus report of comparisons: figures per story, their means, a tiny BASIL folder, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.cli import app
from parallax.errors import ConfigError
from parallax.eval.comparison import StoryRow, evaluate_comparison, summarise

SHARED = (
    "The city council voted on Tuesday to close the Elm Street bridge for repairs costing "
    "$4 million."
)
FOX = [SHARED, "Mayor John Smith said the closure would last six months."]
NYT = [SHARED, "Commuters will be rerouted over the river, officials said."]
HPO = ["Residents protested outside City Hall on Tuesday, police said."]


def write_basil(root: Path) -> Path:
    folder = root / "articles" / "2014"
    folder.mkdir(parents=True)
    for source, paragraphs in (("fox", FOX), ("nyt", NYT), ("hpo", HPO)):
        record = {
            "source": source,
            "title": "Bridge closes",
            "date": "2014-03-04",
            "uuid": f"{source}-1",
            "triplet-uuid": "t1",
            "body-paragraphs": [[p] for p in paragraphs],
        }
        (folder / f"{source}-1.json").write_text(json.dumps(record), encoding="utf-8")
    return root


def row(story: str, claims: int, only_here: int, dates: int, entries: int) -> StoryRow:
    kinds = {"dates": dates}
    return StoryRow(story, 3, 3, claims, only_here, kinds, entries)


def test_means_over_stories_and_the_pooled_rate() -> None:
    means = summarise([row("a", 10, 10, 2, 6), row("b", 30, 15, 0, 3)])
    assert means["stories"] == 2
    assert means["only_here_rate"] == pytest.approx((1.0 + 0.5) / 2)
    assert means["only_here_rate_pooled"] == pytest.approx(25 / 40)
    assert means["contradictions_per_story"] == pytest.approx(1.0)
    assert means["contradictions_dates_per_story"] == pytest.approx(1.0)
    assert means["contradictions_numbers_per_story"] == 0.0
    assert means["timeline_per_article"] == pytest.approx((2 + 1) / 2)


def test_a_tiny_basil_triplet(tmp_path: Path) -> None:
    means, rows = evaluate_comparison(write_basil(tmp_path / "basil"))
    assert means["stories"] == 1 and means["articles"] == 3
    (story,) = rows
    assert story.story == "t1" and story.outlets == 3
    assert story.claims > 0
    assert 0.0 <= story.only_here_rate < 1.0  # the shared sentence is one group of two outlets
    result = CliRunner().invoke(
        app, ["eval", "comparison", "--data", str(tmp_path / "basil"), "--json", "--limit", "1"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["stories"] == 1
    assert document["rows"][0]["story"] == "t1"


def test_an_unknown_format_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        evaluate_comparison(tmp_path, fmt="ecb")
