"""POST /api/ingest: off by default, behind a bearer token, size-limited, same reader as files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parallax.config import Settings
from parallax.errors import ConfigError
from parallax.server.app import create_app

TOKEN = "s3cret-token"
AUTH = {"authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def ingest_client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(
        tmp_path / "c.db",
        settings=Settings(max_file_bytes=20_000),
        enable_ingest=True,
        token=TOKEN,
    )
    with TestClient(app) as client:
        yield client


def test_read_only_by_default(client: TestClient) -> None:
    response = client.post("/api/ingest", content=b"{}", headers=AUTH)
    assert response.status_code in (404, 405)
    assert "/api/ingest" not in client.get("/api/openapi.json").json()["paths"]


def test_ingest_needs_a_token(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="token"):
        create_app(tmp_path / "c.db", enable_ingest=True)


def test_jsonl_body_is_ingested_and_browsable(ingest_client: TestClient) -> None:
    lines = [
        {"url": "https://southfront.press/a", "title": "One", "published": "2025-07-01",
         "text": "The first article, long enough to be kept by the cleaner of the ingest stage."},
        {"url": "https://www.independent.co.uk/b", "title": "Two", "published": "2025-07-02",
         "text": "The second article, also long enough to be kept by the cleaner of the stage."},
        "{not json",
    ]  # fmt: skip
    body = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)
    response = ingest_client.post(
        "/api/ingest",
        content=body.encode(),
        headers=AUTH | {"content-type": "application/x-ndjson"},
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["articles"], report["new_articles"]) == (2, 2)
    assert [r["code"] for r in report["rejections"]] == ["P106"]
    assert report["rejections"][0]["source"].endswith(".jsonl")
    items = ingest_client.get("/api/articles").json()["items"]
    assert [item["title"] for item in items] == ["Two", "One"]
    assert {item["outlet"] for item in items} == {"SouthFront", "The Independent"}
    again = ingest_client.post("/api/ingest", content=body.encode(), headers=AUTH).json()
    assert again["new_articles"] == 0  # idempotent


def test_plain_text_body_with_format_parameter(ingest_client: TestClient, seed_dir: Path) -> None:
    seed = next(seed_dir.glob("001_*.txt")).read_bytes()
    response = ingest_client.post(
        "/api/ingest", params={"format": "text"}, content=seed, headers=AUTH
    )
    assert response.json()["new_articles"] == 1
    (item,) = ingest_client.get("/api/articles").json()["items"]
    assert item["outlet"] == "SouthFront" and item["published"] == "2025-07-08"


def test_html_body(ingest_client: TestClient) -> None:
    page = (
        "<html><head><title>A page</title></head><body><article><h1>A page</h1>"
        + "<p>Paragraph of a real article with enough words to count as main text. </p>" * 8
        + "</article></body></html>"
    )
    response = ingest_client.post(
        "/api/ingest", content=page.encode(), headers=AUTH | {"content-type": "text/html"}
    )
    assert response.json()["articles"] == 1, response.text


def test_too_large_bodies_are_refused(ingest_client: TestClient) -> None:
    big = b"word " * 5000  # 25,000 bytes > max_file_bytes
    response = ingest_client.post("/api/ingest", content=big, headers=AUTH)
    assert response.status_code == 413
    assert response.json()["status"] == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: the stream is counted
        for _ in range(50):
            yield b"word " * 100

    streamed = ingest_client.post("/api/ingest", content=chunks(), headers=AUTH)
    assert streamed.status_code == 413
    assert ingest_client.get("/api/articles").json()["items"] == []


@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x", f"bearer  {TOKEN[:-1]}"],
)
def test_wrong_tokens_are_refused(ingest_client: TestClient, header: str | None) -> None:
    headers = {"authorization": header} if header else {}
    response = ingest_client.post("/api/ingest", content=b"text", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_the_format_choices_are_the_readers() -> None:
    from typing import get_args

    from parallax.ingest.readers import load_builtin_readers
    from parallax.server.json.ingest import Format

    assert sorted(get_args(Format)) == sorted(load_builtin_readers().names())
