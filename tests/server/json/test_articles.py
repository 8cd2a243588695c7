"""GET /api/articles: filters, cursor pagination that reaches every article, one article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.server.app import create_app
from parallax.server.deps import MAX_PAGE


def every_page(client: TestClient, url: str, **params: object) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    cursor = None
    for _ in range(1000):
        response = client.get(url, params={**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")


def ids(items: list[dict[str, object]]) -> list[object]:
    return [item["id"] for item in items]


def test_lists_articles_newest_first_with_provenance(client: TestClient) -> None:
    body = client.get("/api/articles").json()
    items = body["items"]
    assert body["next_cursor"] is None
    dated = [item["published"] for item in items if item["published"]]
    assert dated == sorted(dated, reverse=True)
    assert items[-1]["published"] is None or all(item["published"] for item in items)
    southfront = next(item for item in items if item["outlet"] == "SouthFront")
    assert southfront["outlet_id"] == "southfront"
    assert southfront["published"] == "2025-07-08"
    assert southfront["published_source"] == "date-line"
    assert southfront["url"] == "https://southfront.press/kyiv-struggle-amid-shifting-us-support/"
    assert southfront["title"].startswith("Between Aid And Deadlock")
    assert southfront["opening"].startswith("The ongoing Ukrainian crisis")


def test_small_pages_reach_every_article_once(client: TestClient) -> None:
    everything = ids(client.get("/api/articles", params={"limit": MAX_PAGE}).json()["items"])
    for limit in (1, 2, 3):
        assert ids(every_page(client, "/api/articles", limit=limit)) == everything


def test_no_hidden_cap_on_the_total(tmp_path: Path) -> None:
    """More articles than the largest page, with tied and missing dates, all reachable."""
    source = tmp_path / "many.jsonl"
    lines = []
    for number in range(MAX_PAGE + 37):
        record: dict[str, object] = {
            "url": f"https://example.org/story/{number}",
            "title": f"Story {number}",
            "text": f"Article number {number} of a long series about the same event, told again.",
        }
        if number % 5:  # every fifth article has no date; many share one
            record["published"] = f"2025-07-{1 + number % 3:02d}"
        lines.append(json.dumps(record))
    source.write_text("\n".join(lines) + "\n")
    db = tmp_path / "many.db"
    with Corpus(db, settings=Settings(duplicate_threshold=1.1)) as corpus:
        assert corpus.ingest([str(source)]).new_articles == MAX_PAGE + 37
    with TestClient(create_app(db, settings=Settings())) as client:
        items = every_page(client, "/api/articles", limit=MAX_PAGE)
        small = every_page(client, "/api/articles", limit=7, published_from="2025-07-02")
    assert len(items) == len(set(ids(items))) == MAX_PAGE + 37
    keys = [(item["published"] is not None, item["published"] or "", item["id"]) for item in items]
    assert keys == sorted(keys, reverse=True)  # newest first, ties by id, undated last
    expected = [item["id"] for item in items if (item["published"] or "") >= "2025-07-02"]
    assert ids(small) == expected


@pytest.mark.parametrize(
    ("params", "outlets"),
    [
        ({"outlet": "southfront"}, {"SouthFront"}),
        ({"outlet": "South Front"}, {"SouthFront"}),
        ({"outlet": "southfront.press"}, {"SouthFront"}),
        ({"outlet": "no-such-outlet"}, set()),
        ({"country": "Russia"}, {"SouthFront"}),
        ({"country": "russia"}, {"SouthFront"}),
        ({"country": "United Kingdom"}, {"The Independent"}),
        ({"state_affiliated": "true"}, {"SouthFront"}),
        ({"affiliated": "true"}, {"SouthFront"}),  # the deprecated name still works
        ({"affiliation": "intelligence-linked"}, {"SouthFront"}),
        ({"affiliation": "%"}, set()),  # LIKE wildcards are taken literally
        ({"q": "Medvedev"}, {"SouthFront"}),
        ({"published_from": "2025-07-05", "published_to": "2025-07-08"}, {"SouthFront", None}),
        (
            {"published_from": "2019-11-19", "published_to": "2025-07-04"},
            {"The Detroit News", "The Independent"},
        ),
    ],
)
def test_filters(client: TestClient, params: dict[str, str], outlets: set[str | None]) -> None:
    items = every_page(client, "/api/articles", **params)
    assert {item["outlet"] for item in items} == outlets


def test_affiliated_false_is_the_complement(client: TestClient) -> None:
    every = set(ids(every_page(client, "/api/articles")))
    yes = set(ids(every_page(client, "/api/articles", state_affiliated="true")))
    no = set(ids(every_page(client, "/api/articles", state_affiliated="false")))
    assert yes and no and yes | no == every and not yes & no


def test_state_affiliated_has_one_name_on_every_list(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/articles", "/api/stories", "/api/search"):
        names = {param["name"]: param for param in schema[path]["get"]["parameters"]}
        assert "state_affiliated" in names and not names["state_affiliated"].get("deprecated")
    assert {p["name"]: p for p in schema["/api/articles"]["get"]["parameters"]}["affiliated"][
        "deprecated"
    ]
    both = {"state_affiliated": "true", "affiliated": "true"}
    assert ids(every_page(client, "/api/articles", **both)) == ids(
        every_page(client, "/api/articles", state_affiliated="true")
    )
    clash = {"state_affiliated": "true", "affiliated": "false"}  # the current name wins
    assert ids(every_page(client, "/api/articles", **clash)) == ids(
        every_page(client, "/api/articles", state_affiliated="true")
    )


def test_one_article_with_provenance_and_removals(client: TestClient) -> None:
    (listed,) = every_page(client, "/api/articles", outlet="The Independent")
    article = client.get(f"/api/articles/{listed['id']}").json()
    assert article["outlet_evidence"].startswith("signature:")
    assert article["published_source"] == "date-line"
    assert "Your support helps us" not in article["text"]
    rules = {removal["rule"] for removal in article["removed"]}
    assert "metadata" in rules and len(rules) > 1
    assert any("Your support helps us" in removal["text"] for removal in article["removed"])
    prefix = client.get(f"/api/articles/{article['id'][:8]}").json()
    assert prefix["id"] == article["id"]


def test_unknown_article_is_404(client: TestClient) -> None:
    response = client.get("/api/articles/0000000000000000")
    assert response.status_code == 404
    assert response.json()["error"] == "no article with id '0000000000000000'"


@pytest.mark.parametrize("cursor", ["", "x", "!!!", "WyJzIiwxLCJhIl0", "WyJhIiwxLDJd", "bnVsbA"])
def test_a_cursor_not_made_by_the_list_is_400(client: TestClient, cursor: str) -> None:
    response = client.get("/api/articles", params={"cursor": cursor})
    if cursor == "":
        assert response.status_code == 200  # an empty cursor is the first page
        return
    assert response.status_code == 400
    assert response.json()["error"].startswith("invalid cursor")


def test_limit_is_bounded_and_documented(client: TestClient) -> None:
    assert client.get("/api/articles", params={"limit": MAX_PAGE + 1}).status_code == 422
    assert client.get("/api/articles", params={"limit": 0}).status_code == 422
    schema = client.get("/api/openapi.json").json()
    parameters = schema["paths"]["/api/articles"]["get"]["parameters"]
    limit = next(parameter for parameter in parameters if parameter["name"] == "limit")
    assert limit["schema"]["maximum"] == MAX_PAGE
