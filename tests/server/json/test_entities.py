"""GET /api/entities, /api/entities/{id}, the articles' entity filter, and what the NLP stage
found in one article (entities, quotes, dates, claims with offsets, as in the JSON export)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from fastapi.testclient import TestClient

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.server.app import create_app
from tests.server.json.test_articles import every_page, ids

SCHEMA = json.loads((Path(__file__).parents[3] / "docs" / "export-schema.json").read_text())


def entity(client: TestClient, name: str) -> dict[str, object]:
    (found,) = [e for e in every_page(client, "/api/entities", limit=200) if e["name"] == name]
    return found


def seed_ids(client: TestClient) -> dict[str, str]:
    return {
        outlet: every_page(client, "/api/articles", outlet=outlet)[0]["id"]
        for outlet in ("independent", "southfront")
    }


def test_entities_most_mentioned_first(client: TestClient) -> None:
    items = every_page(client, "/api/entities", limit=200)
    counts = [item["mentions"] for item in items]
    assert counts == sorted(counts, reverse=True)
    trump = entity(client, "Donald Trump")
    assert trump["label"] == "PERSON" and "Trump" in trump["aliases"]
    assert trump["mentions"] >= 10 and trump["roles"]
    assert len({item["id"] for item in items}) == len(items)


def test_small_pages_reach_every_entity_once(client: TestClient) -> None:
    everything = ids(every_page(client, "/api/entities", limit=200))
    assert len(everything) > 40
    for limit in (1, 7):
        assert ids(every_page(client, "/api/entities", limit=limit)) == everything


@pytest.mark.parametrize(
    ("params", "expected", "unexpected"),
    [
        ({"label": "PERSON"}, {"Donald Trump", "Radek Sikorski"}, {"Ukraine", "Pentagon"}),
        ({"label": "GPE"}, {"Ukraine", "Kyiv"}, {"Donald Trump"}),
        ({"prefix": "don"}, {"Donald Trump"}, {"Vladimir Putin"}),
        ({"prefix": "Trum"}, {"Donald Trump"}, {"Ukraine"}),  # by an alias
        ({"prefix": "Zelensk", "label": "PERSON"}, {"Volodymyr Zelensky"}, {"Donald Trump"}),
        ({"prefix": "%"}, set(), {"Donald Trump"}),  # LIKE wildcards are taken literally
        ({"label": "NO-SUCH-LABEL"}, set(), {"Donald Trump"}),
    ],
)
def test_entity_filters(
    client: TestClient, params: dict[str, str], expected: set[str], unexpected: set[str]
) -> None:
    names = {item["name"] for item in every_page(client, "/api/entities", **params)}
    assert expected <= names and not unexpected & names


def test_one_entity_with_its_articles_and_quotes(client: TestClient) -> None:
    trump = entity(client, "Donald Trump")
    detail = client.get(f"/api/entities/{trump['id']}").json()
    assert detail["name"] == "Donald Trump" and detail["mentions"] == trump["mentions"]
    assert detail["article_count"] == 2 and detail["next_cursor"] is None
    outlets = {item["article"]["outlet"] for item in detail["articles"]}
    assert outlets == {"The Independent", "SouthFront"}
    assert sum(item["mentions"] for item in detail["articles"]) == detail["mentions"]
    said = [quote for item in detail["articles"] for quote in item["quotes"]]
    assert len(said) == detail["quote_count"] >= 3
    texts = " ".join(quote["text"] for quote in said)
    assert "We must help Ukraine" in texts and "I didn't make any progress" in texts
    assert {quote["speaker_id"] for quote in said} == {trump["id"]}
    assert {quote["speaker"] for quote in said} == {"Donald Trump"}
    paged, cursor = [], None
    while True:
        params = {"limit": 1} | ({"cursor": cursor} if cursor else {})
        page = client.get(f"/api/entities/{trump['id']}", params=params).json()
        paged += [item["article"]["id"] for item in page["articles"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert paged == [item["article"]["id"] for item in detail["articles"]]


def test_entity_by_name_and_unknown(client: TestClient) -> None:
    trump = entity(client, "Donald Trump")
    assert client.get("/api/entities/donald trump").json()["id"] == trump["id"]
    response = client.get("/api/entities/0000000000000000")
    assert response.status_code == 404
    assert response.json()["error"] == "no entity with id '0000000000000000'"


def test_articles_filtered_by_entity(client: TestClient) -> None:
    seeds = seed_ids(client)
    trump = entity(client, "Donald Trump")
    assert set(ids(every_page(client, "/api/articles", entity=trump["id"]))) == set(seeds.values())
    sikorski = entity(client, "Radek Sikorski")
    assert ids(every_page(client, "/api/articles", entity=sikorski["id"])) == [seeds["independent"]]
    narrowed = every_page(client, "/api/articles", entity=trump["id"], outlet="southfront")
    assert ids(narrowed) == [seeds["southfront"]]
    assert every_page(client, "/api/articles", entity="0000000000000000") == []


@pytest.mark.parametrize("cursor", ["x", "WyJhIiwxLDJd", "WyJlIiwiYSIsImIiLCJjIl0", "WyJlIiwxXQ"])
def test_an_entity_cursor_not_made_by_the_list_is_400(client: TestClient, cursor: str) -> None:
    response = client.get("/api/entities", params={"cursor": cursor})
    assert response.status_code == 400
    assert response.json()["error"].startswith("invalid cursor")


def test_article_detail_carries_what_the_nlp_stage_found(client: TestClient) -> None:
    seeds = seed_ids(client)
    article = client.get(f"/api/articles/{seeds['independent']}").json()
    text = article["text"]
    assert article["analysis_version"]
    for field in ("entities", "quotes", "dates", "claims"):
        assert article[field], field
        for item in article[field]:
            assert text[item["start"] : item["end"]] == item["text"], (field, item)
    definitions = SCHEMA["$defs"]["article"]["properties"]
    for field in ("entities", "quotes", "dates", "claims"):
        jsonschema.validate(article[field], definitions[field] | {"$defs": SCHEMA["$defs"]})
    dates = {item["text"]: item["value"] for item in article["dates"]}
    assert dates["Thursday"] == "2025-07-03"
    (sikorski,) = [q for q in article["quotes"] if "Putin is mocking" in q["text"]]
    assert (sikorski["speaker"], sikorski["kind"]) == ("Radek Sikorski", "direct")
    assert sikorski["speaker_id"] == entity(client, "Radek Sikorski")["id"]
    trump = next(e for e in article["entities"] if e["entity"] == "Donald Trump")
    assert trump["entity_id"] == entity(client, "Donald Trump")["id"]
    unnamed = [q for q in article["quotes"] if q["speaker"] is None and q["speaker_text"]]
    assert any("drone warfare" in q["speaker_text"] for q in unnamed)
    assert any(claim["quantities"] for claim in article["claims"])


def test_an_article_not_yet_analysed_has_empty_lists(tmp_path: Path, seed_dir: Path) -> None:
    db = tmp_path / "c.db"
    with Corpus(db, settings=Settings()) as corpus:
        corpus.ingest([str(seed_dir)])
    with TestClient(create_app(db, settings=Settings())) as fresh:
        (item, _) = every_page(fresh, "/api/articles")
        article = fresh.get(f"/api/articles/{item['id']}").json()
        assert article["analysis_version"] is None
        assert [article[f] for f in ("entities", "quotes", "dates", "claims")] == [[]] * 4
        assert fresh.get("/api/entities").json() == {"items": [], "next_cursor": None}
