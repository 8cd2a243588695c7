"""The HTTP faces under hostile input: an upload is named by itself, never by the server's
temporary path, and the API's schema declares the 400 a foreign cursor gets."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parallax.config import Settings
from parallax.server.app import create_app

pytestmark = pytest.mark.reliability

TOKEN = "reliability-token"
AUTH = {"authorization": f"Bearer {TOKEN}"}


def test_upload_rejections_name_the_upload_not_a_temporary_path(tmp_path: Path) -> None:
    app = create_app(tmp_path / "c.db", settings=Settings(), enable_ingest=True, token=TOKEN)
    body = b'{"text": "A fine article body that is long enough to be kept by the stage."}\n{oops\n'
    with TestClient(app) as client:
        first = client.post(
            "/api/ingest", content=body, headers=AUTH | {"content-type": "application/x-ndjson"}
        ).json()
        again = client.post(
            "/api/ingest", content=body, headers=AUTH | {"content-type": "application/x-ndjson"}
        ).json()
    (rejection,) = first["rejections"]
    assert rejection["source"].startswith("upload-") and rejection["source"].endswith(".jsonl")
    assert "/" not in rejection["source"] and "parallax-upload" not in rejection["source"]
    assert (first["articles"], first["rejected"]) == (1, 1)
    # The same upload again is unchanged: skipped, and its rejection reported again.
    assert again["skipped_sources"] == 1 and again["rejections"] == first["rejections"]


def test_every_cursor_parameter_declares_its_400(tmp_path: Path) -> None:
    document = create_app(tmp_path / "c.db").openapi()
    with_cursor = [
        (path, operation)
        for path, operations in document["paths"].items()
        for operation in operations.values()
        if any(p["name"] == "cursor" for p in operation.get("parameters", []))
    ]
    assert len(with_cursor) >= 4
    for path, operation in with_cursor:
        assert "400" in operation["responses"], path
        (cursor,) = [p for p in operation["parameters"] if p["name"] == "cursor"]
        assert "400" in cursor["description"], path


def test_an_upload_while_another_process_writes_is_503(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    app = create_app(db, settings=Settings(lock_timeout=0.5), enable_ingest=True, token=TOKEN)
    body = b'{"text": "A fine article body that is long enough to be kept by the stage."}\n'
    with TestClient(app) as client:
        client.get("/api/articles")  # the store exists
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            response = client.post("/api/ingest", content=body, headers=AUTH)
        finally:
            other.execute("ROLLBACK")
            other.close()
    assert response.status_code == 503
    assert response.headers["retry-after"] == "60"
    assert "P502" not in response.json()["error"] and "locked" in response.json()["error"]
