"""The list pages over HTTP: facets that count what their links keep, sort orders that page by
keyset, .json and .csv twins with the same filters, search syntax with a 400 that keeps the
form, and HEAD and OPTIONS on every page and JSON route."""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from parallax.query import ARTICLE_SORTS, ENTITY_SORTS, SEARCH_SORTS, STORY_SORTS
from parallax.server.pages.tables import inert, write_csv
from tests.conftest import EXAMPLES

LISTS = ["/stories", "/articles", "/search?q=Trump", "/entities", "/outlets"]


def twin(path: str, fmt: str) -> str:
    base, _, query = path.partition("?")
    return f"{base}.{fmt}" + (f"?{query}" if query else "")


def rows_of(web: TestClient, url: str) -> dict[str, Any]:
    response = web.get(url)
    assert response.status_code == 200, (url, response.text[:300])
    body: dict[str, Any] = response.json()
    return body


def walk(web: TestClient, url: str) -> list[dict[str, Any]]:
    """Every row of a JSON list, following next_url page by page."""
    rows: list[dict[str, Any]] = []
    next_url: str | None = url
    while next_url:
        body = rows_of(web, next_url)
        rows += body["rows"]
        next_url = body["next_url"]
        assert len(rows) < 500, "the cursors go round in circles"
    return rows


@pytest.mark.parametrize("path", LISTS)
def test_every_list_page_has_json_and_csv_twins_with_the_same_filters(
    web: TestClient, path: str
) -> None:
    page = web.get(path)
    assert page.status_code == 200
    for fmt, media in (("json", "application/json"), ("csv", "text/csv")):
        href = twin(path, fmt)
        assert f'href="{href.replace("&", "&amp;")}"' in page.text, href
        response = web.get(href)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(media)
    body = web.get(twin(path, "json")).json()
    table = list(csv.DictReader(io.StringIO(web.get(twin(path, "csv")).text)))
    assert [row["id"] for row in table] == [row["id"] for row in body["rows"]]
    assert body["rows"], path


def test_filters_and_sort_carry_over_to_the_twins(web: TestClient) -> None:
    path = "/articles?outlet=southfront&sort=title"
    assert 'href="/articles.csv?outlet=southfront&amp;sort=title"' in web.get(path).text
    body = rows_of(web, "/articles.json?outlet=southfront&sort=title")
    assert {row["outlet"] for row in body["rows"]} == {"SouthFront"}
    assert body["total"] == len(body["rows"])


def test_csv_cells_cannot_become_formulas() -> None:
    assert [inert(v) for v in ("=1+1", "+1", "-2", "@SUM(A1)", "\tx", "plain", None)] == [
        "'=1+1", "'+1", "'-2", "'@SUM(A1)", "'\tx", "plain", "",
    ]  # fmt: skip
    text = write_csv([{"title": '=HYPERLINK("http://evil")', "outlets": ["a", "b"]}])
    assert list(csv.reader(io.StringIO(text))) == [
        ["title", "outlets"], ['\'=HYPERLINK("http://evil")', "a; b"],
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "sorts", "key"),
    [
        ("/articles.json", ARTICLE_SORTS, {"published": "published", "title": "title", "outlet": "outlet"}),
        ("/stories.json", STORY_SORTS, {"last_seen": "last_seen", "first_seen": "first_seen", "articles": "articles", "title": "title"}),
        ("/entities.json", ENTITY_SORTS, {"mentions": "mentions", "name": "name"}),
        ("/search.json?q=the", SEARCH_SORTS, {"published": "published", "rank": "score"}),
    ],
)  # fmt: skip
def test_every_sort_order_pages_by_keyset_through_every_row(
    web: TestClient, path: str, sorts: tuple[str, ...], key: dict[str, str]
) -> None:
    joiner = "&" if "?" in path else "?"
    everything = walk(web, f"{path}{joiner}limit=200")
    assert len(everything) > 3
    for sort in sorts:
        rows = walk(web, f"{path}{joiner}sort={sort}&limit=2")
        ids = [row["id"] for row in rows]
        assert sorted(ids) == sorted(row["id"] for row in everything), sort
        column = key[sort.removeprefix("-")]
        values = [row[column] for row in rows if row[column] is not None]
        descending = sort.startswith("-") or sort in ("rank", "-mentions")
        assert values == sorted(values, reverse=descending), (sort, values)
        undated = [i for i, row in enumerate(rows) if row[column] is None]
        assert undated == list(range(len(rows) - len(undated), len(rows))), "missing values last"


