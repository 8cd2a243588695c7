"""Story pages: the list, the home page's recent stories, one story (coverage chart,
timeline, one column per outlet from the comparison), its reports, the caches; and hostile
input in every new part (outlet names in the SVG, comparison spans, reports)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parallax.comparison import StoryComparison
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.model import Story
from parallax.report import build_report, write_report
from parallax.report.chart import coverage_chart
from parallax.report.story import story_view
from parallax.server.app import create_app
from parallax.server.pages.render import TEMPLATES
from tests.server.pages.seed_comparison import seed_comparison
from tests.server.pages.test_pages import Page, assert_inert
from tests.server.pages.test_report import assert_self_contained


def seed_story(corpus: Corpus) -> Story:
    """The story the two seed articles (The Independent, SouthFront) are grouped in."""
    return next(
        s for s in corpus.stories.list() if {"The Independent", "SouthFront"} <= set(s.outlets)
    )


def hostile_story(corpus: Corpus) -> Story:
    """A story of the hostile articles, whatever the grouper made of them."""
    hostile = [a for a in corpus.articles.list() if (a.title or "").startswith("Payloadcase")]
    return Story(
        id="shostile",
        title=hostile[0].title or "",
        article_ids=tuple(a.id for a in hostile),
        entities=("<script>alert(1)</script>",),
        outlets=tuple(a.outlet or "unknown" for a in hostile),
        first_seen=min(a.published for a in hostile if a.published),
        last_seen=max(a.published for a in hostile if a.published),
        grouper="tests",
    )


def _no_comparison(
    self: Corpus, story_id: str, *, stored_only: bool = False, save: bool = True, threads: int = 1
) -> StoryComparison | None:
    return None


@pytest.fixture
def uncompared(web_db: Path) -> Iterator[TestClient]:
    """The app with ``Corpus.compare`` answering nothing: the page falls back to articles."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Corpus, "compare", _no_comparison)
        app = create_app(web_db, settings=Settings())
        with TestClient(app, headers={"accept": "text/html"}) as client:
            yield client


@pytest.fixture(scope="module")
def seed_id(web_db: Path) -> str:
    with Corpus(web_db, settings=Settings()) as corpus:
        return seed_story(corpus).id


def test_stories_list_and_home_show_the_outlet_spread(web: TestClient, seed_id: str) -> None:
    for url in ("/stories", "/"):
        page = Page(web.get(url).text)
        links = [a.get("href") for a in page.links()]
        assert f"/stories/{seed_id}" in links, url
        assert "The Independent" in page.all_text() and "SouthFront" in page.all_text()
    assert web.get("/stories?cursor=nope").status_code == 400


def test_story_page_without_a_comparison(
    uncompared: TestClient, web_db: Path, seed_id: str
) -> None:
    with Corpus(web_db, settings=Settings()) as corpus:
        found = [corpus.articles.get(i) for i in seed_story(corpus).article_ids]
    days = {(a.outlet or "unknown", a.published) for a in found if a and a.published}
    html = uncompared.get(f"/stories/{seed_id}").text
    page = assert_inert(html)
    text = page.all_text()
    assert "Coverage over time" in text and "Timeline" in text and "Each outlet in detail" in text
    assert "not available for this story yet" in text
    rects = [attrs for tag, attrs in page.tags if tag == "rect" and "part-" not in str(attrs)]
    assert len(rects) == len(days) >= 2  # one bar per outlet and day
    assert "The Independent: 1 article on 2025-07-04" in text
    assert "SouthFront: 1 article on 2025-07-08" in text
    assert ("time", {"datetime": "2025-07-03"}) in page.tags  # a dated timeline entry
    columns = [attrs for tag, attrs in page.tags if attrs.get("class") == "outlet-column"]
    assert len(columns) == len({outlet for outlet, _ in days})
    assert "Federal Security Service" in text or "Designation" in text  # profile card, cited
    prefix = uncompared.get(f"/stories/{seed_id[:6]}", follow_redirects=False)
    assert prefix.status_code == 303 and prefix.headers["location"].endswith(f"/stories/{seed_id}")
    assert uncompared.get("/stories/snothing").status_code == 404


def test_story_page_columns_from_the_comparison(web: TestClient, seed_id: str) -> None:
    html = web.get(f"/stories/{seed_id}").text
    page = assert_inert(html)
    text = page.all_text()
    assert (
        "not available" not in text
        and "How this was computed" in text
        and "parallax.compare.story" in text
    )
    for heading in ("Reports", "Omits", "Contradicts", "Quotes by speaker", "Sourcing", "Framing"):
        assert text.count(heading) >= 2, heading  # in both outlets' columns
    assert "Pentagon review of ammunition stocks" in text  # the cause conflict, both spans
    assert "Donald Trump" in text and "also quoted by" in text
    assert "only here" in text and "reported by The Independent" in text  # unique, omitted


