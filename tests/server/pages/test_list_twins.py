"""The outlet list's filters and facets, the home page's JSON and CSV, an outlet's scores in
words, and list counts made once per set of filters and data version."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, quote_plus, urlsplit

from fastapi.testclient import TestClient

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.query import StoryQuery
from parallax.resources.stories import Stories
from parallax.results import Facets
from parallax.server.app import create_app
from tests.conftest import EXAMPLES, FIXTURES
from tests.server.pages.test_lists import rows_of


def test_outlet_facets_count_what_their_links_keep(web: TestClient) -> None:
    body = rows_of(web, "/outlets.json")
    everyone = body["total"]
    facets = body["facets"]
    assert set(facets) == {"country", "state_affiliated"}
    assert sum(v["count"] for v in facets["state_affiliated"]) == everyone
    for name, values in facets.items():
        for value in values:
            narrowed = rows_of(web, f"/outlets.json?{name}={value['value']}")
            assert narrowed["total"] == value["count"] == len(narrowed["rows"]), (name, value)
    russian = rows_of(web, "/outlets.json?country=russia&state_affiliated=yes")["rows"]
    assert [row["id"] for row in russian] == ["southfront"]
    assert rows_of(web, "/outlets.json?state_affiliated=no")["facets"]["state_affiliated"] == [
        {"value": "no", "label": "no state affiliation documented", "count": everyone - 1}
    ]


def test_outlet_page_shows_facet_links_and_keeps_the_filters_in_its_twins(
    web: TestClient,
) -> None:
    html = web.get("/outlets?state_affiliated=yes").text
    assert 'href="/outlets.json?state_affiliated=yes"' in html
    assert 'href="/outlets.csv?state_affiliated=yes"' in html
    assert 'href="/outlets" aria-current="true"' in html  # the chosen value removes the filter
    assert "Show every outlet" in html and "SouthFront" in html and "The Independent" not in html
    country = rows_of(web, "/outlets.json?state_affiliated=yes")["facets"]["country"][0]["value"]
    assert "Outlet country" in html and country.startswith("Russia")
    assert f'href="/outlets?state_affiliated=yes&amp;country={quote_plus(country)}"' in html
    refused = web.get("/outlets?state_affiliated=maybe")
    assert refused.status_code == 400


def _shown(html: str, list_class: str) -> list[str]:
    """The ids of the stories or articles a home page list links, in order."""
    start = html.index(f'<ul class="{list_class}">')
    block = html[start : html.index("</ul>", start)]
    kind = "stories" if list_class == "stories" else "articles"
    return list(dict.fromkeys(re.findall(rf'href="/{kind}/([^"#?/]+)"', block)))


def test_home_lists_link_their_json_and_csv_with_the_rows_they_show(web: TestClient) -> None:
    html = web.get("/").text
    twins = re.findall(r'href="(/(?:stories|articles)\.(?:json|csv)\?limit=\d+)"', html)
    assert {urlsplit(t).path for t in twins} == {
        "/stories.json", "/stories.csv", "/articles.json", "/articles.csv",
    }  # fmt: skip
    stories = next(t for t in twins if t.startswith("/stories.json"))
    assert [row["id"] for row in rows_of(web, stories)["rows"]] == _shown(html, "stories")
    articles = next(t for t in twins if t.startswith("/articles.json"))
    shown = [
        article_id
        for block in html.split('<ul class="articles">')[1:]
        for article_id in re.findall(r'href="/articles/([^"#?/]+)"', block.split("</ul>")[0])
    ]
    ids = [row["id"] for row in rows_of(web, articles)["rows"]]
    assert sorted(ids) == sorted(shown)  # the page groups them by outlet
    limit = int(parse_qs(urlsplit(articles).query)["limit"][0])
    assert len(ids) <= limit


def test_outlet_scores_are_words_with_their_scale_and_names_only_in_how_computed(
    web: TestClient,
) -> None:
    html = web.get("/outlets/southfront").text
    how = re.search(r'<details class="how">.*?</details>', html, re.S)
    assert how is not None and "lin2023_pc1" in how.group(0)
    outside = html.replace(how.group(0), "")
    assert "lin2023_pc1" not in outside and "wikipedia_perennial_status" not in outside
    assert "news-site quality rating (Lin et al. 2023" in outside
    assert "0.19 on 0\u20261, where 0 is the lowest quality and 1 the highest" in outside


def test_list_counts_are_made_once_per_filters_and_again_after_a_write(
    tmp_path: Any, monkeypatch: Any
) -> None:
    db = tmp_path / "corpus.db"
    with Corpus(db, settings=Settings()) as corpus:
        corpus.ingest([str(EXAMPLES / "seeds")])
        corpus.group_stories()
    made: list[StoryQuery | None] = []
    facets = Stories.facets

    def counting(self: Stories, query: StoryQuery | None = None) -> Facets:
        made.append(query)
        return facets(self, query)

    monkeypatch.setattr(Stories, "facets", counting)
    with TestClient(create_app(db, settings=Settings())) as web:
        rows_of(web, "/stories.json")
        for path in ("/stories", "/stories?sort=title", "/stories.csv?limit=1", "/stories.json"):
            assert web.get(path, headers={"accept": "text/html"}).status_code == 200
        assert len(made) == 1  # every page, order and format of the list shares one count
        rows_of(web, "/stories.json?state_affiliated=yes")
        assert len(made) == 2  # other filters, other counts
        articles = rows_of(web, "/articles.json")["total"]
        with Corpus(db, settings=Settings()) as corpus:
            corpus.ingest([str(FIXTURES / "jsonl" / "articles.jsonl")])
        rows_of(web, "/stories.json?sort=title")
        assert len(made) == 3  # made again after a write
        assert rows_of(web, "/articles.json?sort=title")["total"] > articles
