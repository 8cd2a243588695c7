"""The filter forms of ``/stories`` and ``/search`` (issue 6) over the web test corpus: each
filter keeps and drops the right stories and matches, the forms show what was asked, their
page links keep the filters, and hostile or bad values are shown as text or refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from parallax.config import Settings
from parallax.errors import ConfigError
from parallax.server.app import create_app
from parallax.server.pages import lists
from parallax.store.fts import match_expression
from tests.server.json.test_error_shape import assert_envelope
from tests.server.pages.test_pages import Page, assert_inert

Item = dict[str, Any]
#: A word of the seed story's three articles (The Independent's, SouthFront's, an excerpt).
WORD = "Ukraine"


def story_links(html: str) -> list[str]:
    """The story ids a page links to, in order."""
    hrefs = [str(a.get("href") or "") for a in Page(html).links()]
    return [href.removeprefix("/stories/") for href in hrefs if href.startswith("/stories/")]


def result_links(html: str) -> list[str]:
    """The article ids a search page lists, in order."""
    page = Page(html)
    return [
        str(attrs["href"]).removeprefix("/articles/")
        for tag, attrs in page.tags
        if tag == "a" and attrs.get("class") == "title"
    ]


def field(html: str, name: str) -> dict[str, str | None]:
    """The attributes of the page's form input called ``name`` (not the header's search box)."""
    (attrs,) = [
        a
        for tag, a in Page(html).tags
        if tag == "input" and a.get("name") == name and a.get("id") != "site-q"
    ]
    return attrs


def selected(html: str) -> list[str | None]:
    """The values of the selected options of a page's selects."""
    return [a.get("value") for tag, a in Page(html).tags if tag == "option" and "selected" in a]


@pytest.fixture(scope="module")
def seed(web: TestClient) -> Item:
    items = web.get("/api/stories", params={"limit": 200}).json()["items"]
    (story,) = [s for s in items if {"The Independent", "SouthFront"} <= set(s["outlets"])]
    return story


@pytest.fixture
def small_pages(web_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """A fresh app (its own caches) whose story and search pages hold one row each."""
    monkeypatch.setattr(lists, "STORY_PAGE", 1)
    monkeypatch.setattr(lists, "SEARCH_PAGE", 1)
    with TestClient(create_app(web_db, settings=Settings()), headers={"accept": "text/html"}) as c:
        yield c


def follow(client: TestClient, url: str, params: dict[str, str]) -> tuple[list[str], list[str]]:
    """Follow a list's next-page links; return the pages' HTML and every next-page URL."""
    pages, nexts = [client.get(url, params=params).text], []
    for _ in range(200):
        (link,) = [a for a in Page(pages[-1]).links() if a.get("rel") == "next"] or [None]
        if link is None:
            return pages, nexts
        nexts.append(str(link["href"]))
        response = client.get(nexts[-1])
        assert response.status_code == 200, response.text
        pages.append(response.text)
    raise AssertionError("pagination did not end")


def test_the_stories_form_keeps_its_values(web: TestClient, seed: Item) -> None:
    params = {
        "outlet": "southfront",
        "since": "2025-07-01",
        "until": "2025-07-31",
        "entity": "Donald Trump",
        "country": "Russia",
        "state_affiliated": "yes",
        "affiliation": "intelligence",
    }
    response = web.get("/stories", params=params)
    assert response.status_code == 200
    html = response.text
    assert story_links(html) == [seed["id"]]
    assert "1 story matches" in Page(html).all_text()
    for name in ("since", "until", "entity", "country", "affiliation"):
        assert field(html, name)["value"] == params[name], name
    assert selected(html) == ["southfront", "yes"]
    forms = [a for tag, a in Page(html).tags if tag == "form"]
    assert {"class": "filters", "action": "/stories", "method": "get"} in forms


def test_each_story_filter_keeps_and_drops(web: TestClient, seed: Item) -> None:
    every = story_links(web.get("/stories").text)
    assert seed["id"] in every and len(every) > 1
    last = date.fromisoformat(seed["last_seen"])
    kept = {
        "outlet": "South Front",
        "since": seed["last_seen"],
        "until": seed["first_seen"],
        "entity": "donald trump",
        "state_affiliated": "yes",
        "country": "Russia",
    }
    for name, value in kept.items():
        assert seed["id"] in story_links(web.get("/stories", params={name: value}).text), name
    dropped = {"since": (last + timedelta(days=1)).isoformat(), "entity": "Nobody Of That Name"}
    for name, value in dropped.items():
        assert seed["id"] not in story_links(web.get("/stories", params={name: value}).text), name
    southfront = story_links(web.get("/stories", params={"outlet": "southfront"}).text)
    assert southfront == [seed["id"]]  # the hostile and benchmark stories are left out


def test_an_outlet_without_a_story_shows_none(web: TestClient) -> None:
    html = web.get("/stories", params={"outlet": "rt"}).text
    assert story_links(html) == []
    assert "No story matches these filters" in Page(html).all_text()
    assert "/stories" in [a.get("href") for a in Page(html).links()]  # the way back


def test_story_pages_keep_the_filters_in_their_links(
    small_pages: TestClient, web: TestClient
) -> None:
    listed = web.get("/api/stories", params={"state_affiliated": "false", "limit": 200})
    expected = [story["id"] for story in listed.json()["items"]]
    assert len(expected) >= 2
    params = {"state_affiliated": "no", "country": ""}
    pages, nexts = follow(small_pages, "/stories", params)
    assert [story_id for html in pages for story_id in story_links(html)] == expected
    assert len(nexts) == len(expected) - 1
    for url in nexts:
        query = parse_qs(urlsplit(url).query)
        assert query["state_affiliated"] == ["no"] and query["cursor"], url
    for html in pages[1:]:  # the pager's "First page" link: the filters, and no cursor
        (first,) = [
            str(a["href"])
            for a in Page(html).links()
            if a.get("rel") is None and str(a.get("href")).startswith("http://testserver/")
        ]
        assert parse_qs(urlsplit(first).query) == {"state_affiliated": ["no"]}, first


def test_search_filters_in_the_page(web: TestClient) -> None:
    everything = web.get("/api/search", params={"q": WORD, "limit": 200}).json()["items"]
    southfront = [
        i["article"]["id"] for i in everything if i["article"]["outlet_id"] == "southfront"
    ]
    assert southfront and len(southfront) < len(everything)
    html = web.get("/search", params={"q": WORD, "outlet": "southfront"}).text
    assert result_links(html) == southfront
    assert field(html, "q")["value"] == WORD
    assert selected(html) == ["southfront", ""]
    assert ("details", {"class": "search-filters", "open": None}) in Page(html).tags
    later = web.get("/search", params={"q": WORD, "since": "2099-01-01"}).text
    assert result_links(later) == []
    assert f"No article matches “{WORD}” with these filters" in Page(later).all_text()
    affiliated = web.get("/search", params={"q": WORD, "state_affiliated": "yes"}).text
    assert result_links(affiliated) == southfront
    unfiltered = web.get("/search", params={"q": WORD}).text
    assert ("details", {"class": "search-filters"}) in Page(unfiltered).tags  # closed


def test_search_pages_keep_the_filters_in_their_links(
    small_pages: TestClient, web: TestClient
) -> None:
    params = {"q": WORD, "state_affiliated": "no"}
    api = web.get("/api/search", params={"q": WORD, "state_affiliated": "false", "limit": 200})
    expected = [item["article"]["id"] for item in api.json()["items"]]
    assert len(expected) >= 2
    pages, nexts = follow(small_pages, "/search", params)
    assert [article_id for html in pages for article_id in result_links(html)] == expected
    for url in nexts:
        query = parse_qs(urlsplit(url).query)
        assert query["q"] == [WORD] and query["state_affiliated"] == ["no"], url


def unparsable(search: str) -> bool:
    """Whether a search is a syntax error (a 400 page that still keeps the form)."""
    try:
        match_expression(search)
    except ConfigError:
        return True
    return False


def test_hostile_filter_values_are_shown_as_text(web: TestClient, payloads: dict[str, str]) -> None:
    for payload in payloads.values():
        params = {name: payload for name in ("outlet", "entity", "country", "affiliation")}
        for url, extra in (("/stories", {}), ("/search", {"q": payload})):
            response = web.get(url, params={**params, **extra})
            assert response.status_code == (400 if extra and unparsable(payload) else 200), url
            assert_inert(response.text)
            if set(payload) & set("<>\"'"):
                assert payload not in response.text  # never raw
            for name in ("entity", "country", "affiliation"):
                assert field(response.text, name)["value"] == payload, (url, name)
            assert payload in selected(response.text)  # the outlet asked for, as an option


@pytest.mark.parametrize(
    ("url", "params", "status", "says"),
    [
        ("/stories", {"since": "yesterday"}, 400, "since must be a date"),
        ("/stories", {"until": "2025-02-30"}, 400, "until must be a date"),
        ("/stories", {"state_affiliated": "perhaps"}, 400, "state_affiliated must be yes"),
        ("/stories", {"outlet": "x" * 501}, 422, "invalid request parameters"),
        ("/stories", {"outlet": "southfront", "cursor": "not-a-story"}, 400, "not a story"),
        ("/search", {"q": WORD, "since": "soon"}, 400, "since must be a date"),
        ("/search", {"q": WORD, "entity": "x" * 501}, 422, "invalid request parameters"),
    ],
)
def test_bad_filter_values_are_refused(
    web: TestClient, url: str, params: dict[str, str], status: int, says: str
) -> None:
    page = web.get(url, params=params)
    assert page.status_code == status and says in page.text
    assert page.headers["content-type"].startswith("text/html")
    api_client = web.get(url, params=params, headers={"accept": "application/json"})
    assert api_client.status_code == status
    assert_envelope(api_client)