def test_comparison_spans_are_the_articles_text(web_db: Path, seed_id: str) -> None:
    with Corpus(web_db, settings=Settings()) as corpus:
        comparison = seed_comparison(corpus, seed_story(corpus))
        texts = {a.id: a.text for a in corpus.articles.list()}
        view = story_view(corpus, seed_story(corpus), compare=lambda _: comparison)
    spans = [e for o in comparison.outlets for e in o.claims]
    spans += [q for o in comparison.outlets for s in o.quotes for q in s.quotes]
    spans += [f.evidence for o in comparison.outlets for f in o.framing.terms]
    assert len(spans) > 40
    assert all(texts[e.article_id][e.start : e.end] == e.text for e in spans)
    columns = {column.outlet: column for column in view.columns}
    independent, southfront = columns["The Independent"], columns["SouthFront"]
    assert southfront.omits and all(only for _, only in independent.reports[1:3])
    (contradiction,) = southfront.contradictions
    assert contradiction.mine.outlet == "SouthFront"
    assert contradiction.theirs.outlet == "The Independent"
    assert contradiction.contradiction in comparison.contradictions


def test_story_reports_in_every_format(web_db: Path, seed_id: str) -> None:
    with Corpus(web_db, settings=Settings()) as corpus:
        report = build_report(corpus, [seed_id])
        html = write_report(report, "html") or ""
        markdown = write_report(report, "md") or ""
        data = json.loads(write_report(report, "json") or "")
    assert report.kind == "story" and len(report.articles) == len(report.story.story.article_ids)
    page = assert_self_contained(html)
    assert "coverage-chart" in html and "Each outlet in detail" in page.all_text()
    assert not [a for a in page.links() if (a.get("href") or "").startswith("/")]  # no site links
    for heading in ("## Coverage over time", "## Timeline", "#### Contradicts", "### SouthFront"):
        assert heading in markdown, heading
    story = data["story"]
    assert story["id"] == seed_id and story["timeline"] and story["coverage"]["grain"] == "day"
    columns = story["comparison"]["outlets"]
    assert {"The Independent", "SouthFront"} <= {c["outlet"] for c in columns}
    [index] = columns[0]["contradictions"]
    assert story["comparison"]["contradictions"][index]["first"]["span"]["text"]


def test_story_report_pages(web: TestClient, seed_id: str) -> None:
    for fmt, kind in (("html", "text/html"), ("md", "text/markdown"), ("json", "application/json")):
        response = web.get(f"/stories/{seed_id}/report.{fmt}")
        assert response.status_code == 200 and response.headers["content-type"].startswith(kind)
    html = web.get(f"/stories/{seed_id}/report.html")
    assert html.headers["content-security-policy"].startswith("default-src 'none'")
    assert web.get(f"/stories/{seed_id}/report.pdf").status_code == 404


def test_hostile_story_is_escaped_everywhere(web_db: Path, payloads: dict[str, str]) -> None:
    with Corpus(web_db, settings=Settings()) as corpus:
        story = hostile_story(corpus)
        comparison = seed_comparison(corpus, story)
        view = story_view(corpus, story, compare=lambda _: comparison)
        analysed = [o for o in comparison.outlets if o.claims]
        assert analysed and analysed[0].quotes  # the hostile analysis made it into the spans
        html = TEMPLATES.get_template("story.html").render(request=None, path="/", view=view)
        from parallax.report import Report

        report = Report(story.title, "story", (), story=view)
        outputs = [html, write_report(report, "html") or "", write_report(report, "md") or ""]
    assert "<rect" in html and "outlet-column" in html
    for output, check in zip(outputs[:2], (assert_inert, assert_self_contained), strict=True):
        page = check(output)
        for payload in payloads.values():
            if set(payload) & set("<>\"'"):
                assert payload not in output
        text = page.all_text()
        assert payloads["attribute"] in text  # an outlet name: in the chart and a column
        assert payloads["script"] in text
    markdown = outputs[2]
    assert not re.search(r"(?<!\\)[<>\[\]]", markdown)  # every bracket escaped: no HTML, no link
    assert "\\<script\\>alert(1)" in markdown
    data = json.dumps(comparison.outlets[0].claims[0].text)
    assert json.loads(data) == comparison.outlets[0].claims[0].text


