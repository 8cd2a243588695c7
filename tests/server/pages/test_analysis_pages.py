"""What the NLP stage found, on the pages: the highlighted article text and its panels, the
entity list and entity pages, and hostile names, speakers and dates shown as text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from fastapi.testclient import TestClient

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.server.app import create_app
from tests.server.pages.test_pages import Page, assert_inert

# Elements the highlighted text is built of: each must be closed in the order it was opened.
MARK_TAGS = {"mark", "a", "span", "time", "p", "section"}


class Marks(HTMLParser):
    """The marks of an article page's text section, and whether its elements nest."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.inside = False
        self.marks: list[tuple[dict[str, str | None], str]] = []
        self.open_text: list[list[str]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "section" and found.get("aria-label") == "Cleaned text":
            self.inside = True
        if self.inside and tag in MARK_TAGS:
            self.stack.append((tag, found))
            self.open_text.append([])

    def handle_endtag(self, tag: str) -> None:
        if not self.inside or tag not in MARK_TAGS:
            return
        opened, attrs = self.stack.pop()
        assert opened == tag, f"</{tag}> closes <{opened}>: marks do not nest"
        text = "".join(self.open_text.pop())
        for outer in self.open_text:
            outer.append(text)
        self.marks.append((attrs, text))
        if tag == "section":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside and self.open_text:
            self.open_text[-1].append(data)

    def quotes(self, speaker: str) -> str:
        """The text of every quote mark whose title names ``speaker``, joined."""
        return " ".join(
            text
            for attrs, text in self.marks
            if "data-quote" in attrs and (attrs.get("title") or "").startswith(speaker + " ·")
        )


def seed(web: TestClient, outlet: str) -> dict[str, str]:
    (item,) = web.get("/api/articles", params={"outlet": outlet}).json()["items"]
    return dict(item)


def entity_id(web: TestClient, name: str) -> str:
    items = web.get("/api/entities", params={"prefix": name, "limit": 200}).json()["items"]
    return str(next(item["id"] for item in items if item["name"] == name))


def test_article_text_highlights_quotes_names_dates_and_claims(web: TestClient) -> None:
    html = web.get(f"/articles/{seed(web, 'independent')['id']}").text
    marks = Marks(html)
    assert "Putin is mocking your peace efforts" in marks.quotes("Radek Sikorski")
    assert "I didn't make any progress with him today" in marks.quotes("Donald Trump")
    (thursday,) = [attrs for attrs, text in marks.marks if text == "Thursday"]
    assert thursday["datetime"] == "2025-07-03"
    assert (thursday["title"] or "").startswith("2025-07-03")
    kinds = {attrs["class"] for attrs, _ in marks.marks if "data-quote" in attrs}
    assert kinds == {"quote quote-direct", "quote quote-partial", "quote quote-reported"}
    trump = entity_id(web, "Donald Trump")
    links = [attrs for attrs, text in marks.marks if attrs.get("href") == f"/entities/{trump}"]
    assert len(links) >= 5
    assert any("data-claim" in attrs for attrs, _ in marks.marks)
    page = assert_inert(html)
    ids = [attrs["id"] for _, attrs in page.tags if attrs.get("id")]
    assert len(ids) == len(set(ids))  # anchors are unique
    anchors = {attrs["href"][1:] for _, attrs in page.tags if (attrs.get("href") or "")[:1] == "#"}
    assert anchors - {"main"} <= set(ids)  # every panel link lands on a mark


def test_article_panels_say_who_said_what_who_is_named_when_and_claims(web: TestClient) -> None:
    text = Page(web.get(f"/articles/{seed(web, 'independent')['id']}").text).all_text()
    for heading in ("Legend", "Who said what", "Named", "When", "Claims"):
        assert heading in text
    assert "Unnamed source: a senior officer in Ukraine’s drone warfare operations" in text
    assert "People" in text and "Radek Sikorski" in text
    assert "2025-W27" in text and "P30D" in text
    assert "500 drones and missiles = 500" in text


def test_an_article_not_analysed_says_so(tmp_path: Path, seed_dir: Path) -> None:
    db = tmp_path / "c.db"
    with Corpus(db, settings=Settings()) as corpus:
        corpus.ingest([str(seed_dir)])
    app = create_app(db, settings=Settings())
    with TestClient(app, headers={"accept": "text/html"}) as fresh:
        (item, _) = fresh.get("/api/articles").json()["items"]
        html = fresh.get(f"/articles/{item['id']}").text
        assert "has not been analysed yet" in html and "parallax analyze" in html
        assert html.count("<p>") > 5 and "data-quote" not in html
        assert "run <code>parallax analyze</code> to find them" in fresh.get("/entities").text


def test_entity_list_filters_and_pages(web: TestClient) -> None:
    text = Page(web.get("/entities").text).all_text()
    assert "Donald Trump" in text and "Mentions" in text
    people = Page(web.get("/entities", params={"label": "PERSON"}).text).all_text()
    assert "Radek Sikorski" in people and "Kyiv" not in people
    named = Page(web.get("/entities", params={"q": "zelensk"}).text).all_text()
    assert "Volodymyr Zelensky" in named and "Donald Trump" not in named
    assert "No entities match" in web.get("/entities", params={"q": "zzzz"}).text


def test_entity_page_lists_its_articles_and_quotes(web: TestClient) -> None:
    trump = entity_id(web, "Donald Trump")
    html = web.get(f"/entities/{trump}").text
    page = Page(html)
    text = page.all_text()
    hrefs = {attrs.get("href") for attrs in page.links()}
    for outlet in ("independent", "southfront"):
        assert f"/articles/{seed(web, outlet)['id']}" in hrefs
    assert "We must help Ukraine" in text and "I didn't make any progress" in text
    assert "2 articles" in text and "Trump" in text  # an alias
    named = web.get("/entities/Donald Trump", follow_redirects=False)
    assert named.status_code == 303 and named.headers["location"].endswith(f"/entities/{trump}")
    assert web.get("/entities/0000000000000000").status_code == 404


def test_articles_naming_an_entity(web: TestClient) -> None:
    sikorski = entity_id(web, "Radek Sikorski")
    text = Page(web.get("/articles", params={"entity": sikorski}).text).all_text()
    assert "1 article match" in text and "Articles that name Radek Sikorski" in text


def test_hostile_analysis_is_shown_as_text(web: TestClient, payloads: dict[str, str]) -> None:
    (one,) = [
        item
        for item in web.get("/api/articles", params={"q": "payloadcase"}).json()["items"]
        if item["title"].startswith("Payloadcase one")
    ]
    html = web.get(f"/articles/{one['id']}").text
    for payload in payloads.values():
        if set(payload) & set("<>\"'"):
            assert payload not in html
    page = assert_inert(html)
    titles = " ".join(attrs.get("title") or "" for _, attrs in page.tags)
    text = page.all_text()
    for payload in payloads.values():
        assert payload in text  # names, speakers, dates, units: shown as written
        assert payload in titles  # and in the tooltips, as attribute values
    classes = " ".join(attrs.get("class") or "" for _, attrs in page.tags)
    assert "onerror" not in classes.replace("entity-imgsrcxonerroralert", "")
    hostile = web.get("/api/entities", params={"prefix": "<", "limit": 200}).json()["items"]
    assert len(hostile) >= 3
    for item in hostile:
        entity = web.get(f"/entities/{item['id']}").text
        assert item["name"] not in entity
        assert item["name"] in Page(entity).all_text()
        assert_inert(entity)
    assert "article 49" not in text  # no template evaluation of {{ 7 * 7 }}
