"""The NLP stage through the front door: analyse, store, merge entities, export."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from parallax.corpus import Corpus
from parallax.export import export_corpus

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    corpus = Corpus(tmp_path_factory.mktemp("analyse") / "c.db")
    corpus.ingest([str(ROOT / "src" / "parallax" / "examples" / "seeds")])
    corpus.analyze()
    return corpus


def test_seed_quotes_have_their_speakers(analysed: Corpus) -> None:
    speakers: list[tuple[str | None, str | None, str]] = []
    for article in analysed.articles.list():
        for quote in analysed.articles.analysis(article.id).quotes:
            speakers.append((article.outlet, quote.speaker, quote.text))
    said = {(outlet, speaker) for outlet, speaker, _ in speakers}
    for expected in [
        ("The Independent", "Radek Sikorski"),
        ("The Independent", "Ruben Brekelmans"),
        ("The Independent", "Donald Trump"),
        ("SouthFront", "Donald Trump"),
        ("SouthFront", "Dmitry Medvedev"),
    ]:
        assert expected in said, expected
    unnamed = [
        text for outlet, speaker, text in speakers if speaker is None and "AI drones" in text
    ]
    assert unnamed, "the drone officer's quote comes out with no named speaker"


def test_thursday_resolves_against_publication_date(analysed: Corpus) -> None:
    independent = analysed.articles.list(outlet="The Independent")[0]
    values = {d.text: d.value for d in analysed.articles.analysis(independent.id).dates}
    assert values.get("Thursday") == "2025-07-03"


def test_spellings_merge_into_one_entity_across_articles(analysed: Corpus) -> None:
    people = {entity.name: entity for entity in analysed.entities.list(label="PERSON")}
    assert "Trump" in people["Donald Trump"].aliases
    assert "Putin" in people["Vladimir Putin"].aliases
    assert "Trump" not in people and "Putin" not in people


def test_every_offset_points_at_its_text(analysed: Corpus) -> None:
    for article in analysed.articles.list():
        found = analysed.articles.analysis(article.id)
        items = [*found.mentions, *found.quotes, *found.dates, *found.claims]
        assert items
        for item in items:
            assert article.text[item.start : item.end] == item.text


def test_reanalysis_only_for_a_new_version(analysed: Corpus) -> None:
    assert analysed.analyze().analyzed == 0
    first = analysed.articles.list()[0]
    # An article analysed by an older extractor version is analysed again, and only it.
    analysed.store.connection.execute(
        "UPDATE analyses SET version = 'parallax.old.v0' WHERE article_id = ?", (first.id,)
    )
    report = analysed.analyze()
    assert report.analyzed == 1
    assert analysed.articles.analysis(first.id).version == analysed.analysis_version()


def test_export_carries_the_analysis_and_validates(analysed: Corpus) -> None:
    document = json.loads(export_corpus(analysed, "json") or "")
    jsonschema.validate(document, json.loads((ROOT / "docs" / "export-schema.json").read_text()))
    assert any(entity["name"] == "Donald Trump" for entity in document["entities"])
    for article in document["articles"]:
        assert article["quotes"] and article["entities"] and article["dates"] and article["claims"]
