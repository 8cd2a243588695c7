"""trafilatura's metadata found on the page's one parsed tree is what trafilatura's own
``extract_metadata`` finds, field by field, on every real page the tests have; and the fallback
title and author are looked for only when the page gives none of its own."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import trafilatura
from trafilatura.metadata import extract_metadata

from parallax.config import Settings
from parallax.datasets.article_extraction import load_metadata_pages
from parallax.ingest import structured, trafmeta
from parallax.ingest.decode import decode_bytes
from parallax.ingest.html import declared_charset, extract_html
from parallax.ingest.published import date_options
from parallax.model import RawArticle

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
TODAY = date_options().copy()


def _pages() -> list[tuple[str, str, str | None]]:
    pages = [
        (
            page.file,
            decode_bytes(page.html, source=page.file, declared=declared_charset(page.html)),
            page.url,
        )
        for page in load_metadata_pages(FIXTURES / "trafilatura-eval")
    ]
    for path in sorted((FIXTURES / "aeb" / "html").glob("*.html.gz")):
        pages.append((path.name, gzip.decompress(path.read_bytes()).decode("utf-8"), None))
    return pages


PAGES = _pages()


def test_there_are_pages_to_compare() -> None:
    assert len(PAGES) >= 13


@pytest.mark.parametrize(("name", "html", "url"), PAGES, ids=[name for name, _, _ in PAGES])
def test_each_field_is_trafilaturas(name: str, html: str, url: str | None) -> None:
    tree = trafilatura.load_html(html)
    expected = extract_metadata(trafilatura.load_html(html), url, TODAY)
    found = trafmeta.page_metadata(tree, url, TODAY)
    assert (found.url, found.date, found.sitename) == (
        expected.url,
        expected.date,
        expected.sitename,
    )
    assert (found.title(), found.author()) == (expected.title, expected.author)


def test_the_fallbacks_are_not_looked_for_when_the_page_names_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # sciencealert.com names its headline in an <h1> and its author in a byline.
    page = FIXTURES / "aeb" / "html"
    path = page / "14cc2a0ca59c62a8c9f205a171e9ccf4ef4cf69b0c642f51c8c65c051b39024f.html.gz"
    html = gzip.decompress(path.read_bytes()).decode("utf-8")
    searched: list[str] = []
    monkeypatch.setattr(trafmeta, "extract_title", lambda tree: searched.append("title"))
    monkeypatch.setattr(trafmeta, "page_byline", lambda tree: searched.append("author"))
    article = extract_html(html, source="page.html", settings=Settings())
    assert isinstance(article, RawArticle) and article.title and article.author
    assert searched == []


def test_the_json_ld_of_a_page_is_parsed_once_by_the_reader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The headline, the site's names and the authors each read the page's JSON-LD.
    (page,) = [
        page
        for page in load_metadata_pages(FIXTURES / "trafilatura-eval")
        if page.file == "die-tagespost.de.Demut.html"
    ]
    html = decode_bytes(page.html, source=page.file, declared=declared_charset(page.html))
    parsed: list[str] = []

    def counting(text: str, **options: Any) -> Any:
        parsed.append(text)
        return json.loads(text, **options)

    monkeypatch.setattr(structured, "json", SimpleNamespace(loads=counting))
    assert structured.json_ld_objects(trafilatura.load_html(html))
    blocks = len(parsed)
    parsed.clear()
    article = extract_html(html, source=page.file, url=page.url, settings=Settings())
    assert isinstance(article, RawArticle)
    assert blocks >= 2 and len(parsed) == blocks
