"""``parallax compare`` and the JSON export's ``stories[].comparison`` on the seed story."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from parallax.codec.comparison import comparison_from_dict
from parallax.comparison import StoryComparison
from parallax.corpus import Corpus
from parallax.export import export_corpus
from tests.cli.test_cli import parallax
from tests.compare.story_fixtures import INDEPENDENT, SOUTHFRONT, comparison, corpus

__all__ = ["comparison", "corpus"]  # module-scoped fixtures
SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "docs" / "export-schema.json").read_text()
)


def test_compare_shows_the_outlets_side_by_side(
    comparison: StoryComparison, corpus: Corpus
) -> None:
    result = parallax("compare", comparison.story_id[:8], db=Path(corpus.db))
    out = " ".join(result.stdout.split())
    for text in (INDEPENDENT, SOUTHFRONT, "only here", "omits", "Contradictions", "1 (cause)"):
        assert text in out
    assert "fruitless" in out and "vain" in out
    assert "Donald Trump" in out and "state affiliation" in out


def test_compare_json_is_the_comparison(comparison: StoryComparison, corpus: Corpus) -> None:
    result = parallax("compare", comparison.story_id, "--json", db=Path(corpus.db))
    assert comparison_from_dict(json.loads(result.stdout)) == comparison


def test_compare_of_an_unknown_story_fails(corpus: Corpus) -> None:
    result = parallax("compare", "nope", db=Path(corpus.db), check=False)
    assert result.returncode == 1 and "no story" in result.stderr


def test_the_export_carries_each_storys_comparison(corpus: Corpus) -> None:
    document = json.loads(export_corpus(corpus, "json") or "")
    jsonschema.validate(document, SCHEMA)
    [story] = document["stories"]
    columns = {column["outlet"]: column for column in story["comparison"]["outlets"]}
    assert set(columns) == {INDEPENDENT, SOUTHFRONT}
    southfront = columns[SOUTHFRONT]
    assert southfront["outlet_profile"]["name"] == SOUTHFRONT
    assert {"terms", "techniques", "tone"} <= set(southfront["framing"])
    listed = story["comparison"]["contradictions"]
    [contradiction] = [
        listed[i] for i in southfront["contradictions"] if listed[i]["kind"] == "cause"
    ]
    sides = (contradiction["first"]["span"], contradiction["second"]["span"])
    assert {side["outlet"] for side in sides} == {INDEPENDENT, SOUTHFRONT}
    assert all(side["text"] for side in sides)
    # Each contradiction is written once, in the story's list, not again in each column.
    assert all(isinstance(i, int) for c in columns.values() for i in c["contradictions"])
    assert any(q["speaker"] == "Donald Trump" for q in southfront["quotes"])
    groups = {group["id"]: group for group in story["comparison"]["groups"]}
    assert all(groups[i]["outlets"] == [SOUTHFRONT] for i in southfront["unique"])
    texts = {a["id"]: a["text"] for a in document["articles"]}
    for claim in southfront["claims"]:
        assert texts[claim["article_id"]][claim["start"] : claim["end"]] == claim["text"]
