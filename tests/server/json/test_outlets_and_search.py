"""GET /api/outlets and /api/search."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_outlets_of_the_corpus_with_counts(client: TestClient) -> None:
    items = client.get("/api/outlets").json()["items"]
    by_id = {item["id"]: item for item in items}
    assert by_id["southfront"]["articles"] == 1 and by_id["southfront"]["in_registry"]
    assert by_id["independent"]["articles"] == 1
    counts = [item["articles"] for item in items]
    assert counts == sorted(counts, reverse=True)


def test_southfront_profile_cites_every_fact(client: TestClient) -> None:
    profile = client.get("/api/outlets/southfront").json()
    assert profile["name"] == "SouthFront"
    assert profile["articles"] == 1
    assert profile["state_affiliation"]["value"].startswith("intelligence-linked")
    for fact in ("country", "language", "state_affiliation"):
        assert profile[fact]["source"].startswith("https://")
    assert len(profile["designations"]) >= 3
    assert all(d["citation"].startswith("https://") for d in profile["designations"])
    assert {d["issuer"] for d in profile["designations"]} >= {"Council of the European Union"}


def test_outlet_by_name_or_domain_and_unknown(client: TestClient) -> None:
    assert client.get("/api/outlets/South Front").json()["id"] == "southfront"
    assert client.get("/api/outlets/southfront.press").json()["id"] == "southfront"
    registry_only = client.get("/api/outlets/rt").json()  # in the registry, not in the corpus
    assert registry_only["articles"] == 0 and registry_only["in_registry"]
    response = client.get("/api/outlets/no-such-outlet")
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_search_finds_and_marks_matches(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "Medvedev"}).json()
    assert [item["article"]["outlet"] for item in body["items"]] == ["SouthFront"]
    assert "[Medvedev]" in body["items"][0]["snippet"]
    assert body["items"][0]["score"] > 0


def test_search_pages_reach_every_match_best_first(client: TestClient) -> None:
    full = client.get("/api/search", params={"q": "Trump", "limit": 200}).json()["items"]
    assert len(full) >= 2
    scores = [item["score"] for item in full]
    assert scores == sorted(scores, reverse=True)
    seen, cursor = [], None
    while True:
        params = {"q": "Trump", "limit": 1} | ({"cursor": cursor} if cursor else {})
        body = client.get("/api/search", params=params).json()
        seen += [item["article"]["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == [item["article"]["id"] for item in full]


def test_search_syntax_is_passed_through_safely(client: TestClient) -> None:
    for query in ["'; DROP TABLE articles; --", "title:x", "a^b"]:
        response = client.get("/api/search", params={"q": query})
        assert response.status_code == 200, query
    for query in ['"', "NEAR(", "a OR", "*"]:
        response = client.get("/api/search", params={"q": query})
        assert response.status_code == 400, query
        assert response.json()["error"].startswith("search syntax:")
    assert client.get("/api/articles").json()["items"]


def test_search_needs_words_and_its_own_cursor(client: TestClient) -> None:
    assert client.get("/api/search").status_code == 422
    article_cursor = client.get("/api/articles", params={"limit": 1}).json()["next_cursor"]
    response = client.get("/api/search", params={"q": "Trump", "cursor": article_cursor})
    assert response.status_code == 400
