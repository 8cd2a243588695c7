"""API fixtures: one corpus built from the seeds and the test inputs, and clients over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.server.app import create_app
from tests.conftest import EXAMPLES, FIXTURES

INPUTS = (
    EXAMPLES / "seeds",
    FIXTURES / "jsonl" / "articles.jsonl",
    FIXTURES / "jsonl" / "pages.jsonl",
    FIXTURES / "html" / "aeb" / "html",
)


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of the two seeds (analysed), the JSON Lines fixtures and three benchmark pages
    (not analysed: the NLP stage is slow on long pages and the API tests need only the seeds)."""
    db = tmp_path_factory.mktemp("api") / "corpus.db"
    with Corpus(db, settings=Settings()) as corpus:
        corpus.ingest([str(INPUTS[0])])
        corpus.analyze()
        corpus.ingest([str(path) for path in INPUTS[1:]])
    return db


@pytest.fixture(scope="session")
def app(corpus_db: Path) -> FastAPI:
    return create_app(corpus_db, settings=Settings())


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
