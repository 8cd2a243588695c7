"""``/api/stories``: the list with cursors, one story with its timeline and coverage, and the
comparison of its outlets in the shape of ``parallax.comparison`` (and the one error
envelope when there is none)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.server.app import create_app
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def grouped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("stories") / "corpus.db"
    with Corpus(db, settings=Settings()) as corpus:
        corpus.ingest([str(EXAMPLES / "seeds")])
        corpus.analyze()
        corpus.group_stories()
    return db


@pytest.fixture(scope="module")
def stories_client(grouped: Path) -> Iterator[TestClient]:
    with TestClient(create_app(grouped, settings=Settings())) as client:
        yield client


def test_list_and_one_story(stories_client: TestClient) -> None:
    listed = stories_client.get("/api/stories").json()
    assert listed["next_cursor"] is None
    (story,) = listed["items"]
    assert set(story["outlets"]) == {"The Independent", "SouthFront"}
    detail = stories_client.get(f"/api/stories/{story['id']}").json()
    assert detail["article_ids"] == story["article_ids"]
    assert detail["timeline"] and detail["timeline"][0]["sources"][0]["text"]
    assert {(c["outlet"], c["date"]) for c in detail["coverage"]} == {
        ("The Independent", "2025-07-04"),
        ("SouthFront", "2025-07-08"),
    }
    assert stories_client.get(f"/api/stories/{story['id'][:6]}").json()["id"] == story["id"]


def test_cursors_page_through_every_story(stories_client: TestClient) -> None:
    first = stories_client.get("/api/stories", params={"limit": 1}).json()
    assert len(first["items"]) == 1
    bad = stories_client.get("/api/stories", params={"cursor": "nope"})
    assert bad.status_code == 400 and bad.json()["ok"] is False


def test_comparison_of_no_story_is_a_404_envelope(stories_client: TestClient) -> None:
    missing = stories_client.get("/api/stories/snothing/comparison")
    body = missing.json()
    assert missing.status_code == 404 and set(body) == {"ok", "error", "errors", "status"}
    assert "no story" in body["error"]


def test_comparison_in_the_contract_shape(stories_client: TestClient) -> None:
    (story,) = stories_client.get("/api/stories").json()["items"]
    response = stories_client.get(f"/api/stories/{story['id']}/comparison")
    assert response.status_code == 200
    body = response.json()
    schema = stories_client.get("/api/openapi.json").json()
    assert body["story_id"] == story["id"] and body["version"]
    columns = {column["outlet"]: column for column in body["outlets"]}
    assert set(columns) == {"The Independent", "SouthFront"}
    south = columns["SouthFront"]
    assert south["omitted"] and south["quotes"][0]["quotes"][0]["text"]
    # A column refers to the story's contradictions (each written once) by position.
    (index,) = south["contradictions"]
    assert columns["The Independent"]["contradictions"] == [index]
    found = body["contradictions"][index]
    assert found["kind"] == "cause"
    assert {found["first"]["span"]["outlet"], found["second"]["span"]["outlet"]} == set(columns)
    assert south["profile"]["state_affiliation"]["source"].startswith("http")
    assert south["covered"] == ["2025-07-08", "2025-07-08"]
    path = schema["paths"]["/api/stories/{story_id}/comparison"]["get"]
    assert {"200", "404", "422"} <= set(path["responses"])
    assert "StoryComparison" in schema["components"]["schemas"]