def test_coverage_chart_by_day_by_week_and_undated() -> None:
    days = coverage_chart(
        [("A", date(2025, 7, 1)), ("A", date(2025, 7, 1)), ("B", date(2025, 7, 3))]
    )
    assert days is not None and days.grain == "day" and days.max_count == 2
    assert [row.outlet for row in days.rows] == ["A", "B"]
    assert [bar.count for bar in days.rows[0].bars] == [2]
    assert days.rows[1].bars[0].x > days.rows[0].bars[0].x
    weeks = coverage_chart([("A", date(2025, 1, 1)), ("A", date(2025, 12, 31)), ("A", None)])
    assert weeks is not None and weeks.grain == "week" and weeks.undated == 1
    assert "in the week from 2025-01-01" in weeks.rows[0].bars[0].title
    assert coverage_chart([("A", None)]) is None
    long_name = coverage_chart([("An outlet with a very long name indeed", date(2025, 1, 1))])
    assert long_name is not None and long_name.rows[0].label.endswith("…")


def test_answers_carry_etags_and_revalidate(web: TestClient, seed_id: str) -> None:
    first = web.get(f"/stories/{seed_id}")
    etag = first.headers["etag"]
    again = web.get(f"/stories/{seed_id}", headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["content-security-policy"].startswith("default-src 'self'")
    api = web.get("/api/stories")
    assert api.headers["etag"] and web.get("/api/stories").json() == api.json()


def test_a_write_to_the_store_is_seen_at_once(tmp_path: Path, seed_dir: Path) -> None:
    db = tmp_path / "corpus.db"
    with Corpus(db, settings=Settings()) as corpus:
        corpus.ingest([str(seed_dir)])
    with TestClient(create_app(db, settings=Settings()), headers={"accept": "text/html"}) as web:
        before = web.get("/")
        assert "Recent stories" not in before.text
        with Corpus(db, settings=Settings()) as corpus:  # another connection commits
            corpus.group_stories()
        after = web.get("/", headers={"if-none-match": before.headers["etag"]})
        assert after.status_code == 200 and "Recent stories" in after.text
        assert web.get("/api/stories").json()["items"]


def test_a_large_story_is_compared_only_once_stored(tmp_path: Path, seed_dir: Path) -> None:
    """Above ``page_compare_articles`` a page never computes the comparison while the reader
    waits: it shows the stored one, or says how to compute it."""
    db = tmp_path / "corpus.db"
    settings = Settings(page_compare_articles=1)  # the seed story has two articles
    with Corpus(db, settings=settings) as corpus:
        corpus.ingest([str(seed_dir)])
        corpus.analyze()
        corpus.group_stories()
        story = seed_story(corpus)
        assert corpus.compare(story.id, stored_only=True) is None
    with TestClient(create_app(db, settings=settings), headers={"accept": "text/html"}) as web:
        text = Page(web.get(f"/stories/{story.id}").text).all_text()
        assert "not available for this story yet" in text
        assert f"parallax compare {story.id}" in text
        assert web.get(f"/api/stories/{story.id}/comparison").status_code == 404
        with Corpus(db, settings=settings) as corpus:  # what `parallax compare` does
            assert corpus.compare(story.id) is not None
            stored = corpus.compare(story.id, stored_only=True)
            assert stored is not None and stored.outlets
        text = Page(web.get(f"/stories/{story.id}").text).all_text()
        assert (
            "not available" not in text
            and "How this was computed" in text
            and "parallax.compare.story" in text
        )
        assert web.get(f"/api/stories/{story.id}/comparison").json()["story_id"] == story.id


def test_pages_never_write_the_comparison_to_the_store(tmp_path: Path, seed_dir: Path) -> None:
    db = tmp_path / "corpus.db"
    with Corpus(db, settings=Settings()) as corpus:
        corpus.ingest([str(seed_dir)])
        corpus.analyze()
        corpus.group_stories()
        story = seed_story(corpus)
    with TestClient(create_app(db, settings=Settings()), headers={"accept": "text/html"}) as web:
        text = Page(web.get(f"/stories/{story.id}").text).all_text()
        assert "How this was computed" in text and "parallax.compare.story" in text
    with Corpus(db, settings=Settings()) as corpus:
        assert corpus.compare(story.id, stored_only=True) is None  # computed, not stored
        rows = corpus.store.connection.execute("SELECT COUNT(*) FROM comparisons").fetchone()
        assert rows[0] == 0
