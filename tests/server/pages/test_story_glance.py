"""The story page at a glance: one row per outlet with counts read off the comparison, the
headlines linked to the original articles, and the state badge with its citations; the same
table in the story's HTML report; the state badge on the lists where people pick a story."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from fastapi.testclient import TestClient

from parallax.comparison import StoryComparison
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.report import build_report, write_report
from parallax.report.story import story_view
from parallax.server.pages.render import TEMPLATES
from tests.server.pages.seed_comparison import seed_comparison
from tests.server.pages.test_pages import assert_inert
from tests.server.pages.test_report import assert_self_contained
from tests.server.pages.test_story_pages import hostile_story, seed_story

OFAC = "https://home.treasury.gov/news/press-releases/jy0628"


class Glance(HTMLParser):
    """The rows of a page's ``table.glance``: each cell's text and the links in it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[str, list[dict[str, str | None]]]]] = []
        self.classes: list[str] = []  # each row's class
        self._depth = 0  # inside the table's body
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table" and found.get("class") == "glance":
            self._depth = 1
        elif self._depth and tag == "tbody":
            self._depth = 2
        elif self._depth == 2 and tag == "tr":
            self.rows.append([])
            self.classes.append(found.get("class") or "")
        elif self._depth == 2 and tag in ("td", "th") and self._cell is None:
            self._cell = []
            self.rows[-1].append(("", []))
        elif self._cell is not None and tag == "a":
            self.rows[-1][-1][1].append(found)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.rows[-1][-1][0] == "":
            self.rows[-1][-1] = (" ".join("".join(self._cell).split()), self.rows[-1][-1][1])
            self._cell = None
        elif tag == "table":
            self._depth = 0

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _expected(comparison: StoryComparison, outlet: str) -> list[int]:
    """claims, shared, only here, omits, contradictions, counted here from the comparison."""
    column = comparison.outlet(outlet)
    assert column is not None
    spread = {
        (c.article_id, c.start, c.end): set(group.outlets)
        for group in comparison.groups
        for c in group.claims
    }
    outlets = [spread.get((c.article_id, c.start, c.end), set()) for c in column.claims]
    contradictions = [
        c
        for c in comparison.contradictions
        if outlet in (c.first.span.outlet, c.second.span.outlet)
    ]
    omitted = [g for g in column.omitted if comparison.group(g) is not None]
    return [
        len(column.claims),
        sum(bool(names - {outlet}) for names in outlets),
        sum(names == {outlet} for names in outlets),
        len(omitted),
        len(contradictions),
    ]


def test_the_story_page_opens_with_the_outlets_at_a_glance(web: TestClient, web_db: Path) -> None:
    with Corpus(web_db, settings=Settings()) as corpus:
        story = seed_story(corpus)
        comparison = corpus.compare(story.id, save=False)
        articles = [corpus.articles.get(i) for i in story.article_ids]
    assert comparison is not None
    html = web.get(f"/stories/{story.id}").text
    assert_inert(html)
    # Long lists show their first items and link to the rest: no "… and N more" is a dead
    # end, and every claim and omitted group is on the outlet's page of the story it links to.
    more = re.findall(r'<a (?:class="more" )?href="[^"]+">… and', html)
    assert html.count("… and") == len(more) >= 1
    for column in comparison.outlets:
        outlet_page = web.get(f"/stories/{story.id}/outlets", params={"outlet": column.outlet})
        whole = assert_inert(outlet_page.text).all_text()
        assert all(claim.text in whole for claim in column.claims), column.outlet
        omitted = [comparison.group(g) for g in column.omitted]
        assert all(group.summary in whole for group in omitted if group), column.outlet
    assert html.index('id="glance-heading"') < html.index('id="coverage-heading"')  # on top
    table = Glance(html)
    names = {a.outlet or "unknown" for a in articles if a}
    assert {"The Independent", "SouthFront"} <= names and len(table.rows) == len(names)
    rows = {}
    for row in table.rows:
        (outlet,) = [name for name in names if row[0][0].startswith(name)]
        rows[outlet] = row
        own = [a for a in articles if a and (a.outlet or "unknown") == outlet]
        numbers = [int(text) for text, _ in row[2:]]
        assert numbers == [len(own), *_expected(comparison, outlet)], outlet
        headlines = row[1][1]
        for article in own:
            if article.url:
                (original,) = [a for a in headlines if a.get("href") == article.url]
                assert original["rel"] == "noopener nofollow"
            assert {"href": f"/articles/{article.id}", "class": "in-parallax"} in headlines
            assert (article.title or f"Untitled article {article.id}") in row[1][0]
    assert [a.url for a in articles if a and a.outlet == "SouthFront"] == [
        "https://southfront.press/kyiv-struggle-amid-shifting-us-support/"
    ]  # linked above
    assert sum(int(row[6][0]) for row in table.rows) >= 1  # the seeds' omitted claims
    southfront, independent = rows["SouthFront"], rows["The Independent"]
    assert table.classes[table.rows.index(southfront)] == "affiliated"
    assert "intelligence-linked according to the U.S. government" in southfront[0][0]
    assert "Federal Security Service (FSB)" in southfront[0][0]
    links = [a.get("href") for a in southfront[0][1]]
    assert OFAC in links and "/outlets/southfront" in links
    assert not [a for a in independent[0][1] if a.get("href") == OFAC]  # no badge, no facts
    assert "badge-state" not in str(independent)


