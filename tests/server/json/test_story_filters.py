"""Filters of ``GET /api/stories`` and ``GET /api/search`` (issue 6) on real input: the seed
story (The Independent and SouthFront, 2025-07-04 to 2025-07-08, naming Donald Trump) among
the stories of the JSON Lines fixtures; each filter keeps and drops the right stories and
matches, pages with cursors reach each match once, bad values get the one error envelope, and
the per-process cache keys filtered listings by their filters."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.query import StoryQuery
from parallax.server.app import create_app
from tests.conftest import EXAMPLES, FIXTURES
from tests.server.json.test_articles import every_page
from tests.server.json.test_error_shape import assert_envelope

Item = dict[str, Any]


@pytest.fixture(scope="module")
def story_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds (analysed, grouped into one story), then the JSON Lines fixtures (grouped,
    not analysed: the benchmark pages are long), which bring more outlets and stories."""
    db = tmp_path_factory.mktemp("story-filters") / "corpus.db"
    with Corpus(db, settings=Settings()) as corpus:
        corpus.ingest([str(EXAMPLES / "seeds")])
        corpus.analyze()
        corpus.group_stories()
        corpus.ingest(
            [str(FIXTURES / "jsonl" / name) for name in ("articles.jsonl", "pages.jsonl")]
        )
        corpus.group_stories()
    return db


@pytest.fixture(scope="module")
def api(story_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(story_db, settings=Settings()), raise_server_exceptions=False) as c:
        yield c


def story_ids(client: TestClient, **params: object) -> list[str]:
    return [item["id"] for item in every_page(client, "/api/stories", limit=200, **params)]


@pytest.fixture(scope="module")
def every_story(api: TestClient) -> list[Item]:
    return every_page(api, "/api/stories", limit=200)


@pytest.fixture(scope="module")
def seed(every_story: list[Item]) -> Item:
    """The story of the two seed articles."""
    (story,) = [s for s in every_story if {"The Independent", "SouthFront"} <= set(s["outlets"])]
    return story


@pytest.fixture(scope="module")
def others(every_story: list[Item], seed: Item) -> list[Item]:
    """The stories no seed outlet covers (the benchmark pages' outlets)."""
    found = [s for s in every_story if not {"The Independent", "SouthFront"} & set(s["outlets"])]
    assert found, [s["outlets"] for s in every_story]
    return found


def test_the_corpus_has_the_seed_story_and_others(
    every_story: list[Item], seed: Item, others: list[Item]
) -> None:
    assert len(every_story) >= 2
    assert seed["first_seen"] == "2025-07-04" and seed["last_seen"] >= "2025-07-08"
    assert "Donald Trump" in seed["entities"]
    assert all(not story["entities"] for story in others)  # not analysed: no key entities


@pytest.mark.parametrize("outlet", ["southfront", "SouthFront", "South Front", "southfront.press"])
def test_outlet_keeps_the_stories_it_covers(
    api: TestClient, seed: Item, others: list[Item], outlet: str
) -> None:
    kept = every_page(api, "/api/stories", outlet=outlet)
    assert seed["id"] in [story["id"] for story in kept]
    assert all("SouthFront" in story["outlets"] for story in kept)
    assert not {story["id"] for story in others} & {story["id"] for story in kept}


def test_outlet_of_another_story_keeps_it_and_not_the_seed(
    api: TestClient, seed: Item, others: list[Item]
) -> None:
    articles = [api.get(f"/api/articles/{i}").json() for s in others for i in s["article_ids"]]
    outlet_id = next(article["outlet_id"] for article in articles if article["outlet_id"])
    kept = story_ids(api, outlet=outlet_id)
    covering = [s["id"] for s in others if set(s["article_ids"]) & _ids_of(api, outlet_id)]
    assert covering and set(covering) == set(kept) and seed["id"] not in kept


def _ids_of(client: TestClient, outlet_id: str) -> set[str]:
    return {str(a["id"]) for a in every_page(client, "/api/articles", outlet=outlet_id)}


def test_outlet_without_a_story_gives_an_empty_page(api: TestClient) -> None:
    for outlet in ("rt", "Russia Today", "no-such-outlet.example"):
        body = api.get("/api/stories", params={"outlet": outlet}).json()
        assert body == {"items": [], "next_cursor": None}, outlet


def test_dates_keep_stories_whose_period_overlaps(
    api: TestClient, seed: Item, every_story: list[Item]
) -> None:
    first, last = date.fromisoformat(seed["first_seen"]), date.fromisoformat(seed["last_seen"])
    day = timedelta(days=1)
    assert seed["id"] in story_ids(api, since=last.isoformat())  # its last day counts
    assert seed["id"] not in story_ids(api, since=(last + day).isoformat())
    assert seed["id"] in story_ids(api, until=first.isoformat())  # its first day counts
    assert seed["id"] not in story_ids(api, until=(first - day).isoformat())
    # No seed article is dated 5 or 6 July, but the story is active then: it overlaps.
    inside = story_ids(api, since="2025-07-05", until="2025-07-06")
    assert seed["id"] in inside
    around = story_ids(api, since=(first - 30 * day).isoformat(), until=(last + day).isoformat())
    assert seed["id"] in around
    assert story_ids(api, since="2025-07-06", until="2025-07-05") == []  # an empty range
    for story in every_story:
        overlaps = (story["last_seen"] or "") >= "2025-07-05" and (
            story["first_seen"] or "9999"
        ) <= "2025-07-06"
        assert (story["id"] in inside) == overlaps, story


def test_entity_by_name_or_id_keeps_the_stories_that_name_it(
    api: TestClient, seed: Item, others: list[Item]
) -> None:
    (trump,) = api.get("/api/entities", params={"prefix": "Donald Trump"}).json()["items"]
    by_name = story_ids(api, entity="Donald Trump")
    assert seed["id"] in by_name
    assert not {story["id"] for story in others} & set(by_name)
    assert story_ids(api, entity="donald trump") == by_name  # a canonical name, any case
    assert story_ids(api, entity=trump["id"]) == by_name
    assert story_ids(api, entity="Nobody Of That Name") == []


def test_entity_named_only_in_the_articles_keeps_the_story(api: TestClient, seed: Item) -> None:
    """An entity the articles mention that is not among the story's key entities."""
    entities = every_page(api, "/api/entities", limit=200)
    minor = [e for e in entities if e["name"] not in seed["entities"]]
    assert minor
    assert seed["id"] in story_ids(api, entity=minor[0]["id"])


def test_state_affiliation_country_and_affiliation_words(
    api: TestClient, seed: Item, others: list[Item]
) -> None:
    other_ids = {story["id"] for story in others}
    # SouthFront's registry entry documents a state affiliation (intelligence-linked);
    # The Independent's does not, so the seed story passes both ways.
    affiliated = story_ids(api, state_affiliated="true")
    assert seed["id"] in affiliated and not other_ids & set(affiliated)
    unaffiliated = story_ids(api, state_affiliated="false")
    assert seed["id"] in unaffiliated and other_ids <= set(unaffiliated)
    for params in ({"country": "Russia"}, {"country": "russia"}, {"affiliation": "intelligence"}):
        kept = story_ids(api, **params)
        assert seed["id"] in kept and not other_ids & set(kept), params
    assert seed["id"] in story_ids(api, country="United Kingdom")
    assert story_ids(api, country="Ruritania") == []
    assert story_ids(api, affiliation="state-owned") == []
    # Combined with AND: one outlet must pass every outlet filter.
    assert story_ids(api, outlet="independent", state_affiliated="true") == []
    assert seed["id"] in story_ids(api, outlet="independent", state_affiliated="false")
    assert story_ids(api, country="Russia", since="2030-01-01") == []


def test_limit_one_with_a_filter_visits_every_match_once(api: TestClient) -> None:
    expected = story_ids(api, state_affiliated="false")
    assert len(expected) >= 2
    paged = [
        item["id"] for item in every_page(api, "/api/stories", limit=1, state_affiliated="false")
    ]
    assert paged == expected
    assert len(set(paged)) == len(paged)
    everything = story_ids(api)
    assert [story_id for story_id in everything if story_id in expected] == expected  # same order


def test_a_cursor_of_another_listing_is_refused(api: TestClient, others: list[Item]) -> None:
    first = api.get("/api/stories", params={"limit": 1}).json()
    assert first["next_cursor"]
    bad = api.get("/api/stories", params={"outlet": "southfront", "cursor": others[0]["id"]})
    assert bad.status_code == 400
    assert_envelope(bad)


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"since": "2025-02-30"}, 422),
        ({"until": "yesterday"}, 422),
        ({"since": "20250704"}, 422),
        ({"state_affiliated": "perhaps"}, 422),
        ({"outlet": "x" * 201}, 422),
        ({"entity": "x" * 201}, 422),
        ({"country": "x" * 201}, 422),
        ({"affiliation": "x" * 201}, 422),
        ({"outlet": "southfront", "cursor": "not-a-story"}, 400),
    ],
)
def test_bad_story_filters_get_the_envelope(
    api: TestClient, params: dict[str, str], status: int
) -> None:
    response = api.get("/api/stories", params=params)
    assert response.status_code == status, response.text
    assert_envelope(response)
    if status == 422:
        assert any(line.startswith("query.") for line in response.json()["errors"])


def test_filter_values_are_data_not_sql(api: TestClient) -> None:
    for value in ("' OR 1=1 --", '"); DROP TABLE stories; --', "%", "_", "\\"):
        for name in ("outlet", "entity", "country", "affiliation"):
            assert story_ids(api, **{name: value}) == [], (name, value)
    assert story_ids(api)  # the stories are all still there


def test_the_schema_declares_the_new_parameters(api: TestClient) -> None:
    paths = api.get("/api/openapi.json").json()["paths"]
    for path in ("/api/stories", "/api/search"):
        parameters = {p["name"]: p["schema"] for p in paths[path]["get"]["parameters"]}
        for name in ("outlet", "entity", "country", "affiliation"):
            (text,) = [s for s in parameters[name]["anyOf"] if s["type"] == "string"]
            assert text["maxLength"] == 200, (path, name)
        for name in ("since", "until"):
            assert {"type": "string", "format": "date"} in parameters[name]["anyOf"], (path, name)
        assert {"type": "boolean"} in parameters["state_affiliated"]["anyOf"], path


def test_story_filters_resolve_names_before_paging(story_db: Path, seed: Item) -> None:
    with Corpus(story_db, settings=Settings()) as corpus:
        every = corpus.stories.page(StoryQuery(limit=200)).items
        kept = corpus.stories.page(StoryQuery(outlet="southfront", limit=200)).items
        by_name = corpus.stories.page(StoryQuery(outlet="South Front", limit=200)).items
        assert [s.id for s in by_name] == [s.id for s in kept]  # resolved to the same id
        assert corpus.stories.page(StoryQuery(outlet="rt")).items == ()
        assert seed["id"] in [story.id for story in kept] and len(kept) < len(every)
        assert corpus.stories.count(StoryQuery(outlet="southfront")) == len(kept)
        assert [s.id for s in every] == [s.id for s in corpus.stories.list()]  # same order


def test_cached_answers_differ_by_filter(api: TestClient, seed: Item) -> None:
    """The answer cache keys on the query string: a filter never gets another's answer."""
    for _ in range(2):  # the second round is answered from the caches
        assert seed["id"] in story_ids(api, outlet="southfront")
        assert story_ids(api, outlet="rt") == []
        assert seed["id"] in story_ids(api)


# --- GET /api/search --------------------------------------------------------------------


#: A word of the three seed-story articles: The Independent's and SouthFront's (analysed, both
#: naming Donald Trump) and an outlet-less excerpt of SouthFront's (not analysed).
WORD = "Ukraine"


def hits(client: TestClient, **params: object) -> list[Item]:
    return [item["article"] for item in every_page(client, "/api/search", limit=200, **params)]


def test_search_outlet_and_dates(api: TestClient) -> None:
    everything = hits(api, q=WORD)
    outlets = {hit["outlet_id"] for hit in everything}
    assert {"southfront", "independent"} <= outlets
    southfront = hits(api, q=WORD, outlet="South Front")
    assert southfront and all(hit["outlet_id"] == "southfront" for hit in southfront)
    assert [h["id"] for h in southfront] == [
        h["id"] for h in everything if h["outlet_id"] == "southfront"
    ]
    assert hits(api, q=WORD, outlet="rt") == []
    later = hits(api, q=WORD, since="2025-07-05")
    assert later and all(hit["published"] >= "2025-07-05" for hit in later)
    assert "independent" not in {hit["outlet_id"] for hit in later}
    earlier = hits(api, q=WORD, until="2025-07-04")
    assert earlier and all(hit["published"] <= "2025-07-04" for hit in earlier)
    dated = [h["id"] for h in everything if h["published"] and h["published"] >= "2025-07-04"]
    ranged = hits(api, q=WORD, since="2025-07-04", until="2099-01-01")
    old = hits(api, q="the", until="2019-12-31")  # the benchmark pages, from 2019
    assert old and all(hit["published"] < "2020" for hit in old)
    assert not {"southfront", "independent"} & {hit["outlet_id"] for hit in old}
    assert [h["id"] for h in ranged] == dated  # undated matches are left out


def test_search_affiliation_country_and_entity(api: TestClient) -> None:
    everything = hits(api, q=WORD)
    affiliated = hits(api, q=WORD, state_affiliated="true")
    assert affiliated and {hit["outlet_id"] for hit in affiliated} == {"southfront"}
    unaffiliated = hits(api, q=WORD, state_affiliated="false")
    assert unaffiliated and "southfront" not in {hit["outlet_id"] for hit in unaffiliated}
    assert len(affiliated) + len(unaffiliated) == len(everything)
    assert [h["id"] for h in hits(api, q=WORD, country="Russia")] == [h["id"] for h in affiliated]
    assert [h["id"] for h in hits(api, q=WORD, affiliation="intelligence")] == [
        h["id"] for h in affiliated
    ]
    assert hits(api, q=WORD, country="Ruritania") == []
    # Only the analysed seed articles name the entity; the unanalysed excerpt does not.
    named = hits(api, q=WORD, entity="Donald Trump")
    analysed = {a["id"] for a in every_page(api, "/api/articles", entity=_trump_id(api))}
    assert named and {hit["id"] for hit in named} == analysed & {h["id"] for h in everything}
    assert len(named) < len(everything)
    assert hits(api, q=WORD, entity=_trump_id(api)) == named
    assert hits(api, q=WORD, entity="Nobody Of That Name") == []


def _trump_id(client: TestClient) -> str:
    (trump,) = client.get("/api/entities", params={"prefix": "Donald Trump"}).json()["items"]
    return str(trump["id"])


def test_search_pages_with_a_filter_reach_every_match_once(api: TestClient) -> None:
    expected = [hit["id"] for hit in hits(api, q=WORD, state_affiliated="false")]
    assert len(expected) >= 2
    paged = every_page(api, "/api/search", q=WORD, state_affiliated="false", limit=1)
    assert [item["article"]["id"] for item in paged] == expected
    assert len(set(expected)) == len(expected)


@pytest.mark.parametrize(
    "params",
    [
        {"since": "2025-13-01"},
        {"until": "soon"},
        {"state_affiliated": "maybe"},
        {"outlet": "x" * 201},
        {"entity": "x" * 201},
    ],
)
def test_bad_search_filters_get_the_envelope(api: TestClient, params: dict[str, str]) -> None:
    response = api.get("/api/search", params={"q": WORD, **params})
    assert response.status_code == 422, response.text
    assert_envelope(response)
