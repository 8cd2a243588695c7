"""The article page, its report and the article API show when the text was captured, every
stored revision with its capture time, and a headline-only feed item as such; all of it as text.
Two captures of one benchmark page (tests/fixtures/html/aeb) and Apple's sample podcast feed."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.server.app import create_app
from tests.server.pages.test_pages import assert_inert
from tests.test_identity_corpus import EUROPA, FEEDS, page, warc

URL = "https://www.sciencealert.com/nasa-finds-water-plumes"
HOSTILE = "<script>alert('revision')</script> & <b>bold</b>"
CAPTURES = ("2019-11-18T08:00:00Z", "2019-11-19T08:00:00Z")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    root = tmp_path_factory.mktemp("revisions")
    first = page(EUROPA)
    later = page(EUROPA, edit=("Goddard Space Flight Center", "Goddard Space Flight Centre"))
    for number, (when, body) in enumerate(zip(CAPTURES, (first, later), strict=True)):
        (root / f"day{number}.warc.gz").write_bytes(warc((URL, when, body)))
    # A headline in markup, as a hostile producer could send it, must reach the page as text.
    hostile = root / "hostile.jsonl"
    body = "A text that is long enough to be kept as an article, twice over, in two versions."
    hostile.write_text(
        "\n".join(
            json.dumps({"url": "https://b.example/x", "title": HOSTILE, "text": f"{body} {n}"})
            for n in (1, 2)
        )
        + "\n"
    )
    podcast = FEEDS / "all-about-everything-podcast.xml"
    db = root / "c.db"
    with Corpus(db, settings=Settings()) as corpus:
        for path in (root / "day0.warc.gz", root / "day1.warc.gz", hostile, podcast):
            corpus.ingest([str(path)])
    return TestClient(create_app(db, settings=Settings()), headers={"accept": "text/html"})


def article_id(client: TestClient, url: str) -> str:
    items = client.get("/api/articles", params={"limit": 100}).json()["items"]
    return str(next(item["id"] for item in items if item["url"] == url))


def test_the_page_lists_every_revision_with_its_capture_time(client: TestClient) -> None:
    found = article_id(client, URL)
    html = client.get(f"/articles/{found}").text
    page_text = assert_inert(html).all_text()
    assert "Captured" in page_text and "Revisions" in page_text
    assert "2 stored versions" in page_text
    for when in CAPTURES:
        assert when in page_text
    assert html.count('class="shown"') == 1  # the latest capture is the one shown
    assert "Headline only" not in page_text
    report = client.get(f"/articles/{found}/report.html").text
    assert "Revisions" in report and all(when in report for when in CAPTURES)
    markdown = client.get(f"/articles/{found}/report.md").text
    assert "- Revisions: 2, captured" in markdown and all(when in markdown for when in CAPTURES)


def test_the_api_article_has_its_capture_time_and_revisions(client: TestClient) -> None:
    article = client.get(f"/api/articles/{article_id(client, URL)}").json()
    assert article["captured"] == CAPTURES[1]
    assert [r["captured"] for r in article["revisions"]] == list(CAPTURES)
    assert "Centre" in article["revisions"][1]["text"]
    assert "Centre" not in article["revisions"][0]["text"]


def test_revision_titles_are_escaped(client: TestClient) -> None:
    found = article_id(client, "https://b.example/x")
    html = client.get(f"/articles/{found}").text
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    page_text = assert_inert(html).all_text()
    assert page_text.count(HOSTILE) >= 3  # the heading and both revisions


def test_a_headline_only_item_says_so(client: TestClient) -> None:
    items = client.get("/api/articles", params={"limit": 100}).json()["items"]
    articles = [client.get(f"/api/articles/{item['id']}").json() for item in items]
    podcast = [a for a in articles if a["source"].endswith("all-about-everything-podcast.xml")]
    assert [a["flags"] for a in podcast] == [["summary_only"]] * 3
    for article in articles:
        page_text = assert_inert(client.get(f"/articles/{article['id']}").text).all_text()
        assert ("Headline only:" in page_text) == (article in podcast)
        assert ("Revisions" in page_text) == (len(article["revisions"]) > 1)
        markdown = client.get(f"/articles/{article['id']}/report.md").text
        assert ("**Headline only:**" in markdown) == (article in podcast)