def test_the_story_report_has_the_same_table_without_site_links(web_db: Path) -> None:
    with Corpus(web_db, settings=Settings()) as corpus:
        story = seed_story(corpus)
        html = write_report(build_report(corpus, [story.id]), "html") or ""
    assert_self_contained(html)
    table = Glance(html)
    assert len(table.rows) == 3  # The Independent, SouthFront, articles of no known outlet
    links = [a.get("href") or "" for row in table.rows for _, cell in row for a in cell]
    assert OFAC in links and not [href for href in links if href.startswith("/")]
    with Corpus(web_db, settings=Settings()) as corpus:
        markdown = write_report(build_report(corpus, [story.id]), "md") or ""
    rows = [line for line in markdown.splitlines() if line.startswith("| SouthFront")]
    assert len(rows) == 1 and "intelligence-linked" in rows[0] and "official designation" in rows[0]
    assert markdown.index("## At a glance") < markdown.index("## Coverage over time")


def test_state_affiliated_outlets_wear_a_distinct_badge_on_every_list(
    web: TestClient, web_db: Path
) -> None:
    with Corpus(web_db, settings=Settings()) as corpus:
        profile = corpus.outlets.registry.get("southfront")
    assert profile is not None and profile.state_affiliation is not None
    latest = max(profile.designations, key=lambda d: d.date).citation
    for url in ("/", "/stories", "/search?q=Pentagon"):
        html = web.get(url).text
        page = assert_inert(html)
        badges = [attrs for tag, attrs in page.tags if "badge-state" in (attrs.get("class") or "")]
        assert badges, url
        links = [a.get("href") for a in page.links()]
        assert profile.state_affiliation.source in links, url
        assert latest in links, url  # the latest designation's citation
        assert "intelligence-linked according to the U.S. government" in page.all_text(), url


def test_every_evidence_link_lands_on_a_span_of_the_article(web: TestClient, web_db: Path) -> None:
    with Corpus(web_db, settings=Settings()) as corpus:
        story = seed_story(corpus)
        texts = {i: corpus.articles.get(i) for i in story.article_ids}
    page = assert_inert(web.get(f"/stories/{story.id}").text)
    evidence = [a.get("href") or "" for a in page.links() if a.get("class") == "from"]
    assert len(evidence) > 20
    targets: dict[str, set[str]] = {}
    for href in evidence:
        path, _, anchor = href.partition("#")
        found = re.fullmatch(r"/articles/(\w+)", path)
        assert found and re.fullmatch(r"span-\d+-\d+", anchor), href
        targets.setdefault(found.group(1), set()).add(anchor)
    for article_id, anchors in targets.items():
        article = texts[article_id]
        assert article is not None
        html = web.get(f"/articles/{article_id}").text
        ids = {attrs["id"]: attrs for _, attrs in assert_inert(html).tags if attrs.get("id")}
        missing = sorted(anchors - set(ids))
        assert not missing, (article_id, missing)
        assert all(ids[anchor].get("class") == "cited" for anchor in anchors)


def test_article_search_entity_and_outlet_pages_link_to_their_stories(
    web: TestClient, web_db: Path
) -> None:
    with Corpus(web_db, settings=Settings()) as corpus:
        story = seed_story(corpus)
        articles = [corpus.articles.get(i) for i in story.article_ids]
        southfront = next(a for a in articles if a and a.outlet == "SouthFront")
        trump = corpus.entities.find("Donald Trump")
    assert trump is not None
    href = f"/stories/{story.id}"
    html = web.get(f"/articles/{southfront.id}").text
    assert_inert(html)
    nav = html[html.index('<nav class="breadcrumbs"') :]
    crumbs = nav[: nav.index("</nav>")]  # Stories › the story › the article
    assert crumbs.index('href="/stories"') < crumbs.index(f'href="{href}"')
    for url in (f"/entities/{trump.id}", "/outlets/southfront", "/search?q=Kyiv"):
        page = assert_inert(web.get(url).text)
        assert href in [a.get("href") for a in page.links()], url
    outlet = web.get("/outlets/southfront").text
    assert outlet.index('id="stories-heading"') < outlet.index('id="articles-heading"')


def test_hostile_outlets_and_headlines_stay_text_in_the_table(
    web_db: Path, payloads: dict[str, str]
) -> None:
    with Corpus(web_db, settings=Settings()) as corpus:
        story = hostile_story(corpus)
        comparison = seed_comparison(corpus, story)
        view = story_view(corpus, story, compare=lambda _: comparison)
    html = TEMPLATES.get_template("story.html").render(request=None, path="/", view=view)
    glance = html[html.index('<table class="glance">') : html.index("</table>")]
    assert_inert(glance)
    for payload in payloads.values():
        if set(payload) & set("<>\"'"):
            assert payload not in glance, payload
    table = Glance(html)
    outlets = " ".join(row[0][0] for row in table.rows)
    headlines = " ".join(row[1][0] for row in table.rows)
    assert payloads["attribute"] in outlets and payloads["script"] in outlets
    assert payloads["close-title"] in headlines  # a title, shown as text
    originals = [a for row in table.rows for a in row[1][1] if a.get("class") == "original"]
    assert all((a.get("href") or "").startswith("https://") for a in originals)  # no javascript:
