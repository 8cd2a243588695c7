"""``authors`` lists the people of ``author`` one each, in the JSON export and the article API,
on the benchmark's real pages (tests/fixtures/html/aeb); flat exports keep the one column."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from fastapi.testclient import TestClient

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.export import export_corpus
from parallax.server.app import create_app
from tests.conftest import FIXTURES, ROOT


def test_authors_is_author_one_person_each(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Corpus(db, settings=Settings()) as corpus:
        corpus.ingest([str(FIXTURES / "html" / "aeb" / "html")])
        document = json.loads(export_corpus(corpus, "json") or "")
        stored = {article.id: article.authors for article in corpus.articles.list()}
        flat = export_corpus(corpus, "csv") or ""
    jsonschema.validate(document, json.loads((ROOT / "docs" / "export-schema.json").read_text()))
    articles = document["articles"]
    for article in articles:
        assert "; ".join(article["authors"]) == (article["author"] or "")
        assert list(stored[article["id"]]) == article["authors"]
        assert all(name == name.strip() and ";" not in name for name in article["authors"])
    assert any(len(article["authors"]) > 1 for article in articles)
    assert any(article["authors"] == [] for article in articles)
    assert "authors" not in flat.splitlines()[0].split(",")
    with TestClient(create_app(db, settings=Settings())) as client:
        for article in articles:
            shown = client.get(f"/api/articles/{article['id']}").json()
            assert (shown["author"], shown["authors"]) == (article["author"], article["authors"])
