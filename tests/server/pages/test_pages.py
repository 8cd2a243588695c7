"""The web pages through TestClient: content, provenance, security headers, and escaping of
hostile input on every page type (the browser tests check the same in Chromium)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from parallax import report
from parallax.server.app import SECURITY_HEADERS
from parallax.server.pages import render

TEMPLATES = Path(report.__file__).parent / "templates"
FORBIDDEN_TAGS = {"script", "iframe", "svg", "img", "object", "embed", "frame", "base", "style"}


class Page(HTMLParser):
    """The tags, attributes and text of an HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def links(self) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.tags if tag == "a"]

    def all_text(self) -> str:
        return "".join(self.text)


def assert_inert(html: str) -> Page:
    """Assert that a page holds no script, no handler, no foreign asset, no script URL."""
    page = Page(html)
    for tag, attrs in page.tags:
        # The SVGs a page may hold are the story's charts, drawn by our templates.
        chart = tag == "svg" and attrs.get("class") in {"coverage-chart", "share-bar"}
        assert tag not in FORBIDDEN_TAGS or chart, (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            if name in ("href", "src", "action") and value is not None:
                same_site = value.startswith(("/", "#")) and not value.startswith("//")
                assert same_site or re.match(r"https?://", value), (tag, name, value)
                if tag != "a":
                    assert same_site, (tag, name, value)  # assets only from this server
    return page


def page_urls(web: TestClient, payloads: dict[str, str]) -> list[str]:
    """Every page of every type in the test corpus, plus error and reflected-input pages."""
    articles = web.get("/api/articles", params={"limit": 200}).json()["items"]
    outlets = web.get("/api/outlets").json()["items"]
    urls = ["/", "/articles", "/outlets", "/search", "/search?q=alert", "/search?q=Trump"]
    stories = web.get("/api/stories", params={"limit": 200}).json()["items"]
    urls += ["/stories", *(f"/stories/{quote(item['id'], safe='')}" for item in stories)]
    urls += [f"/articles/{quote(item['id'], safe='')}" for item in articles]
    urls += [f"/outlets/{quote(item['id'], safe='')}" for item in outlets]
    entities = web.get("/api/entities", params={"limit": 200}).json()["items"]
    urls += ["/entities", "/entities?label=PERSON", "/entities?q=don"]
    urls += [f"/entities/{item['id']}" for item in entities]
    urls += [f"/articles?entity={item['id']}" for item in entities[:5]]
    urls += [f"/entities?label={quote(item['label'], safe='')}" for item in entities]
    for payload in payloads.values():
        quoted = quote(payload, safe="")
        urls += [f"/search?q={quoted}", f"/articles?q={quoted}&country={quoted}&outlet={quoted}"]
        urls += [f"/articles/{quoted}", f"/outlets/{quoted}", f"/entities/{quoted}"]
        urls += [f"/stories/{quoted}", f"/stories?cursor={quoted}"]
        urls += [f"/entities?q={quoted}&label={quoted}", f"/articles?entity={quoted}"]
    return urls


def test_every_page_is_inert_and_carries_the_headers(
    web: TestClient, payloads: dict[str, str]
) -> None:
    urls = page_urls(web, payloads)
    assert len(urls) > 100
    for url in urls:
        response = web.get(url)
        assert response.status_code in (200, 400, 404), (url, response.status_code)
        assert response.headers["content-type"].startswith("text/html"), url
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value, (url, name)
        page = assert_inert(response.text)
        assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in (
            page.tags
        )
        assert ("html", {"lang": "en"}) in page.tags


def test_hostile_payloads_are_escaped_text(web: TestClient, payloads: dict[str, str]) -> None:
    listed = web.get("/api/articles", params={"q": "payloadcase", "limit": 200}).json()["items"]
    assert len(listed) == 3
    seen = ""
    for item in listed:
        response = web.get(f"/articles/{item['id']}")
        body = response.text
        for payload in payloads.values():
            if set(payload) & set("<>\"'"):
                assert payload not in body  # never raw
        seen += Page(body).all_text()
    for payload in payloads.values():
        assert payload in seen  # shown as text, exactly as written
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in web.get(f"/articles/{listed[-1]['id']}").text
    assert "article 49 with" not in seen  # no template evaluation of {{ 7 * 7 }}


def test_only_http_urls_become_links(web: TestClient) -> None:
    listed = web.get("/api/articles", params={"q": "payloadcase", "limit": 200}).json()["items"]
    by_title = {item["title"].split(" ")[1]: item for item in listed}
    one = Page(web.get(f"/articles/{by_title['one']['id']}").text)
    assert "javascript:alert(6)" in one.all_text()
    assert not [a for a in one.links() if "alert(6)" in (a.get("href") or "")]
    three = Page(web.get(f"/articles/{by_title['three']['id']}").text)
    assert not [a for a in three.links() if "alert(8)" in (a.get("href") or "").lower()]
    two = Page(web.get(f"/articles/{by_title['two']['id']}").text)
    (link,) = [a for a in two.links() if (a.get("href") or "").startswith("https://evil.example")]
    assert link["href"] == 'https://evil.example/"><script>alert(7)</script>'  # an attribute value
    assert link["rel"] == "noopener noreferrer nofollow"


def test_home_groups_recent_articles_by_outlet(web: TestClient) -> None:
    page = Page(web.get("/").text)
    text = page.all_text()
    assert "Recent articles" in text
    headings = [attrs.get("href") for tag, attrs in page.tags if tag == "a"]
    assert "/outlets/southfront" in headings and "/outlets/independent" in headings


def test_article_page_shows_provenance_text_and_removals(web: TestClient) -> None:
    (southfront,) = web.get("/api/articles", params={"outlet": "southfront"}).json()["items"]
    html = web.get(f"/articles/{southfront['id']}").text
    page = Page(html)
    text = page.all_text()
    assert "domain:southfront.press" in text and "date-line" in text and "2025-07-08" in text
    (link,) = [a for a in page.links() if a.get("href") == southfront["url"]]
    assert link["rel"] == "noopener noreferrer nofollow"
    assert html.count("<p>") > 5  # paragraphs of the cleaned text
    assert "What cleaning removed" in text and "metadata" in text
    (independent,) = web.get("/api/articles", params={"outlet": "independent"}).json()["items"]
    text = Page(web.get(f"/articles/{independent['id']}").text).all_text()
    assert "signature:The Independent is on the ground" in text
    assert "Your support helps us" in text  # shown under what cleaning removed
    assert "none given" in text  # seed 000 has no URL


def test_outlet_page_cites_every_fact(web: TestClient) -> None:
    html = web.get("/outlets/southfront").text
    page = Page(html)
    text = page.all_text()
    assert "Official designations" in text and "Council of the European Union" in text
    citations = {a.get("href") for a in page.links()}
    assert "https://home.treasury.gov/news/press-releases/jy0126" in citations
    assert "https://eur-lex.europa.eu/eli/reg/2025/395/oj" in citations
    assert text.count("Citation:") >= 4 and text.count("Source:") >= 3
    assert "lin2023_pc1" in text and "licence" in text
    assert "Between Aid And Deadlock" in text  # its articles
    named = web.get("/outlets/South Front", follow_redirects=False)
    assert named.status_code == 303 and named.headers["location"].endswith("/outlets/southfront")


def test_search_page_highlights_matches(web: TestClient) -> None:
    html = web.get("/search", params={"q": "Medvedev"}).text
    assert "<mark>Medvedev</mark>" in html
    assert "No article matches" in web.get("/search", params={"q": "zzzzqqq"}).text


def test_article_filters_in_the_page(web: TestClient) -> None:
    text = Page(web.get("/articles", params={"country": "Russia"}).text).all_text()
    assert "1 article match" in text and "Between Aid And Deadlock" in text
    for name in ("state_affiliated", "affiliated"):  # the second is the deprecated name
        affiliated = Page(web.get("/articles", params={name: "yes"}).text).all_text()
        assert "1 article match" in affiliated
    page = web.get("/articles", params={"affiliated": "yes"}).text
    assert 'name="state_affiliated"' in page and '<option value="yes" selected>' in page
    bad = web.get("/articles", params={"published_from": "yesterday"})
    assert bad.status_code == 400 and "must be a date" in bad.text


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_templates_never_mark_content_safe(template: str) -> None:
    source = (TEMPLATES / template).read_text()
    for unsafe in ("|safe", "| safe", "Markup", "autoescape false", "autoescape=false"):
        assert unsafe not in source, (template, unsafe)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", source), template


def test_autoescape_is_on_for_every_template() -> None:
    environment = render.TEMPLATES
    assert environment.autoescape is True
    for name in environment.list_templates():
        rendered = environment.from_string("{{ value }}").render(value="<b>")
        assert rendered == "&lt;b&gt;", name


def test_static_assets_are_served_locally(web: TestClient) -> None:
    css = web.get("/static/parallax.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert "@media" in css.text and "http" not in css.text
    assert web.get("/static/favicon.svg").status_code == 200


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://southfront.press/a", True),
        ("http://example.org", True),
        ("  https://example.org/x ", True),
        ("javascript:alert(1)", False),
        (" JaVaScRiPt:alert(1)", False),
        ("\x01javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//evil.example/x", False),
        ("https:///nohost", False),
        ("vbscript:msgbox(1)", False),
        ("", False),
        (None, False),
    ],
)
def test_only_http_urls_are_linkable(url: str | None, linked: bool) -> None:
    assert (render.web_url(url) is not None) is linked


def test_paragraphs_split_at_blank_lines() -> None:
    assert render.paragraphs("One\nline.\n\n  \nTwo.\n\n") == ["One\nline.", "Two."]
    assert render.segment("a/b c") == "a%2Fb%20c"