def test_an_unknown_sort_is_refused(web: TestClient) -> None:
    for path in ("/stories", "/articles.json", "/entities", "/outlets.csv", "/search?q=a"):
        joiner = "&" if "?" in path else "?"
        response = web.get(f"{path}{joiner}sort=id;DROP TABLE articles")
        assert response.status_code == 400, path
        assert "sort must be one of" in response.text


def test_sort_links_set_the_sort_and_mark_the_current_one(web: TestClient) -> None:
    text = web.get("/stories?sort=-articles").text
    assert '<a href="/stories?sort=-articles" aria-current="true">most articles</a>' in text
    assert 'href="/stories?sort=title"' in text


@pytest.mark.parametrize(
    ("path", "dates"),
    [
        ("/articles", ("published_from", "published_to")),
        ("/stories", ("since", "until")),
        ("/search?q=the", ("since", "until")),
    ],
)
def test_each_facet_count_is_what_its_link_keeps(
    web: TestClient, path: str, dates: tuple[str, str]
) -> None:
    body = rows_of(web, twin(path, "json"))
    facets = body["facets"]
    assert {"outlet", "country", "state_affiliated", "month"} <= set(facets)
    if path != "/stories":  # a story with outlets of both kinds counts under both
        assert sum(v["count"] for v in facets["state_affiliated"]) == body["total"]
    links = [
        ("outlet", {"outlet": facets["outlet"][0]["value"]}, facets["outlet"][0]["count"]),
        ("yes", {"state_affiliated": "yes"}, _count(facets["state_affiliated"], "yes")),
        ("no", {"state_affiliated": "no"}, _count(facets["state_affiliated"], "no")),
        ("country", {"country": facets["country"][0]["value"]}, facets["country"][0]["count"]),
    ]
    month = facets["month"][0]
    first, last = f"{month['value']}-01", f"{month['value']}-31"
    links.append(("month", {dates[0]: first, dates[1]: last}, month["count"]))
    base, _, query = twin(path, "json").partition("?")
    for name, params, count in links:
        narrowed = web.get(base, params={**parse_qs(query), **params, "limit": 200}).json()
        assert narrowed["total"] == count, (name, params)


def _count(values: list[dict[str, Any]], value: str) -> int:
    return next((v["count"] for v in values if v["value"] == value), 0)


def test_facets_on_the_page_link_to_the_narrowed_list_and_back(web: TestClient) -> None:
    facets = rows_of(web, "/articles.json")["facets"]
    southfront = next(v for v in facets["outlet"] if v["label"] == "SouthFront")
    text = web.get("/articles").text
    assert f'href="/articles?outlet={southfront["value"]}">SouthFront</a> ' in text
    assert f'<span class="count">{southfront["count"]}</span>' in text
    narrowed = web.get(f"/articles?outlet={southfront['value']}").text
    assert (
        '<a href="/articles" aria-current="true" title="Remove this filter">SouthFront' in narrowed
    )


def test_entity_facets_count_the_types(web: TestClient) -> None:
    body = rows_of(web, "/entities.json?limit=200")
    labels = {v["value"]: v["count"] for v in body["facets"]["label"]}
    everything = walk(web, "/entities.json?limit=200")
    assert sum(labels.values()) == len(everything)
    person = walk(web, "/entities.json?label=PERSON&limit=200")
    assert len(person) == labels["PERSON"]
    assert 'href="/entities?label=PERSON"' in web.get("/entities").text


def test_search_takes_or_phrases_and_prefixes_and_counts(web: TestClient) -> None:
    medvedev = rows_of(web, "/search.json?q=Medvedev")["total"]
    trump = rows_of(web, "/search.json?q=Trump")["total"]
    both = rows_of(web, "/search.json?q=Medvedev Trump")["total"]
    either = rows_of(web, "/search.json?q=Medvedev OR Trump")
    assert medvedev and trump and either["total"] == medvedev + trump - both
    assert rows_of(web, "/search.json?q=Medved*")["total"] == medvedev
    assert rows_of(web, '/search.json?q="Dmitry Medvedev"')["total"] >= 1
    assert rows_of(web, '/search.json?q="Medvedev Dmitry"')["total"] == 0
    page = web.get("/search", params={"q": "Medvedev OR Trump"}).text
    assert f"{either['total']} articles match" in page
    assert "|".join(row["story_page"] or "" for row in either["rows"])  # hits link to stories


def test_a_syntax_error_is_a_400_page_that_keeps_the_form(web: TestClient) -> None:
    response = web.get(
        "/search", params={"q": '"Medvedev', "country": "Russia", "sort": "published"}
    )
    assert response.status_code == 400
    text = response.text
    assert "search syntax: a quote is not closed" in text
    assert 'value="&#34;Medvedev"' in text and 'value="Russia"' in text
    assert '<input type="hidden" name="sort" value="published">' in text
    listed = web.get("/articles", params={"q": "mosque OR", "outlet": "southfront"})
    assert listed.status_code == 400
    assert "has nothing after it" in listed.text and 'value="mosque OR"' in listed.text
    api = web.get("/search.json", params={"q": "(a"}, headers={"accept": "application/json"})
    assert api.status_code == 400 and api.json()["error"].startswith("search syntax:")


def test_entities_and_outlets_link_to_their_stories(web: TestClient) -> None:
    entity = walk(web, "/entities.json?limit=200")[0]
    assert f'href="/stories?entity={entity["id"]}"' in web.get("/entities").text
    assert 'href="/stories?outlet=southfront"' in web.get("/outlets").text
    hit = rows_of(web, "/search.json?q=Medvedev")["rows"][0]
    assert hit["story_page"] and hit["story_page"] in web.get("/search?q=Medvedev").text


def test_article_pages_show_the_file_name_not_the_server_path(web: TestClient) -> None:
    (item,) = rows_of(web, "/articles.json?outlet=southfront")["rows"]
    text = web.get(f"/articles/{item['id']}").text
    assert str(EXAMPLES) not in text
    assert "001_ead8df1f51385aab.txt" in text or "000_f1244bfe7fc0ce2e.txt" in text


def routes(web: TestClient) -> list[str]:
    story = rows_of(web, "/stories.json")["rows"][0]["id"]
    article = rows_of(web, "/articles.json")["rows"][0]["id"]
    entity = rows_of(web, "/entities.json")["rows"][0]["id"]
    pages = [
        "/", *LISTS, f"/stories/{story}", f"/articles/{article}", f"/entities/{entity}",
        "/outlets/southfront", f"/stories/{story}/report.md", "/static/parallax.css",
    ]  # fmt: skip
    api = ["/api/articles", "/api/stories", "/api/search?q=Trump", f"/api/articles/{article}",
           "/api/outlets", "/api/entities", "/api/openapi.json"]  # fmt: skip
    data = [twin(path, fmt) for path in LISTS for fmt in ("json", "csv")]
    return pages + api + data


def test_head_is_a_get_without_its_body_on_every_route(web: TestClient) -> None:
    for path in routes(web):
        got, head = web.get(path), web.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b"", path
        assert head.headers["content-type"] == got.headers["content-type"], path
        assert head.headers.get("content-security-policy"), path
    assert web.head("/no/such/page").status_code == 404


def test_options_says_which_methods_every_route_takes(web: TestClient) -> None:
    for path in routes(web):
        response = web.options(path)
        assert response.status_code == 204, path
        assert response.headers["allow"] == "GET, HEAD, OPTIONS", path
        assert response.headers.get("x-content-type-options") == "nosniff"
    assert web.options("/no/such/page").status_code == 404
    assert web.post("/stories").status_code == 405


def test_links_keep_the_other_filters_and_drop_the_cursor(web: TestClient) -> None:
    first = rows_of(web, "/articles.json?limit=2&state_affiliated=no")
    assert first["next_url"]
    query = parse_qs(urlsplit(first["next_url"]).query)
    assert query["state_affiliated"] == ["no"] and query["cursor"]
    text = web.get(f"/articles?state_affiliated=no&cursor={query['cursor'][0]}").text
    assert "cursor=" not in text.split('class="facets"')[1].split("</section>")[0]
